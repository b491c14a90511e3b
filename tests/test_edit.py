"""The editing commands: each changes only the lines it means to, refuses bad input, writes safely."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos import _writing, edit
from policypos.cli import cli
from policypos.errors import (
    ConflictError,
    EditError,
    InvalidEditError,
    LoadError,
    NotFoundError,
    UnintendedChangeError,
)
from tests.conftest import SHIPPED, VERSION, MakeRepo

GS = "going-straight"


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under *root* (dot names included), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def changes(old: bytes, new: bytes) -> tuple[list[str], list[str]]:
    """The lines taken out of *old* and put into *new*, in order."""
    a, b = old.decode().splitlines(True), new.decode().splitlines(True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def only_changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """The files that differ (or appeared) between two snapshots."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def assert_valid(root: Path) -> None:
    result = run(root, "validate")
    assert result.exit_code == 0, result.output
    assert "error" not in result.stdout


class TestRoundTrip:
    """The YAML writer gives back what people wrote."""

    @pytest.mark.parametrize(
        "path", sorted(SHIPPED.rglob("*.yaml")), ids=lambda p: p.relative_to(SHIPPED).as_posix()
    )
    def test_every_shipped_file_round_trips_byte_for_byte(self, path: Path) -> None:
        """Loading and dumping each shipped file in round-trip mode gives its exact bytes."""
        data = path.read_bytes()
        assert edit._dump(edit._load(data, path)) == data

    def test_shipped_files_are_formatted(self) -> None:
        """fmt --check finds nothing to change in the shipped repository."""
        result = run(SHIPPED, "fmt", "--check")
        assert result.exit_code == 0, result.output
        assert result.stdout == ""

    def test_edit_keeps_a_layout_the_writer_would_change(self, make_repo: MakeRepo) -> None:
        """In a file the round trip would rewrite (CRLF, odd indents), only the edited line changes."""
        meeting = (
            "# a comment that stays\r\n"
            "meeting:\r\n"
            "    id: m1\r\n"
            "    body:   Cabinet\r\n"
            "    date: 2024-02-01\r\n"
            "comments:\r\n"
            "- id: '1.10'\r\n"
            "  kind: comment   # trailing comment\r\n"
            "  text: Say more.\r\n"
            "  disposition: open\r\n"
            "- id: 2005\r\n"
            "  kind: question\r\n"
            "  text: |\r\n"
            "    Why?\r\n"
        )
        root = make_repo(
            {
                "doc/versions/v1.yaml": "version: v1\ndate: 2024-01-01\nstatus: draft\n"
                "sections:\n  - id: s1\n    title: One\n    statements:\n"
                "      - id: a\n        text: First.\n",
                "doc/meetings/m1.yaml": meeting.encode(),
            }
        )
        path = root / "doc/meetings/m1.yaml"
        assert edit._dump(edit._load(path.read_bytes(), path)) != path.read_bytes()
        decided = edit.Decided(dt.date(2024, 3, 1))
        policypos.apply_edit(
            policypos.set_comment(root, "doc", "m1/1.10", disposition="noted", decided=decided)
        )
        # The new lines (the disposition's history) take the file's own indents and line ends.
        assert (
            path.read_bytes()
            == meeting.replace(
                "  disposition: open\r\n",
                "  disposition: noted\r\n  history:\r\n    - date: 2024-03-01\r\n"
                "      disposition: noted\r\n",
            ).encode()
        )

    def test_fmt_is_idempotent_and_keeps_comments(self, make_repo: MakeRepo) -> None:
        """fmt rewrites a sloppy file once, keeps its comments and data, then finds nothing to do."""
        sloppy = (
            "# heading\nmeeting:\n    id: m1     # the id\n    body: Cabinet\n"
            "    date: 2024-02-01\ncomments:\n- id: '1'\n  kind: comment\n  text: Say more.\n"
        )
        root = make_repo({"doc/meetings/m1.yaml": sloppy})
        path = root / "doc/meetings/m1.yaml"
        check = run(root, "fmt", "--check")
        assert check.exit_code == 1
        assert check.stdout == f"would reformat {path}\n"
        assert path.read_text() == sloppy
        assert run(root, "fmt").exit_code == 0
        once = path.read_text()
        assert "# heading" in once
        assert "# the id" in once
        assert "  - id: '1'\n" in once
        assert edit._plain_data(once.encode()) == edit._plain_data(sloppy.encode())
        assert run(root, "fmt", "--check").exit_code == 0
        assert policypos.format_files(root).changes == ()

    def test_fmt_keeps_a_windows_checkouts_line_ends(self, shipped: Path) -> None:
        """A file whose every line ends CRLF (git's autocrlf) is canonical if its layout is."""
        files = sorted(shipped.rglob("*.yaml"))
        for path in files:
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        before = tree(shipped)
        assert run(shipped, "fmt", "--check").exit_code == 0
        assert policypos.format_files(shipped).changes == ()
        # a sloppy CRLF file is mended in its layout, its line ends kept
        sloppy = files[0].read_bytes().replace(b"\r\n  - id:", b"\r\n  -   id:", 1)
        files[0].write_bytes(sloppy)
        assert run(shipped, "fmt").exit_code == 0
        assert files[0].read_bytes() == before[str(files[0].relative_to(shipped))]

    def test_fmt_mends_mixed_line_ends(self, shipped: Path) -> None:
        """One CRLF among line feeds is not a checkout's convention: it is made a line feed."""
        path = sorted(shipped.rglob("*.yaml"))[0]
        canonical = path.read_bytes()
        path.write_bytes(canonical.replace(b"\n", b"\r\n", 1))
        assert run(shipped, "fmt", "--check").exit_code == 1
        assert run(shipped, "fmt").exit_code == 0
        assert path.read_bytes() == canonical

    @pytest.mark.parametrize("where", ["outside", "not yaml", "folder outside"])
    def test_fmt_refuses_files_not_the_repositorys(
        self, make_repo: MakeRepo, tmp_path_factory: pytest.TempPathFactory, where: str
    ) -> None:
        """fmt writes the repository's YAML files only: a hosts file once became one YAML string."""
        root = make_repo({"doc/meetings/m1.yaml": "meeting:\n    id: m1\n"})
        elsewhere = tmp_path_factory.mktemp("elsewhere")
        target = {
            "outside": elsewhere / "m1.yaml",
            "not yaml": root / "doc" / "notes.txt",
            "folder outside": elsewhere,
        }[where]
        sloppy = "meeting:\n    id: m1\n127.0.0.1   localhost\n"
        (elsewhere / "m1.yaml").write_text(sloppy)
        (root / "doc" / "notes.txt").write_text(sloppy)
        result = run(root, "fmt", str(target))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"policypos: error: {target}: ")
        assert (elsewhere / "m1.yaml").read_text() == sloppy
        assert (root / "doc" / "notes.txt").read_text() == sloppy

    def test_fmt_refuses_malformed_yaml(self, make_repo: MakeRepo) -> None:
        """fmt names the file, line and column of YAML it cannot read, and writes nothing."""
        root = make_repo({"doc/meetings/m1.yaml": "meeting:\n  id: [m1\n"})
        before = tree(root)
        result = run(root, "fmt")
        assert result.exit_code == 2
        path = root / "doc/meetings/m1.yaml"
        assert result.stderr == (
            f"{path}:2:7: error: malformed YAML: while parsing a flow sequence, "
            "did not find expected ',' or ']' ('[' starts a list that is not closed; if the "
            "text starts with '[', put the whole text in double quotes, or write it as a block: "
            "`text: >` with the text on the lines below, indented)\n"
        )
        assert tree(root) == before


