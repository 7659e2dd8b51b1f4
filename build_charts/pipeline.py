"""The one place that orders the steps: validate → load → charts → pages → site."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import asdict, astuple, dataclass, field
from datetime import date
from functools import partial

from build_charts import i18n, incremental
from build_charts.charts.failures import drawing_failed_message
from build_charts.charts.figures import Progress
from build_charts.charts.kept import charts_for
from build_charts.charts.render import DrawingFailed, Renderer
from build_charts.charts.share import SITE_IMAGE, ShareImages, shown_address, site_image_svg, with_share_images
from build_charts.config import BadConfig, SiteConfig, site_config
from build_charts.package import load_package
from build_charts.pages import glossary
from build_charts.pages.about_data import about_data_snippets, published_data
from build_charts.pages.charts import SiteInfo
from build_charts.pages.home import home_snippets
from build_charts.pages.registry import Inputs, write_pages
from build_charts.pages.search_help import search_snippets
from build_charts.pages.statutory import statutory_snippets
from build_charts.pages.updates import read_posts
from build_charts.processes import run_apart
from build_charts.routes import url_for
from build_charts.settings import Paths, Settings, read_settings
from build_charts.site import BuildResult, build_site, could_not_write, one_build_at_a_time, remove_leftovers
from build_charts.staging import folder_files, remove_partial_files, sync_folder
from build_charts.validate import Problem, validate_package
from build_charts.validate.accepted import is_accepted
from build_charts.validate.report import as_report

# Where a build keeps what the validation of its inputs found (outside build/cache, which a CI server may restore).
VALIDATION_RECORD = "validation-record.json"


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
    accepted: list[Problem] = field(default_factory=list)  # warnings the partnership accepted: not listed

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.is_error for p in self.problems)


def read_site_config(paths: Paths) -> SiteConfig:
    """The builder's configuration (mkdocs.yml), read once for a run; BuildStopped when it cannot be read."""
    try:
        return site_config(paths.config)
    except BadConfig as bad:
        raise BuildStopped(as_report([bad.problem])) from None


def settings_for(paths: Paths, site: SiteConfig | None = None) -> Settings:
    """The build's settings, read once (mkdocs.yml as `site`, when it is already read); BuildStopped, saying what
    to fix, when mkdocs.yml or the sentences file cannot be used."""
    try:
        return read_settings(paths, site)
    except (BadConfig, i18n.BadCatalogue) as bad:
        raise BuildStopped(as_report([bad.problem])) from None


def validate(paths: Paths, today: date | None = None, strict: bool = False, site: SiteConfig | None = None) -> Outcome:
    """Check the builder's configuration (`site`, when it is already read), the data package and the news posts,
    and report every problem."""
    today = today or date.today()
    try:
        site = site or site_config(paths.config)
    except BadConfig as bad:
        return Outcome(problems=[bad.problem])
    problems = validate_package(paths.datasets, today=today, strict=strict, docs=paths.docs, exclude=paths.overrides,
                                site=site, keep_accepted=True)
    wording = i18n.catalogue_problems(i18n.project_catalogue(paths.root, site.language))
    accepted = [p for p in problems if is_accepted(p)]
    problems = [p for p in problems if not is_accepted(p)]
    return Outcome(problems=problems + ([p.as_error() for p in wording] if strict else wording), accepted=accepted)


def validate_once(paths: Paths, today: date, strict: bool, site: SiteConfig) -> Outcome:
    """What `validate` finds, taken from the record of the last validation when every input it reads is the same
    (build_charts.incremental.validation_key); else validated in full, and recorded.

    On a CI server (CI=true, as on GitHub Actions) every build validates in full and reads no record.
    """
    if os.environ.get("CI", "").lower() == "true":
        return run_apart(partial(validate, paths, today=today, strict=strict, site=site))
    record = paths.build / VALIDATION_RECORD
    key = incremental.validation_key(paths.root, site.text, today.isoformat(), strict)
    found = _recorded_outcome(incremental.read_validation(record, key))
    if found is not None:
        return found
    outcome = run_apart(partial(validate, paths, today=today, strict=strict, site=site))
    incremental.write_validation(record, key, {"problems": [asdict(p) for p in outcome.problems],
                                               "accepted": [asdict(p) for p in outcome.accepted]})
    return outcome


