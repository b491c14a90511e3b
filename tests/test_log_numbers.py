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

from tests.conftest import SHIPPED, MakeRepo
from tests.test_amendments import run
from tests.test_paper_cycles import _meeting, _version
from tests.test_paper_questions import sought

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
        # The paper's 2.1, with the minutes' number beside it as the log gives it.
        assert "- comment 2.1 (2.3 in the minutes), Housing Board, 12 March 2025" in answers
        assert "- comment 2.2 (2.4 in the minutes), Housing Board, 12 March 2025" in answers
        assert "- question 5.1 in the minutes, Housing Board, 12 March 2025" in answers
        # Comment 2.1 of the minutes, which the paper does not list: not the paper's 2.1.
        assert (
            "- comment 2.1 in the minutes, Housing Board, 12 March 2025" in carried.split("##")[0]
        )

    def test_paper(self, clashing: Path) -> None:
        paper = _ok("render", "report", "doc", repo=clashing)
        assert "**5.1** Remark 1 of m2." in paper
        said = "The section answers members' comments 2.1 and 2.2 and question 5.1 in the minutes (12 March"
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
    assert "The section answers members' comment 2.1 and recommendation 2.1." in paper
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


# --- a comment the paper tells in a paragraph of its own goes by that paragraph's number ----


def _paragraph_of(paper: str, text: str) -> str:
    """The number of the one paragraph of *paper* (Markdown) that tells *text*."""
    import re

    found = re.findall(rf"^\*\*(\d+(?:\.\d+)*)\.?\*\* [^\n]*{re.escape(text)}", paper, re.M)
    assert len(found) == 1, (text, found)
    return str(found[0])