class TestNewVersion:
    """new-version: a draft that is a copy of its source, based on it."""

    def test_only_a_new_file_with_the_head_changed(self, shipped: Path) -> None:
        """The new file is the source's bytes but for the heading comment and the four head keys."""
        before = tree(shipped)
        result = run(
            shipped, "new-version", GS, "--from", "2024", "--id", "2025", "--date", "2025-02-03"
        )
        assert result.exit_code == 0, result.output
        assert only_changed(before, tree(shipped)) == {f"{GS}/versions/2025.yaml"}
        source = (shipped / GS / "versions/2024.yaml").read_bytes()
        new = (shipped / GS / "versions/2025.yaml").read_bytes()
        removed, added = changes(source, new)
        assert added == [
            'version: "2025"\n',
            "date: 2025-02-03\n",
            "status: draft\n",
            'based_on: "2024"\n',
        ]
        assert [line for line in removed if not line.startswith("#")] == [
            'version: "2024"\n',
            "date: 2024-07-01\n",
            "status: proposed\n",
            'based_on: "2005"\n',
            "meeting: sscb-2024-07\n",
        ]
        assert_valid(shipped)

    def test_then_diff_reports_no_change(self, shipped: Path) -> None:
        """diff of the source and the new draft finds every statement unchanged."""
        run(shipped, "new-version", GS, "--from", "2024", "--id", "2025")
        result = run(shipped, "diff", f"{GS}@2024", f"{GS}@2025", "--exit-code")
        assert result.exit_code == 0, result.output
        assert "statements: 22 unchanged" in result.stdout

    def test_date_defaults_to_today(self, shipped: Path) -> None:
        """Without --date the draft is dated today."""
        policypos.apply_edit(policypos.new_version(shipped, GS, "2005", "next"))
        version = policypos.open_repository(shipped).document(GS).version("next")
        assert version.date == dt.date.today()
        assert version.based_on == "2005"
        assert version.status is policypos.Status.DRAFT

    def test_dry_run_writes_nothing(self, shipped: Path) -> None:
        """--dry-run prints a new-file diff and leaves every byte of the tree as it was."""
        before = tree(shipped)
        result = run(shipped, "new-version", GS, "--from", "2024", "--id", "2025", "--dry-run")
        assert result.exit_code == 0
        assert result.stdout.startswith(f"--- /dev/null\n+++ b/{GS}/versions/2025.yaml\n")
        assert tree(shipped) == before

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["nope", "--from", "2024", "--id", "x"], "policypos: error: no document 'nope'"),
            (
                [GS, "--from", "1999", "--id", "x"],
                "policypos: error: no version 'going-straight@1999'",
            ),
            (
                [GS, "--from", "2024", "--id", "2005"],
                "policypos: error: going-straight@2005 already exists",
            ),
            (
                [GS, "--from", "2024", "--id", "../x"],
                "policypos: error: version id '../x' is not a valid id",
            ),
        ],
    )
    def test_bad_input_changes_nothing(self, shipped: Path, args: list[str], message: str) -> None:
        """Unknown documents and versions, taken and invalid ids: one error line, exit 2."""
        before = tree(shipped)
        result = run(shipped, "new-version", *args)
        assert result.exit_code == 2
        assert result.stderr.startswith(message)
        assert tree(shipped) == before


