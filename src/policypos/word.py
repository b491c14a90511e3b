"""Word documents (.docx): the five board documents, written with python-docx.

Each document says what its Markdown template says, in the same order, with
Word's own means: the Title and Heading 1/2 styles, tables, bold and
italic. Paragraph numbers (``4.3``, ``(a)``) are written as text, as the
seed papers have them, so they survive any template a council brings.

The comparison (``changes``) is written as real tracked changes: each deleted
piece of a redline is a ``w:del`` revision and each inserted piece a ``w:ins``,
with the author and date of :class:`policypos.render.Options`, so an officer
can accept or reject each change in Word or LibreOffice. python-docx has no
API for revisions (python-docx issue #340), so those runs alone are built as
XML through its oxml layer; everything else goes through python-docx.

With a reference document (``Options.reference_docx``) the output starts from
that file, its body emptied: it keeps the council's styles, page set-up,
headers and footers, as pandoc's ``--reference-doc`` does.

What users write in Markdown (statements, preambles, introductions,
comments, responses, officers' parts) is written with Word's means too:
bold, italic, monospace, real hyperlinks, the List Bullet and List Number
styles (:class:`_Markdown`), read by the one parser the HTML documents use
(:func:`policypos.render.markdown_tokens`). The comparison's tracked changes
are written the same way, each change a ``w:del`` or ``w:ins`` inside the
formatting (:func:`policypos.render.marked_markdown` reads the redline as
one Markdown text, as the HTML comparison does), so that accepting or
rejecting every change gives one version's statement as the annex writes it.

Text from the data is data: python-docx escapes it, and the characters XML 1.0
cannot hold (C0 controls other than tab, newline and carriage return; lone
surrogates; U+FFFE and U+FFFF) are replaced by U+FFFD, so that they show
rather than break the file.

python-docx is imported only here, and only when a Word file is written, so
that the command line starts fast.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policypos._paths import read_user_file
from policypos.errors import RenderError, quoted
from policypos.render import located_error, visible_controls

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from lxml.etree import _Element
    from markdown_it.token import Token

    from policypos.documents import (
        Annex,
        BoardPaper,
        CommentLabel,
        CommentLog,
        ComparedParagraph,
        Comparison,
        Numbered,
        Part,
        Response,
    )
    from policypos.redline import Piece
    from policypos.render import Options

SUBJECTS = {
    "annex": "Policy position statement",
    "changes": "Comparison of two versions, with tracked changes",
    "comments": "Comment log",
    "report": "Board paper",
    "response": "Response to recommendations",
}
"""The core property *subject* of each kind of document; also the kinds this module writes."""

# What XML 1.0 cannot hold: C0 controls but tab, newline and carriage return,
# lone surrogates, U+FFFE and U+FFFF. lxml refuses them outright.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The children of w:settings that come before w:trackRevisions in CT_Settings
# (ECMA-376 Part 1, 17.15.1.78). Word refuses a settings part whose children
# are out of order, so the switch goes after the last of these present.
_BEFORE_TRACK_REVISIONS = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
)

# The list styles of python-docx's default template, by kind and depth: a
# Markdown list in user text is written with them (deeper lists use the last).
_LIST_STYLES = {
    "bullet": ("List Bullet", "List Bullet 2", "List Bullet 3"),
    "ordered": ("List Number", "List Number 2", "List Number 3"),
}

_LIST_INDENT_CM = 0.63
"""How far a list in a numbered paragraph is indented, per depth, past the paragraph's text."""

# What may make text more than one plain paragraph in CommonMark: the inline
# marks (escapes, code, emphasis, links, autolinks, entities), the block marks
# (headings, quotes, bullets, numbers, setext lines, fences, tables), blank
# lines, indented code (four columns, a tab reaching the next multiple of 4),
# hard breaks, NUL (which the parser replaces) and white space other than
# space, tab and line ends (the parser's blank is not Python's).
# Text without any of these is written without parsing.
_MAYBE_MARKDOWN = re.compile(
    r"[\\`*_\[\]!<>&#|~=+\-\x00]|[^\S \t\r\n]|\d[.)]"
    r"|[\r\n][ \t]*[\r\n]|(?:^|[\r\n])(?: {4}| {0,3}\t)| [\r\n]"
)

# A hyphen between two digits (a version id "2025-07", a year "2024-25"): Word
# would break the line there, leaving "2025-" at a line's end.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")

_NON_BREAKING_HYPHEN = "\u2011"

# White space other than the space, tab and line feed Markdown reads.
_OTHER_SPACE = re.compile(r"[^\S \t\n]")

_CELL_MARGINS_TWIPS = {"top": 57, "bottom": 57, "left": 108, "right": 108}
"""The padding inside every table cell: 1 mm above and below, Word's 1.9 mm at the sides."""

_CODE_FONT = "Courier New"
"""The monospace font of inline code and code blocks in user text."""

_LINK_COLOUR = (0x05, 0x63, 0xC1)
"""The colour of a link's text (with an underline): Word's own Hyperlink style's."""

# The styles the writers use. A file saved by Word defines only the styles it
# uses (the rest are "latent"), so a council's reference document may lack
# them; those are copied from python-docx's default template.
_STYLES = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Table Grid",
    *_LIST_STYLES["bullet"],
    *_LIST_STYLES["ordered"],
)

_INDENT_CM = 1.25
"""The hanging indent of a numbered paragraph, per level."""


def write_docx(kind: str, record: Any, options: Options) -> bytes:
    """Write the board document *record* as a Word file.

    Args:
        kind: ``annex``, ``changes``, ``comments``, ``report`` or ``response``.
        record: the matching record of :mod:`policypos.documents` (:class:`Annex`,
            :class:`Comparison`, :class:`CommentLog`, :class:`BoardPaper`,
            :class:`Response`).
        options: the author and date recorded on tracked changes and core
            properties, and the reference document. The date defaults to the
            new version's date for a comparison (midnight UTC), so that two
            renders of it give the same file; to now for the others.

    Returns:
        The .docx file's bytes. Given ``options.date``, the same record gives
        the same bytes.

    Raises:
        RenderError: an unknown kind, or a reference document that is missing
            or is not a Word document.
    """
    writers: dict[str, Callable[[_Writer, Any], str]] = {
        "annex": _annex,
        "changes": _changes,
        "comments": _comments,
        "report": _report,
        "response": _response,
    }
    if kind not in writers:
        raise RenderError(f"no document {quoted(kind)} (known: {', '.join(writers)})")
    when = _utc(options.date if options.date is not None else _dated(record))
    writer = _Writer(_start(options.reference_docx), options.author, when)
    title = writers[kind](writer, record)
    _header_and_footer(writer.doc, title)
    _properties(writer.doc, title, SUBJECTS[kind], options.author, when)
    out = io.BytesIO()
    writer.doc.save(out)
    return _repack(out.getvalue(), when)


# --- the file: reference document, settings, properties -------------------------------


