"""Every address on the site, in one table, and the one place that turns a page type into a link.

A route names a kind of page and the folder it lives at, with {placeholders} for the ids in it, e.g.
ROUTES["theme"] is progress/{theme_id}/. `path_for` gives a page's folder from the site root, `url_for` a link
to it from another page's folder (as the browser resolves it), and `absolute_url` its full web address under
the site's address (which may have a sub-path, e.g. https://owner.github.io/repo/).

The table is the one registry of page types; the rest is derived from it:

- the file each page writer writes (`page_file`): a generated page is its folder's index.md;
- what an address is (`address_of`): its page type and ids, which validation reads published addresses with
  (build_charts/validate/checks/published.py);

- the navigation (`nav_entries`, in the table's order) and the pages kept out of it (`not_in_nav`), which
  validation checks mkdocs.yml holds (build_charts/validate/checks/site_config.py);
- the sitemap (`in_sitemap`), which the build writes after the site builder has run (build_charts/site.py);
- the ids the validator refuses (`reserved_ids`): an id that becomes a folder (a theme's, a chart's) may not take
  the name of a fixed folder beside it;
- the pages themselves: every page a writer in build_charts/pages/registry.py makes must sit at an address of
  this table (`route_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Route:
    """One kind of page: its folder pattern, what it is (for messages), whether the navigation lists it and
    under what title, its source file under the docs folder when it is written by hand (a generated page is
    written by the kit as its folder's index.md), whether it is a page at all (the data/ folder holds only files,
    at any depth) and whether the sitemap lists it (search engines are offered the pages for the public, not the
    editors' guide or a chart to embed)."""

    pattern: str
    describes: str
    in_nav: bool = True
    source: str | None = None
    page: bool = True
    nav_title: str | None = None
    in_sitemap: bool = True

    def source_pattern(self) -> str:
        """The Markdown file the page is made from, with its placeholders."""
        return self.source or self.pattern + "index.md"

    @property
    def hand_written(self) -> bool:
        """Whether the page is written by hand in the docs folder, not generated from the data."""
        return self.source is not None


# The site's navigation lists the pages with a nav_title, in this order.
ROUTES: dict[str, Route] = {
    "home": Route("", "the home page", source="index.md", nav_title="Home"),
    "get_help": Route("get-help/", "the help page", nav_title="Get help"),
    "progress": Route("progress/", "the progress overview", nav_title="Progress"),
    "commitments_overview": Route("progress/at-a-glance/", "every commitment at a glance",
                                  nav_title="Commitments at a glance"),
    "key_facts": Route("key-facts/", "the key facts", nav_title="Key facts"),
    "charts": Route("charts/", "the list of charts", nav_title="Charts"),
    "outcomes": Route("outcomes/", "the outcomes", nav_title="Outcomes"),
    "strategies": Route("strategy/", "the strategies", nav_title="Strategy"),
    "updates": Route("updates/", "the news", nav_title="Updates"),
    "about_data": Route("about-the-data/", "about the data", source="about-the-data.md", nav_title="About the data"),
    "glossary": Route("glossary/", "the glossary", nav_title="Glossary"),
    "accessibility": Route("accessibility/", "the accessibility statement", source="accessibility.md",
                           nav_title="Accessibility"),
    "privacy": Route("privacy/", "the privacy notice", source="privacy.md", nav_title="Privacy"),
    "search": Route("search/", "the search page", in_nav=False, source="search/index.md", in_sitemap=False),
    "guide": Route("guide/", "the guide for editors", in_nav=False, source="guide/", in_sitemap=False),
    "by_lead_agency": Route("progress/by-lead-agency/", "the list of commitments by lead agency", in_nav=False),
    "lead_agency": Route("progress/by-lead-agency/{agency}/", "the commitments one agency leads", in_nav=False),
    "by_outcome": Route("progress/by-outcome/{outcome}/", "the lists of themes working towards each outcome",
                        in_nav=False),
    "theme": Route("progress/{theme_id}/", "a theme's progress", in_nav=False),
    "history": Route("progress/{theme_id}/{commitment_id}/", "a commitment's history", in_nav=False),
    "strategy": Route("strategy/{strategy_id}/", "a strategy", in_nav=False),
    "changes": Route("changes/", "what changed in each reporting period", in_nav=False),
    "period_changes": Route("changes/{period}/", "what changed in one reporting period", in_nav=False),
    "update": Route("updates/{slug}/", "a news post", in_nav=False, source="updates/{slug}.md"),
    "chart_topic": Route("charts/topics/{topic}/", "the pages that show the charts of each topic", in_nav=False),
    "chart": Route("charts/{chart_id}/", "a chart's own page", in_nav=False),
    "chart_as_at": Route("charts/{chart_id}/{period}/", "a chart as at a reporting period", in_nav=False),
    "chart_embed": Route("charts/{chart_id}/embed/", "a chart to embed", in_nav=False, in_sitemap=False),
    "chart_as_at_embed": Route("charts/{chart_id}/{period}/embed/", "a chart as at a reporting period, to embed",
                               in_nav=False, in_sitemap=False),
    "data": Route("data/", "the published data package", page=False, in_sitemap=False),
}


def period_slug(period: str) -> str:
    """A reporting period as a folder name: '2015/16' → '2015-16'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", period).strip("-").lower()


def zip_name(descriptor: dict) -> str:
    """The file name of the whole data package's zip, under data/: the package's name, when it is a plain file name, else 'data-package'."""
    name = str(descriptor.get("name") or "")
    return (name if re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,79}", name) else "data-package") + ".zip"


def path_for(name: str, number: int = 1, routes: dict[str, Route] | None = None, **ids: str) -> str:
    """A page's folder from the site root, e.g. path_for("theme", theme_id="t1") → 'progress/t1/'.

    `number` is the page of a list split into pages: the first is the folder itself, then page-2/ and so on.
    """
    pattern = (routes or ROUTES)[name].pattern
    folder = _PLACEHOLDER.sub(lambda found: str(ids[found.group(1)]), pattern)
    return folder if number == 1 else f"{folder}page-{number}/"


def page_file(name: str, number: int = 1, routes: dict[str, Route] | None = None, **ids: str) -> str:
    """The Markdown file a page writer writes for a page, under the docs folder, e.g. page_file("theme",
    theme_id="t1") → 'progress/t1/index.md'. Every generated page is its folder's index.md, where both site
    builders resolve its links alike."""
    return path_for(name, number, routes, **ids) + "index.md"


def source_for(name: str, routes: dict[str, Route] | None = None, **ids: str) -> str:
    """A page's Markdown file under the docs folder, e.g. source_for("update", slug="news") → 'updates/news.md'."""
    return _PLACEHOLDER.sub(lambda found: str(ids[found.group(1)]), (routes or ROUTES)[name].source_pattern())


def relative(here: str, target: str) -> str:
    """A link from the page whose folder is `here` to `target`, both from the site root ('' is the root).

    The link is as short as the browser needs: './' for the page itself, '../' only as far up as the two share.
    """
    folders = [name for name in here.split("/") if name]
    *target_folders, file = target.split("/")
    shared = 0
    while shared < min(len(folders), len(target_folders)) and folders[shared] == target_folders[shared]:
        shared += 1
    link = "../" * (len(folders) - shared) + "".join(name + "/" for name in target_folders[shared:]) + file
    return link or "./"


def url_for(name: str, here: str = "", file: str = "", anchor: str = "", source: bool = False,
            number: int = 1, **ids: str) -> str:
    """A link to a page of type `name` (or a `file` in its folder) from the page whose folder is `here`.

    `source` links to the page's Markdown file (folder/index.md), which both site builders check and turn into
    the page's address; `anchor` adds #anchor.
    """
    if source and number == 1:
        target = source_for(name, **ids)
    else:
        target = path_for(name, number=number, **ids) + (file or ("index.md" if source else ""))
    link = relative(here, target)
    return f"{link}#{anchor}" if anchor else link


def absolute_url(name: str, site_url: str | None, file: str = "", number: int = 1, **ids: str) -> str:
    """The full web address of a page (or a file in its folder) under the site's address, ending in / for a page.

    Without a site address the address is from the site's root ('/charts/x/'), which works only when the site
    is published at the root of its host.
    """
    target = path_for(name, number=number, **ids) + file
    return (site_url.rstrip("/") + "/" + target) if site_url else "/" + target


def up_to_root(here: str) -> str:
    """The relative link from the page whose folder is `here` to the site's root folder ('' at the root)."""
    return "../" * here.count("/")


def reserved_ids(name: str, routes: dict[str, Route] | None = None) -> dict[str, str]:
    """The ids a page of type `name` may not take, each with what the site keeps its address for.

    A route whose folder ends in an id (progress/{theme_id}/) shares its parent folder with fixed folders of
    other routes (progress/by-lead-agency/): an id with a fixed folder's name would take its address.
    """
    routes = routes or ROUTES
    pattern = routes[name].pattern
    parent = pattern[:pattern.rindex("{")]
    reserved: dict[str, str] = {}
    for route in routes.values():
        rest = route.pattern[len(parent):] if route.pattern.startswith(parent) else ""
        segment = rest.split("/")[0]
        if segment and "{" not in segment and segment not in reserved:
            reserved[segment] = f"{route.describes} ({parent}{segment}/)"
    return reserved


def not_in_nav(routes: dict[str, Route] | None = None) -> list[str]:
    """mkdocs.yml's not_in_nav patterns: the source files of every page type the navigation leaves out.

    A page of a list split into pages (page-2/) sits inside its list's folder, so it is covered too.
    """
    patterns: list[str] = []
    for route in (routes or ROUTES).values():
        if route.page and not route.in_nav:
            source = _PLACEHOLDER.sub("*", route.source_pattern())
            patterns.append("/" + (source[:-len("index.md")] if source.endswith("/index.md") else source))
    kept = [p for p in patterns if not any(other != p and _covers(other, p) for other in patterns)]
    return sorted(set(kept))


def _covers(folder: str, pattern: str) -> bool:
    """True when the folder pattern `folder` (ending in /) already takes in everything `pattern` names."""
    if not folder.endswith("/"):
        return False
    outer, inner = folder.strip("/").split("/"), pattern.strip("/").split("/")
    if len(inner) < len(outer) or (len(inner) == len(outer) and not pattern.endswith("/")):
        return False
    return all(fnmatchcase(i, o) for i, o in zip(inner, outer[:len(inner)], strict=False))


def nav_entries(routes: dict[str, Route] | None = None) -> list[dict[str, str]]:
    """mkdocs.yml's nav: each page type the navigation lists, as {title: source file}, in the table's order."""
    return [{route.nav_title or route.describes: route.source_pattern()}
            for route in (routes or ROUTES).values() if route.page and route.in_nav]


@cache
def _folder_pattern(route: Route) -> re.Pattern:
    """What the folders of a route's pages look like, each id a named group, pages of a split list (page-2/)
    included; a route whose source is a whole folder (guide/), or a folder of files (data/), takes in every
    folder below it."""
    parts = _PLACEHOLDER.split(route.pattern)
    pattern = "".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+)" for index, part in enumerate(parts))
    below = ".*" if (route.source or "").endswith("/") or not route.page else "(?:page-[0-9]+/)?"
    return re.compile(pattern + below)


