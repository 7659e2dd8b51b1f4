"""The get-help page: laid out for the first ten seconds on a small phone.

Urgent numbers come first, in a call-out; then each group of services as compact rows (name, what it offers,
numbers to tap, hours). Who a service is for, where its details come from and when they were last checked
sit in a native <details> under each row, so the numbers stay on the first screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
from markupsafe import Markup

from build_charts import i18n
from build_charts.contacts import call_href, email_address, shown_number, text_href
from build_charts.hours import Hours, HoursError, clock, parse_hours, weekly_data
from build_charts.package import DataPackage
from build_charts.pages.markdown import front_matter, html_block, long_date, not_reported, web_link
from build_charts.pages.sources import source_context, source_lookup
from build_charts.report_route import ReportRoute, new_issue_url, report_route
from build_charts.routes import path_for, url_for
from build_charts.templating import render
from build_charts.vocab import HELP_MAX_AGE_DAYS

NATIONAL = "National"
URGENT = "emergency"
OPEN_NOW_SCRIPT = "assets/open-now.js"
# Searches for help ("phone", "frank", "worried about my son") should find this page before any other.
SEARCH_BOOST = 10
# The days as the page names them (marked here for the message catalogue; hours.DAYS is the same list in English).
DAY_NAMES = (i18n.N_("Monday"), i18n.N_("Tuesday"), i18n.N_("Wednesday"), i18n.N_("Thursday"), i18n.N_("Friday"),
             i18n.N_("Saturday"), i18n.N_("Sunday"))


def services_for_area(services: pd.DataFrame, area: str) -> pd.DataFrame:
    """The services a partnership lists: those serving its own area, and national lines."""
    return services[services["area_served"].isin([area, NATIONAL])]


def help_page(package: DataPackage, today: date, max_age_days: int = HELP_MAX_AGE_DAYS, site_url: str | None = None,
              route: ReportRoute | None = None) -> str:
    """Urgent numbers first, then every contact grouped by who it helps, with how to reach it and its age.

    `site_url` is the site's address, when known: a report of a wrong number quotes the page's full address.
    `route` is where that report goes, as the build's settings decided it (else from the partnership block alone)."""
    partnership = package.partnership
    area = partnership["area"]
    services = services_for_area(package["help_services"], area)
    sources = source_lookup(package["sources"])
    headings = package.vocab.help_categories
    groups = help_groups(services, headings)
    out = [
        front_matter(
            i18n.sentence("Get help"),
            i18n.sentence("Where to get help with drugs in %(area)s: who to call in an emergency, local services and "
                          "national helplines, with numbers to tap.", area=area),
            sources=["help_services.csv"], last_updated=_last_checked(services), light=True,
            search_boost=SEARCH_BOOST, exit_url=partnership.get("exit_url"),
        ),
        "# " + i18n.sentence_md("Get help with drugs") + "\n",
        html_block(render("help/lead.html", area=area)),
    ]
    waiting = while_you_wait(package["help_while_you_wait"], sources)
    for category, heading in headings.items():
        out.append(_section(category, heading, groups[category], sources, today, max_age_days, waiting))
        if category == "local":
            out.append(contents_list(groups, headings))
    out.append(report_a_problem(route or report_route(partnership), site_url))
    out.append(html_block(render("help/open_now_script.html", src=url_for("home", path_for("get_help"), file=OPEN_NOW_SCRIPT))))
    return "\n".join(out)


