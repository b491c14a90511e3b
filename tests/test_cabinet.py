"""A council Cabinet's documents say what Cabinet decided (tester 10's findings).

A borough's statement, a scrutiny committee's recommendations answered by
Cabinet, and the revision that follows: through ``policypos render
response|report|changes|comments`` in every format the document has, each
read back as text (Markdown as written, HTML without its tags, Word's
paragraphs and table cells, the PDF through pdftotext).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli
from tests.conftest import MakeRepo

COMMITTEE = "Housing Overview & Scrutiny Committee"

DOCUMENT = """\
id: damp
title: Damp and mould in council homes
organisation: Riverford Borough Council
owner: Cabinet
"""

OLD = """\
version: "2025"
date: 2025-01-10
status: endorsed
meeting: cab-2025-03
sections:
  - id: inspections
    title: Inspections
    statements:
      - id: ins-1
        text: Council tenants who report damp will get an inspection within 20 working days.
  - id: communication
    title: Communication
    statements:
      - id: com-1
        text: The Council will write to tenants in plain English.
"""

UNMET = OLD.replace("status: endorsed\nmeeting: cab-2025-03\n", "status: draft\n")

NEW = """\
version: "2025-07"
date: 2025-06-20
based_on: "2025"
status: proposed
meeting: cab-2025-07
sections:
  - id: inspections
    title: Inspections
    statements:
      - id: ins-1
        text: >-
          Council tenants who report damp will get an inspection within 20 working days,
          and within 24 hours where a child under 5 lives there.
        addresses: [cab-2025-03/1]
      - id: ins-2
        text: The Council will publish a dashboard of damp cases every quarter.
        addresses: [cab-2025-03/2]
  - id: communication
    title: Communication
    statements:
      - id: com-1
        text: >-
          {who} may wish to consider writing to tenants in plain English and in their
          own language.
        addresses: [cab-2025-03/7]
"""


def recommendation(
    number: str,
    text: str,
    disposition: str,
    response: str | None = None,
    by: str | None = COMMITTEE,
    extra: str = "",
) -> str:
    lines = [f'  - id: "{number}"', "    kind: recommendation"]
    if by:
        lines.append(f"    by: {json.dumps(by)}")
    lines.append(f"    text: {json.dumps(text)}")
    lines.append(f"    disposition: {disposition}")
    if response:
        lines.append(f"    response: {json.dumps(response)}")
    if extra:
        lines.append(f"    {extra}")
    return "\n".join(lines) + "\n"


def march(partial: str = "partially-accepted", by: str | None = COMMITTEE) -> str:
    return (
        "meeting:\n  id: cab-2025-03\n  body: Cabinet\n  date: 2025-03-18\n"
        '  item: "Scrutiny review of damp and mould"\ncomments:\n'
        + recommendation(
            "1", "Inspect every home within 10 working days.", partial,
            "Only the 24-hour target for young children is accepted.", by,
        )
        + recommendation(
            "2", "Publish a quarterly dashboard of damp cases, with:\n\n- open cases;\n"
            "- repair times.", "accepted", "A dashboard goes to Cabinet each quarter.", by,
        )
        + recommendation("4", "Fund extractor fans.", "rejected", "The capital programme is committed.", by)
        + recommendation("5", "Train all housing officers to spot damp.", "accepted", None, by)
        + recommendation("6", "Lobby government on private renting.", "noted", "The Leader will raise it.", by)
        + recommendation(
            "7", "Write to every tenant in their own language.", partial,
            "Letters will be translated on request.", by,
        )
        + recommendation(
            "9", "Hire 4 more surveyors.", "referred", "Staffing is for that committee.", by,
            extra='referred_to: "Employment & Appeals Committee"',
        )
    )  # fmt: skip


JULY = """\
meeting:
  id: cab-2025-07
  body: Cabinet
  date: 2025-07-15
comments:
  - id: "1"
    kind: question
    by: "{asker}"
    text: Why was the 10-day target not adopted?
