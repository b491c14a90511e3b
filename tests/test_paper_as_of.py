"""A paper is written before its meeting: what came later never changes it (tester's A1-A3).

A paper re-rendered after its meeting, or ``--as-of`` the day before it,
is the paper of its day: the comments made at its own meeting or after it
are left out (officers' questions put to the meeting are the paper's own),
its annex states the version as it stood then (proposed, not endorsed),
and the comment log sent with it lists only the meetings it reports on.
Checked as a tester would: a copy of the repository, the board-cycle
commands run on it, ``policypos render report|comments`` before and after.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policypos.cli import cli
from tests.conftest import SHIPPED, MakeRepo
from tests.test_cabinet import COMMITTEE, DOCUMENT, JULY, NEW, OLD, march


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args])


def ok(repo: Path, *args: str) -> str:
    result = run(repo, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@attrs.frozen
class Case:
    """A paper to re-render: its document and version, the meeting it goes to, and a
    comment of a meeting it reports on that is decided again later."""

    name: str
    doc: str
    version: str
    own: str
    body: str
    day_before: str
    later: str
    reviewed_ref: str
    proposed: bool


CASES = [
    Case(
        "lga-revision", "going-straight", "2024", "sscb-2024-07",
        "Safer and Stronger Communities Board", "2024-07-17", "2024-11-14",
        "sscb-2024-03/3.6", proposed=True,
    ),
    Case(
        "cabinet-revision", "damp", "2025-07", "cab-2025-07", "Cabinet", "2025-07-14",
        "2025-10-01", "cab-2025-03/4", proposed=True,
    ),
    Case(
        "cabinet-new-statement", "damp", "2025", "cab-2025-03", "Cabinet", "2025-03-17",
        "2025-05-01", "", proposed=False,
    ),
]  # fmt: skip
# The new statement's paper has no earlier meeting: the recommendations it answers were
# received at its own, and one decided later gets a history starting that day, so read as
# of the day before it is open (the as-of rule), whatever the paper says on its day.


def council(root: Path) -> Path:
    """The Cabinet fixture of tests/test_cabinet.py, its 2025-07 revision still proposed."""
    files = {
        "damp/document.yaml": DOCUMENT,
        "damp/versions/2025.yaml": OLD,
        "damp/versions/2025-07.yaml": NEW.format(who="The Council"),
        "damp/meetings/cab-2025-03.yaml": march(),
        "damp/meetings/cab-2025-07.yaml": JULY.format(asker="Officers"),
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def copy_of(case: Case, into: Path) -> Path:
    if case.doc == "going-straight":
        return Path(shutil.copytree(SHIPPED, into / "positions"))
    return council(into / "positions")


# What can be added after a paper went to its meeting: a remark at that meeting
# by a member or a committee, or anything at a later meeting (officers' too).
MEMBERS = ["Board members", "Cllr Ames", COMMITTEE]
KINDS = ["comment", "question", "recommendation"]
Event = tuple[str, str, str, bool]
events = st.lists(
    st.tuples(
        st.sampled_from(["own", "later", "decided", "endorsed"]),
        st.sampled_from(KINDS),
        st.sampled_from([*MEMBERS, "Officers"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


def apply(case: Case, repo: Path, happened: list[Event]) -> None:
    """Run the board-cycle commands that record *happened* after the paper's meeting."""
    done: set[str] = set()
    for n, (what, kind, by, reviews) in enumerate(happened, 1):
        if what == "own":
            # Officers' questions to the meeting are the paper's own, and a committee's
            # recommendations received there were sent before it, for the paper to
            # answer (test_a_cabinet_paper_answers_what_its_meeting_received): a
            # member's instead.
            if by == "Officers" or (by == COMMITTEE and kind == "recommendation"):
                by = "Cllr Ames"
            ok(repo, "comment", "add", case.doc, "--meeting", case.own, "--id", f"x{n}",
               "--kind", kind, "--by", by, "--text", f"Said at the meeting ({n}).")  # fmt: skip
        elif what == "later":
            extra = ["--reviews", case.version] if reviews else []
            ok(repo, "comment", "add", case.doc, "--meeting", f"later-{n}", "--id", "1",
               "--kind", kind, "--by", by, "--text", f"Said later ({n}).", "--body", case.body,
               "--date", case.later, *extra)  # fmt: skip
        elif what in done or (what == "decided" and not case.reviewed_ref):
            continue
        elif what == "decided":
            # A new disposition, so that its history keeps the one the paper gave.
            ok(repo, "comment", "set", case.doc, case.reviewed_ref, "--disposition", "noted",
               "--response", f"Decided later ({n}).", "--date", case.later)  # fmt: skip
        elif case.proposed:
            ok(repo, "endorse", f"{case.doc}@{case.version}", "--meeting", case.own)
        done.add(what)


