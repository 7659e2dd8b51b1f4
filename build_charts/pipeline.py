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
from build_charts.charts.kept import charts_for, common_fingerprint
from build_charts.charts.render import DrawingFailed, Renderer
from build_charts.charts.share import SITE_IMAGE, ShareImages, shown_address, site_image_svg, with_share_images
from build_charts.config import BadConfig, SiteConfig, site_config
from build_charts.package import DESCRIPTOR, load_package, read_descriptor
from build_charts.pages import glossary
from build_charts.pages.about_data import about_data_snippets, published_data
from build_charts.pages.charts import SiteInfo
from build_charts.pages.home import home_snippets
from build_charts.pages.kept import FOLDER as KEPT_PAGES
from build_charts.pages.kept import KeptPages, no_kept_pages
from build_charts.pages.registry import Inputs, write_pages
from build_charts.pages.search_help import search_snippets
from build_charts.pages.statutory import statutory_snippets
from build_charts.pages.updates import read_posts
from build_charts.processes import Apart
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


def settings_for(paths: Paths, site: SiteConfig | None = None, descriptor: dict | None = None) -> Settings:
    """The build's settings, read once (mkdocs.yml as `site` and datapackage.json as `descriptor`, when they are
    already read); BuildStopped, saying what to fix, when mkdocs.yml or the sentences file cannot be used."""
    try:
        return read_settings(paths, site, descriptor)
    except (BadConfig, i18n.BadCatalogue) as bad:
        raise BuildStopped(as_report([bad.problem])) from None


def validate(paths: Paths, today: date | None = None, strict: bool = False, site: SiteConfig | None = None,
             descriptor: dict | None = None) -> Outcome:
    """Check the builder's configuration (`site`, when it is already read), the data package (its datapackage.json
    as `descriptor`, when it is already read) and the news posts, and report every problem."""
    today = today or date.today()
    try:
        site = site or site_config(paths.config)
    except BadConfig as bad:
        return Outcome(problems=[bad.problem])
    problems = validate_package(paths.datasets, today=today, strict=strict, docs=paths.docs, exclude=paths.overrides,
                                site=site, keep_accepted=True, read_descriptor_as=descriptor)
    wording = i18n.catalogue_problems(i18n.project_catalogue(paths.root, site.language))
    accepted = [p for p in problems if is_accepted(p)]
    problems = [p for p in problems if not is_accepted(p)]
    return Outcome(problems=problems + ([p.as_error() for p in wording] if strict else wording), accepted=accepted)


class Validation:
    """A validation of a build's inputs: its recorded outcome, or one under way in a copy of this process."""

    def __init__(self, recorded: Outcome | None, running: Apart | None = None, record: tuple[Paths, str] | None = None):
        self.recorded, self._running, self._record = recorded, running, record

    def result(self) -> Outcome:
        """What the validation found (waiting for it to end), recorded for the next build when it ran here."""
        if self.recorded is not None:
            return self.recorded
        outcome = self._running.result()
        if self._record is not None:
            _record(outcome, *self._record)
        return outcome


def validate_once(paths: Paths, today: date, strict: bool, site: SiteConfig, descriptor: dict | None = None
                  ) -> Validation:
    """Start finding what `validate` finds (`descriptor`: datapackage.json, when already read): taken from the
    record of the last validation when every input it reads is the same (build_charts.incremental.validation_key);
    else validated in full in a copy of this process, so the build can go on meanwhile, and then recorded.

    On a CI server (CI=true, as on GitHub Actions) every build validates in full and reads no record.
    """
    if os.environ.get("CI", "").lower() == "true":
        key = None
    else:
        key = incremental.validation_key(paths.root, site.text, today.isoformat(), strict)
        recorded = _recorded_outcome(incremental.read_validation(paths.build / VALIDATION_RECORD, key))
        if recorded is not None:
            return Validation(recorded)
    running = Apart(partial(validate, paths, today=today, strict=strict, site=site, descriptor=descriptor))
    return Validation(None, running, (paths, key) if key else None)


