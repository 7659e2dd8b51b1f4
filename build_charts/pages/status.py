"""The progress status vocabulary in plain English, with a symbol so status is never told by colour alone."""

from __future__ import annotations

from types import SimpleNamespace

from build_charts.templating import render
from build_charts.vocab import STATUSES


def label(status: str) -> str:
    """The status as words, e.g. 'On track'."""
    return STATUSES[status].label


def explanation(status: str) -> str:
    """What the status means, in one sentence."""
    return STATUSES[status].explanation


def badge(status: str) -> str:
    """The status as an HTML badge: a symbol (hidden from screen readers) and its words."""
    return render("status_badge.html", status=context(status))


def context(status: str) -> SimpleNamespace:
    """What a template says of a status: its code, words, symbol and meaning."""
    known = STATUSES[status]
    return SimpleNamespace(code=status, label=known.label, symbol=known.symbol, explanation=known.explanation)
