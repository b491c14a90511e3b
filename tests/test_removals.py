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
        "Removing former paragraph 1.2 answers members' comment 2.3."
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
        "*Section 3 (Energy) has been removed.* Answers comment 2.2 (3 in the minutes), "
        "Cabinet, 9 October 2025." in changes
    )


def test_the_version_schema_knows_removed() -> None:
    schema = json.loads(run("schema", "version").output)
    removed = schema["properties"]["removed"]["items"]
    assert removed["required"] == ["id", "addresses"]


# --- cite --removed: recording a removal that answers a comment -------------------------


@pytest.fixture
def unrecorded(make_repo: MakeRepo) -> Path:
    """v2 removed energy-2 and en-2, but records no removal: both comments open."""
    return make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW,
            "doc/meetings/m1.yaml": _meeting(three="open", four="open"),
        }
    )


def test_cite_removed_writes_the_removed_entry(unrecorded: Path) -> None:
    path = unrecorded / "doc/versions/v2.yaml"
    # A paragraph numbered as v1, the version revised, numbers it: former paragraph 1.2.
    result = run("cite", "doc@v2", "--removed", "1.2", "m1/4", repo=unrecorded)
    assert result.exit_code == 0, result.output
    assert path.read_text() == NEW + "removed:\n  - id: en-2\n    addresses: [m1/4]\n"
    assert "m1/4 is still open: once the answer is complete" in result.stderr
    # A second removal gets its own entry; a second comment joins an entry's list.
    assert run("cite", "doc@v2", "--removed", "energy-2", "m1/3", repo=unrecorded).exit_code == 0
    assert run("cite", "doc@v2", "--removed", "3", "m1/4", repo=unrecorded).exit_code == 0
    assert path.read_text() == NEW + (
        "removed:\n  - id: en-2\n    addresses: [m1/4]\n"
        "  - id: energy-2\n    addresses: [m1/3, m1/4]\n"
    )
    assert run("comment", "set", "doc", "m1/3", "--disposition", "addressed", repo=unrecorded)
    assert run("validate", repo=unrecorded).exit_code == 0


def test_cite_removed_remove_gives_back_the_exact_bytes(unrecorded: Path) -> None:
    path = unrecorded / "doc/versions/v2.yaml"
    original = NEW.replace("ten minutes.\n", "ten minutes.  # kept\n") + "\n# closing note\n"
    path.write_text(original)
    for place, ref in (("en-2", "m1/4"), ("energy-2", "m1/3"), ("energy-2", "m1/4")):
        assert run("cite", "doc@v2", "--removed", place, ref, repo=unrecorded).exit_code == 0
    for place, ref in (("energy-2", "m1/4"), ("en-2", "m1/4"), ("energy-2", "m1/3")):
        result = run("cite", "doc@v2", "--removed", place, ref, "--remove", repo=unrecorded)
        assert result.exit_code == 0, result.output
    assert path.read_text() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("doc@v2", "--removed", "transport", "m1/3"),
            "policypos: error: doc@v2 still has 'transport': cite the comment from it "
            "without --removed\n",
        ),
        (
            ("doc@v2", "--removed", "energy-3", "m1/3"),
            "policypos: error: no section, statement or paragraph 'energy-3' in version 'v1', "
            "the version it revises (known: energy-2, en-2, en2-1, 1.2, 3.1, 3); "
            "did you mean 'energy-2'?\n",
        ),
        (
            ("doc@v1", "--removed", "en-2", "m1/3"),
            "policypos: error: doc@v1 revises no earlier version: there is nothing it could "
            "have removed\n",
        ),
        (
            ("doc@v2", "--removed", "en-2", "m1/3", "--remove"),
            "policypos: error: doc@v2 does not record that removing 'en-2' answers m1/3\n",
        ),
    ],
)
def test_cite_removed_refuses_what_validate_would(
    unrecorded: Path, args: tuple[str, ...], message: str
) -> None:
    before = {p: p.read_bytes() for p in unrecorded.rglob("*.yaml")}
    result = run("cite", *args, repo=unrecorded)
    assert (result.exit_code, result.stderr) == (2, message)
    assert {p: p.read_bytes() for p in unrecorded.rglob("*.yaml")} == before


def test_cite_removed_twice_is_refused(removals: Path) -> None:
    result = run("cite", "doc@v2", "--removed", "en-2", "m1/4", repo=removals)
    assert (result.exit_code, result.stderr) == (
        2,
        "policypos: error: doc@v2 already records that removing 'en-2' answers m1/4\n",
    )


