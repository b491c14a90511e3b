"""What ``policypos diff`` shows a reader in its text and Markdown views.

The Markdown view is read by board members and pasted into emails: it names
sections by their headings and statements by the numbers the annex prints,
and keeps a statement's list a list. The text view is the terse developer
view: it names ids, and keeps a statement's lines as lines.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.conftest import MakeRepo
from tests.test_amendments import _repo, run

LIST_OLD = (
    "Councils should:\n- plan housing for people leaving prison;\n- share data with probation."
)
LIST_NEW = (
    "Councils should:\n- plan housing for people leaving prison;\n- fund hostels;\n"
    "- share data with probation each month."
)


class TestTextViewKeepsLines:
    """``diff`` as text: an item added to a statement's list is a line of its own."""

    def test_added_item_is_its_own_line(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("l", LIST_OLD), ("k", "Keep it.")])],
            [("hs", "Housing", [("l", LIST_NEW), ("k", "Keep it.")])],
        )
        lines = run("diff", "doc@v1", "doc@v2", repo=repo).stdout.splitlines()
        at = lines.index("  ~ l [reworded]  Councils should:")
        assert lines[at + 1 : at + 4] == [
            "    - plan housing for people leaving prison;",
            "    {+- fund hostels;+}",
            "    - share data with probation {+each month+}.",
        ]
        # The next statement's count still follows: nothing else moved.
        assert lines[at + 4] == "    1 statement unchanged"

    def test_folded_lines_keep_their_indent(self, make_repo: MakeRepo) -> None:
        """In a narrow terminal a long item folds under itself, a nested item under its parent."""
        from policypos.diff import diff
        from policypos.validate import open_checked
        from policypos.views import changeset_text

        long = "share data with probation " * 4
        old = f"Councils should:\n- plan;\n  - {long.strip()}."
        new = f"Councils should:\n- plan;\n  - {long.strip()} each month."
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("l", old)])],
            [("hs", "Housing", [("l", new)])],
        )
        document = open_checked(repo).repository.document("doc")
        text = changeset_text(
            diff(document.version("v1"), document.version("v2"), document), width=50
        )
        lines = text.splitlines()
        at = lines.index("  ~ l [reworded]  Councils should:")
        assert lines[at + 1] == "    - plan;"
        assert lines[at + 2].startswith("      - share data with probation")
        assert all(line.startswith("      ") and len(line) <= 50 for line in lines[at + 3 : at + 5])


# --- the Markdown view names what a reader knows ------------------------------------

PLAN = "Probation and councils should share the addresses of people leaving prison."
ADVICE = "Every prison should offer advice on debt and benefits before release."
FAMILIES = "Families of prisoners should be told where to find support near home."
MENTORS = "Councils should fund mentoring schemes run by former offenders."
MOVER = "Councils should publish a housing plan every year for the whole county."
GONE = "An old position that goes away with its whole section, never to return."
DATA = "Data should be shared with health partners every quarter."

OLD: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "housing-sec",
        "Housing",
        [
            ("st-whole", f"{PLAN} {ADVICE}"),
            ("st-fam", FAMILIES),
            ("st-mentor", MENTORS),
            ("st-list", LIST_OLD),
        ],
    ),
    ("old-sec", "Old section", [("st-gone", GONE)]),
    ("data-sec", "Data", [("st-data", DATA), ("st-mover", MOVER)]),
]
NEW: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "housing-sec",
        "Housing and homes",
        [
            ("st-whole", PLAN),
            ("st-part", ADVICE),
            ("st-fam", f"{FAMILIES} {MENTORS}"),
            ("st-list", LIST_NEW),
            ("st-mover", MOVER),
        ],
    ),
    ("data-sec", "Data", [("st-data", DATA.replace("quarter", "month"))]),
]
IDS = [sid for sid, _, _ in OLD] + [st for _, _, body in OLD + NEW for st, _ in body]


