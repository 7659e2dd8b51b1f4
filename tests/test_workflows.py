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
from build_charts.report_route import PUBLISHED_FROM
from build_charts.settings import PROJECT_ROOT, Paths
from build_charts.validate.fix import DEFAULT_DIALECT, split_rows
from conftest import commit_project, copy_project, git

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
WORKFLOW_NAMES = ["autofix.yml", "new-period.yml", "preview.yml", "publish.yml", "tests.yml"]
INSTALL = ["pip install --require-hashes -r requirements/publish.txt", "pip install --no-deps -e ."]
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
    if words[:4] == ["pip", "install", "--require-hashes", "-r"] and len(words) == 5:
        lock = PROJECT_ROOT / words[4]
        return None if lock.parent.name == "requirements" and lock.is_file() else f"{command!r}: no lock {words[4]}"
    if words == ["pip", "install", "--no-deps", "-e", "."]:
        return None
    if words[:2] == ["pip", "install"]:
        return f"{command!r} installs without the lock: pip install --require-hashes -r requirements/publish.txt"
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
    """The workflow checker the test extras install, jactionlint (beside this Python, or on the PATH)."""
    beside = Path(sys.executable).with_name("jactionlint")
    found = str(beside) if beside.is_file() else shutil.which("jactionlint")
    if not found:
        pytest.fail("jactionlint is not installed: run pip install --require-hashes -r requirements/test.txt")
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    """The checker's findings on workflow files, one a line; none when they are well formed.

    The profile `correctness` runs the checks of actionlint, of which jactionlint is the maintained successor;
    its other profiles add policies (such as actions pinned by commit) that this project does not follow."""
    return subprocess.run([actionlint(), "--profile", "correctness", "--no-color", "--oneline", "--no-hints",
                           "--shellcheck=", "--pyflakes=", *map(str, files)],
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
    assert project_command_problem("pip install --require-hashes -r requirements/publish.txt") is None
    assert project_command_problem("pip install --require-hashes -r requirements/nothing.txt") == (
        "'pip install --require-hashes -r requirements/nothing.txt': no lock requirements/nothing.txt")
    assert project_command_problem("pip install -e .") == (
        "'pip install -e .' installs without the lock: pip install --require-hashes -r requirements/publish.txt")


def test_every_workflow_passes_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == WORKFLOW_NAMES
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
    for name in WORKFLOW_NAMES:
        lines = _project_lines(_load(name))
        assert lines, name
        assert [problem for line in lines if (problem := project_command_problem(line))] == [], name


def test_the_preview_says_what_changes_validates_builds_for_opening_from_disk_and_uploads_the_site():
    workflow = _load("preview.yml")
    assert list(_triggers(workflow)) == ["pull_request"]
    assert _project_lines(workflow) == [
        *INSTALL,
        "python -m build_charts validate --fix > fix-report.txt || true",
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


def test_publish_and_preview_name_the_repository_report_a_problem_opens_an_issue_on():
    for name, job in (("publish.yml", "build"), ("preview.yml", "preview")):
        assert _load(name)["jobs"][job]["env"] == {
            PUBLISHED_FROM: "${{ github.server_url }}/${{ github.repository }}"}, name


def test_every_action_is_pinned_to_a_major_version_that_runs_on_node_24():
    for name in WORKFLOW_NAMES:
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
           "GITHUB_REPOSITORY": "owner/site", "GITHUB_RUN_ID": "99",
           "PYTHONPATH": str(PROJECT_ROOT)}
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
           "GITHUB_REPOSITORY": "owner/site", "GITHUB_RUN_ID": "99",
           "PYTHONPATH": str(PROJECT_ROOT)}
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
    assert len(markdown) <= 30000 and report[:25000] in markdown  # whole lines, cut by what_changed.for_comment
    assert markdown.startswith("**This comment is shortened**: it leaves out ")
    assert "[preview run](https://github.com/owner/site/actions/runs/99)" in markdown.split("\n")[0]


# Autofix: the repairs validate --fix makes, committed to the pull request's branch


