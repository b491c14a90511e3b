"""Tester 17: every reading agrees on what is only proposed, before, on and after the meeting.

The fixture (``tests/data/proposed-ahead``) is the tester's repository: version 2027 proposed
to Cabinet (``cabinet-2027-01``), and the scrutiny committee's recommendations R1-R3 answered
for that meeting with ``comment set --meeting cabinet-2027-01``: R1 dated the day it was
recorded, R2 and R3 dated the meeting's day. The days are moved to fall around today.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli

DATA = Path(__file__).parent / "data" / "proposed-ahead"
DOC = "cambridgeshire-reoffending"
TODAY = dt.date.today()
MOMENTS = {"before": 48, "on the day": 0, "after": -1}
"""Each moment: how many days from today Cabinet meets."""


def place(tmp_path: Path, meets_in: int) -> Path:
    """The tester's repository with Cabinet meeting *meets_in* days from today."""
    root = tmp_path / "positions"
    shutil.copytree(DATA, root / DOC)
    cabinet = TODAY + dt.timedelta(days=meets_in)
    for path in (root / DOC / "meetings").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("2027-01-19", cabinet.isoformat())
        # R1 was recorded "today": for a meeting already held, on its day.
        recorded = min(TODAY, cabinet).isoformat()
        path.write_text(text.replace("2026-12-02", recorded), encoding="utf-8")
    return root


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def said(repo: Path, *args: str) -> str:
    result = run(repo, *args)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.replace("**", "").split())


def endorse(repo: Path) -> None:
    result = run(repo, "endorse", f"{DOC}@2027", "--meeting", "cabinet-2027-01")
    assert result.exit_code == 0, result.output


def readings(repo: Path, tmp_path: Path) -> dict[str, str]:
    """What every reading but the paper's says of R1-R3 (the paper is the paper of its day)."""
    site = tmp_path / "site"
    assert run(repo, "publish", "-o", str(site)).exit_code == 0
    tracker = (site / DOC / "comments.html").read_text(encoding="utf-8")
    return {
        "render response": said(repo, "render", "response", DOC),
        "render comments": said(repo, "render", "comments", DOC),
        "render comments --as-of": said(
            repo, "render", "comments", DOC, "--as-of", TODAY.isoformat()
        ),
        "render response --as-of": said(
            repo, "render", "response", DOC, "--as-of", TODAY.isoformat()
        ),
        "comments": said(repo, "comments", DOC, "--meeting", "ossc-2026-11"),
        "comments markdown": said(
            repo, "comments", DOC, "--meeting", "ossc-2026-11", "--format", "markdown"
        ),
        "comments R3": said(repo, "comments", DOC, "ossc-2026-11/R3"),
        "publish": " ".join(tracker.split()),
    }


PROPOSED = {
    "render response": (
        "Officers propose that this recommendation is accepted. The Council will publish",
        "Officers propose that this recommendation is accepted. The commitment on prison",
        "Officers propose that this recommendation is not accepted. There is no budget",
    ),
    "render comments": ("| proposed: accepted | The Council will", "| proposed: not accepted |"),
    "comments": ("ossc-2026-11/R2 recommendation proposed: accepted", "proposed: rejected"),
    "comments markdown": ("| ossc-2026-11/R2 | recommendation | proposed: accepted |",),
    "comments R3": ("ossc-2026-11/R3 recommendation proposed: rejected",),
    "publish": ("proposed: accepted", "proposed: not accepted"),
}
PROPOSED["render comments --as-of"] = PROPOSED["render comments"]
PROPOSED["render response --as-of"] = PROPOSED["render response"]

DECIDED = {
    "render response": (
        "This recommendation is accepted. The Council will publish",
        "This recommendation is not accepted. There is no budget",
    ),
    "render comments": ("| accepted | The Council will", "| not accepted | There is no budget"),
    "comments": ("ossc-2026-11/R2 recommendation accepted", "R3 recommendation rejected"),
    "comments markdown": ("| ossc-2026-11/R2 | recommendation | accepted |",),
    "comments R3": ("ossc-2026-11/R3 recommendation rejected",),
    "publish": ("accepted",),
}
DECIDED["render comments --as-of"] = DECIDED["render comments"]
DECIDED["render response --as-of"] = DECIDED["render response"]


