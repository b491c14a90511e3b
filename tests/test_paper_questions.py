"""A board paper asks the board's direction on every question it tells, once (tester B6).

A comment still open or deferred, of a meeting the paper reports on or of
its own, is told once (in the background, or at the end of the proposal) and
the recommendations and next steps point at that paragraph; one the new
version answers is not asked about.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos.cli import cli
from tests.conftest import SHIPPED, MakeRepo

BOARD = "Safer and Stronger Communities Board"


def render(repo: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["--repo", str(repo), "render", "report", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def sought(paper: str) -> list[str]:
    """The paragraph numbers recommendation (b) asks direction on, as written."""
    found = re.search(r"^- \(b\) Direct officers on the issues in paragraphs? (.+)\.$", paper, re.M)
    assert found, paper
    return re.split(r", | and ", found.group(1))


def paragraph(paper: str, text: str) -> str:
    """The number of the one paragraph holding *text* (failing if none or several do)."""
    numbers = re.findall(rf"^\*\*(\d+(?:\.\d+)*)\.?\*\* [^\n]*{re.escape(text)}", paper, re.M)
    assert len(numbers) == 1, (text, numbers)
    return str(numbers[0])


def test_the_shipped_paper_asks_about_the_deferred_comment_it_tells() -> None:
    """3.6 (deferred, March 2024) is told in paragraph 4: (b) and the next steps point there."""
    paper = render(SHIPPED, "going-straight@2024")
    deferred = paragraph(paper, "Look at what works abroad, Norway for example")
    assert "members' direction before it can be taken forward" in paper
    assert sought(paper) == [deferred, "12", "13"]
    assert (
        f"consider whether further officer work is needed on the questions in paragraphs "
        f"{deferred}, 12 and 13." in paper
    )


YEAR_BEFORE = f"""\
meeting:
  id: sscb-2025-01
  body: {BOARD}
  date: 2025-01-15
reviews: "2024"
comments:
  - id: "1"
    kind: comment
    by: Board members
    text: Say more about housing.
    disposition: addressed
  - id: "2"
    kind: question
    by: Officers
    text: Should the Board write to the minister about probation staffing?
    disposition: open
  - id: "3"
    kind: comment
    by: Board members
    text: Look at how Scotland funds diversion.
    disposition: deferred
    response: Officers will cost it first.
  - id: "4"
    kind: comment
    by: Board members
    text: Mention rural transport.
    disposition: open
  - id: "5"
    kind: question
    by: Cllr Patel
    text: How many councils run a diversion scheme?
    disposition: open
  - id: "6"
    kind: comment
    by: Board members
    text: Say whether councils should share the cost.
    disposition: open
"""

ITS_OWN = f"""\
meeting:
  id: sscb-2025-03
  body: {BOARD}
  date: 2025-03-12
reviews: "2025"
comments:
  - id: "1"
    kind: question
    by: Officers
    text: Should officers consult the youth justice board?
    disposition: open
"""


def version(vid: str, date: str, status: str, extra: str = "", addresses: str = "") -> str:
    return (
        f'version: "{vid}"\n'
        f"date: {date}\n"
        f"status: {status}\n"
        f"{extra}"
        "sections:\n"
        "  - id: housing\n"
        "    title: Housing\n"
        f"{addresses}"
        "    statements:\n"
        "      - id: h-1\n"
        f"        text: Councils should house people leaving prison ({vid}).\n"
    )


@pytest.fixture
def revision(make_repo: MakeRepo) -> Path:
    """2025 revises 2024: answers 1 and 4 of January's meeting, goes to March's."""
    return make_repo(
        {
            "doc/versions/2024.yaml": version("2024", "2024-06-01", "endorsed"),
            "doc/versions/2025.yaml": version(
                "2025",
                "2025-02-01",
                "proposed",
                'based_on: "2024"\nmeeting: sscb-2025-03\n',
                '    addresses: ["sscb-2025-01/1", "sscb-2025-01/4"]\n',
            ),
            "doc/meetings/sscb-2025-01.yaml": YEAR_BEFORE,
            "doc/meetings/sscb-2025-03.yaml": ITS_OWN,
        },
        document=f"id: doc\ntitle: Going on\norganisation: LGA\nowner: {BOARD}\n",
    )


def test_every_question_of_the_meetings_reported_on_is_asked_about(revision: Path) -> None:
    paper = render(revision, "doc@2025")
    officers = paragraph(paper, "Should the Board write to the minister")
    deferred = paragraph(paper, "Look at how Scotland funds diversion.")
    unanswered = paragraph(paper, "Say whether councils should share the cost.")
    own = paragraph(paper, "Members' direction is sought: Should officers consult")
    # In the paper's order, though the minutes list the open comment after the deferred one.
    assert sought(paper) == [officers, unanswered, deferred, own]
    assert re.fullmatch(r"\d+\.\d+", unanswered)  # a sub-point of the comments taken
    # Each question is told once: the background's are not put again in the proposal.
    for text in (
        "write to the minister",
        "how Scotland funds",
        "share the cost",
        "consult the youth",
    ):
        assert paper.count(text) == 1, text


def unproposed(revision: Path) -> None:
    """Make 2025 a draft not yet put to a meeting."""
    draft = revision / "doc/versions/2025.yaml"
    draft.write_text(draft.read_text().replace("meeting: sscb-2025-03\n", ""))
    (revision / "doc/meetings/sscb-2025-03.yaml").unlink()


@pytest.mark.parametrize("proposed", [True, False])
def test_none_the_new_version_answers(revision: Path, proposed: bool) -> None:
    """4 is still open but 2025 cites it: the paper says it answers it, and asks nothing."""
    if not proposed:
        unproposed(revision)
    paper = render(revision, "doc@2025")
    assert paragraph(paper, "Mention rural transport.") not in sought(paper)


def test_a_members_question_is_told_with_its_answer_owed(revision: Path) -> None:
    """Cllr Patel's open question is the member's to have answered, not the board's to direct."""
    paper = render(revision, "doc@2025")
    asked = paragraph(paper, "Cllr Patel asked: How many councils run a diversion scheme?")
    assert asked not in sought(paper)
    assert f"**{asked}.** Cllr Patel asked: How many councils run a diversion scheme? " \
        "**To be written: the answer.**" in paper  # fmt: skip


def test_a_draft_with_no_meeting_asks_once(revision: Path) -> None:
    """Without a meeting to go to, the background's questions are not told a second time."""
    unproposed(revision)
    paper = render(revision, "doc@2025")
    officers = paragraph(paper, "Should the Board write to the minister")
    deferred = paragraph(paper, "Look at how Scotland funds diversion.")
    unanswered = paragraph(paper, "Say whether councils should share the cost.")
    assert sought(paper) == [officers, unanswered, deferred]
    assert "direction is sought" not in paper
