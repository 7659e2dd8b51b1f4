"""Why a chart could not be drawn, told as a comms officer can fix it: the chart's row in the catalogue and, when a
cell of the rows it is made from holds a character a chart cannot show, that cell.

A cell is blamed only when it is shown to stop the drawing library: its text is in the chart that failed, and that
chart, drawn again in a child process with the character taken out of the cell's text, draws. Otherwise the message says that the library stopped and why
(stopped by the system, most often for lack of memory, or crashed), without sending anyone to edit a cell."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from functools import partial

from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.render import STOPPED, DrawingFailed, draw_spec
from build_charts.package import DataPackage, display_path


def drawing_failed_message(package: DataPackage, failure: DrawingFailed) -> str:
    """Which chart could not be drawn (its catalogue row) and, when a cell of its rows holds a character charts
    cannot show, where that is and how to fix it."""
    spec = next((s for s in chart_specs(package)
                 if failure.label == s.chart_id or failure.label.startswith(f"{s.chart_id} as at ")), None)
    if spec is None:
        return f"Could not draw chart {failure.label}: {failure.reason}. Nothing was published."
    where = _row_of(package, "charts", "chart_id", spec.chart_id)
    headline = f'Could not draw the chart "{failure.label}" ({where}).'
    found = _shown_to_fail(package, spec, failure.spec)
    if found is not None:
        cell, character = found
        return (f"{headline} {cell} holds {_character_name(character)}, which a chart cannot show. "
                f"{_how_to_fix(character)}, then build again. Nothing was published.")
    if failure.reason == STOPPED:
        return f"{headline} {_why_stopped(failure.exit_code)} Nothing was published."
    said = f"The chart library said: {failure.reason.split(': ', 1)[-1]}"
    return (f"{headline} {said}. Check the text of this chart's rows for unusual characters pasted in from another "
            f"program, then build again. Nothing was published.")


# Signals a process is stopped with from outside: the system's out-of-memory killer and a memory watchdog send 9.
_KILLED = {-9, 137}


def _why_stopped(exit_code: int | None) -> str:
    """Why the drawing library's process ended, in plain words, with what to do."""
    if exit_code in _KILLED:
        return ("The drawing library was stopped by the system (signal 9), most often because the computer ran out "
                "of memory. Build again when fewer programs are running; if it stops again, the chart may have too "
                "many rows to draw: ask a developer.")
    how = f" (signal {-exit_code})" if exit_code and exit_code < 0 else f" (exit code {exit_code})" if exit_code else ""
    return (f"The drawing library stopped suddenly{how}. None of this chart's cells was shown to cause it: build "
            "again, and if it stops again, ask a developer.")


def _shown_to_fail(package: DataPackage, spec: ChartSpec, drawn: dict | None) -> tuple[str, str] | None:
    """(where, character) of the first unusual character in a cell of the chart's rows that is in the chart that
    failed and without which it draws; None when no cell is shown to cause the failure."""
    if drawn is None:
        return None
    text = json.dumps(drawn, ensure_ascii=False)
    for where, character, cell in _unusual_characters(package, spec):
        written = json.dumps(cell, ensure_ascii=False)[1:-1]
        if written and written in text:
            cleaned = json.dumps(cell.replace(character, " "), ensure_ascii=False)[1:-1]
            if draws(json.loads(text.replace(written, cleaned))):
                return where, character
    return None


def draws(drawn: dict) -> bool:
    """Whether the drawing library draws this spec, tried in a child process (it may abort the process)."""
    from build_charts.processes import ChildStopped, TaskFailed, run_in_children

    try:
        for _ in run_in_children([partial(draw_spec, drawn)], 1):
            pass
    except (ChildStopped, TaskFailed):
        return False
    return True


def _row_of(package: DataPackage, resource: str, column: str, value: str) -> str:
    """Where a row is, as a spreadsheet numbers it: e.g. datasets/charts.csv, row 8."""
    frame = package[resource]
    rows = frame.index[frame[column] == value]
    return f"{_file_of(package, resource)}, row {rows[0] + 2}" if len(rows) else _file_of(package, resource)


def _file_of(package: DataPackage, resource: str) -> str:
    path = next((r["path"] for r in package.descriptor.get("resources", []) if r.get("name") == resource), resource)
    return display_path(package.root, path)


def _unusual_characters(package: DataPackage, spec: ChartSpec) -> Iterator[tuple[str, str, str]]:
    """Each cell of the chart's own rows holding a control character, then each holding a line break: where it is,
    that character and the cell's text."""
    cells = list(_chart_cells(package, spec))
    for wanted in (_is_control, _is_line_break):
        for where, text in cells:
            character = next((c for c in text if wanted(c)), None)
            if character is not None:
                yield where, character, text


def _chart_cells(package: DataPackage, spec: ChartSpec) -> Iterator[tuple[str, str]]:
    """(where, text) for every text cell of the rows a chart is made from: its catalogue row, its indicator and
    values, or its strategy's rows."""
    links = [("chart_id", spec.chart_id), ("indicator_id", spec.indicator_id), ("strategy_id", spec.strategy_id)]
    for name, frame in package.frames.items():
        column, value = next(((c, v) for c, v in links if v and c in frame.columns), (None, None))
        if column is None or (name != "charts" and column == "chart_id"):
            continue
        for index, row in frame[frame[column] == value].iterrows():
            for field_name, text in row.items():
                if isinstance(text, str):
                    yield f'{_file_of(package, name)}, row {index + 2}, column "{field_name}"', text


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in "\n\r"


def _is_line_break(character: str) -> bool:
    return character in "\n\r\u2028\u2029"


def _character_name(character: str) -> str:
    if _is_line_break(character):
        return "a line break"
    return f"an invisible control character (U+{ord(character):04X})"


def _how_to_fix(character: str) -> str:
    if _is_line_break(character):
        return "Write it on one line"
    return "Delete it (retype the text around it if you cannot see it)"
