"""A Markdown outline read as the sections and statements of a first version.

``policypos new-document --from FILE`` starts a document from text an officer
already has. The rules, chosen so that the result is predictable and the ids
are the same every time the same file is read:

* the headings of the shallowest level used (``#``, or ``##`` in a file that
  has no ``#``) start sections; the heading text is the section's title;
* every other top-level block under a heading (a paragraph, a list, a quote,
  a table, a code block) is one statement, in order; a paragraph's lines are
  joined by spaces (as Markdown reads them), other blocks keep their lines;
* blocks before the first heading are the version's preamble;
* YAML front matter (a ``---`` line first, up to the next ``---`` or
  ``...`` line), which many Markdown editors write, is skipped, but for its
  ``title:``, which is the outline's title;
* a ``#`` heading that is the file's only one and its first heading, with
  deeper headings after it, is the outline's title, not a section: the
  ``##`` headings start the sections, and the text between it and them is
  the preamble. A file's only ``#`` heading is its title too when the front
  matter gives none (over no deeper heading, it still starts the one
  section). A first ``#`` heading that says the document's title (given on
  the command line, or the front matter's) is the title written again, not
  a section, even over ``#`` sections;
* thematic breaks (``---``) are ignored; a deeper heading inside a section is
  refused, as a version has no subsections (every one of them is listed, as
  is every heading with no text);
* a title is the heading's visible text: a link gives its words, not its
  address; emphasis and code marks are dropped and an image gives nothing, so
  ``# [Housing](https://x.org/h)`` is the section *Housing*. A heading with no
  text (``#`` alone, or only an image) is refused: a section needs a title;
* indentation means nothing: a paragraph indented by a tab or four spaces
  (as text pasted from Word is) is a paragraph, not code, and an indented
  heading, list or quote is read as if it were not indented; only a fenced
  block (```` ``` ````) is code, kept as it is. A statement is written so that
  the annexes read it as the outline was read: a paragraph inside a list
  indented past its item's text is pulled back, or the annexes would show it
  as code.

Ids: a section's is its title in lower case, ASCII, words joined by ``-``
(at most 48 characters; ``section-N`` when nothing is left); a statement's is
its section's short form and its number in the section, as the shipped files
write them: ``gen-1`` for General (a one-word title: its first three
letters), ``ee-1`` for Education and employment (several words: their
initials). A section whose title an earlier one has (its id given a ``-2``
suffix), or whose short form another section already has or is an id already
taken, has its statements numbered after its whole id instead
(``energy-buildings-2-1``); a statement id already taken gets a ``-2`` suffix.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import attrs

from policypos.errors import LoadError, Location, Problem, Severity
from policypos.model import is_id

_ID_LENGTH = 48  # leaves room for "-N" and a statement number within the 64 an id may have


@attrs.frozen
class OutlineStatement:
    """One statement read from the outline: its id and its Markdown text."""

    id: str
    text: str


@attrs.frozen
class OutlineSection:
    """One section read from the outline: its id, title and statements, in order."""

    id: str
    title: str
    statements: tuple[OutlineStatement, ...]


@attrs.frozen
class Outline:
    """What a Markdown outline holds: the preamble (``None`` if none) and the sections."""

    preamble: str | None
    sections: tuple[OutlineSection, ...]
    title: str | None = None
    """The title the outline gives: its front matter's ``title:``, else its only ``#``
    heading's text; ``None`` when it gives neither. As written: it may hold a line break."""
    title_line: int = 1
    """The 1-based line the title is written on (its ``title:`` or its heading)."""