class TestComments:
    """comment add and comment set: recording and answering what members said."""

    def test_add_quotes_what_yaml11_reads_as_booleans_and_numbers(self, shipped: Path) -> None:
        """--by yes, --text 12:30 and the like are written quoted; plain words stay plain."""
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11",
            "--text", "12:30", "--by", "yes",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = (shipped / GS / "meetings/sscb-2024-07.yaml").read_text()
        assert text.endswith('    by: "yes"\n    text: "12:30"\n    disposition: open\n')

    def test_add_with_the_meetings_own_details(self, shipped: Path) -> None:
        """A script may give an existing meeting's body and date again on each comment."""
        details = ["--body", "Safer and Stronger Communities Board", "--date", "2024-07-18"]
        for comment_id in ("11", "12"):
            result = run(
                shipped, "comment", "add", GS, "--meeting", "sscb-2024-07", "--id", comment_id,
                "--text", "Say more.", *details,
            )  # fmt: skip
            assert result.exit_code == 0, result.output
        text = (shipped / GS / "meetings/sscb-2024-07.yaml").read_text()
        assert text.count("body: Safer and Stronger Communities Board") == 1
        assert text.count("id: '12'") == 1 or text.count('id: "12"') == 1

    @pytest.mark.parametrize(
        ("details", "said"),
        [
            (["--date", "2024-07-19"], "--date 2024-07-19 (it has 2024-07-18)"),
            (["--body", "Cabinet", "--date", "2024-07-18"], "--body Cabinet (it has Safer"),
            (["--item", "Another item"], "--item Another item (it has Re-offending"),
        ],
    )
    def test_add_with_other_details_is_refused(
        self, shipped: Path, details: list[str], said: str
    ) -> None:
        before = tree(shipped)
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11",
            "--text", "Say more.", *details,
        )  # fmt: skip
        assert result.exit_code == 2
        assert said in result.stderr
        assert tree(shipped) == before

    def test_set_response_alone_keeps_the_disposition(self, shipped: Path) -> None:
        """A corrected --response only adds the response line; the disposition stays.

        (A new response, not a correction, is dated in the history as well:
        test_disposition_history.TestNewAnswerIsDated.)
        """
        name = f"{GS}/meetings/sscb-2024-07.yaml"
        before = tree(shipped)
        result = run(
            shipped, "comment", "set", GS, "sscb-2024-07/10", "--response", "Not now.",
            "--correction",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert only_changed(before, tree(shipped)) == {name}
        assert changes(before[name], (shipped / name).read_bytes()) == (
            [],
            ["    response: Not now.\n"],
        )

    def test_set_with_nothing_to_set_is_one_line(self, shipped: Path) -> None:
        """comment set with no option at all: one error line, exit 2, nothing written."""
        before = tree(shipped)
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/10")
        assert result.exit_code == 2
        assert result.stderr == (
            "policypos: error: nothing to set for sscb-2024-07/10: give a disposition, a "
            "response or a referral (--disposition, --response, --referred-to)\n"
        )
        assert tree(shipped) == before

    def test_add_appends_only_the_comment(self, shipped: Path) -> None:
        """A comment added to an existing meeting is a blank line and its own lines at the end."""
        before = tree(shipped)
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11",
            "--text", "Please say more about housing.", "--kind", "question", "--by", "Members",
            "--on", "accommodation",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        name = f"{GS}/meetings/sscb-2024-07.yaml"
        assert only_changed(before, tree(shipped)) == {name}
        old, new = before[name], (shipped / name).read_bytes()
        assert new.startswith(old)
        assert new[len(old) :].decode() == (
            '\n  - id: "11"\n    kind: question\n    by: Members\n    on: [accommodation]\n'
            "    text: Please say more about housing.\n    disposition: open\n"
        )
        assert_valid(shipped)

    @pytest.mark.parametrize("field", ["--by", "--item"])
    def test_add_refuses_a_line_break_in_a_one_line_field(self, shipped: Path, field: str) -> None:
        """A name or agenda item with a line break (easy to type in a shell) is refused."""
        before = tree(shipped)
        meeting = ("--body", "Board") if field == "--item" else ()
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2099-01" if meeting else "sscb-2024-07",
            "--id", "11", "--text", "Say more.", field, "Cllr Jones\n", *meeting,
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr == (
            f"policypos: error: {field} must be one line of text, without control characters\n"
        )
        assert tree(shipped) == before

    def test_add_does_not_copy_a_comment_line(self, make_repo: MakeRepo) -> None:
        """A YAML comment above the last entry stays where it is and is not repeated for the new one."""
        meeting = (
            "meeting:\n  id: m1\n  body: B\n  date: 2024-02-01\ncomments:\n"
            '  - id: "1"\n    kind: comment\n    text: A.\n    on: [s1]\n'
            '  # Raised by the chair.\n  - id: "2"\n    kind: comment\n    text: B.\n    on: [s1]\n'
        )
        root = make_repo({"doc/meetings/m1.yaml": meeting, "doc/versions/v1.yaml": VERSION})
        policypos.apply_edit(policypos.add_comment(root, "doc", "m1", "3", "C."))
        assert (root / "doc/meetings/m1.yaml").read_text() == meeting + (
            '  - id: "3"\n    kind: comment\n    text: C.\n    disposition: open\n'
        )

    def test_add_folds_long_text(self, shipped: Path) -> None:
        """Long text is written as a folded block under 80 columns, and reads back the same."""
        text = " ".join(["Members asked whether the councils could do more together."] * 4)
        policypos.apply_edit(policypos.add_comment(shipped, GS, "sscb-2024-07", "12", text))
        data = (shipped / GS / "meetings/sscb-2024-07.yaml").read_text()
        assert "    text: >\n" in data
        assert max(len(line) for line in data.splitlines()) <= 80
        comment = policypos.open_repository(shipped).document(GS).comment("sscb-2024-07/12")
        assert comment.text.strip() == text

    def test_add_creates_the_meeting(self, shipped: Path) -> None:
        """A comment at a meeting with no file yet creates the file from --body, --date, --item."""
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2025-01", "--id", "1.10",
            "--text", "More on money advice.", "--body", "Safer and Stronger Communities Board",
            "--date", "2025-01-16", "--item", "Re-offending", "--reviews", "2024",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert (shipped / GS / "meetings/sscb-2025-01.yaml").read_text() == (
            "meeting:\n  id: sscb-2025-01\n  body: Safer and Stronger Communities Board\n"
            '  date: 2025-01-16\n  item: Re-offending\nreviews: "2024"\ncomments:\n'
            '  - id: "1.10"\n    kind: comment\n    text: More on money advice.\n'
            "    disposition: open\n"
        )
        comment = policypos.open_repository(shipped).document(GS).comment("sscb-2025-01/1.10")
        assert comment.id == "1.10"
        assert_valid(shipped)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--meeting", "sscb-2024-07", "--id", "9", "--text", "x"], "sscb-2024-07/9 already exists"),
            (["--meeting", "new-m", "--id", "1", "--text", "x"], "going-straight has no meeting 'new-m' (known: sscb-2024-03, sscb-2024-07): give --body"),
            (["--meeting", "sscb-2024-07", "--id", "1", "--text", "x", "--body", "B"], "meeting 'sscb-2024-07' exists with other details: --body B"),
            (["--meeting", "sscb-2024-07", "--id", "1", "--text", " "], "the comment's text is empty"),
            (["--meeting", "sscb-2024-07", "--id", "1", "--text", "x", "--on", "nowhere"], ""),
        ],
    )  # fmt: skip
    def test_add_bad_input_changes_nothing(
        self, shipped: Path, args: list[str], message: str
    ) -> None:
        """Duplicate ids, missing or needless meeting fields, empty text, bad --on: exit 2."""
        before = tree(shipped)
        result = run(shipped, "comment", "add", GS, *args)
        assert result.exit_code == 2
        assert message in result.stderr
        if not message:  # the validator's own line, located in the file it would be written to
            assert "sscb-2024-07.yaml:" in result.stderr
            assert "nowhere" in result.stderr
        assert tree(shipped) == before

    def test_add_unknown_kind(self, shipped: Path) -> None:
        """The API refuses a kind of comment FORMAT.md does not know, naming those it does."""
        with pytest.raises(EditError, match="unknown comment kind 'remark' \\(known: comment, "):
            policypos.add_comment(shipped, GS, "sscb-2024-07", "11", "x", kind="remark")

    def test_set_changes_only_its_lines(self, shipped: Path) -> None:
        """Setting a disposition and response changes that comment's disposition line, adds one."""
        name = f"{GS}/meetings/sscb-2024-07.yaml"
        before = tree(shipped)
        result = run(
            shipped, "comment", "set", GS, "sscb-2024-07/10", "--disposition", "referred",
            "--response", "Passed on.", "--referred-to", "Research team", "--date", "2024-08-01",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert only_changed(before, tree(shipped)) == {name}
        assert changes(before[name], (shipped / name).read_bytes()) == (
            ["    disposition: open\n"],
            ["    disposition: referred\n", "    response: Passed on.\n", "    referred_to: Research team\n",
             "    history:\n", "      - date: 2024-08-01\n", "        disposition: referred\n"],
        )  # fmt: skip
        assert_valid(shipped)

    def test_set_keeps_the_blank_line_between_comments(self, shipped: Path) -> None:
        """Answering a comment followed by a blank line keeps the blank line after the new keys."""
        name = f"{GS}/meetings/sscb-2024-07.yaml"
        old = (shipped / name).read_bytes()
        policypos.apply_edit(
            policypos.set_comment(
                shipped,
                GS,
                "sscb-2024-07/9",
                disposition="answered",
                response="Yes.",
                decided=edit.Decided(dt.date(2024, 8, 1)),
            )
        )
        assert changes(old, (shipped / name).read_bytes()) == (
            ["    disposition: open\n"],
            ["    disposition: answered\n", "    response: Yes.\n", "    history:\n",
             "      - date: 2024-08-01\n", "        disposition: answered\n"],
        )  # fmt: skip

    def test_set_finds_an_unquoted_numeric_id(self, make_repo: MakeRepo) -> None:
        """A comment written ``id: 1.10`` (a float to YAML, the text 1.10 to us) is found and kept."""
        root = make_repo(
            {
                "doc/meetings/m1.yaml": "meeting:\n  id: m1\n  body: B\n  date: 2024-02-01\n"
                "comments:\n  - id: 1.1\n    kind: comment\n    text: A.\n"
                "  - id: 1.10\n    kind: comment\n    text: B.\n",
            }
        )
        decided = edit.Decided(dt.date(2024, 3, 1))
        policypos.apply_edit(
            policypos.set_comment(root, "doc", "m1/1.10", disposition="noted", decided=decided)
        )
        assert (
            (root / "doc/meetings/m1.yaml")
            .read_text()
            .endswith(
                "  - id: 1.10\n    kind: comment\n    text: B.\n    disposition: noted\n"
                "    history:\n      - date: 2024-03-01\n        disposition: noted\n"
            )
        )

    def test_set_unknown_disposition(self, shipped: Path) -> None:
        """An unknown disposition: the API says which exist; the CLI refuses it as a usage error."""
        with pytest.raises(EditError, match="unknown disposition 'done' \\(known: open, addressed"):
            policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="done")
        assert (
            run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--disposition", "done").exit_code
            == 2
        )

    def test_set_addressed_without_citation_is_refused(self, shipped: Path) -> None:
        """An answer that would break a rule prints the validator's line and writes nothing."""
        before = tree(shipped)
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--disposition", "addressed")
        assert result.exit_code == 2
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        assert result.stderr == (
            f"{path}:19:18: error: comment sscb-2024-07/9 is addressed but no version cites it "
            "in 'addresses' (nor in 'removed', where a version answers it by leaving a place "
            "out)\n"
        )
        assert tree(shipped) == before

    def test_set_missing_comment(self, shipped: Path) -> None:
        """A comment that does not exist is named, with those that do."""
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/99", "--disposition", "noted")
        assert result.exit_code == 2
        assert result.stderr == "policypos: error: no comment 'sscb-2024-07/99' (known: 9, 10)\n"
        near = run(shipped, "comment", "set", GS, "sscb-2024-07/10a", "--disposition", "noted")
        assert near.stderr == (
            "policypos: error: no comment 'sscb-2024-07/10a' (known: 9, 10); did you mean '10'?\n"
        )


