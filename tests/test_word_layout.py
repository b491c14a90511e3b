"""Word documents laid out as the PDF is: header and page numbers, unbroken ids, nested annex, padded cells.

Through ``policypos render KIND ... --format docx -o FILE``, read back with
python-docx and lxml.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

from policypos.cli import cli

from .conftest import MakeRepo
from .test_word import W, accepted, rejected

OLD = """\
version: "2025-01"
date: 2025-01-06
status: endorsed
sections:
  - id: s1
    title: Money
    statements:
      - id: a
        text: Councils should budget for 2024-25 and 2025-26.
      - id: b
        text: Government should fund beds.
"""

NEW = """\
version: "2025-07"
date: 2025-07-01
status: draft
based_on: "2025-01"
sections:
  - id: s1
    title: Money
    statements:
      - id: a
        text: Councils should budget for 2025-26 and 2026-27, from 1-2 April, for step-down beds.
      - id: b
        text: Government should fund beds in 2025-26.
"""

MEETING = """\
meeting:
  id: m1
  body: Cabinet
  date: 2025-03-01
reviews: "2025-01"
comments:
  - id: "1"
    kind: comment
    by: Cllr Jones
    text: Say which years, 2025-26 at least.
"""

COMMANDS = {
    "annex": ("annex", "doc@2025-07"),
    "changes": ("changes", "doc@2025-01", "doc@2025-07"),
    "comments": ("comments", "doc"),
    "report": ("report", "doc@2025-07"),
    "response": ("response", "doc", "--meeting", "m1"),
}


def repository(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/2025-01.yaml": OLD,
            "doc/versions/2025-07.yaml": NEW,
            "doc/meetings/m1.yaml": MEETING,
        }
    )


def render(repo: Path, tmp_path: Path, kind: str, *extra: str) -> Path:
    out = tmp_path / f"{kind}.docx"
    args = ["--repo", str(repo), "render", *COMMANDS[kind], "--format", "docx", *extra]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def fields(paragraph: etree._Element) -> list[str]:
    return [f.get(qn("w:instr")).strip() for f in paragraph.iter(qn("w:fldSimple"))]


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_page_has_the_title_and_its_number(
    make_repo: MakeRepo, tmp_path: Path, kind: str
) -> None:
    path = render(repository(make_repo), tmp_path, kind)
    word = docx.Document(str(path))
    section = word.sections[0]
    assert not section.header.is_linked_to_previous
    (header,) = section.header.paragraphs
    title = str(word.core_properties.title)
    assert title
    assert header.text == re.sub(r"(?<=\d)-(?=\d)", "\u2011", title)
    (footer,) = section.footer.paragraphs
    assert fields(footer._p) == ["PAGE", "NUMPAGES"]
    # The fields show "1" until Word or LibreOffice lays the pages out.
    assert "".join(t.text for t in footer._p.iter(qn("w:t"))) == "Page 1 of 1"


def test_a_reference_documents_own_header_and_footer_stay(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    council = docx.Document()
    council.sections[0].header.paragraphs[0].text = "Kent County Council"
    council.sections[0].footer.paragraphs[0].text = "OFFICIAL"
    reference = tmp_path / "council.docx"
    council.save(str(reference))
    path = render(repository(make_repo), tmp_path, "annex", "--reference-docx", str(reference))
    section = docx.Document(str(path)).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Kent County Council"]
    assert [p.text for p in section.footer.paragraphs] == ["OFFICIAL"]


def body_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


class TestNumbersDoNotBreak:
    def test_version_ids_in_the_paper_do_not_break(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        text = body_text(render(repository(make_repo), tmp_path, "report"))
        assert "version 2025\u201107" in text
        assert "2025-07" not in text
        assert "2025-01" not in text

    def test_numbers_in_the_annex_do_not_break_but_words_keep_their_hyphens(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        text = body_text(render(repository(make_repo), tmp_path, "annex"))
        assert "2025\u201126 and 2026\u201127, from 1\u20112 April, for step-down beds." in text
        comments = docx.Document(str(render(repository(make_repo), tmp_path, "comments")))
        cells = [c.text for t in comments.tables for row in t.rows for c in row.cells]
        assert "Say which years, 2025\u201126 at least." in cells

    def test_tracked_statements_keep_their_own_characters(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        """Accept All gives the new statement exactly, Reject All the old: no U+2011 in them."""
        body = xml(render(repository(make_repo), tmp_path, "changes"), "word/document.xml")
        statements = {accepted(p).split("\t", 1)[-1]: p for p in body.iter(f"{W}p")}
        a = statements[
            "Councils should budget for 2025-26 and 2026-27, from 1-2 April, for step-down beds."
        ]
        assert rejected(a).split("\t", 1)[1] == "Councils should budget for 2024-25 and 2025-26."
        b = statements["Government should fund beds in 2025-26."]
        assert rejected(b).split("\t", 1)[1] == "Government should fund beds."
        # The heading, which is not a statement, does not break.
        (title,) = [p for p in body.iter(f"{W}p") if "changes from version" in accepted(p)]
        assert "2025\u201101 to version 2025\u201107" in accepted(title)


def _style(paragraph: Any) -> str:
    """A paragraph's style name ("" where python-docx finds none)."""
    return paragraph.style.name if paragraph.style is not None else ""


