"""The GitHub workflows cannot run here, so check what they would do: real commands, right triggers and permissions."""

from __future__ import annotations

import ast
import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_charts.__main__ import _parser
from build_charts.settings import PROJECT_ROOT, Paths

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
# GitHub removed Node 20 from its runners in September 2026: these are the first majors that run on Node 24.
NODE24_MAJORS = {
    "actions/checkout": 5,
    "actions/cache": 5,
    "actions/setup-python": 6,
    "actions/upload-artifact": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def nox_sessions() -> set[str]:
    """The session names noxfile.py defines (read without running it)."""
    tree = ast.parse((PROJECT_ROOT / "noxfile.py").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if ast.unparse(target) == "nox.session":
                keywords = {k.arg: k.value for k in getattr(decorator, "keywords", [])}
                names.add(ast.literal_eval(keywords["name"]) if "name" in keywords else node.name)
    return names


def project_command_problem(command: str) -> str | None:
    """Why a shell command is not a real command of this project; None when it is one (output may be redirected)."""
    words = shlex.split(command)
    words = words[: words.index(">")] if ">" in words else words
    if words[:3] == ["python", "-m", "build_charts"]:
        with contextlib.redirect_stderr(io.StringIO()) as errors:
            try:
                _parser().parse_args(words[3:])
            except SystemExit:
                return f"{command!r}: {errors.getvalue().strip().splitlines()[-1]}"
        return None
    if words[:2] == ["nox", "-s"]:
        session = words[2] if len(words) > 2 else ""
        return None if session in nox_sessions() else f"{command!r}: noxfile.py has no session {session!r}"
    if words == ["pip", "install", "-e", "."]:
        return None
    return f"{command!r} is not a command of this project"


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    return {triggers: None} if isinstance(triggers, str) else triggers


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _run_lines(workflow: dict) -> list[str]:
    return [line.strip() for step in _steps(workflow) for line in step.get("run", "").splitlines() if line.strip()]


def _project_lines(workflow: dict) -> list[str]:
    """The lines that run this project's tools (the others are shell plumbing, which actionlint checks)."""
    return [line for line in _run_lines(workflow) if line.split()[0] in ("python", "pip", "nox")]


def actionlint() -> str:
    """The actionlint program the test extras install (beside this Python, or on the PATH)."""
    beside = Path(sys.executable).with_name("actionlint")
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if not found:
        pytest.fail('actionlint is not installed: run pip install -e ".[test]"')
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint's findings on workflow files, one a line; none when they are well formed."""
    return subprocess.run([actionlint(), "-no-color", "-oneline", *map(str, files)],
                          capture_output=True, text=True, cwd=PROJECT_ROOT)


def _uses(workflow: dict, action: str) -> list[dict]:
    return [step for step in _steps(workflow) if step.get("uses", "").split("@")[0] == action]


def test_the_checker_rejects_commands_the_project_does_not_have():
    assert project_command_problem("python -m build_charts validate --strict") is None
    assert project_command_problem("python -m build_charts new-period 2025/26") is None
    assert project_command_problem("nox -s new_period -- 2025") is None
    assert "invalid choice: 'deploy'" in project_command_problem("python -m build_charts deploy")
    assert "unrecognized arguments: --fast" in project_command_problem("python -m build_charts build --fast")
    assert project_command_problem("nox -s publish") == "'nox -s publish': noxfile.py has no session 'publish'"
    assert project_command_problem("make site") == "'make site' is not a command of this project"


def test_every_workflow_passes_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["preview.yml", "publish.yml"]
    result = lint(*files)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_finds_a_mistake_in_a_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "publish.yml").read_text(encoding="utf-8").replace("pages: read", "pages: red"),
                      encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    assert '"red" is invalid as permission of scope "pages"' in result.stdout


def test_every_command_the_workflows_run_is_a_real_command_of_this_project():
    for name in ("preview.yml", "publish.yml"):
        lines = _project_lines(_load(name))
        assert lines, name
        assert [problem for line in lines if (problem := project_command_problem(line))] == [], name


def test_the_preview_says_what_changes_validates_builds_for_opening_from_disk_and_uploads_the_site():
    workflow = _load("preview.yml")
    assert list(_triggers(workflow)) == ["pull_request"]
    assert _project_lines(workflow) == [
        "pip install -e .",
        'python -m build_charts what-changed --base "origin/$BASE_REF" > what-changed.md',
        "python -m build_charts validate",
        "python -m build_charts build --for-files",
    ]
    assert [s["with"]["python-version"] for s in _uses(workflow, "actions/setup-python")] == ["3.11"]
    (checkout,) = _uses(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with
    steps = workflow["jobs"]["preview"]["steps"]
    (upload,) = _uses(workflow, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == str(Paths().site.relative_to(PROJECT_ROOT))
    assert steps.index(upload) == len(steps) - 1


def test_what_changes_goes_to_the_run_summary_and_to_one_comment_updated_in_place():
    workflow = _load("preview.yml")
    (step,) = [s for s in workflow["jobs"]["preview"]["steps"] if s.get("id") == "what-changed"]
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert 'cat what-changed.md >> "$GITHUB_STEP_SUMMARY"' in step["run"]
    assert workflow["jobs"]["preview"]["outputs"] == {"what-changed": "${{ steps.what-changed.outputs.markdown }}"}
    comment = workflow["jobs"]["comment"]
    assert comment["needs"] == "preview"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]  # not from a fork
    (post,) = comment["steps"]
    assert post["env"]["MARKDOWN"] == "${{ needs.preview.outputs.what-changed }}"  # never pasted into the script
    assert "${{" not in post["run"]
    assert '--method PATCH "repos/$REPO/issues/comments/$id"' in post["run"]
    assert '--method POST "repos/$REPO/issues/$NUMBER/comments"' in post["run"]
    assert 'startswith(\\"$marker\\")' in post["run"] and 'github-actions[bot]' in post["run"]


def test_each_preview_job_has_only_the_permissions_it_needs():
    workflow = _load("preview.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["preview"]
    assert workflow["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    assert "uses" not in str(workflow["jobs"]["comment"]["steps"])  # runs no code from the pull request


def test_publishing_runs_on_main_one_at_a_time_and_only_the_deploy_job_may_write_to_pages():
    workflow = _load("publish.yml")
    assert _triggers(workflow)["push"] == {"branches": ["main"]}
    assert "pull_request" not in _triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # configure-pages reads the Pages settings: without pages: read it stops with "Get Pages site failed".
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s][-2:] == [
        "actions/configure-pages", "actions/upload-pages-artifact"]
    assert build["steps"][-1]["with"]["path"].rstrip("/") == str(Paths().site.relative_to(PROJECT_ROOT))
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_publishing_builds_the_site_with_the_address_github_pages_gives():
    build = _load("publish.yml")["jobs"]["build"]
    (pages,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@")]
    (site,) = [s for s in build["steps"] if "build_charts build" in s.get("run", "")]
    assert site["env"] == {"SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"}
    assert site["run"] == 'python -m build_charts build --site-url "$SITE_URL"'
    assert build["steps"].index(pages) < build["steps"].index(site)


def test_every_action_is_pinned_to_a_major_version_that_runs_on_node_24():
    for name in ("preview.yml", "publish.yml"):
        for step in (s for s in _steps(_load(name)) if "uses" in s):
            action, _, version = step["uses"].partition("@")
            assert re.fullmatch(r"v\d+", version), step["uses"]
            assert int(version[1:]) >= NODE24_MAJORS[action], step["uses"]


def _run_comment_step(tmp_path: Path, existing_id: str, markdown: str) -> list[list[str]]:
    """Run the comment step's script with a stand-in `gh` that records its calls; returns them."""
    (step,) = _load("preview.yml")["jobs"]["comment"]["steps"]
    log = tmp_path / "calls.txt"
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir(exist_ok=True)
    # The stand-in answers the listing of comments with `existing_id` (the one the marker was found in), if any.
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done >> "$LOG"; printf "\\036" >> "$LOG"\n'
                    'case "$*" in *--jq*) [ -n "$EXISTING" ] && echo "$EXISTING";; esac\nexit 0\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "LOG": str(log), "EXISTING": existing_id, "GH_TOKEN": "t",
           "REPO": "owner/site", "NUMBER": "7", "MARKDOWN": markdown, "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "owner/site", "GITHUB_RUN_ID": "99"}
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True)
    return [call.split("\0")[:-1] for call in log.read_text(encoding="utf-8").split("\036")[:-1]]


def test_the_comment_is_written_once_then_updated_in_place(tmp_path):
    (listing, post) = _run_comment_step(tmp_path, "", "## What this changes\n\n- The Bridge: phone 1 → 2")
    assert listing[:3] == ["api", "--paginate", "repos/owner/site/issues/7/comments"]
    assert post == ["api", "--method", "POST", "repos/owner/site/issues/7/comments", "-f",
                    "body=<!-- what-changed -->\n## What this changes\n\n- The Bridge: phone 1 → 2"]
    (tmp_path / "calls.txt").unlink()
    (_, patch) = _run_comment_step(tmp_path, "12345", "## What this changes\n\nNothing changes.")
    assert patch == ["api", "--method", "PATCH", "repos/owner/site/issues/comments/12345", "-f",
                     "body=<!-- what-changed -->\n## What this changes\n\nNothing changes."]


def _run_what_changed_step(tmp_path: Path, markdown: str) -> tuple[str, str]:
    """Run the what-changed step's script with a stand-in for the command; returns the summary and the outputs."""
    (step,) = [s for s in _load("preview.yml")["jobs"]["preview"]["steps"] if s.get("id") == "what-changed"]
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir(exist_ok=True)
    (tmp_path / "report.md").write_text(markdown, encoding="utf-8")
    # `python -c` is the real Python (the delimiter); `python -m build_charts what-changed` prints the report.
    fake.write_text(f'#!/bin/sh\n[ "$1" = -c ] && exec {sys.executable} "$@"\ncat "{tmp_path / "report.md"}"\n',
                    encoding="utf-8")
    fake.chmod(0o755)
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "LANG": "C.UTF-8", "BASE_REF": "main",
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "owner/site", "GITHUB_RUN_ID": "99"}
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, cwd=tmp_path, check=True)
    return summary.read_text(encoding="utf-8"), outputs.read_text(encoding="utf-8")


def _output(outputs: str, name: str) -> str:
    """One multi-line output as GitHub reads $GITHUB_OUTPUT: name<<DELIMITER, the lines, DELIMITER."""
    header, _, rest = outputs.partition("\n")
    key, _, delimiter = header.partition("<<")
    assert key == name and re.fullmatch(r"END_[0-9a-f]{32}", delimiter)
    value, _, after = rest.partition("\n" + delimiter + "\n")
    assert after == ""
    return value


def test_what_changes_is_on_the_run_summary_and_handed_to_the_comment_job(tmp_path):
    report = "## What this changes\n\n- The Bridge: phone 1 → 2\nEND_OF_WHAT_CHANGED\n"
    summary, outputs = _run_what_changed_step(tmp_path, report)
    assert summary == report
    assert _output(outputs, "markdown") == report.rstrip("\n")


def test_a_list_too_long_for_a_comment_is_cut_with_a_link_to_the_whole_list(tmp_path):
    report = "- The Bridge: phone 1 → 2\n" * 5000
    summary, outputs = _run_what_changed_step(tmp_path, report)
    assert summary == report  # the run's summary keeps the whole list
    markdown = _output(outputs, "markdown")
    assert len(markdown.encode("utf-8")) < 128 * 1024 and markdown.startswith(report[:29000])
    assert markdown.endswith("\n\n(The list is too long for a comment: the whole list is on the "
                             "[preview run](https://github.com/owner/site/actions/runs/99).)")
