"""Turning model values into text people read: terminal views and Jinja templates.

This is the only module that knows Jinja; it imports it only when a template
is rendered, so that commands printing terminal views start quickly.

Terminal views take a *width* (``None``: do not wrap, one record a line, as
suits a pipe) and a *style* function that may colour a piece of text by its
role (``heading``, ``id``, ``muted``, ``status``, ``delete``, ``insert``); the
default leaves text plain.
"""

from __future__ import annotations

import importlib.resources
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policypos.errors import NotFoundError
from policypos.model import Comment, Document, Meeting, Version

if TYPE_CHECKING:
    import jinja2

    from policypos.answers import Answer
    from policypos.changeset import ChangeSet, FieldChange, SectionChange, StatementChange
    from policypos.history import HistoryStep

Style = Callable[[str, str], str]
"""``style(text, role) -> text``: how a view marks up a piece of text of a given role."""


def plain(text: str, role: str) -> str:
    """The default :data:`Style`: leave the text as it is."""
    return text


def templates_dir() -> Path:
    """Return the folder holding the built-in templates.

    In an installed wheel they live inside the package; in a source checkout
    (including an editable install) they are the project's top-level ``templates/``.
    """
    packaged = importlib.resources.files("policypos") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def environment() -> jinja2.Environment:
    """Return the Jinja environment for the built-in templates.

    Undefined names are errors rather than silent blanks, and HTML templates
    escape everything by default.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = markdown_cell
    env.filters["tracked"] = _tracked_markdown
    return env


def markdown_cell(text: object) -> str:
    r"""*text* as one cell of a Markdown table row: on one line, with its pipes escaped.

    A line break would end the row and a bare ``|`` would start a new cell.
    Backslashes are left alone: the text is Markdown, where ``\|`` already
    stood for a pipe, and tables unescape pipes before anything else.
    """
    return " ".join(str(text).split()).replace("|", "\\|")


def render_template(name: str, **context: Any) -> str:
    """Render the built-in template *name* with *context*."""
    return environment().get_template(name).render(**context)


def outline_markdown(document: Document, version: Version) -> str:
    """Return *version* as a Markdown document: sections and numbered statements."""
    return render_template("outline.md.j2", document=document, version=version)


def outline_text(
    document: Document, version: Version, *, width: int | None = None, style: Style = plain
) -> str:
    """Return the terminal outline of *version*: sections and numbered statements."""
    lines = [style(version.title or document.title, "heading")]
    lines.append(f"{document.organisation} · {document.owner}")
    facts = [f"version {version.id}", style(str(version.status), "status"), str(version.date)]
    if version.based_on:
        facts.append(f"based on {version.based_on}")
    if version.meeting:
        facts.append(f"presented to {_meeting_label(document, version.meeting)}")
    lines.append(" · ".join(facts))
    for number, section in enumerate(version.sections, 1):
        lines.append("")
        lines.append(f"{style(f'{number}. {section.title}', 'heading')}  {style(section.id, 'id')}")
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
            facts = _meeting_facts(record)
            rows.append((str(record.date), "meeting", record.id, record.body, facts))
    return rows


def version_json(document: Document, version: Version) -> dict[str, Any]:
    """One version as JSON holds it (``policypos.version/1``): every field of the file."""
    return {"format": "policypos.version/1", "document": document.id} | version.to_dict()


def log_json(document: Document) -> dict[str, Any]:
    """The document's versions and meetings in date order, as JSON holds them.

    Versions come without their sections (``show --format json`` gives those),
    meetings without their comments (``comments --format json``), each with
    the counts the text log shows.
    """
    entries: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for version in document.versions:
        entry = {"kind": "version"} | version.to_dict(sections=False)
        entry["counts"] = {
            "sections": len(version.sections),
            "statements": sum(1 for _ in version.statements()),
        }
        entry["answers"] = [c.ref for c in document.cited_by(version)]
        entries.append(((version.date, 0, version.id), entry))
    for meeting in document.meetings:
        entry = {"kind": "meeting"} | meeting.to_dict(comments=False)
        dispositions = Counter(str(c.disposition) for c in meeting.comments)
        entry["counts"] = {"comments": len(meeting.comments), "dispositions": dict(dispositions)}
        entries.append(((meeting.date, 1, meeting.id), entry))
    return {
        "format": "policypos.log/1",
        "document": document.id,
        "title": document.title,
        "organisation": document.organisation,
        "owner": document.owner,
        "entries": [entry for _, entry in sorted(entries, key=lambda e: e[0])],
    }


def comments_json(document: Document, comments: Iterable[Comment]) -> dict[str, Any]:
    """The comment log as JSON holds it: each comment, with the versions and places citing it."""
    return {
        "format": "policypos.comments/1",
        "document": document.id,
        "comments": _comment_entries(document, comments),
    }


def comments_across_json(groups: Iterable[tuple[Document, Sequence[Comment]]]) -> dict[str, Any]:
    """The comment log of several documents (``document`` is ``null``; each entry names its own)."""
    entries = [entry for document, chosen in groups for entry in _comment_entries(document, chosen)]
    return {"format": "policypos.comments/1", "document": None, "comments": entries}


def _comment_entries(document: Document, comments: Iterable[Comment]) -> list[dict[str, Any]]:
    entries = []
    for comment in comments:
        cited = [{"version": v.id, "places": list(p)} for v, p in document.citations_of(comment)]
        entries.append({"document": document.id} | comment.to_dict() | {"cited_by": cited})
    return entries


def comments_markdown(
    groups: Sequence[tuple[Document, Sequence[Comment]]], *, named: bool = False
) -> str:
    """Return the comment log as a Markdown table, a row per comment.

    With *named* (a log across documents), a first column names each comment's document.
    """
    rows = [
        (document, comment, [f"{v.id}: {', '.join(p)}" for v, p in document.citations_of(comment)])
        for document, chosen in groups
        for comment in chosen
    ]
    title = groups[0][0].title if len(groups) == 1 and not named else None
    return render_template("comments.md.j2", rows=rows, named=named, title=title)


def log_markdown(document: Document) -> str:
    """Return the document's versions and meetings in date order, as a Markdown table."""
    return render_template("log.md.j2", document=document, rows=_log_rows(document))


