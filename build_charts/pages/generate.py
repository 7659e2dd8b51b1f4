"""Every generated page, from the loaded package and the rendered figures."""

from __future__ import annotations

from datetime import date

from build_charts.package import DataPackage
from build_charts.pages.help import help_page
from build_charts.pages.key_facts import key_facts_page
from build_charts.pages.progress import progress_pages
from build_charts.pages.strategy import strategy_pages


def generate_pages(package: DataPackage, figures: dict[str, str], today: date) -> dict[str, str]:
    """Map each generated page's path (under the docs folder) to its Markdown."""
    pages: dict[str, str] = {}
    pages.update(progress_pages(package))
    pages.update(strategy_pages(package))
    pages["key-facts/index.md"] = key_facts_page(package, figures)
    pages["get-help/index.md"] = help_page(package, today)
    return pages