def test_cite_removed_from_python(unrecorded: Path) -> None:
    import policypos
    from policypos.errors import EditError

    policypos.apply_edit(policypos.cite(unrecorded, "doc", "v2", "energy-2", "m1/3", removed=True))
    assert policypos.open_repository(unrecorded).document("doc").version("v2").removed == (
        policypos.Removal("energy-2", ("m1/3",)),
    )
    with pytest.raises(EditError, match="cite the comment from it without removed=True"):
        policypos.cite(unrecorded, "doc", "v2", "en-1", "m1/3", removed=True)


# --- the views that say where a comment is answered -------------------------------------


def test_the_comment_log_says_which_removal_answers(removals: Path) -> None:
    log = run("comments", "doc", repo=removals).output
    assert (
        "m1/3  comment  addressed\n    Remove the duplicated Energy section.\n"
        "    response: The duplicated section is removed.\n"
        "    answered by v2 removing former section 3 (energy-2)\n"
    ) in log
    assert "    answered by v2 removing former paragraph 1.2 (en-2)\n" in log
    table = run("comments", "doc", "--format", "markdown", repo=removals).output
    assert "| v2: removing former paragraph 1.2 (en-2) |" in table
    entries = json.loads(run("comments", "doc", "--format", "json", repo=removals).output)
    by_ref = {c["ref"]: c for c in entries["comments"]}
    assert by_ref["m1/3"]["removed_by"] == [{"version": "v2", "ids": ["energy-2"]}]
    assert "removed_by" not in by_ref["m1/1"]


def test_the_board_comment_log_says_which_removal_answers(removals: Path) -> None:
    log = run("render", "comments", "doc", "--format", "markdown", repo=removals).output
    assert (
        "| 2.2 (3 in the minutes) |  | Remove the duplicated Energy section. | addressed "
        "| The duplicated section is removed. | v2: removing former section 3 |"
    ) in log
    assert "| v2: removing former paragraph 1.2 |" in log


def test_what_was_done_about_a_comment_shows_the_removal(removals: Path) -> None:
    text = run("comments", "doc", "m1/4", repo=removals).output
    assert text.endswith(
        "Answered in v2 (draft, 2025-11-01), compared with v1:\n"
        "  - en-2  [-Solar panels should go on every school.-]\n"
    )
    assert "No version cites it." not in text
    section = run("comments", "doc", "m1/3", "--format", "markdown", repo=removals).output
    assert section.endswith("\n- Former section 3, Energy: removed\n")
    found = json.loads(run("comments", "doc", "m1/3", "--format", "json", repo=removals).output)
    (answer,) = found["comment"]["answers"]
    assert answer["removed"] == ["energy-2"]
    assert [s["id"] for s in answer["sections"]] == ["energy-2"]
    assert answer["statements"] == []  # its paragraph goes with the section's line


def test_a_removal_the_comparison_cannot_show_is_named(make_repo: MakeRepo) -> None:
    """Counted from the version the meeting reviewed, a paragraph added since is no removal."""
    v0 = OLD.replace('"v1"', '"v0"').replace("2025-09-01", "2025-08-01")
    v0 = v0.replace("      - id: en-2\n        text: Solar panels should go on every school.\n", "")
    repo = make_repo(
        {
            "doc/versions/v0.yaml": v0,
            "doc/versions/v1.yaml": OLD.replace("status: draft", 'status: draft\nbased_on: "v0"'),
            "doc/versions/v2.yaml": NEW + REMOVED,
            "doc/meetings/m1.yaml": _meeting().replace('reviews: "v1"', 'reviews: "v0"'),
        }
    )
    text = run("comments", "doc", "m1/4", repo=repo).output
    assert text.endswith(
        "Answered in v2 (draft, 2025-11-01), compared with v0:\n"
        "  removing former paragraph 1.2 (en-2)\n"
    )
    markdown = run("comments", "doc", "m1/4", "--format", "markdown", repo=repo).output
    assert "Answered by removing former paragraph 1.2 (en-2)." in markdown


def test_the_published_tracker_links_the_removal(removals: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("publish", "-o", str(site), "--drafts", repo=removals).exit_code == 0
    tracker = (site / "doc/comments.html").read_text()
    assert (
        '<li><a href="changes/v2.html#removed-s-energy-2">v2: removing former section 3</a></li>'
    ) in tracker
    assert (
        'Answered in <a href="changes/v2.html#removed-st-en-2">'
        "v2: removing former paragraph 1.2</a>."
    ) in tracker
    changes = (site / "doc/changes/v2.html").read_text()
    assert 'id="removed-s-energy-2"' in changes
    assert 'id="removed-st-en-2"' in changes
