"""Word documents laid out as the PDF is: header and page numbers, unbroken ids, nested annex, padded cells.

Through ``policypos render KIND ... --format docx -o FILE``, read back with
python-docx and lxml.
"""

from __future__ import annotations

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
