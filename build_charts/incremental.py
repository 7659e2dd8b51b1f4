"""Rebuild only the pages whose source changed, and take every other built file from the published site.

An editor's change to one progress row changes a handful of the thousands of staged pages. MkDocs has no
safe way to rebuild only those (its `--dirty` mode leaves the search index with only the rebuilt pages, and
fails a strict build with a warning), so this module does it itself, and only when the result is the same as
a full build's:

- the previous build was a full or reused MkDocs build of this same site folder, and nothing has changed a
  file in that folder since (the state file records the size and time of every file);
- the builder, its version, the configuration, the theme overrides and this package's code are unchanged;
- the staged pages and files are the same set of names (so the navigation, links and sitemap are unchanged).

Then the builder converts and writes only the changed pages (and those that include a
generated snippet): an unchanged page is neither read nor converted nor written, and it keeps the anchors it
had, so links to them are still checked. Afterwards
the unchanged files are linked in from the previous site (into the folders of the site it replaced, when that is
kept), and the search index, the sitemap and the site-wide policy are merged from the rebuilt pages and the
previous ones. The module is also the MkDocs hook that does the
skipping (`on_*` functions below), loaded only by builds this module plans.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from stat import S_ISLNK, S_ISREG

import yaml

# The environment variable that tells the hook (in the builder's process) where its plan is.
PLAN_VARIABLE = "BUILD_CHARTS_REUSE_PLAN"
# Packages whose versions decide what a page becomes.
BUILDER_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
# A page that includes a generated snippet (--8<--) changes when the snippet does: always rebuilt.
SNIPPET = b"--8<--"
# The template an unchanged page is given: empty, so MkDocs writes nothing for it.
SKIP_TEMPLATE = "build_charts-unchanged-page.html"
SEARCH_INDEX = "search/search_index.json"
HEADERS_FILE = "_headers"


@dataclass
class Plan:
    """What a build can take from the previous one: the unchanged sources, and the anchors of their pages."""

    unchanged: set[str] = field(default_factory=set)
    anchors: dict[str, list[str]] = field(default_factory=dict)
    previous_site: Path | None = None

    @property
    def reuses(self) -> bool:
        """True when some built files come from the previous site."""
        return self.previous_site is not None


def state_file(site: Path) -> Path:
    """Where the record of the build that made `site` is kept (beside it, so it is never published)."""
    return site.with_name(f".build-record-of-{site.name}.json")


def fingerprint(config_text: str, custom_dir: Path | None, builder: str) -> str:
    """A hash of everything besides the staged files that decides the built pages.

    The configuration as the builder reads it (`config_text`, without the output folder), the builder's
    packages' versions, the theme overrides (`custom_dir`) and this package's own code.
    """
    digest = hashlib.sha256()
    digest.update(builder.encode())
    digest.update(config_text.encode("utf-8"))
    for package in BUILDER_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    from build_charts.staging import folder_digest  # here: the builder loads this module as a hook, by its path

    digest.update(f"code={folder_digest(Path(__file__).parent)}".encode())
    if custom_dir:
        digest.update(f"theme={folder_digest(custom_dir)}".encode())
    return digest.hexdigest()


def _files(folder: Path):
    """(path relative to `folder` with / between parts, stat) of every file under it (links left out, and folders
    reached through a link not entered), in a stable order."""
    base = os.fspath(folder)
    start = len(os.path.join(base, ""))
    for top, folders, names in os.walk(base):
        folders.sort()
        prefix = top[start:].replace(os.sep, "/")
        for name in sorted(names):
            stat = os.stat(os.path.join(top, name), follow_symlinks=False)
            if not S_ISLNK(stat.st_mode):
                yield (f"{prefix}/{name}" if prefix else name), stat


def _stat_each(folder: Path, names: list[str]) -> list[tuple[str, os.stat_result]]:
    """(path, stat) of each file named, links left out, in the order `_files` finds them."""
    found = []
    for relative in sorted(names, key=_walk_order):
        stat = os.stat(os.path.join(folder, relative), follow_symlinks=False)
        if not S_ISLNK(stat.st_mode):
            found.append((relative, stat))
    return found


def _walk_order(relative: str) -> list[tuple[int, str]]:
    """Sorts paths as `_files` finds them: a folder's own files by name, then each of its folders by name."""
    parts = relative.split("/")
    return [(1, part) for part in parts[:-1]] + [(0, parts[-1])]


