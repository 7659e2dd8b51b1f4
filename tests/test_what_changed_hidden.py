"""The pull request's summary never hides a change: what an attacker who can open a pull request tried, told.

Each test is a change that the summary once reported as "Nothing changes" or told in a misleading way. They read
small sites and projects written here (no build), so they are quick; test_what_changed.py builds two of them.
"""

from __future__ import annotations

from pathlib import Path

from build_charts.summary.code import code_changes
from build_charts.summary.datawords import Item, md
from build_charts.summary.sitediff import Change, site_changes
from build_charts.summary.sitetext import Snapshot, read_page, snapshot
from build_charts.what_changed import NOTHING, summary

PAGE = """<!doctype html><html><head><title>{title} - Exampleton</title>{head}</head><body>
<header class="md-header"><a href="{home}">Exampleton</a></header>
<nav class="md-sidebar--primary"><a href="get-help/">Get help</a></nav>
<article>{body}</article>
<footer class="md-footer"><p>Open Government Licence</p></footer></body></html>"""


def page(body: str, head: str = "", title: str = "Home", home: str = "./") -> str:
    return PAGE.format(body=body, head=head, title=title, home=home)


def told(old: dict[str, str], new: dict[str, str], items: list[Item] | None = None) -> str:
    """The summary of two sites given as {address: page HTML}, without its checks."""
    before = Snapshot(pages={a: read_page(h) for a, h in old.items()})
    after = Snapshot(pages={a: read_page(h) for a, h in new.items()})
    return summary(items or [], site_changes(before, after), [], [], "main").split("### Checks")[0].rstrip()


def section(text: str, heading: str) -> str:
    return text.split(f"### {heading}\n\n", 1)[1].split("\n\n###", 1)[0].rstrip()


def test_a_link_whose_words_stay_and_whose_address_changes_is_told():
    old = page('<p>Worried? <a href="get-help/">Get help</a> or <a href="tel:999">call 999</a>.</p>')
    new = page('<p>Worried? <a href="https://evil.test/help">Get help</a> or <a href="tel:0900123456">call 999</a>.</p>')
    text = told({"": old}, {"": new})
    assert NOTHING not in text
    assert section(text, "Other changes on the pages") == "\n".join([
        "- **Home**:",
        "  - the link “Get help” now leads to `https://evil.test/help` (it led to `/get-help/`)",
        "  - the link “call 999” now leads to `tel:0900123456` (it led to `tel:999`)"])


def test_a_link_added_to_words_already_there_is_told_when_it_leaves_the_site():
    text = told({"": page("<p>Call 999.</p>")}, {"": page('<p><a href="tel:0900123456">Call 999.</a></p>')})
    assert section(text, "Other changes on the pages") == (
        "- **Home**: the link “Call 999.” added, leading to `tel:0900123456`")


def test_a_menu_or_header_link_that_leads_elsewhere_is_told_once_for_the_site():
    pages = {"": "./", "about/": "../"}
    text = told({a: page("<p>Text.</p>", home=home) for a, home in pages.items()},
                {a: page("<p>Text.</p>", home="https://evil.test/") for a in pages})
    assert section(text, "Other changes on the pages") == (
        "- The menu, header or footer on 2 pages: the link “Exampleton” now leads to `https://evil.test/` "
        "(it led to `/`)")


def test_a_description_for_search_engines_and_link_previews_is_told():
    text = told({"": page("<p>Text.</p>", '<meta name="description" content="Our progress.">')},
                {"": page("<p>Text.</p>", '<meta name="description" content="Call 0900 123 456 for help.">')})
    assert section(text, "Other changes on the pages") == (
        "- **Home**: “Description for search engines and link previews: Our progress.” → “Description for search "
        "engines and link previews: Call 0900 123 456 for help.”")


def test_a_sentence_that_holds_a_changed_cells_words_beside_its_own_change_is_told():
    # A glossary definition gains "Call now."; the home page gains that sentence and a number of its own.
    item = Item("Other data", ("- `glossary.csv`, **EDAP**, definition: “A.” → “A. Call now.”",),
                words=frozenset({"A.", "Call now."}))
    old = {"": page("<p>This site is a test.</p>"), "glossary/": page("<p>A.</p>", title="Glossary")}
    new = {"": page("<p>This site is a test. Call now. Call 0900 123 456 for treatment.</p>"),
           "glossary/": page("<p>A. Call now.</p>", title="Glossary")}
    assert section(told(old, new, [item]), "Other changes on the pages") == (
        "- **Home**: added “Call now. Call 0900 123 456 for treatment.”")