class TestMarkdownNamesWhatAReaderKnows:
    """``diff --format markdown``: sections by heading, statements by the annex's numbers."""

    def markdown(self, make_repo: MakeRepo) -> str:
        result = run(
            "diff", "doc@v1", "doc@v2", "--format", "markdown", repo=_repo(make_repo, OLD, NEW)
        )
        assert result.exit_code == 0, result.output
        return result.stdout

    def test_no_id_outside_its_code_span(self, make_repo: MakeRepo) -> None:
        """Every phrase (moves, splits, merges, notes) names numbers; an id only follows one."""
        import re

        markdown = self.markdown(make_repo)
        # An id is kept only as a code span right after a bold paragraph number.
        bare = re.sub(r"(\*\*(?:Former )?\d+\.\d+\*\*) `[a-z-]+`", r"\1", markdown)
        assert [i for i in IDS if re.search(rf"(?<![\w-]){i}(?![\w-])", bare)] == []

    def test_paragraphs_say_where_by_number(self, make_repo: MakeRepo) -> None:
        markdown = self.markdown(make_repo)
        assert (
            "**1. Housing and homes** (formerly *Housing*) has been renamed and revised: "
            "1 reworded, 1 split, 1 merged with another, 1 added, 1 removed, 1 moved in. "
            "Paragraph 1.5 has moved here from the Data section, where it was 3.2. "
            "Paragraph 1.2 was split out of former paragraph 1.1. "
            "Former paragraph 1.3 was merged into paragraph 1.3." in markdown
        )
        # A removed section has no number in the new annex: it is named by its old one,
        # and the sections after it by their new numbers, not their place in the list.
        assert "**Old section** (formerly section 2) has been removed." in markdown
        assert (
            "**2. Data** has been revised: 1 reworded, 1 moved out. Former paragraph 3.2 has "
            "moved to section 1, Housing and homes (now 1.5)." in markdown
        )

    def test_tracked_changes_by_number(self, make_repo: MakeRepo) -> None:
        markdown = self.markdown(make_repo)
        for line in (
            "#### 1. Housing and homes",
            "- **1.1** `st-whole` (part split out into paragraph 1.2): Probation",
            "- **1.2** `st-part` (split out of former paragraph 1.1): Every prison",
            "- **1.3** `st-fam` (part merged in from former paragraph 1.3): Families",
            "- **Former 1.3** `st-mentor` (merged into paragraph 1.3): Councils",
            "- **1.5** `st-mover` (moved from section 3, Data): Councils should publish",
            "#### Old section",
            "- **Former 2.1** `st-gone`: {--An old position",
            "#### 2. Data",
            "- **2.1** `st-data` (reworded): Data should",
        ):
            assert any(got.startswith(line) for got in markdown.splitlines()), line

    def test_comments_answered_by_number(self, make_repo: MakeRepo) -> None:
        """The places answering a comment are named as the comment log names them."""
        repo = _cited_repo(make_repo, f'      - id: st-mover\n        text: "{MOVER}"\n')
        result = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo)
        assert result.exit_code == 0, result.output
        assert "| m1/1: Say more. | open | paragraph 1.5, section 2 |" in result.stdout


# --- a statement's list stays a list, nested under its bullet -----------------------

LISTS = {
    "item added": (
        LIST_OLD,
        LIST_NEW,
        ["plan housing for people leaving prison;", "{++fund hostels;++}"],
    ),
    "numbered item removed": (
        "Councils should fund:\n\n1. hostels\n2. floating support\n",
        "Councils should fund:\n\n1. hostels\n",
        ["hostels", "{--floating support--}"],
    ),
    "opening with a list": (
        "- hostels\n- floating support\n",
        "- hostels\n- day centres\n",
        ["hostels", "{--floating support--}{++day centres++}"],
    ),
    "nested item added": (
        "Councils should:\n- fund:\n  - hostels\n- plan.",
        "Councils should:\n- fund:\n  - hostels\n  - day centres\n- plan.",
        ["hostels", "{++day centres++}"],
    ),
}


@pytest.mark.parametrize(("old", "new", "items"), LISTS.values(), ids=LISTS.keys())
def test_markdown_keeps_a_statements_list(
    make_repo: MakeRepo, old: str, new: str, items: list[str]
) -> None:
    """The statement's items are items of a list inside its bullet, each with its own marks."""
    from policypos.render import markdown_tokens

    repo = _repo(
        make_repo,
        [("hs", "Housing", [("l", old), ("k", "Keep it.")])],
        [("hs", "Housing", [("l", new), ("k", "Keep it.")])],
    )
    markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
    tracked = markdown.split("#### 1. Housing\n", 1)[1]
    tokens = markdown_tokens(tracked)
    # One bullet for the statement, at the top level; its items one level in.
    assert [t.type for t in tokens if t.level == 0 and t.type.endswith("_open")] == [
        "bullet_list_open"
    ]
    assert sum(1 for t in tokens if t.type == "list_item_open" and t.level == 1) == 1
    # The text of each paragraph inside an item of a list inside the statement's item.
    nested = [
        after.content
        for t, after in itertools.pairwise(tokens)
        if t.type == "paragraph_open" and t.level > 3 and after.type == "inline"
    ]
    assert all(item in nested for item in items), (items, nested, tracked)
    assert "{++++}" not in tracked
    assert "{----}" not in tracked
    assert tracked.lstrip().startswith("- **1.1** `l` (reworded):")


# --- history and a comment's answers name what the Markdown diff names -------------


def _cited_repo(make_repo: MakeRepo, statement: str = "      - id: st-list\n") -> Path:
    """OLD to NEW, with comment m1/1 answered by section Data and by a statement.

    *statement*: the lines of the new version after which the statement's
    ``addresses`` goes (by default, the list statement's id line).
    """
    from tests.conftest import MEETING

    repo = _repo(make_repo, OLD, NEW)
    (repo / "doc/meetings").mkdir()
    (repo / "doc/meetings/m1.yaml").write_text(MEETING.replace("2024-02-01", "2024-03-01"))
    version = repo / "doc/versions/v2.yaml"
    text = version.read_text()
    text = text.replace("    title: Data\n", '    title: Data\n    addresses: ["m1/1"]\n')
    text = text.replace(statement, f'{statement}        addresses: ["m1/1"]\n')
    version.write_text(text)
    return repo


def _bare_ids(markdown: str) -> list[str]:
    """The ids *markdown* names other than as a code span after a paragraph's number."""
    import re

    kept = re.sub(
        r"((?:\*\*(?:Former )?\d+\.\d+\*\*|paragraph \d+\.\d+(?: of version \w+)?) )`[a-z-]+`",
        r"\1",
        markdown,
    )
    return [i for i in IDS if re.search(rf"(?<![\w-]){i}(?![\w-])", kept)]


class TestHistoryAndAnswersMarkdown:
    """``history`` and ``comments DOC COMMENT`` as Markdown: numbers and headings, lists kept."""

    @pytest.mark.parametrize("statement", dict.fromkeys(st for _, _, b in OLD + NEW for st, _ in b))
    def test_history_names_no_id_but_its_own(self, make_repo: MakeRepo, statement: str) -> None:
        """Places, splits, merges and the title say paragraph and section numbers."""
        result = run(
            "history", "doc", statement, "--format", "markdown", repo=_cited_repo(make_repo)
        )
        assert result.exit_code == 0, result.output
        assert _bare_ids(result.stdout) == [], result.stdout

    def test_history_says_where_by_number(self, make_repo: MakeRepo) -> None:
        repo = _cited_repo(make_repo)
        whole = run("history", "doc", "st-whole", "--format", "markdown", repo=repo).stdout
        assert whole.startswith("# A document: paragraph 1.1 `st-whole`\n")
        assert "\nParagraph 1.1, section 1, Housing.\n" in whole
        assert "\nParagraph 1.1, section 1, Housing and homes.\n" in whole
        assert "(draft, 2024-06-01, split: part moved to paragraph 1.2 in v2): amended" in whole
        part = run("history", "doc", "st-part", "--format", "markdown", repo=repo).stdout
        assert "(draft, 2024-06-01, split from paragraph 1.1 of v1 in v2): appears" in part
        fam = run("history", "doc", "st-fam", "--format", "markdown", repo=repo).stdout
        assert "(draft, 2024-06-01, merged from paragraph 1.3 of v1 in v2): amended" in fam
        # Removed by v2: named by its number where it was last held.
        mentor = run("history", "doc", "st-mentor", "--format", "markdown", repo=repo).stdout
        assert mentor.startswith("# A document: paragraph 1.3 of version v1 `st-mentor`\n")
        assert "(draft, 2024-06-01, merged into paragraph 1.3 in v2): removed" in mentor
        mover = run("history", "doc", "st-mover", "--format", "markdown", repo=repo).stdout
        assert "\nParagraph 3.2, section 3, Data.\n" in mover

    def test_answers_name_no_id_but_their_own(self, make_repo: MakeRepo) -> None:
        result = run("comments", "doc", "m1/1", "--format", "markdown", repo=_cited_repo(make_repo))
        assert result.exit_code == 0, result.output
        assert _bare_ids(result.stdout) == [], result.stdout
        lines = result.stdout.splitlines()
        assert "- Section 2, Data: modified" in lines
        assert "- **1.4** `st-list` (reworded): Councils should:" in lines

    @pytest.mark.parametrize("command", ["history", "comments"])
    def test_a_statements_list_stays_a_list(self, make_repo: MakeRepo, command: str) -> None:
        """Each item of the list statement's tracked change is an item of a Markdown list."""
        from policypos.render import markdown_tokens

        args = (
            ("history", "doc", "st-list") if command == "history" else ("comments", "doc", "m1/1")
        )
        markdown = run(*args, "--format", "markdown", repo=_cited_repo(make_repo)).stdout
        tracked = markdown.split("Councils should:\n", 2)[-1]
        items = [
            after.content
            for t, after in itertools.pairwise(markdown_tokens(tracked))
            if t.type == "paragraph_open" and after.type == "inline"
        ]
        assert {
            "plan housing for people leaving prison;",
            "{++fund hostels;++}",
            "share data with probation{++ each month++}.",
        } <= set(items), tracked


# --- a sentence moved from one statement to another ----------------------------------

MOVED = "A settled home is one of the strongest protections against re-offending."
PARTNERS = "Reducing re-offending takes councils, probation and the police working as one."
HOMES = "Government should enable councils to build many more social homes."


def _moved_repo(make_repo: MakeRepo, moved: str = MOVED) -> Path:
    """*moved* goes from the start of acc-1 (paragraph 2.1) to the end of gen-1 (1.1)."""
    return _repo(
        make_repo,
        [
            ("general", "General", [("gen-1", PARTNERS)]),
            ("acc", "Homes", [("acc-1", f"{moved} {HOMES}")]),
        ],
        [
            ("general", "General", [("gen-1", f"{PARTNERS} {moved}")]),
            ("acc", "Homes", [("acc-1", HOMES)]),
        ],
    )


class TestTextMovedBetweenStatements:
    """Words one statement loses and another gains, word for word, are said to have moved."""

    def test_text_view_names_both_ends(self, make_repo: MakeRepo) -> None:
        lines = run("diff", "doc@v1", "doc@v2", repo=_moved_repo(make_repo)).stdout.splitlines()
        assert any(line.startswith("  ~ gen-1 (text moved from acc-1)  ") for line in lines)
        assert any(line.startswith("  ~ acc-1 (text moved to gen-1)  ") for line in lines)

    def test_markdown_names_paragraphs(self, make_repo: MakeRepo) -> None:
        markdown = run(
            "diff", "doc@v1", "doc@v2", "--format", "markdown", repo=_moved_repo(make_repo)
        )
        lines = markdown.stdout.splitlines()
        assert any(
            line.startswith("- **1.1** `gen-1` (text moved from paragraph 2.1):") for line in lines
        )
        assert any(
            line.startswith("- **2.1** `acc-1` (text moved to paragraph 1.1):") for line in lines
        )

    def test_json_has_the_optional_fields(self, make_repo: MakeRepo) -> None:
        import json

        result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=_moved_repo(make_repo))
        statements = {
            st["id"]: st
            for section in json.loads(result.stdout)["sections"]
            for st in section["statements"]
        }
        assert statements["acc-1"]["text_moved_to"] == ["gen-1"]
        assert statements["gen-1"]["text_moved_from"] == ["acc-1"]
        assert "text_moved_from" not in statements["acc-1"]
        assert "text_moved_to" not in statements["gen-1"]

    def test_case_and_punctuation_around_words_do_not_matter(self, make_repo: MakeRepo) -> None:
        """The sentence keeps its words where it went, though not its capital or full stop."""
        repo = _repo(
            make_repo,
            [
                ("general", "General", [("gen-1", PARTNERS)]),
                ("acc", "Homes", [("acc-1", f"{MOVED} {HOMES}")]),
            ],
            [
                (
                    "general",
                    "General",
                    [("gen-1", f"{PARTNERS[:-1]}: {MOVED[0].lower()}{MOVED[1:]}")],
                ),
                ("acc", "Homes", [("acc-1", HOMES)]),
            ],
        )
        assert "(text moved to gen-1)" in run("diff", "doc@v1", "doc@v2", repo=repo).stdout

    def test_a_shorter_stretch_in_common_is_no_move(self, make_repo: MakeRepo) -> None:
        """Seven words two rewordings share (a stock phrase) are not taken for a move."""
        from policypos.diff import MOVED_WORDS

        short = " ".join(MOVED.split()[: MOVED_WORDS - 1]) + "."
        out = run("diff", "doc@v1", "doc@v2", repo=_moved_repo(make_repo, short)).stdout
        assert "text moved" not in out
        out = run(
            "diff",
            "doc@v1",
            "doc@v2",
            repo=_moved_repo(make_repo, " ".join(MOVED.split()[:MOVED_WORDS])),
        ).stdout
        assert "(text moved to gen-1)" in out
