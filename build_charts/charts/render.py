"""Render Vega-Lite specs to static SVG with vl-convert (no browser, no JavaScript), cached by content.

A chart's PNG (its link preview and download) is its share image, laid out around this SVG (build_charts/charts/
share.py), so no PNG of the bare drawing is made.

A chart is rendered again only when its spec (which holds its data) or the renderer changes: the cache key
is a hash of both, so a rebuild with no data change renders nothing.

The cache is checked, never trusted: each drawing's files are written atomically, then a record of their
sha256 hashes. A drawing whose files do not match its record (edited, swapped, cut short) or do not have the
shape of a drawing is drawn again, with a note for the build log.

Drawing happens in child processes, never in the build's own: vl-convert is native code that can abort its
process (it panics on some control characters), and a child that dies takes only itself down. Any drawing that
fails raises DrawingFailed, naming the chart version.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import vl_convert
from markupsafe import Markup

from build_charts.processes import ChildStopped, TaskFailed, available_processors, run_in_children
from build_charts.staging import write_atomically
from build_charts.templating import render, safe

# Bump to re-render every cached chart after a change to how charts are rendered.
RENDER_VERSION = "4"
# Starting worker processes (each loads Altair and starts vl-convert's engine) costs about 4 s on 2 cores; a
# drawing about 0.1-0.2 s. Below this many drawings one child process draws them all (measured: 28 drawings
# took 8.1 s with a worker per processor and 3.5 s with one process).
POOL_THRESHOLD = 60
# Why a drawing failed when its process stopped (a native library aborts without a message).
STOPPED = "the drawing library stopped suddenly"
# The files a drawing is cached as, the Vega-Lite spec first.
DRAWING_FILES = (".vl.json", ".svg")
# Written after them: the sha256 of each, which a drawing read from the cache must match.
RECORD = ".sha256.json"
CACHE_FILES = (*DRAWING_FILES, RECORD)

MakeSpec = Callable[[], dict]
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Rendered:
    """One chart as its Vega-Lite spec and SVG markup."""

    vega_lite: dict
    svg: str


class DrawingFailed(Exception):
    """A chart version could not be drawn: `label` names it (as in Drawing), `reason` says why in a few words."""

    def __init__(self, label: str, reason: str, exit_code: int | None = None, spec: dict | None = None):
        super().__init__(f"Could not draw chart {label}: {reason}")
        self.label, self.reason, self.exit_code, self.spec = label, reason, exit_code, spec


@dataclass(frozen=True)
class Drawing:
    """One chart version to draw: the key its drawing is cached under, a label for progress, and its spec.

    `make_spec` is only called when the key is not cached, in this process; the spec it returns (plain JSON data)
    is drawn in a child process.
    """

    key: str
    label: str
    make_spec: MakeSpec


class Renderer:
    """Renders specs, reusing earlier renders kept in `cache` (a folder) when given; counts both.

    The caller names each chart by a key that changes whenever its drawing could (see `content_key`), so a
    cached chart is found without building its spec at all. vl-convert holds Python's lock while it draws, so
    many drawings are shared out to `workers` processes (by default one per processor).
    """

    def __init__(self, cache: Path | None = None, workers: int | None = None):
        self.cache = cache
        self.workers = workers or available_processors()
        self.rendered = 0
        self.reused = 0
        self.notes: list[str] = []  # one line for the build log about each cached drawing drawn again
        self._seen: dict[str, Rendered] = {}
        self._damaged: set[str] = set()

    def render_all(self, drawings: list[Drawing], progress: Progress | None = None) -> list[Rendered]:
        """Every drawing, in order: cached ones read, the rest drawn (each distinct key once) and cached.

        `progress` is told (number drawn, number to draw, label) as each new drawing is finished.
        """
        missing: dict[str, Drawing] = {}
        for drawing in drawings:
            if drawing.key not in missing and self._find(drawing.key) is None:
                missing[drawing.key] = drawing
                if drawing.key in self._damaged:
                    self.notes.append(f"Redrew chart {drawing.label}: its cached drawing did not match what was stored.")
        for number, (key, result) in enumerate(self._draw(list(missing.values())), start=1):
            self._seen[key] = result
            self._write(key, result)
            if progress:
                progress(number, len(missing), missing[key].label)
        self.rendered += len(missing)
        self.reused += len(drawings) - len(missing)
        return [self._seen[d.key] for d in drawings]

    def reuse_all(self, keys: list[str]) -> list[Rendered] | None:
        """The cached drawing of each key, in order, counted as reused; None (and nothing counted) if one is missing."""
        found = [self._find(key) for key in keys]
        if any(drawing is None for drawing in found):
            return None
        self.reused += len(found)
        return found

    def forget_unused(self) -> int:
        """Delete cached drawings this renderer did not use, so the cache holds one build's charts; return how many."""
        if self.cache is None or not self.cache.is_dir():
            return 0
        drawn = [f for f in self.cache.iterdir() if f.name.endswith(CACHE_FILES) and not f.name.startswith(".")]
        unused = {f.name.split(".", 1)[0] for f in drawn} - set(self._seen)
        for key in unused:
            for suffix in CACHE_FILES:
                (self.cache / f"{key}{suffix}").unlink(missing_ok=True)
        return len(unused)

    def _find(self, key: str) -> Rendered | None:
        found = self._seen.get(key) or self._read(key)
        if found is not None:
            self._seen[key] = found
        return found

    def _draw(self, drawings: list[Drawing]):
        """Yield (key, Rendered) for each drawing as it is finished, in child processes (one per processor when there
        are many); DrawingFailed names the first that failed."""
        workers = 1 if len(drawings) < POOL_THRESHOLD else self.workers
        specs: dict[int, dict] = {}  # the specs being drawn, so a failure can be shown to come from a cell
        try:
            for index, rendered in run_in_children(_drawing_tasks(drawings, specs), workers):
                specs.pop(index, None)
                yield drawings[index].key, rendered
        except ChildStopped as stopped:
            raise DrawingFailed(drawings[stopped.index].label, STOPPED, stopped.exit_code,
                                specs.get(stopped.index)) from None
        except TaskFailed as failed:
            raise DrawingFailed(drawings[failed.index].label, f"the drawing library reported: {failed.reason}",
                                spec=specs.get(failed.index)) from None

    def _read(self, key: str) -> Rendered | None:
        """The cached drawing of `key` if its files match their record; a damaged one is remembered, not used."""
        if self.cache is None or not (self.cache / f"{key}{RECORD}").is_file():
            return None
        try:
            record = json.loads((self.cache / f"{key}{RECORD}").read_bytes())
            contents = {suffix: (self.cache / f"{key}{suffix}").read_bytes() for suffix in DRAWING_FILES}
        except (OSError, ValueError):
            record, contents = None, {}
        found = _drawing_from(contents) if record == _record(key, contents) else None
        if found is None:
            self._damaged.add(key)
        return found

    def _write(self, key: str, result: Rendered) -> None:
        if self.cache is None:
            return
        contents = {".vl.json": json.dumps(result.vega_lite, ensure_ascii=False).encode("utf-8"),
                    ".svg": result.svg.encode("utf-8")}
        for suffix, content in contents.items():
            write_atomically(self.cache / f"{key}{suffix}", content)
        # Written last: a drawing counts as cached only once its record is there and its files match it.
        write_atomically(self.cache / f"{key}{RECORD}", json.dumps(_record(key, contents)).encode("ascii"))


