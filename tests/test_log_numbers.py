"""No two comments in one pack share a number (the comment log, the comparison, the paper).

A paper numbers the comments it lists (``2.1``, ``2.2``, ``3``); a comment it
does not list (one an earlier version answered already, one of a meeting it
does not report on) went by the minutes' id, which may be a number the paper
gives another comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MakeRepo
from tests.test_amendments import run
from tests.test_paper_cycles import _meeting, _version

# The minutes number their comments 2.1 to 2.6, as the paper's second paragraph would.
MARCH = [
    ("2.1", "comment", "addressed"),
    ("2.2", "comment", "addressed"),
    ("2.3", "comment", "addressed"),
    ("2.4", "comment", "addressed"),
    ("2.5", "comment", "rejected"),
    ("2.6", "comment", "deferred"),
    # A question the July paper told; the 2026 paper does not, but v3 answers it.
    ("5.1", "question", "answered"),
]
# The meeting v2 went to numbers its comments 1 to 6, as the paper numbers paragraphs.
JULY = [(str(k), "comment", "open") for k in range(1, 7)]


def _files() -> dict[str, str | bytes]:
    return {
        "doc/versions/v1.yaml": _version("v1", "2025-01-01", "superseded", []),
        "doc/versions/v2.yaml": _version(
            "v2", "2025-06-01", "superseded", ["m1/2.1", "m1/2.2"], based_on='"v1"', meeting="m2"
        ),
        "doc/versions/v3.yaml": _version(
            "v3", "2026-01-01", "draft", ["m1/2.1", "m1/2.3", "m1/2.4", "m1/5.1"], based_on='"v2"'
        ),
        "doc/meetings/m1.yaml": _meeting("m1", "2025-03-12", "v1", MARCH),
        "doc/meetings/m2.yaml": _meeting("m2", "2025-07-09", "v2", JULY),
    }


@pytest.fixture
def clashing(make_repo: MakeRepo) -> Path:
    return make_repo(_files())


def _ok(*args: str, repo: Path) -> str:
    result = run(*args, repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout


def _rows(log: str) -> list[str]:
    """The No. cell of each row of a Markdown comment log."""
    return [line.split(" | ")[0].removeprefix("| ") for line in log.splitlines() if _row(line)]


def _row(line: str) -> bool:
    return line.startswith("| ") and not line.startswith(("| No.", "| ---"))


def _bare(numbers: list[str]) -> list[str]:
    """The paper's numbers among a log's: each one's first word, unless it is the minutes'."""
    return [n.split(" ")[0] for n in numbers if not n.startswith(("(", "recommendation"))]


class TestTheLog:
    """``render comments``: a number stands for one comment, in every format."""

    @pytest.mark.parametrize("paper", [(), ("--paper", "v3")])
    def test_no_number_twice(self, clashing: Path, paper: tuple[str, ...]) -> None:
        log = _ok("render", "comments", "doc", *paper, repo=clashing)
        numbers = _rows(log)
        assert "2.1 (2.3 in the minutes)" in numbers
        # Before, "2.1": the number the paper gives comment 2.3.
        assert "(2.1 in the minutes)" in numbers
        assert "(5.1 in the minutes)" in numbers
        assert "5.1 (1 in the minutes)" in numbers
        assert len(set(numbers)) == len(numbers)
        assert len(set(_bare(numbers))) == len(_bare(numbers))
        assert "has the minutes' number alone, in brackets" in log

    def test_html(self, clashing: Path) -> None:
        html = _ok("render", "comments", "doc", "--format", "html", repo=clashing)
        assert '<th scope="row">(2.1 in the minutes)</th>' in html
        assert '<th scope="row">2.1 (2.3 in the minutes)</th>' in html
        assert '<th scope="row">2.1</th>' not in html

    def test_word(self, clashing: Path, tmp_path: Path) -> None:
        import docx

        out = tmp_path / "log.docx"
        _ok("render", "comments", "doc", "--format", "docx", "-o", str(out), repo=clashing)
        cells = [row.cells[0].text for t in docx.Document(str(out)).tables for row in t.rows]
        assert "(2.1 in the minutes)" in cells
        assert "2.1 (2.3 in the minutes)" in cells
        assert "2.1" not in cells

    def test_pdf(self, clashing: Path, tmp_path: Path) -> None:
        import shutil
        import subprocess

        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed (poppler-utils)")
        out = tmp_path / "log.pdf"
        _ok("render", "comments", "doc", "--format", "pdf", "-o", str(out), repo=clashing)
        text = subprocess.run(
            ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        # The number cell wraps: "(2.1 in the" / "minutes)".
        assert "(2.1 in" in " ".join(text.split())

    def test_without_a_paper_nothing_is_marked(self, clashing: Path) -> None:
        """The library's log without ``numbers``: the minutes' ids alone, no other to clash."""
        import policypos
        from policypos import documents

        doc = policypos.open_repository(clashing).document("doc")
        log = documents.comment_log(doc, meeting="m1")
        assert [c.label.logged for c in log.meetings[0].comments][:2] == ["2.1", "2.2"]
        assert {c.label.listed for c in log.meetings[0].comments} == {None}


class TestThePack:
    """The comparison and the paper never cite an unlisted comment by a number of the paper."""

    def test_comparison(self, clashing: Path) -> None:
        changes = _ok("render", "changes", "doc", repo=clashing)
        answers, carried = changes.split("Still answered, as in version v2:")
        assert "- comment 2.1, Housing Board, 12 March 2025" in answers
        assert "- question 5.1 in the minutes, Housing Board, 12 March 2025" in answers
        # Comment 2.1 of the minutes, which the paper does not list: not the paper's 2.1.
        assert (
            "- comment 2.1 in the minutes, Housing Board, 12 March 2025" in carried.split("##")[0]
        )

    def test_paper(self, clashing: Path) -> None:
        paper = _ok("render", "report", "doc", repo=clashing)
        assert "**5.1** Remark 1 of m2." in paper
        said = "It answers members' comments 2.1 and 2.2 and question 5.1 in the minutes (12 March"
        assert said in paper

    def test_api(self, clashing: Path) -> None:
        import policypos
        from policypos import documents

        doc = policypos.open_repository(clashing).document("doc")
        changes = policypos.diff(doc.version("v2"), doc.version("v3"), doc)
        numbers = documents.paper_numbers(doc, changes)
        compared = documents.comparison(doc, changes, numbers=numbers)
        cited = [str(label) for label in (*compared.answered, *compared.carried)]
        assert len(set(cited)) == len(cited) == 4
        carried = compared.carried[0]
        assert (carried.number, carried.own, carried.listed) == ("2.1", "2.1", False)
        assert carried.logged == "(2.1 in the minutes)"


RECOMMENDATIONS = """\
meeting:
  id: m1
  body: Housing Board
  date: 2025-03-12
