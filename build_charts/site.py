"""Run the site builder into a temporary folder and move the result into place only if it succeeded.

Two builders read the same mkdocs.yml: MkDocs with mkdocs-material (the default) and Zensical, its
successor (mkdocs-material reaches end of life on 5 May 2027). Everything builder-specific is here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class BuildFailed(Exception):
    """The site builder reported an error; the previous site was left as it was."""


@dataclass(frozen=True)
class BuildResult:
    """What the builder did: the finished site folder and anything it printed."""

    site: Path
    output: str


def _mkdocs(config: Path, out: Path) -> tuple[list[str], Path | None]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)], None


def _zensical(config: Path, out: Path) -> tuple[list[str], Path | None]:
    # Zensical has no option for the output folder: it gets a copy of the config whose site_dir points at
    # the temporary folder. The copy sits beside mkdocs.yml so every relative path still resolves.
    copy = config.with_name(f".{config.stem}.zensical.yml")
    text = config.read_text(encoding="utf-8")
    copy.write_text(re.sub(r"(?m)^site_dir:.*$", f"site_dir: {out}", text), encoding="utf-8")
    return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(copy)], copy


BUILDERS: dict[str, Callable[[Path, Path], tuple[list[str], Path | None]]] = {"mkdocs": _mkdocs, "zensical": _zensical}


def build_site(config: Path, site: Path, builder: str = "mkdocs") -> BuildResult:
    """Build into a temporary sibling of `site`, then swap it in; on failure `site` is untouched."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    command, scratch = BUILDERS[builder](config.resolve(), temporary)
    try:
        completed = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    finally:
        if scratch is not None:
            scratch.unlink(missing_ok=True)
    output = _without_traceback(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildFailed(output)
    _swap_into_place(temporary, site)
    return BuildResult(site=site, output=output)


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
