"""Jinja and the board documents: templates, filters, and every format they are written in.

This is the only module that knows Jinja; it imports it only when a template
is rendered, so that commands printing terminal views start quickly. The
board documents' content is built by :mod:`policypos.documents`; here it is
written as Markdown and HTML (templates), Word (:mod:`policypos.word`) and PDF
(:mod:`policypos.pdf`). The commands' own views are :mod:`policypos.views`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import math
import re
from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs

from policypos.errors import RenderError
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
# ESC), and the bidirectional marks, embeddings, overrides and isolates
# (Unicode's Bidi_Control property). Terminal views and documents show them as
# \\x1b or \\u202e; JSON keeps them exact.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
    text = value if isinstance(value, str) else str(value)
    return visible_controls(text) if _CONTROLS.search(text) else value


def _configured(kind: type[jinja2.Environment], loader: jinja2.BaseLoader) -> jinja2.Environment:
    """An environment of *kind* as every document template expects it, with our filters.

    Every value a template prints has its control characters made visible
    (:func:`visible_controls`), whatever filters it went through.
    """
    import jinja2

    env = kind(
        loader=loader,
        finalize=_finalize,
        autoescape=jinja2.select_autoescape(["html", "html.j2", "htm", "xml"]),
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

FORMATS = ("markdown", "html", "docx", "pdf")
"""The formats every board document is written in."""

BINARY_FORMATS = frozenset({"docx", "pdf"})
"""Formats written as bytes, never to a terminal."""

_EXTENSION = {"markdown": "md", "html": "html"}


def _add_filters(env: jinja2.Environment) -> None:
    """The filters every document template may use, in Markdown and in HTML alike.

    ``critic``: a redline as CriticMarkup (``{++ ++}``, ``{-- --}``);
    ``md``: user text for a Markdown document (``<`` and ``&`` as entities);
    ``html_redline``: a redline as ``<ins>``/``<del>`` (escaped, Markup);
    ``markdown_html``: Markdown text as HTML (markdown-it-py, raw HTML off);
    ``long_date``: ``14 March 2024``; ``oneline``: white space folded to one line;
    ``cell``: one line, with ``|`` escaped for a Markdown table;
    ``meaning``: a statement change's significance labels, ``; `` between
    (``softened: should -> may wish to consider``; see
    :func:`policypos.significance.labels`), "" where there are none;
    ``named_body``: a body's name as running text gives it, "the" before a
    board or committee (:func:`policypos.documents.named_body`). And one
    test: ``block``, whether Markdown text starts with a block other than a
    paragraph (:func:`starts_block`).
    """
    from policypos.documents import long_date, named_body

    env.tests["block"] = starts_block

    env.filters["critic"] = critic_markup
    env.filters["md"] = markdown_text
    env.filters["long_date"] = long_date
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.filters["cell"] = markdown_cell
    env.filters["markdown_html"] = markdown_html
    env.filters["html_redline"] = html_redline
    env.filters["meaning"] = meaning
    env.filters["named_body"] = named_body


def meaning(change: StatementChange) -> str:
    """What a statement's change means, as the text view labels it (empty for white space)."""
    from policypos.significance import labels

    return "" if change.whitespace_only else "; ".join(labels(change.findings))


def critic_markup(pieces: Iterable[Piece]) -> str:
    """A redline in CriticMarkup, folded to one line: ``kept {--old--}{++new++} kept``.

    CriticMarkup is the Markdown convention for tracked changes that MkDocs
    (pymdownx.critic) and several editors render; it needs no raw HTML. As in
    every Markdown output, ``<`` and ``&`` are written as entities (see
    :func:`markdown_text`), so that no renderer meets a tag that a change cut
    in two. White space at the edges of a change stays outside its markers.
    """
    out = []
    for piece in pieces:
        text = markdown_text(" ".join(piece.text.split()))
        if not text:
            out.append(" " if piece.text else "")
        elif piece.op == "equal":
            out.append(edges(piece.text, text))
        else:
            mark = "--" if piece.op == "delete" else "++"
            out.append(edges(piece.text, f"{{{mark}{text}{mark}}}"))
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
    """User-written Markdown for a Markdown document: as written, but ``<`` and ``&`` as entities.

    Markdown renderers pass raw HTML through (MkDocs does), so a statement
    holding ``<script>`` would run in a page built from our Markdown; written
    as ``&lt;script>`` it reads the same and does nothing. Emphasis, lists and
    links keep working. The brace of a CriticMarkup mark (``{++``, ``++}``,
    ``{--``, ``{~~``, ``{>>``, ``{==`` and their closers) is written
    ``&#123;`` or ``&#125;``: it shows as written, never as a tracked change.
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
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
    return Markup(md.renderer.render(tokens, md.options, {}))


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
        format: one of :data:`FORMATS`.
        template: a user's own Jinja template (Markdown or HTML, by its
            extension), run in Jinja's sandbox; ``None``: the built-in one.
        author: the author recorded on Word tracked changes and properties.
        date: the date recorded on Word tracked changes (default: now); pass
            one to make the output reproducible.
        reference_docx: a Word file whose styles the document takes, like
            pandoc's reference document.
        time_limit: the most seconds a user's *template* may run (default
            :data:`TEMPLATE_TIME_LIMIT`); ``None``: no limit. The built-in
            templates have none: they are ours and end.
    """

    format: str = "markdown"
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


