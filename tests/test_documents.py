"""The board documents, built from the shipped data as an officer renders them."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli
from tests.conftest import SHIPPED, MakeRepo
from tests.golden import assert_golden


def run(*args: str, repo: Path = SHIPPED) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


MARKDOWN = [
    (("annex", "going-straight@2024", "--label", "Annex 2"), "annex-going-straight-2024.md"),
    (
        ("changes", "going-straight@2005", "going-straight@2024"),
        "changes-going-straight-2005-2024.md",
    ),
    (("comments", "going-straight"), "comment-log-going-straight.md"),
    (("report", "going-straight@2024"), "report-going-straight-2024.md"),
    (("response", "cambridgeshire-reoffending"), "response-cambridgeshire.md"),
]


class TestMarkdown:
    """Each document in Markdown, pinned by a golden file (rewritten by --update-goldens)."""

    @pytest.mark.parametrize(("args", "golden"), MARKDOWN)
    def test_golden(self, args: tuple[str, ...], golden: str, update_goldens: bool) -> None:
        result = run("render", *args)
        assert result.exit_code == 0, result.stderr
        assert_golden(golden, result.stdout, update_goldens)

    def test_no_raw_html(self) -> None:
        """Markdown output holds no HTML tag: tracked changes are CriticMarkup."""
        import re

        for args, _ in MARKDOWN:
            out = run("render", *args).stdout
            assert not re.search(r"<[a-z/]", out), args

    def test_member_terms_not_ids(self) -> None:
        """The comparison cites paragraph numbers and meetings, never internal ids."""
        out = run("render", "changes", "going-straight@2005", "going-straight@2024").stdout
        assert (
            "\n\n*(formerly 2.2; now addressed to “Councils, probation and prisons” rather"
            " than “Housing authorities”; moved from section 2, Accommodation)*"
        ) in out
        assert "comment 3.3, Safer and Stronger Communities Board, 14 March 2024" in out
        for internal in ("acc-2", "general/gen-2", "sscb-2024-03/3.1", "individual-support"):
            assert internal not in out

    def test_report_alone_compares_with_based_on(self) -> None:
        """`render report NEW` compares NEW with the version it is based on."""
        alone = run("render", "report", "going-straight@2024").stdout
        both = run("render", "report", "going-straight@2005", "going-straight@2024").stdout
        assert alone == both

    def test_missing_parts_are_flagged(self, shipped: Path) -> None:
        """Without a report file, every officer's part says it is still to be written."""
        (shipped / "going-straight/reports/2024.yaml").unlink()
        out = run("render", "report", "going-straight@2024", repo=shipped).stdout
        assert "**Purpose of report:** **To be written: purpose of report**" in out
        assert "**To be written: who to contact**" in out
        # General is new in 2024: it was added, not changed (tester 16, item 7)
        assert "**7.** A new section, General, has been added." in out
        assert "3.1 and 3.5. **To be written: why the General section was added.**" in out
        assert "**To be written: why the Accommodation section changed.**" in out
        assert "**To be written: implications for Wales**" in out


class TestOutput:
    """Where documents go: stdout for text, a file for everything, never binary to a terminal."""

    def test_binary_needs_a_file(self) -> None:
        result = run("render", "annex", "going-straight", "--format", "docx")
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: docx is a binary format: give -o FILE to write it to a file "
            "(or -o - to send it down a pipe)\n",
        )

    def test_file(self, tmp_path: Path) -> None:
        target = tmp_path / "annex.md"
        result = run("render", "annex", "going-straight@2024", "-o", str(target))
        assert (result.exit_code, result.stdout) == (0, "")
        assert target.read_text().startswith("# Going Straight")
        assert [p.name for p in tmp_path.iterdir()] == ["annex.md"]

    def test_unknown_meeting(self) -> None:
        result = run("render", "comments", "going-straight", "--meeting", "nope")
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: no meeting 'nope'")

    def test_first_version_has_nothing_to_compare(self) -> None:
        result = run("render", "changes", "going-straight@2005")
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: going-straight@2005 has no earlier version to compare with: "
            "give OLD NEW\n",
        )


