"""The README's first screen works as written: the board cycle (eight commands), run on a copy."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SHIPPED


def cycle_commands() -> list[list[str]]:
    """The commands of the README's first shell block, continuation lines joined, comments cut."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in joined.splitlines() if line.strip()]


def test_board_cycle_runs_as_written(tmp_path: Path) -> None:
    """Each step exits 0 on a copy of the shipped positions; the result validates and is published."""
    shutil.copytree(SHIPPED, tmp_path / "positions")
    commands = cycle_commands()
    assert [c[:2] for c in commands] == [
        ["policypos", "new-version"],
        ["policypos", "comment"],
        ["policypos", "cite"],
        ["policypos", "comment"],
        ["policypos", "propose"],
        ["policypos", "render"],
        ["policypos", "endorse"],
        ["policypos", "publish"],
    ]
    for command in [*commands, ["policypos", "validate", "--strict"]]:
        result = subprocess.run(
            [sys.executable, "-m", "policypos", *command[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (command, result.stderr)
        assert "error" not in result.stderr
    # Between cite and comment set the comment is cited while open (a warning,
    # said at the time); at the end of the cycle nothing is left to warn about.
    assert result.stdout == ""
    assert result.stderr == "positions: no problems\n"
    version = (tmp_path / "positions/going-straight/versions/2025.yaml").read_text()
    assert "status: endorsed\n" in version
    assert "sscb-2025-03/1" in version
    assert (tmp_path / "site/going-straight/versions/2025.html").is_file()
    paper = (tmp_path / "paper.md").read_text()
    assert "\nSafer and Stronger Communities Board, 17 July 2025\n" in paper
    # Dated before the paper's meeting, the answer is the paper's: its log says so too
    # (tester 13, A3: undated, it read as open on the paper's day).
    assert "now answers members' comment 5.1." in paper
    log = subprocess.run(
        [sys.executable, "-m", "policypos", "render", "comments", "going-straight", "--paper",
         "2025"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    row = next(line for line in log.splitlines() if line.startswith("| 5.1 "))
    assert "| addressed |" in row
    # Without --paper the log is numbered as the newest version's paper and comparison cite
    # the comments, not as the minutes do (tester 14, item 4: "comment 5.1" was "1" in it).
    changes = subprocess.run(
        [sys.executable, "-m", "policypos", "render", "changes", "going-straight@2025"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert (
        "comment 5.1 (1 in the minutes), Safer and Stronger Communities Board, 13 March 2025"
        in changes
    )
    log = subprocess.run(
        [sys.executable, "-m", "policypos", "render", "comments", "going-straight"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "\n| 5.1 (1 in the minutes) | Board members | Say how councils work" in log


def shown_sessions() -> list[tuple[str, str]]:
    """Each ``$ command`` of the README's console blocks, with the output shown under it."""
    readme = (ROOT / "README.md").read_text()
    sessions: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                sessions.append((line[2:], []))
            elif sessions:
                sessions[-1][1].append(line)
    return [(command, "\n".join(shown).strip("\n")) for command, shown in sessions]


def test_shown_output_is_what_the_commands_print(tmp_path: Path) -> None:
    """Every command the README shows prints what the README shows under it, as a terminal
    shows it (standard error too), run on a copy of the shipped positions (tester 14, item 7:
    the softened ee-1 had gained a condition the README did not show)."""
    import os

    shutil.copytree(SHIPPED, tmp_path / "positions")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "policypos"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m policypos "$@"\n')
    launcher.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("POLICYPOS_REPO", None)
    sessions = shown_sessions()
    assert len(sessions) >= 6
    for command, shown in sessions:
        assert command.startswith("policypos "), command
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {{ {command}\n}} 2>&1"],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert done.stdout.strip("\n") == shown, command


def ci_packages() -> set[str]:
    """The Debian packages .ci/run installs (its PACKAGES array)."""
    script = (ROOT / ".ci/run").read_text()
    array = re.search(r"^PACKAGES=\((.*?)\)", script, re.S | re.M)
    assert array is not None
    return set(array.group(1).split())


def readme_packages() -> list[set[str]]:
    """The packages of each ``apt-get install`` in the README's Install section, in order."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Install\n") :]
    section = section[: section.index("\n## ", 1)]
    found = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            words = shlex.split(command, comments=True)
            if "apt-get" in words:
                found.append({w for w in words[words.index("install") + 1 :] if w[0] != "-"})
    return found


def test_readme_installs_what_ci_installs() -> None:
    """Every system package CI installs is in the README's Install section, and no other."""
    pdf, tests = readme_packages()
    assert pdf | tests == ci_packages()
    assert not pdf & tests


def test_the_pdf_packages_are_the_ones_named() -> None:
    """The README's PDF line, the PDF error's list and the docs name the same packages."""
    from policypos.pdf import PDF_PACKAGES

    pdf, _ = readme_packages()
    assert pdf == set(PDF_PACKAGES)
    documents = " ".join((ROOT / "docs/documents.md").read_text().split())
    assert f"apt-get install {' '.join(PDF_PACKAGES)}" in documents
    readme = (ROOT / "README.md").read_text()
    for extra in re.findall(r"pip install '\.\[(\w+)\]'", readme):
        assert re.search(rf"^{extra} = \[", (ROOT / "pyproject.toml").read_text(), re.M), extra


def test_pdf_without_pango_is_one_line(shipped: Path, tmp_path: Path) -> None:
    """WeasyPrint installed but Pango missing (an OSError at import): one error naming the packages."""
    from click.testing import CliRunner

    from policypos.cli import cli
    from policypos.pdf import PDF_PACKAGES

    class NoPango:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0': no such file")

    saved = {
        k: v for k, v in sys.modules.items() if k == "weasyprint" or k.startswith("weasyprint.")
    }
    for name in saved:
        del sys.modules[name]
    sys.meta_path.insert(0, NoPango())
    try:
        result = CliRunner().invoke(
            cli,
            ["--repo", str(shipped), "render", "annex", "going-straight@2024", "--format", "pdf",
             "-o", str(tmp_path / "a.pdf")],
        )  # fmt: skip
    finally:
        sys.meta_path.pop(0)
        sys.modules.update(saved)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("policypos: error: PDF output needs Pango, which WeasyPrint")
    assert f"apt-get install {' '.join(PDF_PACKAGES)}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "a.pdf").exists()
