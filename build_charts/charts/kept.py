"""The chart step's finished charts, kept for the next build while neither the data nor the code changes.

A rebuild with no data change finds every drawing in the drawing cache, but would still make each chart
version's rows again (to find its drawing) and write its summary and table again: most of the chart step's
time once nothing is drawn. So the finished charts are kept too, under a fingerprint of everything they are
made from: every frame of the loaded package and its descriptor, the code of build_charts, the partnership's
wording (locale/<language>/LC_MESSAGES/messages.po), and the versions of the libraries that shape a figure.
Any change to one of those and the charts are made again (their drawings still come from the drawing cache
when their own rows did not change).

Kept as JSON, never pickle: a cache restored from elsewhere is read as data, never run as code. The file is two
lines: a header naming the fingerprint and the sha256 of the second line, which holds the charts. Kept charts
whose second line does not match that hash (edited or cut short), or that do not have the shape of charts, are
made again with a note for the build log, never published.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from build_charts import i18n
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import DataTable
from build_charts.charts.figures import BuiltChart, build_all
from build_charts.charts.render import Progress, Renderer
from build_charts.package import DataPackage
from build_charts.staging import write_atomically

CODE = Path(__file__).resolve().parents[1]  # the build_charts package
LIBRARIES = ("altair", "vl-convert-python", "pandas", "numpy")
FILE_NAME = "charts.kept.jsonl"
MISMATCH = "Made the charts again: the charts kept from the last build did not match what was stored."


def charts_for(package: DataPackage, renderer: Renderer, progress: Progress | None = None) -> list[BuiltChart]:
    """Every chart (as `build_all` makes them): the kept ones when nothing they are made from has changed.

    Charts are kept only beside a renderer that caches its drawings, and only the latest build's.
    """
    fingerprint = package_fingerprint(package) if renderer.cache is not None else None
    if fingerprint is None:
        return build_all(package, renderer, progress)
    charts = read_kept(renderer.cache / FILE_NAME, fingerprint, renderer)
    if charts is None:
        charts = build_all(package, renderer, progress)
        write_kept(renderer.cache / FILE_NAME, fingerprint, charts)
    return charts


def package_fingerprint(package: DataPackage, code: Path = CODE) -> str | None:
    """A hash of everything a chart is made from: the package's frames and descriptor, the code, the libraries.

    None when a frame holds a value pandas cannot hash (a list, say): its charts are then never kept.
    """
    digest = hashlib.sha256(code_fingerprint(code).encode("ascii"))
    digest.update(i18n.wording_fingerprint().encode("ascii"))  # summaries are written in the partnership's wording
    digest.update(i18n.language().encode("utf-8"))  # and its language (numbers, dates and lists follow it)
    digest.update(json.dumps(package.descriptor, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    for name in sorted(package.frames):
        frame = package.frames[name]
        digest.update(json.dumps([name, [str(c) for c in frame.columns], [str(t) for t in frame.dtypes]]).encode("utf-8"))
        try:
            digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        except TypeError:
            return None
    return digest.hexdigest()[:32]


def code_fingerprint(code: Path = CODE) -> str:
    """A hash of every Python file of `code` (a package folder, so the renderer's settings too) and of the library
    versions charts depend on."""
    digest = hashlib.sha256("|".join(version(name) for name in LIBRARIES).encode("ascii"))
    for file in sorted(code.rglob("*.py")):
        digest.update(file.relative_to(code).as_posix().encode("utf-8"))
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_kept(file: Path, fingerprint: str, renderer: Renderer) -> list[BuiltChart] | None:
    """The charts kept in `file` when they were made from what `fingerprint` names and every drawing is cached.

    None when there are none to use; when the kept charts do not match their hash or shape, a note is added to
    the renderer's for the build log as well.
    """
    try:
        header, body = file.read_bytes().split(b"\n", 1)
        header = json.loads(header)
    except (OSError, ValueError):
        header, body = None, b""
    if not isinstance(header, dict) or header.get("fingerprint") != fingerprint:
        return None
    try:
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise ValueError("the kept charts do not match their hash")
        return _charts_from(json.loads(body), renderer)
    except (ValueError, KeyError, TypeError, AttributeError):
        renderer.notes.append(MISMATCH)
        return None


def _charts_from(kept: list[dict], renderer: Renderer) -> list[BuiltChart] | None:
    """The charts as kept, each with its cached drawing; None when a drawing is not in the cache."""
    drawings = renderer.reuse_all([chart["drawing_key"] for chart in kept] + [chart["narrow_key"] for chart in kept])
    if drawings is None:
        return None
    phones, drawings = drawings[len(kept):], drawings[:len(kept)]
    return [
        BuiltChart(
            spec=ChartSpec(**chart["spec"]),
            period=chart["period"],
            data_csv=chart["data_csv"].encode("utf-8"),
            summary=chart["summary"],
            table=DataTable(chart["table"]["headers"], chart["table"]["rows"], set(chart["table"]["numeric"])),
            vega_lite=drawn.vega_lite,
            svg=drawn.svg,
            source_ids=chart["source_ids"],
            periods=chart["periods"],
            drawing_key=chart["drawing_key"],
            narrow_svg=phone.svg,
            narrow_key=chart["narrow_key"],
            figure_ages=[(period, source) for period, source in chart["figure_ages"]],
        )
        for chart, drawn, phone in zip(kept, drawings, phones, strict=True)
    ]


def write_kept(file: Path, fingerprint: str, charts: list[BuiltChart]) -> None:
    """Keep `charts` in `file` (drawings stay in the drawing cache); keep nothing if a value is not plain JSON."""
    file.unlink(missing_ok=True)
    try:
        body = json.dumps([_plain(chart) for chart in charts], ensure_ascii=False).encode("utf-8")
    except TypeError:  # a value JSON cannot hold exactly, such as a date or a numpy number: make the charts again
        return
    header = json.dumps({"fingerprint": fingerprint, "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
    write_atomically(file, header + b"\n" + body)


def _plain(chart: BuiltChart) -> dict:
    return {
        "spec": asdict(chart.spec),
        "period": chart.period,
        "data_csv": chart.data_csv.decode("utf-8"),
        "summary": chart.summary,
        "table": {"headers": chart.table.headers, "rows": chart.table.rows, "numeric": sorted(chart.table.numeric)},
        "source_ids": chart.source_ids,
        "periods": chart.periods,
        "drawing_key": chart.drawing_key,
        "narrow_key": chart.narrow_key,
        "figure_ages": [list(pair) for pair in chart.figure_ages],
    }

