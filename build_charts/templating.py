"""HTML from Jinja2 templates (build_charts/templates/), with every value escaped unless it is marked safe.

Python prepares plain values; the templates decide the markup. A value written with {{ value }} is escaped
by `build_charts.html.esc`, the one escaper (so `&`, `<`, `>`, `"` and `'` never reach the page as markup),
unless it is a `Markup` made by `safe` at the point where a finished fragment is made (a chart's SVG from
vl-convert, HTML another template rendered). None is written as nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value):
    """None as nothing; any other value is then escaped by autoescaping (`esc`), unless it is Markup."""
    return "" if value is None else value


@cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaping on, undefined names an error, block tags leave no blank lines."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    return env


@cache
def _template(name: str) -> jinja2.Template:
    return environment().get_template(name)


def render(template: str, /, **context) -> Markup:
    """The template named `template` filled with `context`, as safe HTML without blank lines at its start or end.

    A template sees only its context (links come ready-made from build_charts.routes): with no globals to merge
    in, filling a template costs about half as much, which counts on pages that fill thousands.
    """
    compiled = _template(template)
    return Markup("".join(compiled.root_render_func(compiled.new_context(context, shared=True))).strip("\n"))


def safe(html: str) -> Markup:
    """HTML the pipeline made itself and vouches for (an SVG from vl-convert, HTML a template rendered)."""
    return Markup(html)