def _record(key: str, contents: dict[str, bytes]) -> dict[str, str]:
    """What a drawing's record holds: its key, and the sha256 of each of its files."""
    return {"key": key, **{suffix: hashlib.sha256(contents.get(suffix, b"")).hexdigest() for suffix in DRAWING_FILES}}


def _drawing_from(contents: dict[str, bytes]) -> Rendered | None:
    """The drawing these file contents hold, or None when they do not have the shape of one."""
    try:
        vega_lite, svg = json.loads(contents[".vl.json"]), contents[".svg"].decode("utf-8")
    except (KeyError, ValueError):
        return None
    if not (isinstance(vega_lite, dict) and svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")):
        return None
    return Rendered(vega_lite=vega_lite, svg=svg)


def _drawing_tasks(drawings: list[Drawing], made: dict[int, dict] | None = None):
    """A task for a child process per drawing: its spec is made here (Altair is loaded here already), only when a
    child is free, so the child needs nothing but vl-convert. Each spec is kept in `made` by its place, if given."""
    for index, drawing in enumerate(drawings):
        try:
            spec = drawing.make_spec()
        except Exception as error:
            raise DrawingFailed(drawing.label, f"its chart could not be made: {error}") from None
        if made is not None:
            made[index] = spec
        yield partial(draw_spec, spec)


def draw(make_spec: MakeSpec) -> Rendered:
    """Build one spec and render it (in this process)."""
    return draw_spec(make_spec())


def draw_spec(spec: dict) -> Rendered:
    """Render a Vega-Lite spec to SVG by vl-convert."""
    return Rendered(vega_lite=spec, svg=vl_convert.vegalite_to_svg(spec))


def content_key(*parts) -> str:
    """A hash of everything a drawing depends on, names its cached files: `parts` (its data and settings), the
    partnership's wording and language (a drawing's titles, axes and labels are sentences), the code that makes
    drawings and the renderer's version."""
    from build_charts import i18n

    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    salt = (f"{RENDER_VERSION}|{vl_convert.__version__}|{_drawing_code()}|{i18n.language()}|"
            f"{i18n.wording_fingerprint()}|")
    return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _drawing_code() -> str:
    """A hash of the code that turns data into drawings (build_charts/charts/ and the templates it fills)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted([*root.glob("*.py"), *(root.parent / "templates" / "chart").glob("*")]):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def accessible_svg(markup: str, chart_id: str, title: str, description: str) -> Markup:
    """SVG with role=img, a title and a description, on one line so Markdown keeps it intact.

    The SVG is vl-convert's own drawing, so the result is marked safe to write into a page as it is.
    """
    markup = re.sub(r"<\?xml[^>]*>", "", markup)
    opening = str(render("chart/svg_label.html", part="attributes", id=chart_id))
    markup = re.sub(r"<svg\b", lambda _: opening, markup, count=1)
    heading = str(render("chart/svg_label.html", part="heading", id=chart_id, title=title, description=description))
    markup = re.sub(r"(<svg\b[^>]*>)", lambda found: found.group(1) + heading, markup, count=1)
    return safe(" ".join(markup.split()))
