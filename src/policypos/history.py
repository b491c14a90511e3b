"""One statement through every version of its document."""

from __future__ import annotations

import itertools

import attrs

from policypos.changeset import ChangeSet, StatementChange
from policypos.diff import diff
from policypos.errors import NotFoundError
from policypos.model import Comment, Document, Statement, Version


@attrs.frozen
class HistoryStep:
    """A statement as it stood in one version, and how it got there from the version before."""

    version: Version
    section: str
    statement: Statement
    change: StatementChange | None
    comments: tuple[Comment, ...] = ()


def history(document: Document, statement_id: str) -> tuple[HistoryStep, ...]:
    """Follow a statement through every version it appears in, oldest first.

    Consecutive versions (by date) are diffed, so a statement whose id changed
    but whose text was paired (``matched_by: "text"``) is followed under its
    earlier and later ids. Each step lists the comments that touched the
    statement: those it cites in ``addresses`` and those whose ``on`` names it.

    Raises:
        NotFoundError: no version holds a statement with that id.
    """
    versions = document.versions
    holders = [
        k for k, v in enumerate(versions) if any(s.id == statement_id for _, s in v.statements())
    ]
    if not holders:
        raise NotFoundError("statement", f"{document.id}/{statement_id}")
    changes = [diff(a, b) for a, b in itertools.pairwise(versions)]
    start = holders[-1]
    ids = {start: statement_id}
    for k in range(start, 0, -1):  # back to where it began
        step = _find_change(changes[k - 1], new_id=ids[k])
        if step is None or step.old_id is None:
            break
        ids[k - 1] = step.old_id
    for k in range(start, len(versions) - 1):  # forward to where it ends
        step = _find_change(changes[k], old_id=ids[k])
        if step is None or step.new is None:
            break
        ids[k + 1] = step.id
    steps = []
    for k in sorted(ids):
        section, statement = versions[k].statement(ids[k])
        change = _find_change(changes[k - 1], new_id=ids[k]) if k else None
        touched = tuple(
            c
            for c in document.comments()
            if c.ref in statement.addresses or set(c.on) & set(ids.values())
        )
        steps.append(HistoryStep(versions[k], section.id, statement, change, touched))
    return tuple(steps)


def _find_change(
    changes: ChangeSet, *, new_id: str | None = None, old_id: str | None = None
) -> StatementChange | None:
    for change in changes.statements():
        if new_id is not None and change.new is not None and change.id == new_id:
            return change
        if old_id is not None and change.old is not None and change.old_id == old_id:
            return change
    return None
