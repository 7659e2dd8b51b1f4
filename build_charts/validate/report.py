"""Turn Problems into text a comms officer reads, or GitHub annotations on the offending line."""

from __future__ import annotations

from collections.abc import Iterable

from build_charts.validate.problem import Problem, visible

MAX_PER_FILE = 50  # problems listed for one file; the rest are counted, so a broken file gives a short report


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
    """One problem as a short block of plain English (a control character in it is shown as its code, e.g. [U+001B])."""
    label = "Error" if problem.is_error else "Warning"
    return (
        f"{label} in {visible(location(problem))}\n"
        f"  Found:    {visible(problem.found)}\n"
        f"  Expected: {visible(problem.expected)}\n"
        f"  Fix:      {visible(problem.fix)}"
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
    """The first MAX_PER_FILE problems of each file, a count of the rest, then the summary line."""
    listed, left_out = first_of_each_file(problems)
    blocks = [as_text(p) for p in listed]
    blocks += [more_problems(file, count) for file, count in left_out.items()]
    return "\n\n".join([*blocks, summary(problems)])


def first_of_each_file(problems: Iterable[Problem], limit: int = MAX_PER_FILE) -> tuple[list[Problem], dict[str, int]]:
    """The first `limit` problems of each file, in order, and how many more each file has."""
    listed, counts, left_out = [], {}, {}
    for problem in problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
        if counts[problem.file] <= limit:
            listed.append(problem)
        else:
            left_out[problem.file] = left_out.get(problem.file, 0) + 1
    return listed, left_out


def more_problems(file: str, count: int) -> str:
    """The line that stands for the problems of a file the report does not list."""
    return (f"{file}: {_plural(count, 'more problem')} not listed. The first {MAX_PER_FILE} problems of each file "
            "are listed above; fix them and run the check again to see the rest.")


def accepted_line(accepted: list[Problem]) -> str:
    """The one line that stands for the warnings the partnership accepted, which are not listed."""
    return (f"{_plural(len(accepted), 'warning')} the partnership accepted {'is' if len(accepted) == 1 else 'are'} "
            "not listed (partnership.accepted_warnings in datasets/datapackage.json says who accepted each, and when).")


def as_github_annotations(problems: Iterable[Problem], lines: dict[tuple[str, int], int] | None = None) -> str:
    """GitHub Actions workflow commands (::error file=…,line=…::…) so problems show on the pull request.

    The line is the one the problem's row starts on in the file (Problem.line, filled in by validation; a cell
    with line breaks makes it differ from the row), else the `lines` given for (file, row), else the row.
    """
    lines = lines or {}
    out = []
    listed, left_out = first_of_each_file(problems)
    for p in listed:
        level = "error" if p.is_error else "warning"
        props = [f"file={p.file}"]
        line = p.line or lines.get((p.file, p.row or 0)) or p.row
        if line:
            props.append(f"line={line}")
        title = f"{p.column}: {p.found}" if p.column else p.found
        message = f"Expected {p.expected}. {p.fix}"
        out.append(f"::{level} {','.join(props)},title={_escape_property(title)}::{_escape_data(message)}")
    out += [f"::notice file={file}::{_escape_data(more_problems(file, count))}" for file, count in left_out.items()]
    return "\n".join(out)


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