def listed(site: Path) -> list[tuple[str, os.stat_result]]:
    """Every file of a built site with its stat, as `folder_listing` and `fill_from_previous` read them (read once
    and given to both)."""
    return list(_files(site)) if site.is_dir() else []


def source_hashes(docs: Path, known: dict[str, list]) -> dict[str, list]:
    """[size, time, sha256, title, whether it includes a snippet] of every file under `docs`; a file with the size and
    time `known` has is not read.

    The title is a page's menu title when the menu gives it none (its front matter's title, else its first
    heading): every other page shows it in its menu, so a changed title changes every page. A page that includes a
    generated snippet (--8<--) is always rebuilt (without_snippet_pages).
    """
    hashes = {}
    for relative, stat in _files(docs):
        before = known.get(relative)
        if before and len(before) == 5 and before[0] == stat.st_size and before[1] == stat.st_mtime_ns:
            hashes[relative] = before
        else:
            content = (docs / relative).read_bytes()
            page = relative.endswith(".md")
            hashes[relative] = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(content).hexdigest(),
                                page_title(content) if page else "", page and SNIPPET in content]
    return hashes


_FIRST_HEADING = re.compile(rb"(?m)^#[ \t]+(.+?)[ \t#]*$")


def page_title(content: bytes) -> str:
    """The title MkDocs gives a page the menu names without one: its front matter's title, else its first heading."""
    from mkdocs.utils.meta import YAML_RE

    text = content.decode("utf-8", errors="replace")
    found = YAML_RE.match(text)
    if found:
        try:
            meta = yaml.safe_load(found.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("title") is not None:
            return str(meta["title"])
    heading = _FIRST_HEADING.search(content)
    return heading.group(1).decode("utf-8", errors="replace") if heading else ""


def folder_listing(site: Path, files: list[tuple[str, os.stat_result]] | None = None) -> str:
    """A hash of the name, size and time of every file in a built site: it changes when anything touches one.

    `files` are the site's files as `listed` read them (read here when not given)."""
    digest = hashlib.sha256()
    for relative, stat in (_files(site) if files is None else files):
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def read_state(site: Path, files: list[tuple[str, os.stat_result]] | None = None) -> dict:
    """The record of the build that made `site`, or {} when there is none or it does not describe `site` now
    (`files`: the site's files as `listed` read them, read here when not given)."""
    try:
        state = json.loads(state_file(site).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or not site.is_dir() or state.get("listing") != folder_listing(site, files) \
            or not isinstance(state.get("files"), dict):
        return {}
    return state


def plan(site: Path, sources: dict[str, list], print_: str, state: dict) -> Plan:
    """What the next build may take from `site`: nothing unless its state matches, else the unchanged sources."""
    before = state.get("sources")
    if state.get("fingerprint") != print_ or not isinstance(before, dict) or set(before) != set(sources):
        return Plan()
    if any(len(before[name]) != 5 or before[name][3] != value[3] for name, value in sources.items()):
        return Plan()  # a page's own title changed: it is in every page's menu
    unchanged = {name for name, value in sources.items() if before[name][2] == value[2]}
    return Plan(unchanged=unchanged, anchors=state.get("anchors") or {}, previous_site=site)


def without_snippet_pages(plan_: Plan, docs: Path, sources: dict[str, list] | None = None) -> Plan:
    """The plan with every page that includes a generated snippet counted as changed (as `sources`, from
    source_hashes, say; read from the pages in `docs` when not given)."""
    if sources is None:
        plan_.unchanged = {name for name in plan_.unchanged
                           if not (name.endswith(".md") and SNIPPET in (docs / name).read_bytes())}
    else:
        plan_.unchanged = {name for name in plan_.unchanged if not sources[name][4]}
    return plan_


def anchors_removed(before: dict[str, list[str]], after: dict[str, list[str]]) -> bool:
    """Whether any page lost an anchor it had (a link from a page not rebuilt may then be broken)."""
    return any(set(ids) - set(after.get(name, ())) for name, ids in before.items())


def write_plan(plan_: Plan, path: Path, report: Path) -> None:
    """The plan as the hook reads it: unchanged sources, their anchors, and where to report what it built."""
    anchors = {name: ids for name, ids in plan_.anchors.items() if name in plan_.unchanged}
    path.write_text(json.dumps({"unchanged": sorted(plan_.unchanged), "anchors": anchors, "report": str(report)}),
                    encoding="utf-8")


def write_state(site: Path, print_: str, sources: dict[str, list], anchors: dict[str, list[str]],
                known: dict[str, str] | None = None, policies: dict[str, str | None] | None = None,
                names: list[str] | None = None) -> None:
    """Record what made `site` (written after it is in place; a build that finds it out of date rebuilds all).

    `known` are the sha256 of files this build took from the previous site after checking them (not read again),
    `policies` each page's own policy (read from the pages when not given) and `names` the path of every file the
    build put in the site (its folders are searched when not given; a file put there by anything else then makes the
    next build rebuild every page, as its listing will differ).
    """
    files = listed(site) if names is None else _stat_each(site, names)
    if policies is None:
        policies = page_policies(site, html_pages(relative for relative, _stat in files))
    state = {"fingerprint": print_, "sources": sources, "anchors": anchors, "listing": folder_listing(site, files),
             "files": file_hashes(site, known, files), "policies": _policy_record(policies)}
    target = state_file(site)
    temporary = target.with_name(target.name + ".partial")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, target)


def forget(site: Path) -> None:
    """Delete the record of `site`'s build, so the next build rebuilds every page."""
    state_file(site).unlink(missing_ok=True)


# --- After the builder: fill in what it did not write --------------------------------------------------------


def file_hashes(site: Path, known: dict[str, str] | None = None,
                files: list[tuple[str, os.stat_result]] | None = None) -> dict[str, str]:
    """The sha256 of every file in a built site, by path: what a later build checks before it reuses one. A file in
    `known` has the sha256 given there (it was checked as it was linked in, and nothing writes into a linked file).
    `files` are the site's files as `listed` read them (read here when not given)."""
    known = known or {}
    return {relative: known.get(relative) or _sha256(site / relative)
            for relative, _stat in (_files(site) if files is None else files)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class NotAsRecorded(Exception):
    """A file of the previous site is not the one its build recorded (changed by hand, or outside the site folder)."""


def fill_from_previous(previous: Path, rebuilt: Path, target: Path, recorded: dict[str, str] | None = None,
                       previous_files: list[tuple[str, os.stat_result]] | None = None) -> tuple[dict[str, str], list[str]]:
    """Make `target` hold the new site: every file the rebuild wrote into `rebuilt` (moved), and every other file of
    `previous`, as a hard link (or a copy where links are not possible). Return the sha256 of each file taken from
    `previous` and the path of each file moved from `rebuilt`.

    Each file taken from `previous` is first checked: it must be a file of that folder (links, and folders reached
    through one, are not taken) and have the sha256 the build that made it `recorded`; otherwise NotAsRecorded is
    raised and the caller builds every page. `target` may be an older site's folder (see site.py's spare): a file
    in it is kept only when it is the very file (the same inode) `previous` holds at its path, so its folders need
    not be made again; anything else in it is deleted. Nothing writes into a linked file afterwards: the site is
    replaced whole by the next build. `previous_files` are `previous`'s files as `listed` read them.
    """
    recorded = recorded or {}
    before = dict(_files(previous) if previous_files is None else previous_files)
    fresh = _written(rebuilt)
    fresh_set = set(fresh)
    fresh_folders = {folder for relative in fresh for folder in _parents(relative)}
    taken = [relative for relative in before if relative not in fresh_set and relative not in fresh_folders]
    if any(folder in fresh_set for relative in taken for folder in _parents(relative)):
        raise NotAsRecorded("a file of the rebuild stands where the previous site has a folder")
    wanted = fresh_folders | {folder for relative in taken for folder in _parents(relative)}
    kept, folders = _clear(target, before, set(taken), wanted)
    linked: dict[str, str] = {}
    for relative in taken:
        source = os.path.join(previous, relative)
        digest = _sha256(source)
        if recorded.get(relative) != digest:
            raise NotAsRecorded(f"{relative} is not the file its build recorded")
        linked[relative] = digest
        if relative in kept:
            continue
        destination = _made_room(target, relative, folders)
        try:
            os.link(source, destination)
        except OSError:
            Path(destination).write_bytes(Path(source).read_bytes())
    for relative in fresh:
        os.replace(os.path.join(rebuilt, relative), _made_room(target, relative, folders))
    return linked, fresh


def _parents(relative: str) -> list[str]:
    """The folders a path lies in, from the outermost: 'a/b/c.html' -> ['a', 'a/b']."""
    parts = relative.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]


def _written(folder: Path) -> list[str]:
    """The path of everything under `folder` but its folders (files, and any links), relative to it."""
    base = os.fspath(folder)
    start = len(os.path.join(base, ""))
    found = []
    for top, folders, names in os.walk(base):
        prefix = top[start:].replace(os.sep, "/")
        links = [name for name in folders if os.path.islink(os.path.join(top, name))]
        for name in [*names, *links]:
            found.append(f"{prefix}/{name}" if prefix else name)
    return sorted(found)


def _clear(target: Path, before: dict[str, os.stat_result], taken: set[str], wanted: set[str]
           ) -> tuple[set[str], set[str]]:
    """Delete from `target` every folder not `wanted` and every file but those of `taken` that are the very file
    `before` describes (same inode); return the files kept and the folders left (relative, '' for `target`)."""
    base = os.fspath(target)
    start = len(os.path.join(base, ""))
    kept, folders = set(), {""}
    for top, subfolders, names in os.walk(base):
        prefix = top[start:].replace(os.sep, "/")
        for name in list(subfolders):
            relative, path = (f"{prefix}/{name}" if prefix else name), os.path.join(top, name)
            if relative in wanted and not os.path.islink(path):
                folders.add(relative)
                continue
            subfolders.remove(name)
            if os.path.islink(path):
                os.unlink(path)
            else:
                shutil.rmtree(path)
        for name in names:
            relative, path = (f"{prefix}/{name}" if prefix else name), os.path.join(top, name)
            stat, old = os.stat(path, follow_symlinks=False), before.get(relative)
            if relative in taken and old is not None and S_ISREG(stat.st_mode) \
                    and (stat.st_ino, stat.st_dev) == (old.st_ino, old.st_dev):
                kept.add(relative)
            else:
                os.unlink(path)
    return kept, folders


def _made_room(target: Path, relative: str, folders: set[str]) -> str:
    """The path of `relative` in `target`, its folder made when `folders` (those that exist) does not hold it."""
    folder = relative.rpartition("/")[0]
    if folder not in folders:
        os.makedirs(os.path.join(target, folder), exist_ok=True)
        folders.update(_parents(relative))
    return os.path.join(target, relative)


def _by_page(docs: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for entry in docs:
        groups.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return groups


def merged_search_index(previous: str, rebuilt: str, pages: list[str], rebuilt_urls: set[str]) -> str:
    """The search index a full build writes: for each page address in build order, a rebuilt page's entries from
    `rebuilt` and any other page's from `previous`."""
    old, new = _by_page(json.loads(previous)["docs"]), json.loads(rebuilt)
    fresh = _by_page(new["docs"])
    docs = [entry for url in pages for entry in (fresh if url in rebuilt_urls else old).get(url, [])]
    return json.dumps({"config": new["config"], "docs": docs}, separators=(",", ":"), default=str)


_POLICY_LINE = re.compile(r"(?m)^(  Content-Security-Policy: )(.*)$")
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def site_wide_policy(policies: list[str]) -> str:
    """The policy that allows what each page's own policy allows (scripts and styles by hash), in page order."""
    directives: dict[str, list[str]] = {}
    attributes: list[str] = []
    for text in policies:
        for part in text.split("; "):
            name, *sources = part.split(" ")
            if name == "style-src" and "'unsafe-hashes'" in sources:
                cut = sources.index("'unsafe-hashes'")
                sources, own_attributes = sources[:cut], sources[cut + 1:]
                attributes += own_attributes
            directives.setdefault(name, []).extend(sources)
    unique = {name: list(dict.fromkeys(sources)) for name, sources in directives.items()}
    if attributes:
        unique["style-src"] += ["'unsafe-hashes'", *dict.fromkeys(attributes)]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in unique.items())


def page_policies(site: Path, pages: list[str], known: dict[str, str | None] | None = None) -> dict[str, str | None]:
    """Each page's own policy (None for a page without one), by path relative to `site`: the one `known` gives (a
    page taken unchanged from a site whose build recorded it), else the one at the start of the page."""
    known = known or {}
    policies: dict[str, str | None] = {}
    for relative in pages:
        if relative in known:
            policies[relative] = known[relative]
            continue
        with open(os.path.join(site, relative), encoding="utf-8") as file:
            found = _META_POLICY.search(file.read(8192))
        policies[relative] = found.group(1) if found else None
    return policies


def html_pages(paths) -> list[str]:
    """The HTML pages among paths relative to a site."""
    return [relative for relative in paths if relative.endswith(".html")]


def merge_headers(site: Path, policies: dict[str, str | None]) -> None:
    """Rewrite `_headers` so its policy allows what every page's own policy allows (`policies`, by page), in the order
    a full build reads the pages, as it writes it."""
    headers = site / HEADERS_FILE
    if not headers.is_file():
        return
    ordered = [policies[page] for page in sorted(policies, key=lambda page: page.split("/"))]
    text = headers.read_text(encoding="utf-8")
    headers.unlink()  # a new file, never a write into one linked from elsewhere
    headers.write_text(_POLICY_LINE.sub(lambda m: m.group(1) + site_wide_policy([p for p in ordered if p]), text,
                                        count=1), encoding="utf-8")


def recorded_policies(state: dict) -> dict[str, str | None]:
    """Each page's own policy as the record of the build that made the site holds it ({} when it holds none)."""
    record = state.get("policies")
    if not isinstance(record, dict) or not isinstance(record.get("texts"), list) \
            or not isinstance(record.get("pages"), dict):
        return {}
    texts = record["texts"]
    return {page: (texts[index] if isinstance(index, int) and 0 <= index < len(texts) else None)
            for page, index in record["pages"].items()}


def _policy_record(policies: dict[str, str | None]) -> dict:
    texts = list(dict.fromkeys(text for text in policies.values() if text))
    number = {text: index for index, text in enumerate(texts)}
    return {"texts": texts, "pages": {page: number.get(text, -1) for page, text in policies.items()}}


# --- The MkDocs hook: loaded by the builder, reads the plan from PLAN_VARIABLE ----------------------------------

_hook: dict = {"unchanged": set(), "anchors": {}, "report": None, "built": {}, "urls": {}, "order": []}


def on_config(config):
    """Read the plan this build was given."""
    plan_ = json.loads(Path(os.environ[PLAN_VARIABLE]).read_text(encoding="utf-8"))
    _hook.update(unchanged=set(plan_["unchanged"]), anchors=plan_["anchors"], report=plan_["report"],
                 built={}, urls={}, order=[])
    return config


def on_files(files, config):
    """Leave unchanged files other than pages uncopied (they are linked in from the previous site)."""
    for file in files:
        if file.src_uri in _hook["unchanged"] and not file.is_documentation_page():
            file.copy_file = _copy_nothing
    return files


def _copy_nothing(dirty: bool = False) -> None:
    return None


def on_pre_page(page, config, files):
    """An unchanged page is neither read nor converted: it gets no text, the empty template and its old anchors."""
    if page.file.src_uri in _hook["unchanged"]:
        page.read_source = partial(_read_nothing, page)
        page.render = partial(_render_nothing, page)
    return page


def _read_nothing(page, config) -> None:
    page.markdown, page.meta = "", {"template": SKIP_TEMPLATE}


def _render_nothing(page, config, files) -> None:
    page.content = ""
    page.present_anchor_ids = set(_hook["anchors"].get(page.file.src_uri, []))
    page.links_to_anchors = {}


def on_page_content(html, page, config, files):
    """Record each page's anchors (an unchanged one's from the previous build) and the order pages are built in."""
    name = page.file.src_uri
    if name not in _hook["unchanged"]:
        _hook["urls"][name] = page.url
    _hook["built"][name] = sorted(page.present_anchor_ids or ())
    _hook["order"].append(page.url)
    return html


def on_env(env, config, files):
    """Make the empty template unchanged pages are given."""
    from jinja2 import ChoiceLoader, DictLoader

    env.loader = ChoiceLoader([DictLoader({SKIP_TEMPLATE: ""}), env.loader])
    return env


def on_post_build(config):
    """Tell the build which pages were rebuilt (by address) and every page's anchors."""
    Path(_hook["report"]).write_text(json.dumps({"anchors": _hook["built"], "rebuilt": _hook["urls"], "order": _hook["order"]}),
                                     encoding="utf-8")


# --- The validation record: a rebuild of the same inputs is not validated again ---------------------------------

# The libraries whose versions decide what validation finds.
VALIDATION_PACKAGES = ("frictionless", "pandas", "phonenumbers", "email-validator", "babel", "pyyaml", "mkdocs")
# The folders of a project whose files validation reads (the data, the pages and posts, the sentences).
VALIDATED_FOLDERS = ("datasets", "docs", "locale")


def validation_key(project: Path, config_text: str, today: str, strict: bool) -> str:
    """A hash of everything a validation reads: every file, folder and link under the project's data, pages and
    sentences folders (by content), the builder's configuration, the day (some checks compare dates with it), the
    strictness, the kit's code and its libraries' versions."""
    digest = hashlib.sha256(json.dumps([config_text, today, strict]).encode("utf-8"))
    for package in VALIDATION_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode("utf-8"))
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in VALIDATED_FOLDERS:
        for entry in _entries(project / name):
            digest.update(entry.encode("utf-8", errors="surrogateescape"))
    return digest.hexdigest()


