"""What a newcomer's mistakes are told: a mistyped id, a usage slip, hand-written YAML.

Every command that takes the id of a document, version, meeting, comment,
section or statement answers a near miss with the same "did you mean", from
one function (policypos.errors.closest); a name that is nothing like any id,
and a bare number, get the list of known ids but no guess.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos.cli import cli
from policypos.errors import NotFoundError
from tests.conftest import SHIPPED, VERSION, MakeRepo
from tests.test_cli import on_a_terminal
from tests.test_edit import tree

GS = "going-straight"


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


@pytest.fixture
def drafted(shipped: Path) -> Path:
    """The shipped repository with a draft 2025 of going-straight, dated 6 January 2025."""
    policypos.apply_edit(policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 6)))
    return shipped


TODAY = dt.date.today().isoformat()
NEW_MEETING = ["--body", "Safer and Stronger Communities Board", "--date", "2025-03-13"]


class TestDidYouMean:
    """A near miss of an id is named in the error, whichever command took it."""

    @pytest.mark.parametrize(
        ("args", "meant"),
        [
            (["history", GS, "da3"], "da-3"),
            (["history", f"{GS}@2005", "acc2"], "acc-2"),
            (["show", "going-straigt"], GS),
            (["show", f"{GS}@2O24"], "2024"),
            (["log", "going_straight"], GS),
            (["diff", f"{GS}@2O05", f"{GS}@2024"], "2005"),
            (["diff", GS, "--between", "sscb-2024-3", "sscb-2024-07"], "sscb-2024-03"),
            (["comments", GS, "sscb-2024-7/9"], "sscb-2024-07"),
            (["comments", GS, "--meeting", "sscb-2024-7"], "sscb-2024-07"),
            (["comments", GS, "3.l"], "sscb-2024-03/3.1"),
            (["render", "comments", GS, "--meeting", "sscb2024-07"], "sscb-2024-07"),
            (["render", "annex", f"{GS}@2O05"], "2005"),
            (["comment", "set", GS, "sscb-2024-07/9x", "--disposition", "noted"], "9"),
            (["cite", f"{GS}@2025", "da3", "sscb-2024-07/9"], "da-3"),
            (["cite", f"{GS}@2025", "genral", "sscb-2024-07/9"], "general"),
            (["cite", f"{GS}@2025", "gen-1", "sscb-2024-7/9"], "sscb-2024-07"),
            (["new-version", GS, "--from", "2O24", "--id", "2026"], "2024"),
            (["restore", f"{GS}@2O05", "--id", "2026"], "2005"),
            (["endorse", f"{GS}@2025", "--meeting", "sscb-2024-7"], "sscb-2024-07"),
        ],
    )
    def test_near_miss(self, drafted: Path, args: list[str], meant: str) -> None:
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("policypos: error: "), result.stderr
        assert f"; did you mean {meant!r}?" in result.stderr or (
            f": did you mean {meant!r}? If not, give --body" in result.stderr  # a meeting to make
        ), result.stderr
        assert len(result.stderr.splitlines()) == 1

    @pytest.mark.parametrize(
        "args",
        [
            ["history", GS, "nothing-like-it"],
            ["history", GS, "9.9"],
            ["show", f"{GS}@1999"],
            ["comments", GS, "sscb-2024-07/99"],
            ["cite", f"{GS}@2025", "nowhere", "sscb-2024-07/9"],
            ["cite", f"{GS}@2025", "7.7", "sscb-2024-07/9"],
            ["comments", GS, "--meeting", "cabinet-1999"],
        ],
    )
    def test_no_guess_without_a_near_miss(self, drafted: Path, args: list[str]) -> None:
        """Nothing close (or a number, which is counted, not spelt): the known ids, no guess."""
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert "(known: " in result.stderr
        assert "did you mean" not in result.stderr

    def test_propose_to_a_mistyped_meeting(self, drafted: Path) -> None:
        """The meeting may be a typo or a new one: both ways out are named."""
        result = run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2024-7")
        assert result.exit_code == 2
        assert result.stderr == (
            "policypos: error: going-straight has no meeting 'sscb-2024-7' (known: sscb-2024-03, "
            "sscb-2024-07): did you mean 'sscb-2024-07'? If not, give --body and --date to "
            "create it\n"
        )
        unlike = run(drafted, "propose", f"{GS}@2025", "--meeting", "board-spring")
        assert "did you mean" not in unlike.stderr
        assert "give --body and --date to create it" in unlike.stderr

    def test_cite_knows_statements_and_numbers(self, drafted: Path) -> None:
        """A place not found lists (and guesses from) sections, statements and paragraph numbers."""
        with pytest.raises(NotFoundError) as caught:
            policypos.cite(drafted, GS, "2025", "nowhere", "sscb-2024-07/9")
        known = caught.value.known
        assert {"general", "accommodation", "gen-1", "da-3", "1.1", "5.3", "2"} <= set(known)
        assert known.index("general") < known.index("gen-1") < known.index("1.1")
        result = run(drafted, "cite", f"{GS}@2025", "nowhere", "sscb-2024-07/9")
        assert "general, education-employment" in result.stderr
        assert "gen-1" in result.stderr

    @pytest.mark.parametrize(("on", "meant"), [("da3", "da-3"), ("acommodation", "accommodation")])
    def test_comment_on_a_mistyped_place(self, drafted: Path, on: str, meant: str) -> None:
        """comment add --on: the validator's line names the id meant."""
        result = run(
            drafted,
            *("comment", "add", GS, "--meeting", "sscb-2025-03", "--id", "1", "--text", "x"),
            *("--on", on, *NEW_MEETING, "--reviews", "2025"),
        )
        assert result.exit_code == 2
        assert f"'on' names {on!r}, which is no section or statement of any version; " in (
            result.stderr
        )
        assert result.stderr.rstrip().endswith(f"did you mean {meant!r}?")

    def test_new_meeting_reviews_a_mistyped_version(self, drafted: Path) -> None:
        result = run(
            drafted,
            *("comment", "add", GS, "--meeting", "sscb-2025-03", "--id", "1", "--text", "x"),
            *(*NEW_MEETING, "--reviews", "2O25"),
        )
        assert result.exit_code == 2
        # The meeting's file is not written: no path:line:column points into it.
        assert result.stderr.rstrip().endswith(
            "sscb-2025-03.yaml (the new file, not written), line 5, column 10: "
            "no version '2O25' in document 'going-straight' (known: 2005, 2024, 2025); "
            "did you mean '2025'?"
        )


