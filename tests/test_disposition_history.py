"""A comment's disposition history: past papers as the board saw them, and one numbering (B9, B7).

The scenario follows tester 8's: comment 6 of the March meeting was deferred
when version v2 went to the Board in July 2025, and taken forward in a 2026
draft. Regenerating the July paper, its comparison or its diff must say
"deferred", as the July paper did; the comparison and the comment log sent
with a paper number each comment as the paper does.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import policypos
from policypos import documents
from policypos.model import Comment, CommentKind, Disposition, DispositionEntry
from tests.conftest import MakeRepo
from tests.test_amendments import run
from tests.test_paper_cycles import _version

HISTORY = """\
    history:
      - date: 2025-03-12
        disposition: deferred
        response: Needs work with the Welsh LGA first.
      - date: 2026-01-15
        disposition: addressed
        version: v3
"""

MARCH = """\
meeting:
  id: m1
  body: Housing Board
  date: 2025-03-12
reviews: "v1"
comments:
  - id: "1"
    kind: comment
    text: Remark 1.
    disposition: addressed
  - id: "2"
    kind: question
    text: Question 2?
    disposition: answered
    response: Officers answered it.
  - id: "3"
    kind: comment
    text: Remark 3.
    disposition: addressed
  # The Welsh point.
  - id: "6"
    kind: comment
    text: Remark 6.
    disposition: addressed
    response: Taken forward in the 2026 revision.
"""

JULY = """\
meeting:
  id: m2
  body: Housing Board
  date: 2025-07-09
