"""Validate a data package: file checks, frictionless schemas, then project checks, all in one run."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from build_charts.config import SiteConfig
from build_charts.package import DESCRIPTOR, display_path, read_descriptor, read_text_tables
from build_charts.settings import BadSiteUrl, normalise_site_url
from build_charts.validate.accepted import accept, is_accepted
from build_charts.validate.checks import (
    CHECKS,
    FILE_CHECKS,
    CheckContext,
    descriptor,
    inside,
    language,
    limits,
    page_html,
    posts,
    published,
    site_config,
    stray_files,
    vocabularies,
)
from build_charts.validate.checks.files import HARMLESS, UNREADABLE
from build_charts.validate.frictionless import frictionless_problems
from build_charts.validate.problem import Problem


def validate_package(root: Path, today: date | None = None, strict: bool = False, docs: Path | None = None,
                     exclude: Path | None = None, site: SiteConfig | None = None,
                     keep_accepted: bool = False, read_descriptor_as: dict | None = None) -> list[Problem]:
    """Every problem in the package at root (and in the pages in docs and the builder's configuration `site`, as
    read, if given), sorted by file and row.

    --strict makes warnings errors (except the harmless ones, such as empty rows at the end). `exclude` is a
    folder inside docs that holds no pages (theme overrides). Warnings the partnership accepted
    (build_charts.validate.accepted) are left out, or with `keep_accepted` returned marked as accepted.
    `read_descriptor_as` is datapackage.json as the build already read it (checked here as if read here).
    """
    root = Path(root)
    try:
        package = _descriptor(root, read_descriptor_as)
    except (OSError, ValueError, RecursionError) as exc:
        return [_unreadable_descriptor(root, exc)]
    size_problems = list(limits.check(root, package))
    readable = _without_files(root, package, {p.file for p in size_problems})
    file_problems = size_problems + [p for check in FILE_CHECKS for p in check(root, readable)]
    file_problems += stray_files.check(root, package)
    skipped = _unreadable_files(file_problems)
    unread = {r["name"] for r in package.get("resources", []) if display_path(root, r["path"]) in skipped}
    problems = file_problems + schema_problems(root, readable, file_problems, skip=unread)
    tables = {name: t for name, t in read_text_tables(root, readable).items() if t.file not in skipped}
    context = CheckContext(today=today or date.today(), partnership=_usable_partnership(package))
    problems += superseded_removed([p for check in CHECKS for p in check(tables, context)], file_problems)
    problems += descriptor.check(package, _site_host(site))
    problems += vocabularies.check(package)
    problems += published.check(root, package, tables, docs)
    if docs is not None:
        problems += posts.check(docs, _source_ids(tables), context.today)
        problems += page_html.check(docs, exclude, _site_host(site))
        problems += language.page_problems(docs, exclude, context.partnership, tables)
    if site is not None:
        problems += site_config.check(site)
        problems += inside.check(site.file.parent)
    problems = with_lines(folded(sorted(set(problems), key=Problem.sort_key)), root)
    problems = accept(problems, package.get("partnership", {}))
    if not keep_accepted:
        problems = [p for p in problems if not is_accepted(p)]
    return [p if p.code in HARMLESS or is_accepted(p) else p.as_error() for p in problems] if strict else problems


def _usable_partnership(package: dict) -> dict:
    """The partnership block as the other checks can use it: settings of the wrong shape are left out (the
    descriptor check reports them), so a comparator area that is not a list is not read letter by letter."""
    partnership = package.get("partnership")
    if not isinstance(partnership, dict):
        return {}
    usable = {key: value for key, value in partnership.items() if key != "comparator_areas" or isinstance(value, list)}
    if not isinstance(usable.get("area", ""), str):
        del usable["area"]
    return usable


def _source_ids(tables: dict) -> set[str]:
    """The ids in sources.csv, or none when it cannot be read (its own problem says why)."""
    sources = tables.get("sources")
    return set(sources.frame["source_id"]) if sources is not None and "source_id" in sources.frame else set()


def _site_host(site: SiteConfig | None) -> str | None:
    """The published site's host name, from the builder's configuration, if it sets a usable one."""
    try:
        url = normalise_site_url(site.site_url) if site is not None and site.site_url else None
    except BadSiteUrl:
        return None  # the build says what is wrong with it
    return urlparse(url).hostname if url else None


def _descriptor(root: Path, given: dict | None = None) -> dict:
    """datapackage.json (as `given`, when already read), unless it is over its size limit or is not a JSON object
    (ValueError)."""
    if (root / DESCRIPTOR).stat().st_size > limits.MAX_DESCRIPTOR_BYTES:
        raise ValueError(f"a datapackage.json larger than {limits.MAX_DESCRIPTOR_BYTES // 1_000_000} MB")
    descriptor = given if given is not None else read_descriptor(root)
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources", []), list):
        raise ValueError("a datapackage.json without its list of files")
    if not all(_names_a_file_in_the_folder(resource) for resource in descriptor.get("resources", [])):
        raise ValueError("a datapackage.json whose list of files is damaged: each needs a name and a file in the "
                         "datasets folder")
    return descriptor


def _names_a_file_in_the_folder(resource) -> bool:
    """True when a resource has a name and the path of a file inside the datasets folder (not elsewhere on disk)."""
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        return False
    path = resource.get("path")
    return isinstance(path, str) and bool(path) and not Path(path).is_absolute() and ".." not in Path(path).parts


def _without_files(root: Path, descriptor: dict, files: set[str]) -> dict:
    """The descriptor without the resources in `files` (too large to read), so nothing parses them."""
    if not files:
        return descriptor
    kept = [r for r in descriptor.get("resources", []) if display_path(root, r["path"]) not in files]
    return {**descriptor, "resources": kept}


def schema_problems(root: Path, descriptor: dict, file_problems: list[Problem],
                    skip: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """Frictionless's problems, less those the whole-file problems already explain (`skip`: resources not to parse)."""
    problems = superseded_removed(frictionless_problems(root / DESCRIPTOR, skip=skip), file_problems)
    lookups_lost = _referencing(root, descriptor, _unreadable_files(file_problems))
    return [p for p in problems if not (p.file in lookups_lost and p.row is None)]