def help_groups(services: pd.DataFrame, categories: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """The services of each group of the page (`categories`, in page order). Every urgent service is in the first
    group (urgent help), whatever its category, so 999 and 111 sit side by side on the first screen; the other
    groups hold the rest."""
    urgent = services["urgent"].eq(True)
    groups = {category: services[(services["category"] == category) & ~urgent] for category in categories}
    groups[URGENT] = pd.concat([services[urgent], groups[URGENT]])
    return groups


def _section(category: str, heading: str, group: pd.DataFrame, sources: dict, today: date,
             max_age_days: int, waiting: dict | None = None) -> str:
    if category == URGENT:
        cards = [urgent_card(service, sources) for service in group.to_dict("records") if service.get("urgent")]
        rows = [service_row(service, sources, today, max_age_days, card_shown=bool(service.get("urgent")))
                for service in group.to_dict("records")]
        return html_block(render("help/urgent.html", category=category, heading=heading, cards=cards, rows=rows,
                                 waiting=waiting))
    rows = [service_row(service, sources, today, max_age_days) for service in group.to_dict("records")]
    return html_block(render("help/section.html", category=category, heading=heading, rows=rows, urgent=False))


def urgent_card(service: dict, sources: dict) -> dict:
    """What the urgent box shows of an urgent service: its name, the number to tap and when to call it, in the
    words of the source named in the data."""
    source = sources.get(service.get("when_to_call_source_id") or "")
    return {"id": service["service_id"], "name": service["name"], "links": reach_links(service)[:1],
            "when": service.get("when_to_call"), "source": source_context(source) if source else None}


def while_you_wait(steps: pd.DataFrame, sources: dict) -> dict | None:
    """What to do while waiting for an ambulance, in step order, each from its named source, with those sources; None
    when the partnership lists no steps (help_while_you_wait.csv; validation refuses a step without its source)."""
    if steps.empty:
        return None
    ordered = steps.assign(order=steps["step"].astype(int)).sort_values("order").to_dict("records")
    named = list(dict.fromkeys(step["source_id"] for step in ordered))
    return {"steps": [step["text"] for step in ordered],
            "sources": [source_context(sources[source_id]) for source_id in named]}


def contents_list(groups: dict[str, pd.DataFrame], headings: Mapping[str, str]) -> str:
    """Links that jump to each group of services (`headings`: each group's words), with how many each holds.

    It comes after the urgent numbers and the local services, so on a small phone those are on the first screen.
    """
    listed = [{"category": category, "heading": heading, "count": len(groups[category])}
              for category, heading in headings.items()]
    return html_block(render("help/contents.html", groups=listed))


def _last_checked(services: pd.DataFrame) -> str | None:
    dates = [d for d in services["last_verified"] if d is not None]
    return long_date(max(dates)) if dates else None


def service_row(service: dict, sources: dict, today: date, max_age_days: int, card_shown: bool = False) -> str:
    """One service as a compact row: name, the numbers to tap with the hours, one line on it; the rest in <details>.

    For an urgent service the line says who should call (when to call 999); for the others, what it offers. When
    the urgent box already shows the service's number (`card_shown`), the row does not repeat it.
    """
    last_verified = service.get("last_verified")
    hours = readable_hours(service.get("hours"))
    links = reach_links(service)[1:] if card_shown else reach_links(service)
    return render("help/service.html", id=service["service_id"], name=service["name"], links=links,
                  hours=hours_text(hours) if hours else None, hours_data=weekly_data(hours) if hours else None,
                  one_line=_one_line(service),
                  summary=checked_summary(last_verified, today, max_age_days, service["name"]),
                  details=service_details(service, sources[service["source_id"]], today, max_age_days))


def readable_hours(text: str | None) -> Hours | None:
    """A service's hours as data, or None when the source gives none (validation refuses hours that do not parse)."""
    if not text:
        return None
    try:
        return parse_hours(text)
    except HoursError:
        return None


def hours_text(hours: Hours) -> str:
    """The hours in words: '24 hours a day, 7 days a week', or 'Monday to Friday 09:00 to 17:00; Saturday …'."""
    if hours.always:
        return i18n.sentence("24 hours a day, 7 days a week")
    return "; ".join(_rule_text(days, spans) for days, spans in hours.rules)


def _rule_text(days: tuple[int, ...], spans: tuple[tuple[int, int], ...]) -> str:
    names = [i18n.gettext(DAY_NAMES[day]) for day in days]
    consecutive = len(days) > 2 and all((b - a) % 7 == 1 for a, b in zip(days, days[1:], strict=False))
    day_words = i18n.sentence("%(first)s to %(last)s", first=names[0], last=names[-1]) if consecutive \
        else ", ".join(names)
    times = ", ".join(i18n.sentence("%(start)s to %(end)s", start=clock(start), end=clock(end)) for start, end in spans)
    return f"{day_words} {times}"


def _one_line(service: dict) -> str:
    field = "for_whom" if service["category"] == URGENT else "offers"
    if service.get(field):
        return service[field]
    missing = not_reported().lower()
    if field == "for_whom":
        return i18n.sentence("Who it is for: %(missing)s", missing=missing)
    return i18n.sentence("What it offers: %(missing)s", missing=missing)


def reach_links(service: dict) -> list[Markup]:
    """The ways to reach a service as links: tap to call, tap to text, its website, its email.

    Numbers are shown in their standard grouping and dialled in full (tel:+442380881400, tel:999), as
    build_charts.contacts reads them; an email is linked without any mailto: typed into its cell.
    """
    links = []
    if service.get("phone"):
        number = service["phone"]
        links.append(render("help/reach.html", kind="call", href=call_href(number), number=shown_number(number)))
    if service.get("text_number"):
        number = service["text_number"]
        links.append(render("help/reach.html", kind="text", href=text_href(number), number=shown_number(number)))
    if service.get("url"):
        links.append(web_link(service["url"], render("help/website.html", name=service["name"])))
    if service.get("email"):
        links.append(render("help/reach.html", kind="email", email=email_address(service["email"])))
    return links


def service_details(service: dict, source: dict, today: date, max_age_days: int) -> list[tuple[str, str]]:
    """What the <details> of a service's row lists: what it offers, who it is for, its website, when its details
    were checked, where they come from and any note, each as (label, value)."""
    rows = [
        (i18n.gettext("What it offers"), service.get("offers") or not_reported()),
        (i18n.gettext("Who it is for"), service.get("for_whom") or not_reported()),
    ]
    if service.get("url"):
        rows.append((i18n.gettext("Website"), web_link(service["url"], service["url"])))
    rows.append((i18n.gettext("Details last checked"), checked_text(service.get("last_verified"), today, max_age_days)))
    rows.append((i18n.gettext("Where the details come from"), render("source_text.html", s=source_context(source))))
    if service.get("note"):
        rows.append((i18n.gettext("Note"), service["note"]))
    return rows


def checked_summary(last_verified: date | None, today: date, max_age_days: int, name: str = "") -> str:
    """A row's summary line: 'Details checked 1 December 2026', 'We have not yet confirmed these details with
    <name>', or marked as old."""
    return _checked(last_verified, today, max_age_days, short=True, name=name)


def checked_text(last_verified: date | None, today: date, max_age_days: int) -> str:
    """When the details were last checked, marked when older than the allowed age or unknown."""
    return _checked(last_verified, today, max_age_days, short=False)


def _checked(last_verified: date | None, today: date, max_age_days: int, short: bool, name: str = "") -> Markup:
    stale = last_verified is not None and (today - last_verified).days > max_age_days
    return render("help/checked.html", short=short, stale=stale, age=age_limit_words(max_age_days), name=name,
                  when=long_date(last_verified) if last_verified is not None else None)


def age_limit_words(max_age_days: int) -> str:
    """The allowed age of help contacts in words: 'more than 12 months' for 365 days, else in days."""
    months = round(max_age_days / 30.44)
    if abs(months * 30.44 - max_age_days) <= 2:
        return i18n.plural("more than %(count)s month", "more than %(count)s months", months)
    return i18n.plural("more than %(count)s day", "more than %(count)s days", max_age_days)


def report_a_problem(route: ReportRoute, site_url: str | None = None) -> str:
    """How a reader reports a wrong number: the partnership's email or form, a new issue on the site's repository
    (prefilled with this page's address: in full when the site's address `site_url` is known), or plainly that
    there is no route yet."""
    address = (site_url or "/") + path_for("get_help")
    issue = new_issue_url(route.address, i18n.sentence("Get help"), address) if route.kind == "github" else None
    return html_block(render("help/report.html", email=route.address if route.kind == "email" else None,
                             form=route.address if route.kind == "form" else None, issue=issue))