def _entries(folder: Path):
    """One line per file, folder and link under `folder` (links not followed): its path and its kind, with a file's
    sha256 and a link's target."""
    if folder.is_symlink():
        yield f"{folder.name}\0link\0{os.readlink(folder)}\n"
        return
    if not folder.is_dir():
        yield f"{folder.name}\0absent\n"
        return
    for top, folders, names in os.walk(folder, followlinks=False):
        folders.sort()
        for name in sorted([*folders, *names]):
            path = os.path.join(top, name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            if os.path.islink(path):
                yield f"{relative}\0link\0{os.readlink(path)}\n"
            elif os.path.isdir(path):
                yield f"{relative}\0folder\n"
            else:
                yield f"{relative}\0file\0{_sha256(Path(path))}\n"


def read_validation(record: Path, key: str) -> dict | None:
    """What the validation of these inputs found (its "problems" and "accepted" lists of plain dicts), when `record`
    holds it for `key` and is intact; None otherwise (no record, another key, or a record damaged or edited)."""
    try:
        header, body = record.read_bytes().split(b"\n", 1)
        header = json.loads(header)
        found = json.loads(body)
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("key") != key or header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    if not (isinstance(found, dict) and all(isinstance(found.get(part), list) for part in ("problems", "accepted"))
            and all(isinstance(item, dict) for part in ("problems", "accepted") for item in found[part])):
        return None
    return found


def write_validation(record: Path, key: str, found: dict) -> None:
    """Keep what the validation of the inputs named by `key` found, for the next build of the same inputs.

    The record only saves time: when it cannot be written (a full disk, a read-only folder) none is kept and the
    build goes on, so a problem writing files is told where the site itself is written."""
    body = json.dumps(found, ensure_ascii=False, sort_keys=True).encode("utf-8")
    header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
    temporary = record.with_name(record.name + ".partial")
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(header + b"\n" + body)
        os.replace(temporary, record)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