def superseded_removed(problems: list[Problem], file_problems: list[Problem]) -> list[Problem]:
    """Drop problems a whole-file problem already explains: all of an unreadable file's, and those on blank end rows."""
    unreadable = _unreadable_files(file_problems)
    blank_from = {p.file: p.row for p in file_problems if p.code == "blank-rows-at-end"}
    return [
        p for p in problems
        if p.file not in unreadable and not (p.file in blank_from and (p.row or 0) >= blank_from[p.file])
    ]


BROKEN_ROW = ("extra-cell", "missing-cell")
CELL_FORMAT = ("wrong-format", "wrong-type")


def folded(problems: list[Problem]) -> list[Problem]:
    """Problems that follow from another one left out: in a row with too many or too few cells, every other problem
    (its cells sit under the wrong headings); on a cell in the wrong format, the lookup that fails because of it;
    a published id that seems gone while another row's id is mistyped (mending that may bring it back); a new
    chart's reminder to list its address while its row has errors to fix first; and anything else said about a
    cell that holds a spreadsheet error value (#NAME?), whose value must be typed again anyway."""
    broken: dict[tuple[str, int], Problem] = {}
    for problem in problems:
        if problem.code in BROKEN_ROW and problem.row:
            broken.setdefault((problem.file, problem.row), problem)
    badly_written = {(p.file, p.row, p.column) for p in problems if p.code in CELL_FORMAT}
    id_problems = {(p.file, p.column) for p in problems if p.row and p.is_error}
    rows_with_errors = {(p.file, p.row) for p in problems if p.row and p.is_error}
    lost = {(p.file, p.row, p.column) for p in problems if p.code == "spreadsheet-error"}
    return [
        p for p in problems
        if broken.get((p.file, p.row or 0), p) is p
        and not (p.code != "spreadsheet-error" and (p.file, p.row, p.column) in lost)
        and not (p.code == "unknown-reference" and (p.file, p.row, p.column) in badly_written)
        and not (p.code == "published-address-lost" and (p.file, p.column) in id_problems)
        and not (p.code == "address-not-listed" and (p.file, p.row) in rows_with_errors)
    ]


def with_lines(problems: list[Problem], root: Path) -> list[Problem]:
    """Each problem with the file line its row starts on (a cell with line breaks makes the two differ)."""
    cache: dict[str, dict[int, int]] = {}
    located = []
    for problem in problems:
        if problem.row and problem.line is None:
            if problem.file not in cache:
                cache[problem.file] = row_lines(root.parent / problem.file)
            problem = problem.at_line(cache[problem.file].get(problem.row, problem.row))
        located.append(problem)
    return located


def row_lines(path: Path) -> dict[int, int]:
    """Map each spreadsheet row number (header = 1) to the line of the file it starts on."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    if '"' not in text:  # no quoted cell, so none spans lines: row n starts on line n
        return {n: n for n, _ in enumerate(io.StringIO(text, newline=""), start=1)}
    reader = csv.reader(io.StringIO(text, newline=""))
    lines, next_line = {}, 1
    try:
        for row_number, _ in enumerate(reader, start=1):
            lines[row_number] = next_line
            next_line = reader.line_num + 1
    except csv.Error:
        pass  # a broken quote: keep the rows located so far
    return lines


def _referencing(root: Path, descriptor: dict, files: set[str]) -> set[str]:
    """The files whose foreign keys point into one of `files`.

    When a lookup file cannot be read, frictionless reports the files that refer to it as unreadable too; the
    lookup file's own problem is the one to fix.
    """
    names = {r["name"] for r in descriptor.get("resources", []) if display_path(root, r["path"]) in files}
    return {
        display_path(root, r["path"])
        for r in descriptor.get("resources", [])
        if any(fk.get("reference", {}).get("resource") in names for fk in r.get("schema", {}).get("foreignKeys", []))
    }


def _unreadable_files(file_problems: list[Problem]) -> set[str]:
    return {p.file for p in file_problems if p.code in UNREADABLE}


def _unreadable_descriptor(root: Path, exc: Exception) -> Problem:
    if isinstance(exc, json.JSONDecodeError):
        detail = f"JSON that stops making sense at line {exc.lineno}"
    elif isinstance(exc, FileNotFoundError):
        detail = "no datapackage.json in the datasets folder"
    elif type(exc) is ValueError:
        detail = str(exc)
    elif isinstance(exc, RecursionError):
        detail = "JSON nested too deeply to read"
    else:
        detail = "a datapackage.json that could not be read"
    return Problem(
        code="package-error",
        file=display_path(root, DESCRIPTOR),
        found=detail,
        expected="a readable datapackage.json",
        fix="Undo the last change to datapackage.json; it must be valid JSON.",
        line=exc.lineno if isinstance(exc, json.JSONDecodeError) else None,
    )