"""


@pytest.fixture
def council(make_repo: MakeRepo) -> Path:
    return build(
        make_repo,
        {
            "damp/versions/2025.yaml": OLD,
            "damp/versions/2025-07.yaml": NEW.format(who="The Council"),
            "damp/meetings/cab-2025-03.yaml": march(),
            "damp/meetings/cab-2025-07.yaml": JULY.format(asker="Cllr O'Brien"),
        },
    )


def build(make_repo: MakeRepo, files: dict[str, str]) -> Path:
    return make_repo({"damp/document.yaml": DOCUMENT, **files}, document=None)


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args])


FORMATS = ["markdown", "html", "docx", "pdf"]


def rendered(repo: Path, tmp_path: Path, fmt: str, *args: str) -> str:
    """The document ``render *args`` writes in *fmt*, as plain text with white space folded."""
    if fmt == "markdown":
        result = run(repo, "render", *args)
        assert result.exit_code == 0, result.output
        # Bold marks are Markdown's, not words: "**To be written: ...**" reads as the others.
        return " ".join(result.stdout.replace("**", "").split())
    target = tmp_path / f"out.{fmt}"
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed (poppler-utils)")
    result = run(repo, "render", *args, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    if fmt == "html":
        body = target.read_text(encoding="utf-8").split("<main", 1)[1]
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    elif fmt == "docx":
        text = "\n".join(word_paragraphs(target))
    else:
        text = "\n".join(pdf_pages(target))
    return " ".join(text.split())


def word_paragraphs(path: Path) -> list[str]:
    """Every paragraph of a Word file, table cells included, in order."""
    import docx

    document = docx.Document(str(path))
    found = []
    for block in document.element.body.iter():
        if block.tag.endswith("}p"):
            found.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
    return found


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def word_pages_in_libreoffice(repo: Path, tmp_path: Path) -> list[str]:
    """The pages of ``render response damp --format docx`` as LibreOffice prints them."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("soffice or pdftotext is not installed")
    target = tmp_path / "r.docx"
    result = run(repo, "render", "response", "damp", "--format", "docx", "-o", str(target))
    assert result.exit_code == 0, result.output
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip
    return pdf_pages(tmp_path / "r.pdf")


def says(text: str, *present: str, never: tuple[str, ...] = ()) -> None:
    """*text* holds every one of *present* and none of *never*."""
    for words in present:
        assert words in text
    for words in never:
        assert words not in text


def set_file(repo: Path, relative: str, text: str) -> None:
    (repo / relative).parent.mkdir(parents=True, exist_ok=True)
    (repo / relative).write_text(text, encoding="utf-8")


def validated_with(repo: Path, report: str, text: str) -> str:
    """What ``validate`` says with ``reports/<report>.yaml`` holding *text*."""
    set_file(repo, f"damp/reports/{report}.yaml", text)
    return run(repo, "validate").output


# --- A2: a partial answer reads as partial --------------------------------------------


class TestPartialAnswers:
    def test_the_fixture_is_valid(self, council: Path) -> None:
        result = run(council, "validate")
        assert "error" not in result.output, result.output

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_paper_says_partly_answers(self, council: Path, tmp_path: Path, fmt: str) -> None:
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert (
            "Paragraph 1.1 partly answers recommendation 1. Paragraph 1.2 answers recommendation 2."
            in text
        )
        assert "Paragraph 2.1 partly answers recommendation 7." in text
        assert "answers recommendations 1 and 2" not in text
        # Counted apart in the summary.
        assert "which answers 2 of the 7 recommendations in full and 2 in part." in text

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_paper_shows_cabinets_answer(self, council: Path, tmp_path: Path, fmt: str) -> None:
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert (
            "Inspect every home within 10 working days. Partially accepted by Cabinet: Only the "
            "24-hour target for young children is accepted."
        ) in text
        assert "Accepted by Cabinet: A dashboard goes to Cabinet each quarter." in text

    def test_accepted_in_full_reads_as_answered(self, council: Path, tmp_path: Path) -> None:
        set_file(council, "damp/meetings/cab-2025-03.yaml", march(partial="accepted"))
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert (
            "Paragraph 1.1 answers recommendation 1. Paragraph 1.2 answers recommendation 2."
            in text
        )
        assert "partly" not in text
        assert "in part" not in text
        assert "which answers 4 of the 7 recommendations." in text
        assert "Partially accepted" not in text

    def test_partial_only_in_the_summary(self, council: Path, tmp_path: Path) -> None:
        """None answered in full: the count says in part, never "none of ... and 2 in part"."""
        old = march()
        set_file(
            council,
            "damp/meetings/cab-2025-03.yaml",
            old.replace(
                'disposition: accepted\n    response: "A dashboard',
                'disposition: partially-accepted\n    response: "A dashboard',
            ),
        )
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "which answers 1 of the 7 recommendations in full and 3 in part." in text
        assert (
            "Paragraph 1.1 partly answers recommendation 1. "
            "Paragraph 1.2 partly answers recommendation 2."
        ) in text

    def test_meetings_counted_apart(self, council: Path, tmp_path: Path) -> None:
        """Two meetings: each says what it made and how much is answered, in full or in part."""
        set_file(
            council,
            "damp/meetings/cab-2025-05.yaml",
            "meeting:\n  id: cab-2025-05\n  body: Cabinet\n  date: 2025-05-20\ncomments:\n"
            + recommendation("1", "Inspect faster still.", "partially-accepted"),
        )
        new = NEW.format(who="The Council").replace(
            "[cab-2025-03/2]", "[cab-2025-03/2, cab-2025-05/1]"
        )
        set_file(council, "damp/versions/2025-07.yaml", new)
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert (
            "which answers 2 of the 7 recommendations considered on 18 March 2025 in full and 2 "
            "in part, and the recommendation considered on 20 May 2025 in part."
        ) in text
        set_file(council, "damp/meetings/cab-2025-03.yaml", march(partial="accepted"))
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert (
            "which answers 4 of the 7 recommendations considered on 18 March 2025 and the "
            "recommendation considered on 20 May 2025 in part."
        ) in text

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_changes_name_the_partial_answer(self, council: Path, tmp_path: Path, fmt: str) -> None:
        says(
            rendered(council, tmp_path, fmt, "changes", "damp@2025-07"),
            "recommendation 1 (partially accepted), Cabinet, 18 March 2025",
            "recommendation 2, Cabinet, 18 March 2025",
            never=("comment 1,",),
        )

    @pytest.mark.parametrize("kind", ["report", "changes", "comments"])
    def test_recommendations_keep_the_committees_numbers(
        self, council: Path, tmp_path: Path, kind: str
    ) -> None:
        """Recommendation 7 is "recommendation 7" in every paper, never the paper's "2.4"."""
        args = ["--paper", "2025-07"] if kind == "comments" else []
        target = "damp" if kind == "comments" else "damp@2025-07"
        text = rendered(council, tmp_path, "markdown", kind, target, *args)
        # The log numbers its rows; the other documents cite in words.
        assert ("| 7 | " if kind == "comments" else "recommendation 7") in text
        assert not re.search(r"recommendations? [0-9]+\.[0-9]|\| 2\.4 \|", text), text

    def test_paper_lists_recommendations_under_their_numbers(
        self, council: Path, tmp_path: Path
    ) -> None:
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "2.4 Recommendation 7: Write to every tenant in their own language." in text
        assert (
            f"The {COMMITTEE} also recommended (recommendation 9): Hire 4 more surveyors." in text
        )

    def test_register_names_recommendations(self, council: Path) -> None:
        says(
            run(council, "diff", "damp@2025", "damp@2025-07", "--format", "csv").stdout,
            "recommendation 1 (partially accepted), Cabinet, 18 March 2025",
            "recommendation 2, Cabinet, 18 March 2025",
            never=("comment 1,",),
        )

    def test_lga_comments_keep_their_word(self) -> None:
        """The shipped board's comments are still members' comments, without decisions."""
        result = CliRunner().invoke(
            cli, ["render", "report", "going-straight@2024"], catch_exceptions=False
        )
        assert "It answers members' comments 3.1 and 3.5." in result.stdout
        assert "taking account of members' comments:" in result.stdout
        assert "Addressed" not in result.stdout
        csv = CliRunner().invoke(
            cli, ["diff", "going-straight@2005", "going-straight@2024", "--format", "csv"]
        )
        assert "comment 3.1, Safer and Stronger Communities Board" in csv.stdout


