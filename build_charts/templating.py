"""HTML from Jinja2 templates (build_charts/templates/), with every value escaped unless it is marked safe.

Python prepares plain values; the templates decide the markup. A value written with {{ value }} is escaped
by `build_charts.html.esc`, the one escaper (so `&`, `<`, `>`, `"` and `'` never reach the page as markup),
unless it is a `Markup` made by `safe` at the point where a finished fragment is made (a chart's SVG from
vl-convert, HTML another template rendered). None is written as nothing.

Sentences are marked for the message catalogue with {% trans %} (plural forms with {% pluralize %}) or _():
build_charts/i18n.py looks each one up in the partnership's wording, which is escaped like any other value.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from jinja2 import nodes
from markupsafe import Markup

from build_charts import i18n

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value):
    """None as nothing; any other value is then escaped by autoescaping (`esc`), unless it is Markup."""
    return "" if value is None else value


@cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaping on, undefined names an error, block tags leave no blank lines."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False,
        extensions=["jinja2.ext.i18n"])
    env.policies["ext.i18n.trimmed"] = True  # a sentence may wrap over lines in a template; its spaces are tidied
    env.install_gettext_callables(i18n.html_gettext, i18n.html_ngettext, newstyle=True)
    return env


SENTENCE_FUNCTIONS = ("gettext", "ngettext", "_")


@cache
def _sentences() -> dict:
    """The template functions that look up a sentence ({% trans %} and _() call these)."""
    env = environment()
    return {name: env.globals[name] for name in SENTENCE_FUNCTIONS}


def _uses_sentences(name: str) -> bool:
    """True when the template writes a sentence, or includes a template that may (it then shares its context)."""
    env = environment()
    tree = env.parse(env.loader.get_source(env, name)[0])
    return (any(node.name in SENTENCE_FUNCTIONS for node in tree.find_all(nodes.Name))
            or tree.find(nodes.Include) is not None)


@cache
def _template(name: str) -> tuple[jinja2.Template, dict]:
    """The compiled template, and the sentence functions to give it (none when it writes no sentence)."""
    return environment().get_template(name), _sentences() if _uses_sentences(name) else {}


def render(template: str, /, **context) -> Markup:
    """The template named `template` filled with `context`, as safe HTML without blank lines at its start or end.

    A template sees only its context (links come ready-made from build_charts.routes) and, if it writes sentences,
    the functions that look them up: with no globals to merge in, filling a template costs about half as much,
    which counts on pages that fill thousands.
    """
    compiled, sentences = _template(template)
    filled = compiled.new_context({**sentences, **context} if sentences else context, shared=True)
    return Markup("".join(compiled.root_render_func(filled)).strip("\n"))


def safe(html: str) -> Markup:
    """HTML the pipeline made itself and vouches for (an SVG from vl-convert, HTML a template rendered)."""
    return Markup(html)
