"""Escaping for HTML, shared by charts, pages and templates: every dataset value written into HTML is escaped here."""

from __future__ import annotations

from markupsafe import Markup, escape


def esc(text: str | None) -> Markup:
    """Dataset text made safe inside raw HTML (text or a quoted attribute); None as nothing.

    The same escaper as the templates' autoescaping (markupsafe): & < > " ' become entities, and HTML a template
    made (Markup) is kept as it is.
    """
    return escape(text) if text is not None else Markup("")
