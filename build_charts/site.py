"""Run the site builder into a temporary folder and move the result into place only if it succeeded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BUILDERS = {
    "mkdocs": lambda config, out: [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
}


class BuildFailed(Exception):
    """The site builder reported an error; the previous site was left as it was."""


@dataclass(frozen=True)
class BuildResult:
    """What the builder did: the finished site folder and anything it printed."""

    site: Path
    output: str


def build_site(config: Path, site: Path, builder: str = "mkdocs") -> BuildResult:
    """Build into a temporary sibling of `site`, then swap it in; on failure `site` is untouched."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = BUILDERS[builder](config.resolve(), temporary)
    completed = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    output = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        raise BuildFailed(output)
    _swap_into_place(temporary, site)
    return BuildResult(site=site, output=output)


def _swap_into_place(new: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
