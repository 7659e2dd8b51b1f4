"""What a change does to the published site, in words: the figures, progress reports, commitments, help contacts
and addresses that differ from another version (a git branch, tag or commit), and the data's problems.

This is what a reviewer reads on a pull request instead of a diff of CSV lines. The comparing functions are
pure: they take two loaded data packages and return Markdown lines.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from build_charts.charts.catalogue import chart_specs
from build_charts.charts.context import ordered_periods
from build_charts.charts.figures import chart_rows_in_package, package_for_chart, versioned_periods
from build_charts.package import DataPackage, load_package, read_descriptor, read_text_tables
from build_charts.pages.registry import pages_from_data
from build_charts.routes import path_for, period_slug
from build_charts.settings import Paths
from build_charts.validate import Problem
from build_charts.validate.checks import lost_characters
from build_charts.validate.report import as_text
from build_charts.vocab import Vocabularies

TITLE = "## What this changes on the published site"
NOTHING = "Nothing that the published site shows from the data changes."
HELP_FIELDS = {"phone": "phone", "text_number": "text", "hours": "hours", "url": "website", "email": "email"}
QUOTE_LENGTH = 200
CANNOT_COMPARE_ERRORS = "The data cannot be compared until the errors below are fixed."
CANNOT_COMPARE_LAYOUT = ("The data at `{base}` is laid out as an older version of this site kit laid it out, so the "
                         "change cannot be put in words. Compare with a more recent version.")


class NoBase(Exception):
    """The version to compare with cannot be read (not a branch, tag or commit here, or has no data package)."""


def report_against(paths: Paths, base: str) -> str:
    """The Markdown report for the project at `paths` compared with the git version `base`.

    Data that cannot be compared (errors in it, or a base from before a change to the files' layout) gives a
    report that says so, with the data's problems, rather than a crash.
    """
    from build_charts import pipeline  # the pipeline imports the pages; imported here to keep this module light

    problems = pipeline.validate(paths).problems
    with tempfile.TemporaryDirectory() as folder:
        old_root = datasets_at(paths.root, base, Path(folder))
        problems = [*problems, *_characters_lost(old_root, paths.datasets)]
        try:
            old, new = load_package(old_root), load_package(paths.datasets)
            if set(new.frames) - set(old.frames):
                raise NoBase("the base has fewer data files than this version")  # laid out by an older kit
            return what_changed(old, new, problems, base)
        except Exception:  # noqa: BLE001 - the reason is in the problems below, or in the base's layout
            reason = (CANNOT_COMPARE_ERRORS if any(p.is_error for p in problems)
                      else CANNOT_COMPARE_LAYOUT.format(base=_md(base)))
            return "\n".join([TITLE, "", f"Compared with `{_md(base)}`.", "", reason, "",
                              *problem_lines(problems)]).rstrip() + "\n"


def _characters_lost(old_root: Path, new_root: Path) -> list[Problem]:
    """Cells where a `?` replaced a character the base version had (a save in Windows-1252 loses them)."""
    try:
        old = read_text_tables(old_root, read_descriptor(old_root))
        new = read_text_tables(new_root, read_descriptor(new_root))
    except (OSError, ValueError):
        return []  # a base or package that cannot be read: its own problems say why
    return sorted(lost_characters.check(old, new), key=Problem.sort_key)


def datasets_at(repository: Path, ref: str, into: Path) -> Path:
    """Write the datasets/ folder as it is at git `ref` into `into`, and return its path there."""
    if ref.startswith("-"):
        raise NoBase(f'"{ref}" is not a branch, tag or commit.')
    try:
        archive = subprocess.run(["git", "-C", str(repository), "archive", "--format=tar", ref, "datasets"],
                                 capture_output=True)
    except FileNotFoundError:
        raise NoBase("Cannot compare with another version: git is not installed.") from None
    if archive.returncode != 0:
        raise NoBase(f'Cannot compare with "{ref}": git says {archive.stderr.decode("utf-8", "replace").strip()}')
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "datasets"


def what_changed(old: DataPackage, new: DataPackage, problems: Iterable[Problem] = (), base: str = "the base") -> str:
    """The whole report: each kind of change under its heading (only kinds that changed), then the problems."""
    sections = [
        ("Figures", figure_changes(old, new)),
        ("Corrections", correction_changes(old, new)),
        ("Progress reports", progress_changes(old, new)),
        ("Commitments", commitment_changes(old, new)),
        ("Lead agencies", agency_changes(old, new)),
        ("Help contacts", help_changes(old, new)),
        ("Pages and chart addresses", address_changes(old, new)),
    ]
    out = [TITLE, "", f"Compared with `{_md(base)}`.", ""]
    changed = [(heading, lines) for heading, lines in sections if lines]
    if not changed:
        out += [NOTHING, ""]
    for heading, lines in changed:
        out += [f"### {heading}", "", *lines, ""]
    out += problem_lines(list(problems))
    return "\n".join(out).rstrip() + "\n"


def figure_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """One line per figure whose value changed, was added or was removed, naming its indicator, area and period."""
    before, after = _figures(old), _figures(new)
    titles = {**_column(old, "indicators", "indicator_id", "title"), **_column(new, "indicators", "indicator_id", "title")}
    lines = []
    for key in sorted(before.keys() | after.keys()):
        indicator, area, period = key
        name = f"{_md(titles.get(indicator, indicator))}, {_md(area)}, {_md(period)}"
        if key not in after:
            lines.append(f"- {name}: {before[key]} removed")
        elif key not in before:
            lines.append(f"- {name}: {after[key]} (new)")
        elif before[key] != after[key]:
            lines.append(f"- {name}: {before[key]} → {after[key]}")
    return lines


def correction_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Corrections added to or removed from charts' pages, naming the chart, the day and what changed."""
    before, after = _corrections(old), _corrections(new)
    titles = {**_column(old, "charts", "chart_id", "title"), **_column(new, "charts", "chart_id", "title")}

    def line(key: tuple[str, date], what: str) -> str:
        chart, day = key
        return f"**{_md(chart)}** {_md(titles.get(chart, ''))} ({day.day} {day:%B %Y}): “{_quote(what)}”"

    lines = [f"- Added: {line(key, after[key])}" for key in sorted(after.keys() - before.keys())]
    lines += [f"- Removed: {line(key, before[key])}" for key in sorted(before.keys() - after.keys())]
    lines += [f"- Reworded: {line(key, after[key])}" for key in sorted(before.keys() & after.keys())
              if before[key] != after[key]]
    return lines


def progress_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Per commitment and period: a status changed, a report added or removed, and which report texts changed."""
    before, after = _reports(old), _reports(new)
    titles = {**_column(old, "commitments", "commitment_id", "title"),
              **_column(new, "commitments", "commitment_id", "title")}
    lines = []
    for key in sorted(before.keys() | after.keys()):
        commitment, period = key
        name = f"**{_md(commitment)}** {_md(titles.get(commitment, ''))} ({_md(period)})".replace(" ()", "")
        old_row, new_row = before.get(key), after.get(key)
        if new_row is None:
            lines.append(f"- {name}: report removed (it was {_status(old_row, old.vocab)})")
            continue
        if old_row is None:
            lines.append(f"- {name}: new report, {_status(new_row, new.vocab)}")
            continue
        details = []
        if old_row.get("status") != new_row.get("status"):
            details.append(f"status {_status(old_row, old.vocab)} → {_status(new_row, new.vocab)}")
        details += _text_changes(old_row, new_row, new.vocab)
        if details:
            lines.append(f"- {name}: " + "; ".join(details))
    return lines


def commitment_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Commitments added, removed or renamed."""
    before = _column(old, "commitments", "commitment_id", "title")
    after = _column(new, "commitments", "commitment_id", "title")
    lines = [f"- Added: **{_md(c)}** {_md(after[c])}" for c in sorted(after.keys() - before.keys())]
    lines += [f"- Removed: **{_md(c)}** {_md(before[c])}" for c in sorted(before.keys() - after.keys())]
    lines += [f"- Renamed: **{_md(c)}** {_md(before[c])} → {_md(after[c])}"
              for c in sorted(before.keys() & after.keys()) if before[c] != after[c]]
    return lines


def agency_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Lead agencies added, removed or renamed, and ways of writing a lead that now name an agency or no longer do."""
    before, after = _column(old, "agencies", "agency_id", "name"), _column(new, "agencies", "agency_id", "name")
    lines = [f"- Added: **{_md(a)}** {_md(after[a])}" for a in sorted(after.keys() - before.keys())]
    lines += [f"- Removed: **{_md(a)}** {_md(before[a])}" for a in sorted(before.keys() - after.keys())]
    lines += [f"- Renamed: **{_md(a)}** {_md(before[a])} → {_md(after[a])}"
              for a in sorted(before.keys() & after.keys()) if before[a] != after[a]]
    was, now, names = _aliases(old), _aliases(new), {**before, **after}
    lines += [f"- “{_md(alias)}” now names {_md(names.get(agency, agency))}" for alias, agency in sorted(now - was)]
    lines += [f"- “{_md(alias)}” no longer names {_md(names.get(agency, agency))}" for alias, agency in sorted(was - now)]
    return lines


def help_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Help contacts added or removed, and each changed number, hours, website or email, old → new."""
    before, after = _rows(old, "help_services", "service_id"), _rows(new, "help_services", "service_id")
    lines = [f"- Added: {_md(after[s].get('name') or s)}{_contact(after[s])}" for s in sorted(after.keys() - before.keys())]
    lines += [f"- Removed: {_md(before[s].get('name') or s)}{_contact(before[s])}"
              for s in sorted(before.keys() - after.keys())]
    for service in sorted(before.keys() & after.keys()):
        was, now = before[service], after[service]
        changes = [f"{label} {_value(was.get(column))} → {_value(now.get(column))}"
                   for column, label in HELP_FIELDS.items() if (was.get(column) or "") != (now.get(column) or "")]
        if (was.get("name") or "") != (now.get("name") or ""):
            changes.insert(0, f"name {_value(was.get('name'))} → {_value(now.get('name'))}")
        if changes:
            lines.append(f"- {_md(now.get('name') or service)}: " + "; ".join(changes))
    return lines


def address_changes(old: DataPackage, new: DataPackage) -> list[str]:
    """Addresses on the site that a change adds or takes away (a removed one breaks every link to it)."""
    before, after = site_addresses(old), site_addresses(new)
    lines = [f"- Added: `{address}`" for address in sorted(after - before)]
    lines += [f"- Removed: `{address}`: links that people saved or pasted to it will find nothing"
              for address in sorted(before - after)]
    return lines


def site_addresses(package: DataPackage) -> set[str]:
    """The addresses of the pages made from the data: progress, strategy, changes and each chart's pages
    (the chart, its embed page and its version as at each reporting period)."""
    addresses = {path.removesuffix("index.md") for path in pages_from_data(package) if path.endswith("index.md")}
    for spec in chart_specs(package):
        addresses |= {path_for("chart", chart_id=spec.chart_id), path_for("chart_embed", chart_id=spec.chart_id)}
        addresses |= {path_for("chart_as_at", chart_id=spec.chart_id, period=period_slug(period))
                      for period in chart_periods(package, spec)}
    return addresses


def chart_periods(package: DataPackage, spec) -> list[str]:
    """The reporting periods a chart has an as-at version for (worked out from its rows, without drawing it)."""
    rows = chart_rows_in_package(package_for_chart(package, spec), spec)
    return versioned_periods(ordered_periods(rows["period"]), package.partnership.get("first_published_period"))


def problem_lines(problems: list[Problem]) -> list[str]:
    """The data's errors and warnings, as `validate` prints them, in a block that keeps their layout."""
    if not problems:
        return ["### Checks", "", "The data passes every check.", ""]
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    counts = " and ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n)
    text = "\n\n".join(as_text(p) for p in problems)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    verdict = "The site will not be built until the errors are fixed." if errors else "The site will still be built."
    return ["### Checks", "", f"The data has {counts}. {verdict}", "", f"{fence}text", text, fence, ""]


def _figures(package: DataPackage) -> dict[tuple[str, str, str], str]:
    figures = {}
    for row in _records(package, "indicator_values"):
        value = row.get("value")
        shown = "not reported" if value is None else _number(value)
        if row.get("qualifier") and value is not None:
            shown = f"{row['qualifier']} {shown}"
        figures[(row["indicator_id"], row.get("area") or "", row.get("period") or "")] = _md(shown)
    return figures


def _corrections(package: DataPackage) -> dict[tuple[str, date], str]:
    """What changed, by chart and day corrected (corrections.csv)."""
    return {(row["chart_id"], row["corrected"]): row.get("what_changed") or ""
            for row in _records(package, "corrections") if row.get("chart_id") and row.get("corrected")}


def _reports(package: DataPackage) -> dict[tuple[str, str], dict]:
    return {(r["commitment_id"], r.get("period") or ""): r for r in _records(package, "progress")}


def _text_changes(old_row: dict, new_row: dict, vocab: Vocabularies) -> list[str]:
    changes = []
    for column, part in vocab.report_parts.items():
        label = part.heading
        was, now = old_row.get(column) or "", new_row.get(column) or ""
        if was == now:
            continue
        if not now:
            changes.append(f'"{label}" removed')
        else:
            changes.append(f'"{label}" {"added" if not was else "rewritten"}: “{_quote(now)}”')
    return changes


def _status(row: dict, vocab: Vocabularies) -> str:
    """A report's status in the words of the package it comes from (`vocab`)."""
    code = row.get("status") or ""
    known = vocab.statuses.get(code)
    return known.label.lower() if known else (_md(code) or "no status")


def _contact(row: dict) -> str:
    details = [f"{label} {_md(row[column])}" for column, label in HELP_FIELDS.items() if row.get(column)]
    return f" ({'; '.join(details)})" if details else ""


def _value(text) -> str:
    return _md(str(text)) if text not in (None, "") else "(none)"


def _number(value) -> str:
    return format(value, ",.10g") if isinstance(value, float | int) else str(value)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return _md(text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…")


def _md(text) -> str:
    """Text from the data, on one line, with the characters Markdown or HTML would act on escaped."""
    return re.sub(r"([\\`*_\[\]<>|#!])", r"\\\1", " ".join(str(text).split()))


def _aliases(package: DataPackage) -> set[tuple[str, str]]:
    """Each way of writing a lead with the agency it names (agency_aliases.csv)."""
    return {(row["alias"], row["agency_id"]) for row in _records(package, "agency_aliases")
            if row.get("alias") and row.get("agency_id")}


def _records(package: DataPackage, name: str) -> list[dict]:
    return package[name].to_dict("records") if name in package.frames else []


def _rows(package: DataPackage, name: str, key: str) -> dict[str, dict]:
    return {row[key]: row for row in _records(package, name) if row.get(key)}


def _column(package: DataPackage, name: str, key: str, column: str) -> dict[str, str]:
    return {k: row.get(column) or "" for k, row in _rows(package, name, key).items()}
