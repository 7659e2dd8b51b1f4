"""Nothing published is lost by accident: every address in published_urls.txt still has the row or page it comes from.

A councillor's email or a committee paper may link to any address the site has published. A chart is retired by
naming its successor in replaced_by (its row stays, and its page points to the successor); deleting its row, a
theme, a commitment, a strategy, a news post or a hand-written page would break those links, so it is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from build_charts.package import DESCRIPTOR, Table
from build_charts.routes import zip_name
from build_charts.validate.checks.theme_ids import RESERVED_THEME_IDS
from build_charts.validate.problem import WARNING, Problem

PUBLISHED_URLS = "published_urls.txt"
# Top-level folders whose pages the build makes from the data (a missing docs file does not remove them).
GENERATED = {"charts", "progress", "strategy", "updates", "data", "get-help", "glossary", "key-facts", "outcomes",
             "changes"}
KEEP = ("Put the row back. To retire a chart, keep its row and name the chart that takes its place in replaced_by: "
        "its page then stays and points readers there.")


def published_addresses(root: Path) -> list[str]:
    """The addresses the site has published, from published_urls.txt in the datasets folder (none if it is absent)."""
    try:
        text = (root / PUBLISHED_URLS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def check(root: Path, descriptor: dict, tables: dict[str, Table], docs: Path | None = None) -> Iterator[Problem]:
    """One problem for each published row or page that has gone, naming what was deleted and how to keep it; a
    warning for each chart whose address is not on the list yet (its pull request adds it)."""
    seen: set[tuple[str, str]] = set()
    files = {resource["path"] for resource in descriptor.get("resources", [])} | {DESCRIPTOR, zip_name(descriptor)}
    addresses = published_addresses(root)
    # The list names the zip of a package with another name: a renamed package, or a new partnership's fork that
    # still holds the first partnership's list. One problem says which; the list's other addresses wait for it.
    renamed = [address for address in addresses if _is_zip_of_another_name(address, files)]
    if renamed:
        yield _problem(root, renamed[0], *_lost(renamed[0].strip("/").split("/"), files, tables, docs))
        return
    for address in addresses:
        lost = _lost(address.strip("/").split("/"), files, tables, docs)
        if lost and lost[:2] not in seen:
            seen.add(lost[:2])
            yield _problem(root, address, *lost)
    if addresses:
        yield from _charts_not_listed(tables.get("charts"), set(addresses))


def _is_zip_of_another_name(address: str, files: set[str]) -> bool:
    """True for the address of a package's zip under a name this package does not have."""
    parts = address.strip("/").split("/")
    return parts[0] == "data" and parts[-1].endswith(".zip") and "/".join(parts[1:]) not in files


def _charts_not_listed(charts: Table | None, addresses: set[str]) -> Iterator[Problem]:
    """A warning for each chart whose page is not on the list of published addresses, with the line to add."""
    if charts is None or "chart_id" not in charts.frame:
        return
    for row_number, row in charts.rows():
        chart_id = row.get("chart_id", "").strip()
        if chart_id and f"/charts/{chart_id}/" not in addresses:
            yield Problem(code="address-not-listed", file=charts.file, row=row_number, column="chart_id",
                          severity=WARNING,
                          found=f'"{chart_id}", a chart whose address is not in datasets/{PUBLISHED_URLS} yet',
                          expected=f"every chart's address in datasets/{PUBLISHED_URLS}, so that it is never lost",
                          fix=f"Add the line /charts/{chart_id}/ to datasets/{PUBLISHED_URLS} in the same pull "
                          "request as the chart.")


def _lost(parts: list[str], files: set[str], tables: dict[str, Table], docs: Path | None):
    """What the address came from, as (file, thing, fix, column), when that is gone; None while it is there."""
    first, rest = parts[0], parts[1:]
    if first == "charts" and rest and rest[0] != "topics":
        return _missing_row(tables, "charts", "chart_id", rest[0], "chart", KEEP)
    if first == "progress" and rest and rest[0] not in RESERVED_THEME_IDS:
        if len(rest) > 1 and "." not in rest[1]:
            return _missing_row(tables, "commitments", "commitment_id", rest[1], "commitment",
                                "Put the row back. A commitment that is finished keeps its row and its reports.")
        return _missing_row(tables, "themes", "theme_id", rest[0], "theme",
                            "Put the row back. A theme that is finished keeps its row, so its page stays.")
    if first == "strategy" and rest:
        return _missing_row(tables, "strategies", "strategy_id", rest[0], "strategy",
                            "Put the row back. An earlier strategy keeps its row, so its page stays.")
    if first == "data" and rest and rest[-1].endswith(".zip") and "/".join(rest) not in files:
        return ("datasets/datapackage.json", f'zip of the whole data package "{"/".join(rest)}"',
                f'The zip is named after the package\'s "name" in datapackage.json. If this site is a new '
                "partnership's, start its own list of published addresses: run python -m build_charts "
                f'new-partnership. If not, put the name "{rest[-1][:-4]}" back, so the zip keeps its address (the '
                "list's other addresses are checked once this is fixed).", "name")
    if first == "data" and rest and "/".join(rest) not in files:
        return (f"datasets/{'/'.join(rest)}", f'data file "{"/".join(rest)}"',
                "Put the file back and list it in datapackage.json again.", None)
    if docs is None:
        return None
    is_post = first == "updates" and len(rest) == 1 and "." not in rest[0]
    if is_post and not (docs / "updates" / f"{rest[0]}.md").exists():
        return (f"docs/updates/{rest[0]}.md", "news post",
                "Put the post back. To correct a post, edit it and say what changed at its end.", None)
    if first not in GENERATED and not _page_exists(docs, parts):
        path = "/".join(p for p in parts if p)
        return (f"docs/{path}.md" if path else "docs/index.md", "page",
                "Put the page back. To move its content elsewhere, keep a short page that links to the new one.", None)
    return None


def _missing_row(tables: dict[str, Table], name: str, column: str, value: str, kind: str, fix: str):
    table = tables.get(name)
    if table is None or column not in table.frame:
        return None  # the file cannot be read: its own problem says why
    if value in set(table.frame[column].str.strip()):
        return None
    return (table.file, f'row for the {kind} "{value}"', fix, column)


def _page_exists(docs: Path, parts: list[str]) -> bool:
    """True when a hand-written page in docs gives this address (page.md or page/index.md), or it names a file."""
    parts = [p for p in parts if p]
    if parts and "." in parts[-1]:
        return True  # a file such as an image: kept with its page, not checked here
    folder = docs.joinpath(*parts) if parts else docs
    return (folder / "index.md").exists() or (bool(parts) and folder.with_suffix(".md").exists())


def _problem(root: Path, address: str, file: str, thing: str, fix: str, column: str | None) -> Problem:
    return Problem(code="published-address-lost", file=file, column=column,
                   found=f"no {thing}, which the site published at {address}",
                   expected=f"every address in datasets/{PUBLISHED_URLS} to keep working: people link to them",
                   fix=fix)