HOW_TO_WRITE = "a meeting's file is written with its first comment: policypos comment add"


class TestNewMeeting:
    """A meeting named before its file exists is told how to write it, not offered another one.

    Meetings are a series told apart by their dates: ``sscb-2025-03`` after
    ``sscb-2024-03`` is the next meeting, named on purpose, while
    ``sscb-2024-3`` is a slip for ``sscb-2024-03``.
    """

    @pytest.mark.parametrize(
        ("args", "told"),
        [
            (["comment", "add", GS, "--meeting", "sscb-2025-03", "--id", "1", "--text", "x"],
             "(known: sscb-2024-03, sscb-2024-07): give --body (and --date) to create it"),
            (["propose", f"{GS}@2025", "--meeting", "sscb-2025-07"],
             "(known: sscb-2024-03, sscb-2024-07): give --body and --date to create it"),
            (["endorse", f"{GS}@2025", "--meeting", "sscb-2025-07"],
             "(known: sscb-2024-03, sscb-2024-07): give --body (and --date) to create it"),
            (["cite", f"{GS}@2025", "gen-1", "sscb-2025-03/1"], HOW_TO_WRITE),
            (["comment", "set", GS, "sscb-2025-03/1", "--disposition", "noted"], HOW_TO_WRITE),
            (["comments", GS, "sscb-2025-03/1"], HOW_TO_WRITE),
            (["comments", GS, "--meeting", "sscb-2025-03"], HOW_TO_WRITE),
            (["render", "comments", GS, "--meeting", "sscb-2024-11"], HOW_TO_WRITE),
        ],
        ids=["comment-add", "propose", "endorse", "cite", "comment-set", "comments",
             "comments-meeting", "render-comments"],
    )  # fmt: skip
    def test_the_next_of_the_series(self, drafted: Path, args: list[str], told: str) -> None:
        """No guess at an existing meeting; the options or the command that write the new one."""
        before = tree(drafted)
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert "did you mean" not in result.stderr, result.stderr
        assert told in result.stderr
        if told == HOW_TO_WRITE:
            meeting = next(a for a in args if a.startswith("sscb-")).partition("/")[0]
            assert f"comment add {GS} --meeting {meeting} --id ID --text TEXT --body" in (
                result.stderr
            )
        assert len(result.stderr.splitlines()) == 1
        assert tree(drafted) == before

    @pytest.mark.parametrize(
        ("args", "meant"),
        [
            (["comment", "add", GS, "--meeting", "sscb-2024-7", "--id", "1", "--text", "x"],
             "sscb-2024-07"),
            (["propose", f"{GS}@2025", "--meeting", "sscb2024-07"], "sscb-2024-07"),
            (["cite", f"{GS}@2025", "gen-1", "ssbc-2024-07/9"], "sscb-2024-07"),
            (["comments", GS, "--meeting", "SSCB-2024-03"], "sscb-2024-03"),
        ],
        ids=["comment-add", "propose", "cite", "comments-meeting"],
    )  # fmt: skip
    def test_a_slip_still_gets_its_guess(self, drafted: Path, args: list[str], meant: str) -> None:
        """The same numbers written otherwise: did you mean, and how to create it if not."""
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert f"did you mean {meant!r}? If not, " in result.stderr, result.stderr

    def test_comment_add_names_the_known_meetings(self, drafted: Path) -> None:
        """comment add for a meeting with no file and no --body lists the meetings there are."""
        result = run(drafted, "comment", "add", GS, "--meeting", "board-spring", "--id", "1",
                     "--text", "x")  # fmt: skip
        assert result.stderr == (
            "policypos: error: going-straight has no meeting 'board-spring' (known: sscb-2024-03, "
            "sscb-2024-07): give --body (and --date) to create it\n"
        )
        made = run(drafted, "comment", "add", GS, "--meeting", "sscb-2025-03", "--id", "1",
                   "--text", "x", *NEW_MEETING)  # fmt: skip
        assert made.exit_code == 0, made.stderr

    def test_validate_says_how_to_write_a_meeting(self, drafted: Path) -> None:
        """A version's meeting: naming the next meeting gets the command, a slip the guess."""
        path = drafted / GS / "versions" / "2024.yaml"
        text = path.read_text()
        path.write_text(text.replace("meeting: sscb-2024-07", "meeting: sscb-2025-07"))
        result = run(drafted, "validate")
        assert result.exit_code == 1
        (line,) = [x for x in result.stdout.splitlines() if "no meeting" in x]
        assert "did you mean" not in line
        assert line.endswith(
            "no meeting 'sscb-2025-07' in document 'going-straight' (known: sscb-2024-03, "
            "sscb-2024-07); a meeting's file is written with its first comment: policypos comment "
            "add going-straight --meeting sscb-2025-07 --id ID --text TEXT --body BODY --date "
            "YYYY-MM-DD (propose and endorse write it too, given --body)"
        )
        path.write_text(text.replace("meeting: sscb-2024-07", "meeting: sscb-2024-7"))
        slip = run(drafted, "validate")
        assert "did you mean 'sscb-2024-07'? If not, a meeting's file" in slip.stdout