def write_document(kind: str, record: Any, options: Options = Options()) -> str | bytes:
    """Write one board document *record* (from :mod:`policypos.documents`) in a format.

    *kind* is ``annex``, ``changes``, ``comments``, ``report`` or ``response``;
    Markdown and HTML come from the template ``<kind>.md.j2`` or
    ``<kind>.html.j2`` (or the user's), Word from :mod:`policypos.word`, PDF
    from the HTML through :mod:`policypos.pdf`.

    Returns:
        Text for ``markdown`` and ``html``; bytes for ``docx`` and ``pdf``.

    Raises:
        RenderError: an unknown format, a user template that fails or is
            given for Word, or a missing optional dependency (named with the
            extra that installs it).
    """
    if options.format not in FORMATS:
        raise RenderError(f"no format {options.format!r} (known: {', '.join(FORMATS)})")
    if options.format == "docx" and options.template is not None:
        raise RenderError(
            "a Jinja template cannot shape a Word document: give --template with "
            "markdown, html or pdf (an HTML template), or --reference-docx for Word styles"
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
        return _render_user_template(options.template, kind, record, options.time_limit)
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
    path: Path, kind: str, record: Any, time_limit: float | None = TEMPLATE_TIME_LIMIT
) -> str:
    """Render a user's template, its failures (sandbox refusals included) as one-line errors.

    A template reaching for Python internals (``doc.__class__``) gets
    Jinja's :class:`~jinja2.exceptions.SecurityError`; the user sees
    ``path:line: error: access to attribute '__class__' of 'Annex' object is
    unsafe.``, as for any other mistake in the template. So does one that
    runs longer than *time_limit* seconds (the line it had reached) or writes
    more than :data:`TEMPLATE_OUTPUT_LIMIT` characters.
    """
    import jinja2

    template = _user_template(path)
    try:
        pieces = cast("Generator[str, None, None]", template.generate(doc=record, kind=kind))
        return _within(time_limit, lambda: _written(pieces))
    except _Stopped as exc:
        where = _stopped_at(exc, template, path)
        if isinstance(exc, _OutOfRoom):
            raise _located(
                f"{where}: error: the template wrote more than {TEMPLATE_OUTPUT_LIMIT:,} "
                "characters (the output limit) and was stopped: look for a loop that "
                "never ends"
            ) from None
        raise _located(
            f"{where}: error: the template ran for more than {time_limit:g} s "
            "(the time limit) and was "
            "stopped: look for a loop that never ends or a macro that calls itself; "
            "a template that is only slow can be given more with --time-limit"
        ) from None
    except jinja2.TemplateNotFound as exc:
        # {% include "/etc/passwd" %}, "../x" or a file not there: the loader
        # looks only beside the template (and below) and among the built-ins.
        raise _template_error(
            exc,
            path,
            f"cannot include {exc.name!r}: a template can include, import or extend only "
            f"the files in its own folder ({path.resolve().parent}) and below it, named "
            "relative to it (no '..', no absolute path), and the built-in templates",
        ) from exc
    except jinja2.TemplateError as exc:
        message = " ".join((exc.message or type(exc).__name__).split())
        raise _template_error(exc, path, message) from exc
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:
        # The template's own code failing ({{ 1 / 0 }}, range(10**9) past the
        # sandbox's limit): the user's mistake, told as one line like the others.
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise _template_error(exc, path, message) from exc


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


def _within(seconds: float | None, work: Callable[[], str]) -> str:
    """*work()*, interrupted with :class:`_OutOfTime` once it has run *seconds*.

    A watcher thread raises the exception in this thread (CPython's
    ``PyThreadState_SetAsyncExc``), which Python delivers between two
    bytecodes: a loop with an empty body calls no hook a sandbox could
    check, but it cannot escape that. Where there is no such call (another
    Python), or *seconds* is ``None``, *work* runs unlimited.

    The two threads share one lock and nothing else: the watcher raises only
    while *work* runs. When it raised just as *work* returned, the exception
    is let land here, in a short loop, and dropped, never in the caller; it
    cannot be taken back (``PyThreadState_SetAsyncExc(id, NULL)`` leaves the
    interpreter's "something pending" flag set, which on CPython 3.11 under
    a tracer such as coverage spins for ever). This thread never waits for
    the watcher (it sleeps in short steps and ends by itself).
    """
    import ctypes
    import threading
    import time

    set_async = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if seconds is None or set_async is None:
        return work()
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"running": True, "fired": False}
    deadline = time.monotonic() + seconds

    def watch() -> None:
        while True:
            left = deadline - time.monotonic()
            with lock:
                if not state["running"]:
                    return
                if left <= 0:
                    state["fired"] = True
                    set_async(target, ctypes.py_object(_OutOfTime))
                    return
            time.sleep(min(left, 0.05))

    threading.Thread(target=watch, name="policypos-template-time-limit", daemon=True).start()

    def settle(delivered: bool) -> None:
        with lock:
            state["running"] = False
            late = state["fired"] and not delivered
        if late:  # raised as work() ended: it lands in this loop, not in the caller
            try:
                for _ in range(100_000_000):
                    pass
            except _OutOfTime:
                pass

    try:
        done = work()
    except BaseException as exc:
        settle(isinstance(exc, _OutOfTime))
        raise
    settle(False)
    return done