def test_autofix_runs_after_preview_on_pull_requests_from_this_repository_and_only_its_job_may_write():
    workflow = _load("autofix.yml")
    assert _triggers(workflow) == {"workflow_run": {"workflows": ["Preview"], "types": ["completed"]}}
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["autofix"]
    assert job["if"] == ("${{ github.event.workflow_run.event == 'pull_request' && "
                         "github.event.workflow_run.head_repository.full_name == github.repository }}")  # not a fork
    assert job["permissions"] == {"contents": "write", "statuses": "write"}  # no personal token anywhere
    assert "secrets." not in str(workflow)
    (checkout,) = _uses(workflow, "actions/checkout")
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # the commit Preview checked
    assert _project_lines(workflow) == [*INSTALL, "python -m build_charts validate --fix > fix-report.txt || true"]
    (commit,) = [s for s in job["steps"] if s.get("name") == "Commit the repairs to the pull request"]
    assert commit["env"] == {"BRANCH": "${{ github.event.workflow_run.head_branch }}"}  # never pasted into the script
    assert "${{" not in "".join(s.get("run", "") for s in job["steps"])


def test_the_repaired_commit_gets_previews_result_under_the_name_of_previews_check():
    """Preview checked the repaired data in its own copy, so the commit of those repairs carries its result: the
    pull request's checks finish without a person closing and reopening it."""
    preview, autofix = _load("preview.yml"), _load("autofix.yml")
    steps = preview["jobs"]["preview"]["steps"]
    names = [s.get("name") for s in steps]
    assert names.index("Repair what a spreadsheet changed, in this copy only") < names.index(
        "Say what this changes on the published site") < names.index("Check the data")
    (status,) = [s for s in autofix["jobs"]["autofix"]["steps"] if s.get("name", "").startswith("Give the repaired")]
    assert status["env"]["CONCLUSION"] == "${{ github.event.workflow_run.conclusion }}"
    assert f'-f context="{preview["jobs"]["preview"]["name"]}"' in status["run"]


