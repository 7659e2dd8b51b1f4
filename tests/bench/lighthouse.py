"""Lighthouse's scores for each page type on a 320 x 568 phone (chart pages on a 1280 px screen too), with the
site served gzipped as a static host serves it.

Run with `nox -s lighthouse` (or `python -m tests.bench.lighthouse [SITE_FOLDER]`). Without a folder it builds
the real site into a temporary copy of the project. It needs Lighthouse from npm in the project folder
(`npm install --no-save --no-package-lock --no-audit --no-fund lighthouse vnu-jar@26.9.27`) and Chromium (CHROME_PATH, by
default /usr/bin/chromium). It prints figures and the audits that cost points; it asserts nothing, and it is
not part of the test suite (each page takes Lighthouse 10 to 30 seconds).
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from build_charts.settings import PROJECT_ROOT

# The page types, by address; the chart and its embed page are the first chart of the catalogue.
PAGES = {
    "home": "",
    "get help": "get-help/",
    "key facts": "key-facts/",
    "outcomes": "outcomes/",
    "charts index": "charts/",
    "chart": "charts/{chart}/",
    "chart as at": "charts/{chart}/{version}/",
    "chart embed": "charts/{chart}/embed/",
}
# Each page type on a 320 x 568 phone; chart pages on a 1280 px desktop screen too.
SCREENS = {
    "320": ["--form-factor=mobile", "--screenEmulation.mobile", "--screenEmulation.width=320",
            "--screenEmulation.height=568", "--screenEmulation.deviceScaleFactor=2"],
    "1280": ["--preset=desktop", "--screenEmulation.width=1280", "--screenEmulation.height=800"],
}
WIDE_PAGES = {"chart", "chart as at", "chart embed"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time",
           "cumulative-layout-shift", "total-byte-weight")
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "image/svg+xml", "text/csv", "text/plain", "application/xml"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text compressed with gzip when the browser accepts it."""

    def send_head(self):  # noqa: D102 (the standard library's hook)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if not path.is_file() or kind not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):  # noqa: D102 (quiet)
        pass


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data, self.done = data, False

    def read(self, _size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` on a free local port in a background thread; return the server and its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str, chrome: str, screen: str = "320") -> dict:
    """Lighthouse's report for one page on one of SCREENS, as a dict. LIGHTHOUSE names another Lighthouse program."""
    program = Path(os.environ.get("LIGHTHOUSE") or PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse")
    if not program.exists():
        raise SystemExit("Lighthouse is not installed here: run "
                         "`npm install --no-save --no-package-lock --no-audit --no-fund lighthouse vnu-jar@26.9.27` first.")
    completed = subprocess.run(
        [str(program), url, "--output=json", "--output-path=stdout", "--quiet", *SCREENS[screen],
         "--chrome-flags=--headless --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome})
    if completed.returncode != 0:
        raise SystemExit(f"Lighthouse could not test {url}: {completed.stderr.strip()[-500:]}")
    return json.loads(completed.stdout)


def summary(name: str, report: dict) -> list[str]:
    """The scores, the metrics and every audit that cost a category points, as lines of text."""
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    lines = [f"{name:<19} " + "  ".join(f"{c} {s:3d}" for c, s in scores.items())]
    lines.append(" " * 20 + "  ".join(f"{m}: {audits[m]['displayValue']}" for m in METRICS
                                      if audits.get(m, {}).get("displayValue")))
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lines.append(f"{'':20}- {category}: {audit['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}")
    return lines


def first_chart(site: Path) -> str:
    """The id of the first chart that has an embed page."""
    embeds = sorted(site.glob("charts/*/embed/index.html"))
    return embeds[0].parent.parent.name if embeds else ""


def first_version(site: Path, chart: str) -> str:
    """The first as-at version of a chart (its folder name: a period or a day), or "" when it has none."""
    folders = sorted(p.parent.name for p in site.glob(f"charts/{chart}/*/index.html") if p.parent.name != "embed")
    return folders[0] if folders else ""


def built_real_site(workdir: Path) -> Path:
    """Build the real site into a copy of the project and return its site folder."""
    from tests.bench.run import project

    paths = project(workdir / "project", None)
    completed = subprocess.run([sys.executable, "-m", "build_charts", "--project", str(paths.root), "build"],
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(completed.stdout + completed.stderr)
    return paths.site


def main(arguments: list[str]) -> None:
    """Measure each page type of the given built site (or of the real site, built now)."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as workdir:
        site = Path(arguments[0]).resolve() if arguments else built_real_site(Path(workdir))
        server, address = serve(site)
        try:
            chart = first_chart(site)
            version = first_version(site, chart) if chart else ""
            for name, page in PAGES.items():
                if ("{chart}" in page and not chart) or ("{version}" in page and not version):
                    continue
                for screen in SCREENS if name in WIDE_PAGES else ["320"]:
                    report = lighthouse(address + page.format(chart=chart, version=version), chrome, screen)
                    print("\n".join(summary(f"{name} {screen}", report)), flush=True)
        finally:
            server.shutdown()
    shutil.rmtree(Path(workdir), ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