def read_outline(text: str, path: Path, title: str | None = None) -> Outline:
    """Read *text*, the Markdown file at *path*, as an :class:`Outline` (rules above).

    *title* is the document's title when the command line gives it: a first
    ``#`` heading that says it is the title, not a section, as the front
    matter's ``title:`` makes it.

    Raises:
        LoadError: every heading deeper than the section headings and every
            heading with no text, or a file with no heading at all, each
            located at its line in *path*. A title is not checked here: only a document that takes
            it needs it (see :func:`policypos.edit.new_document`).
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    lines = text.splitlines()
    # Officers paste from Word, which indents paragraphs with a tab: they never
    # mean code by it, so indented code is off and only a fence is code.
    reader = MarkdownIt("commonmark").enable("table").disable("code").use(front_matter_plugin)
    tokens = reader.parse(text)
    top = [
        (i, t)
        for i, t in enumerate(tokens)
        if t.level == 0 and t.map is not None and t.nesting >= 0
    ]
    levels = [int(t.tag[1:]) for _, t in top if t.type == "heading_open"]
    if not levels:
        raise LoadError(
            [_problem(path, 1, "no heading: start each section with a line '# Its title'")]
        )
    tops = [(i, t) for i, t in top if t.type == "heading_open" and t.tag == "h1"]
    named: tuple[str, int] | None = None  # the only "#" heading's text and line
    if len(tops) == 1:
        index, heading = tops[0]
        assert heading.map is not None
        named = (_visible_text(tokens[index + 1]), heading.map[0] + 1)
    # One "#" over "##" sections is how most Markdown documents are titled: it
    # cannot be a section (the sections would nest under it), so it is the title.
    lone = named is not None and bool(named[0]) and levels[0] == 1 and set(levels) != {1}
    heads = [(i, t) for i, t in top if t.type == "heading_open"]
    front = next((t for _, t in top if t.type == "front_matter"), None)
    given = title or (_front_matter_title(front, lines) or ("", 0))[0]
    # A first "#" heading that says the document's title (--title, or the front
    # matter's) is the title written again, as a Markdown document starts,
    # even over "#" sections: not a section named like the document.
    repeated = (
        not lone
        and len(heads) > 1
        and heads[0][1].tag == "h1"
        and _same(_visible_text(tokens[heads[0][0] + 1]), given)
    )
    skipped = tops[0][0] if lone else heads[0][0] if repeated else None
    level = min(int(t.tag[1:]) for i, t in heads if i != skipped)
    if repeated:
        assert heads[0][1].map is not None
        named = (_visible_text(tokens[heads[0][0] + 1]), heads[0][1].map[0] + 1)
    title_found = named if named and named[0] else None
    preamble: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    problems: list[Problem] = []
    for i, token in top:
        assert token.map is not None
        start, end = token.map
        if token.type == "front_matter":
            title_found = _front_matter_title(token, lines) or title_found
            continue
        if token.type == "heading_open":
            if i == skipped:
                continue
            # Each problem is noted and the reading goes on, so that one run
            # lists them all, as a compiler does; the outline is refused at the end.
            if int(token.tag[1:]) != level:
                problems.append(
                    _problem(
                        path,
                        start + 1,
                        f"a level-{token.tag[1:]} heading inside a section: a version has "
                        f"no subsections; make it a level-{level} heading (a section) or "
                        "plain text",
                    )
                )
                continue
            heading_text = _visible_text(tokens[i + 1])
            if not heading_text:
                problems.append(
                    _problem(
                        path,
                        start + 1,
                        "a heading with no text: a section needs a title "
                        f"(write it after the '{'#' * level}')",
                    )
                )
            parts.append((heading_text, []))
            continue
        if token.type == "hr":
            continue
        block = lines[start:end]
        if token.type == "paragraph_open":
            body = " ".join(line.strip() for line in block)
        elif token.type == "fence":  # code: its bytes are kept, tabs and all
            body = "\n".join(_dedent(block, tabs=False)).strip()
        else:
            body = _without_indented_code("\n".join(_dedent(block)).strip())
        if body:
            (parts[-1][1] if parts else preamble).append(body)
    if problems:
        raise LoadError(problems)
    return Outline(
        "\n\n".join(preamble) or None,
        _with_ids(parts),
        title_found[0] if title_found else None,
        title_found[1] if title_found else 1,
    )


def _same(heading: str, title: str) -> bool:
    """Whether *heading* says *title*, letter case and spacing aside."""
    return bool(title) and " ".join(heading.casefold().split()) == " ".join(
        title.casefold().split()
    )


def _front_matter_title(token: Any | None, lines: list[str]) -> tuple[str, int] | None:
    """The front matter's ``title:`` and its 1-based line; ``None`` if it has none.

    Front matter that is not a YAML mapping is some other tool's, skipped as
    the rest of it is. Every value is read as text (``title: 2026`` is
    ``"2026"``), since a title is.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if token is None or token.map is None:
        return None
    content, (start, end) = token.content, token.map
    try:
        data = YAML(typ="base").load(content)
    except YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        return None
    if not data["title"].strip():
        return None
    line = next((n for n in range(start, end) if re.match(r"title\s*:", lines[n])), start)
    return data["title"].strip(), line + 1


