"""Nothing published is lost by accident: every address in published_urls.txt still has the row or page it comes from.

A councillor's email or a committee paper may link to any address the site has published. A chart is retired by
naming its successor in replaced_by (its row stays, and its page points to the successor); deleting its row, a
theme, a commitment, a strategy, a news post or a hand-written page would break those links, so it is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from build_charts.package import DESCRIPTOR, Table
from build_charts.routes import ROUTES, Address, address_of, path_for, source_for, zip_name
from build_charts.validate.problem import WARNING, Problem

PUBLISHED_URLS = "published_urls.txt"
KEEP = ("Put the row back. To retire a chart, keep its row and name the chart that takes its place in replaced_by: "
        "its page then stays and points readers there.")
# The page types made from one row: the file and its id column (the id in the address has the column's name), what
# the row is, and how to keep it. Every other page the build makes from the data stays while the data builds.
FROM_A_ROW = {
    "chart": ("charts", "chart_id", "chart", KEEP),
    "chart_as_at": ("charts", "chart_id", "chart", KEEP),
    "chart_embed": ("charts", "chart_id", "chart", KEEP),
    "theme": ("themes", "theme_id", "theme",
              "Put the row back. A theme that is finished keeps its row, so its page stays."),
    "history": ("commitments", "commitment_id", "commitment",
                "Put the row back. A commitment that is finished keeps its row and its reports."),
    "strategy": ("strategies", "strategy_id", "strategy",
                 "Put the row back. An earlier strategy keeps its row, so its page stays."),
}


# The longest address a line may hold: the site's own addresses are far shorter, and a folder name longer than the
# system allows (255 characters) cannot be looked for.
MAX_ADDRESS = 200
ADDRESS = re.compile(r"/[\w./~%-]*")


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
        yield _problem(root, renamed[0], *_lost(address_of(renamed[0]), files, tables, docs))
        return
    for address in addresses:
        if len(address) > MAX_ADDRESS or not ADDRESS.fullmatch(address):
            yield Problem(code="published-address-unreadable", file=f"datasets/{PUBLISHED_URLS}",
                          found=f'the line "{address[:60]}{"…" if len(address) > 60 else ""}" ({len(address)} characters)',
                          expected=f"one address of the site per line, starting with /, of at most {MAX_ADDRESS} "
                          "characters: letters, digits, and . _ - /",
                          fix="Correct the line: copy the address from the site, without the site's own address "
                          "in front (e.g. /charts/drug-deaths/).")
            continue
        lost = _lost(address_of(address), files, tables, docs)
        if lost and lost[:2] not in seen:
            seen.add(lost[:2])
            yield _problem(root, address, *lost)
    if addresses:
        yield from _charts_not_listed(tables.get("charts"), set(addresses))


def _is_zip_of_another_name(address: str, files: set[str]) -> bool:
    """True for the address of a package's zip under a name this package does not have."""
    found = address_of(address)
    return found.name == "data" and found.file.endswith(".zip") and _data_file(found) not in files


def _data_file(address: Address) -> str:
    """The file a data/ address names, as the descriptor's paths name it: 'progress.csv'."""
    return address.path[len(path_for("data")):]


def _charts_not_listed(charts: Table | None, addresses: set[str]) -> Iterator[Problem]:
    """A warning for each chart whose page is not on the list of published addresses, with the line to add."""
    if charts is None or "chart_id" not in charts.frame:
        return
    for row_number, row in charts.rows():
        chart_id = row.get("chart_id", "").strip()
        address = "/" + path_for("chart", chart_id=chart_id)
        if chart_id and address not in addresses:
            yield Problem(code="address-not-listed", file=charts.file, row=row_number, column="chart_id",
                          severity=WARNING,
                          found=f'"{chart_id}", a chart whose address is not in datasets/{PUBLISHED_URLS} yet',
                          expected=f"every chart's address in datasets/{PUBLISHED_URLS}, so that it is never lost",
                          fix=f"Add the line {address} to datasets/{PUBLISHED_URLS} in the same pull "
                          "request as the chart.")


def _lost(address: Address, files: set[str], tables: dict[str, Table], docs: Path | None):
    """What the address came from, as (file, thing, fix, column), when that is gone; None while it is there."""
    if address.name in FROM_A_ROW:
        table, column, kind, fix = FROM_A_ROW[address.name]
        return _missing_row(tables, table, column, address.ids[column], kind, fix)
    name = _data_file(address) if address.name == "data" else ""
    if name.endswith(".zip") and name not in files:
        return ("datasets/datapackage.json", f'zip of the whole data package "{name}"',
                f'The zip is named after the package\'s "name" in datapackage.json. If this site is a new '
                "partnership's, start its own list of published addresses: run python -m build_charts "
                f'new-partnership. If not, put the name "{address.file[:-4]}" back, so the zip keeps its address (the '
                "list's other addresses are checked once this is fixed).", "name")
    if name and name not in files:
        return (f"datasets/{name}", f'data file "{name}"', "Put the file back and list it in datapackage.json again.",
                None)
    if docs is None:
        return None
    if address.name == "update" and not address.file and not (docs / source_for("update", **address.ids)).exists():
        return (f"docs/{source_for('update', **address.ids)}", "news post",
                "Put the post back. To correct a post, edit it and say what changed at its end.", None)
    hand_written = address.name is None or (ROUTES[address.name].hand_written and address.name != "update")
    if hand_written and not address.file and not _page_exists(docs, address.folder):
        path = address.folder.rstrip("/")
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


def _page_exists(docs: Path, folder: str) -> bool:
    """True when a hand-written page in docs gives the address of `folder` (page.md or page/index.md)."""
    parts = [p for p in folder.split("/") if p]
    found = docs.joinpath(*parts) if parts else docs
    return (found / "index.md").exists() or (bool(parts) and found.with_suffix(".md").exists())


def _problem(root: Path, address: str, file: str, thing: str, fix: str, column: str | None) -> Problem:
    return Problem(code="published-address-lost", file=file, column=column,
                   found=f"no {thing}, which the site published at {address}",
                   expected=f"every address in datasets/{PUBLISHED_URLS} to keep working: people link to them",
                   fix=fix)