reviews: "v2"
"""

DEFERRED_THEN = "Remark 6. This needs further work or members' direction"
NOT_TAKEN = "Needs work with the Welsh LGA first."
NOW = "Taken forward in the 2026 revision."


def _files(history: str = HISTORY) -> dict[str, str | bytes]:
    return {
        "doc/versions/v1.yaml": _version("v1", "2025-01-01", "superseded", []),
        "doc/versions/v2.yaml": _version(
            "v2", "2025-06-01", "superseded", ["m1/1", "m1/3"], based_on='"v1"', meeting="m2"
        ),
        "doc/versions/v3.yaml": _version(
            "v3", "2026-01-01", "draft", ["m1/1", "m1/3", "m1/6"], based_on='"v2"'
        ),
        "doc/meetings/m1.yaml": MARCH + history,
        "doc/meetings/m2.yaml": JULY,
    }


@pytest.fixture
def dated(make_repo: MakeRepo) -> Path:
    """Comment m1/6 has a history: deferred until 15 January 2026, addressed since."""
    return make_repo(_files())


@pytest.fixture
def undated(make_repo: MakeRepo) -> Path:
    """The same repository with no history: m1/6 is addressed, and nothing says otherwise."""
    return make_repo(_files(history=""))


def _ok(*args: str, repo: Path) -> str:
    result = run(*args, repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout


def _background(paper: str) -> str:
    return paper.split("## Background", 1)[1].split("## Proposal", 1)[0]


class TestPastPaper:
    """The July 2025 paper, written again today, says what it said in July (B9)."""

    def test_paper_keeps_the_disposition_of_its_meeting(self, dated: Path) -> None:
        background = _background(_ok("render", "report", "doc@v2", repo=dated))
        assert DEFERRED_THEN in background
        assert NOT_TAKEN in background
        assert NOW not in background
        # Not listed among the comments taken into account: that list is 3.1 and 3.2 only.
        assert "**3.3**" not in background

    def test_without_history_the_paper_is_as_before(self, undated: Path) -> None:
        background = _background(_ok("render", "report", "doc@v2", repo=undated))
        assert DEFERRED_THEN not in background
        assert "**3.3** Remark 6." in background

    def test_as_of_a_later_day_reads_the_later_disposition(self, dated: Path) -> None:
        background = _background(
            _ok("render", "report", "doc@v2", "--as-of", "2026-02-01", repo=dated)
        )
        assert DEFERRED_THEN not in background
        assert "**3.3** Remark 6." in background

    def test_as_of_the_day_before_a_change(self, dated: Path) -> None:
        before = _ok("render", "report", "doc@v2", "--as-of", "2026-01-14", repo=dated)
        on = _ok("render", "report", "doc@v2", "--as-of", "2026-01-15", repo=dated)
        assert DEFERRED_THEN in _background(before)
        assert DEFERRED_THEN not in _background(on)

    def test_api_paper_as_of(self, dated: Path) -> None:
        doc = policypos.open_repository(dated).document("doc")
        changes = policypos.diff(doc.version("v1"), doc.version("v2"), doc)
        then = documents.board_paper(doc, changes)
        later = documents.board_paper(doc, changes, as_of=dt.date(2026, 2, 1))
        said = [" ".join(str(p.text) for p in paper.background) for paper in (then, later)]
        assert NOT_TAKEN in said[0]
        assert NOT_TAKEN not in said[1]

    def test_a_decision_recorded_for_the_papers_own_meeting_is_its_proposal(
        self, make_repo: MakeRepo
    ) -> None:
        """What was recorded for July (dated July, naming July) is what the July paper proposed.

        Until December 2026 the paper left it out and told the comment as it stood before,
        so a paper could never carry the responses officers put to the meeting (tester 16).
        """
        history = HISTORY.replace(
            "      - date: 2026-01-15\n        disposition: addressed\n        version: v3\n",
            "      - date: 2025-07-09\n        disposition: rejected\n        meeting: m2\n"
            "      - date: 2026-01-15\n        disposition: addressed\n        version: v3\n",
        )
        repo = make_repo(_files(history))
        paper = _ok("render", "report", "doc@v2", repo=repo)
        assert DEFERRED_THEN not in paper
        assert (
            "Remark 6. Officers propose that the Housing Board does not take this forward." in paper
        )
        assert "Agree the proposed responses in paragraph 4." in paper
        # Asked as of the meeting's day, which endorsed v2 there and so was held: decided.
        asked = _ok("render", "report", "doc@v2", "--as-of", "2025-07-09", repo=repo)
        assert "Remark 6. Officers recommend not taking this forward." in asked
        assert "Agree the proposed responses" not in asked


class TestPastDiffAndComparison:
    def test_diff_markdown_lists_the_comment_as_it_stood(self, dated: Path) -> None:
        out = _ok("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=dated)
        unanswered = out.split("### Comments not answered by a change", 1)[1]
        assert "| m1/6: Remark 6. | deferred | Needs work with the Welsh LGA first. |" in unanswered
        assert NOW not in out

    def test_diff_markdown_without_history_is_as_before(self, undated: Path) -> None:
        out = _ok("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=undated)
        assert "| m1/6: Remark 6. | addressed | Taken forward in the 2026 revision. |" in out

    def test_json_says_as_of_with_a_history(self, dated: Path) -> None:
        out = json.loads(_ok("diff", "doc@v1", "doc@v2", "--format", "json", repo=dated))
        assert out["as_of"] == "2025-07-09"
        assert {c["ref"]: c["disposition"] for c in out["comments"]}["m1/6"] == "deferred"

    def test_json_without_history_is_as_before(self, undated: Path) -> None:
        out = json.loads(_ok("diff", "doc@v1", "doc@v2", "--format", "json", repo=undated))
        assert "as_of" not in out
        assert {c["ref"]: c["disposition"] for c in out["comments"]}["m1/6"] == "addressed"

    def test_diff_as_of_option(self, dated: Path) -> None:
        out = json.loads(
            _ok("diff", "doc@v1", "doc@v2", "--format", "json", "--as-of", "2026-03-01", repo=dated)
        )
        assert out["as_of"] == "2026-03-01"
        assert {c["ref"]: c["disposition"] for c in out["comments"]}["m1/6"] == "addressed"

    def test_a_draft_with_no_meeting_reads_now(self, dated: Path) -> None:
        """v3 goes to no meeting yet: its papers are written now, with today's dispositions."""
        doc = policypos.open_repository(dated).document("doc")
        changes = policypos.diff(doc.version("v2"), doc.version("v3"), doc)
        assert changes.as_of is None
        assert doc.comment("m1/6").disposition is Disposition.ADDRESSED
        traced = {t.comment.ref: t.comment.disposition for t in changes.comments}
        assert traced["m1/6"] is Disposition.ADDRESSED

    def test_bad_as_of_is_refused(self, dated: Path) -> None:
        result = run("diff", "doc@v1", "doc@v2", "--as-of", "2025-13-01", repo=dated)
        assert result.exit_code == 2
        assert "not a real date" in result.output
        assert "Traceback" not in result.output


