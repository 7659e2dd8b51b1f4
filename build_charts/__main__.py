"""Command line: python -m build_charts validate | build | serve | new-period | what-changed | new-partnership."""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import os
import sys
from datetime import date
from pathlib import Path

from build_charts import new_period, partnership, pipeline, what_changed
from build_charts.builder_errors import plain_failure
from build_charts.for_files import make_site_open_from_files
from build_charts.package import read_descriptor
from build_charts.report_route import ReportRoute, published_repository, report_route
from build_charts.settings import MISSING_SITE_URL, BadSiteUrl, Paths, site_url
from build_charts.site import BUILDERS, BuildFailed
from build_charts.validate.fix import fix_files
from build_charts.validate.report import accepted_line, as_github_annotations, as_report


def main(argv: list[str] | None = None) -> int:
    """Run one command and return the exit code: 0 success, 1 problems in the data or the build."""
    args = _parser().parse_args(argv)
    paths = Paths(Path(args.project).resolve(), given_site_url=_given_site_url(args))
    if args.command == "validate":
        return _validate(paths, args)
    if args.command == "build":
        return _build(paths, args)
    if args.command == "serve":
        code = _build(paths, args)
        if code == 0:
            _serve(paths.site, args.port)
        return code
    if args.command == "new-period":
        return _new_period(paths, args.period)
    if args.command == "what-changed":
        return _what_changed(paths, args.base, args.preview_url)
    if args.command == "catalogue":
        return _catalogue()
    if args.command == "new-partnership":
        return _new_partnership(paths)
    return 2


def _given_site_url(args) -> str | None:
    """The address given for this build: --site-url, else the SITE_URL environment variable."""
    return getattr(args, "site_url", None) or os.environ.get("SITE_URL", "").strip() or None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_charts", description=__doc__)
    parser.add_argument("--project", default=str(Paths().root), help="the site project folder (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the data package and list every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--fix", action="store_true", help="first repair what a spreadsheet does to the files: "
                       "day-first dates, months such as Jan-25, semicolons, Windows-1252, byte-order marks, line "
                       "endings and blank rows at the end")
    for name, help_text in (("build", "validate, generate pages and build the site into site/"),
                            ("serve", "build, then serve the site on http://127.0.0.1:PORT")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument("--builder", default="mkdocs", choices=sorted(BUILDERS), help="the site builder (default mkdocs)")
        command.add_argument("--site-url", metavar="URL", help="the address the site is published at, e.g. "
                             "https://OWNER.github.io/REPO/ (default: the SITE_URL environment variable, then "
                             "site_url in mkdocs.yml)")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000)
        else:
            command.add_argument("--for-files", action="store_true", help="make every link name its index.html, "
                                 "so the built site also opens from a folder on a computer (the pull-request preview)")
    scaffold = commands.add_parser("new-period", help="add a not-assessed progress row per current commitment")
    scaffold.add_argument("period", help="the reporting period: a year (2025) or a financial year (2025/26)")
    compare = commands.add_parser("what-changed", help="say in Markdown what this version changes on the published "
                                  "site, compared with a git branch, tag or commit")
    compare.add_argument("--base", required=True, metavar="REF", help="the version to compare with, e.g. origin/main")
    compare.add_argument("--preview-url", metavar="URL", help="where the change's site can be seen: pages are linked there")
    commands.add_parser("new-partnership", help="start this partnership's own list of published addresses, after "
                        "giving the package its new name in datasets/datapackage.json")
    commands.add_parser("catalogue", help="gather the sentences the pages are written with into "
                        "build_charts/locale/messages.pot (after changing a sentence in the code)")
    return parser


def _catalogue() -> int:
    from build_charts.extract import write_template_catalogue
    from build_charts.i18n import TEMPLATE_FILE

    changed = write_template_catalogue()
    print(f"{'Updated' if changed else 'No sentence changed in'} {TEMPLATE_FILE.relative_to(Paths().root)}")
    return 0


