"""Run the site builder into a temporary folder and move the result into place only if it succeeded.

Two builders read the same mkdocs.yml: MkDocs with mkdocs-material (the default) and Zensical, its
successor (mkdocs-material reaches end of life on 5 May 2027). Everything builder-specific is here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_charts.csp import UnsafePage, add_content_security_policy


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


def derived_config(config: Path, settings: dict[str, str]) -> str:
    """mkdocs.yml with top-level settings replaced, e.g. the site's name from the data package."""
    text = config.read_text(encoding="utf-8")
    for key, value in settings.items():
        line = f"{key}: {json.dumps(value, ensure_ascii=False)}"
        text, count = re.subn(rf"(?m)^{re.escape(key)}:.*$", lambda _, line=line: line, text)
        if not count:
            text = f"{line}\n{text}"
    return text


def build_site(config: Path, site: Path, builder: str = "mkdocs", settings: dict[str, str] | None = None) -> BuildResult:
    """Build into a temporary sibling of `site`, then swap it in; on failure `site` is untouched.

    `settings` replace top-level keys of the config for this build (the partnership's name, say), so
    mkdocs.yml itself names no partnership-specific value that the data package already holds.
    """
    config, site = config.resolve(), site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    # The derived config sits beside mkdocs.yml so every relative path in it still resolves.
    scratch = config.with_name(f".{config.stem}.build.yml")
    scratch.write_text(derived_config(config, {**(settings or {}), "site_dir": str(temporary)}), encoding="utf-8")
    try:
        command = BUILDERS[builder](scratch, temporary)
        completed = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    finally:
        scratch.unlink(missing_ok=True)
    output = _without_traceback(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildFailed(output)
    try:
        add_content_security_policy(temporary, script_styles=styles_added_by_theme_script(temporary), config=config)
    except UnsafePage as unsafe:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildFailed(str(unsafe)) from None
    _swap_into_place(temporary, site)
    return BuildResult(site=site, output=output)


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
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
