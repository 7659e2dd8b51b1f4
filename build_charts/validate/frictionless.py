"""Run frictionless on the data package and translate each of its errors into a plain-English Problem.

Columns are matched to the schema by heading (fieldsMatch "partial"), so a missing or added column does not
shift every cell after it. The headings themselves are checked by checks/headers.py, so frictionless's own
heading errors are left out here rather than reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from frictionless import Dialect, FrictionlessException, Package
from frictionless.errors import Error

from build_charts.package import csv_dialect
from build_charts.validate.hints import ID_PATTERN, allowed_value_fix, date_fix, number_fix, pattern_fix
from build_charts.validate.problem import Problem, quoted, shorten, space_fix

TYPE_EXPECTED = {
    "integer": ("a whole number, such as 3", "Type a whole number with no commas, units or words."),
    "number": (
        "a number, such as 2.5",
        "Type the number only: no commas, units, % signs or words such as n/a.",
    ),
    "date": (
        "a real date written as YYYY-MM-DD, such as 2025-01-31",
        "Write the date as year-month-day, e.g. 2025-01-31. If your spreadsheet changes it, "
        "format the column as text.",
    ),
    "yearmonth": (
        "a month written as YYYY-MM, such as 2025-01",
        "Write the month as year-month, e.g. 2025-01 for January 2025.",
    ),
    "year": ("a year written as YYYY, such as 2025", "Write the year as four digits."),
    "boolean": ("true or false", "Type true or false."),
}

# Reported by checks/headers.py instead; "error" is frictionless's refusal to match repeated headings by name.
HEADING_ERRORS = {"missing-label", "incorrect-label", "extra-label", "duplicate-label", "blank-label", "error"}
HINTS = {
    "integer": lambda value, field: number_fix(value, field.required),
    "number": lambda value, field: number_fix(value, field.required),
    "date": lambda value, field: date_fix(value, "date"),
    "yearmonth": lambda value, field: date_fix(value, "yearmonth"),
}


def frictionless_problems(descriptor: Path, skip: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """Validate the package with frictionless and return its errors as Problems, duplicates removed.

    Resources named in `skip` (too large to read) are left out, with every link to them.
    """
    try:
        package = Package(str(descriptor))
        _leave_out(package, skip)
        for resource in package.resources:
            _read_as_the_build_does(resource)
        for resource in package.resources:
            _match_columns_by_heading(resource.schema)
        report = package.validate()
    except FrictionlessException as exc:
        return [_package_problem(descriptor, exc.error.message)]
    schemas = {resource.name: resource.schema for resource in package.resources}
    problems: list[Problem] = []
    for task in report.tasks:
        file = _display_path(descriptor.parent / task.place)
        schema = schemas.get(task.name)
        errors = [e for e in _without_repeats(task.errors, schema) if e.type not in HEADING_ERRORS]
        problems.extend(translate(error, file, schema) for error in errors)
    return problems


def _leave_out(package: Package, names: set[str] | frozenset[str]) -> None:
    """Remove the named resources from the package, and the foreign keys of other resources that point to them."""
    for name in names:
        if package.has_resource(name):
            package.remove_resource(name)
    for resource in package.resources:
        if names and resource.schema is not None:
            resource.schema.foreign_keys = [fk for fk in resource.schema.foreign_keys
                                            if fk.get("reference", {}).get("resource") not in names]


def _read_as_the_build_does(resource) -> None:
    """Read the CSV with the dialect the build reads it with, rather than one frictionless guesses from the file."""
    dialect = csv_dialect(resource.to_descriptor())
    resource.dialect = Dialect.from_descriptor({"csv": {"delimiter": dialect["delimiter"],
                                                        "quoteChar": dialect["quoteChar"],
                                                        "doubleQuote": dialect["doubleQuote"],
                                                        "skipInitialSpace": dialect["skipInitialSpace"]}})


def _match_columns_by_heading(schema) -> None:
    """Match cells to columns by heading, tolerating missing columns (datapackage v2 "fieldsMatch": "partial")."""
    if schema is not None and not schema.has_defined("fields_match"):
        schema.fields_match = "partial"


def translate(error: Error, file: str, schema=None) -> Problem:
    """Translate one frictionless error into a Problem a comms officer can act on."""
    translator = TRANSLATORS.get(error.type, _generic)
    return translator(error, file, schema)


def _display_path(path: Path) -> str:
    parts = path.parts
    if "datasets" in parts:
        return "/".join(parts[parts.index("datasets"):])
    return path.name


def _package_problem(descriptor: Path, message: str) -> Problem:
    return Problem(
        code="package-error",
        file=_display_path(descriptor),
        found=message,
        expected="a readable datapackage.json that lists every CSV file",
        fix="Undo the last change to datapackage.json, or check that every file it names exists.",
    )


def _without_repeats(errors: Iterable[Error], schema) -> list[Error]:
    """Drop errors that only restate another one on the same row (frictionless reports some twice)."""
    errors = list(errors)
    pk = set(schema.primary_key) if schema is not None else set()
    rows_with_pk_errors = {
        e.row_number
        for e in errors
        if e.type == "unique-error"
        or e.type == "blank-row"
        or (e.type == "constraint-error" and e.field_name in pk and '"required"' in e.note)
    }
    missing_cells = {(e.row_number, e.field_name) for e in errors if e.type == "missing-cell"}
    kept = []
    broken_rows = set()  # rows with too many or too few cells: the first such error explains the rest
    for e in errors:
        if e.type in ("extra-cell", "missing-cell"):
            if e.row_number in broken_rows:
                continue
            broken_rows.add(e.row_number)
        if e.type == "primary-key" and e.row_number in rows_with_pk_errors:
            continue
        if e.type == "constraint-error" and (e.row_number, e.field_name) in missing_cells:
            continue
        kept.append(e)
    return kept


def _field(schema, name: str | None):
    if schema is None or not name or not schema.has_field(name):
        return None
    return schema.get_field(name)


def _type_error(error: Error, file: str, schema) -> Problem:
    field = _field(schema, error.field_name)
    field_type = field.type if field is not None else "string"
    expected, fix = TYPE_EXPECTED.get(field_type, (f"a {field_type}", "Correct the value."))
    hint = HINTS[field_type](str(error.cell), field) if field is not None and field_type in HINTS else None
    if hint:
        fix = hint
    elif field is not None and not field.required:
        fix += " Leave the cell empty if the source gives no value."
    return Problem(
        code="wrong-type",
        file=file,
        row=error.row_number,
        column=error.field_name,
        found=quoted(str(error.cell)),
        expected=expected,
        fix=fix,
    )


def _constraint_error(error: Error, file: str, schema) -> Problem:
    field = _field(schema, error.field_name)
    note = error.note
    base = dict(file=file, row=error.row_number, column=error.field_name)
    if '"required"' in note:
        return Problem(
            code="required-empty",
            found="an empty cell",
            expected="a value: this column must not be empty",
            fix=required_fix(error.field_name, field, schema),
            **base,
        )
    if '"enum"' in note:
        allowed = field.constraints["enum"] if field is not None else []
        return Problem(
            code="not-allowed-value",
            found=quoted(str(error.cell)),
            expected=f"one of: {', '.join(allowed)}" if allowed else "one of the values the column allows",
            fix=(space_fix(str(error.cell)) if str(error.cell).strip(" ") in allowed else None)
            or allowed_value_fix(str(error.cell), allowed)
            or "Replace it with one of the allowed values, spelled exactly as shown (lower case, "
            "hyphens instead of spaces).",
            **base,
        )
    if '"pattern"' in note:
        description = (field.description or "") if field is not None else ""
        pattern = field.constraints.get("pattern", "") if field is not None else ""
        return Problem(
            code="wrong-format",
            found=quoted(str(error.cell)),
            expected=description or "the format this column uses",
            fix=(space_fix(str(error.cell)) if pattern and re.fullmatch(pattern, str(error.cell).strip(" ")) else None)
            or pattern_fix(str(error.cell), pattern)
            or "Rewrite the value in the format described above.",
            **base,
        )
    if '"maxLength"' in note:
        return _too_long(error, field, base)
    if '"minimum"' in note or '"maximum"' in note:
        limit = re.search(r'is "([^"]+)"', note)
        word = "at least" if '"minimum"' in note else "at most"
        return Problem(
            code="out-of-range",
            found=f'"{shorten(str(error.cell))}"',
            expected=f"a number {word} {limit.group(1) if limit else ''}".strip(),
            fix="Check the value against the source document.",
            **base,
        )
    return _generic(error, file, schema)


def required_fix(name: str, field, schema) -> str:
    """How to fill in an empty required cell, in the terms of its column: a lookup id, a number, a choice or text."""
    lookup = _lookup_file(name, schema)
    if lookup:
        return f'Fill in the "{name}" cell with an id from {lookup}.csv, spelled exactly as it is there.'
    kind = field.type if field is not None else "string"
    about = _first_sentence(field.description or "") if field is not None else ""
    what = f" ({about[0].lower()}{about[1:]})" if about else ""
    constraints = field.constraints if field is not None else {}
    if constraints.get("enum"):
        return f'Fill in the "{name}" cell with one of: {", ".join(constraints["enum"])}{what}.'
    if kind in ("integer", "number"):
        return f'Fill in the "{name}" cell with a {"whole " if kind == "integer" else ""}number{what}.'
    if kind == "boolean":
        return f'Type true or false in the "{name}" cell{what}.'
    if kind in TYPE_EXPECTED:
        return f'Fill in the "{name}" cell with {TYPE_EXPECTED[kind][0]}{what}.'
    if constraints.get("pattern") == ID_PATTERN:
        return (f'Give the row a short id in the "{name}" cell: lower-case letters, digits and hyphens, such as '
                '"needle-exchange". It becomes part of a web address, so choose one you will not need to change.')
    if schema is not None and schema.has_field("source_id"):
        return f'Fill in the "{name}" cell{what}, copying it from the source document.'
    return f'Fill in the "{name}" cell{what}.'


def _lookup_file(name: str, schema) -> str | None:
    """The file a column's ids must come from (its foreign key), if it has one."""
    for key in schema.foreign_keys if schema is not None else []:
        fields = key.get("fields")
        if name == fields or (isinstance(fields, list) and fields == [name]):
            return key.get("reference", {}).get("resource")
    return None