class TestClosest:
    """policypos.errors.closest with numbered=True: another of the series is no slip."""

    @pytest.mark.parametrize(
        ("word", "choices", "found"),
        [
            ("sscb-2025-03", ["sscb-2024-03", "sscb-2024-07"], None),
            ("cwb-2026-01", ["cwb-2025-03", "cwb-2025-10"], None),
            ("m2", ["m1"], None),
            ("sscb-2024-3", ["sscb-2024-03", "sscb-2024-07"], "sscb-2024-03"),
            ("sscb-2024-07x", ["sscb-2024-03", "sscb-2024-07"], "sscb-2024-07"),
            ("sscb2024-07", ["sscb-2024-03", "sscb-2024-07"], "sscb-2024-07"),
            ("ssbc-2024-07", ["sscb-2024-07"], "sscb-2024-07"),
        ],
    )
    def test_numbered(self, word: str, choices: list[str], found: str | None) -> None:
        from policypos.errors import closest

        assert closest(word, choices, numbered=True) == found

    def test_not_numbered_is_as_before(self) -> None:
        """Without numbered, the nearest spelling is still offered (section ids, keys, values)."""
        from policypos.errors import closest

        assert closest("s33", ["s3", "s1"]) == "s3"
        assert closest("sscb-2025-03", ["sscb-2024-03"]) == "sscb-2024-03"


class TestChoices:
    """A typo in an option with a fixed set of values is answered like validate's: did you mean."""

    @pytest.mark.parametrize(
        ("args", "option", "meant"),
        [
            (["comments", GS, "--disposition", "adressed"], "'--disposition'", "addressed"),
            (["comments", GS, "--disposition", "Deferred"], "'--disposition'", "deferred"),
            (["comment", "set", GS, "sscb-2024-07/9", "--disposition", "partialy-accepted"],
             "'--disposition'", "partially-accepted"),
            (["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", "99", "--text", "x",
              "--kind", "questoin"], "'--kind'", "question"),
            (["diff", f"{GS}@2005", f"{GS}@2024", "--format", "jsn"], "'--format'", "json"),
            (["diff", f"{GS}@2005", f"{GS}@2024", "--significance", "substantiv"],
             "'--significance'", "substantive"),
            (["render", "annex", f"{GS}@2024", "--format", "docs"], "'--format'", "docx"),
            (["render", "changes", f"{GS}@2005", f"{GS}@2024", "--format", "mardown"],
             "'--format'", "markdown"),
            (["show", f"{GS}@2024", "--format", "markdwn"], "'--format'", "markdown"),
            (["schema", "vesion"], "'KIND'", "version"),
        ],
    )  # fmt: skip
    def test_near_miss(self, drafted: Path, args: list[str], option: str, meant: str) -> None:
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"policypos: error: invalid value for {option}: ")
        assert f"; did you mean {meant!r}? (try 'policypos " in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1

    @pytest.mark.parametrize(
        "args",
        [
            ["comments", GS, "--disposition", "xyz"],
            ["diff", f"{GS}@2005", f"{GS}@2024", "--format", "yaml"],
            ["comment", "set", GS, "sscb-2024-07/9", "--disposition", "1"],
        ],
    )
    def test_nothing_near(self, drafted: Path, args: list[str]) -> None:
        """A value like none of them: the values, no guess."""
        result = run(drafted, *args)
        assert result.exit_code == 2, result.output
        assert "is not one of" in result.stderr
        assert "did you mean" not in result.stderr

    def test_a_right_value_is_taken(self, drafted: Path) -> None:
        result = run(drafted, "comments", GS, "--disposition", "deferred")
        assert result.exit_code == 0, result.stderr
        assert "deferred" in result.stdout


