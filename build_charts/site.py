"""Run the site builder into a temporary folder and move the result into place only if it succeeded.

The new site replaces the old in one step (the two folders are exchanged, where the system can), so a complete
site/ exists at every moment, even if the build is killed. Where the system cannot exchange folders, the old
site is moved aside first, and a build that finds it moved aside with no site/ puts it back. A build that
reused the old site's files keeps the old site beside the new one (`.spare-of-site`, mostly links to the same
files): the next such build fills its thousands of folders rather than making them again, and uses a file in
it only when it is the very file the published site holds.

Two builders read the same mkdocs.yml: MkDocs with mkdocs-material (the default) and Zensical, its
successor (mkdocs-material reaches end of life on 5 May 2027). Everything builder-specific is here.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from build_charts import allowlist, incremental
from build_charts.config import SiteConfig, derived_config, site_config
from build_charts.csp import UnsafePage, add_content_security_policy
from build_charts.routes import in_sitemap

try:
    import fcntl
except ImportError:  # not on a Unix-like system: builds are not kept apart
    fcntl = None


# The start of the name of an old site being deleted after a build (see _remove_in_background).
TRASH_PREFIX = ".trash-of-"


class BuildFailed(Exception):
    """The site builder reported an error; the previous site was left as it was."""


@dataclass(frozen=True)
class BuildResult:
    """What the builder did: the finished site folder and anything it printed."""

    site: Path
    output: str


def _mkdocs(config: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]


def _zensical(config: Path, out: Path) -> list[str]:
    # Zensical has no option for the output folder; its config copy already points site_dir at `out`.
    return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]


BUILDERS: dict[str, Callable[[Path, Path], list[str]]] = {"mkdocs": _mkdocs, "zensical": _zensical}


def build_site(config: Path, site: Path, builder: str = "mkdocs", settings: dict[str, str] | None = None,
               loaded: SiteConfig | None = None) -> BuildResult:
    """Build into a temporary sibling of `site`, then swap it in; on failure `site` is untouched.

    `settings` replace top-level keys of the config for this build (the partnership's name, say), so
    mkdocs.yml itself names no partnership-specific value that the data package already holds. `loaded` is
    the config as the pipeline read it (read here when not given). With MkDocs, a page whose source is
    unchanged since the build that made `site` is taken from it (build_charts.incremental); the site that build
    replaces is then kept beside it (spare_folder), so the next such build reuses its folders.
    """
    config, site = config.resolve(), site.resolve()
    loaded = loaded or site_config(config)
    site.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    finished = temporary
    try:
        output, record, reused, finished, written = _build_reusing(config, temporary, builder, settings or {}, site,
                                                                   loaded)
        print_, sources, anchors, policies = record or (None, None, None, None)
        _check_allowlist(loaded, finished, settings, frozenset(reused), written)
        incremental.forget(site)  # until the new site is in place and described
        _swap_into_place(finished, site)
        if record:
            incremental.write_state(site, print_, sources, anchors, known=reused, policies=policies,
                                    names=None if written is None else [*reused, *written])
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)  # the failed build
        if finished != temporary:
            shutil.rmtree(finished, ignore_errors=True)
        raise
    if finished == temporary:
        _remove_in_background(temporary, site)  # the old site, now swapped out
        _remove_in_background(spare_folder(site), site)  # an older one, of no use to a build that reused nothing
    else:
        shutil.rmtree(temporary, ignore_errors=True)  # what the builder wrote, its files now moved into the site
        _keep_as_spare(finished, site)  # the old site, now swapped out
    return BuildResult(site=site, output=output)


def spare_folder(site: Path) -> Path:
    """Where the site a reusing build replaced is kept: the next build fills its folders rather than making
    thousands again (each file in it is used only when it is the very file the published site holds)."""
    return site.with_name(f".spare-of-{site.name}")


def _keep_as_spare(old: Path, site: Path) -> None:
    """Keep the swapped-out site as the spare (deleting it when another spare is already there)."""
    try:
        os.rename(old, spare_folder(site))
    except OSError:
        _remove_in_background(old, site)


def _claim_spare(site: Path) -> Path:
    """A new folder beside `site` (deleted by the next build if this one is killed), holding the spare if any."""
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    spare = spare_folder(site)
    if spare.is_dir() and not spare.is_symlink():
        with contextlib.suppress(OSError):  # taken by another build, say: start from nothing
            os.replace(spare, work)
    return work


def _check_allowlist(loaded: SiteConfig, temporary: Path, settings: dict[str, str] | None,
                     reused: frozenset[str] = frozenset(), written: list[str] | None = None) -> None:
    """Stop the build when any file of the finished site holds what no template writes.

    Files `reused` from the previous site are not read again: each has the sha256 recorded by the build that made
    it, which checked it with the same code and configuration (the record's fingerprint says so). When some were
    reused, every other file is one the rebuild `written` (paths relative to the site), so only those are looked
    for. A build with no record to reuse from (a fresh checkout, as on a CI server's Publish) checks every file.
    """
    url = (settings or {}).get("site_url") or loaded.site_url
    files = None if written is None else [temporary / relative for relative in written]
    try:
        allowlist.check_site(temporary, url, docs=loaded.file.parent / "docs", staged=loaded.docs_dir, checked=reused,
                             files=files)
    except allowlist.NotAllowed as refused:
        raise BuildFailed(str(refused)) from None


# Child processes deleting old sites; kept so that they are not reported as forgotten while they run.
_REMOVERS: list[subprocess.Popen] = []


def _remove_in_background(folder: Path, site: Path) -> None:
    """Delete a swapped-out site in a separate process, so the build does not wait for thousands of deletions.

    The folder is first renamed to a name the next build deletes (see remove_leftovers), in case the process
    is stopped before it finishes.
    """
    if not folder.exists():
        return
    trash = site.with_name(f"{TRASH_PREFIX}{site.name}-{secrets.token_hex(4)}")
    try:
        folder.rename(trash)
        _REMOVERS[:] = [p for p in _REMOVERS if p.poll() is None]
        _REMOVERS.append(subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(trash)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    except OSError:
        shutil.rmtree(trash if trash.exists() else folder, ignore_errors=True)


def _build_reusing(config: Path, temporary: Path, builder: str, settings: dict[str, str], site: Path,
                   loaded: SiteConfig):
    """Build into `temporary`, reusing `site`'s unchanged pages where that gives the same site; return what the
    builder printed, the record for the next build (None when the next build must rebuild every page; else its
    fingerprint, sources, anchors and each page's policy when known), the sha256 of each file taken from `site` by path, the folder that holds the finished site (`temporary` when nothing was
    reused) and, when files were reused, the path of every other file in it (None otherwise)."""
    if builder != "mkdocs" or loaded.hooks:
        return _build_into(config, temporary, builder, settings, loaded), None, {}, temporary, None
    print_ = incremental.fingerprint(loaded.text + derived_config(config, settings), loaded.custom_dir, builder)
    previous = incremental.listed(site)
    state = incremental.read_state(site, previous)
    docs = loaded.docs_dir
    sources = incremental.source_hashes(docs, state.get("sources") or {})
    plan = incremental.without_snippet_pages(incremental.plan(site, sources, print_, state), docs, sources)
    try:
        output, anchors, reused, finished, written, policies = _build_with_plan(
            config, temporary, settings, plan, loaded, site, state, previous)
        complete = not (plan.reuses and incremental.anchors_removed(plan.anchors, anchors))
        if not complete and finished != temporary:
            _remove_in_background(finished, site)
    except incremental.NotAsRecorded:  # a file of the previous site changed since its build was recorded
        complete = False
    if not complete:
        # An unchanged page may link to an anchor a rebuilt page no longer has, or a file to reuse is not the one
        # recorded: only a full build gives the same site.
        shutil.rmtree(temporary)
        temporary.mkdir()
        output, anchors, reused, finished, written, policies = _build_with_plan(
            config, temporary, settings, incremental.Plan(), loaded, site)
    return output, (print_, sources, anchors, policies), reused, finished, written


def _build_with_plan(config: Path, temporary: Path, settings: dict[str, str], plan: incremental.Plan,
                     loaded: SiteConfig, site: Path, state: dict | None = None, previous: list | None = None):
    """An MkDocs build that converts only the pages the plan does not call unchanged, then completes the site
    from the previous one (described by its record, `state`, and its files as incremental.listed read them);
    returns what MkDocs printed, every page's anchors, the sha256 of each file taken from the previous site, the
    folder holding the site, the files the rebuild wrote and each page's policy (the last two None when nothing was
    taken: see _build_reusing)."""
    plan_file = config.with_name(f".{config.stem}.plan.json")
    report_file = config.with_name(f".{config.stem}.built.json")
    incremental.write_plan(plan, plan_file, report_file)
    hooks = {"hooks": [str(Path(incremental.__file__).resolve())]}
    try:
        output = _build_into(config, temporary, "mkdocs", {**settings, **hooks}, loaded,
                             env={incremental.PLAN_VARIABLE: str(plan_file)})
        report = json.loads(report_file.read_text(encoding="utf-8"))
    finally:
        plan_file.unlink(missing_ok=True)
        report_file.unlink(missing_ok=True)
    if not plan.reuses:
        return output, report["anchors"], {}, temporary, None, None
    state = state or {}
    reused, written, finished, policies = _complete_from(
        plan.previous_site, temporary, site, report["order"], set(report["rebuilt"].values()), state.get("files"),
        previous, settings.get("site_url"), incremental.recorded_policies(state))
    return output, report["anchors"], reused, finished, written, policies


def _complete_from(previous: Path, rebuilt: Path, site: Path, pages: list[str], rebuilt_urls: set[str],
                   recorded: dict[str, str] | None = None, previous_files: list | None = None,
                   site_url: str | None = None, policies: dict[str, str | None] | None = None
                   ) -> tuple[dict[str, str], list[str], Path, dict[str, str | None]]:
    """Put the files the rebuild wrote into `rebuilt` and the previous site's other files (each checked against the
    `recorded` hashes) together in a folder beside `site` (the spare's, when there is one), merging the search
    index, `_headers` (from the `policies` the previous build recorded for the pages taken from it) and the sitemap;
    return the sha256 of each file taken from `previous`, the path of each file the rebuild wrote, the folder, and
    each page's policy."""
    index = rebuilt / incremental.SEARCH_INDEX
    if index.is_file():
        old = (previous / incremental.SEARCH_INDEX).read_text(encoding="utf-8")
        index.write_text(incremental.merged_search_index(old, index.read_text(encoding="utf-8"), pages, rebuilt_urls),
                         encoding="utf-8")
    finished = _claim_spare(site)
    try:
        linked, written = incremental.fill_from_previous(previous, rebuilt, finished, recorded, previous_files)
        known = {page: policy for page, policy in (policies or {}).items() if page in linked}
        policies = incremental.page_policies(finished, incremental.html_pages([*linked, *written]), known)
        incremental.merge_headers(finished, policies)
        write_sitemap(finished, site_url)
    except BaseException:
        shutil.rmtree(finished, ignore_errors=True)
        raise
    return linked, written, finished, policies


def _build_into(config: Path, temporary: Path, builder: str, settings: dict, loaded: SiteConfig,
                env: dict[str, str] | None = None) -> str:
    """Build the site into `temporary` and add its Content Security Policy; return what the builder printed.

    `settings` go over the config's own in the builder's copy of it, and `env` into its environment.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})}
    # The derived config sits beside mkdocs.yml so every relative path in it still resolves.
    scratch = config.with_name(f".{config.stem}.build.yml")
    scratch.write_text(derived_config(config, {**settings, "site_dir": str(temporary)}), encoding="utf-8")
    try:
        command = BUILDERS[builder](scratch, temporary)
        completed = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    finally:
        scratch.unlink(missing_ok=True)
    output = _without_traceback(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        raise BuildFailed(output)
    try:
        add_content_security_policy(temporary, script_styles=styles_added_by_theme_script(temporary),
                                    own_templates=loaded.custom_dir)
    except UnsafePage as unsafe:
        raise BuildFailed(str(unsafe)) from None
    write_sitemap(temporary, settings.get("site_url"))
    return output


SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(site: Path, site_url: str | None) -> None:
    """Write sitemap.xml (and its gzipped copy) listing every page the route table offers to search engines.

    Both builders then publish the same sitemap. A sitemap holds full addresses only, so without the site's
    address it lists nothing (as MkDocs does).
    """
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP)
    if site_url:
        for folder in sorted(_page_folders(site)):
            if in_sitemap(folder):
                ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = site_url.rstrip("/") + "/" + folder
    ElementTree.indent(urlset)
    content = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(urlset, encoding="unicode").encode("utf-8") + b"\n"
    for name, data in (("sitemap.xml", content), ("sitemap.xml.gz", gzip.compress(content, mtime=0))):
        (site / name).unlink(missing_ok=True)  # a new file, never a write into one linked from elsewhere
        (site / name).write_bytes(data)


def _page_folders(site: Path) -> list[str]:
    """The folder of every page in the built site, from its root ('' for the home page, then 'glossary/' ...)."""
    folders = []
    for page in site.rglob("index.html"):
        relative = page.parent.relative_to(site).as_posix()
        if not relative.startswith("assets/"):
            folders.append("" if relative == "." else relative + "/")
    return folders


# Zensical's search box builds a shadow DOM holding a <style> whose text is a constant in its script
# bundle: `C("style",{},Tc.toString())` with `Tc='…'`. The policy allows that text by its hash.
_STYLE_ELEMENT = re.compile(r'\("style",\{\},(\w+)\.toString\(\)\)')


def styles_added_by_theme_script(site: Path) -> list[str]:
    """The <style> texts the theme's script bundle adds to pages at run time (none for mkdocs-material)."""
    styles = []
    for bundle in sorted(site.glob("assets/javascripts/bundle.*.js")):
        script = bundle.read_text(encoding="utf-8")
        for name in _STYLE_ELEMENT.findall(script):
            literal = re.search(rf"\b{re.escape(name)}='([^'\\]*)'", script)
            if literal:
                styles.append(literal.group(1))
    return styles


def _without_traceback(output: str) -> str:
    """The builder's own messages, without a Python traceback after them."""
    return output.split("Traceback (most recent call last)", 1)[0].strip()


def _swap_into_place(new: Path, site: Path) -> None:
    """Put the folder `new` where `site` is; afterwards `new` holds the old site (if any), to delete."""
    if not site.exists():
        new.rename(site)
    elif not exchange_folders(new, site):
        old = site.with_name(f".{site.name}-old-{new.name.rsplit('-', 1)[-1]}")
        site.rename(old)
        try:
            new.rename(site)
        except OSError:
            old.rename(site)
            raise
        old.rename(new)


def exchange_folders(first: Path, second: Path) -> bool:
    """Exchange two folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    at_current_folder, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_current_folder, os.fsencode(first), at_current_folder, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):  # not on this system or file system
        return False
    raise OSError(code, os.strerror(code), str(second))


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # not on a Unix-like system
        return None


def remove_leftovers(site: Path) -> None:
    """Put back a published site that a killed build left moved aside, and delete the folders killed builds left.

    Call only while no other build of this site runs (the pipeline holds its lock).
    """
    if not site.parent.is_dir():
        return
    moved_aside = sorted(site.parent.glob(f".{site.name}-old*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if moved_aside and not site.exists():
        moved_aside.pop(0).rename(site)
    for leftover in [*moved_aside, *site.parent.glob(f".{site.name}-new-*"), *site.parent.glob(f"{TRASH_PREFIX}{site.name}-*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def one_build_at_a_time(folder: Path):
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