class TestOneNumbering:
    """The comparison and the comment log sent with a paper number comments as it does (B7)."""

    def test_comparison_uses_the_papers_numbers(self, dated: Path) -> None:
        paper = _ok("render", "report", "doc@v2", repo=dated)
        assert "The section answers members' comments 3.1 and 3.2." in paper
        changes = _ok("render", "changes", "doc@v1", "doc@v2", repo=dated)
        # The paper's numbers, with the minutes' beside them as the comment log gives them.
        assert "comment 3.1 (1 in the minutes), Housing Board, 12 March 2025" in changes
        assert "comment 3.2 (3 in the minutes), Housing Board, 12 March 2025" in changes
        # Never the minutes' numbers alone, which the paper never uses.
        assert "comment 1, Housing Board" not in changes
        assert "comment 3, Housing Board" not in changes

    def test_comment_log_with_paper_uses_its_numbers_and_day(self, dated: Path) -> None:
        log = _ok("render", "comments", "doc", "--meeting", "m1", "--paper", "v2", repo=dated)
        # The paper's number, and the minutes' beside it where that differs.
        assert "| 3.1 (1 in the minutes) |  | Remark 1. | addressed |" in log
        assert "| 3.2 (3 in the minutes) |  | Remark 3. | addressed |" in log
        assert "| 2 |  | Question 2? |" in log
        # Comment 6 is the paper's paragraph 4, deferred as the paper said.
        assert "| 4 (6 in the minutes) |  | Remark 6. | deferred | Needs work with" in log

    def test_comment_log_alone_is_now_numbered_as_the_newest_paper(self, dated: Path) -> None:
        """Without --paper: every meeting, as things stand, numbered as the paper on the newest
        version (v3, a draft) and its comparison cite them, the minutes' number beside (tester
        14, item 4: the log said "4" where the comparison said "question 2")."""
        log = _ok("render", "comments", "doc", repo=dated)
        changes = _ok("render", "changes", "doc", repo=dated)
        assert "comment 2.1 (6 in the minutes), Housing Board, 12 March 2025" in changes
        assert "board paper on version v3" in log
        row = "| 2.1 (6 in the minutes) |  | Remark 6. | addressed | Taken forward in the 2026"
        assert row in log
        # Comments that paper does not list have the minutes' numbers alone, marked as such:
        # the paper may give 1 to another; the July meeting is in.
        assert "| (1 in the minutes) |  | Remark 1. | addressed |" in log
        assert "## Housing Board, 9 July 2025" in log

    def test_comment_log_as_of(self, dated: Path) -> None:
        """As of a day before v3: read that day, numbered as the paper on v2, newest then."""
        log = _ok("render", "comments", "doc", "--as-of", "2025-08-01", repo=dated)
        assert "| 4 (6 in the minutes) |  | Remark 6. | deferred | Needs work with the Welsh" in log
        assert "board paper on version v2" in log

    def test_api_numbers_agree(self, dated: Path) -> None:
        doc = policypos.open_repository(dated).document("doc")
        changes = policypos.diff(doc.version("v1"), doc.version("v2"), doc)
        numbers = documents.paper_numbers(doc, changes)
        assert numbers["m1/1"] == "3.1"
        assert numbers["m1/3"] == "3.2"
        compared = documents.comparison(doc, changes, numbers=numbers)
        cited = {label.ref: label.number for p in compared.answered for label in [p]}
        assert cited == {"m1/1": "3.1", "m1/3": "3.2"}
        log = documents.comment_log(doc, meeting="m1", numbers=numbers)
        # In the paper's order, not the minutes' (3.1, 2, 3.2, 4): tester 12, B5.
        assert [c.label.number for c in log.meetings[0].comments] == ["2", "3.1", "3.2", "4"]
        assert [c.label.logged for c in log.meetings[0].comments][:2] == [
            "2",
            "3.1 (1 in the minutes)",
        ]

    def test_shipped_paper_and_comparison_agree(self) -> None:
        """The shipped minutes number their comments as the paper does: nothing changes."""
        paper = _ok("render", "report", "going-straight@2024", repo=_shipped())
        changes = _ok("render", "changes", "going-straight@2024", repo=_shipped())
        assert "The section answers members' comments 3.2, 3.3 and 3.4." in paper
        assert "comment 3.4, Safer and Stronger Communities Board, 14 March 2024" in changes