def _pushed_copy(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A copy of the project committed on main and pushed to a bare repository standing in for GitHub, and the
    environment git ran in: (remote, working copy, env)."""
    remote, work, home = tmp_path / "remote.git", tmp_path / "work", tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path, env=env)
    copy_project(work)
    commit_project(work, env)
    git("remote", "add", "origin", str(remote), cwd=work, env=env)
    git("push", "--quiet", "origin", "main", cwd=work, env=env)
    return remote, work, env


def _run_autofix(tmp_path: Path, edit) -> tuple[Path, dict]:
    """Push a branch with `edit` applied to a copy of the project, then run the autofix steps on it as CI would."""
    remote, work, env = _pushed_copy(tmp_path)
    git("checkout", "--quiet", "-b", "progress-2025", cwd=work, env=env)
    edit(work / "datasets")
    git("commit", "--quiet", "-am", "Upload progress.csv", cwd=work, env=env)
    git("push", "--quiet", "origin", "progress-2025", cwd=work, env=env)
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    # `python -m build_charts ...` runs this project's command on the checked-out copy.
    fake.write_text(f'#!/bin/sh\nshift 2\nPYTHONPATH="{PROJECT_ROOT}" exec {sys.executable} -m build_charts '
                    '--project "$PWD" "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    steps = {s.get("name"): s for s in _load("autofix.yml")["jobs"]["autofix"]["steps"]}
    step_env = env | {"PATH": f"{fake.parent}:/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
                      "BRANCH": "progress-2025", "GITHUB_OUTPUT": str(tmp_path / "output.txt")}
    for name in ("Repair the data files", "Commit the repairs to the pull request"):
        subprocess.run(["bash", "-e", "-c", steps[name]["run"]], cwd=work, env=step_env, check=True,
                       capture_output=True)
    return remote, env


def test_autofix_commits_the_repairs_to_the_branch_with_a_message_listing_them(tmp_path):
    def save_in_excel(datasets: Path) -> None:
        path = datasets / "progress.csv"
        # Excel ends rows with CRLF and keeps a line break inside a cell as it is.
        rows = split_rows(path.read_text(encoding="utf-8").replace("2025-01", "Jan-25"), DEFAULT_DIALECT)
        text = "".join(raw.removesuffix("\n") + "\r\n" for _, raw, _ in rows)
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    remote, env = _run_autofix(tmp_path, save_in_excel)
    assert git("log", "-1", "--format=%an%n%B", "progress-2025", cwd=remote, env=env).strip() == (
        "github-actions[bot]\n"
        "Repair what a spreadsheet changed in the data\n\n"
        "- datasets/progress.csv: removed the byte-order mark\n"
        "- datasets/progress.csv: changed Windows line endings to plain ones\n"
        "- datasets/progress.csv: changed 14 months written by Excel to year-month, reading a two-digit year as Excel "
        "does (00 to 29 as 2000 to 2029, 30 to 99 as 1930 to 1999): row 2 reported_on Jan-25 → "
        "2025-01; row 3 reported_on Jan-25 → 2025-01; row 4 reported_on Jan-25 → 2025-01; and 11 more")
    committed = subprocess.run(["git", "show", "progress-2025:datasets/progress.csv"], cwd=remote, env=env,
                               check=True, capture_output=True).stdout
    assert committed == (PROJECT_ROOT / "datasets" / "progress.csv").read_bytes()


def test_autofix_commits_nothing_when_nothing_needs_repair(tmp_path):
    def add_a_word(datasets: Path) -> None:
        path = datasets / "glossary.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Cuckooing,", "Cuckooing (home taken over),", 1),
                        encoding="utf-8")

    remote, env = _run_autofix(tmp_path, add_a_word)
    assert git("log", "-1", "--format=%s", "progress-2025", cwd=remote, env=env).strip() == "Upload progress.csv"


# Start a reporting period: new-period run on GitHub, its rows opened as a pull request


def test_starting_a_period_asks_for_the_period_and_only_its_job_may_push_and_open_a_pull_request():
    workflow = _load("new-period.yml")
    assert workflow["name"] == "Start a reporting period"
    (trigger,) = _triggers(workflow).items()
    assert trigger[0] == "workflow_dispatch"
    assert trigger[1]["inputs"]["period"]["required"] is True
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["new-period"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = [s for s in job["steps"] if "run" in s and "PERIOD" in s["run"]]
    assert [s["env"]["PERIOD"] for s in steps] == ["${{ inputs.period }}"] * 2  # never pasted into the script
    assert "${{" not in "".join(s.get("run", "") for s in job["steps"])
    assert _project_lines(workflow) == [
        *INSTALL,
        'python -m build_charts new-period "$PERIOD" > next-steps.txt || { cat next-steps.txt; exit 1; }']


def _run_new_period(tmp_path: Path, period: str) -> tuple[Path, dict, subprocess.CompletedProcess, Path]:
    """Run the workflow's steps on a clone of a copy of the project, with a stand-in `gh` that records its call."""
    remote, work, env = _pushed_copy(tmp_path)
    bin_dir, log = tmp_path / "bin", tmp_path / "gh.txt"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!/bin/sh\nshift 2\nPYTHONPATH="{PROJECT_ROOT}" exec {sys.executable} -m '
                                    'build_charts --project "$PWD" "$@"\n', encoding="utf-8")
    (bin_dir / "gh").write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$LOG"\n'
                                'cp body.md "$LOG.body"\n', encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    steps = _load("new-period.yml")["jobs"]["new-period"]["steps"]
    step_env = env | {"PATH": f"{bin_dir}:/usr/bin:/bin", "PERIOD": period, "GH_TOKEN": "t", "LOG": str(log),
                      "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_REF_NAME": "main"}
    script = "\n".join(s["run"] for s in steps if "PERIOD" in s.get("run", ""))
    result = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=step_env, capture_output=True, text=True)
    return remote, env, result, log


def test_starting_a_period_pushes_the_rows_to_a_branch_and_opens_a_pull_request(tmp_path):
    remote, env, result, log = _run_new_period(tmp_path, "2025")
    assert result.returncode == 0, result.stderr
    assert git("log", "-1", "--format=%an: %s", "new-period-2025", cwd=remote, env=env).strip() == (
        "github-actions[bot]: Start the reporting period 2025")
    progress = git("show", "new-period-2025:datasets/progress.csv", cwd=remote, env=env)
    assert len([line for line in progress.splitlines() if ",2025,," in line]) == 14
    assert log.read_text(encoding="utf-8").splitlines() == [
        "pr", "create", "--base", "main", "--head", "new-period-2025", "--title", "Start the reporting period 2025",
        "--body-file", "body.md"]
    body = Path(f"{log}.body").read_text(encoding="utf-8")
    assert body.startswith("Rows for the reporting period 2025, added by the **Start a reporting period** workflow."
                           "\n\nAdded 14 rows to datasets/progress.csv for the period 2025")


