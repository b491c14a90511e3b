"""Paragraphs moved between sections, and how every view counts what changed.

A paragraph that moved to another section, even word for word, is news to
both sections: the board paper says where it went and where it came from,
the comparison and the Markdown diff count it as moved out and moved in.
Every view counts each statement once, in the same kinds, so that the counts
add up to the statements of each version; a change of white space alone
(YAML layout) is counted as such and never makes a section "revised".
Checked through ``policypos render report|changes`` and ``policypos diff``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import MakeRepo
from tests.test_amendments import _proposal, _repo, run

Sections = list[tuple[str, str, list[tuple[str, str]]]]

A = "Councils should publish a housing plan every year."
B = "Councils should offer everyone sleeping rough an assessment within 72 hours."
C = "Housing First should be available in every county."
D = "Councils should share data with health partners."
E = "Government must fund temporary accommodation in full."
F = "Councils could consider pooling budgets with health partners."


def _paragraph(proposal: str, section: str) -> str:
    """The proposal paragraph about the section named *section*."""
    found = [p for p in re.split(r"\n\n", proposal) if f"{section} section" in p.split(". ")[0]]
    assert len(found) == 1, (section, proposal)
    return found[0]


class TestPaperSaysWhereParagraphsWent:
    """The board paper says where a moved paragraph went, and where it came from."""

    OLD: ClassVar[Sections] = [
        ("hs", "Housing", [("a", A), ("b", B), ("c", C)]),
        ("pd", "Data", [("d", D)]),
    ]

    def test_moved_unchanged_is_told_on_both_sides(self, make_repo: MakeRepo) -> None:
        new: Sections = [
            ("hs", "Housing", [("a", A), ("c", C)]),
            ("pd", "Data", [("d", D), ("b", B)]),
        ]
        out = _proposal(_repo(make_repo, self.OLD, new))
        assert (
            "Former paragraph 1.2 has moved to section 2, Data (now 2.2); the Housing section "
            "is otherwise unchanged." in _paragraph(out, "Housing")
        )
        data = _paragraph(out, "Data")
        assert "Paragraph 2.2 has moved here from the Housing section, where it was 1.2." in data

    def test_section_only_left_asks_no_reason(self, make_repo: MakeRepo) -> None:
        """A section whose own words are as they were needs no reason: the one it went to does."""
        new: Sections = [
            ("hs", "Housing", [("a", A), ("c", C)]),
            ("pd", "Data", [("d", D), ("b", B)]),
        ]
        out = _proposal(_repo(make_repo, self.OLD, new))
        assert "To be written" not in _paragraph(out, "Housing")
        assert "**To be written: why the Data section changed.**" in _paragraph(out, "Data")

    def test_removed_section_whose_paragraphs_all_moved(self, make_repo: MakeRepo) -> None:
        new: Sections = [("pd", "Data", [("d", D), ("a", A), ("b", B), ("c", C)])]
        out = _proposal(_repo(make_repo, self.OLD, new))
        assert (
            "The Housing section has been removed and its paragraphs have moved to section 1, "
            "Data (now 1.2 to 1.4)." in out
        )
        assert (
            "Paragraphs 1.2 to 1.4 have moved here from the Housing section, where they were "
            "1.1 to 1.3." in out
        )

    def test_removed_section_some_moved(self, make_repo: MakeRepo) -> None:
        """Only those that moved are said to have moved; the section is still removed."""
        new: Sections = [("pd", "Data", [("d", D), ("a", A), ("c", C)])]
        out = _proposal(_repo(make_repo, self.OLD, new))
        housing = _paragraph(out, "Housing")
        assert housing.startswith("**3.** The Housing section has been removed. Former ")
        assert "Former paragraphs 1.1 and 1.3 have moved to section 1, Data (now 1.2 and 1.3)." in (
            housing
        )
        assert "its paragraphs" not in housing

    def test_moved_to_two_sections(self, make_repo: MakeRepo) -> None:
        old: Sections = [*self.OLD, ("ta", "Accommodation", [("e", E)])]
        new: Sections = [
            ("hs", "Housing", [("b", B)]),
            ("pd", "Data", [("d", D), ("a", A)]),
            ("ta", "Accommodation", [("c", C), ("e", E)]),
        ]
        out = _proposal(_repo(make_repo, old, new))
        assert (
            "Former paragraph 1.1 has moved to section 2, Data (now 2.2) and former paragraph 1.3 "
            "to section 3, Accommodation (now 3.1); the Housing section is otherwise unchanged."
        ) in out

    def test_moved_and_reworded_named_once(self, make_repo: MakeRepo) -> None:
        """What the rules found follows the move, without the old place again (B2)."""
        reworded = "Housing First should be available in every county and should not end early."
        new: Sections = [
            ("hs", "Housing", [("a", A), ("b", B)]),
            ("pd", "Data", [("d", D), ("c", reworded)]),
        ]
        data = _paragraph(_proposal(_repo(make_repo, self.OLD, new)), "Data")
        assert "Paragraph 2.2 has moved here from the Housing section, where it was 1.3." in data
        assert data.count("1.3") == 1
        assert "formerly" not in data

    def test_reordered_within_a_section_is_not_a_move(self, make_repo: MakeRepo) -> None:
        new: Sections = [
            ("hs", "Housing", [("c", C), ("a", A), ("b", B)]),
            ("pd", "Data", [("d", D)]),
        ]
        out = _proposal(_repo(make_repo, self.OLD, new))
        assert "moved" not in out
        assert "The Data section remains unchanged." in out

    def test_word_and_html_say_it_too(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        import docx

        new: Sections = [
            ("hs", "Housing", [("a", A), ("c", C)]),
            ("pd", "Data", [("d", D), ("b", B)]),
        ]
        repo = _repo(make_repo, self.OLD, new)
        for fmt in ("docx", "html"):
            target = tmp_path / f"paper.{fmt}"
            args = ("render", "report", "doc@v1", "doc@v2", "--format", fmt, "-o", str(target))
            assert run(*args, repo=repo).exit_code == 0
            if fmt == "docx":
                text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
            else:
                text = target.read_text()
            assert "Former paragraph 1.2 has moved to section 2, Data (now 2.2)" in text
            assert (
                "Paragraph 2.2 has moved here from the Housing section, where it was 1.2." in text
            )


class TestOtherViewsCountMovedOut:
    """The comparison and the Markdown diff count a paragraph moved out, and say where it went."""

    OLD = TestPaperSaysWhereParagraphsWent.OLD

    def test_comparison_section_line(self, make_repo: MakeRepo) -> None:
        new: Sections = [
            ("hs", "Housing", [("a", A), ("c", C)]),
            ("pd", "Data", [("d", D), ("b", B)]),
        ]
        out = run(
            "render", "changes", "doc@v1", "doc@v2", repo=_repo(make_repo, self.OLD, new)
        ).stdout
        assert "*Paragraphs: 1 moved out.*" in out
        assert "*Paragraphs: 1 moved in.*" in out
        assert "*Unchanged.*" not in out

    def test_comparison_removed_section(self, make_repo: MakeRepo) -> None:
        new: Sections = [("pd", "Data", [("d", D), ("a", A), ("b", B), ("c", C)])]
        out = run(
            "render", "changes", "doc@v1", "doc@v2", repo=_repo(make_repo, self.OLD, new)
        ).stdout
        assert (
            "*Section 1 (Housing) has been removed; its paragraphs have moved to section 1, Data "
            "(now 1.2 to 1.4).*" in out
        )

    def test_markdown_diff(self, make_repo: MakeRepo) -> None:
        new: Sections = [
            ("hs", "Housing", [("a", A), ("c", C)]),
            ("pd", "Data", [("d", D), ("b", B)]),
        ]
        repo = _repo(make_repo, self.OLD, new)
        out = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
        # Where the paragraph went and came from, by number and heading, as the annexes read.
        assert (
            "**1. Housing** has been revised: 1 moved out. Former paragraph 1.2 has moved to "
            "section 2, Data (now 2.2)." in out
        )
        assert (
            "**2. Data** has been revised: 1 moved in. Paragraph 2.2 has moved here from the "
            "Housing section, where it was 1.2." in out
        )
        assert "is unchanged" not in out

    def test_markdown_diff_removed_section(self, make_repo: MakeRepo) -> None:
        new: Sections = [("pd", "Data", [("d", D), ("a", A), ("b", B), ("c", C)])]
        repo = _repo(make_repo, self.OLD, new)
        out = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
        assert (
            "**Housing** (formerly section 1) has been removed. Its paragraphs have moved to "
            "section 1, Data (now 1.2 to 1.4)." in out
        )


# --- the counts of every view -------------------------------------------------------

CASES: dict[str, tuple[Sections, Sections]] = {
    "moved unchanged": (
        [("hs", "Housing", [("a", A), ("b", B)]), ("pd", "Data", [("d", D)])],
        [("hs", "Housing", [("a", A)]), ("pd", "Data", [("d", D), ("b", B)])],
    ),
    "moved and reworded": (
        [("hs", "Housing", [("a", A), ("b", B)]), ("pd", "Data", [("d", D)])],
        [("hs", "Housing", [("a", A)]), ("pd", "Data", [("d", D), ("b", B.replace("72", "48"))])],
    ),
    "section removed, paragraphs moved": (
        [("hs", "Housing", [("a", A), ("b", B)]), ("pd", "Data", [("d", D)])],
        [("pd", "Data", [("d", D), ("a", A), ("b", B)])],
    ),
    "added, removed, reworded, reordered": (
        [("hs", "Housing", [("a", A), ("b", B), ("c", C)]), ("pd", "Data", [("d", D), ("e", E)])],
        [
            ("hs", "Housing", [("c", C), ("a", A.replace("every", "each")), ("f", F)]),
            ("pd", "Data", [("d", D)]),
        ],
    ),
    "split and merged": (
        [("hs", "Housing", [("a", f"{A} {B}"), ("c", C), ("d", D)])],
        [("hs", "Housing", [("a", A), ("b", B), ("c", f"{C} {D}")])],
    ),
    "editorial only": (
        [("hs", "Housing", [("a", A), ("e", E)])],
        [("hs", "Housing", [("a", A), ("e", E.replace("must", "MUST"))])],
    ),
}

COMPARISON_WORDS = {
    "reworded": "reworded",
    "edited": "edited",
    "split": "split",
    "merged": "merged",
    "changed in spacing only": "respaced",
    "otherwise changed": "otherwise",
    "added": "added",
    "removed": "removed",
    "unchanged": "unchanged",
}
MARKDOWN_WORDS = {
    **COMPARISON_WORDS,
    "merged with another": "merged",
    "changed in white space only": "respaced",
    "kept as they were": "unchanged",
}


def _read_counts(said: str, words: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    said = said.replace("edited (editorial only)", "edited")
    for n, word in re.findall(r"(\d+) ([a-z ()]+?)(?=,|\.|;| \(|$)", said):
        assert word in words, (word, said)
        counts[words[word]] = counts.get(words[word], 0) + int(n)
    return counts


def _comparison_counts(repo: Path) -> dict[str, int]:
    out = run("render", "changes", "doc@v1", "doc@v2", repo=repo).stdout
    said = out.split("paragraph by paragraph: ", 1)[1].split(". Insertions", 1)[0]
    said = re.sub(r" \(\d+ paragraphs? moved to another section\)", "", said)
    return _read_counts(said.replace("all ", ""), COMPARISON_WORDS)


def _markdown_counts(repo: Path) -> dict[str, int]:
    out = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
    said = out.split("; statements: ", 1)[1].split(".", 1)[0]
    return _read_counts(said, MARKDOWN_WORDS)


def _text_counts(repo: Path) -> dict[str, int]:
    out = run("diff", "doc@v1", "doc@v2", repo=repo).stdout
    said = out.strip().splitlines()[-1].split("statements: ", 1)[1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", said)}


def _sizes(repo: Path) -> tuple[int, int]:
    sizes = []
    for v in ("v1", "v2"):
        shown = json.loads(run("show", f"doc@{v}", "--format", "json", repo=repo).stdout)
        sizes.append(sum(len(s["statements"]) for s in shown["sections"]))
    return sizes[0], sizes[1]


class TestEveryViewCountsAlike:
    """The comparison, the Markdown diff and the text diff count each statement once, alike."""

    @pytest.mark.parametrize("case", list(CASES))
    def test_counts_add_up_to_each_side(self, make_repo: MakeRepo, case: str) -> None:
        repo = _repo(make_repo, *CASES[case])
        old, new = _sizes(repo)
        for counts in (_comparison_counts(repo), _markdown_counts(repo)):
            assert sum(n for k, n in counts.items() if k != "added") == old, (case, counts)
            assert sum(n for k, n in counts.items() if k != "removed") == new, (case, counts)

    @pytest.mark.parametrize("case", list(CASES))
    def test_views_agree(self, make_repo: MakeRepo, case: str) -> None:
        repo = _repo(make_repo, *CASES[case])
        comparison, markdown, text = (
            _comparison_counts(repo),
            _markdown_counts(repo),
            _text_counts(repo),
        )
        # A count of none may be said ("0 unchanged") or not ("0 kept" is left out).
        assert {k: n for k, n in comparison.items() if n} == {
            k: n for k, n in markdown.items() if n
        }, case
        for kind in ("added", "removed", "unchanged"):
            assert comparison.get(kind, 0) == text.get(kind, 0), (case, kind)
        fine = ("reworded", "edited", "split", "merged", "respaced", "otherwise")
        assert sum(comparison.get(k, 0) for k in fine) == text.get("modified", 0), case

    def test_moved_unchanged_is_kept_in_markdown(self, make_repo: MakeRepo) -> None:
        """The tester's case: a statement moved word for word is among those kept as they were."""
        repo = _repo(make_repo, *CASES["moved unchanged"])
        out = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
        assert "statements: 3 kept as they were. Of all of them, 1 moved to another section." in out

    def test_shipped_counts_add_up(self) -> None:
        from tests.conftest import SHIPPED

        out = run(
            "diff",
            "going-straight@2005",
            "going-straight@2024",
            "--format",
            "markdown",
            repo=SHIPPED,
        ).stdout
        assert "statements: 8 reworded, 8 added, 1 removed, 6 kept as they were." in out
        changes = run(
            "render", "changes", "going-straight@2005", "going-straight@2024", repo=SHIPPED
        ).stdout
        assert "paragraph by paragraph: 8 reworded, 8 added, 1 removed, 6 unchanged" in changes


