"""The one place that orders the steps: validate → load → charts → pages → site."""

from __future__ import annotations

import errno
import shutil
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.figures import Progress
from build_charts.charts.kept import charts_for
from build_charts.charts.render import STOPPED, DrawingFailed, Renderer
from build_charts.package import DESCRIPTOR, DataPackage, display_path, known_source_ids, load_package, read_descriptor
from build_charts.pages import changes, glossary
from build_charts.pages.about_data import about_data_snippets
from build_charts.pages.charts import SiteInfo, chart_pages
from build_charts.pages.generate import generate_pages
from build_charts.pages.home import home_snippets
from build_charts.pages.outcomes import outcomes_page
from build_charts.pages.updates import post_problems, read_posts, update_pages
from build_charts.settings import Paths, site_url
from build_charts.site import BuildResult, build_site, remove_leftovers
from build_charts.staging import folder_files, remove_partial_files, sync_folder
from build_charts.validate import Problem, validate_package

try:
    import fcntl
except ImportError:  # not on a Unix-like system: builds are not kept apart
    fcntl = None


class BuildStopped(Exception):
    """The build stopped before publishing anything; the message says why in plain English and how to fix it."""


class _Clock:
    """Records how long each named step takes, when asked to."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    def step(self, name: str, work):
        start = time.perf_counter()
        result = work()
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
        return result


@dataclass
class Outcome:
    """What a run found and made: the problems, and the built site when there were no errors."""

    problems: list[Problem] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    built: BuildResult | None = None
    charts_rendered: int = 0
    charts_reused: int = 0
    notes: list[str] = field(default_factory=list)  # lines for the build log, e.g. a cached chart drawn again

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.is_error for p in self.problems)


def validate(paths: Paths, today: date | None = None, strict: bool = False) -> Outcome:
    """Check the data package and the news posts, and report every problem."""
    today = today or date.today()
    problems = validate_package(paths.datasets, today=today, strict=strict, docs=paths.docs, exclude=paths.overrides)
    problems += post_problems(paths.docs, known_source_ids(paths.datasets), today)
    return Outcome(problems=problems)


def generate(
    paths: Paths,
    today: date | None = None,
    timings: dict[str, float] | None = None,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Write hand-written and generated pages, and every chart's files, into the folder the site builder reads.

    When `timings` is given, the seconds each step took are recorded in it (the benchmark reads them).
    Charts are rendered by `renderer` (by default one that caches in build/cache); `progress` is told of
    each chart as it is drawn.
    """
    today = today or date.today()
    clock = _Clock(timings)
    renderer = renderer or Renderer(paths.cache)
    package = clock.step("load", lambda: load_package(paths.datasets))
    try:
        charts = clock.step("charts", lambda: charts_for(package, renderer, progress))
    except DrawingFailed as failure:
        raise BuildStopped(drawing_failed_message(package, failure)) from None
    pages = clock.step("pages", lambda: generate_pages(package, charts, today))
    url = site_url(paths)
    chart_page_texts, chart_file_bytes = clock.step(
        "chart pages", lambda: chart_pages(package, charts, _site_info(package, url)))
    pages.update(chart_page_texts)
    posts = read_posts(paths.docs)
    clock.step("other pages", lambda: pages.update(_other_pages(package, posts, url)))
    pages = clock.step("abbreviations", lambda: _explain_abbreviations(pages, glossary.abbreviations(package)))
    clock.step("write files", lambda: _write_all(paths, package, posts, url, pages, chart_file_bytes))
    return sorted(pages)


def _other_pages(package, posts, url: str | None) -> dict[str, str]:
    """News posts, the glossary, outcomes and the changes page."""
    pages = update_pages(posts, package.partnership["name"], url)
    pages[glossary.PAGE] = glossary.glossary_page(package)
    pages["outcomes/index.md"] = outcomes_page(package)
    pages.update(changes.changes_pages(package))
    return pages


