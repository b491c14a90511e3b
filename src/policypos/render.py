"""Jinja and the board documents: templates, filters, and every format they are written in.

This is the only module that knows Jinja; it imports it only when a template
is rendered, so that commands printing terminal views start quickly. The
board documents' content is built by :mod:`policypos.documents`; here it is
written as Markdown and HTML (templates), Word (:mod:`policypos.word`) and PDF
(:mod:`policypos.pdf`). The commands' own views are :mod:`policypos.views`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import importlib.resources
import math
import re
import sys
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

import attrs

from policypos.errors import RenderError, option, quoted
from policypos.model import Document, Report, Version

if TYPE_CHECKING:
    import jinja2
    import jinja2.sandbox
    from markupsafe import Markup

    from policypos.changeset import ChangeSet, StatementChange
    from policypos.redline import Piece


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

    return _configured(jinja2.Environment, jinja2.FileSystemLoader(templates_dir()))


# Characters that act on a terminal or reorder what is shown instead of being
# shown: C0 and C1 controls other than tab and newline (ANSI escapes start with
# ESC), and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069), which can show text in another order than the one it is
# read in ("Trojan Source", CVE-2021-42574). Terminal views and documents show
# them as \\x1b or \\u202e; JSON keeps them exact. The left-to-right,
# right-to-left and Arabic letter marks (U+200E, U+200F, U+061C) are not
# among them: each is one invisible letter of a direction, which places the
# punctuation beside it in Hebrew or Arabic text and can move no run of text
# (UAX #9), and the fixes for the CVE (rustc's lint, for one) flag only the
# nine above; so they pass as written, as validate lets them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    r"""*text* with each control character (above) written as a visible escape, ``\x1b``.

    Bidi controls become ``\u202e`` and the like; tab and newline are kept.
    Used by the terminal views and by every board document (Markdown, HTML,
    Word, PDF, the published site and its search index), where an ESC or a
    right-to-left override would otherwise act on, or hide, what a reader
    sees; Word's XML cannot hold most of them at all.
    """
    return _CONTROLS.sub(_escape_control, text) if _CONTROLS.search(text) else text


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _finalize(value: Any) -> Any:
    """Every ``{{ ... }}`` of a template: control characters made visible (Jinja's ``finalize``).

    Markup stays Markup (the escapes hold no ``<``, ``&`` or quotes); other
    values go on as text, which autoescaping then escapes as it would have.
    """
    if type(value) is str:  # the common case, first and cheapest
        return _CONTROLS.sub(_escape_control, value) if _CONTROLS.search(value) else value
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        html = str(value.__html__())
        return Markup(visible_controls(html)) if _CONTROLS.search(html) else value
    if isinstance(value, _CONTAINERS):  # {{ a_list }}: its text could be gigabytes
        _check_text(_text_size(value))
    text = value if isinstance(value, str) else str(value)
    return visible_controls(text) if _CONTROLS.search(text) else value


def _configured(
    kind: type[jinja2.Environment], loader: jinja2.BaseLoader, *, escape: bool = False
) -> jinja2.Environment:
    """An environment of *kind* as every document template expects it, with our filters.

    Every value a template prints has its control characters made visible
    (:func:`visible_controls`), whatever filters it went through. HTML
    templates (by their name) escape what they print; with *escape*, every
    template does, for output that is HTML whatever the templates are called.
    """
    import jinja2

    env = kind(
        loader=loader,
        finalize=_finalize,
        autoescape=escape or jinja2.select_autoescape(["html", "html.j2", "htm", "xml"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _add_filters(env)
    return env


def markdown_cell(text: object) -> str:
    r"""*text* as one cell of a Markdown table row: on one line, with its pipes escaped.

    A line break would end the row and a bare ``|`` would start a new cell.
    Backslashes are left alone: the text is Markdown, where ``\|`` already
    stood for a pipe, and tables unescape pipes before anything else.
    """
    return markdown_text(" ".join(str(text).split())).replace("|", "\\|")


def render_template(name: str, **context: Any) -> str:
    """Render the built-in template *name* with *context*."""
    return environment().get_template(name).render(**context)


def edges(raw: str, core: str) -> str:
    """Keep a piece's leading and trailing white space outside its markup."""
    before = " " if raw[:1].isspace() else ""
    after = " " if raw[-1:].isspace() else ""
    return f"{before}{core}{after}"


# --- board documents -----------------------------------------------------------------

Format = Literal["markdown", "html", "docx", "pdf"]
"""The formats every board document is written in, as a type (:attr:`Options.format`)."""

FORMATS: tuple[Format, ...] = get_args(Format)
"""The formats every board document is written in."""

BINARY_FORMATS = frozenset({"docx", "pdf"})
"""Formats written as bytes, never to a terminal."""

_EXTENSION = {"markdown": "md", "html": "html"}


def _add_filters(env: jinja2.Environment) -> None:
    """The filters every document template may use, in Markdown and in HTML alike.

    ``critic``: a redline as CriticMarkup (``{++ ++}``, ``{-- --}``), on one line;
    ``critic_blocks``: the same, its lines (lists, paragraphs) kept;
    ``md``: user text for a Markdown document (a ``<`` that could open a tag,
    and an ``&`` that would start a reference, as entities);
    ``html_redline``: a redline as ``<ins>``/``<del>`` (escaped, Markup);
    ``markdown_html``: Markdown text as HTML (markdown-it-py, raw HTML off);
    ``long_date``: ``14 March 2024``; ``oneline``: white space folded to one line;
    ``cell``: one line, with ``|`` escaped for a Markdown table;
    ``plain``: a plain field (a title, ``by``, a body) for Markdown, its markup
    characters escaped, on one line, safe in a table cell too (:func:`markdown_plain`);
    ``meaning``: a statement change's significance labels, ``; `` between
    (``softened: should -> may wish to consider``; see
    :func:`policypos.significance.labels`), "" where there are none;
    ``named_body``: a body's name as running text gives it, "the" before a
    board or committee (:func:`policypos.documents.named_body`); ``quote``:
    Markdown as a block quote (:func:`block_quote`); ``excerpt(n)``: the
    text's opening words on one line, at most *n* characters, `` …`` where it
    was cut (:func:`excerpt`); ``disposition``: a
    disposition as a member reads it (``partially accepted``, ``not
    accepted``: :data:`policypos.documents.DISPOSITION_WORDS`). And one
    test: ``block``, whether Markdown text starts with a block other than a
    paragraph (:func:`starts_block`).
    """
    from policypos.documents import DISPOSITION_WORDS, long_date, named_body

    env.tests["block"] = starts_block

    env.filters["critic"] = critic_markup
    env.filters["critic_blocks"] = critic_blocks
    env.filters["md"] = markdown_text
    env.filters["long_date"] = long_date
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.filters["cell"] = markdown_cell
    env.filters["plain"] = markdown_plain
    env.filters["markdown_html"] = markdown_html
    env.filters["html_redline"] = html_redline
    env.filters["markdown_redline"] = markdown_redline
    env.filters["meaning"] = meaning
    env.filters["named_body"] = named_body
    env.filters["disposition"] = DISPOSITION_WORDS.__getitem__
    env.filters["quote"] = block_quote
    env.filters["excerpt"] = excerpt


def excerpt(text: object, length: int) -> str:
    """*text* on one line, cut at a word's end to at most *length* characters if it is longer.

    The site lists statements and comments by their opening words. A cut that
    falls just after a sentence ends there, as that sentence: it reads whole
    and needs no ellipsis. Any other cut drops what ended the last word (a
    comma, a colon, a dash) and is followed by `` …``, one character after a
    space, as the site's search results and the board paper's quotes show
    it: never ``release,...`` or ``misuse....``. A first word longer than
    *length* is cut inside itself, the one way to keep to *length*.
    """
    words = str(text).split()
    whole = " ".join(words)
    if len(whole) <= length:
        return whole
    room = max(length - len(_ELLIPSIS), 1)
    shown = ""
    for word in words:
        longer = f"{shown} {word}" if shown else word
        if len(longer) > room:
            break
        shown = longer
    shown = shown or words[0][:room]
    if _SENTENCE_END.search(shown):
        return shown
    return shown.rstrip(_CUT_PUNCTUATION) + _ELLIPSIS


_ELLIPSIS = " …"
_SENTENCE_END = re.compile("[.!?][\"'\u201d\u2019)\\]]*$")
"""A full stop, question or exclamation mark ending a sentence, and any closing quote or bracket."""
_CUT_PUNCTUATION = " ,;:-\u2010\u2013\u2014/([{\"'\u201c\u2018"
"""What may end the last word kept without ending a sentence, dropped before the ellipsis."""


def block_quote(text: object) -> str:
    """Markdown *text* as a block quote: every line behind ``> `` (a blank one behind ``>``).

    The response sets each recommendation apart so: a quote holds lists and
    paragraphs, which bold around the whole text (``**...**``) cannot in
    CommonMark, where it shows as literal asterisks.
    """
    return "\n".join(f"> {line}" if line.strip() else ">" for line in str(text).split("\n"))


def meaning(change: StatementChange) -> str:
    """What a statement's change means, as the text view labels it (empty for white space).

    One changed only by text moved to or from another statement is not
    reworded: where the words went or came from is what it means.
    """
    from policypos.significance import labels, not_reworded
    from policypos.views import moves_notes

    if change.whitespace_only:
        return ""
    said = not_reworded(labels(change.findings), moved_only=change.text_moved_only)
    if change.text_moved_only:
        said = (*said, *moves_notes(change))
    return "; ".join(said)


def critic_markup(pieces: Iterable[Piece]) -> str:
    """A redline in CriticMarkup, folded to one line: ``kept {--old--}{++new++} kept``.

    CriticMarkup is the Markdown convention for tracked changes that MkDocs
    (pymdownx.critic) and several editors render; it needs no raw HTML. As in
    every Markdown output, a ``<`` that could open a tag is written ``&lt;`` (see
    :func:`markdown_text`), so that no renderer meets a tag that a change cut
    in two. White space at the edges of a change stays inside its marks, so
    accepting every change gives the new text and rejecting every change the
    old, each space once: ``prison{++ as before++}.`` A link whose address (or
    title) changed is deleted and inserted whole
    (:func:`policypos.redline.whole_links`), so the change shows.
    """
    from policypos.redline import whole_links

    # The white space that starts or ends the whole text (a YAML block's line
    # end) is no change's own: inside the marks it would read "Friday. ++}".
    # A link whose address changed is struck and inserted whole: marks inside
    # an address would leave a link to nowhere, showing no change.
    return _critic_line(_trimmed(whole_links(tuple(pieces))))


def critic_blocks(pieces: Iterable[Piece]) -> str:
    """A redline in CriticMarkup, its lines kept: a statement's list stays a list.

    As :func:`critic_markup`, line by line: a statement with a paragraph and
    ``- item`` lines (or numbered items, quotes, headings, blank lines
    between paragraphs) keeps them, as the HTML comparison does, where one
    line would run the items into the paragraph. A change is closed at each
    line's end and opened again on the next line after its block prefix
    (``- ``, ``1. ``, ``> ``, indentation), so that an item added reads
    ``- {++day centres++}``: the marks never stop the line being a list item.
    """
    from policypos.redline import Piece, whole_links

    lines: list[list[Piece]] = [[]]
    for piece in _trimmed(whole_links(tuple(pieces))):
        text = piece.text
        if piece.op == "delete" and not text.strip():
            # White space deleted is never marked, and its line breaks are
            # the old text's: kept, an item re-indented into a nested list
            # would leave a blank line behind it (the new break is inserted).
            text = text.replace("\n", " ")
        for number, part in enumerate(text.split("\n")):
            if number:
                lines.append([])
            if part:
                lines[-1].append(Piece(piece.op, part))
    out = []
    for line in lines:
        indent = "".join(p.text for p in line)
        indent = indent[: len(indent) - len(indent.lstrip())]
        marked = _CRITIC_PREFIX.sub(r"\2\1", _critic_line(_trimmed(line)))
        # A change that was only the line's bullet, moved after it, marks nothing.
        out.append(indent + _EMPTY_CHANGE.sub("", marked))
    return "\n".join(out)


# A change's opening mark before a line's block prefix: it goes after it.
_CRITIC_PREFIX = re.compile(r"^(\{\+\+|\{--)((?:[-*+>]|\d{1,9}[.)]|#{1,6})(?:[ \t]+|$))")
_EMPTY_CHANGE = re.compile(r"\{\+\+\+\+\}|\{----\}")


def _critic_line(pieces: Sequence[Piece]) -> str:
    """Trimmed *pieces* as one line of CriticMarkup (:func:`critic_markup`)."""
    out = []
    for piece in pieces:
        text = markdown_text(" ".join(piece.text.split()))
        if not text:
            out.append(" " if piece.text else "")
        elif piece.op == "equal":
            out.append(edges(piece.text, text))
        else:
            # White space at a change's edge is the change's own (" as for
            # everyone" inserted before a full stop): outside its marks it would
            # stay when the change is rejected, or be doubled when accepted.
            mark = "--" if piece.op == "delete" else "++"
            out.append(f"{{{mark}{edges(piece.text, text)}{mark}}}")
    return " ".join("".join(out).split())


_SAFE_SCHEMES = r"(?!(?:https?|mailto):)"
_UNSAFE_LINK = re.compile(rf"\]\((?=\s*{_SAFE_SCHEMES}[A-Za-z][A-Za-z0-9+.-]*:)", re.I)
_UNSAFE_DEFINITION = re.compile(
    rf"(^ {{0,3}}\[[^\]\n]*)\]:(?=\s*{_SAFE_SCHEMES}[A-Za-z][A-Za-z0-9+.-]*:)", re.M | re.I
)


_CRITIC_OPENER = re.compile(r"\{(?=\+\+|--|==|>>|~~)")
_CRITIC_CLOSER = re.compile(r"(?<=\+\+|--|==|<<|~~)\}")
"""Where CriticMarkup's marks open (``{++ {-- {== {>> {~~``) and close (``++} --} ...``)."""


def critic_safe(text: str) -> str:
    """*text* with the brace of every CriticMarkup mark written as an entity.

    ``{++fake++}`` becomes ``&#123;++fake++&#125;``, as do ``{--``, ``{~~``,
    ``{>>``, ``{==`` and their closers: a Markdown renderer shows the braces,
    and a CriticMarkup one (pymdownx.critic reads the raw text and honours no
    backslash) finds no mark the user's text opened or closed. Other braces,
    and ``&`` (escape it first), are left alone.
    """
    return _CRITIC_CLOSER.sub("&#125;", _CRITIC_OPENER.sub("&#123;", text))


def markdown_text(text: object) -> str:
    """User-written Markdown for a Markdown document: as written, but for what could act as HTML.

    Markdown renderers pass raw HTML through (MkDocs does), so a statement
    holding ``<script>`` would run in a page built from our Markdown: a ``<``
    that could open a tag, a comment or a declaration (before a letter, ``/``,
    ``!`` or ``?``, or ending a piece a tracked change cut) is written
    ``&lt;``, and an ``&`` that would start a character reference
    (``&amp;``, ``&#60;``) is written ``&amp;``, so that it shows as typed.
    Every other ``<`` and ``&`` stays as it is ("B&B", "a < b"), so the text
    reads the same pasted into an email; and an address in angle brackets
    (``<https://...>``) stays a link. Emphasis, lists and links keep working.
    The brace of a CriticMarkup mark (``{++``, ``++}``, ``{--``, ``{~~``,
    ``{>>``, ``{==`` and their closers) is written ``&#123;`` or ``&#125;``:
    it shows as written, never as a tracked change.
    """
    text = _REFERENCE_AMPERSAND.sub("&amp;", str(text))
    text = _TAG_OPENER.sub("&lt;", text)
    # CriticMarkup a user wrote ("{++fake++}") would show as a tracked change
    # nobody made, and a closer ("++}") inside our own mark would end it early:
    # the brace of each is written as an entity, which pymdownx.critic (it
    # reads the raw text, and honours no backslash) does not see, and every
    # Markdown renderer shows as the brace.
    text = critic_safe(text)
    # A link to javascript: (or any scheme but the web's and mail's) would be
    # live in a renderer that does not check targets, as Python-Markdown does
    # not: its bracket is escaped, so it reads as text.
    text = _UNSAFE_LINK.sub(r"]\\(", text)
    return _UNSAFE_DEFINITION.sub(r"\1\\]:", text)


_INLINE_MARKUP = re.compile(r"([\\`*_\[\]|~])")
"""Characters that make emphasis, code, links, table cells or strikes inside a line."""
_PLAIN_BLOCK_START = re.compile(r"^(?:(?=[#>+=-])|(\d+)(?=[.)](?:\s|$)))")
"""Where a line's start would make a heading, a quote, a list or an underline: the
backslash goes before the mark, or after a list's number (``1\\.``)."""


def markdown_plain(text: object) -> str:
    r"""Plain *text* (a title, a name, a body) for a Markdown line, heading or table cell.

    Such a field is not Markdown: HTML and Word show it as typed, so
    ``*Bold*`` in ``by`` must not turn italic in the Markdown paper. It is
    put on one line and made safe as :func:`markdown_text` makes user text
    (``<`` and ``&`` that could act as HTML, CriticMarkup braces, as
    entities); then each character that is markup inside a line (``\``,
    `````, ``*``, ``_``, ``[``, ``]``, ``|``, ``~``) is escaped with a
    backslash, and so is a start that would open a block (``#``, ``>``,
    ``-``, ``+``, ``1.``). A pipe escaped so also keeps a table cell whole.
    """
    text = markdown_text(" ".join(str(text).split()))
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    return _PLAIN_BLOCK_START.sub(lambda m: (m.group(1) or "") + "\\", text, count=1)


# An & that a renderer would read as the start of a character reference: a
# name or number and its semicolon. (One a redline cuts in two, "&am" and
# "p;", only reads "&" for "&amp;" once accepted: never markup, so let be.)
_REFERENCE_AMPERSAND = re.compile(
    r"&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
)
# A < that could open raw HTML (a tag, closing tag, comment, declaration or
# processing instruction), or that ends the text (the next piece of a redline
# may hold the rest of a tag); not one opening an autolink to the web or mail.
_TAG_OPENER = re.compile(r"<(?=[A-Za-z/!?]|$)(?!(?:https?://|mailto:)[^\s<>\"'`]*>)")

_BLOCK_START = frozenset("|`~>-*+#_= \t0123456789")
"""First characters a Markdown block other than a paragraph may start with."""


def starts_block(text: object) -> bool:
    """Whether Markdown *text* starts with a table, list, quote, code or heading: not a paragraph.

    Such a statement cannot follow its paragraph number on one line
    (``**2.1** | a | b |`` is no table, and an unclosed fence after the
    number swallows the rest of the annex): the template puts the number on a
    line of its own. Parsed (:func:`markdown_tokens`) only when its first
    character may start such a block.
    """
    text = str(text).lstrip("\n")
    if not text or text[0] not in _BLOCK_START:
        return False
    tokens = markdown_tokens(text)
    return bool(tokens) and tokens[0].type != "paragraph_open"


def markdown_html(text: str | None) -> Markup:
    """Markdown written by users, as HTML: CommonMark with tables, raw HTML off.

    Raw HTML in the text is shown as text, never passed through, and links
    whose target is not http(s), mailto or relative (``javascript:``) are
    left as text, by markdown-it-py's own link validation. Headings the user
    wrote are moved three levels down (``#`` becomes ``<h4>``, at most
    ``<h6>``): the document's own title and headings hold h1 to h3. Each
    paragraph, list item, heading and cell has ``dir="auto"``, so a
    right-to-left script is laid out right to left.
    """
    from markupsafe import Markup

    if not text:
        return Markup("")
    return Markup(_rendered(text))


def _rendered(text: str) -> str:
    """Markdown *text* as HTML, as every document shows user text (see :func:`markdown_html`)."""
    md = _markdown()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The document owns h1-h3 (title, sections, parts); a heading a user
            # wrote inside a text sits below them, or the page's outline breaks.
            token.tag = f"h{min(int(token.tag[1]) + _USER_HEADING_SHIFT, 6)}"
        if token.type in _TEXT_BLOCKS:
            # Each block takes the direction of its own first letter: Arabic
            # or Hebrew reads right to left, its full stop on the left.
            token.attrSet("dir", "auto")
    return str(md.renderer.render(tokens, md.options, {}))


_TEXT_BLOCKS = frozenset({"paragraph_open", "list_item_open", "heading_open", "td_open"})


# h1 written in a statement or an introduction becomes h4.
_USER_HEADING_SHIFT = 3


def html_redline(pieces: Iterable[Piece]) -> Markup:
    """A redline as HTML: deletions in ``<del>``, insertions in ``<ins>``, every word escaped.

    Each change carries a visually hidden cue ("deleted:", "inserted:") so
    that it is not told by colour or line alone (WCAG 2.2, 1.4.1). Other
    white space is folded, but line breaks stay (``<br>``; two for a blank
    line), so a list's items and a paragraph break read as they were written.
    """
    import html

    from markupsafe import Markup

    out = []
    for piece in _trimmed(pieces):
        # Line breaks stay (a list's items, a paragraph added), as a mark that
        # survives the folding of other white space, turned into <br> at the end.
        raw = piece.text.replace("\n", f" {_BREAK} ")
        text = html.escape(" ".join(raw.split()), quote=True)
        if not text:
            out.append(" " if piece.text else "")
        elif piece.op == "equal":
            out.append(edges(raw, text))
        else:
            tag, cue = ("del", "deleted") if piece.op == "delete" else ("ins", "inserted")
            hidden = f'<span class="cue">[{cue}: </span>{text}<span class="cue">]</span>'
            marked = f"<{tag}>{hidden}</{tag}>"
            out.append(edges(raw, marked))
    folded = " ".join("".join(out).split())
    return Markup(_BREAKS.sub(_line_breaks, folded.strip(f" {_BREAK}")))


def markdown_redline(pieces: Iterable[Piece]) -> Markup:
    """A redline of Markdown text as HTML: rendered as the annex renders it, changes marked.

    The kept, deleted and inserted words are read as one Markdown text, each
    change fenced by a private-use mark (:data:`_OPEN`, :data:`_CLOSE`), and
    rendered by :func:`markdown_html`; then every run of text inside a change
    is wrapped in ``<del>`` or ``<ins>`` (with the hidden cues of
    :func:`html_redline`), so the tags nest whatever Markdown a change cut.
    Emphasis, links and lists show as they do in the annex; raw HTML stays
    text. A link or image whose address or title changed is deleted whole and
    inserted whole (:func:`policypos.redline.whole_links`), each pointing at
    its own address, so that a change of address alone is seen (in print, the
    addresses show after the links). A link or image whose address a change
    still cut (a reference definition) points at the new address (the old one
    where the whole link went), and at nothing if that address is not one
    :func:`markdown_html` would link.
    """
    from markupsafe import Markup

    source = marked_markdown(pieces)
    return Markup(_marked(_rendered(source))) if source else Markup("")


def marked_markdown(pieces: Iterable[Piece]) -> str:
    """A redline of Markdown text as one Markdown text, each change between its marks.

    The source :func:`markdown_redline` renders, and the Word comparison
    writes (:mod:`policypos.word`), so that both read the same Markdown out
    of the same changes: a change opens with :data:`_OPEN` and closes with
    :data:`_CLOSE` (see :func:`change_at`); a link whose address changed is
    deleted whole and inserted whole (:func:`policypos.redline.whole_links`);
    marks at a line's start move after its block prefix (a bullet, ``#``).
    Empty when the redline holds no words.
    """
    from policypos.redline import whole_links

    # A link whose address changed is struck and inserted whole, as the words
    # it shows are the same: a change inside its address would show nothing.
    source = "".join(_fenced(piece) for piece in _trimmed(whole_links(tuple(pieces))))
    if not source.strip(_MARKS + " \n"):
        return ""
    return _LINE_PREFIX.sub(_marks_after_prefix, source)


def change_at(mark: str) -> str | None:
    """The change a mark of :func:`marked_markdown` opens: ``delete``, ``insert``; None: a close."""
    return "delete" if mark == _OPEN["delete"] else "insert" if mark == _OPEN["insert"] else None


CHANGE_MARKS = re.compile("([\ue000-\ue003])")
"""Splits text of :func:`marked_markdown` (``re.split``) into words and the marks between them."""


def address_sides(text: str, op: str | None) -> tuple[str, str, str]:
    """Text holding marks (an address a change cut) as its new side, its old side and its marks.

    *op* is the change open where *text* starts (``delete``, ``insert`` or
    None). The new side is what is kept and inserted, the old what is kept
    and deleted; the marks, in order, still open and close changes for the
    text that follows. An address is searched for them as markdown-it-py
    writes it: percent-encoded, or a host name in punycode.
    """
    decoded = _ANY_MARK.sub(
        lambda m: _ENCODED_MARKS.get(m.group(), m.group()), _PUNYCODE.sub(_marks_in_host, text)
    )
    new: list[str] = []
    old: list[str] = []
    marks: list[str] = []
    for part in CHANGE_MARKS.split(decoded):
        if part and part in _MARKS:
            marks.append(part)
            op = change_at(part)
            continue
        if op != "delete":
            new.append(part)
        if op != "insert":
            old.append(part)
    return "".join(new), "".join(old), "".join(marks)


def linked(address: str) -> bool:
    """Whether markdown-it-py (so every document) would link to *address*."""
    return bool(_markdown().validateLink(address))


_OPEN = {"delete": "\ue000", "insert": "\ue002"}
_CLOSE = {"delete": "\ue001", "insert": "\ue003"}
_MARKS = "\ue000\ue001\ue002\ue003"
# The marks as markdown-it-py writes them into an address (mdurl percent-encodes them).
_ENCODED_MARKS = {f"%EE%80%8{i}": chr(0xE000 + i) for i in range(4)}
_ANY_MARK = re.compile("|".join([f"[{_MARKS}]", *_ENCODED_MARKS]))
# A mark at the start of a line, before or just after a list item's bullet, a
# heading's #, a quote's > or a table's |, would stop the line being read as
# that block: the marks move after the bullet and its space (the bullet itself
# is not marked; the item's words are).
_LINE_PREFIX = re.compile(
    rf"(?m)^(?:[ \t{_MARKS}]|(?:[-*+>|]|\d{{1,9}}[.)]|#{{1,6}})(?=[{_MARKS}]*(?:[ \t]|$)))+"
)


def _marks_after_prefix(match: re.Match[str]) -> str:
    """A line's block prefix with the change marks in it moved to its end."""
    prefix = match.group()
    marks = "".join(c for c in prefix if c in _MARKS)
    return prefix.translate(_DROP_MARKS) + marks if marks else prefix


_DROP_MARKS = str.maketrans(dict.fromkeys(_MARKS))


def _fenced(piece: Piece) -> str:
    """A piece's text for :func:`markdown_redline`: a change between its marks."""
    text = piece.text.translate(_NO_MARKS)
    if piece.op == "equal":
        return text
    return f"{_OPEN[piece.op]}{text}{_CLOSE[piece.op]}"


# A user's own private-use character that happens to be one of the marks shows
# as the replacement character rather than open a change nobody made.
_NO_MARKS = str.maketrans(dict.fromkeys(_MARKS, "\ufffd"))


def _marked(html: str) -> str:
    """Rendered HTML holding the marks of :func:`markdown_redline`, with ``<ins>``/``<del>``.

    Each run of text inside a change is wrapped on its own, its white space at
    either end left outside (as :func:`html_redline` does), so a change that
    began inside ``<em>`` and ended after it still nests. The opening cue goes
    before the change's first words and the closing cue after its last; a run
    of white space only (between two list items, say) is left unwrapped, as
    ``<del>`` may not stand between ``<li>`` elements.
    """
    out: list[str] = []
    state: dict[str, Any] = {"op": None, "last": None}
    for part in re.split(r"(<[^>]*>)", html):
        if part.startswith("<"):
            tag = _resolved_tag(part, state, out)
            if tag.startswith("<img") and state["op"] is not None:
                _wrapped(tag, state, out)  # an image inserted or deleted is marked as words are
            else:
                out.append(tag)
            continue
        for text in re.split(f"([{_MARKS}])", part):
            if text and text in _MARKS:
                _switch(text, state, out)
            elif state["op"] is None or not text.strip():
                out.append(text)
            else:
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                out.append(lead)
                _wrapped(text.strip(), state, out)
                out.append(trail)
    return _LINK_IN_CHANGE.sub(r"<\2><a\1>\3</a></\2>", "".join(out))


# A link whose words are one change whole (a link deleted or inserted whole):
# the change goes around the link, so that the address a printed page shows
# after it (and the comparison shows on screen) is struck or underlined with it.
_LINK_IN_CHANGE = re.compile(
    r"<a(\s[^>]*)?><(del|ins)>((?:(?!</?(?:a|del|ins)\b).)*)</\2></a>", re.S
)


def _wrapped(core: str, state: dict[str, Any], out: list[str]) -> None:
    """*core* (words, or an image) in the open change's ``<del>`` or ``<ins>``, its cue first."""
    tag, cue = ("del", "deleted") if state["op"] == "delete" else ("ins", "inserted")
    opening = f'<span class="cue">[{cue}: </span>' if state["last"] is None else ""
    state["last"] = len(out)
    out.append(f"<{tag}>{opening}{core}</{tag}>")


def _switch(mark: str, state: dict[str, Any], out: list[str]) -> None:
    """Open or close a change at *mark*; a change closing puts its cue after its last words."""
    if mark in _OPEN.values():
        state["op"] = "delete" if mark == _OPEN["delete"] else "insert"
        state["last"] = None
        return
    if state["last"] is not None:
        tag = "del" if state["op"] == "delete" else "ins"
        wrapped = out[state["last"]]
        out[state["last"]] = wrapped[: -len(f"</{tag}>")] + f'<span class="cue">]</span></{tag}>'
    state["op"], state["last"] = None, None


def _resolved_tag(tag: str, state: dict[str, Any], out: list[str]) -> str:
    """A tag whose attributes hold marks (an address a change cut), with one side kept.

    The new side's text is kept (equal and inserted), or the old side's where
    nothing of the new address is left; the marks still open or close changes
    for the text that follows. An address that is then not one markdown-it-py
    would link (``javascript:``) is dropped with its attribute.
    """
    if "xn--" in tag:
        tag = _PUNYCODE.sub(_marks_in_host, tag)
    if not _ANY_MARK.search(tag):
        return tag
    kept, old, marks = address_sides(tag, state["op"])
    for mark in marks:
        _switch(mark, state, out)
    if not re.search(r'\s(?:href|src)="[^"]+"', kept):
        kept = old
    return re.sub(r'\s(?:href|src)="([^"]*)"', _checked_address, kept)


# A host name holding the marks is written in punycode by markdown-it-py
# (``xn--ab-ie4lfafh``), where the marks cannot be seen: it is decoded first.
_PUNYCODE = re.compile(r"xn--([A-Za-z0-9-]+)")


def _marks_in_host(match: re.Match[str]) -> str:
    """A punycode label as the text it encodes when that holds a change's marks; else as it is."""
    try:
        text = match.group(1).encode("ascii").decode("punycode")
    except UnicodeError:
        return match.group()
    return text if any(mark in text for mark in _MARKS) else match.group()


def _checked_address(match: re.Match[str]) -> str:
    """An ``href``/``src`` attribute as is, or nothing where markdown-it-py would not link to it."""
    import html

    address = html.unescape(match.group(1))
    return match.group() if linked(address) else ""


def _trimmed(pieces: Iterable[Piece]) -> list[Piece]:
    """*pieces* without the white space that starts or ends the whole text (a YAML line end)."""
    from policypos.redline import Piece

    out = list(pieces)
    while out and not out[-1].text.strip():
        out.pop()
    while out and not out[0].text.strip():
        out.pop(0)
    if out:
        out[-1] = Piece(out[-1].op, out[-1].text.rstrip())
        out[0] = Piece(out[0].op, out[0].text.lstrip())
    return out


_BREAK = "\x00"  # no text holds it: the loader refuses NUL, and it is no white space
_BREAKS = re.compile(f"(?:{_BREAK} ?)+")


def _line_breaks(match: re.Match[str]) -> str:
    """One line break as ``<br>``, two or more (a paragraph's end) as two."""
    return "<br>" if match.group().count(_BREAK) == 1 else "<br><br>"


_MARKDOWN: list[Any] = []


def markdown_tokens(text: str) -> list[Any]:
    """User-written Markdown as markdown-it-py block tokens, parsed as every format parses it.

    The one parser configuration of :func:`markdown_html`, shared with the
    Word writer (:mod:`policypos.word`): CommonMark with tables, raw HTML off
    (it stays text), links other than http(s), mailto and relative left as
    text. Returns ``markdown_it.token.Token`` objects, inline content in the
    ``children`` of ``inline`` tokens.
    """
    return list(_markdown().parse(text))


def _markdown() -> Any:
    """One markdown-it-py parser for the process: CommonMark, tables, no raw HTML."""
    if not _MARKDOWN:
        from markdown_it import MarkdownIt

        _MARKDOWN.append(MarkdownIt("commonmark", {"html": False}).enable("table"))
    return _MARKDOWN[0]


TEMPLATE_TIME_LIMIT = 10.0
"""The default most seconds a user's template may run (:attr:`Options.time_limit`).

A real template renders the largest document in well under a second; one
that runs for ten is looping (a recursive macro, nested loops each under the
``range`` cap), and the user gets a line naming the template instead of a
command that never ends."""


@attrs.frozen
class Options:
    """How to write a board document.

    Attributes:
        format: one of :data:`FORMATS` (typed :data:`Format`); another
            value is refused with a :class:`RenderError` when the document is
            written.
        template: a user's own Jinja template (Markdown or HTML, by its
            extension), run in Jinja's sandbox; ``None``: the built-in one.
        author: the author recorded on Word tracked changes and properties.
        date: the date recorded on Word tracked changes and properties
            (default: the new version's date for a comparison, so that it is
            reproducible; now for the other documents).
        reference_docx: a Word file whose styles the document takes, like
            pandoc's reference document.
        time_limit: the most seconds a user's *template* may run (default
            :data:`TEMPLATE_TIME_LIMIT`); ``None``: no limit. The built-in
            templates have none: they are ours and end.
    """

    format: Format = "markdown"
    template: Path | None = None
    author: str = "policypos"
    date: dt.datetime | None = None
    reference_docx: Path | None = None
    time_limit: float | None = attrs.field(default=TEMPLATE_TIME_LIMIT)

    @time_limit.validator
    def _check_time_limit(self, _: object, value: float | None) -> None:
        # NaN compares false with everything, so "> 0" alone would let it
        # through, and with it no limit at all; so would infinity.
        if value is not None and not (0 < value < math.inf):
            raise RenderError(f"the time limit must be a number of seconds above 0, not {value}")


KINDS = ("annex", "changes", "comments", "report", "response")
"""The board documents :func:`write_document` writes, by the name their templates carry."""


def _record_class(kind: str) -> type:
    """The :mod:`policypos.documents` record a document *kind* is written from."""
    from policypos import documents

    classes: dict[str, type] = {
        "annex": documents.Annex,
        "changes": documents.Comparison,
        "comments": documents.CommentLog,
        "report": documents.BoardPaper,
        "response": documents.Response,
    }
    if kind not in classes:
        raise RenderError(f"no document {quoted(kind)} (known: {', '.join(KINDS)})")
    return classes[kind]


def _a(name: str) -> str:
    """*name* after "a" or "an", as it is said: "an Annex", "a Comparison"."""
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def write_document(kind: str, record: Any, options: Options = Options()) -> str | bytes:
    """Write one board document *record* (from :mod:`policypos.documents`) in a format.

    *kind* is ``annex``, ``changes``, ``comments``, ``report`` or ``response``;
    Markdown and HTML come from the template ``<kind>.md.j2`` or
    ``<kind>.html.j2`` (or the user's), Word from :mod:`policypos.word`, PDF
    from the HTML through :mod:`policypos.pdf`.

    Returns:
        Text for ``markdown`` and ``html``; bytes for ``docx`` and ``pdf``.

    Raises:
        RenderError: an unknown format or *kind* (:data:`KINDS`), a *record*
            not of the kind's class (:class:`policypos.documents.Annex` for an
            annex, ``Comparison``, ``CommentLog``, ``BoardPaper``, ``Response``), a user
            template that fails or is given for Word, or a missing optional
            dependency (named with the extra that installs it).
    """
    if options.format not in FORMATS:
        raise RenderError(f"no format {quoted(options.format)} (known: {', '.join(FORMATS)})")
    record_class = _record_class(kind)
    if not isinstance(record, record_class):
        raise RenderError(
            f"the {kind} document is written from a policypos.documents.{record_class.__name__}, "
            f"not {_a(type(record).__name__)}"
        )
    if options.format == "docx" and options.template is not None:
        raise RenderError(
            f"a Jinja template cannot shape a Word document: give {option('template')} with "
            f"markdown, html or pdf (an HTML template), or {option('reference_docx')} for Word "
            "styles"
        )
    if options.format == "docx":
        from policypos.word import write_docx

        return write_docx(kind, record, options)
    if options.format == "pdf":
        from policypos.pdf import html_to_pdf

        html = write_document(kind, record, attrs.evolve(options, format="html"))
        assert isinstance(html, str)
        return html_to_pdf(html)
    if options.template is not None:
        return _render_user_template(
            options.template,
            kind,
            record,
            options.time_limit,
            html=options.format == "html",  # a PDF is printed from its HTML, so this holds for it
        )
    name = f"{kind}.{_EXTENSION[options.format]}.j2"
    return environment().get_template(name).render(doc=record, kind=kind)


TEMPLATE_OUTPUT_LIMIT = 50_000_000
"""The most characters a user's template may write: about nine times the HTML
of a 10,000-statement annex (5.5 million). A loop that writes without end
fills memory faster than the time limit would stop it."""


class _Stopped(BaseException):
    """Raised inside a render that a limit stops, at the template line it had reached.

    A BaseException, so that no ``except Exception`` on the way swallows it.
    """


class _OutOfTime(_Stopped):
    """Raised inside a render that ran past its time limit (from the watcher thread)."""


class _OutOfRoom(_Stopped):
    """Thrown into a render that wrote more than :data:`TEMPLATE_OUTPUT_LIMIT` characters."""


def _render_user_template(
    path: Path,
    kind: str,
    record: Any,
    time_limit: float | None = TEMPLATE_TIME_LIMIT,
    *,
    html: bool = False,
) -> str:
    """Render a user's template, its failures (sandbox refusals included) as one-line errors.

    A template reaching for Python internals (``doc.__class__``) gets
    Jinja's :class:`~jinja2.exceptions.SecurityError`; the user sees
    ``path:line: error: access to attribute '__class__' of 'Annex' object is
    unsafe.``, as for any other mistake in the template. So does one that
    runs longer than *time_limit* seconds or writes more than
    :data:`TEMPLATE_OUTPUT_LIMIT` characters (the line it had reached), builds
    a text or list over :data:`TEMPLATE_SIZE_LIMIT` or
    :data:`TEMPLATE_ITEMS_LIMIT`, or takes more than
    :data:`TEMPLATE_MEMORY_LIMIT` bytes of memory (:func:`_sandbox`). The
    time limit covers compiling the template too. With *html* the output is
    HTML, and everything printed is escaped (:func:`_user_template`).
    """
    import jinja2

    compiled: list[jinja2.Template] = []
    # Read first, outside the time limit: reading is bounded by the size
    # limit, and a limit landing while a file is open would leave it open.
    source = _template_source(path)

    def run() -> str:
        compiled.append(_user_template(path, source, html))
        generated = compiled[0].generate(doc=record, kind=kind)
        return _written(cast("Generator[str, None, None]", generated))

    start = _memory_in_use()
    held = _budget.set(_Budget(start) if start is not None else None)
    try:
        return _within(time_limit, run)
    except _Stopped as exc:
        where = _stopped_at(exc, compiled[0], path) if compiled else str(path)
        if isinstance(exc, _OutOfRoom):
            raise located_error(
                f"{where}: error: the template wrote more than {TEMPLATE_OUTPUT_LIMIT:,} "
                "characters (the output limit) and was stopped: look for a loop that "
                "never ends"
            ) from None
        raise located_error(
            f"{where}: error: the template ran for more than {time_limit:g} s "
            "(the time limit) and was "
            "stopped: look for a loop that never ends or a macro that calls itself; "
            f"a template that is only slow can be given more with {option('time_limit')}"
        ) from None
    except jinja2.TemplateNotFound as exc:
        # {% include "/etc/passwd" %}, "../x", a link out, a dot file or a file
        # not there: the loader (_user_loader) says why in the message.
        raise _template_error(exc, path, str(exc.message)) from exc
    except jinja2.TemplateError as exc:
        message = " ".join((exc.message or type(exc).__name__).split())
        raise _template_error(exc, path, message) from exc
    except (
        ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError
    ) as exc:  # fmt: skip
        # The template's own code failing ({{ 1 / 0 }}, range(10**9) past the
        # sandbox's limit): the user's mistake, told as one line like the others.
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise _template_error(exc, path, message) from exc
    finally:
        _budget.reset(held)


def _stopped_at(exc: BaseException, template: jinja2.Template, path: Path) -> str:
    """``path:line``: the line of *template* its render had reached when *exc* stopped it.

    Jinja rewrites the traceback of the errors it handles (``Exception``) so
    that frames show template lines; an interruption is not one of them, so
    the line is found from the compiled code's own line, as Jinja does.
    """
    import traceback

    lines = [
        frame.lineno
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename == template.filename and frame.lineno is not None
    ]
    if not lines:
        return str(path)
    return f"{path}:{template.get_corresponding_lineno(lines[-1])}"


def _written(pieces: Generator[str, None, None]) -> str:
    """Join what a template writes, stopping it once past :data:`TEMPLATE_OUTPUT_LIMIT`.

    The stop is thrown into the template's generator, where it stands, so that
    its traceback (:func:`_stopped_at`) gives the line it had reached.
    """
    out: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > TEMPLATE_OUTPUT_LIMIT:
            pieces.throw(_OutOfRoom())
        out.append(piece)
    return "".join(out)


_REARM = 0.05
"""Seconds between two stops raised into a render that is still running."""


def _within(seconds: float | None, work: Callable[[], str]) -> str:
    """*work()*, interrupted with :class:`_OutOfTime` once it has run *seconds*.

    A watcher thread raises the exception in this thread (CPython's
    ``PyThreadState_SetAsyncExc``), which Python delivers between two
    bytecodes: a loop with an empty body calls no hook a sandbox could
    check, but it cannot escape that. Where there is no such call (another
    Python), or *seconds* is ``None``, *work* runs unlimited.

    Python drops an exception that lands while a garbage-collector callback,
    a weakref callback or a ``__del__`` runs ("Exception ignored in ..."), so
    one stop is not enough: the watcher raises it again every
    :data:`_REARM` seconds for as long as *work* runs; and the dropped ones
    are not reported on stderr (:func:`_drop_stops`).

    The two threads share one lock and a flag: the watcher raises only while
    it holds the lock and *work* is running. A stop is delivered only where
    the interpreter checks for one (a call, a loop's jump back), and there
    is no such check between *work* ending, however it ends, and the flag
    being cleared, nor can the watcher run there. A stop raised just before
    is delivered in the ``finally`` below, after the lock is taken (the
    watcher is then past raising), and dropped there, never in the caller;
    it cannot be taken back (``PyThreadState_SetAsyncExc(id, NULL)`` leaves
    the interpreter's "something pending" flag set, which on CPython 3.11
    under a tracer such as coverage spins for ever). This thread never waits
    for the watcher (it sleeps in short steps and ends by itself).
    """
    import ctypes
    import threading
    import time

    set_async = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if seconds is None or set_async is None:
        return work()
    target = ctypes.c_ulong(threading.get_ident())
    stop = ctypes.py_object(_OutOfTime)
    lock = threading.Lock()
    state = {"running": True, "fired": 0}
    deadline = time.monotonic() + seconds

    def watch() -> None:
        while True:
            with lock:
                if not state["running"]:
                    return
                left = deadline - time.monotonic()
                if left <= 0:  # the first stop, or the last one was dropped
                    state["fired"] += 1
                    set_async(target, stop)
                    left = _REARM
            time.sleep(min(left, _REARM))

    hook = sys.unraisablehook
    sys.unraisablehook = functools.partial(_drop_stops, hook)
    try:
        # Started inside the try: a stop landing as start() returns is still ended below.
        threading.Thread(target=watch, name="policypos-template-time-limit", daemon=True).start()
        return work()
    finally:
        # First, with nothing in between where a stop could land: from here
        # the watcher raises nothing more.
        state["running"] = False
        try:
            with lock:  # the watcher is not between reading the flag and raising
                fired = state["fired"]
            if fired:  # one raised as work() ended lands here, if not above
                for _ in range(10_000):
                    pass
        except _OutOfTime:
            pass
        finally:
            sys.unraisablehook = hook


def _drop_stops(hook: Callable[[Any], object], unraisable: Any) -> None:
    """Pass *unraisable* to *hook*, unless it is a dropped stop: that one is raised again.

    Python reports an exception it must drop (one raised in a ``__del__``)
    on stderr, as "Exception ignored in ...": a stop is no fault of the
    user's, and :func:`_within` raises it again, so it is not reported.
    """
    if not isinstance(unraisable.exc_value, _OutOfTime):
        hook(unraisable)


def _template_error(exc: BaseException, path: Path, message: str) -> RenderError:
    return located_error(f"{_template_place(exc, path)}: error: {message}")


def located_error(line: str) -> RenderError:
    """A RenderError whose message is a compiler-style line (``file:line: error: ...``)."""
    error = RenderError(line)
    error.located = True
    return error


def _template_place(exc: BaseException, path: Path) -> str:
    """``path:line`` in the innermost template of *exc*'s traceback, else just *path*.

    Jinja rewrites tracebacks so that template code shows as frames in the
    template files (the user's, or a built-in one it includes).
    """
    import traceback

    folders = (path.parent.resolve(), templates_dir().resolve())
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if not frame.filename.endswith(".py")
        # A partial in a folder below the template's counts too.
        and any(Path(frame.filename).resolve().is_relative_to(f) for f in folders)
    ]
    if not frames:
        return str(path)
    return f"{frames[-1].filename}:{frames[-1].lineno}"


