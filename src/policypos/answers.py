"""What was done about a comment: the changes in the places of each version that cite it."""

from __future__ import annotations

from typing import Any

import attrs

from policypos.changeset import SectionChange, StatementChange
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

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON holds it (:func:`policypos.jsonform.answer`)."""
        from policypos import jsonform

        return jsonform.answer(self)


def answers(document: Document, comment: Comment) -> tuple[Answer, ...]:
    """What each version citing *comment* changed to answer it, oldest version first.

    This is the answer to "what did we do about comment 3.2?": for every
    version whose ``addresses`` cite the comment, the sections and statements
    that cite it, diffed against the version the comment was about.
    """
    found = []
    for version, places in document.citations_of(comment):
        base = _base(document, comment, version)
        empty = Version(f"before-{version.id}", version.date, version.status, ())
        changes = diff(base or empty, version)
        wanted = set(places)
        sections = tuple(s for s in changes.sections if s.id in wanted)
        statements = tuple(
            st
            for s in changes.sections
            for st in s.statements
            if st.new is not None and f"{s.id}/{st.id}" in wanted
        )
        found.append(Answer(version, base, places, sections, statements))
    return tuple(found)


def _base(document: Document, comment: Comment, version: Version) -> Version | None:
    """The version to count *version*'s answer to *comment* from (see :class:`Answer`)."""
    earlier = [v for v in document.versions if v.date < version.date]
    known = {v.id: v for v in earlier}
    reviewed = document.meeting(comment.meeting).reviews
    for candidate in (reviewed, version.based_on):
        if candidate in known:
            return known[candidate]
    return earlier[-1] if earlier else None
