"""Home page fragments: progress at a glance, headline facts and the latest update (included by docs/index.md)."""

from __future__ import annotations

from datetime import date

from build_charts import i18n
from build_charts.commitments import latest_progress, strategy_commitments
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.answers import current_strategy_answer
from build_charts.pages.key_facts import dated_headline_facts
from build_charts.pages.markdown import html_block, inline, table
from build_charts.pages.updates import Post, story_line
from build_charts.routes import url_for
from build_charts.templating import render


def home_snippets(package: DataPackage, posts: list[Post], today: date | None = None) -> dict[str, str]:
    """Fragments for the hand-written home page, keyed by snippet file name (`today` is the build's date)."""
    return {
        "plain-answer.md": plain_answer(package, today),
        "progress-at-a-glance.md": progress_at_a_glance(package),
        "headline-facts.md": headline_facts(package, today or date.today()),
        "latest-update.md": latest_update(posts),
    }


def current_commitments(package: DataPackage):
    """The commitments of the partnership's current strategy."""
    return strategy_commitments(package, package.partnership.get("current_strategy"))


def plain_answer(package: DataPackage, today: date | None) -> str:
    """How the current commitments are going and when the next report is due: the home page's first paragraphs."""
    return current_strategy_answer(package, today)


def progress_at_a_glance(package: DataPackage) -> str:
    """How many current commitments are at each status, and how complete their latest reports are."""
    commitments = current_commitments(package)
    latest = latest_progress(package["progress"])
    latest = latest[latest["commitment_id"].isin(set(commitments["commitment_id"]))]
    total = len(commitments)
    by_status = [
        [status.label(s, package.vocab), str(int((latest["status"] == s).sum()))] for s in package.vocab.statuses
        if (latest["status"] == s).any()
    ]
    unreported = total - len(latest)
    if unreported:
        by_status.append([i18n.sentence("No progress report"), str(unreported)])
    applicable = latest[latest["status"].map(package.vocab.applies).astype(bool)]
    completeness = [[part.reported, i18n.sentence("%(number)s of %(total)s", number=int(applicable[column].notna().sum()),
                                                  total=len(applicable))]
                    for column, part in package.vocab.report_parts.items()]
    return "\n".join([
        glance_intro(total, None if latest.empty else latest["period"].max()),
        table([i18n.sentence("Status"), i18n.sentence("Commitments")], by_status,
              caption=i18n.sentence("Commitments by status"), numeric={1}),
        table([i18n.sentence("Part of the report"), i18n.sentence("Commitments")], completeness,
              caption=i18n.sentence("How complete the reports are (commitments the report applies to)"), numeric={1}),
    ])


def glance_intro(total: int, period: str | None) -> str:
    """'The partnership has 14 current commitments. Their latest reports for 2024:' above the tables at a glance."""
    has = i18n.plural_md("The partnership has %(count)s current commitment.",
                         "The partnership has %(count)s current commitments.", total)
    latest = (i18n.sentence_md("Their latest reports for %(period)s:", period=inline(period)) if period is not None
              else i18n.sentence_md("Their latest reports:"))
    return f"{has} {latest}\n"


def headline_facts(package: DataPackage, today: date) -> str:
    """The three or four facts marked as headlines, as their source words them, each with its document's date and
    any old-figures label."""
    return html_block(render("headline_facts.html", facts=dated_headline_facts(package, today)))


LATEST_STORIES = 3


def latest_update(posts: list[Post]) -> str:
    """The newest stories (by their own date), each linked, labelled when it is practice elsewhere, with its date
    and summary."""
    if not posts:
        return i18n.sentence_md("No updates have been posted yet.") + "\n"
    stories = [{"title": post.title, "href": url_for("update", slug=post.slug), "dates": story_line(post),
                "description": post.description} for post in posts[:LATEST_STORIES]]
    return html_block(render("updates/latest.html", stories=stories))
