"""What the board documents say of a sentence moved from one statement to another.

The diff's own views say it (``tests/test_diff_views.py``); the documents an
officer sends say it too, numbered as they number paragraphs: the comparison
(``render changes``) beside the tracked change and in its list of what
changed in substance, the amendments register (``diff --format csv``) in its
Also column, and the board paper (``render report``) in the proposal, quoting
the sentence. Each in Markdown, HTML, Word and PDF, through the CLI and the API.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from policypos.changeset import ChangeSet
from policypos.model import Document
from tests.conftest import MakeRepo
from tests.test_amendments import _proposal, _repo, run
from tests.test_diff_views import HOMES, MOVED, PARTNERS, _moved_repo

SENTENCE = (
    "The sentence beginning “A settled home is one of the strongest protections against …”, "
    "formerly in paragraph 2.1, now stands in paragraph 1.1."
)


def _docx_text(repo: Path, tmp_path: Path, *args: str) -> str:
    import docx

    target = tmp_path / f"{args[0]}.docx"
    result = run("render", *args, "--format", "docx", "-o", str(target), repo=repo)
    assert result.exit_code == 0, result.output
    return "\n".join(p.text for p in docx.Document(str(target)).paragraphs)


def _changes(repo: Path, fmt: str = "markdown") -> str:
    result = run("render", "changes", "doc@v1", "doc@v2", "--format", fmt, repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout


def _substantive(markdown: str) -> list[str]:
    return markdown.split("in substance", 1)[1].split("\n\n")[1].splitlines()


class TestComparison:
    """``render changes``: where the words went, beside each tracked change and in the list."""

    def test_markdown(self, make_repo: MakeRepo) -> None:
        out = _changes(_moved_repo(make_repo))
        # Only moved, neither was reworded: the list does not say so.
        assert _substantive(out) == [
            "- 1.1: text moved from paragraph 2.1.",
            "- 2.1: text moved to paragraph 1.1.",
        ]
        assert "*(text moved from paragraph 2.1)*" in out
        assert "*(text moved to paragraph 1.1)*" in out

    def test_html(self, make_repo: MakeRepo) -> None:
        out = _changes(_moved_repo(make_repo), "html")
        assert '<a href="#st-acc-1">2.1</a>: text moved to paragraph 1.1.' in out
        assert "(text moved from paragraph 2.1)" in out

    def test_word(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        text = _docx_text(_moved_repo(make_repo), tmp_path, "changes", "doc@v1", "doc@v2")
        assert "2.1: text moved to paragraph 1.1." in text
        assert "(text moved from paragraph 2.1)" in text

    def test_api(self, make_repo: MakeRepo) -> None:
        from policypos import documents

        document, changes = _opened(_moved_repo(make_repo))
        doc = documents.comparison(document, changes)
        said = {p.number: (p.moves, p.moved_only, p.substance()) for p in doc.substantive}
        assert said == {
            "1.1": (("text moved from paragraph 2.1",), True, "text moved from paragraph 2.1"),
            "2.1": (("text moved to paragraph 1.1",), True, "text moved to paragraph 1.1"),
        }

    def test_a_change_set_holding_one_end_says_nothing_of_the_move(
        self, make_repo: MakeRepo
    ) -> None:
        """A change set cut down (to one significance, one section) may lose a move's other end."""
        import attrs

        from policypos import documents
        from policypos.diff import text_moves

        document, changes = _opened(_moved_repo(make_repo))
        general = [s for s in changes.sections if s.id == "general"]
        cut = attrs.evolve(changes, sections=tuple(general))
        moves = text_moves(cut)
        (gen,) = cut.statements()
        assert gen.text_moved_from == ("acc-1",)  # the record still names it ...
        assert moves.moved(gen) == []  # ... but there is no text to quote
        # The versions still number the other end, so the comparison names it.
        doc = documents.comparison(document, cut)
        assert [p.moves for p in doc.substantive] == [("text moved from paragraph 2.1",)]

    def test_reworded_besides_is_still_reworded(self, make_repo: MakeRepo) -> None:
        """A paragraph that lost a sentence and was reworded as well says both."""
        out = _changes(_reworded_besides(make_repo))
        assert _substantive(out) == [
            "- 1.1: text moved from paragraph 2.1.",
            "- 2.1: reworded; text moved to paragraph 1.1.",
        ]


class TestRegister:
    """``diff --format csv``: the Also column says where the words went."""

    def test_cli_and_api(self, make_repo: MakeRepo) -> None:
        from policypos import views

        repo = _moved_repo(make_repo)
        result = run("diff", "doc@v1", "doc@v2", "--format", "csv", repo=repo)
        assert result.exit_code == 0, result.output
        document, changes = _opened(repo)
        for text in (result.stdout, views.amendments_csv(changes, document)):
            rows = {r[1]: r for r in csv.reader(io.StringIO(text))}
            assert rows["Paragraph"][4] == "Also"
            assert rows["1.1"][4] == "text moved from paragraph 2.1"
            assert rows["2.1"][4] == "text moved to paragraph 1.1"


