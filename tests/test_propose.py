"""propose: a draft put to the meeting its board paper goes to, through the CLI and the API."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos import edit
from policypos.cli import cli
from policypos.errors import EditError
from tests.conftest import ROOT, VERSION, MakeRepo
from tests.test_edit import GS, assert_valid, changes, only_changed, tree

BOARD = "Safer and Stronger Communities Board"
NEW_MEETING = [
    "--meeting", "sscb-2025-03", "--body", BOARD, "--date", "2025-03-13",
    "--item", "Re-offending: the 2025 statement",
]  # fmt: skip


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def past_warning(meeting: str, date: str, version: str = "2024") -> str:
    """The line propose prints for a meeting that has already met."""
    return (
        f"policypos: warning: {meeting} met on {date}, before today ({dt.date.today()}): "
        f"{GS}@{version} stays proposed until the board's decision is recorded "
        f"('policypos endorse {GS}@{version} --meeting {meeting}' if it endorsed it)"
    )


def past_note(meeting: str, date: str, version: str = "2024") -> str:
    """The note propose's API gives for a meeting that has already met: the call to make."""
    return (
        past_warning(meeting, date, version)
        .removeprefix("policypos: ")
        .replace(
            f"'policypos endorse {GS}@{version} --meeting {meeting}'",
            f"policypos.endorse(root, {GS!r}, {version!r}, {meeting!r})",
        )
    )


@pytest.fixture
def drafted(shipped: Path) -> Path:
    """The shipped repository with a draft 2025 of going-straight, dated 6 January 2025."""
    policypos.apply_edit(policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 6)))
    return shipped