class TestNothingSaidAtAMeetingNotYetHeld:
    """A meeting dated ahead is a planned one: no comment can have been made or answered at it
    yet, nor an answer dated ahead (exit 2, nothing written)."""

    AHEAD = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    TODAY = dt.date.today().isoformat()

    def refused(self, root: Path, *args: str) -> str:
        before = tree(root)
        result = run(root, *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert tree(root) == before
        return result.stderr

    def test_a_new_meeting_dated_ahead(self, shipped: Path) -> None:
        args = ["comment", "add", GS, "--meeting", "cab-x", "--id", "1", "--text", "x"]
        err = self.refused(shipped, *args, "--body", "Cabinet", "--date", self.AHEAD)
        assert err == (
            f"policypos: error: meeting 'cab-x' is dated {self.AHEAD}, after today "
            f"({self.TODAY}): no comment can have been made at it yet: record it once the "
            "meeting has met\n"
        )
        made = run(shipped, *args, "--body", "Cabinet", "--date", self.TODAY)
        assert made.exit_code == 0, made.output  # today's meeting has met

    def test_a_planned_meeting_on_file(self, shipped: Path) -> None:
        """A meeting a draft was proposed to, still to come."""
        assert run(shipped, "new-version", GS, "--from", "2024", "--id", "2025").exit_code == 0
        planned = ["--meeting", "later", "--body", "Board", "--date", self.AHEAD]
        assert run(shipped, "propose", f"{GS}@2025", *planned).exit_code == 0
        args = ["comment", "add", GS, "--meeting", "later", "--id", "1", "--text", "x"]
        err = self.refused(shipped, *args)
        assert f"meeting 'later' is dated {self.AHEAD}, after today" in err

    def test_answers(self, shipped: Path) -> None:
        """Dated ahead: refused; for a planned meeting, the officers' proposal to it (tester 17)."""
        assert run(shipped, "new-version", GS, "--from", "2024", "--id", "2025").exit_code == 0
        planned = ["--meeting", "later", "--body", "Board", "--date", self.AHEAD]
        assert run(shipped, "propose", f"{GS}@2025", *planned).exit_code == 0
        answer = ["comment", "set", GS, "sscb-2024-07/9", "--disposition", "noted"]
        err = self.refused(shipped, *answer, "--date", self.AHEAD)
        assert err == (
            f"policypos: error: the answer is dated {self.AHEAD}, after today ({self.TODAY}): "
            "record it once it is decided, or, as officers' proposal to a meeting still to "
            "come, give --meeting with that meeting\n"
        )
        proposal = run(shipped, *answer, "--meeting", "later", "--date", self.AHEAD)
        assert proposal.exit_code == 0, proposal.output
        shown = run(shipped, "comments", GS, "sscb-2024-07/9").stdout
        assert "sscb-2024-07/9  question  proposed: noted" in shown


class TestCite:
    """cite: record that a place in a draft answers a comment."""

    @pytest.mark.parametrize(
        ("place", "removed", "added"),
        [
            ("gen-1", [], ["        addresses: [sscb-2024-07/9]\n"]),
            (
                "1.2",
                ["        addresses: [sscb-2024-03/3.1]\n"],
                ["        addresses: [sscb-2024-03/3.1, sscb-2024-07/9]\n"],
            ),
            (
                "general",
                ["    addresses: [sscb-2024-03/3.1, sscb-2024-03/3.5]\n"],
                ["    addresses: [sscb-2024-03/3.1, sscb-2024-03/3.5, sscb-2024-07/9]\n"],
            ),
            ("accommodation", [], ["    addresses: [sscb-2024-07/9]\n"]),
            ("3", [], ["    addresses: [sscb-2024-07/9]\n"]),  # section 3: accommodation
            (
                "1",
                ["    addresses: [sscb-2024-03/3.1, sscb-2024-03/3.5]\n"],
                ["    addresses: [sscb-2024-03/3.1, sscb-2024-03/3.5, sscb-2024-07/9]\n"],
            ),
        ],
    )
    def test_cite_changes_one_line(
        self, shipped: Path, place: str, removed: list[str], added: list[str]
    ) -> None:
        """A statement id, paragraph number, section id or section number: one line changed."""
        name = f"{GS}/versions/2024.yaml"
        before = tree(shipped)
        result = run(shipped, "cite", f"{GS}@2024", place, "sscb-2024-07/9")
        assert result.exit_code == 0, result.output
        assert only_changed(before, tree(shipped)) == {name}
        assert changes(before[name], (shipped / name).read_bytes()) == (removed, added)
        # cite first, then set: the open comment gets its next step, not a warning
        assert "warning" not in result.stderr
        assert (
            "policypos: sscb-2024-07/9 is still open: once the answer is complete, record it "
            f"with 'policypos comment set {GS} sscb-2024-07/9 --disposition answered'"
        ) in result.stderr
        assert_valid(shipped)

    def test_bare_comment_id(self, shipped: Path) -> None:
        """A comment id only one meeting used may be given alone; the full reference is written."""
        policypos.apply_edit(policypos.cite(shipped, GS, "2024", "gen-1", "3.2"))
        assert (
            "        addresses: [sscb-2024-03/3.2]\n"
            in (shipped / GS / "versions/2024.yaml").read_text()
        )

    def test_remove_undoes_cite(self, shipped: Path) -> None:
        """cite then cite --remove gives back the file's exact bytes."""
        name = shipped / GS / "versions/2024.yaml"
        old = name.read_bytes()
        for place in ("gen-1", "general"):
            assert run(shipped, "cite", f"{GS}@2024", place, "sscb-2024-07/10").exit_code == 0
            assert (
                run(shipped, "cite", f"{GS}@2024", place, "sscb-2024-07/10", "--remove").exit_code
                == 0
            )
            assert name.read_bytes() == old

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([f"{GS}@2024", "gen-1", "sscb-2024-07/99"], "no comment 'sscb-2024-07/99'"),
            ([f"{GS}@2024", "nowhere", "sscb-2024-07/9"], "no section, statement or paragraph 'nowhere'"),
            ([f"{GS}@2024", "gen-2", "sscb-2024-03/3.1"], "gen-2 already cites sscb-2024-03/3.1"),
            ([f"{GS}@2024", "gen-1", "sscb-2024-03/3.1", "--remove"], "gen-1 does not cite"),
            ([f"{GS}@2005", "gen-1", "sscb-2024-07/9"], "going-straight@2005 is endorsed"),
            ([GS, "gen-1", "sscb-2024-07/9"], "name the version to edit, as DOC@VERSION"),
        ],
    )  # fmt: skip
    def test_bad_input_changes_nothing(self, shipped: Path, args: list[str], message: str) -> None:
        """Missing comments and places, doubles, endorsed versions, broken rules: exit 2."""
        before = tree(shipped)
        result = run(shipped, "cite", *args)
        assert result.exit_code == 2
        assert message in result.stderr
        assert tree(shipped) == before

    def test_removing_the_last_citation_of_an_addressed_comment_is_refused(
        self, shipped: Path
    ) -> None:
        """Taking away the only place answering an addressed comment breaks a rule: refused."""
        places = policypos.open_repository(shipped).document(GS).version("2024").citations()
        section, statement = places["sscb-2024-03/3.4"]
        args = [f"{GS}@2024", "sscb-2024-03/3.4", "--remove"]
        assert run(shipped, "cite", args[0], section, *args[1:]).exit_code == 0
        before = tree(shipped)
        result = run(shipped, "cite", args[0], statement.split("/")[1], *args[1:])
        assert result.exit_code == 2
        assert (
            "error: comment sscb-2024-03/3.4 is addressed but no version cites it" in result.stderr
        )
        assert tree(shipped) == before


