"""The one look every chart shares: colour-blind-safe colours with 3:1 contrast on white, readable text."""

from __future__ import annotations

# Okabe-Ito blue for the partnership's own area; a dark grey for comparators. Both reach 3:1 against
# white (WCAG 1.4.11), and every bar is also labelled with its area and value, so colour is never the
# only cue.
LOCAL = "#0072B2"
COMPARATOR = "#5F5F5F"
TEXT = "#1A1A1A"
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 300
# The smallest text on any chart, in px at the size it is drawn: a page may shrink a chart to fit a phone only
# as far as this text stays readable (build_charts/pages/charts.py).
SMALLEST_TEXT = 13
BAR_HEIGHT = 34

# Each status's colour is part of its meaning (build_charts/vocab.py); a theme's commitments with no report yet are
# drawn in this dark grey, with their own symbol and words.
NO_REPORT_COLOUR = "#3D3D3D"


def config() -> dict:
    """Vega-Lite config shared by every chart.

    No label has a length limit (0): a label cut short would lose words, and checking each label against a
    limit measured its text twice, which was a third of the time to draw a chart.
    """
    return {
        "background": "white",
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": SMALLEST_TEXT,
            "titleFontSize": SMALLEST_TEXT,
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelLimit": 0,
            "domainColor": COMPARATOR,
            "tickColor": COMPARATOR,
            "gridColor": "#D9D9D9",
        },
        "legend": {"labelFontSize": SMALLEST_TEXT, "titleFontSize": SMALLEST_TEXT, "labelColor": TEXT, "titleColor": TEXT, "labelLimit": 0},
        "text": {"fontSize": SMALLEST_TEXT, "color": TEXT},
    }


def count_ticks(largest: int) -> list[int]:
    """Whole-number axis ticks from 0 to `largest`, at most about six of them (counts have no fractions)."""
    step = max(1, -(-int(largest) // 6))
    return list(range(0, int(largest) + step, step))