def _first_sentence(text: str) -> str:
    """The first sentence of a column's description, without its full stop."""
    return text.split(". ")[0].strip().rstrip(".")


def _too_long(error: Error, field, base: dict) -> Problem:
    """A cell longer than its column's maxLength: ids become folder names, titles and labels must fit a page."""
    limit = field.constraints.get("maxLength") if field is not None else None
    is_id = field is not None and "pattern" in field.constraints
    return Problem(
        code="text-too-long",
        found=f'{len(str(error.cell)):,} characters: "{shorten(str(error.cell))}"',
        expected=f"at most {limit:,} characters" if limit else "shorter text",
        fix="Use a shorter id: ids become part of web addresses and folder names." if is_id
        else "Shorten the text, keeping what a reader needs on this page. If the source says more, link to it "
        "from sources.csv rather than copying it all.",
        **base,
    )


def _unique_error(error: Error, file: str, schema) -> Problem:
    other = re.search(r"position (\d+)", error.note)
    where = f" in row {other.group(1)}" if other else " in another row"
    return Problem(
        code="duplicate-id",
        file=file,
        row=error.row_number,
        column=error.field_name,
        found=f'"{error.cell}", which is already used{where}',
        expected="a value no other row uses",
        fix="Give this row its own id, or delete the row if it is a copy.",
    )