class TestUserTemplates:
    """--template: a user's own Jinja template, in the sandbox."""

    def test_own_template(self, tmp_path: Path) -> None:
        template = tmp_path / "mine.md.j2"
        template.write_text("{{ doc.title }} has {{ doc.sections | length }} sections.\n")
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.stdout == "Going Straight: reducing re-offending has 5 sections.\n"

    def test_sandbox_keeps_python_out(self, tmp_path: Path) -> None:
        """A template reaching for Python internals is refused in one line, exit 2."""
        template = tmp_path / "evil.md.j2"
        template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{template}:1: error: access to attribute ")
        assert "__subclasses__" not in result.stdout

    @pytest.mark.parametrize(
        ("code", "said"),
        [
            ("{% for i in range(10**9) %}x{% endfor %}", "OverflowError: Range too big."),
            ('{{ "x" * 300000000 }}', "repeating 1 300,000,000 times is too large"),
            ("{{ [0] * 10 ** 7 }}", "repeating 1 10,000,000 times is too large"),
            ("{{ 10 ** 10000000 }}", "power 10,000,000 is too large"),
            ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
            ("{% if %}", "Expected an expression"),
        ],
    )
    def test_template_failures_are_one_line(self, tmp_path: Path, code: str, said: str) -> None:
        """Whatever a template's own code does wrong is one compiler-style line, exit 2.

        Repetition and powers are capped: one line of a template could ask for gigabytes.
        """
        template = tmp_path / "t.md.j2"
        template.write_text(f"Title\n{code}\n")
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{template}:2: error: {said}")
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.output

    def test_no_template_for_word(self, tmp_path: Path) -> None:
        """Word is written by python-docx, not a template: --template there is refused, not ignored."""
        template = tmp_path / "t.md.j2"
        template.write_text("{{ doc.title }}\n")
        target = tmp_path / "annex.docx"
        args = ("--template", str(template), "--format", "docx", "-o", str(target))
        result = run("render", "annex", "going-straight@2024", *args)
        assert result.exit_code == 2
        assert "cannot shape a Word document" in result.stderr
        assert not target.exists()

    def test_small_repetition_is_allowed(self, tmp_path: Path) -> None:
        template = tmp_path / "t.md.j2"
        template.write_text('{{ "ab" * 3 }} {{ 2 ** 10 }} {{ [1] * 2 }}\n')
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.stdout == "ababab 1024 [1, 1]\n"


class TestHostileMarkdown:
    """Markdown documents stay inert in a renderer that passes raw HTML (MkDocs' Python-Markdown)."""

    HOSTILE_TITLE = "Section <script>alert(1)</script> &amp; two"
    HOSTILE_TEXT = 'See [x](javascript:alert(1)), <img src=x onerror="alert(1)"> and\\n\\n[r]: javascript:alert(2)'

    def repo(self, shipped: Path) -> Path:
        path = shipped / "going-straight/versions/2024.yaml"
        text = path.read_text()
        text = text.replace("    title: General\n", f'    title: "{self.HOSTILE_TITLE}"\n')
        old = (
            "        text: >\n"
            "          Reducing re-offending takes councils, probation, health services, the\n"
            "          police and the voluntary sector working as one; council community\n"
            "          safety teams need a clear and funded place in that work.\n"
        )
        hostile = (
            "        text: |\n"
            '          See [x](javascript:alert(1)), <img src=x onerror="alert(1)"> and\n'
            "\n"
            "          [r]: javascript:alert(2)\n"
        )
        assert old in text
        path.write_text(text.replace(old, hostile))
        return shipped

    @pytest.mark.parametrize(
        "args",
        [
            ("report", "going-straight@2024"),
            ("annex", "going-straight@2024"),
            ("changes", "going-straight@2005", "going-straight@2024"),
        ],
    )
    def test_inert_after_python_markdown(self, shipped: Path, args: tuple[str, ...]) -> None:
        import markdown

        root = self.repo(shipped)
        result = run("render", *args, repo=root)
        assert result.exit_code == 0, result.stderr
        html = markdown.markdown(result.stdout)
        assert "<script" not in html
        assert "<img" not in html
        assert 'href="javascript' not in html.lower()
        assert "alert(1)" in html  # the words are still there, as text