def _start(reference: Path | None) -> WordDocument:
    """An empty document: python-docx's default on A4, or the reference document emptied."""
    import docx
    from docx.shared import Cm

    if reference is None:
        doc = docx.Document()
        # python-docx's template is US Letter; councils here print on A4.
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.54)
        return doc
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    data = read_user_file(reference, "reference document", REFERENCE_DOCX_LIMIT)
    _check_unpacked(reference, data)
    try:
        doc = docx.Document(io.BytesIO(data))
    # Not a zip (OpcError), a zip without the parts (KeyError), a package that is
    # not a document, such as a template (ValueError), or broken XML (LxmlError).
    except (OpcError, KeyError, ValueError, LxmlError, OSError, zipfile.BadZipFile) as exc:
        raise _not_word(reference) from exc
    # The body goes; the styles, section properties, headers and footers stay.
    doc.element.body.clear_content()
    _ensure_styles(doc)
    return doc


REFERENCE_DOCX_LIMIT = 50_000_000
"""The most bytes a reference document may have, packed, and unpacked (all its parts together).

A council's styles, headers and logo take a few hundred kilobytes; 50 MB
leaves room for embedded fonts and pictures. A zip can unpack to a thousand
times its size (a 950 KB file held a 1 GB part), so the sizes its directory
declares are added up before any part is read; Python's zipfile never
unpacks a part beyond its declared size."""

REFERENCE_XML_LIMIT = 5_000_000
"""The most bytes of XML a reference document may unpack to (its parts that are XML, together).

python-docx parses its XML whole, and parsed XML takes far more memory
than its text: 9 MB of empty paragraphs took 600 MB, 48 MB took 3 GB. A
council's own styles, numbering, settings, headers and a short letter
take well under a megabyte; its pictures and fonts are not XML."""

REFERENCE_DOCX_PARTS = 10_000
"""The most parts (zip members) a reference document may have; Word's own have a few dozen."""

# What an XML part starts with (after white space): "<", a byte order mark, or UTF-16's "<".
_XML_START = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")


def _check_unpacked(reference: Path, data: bytes) -> None:
    """Refuse a reference document that would unpack beyond the limits, before reading its parts.

    The zip's directory gives each part's size (:data:`REFERENCE_DOCX_LIMIT`
    for them all); the first bytes of each say whether it is XML
    (:data:`REFERENCE_XML_LIMIT`), whatever its name or declared type.

    Raises:
        RenderError: one line, ``reference: error: ...``: empty, not a zip,
            too many parts, or too large unpacked.
    """
    if not data:
        raise _not_word(reference, "an empty file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > REFERENCE_DOCX_PARTS:
                raise _not_word(reference, f"{len(parts):,} parts, over {REFERENCE_DOCX_PARTS:,}")
            _check_size(reference, sum(p.file_size for p in parts), REFERENCE_DOCX_LIMIT, "")
            xml = sum(p.file_size for p in parts if _is_xml(package, p))
    # A broken zip, a part packed in a way zipfile cannot read or with a
    # password (RuntimeError), or deflated data that is not (zlib.error).
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError, zlib.error) as exc:  # fmt: skip
        raise _not_word(reference) from exc
    _check_size(reference, xml, REFERENCE_XML_LIMIT, " of XML")


