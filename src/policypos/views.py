"""What reviewers read in a terminal or paste into a paper: the views of the commands.

The outline (``show``), the log, the comment log, a comment's answers, the
word-diff and its board-paper Markdown (``diff``) and a statement's history,
each as a terminal view, Markdown (through the templates of
:mod:`policypos.render`) and, where a command offers it, the JSON envelope it
prints. The board documents themselves are :mod:`policypos.documents` and
:mod:`policypos.render`.

Terminal views take a *width* (``None``: do not wrap, one record a line, as
suits a pipe) and a *style* function that may colour a piece of text by its
role (``heading``, ``id``, ``muted``, ``status``, ``delete``, ``insert``); the
default leaves text plain. Every piece of user text in them goes through
:func:`terminal_safe`, so nothing a user wrote can act on the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from policypos import significance
from policypos.changeset import Counted
from policypos.errors import NotFoundError, literal
from policypos.model import Comment, Document, Meeting, Status, Version, kinds_noun
from policypos.render import (
    critic_blocks,
    critic_safe,
    environment,
    markdown_cell,
    render_template,
    starts_block,
    visible_controls,
)

if TYPE_CHECKING:
    from policypos.answers import Answer
    from policypos.changeset import ChangeSet, FieldChange, SectionChange, StatementChange
    from policypos.documents import Places
    from policypos.history import HistoryStep
    from policypos.redline import Piece

__all__ = [
    "AMENDMENT_COLUMNS",
    "Style",
    "amendments_csv",
    "answers_markdown",
    "answers_text",
    "changeset_markdown",
    "changeset_text",
    "comments_markdown",
    "comments_text",
    "history_branches",
    "history_context",
    "history_markdown",
    "history_text",
    "in_force_line",
    "log_markdown",
    "log_text",
    "moves_notes",
    "outline_markdown",
    "outline_text",
    "parts_notes",
    "plain",
    "shown_redline",
    "spreadsheet_safe",
    "terminal_safe",
]

Style = Callable[[str, str], str]
"""``style(text, role) -> text``: how a view marks up a piece of text of a given role."""


def terminal_safe(text: str) -> str:
    r"""*text* with every character that could act on a terminal written as an escape.

    C0 and C1 controls but tab and newline, and the bidi controls, as
    ``\x1b`` or ``\u202e`` (:func:`policypos.render.visible_controls`).
    """
    return visible_controls(text)


def plain(text: str, role: str) -> str:
    """The default :data:`Style`: leave the text as it is."""
    return text


def in_force_line(
    document: Document, version: Version, period: tuple[dt.date, dt.date | None]
) -> str:
    """``Version 2005 was in force from 1 January 2005 until 18 July 2024.``, and a blank line."""
    from policypos.documents import long_date

    since, until = period
    if until is None:
        return f"Version {version.id} is in force, since {long_date(since)}.\n\n"
    return (
        f"Version {version.id} was in force from {long_date(since)} until {long_date(until)}.\n\n"
    )


def outline_markdown(document: Document, version: Version) -> str:
    """Return *version* as a Markdown document: sections and numbered statements."""
    return render_template("outline.md.j2", document=document, version=version)


def outline_text(
    document: Document, version: Version, *, width: int | None = None, style: Style = plain
) -> str:
    """Return the terminal outline of *version*: sections and numbered statements."""
    lines = [style(terminal_safe(version.title or document.title), "heading")]
    lines.append(terminal_safe(f"{document.organisation} · {document.owner}"))
    facts = [f"version {version.id}", style(str(version.status), "status"), str(version.date)]
    if version.based_on:
        facts.append(f"based on {version.based_on}")
    if version.meeting:
        facts.append(f"{_meeting_role(version)} {_meeting_label(document, version.meeting)}")
    lines.append(" · ".join(facts))
    for number, section in enumerate(version.sections, 1):
        lines.append("")
        title = terminal_safe(section.title)
        lines.append(f"{style(f'{number}. {title}', 'heading')}  {style(section.id, 'id')}")
        if section.addresses:
            lines.append(style(f"   answers {', '.join(section.addresses)}", "muted"))
        for sub, statement in enumerate(section.statements, 1):
            head = f"{number}.{sub}"
            lead = f"   {head:<6}"
            kind = "" if statement.kind == "position" else f"({statement.kind}) "
            body = _wrap(f"{kind}{statement.text}", width, len(lead))
            lines.append(f"{lead}{body}  {style(statement.id, 'id')}")
    return "\n".join(lines) + "\n"


def log_text(document: Document, *, style: Style = plain) -> str:
    """Return the document's versions and meetings in date order, one a line."""
    rows = _log_rows(document)
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    out = []
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        cells[2] = style(cells[2], "id")
        cells[3] = style(cells[3], "status") if row[1] == "version" else cells[3]
        out.append("  ".join([*cells, row[4]]).rstrip())
    return "\n".join(out) + "\n" if out else ""


def _log_rows(document: Document) -> list[tuple[str, str, str, str, str]]:
    """(date, kind, id, status or body, facts) for each version and meeting, in date order."""
    rows = []
    events: list[tuple[tuple[Any, ...], Version | Meeting]] = [
        ((v.date, 0, v.id), v) for v in document.versions
    ]
    events += [((m.date, 1, m.id), m) for m in document.meetings]
    for _, record in sorted(events, key=lambda e: e[0]):
        if isinstance(record, Version):
            facts = _version_facts(document, record)
            rows.append((str(record.date), "version", record.id, str(record.status), facts))
        else:
            facts = terminal_safe(_meeting_facts(document, record))
            rows.append((str(record.date), "meeting", record.id, terminal_safe(record.body), facts))
    return rows


def comments_markdown(
    groups: Sequence[tuple[Document, Sequence[Comment]]], *, named: bool = False
) -> str:
    """Return the comment log as a Markdown table, a row per comment.

    With *named* (a log across documents), a first column names each comment's document.
    """
    rows = [
        (
            document,
            comment,
            [f"{v.id}: {', '.join(p)}" for v, p in document.citations_of(comment)]
            + [
                f"{v.id}: {_removing(document, v, ids)}" for v, ids in document.removals_of(comment)
            ],
        )
        for document, chosen in groups
        for comment in chosen
    ]
    title = groups[0][0].title if len(groups) == 1 and not named else None
    return render_template("comment-list.md.j2", rows=rows, named=named, title=title)


def log_markdown(document: Document) -> str:
    """Return the document's versions and meetings in date order, as a Markdown table."""
    return render_template("log.md.j2", document=document, rows=_log_rows(document))