def _shipped() -> Path:
    from tests.conftest import SHIPPED

    return SHIPPED


def answer(comment: Comment) -> tuple[object, ...]:
    """What a reading of *comment* answers: its disposition, response, referral and meeting."""
    return (comment.disposition, comment.response, comment.referred_to, comment.proposed_for)


class TestAsOf:
    """``Comment.as_of``: the library's reading of a history."""

    comment = Comment(
        "6",
        "m1",
        CommentKind.COMMENT,
        "Remark 6.",
        disposition=Disposition.ADDRESSED,
        response="Now.",
        history=(
            DispositionEntry(dt.date(2025, 3, 12), Disposition.DEFERRED, response="Then."),
            DispositionEntry(dt.date(2025, 7, 9), Disposition.REJECTED, meeting="m2"),
            DispositionEntry(dt.date(2025, 7, 9), Disposition.NOTED, meeting="m2"),
            DispositionEntry(dt.date(2026, 1, 15), Disposition.ADDRESSED),
        ),
    )

    @pytest.mark.parametrize(
        ("day", "disposition", "response"),
        [
            (dt.date(2025, 3, 11), Disposition.OPEN, None),  # before anything was decided
            (dt.date(2025, 3, 12), Disposition.DEFERRED, "Then."),
            (dt.date(2025, 7, 8), Disposition.DEFERRED, "Then."),
            (dt.date(2025, 7, 9), Disposition.NOTED, None),  # the later entry of the day
            (dt.date(2026, 1, 14), Disposition.NOTED, None),
            (dt.date(2026, 1, 15), Disposition.ADDRESSED, "Now."),  # the last: the comment's own
            (dt.date(2030, 1, 1), Disposition.ADDRESSED, "Now."),
        ],
    )
    def test_as_of(self, day: dt.date, disposition: Disposition, response: str | None) -> None:
        then = self.comment.as_of(day)
        assert (then.disposition, then.response) == (disposition, response)
        assert self.comment.disposition_on(day) is disposition
        assert [e.date for e in then.history] == [e.date for e in self.comment.history]
        # Read as of one day, the comment still answers for any other as it would.
        for other in (dt.date(2025, 3, 1), dt.date(2025, 7, 9), dt.date(2031, 1, 1)):
            assert answer(then.as_of(other)) == answer(self.comment.as_of(other))

    def test_before_meeting_leaves_its_decisions_out(self) -> None:
        day = dt.date(2025, 7, 9)
        assert self.comment.disposition_on(day, before_meeting="m2") is Disposition.DEFERRED
        assert self.comment.disposition_on(day, before_meeting="m9") is Disposition.NOTED

    def test_no_history_is_the_comment_itself(self) -> None:
        plain = Comment("1", "m1", CommentKind.COMMENT, "x", disposition=Disposition.NOTED)
        assert plain.as_of(dt.date(1900, 1, 1)) is plain