def _recorded_outcome(found: dict | None) -> Outcome | None:
    """The outcome a validation record holds, or None when it holds none or something that is not problems."""
    if found is None:
        return None
    try:
        problems = {part: [Problem(**item) for item in found[part]] for part in ("problems", "accepted")}
    except TypeError:
        return None
    fields = [value for part in problems.values() for problem in part for value in astuple(problem)]
    if not all(value is None or isinstance(value, (str, int)) for value in fields):
        return None
    return Outcome(problems=problems["problems"], accepted=problems["accepted"])


def generate(
    paths: Paths,
    today: date | None = None,
    timings: dict[str, float] | None = None,
    renderer: Renderer | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
) -> list[str]:
    """Write hand-written and generated pages, and every chart's files, into the folder the site builder reads.

    When `timings` is given, the seconds each step took are recorded in it (the benchmark reads them).
    Charts are rendered by `renderer` (by default one that caches in build/cache); `progress` is told of
    each chart as it is drawn. `settings` are the build's, when they are already read; the pages are written
    in their sentences.
    """
    settings = settings or settings_for(paths)
    with i18n.using(settings.translations):
        return _generate(settings, today or date.today(), _Clock(timings), renderer or Renderer(paths.cache), progress)


def _generate(settings: Settings, today: date, clock: _Clock, renderer: Renderer, progress: Progress | None
              ) -> list[str]:
    paths = settings.paths
    package = clock.step("load", lambda: load_package(paths.datasets))
    try:
        charts = clock.step("charts", lambda: charts_for(package, renderer, progress))
    except DrawingFailed as failure:
        raise BuildStopped(drawing_failed_message(package, failure)) from None
    url = settings.site_url
    site = SiteInfo(name=settings.site_name, url=url, partnership=settings.partnership_name)
    images = ShareImages(renderer.cache / "share" if renderer.cache else None, renderer.workers)
    charts = clock.step("share images", lambda: with_share_images(
        charts, {s["source_id"]: s for s in package["sources"].to_dict("records")}, site.name, shown_address(url),
        package.partnership.get("area", ""), images))
    site_image = images.png(site_image_svg(site.name, site.partnership, shown_address(url)))
    images.forget_unused()
    posts = read_posts(paths.docs, package["sources"])
    inputs = Inputs(package, charts, today, posts, site)
    pages, chart_file_bytes = write_pages(inputs, clock.step)
    chart_file_bytes = {**chart_file_bytes, SITE_IMAGE: site_image}
    pages = clock.step("abbreviations", lambda: _explain_abbreviations(pages, glossary.abbreviations(package)))
    clock.step("write files", lambda: _write_all(paths, package, posts, url, pages, chart_file_bytes, today))
    return sorted(pages)


def _write_all(paths: Paths, package, posts, url: str | None, pages: dict[str, str], files: dict[str, bytes],
               today: date | None = None) -> None:
    """The snippets, and a staging folder holding exactly the hand-written pages (theme overrides stay out: they
    are not pages), every generated page, every chart file and the published data package."""
    _write_snippets(paths, {**home_snippets(package, posts, today), **about_data_snippets(package, url),
                            **statutory_snippets(package.partnership), **search_snippets(package.partnership)})
    staged: dict[str, bytes | str] = {**folder_files(paths.docs, skip=paths.overrides)}
    staged.update(pages)
    staged.update(files)
    staged.update(_published_data(paths))
    sync_folder(paths.staging, staged)


