"""Browser fixtures: the built site served on 127.0.0.1, one headless Chromium, and one visit per page.

Chromium is Debian's (/usr/bin/chromium); Playwright's own browser download is never used. On CI
(CI=true) a missing Chromium fails the run; on a developer's machine the browser tests skip.
"""

from __future__ import annotations

import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .pages import PageVisitor, site_pages

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Names of other hosts never resolve, so a test can't reach the internet; requests are still recorded.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or CHROMIUM_PATH if set."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder like a static host; `overlays` add extra pages (test variants) without copying it."""

    overlays: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 (the standard library's name)
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in self.overlays:
            body = self.overlays[path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


class SiteServer:
    """A folder served on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, folder: Path):
        handler = type("Handler", (_QuietHandler,), {"overlays": {}})
        self.overlays: dict[str, bytes] = handler.overlays
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.folder = folder
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def add_page(self, path: str, html: str) -> str:
        """Serve `html` at `path` (e.g. 'get-help/broken.html') and return its address."""
        self.overlays["/" + path.lstrip("/")] = html.encode("utf-8")
        return self.url(path)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed: apt-get install chromium (CI's .ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> SiteServer; every server stops at the end of the session."""
    servers: list[SiteServer] = []

    def start(folder: Path) -> SiteServer:
        servers.append(SiteServer(folder))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def site(built_site: Path, serve) -> SiteServer:
    """The real site, built once (tests/conftest.py), served on 127.0.0.1."""
    return serve(built_site)


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    """URL path of every page in the built site ('' is the home page)."""
    found = site_pages(built_site)
    assert len(found) > 10
    return found


@pytest.fixture(scope="session")
def visitor(chromium, site) -> PageVisitor:
    """Visits each page of the real site once (JavaScript on) and remembers what happened."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    visitor = PageVisitor(context, site.origin)
    yield visitor
    context.close()


@pytest.fixture
def new_page(chromium):
    """A fresh page in its own context; pass Playwright context options, e.g. java_script_enabled=False."""
    contexts = []

    def make(**options):
        contexts.append(chromium.new_context(**options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()
