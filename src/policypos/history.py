"""One statement through every version of its document: where it stood, and where it did not."""

from __future__ import annotations

import enum
import re

import attrs

from policypos.changeset import ChangeSet, StatementChange
from policypos.diff import diff
from policypos.errors import NotFoundError
from policypos.model import Comment, Document, Statement, Status, Version
from policypos.pairing import STATEMENT_THRESHOLD
from policypos.redline import similarity

_PARAGRAPH = re.compile(r"[1-9][0-9]*\.[1-9][0-9]*")


class HistoryEvent(enum.StrEnum):
    """What a version did to the statement, compared with the version before it."""

    APPEARS = "appears"
    """The first version that holds it."""
    AMENDED = "amended"
    """Held by this version and the one before, and changed: text, a field, its place."""
    KEPT = "kept"
    """Held by this version and the one before, unchanged."""
    REMOVED = "removed"
    """Held by the version before, not by this one."""
    ABSENT = "absent"
    """Still not held after being removed."""
    RESTORED = "restored"
    """Held again after one or more versions without it, its text much as it last was."""
    REUSED = "reused"
    """Its id held again after a gap, for a text unlike the one it last held: another statement."""


@attrs.frozen
class HistoryStep:
    """One version in a statement's history: what it did to the statement, and the result.

    ``section``, ``statement`` and ``number`` (its paragraph number, ``"4.3"``)
    are ``None`` where the version does not hold the statement. ``change`` is
    the statement's change from the version before (for ``restored``, from the
    last version that held it; for ``removed``, the removal); ``None`` where
    it first appears, stays absent, or its id is ``reused``.
    """

    version: Version
    event: HistoryEvent
    section: str | None
    statement: Statement | None
    number: str | None
    change: StatementChange | None
    comments: tuple[Comment, ...] = ()


def history(
    document: Document, statement: str, *, version: str | None = None
) -> tuple[HistoryStep, ...]:
    """Follow a statement through every version from the one it first appears in, oldest first.

    Args:
        document: the document.
        statement: a statement id, or a paragraph number (``"4.3"``) of *version*
            (default: the newest version). An id that some version holds wins
            over a paragraph number written the same way.
        version: the version the statement is looked up in (default: the
            newest version holding that id).

    Withdrawn versions are left out (they never came into force, and are not
    what later versions were based on), unless *version* is one. Consecutive
    versions (by date) are diffed, so a statement whose id changed
    but whose text was paired (``matched_by: "text"``) is followed under its
    earlier and later ids; one that was removed and came back under the same
    id is followed across the gap. Every version after the first appearance
    has a step, saying whether it was amended, kept, removed, absent or
    restored. Each step lists the comments that touched the statement: those
    it cites in ``addresses`` and those whose ``on`` names it.

    Raises:
        NotFoundError: no such version, or it holds no such statement or paragraph.
    """
    versions = tuple(
        v for v in document.versions if v.status is not Status.WITHDRAWN or v.id == version
    )
    start, statement_id = _anchor(document, versions, statement, version)
    cache: dict[tuple[int, int], ChangeSet] = {}

    def changes(earlier: int, later: int) -> ChangeSet:
        if (earlier, later) not in cache:
            cache[earlier, later] = diff(versions[earlier], versions[later])
        return cache[earlier, later]

    ids = {start: statement_id}
    last_k, last_id = start, statement_id
    for k in range(start - 1, -1, -1):  # back to where it began
        if last_k == k + 1:
            found = _find_change(changes(k, k + 1), new_id=last_id)
            if found is not None and found.old_id is not None and found.old is not None:
                ids[k] = last_id = found.old_id
                last_k = k
                continue
        if _holds(versions[k], last_id):  # back under the same id after a gap
            ids[k], last_k = last_id, k
    last_k, last_id = start, statement_id
    for k in range(start + 1, len(versions)):  # forward to the newest version
        if last_k == k - 1:
            found = _find_change(changes(k - 1, k), old_id=last_id)
            if found is not None and found.new is not None:
                ids[k] = last_id = found.id
                last_k = k
                continue
        if _holds(versions[k], last_id):
            ids[k], last_k = last_id, k
    steps = []
    all_ids = set(ids.values())
    first = min(ids)
    last_held = first
    for k in range(first, len(versions)):
        held = ids.get(k)
        if held is None:
            event = HistoryEvent.REMOVED if k - 1 in ids else HistoryEvent.ABSENT
            change = (
                _find_change(changes(k - 1, k), old_id=ids[k - 1])
                if event is HistoryEvent.REMOVED
                else None
            )
            steps.append(HistoryStep(versions[k], event, None, None, None, change))
            continue
        section, current = versions[k].statement(held)
        if k == first:
            event, change = HistoryEvent.APPEARS, None
        else:
            change = _find_change(changes(last_held, k), new_id=held)
            if last_held != k - 1 and _reused(versions[last_held], ids[last_held], current):
                event, change = HistoryEvent.REUSED, None  # a redline from another text misleads
            elif last_held != k - 1:
                event = HistoryEvent.RESTORED
            elif change is not None and change.changed:
                event = HistoryEvent.AMENDED
            else:
                event = HistoryEvent.KEPT
        touched = tuple(
            c for c in document.comments() if c.ref in current.addresses or set(c.on) & all_ids
        )
        number = versions[k].paragraph_numbers()[held]
        steps.append(HistoryStep(versions[k], event, section.id, current, number, change, touched))
        last_held = k
    return tuple(steps)


def _reused(before: Version, held: str, now: Statement) -> bool:
    """Whether *now*, back after a gap, is unlike the text *before* last held under *held*.

    Below the threshold at which the diff pairs two texts by their words, it
    is another statement given a freed id, not the old one restored.
    """
    _, last = before.statement(held)
    return similarity(last.text, now.text) < STATEMENT_THRESHOLD


def _anchor(
    document: Document, versions: tuple[Version, ...], statement: str, version: str | None
) -> tuple[int, str]:
    """The index in *versions* of the version to start from, and the statement's id there."""
    if version is not None:
        chosen = versions.index(document.version(version))
        candidates = [chosen]
    else:
        candidates = list(range(len(versions) - 1, -1, -1))
    for k in candidates:
        if _holds(versions[k], statement):
            return k, statement
    if _PARAGRAPH.fullmatch(statement) and versions:
        k = candidates[0]
        by_number = {n: i for i, n in versions[k].paragraph_numbers().items()}
        if statement in by_number:
            return k, by_number[statement]
        where = f"{document.id}@{versions[k].id}"
        raise NotFoundError("paragraph", statement, within=where)
    where = f"{document.id}@{version}" if version is not None else document.id
    raise NotFoundError("statement", statement, within=where)


def _holds(version: Version, statement_id: str) -> bool:
    return any(s.id == statement_id for _, s in version.statements())


def _find_change(
    changes: ChangeSet, *, new_id: str | None = None, old_id: str | None = None
) -> StatementChange | None:
    for change in changes.statements():
        if new_id is not None and change.new is not None and change.id == new_id:
            return change
        if old_id is not None and change.old is not None and change.old_id == old_id:
            return change
    return None
