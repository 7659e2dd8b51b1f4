"""Commitments by lead agency: progress/by-lead-agency/, with each agency's own pages when a partnership is large.

Up to AGENCY_ENTRIES_ON_ONE_PAGE commitments sit on one page; a larger partnership's page lists each agency with its
counts by status, and each agency's commitments move to progress/by-lead-agency/<agency>/ (then page-2/ and so on,
COMMITMENTS_PER_AGENCY_PAGE at a time)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from markdown.extensions.toc import slugify

from build_charts import i18n
from build_charts.agencies import Lead, commitment_leads, has_agencies, leads_by_words
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.answers import status_counts
from build_charts.pages.markdown import (
    NOT_REPORTED,
    front_matter,
    html_block,
    in_pages,
    inline,
    list_pages_nav,
    not_reported,
)
from build_charts.routes import page_file, path_for, url_for
from build_charts.templating import render
from build_charts.vocab import Vocabularies

BY_LEAD_AGENCY = "by-lead-agency"
# A commitment link with its theme's name is about 25 bytes compressed. The theme's own files are about 62 KB and
# its page chrome about 5 KB, so these keep every such page well under the 100 KB page-weight target.
AGENCY_ENTRIES_ON_ONE_PAGE = 300
COMMITMENTS_PER_AGENCY_PAGE = 500


@dataclass
class AgencyGroup:
    """One heading of the list by lead agency: an agency (or, when the package does not describe its agencies, a
    lead as written) and its commitments, each with the words its report used for the lead."""

    key: str
    name: str
    entries: list[tuple[dict, Lead]] = field(default_factory=list)

    def teams(self) -> dict[str | None, list[tuple[dict, Lead]]]:
        """The entries by team, in the data's order; None (the agency as a whole) first."""
        teams: dict[str | None, list[tuple[dict, Lead]]] = {None: []}
        for commitment, lead in self.entries:
            teams.setdefault(lead.team, []).append((commitment, lead))
        return teams


def agency_groups(package: DataPackage) -> list[AgencyGroup]:
    """Each lead agency with its commitments in the data's order, once each, by name; 'Not reported' last."""
    leads = leads_by_words(package)
    unnamed = Lead(NOT_REPORTED, NOT_REPORTED, None, NOT_REPORTED)
    groups: dict[str | None, AgencyGroup] = {}
    for commitment in package["commitments"].to_dict("records"):
        for lead in commitment_leads(commitment, leads) or [unnamed]:
            key = lead.agency_id if lead is not unnamed else None
            groups.setdefault(key, AgencyGroup(lead.agency_id, lead.name)).entries.append((commitment, lead))
    return sorted(groups.values(), key=lambda group: (group.name == NOT_REPORTED, group.name.lower()))


def lead_agency_pages(package: DataPackage) -> dict[str, str]:
    """Commitments by lead agency: one page when few, else a list of agencies and each agency's own pages."""
    groups = agency_groups(package)
    described = has_agencies(package)
    if sum(len(group.entries) for group in groups) <= AGENCY_ENTRIES_ON_ONE_PAGE:
        return {page_file("by_lead_agency"): by_lead_agency(package, groups, described)}
    folders = group_folders(groups, described)
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    pages = {page_file("by_lead_agency"): agencies_index(groups, folders, latest, package.vocab)}
    themes = package["themes"].set_index("theme_id")
    facts = commitment_facts(package)
    for group in groups:
        entries = [entry for team in group.teams().values() for entry in team]
        chunks = in_pages(entries, COMMITMENTS_PER_AGENCY_PAGE)
        for number, chunk in enumerate(chunks, start=1):
            path = page_file("lead_agency", number, agency=folders[group.key])
            pages[path] = agency_page(group.name, folders[group.key], chunk, themes, number, len(chunks),
                                      len(entries), facts)
    return pages


