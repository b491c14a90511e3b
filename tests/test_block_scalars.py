"""A block scalar's closing line break: content in a body of Markdown, not in one paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import policypos
from tests.test_cli import run

MEETING = "going-straight/meetings/sscb-2024-03.yaml"

# Comment 2 written with literal blocks (and a history), as an editor may leave it.
BLOCKS = """\
  - id: "2"
    kind: question
    by: |
      Board members
    text: |
      Are councils taking part in the Home Office's Prison Leavers project?
    disposition: answered
    response: |
      As far as officers could find out, they are not.
    history:
      - date: 2024-03-14
        disposition: deferred
        response: |
          Officers will find out.
        note: |
          Asked at the meeting.
      - date: 2024-04-01
        disposition: answered
"""


def _blocks(shipped: Path) -> Path:
    path = shipped / MEETING
    text = path.read_text(encoding="utf-8")
    start = text.index('  - id: "2"\n')
    end = text.index('  - id: "3.1"\n')
    path.write_text(text[:start] + BLOCKS + "\n" + text[end:], encoding="utf-8")
    return shipped


def _comment_json(repo: Path) -> dict[str, object]:
    result = run("comments", "going-straight", "sscb-2024-03/2", "--format", "json", repo=repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    comment: dict[str, object] = data["comments"][0] if "comments" in data else data["comment"]
    return comment


def test_one_paragraph_fields_lose_the_closing_break(shipped: Path) -> None:
    """A comment's text, author and response, and a history entry's, end where the words end."""
    repo = _blocks(shipped)
    comment = _comment_json(repo)
    assert comment["by"] == "Board members"
    assert comment["text"] == (
        "Are councils taking part in the Home Office's Prison Leavers project?"
    )
    assert comment["response"] == "As far as officers could find out, they are not."
    read = policypos.open_repository(repo).document("going-straight").comment("sscb-2024-03/2")
    assert [(e.response, e.note) for e in read.history] == [
        ("Officers will find out.", "Asked at the meeting."),
        (None, None),
    ]


def test_a_statement_keeps_its_closing_break(shipped: Path) -> None:
    """A statement's text is Markdown paragraphs, read as written: diff sees its line breaks."""
    result = run("show", "going-straight@2024", "--format", "json", repo=shipped)
    assert result.exit_code == 0, result.output
    texts = [
        s["text"]
        for section in json.loads(result.stdout)["sections"]
        for s in section["statements"]
    ]
    assert texts
    assert all(text.endswith("\n") for text in texts)  # all written as folded blocks (>)


def test_an_edit_keeps_the_blocks_as_written(shipped: Path) -> None:
    """comment set leaves the comment's own block scalars, and the rest of the file, alone."""
    repo = _blocks(shipped)
    before = (repo / MEETING).read_text(encoding="utf-8")
    result = run(
        "comment", "set", "going-straight", "sscb-2024-03/2",
        "--disposition", "noted", "--date", "2024-05-01", repo=repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = (repo / MEETING).read_text(encoding="utf-8")
    added = (
        "        response: As far as officers could find out, they are not.\n"
        "      - date: 2024-05-01\n"
        "        disposition: noted\n"
    )
    assert after == before.replace(
        "      - date: 2024-04-01\n        disposition: answered\n",
        "      - date: 2024-04-01\n        disposition: answered\n" + added,
    ).replace(
        "    disposition: answered\n    response: |", "    disposition: noted\n    response: |"
    )
    assert _comment_json(repo)["response"] == "As far as officers could find out, they are not."
