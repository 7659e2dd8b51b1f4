"""News posts are checked like the data: the block at the top, and a body of Markdown with no HTML."""

from __future__ import annotations

import pytest

from build_charts import pipeline
from build_charts.pages import updates
from build_charts.validate.checks import posts
from build_charts.validate.problem import shorten
from build_charts.validate.report import as_text
from conftest import TODAY, copy_project

POST = "essex-text-message-referrals.md"
FILE = f"docs/updates/{POST}"
TITLE = 'title: "Essex Police text people identified in county lines investigations"'
HTML_FIX = ("Remove the tag and write Markdown instead: **bold**, [link text](https://...), a line starting with * for "
            "a bullet point. The site adds its own formatting.")
HTML_EXPECTED = "Markdown with no HTML tags, comments, scripts or javascript: links"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("posts"))


@pytest.fixture(scope="module")
def messages_before(project) -> set[str]:
    """The messages validation gives for the project as copied, which every test leaves as it found it."""
    return {as_text(p) for p in pipeline.validate(project, today=TODAY).problems}


@pytest.fixture
def post_messages(project, messages_before):
    """The messages validation gives after the post's text is changed by change(text)."""
    path = project.docs / "updates" / POST
    original = path.read_text(encoding="utf-8")
    before = messages_before

    def messages(change) -> list[str]:
        path.write_text(change(original), encoding="utf-8")
        return [as_text(p) for p in pipeline.validate(project, today=TODAY).problems if as_text(p) not in before]

    yield messages
    path.write_text(original, encoding="utf-8")


def _error(where: str, found: str, expected: str, fix: str) -> str:
    return f"Error in {FILE}, {where}\n  Found:    {found}\n  Expected: {expected}\n  Fix:      {fix}"


def test_the_real_posts_are_valid(project):
    assert [p for p in pipeline.validate(project, today=TODAY).problems if p.file.startswith("docs/updates")] == []


def test_a_title_with_an_unquoted_colon_gives_one_message_saying_to_quote_it(post_messages):
    unquoted = "title: Practice elsewhere: Essex Police text people"
    assert post_messages(lambda text: text.replace(TITLE, unquoted)) == [_error(
        'line 2, column "title"', 'a colon (:) inside the title: "Practice elsewhere: Essex Police text people"',
        "a title in double quotes when it contains a colon",
        'Put the title in quotes: title: "Practice elsewhere: Essex Police text people"')]


@pytest.mark.parametrize("html", ["<script>alert(1)</script>", '<meta http-equiv="refresh" content="0;url=https://evil.test">',
                                  '<iframe src="https://evil.test"></iframe>', "<!-- hidden -->",
                                  "[Exit](javascript:alert(1))", "Fish &#38; chips"])
def test_validate_reports_html_in_the_body_of_a_post(post_messages, html):
    assert post_messages(lambda text: text + f"\n{html}\n") == [_error(
        "line 26", f'HTML or a script in the post: "{shorten(html)}"', HTML_EXPECTED, HTML_FIX)]


def test_code_blocks_inline_code_and_web_links_in_angle_brackets_are_not_html(post_messages):
    extra = "\n```\n<iframe src=x>\n```\n\nWrite `<b>` as **bold**. See <https://example.org>.\n"
    assert post_messages(lambda text: text + extra) == []


def test_validate_reports_an_image_from_another_website(post_messages):
    assert post_messages(lambda text: text + "\n![A chart](https://evil.test/pixel.png)\n") == [_error(
        "line 26", 'an image from another website: "![A chart](https://evil.test/pixel.png)"',
        "images saved in the docs/assets folder",
        "Save the image in docs/assets and link to it there, e.g. ![What it shows](../assets/photo.jpg). The site "
        "loads nothing from other websites, to keep visitors private.")]


def test_validate_reports_a_line_the_site_builder_would_act_on(post_messages):
    assert post_messages(lambda text: text.replace("source_id:", "template: evil.html\nsource_id:")) == [_error(
        'line 5, column "template"', "a 'template:' line, which posts do not use",
        "only the lines title, date, description and source_id",
        "Delete the line. The site builder would act on it, and posts need no other lines.")]