def answers_markdown(document: Document, comment: Comment, answers: Sequence[Answer]) -> str:
    """Return one comment and what each version citing it changed, as Markdown tracked changes."""
    return render_template("answers.md.j2", document=document, comment=comment, answers=answers)


def history_markdown(document: Document, steps: Sequence[HistoryStep]) -> str:
    """Return a statement's history as Markdown: its first text, then tracked changes."""
    return render_template("history.md.j2", document=document, steps=steps)


def history_json(document: Document, steps: Sequence[HistoryStep]) -> dict[str, Any]:
    """A statement's history as JSON holds it (``policypos.history/1``), oldest version first."""
    return {
        "format": "policypos.history/1",
        "document": document.id,
        "statement": steps[-1].statement.id,
        "steps": [
            {
                "version": step.version.id,
                "date": step.version.date.isoformat(),
                "status": str(step.version.status),
                "section": step.section,
                "id": step.statement.id,
                "text": step.statement.text,
                "change": step.change.to_dict() if step.change is not None else None,
                "comments": [
                    {"ref": c.ref, "disposition": str(c.disposition)} for c in step.comments
                ],
            }
            for step in steps
        ],
    }


def answers_json(document: Document, comment: Comment, answers: Sequence[Answer]) -> dict[str, Any]:
    """One comment and what each version citing it changed (``policypos.comment/1``)."""
    entry = comment.to_dict() | {"answers": [a.to_dict() for a in answers]}
    return {"format": "policypos.comment/1", "document": document.id, "comment": entry}


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
        status = style(str(comment.disposition), "status")
        head = f"{style(comment.ref, 'id')}  {comment.kind}  {status}"
        if named:
            head = f"{document.id}  {head}"
        if comment.by:
            head += f"  {style(comment.by, 'muted')}"
        out.append(head)
        out.append("    " + _wrap(comment.text, width, 4))
        if comment.on:
            out.append(style(f"    on: {', '.join(comment.on)}", "muted"))
        if comment.referred_to:
            out.append(f"    referred to: {comment.referred_to}")
        if comment.response:
            out.append("    response: " + _wrap(comment.response, width, 14))
        for version, places in document.citations_of(comment):
            out.append(f"    cited by {version.id}: {', '.join(places)}")
        out.append("")
    return "\n".join(out)


def _version_facts(document: Document, version: Version) -> str:
    facts = []
    if version.based_on:
        facts.append(f"based on {version.based_on}")
    if version.meeting:
        facts.append(f"presented to {version.meeting}")
    cited = document.cited_by(version)
    if cited:
        facts.append(f"answers {len(cited)} comment{'s' if len(cited) != 1 else ''}")
    statements = sum(len(s.statements) for s in version.sections)
    facts.insert(0, f"{len(version.sections)} sections, {statements} statements")
    return "; ".join(facts)


