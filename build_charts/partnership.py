"""Start a new partnership's site from a copy of the kit: its own list of published addresses.

A fork of the kit inherits the first partnership's datasets/published_urls.txt, the addresses that site has promised
to keep. A new partnership has published nothing yet, so it starts its own list, holding only its home page and its data package's zip.
"""

from __future__ import annotations

from pathlib import Path

from build_charts.routes import zip_name
from build_charts.validate.checks.published import PUBLISHED_URLS, published_addresses

HEADER = """\
# Every address the site has published. An address, once here, must keep working: 'python -m build_charts
# validate' fails if the chart row, theme, commitment, strategy, news post or page it comes from is deleted, and a
# test fails if the built site no longer has it. Add the addresses of new pages and charts; never remove a line
# (retire a chart with replaced_by in datasets/charts.csv instead, so its page stays and points to its successor).
# This file is not data: datapackage.json does not list it and the site does not publish it.
"""


class AlreadyStarted(Exception):
    """The list already belongs to this package: starting it again would forget addresses the site has published."""


def start_published_list(datasets: Path, descriptor: dict) -> str:
    """Write the partnership's own published_urls.txt, listing only its home page and its zip; returns the zip's address.

    Refused when the list already names this package's zip: it is this partnership's list, not a copied one.
    """
    address = f"/data/{zip_name(descriptor)}"
    if address in published_addresses(datasets):
        raise AlreadyStarted(
            f"datasets/{PUBLISHED_URLS} already lists {address}, this package's zip: it is this partnership's own "
            "list of published addresses. To start a new partnership's list, first give the package its new name "
            'in datasets/datapackage.json ("name", for example "exampleton-drug-partnership").')
    (datasets / PUBLISHED_URLS).write_text(f"{HEADER}/\n{address}\n", encoding="utf-8")
    return address


def next_steps(address: str) -> str:
    """What the command did and what to do next, for the person who ran it."""
    return (f"Started datasets/{PUBLISHED_URLS} for this partnership: it lists only its home page, /, and {address}, the zip of its data.\n"
            "Next: python -m build_charts validate. It warns for each chart whose address is not listed yet; add "
            "those lines before the site is first published, and the address of every new chart or page after.")