def _template_error(exc: BaseException, path: Path, message: str) -> RenderError:
    return _located(f"{_template_place(exc, path)}: error: {message}")


def _located(line: str) -> RenderError:
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

    folders = {path.parent.resolve(), templates_dir().resolve()}
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if not frame.filename.endswith(".py") and Path(frame.filename).parent.resolve() in folders
    ]
    if not frames:
        return str(path)
    return f"{frames[-1].filename}:{frames[-1].lineno}"


TEMPLATE_SIZE_LIMIT = 1_000_000
"""The most characters or items ``*`` may make in a user's template (``"x" * 300000000``
would take gigabytes), and the largest power ``**`` may raise to."""


@functools.cache
def _sandbox(base: type[jinja2.sandbox.SandboxedEnvironment]) -> type[Any]:
    """*base* with ``*`` and ``**`` checked: Jinja's sandbox lets a template ask for that."""
    import jinja2.exceptions

    class Sandbox(base):  # type: ignore[valid-type,misc]
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > TEMPLATE_SIZE_LIMIT:
                raise jinja2.exceptions.SecurityError(f"power {right:,} is too large")
            if operator == "*":
                for many, times in ((left, right), (right, left)):
                    if (
                        isinstance(many, (str, list, tuple))
                        and isinstance(times, int)
                        and len(many) * times > TEMPLATE_SIZE_LIMIT
                    ):
                        raise jinja2.exceptions.SecurityError(
                            f"repeating {len(many):,} {times:,} times is too large "
                            f"(more than {TEMPLATE_SIZE_LIMIT:,} characters or items)"
                        )
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _user_template(path: Path) -> jinja2.Template:
    """A user's template, compiled in Jinja's immutable sandbox with our filters.

    The sandbox refuses access to Python internals (``__class__``,
    ``__subclasses__``, ...) and any change to the records; the template may
    include or extend the built-in templates and its own neighbours.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = _configured(
        _sandbox(ImmutableSandboxedEnvironment),
        jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(path.parent), jinja2.FileSystemLoader(templates_dir())]
        ),
    )
    try:
        return env.get_template(path.name)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"{path}: no such template") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise _located(f"{exc.filename or path}:{exc.lineno}: error: {exc.message}") from exc


# --- one function per document: the Python API of `policypos render` -----------------


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
) -> str | bytes:
    """The tracked-changes comparison of a change set (:func:`policypos.documents.comparison`)."""
    from policypos import documents

    return write_document("changes", documents.comparison(document, changes, label=label), options)


def render_comments(
    document: Document, *, meeting: str | None = None, options: Options = Options()
) -> str | bytes:
    """The comment log of a document or one meeting (:func:`policypos.documents.comment_log`).

    Raises:
        NotFoundError: no such meeting.
    """
    from policypos import documents

    return write_document("comments", documents.comment_log(document, meeting=meeting), options)


def render_report(
    document: Document,
    changes: ChangeSet | Version,
    report: Report | None = None,
    *,
    options: Options = Options(),
) -> str | bytes:
    """The board paper bringing a revision, or a new statement, to its board.

    *changes* is the change set of a revision
    (:func:`policypos.documents.board_paper`), or a :class:`Version` with no
    earlier version, which the paper proposes as a new statement
    (:func:`policypos.documents.new_statement_paper`).
    """
    from policypos import documents

    if isinstance(changes, Version):
        return write_document(
            "report", documents.new_statement_paper(document, changes, report), options
        )
    return write_document("report", documents.board_paper(document, changes, report), options)


def render_response(
    document: Document,
    *,
    meeting: str | None = None,
    report: Report | None = None,
    options: Options = Options(),
) -> str | bytes:
    """The response to a meeting's recommendations (:func:`policypos.documents.response`).

    Raises:
        NotFoundError: no such meeting, or none with recommendations.
    """
    from policypos import documents

    return write_document("response", documents.response(document, meeting, report), options)