class TestUsageLines:
    """Every usage slip ends with the command's own --help, however click's parser found it."""

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["diff", GS, "-o"], "option '-o' requires an argument (try 'policypos diff --help')"),
            (
                ["render", "annex", GS, "--output"],
                "option '--output' requires an argument (try 'policypos render annex --help')",
            ),
            (
                ["diff", GS, "--exit-code=yes"],
                "option '--exit-code' does not take a value (try 'policypos diff --help')",
            ),
            (
                ["diff", GS, "--between", "sscb-2024-03"],
                "option '--between' requires 2 arguments (try 'policypos diff --help')",
            ),
            (
                ["comment", "add", GS, "--meeting"],
                "option '--meeting' requires an argument (try 'policypos comment add --help')",
            ),
            (["--repo"], "option '--repo' requires an argument (try 'policypos --help')"),
        ],
    )
    def test_try_help(self, shipped: Path, args: list[str], said: str) -> None:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert (result.exit_code, result.stderr) == (2, f"policypos: error: {said}\n")


HEAD = VERSION[: VERSION.index("      - id: a")]  # the file down to its first statement


class TestYamlHints:
    """A hand-written statement that is not valid YAML: the parser's words and what to do.

    One ``file:line:column: error:`` line each (exit 1 from validate, 2 from a
    command that needed the file), placed where the mistake is.
    """

    @pytest.mark.parametrize(
        ("was", "now", "said"),
        [
            (
                "\ndate:",
                "\n\tdate:",
                "2:1: error: malformed YAML: while scanning for the next token, found character "
                "that cannot start any token (a tab: YAML indents and separates with spaces)",
            ),
            (
                "\nstatus:",
                "\n status:",
                "3:8: error: malformed YAML: mapping values are not allowed in this context (a key "
                "indented further than the keys above it reads as part of the value before it: "
                "start it in the same column as them)",
            ),
        ],
    )
    def test_head_of_the_file(self, make_repo: MakeRepo, was: str, now: str, said: str) -> None:
        """A tab, or a key one space in, among the file's first keys."""
        root = make_repo({"doc/versions/v1.yaml": HEAD.replace(was, now)})
        result = run(root, "validate")
        assert result.stdout == f"{root / 'doc/versions/v1.yaml'}:{said}\n"

    @pytest.mark.parametrize(
        ("statements", "place", "hint"),
        [
            (
                "      - id: a\n        text: Note: the allocations are fixed.\n",
                "9:19",
                "a colon inside text that is not quoted reads as a new key: put the whole text "
                "in double quotes, or write it as a block: `text: >` with the text on the lines "
                "below, indented",
            ),
            (
                "      - id: a\n        text: Councils should consider:\n        tags: [x]\n",
                "9:39",
                "a colon inside text that is not quoted reads as a new key",
            ),
            (
                "      - id: a\n\ttext: First.\n",
                "9:1",
                "YAML indents with spaces only: replace the tab with spaces",
            ),
            (
                "      - id: a\n        text:\tFirst.\n      - id: b\n\t  text: x\n",
                "11:1",
                "YAML indents with spaces only",
            ),
            (
                '      - id: a\n        text: "Councils should act.\n      - id: b\n        text: x\n',
                "9:15",
                "this quote is never closed: end the text with the same quote mark",
            ),
            (
                "      - id: a\n        text: 'Councils should act.\n",
                "9:15",
                "this quote is never closed",
            ),
            (
                '      - id: a\n        text: "Councils should act.\n      - id: b\n'
                '        text: The "best" plan.\n',
                "9:15",
                "text that starts with a quote must end with it, but this one is ended only by "
                "the quote mark on line 11: put the whole text in double quotes",
            ),
            (
                "      - id: a\n        text: 'Councils should act.\n      - id: b\n"
                "        text: A\n  - id: s2\n    title: The council's plan\n",
                "9:15",
                "text that starts with a quote must end with it, but this one is ended only by "
                "the quote mark on line 13",
            ),
            (
                '      - id: a\n        text: "Councils" should act.\n',
                "9:26",
                "text that starts with a quote must end with it: put the whole text in double "
                "quotes, or write it as a block (`text: >`)",
            ),
            (
                "      - id: a\n        text: @home services\n",
                "9:15",
                "text may not start with '@' unless quoted",
            ),
            (
                "      - id: a\n        text: `plan` first\n",
                "9:15",
                "text may not start with '`' unless quoted",
            ),
            (
                "      - id: a\n        text: - councils should\n",
                "9:15",
                "text may not start with '-' unless quoted",
            ),
            (
                "      - id: a\n        text: *all* councils\n",
                "9:15",
                "text may not start with '*' unless quoted",
            ),
            (
                "      - id: a\n        text: >\n          Councils should:\n        - plan\n",
                "11:9",
                "a list item ('- ') where a key was expected: a new item starts in the same "
                "column as the '- ' before it, and a list inside the text goes in a block "
                "(`text: |`), indented as far as the text",
            ),
            (
                "      - id: a\n        text: Councils should do\n        more things.\n",
                "10:9",
                "a line with no 'key:' where a key was expected: if it continues the text above, "
                "indent it further than the key",
            ),
            (
                "      - id: a\n        text: | Councils\n",
                "9:17",
                "the text of a `>` or `|` block starts on the next line, indented further than "
                "its key",
            ),
            (
                "      - id: a\n        text: x\n        tags: [a, b\n      - id: b\n        text: y\n",
                "10:15",
                "'[' starts a list that is not closed; if the text starts with '['",
            ),
            (
                "      - id: a\n        text: First.\n     - id: b\n       text: y\n",
                "10:6",
                "a list item ('- ') where a key was expected: a new item starts in the same "
                "column as the '- ' before it",
            ),
            (
                "      - id: a\n        text: First.\n       tags: [x]\n",
                "10:8",
                "check this line's indentation: the items of a list start with '- ' in one "
                "column, and the keys of one item in one column",
            ),
        ],
    )
    def test_hint(self, make_repo: MakeRepo, statements: str, place: str, hint: str) -> None:
        root = make_repo({"doc/versions/v1.yaml": HEAD + statements})
        path = root / "doc/versions/v1.yaml"
        result = run(root, "validate")
        assert result.exit_code == 1, result.output
        (line,) = result.stdout.splitlines()
        assert line.startswith(f"{path}:{place}: error: malformed YAML: "), line
        assert f" ({hint}" in line, line
        shown = run(root, "show", "doc@v1")
        assert (shown.exit_code, shown.stderr) == (2, line + "\n")

    @pytest.mark.parametrize("quote", ['"', "'"])
    def test_a_quote_left_open_in_any_key(self, make_repo: MakeRepo, quote: str) -> None:
        """The version's own id, its quote closed only by a title's, is blamed where it opens."""
        text = VERSION.replace('"v1"', f"{quote}v1") + f"  - id: s2\n    title: Two {quote}x\n"
        root = make_repo({"doc/versions/v1.yaml": text})
        result = run(root, "validate")
        assert result.stdout.startswith(f"{root / 'doc/versions/v1.yaml'}:1:10: error: "), result
        assert "ended only by the quote mark on line 11" in result.stdout

    @pytest.mark.parametrize(
        "statements",
        [
            '      - id: a\n        text: "Note: the allocations are fixed."\n',
            "      - id: a\n        text: >\n          Note: the allocations are fixed.\n",
            '      - id: a\n        text: "\\"Councils\\" should act."\n',
            "      - id: a\n        text: '@home services'\n",
            "      - id: a\n        text: |\n          Councils should:\n\n          - plan\n",
            "      - id: a\n        text: Councils should do\n          more things.\n",
        ],
    )
    def test_the_advice_works(self, make_repo: MakeRepo, statements: str) -> None:
        """Doing what a hint says gives a file that reads cleanly."""
        root = make_repo({"doc/versions/v1.yaml": HEAD + statements})
        result = run(root, "validate")
        assert (result.exit_code, result.stdout) == (0, "")