class TestWhatTheDocumentsSay:
    """Faults a new officer found, each now held by a test."""

    def test_comparison_shows_preamble_and_introductions(self) -> None:
        """The new text in full: preamble and section introductions, marked as changed."""
        out = run("render", "changes", "going-straight@2005", "going-straight@2024").stdout
        assert "{++The Board reviewed its 2005 positions in 2024." in out
        assert '{++Formerly "Drugs and alcohol", widened' in out
        assert "## 4. {--Drugs and alcohol--}{++Individual support++}" in out
        assert "Paragraphs: introduction added, 4 reworded." in out

    def test_overview_counts_every_paragraph(self, shipped: Path) -> None:
        """A renamed id and a re-spaced text are counted, so the counts add up."""
        path = shipped / "going-straight/versions/2024.yaml"
        text = path.read_text()
        draft = (
            text.replace('version: "2024"', 'version: "2025"')
            .replace("date: 2024-07-01", "date: 2025-01-01")
            .replace('based_on: "2005"', 'based_on: "2024"')
            .replace("      - id: gen-1\n", "      - id: general-1\n")
            .replace("all, has become harder.", "all, has  become harder.")
        )
        (shipped / "going-straight/versions/2025.yaml").write_text(
            draft.replace("meeting: sscb-2024-07\n", "")
        )
        out = run("render", "changes", "going-straight@2025", repo=shipped).stdout
        assert (
            "paragraph by paragraph: 1 changed in spacing only, 1 otherwise changed, 20 unchanged."
            in out
        )

    def test_background_numbers_comments_under_their_paragraph(self, shipped: Path) -> None:
        """The background numbers comments 3.1, 3.2 ... whatever the minutes called them, and
        the proposal cites those numbers (comment 7 is the paper's 3.4)."""
        for name in ("meetings/sscb-2024-03.yaml", "versions/2024.yaml"):
            path = shipped / "going-straight" / name
            path.write_text(path.read_text().replace('"3.4"', '"7"').replace("/3.4", "/7"))
        out = run("render", "report", "going-straight@2024", repo=shipped).stdout
        assert "**3.4** Include how neurodiversity affects re-offending" in out
        assert "**7**" not in out
        assert "The section answers members' comments 3.2, 3.3 and 3.4." in out

    def test_a_section_that_only_moved_is_not_revised(self, shipped: Path) -> None:
        """Family support moved to the front: unchanged, and no reason is asked for."""
        path = shipped / "going-straight/versions/2024.yaml"
        text = path.read_text()
        family = text[text.index("  - id: family-support") :]
        rest = text[: text.index("  - id: family-support")]
        head, sections = rest.split("sections:\n", 1)
        draft = head + "sections:\n" + family.rstrip("\n") + "\n\n" + sections
        draft = (
            draft.replace('version: "2024"', 'version: "2025"')
            .replace("date: 2024-07-01", "date: 2025-01-01")
            .replace('based_on: "2005"', 'based_on: "2024"')
            .replace("meeting: sscb-2024-07\n", "")
        )
        (shipped / "going-straight/versions/2025.yaml").write_text(draft)
        out = run("render", "report", "going-straight@2025", repo=shipped).stdout
        assert "The Family support section is unchanged but now stands elsewhere." in out
        assert "why the Family support section changed" not in out
        assert "Officers asked: Is more work needed" in out

    def test_response_without_a_report_flags_its_front_table(self, shipped: Path) -> None:
        """Every row of the front table is there; what the report would say is to be written."""
        (shipped / "cambridgeshire-reoffending/reports/cabinet-2014-04.yaml").unlink()
        out = run("render", "response", "cambridgeshire-reoffending", repo=shipped).stdout
        for row in ("From", "Electoral division(s)", "Forward Plan ref", "Key decision"):
            assert f"| {row} | **To be written** |" in out
        assert "## 3. Alignment with priorities" in out
        assert "To be written: alignment with priorities" in out


class TestBoardPaperCountsEachMeeting:
    """A draft answering comments of a later meeting: each meeting's comments counted as its own."""

    @pytest.fixture
    def drafted(self, shipped: Path) -> Path:
        """going-straight 2025, a draft based on 2024, answering a comment made on the draft.

        The July 2024 meeting reviewed 2024 and asked two questions, both open;
        a February 2025 meeting reviewed the draft and made two comments, one
        of which (1) the draft answers in its accommodation section.
        """
        from policypos import edit

        board = "Safer and Stronger Communities Board"
        steps: list[Callable[[], edit.Edit]] = [
            lambda: edit.new_version(shipped, "going-straight", "2024", "2025", dt.date(2025, 3, 1)),
            lambda: edit.add_comment(
                shipped, "going-straight", "sscb-2025-02", "1", "Say more on housing.",
                on=["accommodation"], body=board, date=dt.date(2025, 2, 10), reviews="2025",
            ),
            lambda: edit.add_comment(
                shipped, "going-straight", "sscb-2025-02", "2", "Is the data current?",
                kind="question",
            ),
            lambda: edit.cite(shipped, "going-straight", "2025", "accommodation", "sscb-2025-02/1"),
            lambda: edit.set_comment(
                shipped, "going-straight", "sscb-2025-02/1", disposition="addressed"
            ),
        ]  # fmt: skip
        for step in steps:
            edit.apply_edit(step())
        return shipped

    def test_summary_counts_answers_against_their_own_meeting(self, drafted: Path) -> None:
        out = run("render", "report", "going-straight@2025", repo=drafted).stdout
        summary = out.split("## Summary\n\n", 1)[1].split("\n", 1)[0]
        assert summary == (
            "At its meeting on 18 July 2024 the Safer and Stronger Communities Board reviewed "
            "version 2024 of Going Straight: reducing re-offending and considered 2 questions. "
            "At its meeting on 10 February 2025 it reviewed version 2025, made 1 comment and "
            "considered 1 question. This paper brings back the revised statement (Annex 1), "
            "which answers the comment made on 10 February 2025."
        )

    def test_background_lists_the_comments_on_the_draft(self, drafted: Path) -> None:
        out = run("render", "report", "going-straight@2025", repo=drafted).stdout
        background = out.split("## Background", 1)[1].split("## Proposal", 1)[0]
        assert "At its meeting on 18 July 2024 the Safer and Stronger" in background
        assert (
            "At its meeting on 10 February 2025 the Safer and Stronger Communities Board "
            "considered version 2025 of Going Straight" in background
        )
        assert "Members asked: Is the data current?" in background
        assert "**6.1** Say more on housing." in background

    def test_proposal_cites_the_number_the_background_gives(self, drafted: Path) -> None:
        out = run("render", "report", "going-straight@2025", repo=drafted).stdout
        assert (
            "The wording of the Accommodation section is unchanged; the section now answers "
            "members' comment 6.1." in out
        )
        assert "why the Accommodation section changed" not in out

    def test_api_gives_the_same_summary(self, drafted: Path) -> None:
        from policypos import documents
        from policypos.diff import diff
        from policypos.validate import open_checked

        document = open_checked(drafted).repository.document("going-straight")
        old, new = document.version("2024"), document.version("2025")
        paper = documents.board_paper(document, diff(old, new, document))
        assert "which answers the comment made on 10 February 2025." in paper.summary.text
        assert "comments" not in paper.summary.text.split("10 February")[0]

    def test_one_meeting_keeps_its_plain_wording(self) -> None:
        """The shipped paper reports on one meeting: no meeting labels, counts as before."""
        out = run("render", "report", "going-straight@2024").stdout
        assert "The section answers members' comments 3.2, 3.3 and 3.4." in out
        assert "(14 March 2024)" not in out


