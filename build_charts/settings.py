"""Where things live and what a build is set to: every path the pipeline reads or writes, relative to one project
folder, and the one settings object (Settings) the pipeline reads once and passes down."""

from __future__ import annotations

import re
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from build_charts.config import SiteConfig, site_config
from build_charts.report_route import ReportRoute, published_repository, report_route

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """The folders of one site project (the repository, or a copy of it in a test), and where the site is published.

    `given_site_url` is the published address given for this build (`--site-url` or SITE_URL); without it
    the address comes from `site_url` in mkdocs.yml, if that is set.
    """

    root: Path = PROJECT_ROOT
    given_site_url: str | None = None

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


class BadSiteUrl(ValueError):
    """The site's address is not a web address the site can be published under."""


# A web address with a host and an optional path; no query, fragment, space, quote or bracket, since the
# address is written into HTML attributes, the feed and the builder's configuration.
_SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?")

MISSING_SITE_URL = (
    "Warning: the site's address is not set, so the built site cannot say where it lives. Link previews "
    "(the picture and summary shown when a page is pasted into an email or social media), the updates feed, "
    "sitemap.xml and the chart links to copy (link, embed code, citation) will not work once published. "
    "Set it with --site-url https://example.org/ , the SITE_URL environment variable, or site_url in "
    "mkdocs.yml. (The publish workflow sets it from GitHub Pages.)"
)


def normalise_site_url(text: str) -> str:
    """The site's address as the builder wants it, ending in /; BadSiteUrl says what is wrong with it."""
    address = text.strip()
    if not _SITE_URL.fullmatch(address):
        raise BadSiteUrl(
            f'The site address "{text}" is not a web address the site can be published under. Give the full '
            "address, starting with https:// and without spaces, quotes, ? or #, for example "
            "https://OWNER.github.io/REPO/ .")
    return address if address.endswith("/") else address + "/"


def site_url(paths: Paths, site: SiteConfig | None = None) -> str | None:
    """The published site's address, ending in /: the one given for this build, else mkdocs.yml's, if set.

    `site` is the builder's configuration as already read (read here when not given); BadConfig when it cannot be.
    """
    if paths.given_site_url:
        return normalise_site_url(paths.given_site_url)
    configured = (site or site_config(paths.config)).site_url
    return normalise_site_url(configured) if configured else None


@dataclass(frozen=True)
class Settings:
    """Everything one build reads before it starts: made once by the pipeline (`read_settings`), then passed to
    what needs it. Each field and where it comes from:

    - `paths`: the project folder (--project) and the address given for this build (--site-url or SITE_URL).
    - `site`: mkdocs.yml as MkDocs reads it (build_charts.config.SiteConfig: site_url, theme.language, docs_dir,
      theme.custom_dir, nav, not_in_nav, hooks), read with MkDocs' own loader.
    - `site_url`: the address given for this build, else mkdocs.yml's site_url; ending in /, or None.
    - `site_name`, `site_description`: the data package's partnership.name and partnership.site_description
      (datapackage.json), else its title and description; the build puts them in place of mkdocs.yml's.
    - `partnership_name`: partnership.name, else the site's name.
    - `repo_url`: the GitHub repository "Report a problem" opens an issue on, when the partnership names no
      contact_email or report_form_url: partnership.repository_url, else mkdocs.yml's repo_url, else the repository
      the site is published from (SITE_REPOSITORY; build_charts/report_route.py); the build puts it in place of
      mkdocs.yml's repo_url.
    - `translations`: the site's sentences in its language (theme.language), from
      locale/<language>/LC_MESSAGES/messages.po, or the kit's English when there is no such file.
    - `descriptor`: datapackage.json as read for these settings, so the build loads the package without reading
      it again.
    - `report_route`: where "Report a problem" and "Is a number wrong?" lead, decided once from the partnership's
      settings, mkdocs.yml's repo_url and SITE_REPOSITORY (build_charts/report_route.py).

    The words of the data's codes (statuses, outcomes, topics...) travel with the data package they come from
    (`DataPackage.vocab`), so two packages loaded side by side each keep their own.
    """

    paths: Paths
    site: SiteConfig
    site_url: str | None
    site_name: str
    site_description: str | None
    partnership_name: str
    translations: NullTranslations
    repo_url: str | None = None
    descriptor: dict | None = None
    report_route: ReportRoute = ReportRoute("none")

    def builder_settings(self) -> dict[str, str]:
        """The values the build puts in place of mkdocs.yml's: the site's name, description and address, and the
        repository "Report a problem" opens an issue on when the partnership names no email or form."""
        values = {"site_name": self.site_name, "site_description": self.site_description, "site_url": self.site_url,
                  "repo_url": self.repo_url}
        return {key: value for key, value in values.items() if value}


def read_settings(paths: Paths, site: SiteConfig | None = None, descriptor: dict | None = None) -> Settings:
    """The build's settings, read from mkdocs.yml (`site`, when it is already read), datapackage.json (`descriptor`,
    when it is already read) and the sentences file. Raises BadConfig, BadSiteUrl or i18n.BadCatalogue, each saying
    what to fix."""
    from build_charts import i18n
    from build_charts.package import read_descriptor

    site = site or site_config(paths.config)
    descriptor = descriptor if descriptor is not None else read_descriptor(paths.datasets)
    package = package_settings(descriptor, site.raw.get("repo_url"))
    return Settings(
        paths=paths,
        site=site,
        site_url=site_url(paths, site),
        site_name=package["site_name"],
        site_description=package.get("site_description"),
        partnership_name=package["partnership_name"],
        translations=i18n.load(i18n.project_catalogue(paths.root, site.language)),
        repo_url=package.get("repo_url"),
        descriptor=descriptor,
        report_route=package["report_route"],
    )


def package_settings(descriptor: dict, mkdocs_repo_url: object = None) -> dict:
    """The site's name and description, from the partnership block or else the package's title and description,
    the partnership's name, where "Report a problem" leads (`report_route`) and the GitHub repository it opens an
    issue on, if it leads to one (mkdocs.yml's `repo_url` is one of the places that repository may be named)."""
    partnership = descriptor.get("partnership", {})
    values = {"site_name": partnership.get("name") or descriptor.get("title", "")}
    if partnership.get("site_description") or descriptor.get("description"):
        values["site_description"] = partnership.get("site_description") or descriptor["description"]
    values["partnership_name"] = partnership.get("name") or values["site_name"]
    route = report_route(partnership if isinstance(partnership, dict) else {}, mkdocs_repo_url, published_repository())
    values["report_route"] = route
    if route.kind == "github":
        values["repo_url"] = route.address  # "Report a problem" on every page opens a new issue there
    return values
