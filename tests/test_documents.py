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
            "**1.4** *(formerly 2.2; now addressed to “Councils, probation and prisons” rather"
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
        assert "**To be written: why the General section changed.**" in out
        assert "**To be written: implications for Wales**" in out


class TestOutput:
    """Where documents go: stdout for text, a file for everything, never binary to a terminal."""

    def test_binary_needs_a_file(self) -> None:
        result = run("render", "annex", "going-straight", "--format", "docx")
        assert (result.exit_code, result.stderr) == (
            2,
            "policypos: error: docx is a binary format: give -o FILE to write it to a file\n",
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
        assert "## 4. {--Drugs and alcohol--} {++Individual support++}" in out
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
        assert "paragraph by paragraph: 2 otherwise changed, 20 unchanged." in out

    def test_background_numbers_comments_as_the_minutes_do(self, shipped: Path) -> None:
        """The background lists comments under their own numbers, as the proposal cites them."""
        for name in ("meetings/sscb-2024-03.yaml", "versions/2024.yaml"):
            path = shipped / "going-straight" / name
            path.write_text(path.read_text().replace('"3.4"', '"7"').replace("/3.4", "/7"))
        out = run("render", "report", "going-straight@2024", repo=shipped).stdout
        assert "**7** Include how neurodiversity affects re-offending" in out
        assert "It answers members' comments 3.2, 3.3, 7." in out

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
            assert f"| {row} | To be written |" in out
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
            "version 2024 of Going Straight: reducing re-offending and made 2 comments. "
            "At its meeting on 10 February 2025 it reviewed version 2025 and made 2 comments. "
            "This paper brings back the revised statement (Annex 1), which answers none of the "
            "2 made on 18 July 2024 and 1 of the 2 made on 10 February 2025."
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
        assert "**1** Say more on housing." in background

    def test_proposal_names_the_meeting_of_each_comment(self, drafted: Path) -> None:
        out = run("render", "report", "going-straight@2025", repo=drafted).stdout
        assert (
            "The Accommodation section has been revised. It answers members' comment 1 "
            "(10 February 2025)." in out
        )

    def test_api_gives_the_same_summary(self, drafted: Path) -> None:
        from policypos import documents
        from policypos.diff import diff
        from policypos.validate import open_checked

        document = open_checked(drafted).repository.document("going-straight")
        old, new = document.version("2024"), document.version("2025")
        paper = documents.board_paper(document, diff(old, new, document))
        assert "which answers none of the 2 made on 18 July 2024" in paper.summary.text

    def test_one_meeting_keeps_its_plain_wording(self) -> None:
        """The shipped paper reports on one meeting: no meeting labels, counts as before."""
        out = run("render", "report", "going-straight@2024").stdout
        assert "It answers members' comments 3.2, 3.3, 3.4." in out
        assert "(14 March 2024)" not in out


# Each of the kinds of control character a document must not pass on as it is.
CONTROLS = "\x1b[2J\x07\x01\x7f\x85\x9b\u202e\u2066\u200f"
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
        assert "\\x9b\\u202e\\u2066\\u200f" in result.stdout

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