@dataclass(frozen=True)
class Address:
    """What an address of the site is: its page type (None for a page the table does not know, such as a
    partnership's own page), the ids in it, its folder from the site root, and the file it names ('' for a page)."""

    name: str | None
    ids: dict[str, str]
    folder: str
    file: str = ""

    @property
    def path(self) -> str:
        """The address from the site root, without the leading /: 'charts/x/', 'data/progress.csv'."""
        return self.folder + self.file


def _match(folder: str, routes: dict[str, Route]) -> tuple[str, dict[str, str]] | None:
    """The most fixed page type whose folders take in `folder`, with the ids it holds; None if none does."""
    found = [(name, route, m) for name, route in routes.items() if (m := _folder_pattern(route).fullmatch(folder))]
    if not found:
        return None
    name, _, matched = min(found, key=lambda item: (item[1].pattern.count("{"), -len(item[1].pattern)))
    return name, matched.groupdict()


def route_of(folder: str, routes: dict[str, Route] | None = None) -> str | None:
    """The name of the page type whose address `folder` is (from the site root, ending in /), or None.

    A fixed folder wins over a pattern (progress/by-lead-agency/ is not a theme), so the most fixed match is taken.
    """
    matched = _match(folder, routes or ROUTES)
    return matched[0] if matched else None


def address_of(address: str, routes: dict[str, Route] | None = None) -> Address:
    """What a published address ('/charts/x/', '/data/x.zip', 'progress/t1/c1') is: its page type and ids.

    A last part with a dot in it names a file in the folder before it; any other address is a page's folder.
    """
    parts = [part for part in address.strip().split("#")[0].split("?")[0].split("/") if part]
    file = parts.pop() if parts and "." in parts[-1] else ""
    folder = "".join(part + "/" for part in parts)
    matched = _match(folder, routes or ROUTES)
    name, ids = matched if matched else (None, {})
    return Address(name, ids, folder, file)


def in_sitemap(folder: str, routes: dict[str, Route] | None = None) -> bool:
    """Whether the sitemap lists the page at `folder`: every page, unless its page type says otherwise.

    A hand-written page at no address of the table (a partnership's own page, say) is listed.
    """
    routes = routes or ROUTES
    name = route_of(folder, routes)
    return name is None or (routes[name].page and routes[name].in_sitemap)
