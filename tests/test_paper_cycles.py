"""A second cycle's board paper: what the first cycle settled is told as settled.

Comments the old version answered are counted, not listed again as "to take
account of"; a meeting an earlier paper reported on gives only the comments
still to answer (and those deferred), not its questions nor the comments set
aside then; a meeting that endorsed a version is said to have endorsed it;
and the summary counts what this revision answers among the comments still
open. Also the paper's wording: one "and" to a list, one blank line between
Markdown paragraphs. Checked through ``policypos render report``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHIPPED, MakeRepo
from tests.test_amendments import run


def _version(vid: str, date: str, status: str, cites: list[str], **extra: str) -> str:
    lines = [f'version: "{vid}"', f"date: {date}", f"status: {status}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    lines += ["sections:", "  - id: hs", "    title: Housing"]
    if cites:
        lines.append(f"    addresses: [{', '.join(cites)}]")
    lines += [
        "    statements:",
        "      - id: h-1",
        f'        text: "Councils should build homes ({vid})."',
    ]
    return "\n".join(lines) + "\n"


def _meeting(mid: str, date: str, reviews: str, comments: list[tuple[str, str, str]]) -> str:
    lines = ["meeting:", f"  id: {mid}", "  body: Housing Board", f"  date: {date}"]
    lines.append(f'reviews: "{reviews}"')
    if comments:
        lines.append("comments:")
    for cid, kind, disposition in comments:
        lines += [
            f'  - id: "{cid}"',
            f"    kind: {kind}",
            f"    text: Remark {cid} of {mid}.",
            f"    disposition: {disposition}",
        ]
        if kind == "question":
            lines.append("    response: Officers answered it.")
    return "\n".join(lines) + "\n"


@pytest.fixture
def cycles(make_repo: MakeRepo) -> Path:
    """v1 reviewed in March (4 remarks, 1 question); v2 answers two, endorsed in July;
    October reviews v2 (2 remarks); v3 answers one more of March's and both of October's."""
    march = [
        ("1", "comment", "addressed"),
        ("2", "comment", "addressed"),
        ("3", "comment", "addressed"),
        ("4", "comment", "noted"),
        ("5", "question", "answered"),
    ]
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2024-01-01", "superseded", []),
            "doc/versions/v2.yaml": _version(
                "v2", "2024-04-01", "superseded", ["m1/1", "m1/2"], based_on='"v1"', meeting="m2"
            ),
            "doc/versions/v3.yaml": _version(
                "v3",
                "2025-01-01",
                "draft",
                ["m1/1", "m1/2", "m1/3", "m3/1", "m3/2"],
                based_on='"v2"',
            ),
            "doc/meetings/m1.yaml": _meeting("m1", "2024-03-01", "v1", march),
            "doc/meetings/m2.yaml": _meeting("m2", "2024-07-01", "v2", []),
            "doc/meetings/m3.yaml": _meeting(
                "m3",
                "2024-10-01",
                "v2",
                [("1", "comment", "addressed"), ("2", "comment", "addressed")],
            ),
        }
    )


def _paper(repo: Path, version: str = "v3") -> str:
    result = run("render", "report", f"doc@{version}", repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout


def _edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "doc" / name
    path.write_text(path.read_text().replace(old, new))


def _part(paper: str, heading: str, after: str) -> str:
    return paper.split(f"## {heading}\n\n", 1)[1].split(f"## {after}", 1)[0]


class TestSecondCycle:
    """The second cycle's paper does not retell the first as open (B4)."""

    def test_answered_comments_are_counted_not_listed(self, cycles: Path) -> None:
        background = _part(_paper(cycles), "Background", "Proposal")
        assert (
            "**1.** At its meeting on 1 March 2024 the Housing Board considered version v1 of "
            "A document. Version v2, endorsed on 1 July 2024, answered 2 of the comments made "
            "there." in background
        )
        assert "Remark 1 of m1" not in background
        assert "Remark 2 of m1" not in background
        assert "**2.1** Remark 3 of m1." in background

    def test_settled_remarks_and_questions_are_not_retold(self, cycles: Path) -> None:
        background = _part(_paper(cycles), "Background", "Proposal")
        assert "Remark 4 of m1" not in background
        assert "Remark 5 of m1" not in background

    def test_deferred_remarks_are_retold(self, cycles: Path) -> None:
        _edit(cycles, "meetings/m1.yaml", "disposition: noted", "disposition: deferred")
        background = _part(_paper(cycles), "Background", "Proposal")
        assert "Remark 4 of m1" in background
        assert "needs further work or members' direction" in background

    def test_the_endorsing_meeting_endorsed(self, cycles: Path) -> None:
        paper = _paper(cycles)
        assert (
            "At its meeting on 1 July 2024 the Housing Board endorsed version v2 of A document."
            in _part(paper, "Background", "Proposal")
        )
        summary = _part(paper, "Summary", "Recommendations")
        assert "At its meeting on 1 July 2024 it endorsed version v2." in summary
        assert "made no comments" not in summary

    def test_summary_counts_the_comments_still_open(self, cycles: Path) -> None:
        summary = _part(_paper(cycles), "Summary", "Recommendations").split("\n")[0]
        assert summary == (
            "At its meeting on 1 March 2024 the Housing Board reviewed version v1 of A document, "
            "made 4 comments and considered 1 question. Version v2, endorsed on 1 July 2024, "
            "answered 2 of the comments made there. At its meeting on 1 July 2024 it endorsed "
            "version v2. At its meeting on 1 October 2024 it reviewed version v2 and made 2 "
            "comments. This paper brings back the revised statement (Annex 1), which answers 1 "
            "of the other 2 made on 1 March 2024 and 2 of the 2 made on 1 October 2024."
        )

    def test_proposal_cites_the_numbers_the_background_gives(self, cycles: Path) -> None:
        paper = _paper(cycles)
        assert "The section answers members' comments 2.1, 5.1 and 5.2." in _part(
            paper, "Proposal", "Implications"
        )

    def test_first_cycle_paper_lists_everything(self, cycles: Path) -> None:
        """The other direction: the paper that brought v2 tells March in full."""
        paper = _paper(cycles, "v2")
        background = _part(paper, "Background", "Proposal")
        for k in ("1", "2", "3", "4", "5"):
            assert f"Remark {k} of m1" in background
        assert "answered 2 of the comments made there" not in paper
        assert "which answers 2 of the 4 comments." in _part(paper, "Summary", "Recommendations")

    def test_not_yet_endorsed_old_version(self, cycles: Path) -> None:
        """An old version never endorsed answered them all the same, without a date."""
        _edit(cycles, "versions/v2.yaml", "status: superseded", "status: proposed")
        background = _part(_paper(cycles), "Background", "Proposal")
        assert "Version v2 answered 2 of the comments made there." in background
        assert "considered version v2 of A document" in background