def answers_markdown(document: Document, comment: Comment, answers: Sequence[Answer]) -> str:
    """Return one comment and what each version citing it changed, as Markdown tracked changes.

    Sections and statements are named as in the Markdown diff
    (:func:`changeset_markdown`): a section by number and heading, a statement
    by its paragraph number, with its notes, its id as a code span and its
    list kept.
    """
    sections, statements, unlisted = [], [], []
    for answer in answers:
        base = answer.base or Version("", answer.version.date, answer.version.status, ())
        numbers, places = _board_places(base, answer.version)
        sections.append(
            [
                (
                    _answer_section_name(s, numbers, places),
                    s.change,
                    places.old_titles.get(s.old_id or s.id) if s.renamed else None,
                )
                for s in answer.sections
            ]
        )
        statements.append(_tracked(answer.statements, numbers, places))
        unshown = _removals_unshown(answer)
        unlisted.append(_removing(document, answer.version, unshown) if unshown else None)
    return render_template(
        "answers.md.j2",
        document=document,
        comment=comment,
        answers=answers,
        sections=sections,
        statements=statements,
        unlisted=unlisted,
    )


def _answer_section_name(section: SectionChange, numbers: _Numbers, places: Places) -> str:
    """``Section 4, Individual support``; ``Former section 3, Energy`` for one removed.

    A removed section (one whose removal answers the comment) has only the
    number and heading the version it was removed from gave it.
    """
    if section.new is None:
        old = section.old_id or section.id
        return f"Former section {numbers.old_sections[old]}, {places.old_titles[old]}"
    return f"Section {numbers.new_sections[section.id]}, {places.new_titles[section.id]}"


def history_markdown(document: Document, steps: Sequence[HistoryStep]) -> str:
    """Return a statement's history as Markdown: its first text, then tracked changes.

    Each version's heading says what it was based on where that is not the
    version above it, and a return after a gap where it was last held
    (:func:`history_context`).
    """
    said = [
        history_context(step, steps[n - 1].version if n else None, numbered=document)
        for n, step in enumerate(steps)
    ]
    from policypos.history import newest

    name = newest(steps)
    named = name.statement.id if name is not None and name.statement is not None else ""
    return render_template(
        "history.md.j2",
        document=document,
        steps=steps,
        context=said,
        named=named,
        # Numbered as the newest version holding it numbers it, and that
        # version said where a later one removed it (or it is on a branch).
        number=(
            None
            if name is None
            else name.number
            if name is steps[-1]
            else f"{name.number} of version {name.version.id}"
        ),
        places=[_history_place(step) for step in steps],
        texts=[
            critic_blocks(shown_redline(s.change)).strip("\n") if s.change is not None else ""
            for s in steps
        ],
        branches=history_branches(steps),
    )


def _history_place(step: HistoryStep) -> str | None:
    """``Paragraph 4.3, section 4, Individual support``: where a step's version holds it."""
    if step.section is None or step.number is None:
        return None
    section = step.version.section_numbers()[step.section]
    title = _markdown_titles(step.version)[step.section]
    return f"Paragraph {step.number}, section {section}, {title}"


def comments_text(
    document: Document,
    comments: Iterable[Comment],
    *,
    width: int | None = None,
    style: Style = plain,
    named: bool = False,
) -> str:
    """Return the comment log: each comment, its disposition, the answer and what cites it.

    With *named*, each comment's heading starts with its document's id (for
    a log across documents).
    """
    out = []
    for comment in comments:
        status = style(comment.standing, "status")
        head = f"{style(comment.ref, 'id')}  {comment.kind}  {status}"
        if named:
            head = f"{document.id}  {head}"
        if comment.by:
            head += f"  {style(terminal_safe(comment.by), 'muted')}"
        out.append(_fold(head, width, 4))
        out.append("    " + _wrap(comment.text, width, 4))
        if comment.on:
            out.append(_fold(style(f"    on: {', '.join(comment.on)}", "muted"), width, 8))
        if comment.referred_to:
            out.append("    referred to: " + _wrap(comment.referred_to, width, 17))
        if comment.response:
            out.append("    response: " + _wrap(comment.response, width, 14))
        for version, places in document.citations_of(comment):
            out.append(_fold(f"    cited by {version.id}: {', '.join(places)}", width, 8))
        for version, ids in document.removals_of(comment):
            said = f"    answered by {version.id} {_removing(document, version, ids)}"
            out.append(_fold(said, width, 8))
        out.append("")
    return "\n".join(out)


def _removals_unshown(answer: Answer) -> tuple[str, ...]:
    """The ids *answer*'s version removed that its comparison does not show removed.

    Compared with another version than the one it revises (the one the
    comment's meeting reviewed), a removal may not show as one: it is
    named on its own line instead, so that the answer is not lost.
    """
    shown = {s.old_id for s in answer.sections} | {s.old_id for s in answer.statements}
    return tuple(i for i in answer.removed if i not in shown)


def _removing(document: Document, version: Version, ids: Sequence[str]) -> str:
    """``removing former section 3 (energy-2)``: the places whose removal answers a comment.

    Numbered as the version revised numbered them, with the ids the log
    shows for citing places; an id that version lacked is shown alone.
    """
    from policypos.documents import former_places

    named = [
        f"{words} ({place})" if words else place
        for place, words in former_places(document, version, ids)
    ]
    return "removing " + ", ".join(named)


def _version_facts(document: Document, version: Version) -> str:
    facts = []
    if version.based_on:
        facts.append(f"based on {version.based_on}")
    if version.meeting:
        facts.append(f"{_meeting_role(version)} {version.meeting}")
    revised = document.revised_as(version)
    if revised:
        facts.append(f"revised as {', '.join(revised)}")
    cited = document.cited_by(version)
    if cited:
        facts.append(f"answers {len(cited)} {kinds_noun((c.kind for c in cited), len(cited))}")
    statements = sum(len(s.statements) for s in version.sections)
    facts.insert(
        0, f"{_plural(len(version.sections), 'section')}, {_plural(statements, 'statement')}"
    )
    return "; ".join(facts)


def _endorsed_at_meeting(version: Version) -> bool:
    """Whether *version*'s ``meeting`` endorsed it (it is or was in force), not only heard it."""
    return version.meeting is not None and version.status in (Status.ENDORSED, Status.SUPERSEDED)


