"""The records a positions repository is made of.

Every class here is a frozen attrs class holding plain values and tuples; none
of them knows YAML, Jinja or the command line. The loader (:mod:`policypos.load`)
builds them, the validator and the diff read them.

Sequences keep the order of the files, because annexes are numbered from it;
versions and meetings are kept in date order.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

import attrs

from policypos.errors import (
    Location,
    NotFoundError,
    ReferenceSyntaxError,
    closest,
    not_one_name,
    option,
    quoted,
    spoken,
)

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""What every id (document, version, section, statement, meeting, comment) must match in full."""


def is_id(text: str) -> bool:
    """Tell whether *text* is a well-formed id (and so safe to use in a file name)."""
    return ID_PATTERN.fullmatch(text) is not None


class Status(enum.StrEnum):
    """Where a version stands in the board's process."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    ENDORSED = "endorsed"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class StatementKind(enum.StrEnum):
    """What a statement is: the board's position, an ask of government, or a point to consider."""

    POSITION = "position"
    ASK = "ask"
    CONSIDERATION = "consideration"


class CommentKind(enum.StrEnum):
    """What a member or committee put to the officers."""

    COMMENT = "comment"
    QUESTION = "question"
    RECOMMENDATION = "recommendation"


class Disposition(enum.StrEnum):
    """What became of a comment."""

    OPEN = "open"
    ADDRESSED = "addressed"
    PARTIALLY_ADDRESSED = "partially-addressed"
    ACCEPTED = "accepted"
    FULLY_ACCEPTED = "fully-accepted"
    PARTIALLY_ACCEPTED = "partially-accepted"
    REJECTED = "rejected"
    ANSWERED = "answered"
    DEFERRED = "deferred"
    REFERRED = "referred"
    NOTED = "noted"

    @property
    def needs_citation(self) -> bool:
        """Whether a later version must cite the comment (``addresses``) for this to be true."""
        return self in (Disposition.ADDRESSED, Disposition.PARTIALLY_ADDRESSED)


KeyPath = tuple[str | int, ...]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Identified)


def _find(
    records: tuple[R, ...],
    wanted: str,
    kind: str,
    label: str | None = None,
    *,
    new: str | None = None,
) -> R:
    """Return the record whose id is *wanted*, or raise NotFoundError naming the known ones.

    *label* is how the error names it (``DOC@VERSION``); the suggestion is
    still the known id closest to *wanted* itself. *new*, for records a user
    names before they exist (meetings), says how to make one; their ids are
    then a numbered series (see :func:`policypos.errors.closest`).
    """
    for record in records:
        if record.id == wanted:
            return record
    known = [r.id for r in records]
    near = closest(wanted, known, numbered=new is not None)
    raise NotFoundError(kind, label or wanted, known, near=near, new=new)


def kinds_noun(kinds: Iterable[CommentKind], n: int = 2) -> str:
    """What *n* remarks of *kinds* are called: ``comments``, ``recommendations``, or both.

    A committee's recommendations are accepted or rejected, not addressed:
    calling them comments would misname them. Questions count as comments.
    Singular for *n* of 1.
    """
    found = set(kinds)
    if CommentKind.RECOMMENDATION not in found:
        noun = "comments"
    elif found - {CommentKind.RECOMMENDATION}:
        noun = "comments and recommendations"
    else:
        noun = "recommendations"
    return noun.removesuffix("s") if n == 1 else noun


def new_meeting_hint(document: str, meeting: str) -> str:
    """How a meeting that has no file yet gets one: the command that writes it, as one sentence."""
    command = spoken(
        f"policypos comment add {document} --meeting {meeting} --id ID --text TEXT --body BODY "
        "--date YYYY-MM-DD",
        f"policypos.add_comment(root, {document!r}, {meeting!r}, ID, TEXT, body=BODY, date=DATE)",
    )
    return (
        f"a meeting's file is written with its first comment: {command} (propose and "
        f"endorse write it too, given {option('body')})"
    )