TEMPLATE_SIZE_LIMIT = 10_000_000
"""The most characters one text built by a user's template may have.

Every way a template makes a text is checked: ``~``, ``+``, ``*``, ``%``,
``join``, ``replace``, ``format``, ``center`` and the other filters and
``str`` methods that can make a text longer than what they were given, a
``{% set %}`` block, a macro's or ``{% filter %}``'s output, a list printed
as text. About twice the HTML of a 10,000-statement annex (5.5 million): a
template may build a whole annex as one text, but not double a text forty
times (a terabyte), which otherwise fills memory in seconds, before the time
limit could stop it."""

TEMPLATE_ITEMS_LIMIT = 1_000_000
"""The most items one list a user's template builds may have (``+``, ``*``,
``list``, ``sum``, ``batch``), and the largest power ``**`` may raise to."""


TEMPLATE_MEMORY_LIMIT = 100_000_000
"""The most bytes of memory a user's template may take beyond what the process held
when it began: a template keeping many texts each under the size limit (a macro that
calls itself with a new copy each time) is stopped here. A 10,000-statement annex
through a copy of the built-in template takes about a fifth of it."""

_MEMORY_STEP = 2_000_000
"""Characters built between two readings of the memory in use (one ``/proc`` read, ~10 us)."""


@attrs.define
class _Budget:
    """The memory a user's template began with, and what it has built since the last look."""

    start: int
    built: int = 0


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "policypos_template_budget", default=None
)