def _meeting_role(version: Version) -> str:
    """What *version*'s ``meeting`` did with it: ``endorsed at`` or ``presented to``."""
    return "endorsed at" if _endorsed_at_meeting(version) else "presented to"


def _meeting_facts(document: Document, meeting: Meeting) -> str:
    facts = []
    if meeting.item:
        facts.append(meeting.item)
    if meeting.reviews:
        facts.append(f"reviews {meeting.reviews}")
    endorsed = [
        v.id for v in document.versions if v.meeting == meeting.id and _endorsed_at_meeting(v)
    ]
    if endorsed:
        facts.append(f"endorsed {', '.join(endorsed)}")
    counts = Counter(c.standing for c in meeting.comments)
    tally = ", ".join(f"{n} {d}" for d, n in sorted(counts.items()))
    n = len(meeting.comments)
    noun = kinds_noun((c.kind for c in meeting.comments), n)
    facts.append(f"{n} {noun}" + (f" ({tally})" if tally else ""))
    return "; ".join(facts)


def _meeting_label(document: Document, meeting_id: str) -> str:
    try:
        meeting = document.meeting(meeting_id)
    except NotFoundError:  # the validator reports it; the outline still shows the id
        return meeting_id
    return terminal_safe(f"{meeting.id} ({meeting.body}, {meeting.date})")


def _wrap(text: str, width: int | None, indent: int) -> str:
    """Fold *text* to *width*, continuing lines under *indent* spaces; no width: one line.

    Characters that could act on a terminal are escaped (see :func:`terminal_safe`).
    """
    flat = " ".join(terminal_safe(text).split())
    if width is None:
        return flat
    return textwrap.fill(
        flat,
        width=max(width, indent + 20),
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
    )[indent:]


_MARK = {"added": "+", "removed": "-", "modified": "~", "unchanged": "="}


@attrs.frozen
class _Numbers:
    """What views need of the two versions besides the change set.

    Their numbering (to say what moved where) and the comments the old one
    cited already (carried over, not answered anew).
    """

    old_sections: dict[str, int]
    new_sections: dict[str, int]
    old_paragraphs: dict[str, str]
    new_paragraphs: dict[str, str]
    cited_before: frozenset[str]
    """The comments the old version cited already: carried over, not answered anew."""

    @classmethod
    def of(cls, changes: ChangeSet) -> _Numbers:
        return cls.between(changes.old, changes.new)

    @classmethod
    def between(cls, old: Version, new: Version) -> _Numbers:
        return cls(
            old.section_numbers(),
            new.section_numbers(),
            old.paragraph_numbers(),
            new.paragraph_numbers(),
            old.answers(),
        )

    def section_move(self, section: SectionChange) -> str:
        """``section 1, was 4``: where a reordered section stands now and stood before."""
        now = self.new_sections.get(section.id, "?")
        was = self.old_sections.get(section.old_id or section.id, "?")
        return f"now section {now}, was {was}"

    def paragraph_move(self, statement: StatementChange) -> str:
        """``now 2.1, was 2.3``: where a reordered or moved statement stands now and stood."""
        now = self.new_paragraphs.get(statement.id, "?")
        was = self.old_paragraphs.get(statement.old_id or statement.id, "?")
        return f"now {now}, was {was}"


def changeset_text(changes: ChangeSet, *, style: Style = plain, width: int | None = None) -> str:
    """Return a change set as a terminal view, like ``git diff --word-diff``, grouped by section.

    Deleted words show as ``[-words-]`` and inserted ones as ``{+words+}``;
    unchanged statements are counted, not repeated. Without *width* (a pipe,
    a file) each statement is one line, so that the view greps well; with it
    (a terminal's columns) a statement folds at spaces into lines of at most
    *width* characters, continued under its mark. A reordered section or
    statement says where it stands now and where it stood, since paragraph
    numbers come from the order.
    """
    old, new = changes.old, changes.new
    numbers = _Numbers.of(changes)
    heading = style(
        f"{changes.document}: {changes.old_name} ({old.status}, {old.date}) -> "
        f"{changes.new_name} ({new.status}, {new.date})",
        "heading",
    )
    lines = [_fold(heading, width, 2)]
    lines += [_fold(style(f"  {_field_change(f)}", "muted"), width, 4) for f in changes.fields]
    for section in changes.sections:
        lines.append("")
        lines += [_fold(line, width, 4) for line in _section_head(section, style, numbers)]
        quiet = [s for s in section.statements if not s.changed]
        for statement in section.statements:
            if statement.changed:
                lines.append(_statement_line(statement, style, numbers, width=width))
        if quiet:
            lines.append(
                style(
                    f"    {len(quiet)} statement{'s' if len(quiet) != 1 else ''} unchanged", "muted"
                )
            )
    lines += ["", _fold(_summary_line(changes), width, 2)]
    return "\n".join(lines) + "\n"


def _section_head(
    section: SectionChange, style: Style, numbers: _Numbers | None = None
) -> list[str]:
    """A section's line in a word-diff, and a line for each other field that changed."""
    title = terminal_safe(_section_title(section))
    head = f"{_MARK[section.change]} {title}  {style(section.id, 'id')}  [{section.change}"
    if section.renamed and section.old:
        head += f", renamed from {literal(terminal_safe(section.old.title))}"
    if section.old_id and section.old_id != section.id:
        head += f", was {section.old_id}"
    if section.reordered:
        head += f", reordered: {numbers.section_move(section)}" if numbers else ", reordered"
    lines = [style(head + "]", "heading")]
    for field in section.fields:
        if field.name != "id":  # "was ..." in the head says it
            lines.append(style(f"    {_field_change(field)}", "muted"))
    return lines


def answers_text(
    document: Document,
    comment: Comment,
    answers: Sequence[Answer],
    *,
    width: int | None = None,
    style: Style = plain,
) -> str:
    """Return one comment in full, then what each version citing it changed to answer it."""
    lines = comments_text(document, [comment], width=width, style=style).splitlines()
    if not answers:
        lines += ["", "No version cites it."]
    for answer in answers:
        version = answer.version
        since = f"compared with {answer.base.id}" if answer.base else "its first version"
        head = f"Answered in {version.id} ({version.status}, {version.date}), {since}:"
        lines += ["", _fold(style(head, "heading"), width, 2)]
        unshown = _removals_unshown(answer)
        if unshown:
            lines.append(_fold(f"  {_removing(document, version, unshown)}", width, 4))
        for section in answer.sections:
            lines += [_fold(line, width, 4) for line in _section_head(section, style)]
        lines += [_statement_line(statement, style, width=width) for statement in answer.statements]
    return "\n".join(lines) + "\n"


