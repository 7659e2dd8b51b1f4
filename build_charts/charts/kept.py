"""The chart step's finished charts, kept for the next build, each while nothing it is made from changes.

A rebuild finds every unchanged drawing in the drawing cache, but would still make each chart version's rows
again (to find its drawing) and write its summary and table again: most of the chart step's time once little is
drawn. So the finished charts are kept too, each chart (all its versions) under a key of everything it is made
from: the frames of the package every chart reads (all but the figures and the progress reports), the
descriptor, the code of build_charts, the partnership's wording (locale/<language>/LC_MESSAGES/messages.po), the
versions of the libraries that shape a figure, the chart's catalogue row and the rows it draws from (its
indicator's figures or its strategy's progress reports: build_charts.charts.figures.package_for_chart). An
editor's change to one progress report makes only its strategy's charts again; a change to anything else every
chart reads makes them all again (their drawings still come from the drawing cache when their own rows did not
change).

Kept as JSON, never pickle: a cache restored from elsewhere is read as data, never run as code. The file is two
lines: a header naming the fingerprint of what every chart reads and the sha256 of the second line, which holds
the charts by key. Kept charts whose second line does not match that hash (edited or cut short), or that do not
have the shape of charts, are made again with a note for the build log, never published.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from build_charts import i18n
from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.context import DataTable
from build_charts.charts.figures import (
    DRAWN_FRAMES,
    BuiltChart,
    build_each,
    chart_source,
    in_build_order,
    source_of_rows,
)
from build_charts.charts.render import Progress, Renderer
from build_charts.package import DataPackage
from build_charts.staging import folder_digest, write_atomically

CODE = Path(__file__).resolve().parents[1]  # the build_charts package
LIBRARIES = ("altair", "vl-convert-python", "pandas", "numpy")
FILE_NAME = "charts.kept.jsonl"
MISMATCH = "Made the charts again: the charts kept from the last build did not match what was stored."


def charts_for(package: DataPackage, renderer: Renderer, progress: Progress | None = None, common: str | None = None
               ) -> list[BuiltChart]:
    """Every chart (as `build_all` makes them): kept ones where nothing a chart is made from has changed, the rest
    made again (`common`: the package's common_fingerprint, when already made).

    Charts are kept only beside a renderer that caches its drawings, and only the latest build's.
    """
    keys = chart_keys(package, common=common) if renderer.cache is not None else None
    if keys is None:
        return build_all(package, renderer, progress)
    fingerprint, by_chart = keys
    kept = read_kept(renderer.cache / FILE_NAME, fingerprint, renderer, set(by_chart.values()))
    specs = chart_specs(package)
    to_make = [spec for spec in specs if by_chart[spec.chart_id] not in kept]
    made = dict(zip([spec.chart_id for spec in to_make], build_each(package, to_make, renderer, progress), strict=True))
    per_chart = [kept.get(by_chart[spec.chart_id]) or made[spec.chart_id] for spec in specs]
    write_kept(renderer.cache / FILE_NAME, fingerprint,
               {by_chart[spec.chart_id]: charts for spec, charts in zip(specs, per_chart, strict=True)})
    return in_build_order(per_chart)


def build_all(package: DataPackage, renderer: Renderer, progress: Progress | None = None) -> list[BuiltChart]:
    """Every chart made again (none kept)."""
    return in_build_order(build_each(package, chart_specs(package), renderer, progress))


def common_fingerprint(package: DataPackage, code: Path = CODE) -> str | None:
    """A hash of what every chart reads besides its own rows: the package's frames but the figures and progress
    reports, its descriptor, the code, the wording and the libraries (None as for package_fingerprint)."""
    return package_fingerprint(package, code, leave_out=DRAWN_FRAMES)


def chart_keys(package: DataPackage, code: Path = CODE, common: str | None = None) -> tuple[str, dict[str, str]] | None:
    """The fingerprint of what every chart reads (`common`, when already made), and each chart's key (by chart id);
    None when a frame holds a value pandas cannot hash (a list, say): its charts are then never kept."""
    common = common or common_fingerprint(package, code)
    if common is None:
        return None
    rows: dict[tuple, str] = {}
    keys = {}
    for spec in chart_specs(package):
        source = source_of_rows(spec)
        if source not in rows:
            rows[source] = _frame_hash(chart_source(package, spec)[1])
            if rows[source] is None:
                return None
        chart = json.dumps(asdict(spec), sort_keys=True, ensure_ascii=False, default=str)
        keys[spec.chart_id] = hashlib.sha256(f"{common}|{chart}|{rows[source]}".encode()).hexdigest()[:32]
    return common, keys


def package_fingerprint(package: DataPackage, code: Path = CODE, leave_out: tuple[str, ...] = ()) -> str | None:
    """A hash of everything a chart is made from: the package's frames (but those in `leave_out`) and descriptor,
    the code, the wording and the libraries.

    None when a frame holds a value pandas cannot hash (a list, say): its charts are then never kept.
    """
    digest = hashlib.sha256(code_fingerprint(code).encode("ascii"))
    digest.update(i18n.wording_fingerprint().encode("ascii"))  # summaries are written in the partnership's wording
    digest.update(i18n.language().encode("utf-8"))  # and its language (numbers, dates and lists follow it)
    digest.update(json.dumps(package.descriptor, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    for name in sorted(set(package.frames) - set(leave_out)):
        frame_hash = _frame_hash(package.frames[name])
        if frame_hash is None:
            return None
        digest.update(f"{name}|{frame_hash}".encode())
    return digest.hexdigest()[:32]


def _frame_hash(frame: pd.DataFrame) -> str | None:
    """A hash of a frame's columns, types and values; None when a value cannot be hashed."""
    digest = hashlib.sha256(json.dumps([[str(c) for c in frame.columns], [str(t) for t in frame.dtypes]]).encode("utf-8"))
    try:
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    except TypeError:
        return None
    return digest.hexdigest()


def code_fingerprint(code: Path = CODE) -> str:
    """A hash of every file of `code` (a package folder: its code, so the renderer's settings too, its templates and
    its wording) and of the library versions charts depend on."""
    digest = hashlib.sha256("|".join(version(name) for name in LIBRARIES).encode("ascii"))
    digest.update(folder_digest(code).encode("ascii"))
    return digest.hexdigest()


def read_kept(file: Path, fingerprint: str, renderer: Renderer, wanted: set[str]) -> dict[str, list[BuiltChart]]:
    """The charts kept in `file` by key, when they were made from what `fingerprint` names: each chart of a key
    `wanted` whose drawings are all cached.

    None are used when the kept charts do not match their hash or shape; a note is then added to the renderer's
    for the build log as well.
    """
    try:
        header, body = file.read_bytes().split(b"\n", 1)
        header = json.loads(header)
    except (OSError, ValueError):
        header, body = None, b""
    if not isinstance(header, dict) or header.get("fingerprint") != fingerprint:
        return {}
    try:
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            raise ValueError("the kept charts do not match their hash")
        kept = json.loads(body)
        if not isinstance(kept, dict):
            raise ValueError("the kept charts are not charts by key")
        found = {key: _charts_from(charts, renderer) for key, charts in kept.items() if key in wanted}
    except (ValueError, KeyError, TypeError, AttributeError):
        renderer.notes.append(MISMATCH)
        return {}
    return {key: charts for key, charts in found.items() if charts}


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


def write_kept(file: Path, fingerprint: str, charts: dict[str, list[BuiltChart]]) -> None:
    """Keep `charts` (each chart's versions, by key) in `file` (drawings stay in the drawing cache); keep nothing if a
    value is not plain JSON."""
    file.unlink(missing_ok=True)
    try:
        body = json.dumps({key: [_plain(chart) for chart in versions] for key, versions in charts.items()},
                          ensure_ascii=False).encode("utf-8")
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

