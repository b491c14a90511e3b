"""The content of the documents officers send to a board, built from the model and a change set.

Each builder returns a frozen record holding everything one document says,
already numbered and worded for a member: paragraph numbers (``4.3``) and
meeting names with dates ("comment 3.3, Safer and Stronger Communities Board,
14 March 2024"), never internal ids. The templates and writers of every
format (Markdown, HTML, Word, PDF) read these records and nothing else, so
the documents say the same thing in every format. Nothing here recomputes a
diff: a comparison or a board paper is built from the change set it is given.

==========================  =================================================
builder                     document
==========================  =================================================
:func:`annex`               one version as a board reads it
:func:`comparison`          the tracked-changes comparison of two versions
:func:`comment_log`         the comments of a document or of one meeting
:func:`board_paper`         the paper asking a board to endorse a revision
:func:`new_statement_paper` the paper asking a board to endorse a new statement
:func:`response`            the response to a committee's recommendations
==========================  =================================================

What officers write by hand (purpose, contacts, implications, the reasons
behind each change) comes from an optional :class:`policypos.model.Report`;
where it is missing, the record holds a :data:`TO_BE_WRITTEN` marker naming
the part, which every format shows plainly, so that nobody sends the paper
by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from policypos.changeset import Change, ChangeSet, Counted, SectionChange, StatementChange
from policypos.diff import TextMoves, check_of_document, text_moves
from policypos.errors import BackwardsError, LoadError, not_one_name
from policypos.model import (
    PROPOSED,
    STANDARD_PARTS,
    Comment,
    CommentKind,
    Contact,
    Disposition,
    Document,
    Heading,
    Meeting,
    Report,
    StatementKind,
    Status,
    Version,
)
from policypos.redline import Piece
from policypos.significance import Finding, Kind, Significance

TO_BE_WRITTEN = "To be written"
"""The words a generated document puts where an officer's part is missing."""

KIND_LABELS = {
    StatementKind.POSITION: "",
    StatementKind.ASK: "Ask",
    StatementKind.CONSIDERATION: "For councils to consider",
}
"""How each kind of statement is introduced to a reader; positions need no label."""

DISPOSITION_SENTENCES = {
    Disposition.ACCEPTED: "This recommendation is accepted.",
    Disposition.FULLY_ACCEPTED: "This recommendation is fully accepted.",
    Disposition.PARTIALLY_ACCEPTED: "This recommendation is partially accepted.",
    Disposition.REJECTED: "This recommendation is not accepted.",
    Disposition.NOTED: "This recommendation is noted.",
    Disposition.OPEN: "A response to this recommendation is still to be agreed.",
    Disposition.ADDRESSED: "This recommendation has been addressed.",
    Disposition.PARTIALLY_ADDRESSED: "This recommendation has been partly addressed.",
    Disposition.ANSWERED: "This recommendation has been answered.",
    Disposition.DEFERRED: "A decision on this recommendation has been deferred.",
    Disposition.REFERRED: "This recommendation is referred to {referred_to}.",
}
"""The sentence a Cabinet response gives each disposition (DOCUMENTS.md, after the seed paper);
``{referred_to}`` is the body a referred one went to (:func:`disposition_sentence`)."""

PARTIAL = frozenset((Disposition.PARTIALLY_ACCEPTED, Disposition.PARTIALLY_ADDRESSED))
"""Dispositions that take a comment forward only in part: a paper says a version answers
such a comment *in part*, and counts it apart from those it answers."""


def disposition_sentence(comment: Comment) -> str:
    """The sentence a response gives *comment*'s disposition, as a member reads it.

    ``This recommendation is referred to the Employment & Appeals Committee.``
    (:data:`DISPOSITION_SENTENCES`), naming the body a referred one went to
    (``another body`` when the data does not say, which ``validate`` warns of).
    A decision recorded for a meeting not yet held (``Comment.proposed_for``)
    is the officers' proposal to it: ``Officers propose that this
    recommendation is accepted.``
    """
    sentence = DISPOSITION_SENTENCES[comment.disposition].format(
        referred_to=named_body(comment.referred_to or "another body")
    )
    if comment.proposed_for is None or comment.disposition is Disposition.OPEN:
        return sentence
    if comment.disposition is Disposition.DEFERRED:
        return "Officers propose that a decision on this recommendation is deferred."
    return f"Officers propose that {sentence[0].lower()}{sentence[1:]}"


DISPOSITION_WORDS = {
    Disposition.OPEN: "open",
    Disposition.ADDRESSED: "addressed",
    Disposition.PARTIALLY_ADDRESSED: "partly addressed",
    Disposition.ACCEPTED: "accepted",
    Disposition.FULLY_ACCEPTED: "fully accepted",
    Disposition.PARTIALLY_ACCEPTED: "partially accepted",
    Disposition.REJECTED: "not accepted",
    Disposition.ANSWERED: "answered",
    Disposition.DEFERRED: "deferred",
    Disposition.REFERRED: "referred",
    Disposition.NOTED: "noted",
}
"""Each disposition as a member reads it in a comment log."""

STATUS_WORDS = {
    Status.DRAFT: "Draft",
    Status.PROPOSED: "Proposed",
    Status.ENDORSED: "Endorsed",
    Status.SUPERSEDED: "Superseded",
    Status.WITHDRAWN: "Withdrawn",
}


def long_date(day: dt.date) -> str:
    """``14 March 2024``: a date as board papers write it (no leading zero, month in words)."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


BODY_NOUNS = frozenset(
    (
        "Assembly",
        "Board",
        "Commission",
        "Committee",
        "Executive",
        "Forum",
        "Group",
        "Panel",
        "Partnership",
        "Sub-Committee",
        "Subcommittee",
        "Team",
    )
)
"""The last words that make a name a body read with "the": ``the Safer and Stronger
Communities Board``, ``the Overview and Scrutiny Committee``."""

_PERSON_TITLES = frozenset(
    ("Cllr", "Cllr.", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord")
)


def named_body(name: str) -> str:
    """*name* as running text names it: with "the" before a board or committee, not a person.

    The rule (docs/documents.md): a name ending in one of :data:`BODY_NOUNS`
    (Board, Committee, Panel, Commission ...), and the bare word ``Council``,
    take "the"; a name already starting with "the" keeps it (lowered); any
    other name takes none: a person (``Cllr Jones``), ``Cabinet`` (as council
    papers write it: "Cabinet is asked to"), a council named by its place
    (``Kent County Council``), ``Board members``. Start a sentence with
    ``_capital(named_body(name))``.
    """
    words = name.split()
    if not words:
        return name
    if words[0].lower() == "the":
        return "the " + " ".join(words[1:])
    if words[0] in _PERSON_TITLES:
        return name
    if words[-1] in BODY_NOUNS or name == "Council":
        return f"the {name}"
    return name


# --- records ---------------------------------------------------------------------


@attrs.frozen
class CommentLabel:
    """A comment as a member cites it: its number, the body and the date of the meeting."""

    number: str
    body: str
    date: dt.date
    ref: str
    """The internal reference (``sscb-2024-03/3.3``), for HTML anchors and JSON only."""
    kind: CommentKind = CommentKind.COMMENT
    """What it is, which names it: ``comment 3.3``, ``recommendation 1``, ``question 2``."""
    disposition: Disposition = Disposition.OPEN
    listed: bool | None = None
    """Whether the paper whose numbers label it lists it: ``None`` where no paper's numbers
    are in use (every comment goes by its own id), ``False`` where they are but this one is
    not among them, so that :attr:`number` is its own id and must not read as the paper's."""

    def __str__(self) -> str:
        """``recommendation 1 (partially accepted), Cabinet, 18 March 2025``.

        Named by its kind; one taken forward only in part (:data:`PARTIAL`)
        says so, so that a list of what a version answers never reads as
        answering it whole. One the paper does not list is cited by the
        minutes' number, saying so (``comment 5 in the minutes, ...``): the
        paper may give 5 to another comment. One the paper numbers otherwise
        than the minutes gives both (``comment 5.1 (11 in the minutes)``), as
        the comment log does: a bare 5.1 could be read as a paragraph.
        """
        notes = [DISPOSITION_WORDS[self.disposition]] if self.disposition in PARTIAL else []
        if self.in_the_minutes:
            number = f"{self.own} in the minutes"
        else:
            number = self.number
            if self.listed and self.number != self.own:
                notes.insert(0, f"{self.own} in the minutes")
        said = f" ({'; '.join(notes)})" if notes else ""
        return f"{self.kind} {number}{said}, {self.body}, {long_date(self.date)}"

    @property
    def in_the_minutes(self) -> bool:
        """Whether it goes by the minutes' id where the other comments go by a paper's numbers.

        A recommendation is not: the paper cites it by the committee's own
        number too ("recommendation 7"), so that number is the paper's.
        """
        return self.listed is False and self.kind is not CommentKind.RECOMMENDATION

    @property
    def own(self) -> str:
        """The comment's own id, as its meeting's record numbers it (``5``)."""
        return self.ref.partition("/")[2]

    @property
    def logged(self) -> str:
        """The number a comment log shows: ``3.4``, then ``(5 in the minutes)`` where that differs.

        A log sent with a paper numbers comments as the paper does; the
        meeting's own number beside it ties the paper to the minutes. One the
        paper does not list has no paper number, only ``(5 in the minutes)``,
        and a recommendation is named as the paper cites it, ``recommendation
        7``: a bare number in such a log is always the paper's, so no two
        comments in it share one.
        """
        if self.in_the_minutes:
            return f"({self.own} in the minutes)"
        if self.listed is False:
            return f"{self.kind} {self.number}"
        return (
            self.number if self.number == self.own else f"{self.number} ({self.own} in the minutes)"
        )


@attrs.frozen
class Paragraph:
    """One numbered statement of an annex."""

    number: str
    id: str
    kind: StatementKind
    label: str
    """How its kind is introduced (:data:`KIND_LABELS`); empty for a position."""
    text: str
    """Markdown, as written."""


@attrs.frozen
class AnnexSection:
    """One numbered section of an annex."""

    number: int
    id: str
    title: str
    intro: str | None
    paragraphs: tuple[Paragraph, ...]


@attrs.frozen
class Annex:
    """One version as a board reads it: label, title, status line, preamble, numbered sections."""

    label: str | None
    title: str
    organisation: str
    owner: str
    version: str
    status: str
    """A sentence: ``Proposed to the Safer and Stronger Communities Board, 18 July 2024``."""
    date: dt.date
    preamble: str | None
    sections: tuple[AnnexSection, ...]


@attrs.frozen
class ComparedParagraph:
    """One statement in a comparison: its number now (and before), its redline, its answers."""

    number: str | None
    """Its paragraph number in the new version; ``None`` for a removed statement."""
    former: str | None
    """Its number in the old version, where it had one and it differs (or it was removed)."""
    id: str
    change: Change
    pieces: tuple[Piece, ...]
    """The word-level redline; for an unchanged statement, its text as one equal piece."""
    notes: tuple[str, ...]
    """What happened besides the words, in a member's terms ("moved from section 2 ...")."""
    answers: tuple[CommentLabel, ...]
    """The comments this revision answers here (not those carried over)."""
    significance: Significance | None = None
    """How much the change matters (:mod:`policypos.significance`); None when unchanged."""
    findings: tuple[Finding, ...] = ()
    meaning: tuple[str, ...] = ()
    """The findings in a member's words: ``softened from "should" to "may wish to consider"``."""
    split_from: str | None = None
    """For an added statement split out of an old one: that one's number in the old version."""
    merged_into: str | None = None
    """For a removed statement merged into a new one: that one's number in the new version."""
    parts: tuple[str, ...] = ()
    """What a whole did with its split or merge parts, in words: ``part split out into
    paragraph 1.2``, ``former paragraph 1.3 merged in``; empty for any other paragraph."""
    parts_only: bool = False
    """Whether its words changed only by its parts (:attr:`StatementChange.parts_only`): it
    was not reworded, and :attr:`parts` says what happened."""
    label: str = ""
    """How its kind is introduced, as the annex introduces it (:data:`KIND_LABELS`: ``Ask``,
    ``For councils to consider``); the old statement's kind for a removed one; empty for a
    position."""
    label_pieces: tuple[Piece, ...] = ()
    """The label as a redline, each with its colon and a space (``Ask: ``): kept, or the old
    label deleted and the new inserted where the kind changed (whole for an added or removed
    statement); empty when neither version has one. Put before :attr:`pieces`, accepting every
    change gives the new paragraph as the annex prints it, rejecting every change the old."""
    moves: tuple[str, ...] = ()
    """Where text moved out of it went and text moved into it came from, numbered:
    ``text moved to paragraph 1.1``, ``text moved from paragraph 2.1``
    (:attr:`StatementChange.text_moved_to`); also in :attr:`notes`."""
    moved_only: bool = False
    """Whether its words changed only by text moved to or from other paragraphs
    (:attr:`policypos.diff.TextMoves.only`): it was not reworded, and :attr:`moves` says
    what happened."""

    def named(self, old: str) -> str:
        """How a list of changes names it: ``3.1``, or ``2.3 of version 2005`` once removed.

        Args:
            old: how the comparison names the old version (:attr:`Comparison.old`).
        """
        if self.number is not None:
            return self.number
        return f"{self.former} of version {old}"

    def substance(self) -> str:
        """What happened to it in a member's words: ``added``, ``removed``, or its findings.

        Its findings are its :attr:`meaning` joined by ``; ``, else ``reworded``;
        then what it did with split or merge parts (:attr:`parts`), alone when
        that was all (``part split out into paragraph 1.2``), then where text
        moved to or from other paragraphs went (:attr:`moves`), without
        ``reworded`` when that was all (``text moved to paragraph 1.1``).
        A split or merge part's own findings (its words' change on the way
        out of or into the whole) follow: ``added, split out of former
        paragraph 2.1; softened from "should" to "may"``.
        """
        own = "".join(f"; {m}" for m in self.meaning)
        if self.change is Change.ADDED:
            split = f", split out of former paragraph {self.split_from}" if self.split_from else ""
            return f"added{split}{own}"
        if self.change is Change.REMOVED:
            merged = f"; merged into paragraph {self.merged_into}" if self.merged_into else ""
            return f"removed{merged}{own}"
        if self.parts_only or self.moved_only:
            return "; ".join([*self.meaning, *self.parts, *self.moves])
        return "; ".join([*(self.meaning or ["reworded"]), *self.parts, *self.moves])


@attrs.frozen
class ComparedSection:
    """One section in a comparison."""

    number: int | None
    former: int | None
    id: str
    title: str
    change: Change
    summary: str
    """A sentence saying what happened to the section, in words."""
    paragraphs: tuple[ComparedParagraph, ...]
    answers: tuple[CommentLabel, ...]
    title_pieces: tuple[Piece, ...] = ()
    """The title as a redline: old title to new (a rename), or whole for an added or removed one."""
    intro: tuple[Piece, ...] = ()
    """The introduction as a redline, old to new; empty when the section has none either side."""


@attrs.frozen
class Comparison:
    """The Keeling-style comparison of two versions: the new text with every change marked."""

    label: str | None
    title: str
    old: str
    """How to name the old version: ``2005`` (or ``2024 as at HEAD~1``)."""
    new: str
    old_date: dt.date
    new_date: dt.date
    overview: str
    """The counts, and how insertions and deletions are shown (underlined, struck through)."""
    sections: tuple[ComparedSection, ...]
    answered: tuple[CommentLabel, ...]
    """The comments this revision answers, in meeting order."""
    carried: tuple[CommentLabel, ...]
    """The comments the old version answered already and the new one still cites."""
    preamble: tuple[Piece, ...] = ()
    """The version's opening words as a redline, old to new; empty when neither has any."""
    substantive: tuple[ComparedParagraph, ...] = ()
    """The paragraphs whose change is substantive: amended ones a rule could name first
    (softened, strengthened, who acts, amounts, dates, negation), then those added
    or removed, then those only reworded; each in document order. What a reviewer
    reads first (:meth:`ComparedParagraph.named`, :meth:`ComparedParagraph.substance`)."""
    counts: str = ""
    """The overview's first sentence alone, the counts: for a format that shows
    insertions and deletions otherwise than underlined and struck through (Markdown)."""


@attrs.frozen
class LoggedComment:
    """One comment in a comment log, with what became of it and where it was answered."""

    label: CommentLabel
    kind: CommentKind
    by: str | None
    text: str
    disposition: str
    """In a member's words (:data:`DISPOSITION_WORDS`)."""
    response: str | None
    referred_to: str | None
    answered_in: tuple[str, ...]
    """Where each citing version answers it: ``2024: paragraphs 1.2, 4.1``."""
    missing: str | None = None
    """``To be written: response``, in the response's place, where one is owed and missing
    (:func:`response_owed`): the log flags it as the response document and paper do."""


@attrs.frozen
class LoggedMeeting:
    """A meeting's entry in the comment log."""

    id: str
    body: str
    date: dt.date
    item: str | None
    comments: tuple[LoggedComment, ...]

    @property
    def heading(self) -> str:
        """The comment column's heading: ``Recommendation`` where every entry is one.

        A Cabinet's log of a committee's recommendations calls them what they
        are; ``Question`` likewise; a meeting with more than one kind (or none)
        keeps ``Comment``, the word that covers them all.
        """
        kinds = {c.kind for c in self.comments}
        if kinds == {CommentKind.RECOMMENDATION}:
            return "Recommendation"
        return "Question" if kinds == {CommentKind.QUESTION} else "Comment"

    @property
    def caption(self) -> str:
        """What this meeting's table lists, before the meeting's name.

        ``Recommendations considered at``, ``Questions asked at`` or
        ``Comments made at``, by :attr:`heading`.
        """
        return {
            "Recommendation": "Recommendations considered at",
            "Question": "Questions asked at",
        }.get(self.heading, "Comments made at")


@attrs.frozen
class CommentLog:
    """The comment log of a document, or of one of its meetings."""

    title: str
    organisation: str
    meetings: tuple[LoggedMeeting, ...]
    numbering: str | None = None
    """Which numbering the log uses, where it is a paper's: a sentence shown under the title,
    so that the log can be read against the paper and the minutes alike."""


def comment_label(
    document: Document, comment: Comment, numbers: Mapping[str, str] | None = None
) -> CommentLabel:
    """The label a member cites *comment* by.

    Its number is the one *numbers* (comment ref to number: a paper's, as
    :func:`paper_numbers` gives) holds for it, else its own id; where
    *numbers* holds any but not this one, the label says so
    (:attr:`CommentLabel.listed`), for its own id may be a number the paper
    gives another comment.

    Raises:
        NotFoundError: the comment's meeting is not one of the document's.
    """
    meeting = document.meeting(comment.meeting)
    number = (numbers or {}).get(comment.ref, comment.id)
    listed = comment.ref in numbers if numbers else None
    return CommentLabel(
        number, meeting.body, meeting.date, comment.ref, comment.kind, comment.disposition, listed
    )


# --- the annex --------------------------------------------------------------------


def annex(document: Document, version: Version, *, label: str | None = None) -> Annex:
    """One version as a board reads it, its sections and statements numbered 1, 1.1, 1.2 ...

    Args:
        document: the document the version belongs to (its title and meetings).
        version: the version.
        label: the annex label the paper gives it (``"Annex 2"``), if any.

    Raises:
        NotFoundError: *version* was read from another document's folder
            (:func:`policypos.diff.check_of_document`).
    """
    check_of_document(document, version)
    sections = tuple(
        AnnexSection(
            n,
            section.id,
            section.title,
            section.intro,
            tuple(
                Paragraph(f"{n}.{m}", st.id, st.kind, KIND_LABELS[st.kind], st.text)
                for m, st in enumerate(section.statements, 1)
            ),
        )
        for n, section in enumerate(version.sections, 1)
    )
    return Annex(
        label,
        version.title or document.title,
        document.organisation,
        document.owner,
        version.id,
        status_line(document, version),
        version.date,
        version.preamble,
        sections,
    )