def group_folders(groups: list[AgencyGroup], described: bool) -> dict[str, str]:
    """Each group's folder: its agency_id when the package describes its agencies, else made from its name."""
    if not described:
        return agency_folders([group.key for group in groups])
    folders = {group.key: group.key for group in groups if group.name != NOT_REPORTED}
    for group in groups:
        if group.name == NOT_REPORTED:
            folders[group.key] = unique_id("not-reported", set(folders.values()))
    return folders


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… if it is taken; the result is added to `taken`."""
    chosen, number = wanted, 1
    while chosen in taken:
        number += 1
        chosen = f"{wanted}-{number}"
    taken.add(chosen)
    return chosen


def by_agency_intro(described: bool) -> str:
    """The first paragraph of the list by lead agency: how agencies, teams and joint leads are listed."""
    if described:
        return i18n.sentence_md("Each agency is listed once. Under it, a team or a joint lead is named as the report "
                                "writes it. Some commitments have more than one lead.") + "\n"
    return i18n.sentence_md("Each agency's commitments, as the strategies name the lead. Some commitments have more "
                            "than one lead.") + "\n"


def by_lead_agency(package: DataPackage, groups: list[AgencyGroup], described: bool) -> str:
    """Every commitment grouped by the agency that leads it, each agency once and its teams under it, so a reader can
    follow one agency's work; every heading the page had before keeps its anchor."""
    themes = package["themes"].set_index("theme_id")
    here = path_for("by_lead_agency")
    ids = {"commitments-by-lead-agency"}
    out = [
        front_matter(i18n.sentence("Commitments by lead agency"),
                     i18n.sentence("Every commitment, grouped by the agency that leads it."),
                     sources=["commitments.csv", *(["agencies.csv", "agency_aliases.csv"] if described else [])]),
        "# " + i18n.sentence_md("Commitments by lead agency") + "\n",
        by_agency_intro(described),
    ]
    anchors = [unique_id(group_anchor(group, described), ids) for group in groups]  # before any team takes one
    facts = commitment_facts(package)
    for group, anchor in zip(groups, anchors, strict=True):
        teams = group.teams()
        whole = teams.pop(None)
        # An old link lands just above the heading, so the reader sees which agency the list belongs to.
        out += [old_anchors([lead.words for _, lead in whole], ids), f"## {inline(group.name)} {{#{anchor}}}\n"]
        if described:
            out.append(also_written(group.name, [lead.words for _, lead in whole]))
        out += [commitment_line(commitment, themes, here=here, facts=facts) for commitment, _ in whole] + [""]
        for team, entries in teams.items():
            team_id = unique_id(team_anchor(group, team, ids), ids)
            out += [old_anchors([lead.words for _, lead in entries], ids), f"### {inline(team)} {{#{team_id}}}\n"]
            out += [commitment_line(commitment, themes, here=here, facts=facts) for commitment, _ in entries] + [""]
    return "\n".join(part for part in out if part is not None)


def group_anchor(group: AgencyGroup, described: bool) -> str:
    """An agency's anchor: its agency_id; made from its name when it is 'Not reported' or agencies are not described."""
    return group.key if described and group.name != NOT_REPORTED else heading_slug(group.name) or "agency"


def team_anchor(group: AgencyGroup, team: str, taken: set[str]) -> str:
    """A team's anchor: made from its words, as its heading's was when the page listed it on its own; under a second
    agency, prefixed with that agency's."""
    slug = heading_slug(team) or "team"
    return slug if slug not in taken else f"{heading_slug(group.key) or 'agency'}-{slug}"


def also_written(name: str, words: list[str]) -> str:
    """'Named in the reports as "Police".': how the reports wrote the agency itself, where that is not its name."""
    other = list(dict.fromkeys(w for w in words if w != name and w != NOT_REPORTED))
    if not other:
        return ""
    return html_block(render("progress/also_written.html", words=other))


def old_anchors(words: list[str], taken: set[str]) -> str:
    """Empty targets for the anchors headings made from these words had on this page before, so links keep working."""
    anchors = [heading_slug(w) for w in dict.fromkeys(words)]
    new = [unique_id(anchor, taken) for anchor in dict.fromkeys(anchors) if anchor and anchor not in taken]
    return html_block(render("progress/anchors.html", anchors=new)) if new else ""


def commitment_line(commitment: dict, themes: pd.DataFrame, here: str, facts: dict | None = None) -> str:
    """A commitment linked (from the page at `here`) to its entry on its theme's page, then the theme's name, and,
    from `facts` (commitment_facts), its latest status with its period and the strategy it belongs to."""
    theme = themes.loc[commitment["theme_id"]]
    link = url_for("theme", here, source=True, anchor=commitment["commitment_id"], theme_id=commitment["theme_id"])
    line = f"- [{inline(commitment['title'])}]({link}) — {inline(theme['title'])}"
    fact = (facts or {}).get(commitment["commitment_id"])
    return f"{line}. {fact}" if fact else line


def commitment_facts(package: DataPackage) -> dict[str, str]:
    """Each commitment's latest status and its period, and its strategy (marked when it is the current one), as a
    few words of Markdown for a list of commitments: 'Status: Not assessed (2024). Strategy: … (current).'"""
    latest = latest_progress(package["progress"]).set_index("commitment_id").to_dict("index")
    strategies = package["strategies"].set_index("strategy_id").to_dict("index")
    strategy_of = package["themes"].set_index("theme_id")["strategy_id"].to_dict()
    current = package.partnership.get("current_strategy")
    facts = {}
    for commitment in package["commitments"].to_dict("records"):
        report = latest.get(commitment["commitment_id"])
        state = (i18n.sentence_md("Status: %(status)s (%(period)s).",
                                  status=inline(status.label(report["status"], package.vocab)),
                                  period=inline(report["period"])) if report
                 else i18n.sentence_md("Status: no report yet."))
        strategy_id = strategy_of.get(commitment["theme_id"])
        title = inline(strategies[strategy_id]["title"]) if strategy_id in strategies else not_reported()
        which = (i18n.sentence_md("Strategy: %(title)s (current).", title=title) if strategy_id == current
                 else i18n.sentence_md("Strategy: %(title)s.", title=title))
        facts[commitment["commitment_id"]] = f"{state} {which}"
    return facts


