"""Tester 19: a paper proposes answers to members' comments and officers' questions too.

The fixture (``tests/data/proposed-questions``) is the tester's: the shipped Going Straight
with version 2025 proposed to a Board meeting still to come (``sscb-next``), and the
questions and comments of the July 2024 meeting answered for it with ``comment set
--meeting sscb-next``, as the tester did.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

import policypos
from policypos import documents
from policypos.render import as_text, render_report

DATA = Path(__file__).parent / "data" / "proposed-questions"
SHIPPED = Path(__file__).parent.parent / "positions"
GS = "going-straight"
BOARD = "Officers propose that the Safer and Stronger Communities Board"


def run(repo: Path, *args: str) -> Result:
    from policypos.cli import cli

    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def answered_for_the_meeting(tmp_path: Path) -> Path:
    """The tester's repository: each disposition recorded for the Board meeting to come."""
    root = Path(shutil.copytree(SHIPPED, tmp_path / "positions"))
    shutil.copy(DATA / "sscb-2024-07.yaml", root / GS / "meetings" / "sscb-2024-07.yaml")
    shutil.copy(DATA / "2025.yaml", root / GS / "versions" / "2025.yaml")
    meets = dt.date.today() + dt.timedelta(days=60)
    (root / GS / "meetings" / "sscb-next.yaml").write_text(
        "meeting:\n  id: sscb-next\n  body: Safer and Stronger Communities Board\n"
        f"  date: {meets.isoformat()}\n"
        '  item: "Re-offending and probation: revised policy positions"\nreviews: "2025"\n',
        encoding="utf-8",
    )
    for ref, disposition, response in (
        ("10", "rejected", "Officers suggest not taking this research on."),
        ("11", "addressed", None),
        ("12", "addressed", None),
        ("13", "answered", "Yes: paragraph 1.2 now names the Probation Workforce Programme."),
        ("14", "rejected", "Tagging is a matter for the Ministry of Justice."),
    ):
        args = ["comment", "set", GS, f"sscb-2024-07/{ref}", "--disposition", disposition]
        args += ["--meeting", "sscb-next", *(["--response", response] if response else [])]
        result = run(root, *args)
        assert result.exit_code == 0, result.output
    return root


def flat(text: str) -> str:
    return " ".join(text.replace("**", "").split())


PROPOSED = (
    "2. Officers asked: Is more work needed on drug and alcohol treatment",
    "3. Officers asked: Should officers research what works in other countries to reduce "
    f"re-offending, given that this may take substantial work? {BOARD} does not take this "
    "forward: Officers suggest not taking this research on.",
    "4. Officers asked: Should the statement mention the Probation Workforce Programme? "
    "Officers propose this answer: Yes: paragraph 1.2 now names",
    f"6. Board members also suggested: Add a position on electronic tagging. {BOARD} does not "
    "take this forward. Tagging is a matter for the Ministry of Justice.",
    "(b) Agree the proposed responses in paragraphs 3, 4 and 6.",
    "(c) Direct officers on the issues in paragraph 2.",
    "agree the proposed responses in paragraphs 3, 4 and 6;",
)


def test_the_paper_proposes_the_answers(tmp_path: Path) -> None:
    repo = answered_for_the_meeting(tmp_path)
    result = run(repo, "render", "report", f"{GS}@2025")
    assert result.exit_code == 0, result.output
    paper = flat(result.stdout)
    for words in PROPOSED:
        assert words in paper
    # Not settled before the Board met, nor dropped from what it is asked to do.
    assert "Officers recommend not taking this forward" not in paper
    assert "Board members also suggested: Add a position on electronic tagging. Officers" in paper


def test_the_api_paper_agrees(tmp_path: Path) -> None:
    repo = answered_for_the_meeting(tmp_path)
    document = policypos.open_repository(repo).document(GS)
    changes = policypos.diff(document.version("2024"), document.version("2025"), document)
    paper = documents.written_paper(repo, document, changes)
    assert paper is not None
    asks = [r.text for r in paper.recommendations]
    assert asks[1:] == [
        "Agree the proposed responses in paragraphs 3, 4 and 6.",
        "Direct officers on the issues in paragraph 2.",
    ]
    report = documents.paper_report(repo, document, changes)
    said = flat(as_text(render_report(document, changes, report)))
    assert said == flat(run(repo, "render", "report", f"{GS}@2025").stdout)
