"""The progress status vocabulary in plain English, with a symbol so status is never told by colour alone.

Each function takes the vocabularies of the package being written (`DataPackage.vocab`), which hold the words."""

from __future__ import annotations

from types import SimpleNamespace

from build_charts.templating import render
from build_charts.vocab import Vocabularies


def label(status: str, vocab: Vocabularies) -> str:
    """The status as words, e.g. 'On track'."""
    return vocab.statuses[status].label


def explanation(status: str, vocab: Vocabularies) -> str:
    """What the status means, in one sentence."""
    return vocab.statuses[status].explanation


def badge(status: str, vocab: Vocabularies) -> str:
    """The status as an HTML badge: a symbol (hidden from screen readers) and its words."""
    return render("status_badge.html", status=context(status, vocab))


def context(status: str, vocab: Vocabularies) -> SimpleNamespace:
    """What a template says of a status: its code, words, symbol and meaning."""
    known = vocab.statuses[status]
    return SimpleNamespace(code=status, label=known.label, symbol=known.symbol, explanation=known.explanation)