def status_line(document: Document, version: Version) -> str:
    """Where a version stands, in a sentence: ``Proposed to the Board, 18 July 2024``."""
    word = STATUS_WORDS[version.status]
    meeting = _meeting_or_none(document, version.meeting)
    if meeting is not None and version.status in (Status.PROPOSED, Status.DRAFT):
        return f"{word}: for {named_body(meeting.body)}, {long_date(meeting.date)}"
    if meeting is not None and version.status is Status.ENDORSED:
        return f"{word} by {named_body(meeting.body)}, {long_date(meeting.date)}"
    if version.status is Status.SUPERSEDED:
        # the day another version took its place, not the day it was drafted
        period = document.in_force_period(version)
        until = period[1] if period is not None else None
        return f"{word}, {long_date(until)}" if until is not None else word
    if version.status is Status.WITHDRAWN:
        return word  # no date of withdrawal is recorded: the draft's date would mislead
    return f"{word}, {long_date(version.date)}"


def _meeting_or_none(document: Document, meeting_id: str | None) -> Meeting | None:
    return next((m for m in document.meetings if m.id == meeting_id), None)


def paper_reading(
    document: Document, version: Version, *, as_of: dt.date | None = None
) -> tuple[Document, dt.date | None]:
    """The document as the paper on *version* knew it, and the day it is read as of.

    A paper is written before the meeting it goes to, so whatever is added
    to the repository later cannot change it: the comments are as
    :meth:`Document.read_for` reads them, and of the meetings only those
    held by the paper's day (the meeting's, or *as_of*) and not after its
    meeting are kept. Of its own meeting only what the paper itself puts to
    it is kept, the questions officers ask the board's direction on, and
    what it was sent: a committee's recommendations, made before the
    meeting that receives them (a Cabinet's response answers them there);
    what members said there and members' questions were said at the
    meeting, after the paper was written. Nor are versions drafted after
    that day.
    """
    read, day = document.read_for(version, as_of=as_of)
    return _known_then(read, version, day), day


def _known_then(read: Document, version: Version, day: dt.date | None) -> Document:
    """*read* (read as of *day*) without what came after the paper on *version*.

    See :func:`paper_reading`.
    """
    presented = _meeting_or_none(read, version.meeting)
    meetings = []
    for meeting in read.meetings:
        if presented is not None and meeting.id == presented.id:
            put = tuple(
                c
                for c in meeting.comments
                if (c.kind is CommentKind.QUESTION and not _members_question(c))
                or _received(c, meeting.body)
            )
            meetings.append(attrs.evolve(meeting, comments=put))
        elif (day is None or meeting.date <= day) and (
            presented is None or meeting.date <= presented.date
        ):
            meetings.append(meeting)
    # Versions drafted since: the comment log's "answered in" knew none of them.
    versions = tuple(v for v in read.versions if v.id == version.id or day is None or v.date <= day)
    return attrs.evolve(read, meetings=tuple(meetings), versions=versions)


def _as_it_stood(
    document: Document, version: Version, day: dt.date | None, *, before_meeting: bool
) -> Version:
    """*version* with the status it had on *day*, as a paper's annex states it.

    A paper asks its board to endorse the version, so until the day it came
    into force (that day too, read before its meeting decided) it stood
    proposed; after that day, endorsed, or superseded from the day another
    took its place. *day* ``None`` is now: the version as it is.
    """
    since = document.endorsed_on(version)
    if day is None or since is None:
        return version
    if day < since or (day == since and before_meeting):
        return attrs.evolve(version, status=Status.PROPOSED)
    period = document.in_force_period(version)
    until = period[1] if period is not None else None
    if until is not None and day < until:
        return attrs.evolve(version, status=Status.ENDORSED)
    return version


# --- the comparison ---------------------------------------------------------------


def comparison(
    document: Document,
    changes: ChangeSet,
    *,
    label: str | None = None,
    as_of: dt.date | None = None,
    numbers: Mapping[str, str] | None = None,
) -> Comparison:
    """The tracked-changes comparison of a change set, numbered and worded for members.

    The new text comes in full, in the new order, with removed sections and
    statements where they stood; each change says in words what else
    happened (moved, renamed, split, merged, reordered) and which comments
    this revision answers there. The comments are as they stood on *as_of*,
    by default as the board paper on the new version reads them
    (:meth:`Document.read_for`); *numbers* (comment ref to number, as
    :func:`paper_numbers` gives) numbers them as that paper does, each
    other comment by its own id.

    Raises:
        NotFoundError: *changes* is another document's
            (:func:`policypos.diff.check_of_document`).
    """
    check_of_document(document, changes)
    document, day = document.read_for(changes.new, as_of=as_of)
    changes = changes.with_comments(document, day)
    old, new = changes.old, changes.new
    old_sections, new_sections = old.section_numbers(), new.section_numbers()
    old_numbers, new_numbers = old.paragraph_numbers(), new.paragraph_numbers()
    old_titles = _titles(old)
    carried = old.answers()
    removals = _removals(new)
    labels = {t.comment.ref: comment_label(document, t.comment, numbers) for t in changes.comments}

    moves = text_moves(changes)

    def answers_of(refs: Iterable[str]) -> tuple[CommentLabel, ...]:
        return tuple(labels[r] for r in refs if r in labels and r not in carried)

    def paragraph(st: StatementChange) -> ComparedParagraph:
        number = new_numbers.get(st.id) if st.new is not None else None
        was = old_numbers.get(st.old_id) if st.old_id is not None and st.old else None
        former = was if was != number else None
        notes = []
        if st.moved and st.old_section is not None:
            notes.append(
                f"moved from section {old_sections[st.old_section]}, {old_titles[st.old_section]}"
            )
        elif st.reordered:
            notes.append("moved within the section")
        if st.whitespace_only:
            notes.append("spacing only")
        for field in st.fields:
            if field.name == "kind":
                notes.append(f"now {_kind_words(field.new)}, was {_kind_words(field.old)}")
        if st.split_from is not None and st.split_from in old_numbers:
            notes.append(f"split out of former paragraph {old_numbers[st.split_from]}")
        if st.merged_into is not None and st.merged_into in new_numbers:
            notes.append(f"merged into paragraph {new_numbers[st.merged_into]}")
        parts = parts_said(st, old_numbers, new_numbers)
        moved = moves_said(st, new_numbers)
        notes += parts + moved
        # A part is added (or removed) whole, as in Word: accepting every
        # tracked change gives the new text and rejecting every one the old,
        # each sentence once. What it changed on the way is in its meanings.
        pieces = st.redline if st.change is not Change.UNCHANGED else _whole(st)
        cited = st.new.addresses if st.new is not None else removals.get(st.old_id or "", ())
        split_from = old_numbers.get(st.split_from) if st.split_from is not None else None
        merged_into = new_numbers.get(st.merged_into) if st.merged_into is not None else None
        return ComparedParagraph(
            number,
            former,
            st.id,
            st.change,
            pieces,
            tuple(notes),
            answers_of(cited),
            st.significance,
            st.findings,
            tuple(m for f in st.findings if (m := meaning(f))),
            split_from if st.change is Change.ADDED else None,
            merged_into if st.change is Change.REMOVED else None,
            tuple(parts),
            st.parts_only,
            KIND_LABELS[(st.new or st.old).kind],  # type: ignore[union-attr]
            _label_redline(st),
            tuple(moved),
            st.id in moves.only,
        )

    places = Places(old_numbers, new_numbers, new_sections, old_titles, _titles(new))
    left = changes.moved_out()
    sections = []
    for section in changes.sections:
        number = new_sections.get(section.id) if section.new is not None else None
        was = old_sections.get(section.old_id) if section.old_id and section.old else None
        moved_out = left.get(section.old_id or "", ())
        cited = section.new.addresses if section.new else removals.get(section.old_id or "", ())
        old_title = section.old.title if section.old is not None else None
        new_title = section.new.title if section.new is not None else None
        old_intro = section.old.intro if section.old is not None else None
        new_intro = section.new.intro if section.new is not None else None
        sections.append(
            ComparedSection(
                number,
                was if was != number else None,
                section.id,
                (section.new or section.old).title,  # type: ignore[union-attr]
                section.change,
                _citation_summary(section, new_numbers)
                if _wording_unchanged(section) and not moved_out
                else _section_summary(section, was, number, places.moved_out(section, moved_out)),
                tuple(paragraph(st) for st in section.statements),
                answers_of(cited),
                _field_redline(old_title, new_title),
                _field_redline(old_intro, new_intro),
            )
        )
    answered = tuple(labels[t.comment.ref] for t in changes.comments if t.answered_here)
    substantive = sorted(
        (
            p
            for sec in sections
            for p in sec.paragraphs
            if p.change in (Change.ADDED, Change.REMOVED)
            or (p.significance == "substantive" and p.change is Change.MODIFIED)
        ),
        # What the rules could name first, then paragraphs added or removed
        # (they change what is asked as surely), then those only reworded or
        # whose links now go elsewhere (named, but no change to what is asked).
        key=lambda p: (
            0
            if any(meaning(f) and f.link is None for f in p.findings)
            else 1
            if p.change is not Change.MODIFIED
            else 2
        ),
    )
    kept = tuple(labels[t.comment.ref] for t in changes.comments if t.carried_over and t.cited)
    counts = _comparison_overview(changes)
    return Comparison(
        label,
        new.title or document.title,
        changes.old_name,
        changes.new_name,
        old.date,
        new.date,
        f"{counts} Insertions are underlined and deletions struck through.",
        tuple(sections),
        answered,
        kept,
        _field_redline(old.preamble, new.preamble),
        tuple(substantive),
        counts,
    )


@attrs.frozen
class _MovedOut:
    """The paragraphs that left a section for others, and where they went, in words."""

    statements: tuple[StatementChange, ...]
    text: str
    """``former paragraph 3.4 has moved to section 5, Partnerships (now 5.2)``; for a
    section all of whose paragraphs went to one other, ``its paragraphs have moved to
    section 2, Housing (now 2.4 to 2.6)``; empty when none left."""

    def __bool__(self) -> bool:
        return bool(self.text)  # a move to nowhere the new version numbers says nothing


@attrs.frozen
class Places:
    """The two versions' numbers and titles, to say where a moved paragraph was and is."""

    old_numbers: dict[str, str]
    """Paragraph numbers in the old version, by statement id (``Version.paragraph_numbers``)."""
    new_numbers: dict[str, str]
    new_sections: dict[str, int]
    """Section numbers in the new version, by section id."""
    old_titles: dict[str, str]
    """Section titles, by section id (:func:`_titles`)."""
    new_titles: dict[str, str]

    def moved_out(self, section: SectionChange, moved: Sequence[StatementChange]) -> _MovedOut:
        """Where the paragraphs *moved* out of *section* went (:meth:`ChangeSet.moved_out`)."""
        groups: dict[str, list[StatementChange]] = {}
        for st in moved:
            if st.new_section in self.new_sections and st.id in self.new_numbers:
                groups.setdefault(st.new_section, []).append(st)
        everything = section.old is not None and len(moved) == len(section.old.statements)
        clauses = []
        for k, (sid, went) in enumerate(groups.items()):
            where = f"section {self.new_sections[sid]}, {self.new_titles[sid]}"
            now = _span([self.new_numbers[st.id] for st in went])
            one = len(went) == 1
            if everything and len(groups) == 1:
                its = "its paragraph has" if one else "its paragraphs have"
                return _MovedOut(tuple(moved), f"{its} moved to {where} (now {now})")
            was = _span([self.old_numbers[st.old_id or st.id] for st in went])
            noun = "paragraph" if one else "paragraphs"
            verb = f" {'has' if one else 'have'} moved" if k == 0 else ""
            clauses.append(f"former {noun} {was}{verb} to {where} (now {now})")
        return _MovedOut(tuple(moved), _and(clauses))

    def moved_in(self, section: SectionChange) -> str:
        """The paragraphs that came into *section* from others, and where they were, in words.

        ``paragraphs 2.4 to 2.6 have moved here from the Rough sleeping section, where
        they were 3.1 to 3.3``; empty when none came.
        """
        groups: dict[str, list[StatementChange]] = {}
        for st in section.statements:
            if st.moved and st.old_section in self.old_titles and st.id in self.new_numbers:
                groups.setdefault(st.old_section, []).append(st)
        clauses = []
        for k, (sid, came) in enumerate(groups.items()):
            one = len(came) == 1
            now = _span([self.new_numbers[st.id] for st in came])
            was = _span([self.old_numbers[st.old_id or st.id] for st in came])
            verb = f" {'has' if one else 'have'} moved here" if k == 0 else ""
            clauses.append(
                f"{'paragraph' if one else 'paragraphs'} {now}{verb} from "
                f"{_the_section(self.old_titles[sid])}, where {'it was' if one else 'they were'} "
                f"{was}"
            )
        return _and(clauses)


def _removals(version: Version) -> dict[str, tuple[str, ...]]:
    """The comments each removal answers, by the removed section's or statement's old id."""
    return {r.id: r.addresses for r in version.removed}


def _titles(version: Version) -> dict[str, str]:
    """Each section's title in *version*, by section id."""
    return {s.id: s.title for s in version.sections}


def _span(numbers: Sequence[str]) -> str:
    """``2.4 to 2.6`` for three or more paragraphs running on in one section, else a list."""
    if len(numbers) >= 3:
        heads = {n.rpartition(".")[0] for n in numbers}
        tails = [n.rpartition(".")[2] for n in numbers]
        if len(heads) == 1 and all(t.isdigit() for t in tails):
            first = int(tails[0])
            if [int(t) for t in tails] == list(range(first, first + len(tails))):
                return f"{numbers[0]} to {numbers[-1]}"
    return _and(list(numbers))


def parts_said(
    statement: StatementChange, old_numbers: dict[str, str], new_numbers: dict[str, str]
) -> list[str]:
    """What a whole did with its parts, numbered: ``part split out into paragraph 1.2``.

    ``part merged in from former paragraph 1.3`` for a merge part; ``split
    into paragraphs 1.2 and 1.3`` for a removed statement whose words all went
    to parts, ``merged from former paragraphs 1.2 and 1.3`` for an added one
    (:func:`policypos.views.parts_notes`, named by paragraph).
    """
    from policypos.views import parts_notes

    def named(numbers: dict[str, str], former: str = "") -> Callable[[Sequence[str]], str]:
        def name(ids: Sequence[str]) -> str:
            found = [numbers[i] for i in ids if i in numbers]
            return f"{former}{paragraphs_named(found)}" if found else ""

        return name

    return parts_notes(statement, named(new_numbers), named(old_numbers, "former "))


def moves_said(statement: StatementChange, new_numbers: dict[str, str]) -> list[str]:
    """Where a statement's moved text went or came from, numbered: ``text moved to paragraph 1.1``.

    :func:`policypos.views.moves_notes`, the other statements named by their
    paragraph numbers in the new version (both stay, so both have one).
    """
    from policypos.views import moves_notes

    def name(ids: Sequence[str]) -> str:
        found = [new_numbers[i] for i in ids if i in new_numbers]
        return paragraphs_named(found) if found else ""

    return moves_notes(statement, name)


def _field_redline(old: str | None, new: str | None) -> tuple[Piece, ...]:
    """A field of the two versions (title, introduction, preamble) as a word-level redline.

    The change set records such fields whole (``fields``, ``title``); a reader
    of the comparison sees them marked word by word, like the statements.
    """
    from policypos.pairing import STATEMENT_THRESHOLD
    from policypos.redline import Op, redline, similarity

    before, after = " ".join((old or "").split()), " ".join((new or "").split())
    if before and after and similarity(before, after) < STATEMENT_THRESHOLD:
        # Rewritten rather than edited: a comb of kept "and"s and "the"s
        # would read worse than the old text struck out and the new put in.
        # No space between them: it would belong to neither side, and accepting
        # (or rejecting) every change would leave it doubled after "4. ".
        return (Piece(Op.DELETE, before), Piece(Op.INSERT, after))
    return redline(before, after)


def _label_redline(statement: StatementChange) -> tuple[Piece, ...]:
    """A statement's kind label (``Ask: ``) as a redline from the old statement's to the new's."""
    from policypos.redline import Op

    old = f"{KIND_LABELS[statement.old.kind]}: " if statement.old is not None else ": "
    new = f"{KIND_LABELS[statement.new.kind]}: " if statement.new is not None else ": "
    old, new = ("" if old == ": " else old), ("" if new == ": " else new)
    if old == new:
        return (Piece(Op.EQUAL, new),) if new else ()
    return tuple(Piece(op, text) for op, text in ((Op.DELETE, old), (Op.INSERT, new)) if text)


def _whole(statement: StatementChange) -> tuple[Piece, ...]:
    from policypos.redline import Op

    text = statement.new.text if statement.new is not None else ""
    return (Piece(Op.EQUAL, text),) if text else ()


def meaning(finding: Finding) -> str | None:
    """A finding in a member's words, or None for one no rule could name (``wording``, editorial).

    A link whose address alone changed is named: ``link “the note” now goes
    to https://b.example/y rather than https://a.example/x``.

    ``softened from "should" to "may wish to consider"``, ``"not" removed``,
    ``condition "where possible" added``, ``amount changed from "28" to "56"``,
    ``now addressed to "Government" rather than "Councils"``.
    """
    old, new = (
        f"“{_mid_sentence(finding, finding.old)}”",
        f"“{_mid_sentence(finding, finding.new)}”",
    )
    if finding.kind is Kind.OBLIGATION:
        if finding.old is None:
            return f"{new} added"
        if finding.new is None:
            return f"{old} removed"
        return f"{finding.direction} from {old} to {new}"
    if finding.moved:
        return f"{old} moved"
    if finding.kind is Kind.CONDITION:  # named, as an amount is: a bare phrase reads as words
        if finding.old is not None and finding.new is not None:
            return f"condition changed from {old} to {new}"
        return f"condition {new} added" if finding.old is None else f"condition {old} removed"
    if finding.kind is Kind.NEGATION:
        if finding.old is not None and finding.new is not None:
            return f"{old} changed to {new}"
        return f"{new} added" if finding.old is None else f"{old} removed"
    if finding.kind in (Kind.NUMBER, Kind.DATE):
        what = _figure(finding) if finding.kind is Kind.NUMBER else "date"
        if finding.old is None:
            return f"{what} {new} added"
        if finding.new is None:
            return f"{what} {old} removed"
        return f"{what} changed from {old} to {new}"
    if finding.kind is Kind.ACTOR:
        return f"now addressed to {new} rather than {old}"
    if finding.link is not None:  # an address is no sentence: as written, not mid-sentence
        words = "" if finding.link == finding.old else f" “{finding.link}”"
        return f"link{words} now goes to {finding.new} rather than {finding.old}"
    return None


_ASKS = {
    4: ("requirements", "a requirement"),
    3: ("directions", "a direction"),
    2: ("matters", "a matter"),
    1: ("points", "a point"),
}
"""What each strength of :data:`policypos.significance.MODALS` asks: many, and one."""


def _asks_of(
    strength: int,
    actors: Sequence[str] = (),
    *,
    one: bool = False,
    written: Mapping[str, str] | None = None,
) -> str:
    """``points for councils to consider`` (``a point ...`` if *one*): what a strength asks.

    A matter (2, ``should consider``) is one the reader is expected to
    consider; a point (1, ``may wish to consider``) one left to them. An
    actor is named as a plural noun (``councils``) unless *written* gives it
    as the paragraphs name it (``the Council``: :func:`_as_written`).
    """
    written = written or {}
    noun = _ASKS[strength][one]
    names = [written.get(a) or _plural_actor(a) for a in actors]
    who = _and(names)
    if not who:
        return f"{noun} to consider" if strength <= 2 else noun
    if strength == 2:
        return f"{noun} {who} should consider"
    whom = _and([_as_object(n) for n in names])
    return {4: f"{noun} on {whom}", 3: f"{noun} to {whom}", 1: f"{noun} for {whom} to consider"}[
        strength
    ]