def heading_slug(text: str) -> str:
    """The anchor the builder's table of contents makes from a heading ("SCC (Children's) with No Limits" →
    scc-childrens-with-no-limits), so an old link to a heading keeps working when the heading changes."""
    return slugify(text, "-")


def agency_folders(agencies: list[str]) -> dict[str, str]:
    """Each agency's folder name, made from its name ('Children's Services' → childrens-services), unique."""
    folders: dict[str, str] = {}
    taken: set[str] = set()
    for agency in agencies:
        ascii_name = unicodedata.normalize("NFKD", re.sub("['’]", "", agency)).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "agency"
        folders[agency] = unique_id(base, taken)
    return folders


def agencies_index(groups: list[AgencyGroup], folders: dict[str, str], latest: pd.DataFrame, vocab: Vocabularies) -> str:
    """Every lead agency linked to its list of commitments, with how many it leads at each status."""
    out = [
        front_matter(i18n.sentence("Commitments by lead agency"),
                     i18n.sentence("Every lead agency, each with the commitments it leads.")),
        "# " + i18n.sentence_md("Commitments by lead agency") + "\n",
        i18n.sentence_md("Each agency's commitments, as the strategies name the lead. Some commitments have more than "
                         "one lead. Choose an agency to see the commitments it leads.") + "\n",
    ]
    for group in groups:
        ids = pd.Series([commitment["commitment_id"] for commitment, _ in group.entries])
        link = url_for("lead_agency", path_for("by_lead_agency"), source=True, agency=folders[group.key])
        count = i18n.plural_md("%(number)s commitment", "%(number)s commitments", len(ids), number=i18n.number(len(ids)))
        out.append(f"- [{inline(group.name)}]({link}) — {count}; {inline(status_counts(ids, latest, vocab))}")
    return "\n".join(out) + "\n"


def agency_page(agency: str, folder: str, entries: list[tuple[dict, Lead]], themes: pd.DataFrame, number: int,
                of: int, total: int, facts: dict | None = None) -> str:
    """Page `number` of `of` of the commitments one agency leads (whose folder is `folder`), each linked to its entry
    on its theme's page, under its team's words where a report names one."""
    unnamed = agency == NOT_REPORTED
    title = agency_page_title(agency, unnamed, number, of)
    here = path_for("lead_agency", number=number, agency=folder)
    first = (number - 1) * COMMITMENTS_PER_AGENCY_PAGE + 1
    which = (i18n.sentence_md("The commitment") if total == 1
             else i18n.sentence_md("All %(number)s commitments", number=i18n.number(total)) if of == 1
             else i18n.sentence_md("Commitments %(first)s to %(last)s of %(total)s", first=i18n.number(first),
                                   last=i18n.number(first + len(entries) - 1), total=i18n.number(total)))
    whose = (i18n.sentence_md("for which the strategies name no lead agency") if unnamed
             else i18n.sentence_md("that %(agency)s leads, as the strategies name the lead", agency=inline(agency)))
    links = i18n.plural_md("It links to its latest report on its theme's page.",
                           "Each links to its latest report on its theme's page.", len(entries))
    every = "[" + i18n.sentence_md("every lead agency") + f"]({url_for('by_lead_agency', here, source=True)})"
    out = [
        # Out of search: each commitment is on its theme's page, which search finds.
        front_matter(title, i18n.sentence("%(title)s, each linked to its latest report.", title=title),
                     sources=["commitments.csv"], searchable=False),
        f"# {inline(title)}\n",
        i18n.sentence_md("%(which)s %(whose)s.", which=which, whose=whose) + f" {links} "
        + i18n.sentence_md("See %(link)s.", link=every) + "\n",
        list_pages_nav(number, of),
    ]
    team = None
    for commitment, lead in entries:
        if lead.team != team and lead.team is not None:
            out.append(f"\n## {inline(lead.team)}\n")
        team = lead.team
        out.append(commitment_line(commitment, themes, here=here, facts=facts))
    return "\n".join(part for part in out if part) + "\n"


def agency_page_title(agency: str, unnamed: bool, number: int, of: int) -> str:
    """'Commitments led by Police', with ', page 2 of 3' when the list takes several pages."""
    title = (i18n.sentence("Commitments with no lead agency reported") if unnamed
             else i18n.sentence("Commitments led by %(agency)s", agency=agency))
    if of > 1:
        return i18n.sentence("%(title)s, page %(number)s of %(of)s", title=title, number=number, of=of)
    return title