@attrs.frozen
class Origin:
    """Where a record was read from, and how to find any of its keys in that file.

    ``locate`` is supplied by the loader; it maps a key path such as
    ``("sections", 0, "statements", 2, "addresses", 1)`` to a 1-based
    ``(line, column)``, falling back to the nearest enclosing key that exists.
    Records built in code have no origin.
    """

    path: Path
    locate_key: Callable[[KeyPath], tuple[int, int]] = attrs.field(eq=False, repr=False)
    data: bytes | None = attrs.field(default=None, eq=False, repr=False)
    """The file's bytes as the record was read from them (``None``: not read from disk).

    An edit is composed from these, not from a second read of the file: a
    file changed in between is then a conflict when the edit is applied,
    never a mismatch between the record and the bytes edited."""

    def locate(self, *keys: str | int) -> Location:
        """Return the location of the value at *keys* in this record's file."""
        line, column = self.locate_key(keys)
        return Location(self.path, line, column)


@attrs.frozen
class Statement:
    """One numbered paragraph of a position statement.

    Its id stays the same across versions for as long as it is "the same
    statement", even when it moves to another section.
    """

    id: str
    text: str
    kind: StatementKind = StatementKind.POSITION
    tags: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen
class Section:
    """A titled group of statements."""

    id: str
    title: str
    statements: tuple[Statement, ...] = ()
    intro: str | None = None
    addresses: tuple[str, ...] = ()

    def statement(self, statement_id: str) -> Statement:
        """Return the statement *statement_id* of this section.

        Raises:
            NotFoundError: the section has no such statement.
        """
        return _find(self.statements, statement_id, "statement")


@attrs.frozen
class Removal:
    """A section or statement of the version revised that a version leaves out, and why.

    FORMAT.md's ``addresses`` cite a comment from a place in the version, and
    a place removed is in it no longer: ``removed`` (an optional key of a
    version file, see docs/format.md) is where a version says that leaving
    the place out answers a comment ("Remove the duplicated section").
    """

    id: str
    """The id of the section or statement, as the version revised has it."""
    addresses: tuple[str, ...] = ()
    """The comments its removal answers, as ``MEETING/ID``."""


@attrs.frozen
class Version:
    """One version of a policy document, as presented to (or endorsed by) a board."""

    id: str
    date: dt.date
    status: Status
    sections: tuple[Section, ...] = ()
    based_on: str | None = None
    meeting: str | None = None
    title: str | None = None
    preamble: str | None = None
    removed: tuple[Removal, ...] = attrs.field(default=(), kw_only=True)
    """The sections and statements of the version revised whose removal answers comments."""
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def to_dict(self, *, sections: bool = True) -> dict[str, Any]:
        """The version as JSON holds it (``policypos show --format json``): the file's fields.

        With ``sections=False``, only the version's own fields (as ``log`` lists them).
        """
        from policypos import jsonform

        return jsonform.version(self, sections=sections)

    def section(self, section_id: str) -> Section:
        """Return the section *section_id*.

        Raises:
            NotFoundError: the version has no such section.
        """
        return _find(self.sections, section_id, "section")

    def statements(self) -> Iterator[tuple[Section, Statement]]:
        """Yield every statement with its section, in document order."""
        for section in self.sections:
            for statement in section.statements:
                yield section, statement

    def statement(self, statement_id: str) -> tuple[Section, Statement]:
        """Return the statement *statement_id* and the section it stands in.

        Raises:
            NotFoundError: the version has no such statement.
        """
        for section, statement in self.statements():
            if statement.id == statement_id:
                return section, statement
        raise NotFoundError("statement", statement_id, (s.id for _, s in self.statements()))

    def section_numbers(self) -> dict[str, int]:
        """Map each section id to its number, counted from 1 in file order."""
        return {section.id: n for n, section in enumerate(self.sections, 1)}

    def paragraph_numbers(self) -> dict[str, str]:
        """Map each statement id to its paragraph number (``"4.3"``: section 4, statement 3).

        Counted from 1 in file order, as annexes number them.
        """
        return {
            statement.id: f"{n}.{m}"
            for n, section in enumerate(self.sections, 1)
            for m, statement in enumerate(section.statements, 1)
        }

    def citations(self) -> Mapping[str, tuple[str, ...]]:
        """Map each comment reference cited by ``addresses`` to the places citing it.

        A place is a section id for a section, ``section/statement`` for a
        statement, in document order.
        """
        cited: dict[str, list[str]] = {}
        for section in self.sections:
            for ref in section.addresses:
                cited.setdefault(ref, []).append(section.id)
            for statement in section.statements:
                for ref in statement.addresses:
                    cited.setdefault(ref, []).append(f"{section.id}/{statement.id}")
        return {ref: tuple(places) for ref, places in cited.items()}

    def removal_citations(self) -> Mapping[str, tuple[str, ...]]:
        """Map each comment reference cited by ``removed`` to the removed ids citing it.

        The ids are those of the version revised: nothing of this version cites
        them, so they are kept apart from :meth:`citations`.
        """
        cited: dict[str, list[str]] = {}
        for removal in self.removed:
            for ref in removal.addresses:
                cited.setdefault(ref, []).append(removal.id)
        return {ref: tuple(ids) for ref, ids in cited.items()}

    def answers(self) -> frozenset[str]:
        """Every comment reference the version cites, from a place or from a removal."""
        return frozenset(self.citations()) | frozenset(self.removal_citations())


