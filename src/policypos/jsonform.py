"""The JSON form of every record policypos writes, in one place.

The change set follows FORMAT.md section 6 (with the optional fields listed
in ``docs/format.md``); the other outputs are policypos's own, each naming
itself in ``format`` (``policypos.version/1``, ``policypos.log/1``, ...).
Records keep a ``to_dict()`` method for convenience, which calls the
function here: the model is not the serialisation format, so how a record
looks in JSON is decided in this module alone. :func:`dumps` writes any of
them as text.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from policypos.answers import Answer
    from policypos.changeset import (
        ChangeSet,
        CommentTrace,
        FieldChange,
        SectionChange,
        StatementChange,
    )
    from policypos.history import HistoryStep
    from policypos.model import Comment, Document, Meeting, Version
    from policypos.significance import Finding

__all__ = [
    "CHANGESET",
    "answer",
    "answers_output",
    "changeset",
    "comment",
    "comment_trace",
    "comments_output",
    "dumps",
    "finding",
    "history_output",
    "log_output",
    "meeting",
    "section_change",
    "statement_change",
    "version",
    "version_output",
]

CHANGESET = "policypos.changeset/1"
"""The ``format`` of a change set (FORMAT.md section 6)."""


def dumps(data: Any) -> str:
    """*data* as JSON indented by two spaces, ending in a newline.

    The text is the standard library's ``json.dumps(data, indent=2,
    ensure_ascii=False)`` and a newline, as a file or a pipe ends.

    orjson writes the same text in C; with an indent, the standard library's
    encoder falls back to Python (0.77 s against 0.05 s for a 10,000-statement
    change set).
    """
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"


# --- the model's records -------------------------------------------------------------


def _record(record: Any, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record as JSON holds it: enums as their text, dates as YYYY-MM-DD, no origin.

    Fields named in *leave_out* are not serialised at all (not built and dropped).
    """
    skipped = {"origin", *leave_out}

    def serialise(_: Any, __: Any, value: Any) -> Any:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, tuple):
            return list(value)
        return value

    return attrs.asdict(
        record, filter=lambda field, _: field.name not in skipped, value_serializer=serialise
    )


def version(record: Version, *, sections: bool = True) -> dict[str, Any]:
    """A version's fields as the file has them; with ``sections=False``, without its sections."""
    return _record(record, () if sections else ("sections",))


def comment(record: Comment) -> dict[str, Any]:
    """A comment, with its reference (``meeting/id``) first; ``history`` only when it has one."""
    skipped = ("proposed_for",) if record.proposed_for is None else ()
    return {"ref": record.ref} | _record(
        record, (*skipped, *(() if record.history else ("history",)))
    )


def meeting(record: Meeting, *, comments: bool = True) -> dict[str, Any]:
    """A meeting; with ``comments=False``, without its comments."""
    entry = _record(record, ("comments",))
    if comments:
        entry["comments"] = [comment(c) for c in record.comments]
    return entry


# --- the change set (FORMAT.md section 6) ----------------------------------------------


def changeset(record: ChangeSet) -> dict[str, Any]:
    """The change set as FORMAT.md section 6 spells it, ready for :func:`dumps`.

    The version's own ``fields`` (``title``, ``preamble``) are an optional
    top-level key, present only when one changed; ``as_of`` (``YYYY-MM-DD``),
    the day the comments' dispositions are as of, only when a comment traced
    has a ``history`` (without one, a disposition is the same any day).
    """
    dated = record.as_of is not None and any(c.comment.history for c in record.comments)
    return (
        {
            "format": CHANGESET,
            "document": record.document,
            "old": _version_header(record.old, record.old_revision),
            "new": _version_header(record.new, record.new_revision),
            "summary": record.summary(),
            "sections": [section_change(s) for s in record.sections],
            "comments": [comment_trace(c) for c in record.comments],
        }
        | ({"fields": _fields(record.fields)} if record.fields else {})
        | ({"as_of": record.as_of.isoformat()} if dated and record.as_of else {})
    )


def section_change(record: SectionChange, *, statements: bool = True) -> dict[str, Any]:
    """A section's entry in the change set; with ``statements=False``, without its statements."""
    entry: dict[str, Any] = {
        "id": record.id,
        "old_id": record.old_id,
        "change": record.change.value,
        "renamed": record.renamed,
        "reordered": record.reordered,
        "title": _old_new(record.old, record.new, "title"),
        "fields": _fields(record.fields),
        "addresses": list(record.new.addresses) if record.new else [],
    }
    if statements:
        entry["statements"] = [statement_change(s) for s in record.statements]
    return entry