def _field_change(field: FieldChange) -> str:
    """``tags: treatment -> treatment, gambling``: values as a reader writes them, not as repr."""
    return f"{field.name}: {_field_value(field.old)} -> {_field_value(field.new)}"


def _field_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(terminal_safe, map(str, value))) or "(none)"
    if value is None:
        return "(none)"
    return terminal_safe(" ".join(str(value).split()))


def _labels(statement: StatementChange) -> tuple[str, ...]:
    """What a view labels a changed statement with: its findings' labels (``reworded``, ...).

    None for a change of white space alone, or for a whole changed only by
    its parts (the notes say "white space only", where the words went);
    never ``reworded`` for one changed only by text moved to or from another
    statement (:attr:`StatementChange.text_moved_only`), whose notes say
    where it went, though a rule the moved words set off still names itself.
    """
    if statement.whitespace_only or statement.parts_only:
        return ()
    return significance.not_reworded(
        significance.labels(statement.findings), moved_only=statement.text_moved_only
    )


def _statement_line(
    statement: StatementChange,
    style: Style,
    numbers: _Numbers | None = None,
    *,
    width: int | None = None,
) -> str:
    notes = []
    if statement.moved:
        notes.append(f"moved from {statement.old_section}")
    if statement.reordered:
        notes.append(f"reordered: {numbers.paragraph_move(statement)}" if numbers else "reordered")
    if statement.matched_by == "text":
        notes.append(f"was {statement.old_id}, matched by text")
    if statement.whitespace_only:
        notes.append("white space only")
    if statement.split_from:
        notes.append(f"split from {statement.split_from}")
    if statement.merged_into:
        notes.append(f"merged into {statement.merged_into}")
    notes += parts_notes(statement)
    notes += moves_notes(statement)
    words = []
    shown = shown_redline(statement)
    for piece in shown:
        text = terminal_safe(piece.text)  # keeps line ends, and only them
        if piece.op == "equal":
            words.append(text)
            continue
        # Each line of a change is marked on its own, so that a list item
        # added reads as a line of its own, "{+- fund hostels;+}", and no
        # marker is left open at a line's end. White space at the edges of a
        # change stays outside its markers.
        marked_lines = []
        for line in text.split("\n"):
            core = line.strip()
            before = line[: len(line) - len(line.lstrip())]
            after = line[len(line.rstrip()) :]
            marked = f"[-{core}-]" if piece.op == "delete" else f"{{+{core}+}}"
            marked_lines.append(before + (style(marked, piece.op) if core else "") + after)
        words.append("\n".join(marked_lines))
    body = _block_lines("".join(p.text for p in shown), "".join(words))
    lead = f"  {_MARK[statement.change]} {style(statement.id, 'id')}"
    said = _labels(statement)
    if said:
        lead += " " + style(f"[{terminal_safe('; '.join(said))}]", "heading")
    if notes:
        lead += style(f" ({'; '.join(notes)})", "muted")
    fields = "".join(
        style(f"  [{_field_change(f)}]", "muted") for f in statement.fields if f.name != "id"
    )
    first, *rest = body or [""]
    return "\n".join(
        [_fold(f"{lead}  {first}{fields}", width, 4)] + [_continued(line, width) for line in rest]
    )


def _block_lines(raw: str, marked: str) -> list[str]:
    """The lines of a statement's *marked* redline that Markdown reads as lines of their own.

    *raw* is the redline's text unmarked (old and new words together), line
    for line as *marked*. A line that opens a block (a list item, numbered or
    not, a quote, a heading: :func:`policypos.render.starts_block`) or a
    paragraph after a blank line starts a line, keeping its indent (a nested
    item); any other line is a wrapped line of the one before (a ``|`` block
    broken at the margin), joined to it with a space, as Markdown joins it.
    White space within a line is folded; blank lines are left out, since a
    blank line ends a section's block in the text view.
    """
    lines: list[str] = []
    after_blank = True
    for plain, line in zip(raw.split("\n"), marked.split("\n"), strict=True):
        folded = " ".join(line.split())
        if not folded:
            after_blank = after_blank or not plain.strip()
            continue
        if after_blank or starts_block(plain):
            lines.append(line[: len(line) - len(line.lstrip())] + folded)
        else:
            lines[-1] += f" {folded}"
        after_blank = False
    return lines


def _continued(line: str, width: int | None) -> str:
    """A statement's next line under its mark, four spaces in: folded under its own indent."""
    return _fold(f"    {line}", width, 4 + len(line) - len(line.lstrip(" ")))


_STYLING = re.compile(r"\x1b\[[0-9;]*m")


def _fold(line: str, width: int | None, indent: int) -> str:
    """Fold a styled *line* at spaces to *width* visible characters, continued under *indent*.

    As :func:`_wrap`, but for lines already styled: colour codes take no
    column, and a word is never cut (one longer than the width stands alone).
    No width: the line as it is. The spaces that start the line (a
    statement's under its section) stay: they are its place, not a gap.
    """
    if width is None:
        return line
    width = max(width, indent + 20)
    text = line.lstrip(" ")
    lines: list[str] = []
    current, seen = line[: len(line) - len(text)], len(line) - len(text)
    for n, word in enumerate(text.split(" ")):
        size = len(_STYLING.sub("", word))
        if current.strip() and seen + 1 + size > width:
            lines.append(current.rstrip())
            current, seen = " " * indent + word, indent + size
        elif n:
            current, seen = f"{current} {word}", seen + 1 + size
        else:
            current, seen = current + word, seen + size
    lines.append(current.rstrip())
    return "\n".join(lines)


def shown_redline(statement: StatementChange) -> tuple[Piece, ...]:
    """The redline a reader is shown for *statement*: a part's words against where they were.

    A split part's (or merge part's) :attr:`~policypos.changeset.StatementChange.source_redline`,
    so that the words it kept read as kept and its own rewording is struck
    and underlined; any other statement's :attr:`~policypos.changeset.StatementChange.redline`.
    A part carried from no stretch (no word in common) is shown whole, as added or removed.
    """
    return statement.source_redline or statement.redline


