"""Each answer in the board paper's proposal follows the paragraph that cites the comment.

A section's answers used to be gathered into one "It answers ..." at the end
of its paragraph, which, after a sentence about paragraph 1.3, told members
that 1.3 answered a question 1.2 cites. Checked through ``render report`` as
a user runs it: every "Paragraph N answers ..." the paper writes is matched
against the comments paragraph N of the annex cites.
"""

from __future__ import annotations

import re
from pathlib import Path

import policypos
from policypos import documents
from tests.conftest import SHIPPED, MakeRepo
from tests.test_amendments import run

_SAID = re.compile(
    r"(?P<where>Paragraphs? \d+\.\d+(?:(?:, | and )\d+\.\d+)*) (?:partly )?answers? "
    r"(?P<what>.*?)\.(?= [A-Z*]|$)"
)
_NUMBERS = re.compile(
    r"(members' comments?|questions?|recommendations?) ((?:[\d.]+(?:, | and )?)+)"
)


def _said_of_paragraphs(paper: str) -> list[tuple[str, str]]:
    """``(paragraph number, comment's paper number)`` for each answer the paper gives."""
    found = []
    for line in paper.splitlines():
        for said in _SAID.finditer(line):
            paragraphs = re.findall(r"\d+\.\d+", said["where"])
            for _, numbers in _NUMBERS.findall(said["what"]):
                found += [(p, n) for p in paragraphs for n in re.findall(r"\d+(?:\.\d+)?", numbers)]
    return found


def _check(repo: Path, doc: str, old: str, new: str) -> list[tuple[str, str]]:
    """The paper's answers, each asserted to be cited by the paragraph it follows."""
    paper = run("render", "report", f"{doc}@{new}", repo=repo)
    assert paper.exit_code == 0, paper.output
    document = policypos.open_repository(repo).document(doc)
    version = document.version(new)
    changes = policypos.diff(document.version(old), version, document)
    paper_number = documents.board_paper(document, changes).comment_numbers
    ref_of = {number: ref for ref, number in paper_number.items()}
    cites = {
        version.paragraph_numbers()[s.id]: set(s.addresses)
        for section in version.sections
        for s in section.statements
        if s.id in version.paragraph_numbers()
    }
    said = _said_of_paragraphs(paper.output)
    for paragraph, number in said:
        assert ref_of[number] in cites[paragraph], (paragraph, number, paper.output)
    return said


def test_the_shipped_paper_names_no_paragraph_for_a_comment_it_does_not_cite() -> None:
    _check(SHIPPED, "going-straight", "2005", "2024")


OLD = """\
version: "v1"
date: 2025-01-10
status: endorsed
sections:
  - id: general
    title: General
    statements:
      - id: g-1
        text: Councils should plan together.
      - id: g-2
        text: Probation staffing is a concern.
      - id: g-3
        text: Areas differ.
"""

NEW = """\
version: "v2"
date: 2025-03-01
status: draft
based_on: "v1"
sections:
  - id: general
    title: General
    statements:
      - id: g-1
        text: Councils should plan together.
      - id: g-2
        text: Probation staffing is a concern.
        addresses: [m1/4]
      - id: g-3
        text: Areas differ. Councils should agree how they share information.
        addresses: [m1/11]
"""

MEETING = """\
meeting:
  id: m1
  body: Safer and Stronger Communities Board
  date: 2025-02-01
reviews: "v1"
comments:
  - id: "4"
    kind: question
    text: Should the statement mention the workforce programme?
    disposition: addressed
  - id: "11"
    kind: comment
    text: Say how councils should work with the probation regions.
    disposition: addressed
"""


def test_an_answer_cited_by_an_unchanged_paragraph_is_not_said_of_the_last_one(
    make_repo: MakeRepo,
) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW,
            "doc/meetings/m1.yaml": MEETING,
        }
    )
    said = _check(repo, "doc", "v1", "v2")
    # Both answers are given, each after its own paragraph, and no bare "It answers".
    assert {p for p, _ in said} == {"1.2", "1.3"}
    paper = run("render", "report", "doc@v2", repo=repo).output
    assert "It answers" not in paper
