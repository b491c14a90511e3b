"""Significance findings: what a change means, from the word rules in docs/diff.md."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from policypos import Significance, diff, findings, open_repository, redline
from policypos.cli import cli
from policypos.significance import labels, significance
from tests.conftest import SHIPPED, MakeRepo
from tests.golden import assert_golden


def found(old: str, new: str) -> list[str]:
    """The labels of every finding from *old* to *new*, kind first."""
    return [f.label() for f in findings(old, new, redline(old, new))]


def level(old: str, new: str) -> Significance | None:
    return significance(findings(old, new, redline(old, new)))


class TestObligation:
    """The strength of what is asked, on the modal scale, in both directions."""

    def test_softened(self) -> None:
        """should -> may wish to consider is a softening."""
        assert found(
            "Councils should make sure that people can study.",
            "Councils may wish to consider how people can study.",
        ) == ["softened: should -> may wish to consider", "wording: make sure that -> how"]

    def test_strengthened(self) -> None:
        """may -> must is a strengthening."""
        assert found("Councils may fund it.", "Councils must fund it.") == [
            "strengthened: may -> must"
        ]

    def test_same_strength_is_editorial(self) -> None:
        """must -> shall asks as much: editorial, not an obligation finding."""
        assert found("Councils must fund it.", "Councils shall fund it.") == [
            "editorial: must -> shall"
        ]
        assert level("Councils must fund it.", "Councils shall fund it.") is Significance.EDITORIAL

    def test_should_consider_is_a_point_to_consider(self) -> None:
        """The longest phrase wins: should -> should consider softens."""
        assert found("Councils should fund it.", "Councils should consider funding it.")[0] == (
            "softened: should -> should consider"
        )

    def test_month_may_is_not_a_modal(self) -> None:
        """In May is a month: a change of month is a date finding, not an obligation."""
        assert found("Councils should report in May.", "Councils should report in June.") == [
            "date: May -> June"
        ]
        assert found("Councils should report in June.", "Councils should report in May.") == [
            "date: June -> May"
        ]


class TestNegation:
    """A not, no, never, unless or except added or removed."""

    def test_removed_not_is_negation_not_obligation(self) -> None:
        """should not -> should: the modal stands, the negation went."""
        assert found("Councils should not fund it.", "Councils should fund it.") == [
            "negation removed: not"
        ]

    def test_added(self) -> None:
        """should -> should not, and an unless clause added."""
        assert found("Councils should fund it.", "Councils should not fund it.") == [
            "negation added: not"
        ]
        assert found("Councils should fund it.", "Councils should fund it unless told.") == [
            "negation added: unless",
            "wording: (none) -> told",
        ]

    def test_contraction(self) -> None:
        """shouldn't is a negation too."""
        assert level("Councils should fund it.", "Councils shouldn't fund it.") is (
            Significance.SUBSTANTIVE
        )


class TestNumbers:
    """Money, percentages and counts, normalised; references and ids are not amounts."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("fund 50% of it", "fund 25% of it"),
            ("give £2m", "give £3m"),
            ("decide within 28 days", "decide within 56 days"),
            ("at least three visits", "at least two visits"),
        ],
    )
    def test_changed_either_way(self, old: str, new: str) -> None:
        """An amount changed, in both directions, is a number finding."""
        for a, b in ((old, new), (new, old)):
            assert [f.kind.value for f in findings(a, b, redline(a, b))] == ["number"]

    def test_same_amount_written_differently(self) -> None:
        """£2m -> £2 million and 50% -> 50 per cent are the same amount: editorial."""
        assert level("give £2m", "give £2 million") is Significance.EDITORIAL
        assert level("fund 50% of it", "fund 50 per cent of it") is Significance.EDITORIAL
        assert level("give £2,000,000", "give £2m") is Significance.EDITORIAL

    def test_paragraph_reference_is_not_an_amount(self) -> None:
        """paragraph 3.2 -> 3.3 is a changed reference: reworded, not a number."""
        kinds = [
            f.kind.value
            for f in findings(
                "As paragraph 3.2 says, act.",
                "As paragraph 3.3 says, act.",
                redline("As paragraph 3.2 says, act.", "As paragraph 3.3 says, act."),
            )
        ]
        assert kinds == ["wording"]

    def test_ids_are_not_amounts(self) -> None:
        """Numbers inside ids (ee-1, sscb-2024-03/3.2) are not amounts or years."""
        old = "See ee-1 and sscb-2024-03/3.2 for this."
        new = "See ee-2 and sscb-2024-07/3.4 for this."
        assert {f.kind.value for f in findings(old, new, redline(old, new))} == {"wording"}


class TestDates:
    """Dates, months and years, normalised before they are compared."""

    def test_reformatted_date_is_not_a_change(self) -> None:
        """1 April 2025 -> 01/04/2025 is the same day: editorial, in both directions."""
        old, new = "Councils should act by 1 April 2025.", "Councils should act by 01/04/2025."
        assert found(old, new) == ["editorial: 1 April 2025 -> 01/04/2025"]
        assert level(new, old) is Significance.EDITORIAL
        assert level(old, "Councils should act by 2025-04-01.") is Significance.EDITORIAL

    def test_changed(self) -> None:
        """by 2025 -> by 2027 and a day changed are date findings."""
        assert found("Act by 2025.", "Act by 2027.") == ["date: 2025 -> 2027"]
        assert found("Act by 1 April 2025.", "Act by 2 April 2025.") == [
            "date: 1 April 2025 -> 2 April 2025"
        ]


class TestActor:
    """Who is asked to act: the actor nouns before the modal."""

    def test_changed(self) -> None:
        """councils should -> government should."""
        assert found("Councils should build homes.", "Government should build homes.") == [
            "actor: Councils -> Government"
        ]

    def test_subject_without_an_actor(self) -> None:
        """A subject naming no actor (a thing) says nothing about who acts."""
        assert found("Help should follow them.", "Councils should help them.")[0] != (
            "actor: Help -> Councils"
        )

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            # An actor word inside a longer word is not that actor: whole words only.
            (
                "The councillors should act.",
                "The councils should act.",
                "The councillors -> The councils",
            ),
            ("Officers should act.", "The office should act.", "Officers -> The office"),
            ("Boardroom staff should act.", "Staff should act.", None),
            (
                "Councillors should act; the council agrees.",
                "The councillors should act; the board agrees.",
                None,
            ),
            ("Councillors and staff should act.", "Staff should act.", "ok"),
            # A subject ending at an apostrophe ("'ll"), and one holding a possessive.
            (
                "The council'll fund it.",
                "The government'll fund it.",
                "The council -> The government",
            ),
            ("Each council's staff should act.", "Each council's own staff should act.", None),
            ("The council's officers should act.", "The minister's staff should act.", "ok"),
            # Capitals and the first word of the text.
            ("COUNCILS should act.", "GOVERNMENT should act.", "COUNCILS -> GOVERNMENT"),
        ],
    )
    def test_actor_words_are_whole_words(self, old: str, new: str, expected: str | None) -> None:
        """Who acts is read from whole actor words, in any of the cases a text writes them."""
        actors = [label for label in found(old, new) if label.startswith("actor")]
        if expected is None:
            assert actors == [], actors
        elif expected == "ok":
            assert len(actors) == 1, actors
        else:
            assert actors == [f"actor: {expected}"]
        # Both ways: the rule is the same read backwards.
        back = [label for label in found(new, old) if label.startswith("actor")]
        assert len(back) == len(actors)

    @pytest.mark.parametrize("mark", [". ", ".\n", ";\t", ":\u00a0", "!  ", "? "])
    def test_subject_starts_after_a_clause_mark(self, mark: str) -> None:
        """A clause ends at a mark and any white space after it: the subject starts there."""
        old = f"Councils must act{mark}Government should fund it."
        new = f"Councils must act{mark}The NHS should fund it."
        assert found(old, new) == ["actor: Government -> The NHS"]

    def test_mixed_case_actor_word_is_not_read(self) -> None:
        """Decision: a word in mixed case is not taken for an actor, as for a modal (``sHould``)."""
        assert not [
            label
            for label in found("GOVernment should act.", "Councils should act.")
            if label.startswith("actor")
        ]


class TestCoordinatedClauses:
    """tester 13, A1: a modal's subject starts after ", and" where a clause of its own ends."""

    GEN_3 = (
        "Community Safety Partnerships are the natural place to make those arrangements "
        "consistent, and devolution deals may offer another route."
    )

    def test_words_added_to_the_first_clause_are_no_change_of_who(self) -> None:
        new = self.GEN_3.replace("consistent,", "consistent across the new probation regions,")
        assert found(self.GEN_3, new) == ["wording: (none) -> across the new probation regions"]

    def test_a_change_of_who_in_the_second_clause_is_named_alone(self) -> None:
        old = self.GEN_3.replace("devolution deals may", "councils may")
        new = self.GEN_3.replace("devolution deals may", "government may")
        assert found(old, new)[0] == "actor: councils -> government"

    def test_a_list_of_those_asked_is_not_cut(self) -> None:
        """No verb before the comma: all three are asked."""
        assert found(
            "The police, health services, and councils should fund it.",
            "The police, health services, and government should fund it.",
        ) == ["actor: The police, health services, and councils -> The police, health services, "
              "and government"]  # fmt: skip


class TestEditorial:
    """Punctuation, case, spacing, spelling and listed synonyms."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("councils should act", "Councils should act."),
            ("Councils should  act.", "Councils should act."),
            ("Councils should make sure that it works.", "Councils should ensure that it works."),
            ("Councils should organize it.", "Councils should organise it."),
            ("Councils should work with neighbours.", "Councils should work with neighbors."),
            ("Councils should work whilst waiting.", "Councils should work while waiting."),
            # Stored another way and changed in case: editorial, not only the form.
            ("Fund the café.", "fund the cafe\u0301."),
        ],
    )
    def test_editorial(self, old: str, new: str) -> None:
        """Each of these, either way, is editorial."""
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL
        assert labels(findings(old, new, redline(old, new))) == ("editorial",)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Fund the café in Ynys Môn.", "Fund the cafe\u0301 in Ynys Mo\u0302n."),
            (
                "Councils should not fund it, naïvely.",
                "Councils should not fund it, nai\u0308vely.",
            ),
        ],
    )
    def test_stored_another_way(self, old: str, new: str) -> None:
        """The same letters stored two ways (NFC, NFD): editorial, and the label says why.

        The redline strikes out and inserts what looks like the same word.
        """
        assert level(old, new) is Significance.EDITORIAL
        assert labels(findings(old, new, redline(old, new))) == ("Unicode form only",)
        assert labels(findings(new, old, redline(new, old))) == ("Unicode form only",)

    def test_plural_is_not_a_typo(self) -> None:
        """council -> councils changes who acts in number: reworded, not a spelling fix."""
        assert level("The council should act.", "The councils should act.") is (
            Significance.SUBSTANTIVE
        )

    def test_unexplained_words_are_substantive(self) -> None:
        """Words no rule explains must be read: reworded."""
        old, new = "Plans should weigh alcohol.", "Plans should weigh alcohol and gambling."
        assert labels(findings(old, new, redline(old, new))) == ("reworded",)
        assert level(old, new) is Significance.SUBSTANTIVE

    def test_unchanged(self) -> None:
        """Equal texts have no findings and no significance."""
        assert findings("Same.", "Same.", redline("Same.", "Same.")) == ()
        assert level("Same.", "Same.") is None


class TestWhereInTheRedline:
    """Each finding names the redline pieces it covers."""

    def test_pieces(self) -> None:
        """The softening covers the deleted and inserted modal pieces."""
        old, new = "Councils should fund it.", "Councils may fund it."
        pieces = redline(old, new)
        (finding,) = findings(old, new, pieces)
        assert [pieces[k].text for k in finding.pieces] == ["should", "may"]


WORDS = [
    "councils",
    "government",
    "should",
    "must",
    "may",
    "not",
    "in",
    "May",
    "unless",
    "fund",
    "homes",
    "two",
    "April",
    "the",
    "make",
    "sure",
    "ensure",
]


def hostile_text() -> st.SearchStrategy[str]:
    """Texts from pieces that wake every rule, and characters that trouble them."""
    pieces = [
        *"aA sS'\u2019-\u2212+<>£$%.,;:!?\n\t0123456789\u0130\u0131\u00df\ufb01e\u0301",
        *["\u4f4f\u623f", "\U0001f642", "should", "not", "won't", "we'll", "May", "in "],
        *["2025/26", "twenty-eight", "£2m", " 1. ", "councils", "the will"],
    ]
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


@st.composite
def respelt(draw: st.DrawFn) -> tuple[str, str]:
    """A text of words, and the same words with white space, case and punctuation changed."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    seps = [" ", "  ", "\n", ", ", ". ", "; ", " - ", ": "]
    punct = ["", ".", "!", "?", ",", "'", '"']

    def text(ws: list[str]) -> str:
        out = draw(st.sampled_from(punct))
        for k, w in enumerate(ws):
            out += w if k == 0 else draw(st.sampled_from(seps)) + w
        return out + draw(st.sampled_from(punct))

    changed = [draw(st.sampled_from([w, w.upper(), w.lower(), w.title()])) for w in words]
    return text(words), text(changed)


class TestProperties:
    """Properties over generated texts."""

    @settings(max_examples=500, deadline=None)
    @given(hostile_text(), hostile_text())
    def test_any_change_is_read_without_error_and_never_silent(self, old: str, new: str) -> None:
        """Any two texts: findings never raise, and a changed text always has one."""
        found_ = findings(old, new, redline(old, new))
        labels(found_)
        assert bool(found_) == (old != new)

    @settings(max_examples=300, deadline=None)
    @given(respelt())
    def test_case_space_punctuation_never_substantive(self, pair: tuple[str, str]) -> None:
        """Changing only white space, case or punctuation is never substantive."""
        old, new = pair
        assert level(old, new) is not Significance.SUBSTANTIVE


def run(*args: str, repo: Path = SHIPPED) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


class TestShipped:
    """The going-straight 2005 -> 2024 revision."""

    def test_education_softened_accommodation_actor(self) -> None:
        """The four education statements soften; acc-1 moves from councils to government."""
        doc = open_repository(SHIPPED).document("going-straight")
        changes = diff(doc.version("2005"), doc.version("2024"), doc)
        by_id = {s.id: s for s in changes.statements()}
        for sid in ("ee-1", "ee-2", "ee-3", "ee-4"):
            assert by_id[sid].findings[0].direction == "softened", sid
            assert by_id[sid].significance is Significance.SUBSTANTIVE
        assert [f.label() for f in by_id["acc-1"].findings if f.kind == "actor"] == [
            "actor: Councils -> Government"
        ]
        for s in changes.statements():
            if s.change == "unchanged":
                assert (s.significance, s.findings) == (None, ()), s.id

    def test_golden(self, update_goldens: bool) -> None:
        """The whole list of findings, statement by statement, as the JSON has it."""
        result = run("diff", "going-straight@2005", "going-straight@2024", "--format", "json")
        data = json.loads(result.stdout)
        listed = {
            s["id"]: {"significance": s.get("significance"), "findings": s.get("findings", [])}
            for section in data["sections"]
            for s in section["statements"]
        }
        text = json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
        assert_golden("significance-going-straight-2005-2024.json", text, update_goldens)

    def test_without_significance(self) -> None:
        """diff(..., significance=False) leaves the fields empty, and the JSON without them."""
        doc = open_repository(SHIPPED).document("going-straight")
        changes = diff(doc.version("2005"), doc.version("2024"), doc, significance=False)
        assert all(s.significance is None and not s.findings for s in changes.statements())
        assert "significance" not in json.dumps(changes.to_dict())


EDITED = """\
version: "v2"
date: 2024-02-01
status: draft
sections:
  - id: s1
    title: One
    statements:
      - id: a
        text: {a}
      - id: b
        text: {b}
"""


class TestCommandLine:
    """diff --significance and --exit-code, as a pre-commit hook uses them."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Callable[[str, str], Path]:
        def make(a: str, b: str) -> Path:
            return make_repo(
                {
                    "doc/versions/v1.yaml": EDITED.format(a="Councils should act.", b="Keep it.")
                    .replace('"v2"', '"v1"')
                    .replace("2024-02-01", "2024-01-01"),
                    "doc/versions/v2.yaml": EDITED.format(a=a, b=b),
                }
            )

        return make

    def test_filter_substantive(self, repo: Callable[[str, str], Path]) -> None:
        """--significance substantive lists only substantive statements."""
        root = repo("Councils may act.", "keep it")
        result = run("diff", "doc@v1", "doc@v2", "--significance", "substantive", repo=root)
        assert result.exit_code == 0
        assert "  ~ a [softened: should -> may]  Councils [-should-]{+may+} act." in result.stdout
        assert "~ b" not in result.stdout
        result = run("diff", "doc@v1", "doc@v2", "--significance", "editorial", repo=root)
        assert "~ b [editorial]" in result.stdout
        assert "~ a" not in result.stdout

    def test_unicode_form_only(self, repo: Callable[[str, str], Path]) -> None:
        """A text saved decomposed (NFD) is labelled as such in the text and Markdown views."""
        root = repo("Councils should act.", "Keep the cafe\u0301 open.")
        v1 = root / "doc/versions/v1.yaml"
        v1.write_text(v1.read_text().replace("Keep it.", "Keep the café open."))
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert "  ~ b [Unicode form only]  Keep the [-café-]{+cafe\u0301+} open." in text
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=root).stdout
        assert "(Unicode form only)" in markdown
        args = ["diff", "doc@v1", "doc@v2", "--significance", "substantive", "--exit-code"]
        assert run(*args, repo=root).exit_code == 0

    def test_exit_code_follows_the_filter(self, repo: Callable[[str, str], Path]) -> None:
        """An editorial fix passes --significance substantive --exit-code; a softening fails it."""
        editorial = repo("Councils should act!", "keep it")
        args = ["diff", "doc@v1", "doc@v2", "--exit-code"]
        assert run(*args, repo=editorial).exit_code == 1
        assert run(*args, "--significance", "substantive", repo=editorial).exit_code == 0
        assert run(*args, "--significance", "editorial", repo=editorial).exit_code == 1

    def test_exit_code_fails_on_substantive(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """A softened statement makes --significance substantive --exit-code exit 1."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": EDITED.format(a="Councils should act.", b="Keep.")
                .replace('"v2"', '"v1"')
                .replace("2024-02-01", "2024-01-01"),
                "doc/versions/v2.yaml": EDITED.format(a="Councils could act.", b="Keep."),
            }
        )
        args = ["diff", "doc@v1", "doc@v2", "--exit-code", "--significance", "substantive"]
        assert run(*args, repo=root).exit_code == 1

    @pytest.mark.parametrize(
        ("where", "old", "new", "exit_code"),
        [
            (
                "preamble",
                "This replaces 2005.",
                "This does not replace 2005; councils must follow both.",
                1,
            ),
            ("preamble", "This replaces 2005.", "This replaces 2005!", 0),
            ("intro", "Points for councils to consider.", "Requirements councils must meet.", 1),
            ("intro", "Points for councils to consider.", "Points for Councils to consider.", 0),
            ("title", "One", "Something else", 1),
        ],
    )
    def test_version_and_section_text_count_too(
        self, make_repo: MakeRepo, where: str, old: str, new: str, exit_code: int
    ) -> None:
        """A preamble, section intro or title changed in substance fails the hook; editorially not."""

        def version(vid: str, date: str, text: str) -> str:
            body = EDITED.format(a="Councils should act.", b="Keep it.")
            body = body.replace('"v2"', f'"{vid}"').replace("2024-02-01", date)
            if where == "preamble":
                return body.replace("sections:", f"preamble: {text}\nsections:")
            if where == "intro":
                return body.replace("    statements:", f"    intro: {text}\n    statements:")
            return body.replace("title: One", f"title: {text}")

        root = make_repo(
            {
                "doc/versions/v1.yaml": version("v1", "2024-01-01", old),
                "doc/versions/v2.yaml": version("v2", "2024-02-01", new),
            }
        )
        args = ["diff", "doc@v1", "doc@v2", "--exit-code", "--significance", "substantive"]
        result = run(*args, repo=root)
        assert result.exit_code == exit_code, result.output
        plain = run("diff", "doc@v1", "doc@v2", "--exit-code", repo=root)
        assert plain.exit_code == 1  # unfiltered, any change fails

    def test_a_section_added_without_statements_is_substantive(self, make_repo: MakeRepo) -> None:
        """A new section, even before it holds a statement, fails the hook; a new id does not."""
        old = EDITED.format(a="Councils should act.", b="Keep it.")
        old = old.replace('"v2"', '"v1"').replace("2024-02-01", "2024-01-01")
        new = EDITED.format(a="Councils should act.", b="Keep it.")
        added = new + "  - id: s2\n    title: Two\n    intro: To be written.\n"
        args = ["diff", "doc@v1", "doc@v2", "--exit-code", "--significance"]
        root = make_repo({"doc/versions/v1.yaml": old, "doc/versions/v2.yaml": added})
        assert run(*args, "substantive", repo=root).exit_code == 1
        assert run(*args, "editorial", repo=root).exit_code == 0
        renamed = new.replace("id: s1", "id: s-one")
        root = make_repo({"doc/versions/v1.yaml": old, "doc/versions/v2.yaml": renamed})
        assert run(*args, "substantive", repo=root).exit_code == 0
        assert run(*args, "editorial", repo=root).exit_code == 1

    def test_json(self, repo: Callable[[str, str], Path]) -> None:
        """The JSON carries significance and findings on each changed statement."""
        root = repo("Councils must act.", "Keep it.")
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        (statement,) = [s for s in data["sections"][0]["statements"] if s["id"] == "a"]
        assert statement["significance"] == "substantive"
        assert statement["findings"] == [
            {
                "kind": "obligation",
                "direction": "strengthened",
                "old": "should",
                "new": "must",
                "pieces": [1, 2],
                "actors": ["council"],
            }
        ]
        (kept,) = [s for s in data["sections"][0]["statements"] if s["id"] == "b"]
        assert "significance" not in kept

    def test_bad_level(self) -> None:
        """An unknown level is a usage error (exit 2), not a traceback."""
        result = run("diff", "going-straight@2005", "going-straight@2024", "--significance", "x")
        assert result.exit_code == 2
        assert result.stderr.startswith("policypos: error: invalid value for '--significance'")
        assert result.stderr.endswith("(try 'policypos diff --help')\n")
        assert result.stderr.count("\n") == 1


class TestApi:
    """ChangeSet.of_significance, the API of --significance."""

    def test_of_significance(self) -> None:
        """Only statements of that significance remain, in sections that keep one."""
        doc = open_repository(SHIPPED).document("going-straight")
        changes = diff(doc.version("2005"), doc.version("2024"), doc)
        kept = changes.of_significance(Significance.SUBSTANTIVE)
        assert {s.significance for s in kept.statements()} == {Significance.SUBSTANTIVE}
        assert not kept.is_empty
        assert "family-support" not in [s.id for s in kept.sections]
        assert changes.of_significance(Significance.EDITORIAL).is_empty


class TestDocuments:
    """What the board documents make of the findings."""

    def test_board_paper_says_reworded_to_points_to_consider(self) -> None:
        """The proposal paragraph for Education and employment names the softening."""
        out = run("render", "report", "going-straight@2024").stdout
        assert (
            "The Education and employment section has been revised. Its paragraphs have been"
            " reworded from directions to points for councils to consider."
        ) in out

    def test_comparison_lists_substantive_changes_first(self) -> None:
        """The comparison opens with the paragraphs changed in substance, named ones first."""
        out = run("render", "changes", "going-straight@2005", "going-straight@2024").stdout
        listed = out.split("whom first:\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert listed[1] == (
            "- 2.1: softened from “should” to “may wish to consider”; "
            "condition “within the resources available” added."
        )
        assert listed[-2:] == ["- 4.1: reworded.", "- 4.3: reworded."]

    def test_word_comparison_says_it_too(self) -> None:
        """The Word comparison carries the same list and notes as the Markdown one."""
        import datetime as dt
        import io

        import docx

        from policypos import documents
        from policypos.render import Options, write_document

        document = open_repository(SHIPPED).document("going-straight")
        changes = diff(document.version("2005"), document.version("2024"), document)
        options = Options(format="docx", date=dt.datetime(2024, 7, 1))
        data = write_document("changes", documents.comparison(document, changes), options)
        assert isinstance(data, bytes)
        text = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        assert (
            "–\t2.1: softened from “should” to “may wish to consider”; "
            "condition “within the resources available” added." in text
        )
        assert any(t.startswith("(formerly 1.1; softened from “should”") for t in text)


class TestNothingHidesBehindAFinding:
    """A finding explains its own words only: what else changed beside it is still read.

    Each case was labelled editorial once, so a reviewer filtering on
    substantive changes would have skipped it.
    """

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            # a modal of the same strength, or softened, beside other words
            (
                "Councils must fund tenancy support.",
                "Councils shall partly fund tenancy support.",
                ["wording: (none) -> partly", "editorial: must -> shall"],
            ),
            (
                "The Government must fund 50% of the cost.",
                "The Government will meet 50 per cent of the cost.",
                [
                    "wording: fund -> meet",
                    "editorial: must -> will",
                    "editorial: 50% -> 50 per cent",
                ],
            ),
            # a date or amount written another way, beside a changed word
            (
                "Councils should have a protocol in place by 1 April 2025.",
                "Councils should have a protocol in place from 01/04/2025.",
                ["wording: by -> from", "editorial: 1 April 2025 -> 01/04/2025"],
            ),
            (
                "Councils should receive a £2m housing grant.",
                "Councils should receive a £2,000,000 hostel grant.",
                ["wording: housing -> hostel", "editorial: £2m -> £2,000,000"],
            ),
        ],
    )
    def test_the_rest_of_the_change_is_read(self, old: str, new: str, expected: list[str]) -> None:
        assert found(old, new) == expected
        assert level(old, new) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            ("Councils must fund it.", "Councils shall consider funding it.", "softened"),
            ("Councils must house them.", "Councils will seek to house them.", "softened"),
            ("Councils must house them.", "Councils will be able to house them.", "softened"),
            ("Councils will want to review it.", "Councils must review it.", "strengthened"),
            (
                "Councils should work with it.",
                "Councils should be required to work with it.",
                "strengthened",
            ),
        ],
    )
    def test_aims_and_considerations_are_not_promises(self, old: str, new: str, label: str) -> None:
        assert found(old, new)[0].startswith(label + ":")


class TestMovedAndKept:
    """A value moved is said once; a kept value changed is paired with what it became."""

    def test_negation_moved(self) -> None:
        old = "Councils should not fund housing but should fund advice."
        new = "Councils should fund housing but should not fund advice."
        assert found(old, new) == ["negation moved: not (now applies to other words)"]

    def test_kept_year_became_a_financial_year(self) -> None:
        assert found("Fund it by 2025.", "Fund it by 2025/26.") == ["date: 2025 -> 2025/26"]


class TestMovedNeverSilent:
    """A negation, amount or date moved or swapped within a statement is never editorial.

    Equal values once cancelled anywhere in the text, so a swap left nothing to say.
    """

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should not fund housing but should fund advice.",
                "Councils should fund housing but should not fund advice.",
            ),
            (
                "£2m should go to councils and £3m to the police.",
                "£3m should go to councils and £2m to the police.",
            ),
            ("Decide in 2025 and review in 2027.", "Decide in 2027 and review in 2025."),
            ("All councils should not fund hostels.", "Not all councils should fund hostels."),
        ],
    )
    def test_substantive(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Budgets should change by -5%.", "Budgets should change by 5%."),
            ("Pay -£2m.", "Pay £2m."),
        ],
    )
    def test_a_minus_sign_is_substantive(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.SUBSTANTIVE

    def test_a_dash_between_numbers_is_editorial(self) -> None:
        assert level("People aged 18-25.", "People aged 18\u201325.") is Significance.EDITORIAL


class TestModalsPairedWhereTheyChanged:
    """Modals whose words changed are paired within one change of the redline first."""

    def test_a_sentence_removed_before_a_softened_one(self) -> None:
        old = (
            "Councils must assess need within 28 days. "
            "Probation should refer people 12 weeks before release."
        )
        new = "Probation may refer people 12 weeks before release."
        labels_found = found(old, new)
        assert labels_found[:2] == ["softened: should -> may", "softened: must -> (none)"]
        assert not any(label.startswith("actor") for label in labels_found)


class TestLabels:
    """What the views show: each named finding once."""

    def test_a_recurring_label_is_counted(self) -> None:
        old = " ".join(f"Item {n} costs money." for n in range(3))
        new = " ".join(f"Item {n} should consider money." for n in range(3))
        shown = labels(findings(old, new, redline(old, new)))
        assert shown == ("strengthened: (none) -> should consider (3 times)",)


class TestListNumbers:
    """The number of a list item is its order, not an amount."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("2. Councils should fund it.", "3. Councils should fund it."),
            ("Steps:\n  2) Fund it.", "Steps:\n  3) Fund it."),
        ],
    )
    def test_not_an_amount(self, old: str, new: str) -> None:
        assert not any(label.startswith("number") for label in found(old, new))

    def test_labels_are_one_line(self) -> None:
        old, new = "The local\ncouncils should fund it.", "The\ngovernment should fund it."
        assert found(old, new)[0] == "actor: The local councils -> The government"


class TestCountsInWords:
    """A count written with a hyphen is one number."""

    def test_twenty_eight(self) -> None:
        assert level("Decide within 28 days.", "Decide within twenty-eight days.") is (
            Significance.EDITORIAL
        )
        assert found("Decide within twenty-eight days.", "Decide within thirty-one days.") == [
            "number: twenty-eight days -> thirty-one days"
        ]


class TestYearsAndVariants:
    """Financial years are dates; whole words spelt the British or American way are one word."""

    def test_financial_year(self) -> None:
        assert found("Fund it in 2025/26.", "Fund it in 2026/27.") == ["date: 2025/26 -> 2026/27"]
        assert level("Fund it in 2025/26.", "Fund it in 2025-26.") is Significance.EDITORIAL

    @pytest.mark.parametrize(("old", "new"), [("programme", "program"), ("ageing", "aging")])
    def test_variant_spelling(self, old: str, new: str) -> None:
        text = "Councils should run an {} plan."
        assert level(text.format(old), text.format(new)) is Significance.EDITORIAL


class TestTypingSlips:
    """A one-letter change is editorial only when one side is not an English word."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("hostels", "hotels"),
            ("referred", "deferred"),
            ("retain", "detain"),
            ("adopted", "adapted"),
            ("carers", "careers"),
            ("police", "policy"),
            ("protected", "projected"),
            ("decentralise", "recentralise"),
        ],
    )
    def test_two_real_words_are_a_rewording(self, old: str, new: str) -> None:
        text = "People released into {} should get support."
        assert level(text.format(old), text.format(new)) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(("old", "new"), [("goverment", "government"), ("recieve", "receive")])
    def test_a_slip_mended_is_editorial(self, old: str, new: str) -> None:
        text = "The {} should act."
        assert level(text.format(old), text.format(new)) is Significance.EDITORIAL


class TestSignsAndApostrophes:
    """Comparisons, signs and where an apostrophe stands change what a text says."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Reduce it to >50% of the baseline.", "Reduce it to <50% of the baseline."),
            ("Budgets should change by -5%.", "Budgets should change by +5%."),
            ("Offer it to people aged 18+.", "Offer it to people aged 18."),
            ("Offer it to people aged ≥ 18.", "Offer it to people aged ≤ 18."),
            ("The council's officers should attend.", "The councils' officers should attend."),
            # A comparison dropped between or before plain ASCII numbers.
            ("Rents of 5 < 6 apply.", "Rents of 5 6 apply."),
            ("Costs fell <5.", "Costs fell 5."),
            ("Use a > b here.", "Use a b here."),
        ],
    )
    def test_substantive(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            ("Councils shouldn’t charge.", "Councils should charge.", "negation removed"),
            ("Councils mustn't charge.", "Councils must charge.", "negation removed"),
            ("Councils can’t charge.", "Councils can charge.", "negation removed"),
            (
                "Councils should not fund it.",
                "Councils should never fund it.",
                "negation changed: not -> never",
            ),
            # in two places of the redline: said apart
            (
                "Councils should have no role.",
                "Councils should not have a role.",
                "negation added: not",
            ),
            (
                "Councils should have no role.",
                "Councils should not have a role.",
                "negation removed: no",
            ),
        ],
    )
    def test_negations_in_contractions(self, old: str, new: str, expected: str) -> None:
        assert any(label.startswith(expected) for label in found(old, new))

    def test_will_contracted(self) -> None:
        assert found("We'll fund it.", "We may fund it.") == ["softened: 'll -> may"]
        assert level("We'll fund it.", "We will fund it.") is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils shouldn't charge.", "Councils should not charge."),
            ("Councils cannot charge.", "Councils can't charge."),
            ("Councils do not charge.", "Councils don’t charge."),
            ("The council's officers should attend.", "The council’s officers should attend."),
        ],
    )
    def test_contraction_spelt_out_is_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL


class TestPossibilityAndRequests:
    """``can``, ``would`` and ``are asked to`` are on the modal scale (docs/diff.md)."""

    @pytest.mark.parametrize(
        ("old", "new", "forward"),
        [
            (
                "Councils should refer people to the housing options team.",
                "Councils can refer people to the housing options team.",
                "softened: should -> can",
            ),
            (
                "Probation services must share release dates with councils.",
                "Probation services can share release dates with councils.",
                "softened: must -> can",
            ),
            (
                "Councils should fund tenancy support for care leavers.",
                "Councils can consider funding tenancy support for care leavers.",
                "softened: should -> can consider",
            ),
            (
                "The council will publish a joint protocol with probation.",
                "The council would publish a joint protocol with probation.",
                "softened: will -> would",
            ),
            (
                "Partners may wish to consider a joint protocol.",
                "Partners are asked to agree a joint protocol.",
                "strengthened: may wish to consider -> are asked to",
            ),
            (
                "Each district council is expected to name a lead officer.",
                "Each district council can name a lead officer.",
                "softened: is expected to -> can",
            ),
        ],
    )
    def test_on_the_scale_both_ways(self, old: str, new: str, forward: str) -> None:
        """Each change is an obligation finding, softened one way and strengthened the other."""
        assert found(old, new)[0] == forward
        name, words = forward.split(": ")
        back = "strengthened" if name == "softened" else "softened"
        one, other = words.split(" -> ")
        assert found(new, old)[0] == f"{back}: {other} -> {one}"

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should publish a protocol.", "Councils are asked to publish a protocol."),
            ("Councils are expected to publish it.", "Councils are asked to publish it."),
            ("Councils need to fund it.", "Councils would need to fund it."),
            ("Councils may wish to consider it.", "Councils could consider it."),
            ("Councils should consider it.", "Councils are asked to consider it."),
            ("Councils can't charge for advice.", "Councils cannot charge for advice."),
            ("Councils cannot charge for advice.", "Councils can not charge for advice."),
        ],
    )
    def test_same_strength_is_editorial(self, old: str, new: str) -> None:
        """A request is as strong as should; a need stated conditionally is still a need."""
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            ("Councils cannot charge for advice.", "Councils can charge for advice.", "negation"),
            ("Councils can't charge for advice.", "Councils can charge for advice.", "negation"),
            (
                "The review should open a can of worms for councils.",
                "The review should open a can of problems for councils.",
                "wording",
            ),
            (
                "Councils should respect the will of residents.",
                "Councils should respect the wishes of residents.",
                "wording",
            ),
            ("Councils can report in May.", "Councils can report in June.", "date"),
            (
                "Councils should make sure that people can study.",
                "Councils should make sure that people could study.",
                "wording",
            ),
            (
                "Councils could consider how services can help.",
                "Councils could consider how services might help.",
                "wording",
            ),
        ],
    )
    def test_what_is_not_a_change_of_ask(self, old: str, new: str, expected: str) -> None:
        """cannot is can and a negation; a can of, the will of, May; can in a how or that clause."""
        for a, b in ((old, new), (new, old)):
            kinds = {f.kind.value for f in findings(a, b, redline(a, b)) if f.substantive}
            assert kinds == {expected}, (a, b)

    def test_a_main_clause_after_a_comma(self) -> None:
        """If funding allows, councils can refer: the can is the main verb of its clause."""
        assert found(
            "If funding allows, councils should refer people.",
            "If funding allows, councils can refer people.",
        ) == ["softened: should -> can"]


class TestSpacedMinus:
    """A ``-`` spaced from its number is a minus after a word like by or of, a dash after a number."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Budgets should reduce by - 5%.", "Budgets should reduce by 5%."),
            ("Budgets should reduce by \u2212 5%.", "Budgets should reduce by 5%."),
            (
                "Real-terms growth should be - 2% this year.",
                "Real-terms growth should be 2% this year.",
            ),
            ("Funding fell to - £2m in 2024.", "Funding fell to £2m in 2024."),
            ("- 5% is the ceiling for council tax.", "5% is the ceiling for council tax."),
            ("The grant changes (- 3%) should stand.", "The grant changes (3%) should stand."),
            ("Reduce the budget by 5%.", "Reduce the budget to - 5%."),
        ],
    )
    def test_a_spaced_minus_removed_is_substantive(self, old: str, new: str) -> None:
        """Dropping a spaced minus turns a cut into a rise: never editorial, either way."""
        assert level(old, new) is Significance.SUBSTANTIVE
        assert level(new, old) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Budgets should reduce by -5%.", "Budgets should reduce by - 5%."),
            ("Budgets should reduce by - 5%.", "Budgets should reduce by \u2212 5%."),
            (
                "People aged 16 - 24 should be offered a place.",
                "People aged 16-24 should be offered a place.",
            ),
            ("A rise of 5 - 10% is expected.", "A rise of 5\u201310% is expected."),
            (
                "Councils - and their partners - should act.",
                "Councils, and their partners, should act.",
            ),
            ("The target - 5% - should stand.", "The target, 5%, should stand."),
        ],
    )
    def test_the_same_sign_or_a_dash_is_editorial(self, old: str, new: str) -> None:
        """A minus written spaced or closed up, and a dash between numbers or words, are editorial."""
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL


class TestYearOrCount:
    """A number from 1900 to 2099 is a year by its neighbours, else a count (docs/diff.md)."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Forces should recruit 2000 more officers.",
                "Forces should recruit 2500 more officers.",
            ),
            (
                "Councils should build 1500 homes a year.",
                "Councils should build 1800 homes a year.",
            ),
            ("Councils should fund 2,000 places.", "Councils should fund 2,500 places."),
            (
                "Some 1950 households are in temporary housing.",
                "Some 2010 households are in temporary housing.",
            ),
            (
                "Councils should house 2000 people by 2030.",
                "Councils should house 2100 people by 2030.",
            ),
        ],
    )
    def test_a_count(self, old: str, new: str) -> None:
        """A count, either way, is a number finding and never a date."""
        for a, b in ((old, new), (new, old)):
            assert [f.kind.value for f in findings(a, b, redline(a, b))] == ["number"], (a, b)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should act in 2025.", "Councils should act in 2026."),
            ("Councils should act by 2030.", "Councils should act by 2028."),
            ("Since 2019 councils have led the work.", "Since 2020 councils have led the work."),
            ("The 2025 strategy should stand.", "The 2026 strategy should stand."),
            ("The plan runs 2025-2030 for councils.", "The plan runs 2025-2031 for councils."),
            ("Decide in 2025 and 2026 with partners.", "Decide in 2025 and 2027 with partners."),
            ("2025 will see councils take the lead.", "2026 will see councils take the lead."),
            ("This replaces the positions of 2005.", "This replaces the positions of 2004."),
            (
                "Councils should house 2000 people by 2030.",
                "Councils should house 2000 people by 2031.",
            ),
        ],
    )
    def test_a_year(self, old: str, new: str) -> None:
        """A year, either way, is a date finding."""
        for a, b in ((old, new), (new, old)):
            assert [f.kind.value for f in findings(a, b, redline(a, b))] == ["date"], (a, b)


class TestPassive:
    """In a passive clause after a modal, who acts is the agent after ``by``, if any."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Government should fund councils.", "Councils should be funded by government."),
            (
                "The Ministry of Justice must fund resettlement hostels.",
                "Resettlement hostels must be funded by the Ministry of Justice.",
            ),
            (
                "Probation and the council must agree each release plan.",
                "Each release plan must be agreed by probation and the council.",
            ),
            (
                "Councils should publish the joint protocol by April.",
                "The joint protocol should be jointly published by councils by April.",
            ),
        ],
    )
    def test_active_to_passive_keeps_the_actor(self, old: str, new: str) -> None:
        """The same actor as subject and as agent: no actor finding, either way."""
        for a, b in ((old, new), (new, old)):
            assert not [label for label in found(a, b) if label.startswith("actor")], (a, b)
            assert level(a, b) is Significance.SUBSTANTIVE  # still reworded: a reader checks

    @pytest.mark.parametrize(
        ("old", "new", "forward"),
        [
            (
                "Release plans must be agreed by probation before release.",
                "Release plans must be agreed by the prison before release.",
                "actor: probation -> the prison",
            ),
            (
                "Offenders should be housed by councils.",
                "Offenders should be housed by government.",
                "actor: councils -> government",
            ),
            (
                "Release plans should be agreed by probation.",
                "Release plans ought to be agreed by the prison.",
                "actor: probation -> the prison",
            ),
            (
                "Councils should fund resettlement hostels.",
                "Resettlement hostels should be funded by the Treasury.",
                "actor: Councils -> the Treasury",
            ),
            (
                "Tenancy support must be paid for by councils, not by landlords.",
                "Tenancy support must be paid for by landlords, not by councils.",
                "actor: councils -> landlords",
            ),
        ],
    )
    def test_a_changed_agent_is_an_actor_finding(self, old: str, new: str, forward: str) -> None:
        """A new agent after by, or a subject become another agent, changes who acts."""
        assert found(old, new)[0] == forward
        one, other = forward.removeprefix("actor: ").split(" -> ")
        assert found(new, old)[0] == f"actor: {other} -> {one}"

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should fund hostels.", "Hostels should be funded."),
            ("Councils should fund hostels by 2025.", "Hostels should be funded by 2025."),
            ("Councils must agree the protocol.", "The protocol must be agreed in May."),
        ],
    )
    def test_a_passive_without_an_agent_names_nobody(self, old: str, new: str) -> None:
        """No agent after by (or by a date): no actor, so no actor finding."""
        for a, b in ((old, new), (new, old)):
            assert not [label for label in found(a, b) if label.startswith("actor")], (a, b)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should be prepared to fund hostels.",
                "Government should be prepared to fund hostels.",
            ),
            (
                "Councils should be involved in release planning.",
                "Government should be involved in release planning.",
            ),
            (
                "Councils should be obliged to house prison leavers.",
                "Government should be obliged to house prison leavers.",
            ),
        ],
    )
    def test_a_participle_describing_the_subject_is_not_a_passive(self, old: str, new: str) -> None:
        """prepared to, involved in, obliged to: the subject still acts."""
        assert found(old, new) == ["actor: Councils -> Government"]

    def test_the_obligation_names_the_agent(self) -> None:
        """A softening into a passive asks the agent: Finding.actors holds it."""
        old = "Councils should fund hostels for people leaving prison."
        new = "Hostels for people leaving prison may be funded by councils."
        (obligation,) = [f for f in findings(old, new, redline(old, new)) if f.kind == "obligation"]
        assert (obligation.label(), obligation.actors) == ("softened: should -> may", ("council",))
        no_agent = "Hostels for people leaving prison may be funded."
        (obligation,) = [
            f for f in findings(old, no_agent, redline(old, no_agent)) if f.kind == "obligation"
        ]
        assert obligation.actors == ()


class TestThroughTheCommandLine:
    """What a user sees of each fixed kind: the diff label, and the board paper's sentence."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Callable[[str, str], Path]:
        def make(a: str, b: str) -> Path:
            return make_repo(
                {
                    "doc/versions/v1.yaml": EDITED.format(a=a, b="Keep it.")
                    .replace('"v2"', '"v1"')
                    .replace("2024-02-01", "2024-01-01"),
                    "doc/versions/v2.yaml": EDITED.format(a=b, b="Keep it."),
                }
            )

        return make

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Councils should refer people to the housing options team.",
                "Councils can refer people to the housing options team.",
                "[softened: should -> can]",
            ),
            (
                "Release plans must be agreed by probation before release.",
                "Release plans must be agreed by the prison before release.",
                "[actor: probation -> the prison]",
            ),
            (
                "Government should fund councils to house prison leavers.",
                "Councils should be funded by government to house prison leavers.",
                "[reworded]",
            ),
            (
                "Forces should recruit 2000 more officers.",
                "Forces should recruit 2500 more officers.",
                "[number: 2000 -> 2500]",
            ),
            (
                "Budgets should reduce by - 5% in 2025/26.",
                "Budgets should reduce by 5% in 2025/26.",
                "[reworded]",
            ),
            (
                "Councils should house people aged 16 - 24.",
                "Councils should house people aged 16\u201324.",
                "[editorial]",
            ),
        ],
    )
    def test_diff_label(
        self, repo: Callable[[str, str], Path], old: str, new: str, label: str
    ) -> None:
        """policypos diff shows the label after the statement id."""
        result = run("diff", "doc@v1", "doc@v2", repo=repo(old, new))
        assert result.exit_code == 0
        assert f"  ~ a {label}  " in result.stdout

    def test_board_paper_names_the_agent(self, repo: Callable[[str, str], Path]) -> None:
        """The report says whom a passive now addresses, and whom a softening asks."""
        root = repo(
            "Release plans must be agreed by probation before release.",
            "Release plans must be agreed by the prison before release.",
        )
        out = run("render", "report", "doc@v2", repo=root).stdout
        assert "Paragraph 1.1 is now addressed to the prison rather than probation." in out
        root = repo(
            "Councils should fund hostels for people leaving prison.",
            "Hostels for people leaving prison may be funded by councils.",
        )
        out = run("render", "report", "doc@v2", repo=root).stdout
        assert "reworded from directions to points for councils to consider." in out


class TestNamesAreNotSlips:
    """A one-letter change to a capitalised word mid-sentence is a different name, not a slip."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Offices in Durham should share release dates.",
                "Offices in Dunham should share release dates.",
            ),
            ("Councils in Halton should lead.", "Councils in Hatton should lead."),
            (
                "Councils should work with Halton, Knowsley and Sefton.",
                "Councils should work with Hatton, Knowsley and Sefton.",
            ),
            ("Probation in North Durham should refer.", "Probation in north Dunham should refer."),
            ("The Goverment should act now.", "The Government should act now."),
            ("Probation in\nDurham should refer.", "Probation in\nDunham should refer."),
            # First in its sentence, but a capitalised word follows: a name.
            ("Durham County Council should lead.", "Dunham County Council should lead."),
        ],
    )
    def test_a_name_changed_is_substantive(self, old: str, new: str) -> None:
        """Either way, a reviewer must read it: never editorial."""
        assert level(old, new) is Significance.SUBSTANTIVE
        assert level(new, old) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("The goverment should act now.", "The government should act now."),
            ("Goverment should act now.", "Government should act now."),
            (
                "Councils should act. Goverment should fund them.",
                "Councils should act. Government should fund them.",
            ),
            (
                "The World Health Organization should act.",
                "The World Health Organisation should act.",
            ),
        ],
    )
    def test_a_slip_or_a_spelling_is_still_editorial(self, old: str, new: str) -> None:
        """A slip in a lower-case word or first in its sentence, and a British ending, stay editorial."""
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL


class TestAskInASubordinateClause:
    """A modal in a clause that describes, under the ask of a modal before it, asks nothing."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should share data with the police, which will help to cut crime.",
                "Councils should share data with the police, which may help to cut crime.",
            ),
            (
                "Councils should fund services that will reduce reoffending.",
                "Councils should fund services that could reduce reoffending.",
            ),
            (
                "Councils should fund hostels that must meet standards.",
                "Councils should fund hostels that should meet standards.",
            ),
        ],
    )
    def test_a_description_is_reworded_not_softened(self, old: str, new: str) -> None:
        assert [f.split(":")[0] for f in found(old, new)] == ["wording"]
        assert level(old, new) is Significance.SUBSTANTIVE

    def test_an_ask_after_and_is_still_an_ask(self) -> None:
        """No subordinating word between the two: the second modal asks too."""
        assert found(
            "Councils should fund hostels and must report on them.",
            "Councils should fund hostels and may report on them.",
        ) == ["softened: must -> may"]

    def test_a_clause_with_no_ask_before_it_keeps_its_modal(self) -> None:
        """It is essential that councils should ...: nothing asks before should."""
        assert found(
            "It is essential that councils should fund hostels.",
            "It is essential that councils may fund hostels.",
        ) == ["softened: should -> may"]


class TestEssential:
    """It is essential that ... asks as much as must; it would be helpful if ... is a point."""

    def test_essential_to_helpful_softens(self) -> None:
        assert (
            found(
                "It is essential that councils have a plan.",
                "It would be helpful if councils had a plan.",
            )[0]
            == "softened: is essential that -> would"
        )

    def test_important_to_essential_strengthens(self) -> None:
        assert found(
            "It is important that councils have a plan.",
            "It is essential that councils have a plan.",
        ) == ["strengthened: is important that -> is essential that"]


class TestUrged:
    """Being urged to act is a request, as strong as should."""

    def test_should_to_urged_is_editorial(self) -> None:
        old, new = (
            "Government should give councils funding.",
            "Government is urged to give councils funding.",
        )
        assert found(old, new) == ["editorial: should -> is urged to"]

    def test_urged_to_may_softens(self) -> None:
        assert found("Councils are urged to act.", "Councils may act.") == [
            "softened: are urged to -> may"
        ]


class TestChainedModals:
    """A modal before another (may need to) is one phrase, as strong as its weaker half."""

    def test_may_added_before_need_to_softens(self) -> None:
        assert found(
            "Councils need to involve district councils.",
            "Councils may need to involve district councils.",
        ) == ["softened: need to -> may need to"]

    def test_may_removed_before_need_to_strengthens(self) -> None:
        assert found(
            "Councils may need to involve district councils.",
            "Councils need to involve district councils.",
        ) == ["strengthened: may need to -> need to"]

    def test_must_to_may_have_to_is_one_softening(self) -> None:
        assert found("Councils must have a plan.", "Councils may have to have a plan.") == [
            "softened: must -> may have to"
        ]

    def test_will_need_to_is_a_requirement(self) -> None:
        assert level("Councils must fund it.", "Councils will need to fund it.") is (
            Significance.EDITORIAL
        )


class TestRulingModal:
    """A modal added or removed after another in its clause changes what that one asked."""

    def test_may_added_to_one_item_of_a_list_softens_it(self) -> None:
        old = "Councils should fund support, commission mentoring and publish data."
        new = "Councils should fund support, commission mentoring and may publish data."
        assert found(old, new) == ["softened: should -> may"]
        (finding,) = findings(old, new, redline(old, new))
        assert finding.actors == ("council",)

    def test_may_removed_from_one_item_strengthens_it(self) -> None:
        assert found(
            "Councils should fund hostels and may publish data.",
            "Councils should fund hostels and publish data.",
        ) == ["strengthened: may -> should"]

    def test_the_same_strength_again_is_editorial(self) -> None:
        old = "Councils should fund hostels and publish data."
        new = "Councils should fund hostels and should publish data."
        assert level(old, new) is Significance.EDITORIAL

    def test_the_ruling_modal_as_it_was(self) -> None:
        """must ruled the item before; should rules it now: the item went from must to may."""
        assert found(
            "Councils must fund hostels and publish data.",
            "Councils should fund hostels and may publish data.",
        ) == ["softened: must -> should", "softened: must -> may"]

    def test_a_modal_with_nothing_before_it_is_still_added(self) -> None:
        assert found("Councils fund hostels.", "Councils may fund hostels.") == [
            "strengthened: (none) -> may"
        ]


class TestMattersToConsider:
    """should consider asks the reader to consider; may wish to consider leaves it to them."""

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Councils should consider how procurement can help.",
                "Councils may wish to consider how procurement can help.",
                "softened: should consider -> may wish to consider",
            ),
            (
                "Councils could consider a protocol.",
                "Councils should consider a protocol.",
                "strengthened: could consider -> should consider",
            ),
            (
                "Councils should consider a protocol.",
                "Councils should publish a protocol.",
                "strengthened: should consider -> should",
            ),
        ],
    )
    def test_the_scale_has_four_steps(self, old: str, new: str, label: str) -> None:
        assert found(old, new)[0] == label

    def test_exit_code_fails_on_it(self, make_repo: MakeRepo) -> None:
        """The seed paper's own reason: tell councils what to consider, not what to do."""
        before = "Councils should consider how procurement can help."
        after = "Councils may wish to consider how procurement can help."
        root = make_repo(
            {
                "doc/versions/v1.yaml": EDITED.format(a=before, b="Keep.")
                .replace('"v2"', '"v1"')
                .replace("2024-02-01", "2024-01-01"),
                "doc/versions/v2.yaml": EDITED.format(a=after, b="Keep."),
            }
        )
        args = ["diff", "doc@v1", "doc@v2", "--exit-code", "--significance", "substantive"]
        result = run(*args, repo=root)
        assert result.exit_code == 1
        assert "softened: should consider -> may wish to consider" in result.stdout


class TestBoundsAreNotNegations:
    """no later than, not more than, not only, without delay: phrases that deny nothing."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should respond no later than 31 March 2026.",
                "Councils should respond by 31 March 2026.",
            ),
            (
                "Councils should house no fewer than 100 people.",
                "Councils should house at least 100 people.",
            ),
            (
                "Councils should house not more than 10 people.",
                "Councils should house at most 10 people.",
            ),
        ],
    )
    def test_a_bound_written_another_way_is_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should not only fund hostels but also support.",
                "Councils should fund both hostels and support.",
            ),
            ("Councils should act without delay.", "Councils should act promptly."),
            (
                "Councils should respond no later than 31 March.",
                "Councils should respond no earlier than 31 March.",
            ),
        ],
    )
    def test_no_negation_is_reported(self, old: str, new: str) -> None:
        labels_found = found(old, new)
        assert labels_found
        assert not any(f.startswith("negation") for f in labels_found)
        assert level(old, new) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Respond no later than 31 March.",
                "Respond later than 31 March.",
                "negation removed: no",
            ),
            ("House fewer than 20.", "House no fewer than 20.", "negation added: no"),
        ],
    )
    def test_a_bound_reversed_is_a_negation(self, old: str, new: str, label: str) -> None:
        """Only the negating word changed: the bound now runs the other way."""
        assert found(old, new) == [label]

    def test_a_real_negation_beside_a_bound_is_still_read(self) -> None:
        assert found(
            "Councils should not charge more than £10.",
            "Councils should charge more than £10.",
        ) == ["negation removed: not"]


class TestUnitsAndFractions:
    """A count is read with its unit of time or its fraction: 28 days are four weeks."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should respond within 28 days.",
                "Councils should respond within four weeks.",
            ),
            ("Plans should run for 12 months.", "Plans should run for a year."),
            ("Plans should run for two years.", "Plans should run for 24 months."),
            (
                "At least 25 per cent of places should go to leavers.",
                "At least a quarter of places should go to leavers.",
            ),
            (
                "One in three of the places should go to leavers.",
                "A third of the places should go to leavers.",
            ),
            ("Councils should adopt a five-year plan.", "Councils should adopt a 5-year plan."),
            (
                "Councils should respond within a fortnight.",
                "Councils should respond within 14 days.",
            ),
        ],
    )
    def test_the_same_amount_another_way_is_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Two thirds of places should go.",
                "Three quarters of places should go.",
                "number: Two thirds -> Three quarters",
            ),
            (
                "Respond within 28 working days.",
                "Respond within 28 days.",
                "number: 28 working days -> 28 days",
            ),
            ("Adopt a 5-year plan.", "Adopt a 10-year plan.", "number: 5-year -> 10-year"),
            (
                "Plans should run for a year.",
                "Plans should run for a month.",
                "number: a year -> a month",
            ),
            ("Respond within 28 days.", "Respond within 56 days.", "number: 28 days -> 56 days"),
        ],
    )
    def test_a_changed_amount_names_its_unit(self, old: str, new: str, label: str) -> None:
        assert found(old, new) == [label]

    def test_an_article_alone_is_not_a_count(self) -> None:
        """a year of reform names no length of time; one of the plans is a pronoun."""
        assert not any(
            f.startswith("number")
            for f in found("It was a year of reform.", "It was a decade of reform.")
        )


class TestLocalAuthorities:
    """A local authority is a council: naming it so changes nobody who acts."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should fund hostels.", "Local authorities should fund hostels."),
            ("The council should fund hostels.", "The local authority should fund hostels."),
            (
                "Councils’ teams should fund hostels.",
                "Local authorities’ teams should fund hostels.",
            ),
        ],
    )
    def test_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    def test_another_authority_is_another_actor(self) -> None:
        assert found(
            "Councils should fund hostels.", "Combined authorities should fund hostels."
        ) == ["actor: Councils -> Combined authorities"]

    def test_a_local_authority_replaced_is_a_change_of_actor(self) -> None:
        assert found(
            "Local authorities should fund hostels.", "Government should fund hostels."
        ) == ["actor: Local authorities -> Government"]

    def test_local_and_another_authority_in_one_subject(self) -> None:
        """Local authorities and combined authorities: councils and another authority."""
        old, new = "Local authorities and combined authorities should act.", "Councils should act."
        assert found(old, new) == ["actor: Local authorities and combined authorities -> Councils"]


class TestSynonymAcrossTheChange:
    """A listed synonym whose words the redline splits between a change and the words kept."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should act in order to cut crime.", "Councils should act to cut crime."),
            (
                "Councils should house at least 100 people.",
                "Councils should house no fewer than 100 people.",
            ),
        ],
    )
    def test_editorial_both_ways(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    def test_another_phrase_is_still_a_rewording(self) -> None:
        assert found(
            "Councils should act in order to cut crime.", "Councils should act so as to cut crime."
        ) == ["wording: in order -> so as"]


class TestSecondTesterOnTodaysRules:
    """What a second tester found wrong in the rules above, each a kind."""

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Members must be invited to the panel.",
                "Members may be invited to the panel.",
                "softened: must be invited to -> may be invited to",
            ),
            (
                "Leavers must be encouraged to register with a GP.",
                "Leavers should be encouraged to register with a GP.",
                "softened: must be encouraged to -> should be encouraged to",
            ),
        ],
    )
    def test_a_passive_half_asks_as_the_first_modal(self, old: str, new: str, label: str) -> None:
        """must be invited to asks it of whoever invites: the phrase is as strong as must."""
        assert found(old, new) == [label]

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Councils should fund hostels and prisons should share data with them.",
                "Councils should fund hostels and prisons share data with them.",
                "softened: should -> (none)",
            ),
            (
                "Councils must fund hostels and prisons share data.",
                "Councils must fund hostels and prisons must share data.",
                "strengthened: (none) -> must",
            ),
        ],
    )
    def test_a_modal_with_a_subject_of_its_own_is_not_ruled(
        self, old: str, new: str, label: str
    ) -> None:
        assert found(old, new) == [label]

    def test_a_negated_modal_rules_nothing(self) -> None:
        """Without the second should, the not may reach the deposits."""
        old = "Councils should not charge leavers rent and should fund their deposits."
        new = "Councils should not charge leavers rent and fund their deposits."
        assert level(old, new) is Significance.SUBSTANTIVE

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should make sure that providers must publish their accounts.",
                "Councils should make sure that providers may publish their accounts.",
            ),
            (
                "Councils should support people who leave prison and must publish data.",
                "Councils should support people who leave prison and may publish data.",
            ),
            (
                "Government should ensure that councils will receive funding.",
                "Government should ensure that councils may receive funding.",
            ),
        ],
    )
    def test_an_ask_after_an_asking_that_or_a_joint_is_read(self, old: str, new: str) -> None:
        assert found(old, new)[0].startswith("softened: ")

    def test_where_appropriate_leaves_it_to_judgement(self) -> None:
        """Feasibility and discretion are two groups: one for the other is a change."""
        assert found(
            "Councils should fund hostels where possible.",
            "Councils should fund hostels where appropriate.",
        ) == ["condition changed: where possible -> where appropriate"]
        assert (
            level(
                "Councils should fund hostels where possible.",
                "Councils should fund hostels wherever possible.",
            )
            is Significance.EDITORIAL
        )

    def test_more_ways_to_say_resources_allow(self) -> None:
        assert found(
            "Councils should fund hostels.",
            "Councils should fund hostels within existing resources.",
        ) == ["condition added: within existing resources"]


class TestReferenceRanges:
    """The end of a range of references is a reference too, not an amount."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("See paragraphs 3.1 to 3.4 for the plan.", "See paragraphs 3.1 to 3.6 for the plan."),
            ("See sections 2 and 5.", "See sections 2 and 7."),
            ("See paragraphs 4-6.", "See paragraphs 4-8."),
        ],
    )
    def test_a_reference_range_is_reworded_not_an_amount(self, old: str, new: str) -> None:
        labels_found = found(old, new)
        assert labels_found
        assert all(f.startswith("wording") for f in labels_found)

    def test_a_range_of_counts_is_still_an_amount(self) -> None:
        assert found(
            "Councils should fund 3 to 4 hostels.", "Councils should fund 3 to 6 hostels."
        ) == ["number: 4 -> 6"]


class TestAsksOfSomeone:
    """A board asks it of someone it names: ``We call on the Government to fund hostels``."""

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "We call on the Government to fund hostels.",
                "We encourage the Government to fund hostels.",
                "softened: call on -> encourage",
            ),
            (
                "The Board invites councils to publish data.",
                "The Board expects councils to publish data.",
                "strengthened: invites -> expects",
            ),
            (
                "The LGA is urging councils to publish data.",
                "The LGA is inviting councils to publish data.",
                "softened: is urging -> is inviting",
            ),
            (
                "We ask councils to publish data.",
                "We require councils to publish data.",
                "strengthened: ask -> require",
            ),
            (
                "The Government must fund hostels.",
                "We call on the Government to fund hostels.",
                "softened: must -> call on",
            ),
            (
                "The Board would like to publish data.",
                "The Board would like councils to publish data.",
                "strengthened: would like to -> would like",
            ),
        ],
    )
    def test_the_strength_of_the_ask(self, old: str, new: str, label: str) -> None:
        assert found(old, new)[0] == label
        back = found(new, old)[0]
        assert back.split(":")[0] == (
            "softened" if label.startswith("strengthened") else "strengthened"
        )

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("We call on the Government to fund hostels.", "We call on councils to fund hostels."),
            (
                "The Board expects councils to publish data.",
                "The Board expects the Government to publish data.",
            ),
            (
                "We urge the Government and councils to share data.",
                "We urge the police to share data.",
            ),
        ],
    )
    def test_who_is_asked_is_named_after_the_verb(self, old: str, new: str) -> None:
        labels_found = found(old, new)
        assert labels_found[0].startswith("actor: ")
        assert found(new, old)[0].startswith("actor: ")

    def test_the_same_ask_in_other_words_is_editorial(self) -> None:
        assert found(
            "We call on the Government to fund hostels.", "We urge the Government to fund hostels."
        ) == ["editorial: call on -> urge"]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            # after a modal, the verb is what councils are asked to do
            (
                "Councils should encourage providers to publish data.",
                "Councils should invite providers to publish data.",
            ),
            # nobody named between the verb and "to"
            ("The Board expects demand to rise.", "The Board expects demand to fall."),
            (
                "We want to see councils take steps to act.",
                "We want to see councils take action to act.",
            ),
            (
                "The Board asks for councils to be given powers.",
                "The Board asks for councils to be given money.",
            ),
            # in a describing clause
            (
                "Councils should fund services that encourage providers to act.",
                "Councils should fund services that invite providers to act.",
            ),
        ],
    )
    def test_not_an_ask(self, old: str, new: str) -> None:
        assert found(old, new) == [f"wording: {_changed(old, new)}"]


def _changed(old: str, new: str) -> str:
    """The label body of a one-word change from *old* to *new*."""
    gone = [w for w in old.split() if w not in new.split()]
    came = [w for w in new.split() if w not in old.split()]
    return f"{' '.join(gone).strip('.')} -> {' '.join(came).strip('.')}"


class TestMayNot:
    """``may not`` before an act, with an actor, forbids, as ``must not`` does."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [("should", "may"), ("may", "should"), ("may", "might"), ("could", "may")],
    )
    def test_may_not_against_another_modal_is_left_to_be_read(self, old: str, new: str) -> None:
        """``may not`` may forbid or say what may not happen: never a softening, never editorial."""
        labels_found = found(f"Councils {old} not charge rent.", f"Councils {new} not charge rent.")
        assert labels_found == [f"wording: {old} -> {new}"]

    def test_must_not_to_may_not_is_left_to_be_read(self) -> None:
        for old, new in [("must", "may"), ("may", "must")]:
            labels_found = found(
                f"Councils {old} not charge rent.", f"Councils {new} not charge rent."
            )
            assert labels_found == [f"wording: {old} -> {new}"]

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            ("Councils may not charge rent.", "Councils may charge rent.", "negation removed: not"),
            ("Councils may charge rent.", "Councils may not charge rent.", "negation added: not"),
            (
                "Councils may not charge rent.",
                "Some councils may charge rent.",
                "negation removed: not",
            ),
        ],
    )
    def test_the_not_alone_is_a_negation(self, old: str, new: str, label: str) -> None:
        labels_found = found(old, new)
        assert labels_found[0] == label
        assert not any(f.startswith(("softened", "strengthened")) for f in labels_found)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("This may not be possible.", "This might not be possible."),
            ("Councils may not be able to act.", "Councils might not be able to act."),
            ("Councils may not have the money.", "Councils might not have the money."),
        ],
    )
    def test_a_possibility_is_not_a_prohibition(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL

    def test_a_prohibition_rules_no_added_item(self) -> None:
        """What ``may not`` ruled it forbade: an ask added after it is new, not softened."""
        labels_found = found(
            "Councils may not charge rent.", "Councils may charge rent, and should publish data."
        )
        assert labels_found[:2] == ["strengthened: (none) -> should", "negation removed: not"]


class TestHeadActor:
    """Who is asked is the body a subject names first, not those it names as company."""

    @pytest.mark.parametrize("company", ["working with", "with", "alongside", "supported by"])
    def test_the_same_bodies_the_other_way_round(self, company: str) -> None:
        old = f"The Government, {company} councils, should fund hostels."
        new = f"Councils, {company} the Government, should fund hostels."
        assert found(old, new)[0].startswith("actor: ")
        assert found(new, old)[0].startswith("actor: ")
        [finding] = [f for f in findings(old, new, redline(old, new)) if f.kind == "actor"]
        assert finding.actors == ("council",)

    def test_the_company_changed_is_a_change_of_actor(self) -> None:
        assert found(
            "Councils, working with the police, should fund hostels.",
            "Councils, working with probation, should fund hostels.",
        )[0].startswith("actor: ")

    def test_a_long_subject_is_read_whole(self) -> None:
        """Only a short stretch before the company word is a head: a long one is one subject."""
        old = "Councils and prisons and probation teams and the police with partners should act."
        new = "Councils and prisons and probation teams and the police and partners should act."
        assert not any(label.startswith("actor") for label in found(old, new))


class TestNamedBodies:
    """A body named in full or by its initials is one body; another department is another."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("The Department for Work and Pensions should act.", "The DWP should act."),
            ("HM Prison and Probation Service should act.", "HMPPS should act."),
            ("The Local Government Association should act.", "The LGA should act."),
            (
                "The Ministry of Housing, Communities and Local Government should act.",
                "The MHCLG should act.",
            ),
        ],
    )
    def test_initials_are_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "The Department for Work and Pensions should act.",
                "The Department for Education should act.",
            ),
            ("The Ministry of Justice should act.", "The Home Office should act."),
            (
                "The Ministry of Housing, Communities and Local Government should act.",
                "The Department of Health and Social Care should act.",
            ),
            ("The police should act.", "The Police and Crime Commissioner should act."),
        ],
    )
    def test_another_body_is_another_actor(self, old: str, new: str) -> None:
        assert found(old, new)[0].startswith("actor: ")
        assert found(new, old)[0].startswith("actor: ")


class TestHalvesRatesAndSeasons:
    """``half`` on its own, the period of a rate, and a season with its year are amounts."""

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Half of the funding should go to hostels.",
                "A third of the funding should go to hostels.",
                "number: Half -> A third",
            ),
            (
                "Half of the £2m should go to hostels.",
                "A third of the £2m should go to hostels.",
                "number: Half -> A third",
            ),
            (
                "Councils should cut waits by half.",
                "Councils should cut waits by a third.",
                "number: half -> a third",
            ),
            (
                "Councils should spend £2m a year.",
                "Councils should spend £2m a month.",
                "number: £2m a year -> £2m a month",
            ),
            (
                "Councils should spend £2m.",
                "Councils should spend £2m a year.",
                "number: £2m -> £2m a year",
            ),
            (
                "Rents should rise by 5% a year.",
                "Rents should rise by 5% a month.",
                "number: 5% a year -> 5% a month",
            ),
            (
                "Councils should report by spring 2025.",
                "Councils should report by autumn 2025.",
                "date: spring 2025 -> autumn 2025",
            ),
            (
                "Councils should report by spring 2025.",
                "Councils should report by April 2025.",
                "date: spring 2025 -> April 2025",
            ),
        ],
    )
    def test_changed(self, old: str, new: str, label: str) -> None:
        assert found(old, new) == [label]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Half of the funding should go to hostels.",
                "50% of the funding should go to hostels.",
            ),
            ("Councils should spend £2m per year.", "Councils should spend £2m a year."),
            ("Councils should spend £2m per annum.", "Councils should spend £2m annually."),
            ("Councils should spend £2m a week.", "Councils should spend £2m weekly."),
            ("Councils should report by Spring 2025.", "Councils should report by spring 2025."),
        ],
    )
    def test_written_another_way(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Councils should report half-yearly.", "Councils should report yearly."),
            (
                "Councils should act on behalf of residents.",
                "Councils should act on behalf of tenants.",
            ),
            (
                "Councils should spring into action in 2025.",
                "Councils should leap into action in 2025.",
            ),
        ],
    )
    def test_not_an_amount(self, old: str, new: str) -> None:
        assert all(label.startswith("wording") for label in found(old, new))


class TestWhiteSpaceInsideAmountsInWords:
    """White space or a comma inside ``two in two`` is never substantive (found by hypothesis)."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("councils two in\ntwo councils", "councils two in two councils."),
            ("councils two in, two councils", "councils two in  two councils."),
            ("one in\tthree councils", "One in three councils"),
        ],
    )
    def test_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL


class TestRulesOnlyWhereTheyApply:
    """The limits of the rules above, each held by a case that needs it."""

    def test_an_expectation_of_no_one_is_no_ask(self) -> None:
        labels_found = found(
            "Councils expect the number of rough sleepers to fall.",
            "Councils hope the number of rough sleepers will fall.",
        )
        assert not any(
            f.startswith(("softened: expect", "strengthened: expect")) for f in labels_found
        )

    def test_an_ask_in_a_describing_clause_is_no_ask(self) -> None:
        assert found(
            "Services that encourage providers to act deserve funding.",
            "Services that invite providers to act deserve funding.",
        ) == ["wording: encourage -> invite"]

    def test_may_not_with_no_actor_is_a_possibility(self) -> None:
        assert (
            level("Funding may not reach hostels.", "Funding might not reach hostels.")
            is Significance.EDITORIAL
        )

    def test_a_long_stretch_before_with_is_no_head(self) -> None:
        old = "Councils and prisons and probation teams and officers with partners and the police should act."
        new = "Councils and prisons and probation teams and officers and partners with the police should act."
        assert not any(label.startswith("actor") for label in found(old, new))

    def test_half_beside_digits(self) -> None:
        assert (
            level("Half of the £2m should go to hostels.", "50% of the £2m should go to hostels.")
            is Significance.EDITORIAL
        )
        assert all(
            label.startswith("wording")
            for label in found(
                "Councils should report half-yearly on the £2m.",
                "Councils should report yearly on the £2m.",
            )
        )

    def test_a_line_break_inside_one_in_three(self) -> None:
        labels_found = found(
            "One in\nthree councils should act.", "One in three councils must act."
        )
        assert labels_found[0] == "strengthened: should -> must"
        assert not any(f.startswith("number") for f in labels_found)


