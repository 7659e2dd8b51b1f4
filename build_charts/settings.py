"""Where things live: every path the pipeline reads or writes, relative to one project folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """The folders of one site project (the repository, or a copy of it in a test)."""

    root: Path = PROJECT_ROOT

    @property
    def datasets(self) -> Path:
        """The data package: datapackage.json and its CSV files."""
        return self.root / "datasets"

    @property
    def docs(self) -> Path:
        """Hand-written pages, styles and theme overrides."""
        return self.root / "docs"

    @property
    def overrides(self) -> Path:
        """Theme template overrides (not pages: kept out of the built docs)."""
        return self.docs / "overrides"

    @property
    def build(self) -> Path:
        """Everything generated before the site builder runs (git-ignored)."""
        return self.root / "build"

    @property
    def staging(self) -> Path:
        """The pages the site builder reads: hand-written pages plus generated ones."""
        return self.build / "docs"

    @property
    def snippets(self) -> Path:
        """Generated fragments that hand-written pages include (e.g. progress at a glance on the home page)."""
        return self.build / "snippets"

    @property
    def cache(self) -> Path:
        """Rendered charts, reused while their spec and data are unchanged."""
        return self.build / "cache"

    @property
    def site(self) -> Path:
        """The finished static site."""
        return self.root / "site"

    @property
    def config(self) -> Path:
        """The site builder's configuration."""
        return self.root / "mkdocs.yml"


def site_url(paths: Paths) -> str | None:
    """The published site's address from the builder configuration, if it is set."""
    try:
        config = yaml.safe_load(paths.config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None
    return config.get("site_url") or None
