"""Images that travel: a 1200 × 630 PNG per chart version that carries its own title, area and period, source and
the site's name and address, for link previews and the PNG download; and one such image for the whole site.

Pasted into a slide or a post, the image still says what it shows and where it came from (as the downloadable
charts of Our World in Data and the ONS do). It is laid out as SVG around the chart's own wide drawing and turned
into a PNG by vl-convert, in DejaVu Sans (no font from another host). Every text is escaped by its template
(templates/chart/share_image.svg).
Images are cached by a hash of what their SVG is made from (the chart's drawing, its words, the site, the code), so
an unchanged chart's image is neither laid out nor drawn again; a cached file that is not a whole
PNG (cut short, emptied) is drawn again, never published.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

import vl_convert

from build_charts import i18n
from build_charts.charts import narrow, theme
from build_charts.charts.figures import BuiltChart, version_label
from build_charts.charts.render import POOL_THRESHOLD, content_key
from build_charts.processes import run_in_children
from build_charts.staging import write_atomically
from build_charts.templating import render, safe

WIDTH, HEIGHT = 1200, 630
MARGIN = 48
FONT = "DejaVu Sans"
MUTED = "#4D4D4D"
# Areas named in the image's second line before the rest are counted ('and 37 more').
AREAS_NAMED = 3
SITE_IMAGE = "assets/images/site-preview.png"
PNG_START, PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


def _lines(texts: list[str], x: float, y: float, size: int, bold: bool = False, colour: str = theme.TEXT
           ) -> list[dict]:
    """Text lines, one below the other, from the baseline `y` down."""
    return [{"x": x, "y": y + i * round(size * 1.25), "size": size, "bold": bold, "colour": colour, "text": text}
            for i, text in enumerate(texts)]


def _fitted(text: str, width: float, size: int, bold: bool = False, most: int = 2) -> tuple[list[str], int]:
    """`text` wrapped to `width` in at most `most` lines, at `size` px or smaller until it fits; never cut."""
    while True:
        lines = narrow.wrap(text, width, size, bold)
        if len(lines) <= most or size <= 14:
            return lines, size
        size -= 2


def _nested(chart_svg: str, x: float, y: float, width: float, height: float) -> dict:
    """The chart's own SVG placed in a box of the image, scaled to fit it (its proportions kept)."""
    markup = re.sub(r"<\?xml[^>]*>", "", chart_svg).strip()
    opening = re.match(r"<svg\b[^>]*>", markup).group(0)
    box = re.search(r'viewBox="([^"]+)"', opening)
    size = re.findall(r'(?:width|height)="([\d.]+)"', opening)[:2]
    view = box.group(1) if box else f"0 0 {size[0]} {size[1]}"
    inner = markup[len(opening):].removesuffix("</svg>")
    # vl-convert's own drawing, never text from the data unescaped: safe to place as it is.
    return {"x": x, "y": y, "width": width, "height": height, "view": view, "inner": safe(inner)}


def chart_image_svg(chart_svg: str, title: str, where_when: str, source: str, site_name: str, address: str) -> str:
    """The share image of one chart as SVG: title, area and period, the chart, its source, the site."""
    inner = WIDTH - 2 * MARGIN
    title_lines, title_size = _fitted(title, inner, 40, bold=True)
    source_lines, source_size = _fitted(i18n.sentence("Source: %(document)s", document=source), inner, 20)
    top = MARGIN + title_size
    texts = _lines(title_lines, MARGIN, top, title_size, bold=True)
    top += (len(title_lines) - 1) * round(title_size * 1.25) + 36
    texts += _lines(narrow.wrap(where_when, inner, 24)[:1], MARGIN, top, 24, colour=MUTED)
    footer = HEIGHT - MARGIN - (len(source_lines) - 1) * round(source_size * 1.25) - 40
    chart_top = top + 24
    chart = _nested(chart_svg, MARGIN, chart_top, inner, footer - chart_top - source_size - 12)
    rects = [{"x": MARGIN, "y": footer - source_size - 4, "width": inner, "height": 1, "fill": "#BDBDBD"}]
    texts += _lines(source_lines, MARGIN, footer + 12, source_size, colour=MUTED)
    texts += _lines([f"{site_name} · {address}" if address else site_name], MARGIN, HEIGHT - MARGIN + 16, 20,
                    bold=True, colour=theme.LOCAL)
    return _page(texts, rects, chart)


def site_image_svg(site_name: str, partnership: str, address: str) -> str:
    """The share image of the site itself (pages without a chart): its name, the partnership, its address."""
    inner = WIDTH - 2 * MARGIN
    name_lines, name_size = _fitted(site_name, inner, 64, bold=True, most=3)
    rects = [{"x": 0, "y": 0, "width": WIDTH, "height": 16, "fill": theme.LOCAL}]
    texts = _lines(name_lines, MARGIN, 200, name_size, bold=True)
    below = 200 + len(name_lines) * round(name_size * 1.25) + 24
    if partnership and partnership != site_name:
        lines, size = _fitted(partnership, inner, 32)
        texts += _lines(lines, MARGIN, below, size, colour=MUTED)
    if address:
        texts += _lines([address], MARGIN, HEIGHT - MARGIN, 26, bold=True, colour=theme.LOCAL)
    return _page(texts, rects)


