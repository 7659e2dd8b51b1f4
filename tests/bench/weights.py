"""Page weight: what a browser downloads for one page (HTML plus the CSS, scripts, fonts and images it loads).

The theme's script downloads the whole search index as soon as a page holding the search form
(<form name="search">) opens, so such a page counts the index too: at scale it can outweigh everything else.
Only the search page has that form; every other page links to it.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

PAGE_TYPES = {
    "home": "index.html",
    "get help": "get-help/index.html",
    "progress theme": None,  # the largest theme page
    "commitment history": None,
    "key facts": "key-facts/index.html",
    "outcomes": "outcomes/index.html",
    "charts index": "charts/index.html",
    "chart": None,
    "about the data": "about-the-data/index.html",
    "search": "search/index.html",  # the one page that downloads the search index
    "what changed": "changes/index.html",
}
SEARCH_INDEX = "search/search_index.json"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


# Lists of commitments by lead agency or outcome sit beside the theme folders but are not theme pages.
LISTS = {"by-lead-agency", "by-outcome"}


def _largest(site: Path, pattern: str, lists: bool = False) -> str | None:
    pages = [p for p in site.glob(pattern) if lists or not LISTS & set(p.relative_to(site).parts)]
    pages = sorted(pages, key=lambda p: p.stat().st_size)
    return pages[-1].relative_to(site).as_posix() if pages else None


def transferred(site: Path, page: str) -> int:
    """Gzip-compressed bytes of a page and every same-site file it loads when opened (as a server sends it)."""
    seen: set[str] = set()
    total = 0
    queue = [page]
    while queue:
        relative = queue.pop()
        if relative in seen or not (site / relative).is_file():
            continue
        seen.add(relative)
        data = (site / relative).read_bytes()
        total += len(gzip.compress(data, 6))
        if relative.endswith(".html") and relative == page:
            soup = BeautifulSoup(data, "html.parser")
            refs = [s.get("src") for s in soup.find_all("script")] + [i.get("src") for i in soup.find_all("img")]
            refs += [link.get("href") for link in soup.find_all("link") if "stylesheet" in link.get("rel", [])]
            if soup.find("form", attrs={"name": "search"}):
                queue.append(SEARCH_INDEX)
        elif relative.endswith(".css"):
            refs = CSS_URL.findall(data.decode("utf-8", "replace"))
        else:
            refs = []
        for ref in filter(None, refs):
            if urlparse(ref).scheme or ref.startswith("//") or ref.startswith("data:"):
                continue
            queue.append(urlparse(urljoin(relative, ref)).path.lstrip("/"))
    return total


def page_weights(site: Path) -> dict[str, int]:
    """Transferred bytes for each page type present in the built site."""
    chosen = dict(PAGE_TYPES)
    chosen["progress theme"] = _largest(site, "progress/*/index.html")
    chosen["commitment history"] = _largest(site, "progress/*/*/index.html")
    chosen["chart"] = _largest(site, "charts/*/index.html")
    chosen["list of commitments"] = _largest(site, "progress/by-*/**/index.html", lists=True)
    chosen["charts of a topic"] = _largest(site, "charts/topics/**/index.html")
    chosen["changes of a period"] = _largest(site, "changes/*/**/index.html")
    return {name: transferred(site, page) for name, page in chosen.items() if page and (site / page).exists()}
