"""Developer sessions. `nox -s tests` runs what CI runs; `nox -s serve` shows the site locally."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite, browser gates included (needs Debian's chromium)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff."""
    session.install("ruff")
    session.run("ruff", "check", "build_charts", "tests", "noxfile.py")


@nox.session
def validate(session: nox.Session) -> None:
    """Check the data package and list every problem in plain English."""
    session.install("-e", ".")
    session.run("python", "-m", "build_charts", "validate", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Validate, generate the pages and charts, and build the site into site/."""
    session.install("-e", ".")
    session.run("python", "-m", "build_charts", "build", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Build the site and serve it on http://127.0.0.1:8000."""
    session.install("-e", ".")
    session.run("python", "-m", "build_charts", "serve", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Print cold, no-change and one-row-edit build times, the bare builder's, memory and page weights (not a test)."""
    session.install("-e", ".[test]")  # the benchmark also builds with Zensical and reads pages with BeautifulSoup
    session.run("python", "-m", "tests.bench.run", *session.posargs)


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Print Lighthouse's mobile scores for each page type, served gzipped (not a test; needs npm and chromium).

    `nox -s lighthouse` builds the real site; `nox -s lighthouse -- path/to/site` measures a site already built.
    """
    session.install("-e", ".")
    if not Path("node_modules/.bin/lighthouse").exists():
        # Both at once: npm removes a package installed without saving (the HTML checker) when it installs another.
        session.run("npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "lighthouse",
                    "vnu-jar@26.9.27", external=True)
    session.run("python", "-m", "tests.bench.lighthouse", *session.posargs)


@nox.session
def new_period(session: nox.Session) -> None:
    """Add a not-assessed progress row per current commitment for a new period: nox -s new_period -- 2025."""
    if not session.posargs:
        session.error("Give the period after --, for example: nox -s new_period -- 2025")
    session.install("-e", ".")
    session.run("python", "-m", "build_charts", "new-period", *session.posargs)