def _primary_key(error: Error, file: str, schema) -> Problem:
    keys = " and ".join(schema.primary_key) if schema is not None else "the key columns"
    other = re.search(r"position (\d+)", error.note)
    found = f"the same {keys} as row {other.group(1)}" if other else f"an empty {keys}"
    return Problem(
        code="duplicate-row",
        file=file,
        row=error.row_number,
        found=found,
        expected=f"each row to have its own combination of {keys}",
        fix="Delete the repeated row, or correct the values so each row is different.",
    )


def _foreign_key(error: Error, file: str, schema) -> Problem:
    match = re.search(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]+)"', error.note)
    column, value, table = match.groups() if match else (None, "", "another file")
    return Problem(
        code="unknown-reference",
        file=file,
        row=error.row_number,
        column=column,
        found=f"{quoted(value)}, which is not in {table}.csv",
        expected=f"an id that exists in {table}.csv",
        fix=space_fix(value) + f" It must match an id in {table}.csv exactly." if value != value.strip(" ")
        else f"Correct the spelling to match an id in {table}.csv, or add that row to {table}.csv first.",
    )


def _blank_row(error: Error, file: str, schema) -> Problem:
    return Problem(
        code="blank-row",
        file=file,
        row=error.row_number,
        found="an empty row",
        expected="no empty rows",
        fix="Delete the empty row (in a spreadsheet, right-click the row number and choose Delete).",
    )