def statement_change(record: StatementChange) -> dict[str, Any]:
    """A statement's entry in the change set.

    ``split_from``, ``merged_into``, ``source_redline``, ``split_into``,
    ``merged_from``, ``parts_only``, ``text_moved_to``, ``text_moved_from``,
    ``text_moved_only``, ``whitespace_only``, ``significance`` and ``findings`` are optional fields
    (docs/format.md),
    present only when set, so tools written to FORMAT.md need not know them.
    A split or merge part's ``source_redline`` comes just after the field
    naming its whole; its ``findings`` index that redline's pieces.
    """
    entry: dict[str, Any] = {
        "id": record.id,
        "old_id": record.old_id,
        "change": record.change.value,
        "moved": record.moved,
        "reordered": record.reordered,
        "matched_by": record.matched_by,
        "similarity": record.similarity,
        "section": {"old": record.old_section, "new": record.new_section},
        "text": _old_new(record.old, record.new, "text"),
        "redline": [{"op": p.op.value, "text": p.text} for p in record.redline],
        "fields": _fields(record.fields),
        "addresses": list(record.new.addresses) if record.new else [],
    }
    if record.split_from is not None:
        entry["split_from"] = record.split_from
    if record.merged_into is not None:
        entry["merged_into"] = record.merged_into
    if record.source_redline:
        entry["source_redline"] = [
            {"op": p.op.value, "text": p.text} for p in record.source_redline
        ]
    if record.split_into:
        entry["split_into"] = list(record.split_into)
    if record.merged_from:
        entry["merged_from"] = list(record.merged_from)
    if record.parts_only:
        entry["parts_only"] = True
    if record.text_moved_to:
        entry["text_moved_to"] = list(record.text_moved_to)
    if record.text_moved_from:
        entry["text_moved_from"] = list(record.text_moved_from)
    if record.text_moved_only:
        entry["text_moved_only"] = True
    if record.whitespace_only:
        entry["whitespace_only"] = True
    if record.significance is not None:
        entry["significance"] = record.significance.value
        entry["findings"] = [finding(f) for f in record.findings]
    return entry


def finding(record: Finding) -> dict[str, Any]:
    """A significance finding: its kind, direction, the words each side, and its redline pieces.

    Optional, where they apply: ``figure`` (what a number counts: ``amount``,
    ``proportion``, ``period`` or ``number``, as the board paper names it) and
    ``actors`` (who an actor or obligation finding says is asked, singular) and
    ``link`` (the words of a link whose address alone changed: ``old`` and
    ``new`` are then the addresses).
    """
    entry: dict[str, Any] = {
        "kind": record.kind.value,
        "direction": record.direction.value if record.direction is not None else None,
        "old": record.old,
        "new": record.new,
        "pieces": list(record.pieces),
    }
    if record.figure is not None:
        entry["figure"] = record.figure
    if record.actors:
        entry["actors"] = list(record.actors)
    if record.link is not None:
        entry["link"] = record.link
    return entry


def comment_trace(record: CommentTrace) -> dict[str, Any]:
    """A comment's entry in the change set (``carried_over`` and ``removed_by`` only when set)."""
    entry: dict[str, Any] = {
        "ref": record.comment.ref,
        "kind": record.comment.kind.value,
        "disposition": record.comment.disposition.value,
        "addressed_by": list(record.addressed_by),
    }
    if record.removed_by:
        entry["removed_by"] = list(record.removed_by)
    if record.carried_over:
        entry["carried_over"] = True
    return entry


def _version_header(record: Version, revision: str | None) -> dict[str, str]:
    header = {
        "version": record.id,
        "date": record.date.isoformat(),
        "status": record.status.value,
    }
    if revision is not None:  # an optional field: docs/format.md
        header["revision"] = revision
    return header


def _old_new(old: Any, new: Any, name: str) -> dict[str, Any]:
    """``{"old": ..., "new": ...}`` for one attribute of two records, either may be absent."""
    return {
        "old": getattr(old, name) if old is not None else None,
        "new": getattr(new, name) if new is not None else None,
    }


def _fields(fields: tuple[FieldChange, ...]) -> dict[str, dict[str, Any]]:
    return {f.name: {"old": f.old, "new": f.new} for f in fields}


def answer(record: Answer) -> dict[str, Any]:
    """What one version did about a comment: the places citing it and their changes."""
    return {
        "version": record.version.id,
        "base": record.base.id if record.base else None,
        "places": list(record.places),
        "sections": [section_change(s, statements=False) for s in record.sections],
        "statements": [statement_change(s) for s in record.statements],
    } | ({"removed": list(record.removed)} if record.removed else {})


# --- what the commands print ----------------------------------------------------------


def version_output(document: Document, record: Version) -> dict[str, Any]:
    """``policypos show --format json`` (``policypos.version/1``): every field of the file."""
    return {"format": "policypos.version/1", "document": document.id} | version(record)


