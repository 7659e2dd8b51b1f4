"""What every chart's narrow layout shares: the width of a phone's text column, text measured in the charts' font,
and a drawing laid out in pixels, so that nothing is cut or scrolled on a 320 px screen.

A narrow chart puts each label above its bar (wrapped onto more lines when it is long) and prints each value on
or beside its bar; no axis label has to fit beside the bars. Positions down the drawing are worked out here in
pixels (`Rows`), and the drawing uses them as they are: a y scale whose domain is its own pixel range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import altair as alt
from fontTools.ttLib import TTFont

from build_charts.charts import theme

# The text column of a 320 px screen (the screen less the page's margins), in CSS px: the narrow drawing's width.
COLUMN = 288
# Vega's padding on each side of the drawing.
PADDING = 5
# The width the marks are laid out in.
PLOT = COLUMN - 2 * PADDING - 2  # and a pixel each side for a bar's outline
LINE = 17  # the height of a line of 13 px text
BAR = 20
GAP = 10
# Text is measured in DejaVu Sans (the charts' first font, and the one the PNGs are drawn with). A reader's
# browser may draw it in Verdana, a little wider: text is wrapped and spaced as if it were this much wider.
SLACK = 1.08
FONT_FILES = {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}


@cache
def _advances(bold: bool) -> tuple[dict[str, int], float, int]:
    """Each character's advance width in font units, the units per em, and the width of a character it lacks."""
    font = TTFont(FONT_FILES[bold])
    metrics, cmap = font["hmtx"].metrics, font.getBestCmap()
    widths = {chr(code): metrics[name][0] for code, name in cmap.items()}
    return widths, font["head"].unitsPerEm, metrics[".notdef"][0] if ".notdef" in metrics else 1229


def text_width(text: str, size: float = theme.SMALLEST_TEXT, bold: bool = False) -> float:
    """How wide `text` is drawn at `size` px, in px, with room for a wider font (SLACK)."""
    widths, per_em, missing = _advances(bold)
    return sum(widths.get(char, missing) for char in text) * size / per_em * SLACK


def wrap(text: str, width: float, size: float = theme.SMALLEST_TEXT, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width` px, broken between words; a word too long for a line is broken too."""
    lines: list[str] = []
    for word in str(text).split():
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = max([n for n in range(1, len(word)) if text_width(word[:n] + "-", size, bold) <= width] or [1])
            lines = _add(lines, word[:cut] + "-", width, size, bold)
            word = word[cut:]
        lines = _add(lines, word, width, size, bold)
    return lines or [""]


def _add(lines: list[str], word: str, width: float, size: float, bold: bool) -> list[str]:
    if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
        return [*lines[:-1], f"{lines[-1]} {word}"]
    return [*lines, word]


@dataclass
class Rows:
    """A narrow drawing's content from top to bottom: lines of text and bars, each at a y position in pixels."""

    texts: list[dict] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    y: float = 0.0

    def text(self, words: str, x: float = 0, size: int = theme.SMALLEST_TEXT, bold: bool = False,
             width: float = PLOT, colour: str = theme.TEXT, align: str = "left") -> None:
        """Lines of text, wrapped to `width`, starting at the current position."""
        line = max(LINE, round(size * 1.3))
        for text in wrap(words, width, size, bold):
            self.texts.append({"text": text, "x": x, "y": self.y, "size": size,
                               "weight": "bold" if bold else "normal", "colour": colour, "align": align})
            self.y += line

    def bar(self, pieces: list[dict], labels: list[dict] = ()) -> None:
        """A bar (pieces with x, x2 in data units and a colour), and labels beside or on it, then a gap."""
        for piece in pieces:
            inset = piece.get("inset", 0)
            self.bars.append({"stroke": piece["colour"], **piece, "y": self.y + inset, "y2": self.y + BAR - inset})
        for label in labels:
            self.texts.append({"size": theme.SMALLEST_TEXT, "weight": "normal", "colour": theme.TEXT, "align": "left",
                               **label, "y": self.y + (BAR - LINE) / 2 + 1})
        self.y += BAR

    def space(self, pixels: float = GAP) -> None:
        """Empty space before what comes next."""
        self.y += pixels


def drawing(rows: Rows, domain: tuple[float, float] = (0, 1)) -> alt.LayerChart:
    """The rows as one drawing, `COLUMN` px wide: bars on an x scale of `domain`, text placed in pixels.

    Text x positions are in pixels too: each text says so with `px`, converted here to the bar scale.
    """
    low, high = domain
    height = max(1, round(rows.y))
    per_pixel = (high - low) / PLOT
    texts = [{**t, "x": low + t["x"] * per_pixel} for t in rows.texts]
    x_scale = alt.Scale(domain=[low, high], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False)
    layers = []
    if rows.bars:
        layers.append(alt.Chart(alt.Data(values=rows.bars)).mark_rect().encode(
            x=alt.X("x:Q", scale=x_scale, axis=None), x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=None), y2="y2:Q",
            color=alt.Color("colour:N", scale=None), stroke=alt.Stroke("stroke:N", scale=None)))
    for align, weight in dict.fromkeys((t["align"], t["weight"]) for t in texts):
        placed = [t for t in texts if (t["align"], t["weight"]) == (align, weight)]
        layers.append(alt.Chart(alt.Data(values=placed)).mark_text(baseline="top", align=align, fontWeight=weight).encode(
            x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None),
            text="text:N", size=alt.Size("size:Q", scale=None), color=alt.Color("colour:N", scale=None)))
    return alt.layer(*layers).properties(width=PLOT, height=height)


def scale_for_labels(bars: list[tuple[float, float]], low: float = 0.0, gap: float = 4, left: float = 0.0) -> float:
    """The smallest top value of a bar scale from `low` on which every bar (the value its label follows, the label's
    width in px) leaves room for its label after it, within the drawing's width less `left` px kept for labels
    before the bars."""
    high = low + 1.0
    for value, label in bars:
        room = PLOT - left - gap - label
        if room > 0:
            high = max(high, low + (max(value, 0.0) - low) * (PLOT - left) / room)
    return high


def after_gutter(domain: tuple[float, float], left: float) -> tuple[float, float]:
    """The drawing's domain that puts `domain` in the width right of `left` px kept for labels before the bars."""
    low, high = domain
    return low - left * (high - low) / (PLOT - left), high


def pixels(value: float, domain: tuple[float, float]) -> float:
    """Where `value` falls across the drawing, in px from its left edge (for placing a label after a bar)."""
    low, high = domain
    return (value - low) / (high - low) * PLOT