class TestPropose:
    """The draft becomes proposed for a meeting; only its two lines (and a new meeting) change."""

    def test_new_meeting_and_two_lines(self, drafted: Path) -> None:
        """A meeting with no file is created from --body, --date, --item; the draft gets two lines."""
        before = tree(drafted)
        result = run(drafted, "propose", f"{GS}@2025", *NEW_MEETING)
        assert result.exit_code == 0, result.output
        meeting, version = f"{GS}/meetings/sscb-2025-03.yaml", f"{GS}/versions/2025.yaml"
        after = tree(drafted)
        assert only_changed(before, after) == {meeting, version}
        assert after[meeting] == (
            b"meeting:\n  id: sscb-2025-03\n  body: Safer and Stronger Communities Board\n"
            b'  date: 2025-03-13\n  item: "Re-offending: the 2025 statement"\nreviews: "2025"\n'
        )
        assert changes(before[version], after[version]) == (
            ["status: draft\n"],
            ["status: proposed\n", "meeting: sscb-2025-03\n"],
        )
        assert result.stderr == (
            f"policypos: wrote {drafted / meeting}\npolicypos: wrote {drafted / version}\n"
            f"{past_warning('sscb-2025-03', '2025-03-13', '2025')}\n"
        )
        assert_valid(drafted)

    def test_report_then_shows_the_meeting_and_date(self, drafted: Path) -> None:
        """The board paper and its annex name the meeting, its date and the agenda item."""
        before = run(drafted, "render", "report", f"{GS}@2025").stdout
        assert "Draft, 6 January 2025" in before
        assert run(drafted, "propose", f"{GS}@2025", *NEW_MEETING).exit_code == 0
        out = run(drafted, "render", "report", f"{GS}@2025").stdout
        assert out.startswith(f"# Re-offending: the 2025 statement\n\n{BOARD}, 13 March 2025\n")
        assert f"Proposed: for the {BOARD}, 13 March 2025." in out
        assert "Draft, 6 January 2025" not in out
        html = run(drafted, "render", "report", f"{GS}@2025", "--format", "html").stdout
        assert f'<p class="meta">{BOARD}, 13 March 2025</p>' in html

    def test_api_with_an_existing_meeting(self, drafted: Path) -> None:
        """policypos.propose to a meeting that has a file changes only the version's file."""
        policypos.apply_edit(
            policypos.add_comment(
                drafted, GS, "sscb-2025-02", "1", "Say more about housing.",
                body=BOARD, date=dt.date(2025, 2, 6), reviews="2025",
            )
        )  # fmt: skip
        before = tree(drafted)
        composed = policypos.propose(drafted, GS, "2025", "sscb-2025-02")
        assert composed.paths == (drafted / GS / "versions/2025.yaml",)
        assert composed.warnings == ()
        assert tree(drafted) == before  # composing writes nothing
        policypos.apply_edit(composed)
        version = policypos.open_repository(drafted).document(GS).version("2025")
        assert (version.status, version.meeting) == (policypos.Status.PROPOSED, "sscb-2025-02")
        assert_valid(drafted)

    def test_meeting_without_reviews_is_left_alone(self, drafted: Path) -> None:
        """A meeting that reviewed no version can take the draft; its file is not touched."""
        policypos.apply_edit(
            policypos.add_comment(
                drafted, GS, "sscb-2025-02", "1", "More on housing.",
                body=BOARD, date=dt.date(2025, 2, 6),
            )
        )  # fmt: skip
        composed = edit.propose(drafted, GS, "2025", "sscb-2025-02")
        assert [p.name for p in composed.paths] == ["2025.yaml"]

    def test_dry_run_writes_nothing(self, drafted: Path) -> None:
        """--dry-run prints both files' diffs and leaves every file as it was."""
        before = tree(drafted)
        result = run(drafted, "propose", f"{GS}@2025", *NEW_MEETING, "--dry-run")
        assert result.exit_code == 0, result.output
        assert tree(drafted) == before
        assert result.stdout.startswith("--- /dev/null\n+++ b/going-straight/meetings/sscb-2025-03")
        assert "-status: draft\n+status: proposed\n" in result.stdout
        assert "+meeting: sscb-2025-03\n" in result.stdout

    @pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
    def test_comments_and_layout_stay(self, make_repo: MakeRepo, ending: str) -> None:
        """Comments in the draft stay on their lines; a CRLF file keeps its line ends."""
        draft = (
            "# A draft for the spring meeting.\n"
            'version: "v2"\n'
            "date: 2024-03-01\n"
            "status: draft  # not yet sent\n"
            'based_on: "v1"\n'
            "# The sections follow.\n"
            "sections:\n"
            "  - id: s1\n"
            "    title: One\n"
            "    statements:\n"
            "      - id: a\n"
            "        text: First, amended.\n"
        )
        root = make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": draft.replace("\n", ending).encode(),
                "doc/meetings/m2.yaml": "meeting:\n  id: m2\n  body: Cabinet\n  date: 2024-04-01\n",
            }
        )
        policypos.apply_edit(policypos.propose(root, "doc", "v2", "m2"))
        expected = draft.replace(
            "status: draft  # not yet sent\n", "status: proposed # not yet sent\n"
        ).replace('based_on: "v1"\n', 'based_on: "v1"\nmeeting: m2\n')
        assert (root / "doc/versions/v2.yaml").read_bytes() == expected.replace(
            "\n", ending
        ).encode()
        assert_valid(root)


