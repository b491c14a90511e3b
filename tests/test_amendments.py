"""What a board paper says each revised section's substantive changes do.

The proposal paragraph of a revised section gives a sentence per kind of
change the significance rules found (who acts, obligations, negations,
amounts, dates), naming paragraphs as the annex numbers them. Checked through
the CLI (``policypos render report``) and the API (:func:`documents.board_paper`),
in Markdown, HTML and Word.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli
from policypos.documents import BoardPaper
from tests.conftest import SHIPPED, MakeRepo


def run(*args: str, repo: Path = SHIPPED) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def _version(name: str, date: str, sections: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """A version file: *sections* as (id, title, [(statement id, text)])."""
    lines = [f'version: "{name}"', f"date: {date}", "status: draft", "sections:"]
    if name != "v1":
        lines.insert(3, 'based_on: "v1"')
    for sid, title, statements in sections:
        lines += [f"  - id: {sid}", f"    title: {title}", "    statements:"]
        for st, text in statements:
            lines += [f"      - id: {st}", f"        text: {json.dumps(text)}"]
    return "\n".join(lines) + "\n"


def _repo(
    make_repo: MakeRepo,
    old: list[tuple[str, str, list[tuple[str, str]]]],
    new: list[tuple[str, str, list[tuple[str, str]]]],
) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2024-01-01", old),
            "doc/versions/v2.yaml": _version("v2", "2024-06-01", new),
        }
    )


def _one_reworded(make_repo: MakeRepo, old: str, new: str) -> Path:
    """Section Housing: paragraph 1.1 *old* reworded to *new*, 1.2 kept."""
    return _repo(
        make_repo,
        [("hs", "Housing", [("h-1", old), ("h-2", "Keep it.")])],
        [("hs", "Housing", [("h-1", new), ("h-2", "Keep it.")])],
    )


def _proposal(repo: Path, *extra: str) -> str:
    result = run("render", "report", "doc@v1", "doc@v2", *extra, repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout.split("## Proposal", 1)[1].split("## Implications", 1)[0]


INTRO = ("intro", "Introduction", [("i-1", "Councils run many services.")])


def _paper(repo: Path) -> BoardPaper:
    from policypos import documents
    from policypos.diff import diff
    from policypos.validate import open_checked

    document = open_checked(repo).repository.document("doc")
    changes = diff(document.version("v1"), document.version("v2"), document)
    return documents.board_paper(document, changes)


class TestShippedReport:
    """The shipped going-straight paper says who is now asked to act."""

    def test_accommodation_names_the_new_actor(self) -> None:
        out = run("render", "report", "going-straight@2005", "going-straight@2024").stdout
        assert (
            "**9.** The Accommodation section has been revised. Paragraph 3.2 is new and former "
            "paragraph 2.3 (“Government should fund supported housing for offenders with complex "
            "needs …”) has been removed. Former paragraph 2.2 has moved to section 1, General "
            "(now 1.4). Paragraph 3.1 is now addressed to government rather than councils." in out
        )

    def test_moved_paragraph_names_its_new_actor_and_where_it_was(self) -> None:
        out = run("render", "report", "going-straight@2024").stdout
        assert (
            "A new section, General, has been added. Paragraph 1.4 has moved here from the "
            "Accommodation section, where it was 2.2. It is now addressed to councils, probation "
            "and prisons rather than housing authorities." in out
        )

    def test_softened_sentence_is_kept(self) -> None:
        out = run("render", "report", "going-straight@2024").stdout
        assert (
            "Its paragraphs have been reworded from directions to points for councils to "
            "consider." in out
        )

    def test_only_reworded_section_names_its_paragraphs(self) -> None:
        """Individual support: two paragraphs reworded in words no rule names, named as such."""
        out = run("render", "report", "going-straight@2024").stdout
        paragraph = out.split("**10.**", 1)[1].split("**11.**", 1)[0]
        assert "addressed" not in paragraph
        assert "Paragraphs 4.1 and 4.3 have been reworded." in paragraph
        assert "also" not in paragraph

    def test_api_gives_the_amendments(self) -> None:
        from policypos import documents, open_repository
        from policypos.diff import diff
        from policypos.significance import Kind

        doc = open_repository(SHIPPED).document("going-straight")
        paper = documents.board_paper(doc, diff(doc.version("2005"), doc.version("2024"), doc))
        by_number = {n.number: n for n in paper.proposal}
        (accommodation,) = by_number["9"].amendments
        assert accommodation.kind is Kind.ACTOR
        assert accommodation.paragraphs == ("3.1",)
        assert accommodation.findings[0].old == "Councils"
        assert accommodation.text in by_number["9"].text
        education, condition = by_number["8"].amendments
        assert education.kind is Kind.OBLIGATION
        assert education.paragraphs == ("2.1", "2.2", "2.3", "2.4")
        assert condition.kind is Kind.CONDITION  # 2024's "within the resources available"
        assert condition.paragraphs == ("2.1",)
        (reworded,) = by_number["10"].amendments  # words no rule names: named as reworded
        assert reworded.kind is Kind.WORDING
        assert reworded.paragraphs == ("4.1", "4.3")

    @pytest.mark.parametrize("fmt", ["html", "markdown"])
    def test_every_text_format_says_it(self, fmt: str) -> None:
        out = run("render", "report", "going-straight@2024", "--format", fmt).stdout
        assert "Paragraph 3.1 is now addressed to government rather than councils." in out

    def test_word_says_it(self, tmp_path: Path) -> None:
        import docx

        target = tmp_path / "paper.docx"
        result = run(
            "render", "report", "going-straight@2024", "--format", "docx", "-o", str(target)
        )
        assert result.exit_code == 0, result.output
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
        assert "Paragraph 3.1 is now addressed to government rather than councils." in text
        assert "where it was 2.2. It is now addressed to councils" in text

    def test_user_template_reads_the_amendments(self, tmp_path: Path) -> None:
        template = tmp_path / "mine.md.j2"
        template.write_text(
            "{% for n in doc.proposal %}{% for a in n.amendments %}"
            "{{ n.number }}|{{ a.kind }}|{{ a.paragraphs | join(',') }}|"
            "{{ a.findings[0].new }}\n{% endfor %}{% endfor %}",
            encoding="utf-8",
        )
        out = run("render", "report", "going-straight@2024", "--template", str(template)).stdout
        assert out.splitlines() == [
            "7|actor|1.4|Councils, probation and prisons",
            "8|obligation|2.1,2.2,2.3,2.4|may wish to consider",
            "8|condition|2.1|within the resources available",
            "9|actor|3.1|Government",
            "10|wording|4.1,4.3|, alcohol",
        ]


class TestHandWritten:
    """Small repositories, one kind of change each."""

    def test_strengthened(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [INTRO, ("hs", "Housing", [("h-1", "Councils should publish a plan."),
                                       ("h-2", "Councils could consider a register.")])],
            [INTRO, ("hs", "Housing", [("h-1", "Councils must publish a plan."),
                                       ("h-2", "Councils could consider a register of homes.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert (
            "The Housing section has been revised. Paragraph 2.1 has been reworded from "
            "directions to requirements on councils." in out
        )
        assert "Its paragraphs" not in out  # one of the two only
        paper = _paper(repo)
        assert [a.paragraphs for a in paper.proposal[2].amendments] == [("2.1",), ("2.2",)]
        assert "Paragraph 2.2 has also been reworded." in out

    def test_strengthened_in_several_paragraphs_groups_them(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should publish a plan."),
                                ("h-2", "Councils should keep a register."),
                                ("h-3", "Councils keep records.")])],
            [("hs", "Housing", [("h-1", "Councils must publish a plan."),
                                ("h-2", "Councils must keep a register."),
                                ("h-3", "Councils keep good records.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert (
            "Paragraphs 1.1 and 1.2 have been reworded from directions to requirements on "
            "councils." in out
        )
        assert out.count("reworded") == 2
        assert "Paragraph 1.3 has also been reworded." in out

    def test_obligation_added(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils publish a plan.")])],
            [("hs", "Housing", [("h-1", "Councils must publish a plan.")])],
        )
        assert "Paragraph 1.1 now includes a requirement on councils (“must”)." in _proposal(repo)

    def test_obligations_added_through_a_long_paragraph(
        self, make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A "must" added to each of 40 sentences: the old text's modals are read once, not 40 times.

        Read once per finding, a long paragraph's paper grew with the square of its length.
        """
        import importlib

        old = " ".join(f"Councils publish plan {k}." for k in range(40))
        repo = _one_reworded(
            make_repo, old, old.replace("Councils publish", "Councils must publish")
        )
        module = importlib.import_module("policypos.significance")
        read: list[str] = []
        obligations = module.obligations

        def counted(text: str) -> object:
            read.append(text)
            return obligations(text)

        monkeypatch.setattr(module, "obligations", counted)
        assert "Paragraph 1.1 now includes a requirement on councils (“must”)." in _proposal(repo)
        assert read.count(old) == 1

    def test_obligation_removed_and_date_added(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils must publish a plan."),
                                ("h-2", "Councils should report.")])],
            [("hs", "Housing", [("h-1", "Councils publish a plan."),
                                ("h-2", "Councils should report by 2027.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert "Paragraph 1.1 no longer includes a requirement on councils (“must”)." in out
        assert "The date 2027 has been added to paragraph 1.2." in out

    def test_negation_added_and_removed(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should charge for advice."),
                                ("h-2", "Councils should not sell land."),
                                ("h-3", "Councils should charge for parking.")])],
            [("hs", "Housing", [("h-1", "Councils should not charge for advice."),
                                ("h-2", "Councils should sell land."),
                                ("h-3", "Councils should not charge for parking.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert "Negations have been added to paragraphs 1.1 and 1.3 (“not”)." in out
        assert "A negation has been removed from paragraph 1.2 (“not”)." in out

    def test_number_and_date(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [INTRO, ("hs", "Housing", [("h-1", "Councils should build 200 homes by 2025."),
                                       ("h-2", "Councils should report by 2025.")])],
            [INTRO, ("hs", "Housing", [("h-1", "Councils should build 400 homes by 2027."),
                                       ("h-2", "Councils should report by 2027.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert "In paragraph 2.1 the number changes from 200 to 400." in out
        assert "In paragraphs 2.1 and 2.2 the date changes from 2025 to 2027." in out

    def test_different_amounts_listed_once(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should build 200 homes."),
                                ("h-2", "Government should fund £2m.")])],
            [("hs", "Housing", [("h-1", "Councils should build 400 homes."),
                                ("h-2", "Government should fund £3m.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert (
            "Figures change in paragraph 1.1 (from 200 to 400) and paragraph 1.2 "
            "(from £2m to £3m)." in out
        )

    @pytest.mark.parametrize(
        ("old", "new", "said"),
        [
            ("within 48 hours", "within 72 hours", "the period changes from 48 hours to 72 hours"),
            ("£2m", "£3m", "the amount changes from £2m to £3m"),
            (
                "a quarter of places",
                "half of places",
                "the proportion changes from a quarter to half",
            ),
            ("10% of places", "20% of places", "the proportion changes from 10% to 20%"),
            ("200 homes", "400 homes", "the number changes from 200 to 400"),
        ],
    )
    def test_a_figure_is_named_for_what_it_counts(
        self, make_repo: MakeRepo, old: str, new: str, said: str
    ) -> None:
        """Not every figure is an "amount": a time limit is a period, a share a proportion."""
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", f"Councils should provide {old}.")])],
            [("hs", "Housing", [("h-1", f"Councils should provide {new}.")])],
        )
        assert f"In paragraph 1.1 {said}." in _proposal(repo)

    @pytest.mark.parametrize(
        ("old", "new", "said"),
        [
            (
                "Two thirds of places should go to care leavers.",
                "Three quarters of places should go to care leavers.",
                "In paragraph 1.1 the proportion changes from two thirds to three quarters.",
            ),
            (
                "Half of places should go to care leavers.",
                "A quarter of places should go to care leavers.",
                "In paragraph 1.1 the proportion changes from half to a quarter.",
            ),
            (
                "Councils should act.",
                "Ten councils should act.",
                "The number ten has been added to paragraph 1.1.",
            ),
            (
                "In May 2025 councils should act.",
                "In June 2025 councils should act.",
                "In paragraph 1.1 the date changes from May 2025 to June 2025.",
            ),
        ],
    )
    def test_a_figure_opening_a_sentence_is_quoted_mid_sentence(
        self, make_repo: MakeRepo, old: str, new: str, said: str
    ) -> None:
        """Words capitalised only because they opened the statement lose the capital; months keep it."""
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", old)])],
            [("hs", "Housing", [("h-1", new)])],
        )
        assert said in _proposal(repo)

    def test_a_year_in_an_acts_name_is_no_figure(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should act.")])],
            [("hs", "Housing", [("h-1", "Councils should act, as the Housing Act 2004 asks.")])],
        )
        out = _proposal(repo)
        assert "2004 has been added" not in out
        assert "Paragraph 1.1 has been reworded." in out

    @pytest.mark.parametrize(
        ("old", "new", "said"),
        [
            (  # company named first: who is asked stands after the comma
                "Working with councils, the Government should fund hostels.",
                "Working with the Government, councils should fund hostels.",
                "to councils rather than the Government.",
            ),
            (
                "The Government, working with councils, should fund hostels.",
                "Councils, working with the Government, should fund hostels.",
                "to councils rather than the Government.",
            ),
            (  # a body's name is not cut at the word it shares with another
                "Homes England should fund hostels.",
                "Sport England should fund hostels.",
                "to Sport England rather than Homes England.",
            ),
            (  # the second party of an ask
                "We call on the Government to fund hostels and councils to publish data.",
                "We call on the Government to fund hostels and the police to publish data.",
                "to the police rather than councils.",
            ),
            (
                "The Government should fund hostels.",
                "The police should fund hostels.",
                "to the police rather than the Government.",
            ),
        ],
    )
    def test_who_is_asked_is_named_whole(
        self, make_repo: MakeRepo, old: str, new: str, said: str
    ) -> None:
        assert f"Paragraph 1.1 is now addressed {said}" in _proposal(
            _one_reworded(make_repo, old, new)
        )

    def test_actors_of_two_paragraphs_in_one_sentence(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should build homes."),
                                ("h-2", "Housing authorities should keep a list.")])],
            [("hs", "Housing", [("h-1", "Government should build homes."),
                                ("h-2", "Councils and probation should keep a list.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert (
            "Paragraph 1.1 is now addressed to government rather than councils, and paragraph "
            "1.2 to councils and probation rather than housing authorities." in out
        )

    def test_proper_names_keep_their_capitals(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "As large employers, councils should hire locally.")])],
            [("hs", "Housing", [("h-1", "As large employers, the NHS should hire locally.")])],
        )
        assert "is now addressed to the NHS rather than councils." in _proposal(repo)

    def test_editorial_only_says_nothing_extra(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should organize a forum.")])],
            [("hs", "Housing", [("h-1", "Councils should organise a forum .")])],
        )
        out = _proposal(repo)
        assert "The Housing section has been revised. **To be written" in out
        assert _paper(repo).proposal[1].amendments == ()

    def test_wording_only_names_the_paragraph(self, make_repo: MakeRepo) -> None:
        """Words no rule names still changed what a paragraph says: the paper says which."""
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should build homes for families.")])],
            [("hs", "Housing", [("h-1", "Councils should build homes for older people.")])],
        )
        out = _proposal(repo)
        assert (
            "The Housing section has been revised. Paragraph 1.1 has been reworded. "
            "**To be written" in out
        )

    def test_a_condition_added_is_named(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should build homes for families.")])],
            [("hs", "Housing", [("h-1", "Councils should build homes for families "
                                        "where resources allow.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert "A condition has been added to paragraph 1.1 (“where resources allow”)." in out
        assert "reworded" not in out

    def test_html_escapes_the_subject(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should build homes.")])],
            [("hs", "Housing", [("h-1", "Government <b>bold</b> should build homes.")])],
        )
        out = run("render", "report", "doc@v2", "--format", "html", repo=repo).stdout
        assert "<b>bold</b>" not in out
        assert "is now addressed to Government &lt;b&gt;bold&lt;/b&gt; rather than" in out


def _meeting(mid: str, body: str, date: str, reviews: str, item: str | None = None) -> str:
    """A meeting file with two comments, 1 and 2, the first answered in v2 (section hs)."""
    lines = ["meeting:", f"  id: {mid}", f"  body: {body}", f"  date: {date}"]
    if item:
        lines.append(f"  item: {item}")
    lines += [f'reviews: "{reviews}"', "comments:"]
    for cid in ("1", "2"):
        lines += [
            f'  - id: "{cid}"',
            "    kind: comment",
            f"    text: Comment {cid} of {mid}.",
            "    disposition: addressed" if cid == "1" else "    disposition: noted",
        ]
    return "\n".join(lines) + "\n"


SECTIONS_V1 = [("hs", "Housing", [("h-1", "Councils should build homes.")])]


def _two_meetings(make_repo: MakeRepo, second: tuple[str, str, str | None]) -> Path:
    """v1 reviewed by meeting a (Cabinet, 10 January 2024) and by meeting b (*second*:
    body, date, item); v2 answers comment 1 of each in section hs."""
    body, date, item = second
    v2 = _version("v2", "2024-06-01", [("hs", "Housing", [("h-1", "Councils must build homes.")])])
    v2 = v2.replace("    statements:", "    addresses: [a/1, b/1]\n    statements:", 1)
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2024-01-01", SECTIONS_V1),
            "doc/versions/v2.yaml": v2,
            "doc/meetings/a.yaml": _meeting("a", "Cabinet", "2024-01-10", "v1", "Housing review"),
            "doc/meetings/b.yaml": _meeting("b", body, date, "v1", item),
        }
    )


class TestMovedAndChanged:
    """A negation or amount moved, or one negation for another, is said as such, once."""

    @pytest.mark.parametrize(
        ("old", "new", "said", "listed"),
        [
            (
                "Councils should not fund housing but should fund advice.",
                "Councils should fund housing but should not fund advice.",
                "A negation has moved within paragraph 1.1 (“not”).",
                "“not” moved",
            ),
            (
                "Councils should not fund it.",
                "Councils should never fund it.",
                "A negation has changed in paragraph 1.1 (“not” to “never”).",
                "“not” changed to “never”",
            ),
        ],
    )
    def test_negation(
        self, make_repo: MakeRepo, old: str, new: str, said: str, listed: str
    ) -> None:
        repo = _one_reworded(make_repo, old, new)
        out = _proposal(repo)
        assert said in out
        assert "been added" not in out
        assert "been removed" not in out
        changes = run("render", "changes", "doc@v1", "doc@v2", repo=repo).stdout
        assert listed in changes


class TestBackgroundNamesEachMeeting:
    """With comments from two meetings, each list of comments says which meeting made it."""

    def test_two_dates(self, make_repo: MakeRepo) -> None:
        repo = _two_meetings(make_repo, ("Scrutiny Committee", "2024-02-20", None))
        out = run("render", "report", "doc@v2", repo=repo).stdout
        background = out.split("## Background", 1)[1].split("## Proposal", 1)[0]
        assert "taking account of members' comments (10 January 2024):" in background
        assert "taking account of members' comments (20 February 2024):" in background
        assert "**5.1** Comment 1 of b." in background
        # The proposal cites the numbers the background gives them: unique in the paper.
        assert "The section answers members' comments 2.1 and 5.1." in out

    def test_same_date(self, make_repo: MakeRepo) -> None:
        repo = _two_meetings(make_repo, ("Scrutiny Committee", "2024-01-10", None))
        out = run("render", "report", "doc@v2", repo=repo).stdout
        assert "members' comments (Cabinet, 10 January 2024):" in out
        assert "members' comments (Scrutiny Committee, 10 January 2024):" in out

    def test_same_body_same_date(self, make_repo: MakeRepo) -> None:
        """One body meeting twice in a day: their items tell them apart."""
        repo = _two_meetings(make_repo, ("Cabinet", "2024-01-10", "Budget"))
        out = run("render", "report", "doc@v2", repo=repo).stdout
        assert "members' comments (Cabinet, 10 January 2024, Housing review):" in out
        assert "members' comments (Cabinet, 10 January 2024, Budget):" in out

    def test_same_body_same_date_without_items(self, make_repo: MakeRepo) -> None:
        """Where one has no item, which meeting of the day it was; never the internal id."""
        repo = _two_meetings(make_repo, ("Cabinet", "2024-01-10", None))
        out = run("render", "report", "doc@v2", repo=repo).stdout
        assert "members' comments (Cabinet, 10 January 2024, first meeting):" in out
        assert "members' comments (Cabinet, 10 January 2024, second meeting):" in out
        assert (
            "The section answers members' comments 2.1 and 5.1." in out
        )  # the proposal's citation

    def test_api_and_word(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        import docx

        repo = _two_meetings(make_repo, ("Scrutiny Committee", "2024-02-20", None))
        paper = _paper(repo)
        lists = [n for n in paper.background if n.items]
        assert [n.text[-20:] for n in lists] == ["s (10 January 2024):", " (20 February 2024):"]
        target = tmp_path / "paper.docx"
        result = run("render", "report", "doc@v2", "--format", "docx", "-o", str(target), repo=repo)
        assert result.exit_code == 0, result.output
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert "members' comments (20 February 2024):" in text

    def test_html_ids_stay_unique(self, make_repo: MakeRepo) -> None:
        """Both meetings' comment 1 and the paper's paragraph 1 each get their own anchor."""
        repo = _two_meetings(make_repo, ("Scrutiny Committee", "2024-02-20", None))
        html = run("render", "report", "doc@v2", "--format", "html", repo=repo).stdout
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


class TestPdf:
    def test_pdf_says_it(self, tmp_path: Path) -> None:
        pytest.importorskip("weasyprint")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext is not installed")
        target = tmp_path / "paper.pdf"
        result = run(
            "render", "report", "going-straight@2024", "--format", "pdf", "-o", str(target)
        )
        assert result.exit_code == 0, result.output
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Paragraph 3.1 is now addressed to" in " ".join(text.split())


class TestAddedAndRemoved:
    """A revised section's paragraphs put in and taken out are named, in the paper and the
    comparison's list of what changed in substance."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        return _repo(
            make_repo,
            [INTRO, ("hs", "Housing", [("h-1", "Councils should keep a register."),
                                       ("h-2", "A settled home protects people."),
                                       ("h-3", "Councils should meet homelessness duties.")])],
            [INTRO, ("hs", "Housing", [("h-4", "Government must fund supported housing."),
                                       ("h-2", "A settled home protects people."),
                                       ("h-3", "Councils should meet homelessness duties."),
                                       ("h-5", "Councils should plan release days.")])],
        )  # fmt: skip

    def test_paper_says_which_are_new_and_which_went(self, repo: Path) -> None:
        out = _proposal(repo)
        assert (
            "The Housing section has been revised. Paragraphs 2.1 and 2.4 are new and former "
            "paragraph 2.1 (“Councils should keep a register”) has been removed. **To be written"
            in out
        )
        assert "Paragraphs 2.1 and 2.4 are new" in _paper(repo).proposal[2].text

    def test_one_removed_only(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should keep a register."),
                                ("h-2", "A settled home protects people."),
                                ("h-3", "Councils should act.")])],
            [("hs", "Housing", [("h-2", "A settled home protects people.")])],
        )  # fmt: skip
        assert (
            "The Housing section has been revised. Former paragraphs 1.1 (“Councils should keep "
            "a register”) and 1.3 (“Councils should act”) have been removed." in _proposal(repo)
        )

    def test_a_removed_paragraph_is_quoted_by_its_opening_words(self, make_repo: MakeRepo) -> None:
        # The annex no longer holds it: a member reading the paper sees which one went.
        # Markdown is read as its words (a cut could leave half a link or emphasis).
        long = (
            "Councils **must** keep a [register](https://example.org/r) of every person "
            "released from prison, this year and next."
        )
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", long), ("h-2", "A settled home protects people.")])],
            [("hs", "Housing", [("h-2", "A settled home protects people.")])],
        )
        assert (
            "Former paragraph 1.1 (“Councils must keep a register of every person released "
            "from …”) has been removed." in _proposal(repo)
        )

    def test_whole_new_section_keeps_its_sentence(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [INTRO],
            [INTRO, ("hs", "Housing", [("h-1", "Councils should keep a register.")])],
        )
        out = _proposal(repo)
        assert "A new section, Housing, has been added. **To be written" in out
        assert "is new" not in out

    def test_comparison_lists_them(self, repo: Path) -> None:
        result = run("render", "changes", "doc@v1", "doc@v2", repo=repo)
        assert result.exit_code == 0, result.output
        listed = result.stdout.split("in substance", 1)[1].split("\n\n")[1]
        assert listed.splitlines() == [
            "- 2.1 of version v1: removed.",
            "- 2.1: added.",
            "- 2.4: added.",
        ]

    def test_word(self, repo: Path, tmp_path: Path) -> None:
        import docx

        def text(*args: str) -> str:
            target = tmp_path / f"{args[0]}.docx"
            result = run("render", *args, "--format", "docx", "-o", str(target), repo=repo)
            assert result.exit_code == 0, result.output
            paragraphs = docx.Document(io.BytesIO(target.read_bytes())).paragraphs
            return "\n".join(p.text for p in paragraphs)

        assert "2.1 of version v1: removed." in text("changes", "doc@v1", "doc@v2")
        assert (
            "Paragraphs 2.1 and 2.4 are new and former paragraph 2.1 (“Councils should keep a "
            "register”) has been removed." in text("report", "doc@v1", "doc@v2")
        )
        html = run("render", "changes", "doc@v1", "doc@v2", "--format", "html", repo=repo)
        assert '<a href="#removed-st-h-1">2.1 of version v1</a>: removed.' in html.stdout

    def test_comparison_api(self, repo: Path) -> None:
        from policypos import documents
        from policypos.diff import diff
        from policypos.validate import open_checked

        document = open_checked(repo).repository.document("doc")
        doc = documents.comparison(
            document, diff(document.version("v1"), document.version("v2"), document)
        )
        said = [(p.named(doc.old), p.substance()) for p in doc.substantive]
        assert said == [("2.1 of version v1", "removed"), ("2.1", "added"), ("2.4", "added")]


class TestActorLists:
    """Three or more actors read as an English list, not "a and b and c"."""

    def test_three_actors(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils, prisons and probation should plan together.")])],
            [("hs", "Housing", [("h-1", "Councils, prisons and probation must plan together.")])],
        )
        out = _proposal(repo)
        assert "to requirements on councils, prisons and probation." in out, out


class TestRegister:
    """The amendments register (diff --format csv) says what the change set and the text view say."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        return _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should organize a forum."),
                                ("h-2", "Councils should build homes for families."),
                                ("h-3", "Councils should build 200 homes.")])],
            [("hs", "Housing", [("h-1", "Councils should organise a forum."),
                                ("h-2", "Councils should build homes for older people."),
                                ("h-3", "Councils should build 400 homes.")])],
        )  # fmt: skip

    def test_change_and_meaning_columns(self, repo: Path) -> None:
        import csv

        result = run("diff", "doc@v1", "doc@v2", "--format", "csv", repo=repo)
        assert result.exit_code == 0, result.output
        rows = {r[1]: r for r in csv.reader(io.StringIO(result.stdout))}
        # Paragraph, Change, Significance, What it means
        said = [[rows[n][1], rows[n][3], *rows[n][8:]] for n in ("1.1", "1.2", "1.3")]
        assert said == [
            ["1.1", "modified (editorial)", "editorial", "editorial"],
            ["1.2", "modified (substantive)", "substantive", "reworded"],
            ["1.3", "modified (substantive)", "substantive", "number: 200 -> 400"],
        ]
        text = run("diff", "doc@v1", "doc@v2", repo=repo).stdout
        for row in said:
            assert f"[{row[3]}]" in text

    def test_api(self, repo: Path) -> None:
        import csv

        from policypos import views
        from policypos.diff import diff
        from policypos.validate import open_checked

        document = open_checked(repo).repository.document("doc")
        changes = diff(document.version("v1"), document.version("v2"), document)
        rows = list(csv.reader(io.StringIO(views.amendments_csv(changes, document))))
        assert [r[3] for r in rows[1:]] == ["modified (editorial)", *2 * ["modified (substantive)"]]
        assert "reworded" not in rows[1]


class TestSplitAndMerged:
    """A paragraph split out of another, or merged into one, is said so, not just added or removed."""

    FIRST = "Probation and councils should share the addresses of people leaving prison."
    SECOND = "Every prison should offer advice on debt and benefits before release."
    THIRD = "Families of prisoners should be told where to find support near home."
    FOURTH = "Councils should fund mentoring schemes run by former offenders."

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        first, second, third, fourth = self.FIRST, self.SECOND, self.THIRD, self.FOURTH
        return _repo(
            make_repo,
            [("s", "Support", [("a", f"{first} {second}"), ("b", third), ("c", fourth)])],
            [("s", "Support", [("a", first), ("a2", second), ("b", f"{third} {fourth}")])],
        )

    def test_paper(self, repo: Path) -> None:
        assert (
            "Paragraph 1.2 has been split out of paragraph 1.1 and former paragraphs 1.2 and 1.3 "
            "have been merged into paragraph 1.3." in _proposal(repo)
        )

    def test_comparison(self, repo: Path) -> None:
        out = run("render", "changes", "doc@v1", "doc@v2", repo=repo).stdout
        assert "- 1.2: added, split out of former paragraph 1.1." in out
        assert "- 1.3 of version v1: removed; merged into paragraph 1.3." in out


class TestComparisonCounts:
    """The comparison's counts agree with the diff: editorial rewording and other changes named."""

    def test_case_only_is_edited_not_reworded(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils must fund hostels.")])],
            [("hs", "Housing", [("h-1", "Councils MUST fund hostels.")])],
        )
        out = run("render", "changes", "doc@v1", "doc@v2", repo=repo).stdout
        assert "paragraph by paragraph: 1 edited (editorial only), 0 unchanged." in out
        assert "*Paragraphs: 1 edited (editorial only).*" in out

    def test_a_section_whose_paragraphs_changed_otherwise_is_not_unchanged(
        self, make_repo: MakeRepo
    ) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils must fund hostels."), ("h-2", "Plans help.")])],
            [("hs", "Housing", [("h-9", "Councils must fund hostels."), ("h-2", "Plans help.")])],
        )
        out = run("render", "changes", "doc@v1", "doc@v2", repo=repo).stdout
        assert "paragraph by paragraph: 1 otherwise changed, 1 unchanged." in out
        assert "*Unchanged.*" not in out
        assert "*Wording unchanged.*" in out


class TestHowThePaperNamesWho:
    """Pronouns and names as they read in the paper's sentences."""

    def test_we_reads_as_us(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "The LGA will publish a plan.")])],
            [("hs", "Housing", [("h-1", "We will publish a plan.")])],
        )
        out = _proposal(repo)
        assert "Paragraph 1.1 is now addressed to us rather than the LGA." in out

    def test_a_requirement_on_us(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "We may publish a plan.")])],
            [("hs", "Housing", [("h-1", "We must publish a plan.")])],
        )
        out = _proposal(repo)
        assert "reworded from points to consider to requirements on us." in out

    def test_a_department_keeps_its_capitals(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "Councils should publish a plan.")])],
            [("hs", "Housing", [("h-1", "Department for Work and Pensions should publish a plan.")])],
        )  # fmt: skip
        out = _proposal(repo)
        assert "now addressed to Department for Work and Pensions rather than councils" in out

    @pytest.mark.parametrize(
        ("body", "named"),
        [("The DWP", "the DWP"), ("The Treasury", "the Treasury"), ("HMPPS", "HMPPS")],
    )
    def test_a_body_by_its_initials_keeps_them(
        self, make_repo: MakeRepo, body: str, named: str
    ) -> None:
        """Not "requirements on dwps": initials and single bodies as they are written."""
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", f"{body} may publish a plan.")])],
            [("hs", "Housing", [("h-1", f"{body} must publish a plan.")])],
        )
        out = _proposal(repo)
        assert f"reworded from points to consider to requirements on {named}." in out

    def test_an_ask_of_someone_reads_as_one(self, make_repo: MakeRepo) -> None:
        """``We call on the Government to`` asks it of the Government (ASKS)."""
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("h-1", "We call on the Government to publish a plan.")])],
            [("hs", "Housing", [("h-1", "We encourage the Government to publish a plan.")])],
        )
        out = _proposal(repo)
        assert "reworded from directions to points for government to consider." in out


