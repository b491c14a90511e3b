"""What was done about a comment: the changes in the places of each version that cite it."""

from __future__ import annotations

from typing import Any

import attrs

from policypos.changeset import Change, SectionChange, StatementChange
from policypos.diff import diff
from policypos.model import Comment, Document, Version


@attrs.frozen
class Answer:
    """How one version answers a comment: the changes, in the places that cite it.

    The changes are counted from *base*: the version the comment's meeting
    reviewed, if it is older; else the version this one is ``based_on``; else
    the one before it. With no earlier version, everything cited is added.
    """

    version: Version
    base: Version | None
    places: tuple[str, ...]
    sections: tuple[SectionChange, ...]
    statements: tuple[StatementChange, ...]
    removed: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    """The ids of the places the version left out to answer the comment (its ``removed``).

    Their removals are among :attr:`sections` and :attr:`statements` where
    the comparison from *base* finds them removed."""

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON holds it (:func:`policypos.jsonform.answer`)."""
        from policypos import jsonform

        return jsonform.answer(self)


def answers(document: Document, comment: Comment) -> tuple[Answer, ...]:
    """What each version citing *comment* changed to answer it, oldest version first.

    This is the answer to "what did we do about comment 3.2?": for every
    version whose ``addresses`` cite the comment, the sections and statements
    that cite it, diffed against the version the comment was about; and for
    every version whose ``removed`` cites it, the sections and statements
    whose removal answers it.
    """
    cited = {v.id: places for v, places in document.citations_of(comment)}
    removed = {v.id: ids for v, ids in document.removals_of(comment)}
    found = []
    for version in document.versions:
        if version.id in cited or version.id in removed:
            found.append(
                _answer(
                    _base(document, comment, version),
                    version,
                    cited.get(version.id, ()),
                    removed.get(version.id, ()),
                )
            )
    return tuple(found)


def _answer(
    base: Version | None, version: Version, places: tuple[str, ...], removed: tuple[str, ...]
) -> Answer:
    """The changes from *base* to *version* at the *places* citing, and of the ids *removed*."""
    empty = Version(f"before-{version.id}", version.date, version.status, ())
    changes = diff(base or empty, version)
    wanted, gone = set(places), set(removed)
    sections = tuple(
        s
        for s in changes.sections
        if s.id in wanted or (s.change is Change.REMOVED and s.old_id in gone)
    )
    statements = tuple(
        st
        for s in changes.sections
        for st in s.statements
        if (st.new is not None and f"{s.id}/{st.id}" in wanted)
        # A statement removed with its section is told by the section's line.
        or (st.change is Change.REMOVED and st.old_id in gone and s not in sections)
    )
    return Answer(version, base, places, sections, statements, removed=removed)


def _base(document: Document, comment: Comment, version: Version) -> Version | None:
    """The version to count *version*'s answer to *comment* from (see :class:`Answer`)."""
    earlier = [v for v in document.versions if v.date < version.date]
    known = {v.id: v for v in earlier}
    reviewed = document.meeting(comment.meeting).reviews
    for candidate in (reviewed, version.based_on):
        if candidate in known:
            return known[candidate]
    return earlier[-1] if earlier else None
