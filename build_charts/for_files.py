"""A built site that opens from disk: every link to a page's folder names its index.html.

Published, an address such as `charts/drug-offences-rate/` shows that folder's index.html. Opened from a
folder on a computer (the preview a pull request attaches), the same link shows a list of files instead. So
for such a copy every relative link to a folder, in every built page, gets `index.html` added. Addresses
stay the ones the published site has; only the copy on disk is changed.
"""

from __future__ import annotations

import re
from pathlib import Path

# href="…" and src="…" attributes as the site builder and the pipeline write them (always double-quoted).
_LINK = re.compile(r'\b(href|src)="([^"]*)"')
# A link that leaves the folder tree: another site, an e-mail or phone link, a data: URL, a site-rooted path.
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#)")


def file_link(link: str) -> str:
    """A relative link to a folder with its index.html named ('../charts/' → '../charts/index.html')."""
    if not link or _NOT_RELATIVE.match(link):
        return link
    cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
    path, rest = link[:cut], link[cut:]
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if not path.endswith("/"):
        return link
    return f"{path}index.html{rest}"


def page_for_files(html: str) -> str:
    """One built page with every relative folder link naming its index.html."""
    return _LINK.sub(lambda m: f'{m.group(1)}="{file_link(m.group(2))}"', html)


def make_site_open_from_files(site: Path) -> int:
    """Rewrite every built page under `site` to open from disk; returns how many pages changed."""
    changed = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rewritten = page_for_files(html)
        if rewritten != html:
            path.write_text(rewritten, encoding="utf-8")
            changed += 1
    return changed
