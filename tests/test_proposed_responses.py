"""Tester 16: a Cabinet paper proposes the responses Cabinet decides at the meeting.

The fixture (``tests/data/proposed-reoffending``) is the tester's repository: a scrutiny
committee's five recommendations and a question, each disposition recorded with
``--meeting cabinet-2026-07`` on that meeting's day, and version 2026-07 proposed to it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos.cli import cli

DATA = Path(__file__).parent / "data" / "proposed-reoffending"
SCRUTINY = "positions/reoffending/meetings/scrutiny-2026-05.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "positions"
    shutil.copytree(DATA, root / "reoffending")
    return root


def render(repo: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(repo), "render", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.replace("**", "").split())


def dated_before_the_meeting(repo: Path) -> None:
    """The tester's second try: each decision dated 1 July, naming no meeting."""
    path = repo / "reoffending/meetings/scrutiny-2026-05.yaml"
    text = path.read_text(encoding="utf-8").replace("date: 2026-07-14", "date: 2026-07-01")
    path.write_text(text.replace("        meeting: cabinet-2026-07\n", ""), encoding="utf-8")


PROPOSED_IN_PAPER = (
    "Officers propose that Cabinet partially accepts it: The Council cannot positively",
    "Officers propose that Cabinet accepts it: The Council will co-host a summit",
    "Guarantee a settled home within 7 days rather than 28. Officers propose that Cabinet "
    "does not accept it. Seven days is not achievable",
    "Officers propose that Cabinet refers it to the Employment & Appeals Committee.",
)


@pytest.mark.parametrize("dated", [False, True], ids=["for-the-meeting", "dated-before"])
def test_the_paper_proposes_the_responses(repo: Path, dated: bool) -> None:
    if dated:
        dated_before_the_meeting(repo)
    paper = render(repo, "report", "reoffending@2026-07")
    for words in PROPOSED_IN_PAPER:
        assert words in paper
    assert "(b) Agree the proposed responses in paragraphs 4.1, 4.2, 5 and 6." in paper
    assert "agree the proposed responses in paragraphs 4.1, 4.2, 5 and 6." in paper
    # Not Cabinet's decision before Cabinet met, nor questions to direct officers on.
    for never in ("Accepted by Cabinet", "Cabinet did not", "Cabinet referred", "Direct officers"):
        assert never not in paper
    assert "How many ex-offenders does the Council employ now? Officers are collecting" in paper


def test_the_log_with_the_paper_agrees(repo: Path) -> None:
    log = render(repo, "comments", "reoffending", "--paper", "2026-07")
    assert "| proposed: partially accepted | The Council cannot positively" in log
    assert "| proposed: not accepted | Seven days is not achievable" in log
    assert "| proposed: referred to Employment & Appeals Committee |" in log
    assert "| open |" not in log
    # The record as it stands, after the meeting, is Cabinet's decision.
    now = render(repo, "comments", "reoffending")
    assert "proposed" not in now
    assert "| partially accepted | The Council cannot" in now


def test_the_response_proposes_until_the_meeting(repo: Path) -> None:
    # Dated for the meeting (14 July), the decisions are proposed the days before it.
    then = render(repo, "response", "reoffending", "--as-of", "2026-07-13")
    assert "Officers propose that this recommendation is partially accepted." in then
    assert "Officers propose that this recommendation is referred to the Employment" in then
    # Its own day ends with 2026-07 endorsed there: Cabinet has met (tester 17).
    for day in ("2026-07-14", "2026-07-15"):
        after = render(repo, "response", "reoffending", "--as-of", day)
        assert "Officers propose" not in after
        assert "This recommendation is partially accepted." in after


def test_the_response_is_dated_for_the_meeting_it_goes_to(repo: Path) -> None:
    (repo / "reoffending/reports/scrutiny-2026-05.yaml").unlink()
    response = render(repo, "response", "reoffending")
    assert "| Date | 14 July 2026 |" in response
    assert "| Date | To be written |" not in response


def test_the_paper_in_word_proposes(repo: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "report.docx"
    result = CliRunner().invoke(
        cli,
        ["--repo", str(repo), "render", "report", "reoffending@2026-07", "--format", "docx",
         "-o", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Officers propose that Cabinet accepts it" in text
    assert "Agree the proposed responses in paragraphs 4.1, 4.2, 5 and 6." in text
