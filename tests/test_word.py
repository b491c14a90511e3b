"""Word documents: tracked changes that accept into the new text, styles, properties, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import policypos
from policypos import Document, Section, Statement, Status, Version, documents
from policypos.changeset import ChangeSet
from policypos.errors import RenderError
from policypos.model import Contact, Heading, Report
from policypos.render import Options, write_document
from policypos.word import REFERENCE_DOCX_LIMIT, REFERENCE_XML_LIMIT

from .conftest import SHIPPED

WHEN = dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC)
OPTIONS = Options(format="docx", author="A. Officer", date=WHEN)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The children of w:settings before w:trackRevisions, in CT_Settings order (ECMA-376 17.15.1.78).
BEFORE = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
]


def render(kind: str, record: Any, options: Options = OPTIONS) -> bytes:
    """The Word file of *record*, through the API a user calls."""
    data = write_document(kind, record, options)
    assert isinstance(data, bytes)
    return data


def an_annex() -> documents.Annex:
    """The shipped 2024 annex: a record for the tests that are about the options."""
    document, _ = going_straight()
    return documents.annex(document, document.versions[-1])


def going_straight() -> tuple[Document, ChangeSet]:
    document = policypos.open_repository(SHIPPED).document("going-straight")
    old, new = document.versions
    return document, policypos.diff(old, new, document)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def accepted(p: etree._Element) -> str:
    """The paragraph's text (tabs included) with every tracked change accepted."""
    p = _copy(p)
    for deleted in list(p.iter(f"{W}del")):
        deleted.getparent().remove(deleted)
    return _text(p)


def rejected(p: etree._Element) -> str:
    """The paragraph's text (tabs included) with every tracked change rejected."""
    p = _copy(p)
    for inserted in list(p.iter(f"{W}ins")):
        inserted.getparent().remove(inserted)
    return _text(p)


def _copy(p: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(p))


def _text(p: etree._Element) -> str:
    out = []
    for run in p.iter(f"{W}r"):
        for child in run:
            if child.tag in (f"{W}t", f"{W}delText"):
                out.append(child.text or "")
            elif child.tag == f"{W}tab":
                out.append("\t")
    return "".join(out)


def fold(text: str) -> str:
    return " ".join(text.split())


def statement_paragraphs(body: etree._Element) -> list[etree._Element]:
    """The paragraphs of a comparison holding a statement: number, tab, text."""
    return [
        p for p in body.iter(f"{W}p") if re.match(r"(\d+\.\d+|—)\t", accepted(p) or rejected(p))
    ]


def statement_text(p: etree._Element, read: Any) -> str:
    """A statement paragraph's text after its number and tab, read through *read*."""
    return fold(read(p).partition("\t")[2])