class TestEndorse:
    """endorse: the draft comes into force, the version it replaces is superseded."""

    def test_both_files_change_one_line_each(self, shipped: Path) -> None:
        """2024 becomes endorsed (its meeting stays) and 2005 superseded; nothing else changes."""
        before = tree(shipped)
        result = run(shipped, "endorse", f"{GS}@2024", "--meeting", "sscb-2024-07")
        assert result.exit_code == 0, result.output
        v2005, v2024 = f"{GS}/versions/2005.yaml", f"{GS}/versions/2024.yaml"
        after = tree(shipped)
        assert only_changed(before, after) == {v2005, v2024}
        assert changes(before[v2024], after[v2024]) == (
            ["status: proposed\n"],
            ["status: endorsed\n"],
        )
        assert changes(before[v2005], after[v2005]) == (
            ["status: endorsed\n"],
            ["status: superseded\n"],
        )
        assert_valid(shipped)
        shown = run(shipped, "show", GS, "--at", "2024-07-18")
        assert shown.stdout.startswith("Version 2024 is in force, since 18 July 2024.")

    def test_meeting_dated_before_the_version_is_refused(self, shipped: Path) -> None:
        """A new or existing meeting dated before the version's own date: one line, both dates."""
        policypos.apply_edit(
            policypos.new_version(shipped, GS, "2024", "2026", dt.date(2026, 1, 10))
        )
        before = tree(shipped)
        result = run(
            shipped, "endorse", f"{GS}@2026", "--meeting", "sscb-2025-03",
            "--body", "Board", "--date", "2025-03-12",
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr == (
            "policypos: error: meeting 'sscb-2025-03' is dated 2025-03-12, before "
            f"{GS}@2026 itself (2026-01-10): a version cannot be endorsed before it was written\n"
        )
        assert tree(shipped) == before
        existing = run(shipped, "endorse", f"{GS}@2026", "--meeting", "sscb-2024-07")
        assert existing.exit_code == 2
        assert "dated 2024-07-18, before going-straight@2026 itself (2026-01-10)" in existing.stderr
        assert tree(shipped) == before

    def test_meeting_after_today_is_refused(self, shipped: Path) -> None:
        """An endorsement records a decision made: dated ahead, it would supersede 2024 today."""
        policypos.apply_edit(
            policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 6))
        )
        before = tree(shipped)
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        result = run(
            shipped, "endorse", f"{GS}@2025", "--meeting", "sscb-later",
            "--body", "Board", "--date", tomorrow.isoformat(),
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr == (
            f"policypos: error: meeting 'sscb-later' is dated {tomorrow}, after today "
            f"({dt.date.today()}): record an endorsement once the board has made it\n"
        )
        assert tree(shipped) == before

    @pytest.mark.parametrize("day", ["2024-07-10", "2024-07-18"])
    def test_meeting_not_after_the_version_in_force_is_refused(
        self, shipped: Path, day: str
    ) -> None:
        """Endorsing on or before the day the version in force was endorsed would rewrite history."""
        assert run(shipped, "endorse", f"{GS}@2024", "--meeting", "sscb-2024-07").exit_code == 0
        policypos.apply_edit(
            policypos.new_version(shipped, GS, "2024", "2025", dt.date(2024, 7, 5))
        )
        before = tree(shipped)
        with pytest.raises(EditError, match=f"meeting 'late' is dated {day}, not after "
                           f"{GS}@2024 came into force \\(2024-07-18\\)"):  # fmt: skip
            edit.endorse(shipped, GS, "2025", "late", body="Board", date=dt.date.fromisoformat(day))
        assert tree(shipped) == before
        ok = edit.endorse(shipped, GS, "2025", "late", body="Board", date=dt.date(2024, 7, 19))
        assert len(ok.changes) == 3

    def test_meeting_is_set_when_absent(self, shipped: Path) -> None:
        """A draft endorsed gets the meeting's id after based_on."""
        policypos.apply_edit(
            policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 1))
        )
        policypos.apply_edit(policypos.add_comment(
            shipped, GS, "sscb-2025-02", "1", "Agreed.", body="Board", date=dt.date(2025, 2, 1)
        ))  # fmt: skip
        new = shipped / GS / "versions/2025.yaml"
        old = new.read_bytes()
        policypos.apply_edit(policypos.endorse(shipped, GS, "2025", "sscb-2025-02"))
        assert (
            old.decode()
            .replace("status: draft\n", "status: endorsed\n")
            .replace('based_on: "2024"\n', 'based_on: "2024"\nmeeting: sscb-2025-02\n')
            == new.read_text()
        )
        assert_valid(shipped)

    def test_endorsing_meeting_created_with_it(self, shipped: Path) -> None:
        """A meeting with no file yet is created with the endorsement, all files together."""
        policypos.apply_edit(
            policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 1))
        )
        before = tree(shipped)
        result = run(
            shipped, "endorse", f"{GS}@2025", "--meeting", "sscb-2025-07",
            "--body", "Safer and Stronger Communities Board", "--date", "2025-07-17",
            "--item", "Policy positions",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        meeting = f"{GS}/meetings/sscb-2025-07.yaml"
        after = tree(shipped)
        assert only_changed(before, after) == {
            meeting, f"{GS}/versions/2025.yaml", f"{GS}/versions/2005.yaml"
        }  # fmt: skip
        assert after[meeting] == (
            b"meeting:\n  id: sscb-2025-07\n  body: Safer and Stronger Communities Board\n"
            b'  date: 2025-07-17\n  item: Policy positions\nreviews: "2025"\n'
        )
        assert_valid(shipped)
        shown = run(shipped, "show", GS, "--at", "2025-07-17")
        assert shown.stdout.startswith("Version 2025 is in force, since 17 July 2025.")

    def test_dry_run_writes_nothing(self, shipped: Path) -> None:
        """--dry-run prints both files' diffs and leaves the tree as it was."""
        before = tree(shipped)
        result = run(shipped, "endorse", f"{GS}@2024", "--meeting", "sscb-2024-07", "--dry-run")
        assert result.exit_code == 0
        assert result.stdout.count("\n--- a/") + result.stdout.startswith("--- a/") == 2
        assert tree(shipped) == before

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([f"{GS}@2005", "--meeting", "sscb-2024-07"], "going-straight@2005 is endorsed"),
            ([f"{GS}@2024", "--meeting", "nope"], "no meeting 'nope' (known: sscb-2024-03"),
            (
                [f"{GS}@2024", "--meeting", "sscb-2024-07", "--body", "Cabinet"],
                "meeting 'sscb-2024-07' exists with other details: --body Cabinet (it has",
            ),
            ([f"{GS}@1999", "--meeting", "sscb-2024-07"], "no version 'going-straight@1999'"),
        ],
    )
    def test_bad_input_changes_nothing(self, shipped: Path, args: list[str], message: str) -> None:
        """Endorsing twice, unknown meetings and versions: exit 2, nothing written."""
        before = tree(shipped)
        result = run(shipped, "endorse", *args)
        assert result.exit_code == 2
        assert message in result.stderr
        assert tree(shipped) == before


class TestRestore:
    """restore: a past version brought back as a new draft, history untouched."""

    def test_restore_adds_a_draft(self, shipped: Path) -> None:
        """restore 2005 writes only the new file: 2005's content, draft, based on 2005."""
        before = tree(shipped)
        result = run(shipped, "restore", f"{GS}@2005", "--id", "2005-again", "--date", "2025-03-01")
        assert result.exit_code == 0, result.output
        assert only_changed(before, tree(shipped)) == {f"{GS}/versions/2005-again.yaml"}
        assert_valid(shipped)
        compared = run(shipped, "diff", f"{GS}@2005", f"{GS}@2005-again", "--exit-code")
        assert compared.exit_code == 0
        document = policypos.open_repository(shipped).document(GS)
        assert document.version("2005").status is policypos.Status.ENDORSED
        assert document.version("2005-again").based_on == "2005"

    def test_restore_of_the_newest_is_refused(self, shipped: Path) -> None:
        """The newest version has nothing to bring back: new-version is the command for it."""
        result = run(shipped, "restore", f"{GS}@2024", "--id", "x")
        assert result.exit_code == 2
        assert "is the newest version: there is nothing to restore" in result.stderr