def test_a_refused_period_opens_nothing_and_says_why(tmp_path):
    remote, env, result, log = _run_new_period(tmp_path, "2025/26")
    assert result.returncode == 1
    assert result.stdout.startswith('Nothing was changed. The periods in progress.csv are years, such as 2024, but '
                                    '"2025/26" is a financial year.')
    assert not log.exists()
    assert git("branch", "--list", cwd=remote, env=env).split() == ["main"]


# Tests: lint and the README's test command on every pull request and push; locked installs everywhere


def test_every_workflow_installs_the_locked_dependencies_with_hashes_then_the_kit_alone():
    for name in WORKFLOW_NAMES:
        workflow = _load(name)
        installs = [line for line in _run_lines(workflow) if line.startswith("pip ")]
        lock = "requirements/test.txt" if name == "tests.yml" else "requirements/publish.txt"
        assert installs == [f"pip install --require-hashes -r {lock}", "pip install --no-deps -e ."], name
        for setup in _uses(workflow, "actions/setup-python"):
            assert setup["with"]["cache-dependency-path"] == lock, name  # a new lock starts a new cache


def _newest_python() -> str:
    """The newest Python version pyproject.toml's classifiers say the kit supports."""
    import tomllib

    classifiers = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["classifiers"]
    versions = [c.rsplit(" ", 1)[-1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    return max(versions, key=lambda v: tuple(map(int, v.split("."))))


def test_the_tests_run_on_every_pull_request_and_push_on_the_oldest_and_newest_python_through_ci_run():
    workflow = _load("tests.yml")
    assert {"pull_request", "push"} <= set(_triggers(workflow))
    assert _triggers(workflow)["push"] is None and _triggers(workflow)["pull_request"] is None  # every branch
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["tests"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", _newest_python()]
    # Debian 12, like .ci/run's machine: apt-get there gives the chromium the browser tests drive.
    assert job["container"] == "python:${{ matrix.python }}-bookworm"
    assert [s.get("run") for s in job["steps"] if "run" in s] == ["bash .ci/run"]
    ci_run = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium fonts-dejavu-core" in ci_run
    assert "<!-- test-command -->" in ci_run and "vnu-jar@" in ci_run


def test_the_tests_workflow_lints_with_the_command_of_the_lint_session():
    lint_job = _load("tests.yml")["jobs"]["lint"]
    (ruff,) = [s["run"] for s in lint_job["steps"] if s.get("run", "").startswith("ruff")]
    noxfile = (PROJECT_ROOT / "noxfile.py").read_text(encoding="utf-8")
    assert f'session.run({", ".join(repr(w).replace(chr(39), chr(34)) for w in ruff.split())})' in noxfile


def test_the_readme_test_command_installs_the_locked_test_dependencies():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    command = readme.split("<!-- test-command -->")[1].split("<!-- /test-command -->")[0]
    assert "pip install -q --require-hashes -r requirements/test.txt && pip install -q --no-deps -e ." in command
    assert command.strip().strip("`").strip().endswith("python -m pytest")


def test_dependabot_proposes_new_versions_of_the_locks_and_the_actions_as_pull_requests():
    config = yaml.safe_load((PROJECT_ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    assert updates["pip"]["directory"] == "/" and updates["pip"]["versioning-strategy"] == "lockfile-only"
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())
    for lock in ("publish", "test"):
        header = (PROJECT_ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")[:600]
        assert "autogenerated by pip-compile" in header and "--generate-hashes" in header  # what Dependabot reruns


def test_the_checker_reads_the_dependabot_settings_too():
    result = lint(PROJECT_ROOT / ".github" / "dependabot.yml")
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_readme_requires_the_checks_by_the_names_github_shows():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    tests = _load("tests.yml")["jobs"]
    names = [_load("preview.yml")["jobs"]["preview"]["name"], tests["lint"]["name"]]
    names += [tests["tests"]["name"].replace("${{ matrix.python }}", version)
              for version in tests["tests"]["strategy"]["matrix"]["python"]]
    assert names == ["Check the data and build a preview", "Lint", "Tests on Python 3.11", "Tests on Python 3.14"]
    assert [name for name in names if f"**{name}**" not in readme] == []
    assert "Require status checks to pass" in readme and "Require a pull request before merging" in readme
