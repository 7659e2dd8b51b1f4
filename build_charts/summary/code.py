"""Changes that are code, not content: the kit, theme overrides, workflows, scripts and stylesheets, and the builder
settings that run code or load them. A comms officer approving a pull request cannot judge them; a developer should."""

from __future__ import annotations

import filecmp
from pathlib import Path

import yaml

from build_charts.validate.checks.page_html import HOST_FILES
from build_charts.validate.problem import visible

# Folders and files that are code, from the project's root: the kit, the theme, the workflows and who reviews them,
# the scripts CI runs, and the locked packages every build installs.
CODE_FOLDERS = ("build_charts", "docs/overrides", ".github", ".ci", "requirements")
CODE_FILES = ("pyproject.toml", "noxfile.py")
# Builder settings that run code or change every page's markup.
CODE_SETTINGS = ("hooks", "plugins", "markdown_extensions", "extra_javascript", "extra_css", "theme.custom_dir",
                 "theme.features", "site_url")
# Files of docs/ that run, or decide how every page looks (a stylesheet can hide the help bar or "Exit this page").
SCRIPT_SUFFIXES = (".js", ".mjs", ".py", ".html", ".htm", ".css")


def code_changes(old: Path, new: Path) -> list[str]:
    """The code files and builder settings that differ between two copies of the project, named for a reviewer."""
    changed = []
    for folder in CODE_FOLDERS:
        changed += [_named(name) for name in differing_files(old / folder, new / folder, folder)]
    changed += [_named(name) for name in CODE_FILES if _differs(old / name, new / name)]
    for path in sorted({*_scripts(old), *_scripts(new)}):
        if _differs(old / path, new / path):
            changed.append(_named(path))
    old_config, new_config = _config(old / "mkdocs.yml"), _config(new / "mkdocs.yml")
    for setting in CODE_SETTINGS:
        if _setting(old_config, setting) != _setting(new_config, setting):
            changed.append(f"`{setting}` in `mkdocs.yml`")
    return changed


def _named(path: str) -> str:
    """A file's path in a code span, with no backtick to end it and no line break or hidden character (shown by its
    code) to start a line of its own in the summary."""
    return f"`{visible(path.replace('`', ''))}`"


def differing_files(old: Path, new: Path, label: str) -> list[str]:
    """Files under two folders that were added, removed or changed, as `label/relative/path`."""
    names = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()} if old.is_dir() else set()
    names |= {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()} if new.is_dir() else set()
    return [f"{label}/{name}" for name in sorted(names)
            if "__pycache__" not in name and _differs(old / name, new / name)]


def _scripts(root: Path) -> list[str]:
    """Scripts among the hand-written pages' files (docs/, theme overrides apart)."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    return [p.relative_to(root).as_posix() for p in docs.rglob("*")
            if p.is_file() and (p.suffix in SCRIPT_SUFFIXES or p.name in HOST_FILES)
            and "overrides" not in p.relative_to(docs).parts[:1]]


def _differs(old: Path, new: Path) -> bool:
    if old.is_file() != new.is_file():
        return True
    return old.is_file() and not filecmp.cmp(old, new, shallow=False)


# Not config.load_raw_config, on purpose: MkDocs' loader runs a tag's code (`!!python/name:` imports what it names,
# `!ENV` reads the environment), and this reads the mkdocs.yml of a change nobody has reviewed yet. Keeping every
# tagged value as text still shows a reviewer that a code setting changed, without running any of it.
class _AnyTag(yaml.SafeLoader):
    """Reads a builder config whatever its tags (!ENV, !!python/name:...), keeping each tagged value as text."""


_AnyTag.add_multi_constructor("", lambda loader, tag, node: f"{tag} {getattr(node, 'value', '')}")


def _config(path: Path) -> dict:
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 - a loader that builds no objects
    except (OSError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _setting(config: dict, dotted: str):
    value = config
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return repr(value)
