"""Developer sessions. `nox -s tests` runs what CI runs; `nox -s serve` shows the site locally; `nox -s lock`
rewrites the locks every workflow installs from."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

# The locks: every package at one version, with its hashes, as the workflows install them.
PUBLISH_LOCK = "requirements/publish.txt"
TEST_LOCK = "requirements/test.txt"


def install_locked(session: nox.Session, lock: str) -> None:
    """Install the locked dependencies with their hashes, then the kit alone, as the workflows do."""
    session.install("--require-hashes", "-r", lock)
    session.install("--no-deps", "-e", ".")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite, browser gates included (needs Debian's chromium)."""
    install_locked(session, TEST_LOCK)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff (the locked version)."""
    install_locked(session, TEST_LOCK)
    session.run("ruff", "check", "build_charts", "tests", "noxfile.py")


@nox.session(default=False)
def phone(session: nox.Session) -> None:
    """Open every chart page and as-at page of the largest benchmark package at 320 x 568 in Chromium (minutes).

    The test command checks only the real site, the reuse fixture and the largest package's extreme charts;
    `CHART_PHONE_BENCH=medium nox -s phone` sweeps another size of tests/bench/synthetic.py.
    """
    install_locked(session, TEST_LOCK)
    session.run("pytest", "-m", "phone_sweep", "-s", "tests/browser/test_charts_on_phone.py", *session.posargs)


@nox.session
def validate(session: nox.Session) -> None:
    """Check the data package and list every problem in plain English."""
    install_locked(session, PUBLISH_LOCK)
    session.run("python", "-m", "build_charts", "validate", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Validate, generate the pages and charts, and build the site into site/."""
    install_locked(session, PUBLISH_LOCK)
    session.run("python", "-m", "build_charts", "build", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Build the site and serve it on http://127.0.0.1:8000."""
    install_locked(session, PUBLISH_LOCK)
    session.run("python", "-m", "build_charts", "serve", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Print cold, no-change and one-row-edit build times, the bare builder's, memory and page weights (not a test)."""
    install_locked(session, TEST_LOCK)  # the benchmark also builds with Zensical and reads pages with BeautifulSoup
    session.run("python", "-m", "tests.bench.run", *session.posargs)


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Print Lighthouse's scores for each page type at 320 px, and chart pages' at 1280 px too, served gzipped (not a
    test; needs npm and chromium).

    `nox -s lighthouse` builds the real site; `nox -s lighthouse -- path/to/site` measures a site already built.
    """
    install_locked(session, PUBLISH_LOCK)
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
    install_locked(session, PUBLISH_LOCK)
    session.run("python", "-m", "build_charts", "new-period", *session.posargs)


@nox.session(default=False)
def lock(session: nox.Session) -> None:
    """Rewrite requirements/publish.txt and requirements/test.txt from pyproject.toml, with hashes.

    `nox -s lock` keeps every version that still fits pyproject.toml; `nox -s lock -- --upgrade` takes the newest.
    Dependabot proposes the same upgrades every week as pull requests.
    """
    session.install("pip-tools>=7.4")
    options = ["--generate-hashes", "--strip-extras", "--no-emit-index-url", "--no-emit-find-links", "--quiet"]
    session.run("pip-compile", *options, *session.posargs, "--output-file", PUBLISH_LOCK, "pyproject.toml")
    session.run("pip-compile", *options, *session.posargs, "--extra", "test", "--output-file", TEST_LOCK,
                "pyproject.toml")