_NAMED = {
    "lga": "the LGA",
    "nhs": "the NHS",
    "police": "the police",
    "board": "the Board",
    "dwp": "the DWP",
    "moj": "the MoJ",
    "hmpps": "HMPPS",
    "dfe": "the DfE",
    "dhsc": "DHSC",
    "mhclg": "MHCLG",
    "dluhc": "DLUHC",
    "dcms": "DCMS",
    "defra": "Defra",
    "dft": "the DfT",
    "dbt": "DBT",
    "pcc": "PCCs",
    "treasury": "the Treasury",
    "hmrc": "HMRC",
    "ofsted": "Ofsted",
    "cqc": "the CQC",
    "jobcentre": "Jobcentre Plus",
    "secretary": "the Secretary of State",
    "chancellor": "the Chancellor",
    "cabinet": "the Cabinet",
}
"""Actors a board paper names as they are written, not as a plural noun ("the DWP", not "dwps")."""


def _as_written(actors: Iterable[str], texts: Sequence[str]) -> dict[str, str]:
    """The actors *texts* all name as one body, as they name it: ``{"council": "the Council"}``.

    A council's own statement asks "the Council", not councils in general: an
    actor every text names with "the" in the singular (``The Council may
    wish to consider``), and none in the plural, is named so; any other is
    left to :func:`_plural_actor`.
    """
    import re

    found = {}
    for actor in actors:
        if actor in _NAMED or not texts:
            continue
        single = re.compile(rf"\bthe\s+({re.escape(actor)})\b(?!')", re.IGNORECASE)
        plural = re.compile(rf"\b{re.escape(_plural_actor(actor))}\b", re.IGNORECASE)
        matches = [single.search(t) for t in texts]
        if all(matches) and not any(plural.search(t) for t in texts):
            found[actor] = f"the {matches[0].group(1)}"  # type: ignore[union-attr]
    return found


def _plural_actor(actor: str) -> str:
    if actor in _NAMED:
        return _NAMED[actor]
    if actor in ("government", "probation", "staff", "we", "they"):
        return actor
    return actor[:-1] + "ies" if actor.endswith("y") else actor + "s"


_OBJECT_FORM = {"we": "us", "they": "them"}
"""A pronoun after ``on``, ``to`` or ``for``: "a requirement on us", not "on we"."""


def _as_object(actor: str) -> str:
    return _OBJECT_FORM.get(actor, actor)


_ARTICLES = frozenset(("the", "a", "an", "all", "each", "every", "local"))


def _actor_noun(word: str) -> bool:
    """Whether *word* (lowered) is one of :data:`policypos.significance.ACTORS`, or its plural."""
    from policypos.significance import ACTORS

    word = word.strip(",;:").lower()
    return (
        word in ACTORS
        or (word.endswith("ies") and word[:-3] + "y" in ACTORS)
        or (word.endswith("es") and word[:-2] in ACTORS)
        or (word.endswith("s") and word[:-1] in ACTORS)
    )


def _within_sentence(words: str) -> str:
    """*words* from the start of a sentence, as they read inside one.

    ``Councils`` and ``Housing authorities`` lose the capital their place gave
    them; ``Kent County Council``, ``NHS England``, ``Surrey`` and ``Department
    for Work and Pensions`` keep theirs.
    """
    parts = words.split()
    if not parts:
        return words
    first = parts[0]
    if not (first[:1].isupper() and first[1:] == first[1:].lower()):
        return words  # "NHS", "councils": nothing to lower
    follows = parts[1] if len(parts) > 1 else ""
    if follows in ("for", "of") and len(parts) > 2 and parts[2][:1].isupper():
        return words  # a name: "Department for Work and Pensions", "Ministry of Justice"
    if (
        first.lower() in _ARTICLES
        or (follows and follows[:1].islower())
        or (not follows and _actor_noun(first))
    ):
        return words[0].lower() + words[1:]
    return words


def _who_changed(finding: Finding) -> str:
    """``to government rather than councils``: the two subjects of an actor finding.

    The words both subjects share at either end (``As large employers,``) are
    left out: what changed is who, not the rest of the clause.
    """
    old, new = (finding.old or "").split(), (finding.new or "").split()
    while len(old) > 1 and len(new) > 1 and old[0] == new[0] and not _kept_first(old[0], old[1]):
        old, new = old[1:], new[1:]
    while len(old) > 1 and len(new) > 1 and old[-1] == new[-1] and not _in_a_name(old[-2], old[-1]):
        old, new = old[:-1], new[:-1]
    now, was = (_within_sentence(" ".join(words)) for words in (new, old))
    now, was = _OBJECT_FORM.get(now, now), _OBJECT_FORM.get(was, was)
    # Councils joined by ICBs are not replaced by them: say who was added, or dropped.
    now_list, was_list = _listed(now), _listed(was)
    kept = {w.casefold() for w in was_list}
    if kept < {w.casefold() for w in now_list}:
        return f"also to {_and([w for w in now_list if w.casefold() not in kept])}"
    staying = {w.casefold() for w in now_list}
    if staying < kept:
        dropped = _and([w for w in was_list if w.casefold() not in staying])
        return f"to {now} only, no longer to {dropped}"
    return f"to {now} rather than {was}"


def _kept_first(first: str, second: str) -> bool:
    """Whether a word both subjects open with stays: ``the`` of ``the police``, or a name's."""
    return first.lower() == "the" or _in_a_name(first, second)


def _in_a_name(first: str, second: str) -> bool:
    """Whether two words side by side are of one name (``Homes England``): kept together."""
    return first[:1].isupper() and second[:1].isupper() and first.lower() != "the"


