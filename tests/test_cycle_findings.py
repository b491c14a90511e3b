"""What a tester found in the officer's cycle: copies, answers given twice, dry runs.

Through the command line (and ``policypos.edit`` where only Python can
reach the case), on the small repository of tests/test_removals.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from policypos import edit
from policypos.errors import InvalidEditError, Location, Problem, Severity
from tests.conftest import MakeRepo
from tests.test_amendments import run
from tests.test_removals import NEW, OLD, REMOVED, _meeting


@pytest.fixture
def removals(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED,
            "doc/meetings/m1.yaml": _meeting(),
        }
    )


def _files(repo: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in repo.rglob("*.yaml")}


# --- new-version and restore: what describes only the version copied from ----


def test_new_version_leaves_the_removals_of_its_source_out(removals: Path) -> None:
    result = run(
        "new-version", "doc", "--from", "v2", "--id", "v3", "--date", "2026-01-10", repo=removals
    )
    assert result.exit_code == 0, result.output
    text = (removals / "doc/versions/v3.yaml").read_text()
    assert "removed:" not in text
    assert text.startswith('version: "v3"\ndate: 2026-01-10\nstatus: draft\nbased_on: "v2"\n')
    assert run("validate", repo=removals).exit_code == 0


def test_restore_leaves_the_removals_of_its_source_out(removals: Path) -> None:
    assert run("new-version", "doc", "--from", "v2", "--id", "v3", repo=removals).exit_code == 0
    result = run("restore", "doc@v2", "--id", "v4", repo=removals)
    assert result.exit_code == 0, result.output
    assert "removed:" not in (removals / "doc/versions/v4.yaml").read_text()


def test_an_error_in_a_file_not_written_names_no_place_in_it(
    removals: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy the validator refuses is never written: no path:line:column can point into it."""
    import importlib

    checking = importlib.import_module("policypos.validate")  # the package's validate() hides it
    real = checking.check

    def check(root: Path | str, *, staged: bool = False) -> tuple[Problem, ...]:
        found: tuple[Problem, ...] = real(root, staged=staged)
        new = Path(root) / "doc/versions/v3.yaml"
        if not new.exists():
            return found
        return (*found, Problem(Severity.ERROR, "something wrong", Location(new, 3, 9)))

    monkeypatch.setattr(checking, "check", check)
    with pytest.raises(InvalidEditError) as raised:
        edit.new_version(removals, "doc", "v2", "v3", dt.date(2026, 1, 10))
    (problem,) = raised.value.problems
    assert problem.location is None
    target = removals / "doc/versions/v3.yaml"
    assert (
        str(problem)
        == f"error: {target} (the new file, not written), line 3, column 9: something wrong"
    )
    assert not target.exists()


# --- comment set: the same answer again, and dates that cannot be ------------


def test_the_same_disposition_again_writes_nothing_and_says_so(removals: Path) -> None:
    before = _files(removals)
    result = run("comment", "set", "doc", "m1/3", "--disposition", "addressed", repo=removals)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "policypos: no change: m1/3 is already addressed\n"
    assert _files(removals) == before