def parts_notes(
    statement: StatementChange,
    split_names: Callable[[Sequence[str]], str] | None = None,
    merged_names: Callable[[Sequence[str]], str] | None = None,
) -> list[str]:
    """What a whole did with its split or merge parts, in words: ``part split out into ee-5``.

    For a paired statement, ``part split out into X`` (``parts ... into X and
    Y``) and ``part merged in from X``; for a removed statement whose words
    went to parts, ``split into X and Y``; for an added one made of merge
    parts, ``merged from X and Y``. *split_names* and *merged_names* name the
    parts from their ids (default: the ids, ``ee-5 and ee-6``); one that
    returns ``""`` leaves those parts unsaid. The board documents name them
    by paragraph number (``paragraph 1.2``, ``former paragraph 1.3``).
    """
    notes = []
    into = (split_names or _and_names)(statement.split_into)
    came = (merged_names or _and_names)(statement.merged_from)
    if statement.old is not None and statement.new is not None:
        if into:
            part = "parts" if len(statement.split_into) > 1 else "part"
            notes.append(f"{part} split out into {into}")
        if came:
            part = "parts" if len(statement.merged_from) > 1 else "part"
            notes.append(f"{part} merged in from {came}")
    elif into:
        notes.append(f"split into {into}")
    elif came:
        notes.append(f"merged from {came}")
    return notes


def moves_notes(
    statement: StatementChange, names: Callable[[Sequence[str]], str] | None = None
) -> list[str]:
    """Where a statement's deleted words went and its inserted words came from, in words.

    ``text moved to gen-1``, ``text moved from acc-1``
    (:attr:`~policypos.changeset.StatementChange.text_moved_to`, ``text_moved_from``):
    without them a sentence moved from one statement to another reads as two
    rewordings. *names* names the other statements from their (new) ids
    (default: the ids); the Markdown view and the board documents name them
    by paragraph number. One that returns ``""`` leaves that side unsaid.
    """
    name = names or _and_names
    went = name(statement.text_moved_to) if statement.text_moved_to else ""
    came = name(statement.text_moved_from) if statement.text_moved_from else ""
    return [f"text moved {way} {who}" for way, who in (("to", went), ("from", came)) if who]


def _and_names(names: Sequence[str]) -> str:
    return (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""
    )


def _summary_line(changes: ChangeSet) -> str:
    summary = changes.summary()
    parts = []
    for kind in ("sections", "statements"):
        counts = ", ".join(f"{n} {what}" for what, n in summary[kind].items() if n)
        parts.append(f"{kind}: {counts or 'none'}")
    return "; ".join(parts)


def changeset_markdown(changes: ChangeSet, document: Document) -> str:
    """Return a change set as Markdown for a board paper: a paragraph per section, then the detail.

    Each paragraph says what happened to the section (added, reworded, renamed,
    re-tagged, reordered, unchanged) and which comments it answers; then come
    the comments answered and not answered, and the tracked changes of every
    statement whose change a board reader can see. Drafting notes are never
    shown: a statement whose note alone changed reads as unchanged.

    A reader knows the annex, not the YAML: sections are named by number and
    heading, statements by the paragraph number the annex gives them
    (:meth:`Version.paragraph_numbers`, ``Former 2.3`` for one removed); a
    statement's id follows its number in the tracked changes only, as a code
    span, for whoever edits the file.
    """
    from policypos import documents

    env = environment()
    env.filters["oneline"] = markdown_cell
    numbers, places = _board_places(changes.old, changes.new)
    left = changes.moved_out()
    answered = [t for t in changes.comments if t.answered_here]
    carried = [t for t in changes.comments if t.carried_over and t.cited]
    unanswered = [t for t in changes.comments if not t.cited]
    shown = [
        (section, _section_heading(section, numbers), listed)
        for section in changes.sections
        if (listed := _tracked([s for s in section.statements if _seen(s)], numbers, places))
        or _section_seen(section)
    ]
    return env.get_template("diff.md.j2").render(
        changes=changes,
        document=document,
        overview=_overview(changes),
        version_fields=[f.name for f in changes.fields],
        paragraphs=[
            _section_paragraph(s, numbers, places, left.get(s.old_id or "", ()))
            for s in changes.sections
        ],
        answered=answered,
        carried=carried,
        unanswered=unanswered,
        answered_in={
            t.comment.ref: documents.places_named(changes.new, t.addressed_by)
            for t in answered + carried
        },
        tracked=shown,
    )


def _board_places(old: Version, new: Version) -> tuple[_Numbers, Places]:
    """How the board documents number and head *old* and *new*, to name what moved where."""
    # Imported here: the text diff, which never needs the board documents,
    # starts faster without them.
    from policypos.documents import Places

    numbers = _Numbers.between(old, new)
    places = Places(
        numbers.old_paragraphs,
        numbers.new_paragraphs,
        numbers.new_sections,
        _markdown_titles(old),
        _markdown_titles(new),
    )
    return numbers, places


Tracked = tuple["StatementChange", str, list[str], str]
"""A statement's tracked change for a Markdown view: the change, its number, notes and text.

The number as :func:`_paragraph_label` gives it, the notes as
:func:`_board_notes`, the text as :func:`_item_text` (CriticMarkup nested
under a bullet): what ``_parts.md.j2``'s ``tracked_item`` macro writes.
"""


def _tracked(
    statements: Iterable[StatementChange], numbers: _Numbers, places: Places
) -> list[Tracked]:
    """Each statement's bullet in a Markdown view's tracked changes (:data:`Tracked`)."""
    return [
        (
            s,
            _paragraph_label(s, numbers),
            _board_notes(s, numbers, places),
            _item_text(shown_redline(s)),
        )
        for s in statements
    ]


def _markdown_titles(version: Version) -> dict[str, str]:
    """Each section's title in *version*, by id, escaped for a line of Markdown."""
    return {s.id: _escape_markdown(s.title) for s in version.sections}


def _section_heading(section: SectionChange, numbers: _Numbers) -> str:
    """``1. General``, as the annex heads the section; a removed one by its title alone."""
    title = _escape_markdown(_section_title(section))
    number = numbers.new_sections.get(section.id) if section.new is not None else None
    return f"{number}. {title}" if number is not None else title


def _paragraph_label(statement: StatementChange, numbers: _Numbers) -> str:
    """``1.4``, the statement's number in the new annex; ``Former 2.3`` for one removed."""
    if statement.new is not None:
        return numbers.new_paragraphs.get(statement.id, "?")
    return f"Former {numbers.old_paragraphs.get(statement.old_id or statement.id, '?')}"


