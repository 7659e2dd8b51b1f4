"""Validate a data package: file checks, frictionless schemas, then project checks, all in one run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from build_charts.package import DESCRIPTOR, display_path, read_descriptor, read_text_tables
from build_charts.validate.checks import CHECKS, FILE_CHECKS, CheckContext
from build_charts.validate.frictionless import frictionless_problems
from build_charts.validate.problem import Problem


def validate_package(root: Path, today: date | None = None, strict: bool = False) -> list[Problem]:
    """Every problem in the package at root, sorted by file and row; --strict makes warnings errors."""
    root = Path(root)
    try:
        descriptor = read_descriptor(root)
    except (OSError, json.JSONDecodeError) as exc:
        return [
            Problem(
                code="package-error",
                file=display_path(root, DESCRIPTOR),
                found=str(exc),
                expected="a readable datapackage.json",
                fix="Undo the last change to datapackage.json; it must be valid JSON.",
            )
        ]
    problems: list[Problem] = []
    for check in FILE_CHECKS:
        problems.extend(check(root, descriptor))
    problems.extend(frictionless_problems(root / DESCRIPTOR))
    context = CheckContext(today=today or date.today(), partnership=descriptor.get("partnership", {}))
    tables = read_text_tables(root, descriptor)
    for check in CHECKS:
        problems.extend(check(tables, context))
    problems = sorted(set(problems), key=Problem.sort_key)
    if strict:
        problems = [p.as_error() for p in problems]
    return problems