class TestMove:
    """A proposed version moves to another meeting when the item is deferred."""

    DEFERRED = ("--meeting", "sscb-2024-09", "--body", BOARD, "--date", "2024-09-19")

    def test_cli_moves_and_says_so(self, shipped: Path) -> None:
        """Only the meeting line changes; stderr names the meeting left and the one joined."""
        before = tree(shipped)
        result = run(shipped, "propose", f"{GS}@2024", *self.DEFERRED)
        assert result.exit_code == 0, result.output
        version, meeting = f"{GS}/versions/2024.yaml", f"{GS}/meetings/sscb-2024-09.yaml"
        after = tree(shipped)
        assert only_changed(before, after) == {meeting, version}
        assert changes(before[version], after[version]) == (
            ["meeting: sscb-2024-07\n"],
            ["meeting: sscb-2024-09\n"],
        )
        assert result.stderr.endswith(
            f"policypos: {GS}@2024 moves from meeting sscb-2024-07 (2024-07-18) "
            f"to sscb-2024-09 (2024-09-19)\n{past_warning('sscb-2024-09', '2024-09-19')}\n"
        )
        assert_valid(shipped)
        paper = run(shipped, "render", "report", f"{GS}@2024").stdout
        assert f"{BOARD}, 19 September 2024" in paper

    def test_dry_run_says_so_and_writes_nothing(self, shipped: Path) -> None:
        """--dry-run prints the diff and the note, and writes nothing."""
        before = tree(shipped)
        result = run(shipped, "propose", f"{GS}@2024", *self.DEFERRED, "--dry-run")
        assert result.exit_code == 0, result.output
        assert "-meeting: sscb-2024-07\n+meeting: sscb-2024-09\n" in result.stdout
        assert "moves from meeting sscb-2024-07" in result.stderr
        assert tree(shipped) == before

    def test_api_moves_to_an_existing_meeting(self, shipped: Path) -> None:
        """policypos.propose on a proposed version: notes say which meeting it left."""
        policypos.apply_edit(
            policypos.add_comment(
                shipped, GS, "sscb-2024-10", "1", "Deferred from July.",
                body=BOARD, date=dt.date(2024, 10, 3),
            )
        )  # fmt: skip
        composed = policypos.propose(shipped, GS, "2024", "sscb-2024-10")
        assert composed.paths == (shipped / GS / "versions/2024.yaml",)
        assert composed.notes == (
            f"{GS}@2024 moves from meeting sscb-2024-07 (2024-07-18) to sscb-2024-10 (2024-10-03)",
            past_note("sscb-2024-10", "2024-10-03"),
        )
        policypos.apply_edit(composed)
        version = policypos.open_repository(shipped).document(GS).version("2024")
        assert (version.status, version.meeting) == (policypos.Status.PROPOSED, "sscb-2024-10")
        assert_valid(shipped)

    def test_a_draft_has_no_note(self, drafted: Path) -> None:
        """Proposing a draft to a meeting to come is no move: nothing to say beyond the files."""
        ahead = dt.date.today() + dt.timedelta(days=30)
        composed = policypos.propose(drafted, GS, "2025", "m", body=BOARD, date=ahead)
        assert composed.notes == ()

    def test_api_refuses_a_move_before_the_version(self, shipped: Path) -> None:
        """A meeting dated before the version cannot take it, moved or not."""
        with pytest.raises(EditError, match="before going-straight@2024 itself"):
            policypos.propose(shipped, GS, "2024", "early", body=BOARD, date=dt.date(2024, 6, 1))
        with pytest.raises(EditError, match="is endorsed, not a draft"):
            policypos.propose(shipped, GS, "2005", "sscb-2024-07")


class TestRefused:
    """What propose refuses: exit 2, one line on stderr, nothing written."""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                [f"{GS}@2024", "--meeting", "sscb-2024-07"],
                f"{GS}@2024 is already proposed for sscb-2024-07: give the meeting it moves to",
            ),
            (
                [f"{GS}@2005", "--meeting", "sscb-2024-07"],
                f"{GS}@2005 is endorsed, not a draft: only a draft can be proposed, or a "
                "proposed version moved to another meeting (start a new draft with "
                "'policypos new-version')",
            ),
            (
                [f"{GS}@2005", "--meeting", "sscb-2025-09", "--body", BOARD,
                 "--date", "2025-09-11"],
                f"{GS}@2005 is endorsed, not a draft",
            ),
            (
                [f"{GS}@2024", "--meeting", "sscb-2024-03"],
                "meeting 'sscb-2024-03' is dated 2024-03-14, before going-straight@2024 itself "
                "(2024-07-01): a version cannot be proposed to a meeting before it was written",
            ),
            (
                [f"{GS}@2025", "--meeting", "sscb-2025-03"],
                f"{GS} has no meeting 'sscb-2025-03' (known: sscb-2024-03, sscb-2024-07): "
                "give --body and --date to create it",
            ),
            (
                [f"{GS}@2025", "--meeting", "sscb-2025-03", "--body", BOARD],
                "give --body and --date to create it",
            ),
            (
                [f"{GS}@2025", "--meeting", "sscb-2024-07", "--body", "Cabinet"],
                "meeting 'sscb-2024-07' exists with other details: --body Cabinet (it has",
            ),
            (
                [f"{GS}@2025", "--meeting", "sscb-2024-07"],
                "meeting 'sscb-2024-07' is dated 2024-07-18, before going-straight@2025 itself "
                "(2025-01-06): a version cannot be proposed to a meeting before it was written",
            ),
            (
                [f"{GS}@2025", "--meeting", "early", "--body", BOARD, "--date", "2025-01-05"],
                "meeting 'early' is dated 2025-01-05, before going-straight@2025 itself",
            ),
            (
                [f"{GS}@2025", "--meeting", "no/such", "--body", BOARD, "--date", "2025-03-13"],
                "meeting id 'no/such' is not a valid id",
            ),
            (
                [f"{GS}@2025", "--meeting", "m", "--body", "Board\nX", "--date", "2025-03-13"],
                "--body must be one line of text, without control characters",
            ),
            ([f"{GS}@1999", "--meeting", "sscb-2024-07"], "no version 'going-straight@1999'"),
            ([GS, "--meeting", "sscb-2024-07"], "name the version to edit, as DOC@VERSION"),
        ],
        ids=[
            "same-meeting", "endorsed", "endorsed-new-meeting", "move-before-version",
            "no-meeting", "no-date", "exists", "before-existing",
            "before-new", "bad-id", "line-break", "no-version", "no-version-named",
        ],
    )  # fmt: skip
    def test_one_line_nothing_written(self, drafted: Path, args: list[str], message: str) -> None:
        before = tree(drafted)
        result = run(drafted, "propose", *args)
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
        assert tree(drafted) == before

    def test_meeting_that_reviewed_another_version(self, drafted: Path) -> None:
        """A later meeting that looked at another version is not the one this draft goes to."""
        policypos.apply_edit(
            policypos.add_comment(
                drafted, GS, "sscb-2025-02", "1", "Keep 2024 as it is.",
                body=BOARD, date=dt.date(2025, 2, 6), reviews="2024",
            )
        )  # fmt: skip
        before = tree(drafted)
        with pytest.raises(EditError, match="meeting 'sscb-2025-02' reviewed going-straight@2024"):
            policypos.propose(drafted, GS, "2025", "sscb-2025-02")
        result = run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-02")
        assert result.exit_code == 2
        assert tree(drafted) == before

    def test_api_needs_a_date_for_a_new_meeting(self, drafted: Path) -> None:
        """No default date: the meeting a paper goes to is rarely today."""
        with pytest.raises(EditError, match="give body= and date= to create it"):
            policypos.propose(drafted, GS, "2025", "sscb-2025-03", body=BOARD)


