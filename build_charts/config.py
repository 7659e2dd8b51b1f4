"""The site builder's configuration (mkdocs.yml): read the way MkDocs reads it, and the copy one build writes.

`load_raw_config` is the one reader: MkDocs' own loader, so every tag MkDocs accepts (`!ENV`, `!relative`,
mkdocs-material's documented `!!python/name:` settings) and `INHERIT` read here as they do for the builder, and a
file the builder cannot read gets one plain message (BadConfig) instead of a traceback. `site_config` keeps the
few values the kit uses. A build's own copy of the configuration is a small YAML file that inherits mkdocs.yml and
sets plain keys over it (`derived_config`), so mkdocs.yml is never rewritten and both builders read it as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FILE = "mkdocs.yml"
DEFAULT_LANGUAGE = "en"
# A language code as MkDocs themes and Babel take it: en, pl, pt-BR, zh_Hant.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")


class BadConfig(Exception):
    """The site builder's configuration cannot be read; `problem` says where and how to fix it."""

    def __init__(self, problem):
        super().__init__(problem.found)
        self.problem = problem


@dataclass(frozen=True)
class SiteConfig:
    """The values of the builder's configuration the kit uses, as MkDocs reads them (after `!ENV` and `INHERIT`).

    - `file`: the configuration file (mkdocs.yml); relative paths in it are relative to its folder.
    - `site_url`: `site_url`, when it is set to text (checked where it is used); else None.
    - `language`: `theme.language` ('en' when it is not set or is not a language code).
    - `docs_dir`: `docs_dir` (default docs), resolved; `custom_dir`: `theme.custom_dir`, resolved, or None.
    - `nav`: `nav` as written (titles and files); `not_in_nav`: the patterns of `not_in_nav`, one per line.
    - `hooks`: whether the configuration names any MkDocs `hooks`.
    - `text`: the whole configuration as loaded, as stable text (what decides whether a built page can be reused).
    - `raw`: the whole configuration as MkDocs' loader read it, for the checks of settings that are code.
    """

    file: Path
    site_url: str | None = None
    language: str = DEFAULT_LANGUAGE
    docs_dir: Path | None = None
    custom_dir: Path | None = None
    nav: tuple = ()
    not_in_nav: tuple[str, ...] = ()
    hooks: bool = False
    text: str = ""
    # The configuration as loaded, for the checks of what it may hold (build_charts/validate/checks/site_config.py).
    raw: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


def load_raw_config(config: Path) -> dict:
    """The builder's configuration exactly as MkDocs' loader reads it (every tag, `!ENV`, `INHERIT`), unvalidated.

    Raises BadConfig with a plain message when MkDocs could not read it either. Reading a tag runs its code, so the
    pull-request summary reads a change's unreviewed mkdocs.yml with its own loader instead (summary/code.py).
    """
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config)))
    try:
        with config.open("rb") as file:
            raw = yaml_load(file, loader)
    except OSError as error:
        raise BadConfig(_problem(config, None, f"a file that cannot be opened ({error.strerror or error})",
                                 f"the site builder's configuration, {config.name}, in the project folder",
                                 f"Put {config.name} back (copy it from the site kit if it is lost).")) from None
    except ConfigurationError as error:
        raise BadConfig(_unreadable(config, error.__context__ or error)) from None
    except Exception as error:  # noqa: BLE001 - a tag's own code failed (e.g. !!python/name: of a missing function)
        raise BadConfig(_unreadable(config, error)) from None
    if not isinstance(raw, dict):
        raise BadConfig(_problem(config, None, "a file that is not a list of settings",
                                 "settings of the form key: value, one per line",
                                 f"Compare {config.name} with the site kit's own and put back its settings."))
    return raw


def site_config(config: Path, raw: dict | None = None) -> SiteConfig:
    """The values the kit uses from the builder's configuration (`raw`, when it is already loaded)."""
    raw = load_raw_config(config) if raw is None else raw
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    language = theme.get("language")
    custom = theme.get("custom_dir")
    url = raw.get("site_url")
    nav = raw.get("nav")
    hidden = raw.get("not_in_nav")
    return SiteConfig(
        file=config,
        site_url=(url.strip() or None) if isinstance(url, str) else None,
        language=language if isinstance(language, str) and LANGUAGE.fullmatch(language) else DEFAULT_LANGUAGE,
        docs_dir=(config.parent / str(raw.get("docs_dir") or "docs")).resolve(),
        custom_dir=(config.parent / str(custom)).resolve() if custom else None,
        nav=tuple(nav) if isinstance(nav, list) else (),
        not_in_nav=tuple(str(hidden).split()) if hidden else (),
        hooks=bool(raw.get("hooks")),
        text=stable_text(raw),
        raw=raw,
    )


def derived_config(config: Path, settings: dict) -> str:
    """The configuration for one build: the site's own (by `INHERIT`), with `settings` over its top-level keys.

    Written with a YAML dumper, so any value (a folded description, quotes, a colon) stays the value it is;
    `settings` hold plain values only (text, numbers, lists of text). The file goes beside `config`.
    """
    return yaml.safe_dump({"INHERIT": config.name, **settings}, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=2**31 - 1)


def stable_text(raw) -> str:
    """The loaded configuration as text that is the same whenever the configuration is (a key for a cache):
    functions named by `!!python/name:` by their name, not their place in memory."""
    def plain(value):
        if isinstance(value, dict):
            return {str(key): plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if value is None or isinstance(value, str | int | float | bool):
            return value
        if callable(value) and hasattr(value, "__qualname__"):
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        return f"{type(value).__module__}.{type(value).__qualname__}:{getattr(value, 'suffix', '')}"

    return yaml.safe_dump(plain(raw), allow_unicode=True, sort_keys=True)


def _unreadable(config: Path, error: BaseException):
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(error, "problem", None) or str(error).split("\n")[0]
    tag = re.search(r"tag '([^']*)'", str(reason))
    if tag:
        reason = f"the setting {tag.group(1).removeprefix('tag:yaml.org,2002:')}, which the site builder cannot use here"
    return _problem(config, line, f"a setting the site builder cannot read: {reason}",
                    "settings of the form key: value, indented with spaces, each tag (!ENV, !!python/name:) naming "
                    "something that is installed",
                    "Check the line and the one before it (a missing space after a colon, a tab, an unclosed quote, "
                    "or a misspelt name after !!python/name:). Compare with the site kit's mkdocs.yml or the "
                    "theme's documentation.")


def _problem(config: Path, line: int | None, found: str, expected: str, fix: str):
    from build_charts.validate.problem import Problem

    return Problem(code="site-config-unreadable", file=config.name, found=found, expected=expected, fix=fix,
                   line=line)