# --- A3, C10: every disposition sentence reads naturally ------------------------------


class TestDispositionSentences:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_referred_says_to_whom(self, council: Path, tmp_path: Path, fmt: str) -> None:
        text = rendered(council, tmp_path, fmt, "response", "damp", "--meeting", "cab-2025-03")
        assert "This recommendation is referred to the Employment & Appeals Committee." in text
        assert "is referred." not in text

    def test_referred_without_a_body(self, council: Path, tmp_path: Path) -> None:
        set_file(
            council,
            "damp/meetings/cab-2025-03.yaml",
            march().replace('referred_to: "Employment & Appeals Committee"', ""),
        )
        text = rendered(council, tmp_path, "markdown", "response", "damp")
        assert "This recommendation is referred to another body." in text

    @pytest.mark.parametrize(
        ("disposition", "sentence"),
        [
            ("accepted", "This recommendation is accepted."),
            ("fully-accepted", "This recommendation is fully accepted."),
            ("partially-accepted", "This recommendation is partially accepted."),
            ("rejected", "This recommendation is not accepted."),
            ("noted", "This recommendation is noted."),
            ("open", "A response to this recommendation is still to be agreed."),
            ("answered", "This recommendation has been answered."),
            ("deferred", "A decision on this recommendation has been deferred."),
        ],
    )
    def test_each_disposition(
        self, make_repo: MakeRepo, tmp_path: Path, disposition: str, sentence: str
    ) -> None:
        repo = build(
            make_repo,
            {
                "damp/versions/2025.yaml": OLD,
                "damp/meetings/cab-2025-03.yaml": (
                    "meeting:\n  id: cab-2025-03\n  body: Cabinet\n  date: 2025-03-18\n"
                    "comments:\n" + recommendation("1", "Do it.", disposition, "Reply.")
                ),
            },
        )
        text = rendered(repo, tmp_path, "markdown", "response", "damp")
        assert sentence in text
        assert "is answered." not in text
        assert "is deferred." not in text


# --- B1: every maker named ------------------------------------------------------------