class TestCiteThenSet:
    """The documented order, cite first and then set, warns nowhere it is followed.

    ``cite`` of an open comment says what comes next; ``validate`` and
    ``propose`` still warn of a cited comment left open.
    """

    def cycle(self, drafted: Path) -> None:
        for number, text in (("1", "Say more about housing."), ("2", "And about work.")):
            made = run(
                drafted,
                *("comment", "add", GS, "--meeting", "sscb-2025-01", "--id", number),
                *("--text", text),
                *(() if number == "2" else (*NEW_MEETING[:2], "--date", "2025-01-16")),
                *(() if number == "2" else ("--reviews", "2025")),
            )
            assert made.exit_code == 0, made.output

    def test_cite_says_the_next_step(self, drafted: Path) -> None:
        self.cycle(drafted)
        for place, ref in (("accommodation", "sscb-2025-01/1"), ("1.2", "sscb-2025-01/1")):
            result = run(drafted, "cite", f"{GS}@2025", place, ref)
            assert result.exit_code == 0, result.output
            assert "warning" not in result.stderr
            assert result.stderr.endswith(
                f"policypos: {ref} is still open: once the answer is complete, record it with "
                f"'policypos comment set {GS} {ref} --disposition addressed' (or "
                "partially-addressed)\n"
            )
        done = run(drafted, "comment", "set", GS, "sscb-2025-01/1", "--disposition", "addressed")
        assert (done.exit_code, "warning" in done.stderr) == (0, False)
        again = run(drafted, "cite", f"{GS}@2025", "1.3", "sscb-2025-01/1")
        assert "still open" not in again.stderr  # addressed already: nothing to say

    def test_validate_and_propose_still_warn(self, drafted: Path) -> None:
        self.cycle(drafted)
        for ref in ("sscb-2025-01/1", "sscb-2025-01/2"):
            assert run(drafted, "cite", f"{GS}@2025", "gen-1", ref).exit_code == 0
        checked = run(drafted, "validate")
        assert checked.stdout.count("is open but cited by 2025: general/gen-1") == 2
        proposed = run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-03", *NEW_MEETING)
        assert proposed.exit_code == 0, proposed.output
        assert (
            "policypos: warning: going-straight@2025 cites comments sscb-2025-01/1 and "
            "sscb-2025-01/2, still open: record what became of each ('policypos comment set') "
            "before its paper goes out\n"
        ) in proposed.stderr

    def test_propose_quiet_once_set(self, drafted: Path) -> None:
        self.cycle(drafted)
        for ref in ("sscb-2025-01/1", "sscb-2025-01/2"):
            assert run(drafted, "cite", f"{GS}@2025", "gen-1", ref).exit_code == 0
            set_ = run(drafted, "comment", "set", GS, ref, "--disposition", "addressed")
            assert set_.exit_code == 0
        assert run(drafted, "validate").stdout == ""
        proposed = run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-03", *NEW_MEETING)
        assert "still open" not in proposed.stderr

    def test_set_back_to_open_warns(self, drafted: Path) -> None:
        """Reopening a cited comment is not the documented order: the warning stays."""
        self.cycle(drafted)
        run(drafted, "cite", f"{GS}@2025", "gen-1", "sscb-2025-01/1")
        run(drafted, "comment", "set", GS, "sscb-2025-01/1", "--disposition", "addressed")
        reopened = run(drafted, "comment", "set", GS, "sscb-2025-01/1", "--disposition", "open")
        assert "warning: comment sscb-2025-01/1 is open but cited by 2025" in reopened.stderr