def _write_all(paths: Paths, package, posts, url: str | None, pages: dict[str, str], files: dict[str, bytes]) -> None:
    """The snippets, and a staging folder holding exactly the hand-written pages (theme overrides stay out: they
    are not pages), every generated page, every chart file and the published data package."""
    _write_snippets(paths, {**home_snippets(package, posts), **about_data_snippets(package, url)})
    staged: dict[str, bytes | str] = {**folder_files(paths.docs, skip=paths.overrides)}
    staged.update(pages)
    staged.update(files)
    staged.update(_published_data(paths))
    sync_folder(paths.staging, staged)


def _site_info(package, url: str | None) -> SiteInfo:
    name = settings_from_descriptor(package.descriptor)["site_name"]
    return SiteInfo(name=name, url=url, partnership=package.partnership.get("name") or name)


def build(
    paths: Paths,
    today: date | None = None,
    strict: bool = False,
    builder: str = "mkdocs",
    progress: Progress | None = None,
) -> Outcome:
    """Validate; if there are no errors, generate the pages and build the site atomically.

    One build of a project runs at a time; it first tidies what a killed build left. A file that cannot be
    written (a full disk, a read-only folder) stops the build with BuildStopped, the published site as it was.
    """
    try:
        with _one_build_at_a_time(paths.build):
            remove_leftovers(paths.site)
            remove_partial_files(paths.cache)
            return _build(paths, today, strict, builder, progress)
    except OSError as error:
        raise BuildStopped(could_not_write(error, paths.site)) from None


def _build(paths: Paths, today: date | None, strict: bool, builder: str, progress: Progress | None) -> Outcome:
    outcome = validate(paths, today=today, strict=strict)
    if not outcome.ok:
        return outcome
    renderer = Renderer(paths.cache)
    outcome.pages = generate(paths, today=today, renderer=renderer, progress=progress)
    outcome.charts_rendered, outcome.charts_reused = renderer.rendered, renderer.reused
    outcome.notes = renderer.notes
    renderer.forget_unused()  # drawings of data that has since changed
    outcome.built = build_site(paths.config, paths.site, builder=builder, settings=site_settings(paths))
    return outcome


@contextmanager
def _one_build_at_a_time(folder: Path):
    """Hold the project's build lock (waiting for another build to finish), so leftovers can be told from work."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "a+b") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


# Why a file could not be written, and what to do, by the system's error number.
_WRITE_ERRORS = {
    errno.ENOSPC: ("the disk is full", "Free some space and build again."),
    errno.EDQUOT: ("the disk is full", "Free some space and build again."),
    errno.EACCES: ("the folder cannot be written to by this account",
                   "Make the folder writable (or build in a folder you own) and build again."),
    errno.EPERM: ("the folder cannot be written to by this account",
                  "Make the folder writable (or build in a folder you own) and build again."),
    errno.EROFS: ("the disk is read-only", "Build on a disk that can be written to."),
    errno.ENAMETOOLONG: ("a file name is too long", "Shorten the id the file is named after and build again."),
}


def could_not_write(error: OSError, site: Path) -> str:
    """A plain message for a file the build could not write: where, why and how to fix it."""
    reason, fix = _WRITE_ERRORS.get(error.errno, (
        (error.strerror or "the system refused").lower(), "Check the folder and the disk, then build again."))
    return f"Could not write the site to {error.filename or site}: {reason}. {fix} The published site was left as it was."


def site_settings(paths: Paths) -> dict[str, str]:
    """Builder settings that come from the data package: the site's name and description."""
    return settings_from_descriptor(read_descriptor(paths.datasets))


def settings_from_descriptor(descriptor: dict) -> dict[str, str]:
    """The site's name and description, from the partnership block or else the package's title."""
    partnership = descriptor.get("partnership", {})
    settings = {"site_name": partnership.get("name") or descriptor.get("title", "")}
    if partnership.get("site_description") or descriptor.get("description"):
        settings["site_description"] = partnership.get("site_description") or descriptor["description"]
    return settings


def _explain_abbreviations(pages: dict[str, str], terms: dict) -> dict[str, str]:
    """Every generated page with the first use of each abbreviation linked to the glossary.

    Generated pages are all folder/index.md, so a link relative to the page's folder is also relative to its
    URL, and both site builders leave it as written.
    """
    return {relative: markdown if relative == glossary.PAGE or not relative.endswith("index.md")
            else glossary.explain_abbreviations(markdown, terms, "../" * relative.count("/") + "glossary/")
            for relative, markdown in pages.items()}