# Each of the kinds of control character a document must not pass on as it is.
# (The direction marks U+200E, U+200F and U+061C are letters of Hebrew and
# Arabic typography, not among them: TestDirectionMarks.)
CONTROLS = "\x1b[2J\x07\x01\x7f\x85\x9b\u202e\u2066\u202a"
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _quoted(text: str) -> str:
    """*text* as a YAML double-quoted scalar, every control character as an escape."""
    return json.dumps(text)


@pytest.fixture
def controlled(make_repo: MakeRepo) -> Path:
    """A repository whose every text field holds terminal escapes, C1 and bidi controls."""
    bad = _quoted(f"Text {CONTROLS} end.")
    return make_repo(
        {
            "doc/document.yaml": f"""\
                id: doc
                title: {_quoted(f"Title {CONTROLS}")}
                organisation: Council
                owner: Board
                """,
            "doc/meetings/m1.yaml": f"""\
                meeting:
                  id: m1
                  body: {_quoted(f"Board {CONTROLS}")}
                  date: 2024-01-10
                reviews: "v1"
                comments:
                  - id: "1"
                    kind: comment
                    text: {bad}
                    disposition: addressed
                    response: {bad}
                """,
            "doc/versions/v1.yaml": f"""\
                version: "v1"
                date: 2024-01-01
                status: endorsed
                preamble: {bad}
                sections:
                  - id: s1
                    title: {_quoted(f"One {CONTROLS}")}
                    statements:
                      - id: a
                        text: {bad}
                """,
            "doc/versions/v2.yaml": f"""\
                version: "v2"
                date: 2024-02-01
                status: draft
                based_on: "v1"
                sections:
                  - id: s1
                    title: {_quoted(f"One {CONTROLS}")}
                    statements:
                      - id: a
                        text: {_quoted(f"Changed {CONTROLS} end.")}
                        addresses: [m1/1]
                """,
        }
    )


KINDS = [("annex", "doc@v2"), ("changes", "doc@v2"), ("report", "doc@v2"), ("comments", "doc")]


class TestControlCharacters:
    """No document passes on ESC, BEL, C1 or bidi controls: they show as \\x1b, \\u202e."""

    @pytest.mark.parametrize(("kind", "ref"), KINDS)
    @pytest.mark.parametrize("fmt", ["markdown", "html"])
    def test_text_formats(self, controlled: Path, kind: str, ref: str, fmt: str) -> None:
        result = run("render", kind, ref, "--format", fmt, repo=controlled)
        assert result.exit_code == 0, result.output
        assert CONTROL_RE.findall(result.stdout) == []
        # Visible instead (U+0085, NEXT LINE, is white space where a line is folded).
        assert "\\x1b[2J\\x07\\x01\\x7f" in result.stdout
        assert "\\x9b\\u202e\\u2066\\u202a" in result.stdout

    @pytest.mark.parametrize(("kind", "ref"), KINDS)
    def test_word(self, controlled: Path, tmp_path: Path, kind: str, ref: str) -> None:
        import zipfile

        out = tmp_path / f"{kind}.docx"
        result = run("render", kind, ref, "--format", "docx", "-o", str(out), repo=controlled)
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as docx:
            xml = "".join(
                docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith(".xml")
            )
        assert CONTROL_RE.findall(xml) == []
        assert "\\u202e" in xml

    def test_published_site(self, controlled: Path, tmp_path: Path) -> None:
        from policypos.publish import publish

        publish(controlled, tmp_path / "site")
        for page in (tmp_path / "site").rglob("*"):
            if page.suffix in (".html", ".js"):
                assert CONTROL_RE.findall(page.read_text(encoding="utf-8")) == [], page