def _item_text(pieces: Sequence[Piece]) -> str:
    """A statement's redline for its bullet: CriticMarkup with its lines kept, nested in the item.

    A statement's list stays a list under the bullet (:func:`policypos.render.critic_blocks`
    marks each line's change after its block prefix), each line after the
    first indented to the bullet's text; a statement that opens with a block
    (a list) starts on a line of its own, since after the bullet's number it
    would be text.
    """
    text = critic_blocks(pieces).strip("\n")  # a YAML block's closing line end
    lines = [f"  {line}" if line.strip() else "" for line in text.split("\n")]
    if starts_block(text):
        return "\n\n" + "\n".join(lines)
    return " " + "\n".join([lines[0].lstrip(), *lines[1:]])


def _seen(statement: StatementChange) -> bool:
    """Whether a board reader can see that the statement changed: anything but its note."""
    return (
        statement.change in ("added", "removed")
        or statement.moved
        or statement.reordered
        or (
            statement.old is not None
            and statement.new is not None
            and statement.old.text != statement.new.text
        )
        or any(f.name != "note" for f in statement.fields)
    )


def _section_seen(section: SectionChange) -> bool:
    return (
        section.change in ("added", "removed")
        or section.renamed
        or section.reordered
        or bool(section.fields)
    )


def _board_notes(statement: StatementChange, numbers: _Numbers, places: Places) -> list[str]:
    """What changed about a statement besides its words, in a board reader's terms.

    Other statements and sections are named as the annex numbers them
    (``moved from section 2, Accommodation``, ``split out of former paragraph
    1.1``), as the comparison names them.
    """
    from policypos import documents

    notes = [_escape_markdown(label.replace(" -> ", " → ")) for label in _labels(statement)]
    if statement.moved and statement.old_section is not None:
        notes.append(f"moved from {_section_named(statement.old_section, numbers, places)}")
    if statement.reordered:
        notes.append(f"reordered: {numbers.paragraph_move(statement)}")
    if statement.matched_by == "text" or any(f.name == "id" for f in statement.fields):
        notes.append(f"new id, was `{statement.old_id}`")
    if statement.whitespace_only:
        notes.append("white space only")
    for field in statement.fields:
        if field.name in ("kind", "tags"):
            notes.append(f"{field.name}: {_field_value(field.old)} to {_field_value(field.new)}")
    old, new = numbers.old_paragraphs, numbers.new_paragraphs
    if statement.split_from in old:
        notes.append(f"split out of former paragraph {old[statement.split_from]}")
    if statement.merged_into in new:
        notes.append(f"merged into paragraph {new[statement.merged_into]}")
    notes += documents.parts_said(statement, old, new)
    notes += moves_notes(statement, lambda ids: documents.paragraphs_named([new[i] for i in ids]))
    return notes


def _section_named(section_id: str, numbers: _Numbers, places: Places) -> str:
    """``section 2, Accommodation``: an old section as the old annex numbered and headed it."""
    return f"section {numbers.old_sections[section_id]}, {places.old_titles[section_id]}"


def _kinds(statement: StatementChange) -> list[str]:
    """What a statement underwent: ``reworded``, ``retagged``, ``kind``, ``reordered`` ...

    Notes are not a board's concern.
    """
    if statement.change in ("added", "removed"):
        return [str(statement.change)]
    names = {f.name for f in statement.fields}
    found = []
    if statement.parts_only:
        # Its words went to a split part (or came from a merge part): not a rewording.
        found.append("split" if statement.split_into else "merged")
    elif statement.reworded:
        found.append("reworded")
    if "tags" in names:
        found.append("retagged")
    if "kind" in names:
        found.append("kind")
    if statement.whitespace_only:
        found.append("respaced")
    if "id" in names:
        found.append("renumbered")
    if statement.reordered:
        found.append("reordered")
    return found


_COUNTED = {
    Counted.REWORDED: "reworded",
    Counted.EDITED: "edited (editorial only)",
    Counted.SPLIT: "split",
    Counted.MERGED: "merged with another",
    Counted.TEXT_MOVED_OUT: "with text moved out",
    Counted.TEXT_MOVED_IN: "with text moved in",
    Counted.RESPACED: "changed in white space only",
    Counted.OTHERWISE: "otherwise changed",
    Counted.ADDED: "added",
    Counted.REMOVED: "removed",
}
"""How the Markdown diff names each kind of change it counts (:class:`Counted`), in order."""

_BESIDES = (
    ("retagged", "re-tagged"),
    ("kind", "changed in kind"),
    ("renumbered", "given a new id"),
)
"""What the Markdown diff adds to its counts: changes besides a statement's words."""


def _counts(statements: Sequence[StatementChange]) -> list[str]:
    """``3 reworded, 1 merged with another``: each statement counted once, as every view does."""
    counts = Counter(s.counted for s in statements)
    return [f"{counts[kind]} {word}" for kind, word in _COUNTED.items() if counts[kind]]


def _besides(statements: Sequence[StatementChange]) -> list[str]:
    """``3 re-tagged, 5 changed in kind``: what changed besides the words, each counted apart."""
    kinds = Counter(kind for s in statements for kind in _kinds(s))
    return [f"{kinds[kind]} {word}" for kind, word in _BESIDES if kinds[kind]]


def _overview(changes: ChangeSet) -> str:
    sections = changes.summary()["sections"]
    statements = list(changes.statements())
    counts = _counts(statements)
    kept = sum(1 for s in statements if s.counted is Counted.UNCHANGED)
    said = (
        f"Version {changes.new_name} ({changes.new.status}, {changes.new.date}) revises version "
        f"{changes.old_name} ({changes.old.date}). "
        f"Of its {_plural(len(changes.sections), 'section')}, "
        + _and_names(
            [
                f"{n} {word}"
                for n, word in (
                    (sections["added"], "is new" if sections["added"] == 1 else "are new"),
                    (sections["modified"], "changed"),
                    (sections["unchanged"], "unchanged"),
                )
                if n  # "0 are new" tells a reader nothing
            ]
            or ["none changed"]
        )
    )
    if sections["reordered"]:
        said += f" ({sections['reordered']} in a new place)"
    counts += [f"{kept} kept as they were"] if kept else []
    said += f"; statements: {', '.join(counts)}."
    besides = _besides(statements)
    moved = sum(1 for s in statements if s.moved)
    besides += [f"{moved} moved to another section"] if moved else []
    reordered = sum(1 for s in statements if s.reordered)
    besides += [f"{reordered} put in a new place"] if reordered else []
    if besides:
        said += f" Of all of them, {_and_names(besides)}."
    return said