class TestFurtherAsks:
    """An ask added beside one as strong is "a further" ask, not a stronger paragraph (B2)."""

    @pytest.mark.parametrize(
        ("old", "new", "said"),
        [
            (
                "Housing First should be available in every county, with support for as long "
                "as it is needed.",
                "Housing First should be available in every county, and its support should "
                "last as long as it is needed.",
                "Paragraph 1.1 now includes a further direction (“should”).",
            ),
            (
                "Councils must publish a plan, with a review for every ward.",
                "Councils must publish a plan, and its review must cover every ward.",
                "Paragraph 1.1 now includes a further requirement (“must”).",
            ),
            (
                "Councils could consider a plan, with a review for every ward.",
                "Councils could consider a plan, and its review should cover every ward.",
                "Paragraph 1.1 now includes a direction (“should”).",
            ),
            (
                "Housing First should be available in every county, and its support should "
                "last as long as it is needed.",
                "Housing First should be available in every county, with support for as long "
                "as it is needed.",
                "Paragraph 1.1 no longer includes one of its directions (“should”).",
            ),
            (
                "Councils must publish a plan, with a review for every ward.",
                "Councils must publish a plan, and its review should cover every ward.",
                "Paragraph 1.1 now includes a direction (“should”).",
            ),
            (
                "Councils could consider a plan, and its review should cover every ward.",
                "Councils could consider a plan, with a review for every ward.",
                "Paragraph 1.1 no longer includes a direction (“should”).",
            ),
        ],
    )
    def test_obligation_added_or_removed(
        self, make_repo: MakeRepo, old: str, new: str, said: str
    ) -> None:
        repo = _one_reworded(make_repo, old, new)
        out = _proposal(repo)
        assert said in out
        if "further" not in said and "one of its" not in said:
            assert "further" not in out
            assert "one of its" not in out

    def test_split_part_named_once(self, make_repo: MakeRepo) -> None:
        """A split part with two findings names the paragraph it came from once only."""
        repo = _repo(
            make_repo,
            [
                (
                    "hs",
                    "Housing",
                    [
                        (
                            "a",
                            "Councils should act early. Councils should not evict families in winter.",
                        )
                    ],
                )
            ],
            [
                (
                    "hs",
                    "Housing",
                    [
                        ("a", "Councils should act early."),
                        ("b", "Councils may evict families in winter after 2026."),
                    ],
                )
            ],
        )
        out = _proposal(repo)
        assert out.count("(split out of 1.1)") == 1, out
        assert "1.1, Housing" not in out