class TestRecommendationsAreNotComments:
    """What the command line says of a recommendation uses its own words: accepted, not
    addressed; recommendations, not comments (FORMAT.md's dispositions)."""

    CR = "cambridgeshire-reoffending"

    def with_draft(self, shipped: Path, kind: str) -> Path:
        """A draft 2015 of the Cambridgeshire paper, and an open remark 7 of *kind* made on 2014."""
        new = run(shipped, "new-version", self.CR, "--from", "2014", "--id", "2015")
        assert new.exit_code == 0, new.output
        add = ["comment", "add", self.CR, "--meeting", "cabinet-2014-04", "--id", "7"]
        added = run(shipped, *add, "--text", "More.", "--kind", kind)
        assert added.exit_code == 0, added.output
        return shipped

    @pytest.mark.parametrize(
        ("kind", "done", "part"),
        [
            ("recommendation", "accepted", "partially-accepted"),
            ("comment", "addressed", "partially-addressed"),
            ("question", "answered", "partially-addressed"),
        ],
    )
    def test_cite_gives_the_kinds_disposition(
        self, shipped: Path, kind: str, done: str, part: str
    ) -> None:
        repo = self.with_draft(shipped, kind)
        result = run(repo, "cite", f"{self.CR}@2015", "emp-1", "cabinet-2014-04/7")
        assert result.exit_code == 0, result.output
        assert result.stderr.endswith(
            "policypos: cabinet-2014-04/7 is still open: once the answer is complete, record it "
            f"with 'policypos comment set {self.CR} cabinet-2014-04/7 --disposition {done}' "
            f"(or {part})\n"
        )

    def test_log_counts_recommendations(self, shipped: Path) -> None:
        """All recommendations: 'recommendations'; with a comment among them: both words."""
        rows = run(shipped, "log", self.CR).stdout.splitlines()
        assert rows[0].endswith("answers 6 recommendations")
        assert "; 6 recommendations (1 accepted," in rows[1]
        repo = self.with_draft(shipped, "comment")
        assert run(repo, "cite", f"{self.CR}@2015", "emp-1", "cabinet-2014-04/7").exit_code == 0
        rows = run(repo, "log", self.CR).stdout.splitlines()
        assert "; 7 comments and recommendations (" in rows[1]
        assert rows[2].endswith("answers 7 comments and recommendations")

    def test_validate_and_propose_name_a_recommendation(self, shipped: Path) -> None:
        repo = self.with_draft(shipped, "recommendation")
        run(repo, "cite", f"{self.CR}@2015", "emp-1", "cabinet-2014-04/7")
        checked = run(repo, "validate")
        assert "warning: recommendation cabinet-2014-04/7 is open but cited by 2015" in (
            checked.stdout
        )
        proposed = run(
            repo,
            "propose",
            f"{self.CR}@2015",
            "--meeting",
            "c2",
            "--body",
            "Cabinet",
            "--date",
            TODAY,
        )
        assert proposed.exit_code == 0, proposed.output
        assert "cites recommendation cabinet-2014-04/7, still open" in proposed.stderr


