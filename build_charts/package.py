"""Load the data package: the only module that reads the CSV files and datapackage.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from build_charts.vocab import Vocabularies, vocabularies

DESCRIPTOR = "datapackage.json"
# How every CSV file is read, by validation and by the build alike: the Data Package standard's dialect, which is
# also what a spreadsheet writes. A resource may set its own "dialect" in datapackage.json; nobody guesses one.
DEFAULT_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "skipInitialSpace": False}


@dataclass(frozen=True)
class Table:
    """One CSV resource as text cells, with the path shown to people and its Table Schema."""

    name: str
    file: str
    frame: pd.DataFrame
    schema: dict
    records: list[dict] = field(default_factory=list)

    def field_types(self) -> dict[str, str]:
        """Map each column to its Table Schema type."""
        return {f["name"]: f.get("type", "string") for f in self.schema.get("fields", [])}

    def rows(self):
        """Yield (spreadsheet row number, row as a dict of text cells) pairs; the header is row 1."""
        for index, row in enumerate(self.records):
            yield index + 2, row


@dataclass(frozen=True)
class DataPackage:
    """The whole data package: its descriptor and one typed frame per resource."""

    root: Path
    descriptor: dict
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    @cached_property
    def vocab(self) -> Vocabularies:
        """The words of this package's codes (statuses, outcomes, topics, help groups, report parts), from its
        own descriptor, so another package loaded beside it keeps its own."""
        return vocabularies(self.descriptor)

    @property
    def partnership(self) -> dict:
        """The partnership's identity (name, area, comparator areas, contact)."""
        return self.descriptor.get("partnership", {})

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def read_descriptor(root: Path) -> dict:
    """Read datapackage.json."""
    return json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))


def display_path(root: Path, relative: str) -> str:
    """The path a comms officer sees, e.g. datasets/progress.csv."""
    return f"{root.name}/{relative}"


def csv_dialect(resource: dict) -> dict:
    """The resource's CSV dialect: its own "dialect" settings over DEFAULT_DIALECT."""
    own = resource.get("dialect")
    own = own.get("csv", own) if isinstance(own, dict) else {}
    return {key: own.get(key, default) for key, default in DEFAULT_DIALECT.items()}


def pandas_options(resource: dict) -> dict:
    """pandas.read_csv options that read the resource with its CSV dialect."""
    dialect = csv_dialect(resource)
    return {"sep": dialect["delimiter"], "quotechar": dialect["quoteChar"], "doublequote": dialect["doubleQuote"],
            "skipinitialspace": dialect["skipInitialSpace"]}


def read_text_tables(root: Path, descriptor: dict) -> dict[str, Table]:
    """Read every readable CSV resource as text, keeping empty cells and blank rows in place (but not the empty
    rows at the end, which a spreadsheet leaves behind)."""
    tables = {}
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                encoding="utf-8-sig",
                **pandas_options(resource),
            )
        except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
            continue  # frictionless reports why the file cannot be read
        frame = without_blank_rows_at_end(frame)
        tables[resource["name"]] = Table(
            name=resource["name"],
            file=display_path(root, resource["path"]),
            frame=frame,
            schema=resource.get("schema", {}),
            records=frame.to_dict("records"),
        )
    return tables


def without_blank_rows_at_end(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows up to the last one holding a value: the empty rows a spreadsheet leaves at the end are not data."""
    if frame.empty:
        return frame
    filled = frame.fillna("").astype(str).apply(lambda column: column.str.strip() != "").any(axis=1)
    rows = filled.to_numpy().nonzero()[0]
    return frame.iloc[: rows[-1] + 1 if len(rows) else 0]


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    frame = frame.copy()
    for spec in schema.get("fields", []):
        name, kind = spec["name"], spec.get("type", "string")
        if name not in frame:
            continue
        column = frame[name].replace("", None)
        if kind == "integer":
            frame[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column).astype(float)
        elif kind == "boolean":
            frame[name] = column.map(lambda v: None if v is None else v.strip().lower() in {"true", "1", "yes"})
        elif kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d").dt.date
        else:
            frame[name] = column
    # One missing-value marker everywhere: None (not NaN, NaT or <NA>), so pages can test `if value`.
    return frame.astype(object).where(frame.notna(), None)


def load_package(root: Path, descriptor: dict | None = None) -> DataPackage:
    """Load a validated data package into typed frames (empty cells become None); `descriptor` is its
    datapackage.json, when the build has already read it."""
    descriptor = descriptor if descriptor is not None else read_descriptor(root)
    tables = read_text_tables(root, descriptor)
    frames = {name: _typed(t.frame, t.schema) for name, t in tables.items()}
    return DataPackage(root=root, descriptor=descriptor, frames=frames)
