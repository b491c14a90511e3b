"""Word output writes user Markdown as Word formatting: runs, links, lists, paragraphs.

Through the command line (``render ... --format docx -o``) and the API
(:func:`policypos.render.write_document`), read back with python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

import policypos
from policypos import Document, Section, Statement, Status, Version, documents, word
from policypos.cli import cli
from policypos.render import Options, write_document

from .conftest import DOCUMENT, SHIPPED, MakeRepo
from .golden import assert_golden

WHEN = dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC)
OPTIONS = Options(format="docx", author="A. Officer", date=WHEN)

# The tester's statement: emphasis, a link, and a two-item list.
STATEMENT = """\
Councils *must* see the [2021 review](https://example.org/review) and:

- fund **housing**;
- fund `training`.
"""

VERSION = """\
version: "v1"
date: 2024-01-01
status: endorsed
preamble: |
  A **bold** preamble.

  Its second paragraph.
sections:
  - id: s1
    title: One
    intro: An *introduction*.
    statements:
      - id: a
        text: |
{statement}
      - id: b
        text: Plain words, as ever.
"""

MEETING = """\
meeting:
  id: m1
  body: Cabinet
  date: 2024-02-01
comments:
  - id: "1"
    kind: comment
    text: Say *more*.
    disposition: accepted
    response: |
      Done; see [the page](https://example.org/page):

      1. first
      2. second
"""


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else "" for line in text.splitlines())


def repository(make_repo: MakeRepo, statement: str = STATEMENT) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": VERSION.format(statement=_indent(statement, 10)),
            "doc/meetings/m1.yaml": MEETING,
        },
        document=DOCUMENT,
    )


def render_cli(repo: Path, tmp_path: Path, *args: str) -> docx.document.Document:
    """Run ``policypos render ARGS --format docx -o FILE`` and read FILE back."""
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(
        cli, ["--repo", str(repo), "render", *args, "--format", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def runs(paragraph: Any) -> list[tuple[str, bool, bool, str | None]]:
    """(text, bold, italic, font) of each run of *paragraph*, those inside links too."""
    from docx.text.run import Run

    return [
        (r.text, bool(r.bold), bool(r.italic), r.font.name)
        for r in (Run(e, paragraph) for e in paragraph._p.iter(qn("w:r")))
        if r.text
    ]


def links(word: Any) -> list[tuple[str, str]]:
    """(text, target) of each ``w:hyperlink`` of the body, the target read from its relationship."""
    rels = word.part.rels
    out = []
    for link in word.element.body.iter(qn("w:hyperlink")):
        rel = rels[link.get(qn("r:id"))]
        assert rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
        assert rel.is_external
        out.append(("".join(t.text for t in link.iter(qn("w:t"))), rel.target_ref))
    return out


def style(paragraph: Any) -> str:
    return str(paragraph.style.name)


def paragraph_at(word: Any, start: str) -> Any:
    (found,) = [p for p in word.paragraphs if p.text.startswith(start)]
    return found


class TestAnnex:
    """A statement, an introduction and a preamble in Markdown, through the command line."""

    def test_the_testers_statement(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        word = render_cli(repository(make_repo), tmp_path, "annex", "doc@v1")
        texts = [p.text for p in word.paragraphs]
        numbered = paragraph_at(word, "1.1\t")
        assert numbered.text == "1.1\tCouncils must see the 2021 review and:"
        assert runs(numbered) == [
            ("1.1", True, False, None),
            ("\t", False, False, None),
            ("Councils ", False, False, None),
            ("must", False, True, None),
            (" see the ", False, False, None),
            ("2021 review", False, False, None),
            (" and:", False, False, None),
        ]
        assert links(word) == [("2021 review", "https://example.org/review")]
        first, second = word.paragraphs[texts.index(numbered.text) + 1 :][:2]
        assert (first.text, style(first)) == ("fund housing;", "List Bullet")
        assert (second.text, style(second)) == ("fund training.", "List Bullet")
        assert ("housing", True, False, None) in runs(first)
        assert ("training", False, False, "Courier New") in runs(second)
        # The next statement is numbered as before, its text plain.
        assert paragraph_at(word, "1.2\t").text == "1.2\tPlain words, as ever."

    def test_preamble_and_introduction(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        word = render_cli(repository(make_repo), tmp_path, "annex", "doc@v1")
        preamble = paragraph_at(word, "A bold preamble.")
        assert ("bold", True, False, None) in runs(preamble)
        assert style(paragraph_at(word, "Its second paragraph.")) == "Normal"
        assert ("introduction", False, True, None) in runs(paragraph_at(word, "An introduction."))

    def test_paragraphs_breaks_and_numbered_lists(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        statement = (
            "First, with a hard  \nbreak.\n\nSecond.\n\n3. three\n4. four\n\nThen:\n\n1. again\n"
        )
        word = render_cli(repository(make_repo, statement), tmp_path, "annex", "doc@v1")
        numbered = paragraph_at(word, "1.1\t")
        assert numbered.text == "1.1\tFirst, with a hard\nbreak."
        assert numbered._p.findall(f".//{qn('w:br')}")
        texts = [p.text for p in word.paragraphs]
        at = texts.index(numbered.text)
        second, three, four = word.paragraphs[at + 1 : at + 4]
        assert second.text == "Second."
        assert second.paragraph_format.left_indent == numbered.paragraph_format.left_indent
        assert [style(three), style(four)] == ["List Number", "List Number"]
        # Each numbered list counts from its own first number, not on from the last.
        number = word.paragraphs[at + 5]
        assert number.text == "again"
        num_ids = {_num_id(p) for p in (three, four)}
        assert len(num_ids) == 1
        assert _num_id(number) not in num_ids
        assert _start(word, _num_id(three)) == 3
        assert _start(word, _num_id(number)) == 1

    def test_other_blocks_are_plain_paragraphs(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        statement = "Lead.\n\n# A heading\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n"
        word = render_cli(repository(make_repo, statement), tmp_path, "annex", "doc@v1")
        texts = [p.text for p in word.paragraphs]
        at = texts.index("1.1\tLead.")
        assert texts[at + 1 : at + 5] == ["A heading", "quoted", "a\tb", "c\td"]
        assert {style(p) for p in word.paragraphs[at + 1 : at + 5]} == {"Normal"}

    def test_code_images_nested_and_loose_lists(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        statement = (
            "Lead ![a chart](https://example.org/c.png).\n\n"
            "```\nline one\nline two\n```\n\n"
            "- outer\n\n  more of outer\n\n  - inner\n"
        )
        word = render_cli(repository(make_repo, statement), tmp_path, "annex", "doc@v1")
        texts = [p.text for p in word.paragraphs]
        at = texts.index("1.1\tLead a chart.")
        code, outer, more, inner = word.paragraphs[at + 1 : at + 5]
        assert code.text == "line one\nline two"
        assert {font for text, _, _, font in runs(code) if text.strip()} == {"Courier New"}
        assert (style(outer), outer.text) == ("List Bullet", "outer")
        assert (style(more), more.text) == ("Normal", "more of outer")
        assert more.paragraph_format.left_indent == outer.paragraph_format.left_indent
        assert (style(inner), inner.text) == ("List Bullet 2", "inner")
        assert inner.paragraph_format.left_indent > outer.paragraph_format.left_indent

    def test_user_text_stays_text(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """Raw HTML and a javascript: link are text, never markup."""
        statement = "Act <b>now</b> & [here](javascript:alert(1))."
        word = render_cli(repository(make_repo, statement), tmp_path, "annex", "doc@v1")
        numbered = paragraph_at(word, "1.1\t")
        assert numbered.text == "1.1\tAct <b>now</b> & [here](javascript:alert(1))."
        assert links(word) == []

    def test_control_characters_in_markdown(self) -> None:
        """Control characters (which YAML refuses, but the API takes) show as escapes."""
        text = "Act *now*\x1b[31m on [i\x07t](https://example.org/x)\ud800."
        version = Version(
            "v1", dt.date(2024, 1, 1), Status.DRAFT, (Section("s", "S", (Statement("a", text),)),)
        )
        document = Document.create("d", "T", "O", "B", versions=(version,))
        data = write_document("annex", documents.annex(document, version), OPTIONS)
        assert isinstance(data, bytes)
        word = docx.Document(io.BytesIO(data))
        assert paragraph_at(word, "1.1\t").text == "1.1\tAct now\\x1b[31m on i\\x07t\ufffd."
        assert links(word) == [("i\\x07t", "https://example.org/x")]

    def test_plain_statement_is_one_run(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """Text without Markdown is written as before: one plain run, white space folded."""
        statement = "Councils   should\nact \\*now\\*."
        word = render_cli(repository(make_repo, statement), tmp_path, "annex", "doc@v1")
        assert runs(paragraph_at(word, "1.1\t"))[2:] == [
            ("Councils should act *now*.", False, False, None)
        ]


def _num_id(paragraph: Any) -> int:
    return int(paragraph._p.pPr.numPr.numId.val)


def _start(word: Any, num_id: int) -> int:
    num = word.part.numbering_part.element.num_having_numId(num_id)
    return int(num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")))


class TestOtherDocuments:
    def test_comment_log_cells(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        word = render_cli(repository(make_repo), tmp_path, "comments", "doc")
        (table,) = word.tables
        comment, response = table.rows[1].cells[2], table.rows[1].cells[4]
        assert ("more", False, True, None) in runs(comment.paragraphs[0])
        assert [p.text for p in response.paragraphs] == ["Done; see the page:", "first", "second"]
        assert [style(p) for p in response.paragraphs[1:]] == ["List Number"] * 2
        assert links(word) == [("the page", "https://example.org/page")]

    def test_response_recommendation_in_bold(self) -> None:
        """A recommendation's Markdown keeps the bold of the whole recommendation."""
        document = policypos.open_repository(SHIPPED).document("cambridgeshire-reoffending")
        record = documents.response(document)
        recommendation = record.recommendations[0]
        first = type(recommendation)(
            **{**_fields(recommendation), "text": "Act *now* on [this](https://example.org/x)."}
        )
        record = type(record)(**{**_fields(record), "recommendations": (first,)})
        data = write_document("response", record, Options(format="docx", date=WHEN))
        assert isinstance(data, bytes)
        word = docx.Document(io.BytesIO(data))
        paragraph = paragraph_at(word, "2.1\t")
        assert paragraph.text == f"2.1\tRecommendation {first.number}: Act now on this."
        assert runs(paragraph)[2:] == [
            (f"Recommendation {first.number}: Act ", True, False, None),
            ("now", True, True, None),
            (" on ", True, False, None),
            ("this", True, False, None),
            (".", True, False, None),
        ]
        assert links(word) == [("this", "https://example.org/x")]

    def test_recommendation_opening_with_a_list(self) -> None:
        """The bold lead stays in the numbered paragraph; the list follows it."""
        document = policypos.open_repository(SHIPPED).document("cambridgeshire-reoffending")
        record = documents.response(document)
        recommendation = record.recommendations[0]
        first = type(recommendation)(**{**_fields(recommendation), "text": "- one\n- two\n"})
        record = type(record)(**{**_fields(record), "recommendations": (first,)})
        data = write_document("response", record, OPTIONS)
        assert isinstance(data, bytes)
        word = docx.Document(io.BytesIO(data))
        texts = [p.text for p in word.paragraphs]
        at = texts.index(f"2.1\tRecommendation {first.number}: ")
        assert texts[at + 1 : at + 3] == ["one", "two"]
        assert [style(p) for p in word.paragraphs[at + 1 : at + 3]] == ["List Bullet"] * 2

    def test_recommendation_of_a_rule_only(self) -> None:
        """Markdown that writes no text (a rule) leaves the bold lead on its own."""
        document = policypos.open_repository(SHIPPED).document("cambridgeshire-reoffending")
        record = documents.response(document)
        recommendation = record.recommendations[0]
        first = type(recommendation)(**{**_fields(recommendation), "text": "***"})
        record = type(record)(**{**_fields(record), "recommendations": (first,)})
        data = write_document("response", record, OPTIONS)
        assert isinstance(data, bytes)
        word = docx.Document(io.BytesIO(data))
        assert f"2.1\tRecommendation {first.number}: " in [p.text for p in word.paragraphs]

    def test_reference_document_without_list_styles(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        """A council's file lacking the list styles and numbering gets both, so bullets show."""
        reference = docx.Document()
        styles = reference.styles.element
        for element in list(styles):
            if element.get(qn("w:styleId"), "").startswith(("ListBullet", "ListNumber")):
                styles.remove(element)
        numbering = reference.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        reference.save(str(tmp_path / "council.docx"))
        repo = repository(make_repo, STATEMENT + "\n1. one\n")
        word = render_cli(
            repo, tmp_path, "annex", "doc@v1", "--reference-docx", str(tmp_path / "council.docx")
        )
        bullet = paragraph_at(word, "fund housing;")
        assert style(bullet) == "List Bullet"
        num_id = bullet.style.element.pPr.numPr.numId.val
        num = word.part.numbering_part.element.num_having_numId(num_id)
        abstract = [
            a
            for a in word.part.numbering_part.element.findall(qn("w:abstractNum"))
            if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
        ]
        assert abstract  # the style's numbering was copied too
        one = paragraph_at(word, "one")
        assert style(one) == "List Number"
        assert _start(word, _num_id(one)) == 1


def _fields(record: Any) -> dict[str, Any]:
    import attrs

    return attrs.asdict(record, recurse=False)


@pytest.mark.parametrize("kind", ["annex", "changes", "comments", "report", "response"])
def test_shipped_documents_unchanged(kind: str, update_goldens: bool) -> None:
    """The shipped positions (no Markdown in them) give the document.xml they gave before."""
    repo = policypos.open_repository(SHIPPED)
    straight = repo.document("going-straight")
    changes = policypos.diff(straight.version("2005"), straight.version("2024"), straight)
    records: dict[str, Callable[[], Any]] = {
        "annex": lambda: documents.annex(straight, straight.version("2024"), label="Annex 2"),
        "changes": lambda: documents.comparison(straight, changes),
        "comments": lambda: documents.comment_log(straight),
        "report": lambda: documents.board_paper(straight, changes),
        "response": lambda: documents.response(repo.document("cambridgeshire-reoffending")),
    }
    options = Options(format="docx", author="A. Officer", date=WHEN)
    data = write_document(kind, records[kind](), options)
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = etree.fromstring(package.read("word/document.xml"))
    text = etree.tostring(xml, pretty_print=True, encoding="unicode")
    assert_golden(f"docx-{kind}-document.xml", text, update_goldens)


# Text the fast path takes: letters, digits, spaces, line ends and the
# punctuation of ordinary prose, but none of Markdown's marks.
PLAIN = st.text(alphabet="ab1 .,;:'\"?()\n\r\t\u00a0\u00e9\u2019", max_size=40)


@settings(max_examples=60)  # each example writes two Word files
@given(statement=PLAIN, intro=PLAIN, label=st.booleans())
@example(statement="x", intro=" \t1", label=False)  # a tab after spaces: indented code
def test_plain_text_fast_path_matches_the_parser(statement: str, intro: str, label: bool) -> None:
    """Text written without parsing gives the XML the parser's path gives."""
    if not statement.strip():
        statement = "x"
    text = f"{statement}\n\n{intro}" if label else statement
    version = Version(
        "v1",
        dt.date(2024, 1, 1),
        Status.DRAFT,
        (Section("s", "S", (Statement("a", text),), intro=intro or None),),
        preamble=intro or None,
    )
    document = Document.create("d", "T", "O", "B", versions=(version,))
    record = documents.annex(document, version)
    fast = write_document("annex", record, OPTIONS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word, "_MAYBE_MARKDOWN", re.compile(""))  # every text parsed
        parsed = write_document("annex", record, OPTIONS)
    assert fast == parsed


@pytest.mark.parametrize(
    ("statement", "block"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |", "table_open"),
        ("```\n# not a heading\n```", "fence"),
        ("> a quote", "blockquote_open"),
        ("1. one\n2. two", "ordered_list_open"),
        ("- one\n- two", "bullet_list_open"),
    ],
)
def test_markdown_annex_keeps_a_block_statement_a_block(statement: str, block: str) -> None:
    """A statement that starts with a block has its number on a line of its own.

    Glued to the number (``**1.1** | a | b |``) a table is text, and an
    unclosed fence swallowed the rest of the annex, its ``#`` lines headings.
    """
    from policypos.render import markdown_tokens

    after = Statement("b", "Plain words, as ever.")
    version = Version(
        "v1",
        dt.date(2024, 1, 1),
        Status.DRAFT,
        (Section("s", "S", (Statement("a", statement), after)),),
    )
    document = Document.create("d", "T", "O", "B", versions=(version,))
    text = write_document("annex", documents.annex(document, version), Options())
    assert isinstance(text, str)
    types = [t.type for t in markdown_tokens(text)]
    assert block in types
    assert types.count("heading_open") == 2  # the title and the section: no "#" from the fence
    assert "**1.2** Plain words, as ever." in text  # a paragraph keeps its number inline