def _listed(words: str) -> list[str]:
    """``councils and integrated care boards`` as ``["councils", "integrated care boards"]``."""
    import re

    return [w for w in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", words) if w]


def _grouped(items: Sequence[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """(paragraph, detail) pairs as (paragraphs, details), in the order first met.

    One paragraph's details are joined; paragraphs whose details are then the
    same go together (``paragraphs 2.1 and 2.2``, ``from 2025 to 2027``).
    """
    by_paragraph: dict[str, list[str]] = {}
    for number, detail in items:
        if detail not in by_paragraph.setdefault(number, []):
            by_paragraph[number].append(detail)
    groups: dict[str, list[str]] = {}
    for number, details in by_paragraph.items():
        groups.setdefault(_and(details), []).append(number)
    return [(numbers, detail) for detail, numbers in groups.items()]


def _and(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) < 3:
        return " and ".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _and_clauses(items: Sequence[str]) -> str:
    """Items that may hold lists of their own, joined so that a reader sees where each ends.

    As :func:`_and` when none holds a comma or an "and"; where one holds an
    "and", a comma before the last "and" ends the item before it (``1 in
    full and 2 in part, and none of the 3``); where one holds a comma, the
    items are parted by semicolons (``3.1 (Cabinet, 9 October 2025); 4
    (...); and 5 (...)``). A semicolon never parts items with no comma in
    them.
    """
    if len(items) < 2:
        return _and(items)
    if any("," in item for item in items):
        return "; ".join(items[:-1]) + f"; and {items[-1]}"
    if any(" and " in item for item in items[:-1]):
        return ", ".join(items[:-1]) + f", and {items[-1]}"
    return _and(items)


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"“{w}”" for w in dict.fromkeys(words))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amendments(
    section: SectionChange,
    numbers: dict[str, str],
    former: dict[str, tuple[str, str, str]],
    moved_only: Collection[str] = (),
) -> tuple[Amendment, ...]:
    """What the rules found in a section's reworded paragraphs, a sentence per kind of change.

    Who acts, then how strongly it is asked (softened or strengthened, of
    whom), negations added and removed, amounts and dates changed; in that
    order, each sentence naming the paragraphs by their number in the new
    version (*numbers*, by statement id). A paragraph moved in from another
    section is named by its new number alone: the sentence on what moved
    (:meth:`Places.moved_in`) gives its old one.
    Then the paragraphs reworded in ways no rule names (``Paragraphs 1.3 and
    1.4 have also been reworded.``); editorial changes give no sentence.
    A split part's own findings (its words' change on the way out of the
    whole, :attr:`StatementChange.source_redline`) count too, the part named
    with the paragraph it came from: ``1.2 (split out of 1.1)``, with that
    one's old section where it was another (*former*: old statement id to
    its old number, section id and title: ``1.1, Accommodation``); so do a
    merge part's (their change on the way into the whole), named by the
    paragraph they went into: ``1.1 (words merged in from former paragraph 1.3)``.
    Such a note is given the first time its paragraph is named, not again.
    A paragraph whose words changed only by text moved to or from another
    (*moved_only*, :attr:`TextMoves.only`) is not said to have been reworded:
    the sentence on the move (:func:`_text_moved`) says what happened.
    """

    def was(old_id: str) -> str:
        number, home, title = former[old_id]
        return number if home == section.old_id else f"{number}, {title}"

    found: list[tuple[str, StatementChange, Finding]] = []
    at: dict[str, str] = {}  # statement id -> the number its findings are listed under
    for st in section.statements:
        if st.merged_into is not None and st.merged_into in numbers and st.old_id in former:
            at[st.id] = numbers[st.merged_into]
            label = f"{at[st.id]} (words merged in from former paragraph {was(st.old_id)})"
            found += [(label, st, f) for f in st.findings]
            continue
        part = st.split_from is not None and st.split_from in former
        if st.new is None or (st.old is None and not part) or st.id not in numbers:
            continue
        number = at[st.id] = numbers[st.id]
        if part:
            number = f"{number} (split out of {was(st.split_from or '')})"
        moved = st.id in moved_only
        found += [(number, st, f) for f in st.findings if not (moved and f.kind is Kind.WORDING)]
    out = _amendment_sentences(section, found, at)
    return tuple(_said_once(out, {label: at[st.id] for label, st, _ in found}))


def _said_once(amendments: Sequence[Amendment], labels: dict[str, str]) -> list[Amendment]:
    """*amendments* with each paragraph's note said where the paragraph is first named only.

    *labels* maps a paragraph's name with its note (``2.6 (split out of 1.1)``)
    to its bare number (``2.6``), which later sentences use.
    """
    notes = {label: bare for label, bare in labels.items() if label != bare}
    seen: set[str] = set()
    said = []
    for amendment in amendments:
        text = amendment.text
        for label, bare in sorted(notes.items(), key=lambda item: -len(item[0])):
            if label in text and label in seen:
                text = text.replace(label, bare)
            elif label in text:
                seen.add(label)
        said.append(attrs.evolve(amendment, text=text))
    return said


def _amendment_sentences(
    section: SectionChange,
    found: list[tuple[str, StatementChange, Finding]],
    at: dict[str, str],
) -> Sequence[Amendment]:
    """The sentences of :func:`_amendments`, from each finding and the paragraph it is named by."""
    out: list[Amendment] = []

    def add(kind: Kind, text: str, which: Sequence[tuple[str, Finding]]) -> None:
        paragraphs = tuple(dict.fromkeys(at[st.id] for st in _owners(found, which)))
        out.append(Amendment(kind, text, paragraphs, tuple(f for _, f in which)))

    actors = [(n, f) for n, _, f in found if f.kind is Kind.ACTOR]
    if actors:
        groups = _grouped([(n, _who_changed(f)) for n, f in actors])
        clauses = []
        for k, (paragraphs, detail) in enumerate(groups):
            listed = paragraphs_named(paragraphs)
            if k == 0:
                verb = "is" if len(paragraphs) == 1 else "are"
                also = "also " if detail.startswith("also ") else ""
                detail = detail.removeprefix(also)
                clauses.append(f"{_capital(listed)} {verb} now {also}addressed {detail}")
            else:
                clauses.append(f"{listed} {detail}")
        text = clauses[0] if len(clauses) == 1 else f"{', '.join(clauses[:-1])}, and {clauses[-1]}"
        add(Kind.ACTOR, f"{text}.", actors)

    shifts: dict[tuple[int, int, bool], list[tuple[str, Finding]]] = {}
    # A long paragraph has an obligation finding every few sentences: reading
    # its other side's modals once, not once each, keeps the paper linear.
    strengths: dict[str, frozenset[int]] = {}
    for n, st, f in found:
        if f.kind is Kind.OBLIGATION and any(f.strengths):
            asked = _asked_already(st, f, strengths)
            shifts.setdefault((*f.strengths, asked), []).append((n, f))
    standing = sum(1 for s in section.statements if s.new is not None)
    for (was, now, already), which in shifts.items():
        common = sorted(set.intersection(*(set(f.actors) for _, f in which)))
        written = _as_written(
            common, [st.new.text for st in _owners(found, which) if st.new is not None]
        )
        paragraphs = list(dict.fromkeys(n for n, _ in which))
        if was and now:
            whole = len(paragraphs) == standing and standing > 1
            subject = "Its paragraphs have" if whole else _paragraphs_have(paragraphs)
            asks = _asks_of(now, common, written=written)
            text = f"{subject} been reworded from {_asks_of(was)} to {asks}."
        elif now:
            said = _quoted(f.new for _, f in which if f.new)
            asks = _asks_of(now, common, one=True, written=written)
            # A paragraph that already asked as strongly is not made stronger: it asks more.
            asks = f"a further {asks.removeprefix('a ')}" if already else asks
            text = f"{_paragraphs_say(paragraphs, 'now include')} {asks} ({said})."
        else:
            said = _quoted(f.old for _, f in which if f.old)
            listed = _paragraphs_say(paragraphs, "no longer include")
            asks = (
                f"one of its {_asks_of(was, common, written=written)}"
                if already
                else _asks_of(was, common, one=True, written=written)
            )
            text = f"{listed} {asks} ({said})."
        add(Kind.OBLIGATION, text, which)

    for kind, one, many in (
        (Kind.NEGATION, "A negation has", "Negations have"),
        (Kind.CONDITION, "A condition has", "Conditions have"),
    ):
        negations = [(n, f) for n, _, f in found if f.kind is kind]
        for state, where in _NEGATION_SAYS.items():
            which = [(n, f) for n, f in negations if _negation_state(f) == state]
            if not which:
                continue
            negated = [(n, _negation_words(f, state)) for n, f in which]
            listed = _and([f"{paragraphs_named(ps)} ({d})" for ps, d in _grouped(negated)])
            add(kind, f"{one if len(which) == 1 else many} {where} {listed}.", which)

    for kind in (Kind.NUMBER, Kind.DATE):
        which = [(n, f) for n, _, f in found if f.kind is kind]
        if not which:
            continue
        # A paragraph listing a change beside an addition, removal or move says each alike.
        mixed = {n for n, f in which if f.moved or f.old is None or f.new is None}
        details = [(n, _amount_change(f, participle=n in mixed)) for n, f in which]
        groups = _grouped(details)
        figures = {_figure(f) if kind is Kind.NUMBER else "date" for _, f in which}
        what = figures.pop() if len(figures) == 1 else "figure"
        plural = "Dates" if kind is Kind.DATE else f"{what.capitalize()}s"
        if len({d for _, d in details}) == 1:
            paragraphs, detail = groups[0]
            f = which[0][1]
            old, new, where = (
                _mid_sentence(f, f.old),
                _mid_sentence(f, f.new),
                paragraphs_named(paragraphs),
            )
            if f.moved:
                text = f"The {what} {old} has moved within {where}."
            elif old is not None and new is not None:
                text = f"In {where} the {what} changes {detail}."
            elif new is not None:
                text = f"The {what} {new} has been added to {where}."
            else:
                text = f"The {what} {old} has been removed from {where}."
        else:
            listed = _and([f"{paragraphs_named(ps)} ({d})" for ps, d in groups])
            text = f"{plural} change in {listed}."
        add(kind, text, which)

    # A paragraph whose words changed in ways no rule names is still news: say so.
    named = {n for n, _, f in found if f.substantive and f.kind is not Kind.WORDING}
    reworded = [(n, f) for n, _, f in found if f.kind is Kind.WORDING and n not in named]
    if reworded:
        paragraphs = list(dict.fromkeys(n for n, _ in reworded))
        also = " also" if out else ""
        add(Kind.WORDING, f"{_paragraphs_have(paragraphs)}{also} been reworded.", reworded)
    return tuple(out)


def _asked_already(
    statement: StatementChange, finding: Finding, strengths: dict[str, frozenset[int]]
) -> bool:
    """Whether an obligation added (or removed) leaves the other side asking as strongly.

    True when the old words already had a modal of the added one's strength, or
    the new words keep one of the removed one's: the paragraph gained (or lost)
    one ask of several, not its strength. *strengths* holds the modals'
    strengths of the texts read so far, by text, and gains this one's.
    """
    from policypos.significance import obligations

    was, now = finding.strengths
    if was and now:
        return False
    other = statement.old if now else statement.new
    if other is None:
        return False
    if other.text not in strengths:
        strengths[other.text] = frozenset(strength for _, strength in obligations(other.text))
    return (now or was) in strengths[other.text]


def _owners(
    found: Sequence[tuple[str, StatementChange, Finding]], which: Sequence[tuple[str, Finding]]
) -> list[StatementChange]:
    wanted = {id(f) for _, f in which}
    return [st for _, st, f in found if id(f) in wanted]


_NEGATION_SAYS = {
    "added": "been added to",
    "removed": "been removed from",
    "changed": "changed in",
    "moved": "moved within",
}
"""How the paper says what happened to a negation, by :func:`_negation_state`."""


def _negation_words(finding: Finding, state: str) -> str:
    """``“not”``, or ``“no” to “not”`` for a negation changed."""
    if state == "changed":
        return f"“{finding.old}” to “{finding.new}”"
    return _quoted([finding.old or finding.new or ""])


def _negation_state(finding: Finding) -> str:
    if finding.moved:
        return "moved"
    if finding.old is not None and finding.new is not None:
        return "changed"
    return "added" if finding.old is None else "removed"


def _figure(finding: Finding) -> str:
    """What a number finding counts, as a clerk calls it (:attr:`Finding.figure`)."""
    return finding.figure or "number"


def _amount_change(finding: Finding, *, participle: bool = False) -> str:
    """``from 2025 to 2027``, ``£3m added``, ``£2m removed``, ``£2m moved``.

    With *participle*, a change is ``2025 changed to 2027``, so that it can
    stand in one list with an amount added, removed or moved ("£37.5m
    changed to £45m and £36,000 added", never "from £37.5m to £45m and
    £36,000 added", which joins a phrase to a clause).
    """
    old, new = _mid_sentence(finding, finding.old), _mid_sentence(finding, finding.new)
    if finding.moved:
        return f"{old} moved"
    if old is not None and new is not None:
        return f"{old} changed to {new}" if participle else f"from {old} to {new}"
    return f"{new} added" if new is not None else f"{old} removed"


def _mid_sentence(finding: Finding, words: str | None) -> str | None:
    """A number's *words* as the paper's sentence needs them: ``Two thirds`` -> ``two thirds``.

    A count in words is capitalised where it opened the statement's sentence;
    quoted inside the paper's own sentence it is not. Dates keep their capitals
    (``May 2025``), as do words in capitals (``NHS``).
    """
    if words is None or finding.kind is not Kind.NUMBER:
        return words
    first = words.split(maxsplit=1)[0]
    if (first[:1].isupper() and first[1:].islower()) or first in ("A", "An"):
        return words[0].lower() + words[1:]
    return words


def _paragraphs_have(numbers: Sequence[str]) -> str:
    return f"{_capital(paragraphs_named(numbers))} {'has' if len(numbers) == 1 else 'have'}"


def _paragraphs_say(numbers: Sequence[str], verb: str) -> str:
    """``Paragraph 2.1 now includes``, ``Paragraphs 2.1 and 2.2 now include``."""
    if len(numbers) == 1:
        head, _, last = verb.rpartition(" ")
        verb = f"{head} {last}s".strip()
    return f"{_capital(paragraphs_named(numbers))} {verb}"


def _kind_words(kind: str) -> str:
    return {"position": "a position", "ask": "an ask", "consideration": "a point to consider"}.get(
        kind, kind
    )


def _section_summary(
    section: SectionChange, was: int | None, number: int | None, moved_out: _MovedOut
) -> str:
    """A comparison's line on a section, such as ``Paragraphs: 1 reworded, 1 moved out.``.

    A removed section says where any of its paragraphs went (*moved_out*).
    """
    title = (section.new or section.old).title  # type: ignore[union-attr]
    if section.change is Change.ADDED:
        return f"New section of {_count(len(section.statements), 'paragraph')}."
    if section.change is Change.REMOVED:
        if moved_out:
            return f"Section {was} ({title}) has been removed; {moved_out.text}."
        return f"Section {was} ({title}) has been removed."
    said = []
    if section.renamed and section.old is not None:
        said.append(f"Renamed; formerly {section.old.title}.")
    if was is not None and number is not None and was != number:
        said.append(f"Formerly section {was}.")
    kinds = Counter(s.counted for s in section.statements if not s.moved)
    counts = {COUNT_WORDS[kind]: kinds[kind] for kind in Counted if kind is not Counted.UNCHANGED}
    counts["moved in"] = sum(1 for s in section.statements if s.moved)
    counts["moved out"] = len(moved_out.statements)
    parts = [f"{n} {word}" for word, n in counts.items() if n]
    for field in section.fields:
        if field.name == "intro":
            done = "added" if field.old is None else "removed" if field.new is None else "revised"
            parts.insert(0, f"introduction {done}")
    if parts:
        said.append(f"Paragraphs: {', '.join(parts)}.")
    if not said:
        said.append("Unchanged.")
    return " ".join(said)


def _citation_summary(section: SectionChange, numbers: dict[str, str]) -> str:
    """What a comparison says of a section whose wording is unchanged (:func:`_wording_unchanged`).

    ``Wording unchanged; the comments paragraph 1.1 answers have changed.``
    """
    places = [
        numbers[st.id]
        for st in section.statements
        if st.change is Change.MODIFIED
        and st.id in numbers
        and any(f.name == "addresses" for f in st.fields)
    ]
    if any(f.name == "addresses" for f in section.fields):
        return "Wording unchanged; the comments the section answers have changed."
    if places:
        return (
            f"Wording unchanged; the comments {paragraphs_named(places)} "
            f"{'answers have' if len(places) == 1 else 'answer have'} changed."
        )
    return "Wording unchanged."


EDITED = "edited (editorial only)"
"""How a comparison counts a paragraph reworded only editorially: case, spelling, punctuation."""

COUNT_WORDS = {
    Counted.REWORDED: "reworded",
    Counted.EDITED: EDITED,
    Counted.SPLIT: "split",
    Counted.MERGED: "merged",
    Counted.TEXT_MOVED_OUT: "with text moved out",
    Counted.TEXT_MOVED_IN: "with text moved in",
    Counted.RESPACED: "changed in spacing only",
    Counted.OTHERWISE: "otherwise changed",
    Counted.ADDED: "added",
    Counted.REMOVED: "removed",
    Counted.UNCHANGED: "unchanged",
}
"""How the comparison names each kind of change it counts (:class:`Counted`), in its order."""


def _comparison_overview(changes: ChangeSet) -> str:
    counts = changes.counted()
    parts = [
        f"{n} {COUNT_WORDS[kind]}"
        for kind, n in counts.items()
        if n and kind is not Counted.UNCHANGED
    ]
    kept = counts[Counted.UNCHANGED]
    moved = sum(1 for s in changes.statements() if s.moved)
    said = ", ".join([*parts, f"{kept} unchanged"]) if parts else f"all {kept} unchanged"
    if moved:
        said += f" ({_count(moved, 'paragraph')} moved to another section)"
    return (
        f"Version {changes.new_name} compared with version {changes.old_name}, paragraph by "
        f"paragraph: {said}."
    )


def _count(n: int, word: str, *, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# --- the comment log --------------------------------------------------------------


def comment_log(
    document: Document,
    *,
    meeting: str | None = None,
    as_of: dt.date | None = None,
    numbers: Mapping[str, str] | None = None,
    meetings: Sequence[str] | None = None,
    paper: str | None = None,
) -> CommentLog:
    """The comments of *document* (or of one *meeting*) with what became of each.

    Each as it stands now, or as it stood at the end of the day *as_of*
    (:meth:`Document.as_of`); numbered as *numbers* (comment ref to
    number, a paper's: :func:`paper_numbers`) has them, else by its own id.
    *paper*, the version whose paper *numbers* come from, is named under
    the title (:attr:`CommentLog.numbering`); a decision that paper proposes
    to its meeting (:func:`_proposed`) is logged as proposed, as the paper
    words it, and so is one recorded for a meeting not held by *as_of*.
    Without *meeting*, the meetings *meetings* names (ids, such as the
    meetings a paper reports on: :attr:`BoardPaper.meetings`), else every one.

    Raises:
        NotFoundError: no such meeting.
    """
    not_one_name(meetings, "meetings")
    document = document.as_of(as_of)
    if meeting is not None:
        listed: Sequence[Meeting] = (document.meeting(meeting),)
    elif meetings is not None:
        listed = [document.meeting(m) for m in meetings]
    else:
        listed = document.meetings
    presented = None
    if paper is not None:
        presented = document.to_come(_meeting_or_none(document, document.version(paper).meeting))
    return CommentLog(
        document.title,
        document.organisation,
        tuple(
            LoggedMeeting(
                m.id,
                m.body,
                m.date,
                m.item,
                tuple(
                    _logged(document, c, numbers, proposed=_proposed(document, m, c, presented))
                    for c in _in_paper_order(m.comments, numbers)
                ),
            )
            for m in listed
        ),
        _numbering(paper) if numbers and paper is not None else None,
    )


def _numbering(paper: str) -> str:
    """The sentence saying a log numbers comments as the paper on version *paper* does."""
    return (
        f"Comments are numbered as the board paper on version {paper} numbers them, with the "
        "minutes' number in brackets where that differs; a comment the paper does not list has "
        "the minutes' number alone, in brackets."
    )


def _in_paper_order(
    comments: Sequence[Comment], numbers: Mapping[str, str] | None
) -> Sequence[Comment]:
    """*comments* in the order of the paper's *numbers* (``3.1``, ``3.2``, ``4``), else as given.

    A paper lists the comments it takes forward under one paragraph and the
    others after it, so its numbers need not follow the minutes; a log sent
    with the paper reads in the paper's order. Comments the paper does not
    number follow, in the minutes' order.
    """
    if not numbers:
        return comments

    def place(comment: Comment) -> tuple[int, ...]:
        parts = numbers.get(comment.ref, "").split(".")
        return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (1 << 30,)

    return sorted(comments, key=place)


def _answered_in(document: Document, comment: Comment) -> list[str]:
    """``2024: paragraphs 1.2, 4.1``, ``2025: removing former section 3``: a version each.

    A version that answers *comment* by leaving a place out (its
    ``removed``) says so where another names the place that cites it, so
    that such a comment does not look unanswered.
    """
    # By id: a version's hash would walk all its sections.
    cited = {v.id: places for v, places in document.citations_of(comment)}
    removed = {v.id: ids for v, ids in document.removals_of(comment)}
    answered = []
    for version in document.versions:
        said = []
        if version.id in cited:
            said.append(places_named(version, cited[version.id]))
        if version.id in removed:
            said.append(removals_named(document, version, removed[version.id]))
        if said:
            answered.append(f"{version.id}: {', '.join(said)}")
    return answered


def _logged(
    document: Document,
    comment: Comment,
    numbers: Mapping[str, str] | None,
    *,
    proposed: bool = False,
) -> LoggedComment:
    answered = _answered_in(document, comment)
    words = DISPOSITION_WORDS[comment.disposition]
    if proposed and comment.disposition is not Disposition.OPEN:
        words = f"{PROPOSED}{words}"
    return LoggedComment(
        comment_label(document, comment, numbers),
        comment.kind,
        comment.by,
        comment.text,
        words,
        comment.response,
        comment.referred_to,
        tuple(answered),
        None if comment.response or not response_owed(comment) else f"{TO_BE_WRITTEN}: response",
    )


def places_named(version: Version, places: Iterable[str]) -> str:
    """Places citing a comment as the annex numbers them: ``section 1, paragraph 1.2``.

    *places* are as :meth:`Version.citations` gives them, a section id or
    ``section/statement``, in *version*.
    """
    paragraphs = version.paragraph_numbers()
    sections = version.section_numbers()
    return ", ".join(
        f"paragraph {paragraphs[p.split('/')[1]]}" if "/" in p else f"section {sections[p]}"
        for p in places
    )


def former_places(
    document: Document, version: Version, ids: Iterable[str]
) -> tuple[tuple[str, str | None], ...]:
    """Each place *version* removed (its ``removed`` ids), named as the paper names it.

    ``("en-2", "former paragraph 1.2")``: numbered as the version it revises
    (:meth:`Document.base_of`) numbered it, as the board paper's "Former
    paragraph 1.2 ... has been removed" does. ``None`` for an id that version
    did not have, or a version revising none (``validate`` reports both).
    """
    base_id = document.base_of(version)
    base = next((v for v in document.versions if v.id == base_id), None)
    paragraphs = base.paragraph_numbers() if base is not None else {}
    sections = base.section_numbers() if base is not None else {}

    def named(place: str) -> str | None:
        if place in sections:
            return f"former section {sections[place]}"
        if place in paragraphs:
            return f"former paragraph {paragraphs[place]}"
        return None

    return tuple((place, named(place)) for place in ids)


def removals_named(document: Document, version: Version, ids: Iterable[str]) -> str:
    """``removing former section 3, former paragraph 1.2``: what *version* removed to answer.

    An id the version revised did not have is named by itself.
    """
    return "removing " + ", ".join(
        words or place for place, words in former_places(document, version, ids)
    )


def response_owed(comment: Comment) -> bool:
    """Whether *comment* must have a response by now: a decided recommendation, or a rejection.

    A recommendation once decided (any disposition but ``open``) is answered
    in the Cabinet response, which marks a missing response to be written;
    a rejected comment is, in the board paper ("why not").
    """
    if comment.kind is CommentKind.RECOMMENDATION:
        return comment.disposition is not Disposition.OPEN
    return comment.disposition is Disposition.REJECTED


# --- the board paper --------------------------------------------------------------


@attrs.frozen
class Part:
    """A part of a paper that an officer writes: its heading and text, or the marker.

    Where nothing was written, *text* is :data:`TO_BE_WRITTEN` and what is
    needed, and *written* is false: every format shows it plainly.
    """

    heading: str
    text: str
    written: bool


@attrs.frozen
class Numbered:
    """A numbered paragraph of a paper, with numbered sub-points (``3.1``, ``3.2`` ...).

    *text* is Markdown; *written* is false when the whole paragraph is an
    officer's part still missing (*text* is then the marker), and *missing*
    names an officer's part missing after generated text.
    """

    number: str
    text: str
    items: tuple[Numbered, ...] = ()
    written: bool = True
    missing: str | None = None
    """An officer's part still to be written after *text* (:data:`TO_BE_WRITTEN`: ...)."""
    amendments: tuple[Amendment, ...] = ()
    """For a proposal paragraph on a revised or added section: the sentences in *text* saying
    what the rules found in its reworded paragraphs (who acts, obligations, negations,
    amounts, dates), one per kind of change; empty for wording or editorial changes alone."""


@attrs.frozen
class Amendment:
    """One kind of substantive change the rules found in a section, as a board paper says it.

    ``Paragraph 3.1 is now addressed to government rather than councils.``
    The sentence is part of the proposal paragraph's text; a template can
    lay the parts out itself.
    """

    kind: Kind
    """``actor``, ``obligation``, ``negation``, ``number`` or ``date``."""
    text: str
    """The sentence, in a member's words."""
    paragraphs: tuple[str, ...]
    """The paragraphs it names, numbered as the annex (the new version) numbers them."""
    findings: tuple[Finding, ...]
    """The findings behind it (:class:`policypos.significance.Finding`: ``old``, ``new``,
    ``direction``, ``actors``)."""


@attrs.frozen
class Recommendation:
    """One lettered recommendation of a paper, such as (a) endorse the statement in Annex 2."""

    letter: str
    text: str


@attrs.frozen
class BoardPaper:
    """A board paper for a revision, in the parts and order of an LGA board paper.

    Paragraphs are numbered continuously through background, proposal,
    implications and next steps; the recommendations cite them.
    """

    title: str
    body: str
    date: dt.date | None
    purpose: Part
    summary: Part
    plan_theme: Part | None
    """``None`` where the report leaves it out (``leave_out: [plan_theme]``: a council's paper)."""
    recommendations: tuple[Recommendation, ...]
    contacts: tuple[Contact, ...]
    """Empty when the report names nobody: the paper then says who to contact is to be written."""
    background: tuple[Numbered, ...]
    proposal: tuple[Numbered, ...]
    implications: tuple[tuple[str, Numbered], ...]
    """(heading, paragraph) for Wales, financial, equalities (but those the report's
    ``leave_out`` names) and any others the report adds."""
    next_steps: tuple[Numbered, ...]
    annex: Annex
    resolution: str = ""
    """What introduces the recommendations: ``That the Safer and Stronger Communities Board:``
    (:func:`named_body`: "That Cabinet:" for a Cabinet)."""
    comment_numbers: Mapping[str, str] = attrs.field(factory=dict)
    """The number the paper gives each comment it lists, by ref (``sscb-2024-03/5``: ``"3.4"``):
    the numbers its companion documents use too (:func:`paper_numbers`)."""
    meetings: tuple[str, ...] = ()
    """The ids of the meetings the paper reports on, by date: those held before its own
    meeting whose comments it answers or that reviewed the versions it builds on (the
    comment log sent with it lists these: :func:`comment_log`'s ``meetings``)."""


def paper_numbers(
    document: Document,
    changes: ChangeSet | Version,
    report: Report | None = None,
    *,
    as_of: dt.date | None = None,
) -> Mapping[str, str]:
    """The numbers the board paper on *changes* gives the comments it lists, by comment ref.

    A paper lists members' comments as sub-points of a background paragraph
    (``3.1``, ``3.2`` ...), as the LGA's papers do, whatever the minutes
    called them, and tells each other comment or question it lists in a
    paragraph of its own (``4``; ``12`` for one closing the proposal), which
    numbers it; a recommendation keeps its maker's number and is not in the
    mapping. The comparison and comment log sent with it cite the same
    comments by the same numbers (``comparison(..., numbers=...)``,
    ``comment_log(..., numbers=...)``). *changes* is a change set, or a
    version for a new statement's paper; *report* and *as_of* as
    :func:`board_paper` takes them, since both change the numbering.

    Raises:
        BackwardsError, LoadError: as :func:`board_paper`.
    """
    if isinstance(changes, Version):
        return new_statement_paper(document, changes, report, as_of=as_of).comment_numbers
    return board_paper(document, changes, report, as_of=as_of).comment_numbers


def check_paper_order(document: Document, changes: ChangeSet) -> None:
    """Refuse a change set that a board paper cannot bring: its new version is the older.

    A paper proposes the new version in place of the old one, so a comparison
    run backwards would say "revising version 2025" of 2024 and list as
    removed what the later version added. What "older" means is
    :func:`policypos.diff.backwards`'s rule: the ``based_on`` chain, else
    the dates.

    Raises:
        BackwardsError: *changes*' new version is older than its old one.
    """
    from policypos.diff import backwards

    reason = backwards(changes.old, changes.new, document)
    if reason is not None:
        old, new = (f"{document.id}@{v.id}" for v in (changes.old, changes.new))
        raise BackwardsError(
            f"a board paper proposes NEW in place of OLD, but NEW {new} is older than "
            f"OLD {old} ({reason}): give the older version first"
        )


def paper_report(
    root: Path | str, document: Document, changes: ChangeSet | Version
) -> Report | None:
    """The officers' parts of the paper on *changes*, read and checked as ``render report`` does.

    ``<root>/<document>/reports/<NEW>.yaml`` (NEW: *changes*' new version, or
    the version itself for a new statement's paper), ``None`` where there is
    none. Pass it to :func:`board_paper`, :func:`new_statement_paper` or
    :func:`policypos.render.render_report`: without it the officers' parts
    are all "To be written". The order of the change set is checked first
    (:func:`check_paper_order`: the order is the mistake, not the file),
    then the file, with every problem of its ``reasons`` against the
    versions (:func:`policypos.validate.report_problems`) in one error.

    Raises:
        BackwardsError: the change set runs backwards.
        LoadError: the file is not a well-formed report, or its ``reasons``
            name a section of neither version.
    """
    from policypos.load import read_report
    from policypos.validate import report_problems

    if isinstance(changes, Version):
        new, old = changes, None
    else:
        check_paper_order(document, changes)
        new, old = changes.new, changes.old
    return read_report(root, document.id, new.id, check=lambda r: report_problems(r, new, old))


def written_paper(
    root: Path | str,
    document: Document,
    changes: ChangeSet | Version,
    *,
    as_of: dt.date | None = None,
) -> BoardPaper | None:
    """The paper on *changes* with its report from *root*; ``None`` where it cannot be written.

    What the comparison and comment log sent with a paper take their comment
    numbers from (``numbers=``, :attr:`BoardPaper.comment_numbers`). A
    comparison running backwards, or a report file with errors, stops the
    paper (:func:`paper_report` says why) but not the documents sent with
    it: they number the comments by their own ids then.
    """
    from policypos.load import read_report

    new = changes if isinstance(changes, Version) else changes.new
    try:
        report = read_report(root, document.id, new.id)
        if isinstance(changes, Version):
            return new_statement_paper(document, changes, report, as_of=as_of)
        return board_paper(document, changes, report, as_of=as_of)
    except (BackwardsError, LoadError):
        return None


def board_paper(
    document: Document,
    changes: ChangeSet,
    report: Report | None = None,
    *,
    as_of: dt.date | None = None,
) -> BoardPaper:
    """The paper that brings a revision (the change set's new version) to its board.

    Generated from the change set and the meetings, as DOCUMENTS.md lays an
    LGA board paper out: recommendations (endorse the annex; direct officers
    on the questions still open or deferred), background (the meeting that
    reviewed the old version, the questions asked there with their answers,
    and the members' comments), a proposal paragraph per section saying what
    changed and which comments it answers, implications, next steps, and the
    annex. The parts an officer writes come from *report*
    (``reports/<version>.yaml``) and are marked :data:`TO_BE_WRITTEN` where
    it has none. The comments are as they stood when the paper went to its
    meeting (:meth:`Document.read_for`), or at the end of the day *as_of*.

    Raises:
        BackwardsError: the change set runs backwards, its new version older
            than its old one (see :func:`check_paper_order`).
        LoadError: *report*'s ``reasons`` name a section of neither version
            (see :func:`policypos.validate.report_problems`): such a reason
            would be left out of the paper without a word.
        NotFoundError: *changes* is another document's
            (:func:`policypos.diff.check_of_document`).
    """
    check_of_document(document, changes)
    check_paper_order(document, changes)
    read, day = document.read_for(changes.new, as_of=as_of)
    changes = changes.with_comments(read, day)
    stood = _as_it_stood(document, changes.new, day, before_meeting=as_of is None)
    document = _known_then(read, changes.new, day)
    _check_reasons(report, changes.new, changes.old)
    report = report or Report(changes.new.id)
    label = report.annex or "Annex 1"
    old, new = changes.old, changes.new
    presented = _meeting_or_none(document, new.meeting)
    answered = {t.comment.ref for t in changes.comments if t.answered_here}
    known = _comments_of(document)
    reviewed = _considered(document, changes, presented, answered)
    names = _meeting_names(reviewed)
    # What a removal answers is answered too (FORMAT.md): asking direction on it would tell it
    # twice, once as answered and once as waiting on the board.
    questions = _questions(presented, reviewed, new.answers())
    counter = _Counter()
    earlier = _Earlier.of(document, changes)
    recital = _background(
        document, old, reviewed, counter, names, earlier, document.to_come(presented)
    )
    background = recital.paragraphs
    # The proposal's opening paragraph and one a section come before the questions closing it.
    cited = _closing_numbers(
        recital.cited, questions, recital.told, counter.last + 1 + len(changes.sections)
    )
    proposal = [
        Numbered(
            counter.next(),
            f"The amended statement is set out in {label}. It is version {new.id} of "
            f"{document.title}, revising version {old.id}.",
        )
    ]
    numbers, was = new.paragraph_numbers(), old.paragraph_numbers()
    # Where a split or merge part's paragraph stood: "2.2" in "Accommodation".
    former = {
        st.id: (was[st.id], sec.id, sec.title) for sec in old.sections for st in sec.statements
    }
    places = Places(was, numbers, new.section_numbers(), _titles(old), _titles(new))
    left = changes.moved_out()
    removals, which = _removals(new), _which_sections(changes)
    moves = text_moves(changes)
    formerly = {st.id: was[st.old_id] for st in changes.statements() if st.old_id in was}
    for section in changes.sections:
        moved_out = places.moved_out(section, left.get(section.old_id or "", ()))
        proposal.append(
            _proposal_paragraph(
                section,
                answered,
                names,
                cited,
                report,
                counter.next(),
                numbers,
                former,
                was,
                places.moved_in(section),
                moved_out,
                known,
                removals,
                which.get(section.id, ""),
                _text_moved(section, moves, numbers, formerly),
                moves.only,
            )
        )
    summary = report.summary or _default_summary(document, reviewed, answered, label, earlier)
    return _paper(
        document, stood, report, presented, summary, background, proposal, questions, counter,
        label=label, statement="the statement", numbers=cited, told=recital.told, reviewed=reviewed,
        proposed=recital.proposed,
    )  # fmt: skip


def _paper(
    document: Document,
    version: Version,
    report: Report,
    presented: Meeting | None,
    summary: str,
    background: tuple[Numbered, ...],
    proposal: list[Numbered],
    questions: Sequence[Comment],
    counter: _Counter,
    *,
    label: str,
    statement: str,
    numbers: Mapping[str, str],
    told: Mapping[str, str],
    reviewed: Sequence[Meeting],
    proposed: Sequence[str] = (),
) -> BoardPaper:
    """A board paper's parts after its proposal, the same for a revision and a new statement.

    The *questions* (:func:`_questions`) are told once each: where the
    background told one already (*told*, its paragraph by ref) the paper
    points there, and the others close the proposal, each asking for
    direction (a member's question with its answer instead). Then the
    implications, the next steps and the recommendations, which ask the body
    to endorse *statement* (``the statement``, ``the new statement``) in the
    annex *label* and, on every question but a member's, to direct officers.
    The recitals and the recommendations both come from *questions*, so
    that no question is told without the board being asked about it. Where
    the background gives responses proposed to the meeting (*proposed*, the
    paragraphs telling them), the body is asked to agree them: the decision
    is its own, at the meeting. *numbers*, the paper's numbers of the comments
    it tells, hold those of the questions closing the proposal already
    (:func:`_closing_numbers`), so that the log cites each by its paragraph.
    """
    question_numbers = []
    for comment in questions:
        number = told.get(comment.ref)
        if number is None:
            number = counter.next()
            proposal.append(
                _asked(number, comment)
                if _members_question(comment)
                else Numbered(
                    number,
                    "Members' direction is sought: "
                    + _numbered_recommendation(comment, comment.text.strip()),
                )
            )
        if not _members_question(comment):
            question_numbers.append(number)
    # The background tells a meeting's questions before its comments, so ref order is not
    # paragraph order.
    question_numbers.sort(key=_number_key)
    implications = tuple(
        (heading, _numbered(counter.next(), text, _missing(heading)))
        for heading, text in _implications(report)
    )
    steps_number = counter.next()
    if report.next_steps:
        next_steps = (Numbered(steps_number, report.next_steps),)
    else:
        items = [
            Numbered(
                f"{steps_number}.1",
                f"endorse {statement} in {label}, or direct officers on any further "
                "development it needs" + (";" if question_numbers else "."),
            )
        ]
        if proposed:
            items[-1] = attrs.evolve(items[-1], text=items[-1].text[:-1] + ";")
            items.append(
                Numbered(
                    f"{steps_number}.{len(items) + 1}",
                    f"agree the proposed responses in {paragraphs_named(proposed)}"
                    + (";" if question_numbers else "."),
                )
            )
        if question_numbers:
            items.append(
                Numbered(
                    f"{steps_number}.{len(items) + 1}",
                    "consider whether further officer work is needed on the questions in "
                    f"{paragraphs_named(question_numbers)}.",
                )
            )
        next_steps = (Numbered(steps_number, "Members are asked to:", tuple(items)),)
    recommendations = [Recommendation("a", f"Endorse {statement} in {label}.")]
    if proposed:
        recommendations.append(
            Recommendation("b", f"Agree the proposed responses in {paragraphs_named(proposed)}.")
        )
    if question_numbers:
        recommendations.append(
            Recommendation(
                "abcd"[len(recommendations)],
                f"Direct officers on the issues in {paragraphs_named(question_numbers)}.",
            )
        )
    body = presented.body if presented else document.owner
    return BoardPaper(
        report.title or (presented.item if presented and presented.item else document.title),
        body,
        presented.date if presented else None,
        _part(report.purpose, "Purpose of report"),
        Part("Summary", summary, True),
        None
        if "plan_theme" in report.leave_out and not report.plan_theme
        else _part(report.plan_theme, "Plan theme"),
        tuple(recommendations),
        report.contacts,
        background,
        tuple(proposal),
        implications,
        next_steps,
        annex(document, version, label=label),
        f"That {named_body(body)}:",
        dict(numbers),
        _logged_meetings(reviewed, presented),
    )


def _closing_numbers(
    cited: Mapping[str, str], questions: Sequence[Comment], told: Mapping[str, str], after: int
) -> dict[str, str]:
    """*cited* with the numbers of the questions that will close the proposal (:func:`_paper`).

    Those of *questions* the background did not tell (*told*), in turn from
    paragraph *after* + 1, where the proposal's own paragraphs end; a
    recommendation among them keeps its maker's number, as in the background.
    Known before the proposal is written, since a paper that numbers any
    comment cites every other as the minutes' (:func:`_numbers_of`).
    """
    closing = [c for c in questions if c.ref not in told]
    return {
        **cited,
        **{
            c.ref: str(after + k)
            for k, c in enumerate(closing, 1)
            if c.kind is not CommentKind.RECOMMENDATION
        },
    }


def _logged_meetings(reviewed: Sequence[Meeting], presented: Meeting | None) -> tuple[str, ...]:
    """The ids of the meetings a paper's comment log lists.

    Those it reports on, and its own where that received a committee's
    recommendations for the paper to answer (a Cabinet's).
    """
    ids = [m.id for m in reviewed]
    if presented is not None and any(_received(c, presented.body) for c in presented.comments):
        ids.append(presented.id)
    return tuple(ids)


def _members_question(comment: Comment) -> bool:
    """Whether *comment* is a question a member put, rather than officers asking for direction.

    A question by anyone but officers (``Cllr O'Brien``, ``Board members``) is
    the member's to have answered; one by officers, or by nobody named, asks
    the board's direction.
    """
    return (
        comment.kind is CommentKind.QUESTION
        and comment.by is not None
        and comment.by.strip().casefold() not in _OFFICERS
    )


_OFFICERS = frozenset(("officers", "officer", "the officers"))


def _asked(number: str, question: Comment, proposed_to: str | None = None) -> Numbered:
    """``Cllr O'Brien asked: Why ...? <the answer>``: a question as a paper tells it.

    A member's question with no answer yet has it marked to be written; one
    officers put (or nobody named) asks the board's direction, which the
    recommendations seek (:func:`_paper`), so no answer is owed. An officers'
    question whose disposition is proposed to the paper's meeting (*proposed_to*,
    its body; :func:`_proposed`) is the officers' proposal, not a settled answer
    (:func:`_proposed_to_board`): ``Officers propose this answer: Yes ...``.
    """
    said = f"{question.by or 'Members'} asked: {question.text.strip()}"
    if proposed_to is not None and question.disposition is not Disposition.OPEN:
        outcome = _proposed_to_board(question, proposed_to)
        if question.response:
            return Numbered(number, f"{said} {outcome}: {question.response.strip()}")
        return Numbered(number, f"{said} {outcome}.")
    if question.response:
        return Numbered(number, f"{said} {question.response.strip()}")
    if _members_question(question):
        return Numbered(number, said, missing=f"{TO_BE_WRITTEN}: the answer.")
    return Numbered(number, said)


_STILL_OPEN = frozenset((Disposition.OPEN, Disposition.DEFERRED))
"""Dispositions of a comment that still waits on the board's direction."""


def _questions(
    presented: Meeting | None, reviewed: Sequence[Meeting], answers: Collection[str]
) -> list[Comment]:
    """What a paper asks the board's direction on: every comment still open or deferred.

    Those of the meetings it reports on (*reviewed*, by date) and of the
    meeting it goes to, each once, and none the new version answers
    (*answers*, the refs it cites): a paper that tells a question must ask
    the board about it (:func:`_paper` tells and asks from this one list).
    """
    asking = [*reviewed, *([presented] if presented is not None else [])]
    found: dict[str, Comment] = {}
    for meeting in asking:
        for c in meeting.comments:
            if c.disposition in _STILL_OPEN and c.ref not in answers:
                found.setdefault(c.ref, c)
    return list(found.values())


def _considered(
    document: Document, changes: ChangeSet, presented: Meeting | None, answered: set[str]
) -> list[Meeting]:
    """The meetings a board paper reports on, by date.

    Those that reviewed the old version or the new draft, and those whose
    comments the new version answers; never the meeting the paper goes to,
    nor one after it.
    """
    answering = {ref.partition("/")[0] for ref in answered}
    found = [
        m
        for m in document.meetings
        if (m.reviews in (changes.old.id, changes.new.id) or m.id in answering)
        and (presented is None or (m.id != presented.id and m.date <= presented.date))
    ]
    return sorted(found, key=lambda m: m.date)


def _meeting_names(meetings: Sequence[Meeting]) -> dict[str, str]:
    """How a paper tells its meetings apart, by meeting id: empty when there is only one.

    The date (``18 July 2024``); the body and the date where two share a date;
    where one body met twice that day, the items if each has its own, else
    which meeting of the day it was (``Cabinet, 10 January 2024, second meeting``).
    """
    if len(meetings) < 2:
        return {}
    dates = [m.date for m in meetings]
    names = {
        m.id: long_date(m.date) if dates.count(m.date) == 1 else f"{m.body}, {long_date(m.date)}"
        for m in meetings
    }
    # One body meeting twice that day: the items where each has its own, else
    # which meeting of the day it was (never the internal id).
    same: dict[str, list[Meeting]] = {}
    for m in meetings:
        same.setdefault(names[m.id], []).append(m)
    for name, group in same.items():
        if len(group) < 2:
            continue
        items = [m.item for m in group]
        by_item = all(items) and len(set(items)) == len(items)
        for k, m in enumerate(group):
            which = f"{_ORDINALS[k]} meeting" if k < len(_ORDINALS) else f"meeting {k + 1}"
            names[m.id] = f"{name}, {m.item if by_item else which}"
    return names


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def _comment_numbers(
    refs: Iterable[str],
    names: dict[str, str],
    cited_at: dict[str, str] | None = None,
    comments: Mapping[str, Comment] | None = None,
) -> str:
    """``members' comments 3.2 and 3.3``, ``recommendations 1 and 2``: by kind and number.

    Each kind is named by its own word (a comment as "members' comment", a
    recommendation as "recommendation", a question as "question"; *comments*
    gives each ref's kind, a ref it lacks being a comment), comments first.
    """
    comments = comments or {}
    by_kind: dict[CommentKind, list[str]] = {}
    for ref in refs:
        kind = comments[ref].kind if ref in comments else CommentKind.COMMENT
        by_kind.setdefault(kind, []).append(ref)
    return _and(
        [
            _numbers_of(
                _KIND_NOUNS[kind],
                by_kind[kind],
                names,
                cited_at or {},
                # A recommendation goes by its maker's number, which is the paper's too.
                minutes=bool(cited_at) and kind is not CommentKind.RECOMMENDATION,
            )
            for kind in _KIND_NOUNS
            if kind in by_kind
        ]
    )


_KIND_NOUNS = {
    CommentKind.COMMENT: "members' comment",
    CommentKind.RECOMMENDATION: "recommendation",
    CommentKind.QUESTION: "question",
}
"""How a paper names what a meeting put to officers, by kind, in the order it lists them."""


def _numbers_of(
    noun: str,
    refs: Sequence[str],
    names: dict[str, str],
    cited_at: dict[str, str],
    *,
    minutes: bool = False,
) -> str:
    """``members' comments 3.2 and 3.3``: one kind, numbered as the paper's background numbers it.

    *refs* are comment refs (``MEETING/ID``); *cited_at* gives the paper's
    number of each comment the background lists (those numbers are unique in
    the paper, so need no meeting). Any other is named by its own id, with,
    where the paper reports on more than one meeting (*names*,
    :func:`_meeting_names`), its meeting in brackets; with *minutes*, as the
    minutes' number (``3.1 and 3.2, and 5 in the minutes``), since the paper
    may give 5 to another comment.
    """
    # The paper's own numbers are digits and dots: "3.10" after "3.9".
    numbered = sorted(
        (cited_at[r] for r in refs if r in cited_at),
        key=lambda n: tuple(int(p) for p in n.split(".") if p.isdigit()),
    )
    by_meeting: dict[str, list[str]] = {}
    for ref in sorted(r for r in refs if r not in cited_at):
        meeting, _, number = ref.partition("/")
        by_meeting.setdefault(meeting, []).append(number)
    count = len(numbered) + sum(len(numbers) for numbers in by_meeting.values())
    words = noun if count == 1 else f"{noun}s"
    where = " in the minutes" if minutes else ""
    if not names:
        ids = [n for numbers in by_meeting.values() for n in numbers]
        if not where:
            return f"{words} {_and([*numbered, *ids])}"
        parts = [_and(numbered)] if numbered else []
        parts += [f"{_and(ids)}{where}"] if ids else []
        return f"{words} {_and_clauses(parts)}"
    order = list(names)
    groups = sorted(
        by_meeting.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    parts = [
        f"{_and(numbers)}{where} ({names.get(meeting, meeting)})" for meeting, numbers in groups
    ]
    if numbered:
        parts.insert(0, _and(numbered))
    return f"{words} {_and_clauses(parts)}"


def _answers_said(
    refs: Iterable[str],
    names: dict[str, str],
    cited_at: dict[str, str],
    comments: Mapping[str, Comment],
) -> str:
    """``answers recommendation 2 and partly answers recommendation 1``.

    A comment taken forward only in part (:data:`PARTIAL`: partially accepted
    or addressed) is said to be answered in part, apart from the others, so
    that a member never reads a watered-down answer as the whole of it.
    """
    refs = list(refs)
    part = [r for r in refs if r in comments and comments[r].disposition in PARTIAL]
    whole = [r for r in refs if r not in part]
    said = []
    if whole:
        said.append(f"answers {_comment_numbers(whole, names, cited_at, comments)}")
    if part:
        said.append(f"partly answers {_comment_numbers(part, names, cited_at, comments)}")
    return " and ".join(said)


def _comments_of(document: Document) -> dict[str, Comment]:
    """Every comment of *document* by its ref (``MEETING/ID``)."""
    return {c.ref: c for m in document.meetings for c in m.comments}


class _Counter:
    """Paragraph numbers of a paper, counted on from 1 across its parts."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> str:
        self.last += 1
        return str(self.last)


TAKEN_FORWARD = frozenset(
    (
        Disposition.OPEN,
        Disposition.ADDRESSED,
        Disposition.PARTIALLY_ADDRESSED,
        Disposition.ACCEPTED,
        Disposition.FULLY_ACCEPTED,
        Disposition.PARTIALLY_ACCEPTED,
        Disposition.ANSWERED,
    )
)
"""The dispositions a board paper lists under "taking account of members' comments".

A comment that is rejected, noted, deferred or referred is not taken into
account by the revision: the background says what became of it instead
(:data:`NOT_TAKEN_FORWARD`)."""

_PENDING = frozenset((Disposition.DEFERRED,))
"""Dispositions of a comment not taken forward that still wait on the board: retold."""

NOT_TAKEN_FORWARD = {
    Disposition.REJECTED: "Officers recommend not taking this forward",
    Disposition.NOTED: "Officers have noted this; it calls for no change to the statement",
    Disposition.DEFERRED: (
        "This needs further work or members' direction before it can be taken forward"
    ),
    Disposition.REFERRED: "This has been referred to {referred_to}",
}
"""What a board paper's background says of a comment the revision does not take forward."""


@attrs.frozen
class _Earlier:
    """What a paper must not retell as still open: what earlier board cycles settled.

    The comments the old version answered already, the meetings an earlier
    paper reported on (before the old version went to its board), and which
    meeting endorsed which version.
    """

    answered: frozenset[str] = frozenset()
    """The refs of the comments the old version cites: answered before this revision."""
    by: str = ""
    """Who answered them: ``Version 2025-07, endorsed on 9 July 2025,``."""
    past: frozenset[str] = frozenset()
    """The ids of the meetings held before the old version went to its board."""
    endorsed: dict[str, str] = attrs.Factory(dict)
    """Meeting id to the id of the version it endorsed."""

    @classmethod
    def of(cls, document: Document, changes: ChangeSet | None = None) -> _Earlier:
        endorsed = {
            v.meeting: v.id
            for v in document.versions
            if v.meeting and document.endorsed_on(v) is not None
        }
        if changes is None:
            return cls(endorsed=endorsed)
        old = changes.old
        since = document.endorsed_on(old)
        by = f"Version {old.id}, endorsed on {long_date(since)}," if since else f"Version {old.id}"
        put = _meeting_or_none(document, old.meeting)
        older = {v.id for v in document.versions if v.date < old.date}
        past = frozenset(
            m.id
            for m in document.meetings
            if (put is not None and m.date < put.date) or (m.reviews in older)
        )
        return cls(old.answers(), by, past, endorsed)

    def looked_at(self, meeting: Meeting) -> str:
        """``endorsed version 2025-07``, ``considered version 2025``, ``considered comments on``."""
        if meeting.id in self.endorsed:
            return f"endorsed version {self.endorsed[meeting.id]} of"
        return (
            f"considered version {meeting.reviews} of"
            if meeting.reviews
            else "considered comments on"
        )

    def answered_of(self, meeting: Meeting) -> list[Comment]:
        """The comments and recommendations of *meeting* that the old version answered."""
        return [
            c
            for c in meeting.comments
            if c.kind is not CommentKind.QUESTION and c.ref in self.answered
        ]

    def sentence(self, meeting: Meeting) -> str:
        """What the old version answered of *meeting*'s comments, as a sentence, or nothing.

        `` Version 2025-07, endorsed on 9 July 2025, answered 4 of the comments made there.``
        """
        done = self.answered_of(meeting)
        if not done:
            return ""
        remarks = [c for c in meeting.comments if c.kind is not CommentKind.QUESTION]
        made, noun = len(remarks), _noun(remarks)
        what = f"the {noun.removesuffix('s')}" if made == 1 else f"{len(done)} of the {noun}"
        if len(done) == made and made > 1:
            what = f"all the {noun}"
        return f" {self.by} answered {what} made there."


def _background(
    document: Document,
    old: Version,
    reviewed: Sequence[Meeting],
    counter: _Counter,
    names: dict[str, str],
    earlier: _Earlier | None = None,
    presented: Meeting | None = None,
) -> _Background:
    """The background: each meeting reported on, its questions and its members' comments.

    What an earlier cycle settled (*earlier*) is not told as open: the
    comments the old version answered are counted, not listed; of a meeting
    an earlier paper reported on, only the comments still to answer are
    given, not its questions nor the comments set aside then; a meeting that
    endorsed a version is said to have endorsed it.

    The comments the revision takes into account (:data:`TAKEN_FORWARD`) are
    listed as sub-points numbered under their paragraph (``3.1``, ``3.2``
    ...), whatever the minutes numbered them; each comment it does not take
    forward (rejected, noted, deferred, referred) gets a paragraph of its own
    saying so, with the officers' response. With more than one meeting
    (*names*, :func:`_meeting_names`), each list of comments says which
    meeting made it. A decision still to be taken at the meeting the paper
    goes to (*presented*; :func:`_proposed`) is told as the officers' proposal.

    Returns:
        The paragraphs, and where each comment and question is told.
    """
    earlier = earlier or _Earlier()
    paragraphs = []
    cited: dict[str, str] = {}
    told: dict[str, str] = {}
    proposed: list[str] = []
    # Who is asked to agree a proposed response: the body the paper goes to.
    body = presented.body if presented is not None else document.owner
    for meeting in reviewed:
        past = meeting.id in earlier.past
        paragraphs.append(
            Numbered(
                counter.next(),
                f"At its meeting on {long_date(meeting.date)} {named_body(meeting.body)} "
                f"{earlier.looked_at(meeting)} {document.title}.{earlier.sentence(meeting)}",
            )
        )
        questions = [] if past else meeting.comments
        for question in (c for c in questions if c.kind is CommentKind.QUESTION):
            cited[question.ref] = told[question.ref] = counter.next()
            # A member's question is owed its answer, not the body's decision: told as given.
            pending = not _members_question(question) and _proposed(
                document, meeting, question, presented
            )
            if pending and question.disposition is not Disposition.OPEN:
                proposed.append(told[question.ref])
            paragraphs.append(
                _asked(told[question.ref], question, proposed_to=body if pending else None)
            )
        remarks = [
            c
            for c in meeting.comments
            if c.kind is not CommentKind.QUESTION
            and c.ref not in earlier.answered
            # Set aside in an earlier cycle and told then; what is pending stays.
            and not (past and c.disposition not in TAKEN_FORWARD | _PENDING)
        ]
        taken = [c for c in remarks if c.disposition in TAKEN_FORWARD]
        if taken:
            number = counter.next()
            of_meeting = f" ({names[meeting.id]})" if meeting.id in names else ""
            items = []
            for k, comment in enumerate(taken, 1):
                told[comment.ref] = f"{number}.{k}"
                if comment.kind is not CommentKind.RECOMMENDATION:
                    cited[comment.ref] = told[comment.ref]
                decider = _decider(document, meeting, comment)
                pending = _proposed(document, meeting, comment, presented)
                if pending and (decider or comment.response):
                    proposed.append(told[comment.ref])
                items.append(Numbered(f"{number}.{k}", _taken_text(comment, decider, pending)))
            paragraphs.append(
                Numbered(
                    number,
                    "Officers were asked to bring back a developed position, taking "
                    f"account of {_taken_noun(taken)}{of_meeting}:",
                    tuple(items),
                )
            )
        for comment in (c for c in remarks if c.disposition not in TAKEN_FORWARD):
            told[comment.ref] = at = counter.next()
            if comment.kind is not CommentKind.RECOMMENDATION:
                cited[comment.ref] = at
            pending = _proposed(document, meeting, comment, presented)
            if pending:
                proposed.append(at)
            paragraphs.append(
                _not_taken_forward(
                    at,
                    comment,
                    also=bool(taken),
                    decider=_decider(document, meeting, comment),
                    proposed_to=body if pending else None,
                )
            )
    if not paragraphs:
        paragraphs.append(
            Numbered(
                counter.next(),
                f"{TO_BE_WRITTEN}: background (no meeting reviewed version {old.id})",
                written=False,
            )
        )
    return _Background(tuple(paragraphs), cited, told, tuple(proposed))


@attrs.frozen
class _Background:
    """A paper's background (:func:`_background`) and where it tells each comment."""

    paragraphs: tuple[Numbered, ...]
    cited: dict[str, str]
    """The paper's number for each comment and question by its ref (``sscb-2024-03/3.2`` ->
    ``3.2``), which the proposal cites; a recommendation is cited by its maker's number."""
    told: dict[str, str]
    """The paragraph telling each comment, question and recommendation, by ref: where the
    recommendations point for one the board's direction is sought on."""
    proposed: tuple[str, ...] = ()
    """The paragraphs telling a response proposed to the paper's meeting, in the paper's
    order: the recommendations ask the body to agree them."""


def _taken_noun(taken: Sequence[Comment]) -> str:
    """``members' comments``, ``the recommendations``, or both: what a list takes account of."""
    kinds = {c.kind for c in taken}
    said = []
    if CommentKind.COMMENT in kinds:
        said.append("members' comments")
    if CommentKind.RECOMMENDATION in kinds:
        said.append("the recommendations")
    return " and ".join(said) or "members' comments"


def _decider(document: Document, meeting: Meeting, comment: Comment) -> str | None:
    """The body whose decision *comment*'s disposition records, or ``None`` for officers.

    A recommendation another body made and *meeting* received (a scrutiny
    committee's, at Cabinet), or one recorded at the committee meeting where
    it was made, was decided by the body that answers it
    (:func:`answered_by`: Cabinet); anything a member said at the meeting
    itself (Cllr Jones at a board) awaits the officers' proposal.
    """
    if comment.kind is not CommentKind.RECOMMENDATION or comment.disposition not in _DECIDED:
        return None
    answerer = answered_by(document, meeting)
    if _received(comment, meeting.body) or answerer != meeting.body:
        return answerer
    return None


def _proposed(
    document: Document, meeting: Meeting, comment: Comment, presented: Meeting | None
) -> bool:
    """Whether the decision on *comment* is still to be taken at *presented*, the paper's meeting.

    So it is where it was recorded for that meeting (``Comment.proposed_for``),
    and where the body that decides it (:func:`_decider`: Cabinet) is the one
    the paper goes to and has not met on it since *meeting*: a decision dated
    before the meeting, by a body that had not met, is the officers' proposal,
    not the body's decision.
    """
    if comment.proposed_for is not None:
        return True
    decider = _decider(document, meeting, comment)
    if decider is None or presented is None or _body_key(decider) != _body_key(presented.body):
        return False
    entries = [e for e in comment.history if e.date <= presented.date]
    if entries and entries[-1].meeting is not None:
        # Recorded at a meeting: proposed only while that meeting is to come (above).
        return False
    until = entries[-1].date if entries else presented.date
    return not any(
        _body_key(m.body) == _body_key(decider)
        and m.id != presented.id
        and meeting.date <= m.date <= until
        for m in document.meetings
    )


def _taken_text(comment: Comment, decider: str | None, proposed: bool = False) -> str:
    """A comment taken into account, as the background lists it, with what became of it.

    Its text alone, as the LGA's papers list members' comments; but one with
    a response, a recommendation decided by another body (*decider*:
    Cabinet), or any comment taken forward only in part (:data:`PARTIAL`),
    is followed by a paragraph giving the decision and the response:
    ``Partially accepted by Cabinet: We accept ...``, ``Addressed: The
    section is removed.``, so that a member can see what the answer was, and
    that it was partial, where the paper says the revision answers it. A
    response to a comment still open is the officers' ``Response: ...``.
    One *proposed* to the paper's meeting (:func:`_proposed`) is worded so:
    ``Officers propose that Cabinet partially accepts it: We accept ...``,
    ``Addressed (proposed): ...``.
    """
    text = _numbered_recommendation(comment, comment.text.strip())
    partial = comment.disposition in PARTIAL
    # A recommendation the answering body decided says so, with a response or without.
    decided = comment.kind is CommentKind.RECOMMENDATION and decider
    if not partial and not decided and not comment.response:
        return text
    decision = (
        "Response"
        if comment.disposition is Disposition.OPEN
        else _capital(DISPOSITION_WORDS[comment.disposition])
    )
    if decider and proposed:
        decision = _officers_propose(comment, decider)
    elif decider:
        decision += f" by {named_body(decider)}"
    elif proposed and comment.disposition is not Disposition.OPEN:
        decision += " (proposed)"
    if comment.response:
        return f"{text}\n\n{decision}: {comment.response.strip()}"
    return f"{text}\n\n{decision}."


def _numbered_recommendation(comment: Comment, text: str) -> str:
    """``Recommendation 3: Inspect every home ...``: a recommendation under its maker's number.

    A committee numbers its recommendations, and the response and every
    later paper cite them by those numbers; so a paper that lists them under
    its own paragraph numbers (``2.1``) gives each its committee's number too,
    and cites it by that number (:func:`_background`). Other kinds are
    numbered by the paper alone, as the LGA's papers number members' comments.
    """
    if comment.kind is not CommentKind.RECOMMENDATION:
        return text
    return f"Recommendation {comment.id}: {text}"


_DECIDED = frozenset(
    (
        Disposition.ACCEPTED,
        Disposition.FULLY_ACCEPTED,
        Disposition.PARTIALLY_ACCEPTED,
        Disposition.REJECTED,
        Disposition.NOTED,
        Disposition.DEFERRED,
        Disposition.REFERRED,
    )
)
"""Dispositions that are a decision of the body that answers a recommendation (Cabinet's):
a paper says who took it, never that officers propose it."""


def answered_by(document: Document, meeting: Meeting) -> str:
    """Who decides on the recommendations recorded at *meeting*, by name: ``Cabinet``.

    The meeting's body, which received them (recommendations recorded at the
    Cabinet meeting that answered them); but where the meeting's body made
    them itself (recorded at the committee meeting where they were made:
    every recommendation that names who made it names the meeting's own
    body), the document's owner, who answers them.
    """
    makers = {
        _body_key(c.by) for c in meeting.comments if c.kind is CommentKind.RECOMMENDATION and c.by
    }
    if makers and makers == {_body_key(meeting.body)}:
        return document.owner
    return meeting.body


def _body_key(name: str) -> str:
    """A body's name compared: case and a leading "the" ignored."""
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _officers_propose(comment: Comment, decider: str) -> str:
    """``Officers propose that Cabinet partially accepts it``: a decision put to *decider*."""
    verb = PROPOSED_DECISION[comment.disposition].format(
        referred_to=named_body(comment.referred_to or "another body")
    )
    return f"Officers propose that {named_body(decider)} {verb}"


PROPOSED_DECISION = {
    Disposition.ACCEPTED: "accepts it",
    Disposition.FULLY_ACCEPTED: "fully accepts it",
    Disposition.PARTIALLY_ACCEPTED: "partially accepts it",
    Disposition.REJECTED: "does not accept it",
    Disposition.NOTED: "notes it; it calls for no change to the statement",
    Disposition.DEFERRED: "defers a decision on it",
    Disposition.REFERRED: "refers it to {referred_to}",
}
"""What a paper going to the deciding body (Cabinet) proposes it decide on a recommendation,
before it has met (:func:`_proposed`); after, :data:`DECIDED_AGAINST` and the like."""


def _not_taken_forward(
    number: str,
    comment: Comment,
    *,
    also: bool,
    decider: str | None,
    proposed_to: str | None = None,
) -> Numbered:
    """A comment the revision does not take forward, as a paragraph saying what became of it.

    ``The Overview and Scrutiny Committee also recommended: Drop the
    paragraph on volunteering. Cabinet did not accept it. <response>``: who
    made it as running text names them (:func:`named_body`), and a
    recommendation that *decider* (:func:`_decider`) rejected, noted,
    deferred or referred is said to have been its decision, not an officers' proposal; one with no
    decider still is ("Officers recommend not taking this forward"). A rejected
    comment with no response lacks the reason, which is marked to be written.
    One proposed to the paper's meeting (*proposed_to*, its body) is the
    officers' proposal to whoever decides it: ``Officers propose that Cabinet
    does not accept it``, ``Officers propose that the Board does not take this
    forward`` (:func:`_proposed_to_board`).
    """
    verb = "recommended" if comment.kind is CommentKind.RECOMMENDATION else "suggested"
    who = _capital(named_body(comment.by)) if comment.by else "Members"
    which = f" (recommendation {comment.id})" if comment.kind is CommentKind.RECOMMENDATION else ""
    said = f"{who} {'also ' if also else ''}{verb}{which}: {comment.text.strip()}"
    referred_to = named_body(comment.referred_to or "another body")
    if decider and proposed_to is not None and comment.disposition in PROPOSED_DECISION:
        outcome = _officers_propose(comment, decider)
    elif proposed_to is not None and not decider:
        outcome = _proposed_to_board(comment, proposed_to)
    elif decider and comment.disposition in DECIDED_AGAINST:
        outcome = DECIDED_AGAINST[comment.disposition].format(
            decider=_capital(named_body(decider)), referred_to=referred_to
        )
    else:
        outcome = NOT_TAKEN_FORWARD[comment.disposition].format(referred_to=referred_to)
    if comment.response:  # a response is sentences of its own
        return Numbered(number, f"{_sentence(said)} {outcome}. {comment.response.strip()}")
    if comment.disposition is Disposition.REJECTED:
        return Numbered(
            number,
            f"{_sentence(said)} {outcome}.",
            missing=f"{TO_BE_WRITTEN}: why not (the response).",
        )
    return Numbered(number, f"{_sentence(said)} {outcome}.")


def _proposed_to_board(comment: Comment, body: str) -> str:
    """What officers propose *body* does with a member's comment or a question before it meets.

    ``Officers propose that the Safer and Stronger Communities Board does not
    take this forward`` (:data:`PROPOSED_TO_BOARD`); a question answered,
    addressed or accepted has its response proposed as the answer
    (``Officers propose this answer``), which the paper's recommendations ask
    the body to agree (:func:`_paper`).
    """
    wording = PROPOSED_TO_BOARD.get(comment.disposition)
    if wording is None:
        if comment.kind is CommentKind.QUESTION and comment.response:
            return "Officers propose this answer"
        wording = (
            "Officers propose that {body} agrees this is " + DISPOSITION_WORDS[comment.disposition]
        )
    return wording.format(
        body=named_body(body), referred_to=named_body(comment.referred_to or "another body")
    )


PROPOSED_TO_BOARD = {
    Disposition.REJECTED: "Officers propose that {body} does not take this forward",
    Disposition.NOTED: (
        "Officers propose that {body} notes this; it calls for no change to the statement"
    ),
    Disposition.DEFERRED: "Officers propose that {body} defers this for further work",
    Disposition.REFERRED: "Officers propose that {body} refers this to {referred_to}",
}
"""What a paper proposes its own body (the Board) do with a member's comment or a question
it does not take forward, before the meeting (:func:`_proposed`); after, the body's own
decision stands and the paper tells it as :data:`NOT_TAKEN_FORWARD` does."""


DECIDED_AGAINST = {
    Disposition.REJECTED: "{decider} did not accept it",
    Disposition.NOTED: "{decider} noted it; it calls for no change to the statement",
    Disposition.DEFERRED: "{decider} deferred a decision on it",
    Disposition.REFERRED: "{decider} referred it to {referred_to}",
}
"""What a paper says of a recommendation its answering body (Cabinet) rejected, noted,
deferred or referred: a decision already taken, not one officers propose or a matter
waiting on members (:data:`NOT_TAKEN_FORWARD`)."""


def _the_section(title: str, which: str = "") -> str:
    """``the Family support section``: a section named in running text.

    ``the Council as employer section`` for one whose title begins with "The",
    and ``the Unicode section`` for one whose title ends in "section", which
    the sentence would otherwise double ("the The Council ...", "Unicode
    section section"). *which* tells apart sections that share a title
    (:func:`_which_sections`): ``the Energy section (former section 4)``.
    """
    words = title.split(" ", 1)
    if len(words) == 2 and words[0].casefold() == "the":
        title = words[1]
    last = title.rsplit(" ", 1)[-1]
    noun = "" if last.casefold() == "section" and last != title else " section"
    return f"the {title}{noun}" + (f" ({which})" if which else "")


def _which_sections(changes: ChangeSet) -> dict[str, str]:
    """How a paper tells apart the sections of a revision that share a title, by section id.

    Where two sections of either version have the same title (case aside),
    each of them is named with its number as well: ``section 1`` in the new
    version, ``former section 4`` for one the revision removed. Every other
    section's title says which it is, so it is not in the mapping.
    """
    old, new = changes.old.section_numbers(), changes.new.section_numbers()
    by_title: dict[str, list[SectionChange]] = {}
    for section in changes.sections:
        titles = {s.title.casefold() for s in (section.old, section.new) if s is not None}
        for title in titles:
            by_title.setdefault(title, []).append(section)
    which = {}
    for shared in by_title.values():
        for section in shared if len(shared) > 1 else ():
            if section.new is not None:
                which[section.id] = f"section {new[section.id]}"
            elif section.old_id is not None:
                which[section.id] = f"former section {old[section.old_id]}"
    return which


def _sentence(text: str) -> str:
    """*text* ending as a sentence does: a full stop added unless it has one (or ? or !)."""
    return text if text.rstrip("\u201d\u2019\"')").endswith((".", "?", "!")) else f"{text}."


def _proposal_paragraph(
    section: SectionChange,
    answered: frozenset[str] | set[str],
    names: dict[str, str],
    cited_at: dict[str, str],
    report: Report,
    number: str,
    numbers: dict[str, str],
    former: dict[str, tuple[str, str, str]],
    old_numbers: dict[str, str],
    moved_in: str = "",
    moved_out: _MovedOut = _MovedOut((), ""),
    comments: Mapping[str, Comment] | None = None,
    removals: Mapping[str, tuple[str, ...]] | None = None,
    which: str = "",
    text_moved: Sequence[str] = (),
    moved_only: Collection[str] = (),
) -> Numbered:
    """A section's paragraph in the proposal: what happened to it, the comments it answers, why.

    *moved_in* and *moved_out* say which paragraphs came from other sections
    and which left for them (:class:`Places`): a paragraph that moved is
    news to both sections, even unchanged. A section only left by a
    paragraph, its own words as they were, is "otherwise unchanged" and asks
    for no reason. The comments it answers are those its places cite and
    those the removal of it, or of its paragraphs, answers (*removals*, by
    old id: :func:`_removals`). *which* tells it from a section of the same
    title (:func:`_which_sections`). *text_moved* are the sentences saying
    which words moved between its paragraphs and others' (:func:`_text_moved`);
    the paragraphs *moved_only* changed by (:attr:`TextMoves.only`) are not
    said to have been reworded as well.
    """
    title = (section.new or section.old).title  # type: ignore[union-attr]
    the_section = _the_section(title, which)
    # A reason may be given under a section's old id, when pairing changed it.
    reason = report.reasons.get(section.id) or report.reasons.get(section.old_id or section.id)
    # An unchanged section needs no reason, but one written is shown, never dropped.
    why = f" {reason.strip()}" if reason else ""
    out = f" {_capital(moved_out.text)}." if moved_out else ""
    amendments: tuple[Amendment, ...] = ()
    if section.change in (Change.ADDED, Change.MODIFIED):
        amendments = _amendments(section, numbers, former, moved_only)
    removals = removals or {}
    if section.change is Change.ADDED:
        said = f"A new section, {title}{f' ({which})' if which else ''}, has been added."
    elif section.change is Change.REMOVED and moved_out.text.startswith("its "):
        said, out = f"{_capital(the_section)} has been removed and {moved_out.text}.", ""
    elif section.change is Change.REMOVED:
        said = f"{_capital(the_section)} has been removed."
    elif section.change is Change.UNCHANGED and moved_out:
        elsewhere = " but now stands elsewhere" if section.reordered else ""
        return Numbered(
            number,
            f"{_capital(moved_out.text)}; {the_section} is otherwise unchanged{elsewhere}.{why}",
        )
    elif section.change is Change.UNCHANGED and not section.reordered:
        return Numbered(number, f"{_capital(the_section)} remains unchanged.{why}")
    elif section.change is Change.UNCHANGED:
        return Numbered(
            number, f"{_capital(the_section)} is unchanged but now stands elsewhere.{why}"
        )
    elif _wording_unchanged(section):
        cites = _citations_only(
            section, the_section, number, answered, names, cited_at, numbers, comments or {}
        )
        return attrs.evolve(cites, text=cites.text + out + why)
    elif section.renamed and section.old is not None:
        was = _capital(_the_section(section.old.title, which))
        said = f"{was} has been renamed {title} and revised."
    else:
        said = f"{_capital(the_section)} has been revised."
    if section.change is Change.MODIFIED:
        said += _added_and_removed(section, numbers, old_numbers)
    if moved_in:
        said += f" {_capital(moved_in)}."
    said += out
    said += "".join(f" {sentence}" for sentence in text_moved)
    # "Paragraph 1.4 has moved here ... Paragraph 1.4 is now ...": the second is "It".
    one = moved_in.startswith("paragraph ") and moved_in.count("paragraph") == 1
    subject = f"Paragraph {moved_in.split()[1]} " if one else None
    for k, amendment in enumerate(amendments):
        text = amendment.text
        if k == 0 and not out and subject and text.startswith(subject):
            text = "It " + text.removeprefix(subject)
        said += f" {text}"
    said += _answers_by_place(
        section, answered, removals, numbers, old_numbers, names, cited_at, comments or {}
    )
    if reason:
        return Numbered(number, f"{said} {reason.strip()}", amendments=amendments)
    became = _WHAT_BECAME.get(section.change, "changed")
    return Numbered(
        number,
        said,
        missing=f"{TO_BE_WRITTEN}: why {the_section} {became}.",
        amendments=amendments,
    )


def _answers_by_place(
    section: SectionChange,
    answered: frozenset[str] | set[str],
    removals: Mapping[str, tuple[str, ...]],
    numbers: dict[str, str],
    old_numbers: dict[str, str],
    names: dict[str, str],
    cited_at: dict[str, str],
    comments: Mapping[str, Comment],
) -> str:
    """The comments a revised section now answers, each after the paragraph that cites it.

    ``Paragraph 1.2 answers question 4 and paragraph 1.3 answers members'
    comment 5.1.``, with its leading space. A bare "It answers" after a
    sentence about one paragraph reads as that paragraph's answer, so it is
    written only of a section added or removed whole; what a revised section
    cites itself, "The section answers". Paragraphs citing the same
    comments are named together.
    """
    places: dict[frozenset[str], list[str]] = {}
    # What the section itself cites is the section's answer, not repeated for its paragraphs.
    own = set(section.new.addresses if section.new else ())
    own |= set(removals.get(section.old_id or "", ()) if section.new is None else ())

    def cite(where: str, refs: Iterable[str]) -> None:
        mine = frozenset(refs) & answered - (own if where else set())
        if mine:
            places.setdefault(mine, []).append(where)

    whole = section.change in (Change.ADDED, Change.REMOVED)
    cite("", own)
    for st in section.statements:
        if st.new is not None:
            cite("" if whole else numbers.get(st.id, ""), st.new.addresses)
        elif st.change is Change.REMOVED:
            was = old_numbers.get(st.old_id or "", "")
            cite("" if whole or not was else f"-{was}", removals.get(st.old_id or "", ()))
    if not places:
        return ""
    if whole:
        refs = {r for mine in places for r in mine}
        return f" It {_answers_said(refs, names, cited_at, comments)}."
    return "".join(
        f" {_capital(_places_answer(wheres, _answers_said(mine, names, cited_at, comments)))}."
        for mine, wheres in places.items()
    )


def _places_answer(wheres: Sequence[str], answers: str) -> str:
    """``paragraphs 1.2 and 1.3 answer ...``: *answers* (``answers ...``) said of its places.

    A place is a paragraph's number, ``-`` and a former paragraph's number for
    one whose removal answers, or empty for the section itself.
    """
    paragraphs = [w for w in wheres if w and not w.startswith("-")]
    gone = [w[1:] for w in wheres if w.startswith("-")]
    named = [paragraphs_named(paragraphs)] if paragraphs else []
    named += [f"removing former {paragraphs_named(gone)}"] if gone else []
    named += ["the section"] if "" in wheres else []
    if len(paragraphs) > 1 or len(named) > 1:
        # "answers" and "partly answers" are said of more than one place.
        answers = re.sub(r"\banswers\b", "answer", answers)
    return f"{_and(named)} {answers}"


_WHAT_BECAME = {Change.ADDED: "was added", Change.REMOVED: "was removed"}
"""What the reason still to be written for a section explains, by its change: a new section
was added, not changed."""


_UNSEEN_FIELDS = frozenset(("id", "addresses", "tags", "note"))
"""Fields a member does not read in the statement itself: a change to them alone leaves the
wording as it was."""


def _wording_unchanged(section: SectionChange) -> bool:
    """Whether a changed section reads as it did: citations, tags, notes, ids, spacing aside.

    Its title, introduction, place and every paragraph's words, kind and
    place are as they were; nothing was added or removed, nothing moved in
    from another section nor within it.
    """
    if section.change is not Change.MODIFIED or section.renamed or section.reordered:
        return False
    if any(f.name not in _UNSEEN_FIELDS for f in section.fields):
        return False
    return all(
        (st.change is Change.UNCHANGED and not st.moved and not st.reordered)
        or (
            st.change is Change.MODIFIED
            and not st.reworded  # false for a change of white space alone
            and not st.moved
            and not st.reordered
            and all(f.name in _UNSEEN_FIELDS for f in st.fields)
        )
        for st in section.statements
    )


def _citations_only(
    section: SectionChange,
    the_section: str,
    number: str,
    answered: frozenset[str] | set[str],
    names: dict[str, str],
    cited_at: dict[str, str],
    numbers: dict[str, str],
    comments: Mapping[str, Comment],
) -> Numbered:
    """A section whose wording is unchanged but which now cites comments: which, and where.

    ``The wording of the General section is unchanged; paragraph 1.1 now
    answers members' comment 6.1.`` No reason is asked for: there is no
    change of wording to explain.
    """
    places: list[tuple[str, set[str]]] = []
    if section.new is not None and (mine := set(section.new.addresses) & answered):
        places.append(("the section", mine))
    for st in section.statements:
        if st.new is not None and st.id in numbers and (mine := set(st.new.addresses) & answered):
            places.append((f"paragraph {numbers[st.id]}", mine))
    said = f"The wording of {the_section} is unchanged"
    if not places:
        return Numbered(number, f"{said}.")
    clauses = [
        f"{where} now {_answers_said(refs, names, cited_at, comments)}" for where, refs in places
    ]
    return Numbered(number, f"{said}; {_and(clauses)}.")


def _added_and_removed(
    section: SectionChange, numbers: dict[str, str], old_numbers: dict[str, str]
) -> str:
    """A revised section's paragraphs added and removed, as a sentence.

    `` Paragraph 3.2 is new and former paragraph 2.3 (“Government should fund
    supported housing …”) has been removed.``, with its leading space: added
    ones numbered as the annex numbers them, removed ones as the old version
    did, with their opening words, as the annex no longer holds them; empty
    when none was added or removed.

    A removed paragraph merged into another is said to be merged, not removed;
    an added one split out of another is said to be split out of it (``Paragraph
    1.2 has been split out of paragraph 1.1``), not new. Where the whole's
    number changed, its old one is given too, so that an old number and a new
    one never read as the same paragraph: ``split out of former paragraph 1.1
    (now 1.3)``, ``former paragraphs 1.2 and 1.3 have been merged into
    paragraph 1.3``.
    """
    kept = {s.old_id: s.id for s in section.statements if s.old_id and s.new is not None}
    added, split = [], []
    for st in section.statements:
        if st.change is not Change.ADDED:
            continue
        whole = st.split_from
        if whole is not None and whole in old_numbers:
            now = numbers.get(kept.get(whole, ""))
            if now == old_numbers[whole]:
                came = f"paragraph {now}"
            elif now is not None:
                came = f"former paragraph {old_numbers[whole]} (now {now})"
            else:
                came = f"former paragraph {old_numbers[whole]}"
            split.append((numbers[st.id], came))
        else:
            added.append(numbers[st.id])
    removed = []
    merged: dict[str, list[str]] = {}  # the whole's new number -> the parts' old numbers
    for st in section.statements:
        if st.change is not Change.REMOVED or st.old_id not in old_numbers:
            continue
        if st.merged_into is not None and st.merged_into in numbers:
            merged.setdefault(numbers[st.merged_into], []).append(old_numbers[st.old_id])
        elif st.old is not None:
            removed.append(f"{old_numbers[st.old_id]} (“{_opening(st.old.text)}”)")
    wholes = {
        numbers[s.id]: old_numbers.get(s.old_id or "")
        for s in section.statements
        if s.id in numbers and s.new is not None
    }
    clauses = []
    if added:
        clauses.append(
            f"{_capital(paragraphs_named(added))} {'is' if len(added) == 1 else 'are'} new"
        )
    if removed:
        verb = "has" if len(removed) == 1 else "have"
        clauses.append(f"former {paragraphs_named(removed)} {verb} been removed")
    for part, came in split:
        clauses.append(f"paragraph {part} has been split out of {came}")
    for into, parts in merged.items():
        was = wholes.get(into)
        if was is not None and was != into:
            # Named together with the whole's old number: "former 1.3 into 1.3" misleads.
            together = sorted([was, *parts], key=_number_key)
            clauses.append(
                f"former {paragraphs_named(together)} have been merged into paragraph {into}"
            )
        else:
            verb = "has" if len(parts) == 1 else "have"
            clauses.append(
                f"former {paragraphs_named(parts)} {verb} been merged into paragraph {into}"
            )
    if not clauses:
        return ""
    return f" {_capital(_and(clauses))}."


def _text_moved(
    section: SectionChange, moves: TextMoves, numbers: dict[str, str], formerly: dict[str, str]
) -> list[str]:
    """A sentence for each text moved out of or into a section's paragraphs, quoting its opening.

    ``The sentence beginning “A settled home is one of the strongest
    protections against …”, formerly in paragraph 2.1, now stands in
    paragraph 1.1.`` Each move once, though both its paragraphs stand in the
    section; told in both sections where they stand in two, each being news
    to its own. *numbers* are the new version's, *formerly* the old
    version's, both by (new) statement id. A paragraph renumbered since is
    named by both numbers
    (``formerly in paragraph 2.1 (now 2.3)``), as :func:`_added_and_removed`
    names a whole, so that the old number is not read as the new.
    """
    said: dict[tuple[str, str], str] = {}
    for st in section.statements:
        for source, target, text in moves.moved(st):
            if (source, target) in said or not text or not {source, target} <= numbers.keys():
                continue
            now, was = numbers[source], formerly.get(source, numbers[source])
            where = f"paragraph {now}" if was == now else f"paragraph {was} (now {now})"
            said[source, target] = (
                f"{_moved_words(text)}, formerly in {where}, "
                f"{'now stands' if _one_sentence(text) else 'now stand'} in paragraph "
                f"{numbers[target]}."
            )
    return list(said.values())


def _moved_words(text: Sequence[str]) -> str:
    """``The sentence beginning “A settled home is one of …”``, ``The words “…” and “…”``."""
    quoted = [f"“{_opening(t)}”" for t in text]
    if _one_sentence(text):
        begins = "beginning " if quoted[0].endswith("…”") else ""
        return f"The sentence {begins}{quoted[0]}"
    return f"The words {_and(quoted)}"


def _one_sentence(text: Sequence[str]) -> bool:
    """Whether *text* is one stretch that reads as a sentence: a capital, a full stop."""
    return (
        len(text) == 1
        and text[0][:1].isupper()
        and text[0].rstrip("\u201d\u2019\"')").endswith((".", "?", "!"))
    )


def _number_key(number: str) -> tuple[int, ...]:
    """``2.10`` after ``2.9``: a paragraph number as the numbers it is made of."""
    return tuple(int(n) if n.isdigit() else 0 for n in number.split("."))


_OPENING_WORDS = 10
"""How many words of a removed paragraph the board paper quotes to say which it was."""


def _opening(text: str, words: int = _OPENING_WORDS) -> str:
    """The first *words* words of Markdown *text*, ``…`` after them if it goes on.

    Emphasis, links and code are read as their words, as the renderers read
    them (a cut could leave half a construct); each output format then
    escapes the words as it escapes all user text. A full stop ending the
    quote is dropped: the sentence quoting it goes on.
    """
    from markdown_it import MarkdownIt

    inline = []
    for token in MarkdownIt("commonmark", {"html": False}).parse(text):  # as render reads it
        for child in token.children or ():
            if child.type in ("text", "code_inline", "html_inline"):
                inline.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                inline.append(" ")
        inline.append(" ")
    split = "".join(inline).split()
    shown = " ".join(split[:words])
    return shown.rstrip(".,;:") + " …" if len(split) > words else shown.rstrip(".")


def _implications(report: Report) -> list[tuple[str, str | None]]:
    """Wales, financial and equalities first (the LGA's three), then any others in order.

    One of the three that the report leaves out (``leave_out``: a council's
    papers have no implications for Wales) is not shown unless it is written.
    """
    given = {h.heading.casefold(): h.text for h in report.implications}
    standard = [
        heading
        for name, heading in STANDARD_PARTS.items()
        if name != "plan_theme" and (name not in report.leave_out or heading.casefold() in given)
    ]
    found: list[tuple[str, str | None]] = [(h, given.pop(h.casefold(), None)) for h in standard]
    found += [(h.heading, h.text) for h in report.implications if h.heading.casefold() in given]
    return found


def _default_summary(
    document: Document,
    reviewed: Sequence[Meeting],
    answered: set[str],
    label: str,
    earlier: _Earlier,
) -> str:
    """What each meeting reported on did and how many of its comments the new version answers.

    Counted meeting by meeting: a comment answered is counted against the
    meeting it was made at, never another's. Comments and recommendations
    are what a version answers; questions (FORMAT.md's third kind of
    comment) are counted apart, as questions considered, and never among
    what the version answers: the background gives their answers. Those the
    old version answered already (*earlier*) are said to have been, and are
    not counted again: the revision answers some "of the other" ones.
    """
    if not reviewed:
        return f"This paper brings the revised statement ({label}) to {named_body(document.owner)}."
    said = []
    answers = []
    for i, meeting in enumerate(reviewed):
        remarks = [c for c in meeting.comments if c.kind is not CommentKind.QUESTION]
        asked = len(meeting.comments) - len(remarks)
        before = len(earlier.answered_of(meeting))
        open_ = [c for c in remarks if c.ref not in earlier.answered]
        mine, part = _answers_counted(open_, answered)
        who = named_body(meeting.body) if i == 0 or meeting.body != reviewed[i - 1].body else "it"
        of = f" of {document.title}" if i == 0 else ""
        if meeting.id in earlier.endorsed:
            looked_at = f"endorsed version {earlier.endorsed[meeting.id]}{of}"
        elif meeting.reviews:
            looked_at = f"reviewed version {meeting.reviews}{of}"
        else:
            looked_at = f"discussed {document.title if i == 0 else 'it'}"
        did = _what_it_did(remarks, asked, quiet=meeting.id in earlier.endorsed, at=meeting.body)
        said.append(f"At its meeting on {long_date(meeting.date)} {who} {looked_at}{did}.")
        if before:
            said[-1] += earlier.sentence(meeting)
        if open_:
            # A committee's recommendations were considered at this meeting, not made there.
            received = all(_received(c, meeting.body) for c in open_)
            answers.append(_Tally(meeting, open_, mine, part, bool(before), considered=received))
    closing = "."
    if len(reviewed) == 1 and answers:
        one = answers[0]
        if len(one.remarks) == 1:
            it = "the other one" if one.other else "it"
            closing = (
                f", which answers {it} in part."
                if one.part
                else f", which {'answers' if one.mine else 'does not answer'} {it}."
            )
        else:
            the = "the other" if one.other else "the"
            whole = f"{the} {len(one.remarks)} {_noun(one.remarks)}"
            counted = _how_many(one.mine, one.part, whole)
            closing = f", which answers {counted}."
    elif answers:
        counts = [
            # One is named by its kind: "the one made on ..." would leave "one" dangling.
            (
                f"the {'other ' if t.other else ''}{t.counted()}" + (" in part" if t.part else "")
                if t.mine or t.part
                else f"not the {'other ' if t.other else ''}{t.counted()}"
            )
            if len(t.remarks) == 1
            else _how_many(t.mine, t.part, f"the {'other ' * t.other}{t.counted()}")
            for t in answers
        ]
        # "1 of the 7 ... in full and 2 in part" holds an "and": a comma ends it.
        closing = f", which answers {_and_clauses(counts)}."
    return f"{' '.join(said)} This paper brings back the revised statement ({label}){closing}"


_ANSWERS = frozenset(
    (Disposition.ADDRESSED, Disposition.ACCEPTED, Disposition.FULLY_ACCEPTED, Disposition.ANSWERED)
)
"""Dispositions that record a comment or recommendation answered in full."""


def _answered_as(comment: Comment, cited: Collection[str]) -> str | None:
    """Whether a paper counts *comment* answered: ``"full"``, ``"part"`` or ``None``.

    The background lists each comment taken forward with its decision
    (``Accepted by Cabinet``, ``Partly addressed``, ``Answered``), and the
    summary counts what was answered from this one rule, so that the two
    never disagree: a recommendation Cabinet accepted is answered whether or
    not a paragraph cites it (the acceptance is the answer, FORMAT.md says);
    one accepted in part is answered in part. A comment ``addressed`` or
    ``partially-addressed`` is reflected in some version: this revision
    answers it (in part) only where it cites it anew (*cited*), not where a
    later version does; so is one still ``open`` that it cites, as the
    proposal says (``validate`` warns of it).
    """
    reflected = comment.disposition.needs_citation or comment.disposition is Disposition.OPEN
    if reflected and comment.ref not in cited:  # this revision answers it only where it cites it
        return None
    if comment.disposition in PARTIAL:
        return "part"
    if comment.disposition in _ANSWERS or comment.disposition is Disposition.OPEN:
        return "full"
    return None


def _answers_counted(remarks: Sequence[Comment], cited: Collection[str]) -> tuple[int, int]:
    """How many of *remarks* are answered in full, and how many in part (:func:`_answered_as`)."""
    how = [_answered_as(c, cited) for c in remarks]
    return how.count("full"), how.count("part")


def _what_it_did(
    remarks: Sequence[Comment], asked: int, *, quiet: bool = False, at: str = ""
) -> str:
    """What a meeting did, to follow what it looked at: `` and made 2 comments``.

    ``, made 2 comments and considered 1 question`` (one "and" to a list);
    ``, made 2 comments and 1 recommendation, and considered 1 question``;
    `` and made no comments``, or nothing when *quiet* (a meeting that
    endorsed a version did something: it need not be said to have said
    nothing). Recommendations that another body made and the meeting (whose
    body is *at*) received are considered, not made: `` and considered 11
    recommendations of the Housing Overview and Scrutiny Committee``.
    """
    received = [c for c in remarks if _received(c, at)]
    made = [c for c in remarks if c not in received]
    did = []
    if made:
        did.append(f"made {_remarks(made)}")
    if received:
        makers = _and([named_body(b) for b in dict.fromkeys(c.by or "" for c in received)])
        did.append(f"considered {_remarks(received)} of {makers}")
    if asked:
        did.append(f"considered {_count(asked, 'question')}")
    if not did:
        return "" if quiet else " and made no comments"
    if len(did) == 1:
        return f" and {did[0]}"
    return f", {_and_clauses(did)}"


def _received(comment: Comment, at: str) -> bool:
    """Whether a meeting of the body *at* received *comment* rather than made it.

    A recommendation from a body (a name read with "the": a committee, a
    panel) other than the meeting's own; one a person made at the meeting
    (``Cllr Jones``) was made there.
    """
    return (
        comment.kind is CommentKind.RECOMMENDATION
        and bool(at)
        and comment.by is not None
        and named_body(comment.by).startswith("the ")
        and _body_key(comment.by) != _body_key(at)
    )


@attrs.frozen
class _Tally:
    """A meeting's comments still to answer, as a summary counts them (:func:`_default_summary`)."""

    meeting: Meeting
    remarks: Sequence[Comment]
    """Its comments and recommendations the old version had not answered."""
    mine: int
    """How many of *remarks* the revision answers in full."""
    part: int
    """How many it answers in part."""
    other: bool
    """Whether the old version answered others of the meeting's: these are "the other" ones."""
    considered: bool = attrs.field(kw_only=True)
    """Whether the meeting considered *remarks* (a committee's recommendations it
    received) rather than made them."""

    def counted(self) -> str:
        """``9 made on 12 March 2025``, ``recommendation considered on 18 March 2025``."""
        on = long_date(self.meeting.date)
        counted = _counted(self.remarks, considered=self.considered)
        return f"{counted} {'considered' if self.considered else 'made'} on {on}"


def _counted(remarks: Sequence[Comment], *, considered: bool) -> str:
    """How a paper counts what a meeting's *remarks* were: ``comment``, ``9`` (``the 9 made on``).

    One is named by its kind (``the comment made on``): "the one made on"
    would leave "one" dangling. ``9 recommendations`` where they were
    *considered*, not made, at the meeting: the noun says what was considered.
    """
    if len(remarks) == 1:
        return _noun(remarks).removesuffix("s")
    return f"{len(remarks)} {_noun(remarks)}" if considered else str(len(remarks))


def _noun(remarks: Sequence[Comment]) -> str:
    """``comments``, ``recommendations`` or ``comments and recommendations``: what *remarks* are."""
    kinds = {c.kind for c in remarks}
    if CommentKind.COMMENT in kinds and CommentKind.RECOMMENDATION in kinds:
        return "comments and recommendations"
    return "recommendations" if CommentKind.RECOMMENDATION in kinds else "comments"


def _how_many(whole: int, part: int, of: str) -> str:
    """``3 of the 11 recommendations in full and 2 in part``: what a version answers of *of*.

    Those answered only in part (:data:`PARTIAL`) are counted apart, never among
    the answered: ``none of ...``, ``2 of ... in part``.
    """
    if not part:
        return f"{whole or 'none'} of {of}"
    if not whole:
        return f"{part} of {of} in part"
    return f"{whole} of {of} in full and {part} in part"


def _remarks(remarks: Sequence[Comment]) -> str:
    """``3 comments``, ``1 recommendation``, ``2 comments and 1 recommendation``."""
    recommendations = sum(1 for c in remarks if c.kind is CommentKind.RECOMMENDATION)
    comments = len(remarks) - recommendations
    return _and(
        [
            *([_count(comments, "comment")] if comments else []),
            *([_count(recommendations, "recommendation")] if recommendations else []),
        ]
    )


def paragraphs_named(numbers: Sequence[str]) -> str:
    """``paragraph 2.1``, ``paragraphs 2.1 and 2.2``: paragraphs named by their numbers."""
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


def _numbered(number: str, text: str | None, missing: str) -> Numbered:
    return (
        Numbered(number, text, written=True) if text else Numbered(number, missing, written=False)
    )


def _missing(heading: str) -> str:
    """``To be written: implications for Wales``: the heading lowered only where it starts."""
    return f"{TO_BE_WRITTEN}: {heading[:1].lower()}{heading[1:]}"


def _part(text: str | None, heading: str) -> Part:
    if text:
        return Part(heading, text, True)
    return Part(heading, _missing(heading), False)


# --- the board paper for a new statement ------------------------------------------


def _check_reasons(report: Report | None, new: Version, old: Version | None) -> None:
    """Refuse a report whose ``reasons`` name a section the paper does not have.

    Raises:
        LoadError: one problem per such reason (:func:`policypos.validate.report_problems`).
    """
    if report is not None:
        from policypos.validate import report_problems

        problems = report_problems(report, new, old)
        if problems:
            raise LoadError(problems)


def new_statement_paper(
    document: Document,
    version: Version,
    report: Report | None = None,
    *,
    as_of: dt.date | None = None,
) -> BoardPaper:
    """The paper that brings a new statement (*version*, with nothing before it) to its board.

    The same parts as :func:`board_paper`, said of a statement that revises
    nothing: the proposal says the whole statement is new and lists its
    sections, then gives a paragraph per section (which comments it answers,
    and why the statement needs it, from the report's ``reasons``); the
    background is the officers' (the report's ``background``) and then the
    meetings that discussed the subject before there was a statement (those
    that reviewed no version), reviewed this draft, or made comments it
    answers; "To be written" when there is neither. The meeting the version
    is ``proposed`` for (its ``meeting``) gives the paper its body, date and,
    with no report title, its title (the agenda item).

    Args:
        document: the document (its title, owner and meetings).
        version: the new statement, normally a draft or proposed version.
        report: the officers' parts (``reports/<version>.yaml``), if any.
        as_of: the day the comments are read as of; by default that of the
            meeting the paper goes to (:meth:`Document.read_for`).

    Raises:
        LoadError: *report*'s ``reasons`` name a section *version* does not
            have: such a reason would be left out of the paper without a word.
        NotFoundError: *version* is another document's
            (:func:`policypos.diff.check_of_document`).
    """
    check_of_document(document, version)
    _check_reasons(report, version, None)
    read, day = document.read_for(version, as_of=as_of)
    stood = _as_it_stood(document, version, day, before_meeting=as_of is None)
    document = _known_then(read, version, day)
    report = report or Report(version.id)
    label = report.annex or "Annex 1"
    presented = _meeting_or_none(document, version.meeting)
    cited = {ref for section in version.sections for ref in section.addresses}
    cited |= {
        ref for section in version.sections for st in section.statements for ref in st.addresses
    }
    answering = {ref.partition("/")[0] for ref in cited}
    # Never the meeting the paper goes to, nor one after it (or, for a
    # statement endorsed without naming its meeting, after it came into force).
    until = presented.date if presented is not None else document.endorsed_on(version)
    reviewed = sorted(
        (
            m
            for m in document.meetings
            if (m.reviews in (None, version.id) or m.id in answering)
            and (presented is None or m.id != presented.id)
            and (until is None or m.date <= until)
        ),
        key=lambda m: m.date,
    )
    names = _meeting_names(reviewed)
    questions = _questions(presented, reviewed, cited)
    counter = _Counter()
    background: list[Numbered] = []
    cited_at: dict[str, str] = {}
    told: dict[str, str] = {}
    proposed: tuple[str, ...] = ()
    if report.background:
        background.append(Numbered(counter.next(), report.background))
    if reviewed:
        recital = _background(
            document, version, reviewed, counter, names, presented=document.to_come(presented)
        )
        background.extend(recital.paragraphs)
        cited_at, told, proposed = recital.cited, recital.told, recital.proposed
    if not background:
        background.append(
            Numbered(
                counter.next(),
                f"{TO_BE_WRITTEN}: background (why {named_body(document.owner)} needs this "
                "statement; "
                "no meeting has discussed it yet)",
                written=False,
            )
        )
    # As in board_paper: the opening paragraph and one a section, then the closing questions.
    cited_at = _closing_numbers(cited_at, questions, told, counter.last + 1 + len(version.sections))
    titles = [section.title for section in version.sections]
    sections_said = (
        f" Its {_count(len(titles), 'section')} {'is' if len(titles) == 1 else 'are'} "
        f"{_and([f'“{t}”' for t in titles])}."
        if titles
        else ""
    )
    proposal = [
        Numbered(
            counter.next(),
            f"The proposed statement, version {version.id} of {document.title}, is set out in "
            f"{label}. It is a new statement with no earlier version, so all of it is new."
            f"{sections_said}",
        )
    ]
    numbers = version.paragraph_numbers()
    for n, section in enumerate(version.sections, 1):
        held = [numbers[st.id] for st in section.statements]
        if not held:
            span = "no numbered paragraphs"
        elif len(held) < 3:
            span = paragraphs_named(held)
        else:
            span = f"paragraphs {held[0]} to {held[-1]}"
        said = f"Section {n}, {section.title} ({span}), is new."
        refs = set(section.addresses) | {r for st in section.statements for r in st.addresses}
        if refs:
            said += f" It {_answers_said(refs, names, cited_at, _comments_of(document))}."
        reason = report.reasons.get(section.id)
        if reason:
            proposal.append(Numbered(counter.next(), f"{said} {reason.strip()}"))
        else:
            proposal.append(
                Numbered(
                    counter.next(),
                    said,
                    missing=f"{TO_BE_WRITTEN}: why the statement needs "
                    f"{_the_section(section.title)}.",
                )
            )
    body = presented.body if presented else document.owner
    summary = report.summary or _new_statement_summary(document, reviewed, cited, label, body)
    return _paper(
        document, stood, report, presented, summary, tuple(background), proposal, questions,
        counter, label=label, statement="the new statement", numbers=cited_at, told=told,
        reviewed=reviewed, proposed=proposed,
    )  # fmt: skip


def _new_statement_summary(
    document: Document, reviewed: Sequence[Meeting], cited: set[str], label: str, body: str
) -> str:
    """What the meetings before it did, and that the paper brings a first statement.

    Counted as :func:`_default_summary` counts: comments and recommendations
    are what the statement answers; questions are counted apart, as
    questions considered.
    """
    if not reviewed:
        return (
            f"This paper brings {named_body(body)} a new statement, {document.title} ({label}). "
            "There is no earlier statement on the subject to revise."
        )
    said = []
    made: list[Comment] = []
    for i, meeting in enumerate(reviewed):
        remarks = [c for c in meeting.comments if c.kind is not CommentKind.QUESTION]
        asked = len(meeting.comments) - len(remarks)
        made += remarks
        subject = document.title if i == 0 else "it"
        looked_at = (
            f"reviewed version {meeting.reviews} of {subject}"
            if meeting.reviews
            else f"discussed {subject}"
        )
        said.append(
            f"At its meeting on {long_date(meeting.date)} {named_body(meeting.body)} "
            f"{looked_at}{_what_it_did(remarks, asked)}."
        )
    answers, part = _answers_counted(made, cited)
    if not made:
        closing = "."
    elif len(made) == 1:
        closing = (
            ", which answers it in part."
            if part
            else f", which {'answers' if answers else 'does not answer'} it."
        )
    else:
        closing = f", which answers {_how_many(answers, part, 'them')}."
    return f"{' '.join(said)} This paper brings a new statement ({label}){closing}"


# --- the response to recommendations ------------------------------------------------


@attrs.frozen
class RespondedRecommendation:
    """One recommendation in a response: its number, text, disposition sentence and response."""

    number: str
    text: str
    disposition: str
    """The sentence (:func:`disposition_sentence`)."""
    response: Part
    by: str | None = None
    """Who made it, where the response names each maker (recommendations from more than one
    body); else ``None``, the introduction having named them."""


@attrs.frozen
class ResponseSection:
    """A numbered section an officer wrote: alignment with priorities, significant implications."""

    title: str
    parts: tuple[Heading, ...]
    written: bool = True
    """False when the report file has none: one part saying "To be written: ..."."""


NO_RECOMMENDATIONS = (
    "No recommendations were made at this meeting, so there are none to respond to."
)
"""What section 2 of a response says for a meeting that made no recommendations."""


@attrs.frozen
class Response:
    """The response to a committee's recommendations, as a Cabinet appendix lays it out."""

    reference: str | None
    """``Appendix 2, Agenda Item No. 4 c) ii.``, from the report file."""
    title: str
    body: str
    date: dt.date | None
    """The date of the meeting it goes to: the report's ``date``, else the meeting's where that
    is the meeting of the body that answers; ``None`` (to be written) where the
    recommendations were recorded at the committee meeting that made them."""
    facts: tuple[tuple[str, str], ...]
    """The front table's other rows: From, Electoral division(s), Forward Plan ref, Key decision."""
    purpose: Part
    recommendation: Part
    contacts: tuple[Contact, ...]
    background: Part
    by: str | None
    """Who made the recommendations (the committee); ``None`` where more than one body did
    (each recommendation's ``by`` names its own) or none is named."""
    recommendations: tuple[RespondedRecommendation, ...]
    sections: tuple[ResponseSection, ...]
    sources: tuple[Heading, ...]
    introduction: str = ""
    """Section 2's opening sentence: ``The recommendations of the Overview and Scrutiny
    Committee are set out below ...``, naming who made them as :func:`named_body` does
    (every body, where more than one did)."""
    unwritten: frozenset[str] = frozenset()
    """The labels of the front table's rows still to be written (``Date``, ``From`` ...): each
    format marks their cells as it marks every other part still to be written."""

    @property
    def front(self) -> tuple[tuple[str, str], ...]:
        """The front table's rows, ``(label, value)``: To, Date, then :attr:`facts`.

        Every format writes the same rows from here; a row in :attr:`unwritten`
        holds :data:`TO_BE_WRITTEN`.
        """
        date = long_date(self.date) if self.date else TO_BE_WRITTEN
        return (("To", self.body), ("Date", date), *self.facts)

    @property
    def contact_columns(self) -> tuple[tuple[str, str], ...]:
        """The contacts table's columns after the role: ``(heading, Contact attribute)`` pairs.

        Name always; Post, Email and Telephone only where some contact has one, so
        that a column nobody fills does not take a share of the page's width.
        """
        return tuple(
            (heading, name)
            for heading, name in _CONTACT_COLUMNS
            if name == "name" or any(getattr(c, name) for c in self.contacts)
        )


_CONTACT_COLUMNS = (
    ("Name", "name"),
    ("Post", "position"),
    ("Email", "email"),
    ("Telephone", "phone"),
)


def meeting_answered(document: Document, meeting: str | None = None) -> Meeting:
    """The meeting a response answers: *meeting*, else the newest holding a recommendation.

    Raises:
        NotFoundError: no such meeting, or no meeting of the document holds a recommendation.
    """
    from policypos.errors import NotFoundError

    if meeting is not None:
        return document.meeting(meeting)
    holding = [
        m
        for m in document.meetings
        if any(c.kind is CommentKind.RECOMMENDATION for c in m.comments)
    ]
    if not holding:
        raise NotFoundError("meeting with recommendations", document.id)
    return holding[-1]


def response(
    document: Document,
    meeting: str | None = None,
    report: Report | None = None,
    *,
    as_of: dt.date | None = None,
) -> Response:
    """The response to the recommendations made at *meeting* (default: the newest with any).

    Each recommendation comes with the sentence its disposition gives
    ("This recommendation is partially accepted.") and the response. The
    front table, purpose, contacts, background, priorities, implications and
    source documents come from *report* (``reports/<meeting>.yaml``).
    Dispositions are as they stand now, or at the end of the day *as_of*;
    one recorded for a meeting not held by then (today, or *as_of*: the
    meeting's own day counts as before it) is the officers' proposal to it,
    and its sentence says so (:func:`disposition_sentence`).

    Raises:
        NotFoundError: no such meeting, or no meeting of the document holds a recommendation.
    """
    document = document.as_of(as_of)
    chosen = meeting_answered(document, meeting)
    report = report or Report(chosen.id)
    recommendations = [c for c in chosen.comments if c.kind is CommentKind.RECOMMENDATION]
    # Who answers: the report's "to", else Cabinet whichever meeting they were recorded at.
    to = report.to or answered_by(document, chosen)
    # The front table's rows are all expected: a missing one says so.
    given = (
        ("From", report.author),
        ("Electoral division(s)", report.electoral_divisions),
        ("Forward Plan ref", report.forward_plan),
        (
            "Key decision",
            None if report.key_decision is None else "Yes" if report.key_decision else "No",
        ),
    )
    facts = [(label, value if value is not None else TO_BE_WRITTEN) for label, value in given]
    date = report.date or (
        chosen.date if to == chosen.body else _answering_date(document, chosen, to)
    )
    default_recommendation = (
        f"{_capital(named_body(to))} is asked to: (a) consider and comment on the "
        "findings and recommendations; (b) consider and agree the responses to the recommendations "
        "set out in section 2."
    )
    sections = [
        ResponseSection(title, given or (Heading(title, _missing(title)),), bool(given))
        for title, given in (
            ("Alignment with priorities", report.priorities),
            ("Significant implications", report.implications),
        )
    ]
    makers = list(dict.fromkeys(c.by for c in recommendations if c.by))
    # One maker for all: the introduction names it. Several, or some unnamed:
    # each recommendation names its own, and the introduction names them all.
    by = makers[0] if len(makers) == 1 and all(c.by for c in recommendations) else None
    return Response(
        report.reference,
        report.title or _response_title(chosen.item or document.title, to),
        to,
        date,
        tuple(facts),
        _part(report.purpose, "Purpose"),
        Part("Recommendation", report.recommendation or default_recommendation, True),
        report.contacts,
        _part(report.background, "Background"),
        by,
        tuple(
            RespondedRecommendation(
                c.id,
                c.text,
                disposition_sentence(c),
                _part(c.response, f"Response to recommendation {c.id}"),
                None if by or not makers else c.by,
            )
            for c in recommendations
        ),
        tuple(sections),
        report.sources,
        _introduction(recommendations, makers),
        frozenset(label for label, value in (("Date", date), *given) if value is None),
    )


def _answering_date(document: Document, chosen: Meeting, to: str) -> dt.date | None:
    """The day *to* (Cabinet) meets on the recommendations made at *chosen*, where the data says.

    The first meeting of *to*'s body, on or after *chosen*, that their
    dispositions were recorded for (``comment set --meeting``) or that a
    version was proposed to: the response goes with that paper. ``None``
    (to be written) where there is none.
    """
    named = {e.meeting for c in chosen.comments for e in c.history if e.meeting}
    named |= {v.meeting for v in document.versions if v.meeting}
    days = [
        m.date
        for m in document.meetings
        if m.id in named and _body_key(m.body) == _body_key(to) and m.date >= chosen.date
    ]
    return min(days, default=None)


def _introduction(recommendations: Sequence[Comment], makers: Sequence[str]) -> str:
    """Section 2's opening sentence, naming whoever made the recommendations.

    ``The recommendations of the Housing Committee are set out below ...``;
    with more than one maker, all of them, in the order they first appear
    (``... of Cllr Jones and the Housing Committee``); with a maker missing
    from some, those named "and others".
    """
    if not recommendations:
        return NO_RECOMMENDATIONS
    if not makers:
        return "The recommendations are set out below, each followed by the suggested response."
    named = _and([named_body(m) for m in makers])
    others = "" if all(c.by for c in recommendations) else " and others"
    return (
        f"The recommendations of {named}{others} are set out below, each followed by the "
        "suggested response."
    )


def _response_title(name: str, body: str) -> str:
    """A response's title without a report file: the item's, saying it is *body*'s response.

    ``Reducing reoffending - Cabinet response``, as the seed paper's title
    reads; an item that already says "response" (``... - Cabinet response``)
    is kept as it is.
    """
    import re

    if re.search(r"\bresponses?\b", name, re.IGNORECASE):
        return name
    return title_and(name, f"{body} response")


_TITLE_DASH = r" [-\u2013\u2014] |\u2014"
"""A dash that separates the parts of a title: spaced hyphen, en or em dash, or a closed em dash."""


def title_and(title: str, suffix: str) -> str:
    """*title* with *suffix* after it, joined by the dash the title already uses.

    ``Climate Emergency — Net Zero by 2030 — Cabinet response``, not an
    em dash and then a hyphen in one title; a title with no dash of its own
    takes a spaced hyphen, as the seed papers' titles do (``Reducing
    reoffending - Cabinet response``). A hyphen inside a word
    (``Re-offending``) is not a separator.
    """
    import re

    found = re.search(_TITLE_DASH, title)
    return f"{title}{found.group() if found else ' - '}{suffix}"