reviews: "v1"
comments:
  - id: "1"
    kind: comment
    text: Remark 1.
    disposition: addressed
  - id: "2"
    kind: comment
    text: Remark 2.
    disposition: deferred
    response: Later.
  - id: "2.1"
    kind: recommendation
    by: Housing Scrutiny Committee
    text: Recommendation 2.1.
    disposition: accepted
    response: Done.
"""


def test_a_recommendation_is_named_as_the_paper_names_it(make_repo: MakeRepo) -> None:
    """Its own number is the paper's too ("recommendation 2.1"), but never a bare 2.1."""
    repo = make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2025-01-01", "superseded", []),
            "doc/versions/v2.yaml": _version(
                "v2", "2025-06-01", "draft", ["m1/1", "m1/2.1"], based_on='"v1"'
            ),
            "doc/meetings/m1.yaml": RECOMMENDATIONS,
        }
    )
    paper = _ok("render", "report", "doc", repo=repo)
    assert "**2.1** Remark 1." in paper
    assert "It answers members' comment 2.1 and recommendation 2.1." in paper
    numbers = _rows(_ok("render", "comments", "doc", repo=repo))
    # The paper orders it among its comments (2.2) but numbers it not: it comes last.
    assert numbers == ["2.1 (1 in the minutes)", "3 (2 in the minutes)", "recommendation 2.1"]


