"""How a page names where its content came from."""

from __future__ import annotations

import pandas as pd

from build_charts.pages.markdown import long_date, web_link
from build_charts.templating import render


def source_lookup(sources: pd.DataFrame) -> dict[str, dict]:
    """Sources by id."""
    return {row["source_id"]: row for row in sources.to_dict("records")}


def cite(source: dict, reported_on: str | None = None) -> str:
    """'Source: <title>, <publisher>, published <date>.' as escaped HTML; missing parts say not reported."""
    title = render("cite.html", text=source["title"])
    return render("source.html", title=web_link(source["url"], title) if source.get("url") else title,
                  publisher=source.get("publisher"),
                  published=long_date(source["published"]) if source.get("published") else None,
                  accessed=long_date(source["accessed"]) if source.get("accessed") else None,
                  reported_on=long_date(reported_on) if reported_on else None)
