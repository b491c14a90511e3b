"""What a developer using policypos as a library ran into (tester 18), each fixed as a kind."""

from __future__ import annotations

import ast
import collections
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import policypos
from policypos import load, render
from policypos.errors import ConflictError, NotFoundError, ReferenceSyntaxError
from tests.conftest import SHIPPED

GS = "going-straight"
CAMBS = "cambridgeshire-reoffending"
MEETING = "sscb-2024-07"
OTHER_WRITER = b"  - id: other-1\n    kind: comment\n    text: Recorded meanwhile.\n"


def _another_process_writes(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Once the repository has been read, append a comment to *path*, as another process would."""
    real = load.read_repository

    def read_then_written(*args: Any, **kwargs: Any) -> load.Reading:
        reading = real(*args, **kwargs)
        data = path.read_bytes()
        path.write_bytes(data.rstrip(b"\n") + b"\n" + OTHER_WRITER)
        return reading

    monkeypatch.setattr(load, "read_repository", read_then_written)


@pytest.mark.parametrize(
    "compose",
    [
        lambda root: policypos.add_comment(root, GS, MEETING, "mine", "Mine."),
        lambda root: policypos.set_comment(root, GS, f"{MEETING}/9", disposition="noted"),
    ],
    ids=["add_comment", "set_comment"],
)
def test_a_file_changed_between_reading_and_composing_is_a_conflict(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, compose: Any
) -> None:
    """The edit is composed from the bytes its record was read from: the change meanwhile conflicts.

    Composed from a second read, the new comment's index (taken from the
    record) missed the other writer's entry and the guard called it a bug.
    """
    path = shipped / GS / "meetings" / f"{MEETING}.yaml"
    _another_process_writes(monkeypatch, path)
    composed = compose(shipped)
    assert b"other-1" not in composed.changes[0].after
    with pytest.raises(ConflictError, match="changed on disk after the edit was composed"):
        policypos.apply_edit(composed)
    assert b"other-1" in path.read_bytes()


def test_two_processes_recording_comments_meet_only_conflicts(shipped: Path) -> None:
    """Two processes adding comments at once: each edit is written or refused as a conflict."""
    script = textwrap.dedent(
        """
        import collections, sys
        import policypos
        who, root = sys.argv[1], sys.argv[2]
        seen = collections.Counter()
        for i in range(12):
            try:
                policypos.apply_edit(policypos.add_comment(
                    root, "going-straight", "sscb-2024-07", f"{who}-{i}", "t"))
                seen["ok"] += 1
            except policypos.ConflictError:
                seen["conflict"] += 1
        print(dict(seen))
        """
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, who, str(shipped)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    # Both waited for before any assertion, so no process is left running.
    said = [run.communicate(timeout=300) for run in runs]
    seen: collections.Counter[str] = collections.Counter()
    for run, (out, err) in zip(runs, said, strict=True):
        assert run.returncode == 0, err  # nothing but written or ConflictError
        seen.update(ast.literal_eval(out))
    assert set(seen) <= {"ok", "conflict"}
    # One process may lose every race to the other: together they wrote something.
    assert seen["ok"] >= 1
    meeting = policypos.open_repository(shipped).document(GS).meeting(MEETING)
    written = [c for c in meeting.comments if c.id.startswith(("a-", "b-"))]
    assert len(written) == seen["ok"]  # each write that said so is there, and no other


@pytest.mark.parametrize(
    "call",
    [
        lambda: policypos.add_comment(SHIPPED, GS, MEETING, "99", "x", on="drugs-alcohol"),
        lambda: policypos.read_repository(SHIPPED, only=GS),
        lambda: policypos.format_files(SHIPPED, "going-straight"),
        lambda: policypos.format_files(SHIPPED, SHIPPED / GS),  # type: ignore[arg-type]
        lambda: render.render_comments(
            policypos.open_repository(SHIPPED).document(GS), meetings=MEETING
        ),
        lambda: (
            policypos.open_repository(SHIPPED)
            .document(GS)
            .meeting(MEETING)
            .as_of(
                policypos.open_repository(SHIPPED).document(GS).meeting(MEETING).date,
                pending=MEETING,
            )
        ),
    ],
    ids=[
        "add_comment-on",
        "read_repository-only",
        "format_files",
        "format_files-path",
        "render_comments-meetings",
        "as_of-pending",
    ],
)
def test_a_bare_string_for_a_list_of_names_is_refused(call: Any) -> None:
    """Iterated, a string is its letters: a list parameter given one string is refused plainly."""
    with pytest.raises(ReferenceSyntaxError, match=r"takes a list of names, not one \w+: write"):
        call()


def test_a_list_of_one_name_still_works() -> None:
    """The same parameters given a list are read as before."""
    assert [d.id for d in policypos.read_repository(SHIPPED, only=[GS]).repository.documents] == [
        GS
    ]


def test_a_version_of_another_document_is_refused_by_the_papers() -> None:
    """render_annex and render_report refuse another document's version, as diff() does."""
    repo = policypos.open_repository(SHIPPED)
    doc, cambs = repo.document(GS), repo.document(CAMBS)
    theirs = cambs.versions[0]
    said = rf"no version '{CAMBS}@{theirs.id}' in {GS}"
    with pytest.raises(NotFoundError, match=said):
        render.render_annex(doc, theirs)
    with pytest.raises(NotFoundError, match=said):
        render.render_report(doc, theirs)


def test_a_change_set_of_another_document_is_refused_by_the_papers() -> None:
    """A change set rendered against the wrong document is refused, not sent looking for meetings."""
    repo = policypos.open_repository(SHIPPED)
    doc, cambs = repo.document(GS), repo.document(CAMBS)
    changes = policypos.diff(doc.version("2005"), doc.version("2024"), doc)
    said = rf"no version '{GS}@2024' in {CAMBS}"
    with pytest.raises(NotFoundError, match=said):
        render.render_changes(cambs, changes)
    with pytest.raises(NotFoundError, match=said):
        render.render_report(cambs, changes)
    assert render.render_changes(doc, changes)  # its own document still renders it


@pytest.mark.parametrize("ref", ["a/b/c", "/9", f"{MEETING}/", "a b", "../9"])
def test_a_malformed_comment_reference_is_a_syntax_error(ref: str) -> None:
    """``doc.comment("a/b/c")`` names no meeting to look for: it is written wrong."""
    doc = policypos.open_repository(SHIPPED).document(GS)
    with pytest.raises(ReferenceSyntaxError, match="is not a comment reference"):
        doc.comment(ref)


def test_a_malformed_comment_reference_is_refused_by_the_edits(shipped: Path) -> None:
    """set_comment and cite take the reference the same way."""
    with pytest.raises(ReferenceSyntaxError):
        policypos.set_comment(shipped, GS, "a/b/c", disposition="noted")
    with pytest.raises(ReferenceSyntaxError):
        policypos.cite(shipped, GS, "2024", "1", "a/b/c")


@pytest.mark.parametrize(
    "args",
    [
        ("comments", GS, "a/b/c"),
        ("comment", "set", GS, "a/b/c", "--disposition", "noted"),
    ],
    ids=["comments", "comment-set"],
)
def test_the_command_line_says_a_malformed_reference_is_malformed(
    shipped: Path, args: tuple[str, ...]
) -> None:
    """The CLI reaches the same check: one line, exit 2, no meeting to create suggested."""
    from tests.test_cli import run

    result = run(*args, repo=shipped)
    assert result.exit_code == 2
    assert "'a/b/c' is not a comment reference" in result.output
    assert "no meeting" not in result.output