def _section_paragraph(
    section: SectionChange,
    numbers: _Numbers,
    places: Places,
    moved_out: Sequence[StatementChange],
) -> str:
    """A section's paragraph: what happened to it, counted as every view counts.

    Statements that moved in or out (*moved_out*) count as such, and say where
    they went, by paragraph number; so do split and merge parts.
    """
    title = _escape_markdown(_section_title(section))
    number = numbers.new_sections.get(section.id) if section.new is not None else None
    if number is not None:
        head = f"**{number}. {title}**"
    else:
        was = numbers.old_sections.get(section.old_id or section.id, "?")
        head = f"**{title}** (formerly section {was})"
    moved_to = f" It now comes as section {number} (it was section " if section.reordered else ""
    if section.reordered:
        moved_to += f"{numbers.old_sections.get(section.old_id or section.id, '?')})."
    if section.change == "added":
        said = f"{head} is a new section of {_plural(len(section.statements), 'statement')}."
    elif section.change == "removed":
        said = f"{head} has been removed."
    elif (
        not _section_seen(section)
        and not moved_out
        and not any(_seen(s) for s in section.statements)
    ):
        said = f"{head} is unchanged."
    else:
        parts = _counts([s for s in section.statements if not s.moved])
        moved_in = sum(1 for s in section.statements if s.moved)
        parts += [f"{moved_in} moved in"] if moved_in else []
        parts += [f"{len(moved_out)} moved out"] if moved_out else []
        reordered = sum(1 for s in section.statements if s.reordered)
        parts += [f"{reordered} put in a new place"] if reordered else []
        renamed = ""
        if section.renamed and section.old is not None:
            renamed = f" (formerly *{_escape_markdown(section.old.title)}*)"
        for field in section.fields:
            if field.name == "intro":
                done = (
                    "added"
                    if field.old is None
                    else "removed"
                    if field.new is None
                    else "rewritten"
                )
                parts.insert(0, f"introduction {done}")
        if not parts and not section.renamed and section.reordered:
            said = f"{head} is unchanged in content."
        else:
            said = f"{head}{renamed} has been {'renamed and ' if section.renamed else ''}revised"
            said += f": {', '.join(parts)}" if parts else ""
            besides = _besides(section.statements)
            said += f"; of all its statements, {_and_names(besides)}." if besides else "."
    said += moved_to
    for moves in (places.moved_in(section), places.moved_out(section, moved_out).text):
        said += f" {moves[:1].upper()}{moves[1:]}." if moves else ""
    old, new = numbers.old_paragraphs, numbers.new_paragraphs
    for statement in section.statements:
        if statement.split_from in old and statement.id in new:
            said += (
                f" Paragraph {new[statement.id]} was split out of former paragraph "
                f"{old[statement.split_from]}."
            )
        if statement.merged_into in new and statement.id in old:
            said += (
                f" Former paragraph {old[statement.id]} was merged into paragraph "
                f"{new[statement.merged_into]}."
            )
    cited = {a for s in section.statements for a in (s.new.addresses if s.new else ())}
    cited |= set(section.new.addresses if section.new else ())
    if cited - numbers.cited_before:
        said += f" It answers {', '.join(sorted(cited - numbers.cited_before))}."
    if cited & numbers.cited_before:
        said += f" It still answers {', '.join(sorted(cited & numbers.cited_before))}."
    return said


def _section_title(section: SectionChange) -> str:
    kept = section.new or section.old
    return kept.title if kept is not None else ""


