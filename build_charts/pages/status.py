"""The progress status vocabulary in plain English, with a symbol so status is never told by colour alone."""

from __future__ import annotations

STATUSES = {
    "complete": ("Complete", "✔", "The work is finished."),
    "on-track": ("On track", "▶", "The work is going to plan."),
    "with-challenges": ("Under way, with challenges", "▲", "The work is going on but has problems to solve."),
    "not-started": ("Not started", "○", "Work has not begun yet."),
    "not-applicable": ("Not applicable", "–", "The commitment does not apply in this area."),
    "not-assessed": (
        "Not assessed",
        "?",
        "The report describes the work but gives no rating, so this site does not show one.",
    ),
}


def label(status: str) -> str:
    """The status as words, e.g. 'On track'."""
    return STATUSES[status][0]


def explanation(status: str) -> str:
    """What the status means, in one sentence."""
    return STATUSES[status][2]


def badge(status: str) -> str:
    """The status as an HTML badge: a symbol (hidden from screen readers) and its words."""
    words, symbol, _ = STATUSES[status]
    return (
        f'<span class="status status-{status}"><span aria-hidden="true">{symbol}</span> {words}</span>'
    )