def agree(read: dict[str, str], expected: dict[str, tuple[str, ...]], proposed: bool) -> None:
    for reading, text in read.items():
        for words in expected[reading]:
            assert words in text, (reading, words)
        if not proposed:
            assert "propose" not in text, reading
        else:
            assert "still to be agreed" not in text, reading
            assert "| open |" not in text, reading


@pytest.mark.parametrize("moment", ["before", "on the day"])
def test_every_reading_proposes_until_the_meeting_is_held(moment: str, tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS[moment])
    agree(readings(repo, tmp_path), PROPOSED, proposed=True)


@pytest.mark.parametrize("moment", ["on the day", "after"])
def test_every_reading_says_decided_once_it_is_held(moment: str, tmp_path: Path) -> None:
    """On its day, the meeting is held once endorse records it; after its day, anyway."""
    repo = place(tmp_path, MOMENTS[moment])
    if moment == "on the day":
        endorse(repo)
    agree(readings(repo, tmp_path), DECIDED, proposed=False)


@pytest.mark.parametrize("moment", ["before", "on the day", "after"])
def test_the_paper_proposes_as_it_went_to_the_meeting(moment: str, tmp_path: Path) -> None:
    """The paper and the log sent with it are written before the meeting, endorsed or not."""
    repo = place(tmp_path, MOMENTS[moment])
    if moment != "before":
        endorse(repo)
    paper = said(repo, "render", "report", f"{DOC}@2027")
    assert "Officers propose that Cabinet accepts it: The Council will publish" in paper
    assert "Officers propose that Cabinet does not accept it. There is no budget" in paper
    assert "Agree the proposed responses" in paper
    log = said(repo, "render", "comments", DOC, "--paper", "2027")
    assert log.count("| proposed: accepted |") == 2
    assert "| proposed: not accepted |" in log


def test_json_names_the_meeting_a_proposal_awaits(tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS["before"])
    data = json.loads(said(repo, "comments", DOC, "--meeting", "ossc-2026-11", "--format", "json"))
    assert [c.get("proposed_for") for c in data["comments"]] == ["cabinet-2027-01"] * 3
    assert [c["disposition"] for c in data["comments"]] == ["accepted", "accepted", "rejected"]
    held = place(tmp_path / "later", MOMENTS["after"])
    data = json.loads(said(held, "comments", DOC, "--meeting", "ossc-2026-11", "--format", "json"))
    assert all("proposed_for" not in c for c in data["comments"])


@pytest.mark.parametrize("meeting", [(), ("--meeting", "cabinet-2027-01")], ids=["none", "its"])
def test_a_proposal_is_redrafted_in_place(meeting: tuple[str, ...], tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS["before"])
    path = repo / DOC / "meetings" / "ossc-2026-11.yaml"
    result = run(
        repo, "comment", "set", DOC, "ossc-2026-11/R3", "--response", "There is no budget.",
        *meeting,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.count("- date:") == 3  # one entry each still: the proposal was amended
    assert "    response: There is no budget.\n" in text
    response = said(repo, "render", "response", DOC)
    assert "Officers propose that this recommendation is not accepted. There is no budget." in (
        response
    )
    # A new disposition too: still the one proposal, dated for the meeting.
    result = run(repo, "comment", "set", DOC, "ossc-2026-11/R3", "--disposition", "deferred")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").count("- date:") == 3
    assert "proposed: deferred" in said(repo, "comments", DOC, "ossc-2026-11/R3")


def test_an_answer_after_the_meeting_is_a_new_entry(tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS["after"])
    path = repo / DOC / "meetings" / "ossc-2026-11.yaml"
    result = run(repo, "comment", "set", DOC, "ossc-2026-11/R3", "--response", "No budget.")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").count("- date:") == 4


def test_an_unknown_meeting_is_named_before_any_date(tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS["before"])
    result = run(
        repo, "comment", "set", DOC, "ossc-2026-11/R3", "--response", "x", "--meeting", "nosuch"
    )
    assert result.exit_code == 2
    assert "error: no meeting 'nosuch'" in result.output
    assert "oldest first" not in result.output


def test_a_proposal_is_dated_no_later_than_its_meeting(tmp_path: Path) -> None:
    repo = place(tmp_path, MOMENTS["before"])
    late = (TODAY + dt.timedelta(days=60)).isoformat()
    result = run(
        repo, "comment", "set", DOC, "ossc-2026-11/R2", "--disposition", "rejected",
        "--meeting", "cabinet-2027-01", "--date", late,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is dated " + late + ", after the meeting" in result.output