class TestMakers:
    def repo(self, make_repo: MakeRepo, makers: list[str | None]) -> Path:
        comments = "".join(
            recommendation(str(i), f"Recommendation text {i}.", "accepted", "Yes.", by)
            for i, by in enumerate(makers, 1)
        )
        return build(
            make_repo,
            {
                "damp/versions/2025.yaml": UNMET,
                "damp/meetings/cab-2025-07.yaml": (
                    "meeting:\n  id: cab-2025-07\n  body: Cabinet\n  date: 2025-07-15\n"
                    "comments:\n" + comments
                ),
            },
        )

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_two_bodies_both_named(self, make_repo: MakeRepo, tmp_path: Path, fmt: str) -> None:
        repo = self.repo(make_repo, ["Cllr Jones", COMMITTEE])
        text = rendered(repo, tmp_path, fmt, "response", "damp")
        assert f"The recommendations of Cllr Jones and the {COMMITTEE} are set out below" in text
        assert "Recommendation 1 (Cllr Jones)" in text
        assert f"Recommendation 2 ({COMMITTEE})" in text

    def test_one_body_named_once(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        repo = self.repo(make_repo, [COMMITTEE, COMMITTEE])
        text = rendered(repo, tmp_path, "markdown", "response", "damp")
        assert f"The recommendations of the {COMMITTEE} are set out below" in text
        assert f"({COMMITTEE})" not in text

    def test_some_unnamed(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        repo = self.repo(make_repo, [COMMITTEE, None])
        text = rendered(repo, tmp_path, "markdown", "response", "damp")
        assert f"The recommendations of the {COMMITTEE} and others are set out below" in text
        assert f"Recommendation 1 ({COMMITTEE})" in text

    def test_none_named(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        repo = self.repo(make_repo, [None, None])
        text = rendered(repo, tmp_path, "markdown", "response", "damp")
        assert "The recommendations are set out below, each followed by" in text


# --- B2, B6: the field's words, by kind and by who decided -----------------------------


class TestWords:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_paper_says_who_made_and_who_decided(
        self, council: Path, tmp_path: Path, fmt: str
    ) -> None:
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert f"considered 7 recommendations of the {COMMITTEE}." in text
        assert "made 7 recommendations" not in text
        assert "taking account of the recommendations:" in text
        assert "members' comment" not in text
        assert (
            f"The {COMMITTEE} also recommended (recommendation 4): Fund extractor fans. Cabinet did not accept it. "
            "The capital programme is committed."
        ) in text
        assert "Cabinet noted it; it calls for no change to the statement." in text
        assert "Officers recommend not taking this forward" not in text

    def test_a_member_at_the_meeting_made_them(self, council: Path, tmp_path: Path) -> None:
        """Cllr Jones's recommendations at Cabinet were made there; officers propose on them."""
        set_file(council, "damp/meetings/cab-2025-03.yaml", march(by="Cllr Jones"))
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "and made 7 recommendations." in text
        assert (
            "Cllr Jones also recommended (recommendation 4): Fund extractor fans. "
            "Officers recommend not"
        ) in text
        assert "by Cabinet" not in text


# --- B3: who the response goes to ------------------------------------------------------


class TestAddressee:
    def committee_meeting(self, make_repo: MakeRepo, report: str | None = None) -> Path:
        files = {
            "damp/versions/2025.yaml": UNMET,
            "damp/meetings/hosc-2025-02.yaml": (
                f'meeting:\n  id: hosc-2025-02\n  body: "{COMMITTEE}"\n  date: 2025-02-10\n'
                '  item: "Scrutiny review of damp"\ncomments:\n'
                + recommendation("1", "Inspect faster.", "accepted", "Yes.")
                + recommendation("2", "Fund fans.", "rejected", "No money.")
            ),
        }
        if report is not None:
            files["damp/reports/hosc-2025-02.yaml"] = report
        return build(make_repo, files)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_recorded_at_the_committee(self, make_repo: MakeRepo, tmp_path: Path, fmt: str) -> None:
        repo = self.committee_meeting(make_repo)
        text = rendered(repo, tmp_path, fmt, "response", "damp")
        assert "To Cabinet" in text or "To | Cabinet" in text
        assert "Scrutiny review of damp - Cabinet response" in text
        assert "Cabinet is asked to: (a) consider" in text
        # Cabinet's date is not the committee's: it is to be written, not 10 February.
        assert "10 February 2025" not in text
        assert re.search(r"Date \|? ?To be written", text)
        assert f"To | {COMMITTEE}" not in text
        assert f"{COMMITTEE} response" not in text
        assert f"the {COMMITTEE} is asked" not in text.lower()

    def test_recorded_at_cabinet(self, council: Path, tmp_path: Path) -> None:
        text = rendered(
            council, tmp_path, "markdown", "response", "damp", "--meeting", "cab-2025-03"
        )
        assert "| To | Cabinet |" in text
        assert "| Date | 18 March 2025 |" in text

    def test_report_sets_to_and_date(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        repo = self.committee_meeting(make_repo, "to: The Executive\ndate: 2025-03-18\n")
        text = rendered(repo, tmp_path, "markdown", "response", "damp")
        assert "| To | The Executive |" in text
        assert "| Date | 18 March 2025 |" in text
        assert "The Executive is asked to" in text.replace("the Executive is", "The Executive is")

    def test_bad_date_is_an_error_at_its_line(self, make_repo: MakeRepo) -> None:
        repo = self.committee_meeting(make_repo, "to: Cabinet\ndate: 18/03/2025\n")
        result = run(repo, "render", "response", "damp")
        assert result.exit_code == 2
        assert re.search(r"hosc-2025-02\.yaml:2:\d+: error: 'date' must be a date", result.output)
        assert "Traceback" not in result.output

    def test_to_in_a_papers_report_is_unused(self, council: Path) -> None:
        said = validated_with(council, "2025-07", "to: Cabinet\n")
        assert "'to' is shown only in a response" in said


# --- tester 14, item 8: the response's title and its front table ------------------------


class TestResponseFront:
    """The title joins "Cabinet response" with the title's own dash; each front-table row still
    to be written is flagged as every other unwritten part is, in every format."""

    def repo(self, make_repo: MakeRepo, item: str) -> Path:
        return build(
            make_repo,
            {
                "damp/versions/2025.yaml": UNMET,
                "damp/meetings/hosc-2025-02.yaml": (
                    f'meeting:\n  id: hosc-2025-02\n  body: "{COMMITTEE}"\n  date: 2025-02-10\n'
                    f"  item: {json.dumps(item)}\ncomments:\n"
                    + recommendation("1", "Inspect faster.", "accepted", "Yes.")
                ),
            },
        )

    @pytest.mark.parametrize(
        ("item", "title"),
        [
            ("Climate Emergency — Net Zero", "Climate Emergency — Net Zero — Cabinet response"),
            ("Damp – a review", "Damp – a review – Cabinet response"),
            ("Damp - a review", "Damp - a review - Cabinet response"),
            ("Damp—a review", "Damp—a review—Cabinet response"),
            ("Re-offending and damp", "Re-offending and damp - Cabinet response"),
        ],
    )
    def test_title_keeps_its_dash(
        self, make_repo: MakeRepo, tmp_path: Path, item: str, title: str
    ) -> None:
        text = run(self.repo(make_repo, item), "render", "response", "damp").stdout
        assert text.startswith(f"# {title}\n")

    @pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
    def test_unwritten_rows_are_flagged(
        self, make_repo: MakeRepo, tmp_path: Path, fmt: str
    ) -> None:
        import docx

        repo = self.repo(make_repo, "Damp")
        target = tmp_path / f"r.{fmt}"
        result = run(repo, "render", "response", "damp", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        unwritten = ["Date", "From", "Electoral division(s)", "Forward Plan ref", "Key decision"]
        if fmt == "docx":
            front = docx.Document(str(target)).tables[0]
            flagged = {
                row.cells[0].text
                for row in front.rows
                for run_ in row.cells[1].paragraphs[0].runs
                if run_.bold and run_.font.highlight_color and run_.text == "To be written"
            }
            assert flagged == set(unwritten)
            assert [row.cells[0].text for row in front.rows] == ["To", *unwritten]
            return
        text = target.read_text(encoding="utf-8")
        marked = "**To be written**" if fmt == "markdown" else '<p class="todo">To be written</p>'
        for label in unwritten:
            row = next(line for line in text.splitlines() if label in line and "To be" in line)
            assert marked in row, row
        assert text.count(marked) == len(unwritten)


# --- B4: the parts a council's paper has ------------------------------------------------


class TestLeaveOut:
    def with_report(self, council: Path, text: str) -> str:
        return validated_with(council, "2025-07", text)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_parts_left_out(self, council: Path, tmp_path: Path, fmt: str) -> None:
        self.with_report(council, "leave_out: [plan_theme, wales]\n")
        says(
            rendered(council, tmp_path, fmt, "report", "damp@2025-07"),
            "Financial implications",
            "Equalities implications",
            never=("Plan theme", "plan theme", "Wales"),
        )

    @pytest.mark.parametrize(
        "left_out", ["plan_theme", "wales", "financial", "equalities", "plan_theme, wales"]
    )
    def test_a_part_left_out_leaves_no_gap(self, council: Path, left_out: str) -> None:
        """Markdown sent as it is: a part left out must not leave two blank lines behind."""
        self.with_report(council, f"leave_out: [{left_out}]\n")
        paper = run(council, "render", "report", "damp@2025-07")
        assert paper.exit_code == 0, paper.output
        assert "\n\n\n" not in paper.stdout

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_default_keeps_every_part(self, council: Path, tmp_path: Path, fmt: str) -> None:
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert "To be written: plan theme" in text
        assert "To be written: implications for Wales" in text

    def test_unknown_part_is_an_error(self, council: Path) -> None:
        self.with_report(council, "purpose: For decision.\nleave_out: [plan_theme, wale]\n")
        result = run(council, "render", "report", "damp@2025-07")
        assert result.exit_code == 2
        assert re.search(
            r"2025-07\.yaml:2:\d+: error: 'leave_out' entry 'wale' is not one of plan_theme, "
            "wales, financial, equalities",
            result.output,
        )
        assert "Traceback" not in result.output

    def test_written_part_is_shown_and_warned(self, council: Path, tmp_path: Path) -> None:
        self.with_report(
            council,
            "plan_theme: Homes\nleave_out: [plan_theme, financial]\nimplications:\n"
            "  - heading: Financial implications\n    text: From the HRA.\n",
        )
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "Plan theme: Homes" in text
        assert "## Financial implications 10. From the HRA." in text
        said = run(council, "validate").output
        assert "'leave_out' names 'plan_theme', but the report writes it" in said
        assert "'leave_out' names 'financial', but the report writes it" in said

    def test_leave_out_in_a_responses_report_is_unused(self, council: Path) -> None:
        said = validated_with(council, "cab-2025-03", "leave_out: [wales]\n")
        assert "'leave_out' is shown only in a board paper" in said


# --- B5: who a softened paragraph asks ---------------------------------------------------


class TestWhoIsAsked:
    def test_the_council_itself(self, council: Path, tmp_path: Path) -> None:
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "reworded from requirements to points for the Council to consider." in text
        assert "points for councils to consider" not in text

    def test_councils_in_general(self, council: Path, tmp_path: Path) -> None:
        set_file(
            council,
            "damp/versions/2025.yaml",
            OLD.replace("The Council will write", "Councils will write"),
        )
        set_file(council, "damp/versions/2025-07.yaml", NEW.format(who="Councils"))
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "reworded from requirements to points for councils to consider." in text
        assert "the Council to consider" not in text


# --- C3, C7: a recommendation set apart, and kept with its answer ----------------------


class TestLayout:
    def test_markdown_has_no_stray_bold(self, council: Path) -> None:
        from markdown_it import MarkdownIt

        result = run(council, "render", "response", "damp", "--meeting", "cab-2025-03")
        html_text = MarkdownIt("commonmark").render(result.stdout)
        assert "**" not in re.sub(r"<[^>]+>", "", html_text)
        # The list stays a list, inside the quote that sets the recommendation apart.
        assert "<blockquote>\n<p>Publish a quarterly dashboard of damp cases, with:</p>\n<ul>" in (
            html_text
        )

    def test_word_keeps_recommendation_with_its_answer(self, council: Path, tmp_path: Path) -> None:
        import docx

        target = tmp_path / "r.docx"
        result = run(
            council, "render", "response", "damp", "--meeting", "cab-2025-03", "--format",
            "docx", "-o", str(target),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        paragraphs = docx.Document(str(target)).paragraphs
        texts = [p.text for p in paragraphs]
        for k, text in enumerate(texts):
            if text.startswith(("This recommendation is", "2.2\tRecommendation")):
                assert paragraphs[k].paragraph_format.keep_with_next, text
            if text.startswith("- ") or text in ("open cases;", "repair times."):
                assert paragraphs[k].paragraph_format.keep_with_next, text
        response = texts.index("Staffing is for that committee.")
        assert not paragraphs[response].paragraph_format.keep_with_next

    def long_response(self, make_repo: MakeRepo) -> Path:
        body = "The Council should act on damp across the borough without delay. "
        comments = "".join(
            recommendation(
                str(i),
                (body * (1 + i % 4)).strip(),
                "noted",
                ("A reply in full. " * (2 + i % 5)).strip(),
            )
            for i in range(1, 31)
        )
        return build(
            make_repo,
            {
                "damp/versions/2025.yaml": OLD,
                "damp/meetings/cab-2025-03.yaml": (
                    "meeting:\n  id: cab-2025-03\n  body: Cabinet\n  date: 2025-03-18\n"
                    "comments:\n" + comments
                ),
            },
        )

    @staticmethod
    def last_lines(pages: list[str]) -> list[str]:
        ends = []
        for page in pages[:-1]:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            lines = [line for line in lines if not line.startswith("Page ")]
            ends.append(lines[-1])
        return ends

    def test_pdf_never_ends_a_page_on_a_heading_or_disposition(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed (poppler-utils)")
        repo = self.long_response(make_repo)
        target = tmp_path / "r.pdf"
        result = run(repo, "render", "response", "damp", "--format", "pdf", "-o", str(target))
        assert result.exit_code == 0, result.output
        pages = pdf_pages(target)
        assert len(pages) > 4
        for end in self.last_lines(pages):
            assert not end.startswith("This recommendation is"), end
            assert not re.match(r"2\.\d+ Recommendation \d+$", end), end
            assert "without delay." not in end, end  # a recommendation's last line

    def test_word_pages_in_libreoffice(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        pages = word_pages_in_libreoffice(self.long_response(make_repo), tmp_path)
        assert len(pages) > 3
        for end in self.last_lines(pages):
            assert not end.startswith("This recommendation is"), end
            assert "without delay." not in end, end


# --- tester 12, B2: a committee's recommendations were considered, not made ----------


MAY = """\
meeting:
  id: cab-2025-05
  body: Cabinet
  date: 2025-05-20
reviews: "2025"
comments:
  - id: "1"
    kind: comment
    by: Cllr Patel
    text: Say how tenants can appeal an inspection.
    disposition: open
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_summary_counts_recommendations_as_considered(
    council: Path, tmp_path: Path, fmt: str
) -> None:
    """Over two meetings the count names each's kind: Cabinet made no recommendation."""
    set_file(council, "damp/meetings/cab-2025-05.yaml", MAY)
    says(
        rendered(council, tmp_path, fmt, "report", "damp@2025-07"),
        "which answers 2 of the 7 recommendations considered on 18 March 2025 in full and 2 "
        "in part, and not the comment made on 20 May 2025.",
        never=("of the 7 made on",),
    )


# --- tester 12, B3: what Cabinet decided is told as its decision -----------------------


@pytest.mark.parametrize("fmt", ["markdown", "docx"])
def test_deferred_and_referred_are_cabinets_decisions(
    council: Path, tmp_path: Path, fmt: str
) -> None:
    """Officers neither await direction on nor refer what Cabinet itself deferred or referred."""
    set_file(
        council,
        "damp/meetings/cab-2025-03.yaml",
        march().replace("disposition: noted", "disposition: deferred"),
    )
    says(
        rendered(council, tmp_path, fmt, "report", "damp@2025-07"),
        "(recommendation 6): Lobby government on private renting. Cabinet deferred a decision "
        "on it. The Leader will raise it.",
        "(recommendation 9): Hire 4 more surveyors. Cabinet referred it to the Employment & "
        "Appeals Committee.",
        never=("needs further work or members' direction", "This has been referred"),
    )


# --- tester 12, B8: a response's part to be written is named once -------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unwritten_sections_are_named_once(council: Path, tmp_path: Path, fmt: str) -> None:
    """No report file: "3. Alignment with priorities", then what is to be written, no 3.1."""
    text = rendered(council, tmp_path, fmt, "response", "damp")
    for title in ("Alignment with priorities", "Significant implications"):
        assert text.count(title) == 1, title
        assert f"To be written: {title.lower()}" in text
    assert "3.1" not in text.split("Alignment with priorities", 1)[1]


# --- tester 13, B3: a source document's location is a link where it is one -------------


SOURCES = """\
sources:
  - heading: The committee's report
    text: <https://example.gov.uk/scrutiny/damp-report>
  - heading: Minutes
    text: "[Cabinet minutes, 18 March 2025](https://example.gov.uk/cabinet/2025-03-18)"
"""


def test_source_locations_are_links(council: Path, tmp_path: Path) -> None:
    set_file(council, "damp/reports/cab-2025-03.yaml", SOURCES)
    page = tmp_path / "r.html"
    assert (
        run(council, "render", "response", "damp", "--format", "html", "-o", str(page)).exit_code
        == 0
    )
    html_text = page.read_text(encoding="utf-8")
    assert '<a href="https://example.gov.uk/scrutiny/damp-report">' in html_text
    assert '<a href="https://example.gov.uk/cabinet/2025-03-18">Cabinet minutes' in html_text
    assert "&lt;https://" not in html_text
    word = tmp_path / "r.docx"
    assert (
        run(council, "render", "response", "damp", "--format", "docx", "-o", str(word)).exit_code
        == 0
    )
    with zipfile.ZipFile(word) as archive:
        body = archive.read("word/document.xml").decode()
        links = archive.read("word/_rels/document.xml.rels").decode()
    assert body.count("<w:hyperlink") >= 2
    assert 'Target="https://example.gov.uk/scrutiny/damp-report"' in links
    assert "[Cabinet minutes" not in body
    assert "&lt;https://" not in body


def test_markdown_diff_gives_dispositions_in_words(council: Path) -> None:
    """tester 13, B5: "partially accepted", as every other document says, not the YAML's value."""
    out = run(council, "diff", "damp@2025", "damp@2025-07", "--format", "markdown").stdout
    assert "| partially accepted |" in out
    assert "partially-accepted" not in out


# --- tester 12, B7: the contacts table fits its page ----------------------------------


CONTACTS = """\
contacts:
  - role: Officer contact
    name: A. Housing Officer
    position: Head of Housing Repairs and Maintenance Services
    email: housing.repairs.team@example-council.gov.uk
  - role: Member contact
    name: Cllr B. Member
    email: cabinet.member.housing@example-council.gov.uk
"""


class TestContacts:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_a_column_nobody_fills_is_left_out(
        self, council: Path, tmp_path: Path, fmt: str
    ) -> None:
        set_file(council, "damp/reports/cab-2025-03.yaml", CONTACTS)
        says(
            rendered(council, tmp_path, fmt, "response", "damp"),
            "Post",
            "Head of",
            "housing.repairs.team@",
            never=("Telephone",),
        )

    def test_word_breaks_no_short_word(self, council: Path, tmp_path: Path) -> None:
        """Equal columns broke names and email addresses mid-word; an address longer than
        its column may break only at its hyphen."""
        set_file(council, "damp/reports/cab-2025-03.yaml", CONTACTS)
        words = " ".join(word_pages_in_libreoffice(council, tmp_path)).split()
        for word in ("Officer", "contact", "Member", "Housing", "Maintenance", "Services"):
            assert word in words, word
        assert "housing.repairs.team@example-" in words
        assert "cabinet.member.housing@example-" in words


# --- C9: the log flags a response owed ----------------------------------------------------


class TestLogFlags:
    @pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
    def test_accepted_without_response(self, council: Path, tmp_path: Path, fmt: str) -> None:
        text = rendered(council, tmp_path, fmt, "comments", "damp")
        # Recommendation 5, accepted with no response; the open question owes none yet.
        assert text.count("To be written: response") == 1
        row = text.split("Train all housing officers to spot damp.", 1)[1][:80]
        assert "To be written: response" in row

    def test_word_flags_in_yellow(self, council: Path, tmp_path: Path) -> None:
        import docx
        from docx.enum.text import WD_COLOR_INDEX

        target = tmp_path / "log.docx"
        result = run(council, "render", "comments", "damp", "--format", "docx", "-o", str(target))
        assert result.exit_code == 0, result.output
        runs = [
            run_
            for table in docx.Document(str(target)).tables
            for row in table.rows
            for run_ in row.cells[4].paragraphs[0].runs
            if "To be written" in run_.text
        ]
        assert len(runs) == 1
        assert runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW

    def test_open_recommendation_owes_none(self, council: Path, tmp_path: Path) -> None:
        set_file(
            council,
            "damp/meetings/cab-2025-03.yaml",
            march().replace("disposition: accepted\n", "disposition: open\n"),
        )
        text = rendered(council, tmp_path, "markdown", "comments", "damp")
        assert "To be written" not in text


class TestLogHeadings:
    """A log's comment column says what the meeting's entries are."""

    @pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "website"])
    def test_each_meeting_names_its_kind(self, council: Path, tmp_path: Path, fmt: str) -> None:
        if fmt == "website":
            result = run(council, "publish", "-o", str(tmp_path / "site"))
            assert result.exit_code == 0, result.output
            page = next((tmp_path / "site").rglob("comments.html")).read_text(encoding="utf-8")
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
        else:
            text = rendered(council, tmp_path, fmt, "comments", "damp")
        march_, july = (
            " ".join(part.replace("|", " ").split()) for part in text.split("15 July 2025", 1)
        )
        assert "From Recommendation Disposition" in march_
        assert "From Question Disposition" in july
        assert "From Comment Disposition" not in march_ + july
        # The column says what they are; no caption repeats the meeting's heading above it
        # (tester 14, item 9).
        assert "considered at Cabinet" not in text
        assert "asked at Cabinet" not in text

    def test_a_meeting_of_several_kinds_keeps_comment(self, council: Path, tmp_path: Path) -> None:
        set_file(
            council,
            "damp/meetings/cab-2025-07.yaml",
            JULY.format(asker="Cllr O'Brien").replace("kind: question", "kind: comment", 1)
            + '  - id: "2"\n    kind: question\n    text: When will it start?\n',
        )
        text = rendered(council, tmp_path, "markdown", "comments", "damp")
        july = " ".join(text.split("15 July 2025", 1)[1].replace("|", " ").split())
        assert "From Comment Disposition" in july


# --- C10: a member's question is the member's -------------------------------------------


class TestQuestions:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_member_asked(self, council: Path, tmp_path: Path, fmt: str) -> None:
        """Asked at a meeting the paper reports on: the member asked, no direction sought."""
        set_file(
            council,
            "damp/meetings/cab-2025-03.yaml",
            march()
            + JULY.format(asker="Cllr O'Brien").split("comments:\n", 1)[1].replace('"1"', '"10"'),
        )
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert "Cllr O'Brien asked: Why was the 10-day target not adopted?" in text
        assert "direction is sought" not in text
        assert "Direct officers on the issues" not in text

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_asked_at_the_papers_own_meeting(self, council: Path, tmp_path: Path, fmt: str) -> None:
        """A member's question put at the meeting the paper goes to came after the paper."""
        text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
        assert "10-day target not adopted" not in text
        assert "direction is sought" not in text
        assert "Direct officers on the issues" not in text

    def test_officers_ask_for_direction(self, council: Path, tmp_path: Path) -> None:
        set_file(council, "damp/meetings/cab-2025-07.yaml", JULY.format(asker="Officers"))
        text = rendered(council, tmp_path, "markdown", "report", "damp@2025-07")
        assert "Members' direction is sought: Why was the 10-day target not adopted?" in text
        assert "Direct officers on the issues in paragraph" in text


# --- B4: an accepted recommendation without a response still says Cabinet accepted it ----


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_accepted_without_a_response_says_who_accepted(
    council: Path, tmp_path: Path, fmt: str
) -> None:
    text = rendered(council, tmp_path, fmt, "report", "damp@2025-07")
    assert "Recommendation 5: Train all housing officers to spot damp. Accepted by Cabinet." in text
    assert "Recommendation 2: Publish a quarterly dashboard" in text