def test_annex_sections_nest_under_the_annex_in_a_paper(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    repo = repository(make_repo)
    paper = docx.Document(str(render(repo, tmp_path, "report")))
    styles = [(_style(p), p.text) for p in paper.paragraphs if _style(p) != "Normal"]
    headings = [(s, t) for s, t in styles if s.startswith(("Heading", "Title"))]
    annex = headings.index(("Heading 1", "A document"))
    assert headings[0][0] == "Title"
    assert headings[annex + 1] == ("Heading 2", "1. Money")
    assert all(s != "Heading 2" for s, _ in headings[:annex])
    alone = docx.Document(str(render(repo, tmp_path, "annex")))
    headings = [(_style(p), p.text) for p in alone.paragraphs if _style(p) != "Normal"]
    assert ("Title", "A document") in headings
    assert ("Heading 1", "1. Money") in headings


@pytest.mark.parametrize("kind", ["comments", "response"])
def test_table_cells_are_padded(make_repo: MakeRepo, tmp_path: Path, kind: str) -> None:
    body = xml(render(repository(make_repo), tmp_path, kind), "word/document.xml")
    tables = list(body.iter(qn("w:tbl")))
    assert tables
    for table in tables:
        properties = table.find(qn("w:tblPr"))
        margins = properties.find(qn("w:tblCellMar"))
        assert margins is not None
        widths = {child.tag.split("}")[1]: int(child.get(qn("w:w"))) for child in margins}
        assert widths["top"] > 0
        assert widths["bottom"] > 0
        assert widths["left"] > 0
        # In CT_TblPr's order: after the layout, before the look.
        names = [child.tag.split("}")[1] for child in properties]
        assert names.index("tblCellMar") < names.index("tblLook")
        if "tblLayout" in names:
            assert names.index("tblLayout") < names.index("tblCellMar")


# --- tables whose words fit, headings kept with what follows (tester 16) -------------

COMMITTEE = "Safer and Stronger Communities Overview and Scrutiny Committee"
SLUG = COMMITTEE.lower().replace(" ", "-")

SCRUTINY = f"""\
meeting:
  id: m2
  body: {COMMITTEE}
  date: 2025-05-12
reviews: "2025-01"
comments:
  - id: "1"
    kind: recommendation
    by: {COMMITTEE}
    text: Guarantee a settled home within 7 days rather than 28.
    disposition: rejected
    response: Seven days is not achievable with the housing available.
  - id: "2"
    kind: recommendation
    by: {COMMITTEE}
    text: Publish the review.
    disposition: accepted
    response: >
      It is at https://www.northshire.gov.uk/council-and-democracy/committees/{SLUG}/reports/2025
"""

CONTACTS = """\
title: The Cabinet's response
reference: Appendix 2, Agenda Item No. 4 c) ii.
contacts:
  - role: Officer contact
    name: Tom Jefford
    position: Head of Youth Support
    email: tom.jefford@northshire.gov.uk
    phone: "01223 729152"
  - role: Member contact
    name: Cllr Martin Curtis
    position: Leader of the Council
    email: martin.curtis@northshire.gov.uk
    phone: "01223 699173"
priorities:
  - heading: Developing the local economy for the benefit of all
    text: Access to employment is a key factor in reducing reoffending.
sources:
  - heading: Member-led review report
    text: Democratic Services, Shire Hall, Northshire.
"""

# Words' widths in DejaVu Serif at 11 points (fontTools' advance widths), the
# widest type LibreOffice sets for the template's Cambria, plus the cell's side
# margins (2 x 108 twips): a column narrower than this breaks the word.
MARGINS_TWIPS = 216
COMMUNITIES_TWIPS = 1480 + MARGINS_TWIPS  # "Communities", 74.0 points
EMAIL_TWIPS = 3660 + MARGINS_TWIPS  # "martin.curtis@northshire.gov.uk", 183.0 points


def scrutiny_repository(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/2025-01.yaml": OLD,
            "doc/versions/2025-07.yaml": NEW,
            "doc/meetings/m1.yaml": MEETING,
            "doc/meetings/m2.yaml": SCRUTINY,
            "doc/reports/m2.yaml": CONTACTS,
        }
    )


def grid(table: etree._Element) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table.iter(qn("w:gridCol"))]


def column_of(table: etree._Element, heading: str) -> int:
    first = table.find(qn("w:tr"))
    texts = ["".join(cell.itertext()) for cell in first.iter(qn("w:tc"))]
    return texts.index(heading)