def _meeting_facts(meeting: Meeting) -> str:
    facts = []
    if meeting.item:
        facts.append(meeting.item)
    if meeting.reviews:
        facts.append(f"reviews {meeting.reviews}")
    counts = Counter(str(c.disposition) for c in meeting.comments)
    tally = ", ".join(f"{n} {d}" for d, n in sorted(counts.items()))
    n = len(meeting.comments)
    facts.append(f"{n} comment{'s' if n != 1 else ''}" + (f" ({tally})" if tally else ""))
    return "; ".join(facts)


def _meeting_label(document: Document, meeting_id: str) -> str:
    try:
        meeting = document.meeting(meeting_id)
    except NotFoundError:  # the validator reports it; the outline still shows the id
        return meeting_id
    return f"{meeting.id} ({meeting.body}, {meeting.date})"


def _wrap(text: str, width: int | None, indent: int) -> str:
    """Fold *text* to *width*, continuing lines under *indent* spaces; no width: one line."""
    flat = " ".join(text.split())
    if width is None:
        return flat
    return textwrap.fill(
        flat,
        width=max(width, indent + 20),
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
    )[indent:]


_MARK = {"added": "+", "removed": "-", "modified": "~", "unchanged": "="}


def changeset_text(changes: ChangeSet, *, style: Style = plain) -> str:
    """Return a change set as a terminal view, like ``git diff --word-diff``, grouped by section.

    Deleted words show as ``[-words-]`` and inserted ones as ``{+words+}``;
    unchanged statements are counted, not repeated. Each statement is one
    line, so that the view greps well.
    """
    old, new = changes.old, changes.new
    lines = [
        style(
            f"{changes.document}: {changes.old_name} ({old.status}, {old.date}) -> "
            f"{changes.new_name} ({new.status}, {new.date})",
            "heading",
        )
    ]
    for section in changes.sections:
        lines.append("")
        lines += _section_head(section, style)
        quiet = [s for s in section.statements if not s.changed]
        for statement in section.statements:
            if statement.changed:
                lines.append(_statement_line(statement, style))
        if quiet:
            lines.append(
                style(
                    f"    {len(quiet)} statement{'s' if len(quiet) != 1 else ''} unchanged", "muted"
                )
            )
    lines += ["", _summary_line(changes)]
    return "\n".join(lines) + "\n"


def _section_head(section: SectionChange, style: Style) -> list[str]:
    """A section's line in a word-diff, and a line for each other field that changed."""
    title = section.new.title if section.new else section.old.title if section.old else ""
    head = f"{_MARK[section.change]} {title}  {style(section.id, 'id')}  [{section.change}"
    if section.renamed and section.old:
        head += f", renamed from {section.old.title!r}"
    if section.old_id and section.old_id != section.id:
        head += f", was {section.old_id}"
    if section.reordered:
        head += ", reordered"
    lines = [style(head + "]", "heading")]
    for field in section.fields:
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
        lines += ["", style(head, "heading")]
        for section in answer.sections:
            lines += _section_head(section, style)
        lines += [_statement_line(statement, style) for statement in answer.statements]
    return "\n".join(lines) + "\n"


def _field_change(field: FieldChange) -> str:
    """``tags: treatment -> treatment, gambling``: values as a reader writes them, not as repr."""
    return f"{field.name}: {_field_value(field.old)} -> {_field_value(field.new)}"


def _field_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    if value is None:
        return "(none)"
    return " ".join(str(value).split())