def _escape_markdown(text: str) -> str:
    """*text* on one line with the characters Markdown would read as markup escaped.

    Only those that are markup inside a line: ``(none)`` stays as it reads,
    since a bracket (``[``) that could make it a link is escaped. CriticMarkup
    braces become entities first (:func:`policypos.render.critic_safe`): a
    backslash does not stop pymdownx.critic.
    """
    text = critic_safe(" ".join(text.split()))
    return re.sub(r"([\\`*_{}\[\]<|~])", r"\\\1", text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def history_context(
    step: HistoryStep,
    before: Version | None,
    *,
    parts: bool = True,
    numbered: Document | None = None,
) -> list[str]:
    """What a history step is compared with, where the reader cannot tell it from the order.

    ``based on V`` where the step's base is not *before* (the version listed
    just above it: so at each branch); ``last held in V`` (with ``as ID``
    where the id was another) for a statement restored after a gap; ``id
    last held in V by another statement`` for one under a ``reused`` id; and
    the splits and merges of the step's version (``split: part moved to ee-5
    in v3``, ``split from ee-2 in v3``, ``merged from ee-4 in v3``, ``merged
    into ee-4 in v3``); without *parts*, for a page that links them itself.

    With *numbered*, the step's document (the Markdown view, for readers of
    the annex), other statements are named by the paragraph number the
    version holding them gives them, as the Markdown diff names them:
    ``split from paragraph 2.2 of v2 in v3``, ``split: part moved to
    paragraph 2.5 in v3``, ``last held in v1, as paragraph 3.1``; an id the
    version does not number stays an id.
    """
    from policypos import documents
    from policypos.history import HistoryEvent

    def named(ids: Sequence[str], version: Version | None, *, of: bool = True) -> str:
        numbers = version.paragraph_numbers() if numbered and version is not None else {}
        found = [numbers[i] for i in ids if i in numbers]
        if len(found) < len(ids) or version is None:
            return ", ".join(ids)
        # A statement of an older version is named with that version: its
        # number there may since have gone to another.
        said = of and version is not step.version
        return f"{documents.paragraphs_named(found)}{f' of {version.id}' if said else ''}"

    said = []
    if step.base is not None and step.base is not before:
        said.append(f"based on {step.base.id}")
    if step.event is HistoryEvent.RESTORED and step.compared_with is not None:
        last = f"last held in {step.compared_with.id}"
        old = step.change.old if step.change is not None else None
        if old is not None and step.statement is not None and old.id != step.statement.id:
            last += f", as {named([old.id], step.compared_with, of=False)}"
        said.append(last)
    if step.event is HistoryEvent.REUSED and step.compared_with is not None:
        said.append(f"id last held in {step.compared_with.id} by another statement")
    if not parts:
        return said
    where = step.version.id
    # The step where a split part appears has no base (it is the part's
    # first): the whole was in the version this one is compared with.
    base = step.base
    if base is None and numbered is not None and (was := numbered.base_of(step.version)):
        base = next((v for v in numbered.versions if v.id == was), None)
    if step.split_from is not None:
        said.append(f"split from {named([step.split_from], base)} in {where}")
    if step.split_into:
        moved = "part moved to" if len(step.split_into) == 1 else "parts moved to"
        said.append(f"split: {moved} {named(step.split_into, step.version)} in {where}")
    if step.merged_from:
        said.append(f"merged from {named(step.merged_from, base)} in {where}")
    if step.merged_into is not None:
        said.append(f"merged into {named([step.merged_into], step.version)} in {where}")
    return said


def history_branches(steps: Sequence[HistoryStep]) -> str | None:
    """The lines of versions a history runs along, ``"v1 -> v2 -> v3; v1 -> alt"``, if it branches.

    Each line of versions after the first starts at the version its first
    step was built on; ``None`` on a straight line, where the order says it all.
    """
    from policypos.history import branches

    if not branches(steps):
        return None
    lines: list[list[str]] = []
    for n, step in enumerate(steps):
        if n and step.base is not None and step.base is steps[n - 1].version:
            lines[-1].append(step.version.id)
        else:
            lines.append([step.base.id, step.version.id] if step.base else [step.version.id])
    return "; ".join(" -> ".join(line) for line in lines)


def history_text(
    document: Document,
    steps: Sequence[HistoryStep],
    *,
    style: Style = plain,
    width: int | None = None,
) -> str:
    """Return a statement's history: a line per version from its first appearance.

    Each line says what the version did (appears, amended, kept, removed,
    absent, restored, reused), where the statement stood (section and paragraph
    number) and, where it changed, the redline from the version it is compared
    with. Steps come in tree order (:func:`policypos.history.history`); a step
    whose base is not the version listed above it says ``(based on V)``, and
    one back after a gap says where it was last held (:func:`history_context`).
    A history that branches has a ``branches:`` line under its heading
    (:func:`history_branches`).
    """
    from policypos.history import branches, newest

    # Named by its id in the newest version; the others it had, in the order
    # listed: "formerly" on a straight line, "also" where it branches.
    name = newest(steps)
    current = name.statement.id if name is not None and name.statement is not None else ""
    held = [s.statement.id for s in steps if s.statement is not None]
    others = [i for i in dict.fromkeys(held) if i != current]
    word = "also" if branches(steps) else "formerly"
    named = f" ({word} {', '.join(others)})" if others else ""
    lines = [style(f"{document.id}: statement {current}{named}", "heading")]
    outline = history_branches(steps)
    if outline is not None:
        lines.append(style(f"branches: {outline}", "muted"))
    before = None
    for step in steps:
        version = step.version
        lines.append("")
        head = f"{style(version.id, 'id')}  {version.date}  {version.status}  {step.event}"
        if step.statement is not None:
            head += f"  paragraph {step.number} in section {step.section}"
        said = history_context(step, before)
        if said:
            head += style(f"  ({'; '.join(said)})", "muted")
        lines.append(_fold(head, width, 4))
        before = version
        if step.statement is not None and (step.change is None or not step.change.changed):
            lines.append("    " + _wrap(step.statement.text, width, 4))
        elif step.change is not None:
            lines.append(_statement_line(step.change, style, width=width))
        for comment in step.comments:
            made = style(f"    {comment.ref} ({comment.standing}): ", "muted")
            lines.append(_fold(made + _wrap(comment.text, None, 0), width, 8))
    return "\n".join(lines) + "\n"


AMENDMENT_COLUMNS = (
    "Section",
    "Paragraph",
    "Formerly",
    "Change",
    "Also",
    "Old text",
    "New text",
    "Comments answered",
    "Significance",
    "What it means",
)
"""The columns of the amendments register (``policypos diff --format csv``)."""


def amendments_csv(changes: ChangeSet, document: Document) -> str:
    """The amendments register: one row per paragraph that changed, for a spreadsheet.

    Numbered and worded as the comparison document numbers them (section
    ``4. Individual support``, paragraph ``4.3``, formerly ``3.3``), with the
    old and new text whole (line breaks kept inside the cell) and the comments
    the change answers. Written by the standard library's ``csv`` (RFC 4180
    quoting), without a byte order mark: ``policypos diff -o FILE.csv`` adds
    one to the file, so that spreadsheets read it as UTF-8 and keep accents,
    but a pipe (``cut``, ``sort``, csvkit) would take it for part of the first
    header. To save the text for a spreadsheet, write it with
    ``encoding="utf-8-sig"``. A cell that would begin with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return, which Excel and LibreOffice would run as
    a formula, begins with a ``'`` instead (:func:`spreadsheet_safe`).
    """
    import csv
    import io

    from policypos.documents import comparison
    from policypos.redline import new_text, old_text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(AMENDMENT_COLUMNS)
    found = {(st.id, str(st.change)): st for st in changes.statements()}
    for section in comparison(document, changes).sections:
        label = f"{section.number or section.former}. {section.title}"
        for paragraph in section.paragraphs:
            if paragraph.change == "unchanged" and not paragraph.notes:
                continue
            old = old_text(paragraph.pieces).strip() if paragraph.change != "added" else ""
            new = new_text(paragraph.pieces).strip() if paragraph.change != "removed" else ""
            change = str(paragraph.change)
            if paragraph.change == "modified" and paragraph.significance is not None:
                # As the change set says it: "modified (editorial)" is never
                # called reworded, whatever its words did.
                change = f"modified ({paragraph.significance})"
            statement = found.get((paragraph.id, str(paragraph.change)))
            quiet = statement is not None and statement.whitespace_only
            said = () if quiet else significance.labels(paragraph.findings)
            if paragraph.moved_only:
                # Not reworded: what it means is where its words went, or came from.
                said = (*significance.not_reworded(said, moved_only=True), *paragraph.moves)
            writer.writerow(
                spreadsheet_safe(cell)
                for cell in (
                    label,
                    paragraph.number or "",
                    paragraph.former or "",
                    change,
                    "; ".join(paragraph.notes),
                    old,
                    new,
                    "; ".join(str(answer) for answer in paragraph.answers),
                    paragraph.significance or "",
                    "; ".join(said),
                )
            )
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """*cell* made inert for a spreadsheet: a ``'`` before a leading ``= + - @``, tab or CR.

    Excel and LibreOffice run a CSV cell that begins with one of these as a
    formula (``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3``); the apostrophe,
    as OWASP's advice on CSV injection has it, makes the cell plain text. An
    empty cell, or any other, is returned unchanged.
    """
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell
