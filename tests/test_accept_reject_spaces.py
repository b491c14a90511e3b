"""Accepting or rejecting every change of a comparison leaves each space once, in Word and Markdown.

A section renamed (rewritten, lengthened, shortened) and a statement whose
change sits next to punctuation, through ``policypos render changes`` in
Markdown (CriticMarkup resolved the way pymdownx.critic's accept and reject
modes do) and in Word (``w:ins``/``w:del`` resolved as Word's Accept All and
Reject All do).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from policypos.cli import cli

from .conftest import MakeRepo
from .test_word import W, accepted, rejected

TITLES = [
    ("Domestic abuse", "Domestic abuse and safe accommodation"),  # lengthened
    ("Rough sleeping services", "Rough sleeping"),  # shortened
    ("Housing first", "Settled homes for everyone"),  # rewritten whole
    ("Money", "Money and debt advice"),
    ("Asks", "Asks of government"),
    ("Points", "Points to consider"),
]

STATEMENTS = [
    (
        "Councils should plan for people leaving prison, so that nobody is released homeless.",
        "Councils should plan for people leaving prison as for everyone else.",
    ),
    ("Councils should act now.", "Councils should act now, and report yearly."),
    ("Government should fund beds (all year).", "Government should fund beds."),
    ("Old words entirely.", "A sentence nothing like it at all, rewritten."),
    ("Government should fund beds.", "Government should fund more beds."),
    ("Councils should fund beds.", "Councils should fund beds."),
]

# The kind of statement 5.1 and 6.1 on each side: a label that appears, and one that goes.
KINDS = {5: ("position", "ask"), 6: ("consideration", "position")}
LABELS = {"position": "", "ask": "Ask: ", "consideration": "For councils to consider: "}


def _version(version: str, date: str, side: int) -> str:
    lines = [f'version: "{version}"', f"date: {date}", "status: draft", "sections:"]
    for number, titles in enumerate(TITLES, 1):
        statement = STATEMENTS[number - 1][side]
        lines += [
            f"  - id: s{number}",
            f"    title: {titles[side]}",
            "    statements:",
            f"      - id: p{number}",
            f"        kind: {KINDS.get(number, ('position', 'position'))[side]}",
            f"        text: {statement}",
        ]
    return "\n".join(lines) + "\n"


def repository(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", "2024-01-01", 0),
            "doc/versions/v2.yaml": _version("v2", "2025-01-01", 1),
        }
    )


def render(repo: Path, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"changes.{fmt}"
    args = ["--repo", str(repo), "render", "changes", "doc@v1", "doc@v2", "--format", fmt]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def critic_accept(text: str) -> str:
    return re.sub(r"\{\+\+(.*?)\+\+\}", r"\1", re.sub(r"\{--.*?--\}", "", text))


def critic_reject(text: str) -> str:
    return re.sub(r"\{--(.*?)--\}", r"\1", re.sub(r"\{\+\+.*?\+\+\}", "", text))


@pytest.fixture
def markdown(make_repo: MakeRepo, tmp_path: Path) -> str:
    return render(repository(make_repo), tmp_path, "markdown").read_text()


@pytest.fixture
def word(make_repo: MakeRepo, tmp_path: Path) -> list[etree._Element]:
    path = render(repository(make_repo), tmp_path, "docx")
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return list(body.iter(f"{W}p"))


@pytest.mark.parametrize("number", range(1, len(TITLES) + 1))
def test_markdown_heading_accepts_and_rejects_to_one_space(markdown: str, number: int) -> None:
    (heading,) = [line for line in markdown.splitlines() if line.startswith(f"## {number}. ")]
    old, new = TITLES[number - 1]
    assert critic_accept(heading) == f"## {number}. {new}"
    assert critic_reject(heading) == f"## {number}. {old}"


@pytest.mark.parametrize("number", range(1, len(STATEMENTS) + 1))
def test_markdown_statement_accepts_and_rejects_exactly(markdown: str, number: int) -> None:
    (line,) = [line for line in markdown.splitlines() if line.startswith(f"**{number}.1** ")]
    old, new = STATEMENTS[number - 1]
    before, after = (LABELS[kind] for kind in KINDS.get(number, ("position", "position")))
    assert critic_accept(line) == f"**{number}.1** {after}{new}"
    assert critic_reject(line) == f"**{number}.1** {before}{old}"


@pytest.mark.parametrize("number", range(1, len(STATEMENTS) + 1))
def test_word_statement_accepts_and_rejects_exactly(
    word: list[etree._Element], number: int
) -> None:
    old, new = STATEMENTS[number - 1]
    before, after = (LABELS[kind] for kind in KINDS.get(number, ("position", "position")))
    (line,) = [p for p in word if accepted(p).startswith(f"{number}.1\t")]
    assert accepted(line) == f"{number}.1\t{after}{new}"
    assert rejected(line) == f"{number}.1\t{before}{old}"


@pytest.mark.parametrize("number", range(1, len(TITLES) + 1))
def test_word_heading_accepts_and_rejects_to_one_space(
    word: list[etree._Element], number: int
) -> None:
    old, new = TITLES[number - 1]
    (heading,) = [p for p in word if accepted(p).startswith(f"{number}. ")]
    assert accepted(heading) == f"{number}. {new}"
    assert rejected(heading) == f"{number}. {old}"
