"""The get-help page: laid out for the first ten seconds on a small phone.

Urgent numbers come first, in a call-out; then each group of services as compact rows (name, what it offers,
numbers to tap, hours). Who a service is for, where its details come from and when they were last checked
sit in a native <details> under each row, so the numbers stay on the first screen.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from build_charts.package import DataPackage
from build_charts.pages.markdown import NOT_REPORTED, esc, front_matter, html_block, long_date, web_link
from build_charts.pages.sources import cite, source_lookup
from build_charts.vocab import HELP_CATEGORIES, HELP_MAX_AGE_DAYS

NATIONAL = "National"
URGENT = "emergency"
SECTIONS = list(HELP_CATEGORIES.items())
# Searches for help ("phone", "frank", "worried about my son") should find this page before any other.
SEARCH_BOOST = 10


def services_for_area(services: pd.DataFrame, area: str) -> pd.DataFrame:
    """The services a partnership lists: those serving its own area, and national lines."""
    return services[services["area_served"].isin([area, NATIONAL])]


def digits(number: str) -> str:
    """A number as a phone dials it: digits and a leading + only."""
    return re.sub(r"[^\d+]", "", number)


def tel_href(number: str) -> str:
    """A tap-to-call link target: tel: with the digits only."""
    return "tel:" + digits(number)


def help_page(package: DataPackage, today: date, max_age_days: int = HELP_MAX_AGE_DAYS) -> str:
    """Urgent numbers first, then every contact grouped by who it helps, with how to reach it and its age."""
    partnership = package.partnership
    area = partnership["area"]
    services = services_for_area(package["help_services"], area)
    sources = source_lookup(package["sources"])
    groups = {category: services[services["category"] == category] for category, _ in SECTIONS}
    out = [
        front_matter(
            "Get help",
            f"Where to get help with drugs in {area}: who to call in an emergency, local services and national "
            "helplines, with numbers to tap.",
            sources=["help_services.csv"], last_updated=_last_checked(services), light=True,
            search_boost=SEARCH_BOOST, exit_url=partnership.get("exit_url"),
        ),
        "# Get help with drugs\n",
        html_block(
            f'<p class="help-lead">For you, or for someone you care about, in {esc(area)}. '
            "Tap a phone number to call it.</p>"
        ),
    ]
    for category, heading in SECTIONS:
        out.append(_section(category, heading, groups[category], sources, today, max_age_days))
        if category == "local":
            out.append(contents_list(groups))
    out.append(report_a_problem(partnership.get("contact_email")))
    return "\n".join(out)


def _section(category: str, heading: str, group: pd.DataFrame, sources: dict, today: date,
             max_age_days: int) -> str:
    rows = [service_row(service, sources, today, max_age_days) for service in group.to_dict("records")]
    if not rows:
        rows = [_no_services(category)]
    css = "help-group help-group--urgent" if category == URGENT else "help-group"
    return html_block(
        f'<section class="{css}" id="{category}" aria-labelledby="{category}-heading">',
        f'<h2 id="{category}-heading">{esc(heading)}</h2>',
        *rows,
        "</section>",
    )


def _no_services(category: str) -> str:
    pointer = "" if category == "national" else ' The <a href="#national">national helplines</a> are for anyone.'
    return f'<p class="not-reported">The partnership\'s documents list no services here yet.{pointer}</p>'


def contents_list(groups: dict[str, pd.DataFrame]) -> str:
    """Links that jump to each group of services, with how many each holds.

    It comes after the urgent numbers and the local services, so on a small phone those are on the first screen.
    """
    items = [
        f'<li><a href="#{category}">{esc(heading)}</a> ({len(groups[category])})</li>'
        for category, heading in SECTIONS
    ]
    return html_block(
        '<nav class="help-contents" aria-labelledby="help-contents-heading">',
        '<h2 id="help-contents-heading">More help on this page</h2>',
        f'<ul>{"".join(items)}</ul>',
        "</nav>",
    )


def _last_checked(services: pd.DataFrame) -> str | None:
    dates = [d for d in services["last_verified"] if d is not None]
    return long_date(max(dates)) if dates else None


def service_row(service: dict, sources: dict, today: date, max_age_days: int) -> str:
    """One service as a compact row: name, the numbers to tap with the hours, one line on it; the rest in <details>.

    For an urgent service the line says who should call (when to call 999); for the others, what it offers.
    """
    service_id = esc(service["service_id"])
    hours = esc(service["hours"]) if service.get("hours") else "Opening hours not reported"
    return "\n".join([
        f'<section class="service" id="{service_id}" aria-labelledby="{service_id}-name">',
        f'<h3 id="{service_id}-name">{esc(service["name"])}</h3>',
        f'<p class="service__reach">{" ".join(reach_links(service))} <span class="service__hours">{hours}</span></p>',
        f'<p class="service__offers">{_one_line(service)}</p>',
        service_details(service, sources[service["source_id"]], today, max_age_days),
        "</section>",
    ])


def _one_line(service: dict) -> str:
    field, label = ("for_whom", "Who it is for") if service["category"] == URGENT else ("offers", "What it offers")
    return esc(service[field]) if service.get(field) else f"{label}: {NOT_REPORTED.lower()}"


def reach_links(service: dict) -> list[str]:
    """The ways to reach a service as links: tap to call, tap to text, its website, its email."""
    links = []
    if service.get("phone"):
        links.append(f'<a class="service__call" href="{tel_href(service["phone"])}">Call {esc(service["phone"])}</a>')
    if service.get("text_number"):
        number = service["text_number"]
        links.append(f'<a class="service__call" href="sms:{digits(number)}">Text {esc(number)}</a>')
    if service.get("url"):
        links.append(web_link(service["url"], f'Website<span class="visually-hidden"> of {esc(service["name"])}</span>'))
    if service.get("email"):
        links.append(f'<a href="mailto:{esc(service["email"])}">{esc(service["email"])}</a>')
    return links


def service_details(service: dict, source: dict, today: date, max_age_days: int) -> str:
    """Who the service is for, where its details come from and when they were checked, in a <details>."""
    rows = [
        ("What it offers", esc(service["offers"]) if service.get("offers") else NOT_REPORTED),
        ("Who it is for", esc(service["for_whom"]) if service.get("for_whom") else NOT_REPORTED),
    ]
    if service.get("url"):
        rows.append(("Website", web_link(service["url"], esc(service["url"]))))
    rows.append(("Details last checked", checked_text(service.get("last_verified"), today, max_age_days)))
    rows.append(("Where the details come from", cite(source).removeprefix('<p class="source">Source: ')
                 .removesuffix("</p>")))
    if service.get("note"):
        rows.append(("Note", esc(service["note"])))
    cells = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows)
    summary = f"Details {checked_summary(service.get('last_verified'), today, max_age_days)}"
    return f'<details class="service__more"><summary>{summary}</summary><dl>{cells}</dl></details>'


def checked_summary(last_verified: date | None, today: date, max_age_days: int) -> str:
    """A few words for a row's summary line: 'checked 1 December 2026', 'never checked', or marked as old."""
    if last_verified is None:
        return '<strong class="stale">never checked</strong>'
    text = f"checked {esc(long_date(last_verified))}"
    if (today - last_verified).days > max_age_days:
        return f'<strong class="stale">{text}, {esc(age_limit_words(max_age_days))} ago</strong>'
    return text