def _memory_in_use() -> int | None:
    """The bytes this process has in memory (Linux), else its peak so far; ``None``: unknown."""
    try:
        return int(Path("/proc/self/statm").read_bytes().split()[1]) * _page_size()
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows: only the size limits hold
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


@functools.cache
def _page_size() -> int:
    import os

    return os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _count_built(size: int) -> None:
    """Add *size* characters to what the running template built; look at memory now and then.

    Raises:
        SecurityError: the process holds more than :data:`TEMPLATE_MEMORY_LIMIT`
            bytes beyond what it held when the template began.
    """
    budget = _budget.get()
    if budget is None:
        return
    budget.built += size
    if budget.built < _MEMORY_STEP:
        return
    budget.built = 0
    now = _memory_in_use()
    if now is not None and now - budget.start > TEMPLATE_MEMORY_LIMIT:
        raise _too_large(
            f"the template took more than {TEMPLATE_MEMORY_LIMIT // 1_000_000:,} MB of memory "
            "(the memory limit) and was stopped: look for a macro that calls itself with "
            "long texts, or long texts kept in a loop"
        )


def _too_large(message: str) -> Exception:
    import jinja2.exceptions

    return jinja2.exceptions.SecurityError(message)


def _check_text(size: int) -> None:
    """Refuse a text of *size* characters above :data:`TEMPLATE_SIZE_LIMIT` (SecurityError).

    Each text counted also counts towards :data:`TEMPLATE_MEMORY_LIMIT`.
    """
    _count_built(size)
    if size > TEMPLATE_SIZE_LIMIT:
        raise _too_large(
            f"a text of {size:,} characters is too large (the size limit is "
            f"{TEMPLATE_SIZE_LIMIT:,}): look for a text that grows in a loop or a macro"
        )