def _page(texts: list[dict], rects: list[dict], chart: dict | None = None) -> str:
    return str(render("chart/share_image.svg", width=WIDTH, height=HEIGHT, font=FONT, texts=texts, rects=rects,
                      chart=chart))


def where_and_when(data_csv: bytes, fallback_area: str) -> str:
    """'Southampton, England and Hampshire, 2024': the areas and periods of a chart's rows (its CSV download)."""
    rows = list(csv.DictReader(io.StringIO(data_csv.decode("utf-8"))))
    areas = list(dict.fromkeys(r["area"] for r in rows if r.get("area"))) or ([fallback_area] if fallback_area else [])
    not_given = i18n.sentence("period not given")
    periods = sorted({r["period"] for r in rows if r.get("period") and r["period"] != not_given})
    named = areas[:AREAS_NAMED]
    if len(areas) > AREAS_NAMED:
        named.append(i18n.sentence("%(count)s more", count=len(areas) - AREAS_NAMED))
    where = i18n.sentence("%(items)s and %(last)s", items=", ".join(named[:-1]), last=named[-1]) if len(named) > 1 \
        else "".join(named)
    when = (periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}") if periods else not_given
    return ", ".join(part for part in (where, when) if part)


class ShareImages:
    """Turns share-image SVGs into PNGs, reusing those drawn before (kept in `folder`, by a hash of the SVG).

    Many new images are drawn in `workers` child processes (about 0.1 s each), as chart drawings are.
    """

    def __init__(self, folder: Path | None, workers: int = 1):
        self.folder = folder
        self.workers = workers
        self.used: set[str] = set()

    def png(self, svg: str) -> bytes:
        """The PNG of `svg`, from the cache when it was drawn before."""
        return self.pngs([(hashlib.sha256(svg.encode("utf-8")).hexdigest()[:32], lambda: svg)])[0]

    def pngs(self, images: list[tuple[str, Callable[[], str]]]) -> list[bytes]:
        """The PNG of each image, given as (a key of everything its SVG is made from, the function that makes its
        SVG), in order: cached ones read, the rest laid out and drawn (in child processes when many) and kept."""
        names = [key + ".png" for key, _ in images]
        self.used.update(names)
        found: dict[str, bytes] = {}
        for name in names:
            cached = self._cached(name)
            if cached is not None:
                found[name] = cached
        missing = {name: make for name, (_, make) in zip(names, images, strict=True) if name not in found}
        for name, png in zip(missing, self._draw([make() for make in missing.values()]), strict=True):
            found[name] = png
            if self.folder:
                write_atomically(self.folder / name, png)
        return [found[name] for name in names]

    def _cached(self, name: str) -> bytes | None:
        """The cached image `name`, when there is one and it is a whole PNG."""
        try:
            png = (self.folder / name).read_bytes() if self.folder else b""
        except OSError:
            return None
        return png if png.startswith(PNG_START) and png.endswith(PNG_END) else None

    def _draw(self, svgs: list[str]) -> list[bytes]:
        if len(svgs) < POOL_THRESHOLD or self.workers < 2:
            return [svg_png(svg) for svg in svgs]
        drawn: dict[int, bytes] = {}
        for index, png in run_in_children((partial(svg_png, svg) for svg in svgs), self.workers):
            drawn[index] = png
        return [drawn[index] for index in range(len(svgs))]

    def forget_unused(self) -> None:
        """Delete cached images this build did not use."""
        if self.folder and self.folder.is_dir():
            for file in self.folder.glob("*.png"):
                if file.name not in self.used:
                    file.unlink(missing_ok=True)


def svg_png(svg: str) -> bytes:
    """A share image's PNG, at its own size (module-level, so a child process can run it)."""
    return vl_convert.svg_to_png(svg, scale=1)


def with_share_images(charts: Iterable[BuiltChart], sources: dict, site_name: str, address: str, local_area: str,
                      images: ShareImages) -> list[BuiltChart]:
    """Each chart with its share image as its PNG (the link preview and the PNG download)."""
    charts = list(charts)
    made = []
    for chart in charts:
        title = chart.spec.title if chart.period is None else i18n.sentence(
            "%(title)s, as at %(period)s", title=chart.spec.title, period=version_label(chart.period))
        documents = "; ".join(sources[s]["title"] for s in chart.source_ids if s in sources) or i18n.sentence(
            "Not reported")
        # The drawing's key names its SVG; content_key adds the code, wording and language that lay the image out.
        key = content_key("share image", chart.drawing_key, title, hashlib.sha256(chart.data_csv).hexdigest(),
                          local_area, documents, site_name, address)
        made.append((key, partial(_chart_image, chart, title, documents, local_area, site_name, address)))
    return [replace(chart, png=png) for chart, png in zip(charts, images.pngs(made), strict=True)]


def _chart_image(chart: BuiltChart, title: str, documents: str, local_area: str, site_name: str, address: str) -> str:
    return chart_image_svg(chart.svg, title, where_and_when(chart.data_csv, local_area), documents, site_name, address)


def shown_address(url: str | None) -> str:
    """The site's address as the image prints it: 'partnership.example.org/rdhp' ('' when it is not set)."""
    return re.sub(r"^https?://", "", url or "").rstrip("/")