def build(
    paths: Paths,
    today: date | None = None,
    strict: bool = False,
    builder: str = "mkdocs",
    progress: Progress | None = None,
    site: SiteConfig | None = None,
    timings: dict[str, float] | None = None,
) -> Outcome:
    """Validate; if there are no errors, generate the pages and build the site atomically.

    `site` is the builder's configuration (mkdocs.yml), when it is already read; else it is read here, once.
    When `timings` is given, the seconds each step took are recorded in it (the benchmark reads them).

    One build of a project runs at a time; it first tidies what a killed build left. A file that cannot be
    written (a full disk, a read-only folder) stops the build with BuildStopped, the published site as it was.
    """
    try:
        with one_build_at_a_time(paths.build):
            remove_leftovers(paths.site)
            remove_partial_files(paths.cache)
            return _build(paths, today, strict, builder, progress, site, _Clock(timings))
    except OSError as error:
        raise BuildStopped(could_not_write(error, paths.site)) from None


def _build(paths: Paths, today: date | None, strict: bool, builder: str, progress: Progress | None,
           site: SiteConfig | None, clock: _Clock) -> Outcome:
    try:
        site = site or site_config(paths.config)
    except BadConfig as bad:
        return Outcome(problems=[bad.problem])
    # Validating and generating each hold the whole package (and then every page) in memory for a while: each runs
    # in a copy of this process that gives its memory back when it ends, so the site builder never runs beside it.
    outcome = clock.step("validate", lambda: validate_once(paths, today or date.today(), strict, site))
    if not outcome.ok:
        return outcome
    settings = settings_for(paths, site)
    made = run_apart(partial(_generate_pages_and_charts, paths, today, progress, settings))
    outcome.pages, outcome.charts_rendered, outcome.charts_reused, outcome.notes = made.pages, made.rendered, \
        made.reused, made.notes
    if clock.timings is not None:
        for name, seconds in made.timings.items():
            clock.timings[name] = clock.timings.get(name, 0.0) + seconds
    outcome.built = clock.step("site build", lambda: build_site(
        paths.config, paths.site, builder=builder, settings=settings.builder_settings(), loaded=site))
    return outcome


@dataclass
class _Made:
    """What generating made: the generated pages' names, how many drawings were drawn and reused, the notes for the
    build log and how long each step took."""

    pages: list[str]
    rendered: int
    reused: int
    notes: list[str]
    timings: dict[str, float]


def _generate_pages_and_charts(paths: Paths, today: date | None, progress: Progress | None, settings: Settings
                               ) -> _Made:
    timings: dict[str, float] = {}
    renderer = Renderer(paths.cache)
    pages = generate(paths, today=today, timings=timings, renderer=renderer, progress=progress, settings=settings)
    renderer.forget_unused()  # drawings of data that has since changed
    return _Made(pages, renderer.rendered, renderer.reused, renderer.notes, timings)


def site_settings(paths: Paths) -> dict[str, str]:
    """Builder settings that come from the data package (the site's name and description) and its address, for
    building a site whose pages are already written."""
    return settings_for(paths).builder_settings()


def _explain_abbreviations(pages: dict[str, str], terms: dict) -> dict[str, str]:
    """Every generated page with the first use of each abbreviation linked to the glossary.

    Generated pages are all folder/index.md, so a link relative to the page's folder is also relative to its
    URL, and both site builders leave it as written.
    """
    return {relative: markdown if relative == glossary.PAGE or not relative.endswith("index.md")
            else glossary.explain_abbreviations(markdown, terms, url_for("glossary", relative[:-len("index.md")]))
            for relative, markdown in pages.items()}


def _write_snippets(paths: Paths, snippets: dict[str, str]) -> None:
    """Fragments that hand-written pages include with --8<-- (kept outside the pages folder)."""
    shutil.rmtree(paths.snippets, ignore_errors=True)
    paths.snippets.mkdir(parents=True)
    for name, markdown in snippets.items():
        (paths.snippets / name).write_text(markdown, encoding="utf-8")


def _published_data(paths: Paths) -> dict[str, bytes]:
    """The data package as the site publishes it under data/, so every CSV, datapackage.json and a zip of them all
    can be downloaded."""
    return published_data(paths.datasets)

