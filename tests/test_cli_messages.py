"""What a newcomer's mistakes are told: a mistyped id, a usage slip, hand-written YAML.

Every command that takes the id of a document, version, meeting, comment,
section or statement answers a near miss with the same "did you mean", from
one function (policypos.errors.closest); a name that is nothing like any id,
and a bare number, get the list of known ids but no guess.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos.cli import cli
from policypos.errors import NotFoundError

GS = "going-straight"


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


@pytest.fixture
def drafted(shipped: Path) -> Path:
    """The shipped repository with a draft 2025 of going-straight, dated 6 January 2025."""
    policypos.apply_edit(policypos.new_version(shipped, GS, "2024", "2025", dt.date(2025, 1, 6)))
    return shipped


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

    @pytest.mark.parametrize(
        ("on", "meant"), [("da3", "da-3"), ("acommodation", "accommodation")]
    )
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
        assert result.stderr.rstrip().endswith(
            "error: no version '2O25' in document 'going-straight' (known: 2005, 2024, 2025); "
            "did you mean '2025'?"
        )


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