class TestSplitAndMergeNumbers:
    """A merge or split whose old and new numbers could be read as one paragraph is said plainly."""

    ONE = "Councils should assess carers within four weeks."
    TWO = "Councils should publish waiting times for assessments."
    THREE = "Councils should pay care workers the real living wage."
    BOTH = "Councils should publish waiting times for assessments and pay care workers the real living wage."

    def proposal(
        self, make_repo: MakeRepo, old: list[tuple[str, str]], new: list[tuple[str, str]]
    ) -> str:
        return _proposal(_repo(make_repo, [("c", "Care", old)], [("c", "Care", new)]))

    def test_merge_into_a_renumbered_paragraph(self, make_repo: MakeRepo) -> None:
        """The tester's case: 1.3 merged into the paragraph that is now 1.3 (was 1.2)."""
        out = self.proposal(
            make_repo,
            [("a", self.ONE), ("b", self.TWO), ("d", self.THREE)],
            [("a", self.ONE), ("n", "Councils should offer carers a break."), ("b", self.BOTH)],
        )
        assert "former paragraphs 1.2 and 1.3 have been merged into paragraph 1.3" in out
        assert "former paragraph 1.3 has been merged into paragraph 1.3" not in out
        assert ", Care)" not in out

    def test_merge_into_a_paragraph_that_kept_its_number(self, make_repo: MakeRepo) -> None:
        out = self.proposal(
            make_repo,
            [("a", self.ONE), ("b", self.TWO), ("d", self.THREE)],
            [("a", self.ONE), ("b", self.BOTH)],
        )
        assert "Former paragraph 1.3 has been merged into paragraph 1.2." in out

    def test_split_out_of_a_renumbered_paragraph(self, make_repo: MakeRepo) -> None:
        out = self.proposal(
            make_repo,
            [("a", self.ONE), ("b", f"{self.TWO} {self.THREE}")],
            [("a", self.ONE), ("d", self.THREE), ("b", self.TWO)],
        )
        assert "Paragraph 1.2 has been split out of former paragraph 1.2 (now 1.3)." in out


class TestWhoIsAddressed:
    """Bodies added beside those already asked are "also" asked, not asked instead (C5)."""

    @pytest.mark.parametrize(
        ("old", "new", "said"),
        [
            (
                "Councils should share data.",
                "Councils and integrated care boards should share data.",
                "Paragraph 1.1 is now also addressed to integrated care boards.",
            ),
            (
                "Councils and integrated care boards should share data.",
                "Councils should share data.",
                "Paragraph 1.1 is now addressed to councils only, no longer to integrated "
                "care boards.",
            ),
            (
                "Councils should share data.",
                "Government should share data.",
                "Paragraph 1.1 is now addressed to government rather than councils.",
            ),
        ],
    )
    def test_actor(self, make_repo: MakeRepo, old: str, new: str, said: str) -> None:
        repo = _one_reworded(make_repo, old, new)
        out = _proposal(repo)
        assert said in out