class TestCycle:
    """The whole cycle of docs/editing.md runs with no YAML edited by hand."""

    def test_draft_to_endorsement(self, shipped: Path) -> None:
        steps = [
            ["new-version", GS, "--from", "2024", "--id", "2025", "--date", "2025-01-06"],
            ["comment", "add", GS, "--meeting", "sscb-2025-01", "--id", "1",
             "--text", "Say more about housing.", "--body", BOARD, "--date", "2025-01-16",
             "--reviews", "2025"],
            ["cite", f"{GS}@2025", "accommodation", "sscb-2025-01/1"],
            ["comment", "set", GS, "sscb-2025-01/1", "--disposition", "addressed"],
            ["propose", f"{GS}@2025", *NEW_MEETING],
            ["endorse", f"{GS}@2025", "--meeting", "sscb-2025-03"],
        ]  # fmt: skip
        for step in steps:
            result = run(shipped, *step)
            assert result.exit_code == 0, (step, result.output)
            assert_valid(shipped)
        document = policypos.open_repository(shipped).document(GS)
        assert document.version("2025").status is policypos.Status.ENDORSED
        assert document.in_force(dt.date(2025, 3, 13)).id == "2025"  # type: ignore[union-attr]


class TestRewordingExample:
    """The worked example of docs/editing.md ("Reword the draft") gives what the page shows."""

    def blocks(self) -> list[str]:
        text = (ROOT / "docs/editing.md").read_text()
        section = text[text.index("## 2. Reword the draft") : text.index("## 3. Record comments")]
        return re.findall(r"```(?:yaml)?\n(.*?)```", section, re.S)

    def test_example_validates_and_diffs_as_shown(self, drafted: Path) -> None:
        _, edited, shown, duplicate, _ = self.blocks()
        path = drafted / GS / "versions/2025.yaml"
        text = path.read_text()
        start, end = text.index("      - id: acc-1\n"), text.index("      - id: acc-4\n")
        path.write_text(text[:start] + edited + text[end + len("      - id: acc-4\n") :])
        assert_valid(drafted)
        compared = run(drafted, "diff", f"{GS}@2025")
        assert compared.exit_code == 0, compared.output
        assert shown in compared.stdout
        assert run(drafted, "fmt", "--check").exit_code == 0
        path.write_text(path.read_text().replace("- id: acc-5\n", "- id: acc-4\n"))
        checked = run(drafted, "validate")
        assert checked.exit_code == 1
        assert checked.stdout == duplicate.replace("positions/going-straight/", f"{drafted / GS}/")

    def test_short_indent_example_is_what_validate_says(self, drafted: Path) -> None:
        """The page's key indented too little ('tags:' at column 5) gives the error it shows."""
        *_, shown = self.blocks()
        path = drafted / GS / "versions/2024.yaml"
        lines = path.read_text().splitlines(keepends=True)
        assert lines[27] == "        tags: [partnership]\n"
        lines[27] = lines[27][4:]
        path.write_text("".join(lines))
        checked = run(drafted, "validate")
        assert checked.exit_code == 1
        assert checked.stdout == shown.replace("going-straight/", f"{drafted / GS}/", 1)