# --- the property: whatever the minutes call them, a pack's numbers are unique ------------

# Minutes' ids that a paper's numbers can take (1, 2.1, 3 ...), so that clashes are likely.
_IDS = ["1", "2", "3", "4", "5", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1"]
# (kind, disposition, cited by): what each comment can be and still make a valid record.
_FATES = [
    ("comment", "addressed", "v2"),
    ("comment", "addressed", "v3"),
    ("comment", "addressed", "both"),
    ("comment", "deferred", ""),
    ("comment", "rejected", ""),
    ("comment", "open", ""),
    ("question", "answered", ""),
    ("question", "answered", "v3"),
    ("question", "open", ""),
]


def _minutes(max_size: int) -> st.SearchStrategy[list[tuple[str, tuple[str, str, str]]]]:
    return st.lists(
        st.tuples(st.sampled_from(_IDS), st.sampled_from(_FATES)),
        max_size=max_size,
        unique_by=lambda c: c[0],
    )


def _cites(meeting: str, comments: list[tuple[str, tuple[str, str, str]]], v: str) -> list[str]:
    return [f"{meeting}/{cid}" for cid, (_, _, by) in comments if by in (v, "both")]


@settings(max_examples=40)
@given(
    march=_minutes(7),
    july=_minutes(5).map(lambda cs: [(c, f) for c, f in cs if "v2" not in f[2] and f[2] != "both"]),
)
def test_no_number_stands_for_two_comments(
    march: list[tuple[str, tuple[str, str, str]]], july: list[tuple[str, tuple[str, str, str]]]
) -> None:
    """The log (every meeting, numbered as the newest paper), and the comparison sent with that
    paper: a bare number is the paper's and names one comment; a cite names one comment."""
    import tempfile

    import policypos
    from policypos import documents
    from policypos.validate import check
    from tests.conftest import DOCUMENT

    files = {
        "doc/document.yaml": DOCUMENT,
        "doc/versions/v1.yaml": _version("v1", "2025-01-01", "superseded", []),
        "doc/versions/v2.yaml": _version(
            "v2", "2025-06-01", "superseded", _cites("m1", march, "v2"), based_on='"v1"',
            meeting="m2",
        ),
        "doc/versions/v3.yaml": _version(
            "v3", "2026-01-01", "draft", _cites("m1", march, "v3") + _cites("m2", july, "v3"),
            based_on='"v2"',
        ),
        "doc/meetings/m1.yaml": _meeting("m1", "2025-03-12", "v1", [(c, k, d) for c, (k, d, _) in march]),
        "doc/meetings/m2.yaml": _meeting("m2", "2025-07-09", "v2", [(c, k, d) for c, (k, d, _) in july]),
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for relative, text in files.items():
            path = Path(tmp, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        # A record policypos accepts, so a pack it would write.
        assert not [p for p in check(tmp) if p.is_error]
        doc = policypos.open_repository(Path(tmp)).document("doc")
        changes = policypos.diff(doc.version("v2"), doc.version("v3"), doc)
        numbers = documents.paper_numbers(doc, changes)
        log = documents.comment_log(doc, numbers=numbers, paper="v3")
        compared = documents.comparison(doc, changes, numbers=numbers)
    for meeting in log.meetings:
        shown = [c.label.logged for c in meeting.comments]
        assert len(set(shown)) == len(shown)
    bare = _bare([c.label.logged for m in log.meetings for c in m.comments])
    assert len(set(bare)) == len(bare)
    if numbers:
        assert set(bare) <= set(numbers.values())
    cited = {label.ref: str(label) for label in (*compared.answered, *compared.carried)}
    assert len(set(cited.values())) == len(cited)