def log_output(document: Document) -> dict[str, Any]:
    """``policypos log --format json`` (``policypos.log/1``): versions and meetings by date.

    Versions come without their sections (``show --format json`` gives those),
    meetings without their comments (``comments --format json``), each with
    the counts the text log shows.
    """
    entries: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for held in document.versions:
        entry = {"kind": "version"} | version(held, sections=False)
        entry["counts"] = {
            "sections": len(held.sections),
            "statements": sum(1 for _ in held.statements()),
        }
        entry["answers"] = [c.ref for c in document.cited_by(held)]
        entries.append(((held.date, 0, held.id), entry))
    for met in document.meetings:
        entry = {"kind": "meeting"} | meeting(met, comments=False)
        dispositions = Counter(str(c.disposition) for c in met.comments)
        entry["counts"] = {"comments": len(met.comments), "dispositions": dict(dispositions)}
        entries.append(((met.date, 1, met.id), entry))
    return {
        "format": "policypos.log/1",
        "document": document.id,
        "title": document.title,
        "organisation": document.organisation,
        "owner": document.owner,
        "entries": [entry for _, entry in sorted(entries, key=lambda e: e[0])],
    }


def comments_output(
    groups: Iterable[tuple[Document, Sequence[Comment]]], *, document: Document | None = None
) -> dict[str, Any]:
    """``policypos comments --format json`` (``policypos.comments/1``): the comment log.

    Each comment names its document and the versions and places citing it.
    The top-level ``document`` is *document*'s id when the log is of that one
    document, ``null`` when it spans the repository.
    """
    entries = [
        {"document": held.id}
        | comment(chosen)
        | {"cited_by": [{"version": v.id, "places": list(p)} for v, p in held.citations_of(chosen)]}
        | _removed_by(held, chosen)
        for held, comments in groups
        for chosen in comments
    ]
    named = document.id if document is not None else None
    return {"format": "policypos.comments/1", "document": named, "comments": entries}


def _removed_by(document: Document, record: Comment) -> dict[str, Any]:
    """``removed_by``, the versions whose ``removed`` cite *record* and the ids; only when any.

    Left out otherwise, as the change set leaves out its own ``removed_by``.
    """
    found = [{"version": v.id, "ids": list(ids)} for v, ids in document.removals_of(record)]
    return {"removed_by": found} if found else {}


def answers_output(
    document: Document, record: Comment, answers: Sequence[Answer]
) -> dict[str, Any]:
    """``policypos comments DOC COMMENT --format json`` (``policypos.comment/1``)."""
    entry = comment(record) | {"answers": [answer(a) for a in answers]}
    return {"format": "policypos.comment/1", "document": document.id, "comment": entry}


def history_output(document: Document, steps: Sequence[HistoryStep]) -> dict[str, Any]:
    """``policypos history --format json`` (``policypos.history/1``), oldest version first.

    Each step has the version's ``event`` (appears, amended, kept, removed,
    absent, restored, reused); ``section``, ``number``, ``id`` and ``text`` are null
    where the version does not hold the statement. Steps come in tree order;
    ``base`` is the id of the version the step's version was built on (null for
    the first), and ``compared_with`` that of the version ``change`` is counted
    from (the base, or for ``restored`` and ``reused`` the last version that held
    the statement, for ``reused`` the last that held its id; null for
    ``appears`` and ``absent``). Where the step's version split or merged the
    statement, the optional ``split_into``, ``split_from``, ``merged_from``
    and ``merged_into`` name the other statements (:func:`_parts`).
    """
    from policypos.history import newest

    named = newest(steps)  # its id in the newest version holding it
    return {
        "format": "policypos.history/1",
        "document": document.id,
        "statement": named.statement.id if named is not None and named.statement else None,
        "steps": [
            {
                "version": step.version.id,
                "date": step.version.date.isoformat(),
                "status": str(step.version.status),
                "event": str(step.event),
                "base": step.base.id if step.base is not None else None,
                "compared_with": (
                    step.compared_with.id if step.compared_with is not None else None
                ),
                "section": step.section,
                "number": step.number,
                "id": step.statement.id if step.statement is not None else None,
                "text": step.statement.text if step.statement is not None else None,
                "change": statement_change(step.change) if step.change is not None else None,
                "comments": [
                    {"ref": c.ref, "disposition": str(c.disposition)} for c in step.comments
                ],
            }
            | _parts(step)
            for step in steps
        ],
    }


def _parts(step: HistoryStep) -> dict[str, Any]:
    """A history step's optional split and merge fields, each only where it has a value."""
    entry: dict[str, Any] = {}
    if step.split_into:
        entry["split_into"] = list(step.split_into)
    if step.split_from is not None:
        entry["split_from"] = step.split_from
    if step.merged_from:
        entry["merged_from"] = list(step.merged_from)
    if step.merged_into is not None:
        entry["merged_into"] = step.merged_into
    return entry