class TestLogSaysEndorsed:
    """log and show say 'endorsed at' for a version its meeting endorsed, 'presented to' otherwise."""

    def rows(self, repo: Path) -> dict[str, str]:
        result = run(repo, "log", GS)
        assert result.exit_code == 0, result.output
        return {line.split()[2]: line for line in result.stdout.splitlines()}

    def test_through_a_cycle(self, drafted: Path) -> None:
        proposed = run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-03", *NEW_MEETING)
        assert proposed.exit_code == 0, proposed.output
        rows = self.rows(drafted)
        assert "; presented to sscb-2025-03;" in rows["2025"] + ";"
        assert "endorsed" not in rows["sscb-2025-03"]
        assert "presented to sscb-2024-07" in rows["2024"]  # proposed, never decided
        assert run(drafted, "endorse", f"{GS}@2025", "--meeting", "sscb-2025-03").exit_code == 0
        rows = self.rows(drafted)
        assert "endorsed at sscb-2025-03" in rows["2025"]
        assert "presented to" not in rows["2025"]
        assert rows["sscb-2025-03"].endswith("reviews 2025; endorsed 2025; 0 comments")
        assert "endorsed" not in rows["sscb-2024-07"]  # heard 2024, endorsed nothing
        shown = run(drafted, "show", f"{GS}@2025").stdout.splitlines()[2]
        assert shown.endswith(
            "endorsed at sscb-2025-03 (Safer and Stronger Communities Board, 2025-03-13)"
        )
        table = run(drafted, "log", GS, "--format", "markdown").stdout
        assert "| reviews 2025; endorsed 2025; 0 comments |" in table

    def test_superseded_was_endorsed_there(self, drafted: Path) -> None:
        """A superseded version's meeting still endorsed it; the meeting line keeps saying so."""
        run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-03", *NEW_MEETING)
        run(drafted, "endorse", f"{GS}@2025", "--meeting", "sscb-2025-03")
        made = run(
            drafted, "new-version", GS, "--from", "2025", "--id", "2025-09", "--date", "2025-06-02"
        )
        assert made.exit_code == 0
        later = ["--body", "Safer and Stronger Communities Board", "--date", "2025-09-11"]
        run(drafted, "propose", f"{GS}@2025-09", "--meeting", "sscb-2025-09", *later)
        assert run(drafted, "endorse", f"{GS}@2025-09", "--meeting", "sscb-2025-09").exit_code == 0
        rows = self.rows(drafted)
        assert " superseded " in rows["2025"]
        assert "endorsed at sscb-2025-03" in rows["2025"]
        assert "endorsed 2025;" in rows["sscb-2025-03"]
        assert "endorsed at sscb-2025-09" in rows["2025-09"]
        assert "endorsed 2025-09;" in rows["sscb-2025-09"]


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_terminal(args: list[str], columns: int, *, colour: bool, cwd: Path | None = None) -> str:
    """What *args* show on a terminal *columns* wide, colour codes taken out."""
    env = {**os.environ, "POLICYPOS_REPO": str(SHIPPED), "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    if not colour:
        env["NO_COLOR"] = "1"
    code, shown = on_a_terminal([sys.executable, "-m", "policypos", *args], env)
    assert code == 0, shown
    return ANSI.sub("", shown.replace("\r\n", "\n"))


class TestRedlinesFoldInATerminal:
    """diff and history fold to the terminal's width, as show does; piped, a statement a line."""

    @pytest.mark.parametrize(
        "args",
        [
            ["diff", f"{GS}@2005", f"{GS}@2024"],
            ["diff", f"{GS}@2024"],
            ["history", GS, "da-3"],
            ["history", GS, "gen-1"],
            ["comments", GS, "sscb-2024-03/3.3"],
        ],
    )
    @pytest.mark.parametrize("colour", [True, False])
    def test_folds_to_width(self, args: list[str], colour: bool) -> None:
        shown = on_terminal(args, 60, colour=colour)
        piped = CliRunner().invoke(cli, ["--repo", str(SHIPPED), *args]).stdout
        assert max(len(line) for line in piped.splitlines()) > 100  # there is something to fold
        for line in shown.splitlines():
            assert len(line) <= 59 or " " not in line.strip(), line
        # The same words, in the same order: folding only moves line breaks.
        assert shown.split() == piped.split()
        assert len(shown.splitlines()) > len(piped.splitlines())

    def test_wider_terminal_fewer_lines(self) -> None:
        args = ["diff", f"{GS}@2005", f"{GS}@2024"]
        narrow = on_terminal(args, 60, colour=False).splitlines()
        wide = on_terminal(args, 100, colour=False).splitlines()
        assert len(wide) < len(narrow)
        assert max(len(line) for line in wide) <= 99

    def test_continued_under_the_mark(self) -> None:
        """A folded statement's next lines start under its text, not at the margin."""
        shown = on_terminal(["diff", f"{GS}@2005", f"{GS}@2024"], 60, colour=False)
        lines = shown.splitlines()
        starts = [n for n, line in enumerate(lines) if line.startswith("  ~ ee-1 ")]
        assert starts
        follow = lines[starts[0] + 1]
        assert follow.startswith("    ")
        assert not follow.startswith("     ")

    def test_written_to_a_file_is_never_folded(self, tmp_path: Path) -> None:
        out = tmp_path / "diff.txt"
        on_terminal(["diff", f"{GS}@2005", f"{GS}@2024", "-o", str(out)], 60, colour=True)
        piped = CliRunner().invoke(
            cli, ["--repo", str(SHIPPED), "diff", f"{GS}@2005", f"{GS}@2024"]
        )
        assert out.read_text() == piped.stdout


class TestWithdraw:
    """withdraw: a draft or proposal that will not go on leaves 'draft' by one status line."""

    def test_a_draft(self, drafted: Path) -> None:
        path = drafted / GS / "versions/2025.yaml"
        before = path.read_text()
        shown = run(drafted, "withdraw", f"{GS}@2025", "--dry-run")
        assert shown.exit_code == 0
        assert "-status: draft\n+status: withdrawn\n" in shown.stdout
        assert path.read_text() == before  # a dry run writes nothing
        done = run(drafted, "withdraw", f"{GS}@2025")
        assert (done.exit_code, done.stderr) == (0, f"policypos: wrote {path}\n")
        after = path.read_text()
        assert after == before.replace("status: draft\n", "status: withdrawn\n", 1)
        assert run(drafted, "validate").exit_code == 0
        row = next(r for r in run(drafted, "log", GS).stdout.splitlines() if " 2025 " in r)
        assert " withdrawn " in row

    def test_a_proposal_keeps_its_meeting(self, drafted: Path) -> None:
        run(drafted, "propose", f"{GS}@2025", "--meeting", "sscb-2025-03", *NEW_MEETING)
        assert run(drafted, "withdraw", f"{GS}@2025").exit_code == 0
        text = (drafted / GS / "versions/2025.yaml").read_text()
        assert "status: withdrawn\n" in text
        assert "meeting: sscb-2025-03\n" in text
        # no longer editable: it records what was put and taken back
        refused = run(drafted, "cite", f"{GS}@2025", "gen-1", "sscb-2024-07/9")
        assert "is withdrawn: it records what was decided" in refused.stderr

    @pytest.mark.parametrize(
        ("reference", "status"),
        [("2024-endorsed", "endorsed"), ("2005", "endorsed"), ("2025-twice", "withdrawn")],
    )
    def test_refused(self, drafted: Path, reference: str, status: str) -> None:
        """Only a draft or a proposal: a decision, or a version already withdrawn, stays."""
        version = reference.split("-")[0]
        if reference == "2024-endorsed":
            run(drafted, "endorse", f"{GS}@2024", "--meeting", "sscb-2024-07")
        if reference == "2025-twice":
            run(drafted, "withdraw", f"{GS}@2025")
        before = (drafted / GS / "versions" / f"{version}.yaml").read_bytes()
        result = run(drafted, "withdraw", f"{GS}@{version}")
        assert (result.exit_code, result.stderr) == (
            2,
            f"policypos: error: {GS}@{version} is {status}: only a draft or a proposed "
            "version can be withdrawn\n",
        )
        assert (drafted / GS / "versions" / f"{version}.yaml").read_bytes() == before

    def test_mistyped(self, drafted: Path) -> None:
        result = run(drafted, "withdraw", f"{GS}@2O25")
        assert result.exit_code == 2
        assert result.stderr.rstrip().endswith("did you mean '2025'?")

    def test_a_draft_revised_as_a_new_version(self, drafted: Path) -> None:
        """log says a draft was revised; withdrawing it warns what history will then do."""
        made = run(
            drafted, "new-version", GS, "--from", "2025", "--id", "2025-b", "--date", "2025-02-03"
        )
        assert made.exit_code == 0
        rows = {r.split()[2]: r for r in run(drafted, "log", GS).stdout.splitlines()}
        assert "; revised as 2025-b;" in rows["2025"]
        assert "; revised as 2025;" in rows["2024"]  # proposed, then redrafted
        assert "revised as" not in rows["2005"]  # endorsed: it was decided, not revised
        assert "revised as" not in rows["2025-b"]
        result = run(drafted, "withdraw", f"{GS}@2025")
        assert result.exit_code == 0
        assert result.stderr.endswith(
            f"policypos: warning: {GS}@2025-b is based on it: 'policypos history' will leave "
            f"{GS}@2025 out and compare it with its base instead; a draft revised as a new "
            "version needs no withdrawing ('policypos log' says it was revised)\n"
        )
        quiet = run(drafted, "withdraw", f"{GS}@2025-b")
        assert "warning" not in quiet.stderr  # nothing is built on it


class TestQuotedValues:
    """A message quoting what the user gave shows it once escaped, as typed (tester 14, 10).

    ``repr`` doubles a backslash: ``7\\u200b`` typed as six characters came
    back as ``'7\\\\u200b'``, and so did an escape written in a YAML file.
    """

    @pytest.mark.parametrize(
        ("given", "shown"),
        [("7\\u200b", "'7\\u200b'"), ("7\u200b", "'7\\u200b'"), ("a\\b's", '"a\\b\'s"')],
        ids=["typed-escape", "zero-width-space", "quote-and-backslash"],
    )
    def test_an_argument(self, shipped: Path, given: str, shown: str) -> None:
        """An invalid comment id, a reference, a meeting: each echoed with one escape."""
        cases = [
            (
                ["comment", "add", GS, "--meeting", "sscb-2024-07", "--id", given, "--text", "hi"],
                f"comment id {shown} is not a valid id",
            ),
            (["show", f"{GS}@{given}"], f"{shown[0]}{GS}@{shown[1:]} is not a version reference"),
            (
                ["comment", "add", GS, "--meeting", given, "--id", "1", "--text", "hi"],
                f"meeting id {shown}",
            ),
        ]
        for args, said in cases:
            result = run(shipped, *args)
            assert result.exit_code == 2, result.output
            assert said in result.stderr, result.stderr

    def test_a_value_in_a_file(self, make_repo: MakeRepo) -> None:
        """A YAML escape in a file is quoted back as the file writes it, not doubled."""
        text = VERSION.replace("      - id: a\n", '      - id: "a\\\\b\\e"\n')
        root = make_repo({"doc/versions/v1.yaml": text})
        result = run(root, "validate")
        assert "'id' is not a valid id: 'a\\b\\x1b' (" in result.stdout, result.stdout