def _check_items(size: int) -> None:
    """Refuse a list of *size* items above :data:`TEMPLATE_ITEMS_LIMIT` (SecurityError)."""
    _count_built(8 * size)  # a pointer an item
    if size > TEMPLATE_ITEMS_LIMIT:
        raise _too_large(
            f"a list of {size:,} items is too large (the size limit is "
            f"{TEMPLATE_ITEMS_LIMIT:,}): look for a list that grows in a loop or a macro"
        )


def _check_built(value: Any) -> Any:
    """*value*, a template has just built, if within the limits (a ``len``: cheap)."""
    if isinstance(value, str):
        _check_text(len(value))
    elif isinstance(value, (list, tuple, dict)):
        _check_items(len(value))
    return value


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _text_size(value: Any, seen: dict[int, int] | None = None) -> int:
    """About how many characters ``str(value)`` has, found without building it.

    Lists, tuples, dicts and sets count their items' texts (a list holding
    the same long text twice counts it twice, as ``str`` would write it);
    each container is measured once (*seen*), so ``[a, a]`` nested forty
    deep costs forty steps, not 2**40. Anything else counts as short: a
    record's text is bounded by the data, which a template cannot grow.
    """
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return 0
    seen = {} if seen is None else seen
    known = seen.get(id(value))
    if known is not None:
        return known
    seen[id(value)] = 0  # a container inside itself adds nothing more
    if isinstance(value, dict):
        size = sum(_text_size(k, seen) + _text_size(v, seen) + 4 for k, v in value.items())
    else:
        size = sum(_text_size(item, seen) + 2 for item in value)
    seen[id(value)] = size + 2
    return size + 2