class TestTrackedChanges:
    """The comparison as Word revisions an officer can accept or reject."""

    def test_accept_all_gives_new_and_reject_all_gives_old(self) -> None:
        """Accepting every change yields each 2024 statement, rejecting every change each 2005 one,
        each with its kind's label as the annex prints it ("Ask: ...")."""
        document, changes = going_straight()
        record = documents.comparison(document, changes)
        data = render("changes", record, OPTIONS)
        assert isinstance(data, bytes)
        paragraphs = statement_paragraphs(part(data, "word/document.xml"))
        statements = [s for section in changes.sections for s in section.statements]
        assert len(paragraphs) == len(statements) == 23

        def as_annex(statement: Any) -> str:
            """The statement as the annex prints it in Word: its kind's label, then its text."""
            label = documents.KIND_LABELS[statement.kind]
            return fold(f"{label}: {statement.text}" if label else statement.text)

        for p, statement in zip(paragraphs, statements, strict=True):
            new = as_annex(statement.new) if statement.new else ""
            old = as_annex(statement.old) if statement.old else ""
            assert statement_text(p, accepted) == new, statement.id
            assert statement_text(p, rejected) == old, statement.id

    def test_revisions_carry_author_date_and_unique_ids(self) -> None:
        """Every w:ins and w:del has the author and date given and an id of its own."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        body = part(data, "word/document.xml")
        revisions = [*body.iter(f"{W}ins"), *body.iter(f"{W}del")]
        assert len(revisions) > 40
        assert {r.get(f"{W}author") for r in revisions} == {"A. Officer"}
        assert {r.get(f"{W}date") for r in revisions} == {"2024-07-01T09:30:00Z"}
        ids = [r.get(f"{W}id") for r in revisions]
        assert len(set(ids)) == len(ids)
        # Deleted words are w:delText, never w:t, as Word requires.
        for deleted in body.iter(f"{W}del"):
            assert deleted.find(f".//{W}t") is None
            assert deleted.find(f".//{W}delText") is not None

    def test_removed_and_added_sections_and_paragraphs_are_revisions(self) -> None:
        """The added section's title is an insertion; the removed statement stands as a deletion."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        body = part(data, "word/document.xml")
        heading = next(
            p
            for p in body.iter(f"{W}p")
            if "General" in "".join(p.itertext()) and p.find(f"{W}ins") is not None
        )
        assert accepted(heading) == "1. General"
        assert rejected(heading) == "1. "
        (removed,) = [p for p in statement_paragraphs(body) if accepted(p) == "—\t"]
        assert "Government should fund supported housing" in rejected(removed)

    def test_track_revisions_is_on_in_schema_order(self) -> None:
        """settings.xml has w:trackRevisions after every sibling CT_Settings puts before it."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        children = [etree.QName(c).localname for c in part(data, "word/settings.xml")]
        assert children.count("trackRevisions") == 1
        at = children.index("trackRevisions")
        assert all(name in BEFORE for name in children[:at])
        assert not any(name in BEFORE for name in children[at + 1 :])

    def test_track_revisions_after_a_reference_documents_settings(self, tmp_path: Path) -> None:
        """A reference document with settings on both sides keeps them in order around the switch."""
        reference = docx.Document()
        settings = reference.settings.element
        settings.insert(0, etree.SubElement(settings, qn("w:writeProtection")))
        reference.save(str(tmp_path / "ref.docx"))
        document, changes = going_straight()
        options = Options(format="docx", date=WHEN, reference_docx=tmp_path / "ref.docx")
        data = render("changes", documents.comparison(document, changes), options)
        children = [etree.QName(c).localname for c in part(data, "word/settings.xml")]
        assert children[:3] == ["writeProtection", "zoom", "proofState"]
        assert children[3] == "trackRevisions"

    def test_track_revisions_once(self, tmp_path: Path) -> None:
        """A reference document that tracks changes already keeps its one switch."""
        reference = docx.Document()
        reference.settings.element.append(etree.Element(qn("w:trackRevisions")))
        reference.save(str(tmp_path / "ref.docx"))
        document, changes = going_straight()
        options = Options(format="docx", date=WHEN, reference_docx=tmp_path / "ref.docx")
        data = render("changes", documents.comparison(document, changes), options)
        children = [etree.QName(c).localname for c in part(data, "word/settings.xml")]
        assert children.count("trackRevisions") == 1

    def test_naive_date_is_utc(self) -> None:
        """A date without a time zone is taken as UTC; one with a zone is converted to UTC."""
        document, changes = going_straight()
        record = documents.comparison(document, changes, label="Annex 3")
        for when in (
            dt.datetime(2024, 7, 1, 9, 30, 15, 999),
            dt.datetime(2024, 7, 1, 11, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ):
            data = render("changes", record, Options(format="docx", date=when))
            body = part(data, "word/document.xml")
            assert {r.get(f"{W}date") for r in body.iter(f"{W}ins")} == {"2024-07-01T09:30:15Z"}
        assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Annex 3"

    def test_only_the_comparison_tracks(self) -> None:
        """The annex is plain text: no revisions and no Track Changes switch."""
        document, _ = going_straight()
        data = render("annex", documents.annex(document, document.versions[-1]), OPTIONS)
        assert b"trackRevisions" not in zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")
        assert part(data, "word/document.xml").find(f".//{W}ins") is None

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        old=st.lists(
            st.sampled_from(["a", "b", "council", "must", "ß", "&", "<x>", ",", "."]), max_size=12
        ),
        new=st.lists(
            st.sampled_from(["a", "b", "council", "should", "é", "&", "<y>", ",", "."]), max_size=12
        ),
        joiner=st.sampled_from([" ", "  ", "\n"]),
    )
    def test_random_redlines_accept_and_reject(
        self, old: list[str], new: list[str], joiner: str
    ) -> None:
        """For any two texts, accepting every change gives the new one and rejecting the old one."""
        old_text, new_text = joiner.join(old) or "x", joiner.join(new) or "y"
        v1 = one_statement(old_text, "v1")
        v2 = one_statement(new_text, "v2")
        document = Document.create("d", "T", "O", "B", versions=(v1, v2))
        record = documents.comparison(document, policypos.diff(v1, v2, document))
        data = render("changes", record, OPTIONS)
        (p,) = statement_paragraphs(part(data, "word/document.xml"))
        assert statement_text(p, accepted) == fold(new_text)
        assert statement_text(p, rejected) == fold(old_text)


def one_statement(text: str, vid: str) -> Version:
    return Version(
        vid, dt.date(2024, 1, 1), Status.DRAFT, (Section("s", "S", (Statement("a", text),)),)
    )


class TestText:
    """User text is data: escaped, never interpreted, and never fatal."""

    def test_control_characters_are_replaced(self) -> None:
        """Control characters show as escapes (\\x1b), as in every document; lone surrogates as U+FFFD.

        Neither breaks the writer, though XML 1.0 cannot hold them.
        """
        v1 = one_statement("Fund homes\x00 now\x1b[31m.", "v1")
        v2 = one_statement("Fund <b>homes</b> & \x0c\x07 now\ud800.", "v2")
        document = Document.create("d", "T\x01itle", "O", "B", versions=(v1, v2))
        record = documents.comparison(document, policypos.diff(v1, v2, document))
        data = render("changes", record, OPTIONS)
        (p,) = statement_paragraphs(part(data, "word/document.xml"))
        assert statement_text(p, accepted) == "Fund <b>homes</b> & \\x07 now\ufffd."
        assert statement_text(p, rejected) == "Fund homes\\x00 now\\x1b[31m."
        reread = docx.Document(io.BytesIO(data))
        assert reread.core_properties.title.startswith("T\\x01itle")

    def test_markdown_is_formatting_but_unsafe_links_are_text(self) -> None:
        """A statement's Markdown is Word formatting; a javascript: link stays as written.

        (tests/test_word_markdown.py tests the Markdown in full.)
        """
        version = one_statement("Councils **must** act [now](javascript:x).", "v1")
        document = Document.create("d", "T", "O", "B", versions=(version,))
        data = render("annex", documents.annex(document, version), OPTIONS)
        word = docx.Document(io.BytesIO(data))
        assert "1.1\tCouncils must act [now](javascript:x)." in [p.text for p in word.paragraphs]
        assert [r.text for p in word.paragraphs for r in p.runs if r.bold] == ["1.1", "must"]
        assert not word.element.body.findall(f".//{W}hyperlink")


class TestDocuments:
    """Each document says what its Markdown says, with Word's headings, tables and bold."""

    def test_annex_headings_and_numbers(self) -> None:
        """Title, numbered section headings (Heading 1) and paragraphs numbered as text."""
        document, _ = going_straight()
        record = documents.annex(document, document.versions[-1], label="Annex 2")
        word = docx.Document(io.BytesIO(render("annex", record, OPTIONS)))
        styled = [(p.style.name, p.text) for p in word.paragraphs if p.style is not None]
        assert styled[0] == ("Normal", "Annex 2")
        assert word.paragraphs[0].runs[0].bold
        assert styled[1] == ("Title", "Going Straight: reducing re-offending")
        headings = [text for style, text in styled if style == "Heading 1"]
        assert headings == [
            "1. General",
            "2. Education and employment",
            "3. Accommodation",
            "4. Individual support",
            "5. Family support",
        ]
        assert any(text.startswith("4.3\tLocal plans to reduce re-offending") for _, text in styled)
        assert any(text.startswith("2.1\tFor councils to consider: ") for _, text in styled)

    def test_core_properties(self) -> None:
        """Title, subject, author and dates come from the record and the options."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        props = docx.Document(io.BytesIO(data)).core_properties
        assert props.title == (
            "Going Straight: reducing re-offending: changes from version 2005 to version 2024"
        )
        assert props.subject == "Comparison of two versions, with tracked changes"
        assert props.author == props.last_modified_by == "A. Officer"
        assert props.created == props.modified == WHEN
        assert props.comments == ""

    def test_reproducible(self) -> None:
        """Two renders with the same date give the same document.xml, and the same bytes."""
        document, changes = going_straight()
        record = documents.comparison(document, changes)
        first, second = (render("changes", record, OPTIONS) for _ in range(2))
        assert isinstance(first, bytes)
        assert isinstance(second, bytes)
        assert zipfile.ZipFile(io.BytesIO(first)).read("word/document.xml") == zipfile.ZipFile(
            io.BytesIO(second)
        ).read("word/document.xml")
        assert first == second

    def test_default_date(self) -> None:
        """Without a date, a comparison is dated with its new version's date (midnight UTC);
        the other documents, which record no changes, now."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), Options(format="docx"))
        props = docx.Document(io.BytesIO(data)).core_properties
        assert props.author == "policypos"
        assert props.created == dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
        dates = {e.get(f"{W}date") for e in part(data, "word/document.xml").iter(f"{W}ins")}
        assert dates == {"2024-07-01T00:00:00Z"}
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        annex = render("annex", an_annex(), Options(format="docx"))
        created = docx.Document(io.BytesIO(annex)).core_properties.created
        assert created is not None
        assert before <= created <= dt.datetime.now(dt.UTC)

    def test_comment_log_is_a_table(self) -> None:
        """The comment log is a six-column table per meeting, on a landscape page."""
        document, _ = going_straight()
        data = render("comments", documents.comment_log(document), OPTIONS)
        word = docx.Document(io.BytesIO(data))
        first = word.tables[0]
        assert [c.text for c in first.rows[0].cells] == [
            "No.",
            "From",
            "Comment",
            "Disposition",
            "Response",
            "Answered in",
        ]
        assert all(cell.paragraphs[0].runs[0].bold for cell in first.rows[0].cells)
        assert first.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # repeats on each page
        # No comment is split from its disposition by a page break; schema order kept.
        assert all(
            next(iter(row._tr.find(f"{W}trPr"))).tag == f"{W}cantSplit" for row in first.rows
        )
        comment, number = first.columns[2].width, first.columns[0].width
        assert comment is not None
        assert number is not None
        assert comment > 4 * number  # the text gets the room
        assert not first.rows[1].cells[0].paragraphs[0].runs[0].bold
        rows = {
            row.cells[0].text: [c.text for c in row.cells] for t in word.tables for row in t.rows
        }
        assert rows["2"][3] == "answered"
        assert rows["3.1"][5] == "2024: section 1, paragraph 1.2"
        section = word.sections[0]
        assert section.page_width is not None
        assert section.page_height is not None
        assert section.page_width > section.page_height

    def test_comment_log_of_a_meeting_without_comments(self) -> None:
        """A meeting with no comments says so."""
        version = one_statement("Text.", "v1")
        from policypos.model import Meeting

        meeting = Meeting("m1", "Cabinet", dt.date(2024, 2, 1))
        document = Document.create("d", "T", "O", "B", versions=(version,), meetings=(meeting,))
        data = render("comments", documents.comment_log(document), OPTIONS)
        texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        assert "No comments were recorded." in texts

    def test_an_empty_meeting_keeps_the_row_before_it_on_its_page(self) -> None:
        """Its heading and line never stand on a page alone: the last row of the meeting
        before is kept with them; rows of a meeting that other rows follow are not
        (tester 14, item 9)."""
        from policypos.model import Comment, CommentKind, Meeting

        version = one_statement("Text.", "v1")
        said = tuple(Comment(str(i), "m1", CommentKind.COMMENT, "Say more.") for i in (1, 2))
        meetings = (
            Meeting("m1", "Cabinet", dt.date(2024, 2, 1), comments=said),
            Meeting("m2", "Cabinet", dt.date(2024, 3, 1)),
        )
        document = Document.create("d", "T", "O", "B", versions=(version,), meetings=meetings)
        data = render("comments", documents.comment_log(document), OPTIONS)
        (table,) = docx.Document(io.BytesIO(data)).tables
        kept = [
            all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
            for row in table.rows
        ]
        assert kept == [False, False, True]

    def test_board_paper_flags_what_is_to_be_written(self) -> None:
        """Parts an officer has not written are bold on yellow, saying 'To be written'."""
        document, changes = going_straight()
        data = render("report", documents.board_paper(document, changes), OPTIONS)
        word = docx.Document(io.BytesIO(data))
        flagged = [
            run.text
            for p in word.paragraphs
            for run in p.runs
            if run.bold and run.font.highlight_color == WD_COLOR_INDEX.YELLOW
        ]
        assert "To be written: purpose of report" in flagged
        assert "To be written: who to contact" in flagged
        assert any("To be written: why the Accommodation section" in text for text in flagged)
        texts = [p.text for p in word.paragraphs]
        assert "(a)\tEndorse the statement in Annex 1." in texts
        assert any(t.startswith("3.1.\t") for t in texts)  # members' comments, numbered
        # The annex follows, after a page break.
        assert texts.count("Going Straight: reducing re-offending") == 1
        # The paper's title is the one Title; the annex's is a Heading 1 under it.
        styles = [(p.style.name, p.text) for p in word.paragraphs if p.style is not None]
        assert [name for name, _ in styles].count("Title") == 1
        assert ("Heading 1", "Going Straight: reducing re-offending") in styles
        assert ("Heading 2", "1. General") in styles

    def test_board_paper_with_a_report(self) -> None:
        """What the report file says takes the place of the markers."""
        document, changes = going_straight()
        report = Report(
            "2024",
            purpose="For direction.",
            plan_theme="Safe and sustainable communities.",
            contacts=(Contact("Contact officer", "A. Officer", "NGDP trainee", "a@b.c"),),
            implications=(Heading("Financial implications", "Within the work programme."),),
            next_steps="Members are asked to endorse the positions.",
        )
        data = render("report", documents.board_paper(document, changes, report), OPTIONS)
        texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        assert "Purpose of report: For direction." in texts
        assert "Contact officer: A. Officer, NGDP trainee, a@b.c" in texts
        assert any(t.endswith("\tWithin the work programme.") for t in texts)
        assert any(t.endswith("\tMembers are asked to endorse the positions.") for t in texts)

    def test_response_bold_recommendations_and_tables(self) -> None:
        """The front table, each recommendation in bold with its disposition, sources table."""
        document = policypos.open_repository(SHIPPED).document("cambridgeshire-reoffending")
        report = Report(
            "x",
            reference="Appendix 2",
            author="Executive Director: Children, Families and Adults Services",
            key_decision=False,
            contacts=(
                Contact("Officer", "A. Service Head", "Head of Youth Support", None, "01223"),
            ),
            priorities=(Heading("Supporting vulnerable people", "Employment protects."),),
            sources=(Heading("Committee papers, 6 February 2014", "Shire Hall"),),
        )
        data = render("response", documents.response(document, report=report), OPTIONS)
        word = docx.Document(io.BytesIO(data))
        front, contacts, sources = word.tables
        assert [[c.text for c in row.cells] for row in front.rows] == [
            ["To", "Cabinet"],
            ["Date", "15 April 2014"],
            ["From", "Executive Director: Children, Families and Adults Services"],
            ["Electoral division(s)", "To be written"],
            ["Forward Plan ref", "To be written"],
            ["Key decision", "No"],
        ]
        assert [c.text for c in contacts.rows[1].cells] == [
            "Officer",
            "A. Service Head",
            "Head of Youth Support",
            "01223",  # no Email column: nobody has one
        ]
        assert sources.rows[1].cells[1].text == "Shire Hall"
        recommendation = next(p for p in word.paragraphs if p.text.startswith("2.1\t"))
        assert recommendation.runs[-1].bold
        assert recommendation.runs[-1].text.startswith("Recommendation 1: The Council")
        texts = [p.text for p in word.paragraphs]
        after = texts.index(recommendation.text) + 1
        assert texts[after] == "This recommendation is partially accepted."
        assert "3. Supporting vulnerable people" not in texts
        assert "3. Alignment with priorities" in texts
        assert "3.1\tSupporting vulnerable people" in texts

    def test_response_without_a_report(self) -> None:
        """Without a report file, purpose, background, contacts and sections 3-4 are flagged."""
        document = policypos.open_repository(SHIPPED).document("cambridgeshire-reoffending")
        data = render("response", documents.response(document), OPTIONS)
        word = docx.Document(io.BytesIO(data))
        flagged = [r.text for p in word.paragraphs for r in p.runs if r.font.highlight_color]
        assert flagged == [
            "To be written: purpose",
            "To be written: who to contact",
            "To be written: background",
            "To be written: alignment with priorities",
            "To be written: significant implications",
        ]

    def test_unknown_kind(self) -> None:
        """A kind with no writer is a RenderError naming the known ones."""
        with pytest.raises(RenderError, match=r"^no document 'minutes' \(known: annex, changes"):
            render("minutes", None, OPTIONS)