def _print_problems(problems) -> None:
    if os.environ.get("GITHUB_ACTIONS") == "true" and problems:
        print(as_github_annotations(problems))
    print(as_report(problems))


def _validate(paths: Paths, args) -> int:
    if args.fix:
        for change in fix_files(paths.datasets, read_descriptor(paths.datasets)):
            print(f"Fixed {change}")
    outcome = pipeline.validate(paths, strict=args.strict)
    print(_report_route(paths).describe() + "\n")
    _print_problems(outcome.problems)
    if outcome.accepted:
        print(accepted_line(outcome.accepted))
    return 0 if outcome.ok else 1


def _report_route(paths: Paths, site=None) -> ReportRoute:
    """The route "Report a problem" takes in this build, decided as the build decides it (settings.py)."""
    try:
        site = site or pipeline.read_site_config(paths)
    except pipeline.BuildStopped:  # validation reports an unreadable mkdocs.yml
        site = None
    return report_route(_partnership(paths), site.raw.get("repo_url") if site else None, published_repository())


def _partnership(paths: Paths) -> dict:
    try:
        partnership = read_descriptor(paths.datasets).get("partnership")
    except Exception:  # noqa: BLE001 (validation has already reported an unreadable descriptor)
        return {}
    return partnership if isinstance(partnership, dict) else {}


def _chart_progress(done: int, total: int, name: str) -> None:
    # Every chart when there are few; about every tenth of the way when there are many.
    if total <= 50 or done == total or done % (total // 10) == 0:
        print(f"Drawing charts: {done} of {total} ({name})", flush=True)


def _build(paths: Paths, args) -> int:
    if args.builder == "zensical" and importlib.util.find_spec("zensical") is None:
        print('Nothing was built. The Zensical builder is not installed: pip install -e ".[zensical]" installs it '
              "(or build with MkDocs, the default, by leaving out --builder).")
        return 1
    try:
        site = pipeline.read_site_config(paths)
        address = site_url(paths, site)
    except BadSiteUrl as refusal:
        print(f"Nothing was built. {refusal}")
        return 1
    except pipeline.BuildStopped as stopped:
        print(f"Nothing was built.\n{stopped}")
        return 1
    if address is None:
        print(MISSING_SITE_URL)
    print(_report_route(paths, site).describe())
    try:
        outcome = pipeline.build(paths, strict=args.strict, builder=args.builder, progress=_chart_progress, site=site)
    except BuildFailed as failure:
        print(plain_failure(str(failure), paths.docs))
        return 1
    except pipeline.BuildStopped as stopped:
        print(stopped)
        return 1
    if outcome.problems:
        _print_problems(outcome.problems)
    if outcome.accepted:
        print(accepted_line(outcome.accepted))
    if not outcome.ok:
        return 1
    for note in outcome.notes:
        print(note)
    if getattr(args, "for_files", False):
        make_site_open_from_files(outcome.built.site)
    print(f"Charts: {outcome.charts_rendered} rendered, {outcome.charts_reused} unchanged since the last build.")
    print(f"Built {len(outcome.pages)} generated pages into {outcome.built.site}")
    return 0


def _new_period(paths: Paths, period: str) -> int:
    try:
        added = new_period.add_period(paths.datasets, period.strip(), today=date.today())
    except new_period.PeriodRefused as refusal:
        print(f"Nothing was changed. {refusal}")
        return 1
    print(new_period.next_steps(added))
    return 0


def _new_partnership(paths: Paths) -> int:
    try:
        address = partnership.start_published_list(paths.datasets, read_descriptor(paths.datasets))
    except partnership.AlreadyStarted as refusal:
        print(f"Nothing was changed. {refusal}")
        return 1
    print(partnership.next_steps(address))
    return 0


def _what_changed(paths: Paths, base: str, preview_url: str | None = None) -> int:
    try:
        print(what_changed.report_against(paths, base, preview_url), end="")
    except what_changed.NoBase as refusal:
        print(refusal)
        return 1
    return 0


def _serve(site: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving the site on http://127.0.0.1:{port}/ (press Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.exit(main())
