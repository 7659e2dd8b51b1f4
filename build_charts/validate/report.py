"""Turn Problems into text a comms officer reads, or GitHub annotations on the offending line."""

from __future__ import annotations

from collections.abc import Iterable

from build_charts.validate.problem import Problem


def location(problem: Problem) -> str:
    """Where the problem is, as a spreadsheet user would look for it."""
    parts = [problem.file]
    if problem.row:
        parts.append(f"row {problem.row}")
    elif problem.line:
        parts.append(f"line {problem.line}")
    if problem.column:
        parts.append(f'column "{problem.column}"')
    return ", ".join(parts)


def as_text(problem: Problem) -> str:
    """One problem as a short block of plain English."""
    label = "Error" if problem.is_error else "Warning"
    return (
        f"{label} in {location(problem)}\n"
        f"  Found:    {problem.found}\n"
        f"  Expected: {problem.expected}\n"
        f"  Fix:      {problem.fix}"
    )


def summary(problems: list[Problem]) -> str:
    """A one-line count of errors and warnings, saying whether the site can be built."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counts = f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')}"
    if errors:
        return f"The data has {counts}. Fix the errors above; nothing was published."
    if warnings:
        return f"The data is valid, with {_plural(warnings, 'warning')} to look at."
    return "The data is valid."


def as_report(problems: list[Problem]) -> str:
    """Every problem, then the summary line."""
    blocks = [as_text(p) for p in problems]
    return "\n\n".join([*blocks, summary(problems)])


def as_github_annotations(problems: Iterable[Problem], lines: dict[tuple[str, int], int] | None = None) -> str:
    """GitHub Actions workflow commands (::error file=…,line=…::…) so problems show on the pull request.

    The line is the one the problem's row starts on in the file (Problem.line, filled in by validation; a cell
    with line breaks makes it differ from the row), else the `lines` given for (file, row), else the row.
    """
    lines = lines or {}
    out = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = [f"file={p.file}"]
        line = p.line or lines.get((p.file, p.row or 0)) or p.row
        if line:
            props.append(f"line={line}")
        title = f"{p.column}: {p.found}" if p.column else p.found
        message = f"Expected {p.expected}. {p.fix}"
        out.append(f"::{level} {','.join(props)},title={_escape_property(title)}::{_escape_data(message)}")
    return "\n".join(out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
