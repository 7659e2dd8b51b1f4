"""Escaping for HTML, shared by charts and pages: every dataset value written into HTML passes through `esc`."""

from __future__ import annotations

import html


def esc(text: str | None) -> str:
    """Dataset text made safe inside raw HTML (text or a quoted attribute); None as nothing."""
    return html.escape(str(text), quote=True) if text is not None else ""
