"""The get-help page: the partnership's local services and national lines, each with how old its details are."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from build_charts.package import DataPackage
from build_charts.pages.markdown import (
    NOT_REPORTED,
    esc,
    front_matter,
    html_block,
    last_updated_note,
    long_date,
    web_link,
)
from build_charts.pages.sources import source_lookup

NATIONAL = "National"
SECTIONS = [
    ("emergency", "Urgent help"),
    ("local", "Local services"),
    ("family", "Help for families and friends"),
    ("young-people", "Help for young people"),
    ("national", "National helplines"),
]
EXIT_LABEL = "Exit this page"


def services_for_area(services: pd.DataFrame, area: str) -> pd.DataFrame:
    """The services a partnership lists: those serving its own area, and national lines."""
    return services[services["area_served"].isin([area, NATIONAL])]


def tel_href(number: str) -> str:
    """A tap-to-call link target: tel: with the digits only."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


def help_page(package: DataPackage, today: date, max_age_days: int = 365) -> str:
    """Every contact grouped by who it helps, with how to reach it and when it was last checked."""
    area = package.partnership["area"]
    services = services_for_area(package["help_services"], area)
    sources = source_lookup(package["sources"])
    out = [
        front_matter("Get help", f"Where to get help with drugs in {area}: local services and national helplines.",
                     sources=["help_services.csv"], last_updated=_last_checked(services), light=True),
        exit_button(package.partnership.get("exit_url")),
        "# Get help\n",
        "Help is here whether you are worried about your own drug use or about someone you care about. "
        "Each contact shows when its details were last checked.\n",
        last_updated_note(_last_checked(services)),
    ]
    for category, heading in SECTIONS:
        group = services[services["category"] == category]
        out.append(f"## {heading}\n")
        if group.empty:
            out.append(html_block('<p class="not-reported">The partnership\'s documents list no services here yet.</p>'))
        for service in group.to_dict("records"):
            out.append(service_card(service, sources, today, max_age_days))
    return "\n".join(out)


def _last_checked(services: pd.DataFrame) -> str | None:
    dates = [d for d in services["last_verified"] if d is not None]
    return long_date(max(dates)) if dates else None


def exit_button(exit_url: str | None) -> str:
    """The GOV.UK 'Exit this page' control: a plain link that leaves; with JavaScript it also hides the visit."""
    if not exit_url:
        return ""
    return html_block(
        '<div class="exit-this-page">',
        f'<a id="exit-this-page" class="exit-this-page__button" href="{esc(exit_url)}" rel="nofollow noreferrer" '
        'referrerpolicy="no-referrer">',
        f'{EXIT_LABEL}<span class="exit-this-page__hint"> (or press Shift 3 times)</span></a>',
        "</div>",
    )


def service_card(service: dict, sources: dict, today: date, max_age_days: int) -> str:
    """One service: what it offers, who it is for, how to reach it, hours and the age of its details."""
    rows = [
        ("What it offers", esc(service["offers"]) if service.get("offers") else NOT_REPORTED),
        ("Who it is for", esc(service["for_whom"]) if service.get("for_whom") else NOT_REPORTED),
    ]
    if service.get("phone"):
        rows.append(("Phone", f'<a href="{tel_href(service["phone"])}">{esc(service["phone"])}</a>'))
    if service.get("text_number"):
        digits = re.sub(r"[^\d+]", "", service["text_number"])
        rows.append(("Text", f'<a href="sms:{digits}">{esc(service["text_number"])}</a>'))
    if service.get("url"):
        rows.append(("Website", web_link(service["url"], esc(service["url"]))))
    if service.get("email"):
        rows.append(("Email", f'<a href="mailto:{esc(service["email"])}">{esc(service["email"])}</a>'))
    rows.append(("Opening hours", esc(service["hours"]) if service.get("hours") else NOT_REPORTED))
    rows.append(("Details last checked", checked_text(service.get("last_verified"), today, max_age_days)))
    source = sources[service["source_id"]]
    rows.append(("Source", f"<cite>{esc(source['title'])}</cite>"))
    cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return html_block(
        f'<section class="service" id="{esc(service["service_id"])}" aria-labelledby="{esc(service["service_id"])}-name">',
        f'<h3 id="{esc(service["service_id"])}-name">{esc(service["name"])}</h3>',
        f"<dl>{cells}</dl>",
        "</section>",
    )


def checked_text(last_verified: date | None, today: date, max_age_days: int) -> str:
    """When the details were last checked, marked when older than the allowed age or unknown."""
    if last_verified is None:
        return (
            '<strong class="stale">Date not recorded.</strong> These details come from a published source '
            "that gives no date. Check them with the service before you rely on them."
        )
    age = (today - last_verified).days
    text = f"{esc(long_date(last_verified))}"
    if age > max_age_days:
        return f'<strong class="stale">{text}: more than 12 months ago.</strong> Check these details with the service.'
    return text