class TestWording:
    """One "and" to a list of what a meeting did; one blank line between paragraphs (C5)."""

    @pytest.mark.parametrize(
        ("remarks", "said"),
        [
            (
                [("1", "comment", "open")],
                "reviewed version v1 of A document and made 1 comment.",
            ),
            (
                [("1", "comment", "open"), ("2", "question", "answered")],
                "reviewed version v1 of A document, made 1 comment and considered 1 question.",
            ),
            (
                [
                    ("1", "comment", "open"),
                    ("2", "recommendation", "open"),
                    ("3", "question", "answered"),
                ],
                "reviewed version v1 of A document, made 1 comment and 1 recommendation, and "
                "considered 1 question.",
            ),
            ([], "reviewed version v1 of A document and made no comments."),
        ],
    )
    def test_what_a_meeting_did(
        self, make_repo: MakeRepo, remarks: list[tuple[str, str, str]], said: str
    ) -> None:
        repo = make_repo(
            {
                "doc/versions/v1.yaml": _version("v1", "2024-01-01", "endorsed", []),
                "doc/versions/v2.yaml": _version("v2", "2024-06-01", "draft", [], based_on='"v1"'),
                "doc/meetings/m1.yaml": _meeting("m1", "2024-03-01", "v1", remarks),
            }
        )
        summary = _part(_paper(repo, "v2"), "Summary", "Recommendations")
        assert said in summary

    @pytest.mark.parametrize(
        "args",
        [
            ("report", "going-straight@2024"),
            ("report", "going-straight@2005"),
            ("changes", "going-straight@2005", "going-straight@2024"),
        ],
    )
    def test_no_double_blank_lines_shipped(self, args: tuple[str, ...]) -> None:
        out = run("render", *args, repo=SHIPPED).stdout
        assert "\n\n\n" not in out
        assert out.endswith("\n")

    def test_no_double_blank_lines_two_cycles(self, cycles: Path) -> None:
        for args in (("report", "doc@v3"), ("report", "doc@v2"), ("changes", "doc@v1", "doc@v3")):
            out = run("render", *args, repo=cycles).stdout
            assert "\n\n\n" not in out, args