def test_validate_reports_a_date_with_a_time(post_messages):
    assert post_messages(lambda text: text.replace("date: 2026-11-25", "date: 2026-11-25 10:00")) == [_error(
        'line 3, column "date"', '"2026-11-25 10:00"', "a date written as YYYY-MM-DD",
        "Write the date as e.g. 2026-11-25.")]


def test_validate_reports_a_title_that_is_a_list(post_messages):
    assert post_messages(lambda text: text.replace(TITLE, "title: [a, b]")) == [_error(
        'line 2, column "title"', "a list instead of words", "the title as text",
        'Put the title in double quotes: title: "..."')]


def test_validate_reports_html_in_the_description(post_messages):
    change = lambda text: text.replace("description: Essex", "description: <b>Essex</b>")  # noqa: E731
    (message,) = post_messages(change)
    assert message.startswith(f'Error in {FILE}, line 4, column "description"\n'
                              '  Found:    text containing HTML or a script: "<b>Essex</b> Police began')


def test_validate_reports_an_invisible_character_in_the_body(post_messages):
    assert post_messages(lambda text: text + "\nText \u202e reversed\n") == [_error(
        "line 26", 'an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) in "Text [U+202E] reversed"',
        "text with no invisible formatting characters",
        "Retype the text around it, or copy it again from the source as plain text. Invisible characters can make "
        "text show in a misleading order, and stop people finding it by search.")]


def test_a_post_without_the_block_at_the_top_gives_one_message(post_messages):
    assert post_messages(lambda text: "# Just a heading\n") == [_error(
        "line 1", "no block of settings at the top",
        "the post to start with a line of three hyphens (---), the title, date, description and source_id lines, "
        "and another line of three hyphens",
        "Copy the block from the top of another post and change its values. See the guide to posting a news "
        "update.")]


def test_the_check_reads_the_block_the_pages_read():
    assert posts.FRONT_MATTER.pattern == updates.FRONT_MATTER.pattern
    assert posts.REQUIRED == updates.REQUIRED


def test_a_block_that_expands_to_a_huge_list_is_reported_without_writing_it_out(post_messages):
    bomb = "\n".join(['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'] +
                     [f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
                      f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]"
                      for n in range(8)] + ["date: *i", "source_id: *i"])
    messages = post_messages(lambda text: text.replace("date: 2026-11-25\n", "").replace(
        "source_id: essex-sms-news\n", bomb + "\n"))
    assert len(messages) == 11  # nine lines posts do not use, the date and the source_id
    assert all(len(message) < 1_000 for message in messages)


def test_validate_reports_a_post_file_name_that_cannot_be_a_web_address(project):
    path = project.docs / "updates" / "Naloxone News!.md"
    path.write_text((project.docs / "updates" / POST).read_text(encoding="utf-8"), encoding="utf-8")
    try:
        problems = [as_text(p) for p in pipeline.validate(project, today=TODAY).problems
                    if p.file == "docs/updates/Naloxone News!.md"]
    finally:
        path.unlink()
    assert problems == [
        "Error in docs/updates/Naloxone News!.md\n"
        '  Found:    the file name "Naloxone News!.md"\n'
        "  Expected: a name of at most 80 lower-case letters, digits and hyphens, ending in .md, such as "
        "naloxone-in-pharmacies.md (it becomes the post's web address)\n"
        "  Fix:      Rename the file: lower case, with hyphens instead of spaces and no other punctuation."]


PAYLOAD = ('#<meta name="referrer" content="unsafe-url"><link rel="preconnect" href="http://evil.test/">'
           "<style>.get-help-banner{display:none}</style>")


def test_a_block_ended_with_three_dots_ends_there_as_in_mkdocs(post_messages):
    """MkDocs ends the block at "..."; a line after it, hidden from YAML as a comment, is the page's first line."""
    change = lambda text: text.replace("source_id: essex-sms-news\n---\n",  # noqa: E731
                                       f"source_id: essex-sms-news\n...\n{PAYLOAD}\n---\n")
    (message,) = post_messages(change)
    assert message.startswith(f"Error in {FILE}, line 7\n  Found:    HTML or a script in the post: ")
