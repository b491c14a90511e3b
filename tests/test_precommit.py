"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a repository of positions.

pre-commit installs policypos from this project's git work tree into an
environment of its own (``pre-commit try-repo``), as a positions repository
that lists the hooks would; so this needs git, pre-commit and the network
access pip needs. Each test skips, saying why, where one is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED

HOOKS = ("policypos-validate", "policypos-fmt")
STATUS = "status: proposed"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module, so policypos is installed once for every hook run."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the hooks are tried from a git work tree; this copy of policypos is not one")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository whose positions/ is a copy of the shipped one, committed."""
    shutil.copytree(SHIPPED, tmp_path / "positions")
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "--message", "Positions")
    return tmp_path


def git(where: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=officer@example.org", *args],
        cwd=where,
        check=True,
    )


def try_hook(project: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` this project's hook on every file of *project*."""
    env = os.environ | {"PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("POLICYPOS_REPO", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            hook,
            "--all-files",
            "--color=never",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def version_2024(project: Path) -> Path:
    return project / "positions" / "going-straight" / "versions" / "2024.yaml"


@pytest.mark.parametrize("hook", HOOKS)
def test_shipped_positions_pass(project: Path, pre_commit_home: Path, hook: str) -> None:
    """The shipped positions are valid and in the canonical layout: both hooks pass."""
    result = try_hook(project, pre_commit_home, hook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_validate_hook_names_the_line(project: Path, pre_commit_home: Path) -> None:
    """A misspelt status stops the commit with the validator's own line."""
    path = version_2024(project)
    path.write_text(path.read_text().replace(STATUS, "status: propsed"))
    result = try_hook(project, pre_commit_home, "policypos-validate")
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert "going-straight/versions/2024.yaml:6:9: error: 'status' must be one of" in result.stdout


def test_fmt_hook_names_the_file(project: Path, pre_commit_home: Path) -> None:
    """A file out of the canonical layout stops the commit, naming the file; the data stays valid."""
    path = version_2024(project)
    path.write_text(path.read_text().replace(STATUS, "status:     proposed"))
    assert try_hook(project, pre_commit_home, "policypos-validate").returncode == 0
    result = try_hook(project, pre_commit_home, "policypos-fmt")
    assert result.returncode == 1
    assert "going-straight/versions/2024.yaml" in result.stdout
