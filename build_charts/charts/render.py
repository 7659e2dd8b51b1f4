"""Render Vega-Lite specs to static SVG and PNG with vl-convert (no browser, no JavaScript), cached by content.

A chart is rendered again only when its spec (which holds its data) or the renderer changes: the cache key
is a hash of both, so a rebuild with no data change renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import vl_convert

from build_charts.pages.markdown import esc

# Bump to re-render every cached chart after a change to how charts are rendered.
RENDER_VERSION = "1"
PNG_SCALE = 2


@dataclass(frozen=True)
class Rendered:
    """One chart as SVG markup and PNG bytes."""

    svg: str
    png: bytes


class Renderer:
    """Renders specs, reusing earlier renders kept in `cache` (a folder) when given; counts both."""

    def __init__(self, cache: Path | None = None):
        self.cache = cache
        self.rendered = 0
        self.reused = 0

    def render(self, spec: dict) -> Rendered:
        """The spec as SVG and PNG, from the cache when this exact spec was rendered before."""
        key = spec_hash(spec)
        cached = self._read(key)
        if cached is not None:
            self.reused += 1
            return cached
        result = Rendered(svg=vl_convert.vegalite_to_svg(spec), png=vl_convert.vegalite_to_png(spec, scale=PNG_SCALE))
        self.rendered += 1
        self._write(key, result)
        return result

    def _read(self, key: str) -> Rendered | None:
        if self.cache is None:
            return None
        svg, png = self.cache / f"{key}.svg", self.cache / f"{key}.png"
        if not (svg.exists() and png.exists()):
            return None
        return Rendered(svg=svg.read_text(encoding="utf-8"), png=png.read_bytes())

    def _write(self, key: str, result: Rendered) -> None:
        if self.cache is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / f"{key}.png").write_bytes(result.png)
        (self.cache / f"{key}.svg").write_text(result.svg, encoding="utf-8")


def spec_hash(spec: dict) -> str:
    """A content hash of the spec and the renderer, naming its cached files."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    salt = f"{RENDER_VERSION}|{vl_convert.__version__}|{PNG_SCALE}|"
    return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[:32]


def accessible_svg(markup: str, chart_id: str, title: str, description: str) -> str:
    """SVG with role=img, a title and a description, on one line so Markdown keeps it intact."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    markup = re.sub(r"<\?xml[^>]*>", "", markup)
    markup = re.sub(
        r"<svg\b",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}"',
        markup,
        count=1,
    )
    heading = f'<title id="{title_id}">{esc(title)}</title><desc id="{desc_id}">{esc(description)}</desc>'
    markup = re.sub(r"(<svg\b[^>]*>)", r"\1" + heading.replace("\\", r"\\"), markup, count=1)
    return " ".join(markup.split())