def _visible_text(inline: Any) -> str:
    """The words a reader sees in a heading: link text without its address, no marks or images."""
    seen = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            seen.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            seen.append(" ")
    return " ".join("".join(seen).split())


def _without_indented_code(block: str) -> str:
    """*block* with every line the annexes would read as indented code pulled back 4 columns.

    The outline read it with indented code off; the annexes read statements
    with it on. A line indented 4 columns or more past its list item's text
    (``1. item``, then a line two tabs in) is code to them, so it is moved back, four
    columns at a time, until it is a paragraph of the item as the outline read
    it. A fence is left as it is (it is not indented code).
    """
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark").enable("table")
    lines = block.split("\n")
    # Each pass pulls a line back 4 columns, so the deepest indent bounds the passes.
    deepest = max(
        (len(_expand_indent(line)) - len(line.lstrip(" \t")) for line in lines), default=0
    )
    for _ in range(deepest // 4 + 1):
        spans = [t.map for t in reader.parse("\n".join(lines)) if t.type == "code_block" and t.map]
        if not spans:
            break
        for start, end in spans:
            for n in range(start, end):
                lines[n] = _pulled_back(lines[n])
    return "\n".join(lines)


def _pulled_back(line: str) -> str:
    """*line* with the space before its text 4 columns narrower (a tab reaches a multiple of 4)."""
    text = line.lstrip(" \t>")
    if not text:
        return line
    lead = line[: len(line) - len(text)]
    marks = lead.rstrip(" \t")
    space = lead[len(marks) :]
    width = len((marks + space).expandtabs(4)) - len(marks.expandtabs(4))
    return marks + " " * max(width - 4, 0) + text


def _with_ids(parts: list[tuple[str, list[str]]]) -> tuple[OutlineSection, ...]:
    taken: set[str] = set()
    prefixes: set[str] = set()
    sections = []
    for n, (title, blocks) in enumerate(parts, start=1):
        wanted = slug(title) or f"section-{n}"
        section_id = _unique(wanted, taken)
        prefix = short_form(section_id)
        # A repeated title (its id given a -N) or a short form in use: the whole
        # section id, so that energy-buildings-2-1 is plainly not eb-1's section.
        if section_id != wanted or prefix in prefixes or prefix in taken:
            prefix = section_id
        prefixes.add(prefix)
        statements = tuple(
            OutlineStatement(_unique(f"{prefix}-{k}", taken), body)
            for k, body in enumerate(blocks, start=1)
        )
        sections.append(OutlineSection(section_id, title, statements))
    return tuple(sections)


def slug(title: str) -> str:
    """*title* as an id: lower-case ASCII letters and digits, words joined by ``-``.

    At most 48 characters, cut at a word; empty when the title has no letter
    or digit that has an ASCII form.
    """
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > _ID_LENGTH:
            break
        out = joined
    return out or (words[0][:_ID_LENGTH] if words else "")


def short_form(section_id: str) -> str:
    """The prefix of its statement ids: ``gen`` for general, ``ee`` for education-employment."""
    words = [w for w in section_id.split("-") if w]
    if len(words) > 1:
        return "".join(w[0] for w in words)
    return section_id[:3]


def _unique(candidate: str, taken: set[str]) -> str:
    found, n = candidate, 2
    while found in taken:
        found = f"{candidate}-{n}"
        n += 1
    assert is_id(found), found
    taken.add(found)
    return found


def _dedent(block: list[str], *, tabs: bool = True) -> list[str]:
    # A tab is read as Markdown reads it (to the next multiple of 4), so that a
    # tab-indented line and a space-indented one keep their depths.
    expanded = [_expand_indent(line) for line in block] if tabs else block
    indents = [len(line) - len(line.lstrip()) for line in expanded if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:].rstrip() for line in expanded]


def _expand_indent(line: str) -> str:
    text = line.lstrip(" \t")
    return line[: len(line) - len(text)].expandtabs(4) + text


def _problem(path: Path, line: int, message: str) -> Problem:
    return Problem(Severity.ERROR, message, Location(path, line, 1))
