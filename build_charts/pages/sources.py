"""How a page names where its content came from."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
from markupsafe import Markup

from build_charts.pages.markdown import long_date
from build_charts.templating import render


def source_lookup(sources: pd.DataFrame) -> dict[str, dict]:
    """Sources by id."""
    return {row["source_id"]: row for row in sources.to_dict("records")}


def cite(source: dict, reported_on: str | None = None) -> Markup:
    """'Source: <title>, <publisher>, published <date>.' as escaped HTML; missing parts say not reported."""
    return render("source.html", s=source_context(source, reported_on))


def source_context(source: dict, reported_on: str | None = None) -> SimpleNamespace:
    """What a page says of a source: its title, web address (only an http(s) one is linked), publisher, when it was
    published or read, and the date progress was reported as at."""
    url = str(source.get("url") or "").strip()
    return SimpleNamespace(
        title=source["title"],
        url=url if re.match(r"https?://", url, re.IGNORECASE) else None,
        publisher=source.get("publisher"),
        published=long_date(source["published"]) if source.get("published") else None,
        accessed=long_date(source["accessed"]) if source.get("accessed") else None,
        reported_on=long_date(reported_on) if reported_on else None,
    )