class TestReferenceDocument:
    """--reference-docx: the council's own styles, like pandoc's reference document."""

    def test_heading_style_carries_over(self, tmp_path: Path) -> None:
        """The output's Heading 1 has the reference's font, size and colour, and none of its text."""
        reference = docx.Document()
        heading = reference.styles["Heading 1"]
        heading.font.name = "Courier New"
        heading.font.size = Pt(21)
        heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x30)
        reference.add_paragraph("Council letterhead text that must not survive")
        reference.save(str(tmp_path / "council.docx"))
        document, _ = going_straight()
        options = Options(format="docx", date=WHEN, reference_docx=tmp_path / "council.docx")
        record = documents.annex(document, document.versions[-1])
        word = docx.Document(io.BytesIO(render("annex", record, options)))
        style = word.styles["Heading 1"]
        assert style.font.name == "Courier New"
        assert style.font.size == Pt(21)
        assert style.font.color.rgb == RGBColor(0xC0, 0x00, 0x30)
        assert "letterhead" not in "".join(p.text for p in word.paragraphs)
        general = next(p for p in word.paragraphs if p.text == "1. General")
        assert general.style is not None
        assert general.style.name == "Heading 1"

    def test_missing_styles_are_supplied(self, tmp_path: Path) -> None:
        """A reference lacking Heading 1 and Table Grid (latent in Word) gets python-docx's."""
        reference = docx.Document()
        for name in ("Heading 1", "Table Grid", "Heading 1 Char"):
            element = reference.styles[name].element
            element.getparent().remove(element)
        reference.save(str(tmp_path / "bare.docx"))
        document, _ = going_straight()
        options = Options(format="docx", date=WHEN, reference_docx=tmp_path / "bare.docx")
        data = render("comments", documents.comment_log(document), options)
        word = docx.Document(io.BytesIO(data))
        assert word.styles["Heading 1"].element.find(qn("w:link")) is None
        assert word.tables[0].style is not None
        assert word.tables[0].style.name == "Table Grid"

    def test_missing_file(self, tmp_path: Path) -> None:
        """A reference document that does not exist is a one-line RenderError."""
        options = Options(format="docx", reference_docx=tmp_path / "nope.docx")
        with pytest.raises(RenderError) as info:
            render("annex", an_annex(), options)
        assert str(info.value) == f"{tmp_path / 'nope.docx'}: error: no such reference document"

    @pytest.mark.parametrize(
        "members",
        [None, {}, {"[Content_Types].xml": "<broken"}],
        ids=["text", "empty zip", "broken xml"],
    )
    def test_unreadable_file(self, tmp_path: Path, members: dict[str, str] | None) -> None:
        """A file that is not a Word document is a one-line RenderError, not a traceback."""
        path = tmp_path / "styles.docx"
        if members is None:
            path.write_text("not a zip")
        else:
            with zipfile.ZipFile(path, "w") as archive:
                for name, text in members.items():
                    archive.writestr(name, text)
        with pytest.raises(RenderError) as info:
            render("annex", an_annex(), Options(format="docx", reference_docx=path))
        assert str(info.value) == f"{path}: error: not a Word document (.docx) to take styles from"

    @staticmethod
    def reference(path: Path, extra: dict[str, bytes]) -> Path:
        """python-docx's own document, saved with the *extra* parts added."""
        saved = io.BytesIO()
        docx.Document().save(saved)
        with (
            zipfile.ZipFile(saved) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for info in source.infolist():
                out.writestr(info.filename, source.read(info.filename))
            for name, data in extra.items():
                out.writestr(name, data)
        return path

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (
                {"word/media/big.png": b"\x89PNG" + bytes(REFERENCE_DOCX_LIMIT)},
                "bytes, more than 50,000,000 (its size limit)",
            ),
            (
                {"[trash].xml": b"<x>" + b"<a/>" * (REFERENCE_XML_LIMIT // 4) + b"</x>"},
                "bytes of XML, more than 5,000,000 (its size limit)",
            ),
            (  # XML in a picture's name is counted as XML, as python-docx would parse it
                {"word/media/image1.png": b"  <x>" + b" " * REFERENCE_XML_LIMIT + b"</x>"},
                "bytes of XML, more than 5,000,000 (its size limit)",
            ),
        ],
        ids=["unpacked", "xml", "xml-named-as-a-picture"],
    )
    def test_too_large_unpacked(
        self, tmp_path: Path, extra: dict[str, bytes], message: str
    ) -> None:
        """A zip bomb is refused from its directory, before its parts are unpacked."""
        path = self.reference(tmp_path / "bomb.docx", extra)
        assert path.stat().st_size < 1_000_000  # small packed: the sizes are the zip's own
        with pytest.raises(RenderError) as info:
            render("annex", an_annex(), Options(format="docx", reference_docx=path))
        assert str(info.value).startswith(f"{path}: error: the reference document unpacks to ")
        assert message in str(info.value)
        assert str(info.value).endswith(
            ": take the council's styles from a short document, without its pictures and fonts"
        )

    def test_within_the_limits_is_used(self, tmp_path: Path) -> None:
        """Pictures up to the limit, and XML just under its own, still make a document."""
        extra = {
            "word/media/logo.png": b"\x89PNG" + bytes(REFERENCE_DOCX_LIMIT // 2),
            "customXml/extra.xml": b"<x>" + b" " * (REFERENCE_XML_LIMIT // 2) + b"</x>",
        }
        path = self.reference(tmp_path / "council.docx", extra)
        document, _ = going_straight()
        record = documents.annex(document, document.versions[-1])
        word = docx.Document(
            io.BytesIO(render("annex", record, Options("docx", reference_docx=path)))
        )
        assert any(p.text == "1. General" for p in word.paragraphs)

    @pytest.mark.parametrize(
        ("kind", "message"),
        [
            ("empty", "not a Word document (.docx) to take styles from (an empty file)"),
            ("folder", "a folder, not a reference document file"),
            ("fifo", "not a regular file, so not a reference document"),
            ("device", "not a regular file, so not a reference document"),
        ],
    )
    def test_not_a_file_to_read(self, tmp_path: Path, kind: str, message: str) -> None:
        """An empty file, a folder, a pipe (would block) or /dev/zero (reads for ever): one line."""
        import os

        path = tmp_path / "council.docx"
        if kind == "empty":
            path.write_bytes(b"")
        elif kind == "folder":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
        with pytest.raises(RenderError) as info:
            render("annex", an_annex(), Options(format="docx", reference_docx=path))
        assert str(info.value) == f"{path}: error: {message}"

    @pytest.mark.parametrize("kind", ["text", "empty", "bomb", "device"])
    def test_cli(self, tmp_path: Path, kind: str) -> None:
        """Through the command line: one line, exit 2, no Word file written."""
        from click.testing import CliRunner

        from policypos.cli import cli

        path = tmp_path / "council.docx"
        if kind == "text":
            path.write_text("not a zip")
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "bomb":
            self.reference(path, {"x.bin": bytes(REFERENCE_DOCX_LIMIT)})
        else:
            path = Path("/dev/zero")
        out = tmp_path / "annex.docx"
        result = CliRunner().invoke(
            cli,
            ["--repo", str(SHIPPED), "render", "annex", "going-straight@2024", "--format", "docx",
             "-o", str(out), "--reference-docx", str(path)],
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{path}: error: ")
        assert result.stderr.count("\n") == 1
        assert not out.exists()


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("soffice not installed: apt-get install libreoffice-writer-nogui")
    return found


def convert(tmp_path: Path, name: str, data: bytes, to: str) -> Path:
    """*data* converted by LibreOffice (headless, in a fresh profile) to the format *to*."""
    binary = soffice()
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return tmp_path / f"{name}.{to}"


def pdf_text(tmp_path: Path, name: str, data: bytes) -> str:
    """*data* converted to PDF by LibreOffice, as pdftotext reads it (white space folded)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: apt-get install poppler-utils")
    pdf = convert(tmp_path, name, data, "pdf")
    result = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return fold(result.stdout)


class TestLibreOffice:
    """LibreOffice opens what we write and prints what it says."""

    def test_annex(self, tmp_path: Path) -> None:
        """The annex label, section titles and a paragraph's words reach the PDF."""
        document, _ = going_straight()
        record = documents.annex(document, document.versions[-1], label="Annex 2")
        text = pdf_text(tmp_path, "annex", render("annex", record, OPTIONS))
        # The page header (the title), then the annex; LibreOffice fills the page fields in.
        assert text.startswith(f"{record.title} Annex 2 Going Straight")
        assert re.search(r"Page 1 of [2-9]\b", text)
        assert "1. General" in text
        assert "5. Family support" in text
        assert "Local plans to reduce re-offending should give alcohol misuse and gambling" in text

    def test_comparison(self, tmp_path: Path) -> None:
        """Both a deleted phrase and an inserted one are printed (LibreOffice shows revisions)."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        text = pdf_text(tmp_path, "changes", data)
        assert "should make sure that" in text  # deleted from 2.1
        assert "may wish to consider how" in text  # inserted in its place
        assert "Government should fund supported housing" in text  # a removed paragraph

    def test_comparison_changes_are_tracked_changes(self, tmp_path: Path) -> None:
        """LibreOffice reads every w:ins and w:del as a tracked change, with its author and date."""
        document, changes = going_straight()
        data = render("changes", documents.comparison(document, changes), OPTIONS)
        body = part(data, "word/document.xml")
        count = len([*body.iter(f"{W}ins"), *body.iter(f"{W}del")])
        content = part(convert(tmp_path, "changes", data, "odt").read_bytes(), "content.xml")
        text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
        dc = "{http://purl.org/dc/elements/1.1/}"
        regions = list(content.iter(f"{text}changed-region"))
        assert len(regions) == count
        assert len(list(content.iter(f"{text}insertion"))) == len(list(body.iter(f"{W}ins")))
        assert {c.text for c in content.iter(f"{dc}creator")} == {"A. Officer"}
        assert {d.text for d in content.iter(f"{dc}date")} == {"2024-07-01T09:30:00"}