def _logged_as(log: str, text: str) -> str:
    """The No. cell of the one row of a Markdown comment log whose comment is *text*."""
    found = [line.split(" | ")[0].removeprefix("| ") for line in log.splitlines() if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def test_the_shipped_officers_questions_go_by_paragraphs_12_and_13() -> None:
    """The July 2024 questions close the shipped paper's proposal: its log says 12 and 13."""
    paper = _ok("render", "report", "going-straight", repo=SHIPPED)
    log = _ok("render", "comments", "going-straight", repo=SHIPPED)
    for own, text in (
        ("9", "Is more work needed on drug"),
        ("10", "Should officers research what"),
    ):
        at = _paragraph_of(paper, f"Members' direction is sought: {text}")
        # Before, "(9 in the minutes)": as if the paper did not list it.
        assert _logged_as(log, text) == f"{at} ({own} in the minutes)"
    assert _logged_as(log, "Is more work needed on drug") == "12 (9 in the minutes)"


def test_paper_numbers_give_the_paragraph() -> None:
    import policypos
    from policypos import documents

    straight = policypos.open_repository(SHIPPED).document("going-straight")
    changes = policypos.diff(straight.version("2005"), straight.version("2024"), straight)
    numbers = documents.paper_numbers(straight, changes)
    assert (numbers["sscb-2024-07/9"], numbers["sscb-2024-07/10"]) == ("12", "13")
    assert numbers["sscb-2024-03/3.6"] == "4"
    log = documents.comment_log(straight, numbers=numbers, paper="2024")
    july = log.meetings[1].comments
    assert [(c.label.logged, c.label.listed) for c in july] == [
        ("12 (9 in the minutes)", True),
        ("13 (10 in the minutes)", True),
    ]


BOARD = "Safer and Stronger Communities Board"

EARLIER = f"""\
meeting:
  id: sscb-2025-01
  body: {BOARD}
  date: 2025-01-15
reviews: "2024"
comments:
  - id: "1"
    kind: comment
    by: Board members
    text: Say more about housing.
    disposition: addressed
  - id: "2"
    kind: question
    by: Officers
    text: Should the Board write to the minister?
    disposition: open
  - id: "3"
    kind: question
    by: Cllr Patel
    text: How many councils run a diversion scheme?
    disposition: answered
    response: Officers found twelve.
  - id: "4"
    kind: comment
    by: Board members
    text: Look at how Scotland funds diversion.
    disposition: deferred
    response: Officers will cost it first.
  - id: "5"
    kind: comment
    by: Board members
    text: Drop the section on hostels.
    disposition: rejected
    response: Hostels are still needed.
  - id: "6"
    kind: comment
    by: Board members
    text: Leave employment to the districts.
    disposition: referred
    referred_to: People and Places Board
  - id: "7"
    kind: comment
    by: Board members
    text: Nothing more on prisons.
    disposition: noted
"""

ITS_OWN = f"""\
meeting:
  id: sscb-2025-03
  body: {BOARD}
  date: 2025-03-12
reviews: "2025"
comments:
  - id: "1"
    kind: question
    by: Officers
    text: Should officers consult the youth justice board?
    disposition: open
  - id: "3"
    kind: recommendation
    by: Overview and Scrutiny Committee
    text: Ask the Ministry of Justice for the data.
    disposition: deferred
"""


def _revision(vid: str, date: str, extra: str, cites: str = "") -> str:
    return (
        f'version: "{vid}"\ndate: {date}\n{extra}sections:\n  - id: housing\n'
        f"    title: Housing\n{cites}    statements:\n      - id: h-1\n"
        f"        text: Councils should house people leaving prison ({vid}).\n"
    )


@pytest.fixture
def own_paragraphs(make_repo: MakeRepo) -> Path:
    """2025 goes to March 2025's meeting, telling in paragraphs of their own January's questions
    and the comments it does not take forward, and March's officers' question and the
    committee's recommendation."""
    return make_repo(
        {
            "doc/versions/2024.yaml": _revision("2024", "2024-06-01", "status: endorsed\n"),
            "doc/versions/2025.yaml": _revision(
                "2025",
                "2025-02-01",
                'status: proposed\nbased_on: "2024"\nmeeting: sscb-2025-03\n',
                '    addresses: ["sscb-2025-01/1"]\n',
            ),
            "doc/meetings/sscb-2025-01.yaml": EARLIER,
            "doc/meetings/sscb-2025-03.yaml": ITS_OWN,
        },
        document=f"id: doc\ntitle: Going on\norganisation: LGA\nowner: {BOARD}\n",
    )


# (minutes' id, what the paper's paragraph of its own says)
OWN_PARAGRAPHS = [
    ("2", "Officers asked: Should the Board write to the minister?"),
    ("3", "Cllr Patel asked: How many councils run a diversion scheme?"),
    ("4", "Board members also suggested: Look at how Scotland funds diversion."),
    ("5", "Board members also suggested: Drop the section on hostels."),
    ("6", "Board members also suggested: Leave employment to the districts."),
    ("7", "Board members also suggested: Nothing more on prisons."),
    ("1", "Members' direction is sought: Should officers consult the youth justice board?"),
]


@pytest.mark.parametrize("paper", [(), ("--paper", "2025")])
def test_every_paragraph_of_its_own_numbers_its_comment(
    own_paragraphs: Path, paper: tuple[str, ...]
) -> None:
    """Background or proposal, question or comment, the log gives the paragraph's number."""
    report = _ok("render", "report", "doc", repo=own_paragraphs)
    log = _ok("render", "comments", "doc", *paper, repo=own_paragraphs)
    for own, said in OWN_PARAGRAPHS:
        at = _paragraph_of(report, said)
        text = said.split(": ", 1)[1]
        assert _logged_as(log, text) == (at if at == own else f"{at} ({own} in the minutes)")
    numbers = _rows(log)
    assert len(set(_bare(numbers))) == len(_bare(numbers))


def test_a_recommendation_told_on_its_own_keeps_its_makers_number(own_paragraphs: Path) -> None:
    """The paper names it by that number, so the log's "recommendation 3" can be found in it."""
    report = _ok("render", "report", "doc", repo=own_paragraphs)
    at = _paragraph_of(
        report, "Members' direction is sought: Recommendation 3: Ask the Ministry of Justice"
    )
    assert at in sought(report)
    log = _ok("render", "comments", "doc", "--paper", "2025", repo=own_paragraphs)
    assert _logged_as(log, "Ask the Ministry of Justice") == "recommendation 3"


PAST = """\
meeting:
  id: m1
  body: Housing Board
  date: 2024-03-01
reviews: "v1"
comments:
  - id: "1"
    kind: comment
    text: Say more.
    disposition: addressed
  - id: "2"
    kind: question
    by: Officers
    text: Should the Board write to the minister?
    disposition: open
  - id: "3"
    kind: question
    by: Officers
    text: Should the hostels paragraph go?
    disposition: open
"""


@pytest.fixture
def told_before(make_repo: MakeRepo) -> Path:
    """m1's questions, told by v2's paper (m2), are still open when v3's paper is written;
    v3 answers question 3 by removing the paragraph it was about."""
    v3 = _version("v3", "2025-01-01", "draft", ["m1/1"], based_on='"v2"')
    v3 += "removed:\n  - id: h-2\n    addresses: [m1/3]\n"
    two = "      - id: h-2\n        text: Councils should fund hostels.\n"
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2024-01-01", "superseded", []) + two,
            "doc/versions/v2.yaml": _version(
                "v2", "2024-04-01", "superseded", ["m1/1"], based_on='"v1"', meeting="m2"
            )
            + two,
            "doc/versions/v3.yaml": v3,
            "doc/meetings/m1.yaml": PAST,
            "doc/meetings/m2.yaml": _meeting("m2", "2024-07-01", "v2", []),
        }
    )