def test_an_answer_dated_before_the_comment_was_made_is_refused(removals: Path) -> None:
    before = _files(removals)
    for disposition in ("addressed", "noted"):  # the same one again, and a new one
        result = run(
            "comment", "set", "doc", "m1/3", "--disposition", disposition, "--date", "2025-01-01",
            repo=removals,
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr == (
            "policypos: error: the answer is dated 2025-01-01, before meeting 'm1' "
            "(2025-10-09), where m1/3 was made: nothing can be decided about a comment "
            "before it was made\n"
        )
    assert _files(removals) == before


@pytest.fixture
def two_meetings(removals: Path) -> Path:
    (removals / "doc/meetings/m2.yaml").write_text(
        "meeting:\n  id: m2\n  body: Cabinet\n  date: 2025-11-20\n"
    )
    return removals


def test_an_answer_dated_before_its_meeting_is_the_proposal_that_meeting_decided(
    two_meetings: Path,
) -> None:
    """Dated before m2 met, for m2: officers' proposal to it, m2's decision once m2 was held."""
    result = run(
        "comment", "set", "doc", "m1/1", "--disposition", "noted", "--meeting", "m2",
        "--date", "2025-11-01", repo=two_meetings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    (comment,) = json.loads(
        run("comments", "doc", "--meeting", "m1", "--format", "json", repo=two_meetings).stdout
    )["comments"][:1]
    assert comment["disposition"] == "noted"
    assert "proposed_for" not in comment  # m2 has been held: decided, not proposed


def test_a_date_after_the_deciding_meeting_is_warned_of(two_meetings: Path) -> None:
    result = run(
        "comment", "set", "doc", "m1/1", "--disposition", "noted", "--meeting", "m2",
        "--date", "2025-12-01", repo=two_meetings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "policypos: warning: the answer is dated 2025-12-01, after meeting 'm2' that decided "
        "it (2025-11-20)" in result.stderr
    )


def test_a_decision_at_a_meeting_is_dated_on_its_day(two_meetings: Path) -> None:
    result = run(
        "comment", "set", "doc", "m1/1", "--disposition", "noted", "--meeting", "m2",
        repo=two_meetings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (two_meetings / "doc/meetings/m1.yaml").read_text()
    assert "      - date: 2025-11-20\n        disposition: noted\n        meeting: m2\n" in text


# --- dry runs: what would be written, no advice on a write not made -----------


@pytest.fixture
def unrecorded(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW,
            "doc/meetings/m1.yaml": _meeting(three="open", four="open"),
        }
    )


def test_a_dry_run_citation_gives_no_next_step(unrecorded: Path) -> None:
    before = _files(unrecorded)
    for args in (("--removed", "en-2"), ("en-1",)):
        result = run("cite", "doc@v2", *args, "m1/4", "--dry-run", repo=unrecorded)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("--- a/doc/versions/v2.yaml\n")
        assert result.stderr == ""
    assert _files(unrecorded) == before


# --- a section and its own statement removed for one comment ------------------


def test_cite_refuses_a_statement_whose_section_is_removed_for_the_comment(
    unrecorded: Path,
) -> None:
    assert run("cite", "doc@v2", "--removed", "energy-2", "m1/3", repo=unrecorded).exit_code == 0
    result = run("cite", "doc@v2", "--removed", "en2-1", "m1/3", repo=unrecorded)
    assert (result.exit_code, result.stderr) == (
        2,
        "policypos: error: doc@v2 already records that removing section 'energy-2' answers "
        "m1/3: its statement 'en2-1' went with it\n",
    )


def test_cite_refuses_a_section_one_of_whose_statements_is_removed_for_the_comment(
    unrecorded: Path,
) -> None:
    assert run("cite", "doc@v2", "--removed", "en2-1", "m1/3", repo=unrecorded).exit_code == 0
    result = run("cite", "doc@v2", "--removed", "energy-2", "m1/3", repo=unrecorded)
    assert result.exit_code == 2
    assert "'en2-1', a statement of section 'energy-2', answers m1/3: take that away" in (
        result.stderr
    )


def test_validate_warns_of_a_statement_removed_with_its_section(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED + "  - id: en2-1\n    addresses: [m1/3]\n",
            "doc/meetings/m1.yaml": _meeting(),
        }
    )
    result = run("validate", repo=repo)
    assert result.exit_code == 0, result.output
    assert (
        "v2.yaml:21:9: warning: 'removed' names 'en2-1' for 'm1/3', and its section "
        "'energy-2' for the same: leaving the section out leaves its statements out, so "
        "this entry can go" in result.output
    )


def test_validate_reports_both_an_unknown_place_and_a_bad_comment(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "doc/versions/v1.yaml": OLD,
            "doc/versions/v2.yaml": NEW + REMOVED + "  - id: nowhere\n    addresses: [9]\n",
            "doc/meetings/m1.yaml": _meeting(),
        }
    )
    result = run("validate", repo=repo)
    assert result.exit_code == 1
    assert "v2.yaml:21:9: error: 'removed' names 'nowhere', which is no section" in result.output
    assert "v2.yaml:22:17: error: 'addresses' entry '9' must name a comment" in result.output


def test_an_answer_dated_on_its_meetings_day_is_not_warned_of(two_meetings: Path) -> None:
    result = run(
        "comment", "set", "doc", "m1/1", "--disposition", "noted", "--meeting", "m2",
        "--date", "2025-11-20", repo=two_meetings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