# Hebrew and Arabic as they are typed: a right-to-left mark after "שלום" keeps
# the bracket that follows on its side, a left-to-right mark after "2024" its
# full stop, an Arabic letter mark before the Arabic comma. Beside them, one
# override that must still show as an escape.
MARKED = "Hebrew שלום\u200f (RLM), 2024\u200e. Arabic مرحبا\u061c، بالعالم. Then \u202eevil."
MARKS = ("שלום\u200f", "2024\u200e.", "مرحبا\u061c،")
TITLE = "Section שלום\u200f"


@pytest.fixture
def marked(make_repo: MakeRepo) -> Path:
    """A repository whose statement, title and comment hold the direction marks."""
    return make_repo(
        {
            "doc/meetings/m1.yaml": f"""\
                meeting:
                  id: m1
                  body: Board
                  date: 2024-01-10
                reviews: "v1"
                comments:
                  - id: "1"
                    kind: comment
                    text: {_quoted(MARKED)}
                    disposition: addressed
                """,
            "doc/versions/v1.yaml": f"""\
                version: "v1"
                date: 2024-01-01
                status: draft
                sections:
                  - id: s1
                    title: {_quoted(TITLE)}
                    statements:
                      - id: a
                        text: {_quoted(MARKED)}
                        addresses: [m1/1]
                """,
        }
    )


class TestDirectionMarks:
    """LRM, RLM and ALM come through every document as written; the overrides still show."""

    @pytest.mark.parametrize(("kind", "ref"), [("annex", "doc@v1"), ("comments", "doc")])
    @pytest.mark.parametrize("fmt", ["markdown", "html"])
    def test_text_formats(self, marked: Path, kind: str, ref: str, fmt: str) -> None:
        result = run("render", kind, ref, "--format", fmt, repo=marked)
        assert result.exit_code == 0, result.output
        for mark in MARKS:
            assert mark in result.stdout
        assert "\\u200" not in result.stdout
        assert "\\u061c" not in result.stdout
        assert "\\u202eevil" in result.stdout
        assert "\u202e" not in result.stdout

    def test_word(self, marked: Path, tmp_path: Path) -> None:
        import zipfile

        out = tmp_path / "annex.docx"
        result = run("render", "annex", "doc@v1", "--format", "docx", "-o", str(out), repo=marked)
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as docx:
            xml = docx.read("word/document.xml").decode("utf-8")
        for mark in MARKS:
            assert mark in xml
        assert "\\u200f" not in xml
        assert "\\u202eevil" in xml

    def test_pdf(self, marked: Path, tmp_path: Path) -> None:
        """The PDF shows the Hebrew and Arabic words, and no mark written out as an escape."""
        import shutil
        import subprocess

        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed (poppler-utils)")
        out = tmp_path / "annex.pdf"
        result = run("render", "annex", "doc@v1", "--format", "pdf", "-o", str(out), repo=marked)
        assert result.exit_code == 0, result.output
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "\\u200" not in text
        assert "\\u061c" not in text
        assert "\\u202eevil" in text
        for word in ("שלום", "مرحبا"):
            assert word in text

    def test_terminal_view(self, marked: Path) -> None:
        result = run("show", "doc@v1", repo=marked)
        assert result.exit_code == 0, result.output
        assert MARKS[0] in result.stdout
        assert "\\u200f" not in result.stdout
        assert "\\u202eevil" in result.stdout

    def test_published_site(self, marked: Path, tmp_path: Path) -> None:
        from policypos.publish import publish

        publish(marked, tmp_path / "site")
        pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
        assert any(MARKS[0] in page for page in pages)
        assert not any("\\u200f" in page for page in pages)


