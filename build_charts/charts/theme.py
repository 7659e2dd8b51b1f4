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
BAR_HEIGHT = 34


def config() -> dict:
    """Vega-Lite config shared by every chart."""
    return {
        "background": "white",
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 13,
            "titleFontSize": 13,
            "labelColor": TEXT,
            "titleColor": TEXT,
            "domainColor": COMPARATOR,
            "tickColor": COMPARATOR,
            "gridColor": "#D9D9D9",
        },
        "text": {"fontSize": 13, "color": TEXT},
    }