class TestBoardPaper:
    """``render report``: the proposal quotes the sentence and says where it now stands."""

    def test_markdown_says_it_in_both_sections(self, make_repo: MakeRepo) -> None:
        out = _proposal(_moved_repo(make_repo))
        assert f"The General section has been revised. {SENTENCE} **To be written" in out
        assert f"The Homes section has been revised. {SENTENCE} **To be written" in out
        # Neither paragraph was reworded: the move is all that happened.
        assert "reworded" not in out

    def test_html(self, make_repo: MakeRepo) -> None:
        result = run(
            "render", "report", "doc@v1", "doc@v2", "--format", "html", repo=_moved_repo(make_repo)
        )
        assert result.exit_code == 0, result.output
        assert SENTENCE in result.stdout

    def test_word(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        text = _docx_text(_moved_repo(make_repo), tmp_path, "report", "doc@v1", "doc@v2")
        assert SENTENCE in text

    def test_pdf(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed")
        target = tmp_path / "paper.pdf"
        result = run(
            "render", "report", "doc@v1", "doc@v2", "--format", "pdf", "-o", str(target),
            repo=_moved_repo(make_repo),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "formerly in paragraph 2.1, now stands in paragraph 1.1." in " ".join(text.split())

    def test_api(self, make_repo: MakeRepo) -> None:
        from policypos import documents

        document, changes = _opened(_moved_repo(make_repo))
        paper = documents.board_paper(document, changes)
        assert [SENTENCE in n.text for n in paper.proposal] == [False, True, True]
        assert all(not n.amendments for n in paper.proposal)

    def test_reworded_besides_is_still_reworded(self, make_repo: MakeRepo) -> None:
        out = _proposal(_reworded_besides(make_repo))
        assert f"The Homes section has been revised. {SENTENCE} Paragraph 2.1 has been " in out
        assert "Paragraph 1.1 has been reworded" not in out

    def test_one_section_says_it_once(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", PARTNERS), ("h-2", f"{MOVED} {HOMES}")])],
            [("hs", "Housing", [("h-1", f"{PARTNERS} {MOVED}"), ("h-2", HOMES)])],
        )
        out = _proposal(repo)
        assert out.count("now stands in paragraph 1.1") == 1, out
        assert "formerly in paragraph 1.2, now stands in paragraph 1.1." in out

    def test_renumbered_paragraph_is_named_by_both_numbers(self, make_repo: MakeRepo) -> None:
        """The paragraph the sentence left is 2.2 now: its old number alone would mislead."""
        repo = _repo(
            make_repo,
            [
                ("general", "General", [("gen-1", PARTNERS)]),
                ("acc", "Homes", [("acc-1", f"{MOVED} {HOMES}")]),
            ],
            [
                ("general", "General", [("gen-1", f"{PARTNERS} {MOVED}")]),
                ("acc", "Homes", [("acc-0", "Councils should keep a register."), ("acc-1", HOMES)]),
            ],
        )
        out = _proposal(repo)
        assert "formerly in paragraph 2.1 (now 2.2), now stands in paragraph 1.1." in out
        assert "- 2.2: text moved to paragraph 1.1." in _substantive(_changes(repo))

    def test_words_not_a_sentence(self, make_repo: MakeRepo) -> None:
        """A clause moved is quoted as words, whole when short enough."""
        clause = "with probation and the police in every part of the country"
        repo = _repo(
            make_repo,
            [
                ("general", "General", [("gen-1", "Councils should work together.")]),
                ("acc", "Homes", [("acc-1", f"Councils should build homes {clause}.")]),
            ],
            [
                ("general", "General", [("gen-1", f"Councils should work together {clause}.")]),
                ("acc", "Homes", [("acc-1", "Councils should build homes.")]),
            ],
        )
        out = _proposal(repo)
        assert (
            "The words “with probation and the police in every part of the …”, formerly in "
            "paragraph 2.1, now stand in paragraph 1.1." in out
        ), out


class TestCountedByTheMove:
    """A paragraph changed only by the move is counted and described by it, never reworded.

    In the comparison's opening line and section lines (every format), the
    register's What it means column, and the diff's Markdown and text views.
    """

    OVERVIEW = (
        "Version v2 compared with version v1, paragraph by paragraph: 1 with text moved out, "
        "1 with text moved in, 0 unchanged."
    )

    def test_comparison_markdown(self, make_repo: MakeRepo) -> None:
        out = _changes(_moved_repo(make_repo))
        assert self.OVERVIEW in out
        assert "*Paragraphs: 1 with text moved in.*" in out
        assert "*Paragraphs: 1 with text moved out.*" in out
        assert "reworded" not in out

    def test_comparison_html(self, make_repo: MakeRepo) -> None:
        out = _changes(_moved_repo(make_repo), "html")
        assert self.OVERVIEW in out
        assert "Paragraphs: 1 with text moved in." in out
        assert "Paragraphs: 1 with text moved out." in out
        assert "reworded" not in out

    def test_comparison_word(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        text = _docx_text(_moved_repo(make_repo), tmp_path, "changes", "doc@v1", "doc@v2")
        assert self.OVERVIEW in text
        assert "Paragraphs: 1 with text moved in." in text
        assert "Paragraphs: 1 with text moved out." in text
        assert "reworded" not in text

    def test_reworded_besides_is_counted_reworded(self, make_repo: MakeRepo) -> None:
        out = _changes(_reworded_besides(make_repo))
        assert "paragraph by paragraph: 1 reworded, 1 with text moved in, 0 unchanged." in out
        assert "*Paragraphs: 1 reworded.*" in out

    def test_register_what_it_means(self, make_repo: MakeRepo) -> None:
        result = run("diff", "doc@v1", "doc@v2", "--format", "csv", repo=_moved_repo(make_repo))
        rows = {r[1]: r for r in csv.reader(io.StringIO(result.stdout))}
        assert rows["Paragraph"][9] == "What it means"
        assert rows["1.1"][9] == "text moved from paragraph 2.1"
        assert rows["2.1"][9] == "text moved to paragraph 1.1"
        besides = run(
            "diff", "doc@v1", "doc@v2", "--format", "csv", repo=_reworded_besides(make_repo)
        )
        rows = {r[1]: r for r in csv.reader(io.StringIO(besides.stdout))}
        assert (rows["1.1"][9], rows["2.1"][9]) == ("text moved from paragraph 2.1", "reworded")

    def test_diff_markdown_counts(self, make_repo: MakeRepo) -> None:
        result = run(
            "diff", "doc@v1", "doc@v2", "--format", "markdown", repo=_moved_repo(make_repo)
        )
        assert "statements: 1 with text moved out, 1 with text moved in." in result.stdout
        assert "**1. General** has been revised: 1 with text moved in." in result.stdout
        assert "**2. Homes** has been revised: 1 with text moved out." in result.stdout
        assert "reworded" not in result.stdout

    def test_diff_text_view(self, make_repo: MakeRepo) -> None:
        out = run("diff", "doc@v1", "doc@v2", repo=_moved_repo(make_repo)).stdout
        assert "  ~ gen-1 (text moved from acc-1)  " in out
        assert "  ~ acc-1 (text moved to gen-1)  " in out
        # The summary line counts FORMAT.md's kinds, which say nothing of rewording.
        assert out.rstrip().endswith("statements: 2 modified")
        assert "reworded" not in out

    def test_json_keeps_its_counts_and_adds_an_optional_flag(self, make_repo: MakeRepo) -> None:
        import json

        result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=_moved_repo(make_repo))
        data = json.loads(result.stdout)
        assert data["summary"]["statements"] == {
            "added": 0, "removed": 0, "modified": 2, "unchanged": 0, "moved": 0, "reordered": 0
        }  # fmt: skip
        flags = {
            st["id"]: st.get("text_moved_only")
            for section in data["sections"]
            for st in section["statements"]
        }
        assert flags == {"gen-1": True, "acc-1": True}
        besides = run(
            "diff", "doc@v1", "doc@v2", "--format", "json", repo=_reworded_besides(make_repo)
        )
        flags = {
            st["id"]: st.get("text_moved_only")
            for section in json.loads(besides.stdout)["sections"]
            for st in section["statements"]
        }
        assert flags == {"gen-1": True, "acc-1": None}

    def test_history_says_what_it_means(self, make_repo: MakeRepo) -> None:
        result = run(
            "history", "doc@v2", "acc-1", "--format", "markdown", repo=_moved_repo(make_repo)
        )
        assert "*What it means: text moved to gen-1.*" in result.stdout

    def test_api(self, make_repo: MakeRepo) -> None:
        from policypos import Counted

        _, changes = _opened(_moved_repo(make_repo))
        counted = {st.id: (st.counted, st.text_moved_only) for st in changes.statements()}
        assert counted == {
            "gen-1": (Counted.TEXT_MOVED_IN, True),
            "acc-1": (Counted.TEXT_MOVED_OUT, True),
        }


def _reworded_besides(make_repo: MakeRepo) -> Path:
    """As :func:`_moved_repo`, and acc-1 (2.1) reworded besides: "many more" now "more"."""
    return _repo(
        make_repo,
        [
            ("general", "General", [("gen-1", PARTNERS)]),
            ("acc", "Homes", [("acc-1", f"{MOVED} {HOMES}")]),
        ],
        [
            ("general", "General", [("gen-1", f"{PARTNERS} {MOVED}")]),
            ("acc", "Homes", [("acc-1", HOMES.replace("many more", "more"))]),
        ],
    )


def _opened(repo: Path) -> tuple[Document, ChangeSet]:
    from policypos.diff import diff
    from policypos.validate import open_checked

    document = open_checked(repo).repository.document("doc")
    return document, diff(document.version("v1"), document.version("v2"), document)