class TestSmallerFaults:
    """Blank lines, empty sections and unflagged gaps a new officer found."""

    def test_changes_summary_is_its_own_paragraph(self) -> None:
        """Each section's italic summary is followed by a blank line, before any introduction."""
        out = run("render", "changes", "going-straight@2005", "going-straight@2024").stdout
        lines = out.splitlines()
        summaries = [i for i, line in enumerate(lines) if line.startswith("*") and " " in line]
        summaries = [i for i in summaries if lines[i - 2].startswith("## ")]
        assert len(summaries) == 5
        for i in summaries:
            assert lines[i + 1] == "", lines[i : i + 2]
        assert "\n\n{++Points for councils to consider" in out

    @pytest.mark.parametrize("fmt", ["markdown", "html"])
    def test_response_to_a_meeting_without_recommendations(self, fmt: str) -> None:
        out = run(
            "render", "response", "going-straight", "--meeting", "sscb-2024-07", "--format", fmt
        ).stdout
        assert (
            "No recommendations were made at this meeting, so there are none to respond to." in out
        )
        assert "set out below in bold" not in out

    def test_response_without_recommendations_in_word(self, tmp_path: Path) -> None:
        import docx

        out = tmp_path / "r.docx"
        result = run(
            "render", "response", "going-straight", "--meeting", "sscb-2024-07", "-o", str(out),
            "--format", "docx",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = [p.text for p in docx.Document(str(out)).paragraphs]
        assert (
            "No recommendations were made at this meeting, so there are none to respond to." in text
        )

    def test_unwritten_response_sections_are_flagged(self) -> None:
        """Sections 3 and 4 without a report say "To be written" in bold, as every other gap."""
        md = run("render", "response", "going-straight", "--meeting", "sscb-2024-07").stdout
        assert "**To be written: alignment with priorities**" in md
        assert "**To be written: significant implications**" in md
        html = run(
            "render", "response", "going-straight", "--meeting", "sscb-2024-07", "--format", "html"
        ).stdout
        assert '<p class="todo">To be written: alignment with priorities</p>' in html


class TestOfficersCycle:
    """A draft 2025 after 2024, reviewed at sscb-2025-03 (comment 1 answered, question 2,
    Cllr Jones's recommendation 3 rejected): the paper and response say what happened."""

    @pytest.fixture
    def cycle(self, shipped: Path) -> Path:
        """The cycle built with the editing commands an officer uses (docs/editing.md)."""
        board = "Safer and Stronger Communities Board"
        steps = [
            ("new-version", "going-straight", "--from", "2024", "--id", "2025",
             "--date", "2025-01-06"),
            ("comment", "add", "going-straight", "--meeting", "sscb-2025-03", "--id", "1",
             "--text", "Say how councils can help people find work.", "--by", "Board members",
             "--body", board, "--date", "2025-03-13", "--reviews", "2025"),
            ("comment", "add", "going-straight", "--meeting", "sscb-2025-03", "--id", "2",
             "--kind", "question", "--by", "Cllr Smith",
             "--text", "How many councils run a scheme like this?"),
            ("comment", "add", "going-straight", "--meeting", "sscb-2025-03", "--id", "3",
             "--kind", "recommendation", "--by", "Cllr Jones",
             "--text", "Drop the paragraph on volunteering."),
            ("cite", "going-straight@2025", "gen-1", "sscb-2025-03/1"),
            ("comment", "set", "going-straight", "sscb-2025-03/1", "--disposition", "addressed"),
            ("comment", "set", "going-straight", "sscb-2025-03/3", "--disposition", "rejected",
             "--response", "Volunteering is often the first step back into work."),
        ]  # fmt: skip
        for step in steps:
            result = run(*step, repo=shipped)
            assert result.exit_code == 0, result.output
        return shipped

    def paper(self, repo: Path, fmt: str = "markdown") -> str:
        result = run("render", "report", "going-straight@2025", "--format", fmt, repo=repo)
        assert result.exit_code == 0, result.output
        return result.stdout

    def test_comments_numbered_under_their_paragraph(self, cycle: Path) -> None:
        """Comment 1 is the paper's 6.1, cited so by the proposal; no gap, no comment ids."""
        out = self.paper(cycle)
        background = out.split("## Background", 1)[1].split("## Proposal", 1)[0]
        assert "taking account of members' comments (13 March 2025):\n\n**6.1** Say how" in out
        assert "**1** Say how" not in background
        assert "**6.2**" not in background
        assert "now answers members' comment 6.1." in out

    def test_rejected_recommendation_is_said_to_be_rejected(self, cycle: Path) -> None:
        out = self.paper(cycle)
        listed = out.split("taking account of members' comments", 1)[1].split("**7.**", 1)[0]
        assert "volunteering" not in listed
        assert (
            "**7.** Cllr Jones also recommended (recommendation 3): Drop the paragraph on "
            "volunteering. Officers "
            "recommend not taking this forward. Volunteering is often the first step back into "
            "work." in out
        )

    def test_rejected_without_a_response_asks_for_the_reason(self, cycle: Path) -> None:
        path = cycle / "going-straight/meetings/sscb-2025-03.yaml"
        text = path.read_text()
        path.write_text(text[: text.index("    response:")])
        out = self.paper(cycle)
        assert (
            "Officers recommend not taking this forward. **To be written: why not (the response).**"
            in out
        )

    @pytest.mark.parametrize(
        ("disposition", "extra", "said"),
        [
            ("noted", (), "Officers have noted this; it calls for no change to the statement."),
            (
                "deferred",
                (),
                "This needs further work or members' direction before it can be taken forward.",
            ),
            (
                "referred",
                ("--referred-to", "Local Infrastructure and Net Zero Board"),
                "This has been referred to the Local Infrastructure and Net Zero Board.",
            ),
            ("accepted", (), None),
        ],
    )
    def test_each_disposition_is_said(
        self, cycle: Path, disposition: str, extra: tuple[str, ...], said: str | None
    ) -> None:
        result = run(
            "comment", "set", "going-straight", "sscb-2025-03/3", "--disposition", disposition,
            "--response", "", *extra, repo=cycle,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        out = self.paper(cycle)
        if said is None:  # taken forward: listed with comment 1
            assert "**6.2** Recommendation 3: Drop the paragraph on volunteering." in out
            assert "also recommended" not in out
        else:
            assert (
                f"**7.** Cllr Jones also recommended (recommendation 3): Drop the paragraph on "
                f"volunteering. {said}" in out
            )

    def test_a_citation_alone_is_not_a_revision(self, cycle: Path) -> None:
        """General gained a citation only: its wording is unchanged, no reason is asked for."""
        out = self.paper(cycle)
        assert (
            "**9.** The wording of the General section is unchanged; paragraph 1.1 now answers "
            "members' comment 6.1." in out
        )
        assert "The General section has been revised" not in out
        assert "why the General section changed" not in out
        changes = run("render", "changes", "going-straight@2025", repo=cycle).stdout
        assert "*Wording unchanged; the comments paragraph 1.1 answers have changed.*" in changes

    def test_summary_counts_questions_apart(self, cycle: Path) -> None:
        out = self.paper(cycle)
        summary = out.split("## Summary\n\n", 1)[1].split("\n", 1)[0]
        assert summary == (
            "At its meeting on 18 July 2024 the Safer and Stronger Communities Board reviewed "
            "version 2024 of Going Straight: reducing re-offending and considered 2 questions. "
            "At its meeting on 13 March 2025 it reviewed version 2025, made 1 comment and "
            "1 recommendation, and considered 1 question. This paper brings back the revised "
            "statement (Annex 1), which answers 1 of the 2 made on 13 March 2025."
        )

    def test_summary_of_one_meeting(self, cycle: Path) -> None:
        """One meeting reported on: its comments and recommendations are what is answered."""
        (cycle / "going-straight/meetings/sscb-2024-07.yaml").unlink()
        for version in ("2024", "2025"):
            path = cycle / f"going-straight/versions/{version}.yaml"
            path.write_text(path.read_text().replace("meeting: sscb-2024-07\n", ""))
        out = self.paper(cycle)
        summary = out.split("## Summary\n\n", 1)[1].split("\n", 1)[0]
        assert summary.endswith(
            "made 1 comment and 1 recommendation, and considered 1 question. This paper brings "
            "back the revised statement (Annex 1), which answers 1 of the 2 comments and "
            "recommendations."
        )

    def test_response_names_a_person_without_an_article(self, cycle: Path) -> None:
        out = run("render", "response", "going-straight", repo=cycle).stdout
        assert "The recommendations of Cllr Jones are set out below" in out
        assert "of the Cllr" not in out
        assert "**Recommendation:** The Safer and Stronger Communities Board is asked to:" in out
        title = out.split("\n", 1)[0]
        assert title == (
            "# Going Straight: reducing re-offending - Safer and Stronger Communities Board response"
        )

    def test_response_in_html_and_word(self, cycle: Path, tmp_path: Path) -> None:
        import docx

        html = run("render", "response", "going-straight", "--format", "html", repo=cycle).stdout
        assert "<p>The recommendations of Cllr Jones are set out below" in html
        assert "The Safer and Stronger Communities Board is asked to:" in html
        target = tmp_path / "response.docx"
        result = run(
            "render", "response", "going-straight", "--format", "docx", "-o", str(target),
            repo=cycle,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = [p.text for p in docx.Document(str(target)).paragraphs]
        assert any(t.startswith("The recommendations of Cllr Jones are set out") for t in text)
        assert any(t.endswith("Safer and Stronger Communities Board response") for t in text)

    def test_paper_in_word_says_the_same(self, cycle: Path, tmp_path: Path) -> None:
        import docx

        target = tmp_path / "paper.docx"
        result = run(
            "render", "report", "going-straight@2025", "--format", "docx", "-o", str(target),
            repo=cycle,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert "Officers recommend not taking this forward" in text
        assert "The wording of the General section is unchanged" in text
        assert "That the Safer and Stronger Communities Board:" in text


class TestNamedBody:
    """Which names take "the" in running text (docs/documents.md)."""

    @pytest.mark.parametrize(
        ("name", "named"),
        [
            ("Safer and Stronger Communities Board", "the Safer and Stronger Communities Board"),
            ("Overview and Scrutiny Committee", "the Overview and Scrutiny Committee"),
            ("Health Scrutiny Panel", "the Health Scrutiny Panel"),
            ("Council", "the Council"),
            ("The Executive", "the Executive"),
            ("Cabinet", "Cabinet"),
            ("Kent County Council", "Kent County Council"),
            ("Cllr Jones", "Cllr Jones"),
            ("Councillor Ahmed", "Councillor Ahmed"),
            (
                "Cllr Jones, Chair of the Scrutiny Committee",
                "Cllr Jones, Chair of the Scrutiny Committee",
            ),
            ("Board members", "Board members"),
            ("Officers", "Officers"),
        ],
    )
    def test_named_body(self, name: str, named: str) -> None:
        from policypos.documents import named_body

        assert named_body(name) == named

    def test_cabinet_is_asked_without_an_article(self) -> None:
        """The shipped Cabinet response, as the seed paper words it."""
        from policypos import documents, open_repository

        document = open_repository(SHIPPED).document("cambridgeshire-reoffending")
        response = documents.response(document)
        assert "Cabinet" in response.title
        assert response.introduction.startswith(
            "The recommendations of the Safer and Stronger Communities Overview and Scrutiny"
        )


class TestComparisonLayout:
    """The comparison labels asks and points to consider as the annex does, and puts what
    happened to a paragraph ("(new)") after its text in every format."""

    def test_markdown(self) -> None:
        out = run("render", "changes", "going-straight@2005", "going-straight@2024").stdout
        assert "**3.2** *Ask:* {++Councils should be funded" in out
        new = out.index("**3.2** *Ask:*")
        assert out.index("*(new)*", new) > out.index("on a Friday.++}", new)
        assert "**2.1** {--" not in out
        assert "**2.1** {++For councils to consider: ++}Councils" in out  # kind changed: tracked

    def test_html(self) -> None:
        html = run(
            "render", "changes", "going-straight@2005", "going-straight@2024", "--format", "html"
        ).stdout
        item = html.split('id="st-acc-4"', 1)[1].split("</li>", 1)[0]
        assert '<p class="kind">Ask:</p>' in item
        assert item.index('class="redline"') < item.index('<p class="where">(new)</p>')

    def test_word(self, tmp_path: Path) -> None:
        import docx

        target = tmp_path / "changes.docx"
        result = run(
            "render", "changes", "going-straight@2005", "going-straight@2024", "--format", "docx",
            "-o", str(target),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        # The paragraphs' text with their tracked insertions (python-docx's .text leaves
        # w:ins out).
        texts = [
            "".join(p._p.xpath(".//w:t/text()")) for p in docx.Document(str(target)).paragraphs
        ]
        at = next(i for i, t in enumerate(texts) if "homelessness duties" in t)
        assert "Ask: Councils should be funded" in texts[at], texts[at]
        assert texts[at + 1] == "(new)"


class TestStatusDates:
    """A superseded version is dated by the day it was superseded, not the day it was drafted."""

    def test_superseded_annex_and_site(self, tmp_path: Path) -> None:
        import shutil

        repo = tmp_path / "positions"
        shutil.copytree(SHIPPED, repo)
        endorsed = run("endorse", "going-straight@2024", "--meeting", "sscb-2024-07", repo=repo)
        assert endorsed.exit_code == 0, endorsed.output
        annex = run("render", "annex", "going-straight@2005", repo=repo).stdout
        assert "Superseded, 18 July 2024." in annex
        assert "Superseded, 1 January 2005" not in annex
        site = tmp_path / "site"
        assert run("publish", "-o", str(site), repo=repo).exit_code == 0
        page = (site / "going-straight" / "versions" / "2005.html").read_text()
        assert "Superseded, 18 July 2024" in page

    def test_withdrawn_has_no_date(self, tmp_path: Path) -> None:
        import shutil

        repo = tmp_path / "positions"
        shutil.copytree(SHIPPED, repo)
        assert run("withdraw", "going-straight@2024", repo=repo).exit_code == 0
        annex = run("render", "annex", "going-straight@2024", repo=repo).stdout
        assert "Withdrawn." in annex
        assert "Withdrawn, 1 July 2024" not in annex


class TestLogInPaperOrder:
    """tester 12, B5: a log sent with a paper reads in the paper's order, not the minutes'."""

    @pytest.fixture
    def deferred_first(self, shipped: Path) -> Path:
        """The shipped March 2024 minutes with the deferred comment 3.6 recorded before 3.2."""
        path = shipped / "going-straight" / "meetings" / "sscb-2024-03.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        start = lines.index('  - id: "3.6"')
        end = lines.index('  - id: "3.7"')
        block, rest = lines[start:end], lines[:start] + lines[end:]
        at = rest.index('  - id: "3.2"')
        path.write_text("\n".join(rest[:at] + block + rest[at:]), encoding="utf-8")
        return shipped

    @pytest.mark.parametrize("fmt", ["markdown", "html"])
    def test_numbers_ascend(self, deferred_first: Path, tmp_path: Path, fmt: str) -> None:
        out = tmp_path / "log"
        result = run(
            "render", "comments", "going-straight", "--paper", "2024", "--format", fmt,
            "-o", str(out), repo=deferred_first,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        shown = re.findall(r"(?:^\| |<th scope=\"row\">)(\d+(?:\.\d+)?)\b", text, re.M)
        assert shown == ["2", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "5"]

    def test_without_a_paper_the_newest_papers_order(self, deferred_first: Path) -> None:
        """Numbered as the newest version's paper (tester 14, item 4), so in its order too; the
        questions officers put to that paper's meeting go by the paragraphs closing its
        proposal (before, by the minutes' numbers alone, as if the paper did not tell them)."""
        text = run("render", "comments", "going-straight", repo=deferred_first).stdout
        shown = re.findall(r"^\| (\(?\d+(?:\.\d+)?)\b", text, re.M)
        assert shown == ["2", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "5", "12", "13"]
        assert "| 12 (9 in the minutes) | Officers |" in text