def _record(outcome: Outcome, paths: Paths, key: str) -> None:
    """Record the outcome of a full validation under `key` for the next build."""
    incremental.write_validation(paths.build / VALIDATION_RECORD, key, {
        "problems": [asdict(p) for p in outcome.problems], "accepted": [asdict(p) for p in outcome.accepted]})


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
    package = clock.step("load", lambda: load_package(paths.datasets, settings.descriptor))
    common = common_fingerprint(package) if renderer.cache is not None else None
    kept = KeptPages(renderer.cache / KEPT_PAGES, common) if common else no_kept_pages()
    try:
        charts = clock.step("charts", lambda: charts_for(package, renderer, progress, common))
    except DrawingFailed as failure:
        raise BuildStopped(drawing_failed_message(package, failure)) from None
    url = settings.site_url
    site = SiteInfo(name=settings.site_name, url=url, partnership=settings.partnership_name,
                    report_route=settings.report_route)
    images = ShareImages(renderer.cache / "share" if renderer.cache else None, renderer.workers)
    charts = clock.step("share images", lambda: with_share_images(
        charts, {s["source_id"]: s for s in package["sources"].to_dict("records")}, site.name, shown_address(url),
        package.partnership.get("area", ""), images))
    site_image = images.png(site_image_svg(site.name, site.partnership, shown_address(url)))
    images.forget_unused()
    posts = read_posts(paths.docs, package["sources"])
    inputs = Inputs(package, charts, today, posts, site, kept)
    pages, chart_file_bytes = write_pages(inputs, clock.step)
    kept.save()
    chart_file_bytes = {**chart_file_bytes, SITE_IMAGE: site_image}
    pages = clock.step("abbreviations", lambda: _explain_abbreviations(pages, glossary.abbreviations(package)))
    clock.step("write files", lambda: _write_all(paths, package, posts, site, pages, chart_file_bytes, today))
    return sorted(pages)


def _write_all(paths: Paths, package, posts, site: SiteInfo, pages: dict[str, str], files: dict[str, bytes],
               today: date | None = None) -> None:
    """The snippets, and a staging folder holding exactly the hand-written pages (theme overrides stay out: they
    are not pages), every generated page, every chart file and the published data package."""
    _write_snippets(paths, {**home_snippets(package, posts, today), **about_data_snippets(package, site.url),
                            **statutory_snippets(package.partnership, site.report_route), **search_snippets(package.partnership)})
    staged: dict[str, bytes | str] = {**folder_files(paths.docs, skip=paths.overrides)}
    staged.update(pages)
    staged.update(files)
    staged.update(published_data(paths.datasets, package.descriptor))
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
    today = today or date.today()
    # Validating and generating each hold the whole package (and then every page) in memory for a while: each runs
    # in a copy of this process that gives its memory back when it ends, so the site builder never runs beside it.
    # While the data is being validated, the pages are already being generated from it (when its files are within
    # the size validation allows): if validation finds an error, that work is stopped and thrown away unused.
    descriptor = _descriptor_if_readable(paths)  # read once for the whole build
    validation = validate_once(paths, today, strict, site, descriptor)
    generating, settings = None, None
    if validation.recorded is None:
        settings = _settings_if_readable(paths, site, descriptor)
        if settings is not None and _within_size_limits(paths):
            generating = Apart(partial(_generate_pages_and_charts, paths, today, progress, settings))
    try:
        outcome = clock.step("validate", validation.result)
    except BaseException:
        if generating is not None:
            generating.stop()
        raise
    if not outcome.ok:
        if generating is not None:
            generating.stop()
        return outcome
    settings = settings or settings_for(paths, site, descriptor)
    generating = generating or Apart(partial(_generate_pages_and_charts, paths, today, progress, settings))
    made = generating.result()
    outcome.pages, outcome.charts_rendered, outcome.charts_reused, outcome.notes = made.pages, made.rendered, \
        made.reused, made.notes
    if clock.timings is not None:
        for name, seconds in made.timings.items():
            clock.timings[name] = clock.timings.get(name, 0.0) + seconds
    outcome.built = clock.step("site build", lambda: build_site(
        paths.config, paths.site, builder=builder, settings=settings.builder_settings(), loaded=site))
    return outcome


def _descriptor_if_readable(paths: Paths) -> dict | None:
    """datapackage.json, or None when it is over its size limit or not a JSON object (validation says why)."""
    from build_charts.validate.checks.limits import MAX_DESCRIPTOR_BYTES

    try:
        if (paths.datasets / DESCRIPTOR).stat().st_size > MAX_DESCRIPTOR_BYTES:
            return None
        descriptor = read_descriptor(paths.datasets)
    except (OSError, ValueError, RecursionError):
        return None
    return descriptor if isinstance(descriptor, dict) else None


def _settings_if_readable(paths: Paths, site: SiteConfig, descriptor: dict | None) -> Settings | None:
    """The build's settings, or None when they cannot be read (validation then says why, or the build stops later)."""
    try:
        return settings_for(paths, site, descriptor)
    except Exception:  # noqa: BLE001 (read again after validation, which reports what is wrong)
        return None


def _within_size_limits(paths: Paths) -> bool:
    """Whether every file of the data package is within the size validation allows, so generating from it before
    validation ends cannot take more memory than a valid package does."""
    from build_charts.validate.checks.limits import MAX_FILE_BYTES

    try:
        return all(path.stat().st_size <= MAX_FILE_BYTES for path in paths.datasets.iterdir()
                   if path.is_file() and not path.is_symlink())
    except OSError:
        return False


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