def _statement_line(statement: StatementChange, style: Style) -> str:
    notes = []
    if statement.moved:
        notes.append(f"moved from {statement.old_section}")
    if statement.reordered:
        notes.append("reordered")
    if statement.matched_by == "text":
        notes.append(f"was {statement.old_id}, matched by text")
    if statement.split_from:
        notes.append(f"split from {statement.split_from}")
    if statement.merged_into:
        notes.append(f"merged into {statement.merged_into}")
    words = []
    for piece in statement.redline:
        if piece.op == "equal":
            words.append(piece.text)
            continue
        # White space at the edges of a change stays outside its markers.
        core = piece.text.strip()
        before = piece.text[: len(piece.text) - len(piece.text.lstrip())]
        after = piece.text[len(piece.text.rstrip()) :]
        marked = f"[-{core}-]" if piece.op == "delete" else f"{{+{core}+}}"
        words.append(before + (style(marked, piece.op) if core else "") + after)
    body = " ".join("".join(words).split())
    lead = f"  {_MARK[statement.change]} {style(statement.id, 'id')}"
    if notes:
        lead += style(f" ({'; '.join(notes)})", "muted")
    fields = "".join(style(f"  [{_field_change(f)}]", "muted") for f in statement.fields)
    return f"{lead}  {body}{fields}"


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
    unchanged) and which comments it answers; then come the comments answered
    and not answered, and the tracked changes of every changed statement.
    """
    env = environment()
    env.filters["oneline"] = markdown_cell
    answered = [t for t in changes.comments if t.addressed_by]
    unanswered = [t for t in changes.comments if not t.addressed_by]
    return env.get_template("changes.md.j2").render(
        changes=changes,
        document=document,
        overview=_overview(changes),
        paragraphs=[_section_paragraph(n, s) for n, s in enumerate(changes.sections, 1)],
        answered=answered,
        unanswered=unanswered,
    )


def _overview(changes: ChangeSet) -> str:
    sections = changes.summary()["sections"]
    statements = changes.summary()["statements"]
    kept = statements["unchanged"]
    return (
        f"Version {changes.new_name} ({changes.new.status}, {changes.new.date}) revises version "
        f"{changes.old_name} ({changes.old.date}). Of its {len(changes.sections)} sections, "
        f"{sections['added']} {'is' if sections['added'] == 1 else 'are'} new, "
        f"{sections['modified']} changed and {sections['unchanged']} unchanged; "
        f"{statements['added']} statements were added, {statements['removed']} removed, "
        f"{statements['modified']} reworded and {kept} kept as they were."
    )


def _section_paragraph(number: int, section: Any) -> str:
    title = section.new.title if section.new else section.old.title
    head = f"**{number}. {title}**"
    if section.change == "added":
        said = f"{head} is a new section of {_plural(len(section.statements), 'statement')}."
    elif section.change == "removed":
        said = f"{head} has been removed."
    elif section.change == "unchanged":
        said = f"{head} is unchanged."
    else:
        counts = Counter(str(s.change) for s in section.statements)
        parts = [
            f"{counts[kind]} {label}"
            for kind, label in (
                ("modified", "reworded"),
                ("added", "added"),
                ("removed", "removed"),
            )
            if counts[kind]
        ]
        renamed = f" (formerly *{section.old.title}*)" if section.renamed else ""
        said = f"{head}{renamed} has been {'renamed and ' if section.renamed else ''}revised"
        said += f": {', '.join(parts)}." if parts else "."
    moved_in = [s.id for s in section.statements if s.moved]
    if moved_in:
        said += f" It takes in {', '.join(moved_in)} from elsewhere."
    for statement in section.statements:
        if statement.split_from:
            said += f" {statement.id} was split out of {statement.split_from}."
        if statement.merged_into:
            said += f" {statement.id} was merged into {statement.merged_into}."
    cited = sorted(
        {a for s in section.statements for a in (s.new.addresses if s.new else ())}
        | set(section.new.addresses if section.new else ())
    )
    if cited:
        said += f" It answers {', '.join(cited)}."
    return said


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _tracked_markdown(pieces: Iterable[Any]) -> str:
    """A redline as Markdown with <del> and <ins>: emphasis markers fail next to punctuation."""
    import html

    out = []
    for piece in pieces:
        # Escaping < and & leaves the text's own Markdown (emphasis, links) working,
        # while no HTML in it can survive being cut apart by the markers.
        text = html.escape(" ".join(piece.text.split()), quote=False)
        if not text:
            out.append(" ")
        elif piece.op == "equal":
            out.append(_edges(piece.text, text))
        else:
            tag = "del" if piece.op == "delete" else "ins"
            out.append(_edges(piece.text, f"<{tag}>{text}</{tag}>"))
    return " ".join("".join(out).split())


def _edges(raw: str, core: str) -> str:
    """Keep a piece's leading and trailing white space outside its markup."""
    before = " " if raw[:1].isspace() else ""
    after = " " if raw[-1:].isspace() else ""
    return f"{before}{core}{after}"


def history_text(document: Document, steps: Sequence[HistoryStep], *, style: Style = plain) -> str:
    """Return a statement's history: each version's text, as a redline from the one before."""
    last = steps[-1].statement.id
    lines = [style(f"{document.id}: statement {last}", "heading")]
    for step in steps:
        version = step.version
        lines.append("")
        head = (
            f"{style(version.id, 'id')}  {version.date}  {version.status}  section {step.section}"
        )
        if step.change is None:
            lines.append(head + "  (first appears)")
            lines.append("    " + " ".join(step.statement.text.split()))
        else:
            lines.append(head)
            lines.append(_statement_line(step.change, style))
        for comment in step.comments:
            lines.append(
                style(f"    {comment.ref} ({comment.disposition}): ", "muted")
                + " ".join(comment.text.split())
            )
    return "\n".join(lines) + "\n"
