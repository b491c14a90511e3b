"""The change set: what changed between two versions, as records, and their JSON.

:func:`policypos.diff.diff` builds a :class:`ChangeSet`; every renderer reads
it and nothing recomputes it. :meth:`ChangeSet.to_dict` is the JSON of
FORMAT.md section 6, with the optional fields listed in ``docs/format.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

import attrs

from policypos.model import Comment, Document, Section, Statement, Version
from policypos.redline import Piece, redline
from policypos.significance import Finding, Significance, findings
from policypos.significance import significance as highest


class Change(enum.StrEnum):
    """What happened to a section's or statement's content."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"


class Counted(enum.StrEnum):
    """The one kind of change each statement is counted as in every view's counts.

    Every statement of either version is one of these, so a view's counts add
    up: all but ``added`` are the old version's statements, all but
    ``removed`` the new one's. Moving, to another section or within one, is
    counted apart (:attr:`StatementChange.moved`,
    :attr:`StatementChange.reordered`): a statement that only moved is
    ``unchanged``. The text diff's ``modified`` (FORMAT.md's summary) is
    every kind from ``reworded`` to ``otherwise``, and a change of a drafting
    note alone.
    """

    REWORDED = "reworded"
    """Its words changed."""
    EDITED = "edited"
    """Its words changed editorially only: case, spelling, punctuation, a listed synonym."""
    SPLIT = "split"
    """Its words changed only by a part split out of it (:attr:`StatementChange.parts_only`)."""
    MERGED = "merged"
    """Its words changed only by a part merged into it."""
    TEXT_MOVED_OUT = "text moved out"
    """Its words changed only by text moved to other statements that stay (and any moved in
    from them: :attr:`StatementChange.text_moved_only`); not reworded."""
    TEXT_MOVED_IN = "text moved in"
    """Its words changed only by text moved in from other statements that stay."""
    RESPACED = "respaced"
    """Its text changed in white space alone (:attr:`StatementChange.whitespace_only`)."""
    OTHERWISE = "otherwise"
    """Its words stayed, but its id, kind, tags or citations changed. A change of its
    drafting note alone, which no board document shows, counts as ``unchanged``."""
    ADDED = "added"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


@attrs.frozen
class FieldChange:
    """A field other than the text that changed, with its old and new value."""

    name: str
    old: Any
    new: Any


@attrs.frozen
class StatementChange:
    """One statement of either version, and what became of it."""

    id: str
    old_id: str | None
    change: Change
    old: Statement | None
    new: Statement | None
    old_section: str | None
    new_section: str | None
    moved: bool = False
    reordered: bool = False
    matched_by: str | None = None
    similarity: float | None = None
    redline: tuple[Piece, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    split_from: str | None = None
    """For an added statement: the old statement whose text it was split out of."""
    merged_into: str | None = None
    """For a removed statement: the new statement its text was merged into."""
    whitespace_only: bool = False
    """Whether the text changed in white space alone (line breaks, spacing), not in words."""
    significance: Significance | None = None
    """How much the change matters (:mod:`policypos.significance`); None if unchanged or unasked."""
    findings: tuple[Finding, ...] = ()
    """What the text's change did, read off its redline: substantive findings first.

    For a split or merge part (:attr:`split_from`, :attr:`merged_into`), what
    its words' change did on their way from or into the whole, read off
    :attr:`source_redline` (whose pieces the findings' indices refer to);
    empty for a part carried word for word."""
    source_redline: tuple[Piece, ...] = ()
    """For a split part: the stretch of the old whole it came from, redlined against it.

    For a merge part: the part redlined against the stretch of the new whole
    it went into. Joining its ``equal`` and ``delete`` pieces gives the old
    words (the stretch of the whole, or the merge part's text), ``equal`` and
    ``insert`` the new ones. Empty for every other statement, whose
    :attr:`redline` says it all; a part's own :attr:`redline` stays its
    whole text inserted (or deleted)."""
    split_into: tuple[str, ...] = ()
    """For an old statement that split parts came out of: their (new) ids, in the new order."""
    merged_from: tuple[str, ...] = ()
    """For a new statement that merge parts went into: their (old) ids, in the old order."""
    text_moved_to: tuple[str, ...] = ()
    """For a modified statement: the other modified statements its deleted words went to.

    Their (new) ids, in the new order: each inserts, word for word, a stretch
    of at least :data:`policypos.diff.MOVED_WORDS` words that this statement's
    redline deletes (a sentence moved from one statement to another). Empty
    for every other statement, and for text that went to a new statement
    (:attr:`split_into` says that)."""
    text_moved_from: tuple[str, ...] = ()
    """For a modified statement: the other modified statements its inserted words came from.

    Their (new) ids, in the new order: the other side of :attr:`text_moved_to`."""
    parts_only: bool = False
    """Whether the text changed only by what went to its split parts or came from its merge parts.

    True for a paired statement with :attr:`split_into` or :attr:`merged_from`
    whose every other word is as it was (white space and punctuation at the
    cut aside): ``A. B.`` cut to ``A.`` with ``B.`` in a new statement. Its
    words were not reworded, so it has no findings of its own, and the
    views say what happened ("part split out into ...") instead of
    ``reworded``. False for every other statement."""
    text_moved_only: bool = False
    """Whether the text changed only by text moved to or from other statements that stay.

    True for a modified statement with :attr:`text_moved_to` or
    :attr:`text_moved_from` whose every word deleted went to one of those and
    every word inserted came from one (the punctuation and capitals at the
    cut aside): a sentence moved from it, or into it, word for word. Its
    words were not reworded, so the views count and describe it by the move
    (``text moved out``, ``text moved in``) instead of ``reworded``. False
    for every other statement."""

    @property
    def reworded(self) -> bool:
        """Whether the words of a paired statement changed, not only its spacing or other fields."""
        return (
            self.old is not None
            and self.new is not None
            and self.old.text != self.new.text
            and not self.whitespace_only
        )

    @property
    def counted(self) -> Counted:
        """The one kind of change the views count the statement as (:class:`Counted`)."""
        if self.change is Change.ADDED:
            return Counted.ADDED
        if self.change is Change.REMOVED:
            return Counted.REMOVED
        if self.parts_only:
            return Counted.SPLIT if self.split_into else Counted.MERGED
        if self.text_moved_only:
            # One that both gave and took counts once, by what it gave, as a split does.
            return Counted.TEXT_MOVED_OUT if self.text_moved_to else Counted.TEXT_MOVED_IN
        if self.reworded:
            return (
                Counted.EDITED if self.significance is Significance.EDITORIAL else Counted.REWORDED
            )
        # A drafting note is no part of what a board reads: a change to it alone is none.
        seen = [f for f in self.fields if f.name != "note"]
        if self.whitespace_only:
            return Counted.OTHERWISE if seen else Counted.RESPACED
        return Counted.OTHERWISE if seen else Counted.UNCHANGED

    @property
    def changed(self) -> bool:
        """Whether anything happened to the statement: content, place or order."""
        return self.change is not Change.UNCHANGED or self.moved or self.reordered

    def to_dict(self) -> dict[str, Any]:
        """The statement's entry in the change set JSON (see :mod:`policypos.jsonform`)."""
        from policypos import jsonform

        return jsonform.statement_change(self)


@attrs.frozen
class SectionChange:
    """One section of either version, what became of it, and its statements."""

    id: str
    old_id: str | None
    change: Change
    old: Section | None
    new: Section | None
    statements: tuple[StatementChange, ...]
    renamed: bool = False
    reordered: bool = False
    fields: tuple[FieldChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The section's entry in the change set JSON (see :mod:`policypos.jsonform`)."""
        from policypos import jsonform

        return jsonform.section_change(self)


@attrs.frozen
class CommentTrace:
    """A comment in scope of the change, and the places in the new version that cite it."""

    comment: Comment
    addressed_by: tuple[str, ...]
    carried_over: bool = False
    """Whether the old version cited the comment already (an answer carried over, not new)."""
    removed_by: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    """The ids of the old version's sections and statements whose removal the new version
    says answers the comment (its ``removed``): places the new version no longer has."""

    @property
    def cited(self) -> bool:
        """Whether the new version cites the comment, from a place or from a removal."""
        return bool(self.addressed_by or self.removed_by)

    @property
    def answered_here(self) -> bool:
        """Whether this revision answers the comment: the new version cites it, the old did not."""
        return self.cited and not self.carried_over

    def to_dict(self) -> dict[str, Any]:
        """The comment's entry in the change set JSON (:func:`policypos.jsonform.comment_trace`)."""
        from policypos import jsonform

        return jsonform.comment_trace(self)


@attrs.frozen
class ChangeSet:
    """What changed from *old* to *new*, section by section, and the comments it answers."""

    document: str
    old: Version
    new: Version
    sections: tuple[SectionChange, ...]
    comments: tuple[CommentTrace, ...] = ()
    old_revision: str | None = None
    """The git revision *old* was read from (``DOC@VERSION~REV``), if any."""
    new_revision: str | None = None
    """The git revision *new* was read from, if any."""
    fields: tuple[FieldChange, ...] = ()
    """The version's own fields that changed: its ``title`` and ``preamble``."""
    as_of: dt.date | None = None
    """The day the comments' dispositions were read as of (their ``history``); ``None``: now."""

    def with_comments(self, document: Document, as_of: dt.date | None = None) -> ChangeSet:
        """The change set with each traced comment as *document* holds it.

        For a document read as of another day (:meth:`Document.as_of`), so
        that the comments traced say what the document says of them.
        """
        traces = tuple(
            attrs.evolve(t, comment=document.comment(t.comment.ref)) for t in self.comments
        )
        return attrs.evolve(self, comments=traces, as_of=as_of)

    @property
    def old_name(self) -> str:
        """How to name the old version to a reader: ``2024``, or ``2024 as at HEAD~1``."""
        return _version_name(self.old, self.old_revision)

    @property
    def new_name(self) -> str:
        """How to name the new version to a reader; see :attr:`old_name`."""
        return _version_name(self.new, self.new_revision)

    def statements(self) -> Iterator[StatementChange]:
        """Every statement change, section by section."""
        for section in self.sections:
            yield from section.statements

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all changed: text, any field, an id, a place or an order.

        The versions' own ids, dates, statuses and ``based_on`` do not count:
        they differ between any two versions.
        """
        sections_kept = all(s.change is Change.UNCHANGED and not s.reordered for s in self.sections)
        statements_kept = not any(s.changed for s in self.statements())
        return sections_kept and statements_kept and not self.fields

    def summary(self) -> dict[str, dict[str, int]]:
        """The counts of FORMAT.md's ``summary``: each kind of change, sections and statements."""
        sections = {c.value: 0 for c in Change}
        sections |= {"renamed": 0, "reordered": 0}
        statements = {c.value: 0 for c in Change}
        statements |= {"moved": 0, "reordered": 0}
        for section in self.sections:
            sections[section.change.value] += 1
            sections["renamed"] += section.renamed
            sections["reordered"] += section.reordered
        for statement in self.statements():
            statements[statement.change.value] += 1
            statements["moved"] += statement.moved
            statements["reordered"] += statement.reordered
        return {"sections": sections, "statements": statements}

    def counted(self) -> dict[Counted, int]:
        """How many statements are of each :class:`Counted` kind, every kind listed in order."""
        counts = dict.fromkeys(Counted, 0)
        for statement in self.statements():
            counts[statement.counted] += 1
        return counts

    def moved_out(self) -> dict[str, tuple[StatementChange, ...]]:
        """The statements that left each section for another, by the old section's id.

        Each is listed under the section it went to (:attr:`StatementChange.moved`);
        here they are found from the section they left, in their new order, in one
        pass over the statements. A section none left is not a key.
        """
        left: dict[str, list[StatementChange]] = {}
        for statement in self.statements():
            if statement.moved and statement.old_section is not None:
                left.setdefault(statement.old_section, []).append(statement)
        return {section: tuple(moved) for section, moved in left.items()}

    def of_significance(self, significance: Significance) -> ChangeSet:
        """The change set keeping only what changed with *significance*.

        Kept: the statements of that significance; the sections holding one,
        or whose own change has it (a section added or removed is
        substantive; a new title or intro is read as a statement's text is);
        and the version's own ``fields`` (title, preamble) whose change has
        it. A statement that only moved has no significance and is dropped.
        :attr:`is_empty` of the result says whether anything of that
        significance changed, which is what ``policypos diff --significance
        LEVEL --exit-code`` exits on.
        """
        sections = []
        for section in self.sections:
            kept = tuple(s for s in section.statements if s.significance is significance)
            if kept or _section_significance(section) is significance:
                sections.append(attrs.evolve(section, statements=kept))
        fields = tuple(f for f in self.fields if _field_significance(f) is significance)
        return attrs.evolve(self, sections=tuple(sections), fields=fields)

    def to_dict(self) -> dict[str, Any]:
        """The change set as FORMAT.md section 6 spells it (see :mod:`policypos.jsonform`)."""
        from policypos import jsonform

        return jsonform.changeset(self)


def _field_significance(field: FieldChange) -> Significance | None:
    """A field's change: text read as a statement's is, an id editorial, the rest substantive."""
    if field.name == "id":
        return Significance.EDITORIAL
    old, new = field.old or "", field.new or ""
    if isinstance(old, str) and isinstance(new, str):
        return highest(findings(old, new, redline(old, new)))
    return Significance.SUBSTANTIVE


def _section_significance(section: SectionChange) -> Significance | None:
    """The highest significance of a section's own change: added or removed, title, fields."""
    if section.change in (Change.ADDED, Change.REMOVED):
        return Significance.SUBSTANTIVE
    levels = {_field_significance(f) for f in section.fields}
    if section.renamed and section.old is not None and section.new is not None:
        levels.add(_field_significance(FieldChange("title", section.old.title, section.new.title)))
    if Significance.SUBSTANTIVE in levels:
        return Significance.SUBSTANTIVE
    return Significance.EDITORIAL if Significance.EDITORIAL in levels else None


def _version_name(version: Version, revision: str | None) -> str:
    return version.id if revision is None else f"{version.id} as at {revision}"