def _extra_cell(error: Error, file: str, schema) -> Problem:
    return Problem(
        code="extra-cell",
        file=file,
        row=error.row_number,
        found=f'more cells than there are column headings (extra value "{shorten(str(error.cell))}")',
        expected="one value per column",
        fix="Remove the extra value, or check for a comma that should be inside quotes. The row's other problems are "
        "listed once this is mended: its cells are out of place until then.",
    )


def _missing_cell(error: Error, file: str, schema) -> Problem:
    return Problem(
        code="missing-cell",
        file=file,
        row=error.row_number,
        column=error.field_name,
        found="fewer cells than there are column headings",
        expected="one value (or an empty cell) for every column",
        fix="Add the missing values, or check the row was not split across two lines. The row's other problems are "
        "listed once this is mended.",
    )


def _file_error(found: str, expected: str, fix: str) -> Callable:
    """A translator for an error about a whole file (usually reported already by checks/files.py)."""

    def translator(error: Error, file: str, schema) -> Problem:
        return Problem(code=error.type, file=file, found=found, expected=expected, fix=fix)

    return translator


# Errors with no translator of their own: plain words for each, never frictionless's title or description.
OTHER_ERRORS = {
    "unmatched-header": ("column headings that do not match the columns the file should have",
                         "the column headings listed for this file in datapackage.json"),
    "row-constraint": ("a row whose values do not agree with each other", "values that agree with each other"),
    "missing-label": ("a column heading missing", "every column heading the file should have"),
}


def _generic(error: Error, file: str, schema) -> Problem:
    """Any other error, in our words: where it is and what to compare, without frictionless's own wording."""
    row = getattr(error, "row_number", None)
    found, expected = OTHER_ERRORS.get(error.type, (
        "a value or row the data checker cannot read" if row else "a file the data checker cannot read",
        "a row laid out like the rows around it" if row else "a CSV file laid out as datapackage.json describes"))
    return Problem(
        code=error.type,
        file=file,
        row=row,
        column=getattr(error, "field_name", None),
        found=found,
        expected=expected,
        fix="Compare the row with the rows around it and with the source document. If a cell holds a line break, "
        "check it is inside quotes." if row else "Undo the last change to the file, or save it again as "
        "'CSV UTF-8 (Comma delimited)'.",
    )


TRANSLATORS: dict[str, Callable[[Error, str, object], Problem]] = {
    "type-error": _type_error,
    "constraint-error": _constraint_error,
    "unique-error": _unique_error,
    "primary-key": _primary_key,
    "foreign-key": _foreign_key,
    "blank-row": _blank_row,
    "extra-cell": _extra_cell,
    "missing-cell": _missing_cell,
    "encoding-error": _file_error(
        "characters saved in an encoding other than UTF-8",
        "a file saved as CSV UTF-8",
        "In your spreadsheet choose Save As, then 'CSV UTF-8 (Comma delimited)'.",
    ),
    "source-error": _file_error(
        "a file that could not be read",
        "a readable CSV file",
        "Check the file exists and was saved as 'CSV UTF-8 (Comma delimited)'.",
    ),
    "scheme-error": _file_error(
        "a file that could not be opened", "a file in the datasets folder", "Check the file name in datapackage.json."
    ),
    "format-error": _file_error(
        "a file that is not a CSV file",
        "a CSV file",
        "Save the file as 'CSV UTF-8 (Comma delimited)', not as an Excel workbook.",
    ),
}