class TestBrokenFiles:
    """An error already in the files blocks only the edits that would add to it, not the fix."""

    @pytest.fixture
    def broken(self, shipped: Path) -> Path:
        """Comment sscb-2024-07/9 hand-set to addressed with no version citing it (an error)."""
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        text = path.read_text()
        path.write_text(text.replace("disposition: open", "disposition: addressed", 1))
        assert run(shipped, "validate").exit_code == 1  # validate: 1 for errors in the files
        return shipped

    def test_the_edit_that_fixes_the_error_goes_through(self, broken: Path) -> None:
        """comment set --disposition answered removes the error: it is written, and all is valid."""
        result = run(broken, "comment", "set", GS, "sscb-2024-07/9", "--disposition", "answered")
        assert result.exit_code == 0, result.output
        assert_valid(broken)

    @pytest.mark.parametrize(
        "args",
        [
            ["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11", "--text", "More."],
            ["comment", "set", GS, "sscb-2024-07/10", "--disposition", "noted"],
            ["new-version", GS, "--from", "2024", "--id", "2025"],
        ],
        ids=["comment-add", "comment-set", "new-version"],
    )
    def test_unrelated_edits_go_through(self, broken: Path, args: list[str]) -> None:
        """Edits that neither fix nor add to the error are written; the error stays, alone."""
        result = run(broken, *args)
        assert result.exit_code == 0, result.output
        errors = [p for p in policypos.check(broken) if p.is_error]
        assert [p.message for p in errors] == [
            "comment sscb-2024-07/9 is addressed but no version cites it in 'addresses' "
            "(nor in 'removed', where a version answers it by leaving a place out)"
        ]

    def test_an_edit_bringing_a_new_error_is_still_refused(self, broken: Path) -> None:
        """A second uncited addressed comment is the edit's own error: refused, nothing written."""
        before = tree(broken)
        result = run(broken, "comment", "set", GS, "sscb-2024-07/10", "--disposition", "addressed")
        assert result.exit_code == 2
        assert "comment sscb-2024-07/10 is addressed but no version cites it" in result.stderr
        assert "sscb-2024-07/9" not in result.stderr
        assert tree(broken) == before

    def test_a_file_the_loader_cannot_read_whole_still_blocks(self, shipped: Path) -> None:
        """A record read only in part (an unknown disposition) cannot be edited safely: refused."""
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_text(path.read_text().replace("disposition: open", "disposition: opn", 1))
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/10", "--disposition", "noted")
        assert result.exit_code == 2
        assert "opn" in result.stderr


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 strings once expanded, 600 bytes as written."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "billion-laughs": billion_laughs(),
    "nested-100k": "[" * 100_000 + "]" * 100_000 + "\n",
}

EDITS = {
    "fmt-check": ["fmt", "--check"],
    "fmt": ["fmt"],
    "fmt-file": ["fmt", f"{GS}/meetings/hostile.yaml"],
    "new-version": ["new-version", GS, "--from", "2024", "--id", "2025"],
    "comment-add": ["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11", "--text", "x"],
    "comment-set": ["comment", "set", GS, "sscb-2024-07/10", "--disposition", "noted"],
    "cite": ["cite", f"{GS}@2024", "1.1", "sscb-2024-07/9"],
    "endorse": ["endorse", f"{GS}@2024", "--meeting", "sscb-2024-07"],
    "restore": ["restore", f"{GS}@2005", "--id", "2025"],
}