class TestEditWritesHistory:
    """`comment set` with a new disposition dates it in the history; the file keeps its layout."""

    def test_first_change_dates_the_old_and_the_new(self, undated: Path) -> None:
        path = undated / "doc/meetings/m1.yaml"
        _ok(
            "comment", "set", "doc", "m1/2", "--disposition", "noted", "--date", "2025-09-01",
            "--meeting", "m2", "--note", "Minutes, item 4", repo=undated,
        )  # fmt: skip
        text = path.read_text()
        assert (
            "    disposition: noted\n"
            "    response: Officers answered it.\n"
            "    history:\n"
            "      - date: 2025-03-12\n"
            "        disposition: answered\n"
            "        response: Officers answered it.\n"
            "      - date: 2025-09-01\n"
            "        disposition: noted\n"
            "        meeting: m2\n"
            "        note: Minutes, item 4\n"
            '  - id: "3"\n' in text
        )
        assert "  # The Welsh point.\n" in text
        assert run("validate", repo=undated).exit_code == 0

    def test_second_change_appends_and_freezes_the_response(self, dated: Path) -> None:
        path = dated / "doc/meetings/m1.yaml"
        _ok(
            "comment", "set", "doc", "m1/6", "--disposition", "partially-addressed",
            "--response", "In part.", "--date", "2026-02-01", repo=dated,
        )  # fmt: skip
        text = path.read_text()
        assert text.endswith(
            "      - date: 2026-01-15\n"
            "        disposition: addressed\n"
            f"        response: {NOW}\n"
            "        version: v3\n"
            "      - date: 2026-02-01\n"
            "        disposition: partially-addressed\n"
        )
        comment = policypos.open_repository(dated).document("doc").comment("m1/6")
        assert comment.disposition_on(dt.date(2026, 1, 20)) is Disposition.ADDRESSED
        assert comment.as_of(dt.date(2026, 1, 20)).response == NOW
        assert comment.as_of(dt.date(2026, 2, 1)).response == "In part."

    def test_the_history_keeps_the_blank_line_between_comments(self, make_repo: MakeRepo) -> None:
        spaced = MARCH.replace("\n  - id:", "\n\n  - id:").replace(":\n\n  - id", ":\n  - id")
        repo = make_repo({**_files(""), "doc/meetings/m1.yaml": spaced})
        _ok("comment", "set", "doc", "m1/1", "--disposition", "noted", "--date", "2025-09-01",
            repo=repo)  # fmt: skip
        text = (repo / "doc/meetings/m1.yaml").read_text()
        assert '        disposition: noted\n\n  - id: "2"\n' in text
        assert text.count("\n\n  - id:") == 3

    def test_default_date_is_today(self, undated: Path) -> None:
        _ok("comment", "set", "doc", "m1/2", "--disposition", "noted", repo=undated)
        comment = policypos.open_repository(undated).document("doc").comment("m1/2")
        assert comment.history[-1].date == dt.date.today()
        assert comment.history[0].date == dt.date(2025, 3, 12)

    def test_same_disposition_or_answer_or_a_correction_adds_no_entry(self, undated: Path) -> None:
        path = undated / "doc/meetings/m1.yaml"
        _ok("comment", "set", "doc", "m1/2", "--disposition", "answered", repo=undated)
        _ok("comment", "set", "doc", "m1/2", "--response", "Officers answered it.", repo=undated)
        _ok("comment", "set", "doc", "m1/2", "--response", "Answered again.", "--correction",
            repo=undated)  # fmt: skip
        assert "history" not in path.read_text()
        assert "    response: Answered again.\n" in path.read_text()

    def test_a_date_before_the_last_entry_is_refused(self, dated: Path) -> None:
        path = dated / "doc/meetings/m1.yaml"
        before = path.read_bytes()
        result = run(
            "comment", "set", "doc", "m1/6", "--disposition", "noted", "--date", "2025-12-01",
            repo=dated,
        )  # fmt: skip
        assert result.exit_code == 2
        assert "error: m1/6's history ends with an entry dated " in result.output
        assert "history entries go oldest first, so give --date " in result.output
        assert "Traceback" not in result.output
        assert path.read_bytes() == before

    def test_api_decided(self, undated: Path) -> None:
        from policypos.edit import Decided

        edit = policypos.set_comment(
            undated, "doc", "m1/2", disposition="deferred",
            decided=Decided(dt.date(2025, 8, 1), version="v2"),
        )  # fmt: skip
        policypos.apply_edit(edit)
        entry = policypos.open_repository(undated).document("doc").comment("m1/2").history[-1]
        assert entry == DispositionEntry(dt.date(2025, 8, 1), Disposition.DEFERRED, version="v2")