def _joined_size(separator: Any, items: Sequence[Any]) -> int:
    """The characters of *separator* joining *items* (their texts)."""
    return len(str(separator)) * max(len(items) - 1, 0) + sum(_text_size(i) for i in items)


def _replaced_size(text: Any, old: Any, new: Any, count: Any = None) -> int:
    """The characters of ``text.replace(old, new, count)``, counted first."""
    if not all(isinstance(s, str) for s in (text, old, new)):
        return _text_size(text)
    n: int = text.count(old)  # "" occurs len(text) + 1 times, as replace puts it
    if isinstance(count, int) and count >= 0:
        n = min(n, count)
    return len(text) + n * (len(new) - len(old))


def _formatted_size(template: str, values: Iterable[Any]) -> int:
    """A bound on the characters of ``template % values`` or ``template.format(*values)``.

    The format's own text, each value's text, and every number the format
    holds, since any of them may be a width or a precision
    (``"%0999999999d"``, ``"{:>999999999}"``); with widths taken from the
    values (``%*d``, ``{:{}}``), the integer values too.
    """
    values = list(values)
    size = len(template) + sum(_text_size(v) for v in values)
    size += sum(int(n) for n in re.findall(r"\d+", template))
    if "*" in template or re.search(r"\{[^{}]*\{", template):
        size += sum(abs(v) for v in values if isinstance(v, int))
    return size


