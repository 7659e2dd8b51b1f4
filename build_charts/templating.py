"""HTML from Jinja2 templates (build_charts/templates/), with every value escaped unless it is marked safe.

Python prepares plain values; the templates decide the markup. A value written with {{ value }} is escaped
exactly as `build_charts.html.esc` escapes it (so `&`, `<`, `>`, `"` and `'` never reach the page as markup),
unless it is a `Markup` made by `safe` at the point where a finished fragment is made (a chart's SVG from
vl-convert, HTML another template rendered). None is written as nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from build_charts import routes
from build_charts.html import esc

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value):
    """Escape a value the way the rest of the pipeline does; leave HTML already marked safe as it is."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(esc(value))


@cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaping on, undefined names an error, block tags leave no blank lines."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.globals["url_for"] = routes.url_for
    return env


def render(template: str, /, **context) -> Markup:
    """The template named `template` filled with `context`, as safe HTML without blank lines at its start or end."""
    return Markup(environment().get_template(template).render(**context).strip("\n"))


def safe(html: str) -> Markup:
    """HTML the pipeline made itself and vouches for (an SVG from vl-convert, HTML a template rendered)."""
    return Markup(html)