def _site(folder: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


def test_a_stylesheet_a_picture_or_a_share_image_that_changes_is_told(tmp_path):
    index = page("<p>Text.</p>").encode()
    old = _site(tmp_path / "old", {"index.html": index, "assets/site.css": b".get-help-banner{color:red}",
                                   "poster.png": b"\x89PNG one", "charts/a/chart.png": b"\x89PNG drawn"})
    new = _site(tmp_path / "new", {"index.html": index, "assets/site.css": b".get-help-banner{display:none}",
                                   "poster.png": b"\x89PNG two", "charts/a/chart.png": b"\x89PNG drawn again",
                                   "assets/notice.svg": b"<svg xmlns='http://www.w3.org/2000/svg'><text>Call</text></svg>"})
    text = summary([], site_changes(snapshot(old), snapshot(new)), [], [], "main")
    assert section(text, "Published files") == "\n".join([
        "- File `assets/notice.svg`: added",
        "- The site's style `assets/site.css`: changed (it can change how every page looks or works)",
        "- File `poster.png`: changed",
        # A chart's PNG is its share image: it holds words no page shows ("Source: …", from messages.po).
        "- Chart `a`: its image or data download changed"])


def test_a_stylesheet_in_docs_is_a_code_change(tmp_path):
    for version, rule in (("old", "color:red"), ("new", "display:none")):
        _site(tmp_path / version, {"docs/assets/site.css": f".get-help-banner{{{rule}}}".encode(),
                                   "mkdocs.yml": f"extra_css: [assets/{version}.css]\n".encode()})
    assert code_changes(tmp_path / "old", tmp_path / "new") == ["`docs/assets/site.css`", "`extra_css` in `mkdocs.yml`"]


def test_text_from_the_data_cannot_act_in_the_summary():
    # GitHub's $math$ can colour words white, ~~ strikes them out, &#8238; and U+202E turn the line around.
    assert md("09:00 $\\color{white}{closed}$ ~~open~~ &#8238; \u202eevil") == (
        "09:00 \\$\\\\color{white}{closed}\\$ \\~\\~open\\~\\~ \\&\\#8238; \\[U+202E\\]evil")
    change = Change("page", "", "Home", "Call 999.", "Call \u202e999 0090\u202c.")
    assert "“Call \\[U+202E\\]999 0090\\[U+202C\\].”" in told({}, {}) + summary([], [change], [], [], "main")


def test_a_name_in_the_data_does_not_notify_anyone_when_the_summary_is_posted():
    assert md("Ask @octocat, @org/team or help@example.org") == (
        "Ask @&#8203;octocat, @&#8203;org/team or help@example.org")


def test_a_long_report_heading_cannot_open_an_html_comment():
    from build_charts.summary.datawords import _quoted

    lines = _quoted("What was achieved <!--", "", "word " * 80)
    assert lines[1] == "  <details><summary>What was achieved &lt;!-- (added, 80 words)</summary>"


def test_a_comment_too_long_keeps_what_no_data_row_explains_and_says_what_it_leaves_out():
    from build_charts.what_changed import for_comment

    # Hundreds of reworded key facts, a long report folded under <details>, and one sentence of a hand-written page.
    items = [Item("Key facts", (f"- Key fact reworded: “{n} adults were in treatment.” → “{n + 1} adults.”",))
             for n in range(400)]
    items.append(Item("Progress reports", ("- **A café**, 2024/25: new report", "",
                                           "  <details><summary>What was achieved (added, 300 words)</summary>", "",
                                           "  > " + "word " * 300, "", "  </details>", "")))
    change = Change("page", "", "Home - Exampleton", "", "Call 0900 123 456 for treatment.")
    text = summary(items, [change], [], [], "main")
    for limit in (1500, 3000, 6000):
        short = for_comment(text, limit, "https://github.com/o/r/actions/runs/1")
        assert len(short) <= limit
        assert "- **Home**: added “Call 0900 123 456 for treatment.”" in short
        assert short.count("<details>") == short.count("</details>")
        assert "**This comment is shortened**: it leaves out " in short.split("###")[0]
        assert "of “Key facts”" in short and "[preview run](https://github.com/o/r/actions/runs/1)" in short
    assert for_comment(text, len(text), "x") == text


def test_where_exit_this_page_leads_is_checked_first(tmp_path):
    import json

    from build_charts.summary.datawords import data_items, read_rows
    from conftest import fixture_project

    old, new = fixture_project(tmp_path / "old"), fixture_project(tmp_path / "new")
    descriptor = json.loads((new.datasets / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["partnership"]["exit_url"] = "https://evil.test/"
    (new.datasets / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    text = summary(data_items(read_rows(old.datasets), read_rows(new.datasets)), [], [], [], "main")
    assert section(text, "Check these before approving") == (
        "- The partnership's setting exit\\_url in `datapackage.json`: “https://www.example.org/” → “https://evil.test/”")


def test_a_rewording_is_told_in_its_own_words(tmp_path):
    from build_charts.summary.wordings import wording_items

    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for version, words in (("old", ""), ("new", "Source: the Home Office (not %(document)s)")):
        po = tmp_path / version / "locale" / "en" / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(header + f'msgid "Source: %(document)s"\nmsgstr "{words}"\n', encoding="utf-8")
    text = summary(wording_items(tmp_path / "old", tmp_path / "new"), [], [], [], "main")
    assert section(text, "Wordings") == (
        "- `locale/en/LC_MESSAGES/messages.po`: “Source: %(document)s” now reads “Source: the Home Office (not "
        "%(document)s)”")


def test_a_file_name_cannot_start_a_line_of_its_own_in_the_summary(tmp_path):
    name = "x\n### Nothing changes on the published site\u202e.css"
    _site(tmp_path / "new", {f"docs/assets/{name}": b"p{}"})
    (tmp_path / "old").mkdir()
    (code,) = code_changes(tmp_path / "old", tmp_path / "new")
    assert code == "`docs/assets/x[U+000A]### Nothing changes on the published site[U+202E].css`"


def test_a_sentence_changed_on_several_pages_tells_every_page():
    titles = (("", "Home"), ("get-help/", "Get help"), ("privacy/", "Privacy"))
    old = {a: page("<p>Call 999.</p>", title=t) for a, t in titles[:2]}
    new = {a: page("<p>Call 0900 000 000.</p>", title=t) for a, t in titles[:2]}
    assert section(told(old, new), "Other changes on the pages") == (
        "- **Home**: “Call 999.” → “Call 0900 000 000.” (also on **Get help**)")
    old = {a: page("<p>Call 999.</p>", title=t) for a, t in titles}
    new = {a: page("<p>Call 0900 000 000.</p>", title=t) for a, t in titles}
    assert section(told(old, new), "Other changes on the pages") == (
        "- **Home**: “Call 999.” → “Call 0900 000 000.” (also on 2 other pages)")


def test_words_shown_in_a_box_or_a_button_are_read():
    text = told({"": page('<p><input type="text" readonly value="Call 999"></p>')},
                {"": page('<p><input type="text" readonly value="Call 0900 000 000"></p>')})
    assert section(text, "Other changes on the pages") == "- **Home**: “\\[Call 999\\]” → “\\[Call 0900 000 000\\]”"


def test_a_new_hand_written_page_is_quoted(tmp_path):
    from build_charts.what_changed import hand_written

    (tmp_path / "docs" / "updates").mkdir(parents=True)
    for name in ("index.md", "help-now.md", "updates/naloxone.md"):
        (tmp_path / "docs" / name).write_text("# x\n", encoding="utf-8")
    assert hand_written(tmp_path / "docs") == {"", "help-now/", "updates/naloxone/"}
    new = {"": page("<p>Text.</p>"), "help-now/": page("<h1>Help now</h1><p>Call 0900 000 000. Open all day.</p>",
                                                        title="Help now")}
    before = Snapshot(pages={"": read_page(page("<p>Text.</p>"))})
    after = Snapshot(pages={a: read_page(h) for a, h in new.items()})
    text = summary([], site_changes(before, after), [], [], "main", written=hand_written(tmp_path / "docs"))
    assert section(text, "Other changes on the pages") == "\n".join([
        "- New page: **Help now**", "- **Help now**:", "  - added “Help now”", "  - added “Call 0900 000 000.”",
        "  - added “Open all day.”"])


def test_a_file_the_web_host_reads_is_a_code_change(tmp_path):
    _site(tmp_path / "new", {"docs/_redirects": b"/get-help/* https://evil.test/ 301!\n"})
    (tmp_path / "old").mkdir()
    assert code_changes(tmp_path / "old", tmp_path / "new") == ["`docs/_redirects`"]