def _format_values(values: Any) -> list[Any]:
    if isinstance(values, dict):
        return list(values.values())
    if isinstance(values, tuple):
        return list(values)
    return [values]


def _check_str_call(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a call of a ``str`` method that would build a text over the limit; the args to use.

    ``join`` is given its items as a list (read once: a generator measured
    would be spent).
    """
    text, name = method.__self__, method.__name__
    kwargs = {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")}
    if name == "join" and len(args) == 1 and not kwargs:
        items = _listed(args[0])
        _check_text(_joined_size(text, items))
        return (items,)
    if name in ("split", "rsplit", "splitlines"):
        _check_items(_split_size(text, name, *args, **kwargs))
    elif name == "replace":
        _check_text(_replaced_size(text, *args, **kwargs))
    elif name in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else kwargs.get("width")
        if isinstance(width, int):
            _check_text(width)
    elif name == "expandtabs":
        tabs = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tabs, int):
            _check_text(len(text) + text.count("\t") * tabs)
    return args


# Filters that take a list and do not write it out as text: a list given to
# any other filter (|upper, |e, |tojson...) is measured as the text it becomes.
_LIST_FILTERS = frozenset(
    {
        "attr", "batch", "count", "d", "default", "dictsort", "first", "groupby", "items",
        "join", "last", "length", "list", "map", "max", "min", "random", "reject",
        "rejectattr", "reverse", "select", "selectattr", "slice", "sort", "sum", "unique",
        "abs", "float", "int", "round", "critic", "critic_blocks", "html_redline", "meaning",
    }
)  # fmt: skip


def _checked_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """*filters*, each checked so that none builds a text or list over the limits.

    Before: a list to be written out as text is measured; ``join``,
    ``replace``, ``center``, ``indent``, ``wordwrap``, ``format``, ``sum``,
    ``batch`` and ``slice`` have what they would build counted first.
    After: the result's length (cheap) for the others, whose growth is
    bounded by what they were given.
    """
    import jinja2

    checked = {name: _checked_filter(name, f) for name, f in filters.items()}
    join, replace, center = filters["join"], filters["replace"], filters["center"]
    indent, wordwrap, fmt = filters["indent"], filters["wordwrap"], filters["format"]
    total, batch, slicer = filters["sum"], filters["batch"], filters["slice"]

    @jinja2.pass_eval_context
    def join_(ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = _listed(value)
        if attribute is None:
            _check_text(_joined_size(d, items))
        return _check_built(join(ctx, items, d, attribute))

    @jinja2.pass_eval_context
    def replace_(ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        _check_text(_replaced_size(str(s), str(old), str(new), count))
        return replace(ctx, s, old, new, count)

    def center_(value: Any, width: Any = 80) -> Any:
        if isinstance(width, int):
            _check_text(max(width, _text_size(value)))
        return _check_built(center(value, width))

    def indent_(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
        text = str(s) if not isinstance(s, _CONTAINERS) else ""
        _check_text(_text_size(s))
        step = width if isinstance(width, int) else len(str(width))
        _check_text(len(text) + (text.count("\n") + 1) * step)
        return indent(s, width, first, blank)

    @jinja2.pass_environment
    def wordwrap_(env: Any, s: Any, width: int = 79, *args: Any, **kwargs: Any) -> Any:
        _check_text(_text_size(s))
        if isinstance(s, str) and isinstance(width, int):
            wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
            breaks = len(s) // max(width, 1) + 1
            _check_text(len(s) + breaks * len(str(wrap if wrap is not None else "\n")))
        return _check_built(wordwrap(env, s, width, *args, **kwargs))

    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_text(_formatted_size(str(value), [*args, *kwargs.values()]))
        return fmt(value, *args, **kwargs)

    @jinja2.pass_environment
    def sum_(env: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        items = _listed(iterable)
        if attribute is None and not isinstance(start, (int, float)):
            _check_items(len(start) + sum(len(i) for i in items if isinstance(i, _CONTAINERS)))
        return _check_built(total(env, items, attribute, start))

    def batch_(value: Any, linecount: Any, fill_with: Any = None) -> Any:
        if isinstance(linecount, int):
            _check_items(linecount)
        return batch(value, linecount, fill_with)

    def slice_(value: Any, slices: Any, fill_with: Any = None) -> Any:
        if isinstance(slices, int):
            _check_items(slices)
        return slicer(value, slices, fill_with)

    # A generator made a list (|batch(1)|list on a long text): counted as it is read.
    for name in ("list", "sort", "reverse"):
        checked[name] = _listing(checked[name])
    checked.update(
        join=join_, replace=replace_, center=center_, indent=indent_, wordwrap=wordwrap_,
        format=format_, sum=sum_, batch=batch_, slice=slice_,
    )  # fmt: skip
    return checked


def _listed(values: Iterable[Any]) -> list[Any]:
    """*values* as a list, refused once past :data:`TEMPLATE_ITEMS_LIMIT` items as it is read.

    A generator (``|batch(1)``, ``|map``) has no length to check first: made a
    list whole, 10 million one-item batches took 700 MB before the result
    could be measured.
    """
    if isinstance(values, Sized):
        _check_items(len(values))
        return list(values)
    out: list[Any] = []
    for value in values:
        out.append(value)
        if len(out) > TEMPLATE_ITEMS_LIMIT:
            _check_items(len(out))
    _check_items(len(out))
    return out


def _listing(f: Any) -> Any:
    """Filter *f* (``list``, ``sort``, ``reverse``) with its value's items counted first.

    A text or a list has its length checked; a generator is read by :func:`_listed`.
    """
    at = 1 if hasattr(f, "jinja_pass_arg") else 0

    @functools.wraps(f)
    def listing(*args: Any, **kwargs: Any) -> Any:
        if len(args) > at:
            value = args[at]
            if isinstance(value, Sized):
                _check_items(len(value))  # a text of 10 million letters: 10 million items
            else:
                args = (*args[:at], _listed(value), *args[at + 1 :])
        return f(*args, **kwargs)

    return listing


_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _split_size(text: str, name: str, *args: Any, **kwargs: Any) -> int:
    """The items of ``text.split(...)`` (or ``rsplit``, ``splitlines``), counted before splitting.

    Split, a text of 10 million characters is up to 5 million texts (280 MB)
    before the result could be measured. A separator is counted; white space
    and line breaks are counted only when the text is long enough to matter.
    """
    if name == "splitlines":
        if len(text) <= TEMPLATE_ITEMS_LIMIT:
            return len(text)
        # A line each break ends, and one more for text after the last break.
        return _count(_LINE_BREAKS, text) + (not _LINE_BREAKS.fullmatch(text[-1]))
    sep = args[0] if args else kwargs.get("sep")
    limit = args[1] if len(args) > 1 else kwargs.get("maxsplit", -1)
    if isinstance(sep, str) and sep:
        n = text.count(sep) + 1
    else:
        bound = len(text) // 2 + 1
        n = bound if bound <= TEMPLATE_ITEMS_LIMIT else _count(_WORDS, text)
    return min(n, limit + 1) if isinstance(limit, int) and limit >= 0 else n


_WORDS = re.compile(r"\S+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many times *pattern* matches *text*, without keeping the matches."""
    return sum(1 for _ in pattern.finditer(text))


def _checked_filter(name: str, f: Any) -> Any:
    """*f* with its result's size checked, and a list it would write out as text measured first."""
    at = 1 if hasattr(f, "jinja_pass_arg") else 0
    takes_lists = name in _LIST_FILTERS

    @functools.wraps(f)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not takes_lists and len(args) > at and isinstance(args[at], _CONTAINERS):
            _check_text(_text_size(args[at]))
        return _check_built(f(*args, **kwargs))

    return checked


def _checked_join(join: Callable[[Any], str], pieces: tuple[Any, ...]) -> str:
    """``a ~ b ~ ...``: the pieces' texts counted before they are joined."""
    _check_text(sum(_text_size(p) for p in pieces))
    return join(pieces)


def _checked_concat(pieces: Iterable[str]) -> str:
    """What a ``{% set %}`` block, a macro or a ``{% filter %}`` wrote, counted, then joined."""
    written = list(pieces)
    _check_text(sum(map(len, written)))
    return "".join(written)


@functools.cache
def _code_generator() -> type[Any]:
    """Jinja's code generator with ``~`` going through :func:`_checked_join`."""
    from jinja2.compiler import CodeGenerator, optimizeconst

    class Generator(CodeGenerator):
        @optimizeconst
        def visit_Concat(self, node: Any, frame: Any) -> None:
            if frame.eval_ctx.volatile:
                join = "(markup_join if context.eval_ctx.volatile else str_join)"
            elif frame.eval_ctx.autoescape:
                join = "markup_join"
            else:
                join = "str_join"
            self.write(f"environment.checked_join({join}, (")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    return Generator


@functools.cache
def _sandbox(base: type[jinja2.sandbox.SandboxedEnvironment]) -> type[Any]:
    """*base* with every way of building a long text or list checked against the limits.

    Jinja's sandbox lets a template ask for gigabytes in a line or a short
    loop: ``*``, ``+``, ``%`` and ``**`` are intercepted, ``~`` compiled to
    :func:`_checked_join`, ``concat`` (block sets, macros) counted, method
    calls and ``str.format`` checked, and the filters wrapped
    (:func:`_checked_filters`, installed by :func:`_user_template`).
    """

    class Sandbox(base):  # type: ignore[valid-type,misc]
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        code_generator_class = _code_generator()
        concat = staticmethod(_checked_concat)
        checked_join = staticmethod(_checked_join)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > TEMPLATE_ITEMS_LIMIT:
                raise _too_large(f"power {right:,} is too large")
            if operator == "*":
                for many, times in ((left, right), (right, left)):
                    if isinstance(many, (str, list, tuple)) and isinstance(times, int):
                        text = isinstance(many, str)
                        limit = TEMPLATE_SIZE_LIMIT if text else TEMPLATE_ITEMS_LIMIT
                        if len(many) * times > limit:
                            unit = "characters" if text else "items"
                            raise _too_large(
                                f"repeating {len(many):,} {times:,} times is too large "
                                f"(more than {limit:,} {unit}, the size limit)"
                            )
            elif operator == "+":
                if isinstance(left, str) and isinstance(right, str):
                    _check_text(len(left) + len(right))
                elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                    _check_items(len(left) + len(right))
            elif operator == "%" and isinstance(left, str):
                _check_text(_formatted_size(left, _format_values(right)))
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(getattr(__obj, "__self__", None), str):
                args = _check_str_call(__obj, args, kwargs)
            return _check_built(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            template = str(value.__self__)

            def checked(*args: Any, **kwargs: Any) -> str:
                values = [*args, *kwargs.values()]
                if value.__name__ == "format_map" and args:
                    values = _format_values(args[0])
                _check_text(_formatted_size(template, values))
                return wrapped(*args, **kwargs)  # type: ignore[no-any-return]

            return checked

    return Sandbox


def _user_template(path: Path, source: str, html: bool) -> jinja2.Template:
    """A user's template, compiled in Jinja's immutable sandbox with our filters.

    The sandbox refuses access to Python internals (``__class__``,
    ``__subclasses__``, ...) and any change to the records; the template may
    include or extend the built-in templates and the template files of its
    own folder (:func:`_user_loader`); *source* is the text of *path*,
    read beforehand (:func:`_template_source`). With *html* (the output is HTML, or a
    PDF printed from it) everything printed is escaped, whatever the
    template's name; otherwise only by an HTML template's name.

    Raises:
        RenderError: the template does not parse.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loader = _user_loader(path, source)
    env = _configured(_sandbox(ImmutableSandboxedEnvironment), loader, escape=html)
    env.filters = _checked_filters(env.filters)
    del env.globals["lipsum"]  # lipsum(10**7): gigabytes of filler, and no use in a paper
    try:
        return env.get_template(path.name)
    except jinja2.TemplateSyntaxError as exc:
        raise located_error(f"{exc.filename or path}:{exc.lineno}: error: {exc.message}") from exc


TEMPLATE_SOURCE_LIMIT = 100_000
"""The most bytes a user's template file, or one it includes, may have.

About 12 times the largest built-in template (8 KB). Compiling costs time
and memory in proportion to the tags a template holds, before the memory
limit can count anything: 20,000 ``{{x}}`` (100 KB) took 2.5 s and 230 MB,
and a file of 48 MB ran for minutes. A file over the limit is refused
before it is read; compiling is within the time limit."""

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
"""The names a template may include, import or extend in its own folder end with one of these."""


def _user_loader(path: Path, source: str) -> jinja2.BaseLoader:
    """The loader of a user's template *path*: the file itself, its folder's templates, ours.

    *path* is *source*, whatever its name (the user named it). Anything it
    includes, imports or extends is looked for in its folder (and below it),
    then among the built-in templates, by :func:`_included`: a name there must
    be relative, without ``..`` or a dot file or folder, and end with a
    template suffix (:data:`TEMPLATE_SUFFIXES`); and the file it names,
    links followed, must be a regular file inside the folder, with such a
    name. Jinja's own ``FileSystemLoader`` follows links wherever they lead
    (its ``followlinks`` only concerns listing), which would let a link
    ``parts/pw.md.j2 -> /etc/passwd`` put any file into the document.
    """
    import jinja2

    built_in = jinja2.FileSystemLoader(templates_dir())

    def load(name: str) -> tuple[str, str, Callable[[], bool]]:
        if name == path.name:
            return source, str(path), lambda: True
        found = _included(path.parent, name)
        if found is None:
            try:
                return built_in.get_source(jinja2.Environment(), name)
            except jinja2.TemplateNotFound:
                raise _refused(path, name, "there is no such template") from None
        shown = str(path.parent / Path(*name.split("/")))
        # Up to date: the environment lives for one render, so each file is compiled once.
        return _template_source(found, shown), shown, lambda: True

    return jinja2.FunctionLoader(load)


def _included(folder: Path, name: str) -> Path | None:
    """The file *name* stands for in a user's template *folder*; ``None``: not there.

    Raises:
        TemplateNotFound: a name or file a template may not include (the reason
            is its message; :func:`_render_user_template` says where).
    """
    pieces = name.split("/")
    if name.startswith("/") or Path(name).is_absolute():
        raise _refused(folder, name, "it is an absolute path")
    if ".." in pieces:
        raise _refused(folder, name, "it goes up a folder ('..')")
    _check_template_name(folder, name, [p for p in pieces if p not in ("", ".")])
    candidate = folder.joinpath(*pieces)
    if not candidate.exists() and not candidate.is_symlink():
        return None
    from policypos._paths import link_loop, resolved

    loop = link_loop(candidate, to_holder=False)
    if loop is not None:
        raise _refused(folder, name, f"it is {loop}")
    home, target = resolved(folder), resolved(candidate)
    if not target.is_relative_to(home):
        raise _refused(folder, name, f"it is a link to {target}, outside the folder")
    _check_template_name(folder, name, list(target.relative_to(home).parts))
    return target


def _check_template_name(folder: Path, name: str, pieces: list[str]) -> None:
    """Refuse a path (*pieces*, relative to the folder) that is a dot file or no template."""
    if any(piece.startswith(".") for piece in pieces):
        raise _refused(folder, name, "it is a dot file or in a dot folder")
    if not pieces or not pieces[-1].endswith(TEMPLATE_SUFFIXES):
        shown = ", ".join(TEMPLATE_SUFFIXES)
        raise _refused(folder, name, f"it is not a template file (a name ending {shown})")


def _refused(place: Path, name: str, reason: str) -> Exception:
    """The TemplateNotFound of a name a template may not include, saying why and what it may."""
    import jinja2

    from policypos._paths import resolved

    folder = resolved(place if place.is_dir() else place.parent)
    return jinja2.TemplateNotFound(
        name,
        f"cannot include {quoted(name)}: {reason}; a template can include, import or extend only "
        f"the template files in its own folder ({folder}) and below it, named relative to it "
        "(no '..', no absolute path, no dot file, no link leading out), and the built-in "
        "templates",
    )


def _template_source(path: Path, shown: str | None = None) -> str:
    """The text of a user's template file, read only if it is a regular file within the limit.

    Raises:
        RenderError: one line, ``path: error: ...`` (with line and column for
            a byte that is not UTF-8), naming *shown* (default: *path*).
    """
    shown = str(path) if shown is None else shown
    from policypos._paths import read_user_file

    data = read_user_file(path, "template", TEMPLATE_SOURCE_LIMIT, shown)
    from policypos.errors import Undecodable, decode_utf8

    text = decode_utf8(data)
    if isinstance(text, Undecodable):
        where = f"{shown}:{text.line}:{text.column}"
        raise located_error(f"{where}: error: {text.message}")
    return text


# --- one function per document: the Python API of `policypos render` -----------------


def as_text(written: str | bytes) -> str:
    """A Markdown or HTML document as the :class:`str` it is, typed so.

    The render functions return ``str | bytes`` (bytes for Word and PDF),
    so a caller writing HTML would otherwise narrow the type itself:
    ``page = as_text(render_report(doc, changes, report, options=Options(format="html")))``.

    Raises:
        RenderError: *written* is a Word or PDF document (bytes).
    """
    if isinstance(written, bytes):
        raise RenderError(
            "a Word or PDF document is bytes, not text: render it with format markdown or html"
        )
    return written


def render_annex(
    document: Document, version: Version, *, label: str | None = None, options: Options = Options()
) -> str | bytes:
    """One version as a board reads it (see :func:`policypos.documents.annex`).

    Returns:
        Text for Markdown and HTML, bytes for Word and PDF (:func:`write_document`).
    """
    from policypos import documents

    return write_document("annex", documents.annex(document, version, label=label), options)


def render_changes(
    document: Document,
    changes: ChangeSet,
    *,
    label: str | None = None,
    options: Options = Options(),
    as_of: dt.date | None = None,
    numbers: Mapping[str, str] | None = None,
) -> str | bytes:
    """The tracked-changes comparison of a change set (:func:`policypos.documents.comparison`).

    *as_of* and *numbers* as that function takes them: the day the comments
    are read as of, and the paper's numbers for them. ``policypos render
    changes`` numbers them as the paper on the same versions does:
    ``numbers=paper.comment_numbers`` with *paper* from
    :func:`policypos.documents.written_paper` (when it is not ``None``);
    without *numbers* the comments keep their own ids.
    """
    from policypos import documents

    record = documents.comparison(document, changes, label=label, as_of=as_of, numbers=numbers)
    return write_document("changes", record, options)


def render_comments(
    document: Document,
    *,
    meeting: str | None = None,
    options: Options = Options(),
    as_of: dt.date | None = None,
    numbers: Mapping[str, str] | None = None,
    meetings: Sequence[str] | None = None,
    paper: str | None = None,
) -> str | bytes:
    """The comment log of a document or one meeting (:func:`policypos.documents.comment_log`).

    Numbered as ``policypos render comments`` numbers it with
    ``numbers=paper.comment_numbers``, *paper* being
    :func:`policypos.documents.written_paper` on the newest version (or, for
    the log sent with a paper, that paper's, with ``meetings=paper.meetings``).

    Raises:
        NotFoundError: no such meeting.
    """
    from policypos import documents

    record = documents.comment_log(
        document, meeting=meeting, as_of=as_of, numbers=numbers, meetings=meetings, paper=paper
    )
    return write_document("comments", record, options)


def render_report(
    document: Document,
    changes: ChangeSet | Version,
    report: Report | None = None,
    *,
    options: Options = Options(),
    as_of: dt.date | None = None,
) -> str | bytes:
    """The board paper bringing a revision, or a new statement, to its board.

    *changes* is the change set of a revision
    (:func:`policypos.documents.board_paper`), or a :class:`Version` with no
    earlier version, which the paper proposes as a new statement
    (:func:`policypos.documents.new_statement_paper`). The comments are as
    they stood when it went to its meeting, or at the end of the day *as_of*.

    *report* holds the officers' parts (``reports/<NEW>.yaml``); without it
    every one of them is "To be written". Read it with
    :func:`policypos.documents.paper_report`, which also checks the file and
    the order of the change set as ``policypos render report`` does, and the
    paper is the command's, byte for byte::

        repo = policypos.open_repository("positions")
        doc = repo.document("going-straight")
        changes = policypos.diff(doc.version("2005"), doc.version("2024"), doc)
        report = documents.paper_report(repo.root, doc, changes)
        html = as_text(render_report(doc, changes, report, options=Options(format="html")))

    Raises:
        BackwardsError, LoadError: as :func:`policypos.documents.board_paper`.
    """
    from policypos import documents

    if isinstance(changes, Version):
        record = documents.new_statement_paper(document, changes, report, as_of=as_of)
    else:
        record = documents.board_paper(document, changes, report, as_of=as_of)
    return write_document("report", record, options)


def render_response(
    document: Document,
    *,
    meeting: str | None = None,
    report: Report | None = None,
    options: Options = Options(),
    as_of: dt.date | None = None,
) -> str | bytes:
    """The response to a meeting's recommendations (:func:`policypos.documents.response`).

    Dispositions as they stand now, or at the end of the day *as_of*.
    *report* holds the front matter and closing sections; ``policypos render
    response`` reads it with
    ``policypos.load.read_report(root, document.id, meeting_id)``
    (``reports/<meeting id>.yaml``); without it, what the command writes with no such file.

    Raises:
        NotFoundError: no such meeting, or none with recommendations.
    """
    from policypos import documents

    record = documents.response(document, meeting, report, as_of=as_of)
    return write_document("response", record, options)
