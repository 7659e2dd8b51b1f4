"""Two copies of the project, one as at a git version and one as in the working folder, each built into its own
folder by its own process, so the two builds share no state (nor the code: each copy is built by the kit it holds).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from build_charts.settings import PROJECT_ROOT

# Left out of a copy of the working folder: what a build makes, and git's own folder.
NOT_COPIED = shutil.ignore_patterns(".git", "build", "site", ".nox", "node_modules", "__pycache__", ".venv")


class NoBase(Exception):
    """The version to compare with cannot be read (not a branch, tag or commit here)."""


@dataclass(frozen=True)
class Built:
    """One copy's build: its project folder, whether it built, and what the build printed."""

    project: Path
    ok: bool
    output: str

    @property
    def site(self) -> Path:
        """The built site's folder."""
        return self.project / "site"


def project_at(repository: Path, ref: str, into: Path) -> Path:
    """Write the project as it is at git `ref` into `into` (git archive), and return `into`."""
    if ref.startswith("-"):
        raise NoBase(f'"{ref}" is not a branch, tag or commit.')
    try:
        archive = subprocess.run(["git", "-C", str(repository), "archive", "--format=tar", ref], capture_output=True)
    except FileNotFoundError:
        raise NoBase("Cannot compare with another version: git is not installed.") from None
    if archive.returncode != 0:
        raise NoBase(f'Cannot compare with "{ref}": git says {archive.stderr.decode("utf-8", "replace").strip()}')
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def working_copy(root: Path, into: Path) -> Path:
    """Copy the project as it is in the working folder (edits not yet committed included) into `into`."""
    shutil.copytree(root, into, ignore=NOT_COPIED, symlinks=True)
    return into


def build_both(old: Path, new: Path, site_url: str, cache: Path | None = None) -> tuple[Built, Built]:
    """Build both copies at once, each by its own process, reusing charts drawn before (`cache`)."""
    running = [(project, _start(project, site_url, cache)) for project in (old, new)]
    results = []
    for project, process in running:
        output, _ = process.communicate()
        results.append(Built(project, process.returncode == 0, output))
    return results[0], results[1]


def _start(project: Path, site_url: str, cache: Path | None) -> subprocess.Popen:
    """Start `python -m build_charts build` in `project`, with the kit that copy holds (or this one)."""
    if cache is not None and cache.is_dir():
        shutil.copytree(cache, project / "build" / "cache", dirs_exist_ok=True)
    kit = project if (project / "build_charts" / "__main__.py").is_file() else PROJECT_ROOT
    env = {**os.environ, "PYTHONPATH": str(kit), "GITHUB_ACTIONS": "", "SITE_URL": ""}
    return subprocess.Popen([sys.executable, "-m", "build_charts", "--project", str(project), "build",
                             "--site-url", site_url], cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
