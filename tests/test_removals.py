"""A removal that answers a comment: recorded in a version's ``removed``, told by the paper.

FORMAT.md's ``addresses`` cite a comment from a place in the version, and a
section or statement the revision removed is no place in it: a comment
asking for something to be removed could not be recorded as addressed, and
the paper lost its answer. Checked through ``policypos validate``, ``comment
set``, ``diff --format json`` and ``render report``, as a user runs them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MakeRepo
from tests.test_amendments import run

OLD = """\
version: "v1"
date: 2025-09-01
status: draft
sections:
  - id: energy
    title: Energy
    statements:
      - id: en-1
        text: Council homes should be retrofitted.
      - id: en-2
        text: Solar panels should go on every school.
  - id: transport
    title: Transport
    statements:
      - id: tr-1
        text: Buses should run every ten minutes.
  - id: energy-2
    title: Energy
    statements:
      - id: en2-1
        text: Duplicate text.
"""

NEW = """\
version: "v2"
date: 2025-11-01
status: draft
based_on: "v1"
sections:
  - id: energy
    title: Energy
    statements:
      - id: en-1
        text: Council homes should be retrofitted.
  - id: transport
    title: Transport
    statements:
      - id: tr-1
        text: Buses should run every ten minutes.
"""

REMOVED = """\
removed:
  - id: energy-2
    addresses: [m1/3]
  - id: en-2
    addresses: [m1/4]
"""


def _meeting(three: str = "addressed", four: str = "addressed") -> str:
    return f"""\
meeting:
  id: m1
  body: Cabinet
  date: 2025-10-09
reviews: "v1"
comments:
  - id: "1"
    kind: comment
    text: Say more about retrofit.
    disposition: answered
    response: The retrofit paragraph stands as it is.
  - id: "3"
    kind: comment
    text: Remove the duplicated Energy section.
    disposition: {three}
    response: The duplicated section is removed.
  - id: "4"
    kind: comment
    text: Drop the solar panels paragraph.
    disposition: {four}
"""


@pytest.fixture
def removals(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED,
            "doc/meetings/m1.yaml": _meeting(),
        }
    )


def test_a_removal_cited_in_removed_makes_the_comment_addressed(removals: Path) -> None:
    result = run("validate", repo=removals)
    assert result.exit_code == 0, result.output
    # The one problem: v1's two sections titled "Energy", as in the tester's outline.
    assert "0 errors, 1 warning" in result.output
    assert "has the same title as section 1" in result.output


def test_without_removed_the_error_says_where_a_removal_is_cited(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW,
            "doc/meetings/m1.yaml": _meeting(),
        }
    )
    result = run("validate", repo=repo)
    assert result.exit_code == 1
    assert (
        "m1.yaml:15:18: error: comment m1/3 is addressed but no version cites it in 'addresses' "
        "(nor in 'removed', where a version answers it by leaving a place out)"
    ) in result.output


def test_comment_set_addressed_is_accepted_once_the_removal_cites_it(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED,
            "doc/meetings/m1.yaml": _meeting(three="open", four="open"),
        }
    )
    result = run("comment", "set", "doc", "m1/3", "--disposition", "addressed", repo=repo)
    assert result.exit_code == 0, result.output
    assert "disposition: addressed" in (repo / "doc/meetings/m1.yaml").read_text()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - id: energy-3\n    addresses: [m1/3]\n",
            "v2.yaml:21:9: error: 'removed' names 'energy-3', which is no section or statement "
            "of version 'v1', the version it revises; did you mean 'energy-2'?",
        ),
        (
            "  - id: transport\n    addresses: [m1/3]\n",
            "v2.yaml:21:9: error: 'removed' names 'transport', which version 'v2' still has: "
            "cite the comment from it with 'addresses' instead",
        ),
        (
            "  - id: tr-9\n    addresses: [m1/9]\n",
            "v2.yaml:22:17: error: addresses unknown comment 'm1/9'",
        ),
    ],
)
def test_validate_checks_each_removal(make_repo: MakeRepo, entry: str, message: str) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED + entry,
            "doc/meetings/m1.yaml": _meeting(),
        }
    )
    result = run("validate", repo=repo)
    assert result.exit_code == 1
    assert message in result.output


def test_a_first_version_has_nothing_to_remove(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD + "removed:\n  - id: gone\n    addresses: [m1/3]\n",
            "doc/meetings/m1.yaml": _meeting(four="open"),
        }
    )
    result = run("validate", repo=repo)
    assert (
        "v1.yaml:23:9: error: 'removed' names 'gone', but version 'v1' revises no earlier "
        "version: there is nothing it could have removed"
    ) in result.output


def test_the_change_set_names_the_removals_that_answer(removals: Path) -> None:
    result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=removals)
    comments = {c["ref"]: c for c in json.loads(result.output)["comments"]}
    assert comments["m1/3"]["addressed_by"] == []
    assert comments["m1/3"]["removed_by"] == ["energy-2"]
    assert comments["m1/4"]["removed_by"] == ["en-2"]
    assert "removed_by" not in comments["m1/1"]


def test_the_paper_says_which_section_went_and_what_it_answers(removals: Path) -> None:
    paper = run("render", "report", "doc@v2", repo=removals).output
    # Two sections were called Energy: each is named with its number.
    assert (
        "The Energy section (former section 3) has been removed. It answers members' comment "
        "2.2. **To be written: why the Energy section (former section 3) was removed.**"
    ) in paper
    assert "The Energy section (section 1) has been revised." in paper
    # A paragraph removed from a section that stays answers its comment there.
    assert (
        "Former paragraph 1.2 (“Solar panels should go on every school”) has been removed. "
        "It answers members' comment 2.3."
    ) in paper
    # Both removals count as answers in the summary.
    assert "which answers 3 of the 3 comments." in paper


def test_every_comment_taken_forward_prints_its_response(removals: Path) -> None:
    paper = run("render", "report", "doc@v2", repo=removals).output
    assert (
        "**2.1** Say more about retrofit.\n\nAnswered: The retrofit paragraph stands as it is."
    ) in paper
    assert (
        "**2.2** Remove the duplicated Energy section.\n\n"
        "Addressed: The duplicated section is removed."
    ) in paper
    # No response, nothing added.
    assert "**2.3** Drop the solar panels paragraph.\n\n## Proposal" in paper


def test_the_comparison_cites_the_removal(removals: Path) -> None:
    changes = run("render", "changes", "doc@v1", "doc@v2", repo=removals).output
    assert (
        "*Section 3 (Energy) has been removed.* Answers comment 2.2, Cabinet, 9 October 2025."
        in changes
    )


def test_the_version_schema_knows_removed() -> None:
    schema = json.loads(run("schema", "version").output)
    removed = schema["properties"]["removed"]["items"]
    assert removed["required"] == ["id", "addresses"]