def _write_snippets(paths: Paths, snippets: dict[str, str]) -> None:
    """Fragments that hand-written pages include with --8<-- (kept outside the pages folder)."""
    shutil.rmtree(paths.snippets, ignore_errors=True)
    paths.snippets.mkdir(parents=True)
    for name, markdown in snippets.items():
        (paths.snippets / name).write_text(markdown, encoding="utf-8")


def _published_data(paths: Paths) -> dict[str, bytes]:
    """The data package as the site publishes it under data/, so every CSV and datapackage.json can be downloaded."""
    descriptor = read_descriptor(paths.datasets)
    return {f"data/{relative}": (paths.datasets / relative).read_bytes()
            for relative in [DESCRIPTOR, *(r["path"] for r in descriptor["resources"])]}


def drawing_failed_message(package: DataPackage, failure: DrawingFailed) -> str:
    """Which chart could not be drawn (its catalogue row) and, when a cell of its rows holds a character charts
    cannot show, where that is and how to fix it."""
    spec = next((s for s in chart_specs(package)
                 if failure.label == s.chart_id or failure.label.startswith(f"{s.chart_id} as at ")), None)
    if spec is None:
        return f"Could not draw chart {failure.label}: {failure.reason}. Nothing was published."
    where = _row_of(package, "charts", "chart_id", spec.chart_id)
    headline = f'Could not draw the chart "{failure.label}" ({where}).'
    found = _unusual_character(package, spec)
    if found is not None:
        cell, character = found
        return (f"{headline} {cell} holds {_character_name(character)}, which a chart cannot show. "
                f"{_how_to_fix(character)}, then build again. Nothing was published.")
    said = "It stopped suddenly" if failure.reason == STOPPED else f"The chart library said: {failure.reason.split(': ', 1)[-1]}"
    return (f"{headline} {said}. Check the text of this chart's rows for unusual characters pasted in from another "
            f"program, then build again. Nothing was published.")


def _row_of(package: DataPackage, resource: str, column: str, value: str) -> str:
    """Where a row is, as a spreadsheet numbers it: e.g. datasets/charts.csv, row 8."""
    frame = package[resource]
    rows = frame.index[frame[column] == value]
    return f"{_file_of(package, resource)}, row {rows[0] + 2}" if len(rows) else _file_of(package, resource)


def _file_of(package: DataPackage, resource: str) -> str:
    path = next((r["path"] for r in package.descriptor.get("resources", []) if r.get("name") == resource), resource)
    return display_path(package.root, path)


def _unusual_character(package: DataPackage, spec: ChartSpec) -> tuple[str, str] | None:
    """The first cell of the chart's own rows holding a control character, or else a line break, and that character."""
    cells = list(_chart_cells(package, spec))
    for wanted in (_is_control, _is_line_break):
        for where, text in cells:
            character = next((c for c in text if wanted(c)), None)
            if character is not None:
                return where, character
    return None


def _chart_cells(package: DataPackage, spec: ChartSpec):
    """(where, text) for every text cell of the rows a chart is made from: its catalogue row, its indicator and
    values, or its strategy's rows."""
    links = [("chart_id", spec.chart_id), ("indicator_id", spec.indicator_id), ("strategy_id", spec.strategy_id)]
    for name, frame in package.frames.items():
        column, value = next(((c, v) for c, v in links if v and c in frame.columns), (None, None))
        if column is None or (name != "charts" and column == "chart_id"):
            continue
        for index, row in frame[frame[column] == value].iterrows():
            for field_name, text in row.items():
                if isinstance(text, str):
                    yield f'{_file_of(package, name)}, row {index + 2}, column "{field_name}"', text


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in "\n\r"


def _is_line_break(character: str) -> bool:
    return character in "\n\r\u2028\u2029"


def _character_name(character: str) -> str:
    if _is_line_break(character):
        return "a line break"
    return f"an invisible control character (U+{ord(character):04X})"


def _how_to_fix(character: str) -> str:
    if _is_line_break(character):
        return "Write it on one line"
    return "Delete it (retype the text around it if you cannot see it)"