class TestCommentsStayPut:
    """YAML comments the officers wrote stay on the lines they wrote them on."""

    def test_cite_leaves_an_end_of_line_comment_on_its_line(self, shipped: Path) -> None:
        """addresses goes below 'tags: [...]  # officer note'; the note stays on the tags line."""
        path = shipped / GS / "versions/2024.yaml"
        path.write_text(
            path.read_text().replace(
                "tags: [partnership]\n", "tags: [partnership]  # officer note\n"
            )
        )
        before = path.read_bytes()
        result = run(shipped, "cite", f"{GS}@2024", "gen-1", "sscb-2024-07/9")
        assert result.exit_code == 0, result.output
        assert changes(before, path.read_bytes()) == (
            [],
            ["        addresses: [sscb-2024-07/9]\n"],
        )

    def test_set_leaves_an_end_of_line_comment_on_the_disposition(self, shipped: Path) -> None:
        """response goes below 'disposition: open  # AB to chase'; the blank line after stays."""
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_text(
            path.read_text().replace("disposition: open\n", "disposition: open  # AB to chase\n", 1)
        )
        before = path.read_bytes()
        result = run(
            shipped, "comment", "set", GS, "sscb-2024-07/9", "--response", "Yes.", "--correction"
        )
        assert result.exit_code == 0, result.output
        after = path.read_text()
        assert changes(before, after.encode()) == ([], ["    response: Yes.\n"])
        assert "    disposition: open  # AB to chase\n    response: Yes.\n\n  - id:" in after

    def test_set_keeps_a_closing_comment_block_at_the_end(self, shipped: Path) -> None:
        """A comment block closing the file stays below the last comment's new response."""
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_text(path.read_text() + "# Minutes checked by AB.\n")
        before = path.read_bytes()
        result = run(
            shipped, "comment", "set", GS, "sscb-2024-07/10", "--response", "No.", "--correction"
        )
        assert result.exit_code == 0, result.output
        assert changes(before, path.read_bytes()) == ([], ["    response: No.\n"])
        assert path.read_text().endswith("    response: No.\n# Minutes checked by AB.\n")

    @pytest.mark.parametrize("note", ["", "  # AB to chase"])
    def test_add_goes_above_a_closing_comment_block(self, shipped: Path, note: str) -> None:
        """The new comment goes above the file's closing comment block, after a blank line."""
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        text = path.read_text()
        cut = text.rindex("disposition: open\n")
        path.write_text(
            text[:cut] + f"disposition: open{note}\n" + text[cut + len("disposition: open\n") :]
            + "# Minutes checked by AB.\n"
        )  # fmt: skip
        before = path.read_bytes()
        result = run(
            shipped, "comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11", "--text", "More."
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert path.read_text().endswith(
            f"    disposition: open{note}\n\n"
            '  - id: "11"\n    kind: comment\n    text: More.\n    disposition: open\n'
            "# Minutes checked by AB.\n"
        )
        assert changes(before, path.read_bytes())[0] == []


class TestHostileFiles:
    """A file the loader refuses is refused by every edit and fmt before anything expands it."""

    @pytest.mark.parametrize("command", EDITS.values(), ids=EDITS.keys())
    @pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
    def test_refused_at_once_in_one_line(
        self, shipped: Path, content: str, command: list[str]
    ) -> None:
        """One 'file:line:col: error:' line and exit 2, well within a timeout; nothing written."""
        hostile = shipped / GS / "meetings/hostile.yaml"
        hostile.write_text(content)
        before = tree(shipped)
        result = subprocess.run(
            [sys.executable, "-m", "policypos", "--repo", str(shipped), *command],
            cwd=shipped,
            capture_output=True,
            text=True,
            timeout=60,  # unguarded, the bomb runs for ever and the nesting overflows the stack
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert re.fullmatch(
            rf"\S*{GS}/meetings/hostile\.yaml:\d+:\d+: error: [^\n]+\n", result.stderr
        )
        assert tree(shipped) == before

    def test_api_raises_load_error(self, make_repo: MakeRepo) -> None:
        """format_files raises LoadError naming the alias, without expanding it."""
        root = make_repo({"doc/meetings/m1.yaml": billion_laughs()})
        with pytest.raises(LoadError, match=r"m1\.yaml:2:.*aliases"):
            policypos.format_files(root)


class TestSafety:
    """Conflicts, the deepdiff guard, interrupted edits."""

    def test_file_changed_after_composing_is_refused(self, shipped: Path) -> None:
        """A file changed on disk between composing and writing is left as the other writer made it."""
        composed = policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted")
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_bytes(path.read_bytes() + b"# someone else\n")
        with pytest.raises(ConflictError, match=f"{path}: changed on disk after the edit"):
            policypos.apply_edit(composed)
        assert path.read_bytes().endswith(b"# someone else\n")

    def test_new_file_created_meanwhile_is_refused(self, shipped: Path) -> None:
        """A new version file that appeared after composing is not overwritten."""
        composed = policypos.new_version(shipped, GS, "2024", "2025")
        path = shipped / GS / "versions/2025.yaml"
        path.write_text("mine")
        with pytest.raises(ConflictError, match="was created after the edit"):
            policypos.apply_edit(composed)
        assert path.read_text() == "mine"

    def test_guard_refuses_an_unmeant_change(
        self, shipped: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A composer that also touches another field is refused, naming the path, nothing written."""
        real = edit._edit_bytes

        def careless(original: bytes, path: Path, change: Any) -> bytes:
            def both(tree: Any) -> None:
                change(tree)
                tree["meeting"]["body"] = "Another board"

            return real(original, path, both)

        monkeypatch.setattr(edit, "_edit_bytes", careless)
        before = tree(shipped)
        with pytest.raises(
            UnintendedChangeError, match=r"would change root\['meeting'\]\['body'\]"
        ):
            policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted")
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--disposition", "noted")
        assert result.exit_code == 2
        assert "root['meeting']['body']" in result.stderr
        assert tree(shipped) == before

    def test_guard_allows_only_the_meant_paths(self) -> None:
        """The guard lets a change under a meant path through, and not one next to it."""
        old = {"comments": [{"id": "1", "disposition": "open"}, {"id": "10"}]}
        new = {"comments": [{"id": "1", "disposition": "noted"}, {"id": "10"}]}
        edit._guard(Path("f"), old, new, [("comments", 0, "disposition")])
        with pytest.raises(UnintendedChangeError):
            edit._guard(Path("f"), old, new, [("comments", 1)])

    def test_interrupted_endorse_is_completed_before_the_next_command(self, shipped: Path) -> None:
        """A journal left by a killed endorse is rolled forward (said on stderr) before validate reads."""
        composed = policypos.endorse(shipped, GS, "2024", "sscb-2024-07")
        renames = []
        for change in composed.changes:
            temporary = _writing.write_temporary(change.path, change.after)
            renames.append(
                [
                    temporary.relative_to(shipped).as_posix(),
                    change.path.relative_to(shipped).as_posix(),
                ]
            )
        (shipped / edit.JOURNAL).write_text(json.dumps({"renames": renames}))
        # The first rename had happened when the process died.
        (shipped / renames[0][0]).replace(shipped / renames[0][1])
        result = run(shipped, "validate")
        assert result.exit_code == 0, result.output
        assert "policypos: completed an interrupted edit (.policypos-journal)" in result.stderr
        for change in composed.changes:
            assert change.path.read_bytes() == change.after
        assert not (shipped / edit.JOURNAL).exists()
        assert not list(shipped.rglob(f"*{_writing.TEMP_SUFFIX}"))

    def test_leftover_temporary_is_removed(self, shipped: Path) -> None:
        """A temporary no journal lists (the edit had not decided) is removed, the file untouched."""
        path = shipped / GS / "versions/2024.yaml"
        old = path.read_bytes()
        temporary = _writing.write_temporary(path, b"half")
        assert policypos.recover(shipped) == (
            f"removed {temporary.relative_to(shipped).as_posix()}, left by an interrupted edit",
        )
        assert not temporary.exists()
        assert path.read_bytes() == old

    def test_loader_ignores_temporaries(self, shipped: Path) -> None:
        """A temporary file in versions/ is not read as a version (dot names are skipped)."""
        _writing.write_temporary(shipped / GS / "versions/2024.yaml", b"not: [yaml")
        assert policypos.check(shipped) == ()

    def test_unknown_document(self, shipped: Path) -> None:
        """Every composer names a document the repository does not hold."""
        with pytest.raises(NotFoundError, match="no document 'nope'"):
            policypos.endorse(shipped, "nope", "1", "m")

    def test_invalid_edit_carries_problems(self, shipped: Path) -> None:
        """InvalidEditError is a LoadError: its problems are the validator's, in the real files."""
        with pytest.raises(InvalidEditError) as caught:
            policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="addressed")
        (problem,) = caught.value.problems
        assert problem.location is not None
        assert problem.location.path == shipped / GS / "meetings/sscb-2024-07.yaml"


class TestDryRun:
    """--dry-run prints what would change and writes nothing, for every editing command."""

    @pytest.mark.parametrize(
        "args",
        [
            ["new-version", GS, "--from", "2024", "--id", "2025"],
            ["restore", f"{GS}@2005", "--id", "again"],
            ["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "11", "--text", "More."],
            ["comment", "add", GS, "--meeting", "new-m", "--id", "1", "--text", "x", "--body", "B"],
            ["comment", "set", GS, "sscb-2024-07/9", "--disposition", "noted"],
            ["cite", f"{GS}@2024", "4.1", "sscb-2024-07/9"],
            ["cite", f"{GS}@2024", "gen-2", "sscb-2024-03/3.1", "--remove"],
            ["endorse", f"{GS}@2024", "--meeting", "sscb-2024-07"],
        ],
        ids=lambda a: " ".join(a[:2]),
    )
    def test_dry_run_writes_nothing(self, shipped: Path, args: list[str]) -> None:
        """The whole tree is byte for byte the same, and the diff says what the command would do."""
        before = tree(shipped)
        result = run(shipped, *args, "--dry-run")
        assert result.exit_code == 0, result.output
        assert tree(shipped) == before
        assert result.stdout.startswith(("--- a/", "--- /dev/null"))
        applied = run(shipped, *args)
        assert applied.exit_code == 0
        edited = tree(shipped)
        assert only_changed(before, edited) == {
            line[6:] for line in result.stdout.splitlines() if line.startswith("+++ b/")
        }

    def test_fmt_dry_run(self, make_repo: MakeRepo) -> None:
        """fmt --dry-run prints the re-indented lines and leaves the file alone."""
        root = make_repo(
            {"doc/meetings/m1.yaml": "meeting:\n    id: m1\n    body: B\n    date: 2024-01-01\n"}
        )
        before = tree(root)
        result = run(root, "fmt", "--dry-run")
        assert result.exit_code == 0
        assert "-    id: m1\n-    body: B\n-    date: 2024-01-01\n+  id: m1\n" in result.stdout
        assert tree(root) == before


class TestDiffText:
    """Edit.diff is what git diff would print."""

    def test_relative_paths(self, shipped: Path) -> None:
        """Paths are relative to the repository, with a/ and b/ prefixes."""
        composed = policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted")
        assert composed.diff().splitlines()[:2] == [
            f"--- a/{GS}/meetings/sscb-2024-07.yaml",
            f"+++ b/{GS}/meetings/sscb-2024-07.yaml",
        ]


def test_recovery_leaves_other_writers_temporaries(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document written beside the positions (no lock held) survives a command starting meanwhile.

    Recovery removes only edits' temporaries; a render's, caught between its
    write and its rename, is not one of them.
    """
    target = shipped / "annex.md"
    rename = Path.replace

    def replace_after_recovery(self: Path, to: Any) -> Path:
        if to == target:
            assert policypos.recover(shipped) == ()
            assert self.exists()
        return rename(self, to)

    monkeypatch.setattr(Path, "replace", replace_after_recovery)
    _writing.replace_atomically(target, b"# Annex\n")
    assert target.read_bytes() == b"# Annex\n"


class TestHostileFolders:
    """What a document folder holds beside its files, and files an edit may not touch (tester 11)."""

    def test_edits_pass_pipes_devices_and_loops_by(self, shipped: Path) -> None:
        import os

        folder = shipped / GS
        (folder / "up").symlink_to("..")
        (folder / "notes.txt").symlink_to("/dev/zero")
        os.mkfifo(folder / "versions" / "x.yaml")
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--response", "Noted.")
        assert result.exit_code == 0, result.output
        assert "response: Noted." in (folder / "meetings/sscb-2024-07.yaml").read_text()
        check = run(shipped, "fmt", "--check")  # the pipe and the device are not read
        assert check.exit_code == 0, check.output

    def test_a_read_only_file_is_refused(
        self, shipped: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Not replaced behind its owner's back: one line, exit 2 (as root, access is faked)."""
        import os

        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        real = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode, **kw: False if Path(p) == path else real(p, mode, **kw)
        )
        before = tree(shipped)
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--response", "Noted.")
        assert result.exit_code == 2
        assert f"cannot write {path}: Permission denied" in result.stderr
        assert tree(shipped) == before

    @pytest.mark.parametrize("date", ["2024-02-30", "2024-13-01", "2024-00-10"])
    def test_fmt_on_a_date_that_is_no_date(self, shipped: Path, date: str) -> None:
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_text(path.read_text().replace("date: 2024-07-18", f"date: {date}"))
        for args in (["fmt", "--check"], ["fmt"]):
            result = run(shipped, *args)
            assert result.exit_code == 2
            assert result.stderr.startswith(f"{path}:6:9: error: '{date}' is not a real date")

    @pytest.mark.parametrize("heading", [b"# note\n# more\n---\n", b"%YAML 1.2\n# note\n--- \n"])
    def test_fmt_keeps_comments_above_a_document_start(self, shipped: Path, heading: bytes) -> None:
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        canonical = path.read_bytes()
        path.write_bytes(heading + canonical)
        assert run(shipped, "fmt").exit_code == 0
        kept = b"".join(line + b"\n" for line in heading.splitlines() if line.startswith(b"#"))
        assert path.read_bytes() == kept + canonical
        assert run(shipped, "fmt", "--check").exit_code == 0


def share(shipped: Path, relative: str, where: Path) -> Path:
    """Move the repository's file *relative* to *where* and leave a relative link in its place."""
    import os

    link = shipped / relative
    where.parent.mkdir(parents=True, exist_ok=True)
    link.replace(where)
    link.symlink_to(os.path.relpath(where, link.parent))
    return where


LINKED_EDITS = {
    "comment add": (
        f"{GS}/meetings/sscb-2024-07.yaml",
        ["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "99", "--text", "More.",
         "--by", "Board members", "--date", "2024-07-18"],
        "text: More.",
    ),
    "comment set": (
        f"{GS}/meetings/sscb-2024-07.yaml",
        ["comment", "set", GS, "sscb-2024-07/9", "--response", "Noted."],
        "response: Noted.",
    ),
    "endorse": (  # two files, through the journal: the link is the version superseded
        f"{GS}/versions/2005.yaml",
        ["endorse", f"{GS}@2024", "--meeting", "sscb-2024-07"],
        "status: superseded",
    ),
}  # fmt: skip


class TestLinkedFiles:
    """A data file that is a symbolic link is written through, never replaced (tester 11, B6).

    Every editing command writes through one function (``_writing.write_files``);
    these go through it by one file, by the journal of several, and by fmt.
    """

    @pytest.mark.parametrize("command", LINKED_EDITS)
    def test_a_link_inside_the_repository_stays_and_its_file_changes(
        self, shipped: Path, command: str
    ) -> None:
        relative, args, written = LINKED_EDITS[command]
        target = share(shipped, relative, shipped / "_shared" / Path(relative).name)
        result = run(shipped, *args)
        assert result.exit_code == 0, result.output
        link = shipped / relative
        assert link.is_symlink()
        assert link.resolve() == target.resolve()
        assert written in target.read_text()
        assert not list(shipped.rglob(f"*{_writing.TEMP_SUFFIX}"))
        assert_valid(shipped)

    @pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["write", "dry-run"])
    @pytest.mark.parametrize("command", LINKED_EDITS)
    def test_a_link_outside_the_repository_is_refused(
        self, shipped: Path, tmp_path: Path, command: str, dry_run: list[str]
    ) -> None:
        relative, args, _ = LINKED_EDITS[command]
        target = share(shipped, relative, tmp_path / "elsewhere" / Path(relative).name)
        before, outside = tree(shipped), target.read_bytes()
        result = run(shipped, *args, *dry_run)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            f"{shipped / relative}: error: a link to {target.resolve()}, outside the positions "
            f"repository {shipped}; nothing was written (edit the file where it is, or replace "
            "the link with a copy)\n"
        )
        assert tree(shipped) == before
        assert (shipped / relative).is_symlink()
        assert target.read_bytes() == outside

    def test_fmt_writes_through_a_link_and_names_the_file_once(self, shipped: Path) -> None:
        relative = f"{GS}/versions/2024.yaml"
        target = share(shipped, relative, shipped / "_shared/2024.yaml")
        canonical = target.read_bytes()
        target.write_bytes(canonical.replace(b"\nversion: ", b"\nversion:   ", 1))
        check = run(shipped, "fmt", "--check")
        assert check.exit_code == 1
        assert check.stdout == f"would reformat {target}\n"
        result = run(shipped, "fmt")
        assert result.exit_code == 0, result.output
        assert result.stderr == f"policypos: wrote {target}\n"
        assert (shipped / relative).is_symlink()
        assert target.read_bytes() == canonical

    def test_a_leftover_temporary_beside_a_linked_file_is_removed(self, shipped: Path) -> None:
        """An edit killed while writing through a link left its temporary in that folder."""
        target = share(shipped, f"{GS}/versions/2024.yaml", shipped / "_shared/2024.yaml")
        temporary = _writing.write_temporary(target, b"half")
        result = run(shipped, "validate")
        assert result.exit_code == 0, result.output
        assert f"removed _shared/{temporary.name}, left by an interrupted edit" in result.stderr
        assert not temporary.exists()


class TestScratchFolders:
    """The scratch folders edits check themselves in are cleared once their process is gone (C2)."""

    KILLED_MID_CHECK = """
import os, signal, sys
from policypos import edit
from policypos.cli import cli

real = edit._copy_what_is_read

def killed(*args):
    real(*args)  # the scratch folder is made and filled: the check is under way
    os.kill(os.getpid(), signal.SIGKILL)

edit._copy_what_is_read = killed
cli(["--repo", sys.argv[1], "comment", "set", "going-straight", "sscb-2024-07/9", "--response", "x"])
"""

    def test_a_killed_edit_leaves_a_folder_the_next_edit_removes(
        self, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import os
        import tempfile
        import time

        temp = tmp_path / "tmp"
        temp.mkdir()
        killed = subprocess.run(
            [sys.executable, "-c", self.KILLED_MID_CHECK, str(shipped)],
            env={**os.environ, "TMPDIR": str(temp)},
            check=False,
        )
        assert killed.returncode == -9
        (left,) = temp.iterdir()
        assert re.fullmatch(r"policypos-edit-[0-9]+-\w+", left.name), left.name
        live = temp / f"policypos-new-{os.getpid()}-running"  # this process runs
        fresh = temp / "policypos-edit-abcd1234"  # an older policypos's, under way
        old = temp / "policypos-edit-efgh5678"  # an older policypos's, two days old
        named = temp / "policypos-edit-999999999-afile"  # not a folder
        unrelated = temp / "other-1-x"
        for folder in (live, fresh, old, unrelated):
            folder.mkdir()
            (folder / "f.yaml").write_text("x")
        named.write_text("x")
        two_days_ago = time.time() - 2 * 24 * 60 * 60
        os.utime(old, (two_days_ago, two_days_ago))
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        result = run(shipped, "comment", "set", GS, "sscb-2024-07/9", "--response", "Noted.")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in temp.iterdir()) == sorted(
            p.name for p in (live, fresh, named, unrelated)
        )
        assert (live / "f.yaml").read_text() == "x"