def _validate(make_repo: MakeRepo, history: str) -> list[str]:
    repo = make_repo(_files(history))
    result = run("validate", repo=repo)
    return [line for line in result.output.splitlines() if ": error: " in line]


class TestValidation:
    """Bad history entries: compiler-style errors at their line and column."""

    def test_good_history_has_no_problems(self, dated: Path) -> None:
        assert run("validate", repo=dated).exit_code == 0

    @pytest.mark.parametrize(
        ("history", "where", "said"),
        [
            (HISTORY.replace("disposition: deferred", "disposition: defered"), "m1.yaml:28:22",
             "'disposition' must be one of open, "),
            (HISTORY.replace("disposition: deferred", "disposition: defered"), "m1.yaml:28:22",
             "not 'defered'; did you mean 'deferred'?"),
            (HISTORY.replace("response: Needs", "respons: Needs"), "m1.yaml:29:9",
             "unknown key 'respons' in history entry; did you mean 'response'?"),
            (HISTORY.replace("2026-01-15", "2026-02-30"), "m1.yaml:30:15",
             "'date' is not a real date: '2026-02-30'"),
            (HISTORY.replace("2026-01-15", "15/01/2026"), "m1.yaml:30:15",
             "'date' must be a date written YYYY-MM-DD"),
            (HISTORY.replace("2026-01-15", "2025-01-15"), "m1.yaml:30:15",
             "history entries go oldest first: 2025-01-15 is earlier than 2025-03-12"),
            (HISTORY.replace("2025-03-12", "2025-03-01"), "m1.yaml:27:15",
             "history entry dated 2025-03-01, before the meeting (2025-03-12)"),
            (HISTORY.replace("disposition: addressed", "disposition: noted"), "m1.yaml:31:22",
             "the last history entry says 'noted' but the comment's disposition is 'addressed'"),
            (HISTORY.replace("version: v3", "version: v4"), "m1.yaml:32:18",
             "no version 'v4' in document 'doc'"),
            (HISTORY.replace("version: v3", "meeting: m3"), "m1.yaml:32:18",
             "no meeting 'm3' in document 'doc' (known: m1, m2)"),
            ("    history: deferred\n", "m1.yaml:26:14", "'history' must be a list"),
            (HISTORY.replace("      - date: 2025-03-12\n", "      - dte: 2025-03-12\n"),
             "m1.yaml:27:9", "unknown key 'dte' in history entry; did you mean 'date'?"),
        ],
    )  # fmt: skip
    def test_bad_entry(self, make_repo: MakeRepo, history: str, where: str, said: str) -> None:
        errors = _validate(make_repo, history)
        assert len(errors) == 1, errors
        assert f"/doc/meetings/{where}: error: " in errors[0]
        assert said in errors[0]

    def test_errors_do_not_stop_the_render_with_a_traceback(self, make_repo: MakeRepo) -> None:
        repo = make_repo(_files(HISTORY.replace("2026-01-15", "2026-02-30")))
        result = run("render", "report", "doc@v2", repo=repo)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1, 2)

    def test_schema_knows_history(self) -> None:
        from policypos.schema import schema

        comment = schema("meeting")["properties"]["comments"]["items"]
        entry = comment["properties"]["history"]["items"]
        assert entry["required"] == ["date", "disposition"]
        assert entry["additionalProperties"] is False