def test_a_question_an_earlier_paper_told(told_before: Path) -> None:
    """Told again at the end of the proposal, and logged and compared by that paragraph."""
    report = _ok("render", "report", "doc", repo=told_before)
    at = _paragraph_of(report, "Members' direction is sought: Should the Board write")
    log = _ok("render", "comments", "doc", repo=told_before)
    assert _logged_as(log, "Should the Board write") == f"{at} (2 in the minutes)"


def test_a_question_the_version_answers_is_not_asked_about(told_before: Path) -> None:
    """Answered by a removal: the paper, the comparison and the log all call it the minutes' 3.

    Before, the paper asked direction on it (paragraph 8) as well as saying the revision
    answers it, citing "question 3 in the minutes" where the comparison said "question 8"."""
    report = _ok("render", "report", "doc", repo=told_before)
    assert "hostels paragraph go" not in report
    assert "It answers members' comment" not in report  # m1/1 was answered by v2 already
    assert "answers question 3 in the minutes" in report
    changes = _ok("render", "changes", "doc", repo=told_before)
    assert "Answers question 3 in the minutes, Housing Board, 1 March 2024." in changes
    log = _ok("render", "comments", "doc", repo=told_before)
    assert _logged_as(log, "hostels paragraph go") == "(3 in the minutes)"


def test_a_new_statements_paper_numbers_its_closing_question(make_repo: MakeRepo) -> None:
    """A first statement's paper closes its proposal with the questions put to its meeting too."""
    first = _revision("2025", "2025-02-01", "status: proposed\nmeeting: sscb-2025-03\n")
    repo = make_repo(
        {"doc/versions/2025.yaml": first, "doc/meetings/sscb-2025-03.yaml": ITS_OWN},
        document=f"id: doc\ntitle: Going on\norganisation: LGA\nowner: {BOARD}\n",
    )
    report = _ok("render", "report", "doc", repo=repo)
    at = _paragraph_of(report, "Members' direction is sought: Should officers consult")
    log = _ok("render", "comments", "doc", repo=repo)
    assert _logged_as(log, "Should officers consult") == f"{at} (1 in the minutes)"
    assert _logged_as(log, "Ask the Ministry of Justice") == "recommendation 3"
