"""The board paper for a new statement: `render report NEW` where nothing came before NEW."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos import documents, render
from policypos.cli import cli
from tests.conftest import SHIPPED, MakeRepo
from tests.golden import assert_golden

BOARD = "Safer and Stronger Communities Board"


def run(*args: str, repo: Path = SHIPPED) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


@pytest.fixture
def brand_new(make_repo: MakeRepo) -> Path:
    """A document whose only version is a draft, asked for at a meeting that reviewed nothing."""
    root = make_repo(
        {
            "youth/document.yaml": (
                "id: youth\n"
                "title: Youth diversion\n"
                "organisation: Local Government Association\n"
                f"owner: {BOARD}\n"
            ),
            "youth/versions/2025.yaml": (
                'version: "2025"\n'
                "date: 2025-02-01\n"
                "status: draft\n"
                "sections:\n"
                "  - id: early-help\n"
                "    title: Early help\n"
                "    statements:\n"
                "      - id: eh-1\n"
                "        text: Councils should offer help before a first offence.\n"
                '        addresses: ["sscb-2024-11/1"]\n'
                "      - id: eh-2\n"
                "        text: Government should fund diversion for five years at a time.\n"
                "  - id: courts\n"
                "    title: Courts\n"
                "    statements:\n"
                "      - id: ct-1\n"
                "        kind: ask\n"
                "        text: Courts should hear from youth offending teams first.\n"
            ),
            "youth/meetings/sscb-2024-11.yaml": (
                "meeting:\n"
                "  id: sscb-2024-11\n"
                f"  body: {BOARD}\n"
                "  date: 2024-11-20\n"
                "  item: Youth justice\n"
                "comments:\n"
                '  - id: "1"\n'
                "    kind: recommendation\n"
                "    text: Officers should draft positions on youth diversion.\n"
                "    disposition: addressed\n"
                '  - id: "2"\n'
                "    kind: question\n"
                "    text: Should the positions cover courts?\n"
                "    disposition: answered\n"
                "    response: Yes, in a section of their own.\n"
            ),
        },
        document=None,
    )
    assert run("validate", "--strict", repo=root).exit_code == 0
    return root


class TestShipped:
    """going-straight@2005 has nothing before it: its paper proposes it as a new statement."""

    def test_golden(self, update_goldens: bool) -> None:
        """The Markdown paper, pinned (rewritten by --update-goldens)."""
        result = run("render", "report", "going-straight@2005")
        assert result.exit_code == 0, result.stderr
        assert_golden("report-going-straight-2005.md", result.stdout, update_goldens)

    def test_says_the_whole_statement_is_new(self) -> None:
        """No revision words; every section listed, each a paragraph of its own, numbered."""
        out = run("render", "report", "going-straight@2005").stdout
        assert "It is a new statement with no earlier version, so all of it is new." in out
        assert (
            "Its 4 sections are “Education and employment”, “Accommodation”, "
            "“Drugs and alcohol” and “Family support”."
        ) in out
        assert "**3.** Section 1, Education and employment (paragraphs 1.1 to 1.4), is new." in out
        assert "- (a) Endorse the new statement in Annex 1." in out
        for revision_word in ("revised", "revising", "amended", "unchanged", "has been removed"):
            assert revision_word not in out

    def test_no_meeting_after_it_came_into_force(self) -> None:
        """The 2024 review of 2005 came after 2005 was in force: the paper does not report on it."""
        out = run("render", "report", "going-straight@2005").stdout
        assert "14 March 2024" not in out
        assert (
            f"**To be written: background (why the {BOARD} needs this statement; no meeting "
            "has discussed it yet)**"
        ) in out

    @pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
    def test_every_format(self, tmp_path: Path, fmt: str) -> None:
        """HTML, Word and PDF say the same: new statement, sections listed, the annex."""
        target = tmp_path / f"paper.{fmt}"
        if fmt == "pdf":
            pytest.importorskip("weasyprint", reason="weasyprint is not installed")
            if shutil.which("pdftotext") is None:
                pytest.skip("pdftotext is not installed")
        result = run("render", "report", "going-straight@2005", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        if fmt == "html":
            text = target.read_text()
        elif fmt == "docx":
            import docx

            text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        else:
            text = subprocess.run(
                ["pdftotext", "-layout", str(target), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        flat = " ".join(text.split())
        assert "It is a new statement with no earlier version, so all of it is new." in flat
        assert "Section 4, Family support (paragraphs 4.1 to 4.4), is new." in flat
        assert "Endorse the new statement in Annex 1." in flat

    def test_api_gives_what_the_cli_writes(self) -> None:
        """render_report with a Version is the CLI's paper; board_paper's records, new words."""
        document = policypos.open_repository(SHIPPED).document("going-straight")
        version = document.version("2005")
        text = render.render_report(document, version)
        assert text == run("render", "report", "going-straight@2005").stdout
        paper = documents.new_statement_paper(document, version)
        assert [n.number for n in paper.proposal] == ["2", "3", "4", "5", "6"]
        assert paper.annex.version == "2005"
        assert not paper.background[0].written

    def test_changes_still_needs_an_earlier_version(self) -> None:
        """Only the paper has a form for a first version; the comparison has nothing to compare."""
        result = run("render", "changes", "going-straight@2005")
        assert result.exit_code == 2
        assert "has no earlier version to compare with" in result.stderr

    def test_a_revision_is_still_a_revision(self) -> None:
        """2024 alone is still compared with 2005, its based_on."""
        alone = run("render", "report", "going-straight@2024").stdout
        assert "It is version 2024 of Going Straight: reducing re-offending, revising" in alone


class TestBrandNew:
    """A policy with no statement before it, from draft to paper, without hand-edited YAML."""

    def test_proposed_paper_reports_the_meeting_that_asked_for_it(self, brand_new: Path) -> None:
        """Background from the meeting that reviewed nothing; answers cited; meeting and date."""
        proposed = run(
            "propose", "youth@2025", "--meeting", "sscb-2025-03", "--body", BOARD,
            "--date", "2025-03-13", "--item", "Youth diversion: a new statement",
            repo=brand_new,
        )  # fmt: skip
        assert proposed.exit_code == 0, proposed.output
        out = run("render", "report", "youth@2025", repo=brand_new).stdout
        assert out.startswith(f"# Youth diversion: a new statement\n\n{BOARD}, 13 March 2025\n")
        assert (
            f"At its meeting on 20 November 2024 the {BOARD} discussed Youth diversion, "
            "made 1 recommendation and considered 1 question. This paper brings a new "
            "statement (Annex 1), which answers it."
        ) in out
        assert f"**1.** At its meeting on 20 November 2024 the {BOARD} considered" in out
        assert "Members asked: Should the positions cover courts? Yes, in a section" in out
        assert (
            "Section 1, Early help (paragraphs 1.1 and 1.2), is new. It answers "
            "recommendation 1. **To be written: why the statement needs the Early help section.**"
        ) in out
        assert "Section 2, Courts (paragraph 2.1), is new." in out
        assert f"Proposed: for the {BOARD}, 13 March 2025." in out

    def test_officers_parts_from_the_report_file(self, brand_new: Path) -> None:
        """reports/2025.yaml: background first, a section's reason in place of the marker."""
        (brand_new / "youth/reports").mkdir()
        (brand_new / "youth/reports/2025.yaml").write_text(
            "annex: Annex A\n"
            "background: Youth diversion has no LGA position yet.\n"
            "next_steps: Officers will consult youth offending teams.\n"
            "reasons:\n"
            "  courts: Members asked for it.\n"
        )
        out = run("render", "report", "youth@2025", repo=brand_new).stdout
        assert "**1.** Youth diversion has no LGA position yet.\n" in out
        assert "**2.** At its meeting on 20 November 2024" in out
        assert "Section 2, Courts (paragraph 2.1), is new. Members asked for it.\n" in out
        assert "- (a) Endorse the new statement in Annex A." in out
        assert "Officers will consult youth offending teams.\n" in out

    def test_open_questions_ask_for_direction(self, brand_new: Path) -> None:
        """A question still open where the subject was discussed: (b) and 2 steps point at it.

        The background tells it, once: the proposal does not put it again.
        """
        meeting = brand_new / "youth/meetings/sscb-2024-11.yaml"
        meeting.write_text(
            meeting.read_text().replace(
                "    disposition: answered\n    response: Yes, in a section of their own.\n",
                "    disposition: open\n",
            )
        )
        out = run("render", "report", "youth@2025", repo=brand_new).stdout
        assert "**2.** Members asked: Should the positions cover courts?\n" in out
        assert out.count("Should the positions cover courts?") == 1
        assert "- (b) Direct officers on the issues in paragraph 2." in out
        assert "**10.2** consider whether further officer work is needed on the questions in " \
            "paragraph 2." in out  # fmt: skip

    def test_meetings_after_the_paper_are_left_out(self, brand_new: Path) -> None:
        """A meeting after the one the paper goes to is not in its background."""
        policypos.apply_edit(
            policypos.propose(
                brand_new, "youth", "2025", "sscb-2025-03", body=BOARD, date=dt.date(2025, 3, 13)
            )
        )
        policypos.apply_edit(
            policypos.add_comment(
                brand_new, "youth", "sscb-2025-09", "1", "Later.",
                body=BOARD, date=dt.date(2025, 9, 1),
            )
        )  # fmt: skip
        out = run("render", "report", "youth@2025", repo=brand_new).stdout
        assert "1 September 2025" not in out
        assert "20 November 2024" in out

    def test_html_escapes_section_titles(self, brand_new: Path) -> None:
        """A section title the proposal names is escaped like all user text."""
        path = brand_new / "youth/versions/2025.yaml"
        path.write_text(
            path.read_text().replace("title: Courts", 'title: "Courts <script>x</script>"')
        )
        out = run("render", "report", "youth@2025", "--format", "html", repo=brand_new).stdout
        assert "<script>x" not in out
        assert "Section 2, Courts &lt;script&gt;x&lt;/script&gt; (paragraph 2.1), is new." in out