def test_hidden_characters_in_a_history_are_warned_of(make_repo: MakeRepo) -> None:
    repo = make_repo(_files(HISTORY.replace("Welsh LGA", "Welsh \u202eLGA")))
    result = run("validate", repo=repo)
    assert "m1.yaml:29:19: warning: " in result.output
    assert "U+202E" in result.output


def test_comment_set_naming_an_unknown_meeting_is_refused(undated: Path) -> None:
    path = undated / "doc/meetings/m1.yaml"
    before = path.read_bytes()
    result = run(
        "comment", "set", "doc", "m1/2", "--disposition", "noted", "--meeting", "m9",
        "--date", "2025-08-01", repo=undated,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "error: no meeting 'm9' (known: m1, m2)" in result.output
    assert path.read_bytes() == before


def test_a_backwards_comparison_keeps_the_minutes_ids(dated: Path) -> None:
    """No paper can be written for a pair running backwards: the comparison still is."""
    result = run("render", "changes", "doc@v2", "doc@v1", repo=dated)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_word_comment_log_ties_the_numbers(dated: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "log.docx"
    _ok(
        "render", "comments", "doc", "--paper", "v2", "--format", "docx", "-o", str(out), repo=dated
    )
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "3.1 (1 in the minutes)" in cells
    assert "4 (6 in the minutes)" in cells


# --- a new answer is dated as a new disposition is ----------------------------------------

THEN, LATER = "Officers answered it.", "A fuller answer, given in 2026."
REFERRED = """\
  - id: "7"
    kind: comment
    text: Remark 7.
    disposition: referred
    referred_to: Body A
"""


class TestNewAnswerIsDated:
    """comment set --response (or --referred-to) alone: the July 2025 paper keeps July's answer."""

    @pytest.mark.parametrize("date", [["--date", "2026-02-01"], []])
    def test_a_past_paper_keeps_the_response_of_its_day(
        self, undated: Path, date: list[str]
    ) -> None:
        _ok("comment", "set", "doc", "m1/2", "--response", LATER, *date, repo=undated)
        paper = _background(_ok("render", "report", "doc@v2", repo=undated))
        assert f"Question 2? {THEN}" in paper
        assert LATER not in paper
        # The comment log sent with that paper keeps it too.
        log = _ok("render", "comments", "doc", "--paper", "v2", repo=undated)
        assert THEN in log
        assert LATER not in log
        # Read as of the day of the change, and in the log of today, the new answer stands.
        day = date[1] if date else dt.date.today().isoformat()
        later = _ok("render", "report", "doc@v2", "--as-of", day, repo=undated)
        assert f"Question 2? {LATER}" in later
        assert LATER in _ok("render", "comments", "doc", repo=undated)

    def test_the_history_written(self, undated: Path) -> None:
        _ok("comment", "set", "doc", "m1/2", "--response", LATER, "--date", "2026-02-01",
            "--note", "Minutes, item 2", repo=undated)  # fmt: skip
        text = (undated / "doc/meetings/m1.yaml").read_text()
        assert (
            "    disposition: answered\n"
            f"    response: {LATER}\n"
            "    history:\n"
            "      - date: 2025-03-12\n"
            "        disposition: answered\n"
            f"        response: {THEN}\n"
            "      - date: 2026-02-01\n"
            "        disposition: answered\n"
            "        note: Minutes, item 2\n"
            '  - id: "3"\n' in text
        )
        assert run("validate", "--strict", repo=undated).exit_code == 0

    def test_an_open_comment_answered_later_was_unanswered_before(self, undated: Path) -> None:
        """No response before the change: the first entry is the change itself."""
        _ok("comment", "set", "doc", "m1/1", "--response", "Done in v2.", "--date", "2025-08-01",
            repo=undated)  # fmt: skip
        comment = policypos.open_repository(undated).document("doc").comment("m1/1")
        assert comment.history == (
            DispositionEntry(dt.date(2025, 3, 12), Disposition.ADDRESSED),
            DispositionEntry(dt.date(2025, 8, 1), Disposition.ADDRESSED),
        )
        assert comment.as_of(dt.date(2025, 7, 9)).response is None
        assert comment.as_of(dt.date(2025, 8, 1)).response == "Done in v2."

    def test_a_new_referral_is_dated(self, make_repo: MakeRepo) -> None:
        repo = make_repo({**_files(""), "doc/meetings/m1.yaml": MARCH + REFERRED})
        _ok("comment", "set", "doc", "m1/7", "--referred-to", "Body B", "--date", "2026-02-01",
            repo=repo)  # fmt: skip
        paper = _ok("render", "report", "doc@v2", repo=repo)
        assert "This has been referred to Body A." in paper
        later = _ok("render", "report", "doc@v2", "--as-of", "2026-02-01", repo=repo)
        assert "This has been referred to Body B." in later

    def test_a_correction_mends_every_paper(self, undated: Path) -> None:
        """A typo was wrong on the day too: the July paper reads the mended answer."""
        _ok("comment", "set", "doc", "m1/2", "--response", "Officers answered it fully.",
            "--correction", repo=undated)  # fmt: skip
        paper = _ok("render", "report", "doc@v2", repo=undated)
        assert "Question 2? Officers answered it fully." in paper

    def test_a_correction_mends_the_last_entrys_own_copy(self, make_repo: MakeRepo) -> None:
        history = HISTORY.replace(
            "        version: v3\n", "        response: Taken forwrad.\n        version: v3\n"
        )
        repo = make_repo(_files(history))
        _ok("comment", "set", "doc", "m1/6", "--response", NOW, "--correction", repo=repo)
        comment = policypos.open_repository(repo).document("doc").comment("m1/6")
        assert len(comment.history) == 2
        assert comment.history[-1].response == NOW
        assert comment.history[0].response == NOT_TAKEN  # the past is not a typo
        assert "forwrad" not in (repo / "doc/meetings/m1.yaml").read_text()

    @pytest.mark.parametrize(
        ("extra", "said"),
        [
            (["--disposition", "noted"], "a new disposition is a decision"),
            (["--date", "2026-02-01"], "a correction of m1/2 adds no history entry"),
            (["--meeting", "m2"], "a correction of m1/2 adds no history entry"),
        ],
    )
    def test_a_correction_dates_nothing(self, undated: Path, extra: list[str], said: str) -> None:
        path = undated / "doc/meetings/m1.yaml"
        before = path.read_bytes()
        result = run("comment", "set", "doc", "m1/2", "--response", "Mended.", "--correction",
                     *extra, repo=undated)  # fmt: skip
        assert result.exit_code == 2
        assert said in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.output
        assert path.read_bytes() == before

    def test_api(self, undated: Path) -> None:
        from policypos.edit import Decided

        policypos.apply_edit(
            policypos.set_comment(
                undated, "doc", "m1/2", response=LATER, decided=Decided(dt.date(2026, 2, 1))
            )
        )
        comment = policypos.open_repository(undated).document("doc").comment("m1/2")
        assert comment.as_of(dt.date(2026, 1, 31)).response == THEN
        assert comment.as_of(dt.date(2026, 2, 1)).response == LATER