def test_the_comment_log_is_landscape_and_no_word_breaks(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """A committee's name keeps "Communities" whole, the number column "minutes)"."""
    path = render(scrutiny_repository(make_repo), tmp_path, "comments")
    body = xml(path, "word/document.xml")
    size = body.find(f"{qn('w:body')}/{qn('w:sectPr')}/{qn('w:pgSz')}")
    assert size.get(qn("w:orient")) == "landscape"
    assert int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
    tables = list(body.iter(qn("w:tbl")))
    assert len(tables) == 2
    scrutiny = [t for t in tables if COMMITTEE in "".join(t.itertext())]
    assert len(scrutiny) == 1
    assert grid(scrutiny[0])[column_of(scrutiny[0], "From")] >= COMMUNITIES_TWIPS
    for table in tables:
        widths = grid(table)
        # The comment and the response still get the room: they are the log.
        # No., From, the comment (or recommendation), Disposition, Response, Answered in;
        # a web address too long for any column gives way, the comments keep their share.
        # (A recommendation's number reads "recommendation 1": that column needs the word.)
        assert widths[2] > widths[0]
        assert widths[2] > sum(widths) / 5
        assert widths[column_of(table, "Response")] > widths[column_of(table, "Disposition")]
        # Word reads the cells' widths, LibreOffice the grid's: they agree.
        first = [int(w.get(qn("w:w"))) for w in table.find(qn("w:tr")).iter(qn("w:tcW"))]
        assert first == widths
        # The columns fill the page between the margins (A4 landscape, 2.54 cm each side).
        assert abs(sum(widths) - (16838 - 2 * 1440)) < len(widths)


def test_the_responses_contacts_keep_email_addresses_whole(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    path = render(scrutiny_repository(make_repo), tmp_path, "response", "--meeting", "m2")
    body = xml(path, "word/document.xml")
    (contacts,) = [t for t in body.iter(qn("w:tbl")) if "Email" in "".join(t.itertext())]
    widths = grid(contacts)
    assert widths[column_of(contacts, "Email")] >= EMAIL_TWIPS
    assert sum(widths) <= 11906 - 2 * 1440 + len(widths)  # within A4's margins


HEADINGS = ("Title", "Heading")


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_heading_keeps_with_the_next_paragraph(
    make_repo: MakeRepo, tmp_path: Path, kind: str
) -> None:
    """Said on each heading, as the Title style and a council's styles may not say it."""
    extra = ("--meeting", "m2") if kind == "response" else ()
    if kind == "response":
        path = render(scrutiny_repository(make_repo), tmp_path, kind, *extra)
    else:
        path = render(scrutiny_repository(make_repo), tmp_path, kind)
    paragraphs = docx.Document(str(path)).paragraphs
    headings = [p for p in paragraphs if _style(p).startswith(HEADINGS)]
    assert len(headings) >= 2
    assert [p.text for p in headings if not p.paragraph_format.keep_with_next] == []


def test_the_responses_own_headings_keep_with_their_text(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """The reference above the title, and a numbered part's bold heading, are headings too."""
    path = render(scrutiny_repository(make_repo), tmp_path, "response", "--meeting", "m2")
    kept = {
        p.text: bool(p.paragraph_format.keep_with_next) for p in docx.Document(str(path)).paragraphs
    }
    assert kept["Appendix 2, Agenda Item No. 4 c) ii."]
    assert kept["3.1\tDeveloping the local economy for the benefit of all"]
    assert kept["Source documents"]
    assert not kept["Access to employment is a key factor in reducing reoffending."]


def test_a_lead_in_keeps_with_its_list(make_repo: MakeRepo, tmp_path: Path) -> None:
    """ "That Cabinet:" and "Members are asked to:" never end a page without their first item."""
    path = render(scrutiny_repository(make_repo), tmp_path, "report")
    paragraphs = docx.Document(str(path)).paragraphs
    leads = [p for p in paragraphs if p.text.endswith(":") and not _style(p).startswith(HEADINGS)]
    assert leads
    assert [p.text for p in leads if not p.paragraph_format.keep_with_next] == []


def test_a_numbered_paragraph_keeps_with_the_lines_it_runs_on_into(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """ "4.1 Recommendation ..." never ends a page without its "Accepted by Cabinet: ..."."""
    path = render(scrutiny_repository(make_repo), tmp_path, "report")
    paragraphs = docx.Document(str(path)).paragraphs
    runs_on = [
        p
        for p, after in itertools.pairwise(paragraphs)
        if "\t" in p.text and after.text.startswith("Accepted by Cabinet")
    ]
    assert runs_on
    assert [p.text for p in runs_on if not p.paragraph_format.keep_with_next] == []


def test_a_compared_statement_keeps_with_what_is_said_of_it(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """The tracked-change document's "(formerly 3.2; removed)" stays under its statement."""
    path = render(scrutiny_repository(make_repo), tmp_path, "changes")
    paragraphs = docx.Document(str(path)).paragraphs
    noted = [
        p
        for p, after in itertools.pairwise(paragraphs)
        if "\t" in p.text and after.text.startswith(("(", "Answers "))
    ]
    assert noted
    assert [p.text for p in noted if not p.paragraph_format.keep_with_next] == []