def _is_xml(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether a part of *package* is XML, by its first bytes (an XML parser would read it)."""
    with package.open(part) as member:
        return member.read(64).lstrip(b" \t\r\n").startswith(_XML_START)


def _check_size(reference: Path, size: int, limit: int, of: str) -> None:
    if size > limit:
        raise located_error(
            f"{reference}: error: the reference document unpacks to {size:,} bytes{of}, more "
            f"than {limit:,} (its size limit): take the council's styles from a short "
            "document, without its pictures and fonts"
        )


def _not_word(reference: Path, why: str | None = None) -> RenderError:
    """The one line for a reference document that is not a Word file, with *why* if known."""
    because = f" ({why})" if why else ""
    return located_error(
        f"{reference}: error: not a Word document (.docx) to take styles from{because}"
    )


def _ensure_styles(doc: WordDocument) -> None:
    """Copy into *doc* the styles of :data:`_STYLES` it lacks, from python-docx's template."""
    import docx
    from docx.oxml.ns import qn

    names = {style.name for style in doc.styles}
    missing = [name for name in _STYLES if name not in names]
    if not missing:
        return
    default = docx.Document()
    have = {s.style_id for s in doc.styles}
    for name in missing:
        style = default.styles[name]
        # Copy the chain it is based on too, where the reference lacks it.
        while style is not None and style.style_id not in have:
            element = copy.deepcopy(style.element)
            for link in element.findall(qn("w:link")):  # its character twin stays behind
                element.remove(link)
            _copy_numbering(default, doc, element)
            doc.styles.element.append(element)
            have.add(style.style_id)
            style = style.base_style


def _copy_numbering(source: WordDocument, doc: WordDocument, style: Any) -> None:
    """Give a list *style* copied from *source* its numbering in *doc*, under new ids.

    A list style names a ``w:num`` of the numbering part, which names a
    ``w:abstractNum``; a reference document has its own, or none, so both are
    copied across (ids renumbered past those in use) and the style pointed at
    the copy.
    """
    from docx.oxml.ns import qn

    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        return
    numbering = source.part.numbering_part.element
    num = numbering.num_having_numId(int(num_id.get(qn("w:val"))))
    abstract_id = num.abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    target = doc.part.numbering_part.element
    abstracts = target.findall(qn("w:abstractNum"))
    new_abstract = copy.deepcopy(abstract)
    taken = [int(a.get(qn("w:abstractNumId"))) for a in abstracts]
    new_abstract.set(qn("w:abstractNumId"), str(max(taken, default=-1) + 1))
    for nsid in new_abstract.findall(qn("w:nsid")):  # the list's identity in Word: not shared
        new_abstract.remove(nsid)
    # Every w:abstractNum comes before every w:num (CT_Numbering).
    if abstracts:
        abstracts[-1].addnext(new_abstract)
    else:
        target.insert(0, new_abstract)
    new_num = target.add_num(int(new_abstract.get(qn("w:abstractNumId"))))
    num_id.set(qn("w:val"), str(new_num.numId))


def _track_revisions(doc: WordDocument) -> None:
    """Switch on Track Changes, so an officer's own edits are tracked too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    before = {qn(tag) for tag in _BEFORE_TRACK_REVISIONS}
    last = None
    for child in settings:
        if child.tag in before:
            last = child
    switch = OxmlElement("w:trackRevisions")
    if last is None:
        settings.insert(0, switch)
    else:
        last.addnext(switch)


def _properties(
    doc: WordDocument, title: str, subject: str, author: str, when: dt.datetime
) -> None:
    """Title, subject, author and dates; what the template or reference said is replaced."""
    props = doc.core_properties
    props.title = _clean(title)
    props.subject = subject
    props.author = props.last_modified_by = _clean(author)
    props.created = props.modified = when
    props.revision = 1
    props.comments = props.keywords = props.category = ""


def _header_and_footer(doc: WordDocument, title: str) -> None:
    """The title at the top right of each page, "Page N of M" centred at its foot, as in the PDF.

    A reference document's own header or footer is kept: the council's
    letterhead wins over ours.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = doc.sections[0]
    if section.header.is_linked_to_previous:
        line = section.header.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        line.add_run(_unbroken(_line(title))).font.size = Pt(9)
    if section.footer.is_linked_to_previous:
        line = section.footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in ("Page ", "PAGE", " of ", "NUMPAGES"):
            if text.isupper():
                _field(line, text)
            else:
                line.add_run(text).font.size = Pt(9)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice fill in when laid out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    run = paragraph.add_run("1")  # shown until the field is updated
    run.font.size = Pt(9)
    field.append(run._r)
    paragraph._p.append(field)


def _dated(record: Any) -> dt.datetime | None:
    """The day a comparison's changes were made, as its data says: the new version's date.

    Its tracked changes are dated with it rather than with the time of
    writing, so the same comparison always gives the same file. None (now)
    for the other documents, which record no changes.
    """
    from policypos.documents import Comparison

    if isinstance(record, Comparison):
        return dt.datetime.combine(record.new_date, dt.time(), dt.UTC)
    return None


def _utc(when: dt.datetime | None) -> dt.datetime:
    """*when* in UTC to the second (a naive time is taken as UTC); default now."""
    if when is None:
        when = dt.datetime.now(dt.UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0)


def _repack(data: bytes, when: dt.datetime) -> bytes:
    """The zip with every member stamped *when*, not the time of writing, so output repeats."""
    stamp = when.timetuple()[:6] if when.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _clean(text: str) -> str:
    r"""*text* safe for Word: control characters made visible as in every document, ``\x1b``.

    (:func:`policypos.render.visible_controls`); what XML 1.0 still cannot
    hold (lone surrogates, U+FFFE, U+FFFF) is replaced by U+FFFD.
    """
    return _NOT_XML.sub("\ufffd", visible_controls(text))


def _line(text: str) -> str:
    """*text* on one line, white space folded, safe for XML."""
    return _clean(" ".join(text.split()))


def _unbroken(text: str) -> str:
    """*text* with each hyphen between two digits non-breaking (U+2011): "2025-07" stays whole.

    Not for tracked changes: accepting every change must give the statement's
    own characters.
    """
    return _NUMBER_HYPHEN.sub(_NON_BREAKING_HYPHEN, text)


# --- writing ---------------------------------------------------------------------------


class _Writer:
    """A document being written, with the author, date and ids its tracked changes take."""

    def __init__(self, doc: WordDocument, author: str, when: dt.datetime) -> None:
        self.doc = doc
        self.author = _clean(author)
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(1)
        self._section_properties = doc.element.body.sectPr

    def new_paragraph(self, style: str | None = None) -> Paragraph:
        """An empty paragraph at the end of the body, before its section properties.

        python-docx's ``add_paragraph`` looks for ``w:sectPr`` among all the
        body's children each time, which makes a long document quadratic (a
        10,000-statement comparison spent 13 of its 30 s there); inserting
        next to the section properties, found once, is constant time.
        """
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if self._section_properties is not None:
            self._section_properties.addprevious(element)
        else:
            self.doc.element.body.append(element)
        paragraph = Paragraph(element, self.doc._body)
        if style is not None:
            paragraph.style = self.doc.styles[style]
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading, kept on the page of what follows it.

        Said on the paragraph, not left to the style: python-docx's Title
        style does not keep with the next paragraph, nor need a council's
        own Heading styles.
        """
        heading = self.new_paragraph("Title" if level == 0 else f"Heading {level}")
        if text:
            heading.add_run(_unbroken(_line(text)))
        return _kept(heading)

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False) -> Paragraph:
        paragraph = self.new_paragraph()
        if text:
            self.run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    @staticmethod
    def run(
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        unbroken: bool = True,
    ) -> Run:
        """A run of *text*, white space folded; hyphens between digits unbroken unless told not."""
        text = _clean(re.sub(r"\s+", " ", text))
        run = paragraph.add_run(_unbroken(text) if unbroken else text)
        run.bold = bold or None
        run.italic = italic or None
        return run

    def markdown(
        self,
        text: str,
        first: Paragraph | None = None,
        *,
        level: int = 0,
        bold: bool = False,
        italic: bool = False,
        lead: str = "",
        make: Callable[[], Paragraph] | None = None,
    ) -> None:
        """User text written in Markdown, as Word paragraphs, runs, lists and links.

        The first paragraph of *text* continues *first* (a numbered
        paragraph, a bold lead), if given, after *lead* (text written in the
        same run as the first words); the others are new paragraphs,
        indented by *level* steps of a numbered paragraph, or made by *make*
        (a table cell's). *bold* and *italic* apply to all of it.
        """
        if make is None:

            def make() -> Paragraph:
                return self.indented(level) if level else self.new_paragraph()

        if not _MAYBE_MARKDOWN.search(text):
            # Plain text, as most statements are: one run, without parsing
            # (about a tenth of a long annex's time); the same XML.
            if text.strip() or lead:
                paragraph = make() if first is None else first
                self.run(paragraph, lead + text.strip(), bold=bold, italic=italic)
            return
        _Markdown(self, first, make, level, bold=bold, italic=italic, lead=lead).write(text)

    @staticmethod
    def flag(paragraph: Paragraph, text: str) -> None:
        """An officer's part still to be written: bold on yellow, so nobody sends it unseen."""
        from docx.enum.text import WD_COLOR_INDEX

        run = paragraph.add_run(_unbroken(_line(text)))
        run.bold = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def blocks(self, text: str) -> None:
        """Markdown text (preamble, introduction, an officer's part) as paragraphs of its own."""
        self.markdown(text)

    def part(self, part: Part) -> None:
        """A written part as its paragraphs; a missing one flagged."""
        if part.written:
            self.blocks(part.text)
        else:
            self.flag(self.new_paragraph(), part.text)

    def inline(self, part: Part, lead: str) -> None:
        """``Lead: text`` on one line, the lead in bold."""
        paragraph = self.paragraph(f"{lead}:", bold=True)
        self.run(paragraph, " ")
        if part.written:
            self.markdown(part.text, paragraph)
        else:
            self.flag(paragraph, part.text)

    def numbered(self, number: str, level: int = 1) -> Paragraph:
        """A paragraph opening with its number, the text hanging at the next tab stop."""
        from docx.shared import Cm

        paragraph = self.new_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(_INDENT_CM * level)
        fmt.first_line_indent = Cm(-_INDENT_CM)
        fmt.tab_stops.add_tab_stop(Cm(_INDENT_CM * level))
        paragraph.add_run(_unbroken(_line(number))).bold = True
        paragraph.add_run("\t")
        return paragraph

    def count(self) -> int:
        """How many paragraphs the body holds: a mark for :meth:`keep_with_next`."""
        from docx.oxml.ns import qn

        return len(self.doc.element.body.findall(qn("w:p")))

    def keep_with_next(self, start: int) -> None:
        """Keep every paragraph written since the mark *start* on the page of the next one."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        for element in self.doc.element.body.findall(qn("w:p"))[start:]:
            Paragraph(element, self.doc._body).paragraph_format.keep_with_next = True

    def indented(self, level: int = 1) -> Paragraph:
        from docx.shared import Cm

        paragraph = self.new_paragraph()
        paragraph.paragraph_format.left_indent = Cm(_INDENT_CM * level)
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        # Written as text, like the numbers: a list style would need the
        # numbering part of whatever template the council brings.
        for item in items:
            self.run(self.numbered("\N{EN DASH}"), item)

    def table(
        self,
        header: Sequence[str] | None,
        rows: Iterable[Sequence[str]],
        columns: int,
        weights: Sequence[float] = (),
        markdown: Sequence[int] = (),
    ) -> Table:
        """A grid (style Table Grid) with an optional bold header row.

        *weights*, one per column, share the width between the margins out
        (long text gets wide columns), each column keeping at least its
        longest word; without them each column's share is what it holds
        (:func:`_column_widths`: an email address is not broken mid-word).
        The body's cells in the columns numbered in *markdown* (from 0) hold
        Markdown, written as such.
        """
        from docx.shared import Emu

        body = [[text.strip() for text in row] for row in rows]
        heads = [list(header)] if header is not None else []
        table: Table = self.doc.add_table(rows=len(heads) + len(body), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        for index, (row, texts) in enumerate(zip(table.rows, heads + body, strict=True)):
            for column, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
                if index >= len(heads) and column in markdown and text:
                    self.markdown(text, cell.paragraphs[0], make=cell.add_paragraph)
                else:
                    self.run(cell.paragraphs[0], text, bold=index < len(heads))
        # python-docx has no API for either row property. Rows never break
        # across pages (a comment and its disposition read together), and the
        # header row repeats on every page. cantSplit precedes tblHeader in
        # the schema's order for w:trPr.
        from docx.oxml import OxmlElement

        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        _cell_margins(table)
        if heads:
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        section = self.doc.sections[-1]
        if section.page_width and section.left_margin and section.right_margin:
            table.autofit = False
            room = section.page_width - section.left_margin - section.right_margin
            # Measured in the widest fallback type, so that no word breaks where it fits.
            weights = _column_widths(
                [*heads, *body], Emu(room).pt, bold_rows=len(heads), preferred=weights
            )
            for column, weight in zip(table.columns, weights, strict=True):
                width = Emu(int(room * weight / sum(weights)))
                # Word reads the cells' widths, LibreOffice the grid's: set both.
                column.width = width
                for cell in column.cells:
                    cell.width = width
        return table

    def tracked(
        self,
        paragraph: Paragraph,
        pieces: Iterable[Piece],
        *,
        markdown: bool = False,
        lead: Sequence[Piece] = (),
        level: int = 0,
    ) -> None:
        """A redline as Word revisions: kept text as runs, ``w:del`` and ``w:ins`` for changes.

        White space is folded as in the other formats; each revision carries
        the author, the date and an id unique in the document. *lead* (a
        kind's label) is plain text before *pieces*. With *markdown*, the
        pieces are Markdown (a statement, an introduction) and are written as
        the annex writes them, bold, italic, code, links and lists, with the
        revisions inside that formatting, as the HTML and PDF comparisons
        mark them (:func:`policypos.render.marked_markdown`); paragraphs after
        the first are new ones, indented by *level*.
        """
        from policypos.redline import Piece, new_text, old_text
        from policypos.render import marked_markdown

        pieces = tuple(pieces)
        if not markdown or not any(
            _MAYBE_MARKDOWN.search(text) for text in (old_text(pieces), new_text(pieces))
        ):
            # No Markdown, as most statements: the runs plain text always gave.
            for op, text in _folded((*lead, *pieces)):
                self.revision_run(paragraph._p, text, op)
            return
        for op, text in _folded(lead, strip_end=False):
            self.revision_run(paragraph._p, text, op)
        # Controls made visible first, as the plain runs show them (the parser
        # would turn a NUL into U+FFFD before _clean could); white space that
        # is a control (form feed, U+0085) is a space there, as in every run.
        source = marked_markdown(
            Piece(p.op, visible_controls(_OTHER_SPACE.sub(" ", p.text))) for p in pieces
        )
        if source:
            make = (lambda: self.indented(level)) if level else self.new_paragraph
            _Markdown(self, paragraph, make, level, bold=False, italic=False, lead="").write(
                source, tracked=True
            )

    def revision(self, op: str) -> _Element:
        """An empty ``w:del`` or ``w:ins`` (*op* ``delete``, ``insert``): author, date, id."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        return OxmlElement(
            "w:del" if op == "delete" else "w:ins",
            {
                qn("w:id"): str(next(self._ids)),
                qn("w:author"): self.author,
                qn("w:date"): self.date,
            },
        )

    def revision_run(self, parent: _Element, text: str, op: str) -> None:
        """Plain *text* as a run of paragraph *parent*, in a revision unless *op* is equal."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        words = OxmlElement("w:t")
        if op != "equal" or text != text.strip():
            words.set(qn("xml:space"), "preserve")
        words.text = text
        run.append(words)
        parent.append(self.revised(run, op))

    def revised(self, run: _Element, op: str | None) -> _Element:
        """*run* as it goes into a paragraph: itself when kept, else inside a new revision.

        A deleted run's text is ``w:delText``, as Word writes it.
        """
        from docx.oxml.ns import qn

        if op is None or op == "equal":
            return run
        for words in run.findall(qn("w:t")):
            words.set(qn("xml:space"), "preserve")
            if op == "delete":
                words.tag = qn("w:delText")
        revision = self.revision(op)
        revision.append(run)
        return revision

    def tracked_text(self, paragraph: Paragraph, text: str, op: str) -> None:
        """Whole text as one revision (``delete`` or ``insert``), or plain (``equal``)."""
        from policypos.redline import Op, Piece

        self.tracked(paragraph, (Piece(Op(op), text),))


class _Markdown:
    """One text in Markdown written into a document: CommonMark as Word has it.

    Paragraphs are paragraphs; ``**strong**``, ``*emphasis*`` and ``code``
    are bold, italic and monospace runs; links are ``w:hyperlink`` elements
    whose target is an external relationship of the document part, so they
    can be clicked; bullet and numbered lists take the List Bullet and List
    Number styles (2 and 3 when nested), each numbered list restarting at its
    own first number; a hard line break is a break. Everything else is
    written as plain paragraphs of its text: a heading, a block quote, a
    table's rows (cells parted by tabs), a code block (monospace). Raw HTML
    and links to other schemes than the web's and mail's stay text, as the
    parser (:func:`policypos.render.markdown_tokens`) leaves them.

    Runs of the same formatting are written as one run, so text without
    Markdown gives exactly the runs plain text gave before.
    """

    def __init__(
        self,
        writer: _Writer,
        first: Paragraph | None,
        make: Callable[[], Paragraph],
        level: int,
        *,
        bold: bool,
        italic: bool,
        lead: str,
    ) -> None:
        self.w = writer
        self.first = first
        self.numbered = first._p if first is not None else None
        self.make = make
        self.level = level
        self.bold = bold
        self.italic = italic
        self.strong = self.emphasis = 0
        self.href: str | None = None
        self.link: _Element | None = None
        self.code = False
        self.pending: list[str] = [lead] if lead else []
        self.style: tuple[bool, bool, bool, str | None, str | None] = (
            bold,
            italic,
            False,
            None,
            None,
        )
        self.paragraph: Paragraph | None = None
        # A redline's Markdown (write(..., tracked=True)): the change open at
        # the text being written (delete, insert or None), and the changes
        # the paragraph being written holds words of (None: kept words).
        self.tracking = False
        self.op: str | None = None
        self.ops: set[str | None] = set()
        self.lists: list[tuple[str, str | None]] = []  # kind ("bullet", "ordered"), w:numId
        self.item_opened = False
        self.cells: int | None = None  # inside a table's row: the cells written so far

    def write(self, text: str, *, tracked: bool = False) -> None:
        """Write *text*; *tracked*: it is :func:`policypos.render.marked_markdown`'s redline."""
        from policypos.render import markdown_tokens

        self.tracking = tracked
        for token in markdown_tokens(text):
            self.block(token)
        self.flush()
        if self.pending and self.first is not None:  # a lead and nothing after it
            self.paragraph = self.first
            self.flush()
        self.track_mark()

    def track_mark(self) -> None:
        """Track the mark of the paragraph just written when all its words are one change.

        A list item or paragraph added is then inserted whole, its paragraph
        mark too, so that rejecting every change leaves no empty paragraph
        (or bullet) behind; one removed is deleted whole likewise. The
        statement's own first paragraph holds its number, and stays.
        """
        from docx.oxml import OxmlElement

        paragraph, ops, self.ops = self.paragraph, self.ops, set()
        if paragraph is None or not self.tracking or len(ops) != 1:
            return
        (op,) = ops
        if op is None or paragraph._p is self.numbered:
            return
        marks = OxmlElement("w:rPr")
        marks.append(self.w.revision(op))
        paragraph._p.get_or_add_pPr().append(marks)

    # -- blocks

    def block(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            style = "bullet" if kind == "bullet_list_open" else "ordered"
            start = int(token.attrs.get("start", 1)) if style == "ordered" else 1
            self.lists.append((style, self.restart(style, start) if style == "ordered" else None))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_opened = True
        elif kind == "tr_open":
            self.open_paragraph()
            self.cells = 0
        elif kind == "tr_close":
            self.flush()
            self.track_mark()
            self.paragraph = None
            self.cells = None
        elif kind == "inline":
            if self.cells is None:
                self.open_paragraph()
            elif self.cells:  # the next cell of a table's row, after a tab
                self.flush()
                if self.paragraph is not None:
                    self.paragraph.add_run("\t")
            if self.cells is not None:
                self.cells += 1
            self.inline(token.children or [])
        elif kind in ("code_block", "fence"):
            self.open_paragraph()
            self.code = True
            for number, line in enumerate(token.content.rstrip("\n").split("\n")):
                if number:
                    self.flush()
                    self.add_break()
                self.text(line)
            self.code = False
        elif kind.endswith("_close") and kind not in ("th_close", "td_close"):
            self.flush()
            if kind in ("paragraph_close", "heading_close", "table_close"):
                self.track_mark()
                self.paragraph = None

    def open_paragraph(self) -> None:
        """Start the next block's paragraph: *first*, a list item's, or a new one."""
        from docx.shared import Cm

        self.flush()
        if self.lists and self.item_opened:
            self.item_opened = False
            if self.first is not None and self.pending:  # a lead stays where it was put
                self.paragraph = self.first
                self.flush()
            kind, num_id = self.lists[-1]
            styles = _LIST_STYLES[kind]
            paragraph = self.make()
            paragraph.style = self.w.doc.styles[styles[min(len(self.lists), len(styles)) - 1]]
            if num_id is not None:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = int(num_id)
            if self.level:
                fmt = paragraph.paragraph_format
                fmt.left_indent = Cm(_INDENT_CM * self.level + _LIST_INDENT_CM * len(self.lists))
                fmt.first_line_indent = Cm(-_LIST_INDENT_CM)
        elif self.first is not None:
            paragraph = self.first
        else:
            paragraph = self.make()
            if self.lists:  # a later paragraph of a list item: under the item's text
                indent = _INDENT_CM * self.level + _LIST_INDENT_CM * len(self.lists)
                paragraph.paragraph_format.left_indent = Cm(indent)
        self.first = None
        self.track_mark()
        self.paragraph = paragraph

    def restart(self, kind: str, start: int) -> str | None:
        """A new ``w:num`` for a numbered list, counting from *start*, not on from the last.

        It shares the list style's abstract numbering (its look); ``None``
        when the style has no numbering (a council's own, without numbers).
        """
        from docx.oxml.ns import qn

        styles = _LIST_STYLES[kind]
        style = self.w.doc.styles[styles[min(len(self.lists) + 1, len(styles)) - 1]]
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if found is None:
            return None
        numbering = self.w.doc.part.numbering_part.element
        try:
            num = numbering.num_having_numId(int(found.get(qn("w:val"))))
        except KeyError:
            return None
        new = numbering.add_num(num.abstractNumId.val)
        new.add_lvlOverride(ilvl=0).add_startOverride(start)
        return str(new.numId)

    # -- inline

    def inline(self, children: Sequence[Token]) -> None:
        for token in children:
            kind = token.type
            if kind == "text":
                self.text(token.content)
            elif kind == "softbreak":
                self.text(" ")
            elif kind == "hardbreak":
                self.flush()
                self.add_break()
            elif kind == "code_inline":
                self.code = True
                self.text(token.content)
                self.code = False
            elif kind == "strong_open":
                self.strong += 1
            elif kind == "strong_close":
                self.strong -= 1
            elif kind == "em_open":
                self.emphasis += 1
            elif kind == "em_close":
                self.emphasis -= 1
            elif kind == "link_open":
                self.flush()
                self.href = self.address(str(token.attrs.get("href", "")))
            elif kind == "link_close":
                self.flush()
                self.href = None
                self.link = None
            elif kind == "image":  # its description, as text
                self.inline(token.children or [])
            elif token.content:  # anything else the parser makes: its text
                self.text(token.content)

    def address(self, href: str) -> str | None:
        """A link's address; in a redline, with a change's marks in it, the side it points at.

        As in the HTML comparison: the new address (the old one where nothing
        of the new is left), and no link if that is not an address the annex
        would link. The marks open and close changes for the words after it.
        """
        from policypos.render import address_sides, linked

        if not self.tracking:
            return href
        new, old, marks = address_sides(href, self.op)
        if not marks:
            return href
        for mark in marks:
            self.change(mark)
        address = new or old
        return address if linked(address) else None

    def change(self, mark: str) -> None:
        from policypos.render import change_at

        self.op = change_at(mark)

    def text(self, text: str) -> None:
        if not self.tracking:
            self.styled(text)
            return
        from policypos.render import CHANGE_MARKS

        for part in CHANGE_MARKS.split(text):
            if CHANGE_MARKS.fullmatch(part):
                self.change(part)
            elif part:
                self.styled(part)

    def styled(self, text: str) -> None:
        """*text* added to the run being gathered, or to a new one where its formatting differs."""
        style = (
            self.bold or self.strong > 0,
            self.italic or self.emphasis > 0,
            self.code,
            self.href,
            self.op,
        )
        if style != self.style:
            self.flush()
            self.style = style
        self.pending.append(text)

    def add_break(self) -> None:
        if self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def flush(self) -> None:
        """Write the text gathered so far as one run of its formatting."""
        text = "".join(self.pending)
        if not text or self.paragraph is None:
            return
        self.pending = []
        bold, italic, code, href, op = self.style
        # A tracked text keeps its own hyphens: accepting gives its characters.
        run = self.w.run(self.paragraph, text, bold=bold, italic=italic, unbroken=not self.tracking)
        properties = run._r.rPr
        if self.tracking and properties is not None and not len(properties):
            run._r.remove(properties)  # no formatting: the runs plain text gave
        if text.strip():
            self.ops.add(op)
        if code:
            run.font.name = _CODE_FONT
        if href:
            from docx.opc.constants import RELATIONSHIP_TYPE
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn
            from docx.shared import RGBColor

            if self.link is None:
                target = _clean(href)
                rid = self.paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, True)
                self.link = OxmlElement("w:hyperlink", {qn("r:id"): rid})
                self.paragraph._p.append(self.link)
            run.font.color.rgb = RGBColor(*_LINK_COLOUR)
            run.font.underline = True
            # w:hyperlink may hold w:ins and w:del, not the other way round.
            self.link.append(self.w.revised(run._r, op))
        elif op is not None:
            self.paragraph._p.append(self.w.revised(run._r, op))


def _kept(paragraph: Paragraph) -> Paragraph:
    """*paragraph*, kept on the page of the next: a heading, a label, a line ending in a colon."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _cell_margins(table: Table) -> None:
    """Padding inside each cell of *table* (``w:tblCellMar``): text does not touch the rules.

    Placed where ECMA-376's ``CT_TblPr`` orders it, before the look and the
    caption; python-docx has no API for it.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, twips in _CELL_MARGINS_TWIPS.items():
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
    properties = table._tbl.tblPr
    after = [
        properties.find(qn(f"w:{name}")) for name in ("tblLook", "tblCaption", "tblDescription")
    ]
    following = [element for element in after if element is not None]
    if following:
        following[0].addprevious(margins)
    else:
        properties.append(margins)


def _folded(pieces: Iterable[Piece], *, strip_end: bool = True) -> list[tuple[str, str]]:
    """The pieces with white space folded to single spaces, none at the start, nor the end.

    With *strip_end* false the space at the end stays: the pieces are a lead
    (``Ask: ``) that more text follows.
    """
    out: list[tuple[str, str]] = []
    for piece in pieces:
        text = _clean(re.sub(r"\s+", " ", piece.text))
        if not text:
            continue
        if out and out[-1][0] == str(piece.op):
            # One revision, not two side by side (a label inserted with its
            # statement): Word and LibreOffice show them as one change anyway.
            out[-1] = (out[-1][0], re.sub(r"\s+", " ", out[-1][1] + text))
        else:
            out.append((str(piece.op), text))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        if strip_end:
            out[-1] = (out[-1][0], out[-1][1].rstrip())
    return [(op, text) for op, text in out if text]


# --- the five documents --------------------------------------------------------------


def _annex(w: _Writer, doc: Annex, level: int = 0) -> str:
    """The annex, titled at heading *level* (0, Title: alone; 1: in a paper), sections below."""
    if doc.label:
        _kept(w.paragraph(doc.label, bold=True))
    w.heading(doc.title, level)
    w.paragraph(f"{doc.organisation}, {doc.owner}. {doc.status}.")
    if doc.preamble:
        w.blocks(doc.preamble)
    for section in doc.sections:
        w.heading(f"{section.number}. {section.title}", level + 1)
        if section.intro:
            w.blocks(section.intro)
        for paragraph in section.paragraphs:
            out = w.numbered(paragraph.number)
            if paragraph.label:
                w.run(out, f"{paragraph.label}: ", italic=True)
            w.markdown(paragraph.text, out, level=1)
    return doc.title


def _changes(w: _Writer, doc: Comparison) -> str:
    from policypos.changeset import Change

    _track_revisions(w.doc)
    if doc.label:
        _kept(w.paragraph(doc.label, bold=True))
    title = f"{doc.title}: changes from version {doc.old} to version {doc.new}"
    w.heading(title, 0)
    w.paragraph(doc.overview)
    if doc.substantive:
        _kept(
            w.paragraph(
                "Paragraphs changed in substance, those that alter what is asked of whom first:"
            )
        )
        w.bullets(f"{p.named(doc.old)}: {p.substance()}." for p in doc.substantive)
    if doc.preamble:
        w.tracked(w.paragraph(), doc.preamble, markdown=True)
    if doc.answered:
        _kept(w.paragraph("This revision answers:"))
        w.bullets(str(comment) for comment in doc.answered)
    if doc.carried:
        _kept(w.paragraph(f"Still answered, as in version {doc.old}:"))
        w.bullets(str(comment) for comment in doc.carried)
    for section in doc.sections:
        heading = w.heading("", 1)
        if section.number:
            w.run(heading, f"{section.number}. ")
        # A title added, removed or renamed is itself a change to accept or reject.
        w.tracked(heading, section.title_pieces)
        # The section's summary heads its paragraphs as the heading does.
        summary = _kept(w.paragraph(section.summary, italic=True))
        if section.answers:
            w.run(summary, f" Answers {_labels(section.answers)}.")
        if section.intro:
            w.tracked(w.paragraph(), section.intro, markdown=True)
        for paragraph in section.paragraphs:
            start = w.count()
            out = w.numbered(paragraph.number or "—")
            w.tracked(
                out, _revisions(paragraph), markdown=True, lead=paragraph.label_pieces, level=1
            )
            # What happened besides the words, in italics under the text (where
            # Markdown and HTML put it too): kept out of the statement's
            # paragraph, which accepting or rejecting every change turns into
            # the new or the old statement as the annex prints it, kind's label
            # and all.
            where = [f"formerly {paragraph.former}"] if paragraph.former else []
            if paragraph.change is Change.REMOVED:
                where.append("removed")
            elif paragraph.change is Change.ADDED:
                where.append("new")
            where += [*paragraph.meaning, *paragraph.notes]
            if where or paragraph.answers:
                # The statement never ends a page without the lines said of it
                # ("(formerly 3.2; removed)" under a deleted one reads as nothing).
                w.keep_with_next(start)
            if where:
                notes = w.indented()
                w.run(notes, f"({'; '.join(where)})", italic=True)
                if paragraph.answers:
                    _kept(notes)
            if paragraph.answers:
                w.run(w.indented(), f"Answers {_labels(paragraph.answers)}.")
    return title


def _revisions(paragraph: ComparedParagraph) -> tuple[Piece, ...]:
    """A statement's words as revisions: one insertion if it was added, one deletion if removed.

    A split part's :attr:`~ComparedParagraph.pieces` are its words against
    the stretch of the whole they left, which the whole's own paragraph
    already shows deleted; kept as they are, "reject all" would bring the
    stretch back twice, once in the whole and once here (and "accept all"
    a merge part's stretch twice). What the part did on the way is said in
    its note instead.
    """
    from policypos.changeset import Change
    from policypos.redline import Op, Piece, new_text, old_text

    if paragraph.change is Change.ADDED:
        return (Piece(Op.INSERT, new_text(paragraph.pieces)),)
    if paragraph.change is Change.REMOVED:
        return (Piece(Op.DELETE, old_text(paragraph.pieces)),)
    return paragraph.pieces


def _labels(labels: Iterable[CommentLabel]) -> str:
    return "; ".join(str(label) for label in labels)


def _comments(w: _Writer, doc: CommentLog) -> str:
    from docx.enum.section import WD_ORIENT

    from policypos.documents import long_date

    # Six columns read better across the page.
    section = w.doc.sections[-1]
    if section.page_width is not None and section.page_height is not None:
        if section.page_width < section.page_height:
            section.page_width, section.page_height = section.page_height, section.page_width
        section.orientation = WD_ORIENT.LANDSCAPE
    title = f"{doc.title}: comment log"
    w.heading(title, 0)
    if doc.numbering:
        w.paragraph(doc.numbering)
    table = None
    for meeting in doc.meetings:
        if not meeting.comments and table is not None:
            # Two lines are never a page of their own: the last row before goes with them.
            for cell in table.rows[-1].cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        item = f": {meeting.item}" if meeting.item else ""
        w.heading(f"{meeting.body}, {long_date(meeting.date)}{item}", 1)
        if not meeting.comments:
            w.paragraph("No comments were recorded.")
            table = None
            continue
        header = ["No.", "From", meeting.heading, "Disposition", "Response", "Answered in"]
        rows = [
            [
                c.label.logged,
                c.by or "",
                c.text,
                c.disposition + (f" to {c.referred_to}" if c.referred_to else ""),
                c.response or "",
                "; ".join(c.answered_in),
            ]
            for c in meeting.comments
        ]
        table = w.table(header, rows, len(header), (1.1, 2.4, 5.8, 2.8, 5.8, 3.2), markdown=(2, 4))
        # A response owed and missing is flagged, as in the response document.
        for row, c in zip(table.rows[1:], meeting.comments, strict=True):
            if c.missing:
                w.flag(row.cells[4].paragraphs[0], c.missing)
    return title


def _report(w: _Writer, doc: BoardPaper) -> str:
    from docx.enum.text import WD_BREAK

    from policypos.documents import TO_BE_WRITTEN, long_date

    w.heading(doc.title, 0)
    w.paragraph(doc.body + (f", {long_date(doc.date)}" if doc.date else ""))
    w.inline(doc.purpose, doc.purpose.heading)
    w.heading("Summary", 1)
    w.part(doc.summary)
    if doc.plan_theme is not None:
        w.inline(doc.plan_theme, doc.plan_theme.heading)
    w.heading("Recommendations", 1)
    _kept(w.paragraph(doc.resolution))  # "That Cabinet:" introduces the list
    for recommendation in doc.recommendations:
        w.run(w.numbered(f"({recommendation.letter})"), recommendation.text)
    w.heading("Contact details", 1)
    for contact in doc.contacts:
        facts = [contact.name, contact.position, contact.email, contact.phone]
        w.paragraph(f"{contact.role}: " + ", ".join(f for f in facts if f))
    if not doc.contacts:
        w.flag(w.new_paragraph(), f"{TO_BE_WRITTEN}: who to contact")
    for heading, paragraphs in (
        ("Background", doc.background),
        ("Proposal", doc.proposal),
        *((heading, (n,)) for heading, n in doc.implications),
        ("Next steps", doc.next_steps),
    ):
        w.heading(heading, 1)
        for numbered in paragraphs:
            _numbered(w, numbered)
    w.new_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # Under the paper's own headings, as the HTML nests it (h2, then h3), so
    # Word's navigation pane shows the annex's sections inside the annex.
    _annex(w, doc.annex, level=1)
    return doc.title


def _numbered(w: _Writer, numbered: Numbered, level: int = 1) -> None:
    out = w.numbered(f"{numbered.number}.", level)
    if numbered.items:  # "Members are asked to:" stays with its first item
        _kept(out)
    start = w.count()
    if numbered.written:
        w.markdown(numbered.text, out, level=level)
    else:
        w.flag(out, numbered.text)
    if numbered.missing:
        w.run(out, " ")
        w.flag(out, numbered.missing)
    if w.count() > start:
        # A numbered paragraph that runs on ("2.2 Recommendation R2 ...", then
        # "Officers propose ..."): its numbered line introduces the rest, and
        # never ends a page without it.
        _kept(out)
    for item in numbered.items:
        _numbered(w, item, level + 1)


def _column_widths(
    rows: Sequence[Sequence[str]],
    across: float,
    *,
    bold_rows: int = 0,
    preferred: Sequence[float] = (),
) -> list[float]:
    """Each column's width in points, from what it holds, for a table *across* points wide.

    As a browser lays out an automatic table (CSS 2.1, 17.5.2.2): each column
    needs its longest word (which cannot wrap: "Communities", an email
    address) and would like its longest cell on one line. With *preferred*
    shares (the comment log's: its comments and responses get the room),
    the room is shared by them, each column keeping at least its longest
    word. Otherwise, where every cell fits, the columns get what they would
    like and the last the room to spare (a label's column stays a label's
    width); where every word fits, each gets its longest word and the room
    left goes to the columns with the most to wrap. Where even the words do
    not fit, the longest words give way (an email address breaks at its
    hyphen) before short ones would break mid-word. The first *bold_rows*
    rows (the header) are measured in bold. Fixed shares broke
    "Communities" and "minutes)" mid-word in a comment log; equal columns
    gave a contacts table's empty telephone column a fifth of the page.
    """
    measured = [_measured(row, index < bold_rows) for index, row in enumerate(rows)]
    columns = list(zip(*measured, strict=True))
    least = [
        max((word for _, words in cells for word in words), default=0.0) + _CELL_PADDING_PT
        for cells in columns
    ]
    most = [
        max(max((line for line, _ in cells), default=0.0) + _CELL_PADDING_PT, low)
        for cells, low in zip(columns, least, strict=True)
    ]
    if preferred and sum(least) <= across:
        return _shared(across, preferred, least)
    if (
        not preferred and sum(most) <= across
    ):  # the room to spare goes to the last column, the values' own
        return [*most[:-1], most[-1] + across - sum(most)]
    if not preferred and sum(least) <= across:
        return _wrapped(across, least, most)
    # With shares, a word too long for its column's share (a web address in
    # a response) breaks at that share, so that the comments keep theirs.
    shares = [across * w / sum(preferred) for w in preferred] if preferred else least
    cap = max(least)
    while cap > 2 * _CELL_PADDING_PT and (
        sum(min(low, cap) for low in least) > across
        or any(low > cap > share for low, share in zip(least, shares, strict=True))
    ):
        cap -= 1
    capped = [min(low, cap) for low in least]
    return _shared(across, preferred, capped) if preferred else capped


def _wrapped(across: float, least: Sequence[float], most: Sequence[float]) -> list[float]:
    """Widths where every word fits but not every cell on one line.

    A column whose longest cell fits in an equal share of the width keeps it
    on one line (a label: "Electoral division(s)"); the room left goes to
    the others, beyond their longest words, by how much they have to wrap.
    """
    fair = across / len(least)
    whole = {i for i, high in enumerate(most) if high <= fair}
    rest = [i for i in range(len(least)) if i not in whole]
    room = across - sum(most[i] for i in whole) - sum(least[i] for i in rest)
    if room < 0 or not rest:
        whole, rest, room = set(), list(range(len(least))), across - sum(least)
    wraps = sum(most[i] - least[i] for i in rest)
    return [
        most[i] if i in whole else least[i] + room * (most[i] - least[i]) / wraps
        for i in range(len(least))
    ]


def _shared(across: float, preferred: Sequence[float], least: Sequence[float]) -> list[float]:
    """*across* shared as *preferred* says, no column below its *least* (which fit together)."""
    fixed: set[int] = set()
    while True:
        left = across - sum(least[i] for i in fixed)
        free = [i for i in range(len(least)) if i not in fixed]
        total = sum(preferred[i] for i in free)
        share = {i: left * preferred[i] / total for i in free}
        short = {i for i in free if share[i] < least[i]}
        if not short:
            return [least[i] if i in fixed else share[i] for i in range(len(least))]
        fixed |= short


_CELL_PADDING_PT = 12.0
"""A cell's side margins (:data:`_CELL_MARGINS_TWIPS`, 10.8 points) and a point to spare."""

_BODY_PT = 11.0
"""The size of the body's type (python-docx's template), in which tables are written."""

# How wide the printable ASCII characters (space to tilde) are, in thousandths
# of an em, in DejaVu Serif and DejaVu Serif Bold (their advance widths): the
# widest of the fonts LibreOffice sets where Cambria or Calibri are missing,
# so that a word measured to fit fits in Word and LibreOffice alike. Classes
# of widths rounded up were too coarse: they found no room for the two email
# addresses of a contacts table on A4 that has room for them.
_REGULAR_EMS = (
    318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 338, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536,
    1000, 722, 735, 765, 802, 730, 694, 799, 872, 395, 401, 747, 664, 1024, 875, 820,
    673, 820, 753, 685, 667, 843, 722, 1028, 712, 660, 695, 390, 337, 390, 838, 500,
    500, 596, 640, 560, 640, 592, 370, 640, 644, 320, 310, 606, 320, 948, 644, 602,
    640, 640, 478, 513, 402, 644, 565, 856, 564, 565, 527, 636, 337, 636, 838,
)  # fmt: skip
_BOLD_EMS = (
    348, 439, 521, 838, 696, 950, 903, 306, 473, 473, 523, 838, 348, 415, 348, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 369, 369, 838, 838, 838, 586,
    1000, 776, 845, 796, 867, 762, 710, 854, 945, 468, 473, 869, 703, 1107, 914, 871,
    752, 871, 831, 722, 744, 872, 776, 1123, 776, 714, 730, 473, 365, 473, 838, 500,
    500, 648, 699, 609, 699, 636, 430, 699, 727, 380, 362, 693, 380, 1058, 727, 667,
    699, 699, 527, 563, 462, 727, 581, 861, 596, 581, 568, 643, 364, 643, 838,
)  # fmt: skip
_OTHER_EM = 1000
"""A character outside ASCII (a dash, a letter with an accent), taken at an em: wide enough."""

# A link's address is not shown: "[Report](https://...)" reads "Report".
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def _measured(row: Sequence[str], bold: bool) -> list[tuple[float, list[float]]]:
    """Each cell of *row*: its width on one line, and its words' widths, in points."""
    ems = _BOLD_EMS if bold else _REGULAR_EMS

    def points(text: str) -> float:
        thousandths = sum(ems[ord(char) - 32] if " " <= char <= "~" else _OTHER_EM for char in text)
        return _BODY_PT * thousandths / 1000

    out = []
    for cell in row:
        shown = _LINK_TARGET.sub("]", " ".join(cell.split()))
        out.append((points(shown), [points(word) for word in shown.split()]))
    return out


def _response(w: _Writer, doc: Response) -> str:
    from policypos.documents import TO_BE_WRITTEN

    if doc.reference:
        _kept(w.paragraph(doc.reference))
    w.heading(doc.title, 0)
    # A row still to be written is flagged as every other unwritten part is.
    table = w.table(None, [(k, "" if k in doc.unwritten else v) for k, v in doc.front], 2)
    for row, (label, value) in zip(table.rows, doc.front, strict=True):
        if label in doc.unwritten:
            w.flag(row.cells[1].paragraphs[0], value)
    w.paragraph()
    w.inline(doc.purpose, "Purpose")
    w.inline(doc.recommendation, "Recommendation")
    if doc.contacts:
        columns = doc.contact_columns
        w.table(
            ["", *(heading for heading, _ in columns)],
            ([c.role, *(getattr(c, name) or "" for _, name in columns)] for c in doc.contacts),
            len(columns) + 1,
        )
    else:
        w.flag(w.new_paragraph(), f"{TO_BE_WRITTEN}: who to contact")
    w.heading("1. Background", 1)
    w.part(doc.background)
    w.heading("2. Response to the recommendations", 1)
    w.paragraph(doc.introduction)
    for index, recommendation in enumerate(doc.recommendations, 1):
        start = w.count()
        out = w.numbered(f"2.{index}")
        by = f" ({recommendation.by})" if recommendation.by else ""
        lead = f"Recommendation {recommendation.number}{by}: "
        w.markdown(recommendation.text, out, level=1, bold=True, lead=lead)
        w.paragraph(recommendation.disposition)
        # The recommendation stays with its disposition, and that with the
        # response's first lines: never a heading alone at a page's foot.
        w.keep_with_next(start)
        w.part(recommendation.response)
    for number, section in enumerate(doc.sections, 3):
        w.heading(f"{number}. {section.title}", 1)
        if not section.written:  # the heading says what is to be written: no 3.1 repeating it
            w.flag(w.new_paragraph(), section.parts[0].text)
            continue
        for index, part in enumerate(section.parts, 1):
            # A part's bold heading is a heading: it stays with its text.
            w.run(_kept(w.numbered(f"{number}.{index}")), part.heading, bold=True)
            w.blocks(part.text)
    if doc.sources:
        w.heading("Source documents", 1)
        # A location is Markdown like every text an officer writes: a link stays a link.
        rows = ((s.heading, s.text) for s in doc.sources)
        w.table(["Document", "Location"], rows, 2, markdown=(1,))
    return doc.title
