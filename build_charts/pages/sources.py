"""How a page names where its content came from."""

from __future__ import annotations

import pandas as pd

from build_charts.pages.markdown import esc, long_date, web_link


def source_lookup(sources: pd.DataFrame) -> dict[str, dict]:
    """Sources by id."""
    return {row["source_id"]: row for row in sources.to_dict("records")}


def cite(source: dict, reported_on: str | None = None) -> str:
    """'Source: <title>, <publisher>, published <date>.' as escaped HTML; missing parts say not reported."""
    title = f"<cite>{esc(source['title'])}</cite>"
    if source.get("url"):
        title = web_link(source["url"], title)
    publisher = esc(source["publisher"]) if source.get("publisher") else "publisher not reported"
    if source.get("published"):
        published = f"published {esc(long_date(source['published']))}"
    elif source.get("accessed"):
        published = f"read {esc(long_date(source['accessed']))}"
    else:
        published = "date not reported"
    text = f"Source: {title}, {publisher}, {published}"
    if reported_on:
        text += f"; progress reported as at {esc(long_date(reported_on))}"
    return f'<p class="source">{text}.</p>'