def checked_text(last_verified: date | None, today: date, max_age_days: int) -> str:
    """When the details were last checked, marked when older than the allowed age or unknown."""
    if last_verified is None:
        return (
            '<strong class="stale">Never checked.</strong> These details are as a published source gives them '
            "(named below). Check them with the service before you rely on them."
        )
    text = esc(long_date(last_verified))
    if (today - last_verified).days > max_age_days:
        return (f'<strong class="stale">{text}: {esc(age_limit_words(max_age_days))} ago.</strong> '
                "Check these details with the service.")
    return text


def age_limit_words(max_age_days: int) -> str:
    """The allowed age of help contacts in words: 'more than 12 months' for 365 days, else in days."""
    months = round(max_age_days / 30.44)
    if abs(months * 30.44 - max_age_days) <= 2:
        return f"more than {months} month" + ("" if months == 1 else "s")
    return f"more than {max_age_days} days"


def report_a_problem(contact_email: str | None) -> str:
    """How a reader reports a wrong number: the partnership's contact, or plainly that there is none yet."""
    if contact_email:
        how = (f'Email the partnership at <a href="mailto:{esc(contact_email)}">{esc(contact_email)}</a> '
               "and say which service it is.")
    else:
        how = "The partnership has not yet published a contact for this. Check with the service itself."
    return html_block(
        '<section class="help-report" aria-labelledby="report-heading">',
        '<h2 id="report-heading">Is a number wrong?</h2>',
        f"<p>{how}</p>",
        "</section>",
    )

