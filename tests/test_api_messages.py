"""A message says what to give as its reader gives it: ``body=`` from Python, ``--body`` in a shell."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import policypos
import policypos.documents
from policypos.render import Options, write_document
from tests.test_cli import run

GS = "going-straight"
BOARD = "Safer and Stronger Communities Board"

ADD_99 = ["comment", "add", GS, "--meeting", "sscb-2024-03", "--id", "99", "--text", "Text."]
"""policypos comment add of comment 99 to the March 2024 meeting, before the option tried."""

# (what the function is called with, what the command is given, the API's words, the command's)
Case = tuple[Callable[[Path], object], list[str], str, str]
CASES: dict[str, Case] = {
    "a new meeting, no body": (
        lambda r: policypos.add_comment(r, GS, "zz-1", "1", "Text."),
        ["comment", "add", GS, "--meeting", "zz-1", "--id", "1", "--text", "Text."],
        "give body= (and date=) to create it",
        "give --body (and --date) to create it",
    ),
    "a paper's new meeting, no date": (
        lambda r: policypos.propose(r, GS, "2024", "zz-1", body=BOARD),
        ["propose", f"{GS}@2024", "--meeting", "zz-1", "--body", BOARD],
        "give body= and date= to create it",
        "give --body and --date to create it",
    ),
    "nothing to set": (
        lambda r: policypos.set_comment(r, GS, "sscb-2024-03/3.1"),
        ["comment", "set", GS, "sscb-2024-03/3.1"],
        "(disposition=, response=, referred_to=)",
        "(--disposition, --response, --referred-to)",
    ),
    "no title": (
        lambda r: policypos.new_document(r, "roads", None),
        ["new-document", "roads", "--organisation", "O", "--owner", "B"],
        "give title=, or source= with a title",
        "give --title, or --from FILE with a title",
    ),
    "a field of two lines": (
        lambda r: policypos.add_comment(r, GS, "sscb-2024-03", "99", "Text.", by="A\nB"),
        [
            *ADD_99,
            "--by",
            "A\nB",
        ],
        "by= must be one line",
        "--by must be one line",
    ),
    "a meeting's other details": (
        lambda r: policypos.add_comment(r, GS, "sscb-2024-03", "99", "Text.", body="Cabinet"),
        [
            *ADD_99,
            "--body",
            "Cabinet",
        ],
        "other details: body='Cabinet' (it has",
        "other details: --body Cabinet (it has",
    ),
    "a decided version": (
        lambda r: policypos.cite(r, GS, "2005", "dc-1", "sscb-2024-03/3.1"),
        ["cite", f"{GS}@2005", "dc-1", "sscb-2024-03/3.1"],
        "(start a draft with policypos.new_version())",
        "(start a draft with 'policypos new-version')",
    ),
    "a meeting not written yet": (
        lambda r: policypos.open_repository(r).document(GS).meeting("sscb-2025-03"),
        ["comments", GS, "--meeting", "sscb-2025-03"],
        "policypos.add_comment(root, 'going-straight', 'sscb-2025-03', ID, TEXT, body=BODY,",
        f"policypos comment add {GS} --meeting sscb-2025-03 --id ID --text TEXT --body BODY",
    ),
    "a Jinja template for Word": (
        lambda r: write_document(
            "annex",
            policypos.documents.annex(
                policypos.open_repository(r).document(GS),
                policypos.open_repository(r).document(GS).version("2024"),
            ),
            Options(format="docx", template=r / "annex.md.j2"),
        ),
        [
            "render",
            "annex",
            f"{GS}@2024",
            "--format",
            "docx",
            "--template",
            "annex.md.j2",
            "-o",
            "annex.docx",
        ],
        "give template= with markdown, html or pdf (an HTML template), or reference_docx= for",
        "give --template with markdown, html or pdf (an HTML template), or --reference-docx for",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_api_and_command(case: Case, shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    call, args, python, command = case
    (shipped / "annex.md.j2").write_text("{{ title }}\n")
    with pytest.raises(policypos.PolicyPosError) as caught:
        call(shipped)
    assert python in str(caught.value)
    assert not re.search(r"(^|[ (])--[a-z]|'policypos ", str(caught.value))

    monkeypatch.chdir(shipped)
    result = run(*args, repo=shipped)
    assert result.exit_code == 2
    assert command in result.stderr