def test_a_meeting_still_to_come_is_welcome(drafted: Path) -> None:
    """Unlike endorse, propose takes a meeting dated after today: the paper goes to it."""
    ahead = dt.date.today() + dt.timedelta(days=30)
    composed = policypos.propose(drafted, GS, "2025", "next", body=BOARD, date=ahead)
    policypos.apply_edit(composed)
    meeting = policypos.open_repository(drafted).document(GS).meeting("next")
    assert meeting.date == ahead
    refused = run(drafted, "endorse", f"{GS}@2025", "--meeting", "next")
    assert refused.exit_code == 2
    assert "after today" in refused.stderr


class TestDateWarnings:
    """A meeting earlier than the one left, or already past, is said; the edit still goes on."""

    def ahead(self, days: int) -> dt.date:
        return dt.date.today() + dt.timedelta(days=days)

    def test_cli_brought_forward(self, drafted: Path) -> None:
        """Moving to a meeting before the one the version was for: a warning line, exit 0."""
        later = ("--body", BOARD, "--date", str(self.ahead(60)))
        assert run(drafted, "propose", f"{GS}@2025", "--meeting", "late", *later).exit_code == 0
        earlier = ("--body", BOARD, "--date", str(self.ahead(30)))
        result = run(drafted, "propose", f"{GS}@2025", "--meeting", "early", *earlier)
        assert result.exit_code == 0, result.output
        assert result.stderr.endswith(
            f"policypos: {GS}@2025 moves from meeting late ({self.ahead(60)}) to early "
            f"({self.ahead(30)})\n"
            f"policypos: warning: early ({self.ahead(30)}) comes before late ({self.ahead(60)}), "
            f"the meeting {GS}@2025 was proposed to: the item is brought forward; if it was "
            "deferred, check the meeting id and its date\n"
        )
        version = policypos.open_repository(drafted).document(GS).version("2025")
        assert version.meeting == "early"

    def test_api_brought_forward_and_deferred(self, drafted: Path) -> None:
        """policypos.propose: the warning is in Edit.notes; a move to a later meeting has none."""
        first = policypos.propose(drafted, GS, "2025", "m1", body=BOARD, date=self.ahead(30))
        assert first.notes == ()
        policypos.apply_edit(first)
        deferred = policypos.propose(drafted, GS, "2025", "m2", body=BOARD, date=self.ahead(60))
        assert [n.startswith("warning:") for n in deferred.notes] == [False]
        policypos.apply_edit(deferred)
        forward = policypos.propose(drafted, GS, "2025", "m1")
        assert len(forward.notes) == 2
        assert forward.notes[1].startswith(
            f"warning: m1 ({self.ahead(30)}) comes before m2 ({self.ahead(60)})"
        )

    def test_cli_past_meeting(self, drafted: Path) -> None:
        """Proposing to a meeting that has met: said on stderr, with the endorse to run."""
        result = run(drafted, "propose", f"{GS}@2025", *NEW_MEETING, "--dry-run")
        assert result.exit_code == 0, result.output
        assert result.stderr == past_warning("sscb-2025-03", "2025-03-13", "2025") + "\n"

    def test_api_past_meeting(self, drafted: Path) -> None:
        """policypos.propose to yesterday's meeting: the warning note; today's meeting: none."""
        yesterday = self.ahead(-1)
        composed = policypos.propose(drafted, GS, "2025", "m", body=BOARD, date=yesterday)
        assert composed.notes == (past_note("m", str(yesterday), "2025"),)
        today = policypos.propose(drafted, GS, "2025", "m", body=BOARD, date=self.ahead(0))
        assert today.notes == ()