PROPOSED = "proposed: "
"""What a disposition awaiting its meeting's decision is prefixed with: ``proposed: accepted``."""


@attrs.frozen
class DispositionEntry:
    """One entry of a comment's ``history``: the disposition it took on a day.

    ``response`` and ``referred_to`` are the answer and the referral as they
    stood from that day; ``meeting`` and ``version`` (ids) where it was
    decided, ``note`` a clerk's note. The last entry of a history is the
    comment's current disposition (the loader checks that they agree).
    """

    date: dt.date
    disposition: Disposition
    response: str | None = None
    referred_to: str | None = None
    meeting: str | None = None
    version: str | None = None
    note: str | None = None


@attrs.frozen
class Comment:
    """A member's comment or question, or a committee's recommendation, and what became of it.

    ``disposition``, ``response`` and ``referred_to`` are as they stand now;
    ``history`` (optional, oldest first) says what they were before, so that
    a paper can be written again as it was (:meth:`as_of`).
    """

    id: str
    meeting: str
    kind: CommentKind
    text: str
    by: str | None = None
    on: tuple[str, ...] = ()
    disposition: Disposition = Disposition.OPEN
    response: str | None = None
    referred_to: str | None = None
    history: tuple[DispositionEntry, ...] = ()
    proposed_for: str | None = None
    """The meeting (id) whose decision the disposition and response await, as read on a day
    before it met (:meth:`as_of`): they are officers' proposals for that meeting, not yet its
    decision. ``None`` where they are decided (or read as they stand now)."""

    @property
    def ref(self) -> str:
        """The comment's reference, ``<meeting id>/<comment id>``, as ``addresses`` cite it."""
        return f"{self.meeting}/{self.id}"

    @property
    def standing(self) -> str:
        """The disposition as the views show it: ``rejected``, or ``proposed: rejected``.

        Proposed while ``proposed_for`` names the meeting still to decide it
        (an open comment proposes nothing).
        """
        if self.proposed_for is None or self.disposition is Disposition.OPEN:
            return str(self.disposition)
        return f"{PROPOSED}{self.disposition}"

    def disposition_on(self, day: dt.date, *, before_meeting: str | None = None) -> Disposition:
        """The disposition the comment had at the end of *day*; see :meth:`as_of`."""
        return self.as_of(day, before_meeting=before_meeting).disposition

    def as_of(
        self,
        day: dt.date,
        *,
        before_meeting: str | None = None,
        pending: Mapping[str, dt.date] | Collection[str] = (),
    ) -> Comment:
        """The comment as it stood at the end of *day*: disposition, response and referral.

        Without a ``history`` the comment is returned as it is: nothing says
        it was ever otherwise. With one, the entry of latest date on or
        before *day* gives all three (a later entry on the same day wins);
        the last entry's missing ``response`` or ``referred_to`` is the
        comment's own, since that entry is the current state. Before the
        first entry nothing had been decided: ``open``, with no response.
        Entries naming *before_meeting* (a meeting id) as where they were
        decided are left out: that meeting's paper went to it before it
        decided them. An entry naming one of the *pending* meetings (ids of
        meetings not yet held on *day*, each mapped to its day) was recorded
        for that meeting: it is the officers' proposal to it, read with
        ``proposed_for`` naming it, and counts whatever its date up to that
        meeting's day (officers date a proposal for the meeting, ahead of it).
        The history is kept (its last entry given the comment's own response
        and referral where it had none, when an earlier entry is chosen), so
        that the result can be asked about another day and answer as the
        comment would.
        """
        not_one_name(pending, "pending")
        if not self.history:
            return self
        last = self.history[-1]
        history = (
            *self.history[:-1],
            attrs.evolve(
                last,
                response=last.response if last.response is not None else self.response,
                referred_to=last.referred_to if last.referred_to is not None else self.referred_to,
            ),
        )
        taken = [
            n
            for n, e in enumerate(history)
            if _counts(e, day, pending) and (before_meeting is None or e.meeting != before_meeting)
        ]
        entry = history[taken[-1]] if taken else None
        current = bool(taken) and taken[-1] == len(history) - 1
        return attrs.evolve(
            self,
            disposition=entry.disposition if entry else Disposition.OPEN,
            response=entry.response if entry else None,
            referred_to=entry.referred_to if entry else None,
            # As it stands now, the file's own history (the JSON shows it as written).
            history=self.history if current else history,
            proposed_for=entry.meeting if entry and entry.meeting in pending else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The comment as JSON holds it (``policypos comments --format json``)."""
        from policypos import jsonform

        return jsonform.comment(self)


def _counts(
    entry: DispositionEntry, day: dt.date, pending: Mapping[str, dt.date] | Collection[str]
) -> bool:
    """Whether *entry* is in a comment's reading as of *day* (:meth:`Comment.as_of`).

    An entry dated on or before *day* is; so is one recorded for a meeting
    still to come (in *pending*), dated up to that meeting's day: it is the
    officers' proposal to it, however far ahead it was dated.
    """
    if entry.date <= day:
        return True
    if entry.meeting is None or entry.meeting not in pending:
        return False
    meets = pending.get(entry.meeting) if isinstance(pending, Mapping) else None
    return meets is None or entry.date <= meets


@attrs.frozen
class Meeting:
    """A meeting that discussed the document, with the comments made at it."""

    id: str
    body: str
    date: dt.date
    item: str | None = None
    reviews: str | None = None
    comments: tuple[Comment, ...] = ()
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def to_dict(self, *, comments: bool = True) -> dict[str, Any]:
        """The meeting as JSON holds it; with ``comments=False``, without its comments."""
        from policypos import jsonform

        return jsonform.meeting(self, comments=comments)

    def as_of(
        self,
        day: dt.date,
        *,
        before_meeting: str | None = None,
        pending: Mapping[str, dt.date] | Collection[str] = (),
    ) -> Meeting:
        """The meeting with each comment as it stood at the end of *day* (:meth:`Comment.as_of`)."""
        not_one_name(pending, "pending")
        return attrs.evolve(
            self,
            comments=tuple(
                c.as_of(day, before_meeting=before_meeting, pending=pending) for c in self.comments
            ),
        )

    def comment(self, comment_id: str) -> Comment:
        """Return the comment *comment_id* made at this meeting.

        Raises:
            NotFoundError: the meeting has no such comment.
        """
        return _find(self.comments, comment_id, "comment", f"{self.id}/{comment_id}")


@attrs.frozen
class Reading:
    """The day a document's comments were read as of, and the meetings not held by then."""

    day: dt.date
    to_come: frozenset[str] = frozenset()


@attrs.frozen
class Document:
    """A policy document: what it is, its versions and the meetings that discussed it.

    ``versions`` and ``meetings`` are in date order (ties broken by id); build
    documents with :meth:`create` to get that order whatever the input order.
    """

    id: str
    title: str
    organisation: str
    owner: str
    summary: str | None = None
    versions: tuple[Version, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    reading: Reading | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """How the comments were read (:meth:`as_of`); ``None``: as the files hold them."""

    @classmethod
    def create(
        cls,
        id: str,
        title: str,
        organisation: str,
        owner: str,
        *,
        summary: str | None = None,
        versions: tuple[Version, ...] = (),
        meetings: tuple[Meeting, ...] = (),
        origin: Origin | None = None,
    ) -> Document:
        """Build a document, putting its versions and meetings in date order."""
        return cls(
            id,
            title,
            organisation,
            owner,
            summary,
            tuple(sorted(versions, key=lambda v: (v.date, v.id))),
            tuple(sorted(meetings, key=lambda m: (m.date, m.id))),
            origin=origin,
        )

    def held(self, meeting: Meeting, day: dt.date) -> bool:
        """Whether *meeting* had been held by the end of *day*: the one rule for "decided".

        A meeting dated before *day* had; one dated after had not. On its own
        day it had once ``endorse`` recorded it (a version endorsed at it, now
        endorsed or superseded): until then its day may still be the morning
        of the meeting, and what was recorded for it is proposed.
        """
        if meeting.date != day:
            return meeting.date < day
        return any(
            v.meeting == meeting.id and v.status in (Status.ENDORSED, Status.SUPERSEDED)
            for v in self.versions
        )

    def as_of(
        self,
        day: dt.date | None = None,
        *,
        before_meeting: str | None = None,
        to_come: str | None = None,
    ) -> Document:
        """The document with every comment as it stood at the end of *day* (default: today).

        Only dispositions, responses and referrals change (from each comment's
        ``history``, :meth:`Comment.as_of`); versions and meetings stay as
        they are. A meeting not held by then (:meth:`held`) has not decided
        what was recorded for it: that reads as proposed
        (``Comment.proposed_for``), however far ahead it is dated. *to_come*
        names a meeting read as not held on its own day whatever was recorded
        since: the paper going to it was written before it met. Every
        document and view reads the comments through this method, so that
        they agree on what is proposed and what decided; the result says how
        it was read (:attr:`reading`), and reading it again for the same day
        (or for now) gives it back as it is.
        """
        read = self.reading
        if read is not None and not (before_meeting or to_come) and day in (None, read.day):
            return self
        day = day or dt.date.today()
        pending = {
            m.id: m.date
            for m in self.meetings
            if not self.held(m, day) or (m.id == to_come and m.date >= day)
        }
        return attrs.evolve(
            self,
            meetings=tuple(
                m.as_of(day, before_meeting=before_meeting, pending=pending) for m in self.meetings
            ),
            reading=Reading(day, frozenset(pending)),
        )

    def to_come(self, meeting: Meeting | None) -> Meeting | None:
        """*meeting*, where the comments were read before it was held (:meth:`as_of`), else None."""
        if meeting is None or self.reading is None or meeting.id not in self.reading.to_come:
            return None
        return meeting

    def read_for(
        self, version: Version, *, as_of: dt.date | None = None
    ) -> tuple[Document, dt.date | None]:
        """The document as the papers on *version* read it, and the day they read it as of.

        Given *as_of*, as of that day (:meth:`as_of`). Otherwise as of the
        day of the meeting *version* went (or goes) to (its ``meeting``),
        before it met: what was recorded for that meeting (history entries
        naming it) is what its papers propose to it, read as proposed
        (``Comment.proposed_for``), even once it has decided. A version with
        no meeting (a draft not yet proposed), or naming one the document
        lacks, is read as things stand today, and its day is ``None``: now.
        """
        if as_of is not None:
            return self.as_of(as_of), as_of
        meeting = next((m for m in self.meetings if m.id == version.meeting), None)
        if meeting is None:
            return self.as_of(), None
        return self.as_of(meeting.date, to_come=meeting.id), meeting.date

    def version(self, version_id: str) -> Version:
        """Return the version *version_id*.

        Raises:
            NotFoundError: the document has no such version.
        """
        return _find(self.versions, version_id, "version", f"{self.id}@{version_id}")

    def newest(self) -> Version:
        """Return the newest version by date.

        Raises:
            NotFoundError: the document has no versions at all.
        """
        if not self.versions:
            raise NotFoundError("version", f"{self.id}@(newest)")
        return self.versions[-1]

    def base_of(self, version: Version) -> str | None:
        """The id of the version *version* is compared with when named alone.

        Its ``based_on``, else the last version dated before it; ``None`` for
        a first version. ``policypos diff NEW``, ``render changes NEW`` and
        ``render report NEW`` compare with it, and ``validate`` checks a
        report's ``reasons`` against both.
        """
        if version.based_on is not None:
            return version.based_on
        earlier = [v for v in self.versions if v.date < version.date]
        return earlier[-1].id if earlier else None

    def endorsed_on(self, version: Version) -> dt.date | None:
        """The day *version* came into force, or ``None`` if it never did.

        Only ``endorsed`` and ``superseded`` versions (a superseded one was
        endorsed until its successor came) ever were. The day is that of the
        meeting that endorsed it (its ``meeting``), else the version's own
        date: a statement dated 1 July and endorsed on 18 July was not in
        force on 10 July.
        """
        if version.status not in (Status.ENDORSED, Status.SUPERSEDED):
            return None
        meeting = next((m for m in self.meetings if m.id == version.meeting), None)
        return meeting.date if meeting is not None else version.date

    def in_force(self, on: dt.date) -> Version | None:
        """Return the version in force on the date *on*, or ``None`` if none was yet.

        That is the version endorsed most recently on or before *on* (see
        :meth:`endorsed_on`); on a tie, the later version by date and id.
        """
        found: tuple[dt.date, dt.date, str, Version] | None = None
        for version in self.versions:
            since = self.endorsed_on(version)
            if since is not None and since <= on:
                key = (since, version.date, version.id, version)
                if found is None or key[:3] >= found[:3]:
                    found = key
        return found[3] if found is not None else None

    def revised_as(self, version: Version) -> tuple[str, ...]:
        """The ids of the versions built on *version* while it was still a draft or proposed.

        A draft or proposal a later version was based on is overtaken, not
        still in play: ``policypos log`` and the website say "revised as"
        them. Empty for a version the board decided on (endorsed, superseded,
        withdrawn) or that nothing was built on.
        """
        if version.status not in (Status.DRAFT, Status.PROPOSED):
            return ()
        return tuple(v.id for v in self.versions if v.based_on == version.id)

    def drafts_on(self, version_id: str) -> tuple[str, ...]:
        """The ids of the draft or proposed versions built on version *version_id*.

        ``new-version --from`` names them: a second draft on the same base is
        a parallel draft, and only one of the two can go on to be endorsed.
        """
        open_ = (Status.DRAFT, Status.PROPOSED)
        return tuple(v.id for v in self.versions if v.based_on == version_id and v.status in open_)

    def on_the_way(self, on: dt.date) -> frozenset[str]:
        """The ids of the versions on the way to a text in force by *on*, or on from today's.

        They are every version in force on or before *on* (:meth:`endorsed_on`),
        the versions each was built on (its ``based_on`` chain), and the
        versions built on the one in force now (:meth:`in_force`), at any
        remove, that are not withdrawn: drafts still on their way. A version
        outside them is a withdrawn one, or a parallel draft overtaken when
        another was endorsed: what it says was in force nowhere and is on its
        way nowhere. With no version in force yet, every version not withdrawn
        may still be.
        """
        current = self.in_force(on)
        alive = {v.id for v in self.versions if v.status is not Status.WITHDRAWN}
        if current is None:
            return frozenset(alive)
        by_id = {v.id: v for v in self.versions}
        found: set[str] = set()
        for version in self.versions:
            since = self.endorsed_on(version)
            if since is None or since > on:
                continue
            base: Version | None = version
            while base is not None and base.id not in found:
                found.add(base.id)
                base = by_id.get(base.based_on or "")
        later = {current.id}
        grown = True
        while grown:  # a draft built on a draft built on the version in force
            more = {v.id for v in self.versions if v.based_on in later and v.id in alive}
            grown = not more <= later
            later |= more
        return frozenset(found | later)

    def in_force_period(self, version: Version) -> tuple[dt.date, dt.date | None] | None:
        """When *version* was in force: ``(from, until)``, or ``None`` if it never was.

        *from* is the day it was endorsed (:meth:`endorsed_on`), *until* the
        next endorsement of another version, or ``None`` while it still is.
        """
        since = self.endorsed_on(version)
        if since is None:
            return None
        later = sorted(
            d
            for v in self.versions
            if v is not version and (d := self.endorsed_on(v)) is not None and d > since
        )
        return since, later[0] if later else None

    def meeting(self, meeting_id: str) -> Meeting:
        """Return the meeting *meeting_id*.

        Raises:
            NotFoundError: no such meeting discussed the document.
        """
        return _find(
            self.meetings, meeting_id, "meeting", new=new_meeting_hint(self.id, meeting_id)
        )

    def presented_to(self, meeting_id: str) -> Version:
        """Return the version presented to the meeting *meeting_id*.

        That is the version whose ``meeting`` names it, or else the version the
        meeting ``reviews``.

        Raises:
            NotFoundError: no such meeting, or no version was presented to it.
        """
        meeting = self.meeting(meeting_id)
        for version in reversed(self.versions):
            if version.meeting == meeting_id:
                return version
        if meeting.reviews is not None:
            return self.version(meeting.reviews)
        raise NotFoundError("version presented to meeting", meeting_id)

    def comments(self) -> Iterator[Comment]:
        """Yield every comment of every meeting, in meeting order then paper order."""
        for meeting in self.meetings:
            yield from meeting.comments

    def comment(self, ref: str) -> Comment:
        """Return the comment named by *ref*, ``<meeting id>/<comment id>`` or a bare comment id.

        A bare id (``3.2``) names the comment only if one meeting alone used it.

        Raises:
            NotFoundError: no such meeting or comment.
            ReferenceSyntaxError: *ref* is not well formed (``a/b/c``), or a bare
                comment id that several meetings use.
        """
        meeting_id, slash, comment_id = ref.partition("/")
        if not all(is_id(part) for part in ((meeting_id, comment_id) if slash else (ref,))):
            # Not a name that could exist (``a/b/c``, ``/3``): a typing mistake, not
            # a meeting to look up (whose error would suggest creating one).
            raise ReferenceSyntaxError(
                f"{quoted(ref)} is not a comment reference: write MEETING/COMMENT or a "
                "bare COMMENT id, with ids made of letters, digits, '.', '_' and '-'"
            )
        if slash:
            return self.meeting(meeting_id).comment(comment_id)
        found = [c for c in self.comments() if c.id == ref]
        if len(found) > 1:
            refs = ", ".join(c.ref for c in found)
            raise ReferenceSyntaxError(
                f"comment {quoted(ref)} was made at more than one meeting ({refs}): "
                "write MEETING/COMMENT"
            )
        if not found:
            every = list(self.comments())
            # A bare id is compared with the bare ids; the suggestion is the full ref.
            near = closest(ref, (c.id for c in every))
            suggested = next((c.ref for c in every if c.id == near), None)
            raise NotFoundError("comment", ref, (c.ref for c in every), near=suggested)
        return found[0]

    def cited_by(self, version: Version) -> tuple[Comment, ...]:
        """Return the comments that *version* cites in ``addresses``, in meeting order.

        Those its ``removed`` cite too (:meth:`Version.answers`). References to
        comments the document does not hold are left out (the validator
        reports them).
        """
        cited = version.answers()
        return tuple(c for c in self.comments() if c.ref in cited)

    def citations_of(self, comment: Comment) -> tuple[tuple[Version, tuple[str, ...]], ...]:
        """Return each version citing *comment*, with the places in it that do."""
        return self._cited_by(comment, Version.citations)

    def removals_of(self, comment: Comment) -> tuple[tuple[Version, tuple[str, ...]], ...]:
        """Return each version whose ``removed`` cites *comment*, with the ids it removed.

        The ids are those of the version each one revises (:meth:`base_of`):
        places it no longer has, so they are kept apart from :meth:`citations_of`.
        """
        return self._cited_by(comment, Version.removal_citations)

    def _cited_by(
        self, comment: Comment, citations: Callable[[Version], Mapping[str, tuple[str, ...]]]
    ) -> tuple[tuple[Version, tuple[str, ...]], ...]:
        """Each version whose *citations* (comment ref -> ids) name *comment*, with the ids."""
        found = []
        for version in self.versions:
            ids = citations(version).get(comment.ref)
            if ids:
                found.append((version, ids))
        return tuple(found)


@attrs.frozen
class Contact:
    """Someone a paper names for questions: an officer or a member."""

    role: str
    """What the paper calls them: ``Contact officer``, ``Member contact``."""
    name: str
    position: str | None = None
    """Their post, or for a member their portfolio."""
    email: str | None = None
    phone: str | None = None


@attrs.frozen
class Heading:
    """A titled paragraph an officer wrote: an implication, a priority, a source document."""

    heading: str
    text: str


@attrs.frozen
class Report:
    """What officers write by hand for a paper: ``reports/<id>.yaml`` beside the document.

    The id is the version a board paper brings (``2024``) or the meeting a
    response answers (``cabinet-2014-04``). Every field is optional: a part
    with nothing written is flagged "to be written" in the document. See
    ``docs/documents.md`` for the file's keys.
    """

    id: str
    title: str | None = None
    purpose: str | None = None
    summary: str | None = None
    plan_theme: str | None = None
    annex: str | None = None
    """The label the paper gives the statement: ``Annex 2``."""
    reference: str | None = None
    """Where the paper stands in the agenda: ``Appendix 2, Agenda Item No. 4 c) ii.``."""
    author: str | None = None
    """Who the paper is from: ``Executive Director: Children, Families and Adults Services``."""
    electoral_divisions: str | None = None
    forward_plan: str | None = None
    key_decision: bool | None = None
    recommendation: str | None = None
    """What the body is asked to do, where a generated recommendation will not serve."""
    contacts: tuple[Contact, ...] = ()
    background: str | None = None
    reasons: Mapping[str, str] = attrs.field(factory=dict)
    """Why each section changed, by section id."""
    implications: tuple[Heading, ...] = ()
    """Wales, financial, equalities and others, each under its heading, in order."""
    priorities: tuple[Heading, ...] = ()
    """How the response aligns with the council's priorities."""
    next_steps: str | None = None
    sources: tuple[Heading, ...] = ()
    """Source documents: the document as heading, where it is as text."""
    to: str | None = None
    """Who a response goes to, who answers the recommendations (``Cabinet``); default: the
    meeting's body, or the document's owner where that body made them itself."""
    date: dt.date | None = None
    """The date of the meeting a response goes to (default: the meeting's date)."""
    leave_out: frozenset[str] = frozenset()
    """The standard parts a paper for this body does not have (:data:`STANDARD_PARTS`):
    ``plan_theme``, ``wales``, ``financial``, ``equalities``."""
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


STANDARD_PARTS = {
    "plan_theme": "Plan theme",
    "wales": "Implications for Wales",
    "financial": "Financial implications",
    "equalities": "Equalities implications",
}
"""The parts an LGA board paper always has (DOCUMENTS.md), by the name a report file's
``leave_out`` gives them, with their headings: a paper shows each, marked to be written
where the report is silent, unless the report leaves it out."""


@attrs.frozen
class Repository:
    """A folder of policy documents, one sub-folder each (see FORMAT.md section 1)."""

    root: Path
    documents: tuple[Document, ...] = ()

    def document(self, document_id: str) -> Document:
        """Return the document *document_id*.

        Raises:
            NotFoundError: the repository has no such document.
        """
        return _find(self.documents, document_id, "document")