def papers(case: Case, repo: Path) -> dict[str, str]:
    """The paper on the case's version (as of its meeting, and the day before) and its log."""
    target = f"{case.doc}@{case.version}"
    return {
        "report": ok(repo, "render", "report", target),
        "report --as-of": ok(repo, "render", "report", target, "--as-of", case.day_before),
        "comments --paper": ok(repo, "render", "comments", case.doc, "--paper", case.version),
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(happened=events)
def test_what_came_later_never_changes_the_paper(case: Case, happened: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_of(case, Path(tmp))
        before = papers(case, repo)
        apply(case, repo, happened)
        assert papers(case, repo) == before


# --- the examples the tester gave --------------------------------------------------------


@pytest.fixture
def shipped_after(shipped: Path) -> Callable[..., str]:
    """The shipped copy after its July 2024 meeting: members spoke, the Board endorsed."""
    ok(shipped, "comment", "add", "going-straight", "--meeting", "sscb-2024-07", "--id", "11",
       "--text", "Add something on women offenders.", "--by", "Board members")  # fmt: skip
    ok(shipped, "endorse", "going-straight@2024", "--meeting", "sscb-2024-07")
    return lambda *args: ok(shipped, "render", *args)


def test_a_remark_at_the_papers_meeting_is_not_asked_about(
    shipped_after: Callable[..., str],
) -> None:
    paper = shipped_after("report", "going-straight@2024")
    assert "women offenders" not in paper
    # The questions the paper put to the Board are still its paragraphs 4 (March's deferred
    # comment), 12 and 13 (the officers' for its own meeting).
    assert "- (b) Direct officers on the issues in paragraphs 4, 12 and 13." in paper
    assert "**17.2** consider whether further officer work is needed on the questions in " \
        "paragraphs 4, 12 and 13." in paper  # fmt: skip


@pytest.mark.parametrize("as_of", [[], ["--as-of", "2024-07-17"]])
def test_the_annex_in_a_paper_is_the_version_put_to_the_meeting(
    shipped_after: Callable[..., str], as_of: list[str]
) -> None:
    paper = shipped_after("report", "going-straight@2024", *as_of)
    assert (
        "Local Government Association, Safer and Stronger Communities Board. Proposed: for the "
        "Safer and Stronger Communities Board, 18 July 2024." in paper
    )
    assert "Endorsed by" not in paper


def test_the_annex_alone_says_where_the_version_stands_now(
    shipped_after: Callable[..., str],
) -> None:
    annex = shipped_after("annex", "going-straight@2024")
    assert "Endorsed by the Safer and Stronger Communities Board, 18 July 2024." in annex


def test_asked_as_of_after_the_endorsement_the_annex_says_endorsed(
    shipped_after: Callable[..., str],
) -> None:
    """``--as-of`` a later day reads the version as it stood that day, as it reads comments."""
    paper = shipped_after("report", "going-straight@2024", "--as-of", "2024-08-01")
    assert "Endorsed by the Safer and Stronger Communities Board, 18 July 2024." in paper
    assert "women offenders" not in paper


def test_a_new_statements_annex_is_proposed(make_repo: MakeRepo, tmp_path: Path) -> None:
    repo = council(tmp_path / "council")
    paper = ok(repo, "render", "report", "damp@2025")
    assert "Riverford Borough Council, Cabinet. Proposed: for Cabinet, 18 March 2025." in paper


def _headings(log: str) -> list[str]:
    return [line.removeprefix("## ") for line in log.splitlines() if line.startswith("## ")]


def test_the_log_with_a_paper_lists_the_meetings_it_reports_on(tmp_path: Path) -> None:
    """Not the paper's own meeting (still to come), nor one after it, nor one before the
    meetings it reports on."""
    repo = copy_of(CASES[0], tmp_path)
    ok(repo, "endorse", "going-straight@2024", "--meeting", "sscb-2024-07")
    ok(repo, "new-version", "going-straight", "--from", "2024", "--id", "2025",
       "--date", "2025-01-06")  # fmt: skip
    ok(repo, "comment", "add", "going-straight", "--meeting", "sscb-2025-03", "--id", "1",
       "--text", "Say how councils work with the new probation regions.", "--by",
       "Board members", "--body", "Safer and Stronger Communities Board",
       "--date", "2025-03-13")  # fmt: skip
    ok(repo, "cite", "going-straight@2025", "1.3", "sscb-2025-03/1")
    ok(repo, "propose", "going-straight@2025", "--meeting", "sscb-2025-07",
       "--body", "Safer and Stronger Communities Board", "--date", "2025-07-17")  # fmt: skip
    ok(repo, "comment", "add", "going-straight", "--meeting", "sscb-2025-07", "--id", "1",
       "--text", "Said at the meeting.", "--by", "Board members")  # fmt: skip
    log = ok(repo, "render", "comments", "going-straight", "--paper", "2025")
    assert _headings(log) == [
        "Safer and Stronger Communities Board, 18 July 2024: Re-offending and probation: "
        "policy positions re-evaluation",
        "Safer and Stronger Communities Board, 13 March 2025",
    ]
    assert "Said at the meeting." not in log
    # The first paper's log: March 2024 alone; nothing answered in the 2025 draft since.
    first = ok(repo, "render", "comments", "going-straight", "--paper", "2024")
    assert _headings(first) == [
        "Safer and Stronger Communities Board, 14 March 2024: Re-offending and probation: "
        "review of policy positions"
    ]
    assert "2025:" not in first
    # Without --paper the log is the whole record.
    assert len(_headings(ok(repo, "render", "comments", "going-straight"))) == 4


def test_a_cabinet_paper_answers_what_its_meeting_received() -> None:
    """tester 13, A2: the recommendations a Cabinet receives at the meeting its paper goes to
    were sent before it; the paper answers them by their numbers, partly where partly."""
    paper = ok(SHIPPED, "render", "report", "cambridgeshire-reoffending@2014")
    assert "It answers recommendation 2 and partly answers recommendation 1." in paper
    assert "members' comment" not in paper
    assert "the The Council" not in paper
    assert "why the statement needs the Council as employer section" in paper
    log = ok(SHIPPED, "render", "comments", "cambridgeshire-reoffending", "--paper", "2014")
    assert "## Cabinet, 15 April 2014" in log
    assert "| 1 | Safer and Stronger Communities Overview and Scrutiny Committee |" in log
