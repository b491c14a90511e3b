"""Consistency rules across the files of a document (FORMAT.md section 4).

The loader checks each file on its own (keys, types, ids, duplicates); this
module checks what only the whole document can tell: that references resolve,
that dispositions agree with what the versions cite, that ``based_on`` has no
cycle, and that statuses and dates make sense. Rules and their severities:

==========================================================  ========
rule                                                        severity
==========================================================  ========
``based_on``, ``meeting``, ``reviews`` name something real  error
``on`` names a section or statement of some version         error
``addresses`` names a comment of one of the meetings        error
``addresses`` names no comment a version built on this one  error
answers: one made at a meeting that reviewed this one, or
held once the later version was started
``removed`` names a place of the version revised, gone now  error
an addressed comment is cited by some ``addresses``         error
an addressed comment cited only by versions on the way to   warning
nothing (withdrawn, or a parallel draft overtaken)
``based_on`` has no cycle                                   error
a comment cited while ``open``                              warning
a version dated before the version it is based on           warning
an endorsed or superseded version whose meeting is dated    warning
before the version itself
a meeting whose ``reviews`` names a version dated after it  warning
an endorsed or superseded version, or a meeting that         warning
endorsed one, dated after today (a typo such as 2205)
an endorsed version with a newer endorsed version           warning
``referred`` without ``referred_to``, or the reverse        warning
a document with no versions                                 warning
two sections of a version with the same title               warning
text holding control or bidirectional override characters   warning
a report file named after no version or meeting             error
a report's ``reasons`` naming no section of the version     error
it is for (nor of the version that one revises)
a report key the kind of paper named does not show          warning
==========================================================  ========

A rule whose finding could be only the consequence of an error the loader
already reported (a file, or part of one, that could not be read) is held back:
see :class:`policypos.load.Reading` for what the loader says it could not read.
Likewise a decision dated after today (warned about: likely a typo such as
2205) decides no other rule's date comparison; the advice to supersede the
older of two endorsed versions then asks for that date to be fixed first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from policypos.errors import (
    LoadError,
    Location,
    Problem,
    Severity,
    closest,
    did_you_mean,
    quoted,
    sorted_problems,
)
from policypos.load import (
    ANY_ID,
    CITATIONS,
    COMMENTS,
    DATE,
    DISPOSITION,
    PARTS,
    REPORT_TEXTS,
    STATUS,
    read_repository,
)
from policypos.model import (
    STANDARD_PARTS,
    CommentKind,
    Disposition,
    Document,
    Meeting,
    Report,
    Repository,
    Statement,
    StatementKind,
    Status,
    Version,
    kinds_noun,
    new_meeting_hint,
)

# The statuses of a version that was once endorsed, by the meeting it names.
_ENDORSED_ONCE = (Status.ENDORSED, Status.SUPERSEDED)

# C0 and C1 controls but tab and line feed (YAML turns every line break in a
# file into a line feed, so any other control was written as an escape such as
# "\e" or "\r"), and the bidirectional embeddings, overrides and isolates.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check(root: Path | str, *, staged: bool = False) -> tuple[Problem, ...]:
    """Read the repository at *root* and return every problem, of every file, in reading order.

    This is what ``policypos validate`` runs. It raises only when *root* is
    not a folder at all. With *staged*, every file is read from git's index
    instead of the work tree, as ``git commit`` will record it (a pre-commit
    hook's view, ``validate --staged``), and each problem is located at
    ``:path``, git's name for the staged copy of a file.

    Raises:
        LoadError: *root* is not a folder.
        GitError: with *staged*, git is missing or *root* is not in a git work tree.
    """
    if staged:
        return _check_staged(Path(root))
    return open_checked(root).problems


def _check_staged(root: Path) -> tuple[Problem, ...]:
    """:func:`check` of the files git's index holds under *root*, located as ``:root/path``."""
    from policypos.git import staged_copy

    with staged_copy(root) as staged:
        found = open_checked(staged.copy).problems
    conflicts = (
        Problem(
            Severity.ERROR,
            "has unresolved merge conflicts in git's index: resolve them and 'git add' it",
            Location(staged.name(path)),
        )
        for path in staged.unmerged
    )
    return sorted_problems((*(staged.problem(p) for p in found), *conflicts))


@attrs.frozen
class Checked:
    """A repository as read, with every problem the loader and the validator found.

    Commands work on one document at a time: :meth:`document` refuses a
    document whose own files have errors, while errors in other documents do
    not stand in its way (:meth:`broken_documents` names them).

    Errors in a document's report files (``reports/``) stop only the commands
    that read those files (``policypos render report`` and ``render
    response``, which read them again themselves): what officers write for a
    paper says nothing about the versions and meetings every other command reads.
    """

    repository: Repository
    problems: tuple[Problem, ...]

    def problems_of(self, document_id: str) -> tuple[Problem, ...]:
        """The problems located in the files of document *document_id* (its folder)."""
        return tuple(p for p in self.problems if _folder_of(p, self.repository.root) == document_id)

    def broken_documents(self) -> tuple[str, ...]:
        """The folders (document ids) whose files have errors, sorted.

        An error outside every document folder (a badly named folder, say)
        is counted under its own path.
        """
        root = self.repository.root
        return tuple(sorted({_folder_of(p, root) or "" for p in self.problems if self._blocks(p)}))

    def document(self, document_id: str) -> Document:
        """Return the document *document_id*, if its own files have no errors.

        Raises:
            LoadError: the document's files have errors; it lists each of them.
            NotFoundError: the repository holds no such document.
        """
        errors = [p for p in self.problems_of(document_id) if self._blocks(p)]
        if errors:
            raise LoadError(errors)
        return self.repository.document(document_id)

    def _blocks(self, problem: Problem) -> bool:
        """Whether *problem* is an error in a file other than a report."""
        return problem.is_error and not in_reports(problem, self.repository.root)

    def valid_documents(self) -> tuple[Document, ...]:
        """The documents whose files have no errors, in repository order."""
        broken = set(self.broken_documents())
        return tuple(d for d in self.repository.documents if d.id not in broken)


def open_checked(root: Path | str, *, only: Collection[str] | None = None) -> Checked:
    """Read and validate the repository at *root*, keeping going past bad files.

    This is what commands that read one document run: unlike
    :func:`policypos.load.open_repository`, a broken file in one document does
    not keep the others from being read. With *only*, only those
    document ids are read (see :func:`policypos.load.read_repository`).

    Raises:
        LoadError: *root* is not a folder.
    """
    reading = read_repository(root, only=only)
    found = validate(
        reading.repository,
        unreadable=reading.unreadable,
        damaged=reading.damaged,
        reports=reading.reports,
    )
    return Checked(reading.repository, sorted_problems((*reading.problems, *found)))


def in_reports(problem: Problem, root: Path) -> bool:
    """Whether *problem* lies in a report file (``<root>/<document>/reports/...``)."""
    if problem.location is None or not problem.location.path.is_relative_to(root):
        return False
    parts = problem.location.path.relative_to(root).parts
    return len(parts) > 2 and parts[1] == "reports"


def _folder_of(problem: Problem, root: Path) -> str | None:
    """The first folder under *root* that *problem*'s file lies in: its document's id."""
    if problem.location is None or not problem.location.path.is_relative_to(root):
        return None
    parts = problem.location.path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else None


def validate(
    repository: Repository,
    *,
    unreadable: frozenset[str] = frozenset(),
    damaged: frozenset[str] = frozenset(),
    reports: Mapping[str, Sequence[Report]] | None = None,
    today: dt.date | None = None,
) -> tuple[Problem, ...]:
    """Return the consistency problems of every document in *repository*.

    Args:
        repository: what the loader read.
        unreadable: names of files that exist but could not be read (see
            :class:`policypos.load.Reading`); references to them are not
            reported again.
        damaged: names of records read only in part, and of what they may
            lack (see :class:`policypos.load.Reading`); findings that could be
            consequences of what was lost are not reported.
        reports: the report files of each document, by document id (see
            :attr:`policypos.load.Reading.reports`); each is checked against
            its document (see :func:`report_problems`).
        today: the day that dates of decisions must not be after (default:
            the computer's today); an endorsed or superseded version, or a
            meeting that endorsed one, dated later is a warning.
    """
    reports = reports or {}
    today = today or dt.date.today()
    return sorted_problems(
        problem
        for document in repository.documents
        for problem in _Checker(
            document, unreadable, damaged, reports.get(document.id, ()), today
        ).run()
    )


class _Checker:
    def __init__(
        self,
        document: Document,
        unreadable: frozenset[str],
        damaged: frozenset[str],
        reports: Sequence[Report] = (),
        today: dt.date | None = None,
    ) -> None:
        self.doc = document
        self.reports = reports
        self.today = today or dt.date.today()
        prefix = document.id
        # A folder that could not be read may have held any id (load.ANY_ID).
        self.versions_unread = f"{prefix}@{ANY_ID}" in unreadable
        self.meetings_unread = f"{prefix}/{ANY_ID}" in unreadable
        unreadable_versions = _names(unreadable, prefix + "@")
        self.version_ids = {v.id for v in document.versions} | unreadable_versions
        unreadable_meetings = _names(unreadable, prefix + "/")
        self.meeting_ids = {m.id for m in document.meetings} | unreadable_meetings
        # Whether every section, statement and citation of every version was read:
        # if not, an 'on' or an addressed comment may name one that was lost.
        self.lost_sections = _names(damaged, prefix + "@", PARTS)
        lost_citations = _names(damaged, prefix + "@", CITATIONS)
        self.versions_whole = (
            not unreadable_versions and not self.lost_sections and not lost_citations
        )
        self.lost_comments = unreadable_meetings | _names(damaged, prefix + "/", COMMENTS)
        self.unsure_comments = _names(damaged, prefix + "/", DISPOSITION)
        self.unsure_dates = _names(damaged, prefix + "@", DATE)
        self.unsure_meeting_dates = _names(damaged, prefix + "/", DATE)
        self.unsure_statuses = _names(damaged, prefix + "@", STATUS) | self.unsure_dates
        # Decisions dated after today (decided_ahead warns of each): likely a typo
        # (2205 for 2025), so no other rule builds advice on such a date.
        self.dated_ahead = {
            v.id
            for v in document.versions
            if v.status in _ENDORSED_ONCE
            and v.id not in self.unsure_statuses
            and v.date > self.today
        }
        self.comment_refs = {c.ref for c in document.comments()}
        self.parts = {
            part
            for version in document.versions
            for section in version.sections
            for part in (section.id, *(s.id for s in section.statements))
        }
        self.cited: dict[str, list[str]] = {}
        self.citing: dict[str, list[str]] = {}  # the ids of the versions citing each comment
        for version in document.versions:
            for ref in {*version.citations(), *version.removal_citations()}:
                self.citing.setdefault(ref, []).append(version.id)
            for ref, places in version.citations().items():
                self.cited.setdefault(ref, []).extend(f"{version.id}: {p}" for p in places)
            for ref, ids in version.removal_citations().items():
                self.cited.setdefault(ref, []).extend(f"{version.id}: removed {p}" for p in ids)

    def run(self) -> Iterator[Problem]:
        if not self.version_ids:  # versions that failed to load still exist
            yield _warn(_at(self.doc), f"document {self.doc.id!r} has no versions yet")
        cycles = list(self.cycles())
        yield from (problem for problem, _ in cycles)
        self.in_cycle = {vid for _, members in cycles for vid in members}
        for version in self.doc.versions:
            yield from self.version(version)
        for meeting in self.doc.meetings:
            yield from self.meeting(meeting)
        for report in self.reports:
            yield from self.report(report)
        yield from self.decided_ahead()
        yield from self.hidden_characters()

    def decided_ahead(self) -> Iterator[Problem]:
        """Warn when a decision is dated after today: a typo such as 2205 for 2025.

        An endorsed or superseded version records what a board decided, and
        the meeting that endorsed it met: neither can be dated ahead (a date
        in the future would also put the version in force only from that
        day). A draft or proposed version dated ahead, and a meeting still to
        come that endorsed nothing, are normal and not reported.
        """
        endorsers: dict[str, Version] = {}
        for version in self.doc.versions:
            if version.status not in _ENDORSED_ONCE or version.id in self.unsure_statuses:
                continue
            if version.meeting is not None:
                endorsers.setdefault(version.meeting, version)
            if version.date > self.today:
                yield _warn(
                    _at(version, "date"),
                    f"version {version.id!r} is {version.status} but dated {version.date}, "
                    f"after today ({self.today}): a decision cannot be dated ahead; "
                    "check the year",
                )
        for meeting in self.doc.meetings:
            endorsed = endorsers.get(meeting.id)
            if (
                endorsed is None
                or meeting.id in self.unsure_meeting_dates
                or meeting.date <= self.today
            ):
                continue
            yield _warn(
                _at(meeting, "meeting", "date"),
                f"meeting {meeting.id!r} endorsed version {endorsed.id!r} but is dated "
                f"{meeting.date}, after today ({self.today}): a meeting that has decided "
                "has met; check the year",
            )

    def version(self, version: Version) -> Iterator[Problem]:
        if version.based_on is not None:
            if self.missing("version", version.based_on):
                yield self.unknown(version, "version", version.based_on, "based_on")
            elif version.id not in self.in_cycle:  # in a cycle, some date is always "early"
                yield from self.dated_after_base(version)
        if version.meeting is not None and self.missing("meeting", version.meeting):
            yield self.unknown(version, "meeting", version.meeting, "meeting")
        elif version.meeting is not None and version.status in _ENDORSED_ONCE:
            yield from self.endorsed_before_written(version)
        yield from _same_titles(version)
        for i, section in enumerate(version.sections):
            for k, ref in enumerate(section.addresses):
                yield from self.reference(version, ref, ("sections", i, "addresses", k))
            for j, statement in enumerate(section.statements):
                for k, ref in enumerate(statement.addresses):
                    keys = ("sections", i, "statements", j, "addresses", k)
                    yield from self.reference(version, ref, keys)
                if statement.kind is StatementKind.CONSIDERATION:
                    yield from self.consideration_asks(version, statement, (i, j))
        yield from self.removals(version)
        if self.endorsed(version) and version.id not in self.dated_ahead:
            yield from self.superseded_by(version)

    def superseded_by(self, version: Version) -> Iterator[Problem]:
        """Advise marking endorsed *version* superseded when a newer version is endorsed.

        Which is newer is read from the dates; a date warned about as after
        today (:meth:`decided_ahead`: likely a typo) decides nothing, so the
        advice then says both are endorsed and that date must be fixed first.
        A version dated ahead itself gets no advice: the other one's does.
        """
        newer = [v for v in self.doc.versions if self.endorsed(v) and v.date > version.date]
        trusted = [v for v in newer if v.id not in self.dated_ahead]
        if trusted:
            yield _warn(
                _at(version, "status"),
                f"version {version.id!r} is endorsed, but {trusted[-1].id!r} is a newer "
                "endorsed version: mark this one superseded",
            )
        elif newer:
            ahead = newer[-1]
            yield _warn(
                _at(version, "status"),
                f"version {version.id!r} is endorsed, and so is {ahead.id!r}, whose date "
                f"({ahead.date}) is after today: fix that date first, then mark the older "
                "of the two superseded",
            )

    def consideration_asks(
        self, version: Version, statement: Statement, place: tuple[int, int]
    ) -> Iterator[Problem]:
        """Warn when a point to consider asks with an expectation or a requirement.

        ``kind: consideration`` says the Board offers a point to consider (the
        2024 education section's ``may wish to consider``); a text that says
        ``should`` or ``must`` reads as a direction, as the seed paper's
        workforce advice warned. ``will`` is left alone: in a council's answer
        it tells what the council will do (``Officers will ask ...``).
        """
        from policypos.significance import obligations

        asks = [
            phrase
            for phrase, strength in obligations(statement.text)
            if strength >= 3 and phrase.lower().split()[0] not in _FUTURE
        ]
        if asks:
            yield _warn(
                _at(version, "sections", place[0], "statements", place[1], "kind"),
                f"statement {statement.id!r} is a consideration, but its text asks with "
                f"{quoted(asks[0])}: word it as a point to consider, or make it a position",
            )

    def endorsed(self, version: Version) -> bool:
        """Whether *version* is endorsed, as far as its status and date could be read."""
        return version.status is Status.ENDORSED and version.id not in self.unsure_statuses

    def endorsed_before_written(self, version: Version) -> Iterator[Problem]:
        """Warn when the meeting that endorsed *version* is dated before the version itself."""
        meeting = next((m for m in self.doc.meetings if m.id == version.meeting), None)
        if meeting is None or meeting.date >= version.date:
            return
        if version.id in self.unsure_dates | self.dated_ahead:
            return
        if meeting.id in self.unsure_meeting_dates:
            return
        yield _warn(
            _at(version, "meeting"),
            f"version {version.id!r} is dated {version.date}, but the meeting that endorsed it "
            f"({meeting.id!r}) is dated {meeting.date}, before it: check both dates",
        )

    def dated_after_base(self, version: Version) -> Iterator[Problem]:
        base = next((v for v in self.doc.versions if v.id == version.based_on), None)
        if base is None or {version.id, base.id} & (self.unsure_dates | self.dated_ahead):
            return
        if version.date < base.date:
            yield _warn(
                _at(version, "date"),
                f"version {version.id!r} is dated {version.date}, before the version it is "
                f"based on ({base.id!r}, {base.date})",
            )

    def removals(self, version: Version) -> Iterator[Problem]:
        """Whether each ``removed`` entry names a place the version revised had and this lacks.

        The version revised is the one ``render report`` compares it with
        (:meth:`Document.base_of`); a removal is only news against it. Where
        that version, or either's sections, could not be read, the place may
        be among what was lost, so only the citations are checked.
        """
        base_id = self.doc.base_of(version)
        base = next((v for v in self.doc.versions if v.id == base_id), None)
        whole = base is not None and not {base.id, version.id} & self.lost_sections
        here = {p for s in version.sections for p in (s.id, *(t.id for t in s.statements))}
        for i, removal in enumerate(version.removed):
            for k, ref in enumerate(removal.addresses):
                yield from self.reference(version, ref, ("removed", i, "addresses", k))
            if base is None and base_id is None:
                yield _error(
                    _at(version, "removed", i, "id"),
                    f"'removed' names {removal.id!r}, but version {version.id!r} revises no "
                    "earlier version: there is nothing it could have removed",
                )
            elif removal.id in here:
                yield _error(
                    _at(version, "removed", i, "id"),
                    f"'removed' names {removal.id!r}, which version {version.id!r} still has: "
                    "cite the comment from it with 'addresses' instead",
                )
            elif whole and base is not None:
                there = [p for s in base.sections for p in (s.id, *(t.id for t in s.statements))]
                if removal.id not in there:
                    yield _error(
                        _at(version, "removed", i, "id"),
                        f"'removed' names {removal.id!r}, which is no section or statement of "
                        f"version {base.id!r}, the version it revises"
                        f"{did_you_mean(removal.id, [p for p in there if p not in here])}",
                    )
        if base is not None:
            yield from _removed_twice(version, base)

    def reference(
        self, version: Version, ref: str, keys: tuple[str | int, ...]
    ) -> Iterator[Problem]:
        meeting_id = ref.partition("/")[0]
        if self.missing("meeting", meeting_id):
            yield self.unknown(version, "meeting", meeting_id, *keys)
        elif (
            ref not in self.comment_refs
            and meeting_id not in self.lost_comments
            and not self.meetings_unread
        ):
            yield _error(_at(version, *keys), f"addresses unknown comment {quoted(ref)}")
        else:
            yield from self.answered_before_made(version, ref, keys)

    def answered_before_made(
        self, version: Version, ref: str, keys: tuple[str | int, ...]
    ) -> Iterator[Problem]:
        """Refuse *version* citing comment *ref* when a version built on it is the one to answer it.

        A draft is revised in place: a meeting reviews it, and the same draft
        then answers the comments (the cycle docs/editing.md gives). Once a
        version is built on it (names it as ``based_on``: dates alone do not
        say that one version was made from another), the text changes there:
        comments made at a meeting that reviewed *version*, or at any meeting
        held once the later version was started, are the later one's to
        answer, and its board paper takes them forward. Cited from *version*, such a comment
        reads as answered by the very text it was made on (the paper counts
        it answered and drops it from the comments taken forward). Dates that
        could not be read, a decision dated after today (a likely typo,
        warned about), or a later version dated before *version* (warned
        about by :meth:`dated_after_base`) decide nothing; a later version is
        started no earlier than the versions it was built on (:meth:`started`).
        """
        later = [v for v in self.doc.versions if v.based_on == version.id and v is not version]
        meeting = next((m for m in self.doc.meetings if m.id == ref.partition("/")[0]), None)
        if not later or meeting is None or version.id in self.in_cycle:
            return  # in a based_on cycle (an error), each version is built on another
        unsure = self.unsure_dates | self.dated_ahead
        started = {
            v.id: self.started(v)
            for v in later
            if v.id not in unsure and (version.id in unsure or v.date >= version.date)
        }
        first = min(
            (v for v in later if v.id in started), key=lambda v: (started[v.id], v.id), default=None
        )
        if meeting.reviews == version.id:
            successor = first or later[0]
            why = (
                f"the meeting that reviewed it, and {successor.id!r} is built on it: the "
                "comments made on a version are answered by the version built on it"
            )
        elif (
            first is not None
            and meeting.id not in self.unsure_meeting_dates
            and meeting.date >= started[first.id]
        ):
            successor = first
            why = (
                f"after {first.id!r} was built on it ({started[first.id]}): from then on "
                f"{first.id!r} is the version that answers comments"
            )
        else:
            return
        yield _error(
            _at(version, *keys),
            f"version {version.id!r} cannot answer comment {ref}: it was made at "
            f"{meeting.id!r} ({meeting.date}), {why}; cite it from {successor.id!r}",
        )

    def started(self, version: Version) -> dt.date:
        """The day *version* can have been started: its date, or a later one it was built on.

        A version cannot be begun before the version it copies existed: one
        dated before its base (a likely typo, warned about by
        :meth:`dated_after_base`) is taken as started on its base's day, and
        so on down its ``based_on`` chain. Dates that could not be read, or
        that lie ahead, are passed over.
        """
        by_id = {v.id: v for v in self.doc.versions}
        unsure = self.unsure_dates | self.dated_ahead
        day, seen = version.date, {version.id}
        base = by_id.get(version.based_on or "")
        while base is not None and base.id not in seen:
            seen.add(base.id)
            if base.id not in unsure:
                day = max(day, base.date)
            base = by_id.get(base.based_on or "")
        return day

    def cycles(self) -> Iterator[tuple[Problem, list[str]]]:
        """Yield each based_on cycle once, as its problem and its members."""
        base = {v.id: v.based_on for v in self.doc.versions}
        reported: set[str] = set()
        for version in self.doc.versions:
            chain = [version.id]
            while (parent := base.get(chain[-1])) is not None and parent not in chain:
                chain.append(parent)
            if parent is None or parent != version.id or version.id in reported:
                continue
            reported.update(chain)
            loop = " -> ".join([*chain, version.id])
            problem = _error(_at(version, "based_on"), f"based_on goes round in a circle: {loop}")
            yield problem, chain

    def meeting(self, meeting: Meeting) -> Iterator[Problem]:
        if meeting.reviews is not None and self.missing("version", meeting.reviews):
            yield self.unknown(meeting, "version", meeting.reviews, "reviews")
        elif meeting.reviews is not None:
            reviewed = next((v for v in self.doc.versions if v.id == meeting.reviews), None)
            if (
                reviewed is not None
                and reviewed.id not in self.unsure_dates
                and reviewed.id not in self.dated_ahead
                and meeting.id not in self.unsure_meeting_dates
                and reviewed.date > meeting.date
            ):
                yield _warn(
                    _at(meeting, "reviews"),
                    f"meeting {meeting.id!r} is dated {meeting.date}, but the version it "
                    f"reviews ({reviewed.id!r}) is dated {reviewed.date}, after it: "
                    "check both dates",
                )
        for i, comment in enumerate(meeting.comments):
            for k, part in enumerate(comment.on):
                if part not in self.parts and self.versions_whole:
                    yield _error(
                        _at(meeting, "comments", i, "on", k),
                        f"'on' names {quoted(part)}, which is no section or statement of any "
                        "version"
                        f"{did_you_mean(part, sorted(self.parts))}",
                    )
            if comment.ref not in self.unsure_comments:
                yield from self.disposition(meeting, i)
                yield from self.history(meeting, i)

    def disposition(self, meeting: Meeting, i: int) -> Iterator[Problem]:
        """Whether the disposition of the *i*-th comment agrees with the versions' citations."""
        comment = meeting.comments[i]
        cited = self.cited.get(comment.ref, [])
        disposition = comment.disposition
        noun = kinds_noun([comment.kind], 1)  # a recommendation is not called a comment
        where = _at(meeting, "comments", i, "disposition")
        if disposition.needs_citation and not cited and self.versions_whole:
            yield _error(
                where,
                f"{noun} {comment.ref} is {disposition} but no version cites it in "
                f"'addresses' {_NOR_REMOVED}",
            )
        if disposition.needs_citation and cited:
            yield from self.answered_off_the_way(comment.ref, disposition, where, noun)
        if disposition is Disposition.OPEN and cited:
            yield _warn(where, f"{_open_but_cited(comment.ref, noun)}{', '.join(cited)}")
        if disposition is Disposition.REFERRED and comment.referred_to is None:
            yield _warn(where, f"{noun} {comment.ref} is referred but says not to whom")
        if disposition is not Disposition.REFERRED and comment.referred_to is not None:
            yield _warn(
                _at(meeting, "comments", i, "referred_to"),
                f"{noun} {comment.ref} has 'referred_to' but its disposition is {disposition}",
            )

    def answered_off_the_way(
        self, ref: str, disposition: Disposition, where: Location | None, noun: str
    ) -> Iterator[Problem]:
        """Warn when comment *ref* counts as answered only by versions on the way to nothing.

        A parallel draft overtaken when another was endorsed, or a withdrawn
        version, is in force nowhere and will never be (see
        :meth:`Document.on_the_way`): its answer is no answer. FORMAT.md makes
        an error only of an answer no version cites; this one is cited, and
        the draft may yet be taken up again, so it is a warning. Statuses or
        dates that could not be read, or lie ahead, decide nothing, and nor
        does a ``based_on`` that names nothing or goes round (errors already).
        """
        if self.unsure_statuses or self.dated_ahead or not self.versions_whole or self.in_cycle:
            return
        if any(v.based_on and self.missing("version", v.based_on) for v in self.doc.versions):
            return
        live = self.doc.on_the_way(self.today)
        citing = self.citing.get(ref, [])
        if not citing or set(citing) & live:
            return
        current = self.doc.in_force(self.today)
        withdrawn = {v.id for v in self.doc.versions if v.status is Status.WITHDRAWN}
        names = ", ".join(repr(v) for v in citing)
        which = "version {} cites" if len(citing) == 1 else "versions {} cite"
        if current is None or set(citing) <= withdrawn:
            why = "which is withdrawn: its answer is in force nowhere, and never will be"
        else:
            why = (
                f"never in force and not on the way to {current.id!r}, the version in force: "
                f"an overtaken draft's answer is in force nowhere; cite the {noun} from "
                f"{current.id!r} or a draft built on it"
            )
        yield _warn(
            where, f"{noun} {ref} is {disposition}, but only {which.format(names)} it, {why}"
        )

    def history(self, meeting: Meeting, i: int) -> Iterator[Problem]:
        """Whether the meetings and versions the *i*-th comment's history names exist."""
        for k, entry in enumerate(meeting.comments[i].history):
            for kind, name in (("meeting", entry.meeting), ("version", entry.version)):
                if name is not None and self.missing(kind, name):
                    yield self.unknown(meeting, kind, name, "comments", i, "history", k, kind)

    def missing(self, kind: str, name: str) -> bool:
        """Whether the document has no *kind* (``version``, ``meeting``) *name*, read or not."""
        if kind == "version":
            return not self.versions_unread and name not in self.version_ids
        return not self.meetings_unread and name not in self.meeting_ids

    def report(self, report: Report) -> Iterator[Problem]:
        """A report file: named after a version or a meeting, its keys and ``reasons`` used."""
        # As far as can be told: an unreadable folder may have held the version or meeting.
        paper = not self.missing("version", report.id)
        response = not self.missing("meeting", report.id)
        if not paper and not response:
            versions = ", ".join(sorted(self.version_ids)) or "none"
            meetings = ", ".join(sorted(self.meeting_ids)) or "none"
            # The file's name is the mistake: the error is the whole file's, with no line.
            whole = Location(report.origin.path) if report.origin is not None else None
            yield _error(
                whole,
                f"report file {report.id!r} is named after no version or meeting of document "
                f"{self.doc.id!r}: a board paper's report takes the id of the version it brings "
                f"(known: {versions}), a response's the id of the meeting it answers (known: "
                f"{meetings}){did_you_mean(report.id, [*self.version_ids, *self.meeting_ids])}",
            )
            return
        if not response:
            yield from _unused(
                report,
                _RESPONSE_ONLY,
                "a response to a meeting's recommendations",
                f"the board paper bringing version {report.id!r}",
            )
        if not paper:
            yield from _unused(
                report, _PAPER_ONLY, "a board paper", f"the response to meeting {report.id!r}"
            )
        else:
            yield from _left_out_but_written(report)
        version = next((v for v in self.doc.versions if v.id == report.id), None)
        if version is None or version.id in self.lost_sections:
            return  # the version could not be read, or lost sections: a reason may name one
        base_id = self.doc.base_of(version)
        base = next((v for v in self.doc.versions if v.id == base_id), None)
        if base_id is not None and (base is None or base_id in self.lost_sections):
            return  # the version it revises is unknown (reported) or was not read whole
        yield from report_problems(report, version, base)

    def unknown(self, record: Version | Meeting, kind: str, name: str, *keys: str | int) -> Problem:
        known = self.version_ids if kind == "version" else self.meeting_ids
        listing = ", ".join(sorted(known)) or "none"
        message = f"no {kind} {quoted(name)} in document {self.doc.id!r} (known: {listing})"
        if kind == "version":
            return _error(_at(record, *keys), message + did_you_mean(name, sorted(known)))
        # A meeting may be named before its file is written: say how to write it.
        near = closest(name, sorted(known), numbered=True)
        message += f"; did you mean {quoted(near)}? If not, " if near is not None else "; "
        return _error(_at(record, *keys), message + new_meeting_hint(self.doc.id, name))

    def hidden_characters(self) -> Iterator[Problem]:
        """Warn of text fields holding characters that hide or reorder what is shown."""
        doc = self.doc
        yield from _hidden(
            doc,
            (),
            title=doc.title,
            organisation=doc.organisation,
            owner=doc.owner,
            summary=doc.summary,
        )
        for version in doc.versions:
            yield from _hidden(version, (), title=version.title, preamble=version.preamble)
            for i, section in enumerate(version.sections):
                yield from _hidden(
                    version, ("sections", i), title=section.title, intro=section.intro
                )
                for j, statement in enumerate(section.statements):
                    keys = ("sections", i, "statements", j)
                    yield from _hidden(version, keys, text=statement.text, note=statement.note)
        for meeting in doc.meetings:
            yield from _hidden(meeting, ("meeting",), body=meeting.body, item=meeting.item)
            for i, c in enumerate(meeting.comments):
                yield from _hidden(
                    meeting,
                    ("comments", i),
                    by=c.by,
                    text=c.text,
                    response=c.response,
                    referred_to=c.referred_to,
                )
                for k, e in enumerate(c.history):
                    yield from _hidden(
                        meeting,
                        ("comments", i, "history", k),
                        response=e.response,
                        referred_to=e.referred_to,
                        note=e.note,
                    )
        for report in self.reports:
            yield from _report_hidden(report)


def report_problems(
    report: Report, version: Version, base: Version | None = None
) -> tuple[Problem, ...]:
    """The problems of a board paper's report file against the versions the paper compares.

    Each ``reasons`` key must name a section of *version*, the one the paper
    brings, or of *base*, the one it revises (a removed section keeps its
    old id): a reason for any other id would be left out of the paper
    without a word. One error per such key, at its line, suggesting the
    closest section id when one is close. ``policypos validate`` takes as
    *base* the version that ``policypos render report NEW`` compares NEW
    with; :func:`policypos.documents.board_paper` the change set's old version.

    Returns:
        The errors, in file order; empty when every key names a section.
    """
    known = [s.id for v in (version, base) if v is not None for s in v.sections]
    where = f"version {version.id!r}" + (
        f" nor of {base.id!r}, the version it revises" if base is not None else ""
    )
    return sorted_problems(
        _error(
            _at(report, "reasons", key),
            f"'reasons' names {quoted(key)}, which is no section of {where}"
            f"{did_you_mean(key, known)}",
        )
        for key in report.reasons
        if key not in known
    )


# The keys of a report file that only one kind of paper shows (policypos.documents:
# board_paper and response), with the Report attribute each fills.
_PAPER_ONLY = {
    "summary": "summary",
    "plan_theme": "plan_theme",
    "annex": "annex",
    "reasons": "reasons",
    "next_steps": "next_steps",
    "leave_out": "leave_out",
}
_RESPONSE_ONLY = {
    "to": "to",
    "date": "date",
    "reference": "reference",
    "from": "author",
    "electoral_divisions": "electoral_divisions",
    "forward_plan": "forward_plan",
    "key_decision": "key_decision",
    "recommendation": "recommendation",
    "background": "background",
    "priorities": "priorities",
    "sources": "sources",
}


def _unused(report: Report, keys: Mapping[str, str], shown_in: str, this: str) -> Iterator[Problem]:
    for key, attribute in keys.items():
        if getattr(report, attribute) not in (None, (), {}, frozenset()):
            yield _warn(
                _at(report, key),
                f"{quoted(key)} is shown only in {shown_in}, and this report is for {this}: "
                "it is not used",
            )


def _left_out_but_written(report: Report) -> Iterator[Problem]:
    """Warn of a part ``leave_out`` names that the report writes: the paper shows it anyway."""
    written = {h.heading.casefold() for h in report.implications}
    for name, heading in STANDARD_PARTS.items():
        if name not in report.leave_out:
            continue
        if (name == "plan_theme" and report.plan_theme) or heading.casefold() in written:
            yield _warn(
                _at(report, "leave_out"),
                f"'leave_out' names {quoted(name)}, but the report writes it ({heading}): "
                "the paper shows what is written",
            )


_NOR_REMOVED = "(nor in 'removed', where a version answers it by leaving a place out)"
"""Where else a comment is cited: a removal answers it from the version's ``removed``."""


def _open_but_cited(ref: str, noun: str) -> str:
    return f"{noun} {ref} is open but cited by "


def is_open_but_cited(problem: Problem, ref: str) -> bool:
    """Whether *problem* is the warning that comment *ref* is still open though a version cites it.

    ``cite`` expects it (cite first, then set the disposition) and says so in
    a note instead; ``validate`` and ``propose`` still warn of it.
    """
    starts = tuple(_open_but_cited(ref, kinds_noun([kind], 1)) for kind in CommentKind)
    return not problem.is_error and problem.message.startswith(starts)


def _report_hidden(report: Report) -> Iterator[Problem]:
    attribute = {"from": "author"}
    texts = {key: getattr(report, attribute.get(key, key)) for key in REPORT_TEXTS}
    yield from _hidden(report, (), **texts)
    yield from _hidden(report, ("reasons",), **report.reasons)
    for i, contact in enumerate(report.contacts):
        yield from _hidden(report, ("contacts", i), **attrs.asdict(contact))
    for key in ("implications", "priorities", "sources"):
        for i, heading in enumerate(getattr(report, key)):
            yield from _hidden(report, (key, i), heading=heading.heading, text=heading.text)


def _hidden(
    record: Document | Version | Meeting | Report, keys: tuple[str | int, ...], **texts: str | None
) -> Iterator[Problem]:
    for field, text in texts.items():
        codes = [f"U+{ord(c):04X}" for c in dict.fromkeys(_HIDDEN.findall(text or ""))]
        if len(codes) == 1:
            what = f"{codes[0]}, a control character"
        elif codes:
            what = f"{', '.join(codes[:-1])} and {codes[-1]}, control characters"
        else:
            continue
        yield _warn(
            _at(record, *keys, field),
            f"{quoted(field)} holds {what} that can hide or reorder what is shown",
        )


def _same_titles(version: Version) -> Iterator[Problem]:
    """Warn of a section titled as an earlier section of *version* is.

    The annex, the board paper and the comparison name sections by their
    titles ("The Energy & buildings section has been removed"): two of one
    name leave a reader unable to tell which is meant. Titles are compared as
    a reader sees them, ignoring case and runs of white space.
    """
    first: dict[str, tuple[int, str]] = {}
    for n, section in enumerate(version.sections, 1):
        seen = " ".join(section.title.split()).casefold()
        if seen not in first:
            first[seen] = (n, section.id)
            continue
        number, earlier = first[seen]
        yield _warn(
            _at(version, "sections", n - 1, "title"),
            f"section {n} ({section.id!r}) has the same title as section {number} "
            f"({earlier!r}), {quoted(section.title)}: the papers name sections by their "
            "titles, so a reader cannot tell the two apart; rename one, or merge them",
        )


def _names(names: frozenset[str], prefix: str, suffix: str = "") -> set[str]:
    """The names in *names* that start with *prefix* and end with *suffix*, without them."""
    return {
        name[len(prefix) : len(name) - len(suffix)]
        for name in names
        if name.startswith(prefix) and name.endswith(suffix)
    }


def _at(record: Document | Version | Meeting | Report, *keys: str | int) -> Location | None:
    return record.origin.locate(*keys) if record.origin is not None else None


_FUTURE = frozenset(["will", "'ll", "won't"])
"""Modals a consideration may use: they say what someone will do, not what is asked."""


def _error(location: Location | None, message: str) -> Problem:
    return Problem(Severity.ERROR, message, location)


def _warn(location: Location | None, message: str) -> Problem:
    return Problem(Severity.WARNING, message, location)


def _removed_twice(version: Version, base: Version) -> Iterator[Problem]:
    """Warn of a ``removed`` statement whose section is removed for the same comment.

    Leaving a section out leaves its statements out with it: the statement's
    entry says nothing more (a warning, not an error: the answer is right).
    """
    section_of = {t.id: s.id for s in base.sections for t in s.statements}
    answers = {r.id: set(r.addresses) for r in version.removed}
    for i, removal in enumerate(version.removed):
        section = section_of.get(removal.id)
        shared = [ref for ref in removal.addresses if ref in answers.get(section or "", ())]
        if section is not None and shared:
            yield _warn(
                _at(version, "removed", i, "id"),
                f"'removed' names {removal.id!r} for {', '.join(map(quoted, shared))}, and "
                f"its section {section!r} for the same: leaving the section out leaves its "
                "statements out, so this entry can go",
            )