# --- white space alone ---------------------------------------------------------------

FOLDED_V2 = """\
version: "v2"
date: 2024-06-01
status: draft
based_on: "v1"
sections:
  - id: hs
    title: Housing
    statements:
      - id: a
        text: >
          {a}
      - id: b
        text: {b}
  - id: pd
    title: Data
    statements:
      - id: d
        text: {d}
"""


class TestWhiteSpaceOnly:
    """A statement rewritten as a folded block (``text: >``) reads the same: not a revision."""

    OLD: ClassVar[Sections] = [("hs", "Housing", [("a", A), ("b", B)]), ("pd", "Data", [("d", D)])]

    def repo(self, make_repo: MakeRepo, b: str = B, tags: bool = False) -> Path:
        repo = _repo(make_repo, self.OLD, self.OLD)
        v2 = FOLDED_V2.format(a=A, b=json.dumps(b), d=json.dumps(D))
        if tags:
            v2 = v2.replace("        text: >\n", "        tags: [housing]\n        text: >\n")
        (repo / "doc/versions/v2.yaml").write_text(v2)
        return repo

    def test_paper_does_not_say_revised(self, make_repo: MakeRepo) -> None:
        out = _proposal(self.repo(make_repo))
        assert "The wording of the Housing section is unchanged." in out
        assert "revised" not in out
        assert "To be written" not in out

    def test_a_real_rewording_still_revises(self, make_repo: MakeRepo) -> None:
        out = _proposal(self.repo(make_repo, b=B.replace("72", "48")))
        assert "The Housing section has been revised." in out
        assert "from 72 hours to 48 hours" in out
        assert "Paragraph 1.1" not in out  # the re-spaced one is not said to change

    def test_comparison_counts_it_as_spacing(self, make_repo: MakeRepo) -> None:
        out = run("render", "changes", "doc@v1", "doc@v2", repo=self.repo(make_repo)).stdout
        assert "paragraph by paragraph: 1 changed in spacing only, 2 unchanged." in out
        assert "*Wording unchanged.*" in out
        body = out.split("## 1. Housing", 1)[1]
        assert "{++" not in body
        assert "{--" not in body

    def test_spacing_and_tags_are_otherwise_changed(self, make_repo: MakeRepo) -> None:
        out = run(
            "render", "changes", "doc@v1", "doc@v2", repo=self.repo(make_repo, tags=True)
        ).stdout
        assert "paragraph by paragraph: 1 otherwise changed, 2 unchanged." in out

    def test_diff_keeps_its_flag(self, make_repo: MakeRepo) -> None:
        repo = self.repo(make_repo)
        assert "(white space only)" in run("diff", "doc@v1", "doc@v2", repo=repo).stdout
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=repo).stdout)
        flags = [s.get("whitespace_only") for sec in data["sections"] for s in sec["statements"]]
        assert flags.count(True) == 1
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
        assert "**1. Housing** has been revised: 1 changed in white space only." in markdown