class TestTester9:
    """What a tester of LGA-style amendments found; each a kind, in both directions."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("We call on the Government to fund SEND.", "We call on DfE to fund SEND."),
            ("The MoJ should fund this.", "Councils should fund this."),
            ("The DfT should fund this.", "The DWP should fund this."),
            (
                "We call on the Government to fund hostels.",
                "We call on the Secretary of State to fund hostels.",
            ),
            (
                "We call on all political parties to commit.",
                "We call on the next Government to commit.",
            ),
            ("The Government should fund this.", "HMRC should fund this."),
            ("Ofsted should inspect this.", "The CQC should inspect this."),
        ],
    )
    def test_bodies_named_by_custom_are_actors(self, old: str, new: str) -> None:
        assert found(old, new)[0].startswith("actor: ")
        assert found(new, old)[0].startswith("actor: ")

    def test_an_ask_of_a_body_off_the_list_does_not_vanish(self) -> None:
        for old, new in [
            (
                "We call on the Government to fund hostels.",
                "We call on Homes England to fund hostels.",
            ),
            ("We urge them to fund hostels.", "We urge Homes England to fund hostels."),
        ]:
            for a, b in ((old, new), (new, old)):
                assert not any("(none)" in label for label in found(a, b))

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "We would urge the Government to fund hostels.",
                "We urge the Government to fund hostels.",
            ),
            (
                "The Board expects councils to publish plans.",
                "The Board would expect councils to publish plans.",
            ),
            (
                "We have long called on the Government to fund hostels.",
                "We call on the Government to fund hostels.",
            ),
            (
                "We are calling on the Government to fund hostels.",
                "We call on the Government to fund hostels.",
            ),
            ("We have consistently urged the Government to act.", "We urge the Government to act."),
        ],
    )
    def test_the_polite_and_perfect_forms_of_an_ask_are_the_ask(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    def test_would_before_an_ask_keeps_who_is_asked(self) -> None:
        assert found(
            "We urge the Government to fund hostels.",
            "We would encourage the Government to fund hostels.",
        ) == ["softened: urge -> would encourage"]
        assert found(
            "We would urge the Government to fund hostels.",
            "We would urge councils to fund hostels.",
        ) == ["actor: the Government -> councils"]

    @pytest.mark.parametrize(
        "verb", ["receive their allocations", "get the funding", "survive", "hold this data"]
    )
    def test_may_not_before_what_happens_is_a_possibility(self, verb: str) -> None:
        old, new = f"Councils may not {verb}.", f"Councils might not {verb}."
        assert level(old, new) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "We believe that councils should lead on skills.",
                "The LGA believes that councils should lead on skills.",
            ),
            (
                "We believe councils should lead on skills.",
                "The LGA believes councils should lead on skills.",
            ),
        ],
    )
    def test_the_speakers_frame_is_not_who_is_asked(self, old: str, new: str) -> None:
        assert not any(label.startswith("actor") for label in found(old, new))

    def test_who_is_asked_is_named_after_the_frame(self) -> None:
        assert found(
            "We believe councils should lead on skills.",
            "We believe the Government should lead on skills.",
        ) == ["actor: councils -> the Government"]
        assert found(
            "The LGA believes that councils should lead.",
            "The LGA believes that councils could lead.",
        ) == ["softened: should -> could"]

    def test_what_someone_needs_under_an_ask_asks_nothing(self) -> None:
        old = "We call on the Government to give councils the powers and funding they need to act."
        new = "We call on the Government to give councils and the police the powers and funding they need to act."
        assert all(label.startswith("wording") for label in found(old, new))
        assert found(
            "Councils should fund hostels and they need to publish data.",
            "Councils should fund hostels and they may publish data.",
        ) == ["softened: need to -> may"]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils should recruit 2,000 more social workers.",
                "Councils should recruit two thousand more social workers.",
            ),
            (
                "Councils should recruit two hundred more staff.",
                "Councils should recruit 200 more staff.",
            ),
            ("DWP should fund this.", "The Department for Work and Pensions should fund this."),
            (
                "We call on DWP to fund this.",
                "We call on the Department for Work and Pensions to fund this.",
            ),
            ("HM Treasury should fund this.", "The Treasury should fund this."),
            ("We call on the Government to fund this.", "We call on Government to fund this."),
            ("Rents should rise by 5% a year.", "Rents should rise by 5% each year."),
            ("Councils should pay £10 an hour.", "Councils should pay £10 per hour."),
        ],
    )
    def test_written_another_way(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new", "label"),
        [
            (
                "Councils should recruit two thousand more staff.",
                "Councils should recruit three thousand more staff.",
                "number: two thousand -> three thousand",
            ),
            (
                "Councils should pay £50 per person per week.",
                "Councils should pay £50 per person per month.",
                "number: £50 per person per week -> £50 per person per month",
            ),
            (
                "Councils should pay £10 an hour.",
                "Councils should pay £10 a day.",
                "number: £10 an hour -> £10 a day",
            ),
            (
                "We support the Net Zero 2050 target.",
                "We support the Net Zero 2040 target.",
                "date: 2050 -> 2040",
            ),
        ],
    )
    def test_changed(self, old: str, new: str, label: str) -> None:
        assert found(old, new) == [label]

    def test_the_round_of_a_fund_is_a_label(self) -> None:
        assert found(
            "Councils should bid in round 2 of the fund.",
            "Councils should bid in round 3 of the fund.",
        ) == ["wording: 2 -> 3"]

    def test_a_question_asks_nothing(self) -> None:
        for old, new in [
            (
                "The Board asks whether councils can share data.",
                "The Board asks whether councils should share data.",
            ),
            (
                "We will consider whether councils should share data.",
                "We will consider whether councils must share data.",
            ),
        ]:
            for a, b in ((old, new), (new, old)):
                assert found(a, b) == [f"wording: {_changed(a, b)}"]
        assert found(
            "Councils should share data, whether or not they must.",
            "Councils may share data, whether or not they must.",
        ) == ["softened: should -> may"]

    def test_half_a_million_is_a_count(self) -> None:
        assert level(
            "Councils should build half a million homes.", "Councils should build 500,000 homes."
        ) is (Significance.EDITORIAL)
        assert found(
            "Councils should build half a million homes.", "Councils should build a million homes."
        )[0].startswith("number: half a million")


class TestCompanyNamedFirst:
    """``Working with councils, the Government should``: who is asked comes after the comma."""

    @pytest.mark.parametrize("company", ["Working with", "Together with", "Alongside", "With"])
    def test_the_same_bodies_the_other_way_round(self, company: str) -> None:
        old = f"{company} councils, the Government should fund hostels."
        new = f"{company} the Government, councils should fund hostels."
        for one, other, asked in ((old, new, ("council",)), (new, old, ("government",))):
            [finding] = [f for f in findings(one, other, redline(one, other)) if f.kind == "actor"]
            assert finding.actors == asked

    def test_the_same_head_is_no_change_of_actor(self) -> None:
        old = "Working with councils, the Government should fund hostels."
        assert found(old, old.replace("should", "must")) == ["strengthened: should -> must"]

    def test_without_a_comma_all_are_asked_alike(self) -> None:
        """No comma ends the company: the stretch is read whole, as before."""
        old = "With councils and the police the Government should act."
        new = "With the Government and the police councils should act."
        assert not any(label.startswith("actor") for label in found(old, new))


class TestNamesAsked:
    """A body not in ACTORS (``Homes England``) is asked by its name, when the subject is names."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Homes England should fund housing.", "Councils should fund housing."),
            ("Homes England should fund housing.", "Sport England should fund housing."),
            ("We call on Homes England to fund housing.", "We call on councils to fund housing."),
            ("We call on Homes England to act.", "We call on the Mayor of London to act."),
            ("Homes England and Sport England should act.", "Homes England should act."),
        ],
    )
    def test_another_body_is_a_change_of_actor(self, old: str, new: str) -> None:
        assert found(old, new)[0].startswith("actor: ")
        assert found(new, old)[0].startswith("actor: ")

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            # the subject is the funding, not the fund that names it
            (
                "Funding from the Shared Prosperity Fund should go to housing.",
                "Funding from the UK Fund should go to housing.",
            ),
            # a capital that only opens the sentence is no name
            ("Funding should go to housing.", "Money should go to housing."),
        ],
    )
    def test_what_is_not_a_name_asked(self, old: str, new: str) -> None:
        assert not any(label.startswith("actor") for label in found(old, new))


class TestSecondAsk:
    """``We call on the Government to fund prisons and councils to publish data`` asks twice."""

    OLD = "We call on the Government to fund prisons and councils to publish data."

    def test_the_second_party_changed(self) -> None:
        new = self.OLD.replace("councils", "the police")
        assert found(self.OLD, new) == ["actor: councils -> the police"]
        assert found(new, self.OLD) == ["actor: the police -> councils"]

    def test_the_second_ask_removed_and_added(self) -> None:
        new = "We call on the Government to fund prisons."
        assert found(self.OLD, new)[0] == "softened: call on -> (none)"
        assert found(new, self.OLD)[0] == "strengthened: (none) -> call on"

    @pytest.mark.parametrize(
        "old",
        [
            "We call on the Government to give councils the powers and funding to act.",
            "We call on the Government to fund prisons and councils to publish data. Also to act.",
        ],
    )
    def test_no_second_party_no_actor(self, old: str) -> None:
        """``and funding to act`` names nobody: a change there is a rewording."""
        new = old.replace("act", "move", 1)
        assert not any(label.startswith("actor") for label in found(old, new))


class TestReorderedActors:
    """The same bodies named in another order: who is asked did not change."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (
                "Councils and the police should share data.",
                "The police and councils should share data.",
            ),
            (
                "Sport England and the Arts Council should act.",
                "The Arts Council and Sport England should act.",
            ),
            (
                "We call on councils and the police to share data.",
                "We call on the police and councils to share data.",
            ),
        ],
    )
    def test_editorial(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    def test_or_for_and_is_read(self) -> None:
        old, new = "Councils and the police should act.", "The police or councils should act."
        assert level(old, new) is Significance.SUBSTANTIVE


class TestAmountsWrittenOut:
    """Money in words and rates per month or quarter are the amounts they stand for."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("The fund is £24m a year.", "The fund is £2m a month."),
            ("The fund is £24m a year.", "The fund is £6m a quarter."),
            ("The fund is a thousand pounds.", "The fund is £1,000."),
            ("The fund is half a million pounds.", "The fund is £500,000."),
            ("The fund is 500,000 pounds.", "The fund is £500,000."),
            ("The fund is two million pounds a year.", "The fund is £2m a year."),
            ("The fee is 50 pence.", "The fee is £0.50."),
            ("Councils should house a thousand people.", "Councils should house 1,000 people."),
            ("A million people need homes.", "1,000,000 people need homes."),
            ("Councils should house a dozen people.", "Councils should house 12 people."),
        ],
    )
    def test_the_same_amount(self, old: str, new: str) -> None:
        assert level(old, new) is Significance.EDITORIAL
        assert level(new, old) is Significance.EDITORIAL

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("The fund is £24m a year.", "The fund is £3m a month."),
            ("The fund is £52m a year.", "The fund is £1m a week."),  # a year is not 52 weeks
            ("The fund is £2m a month.", "The fund is £2m a year."),
            ("The fund is a thousand pounds.", "The fund is £2,000."),
            ("The fund is half a million pounds.", "The fund is £600,000."),
            ("Councils should house a million people.", "Councils should house two million."),
        ],
    )
    def test_another_amount(self, old: str, new: str) -> None:
        assert found(old, new)[0].startswith("number: ")
        assert found(new, old)[0].startswith("number: ")


class TestJsonFindings:
    """The change set's findings say what a figure counts and who is asked, for tools."""

    @pytest.mark.parametrize(
        ("old", "new", "figure"),
        [
            ("within 28 days", "within 56 days", "period"),
            ("£2m", "£3m", "amount"),
            ("10% of places", "20% of places", "proportion"),
            ("200 homes", "400 homes", "number"),
        ],
    )
    def test_figure(self, old: str, new: str, figure: str) -> None:
        from policypos.jsonform import finding

        before, after = f"Councils should provide {old}.", f"Councils should provide {new}."
        [entry] = [finding(f) for f in findings(before, after, redline(before, after))]
        assert (entry["kind"], entry["figure"]) == ("number", figure)
        assert "actors" not in entry

    def test_actors(self) -> None:
        from policypos.jsonform import finding

        old, new = "Councils should act.", "Homes England should act."
        [entry] = [finding(f) for f in findings(old, new, redline(old, new))]
        assert (entry["kind"], entry["actors"]) == ("actor", ["homes england"])
        assert "figure" not in entry
