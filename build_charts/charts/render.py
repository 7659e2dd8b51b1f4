"""Render Altair charts to static, accessible SVG with vl-convert (no browser, no JavaScript)."""

from __future__ import annotations

import re

import altair as alt
import vl_convert

from build_charts.pages.markdown import esc


def svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG markup."""
    return vl_convert.vegalite_to_svg(chart.to_dict())


def accessible_svg(markup: str, chart_id: str, title: str, description: str) -> str:
    """SVG with role=img, a title and a description, on one line so Markdown keeps it intact."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    markup = re.sub(r"<\?xml[^>]*>", "", markup)
    markup = re.sub(
        r"<svg\b",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}"',
        markup,
        count=1,
    )
    heading = f'<title id="{title_id}">{esc(title)}</title><desc id="{desc_id}">{esc(description)}</desc>'
    markup = re.sub(r"(<svg\b[^>]*>)", r"\1" + heading.replace("\\", r"\\"), markup, count=1)
    return " ".join(markup.split())
