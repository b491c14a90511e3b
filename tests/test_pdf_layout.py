"""PDF pages: a paragraph longer than the room left breaks across pages, short ones stay whole, emoji show.

Through ``policypos render annex ... --format pdf``, read back with
pdftotext and pdffonts (poppler-utils); skipped, saying why, where WeasyPrint
or poppler is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos.cli import cli

from .conftest import MakeRepo

LONG = " ".join(
    f"Councils should plan item {i} with their partners across the area." for i in range(90)
)


def version(statements: list[str]) -> str:
    lines = ['version: "v1"', "date: 2024-01-01", "status: draft", "sections:"]
    lines += ["  - id: s1", "    title: One", "    statements:"]
    for index, text in enumerate(statements):
        lines += [f"      - id: p{index}", f"        text: {text}"]
    return "\n".join(lines) + "\n"


def pages(make_repo: MakeRepo, tmp_path: Path, statements: list[str]) -> list[str]:
    """The text of each page of the annex of a version holding *statements*."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils)")
    repo = make_repo({"doc/versions/v1.yaml": version(statements)})
    out = tmp_path / "annex.pdf"
    args = ["--repo", str(repo), "render", "annex", "doc@v1", "--format", "pdf", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def page_of(found: list[str], word: str) -> int:
    (index,) = [i for i, page in enumerate(found) if word in page]
    return index


@pytest.mark.parametrize("before", [3, 8, 14])
def test_a_long_paragraph_starts_where_the_last_one_ended(
    make_repo: MakeRepo, tmp_path: Path, before: int
) -> None:
    """Kept whole, it would jump to the next page and leave the rest of this one blank."""
    short = [f"Short paragraph {i} on one line." for i in range(before)]
    found = pages(make_repo, tmp_path, [*short, "Longstart " + LONG])
    assert page_of(found, "Longstart") == page_of(found, f"Short paragraph {before - 1} ")
    # It breaks with three lines at least at the foot of the page it starts on.
    start = found[page_of(found, "Longstart")]
    lines = [line for line in start.split("Longstart", 1)[1].splitlines() if line.strip()]
    assert len([line for line in lines if "Page " not in line]) >= 3


def test_short_paragraphs_are_not_split(make_repo: MakeRepo, tmp_path: Path) -> None:
    """Five lines or fewer cannot have three at each side of a break: each stays on one page."""
    body = "Councils should plan with their partners across the whole area, every year, and say so."
    statements = [f"Begin{i:02d} {body} {body} {body} End{i:02d}" for i in range(40)]
    found = pages(make_repo, tmp_path, statements)
    assert len(found) > 2
    for i in range(40):
        assert page_of(found, f"Begin{i:02d}") == page_of(found, f"End{i:02d}"), i


def test_an_emoji_is_drawn_from_an_installed_emoji_font(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    if shutil.which("fc-list") is None or shutil.which("pdffonts") is None:
        pytest.skip("fc-list or pdffonts is not installed")
    installed = subprocess.run(
        ["fc-list", ":charset=1f3e0", "family"], capture_output=True, text=True, check=True
    ).stdout
    if not installed.strip():
        pytest.skip("no font with emoji is installed (apt-get install fonts-noto-color-emoji)")
    pytest.importorskip("weasyprint")
    repo = make_repo({"doc/versions/v1.yaml": version(["A home \U0001f3e0 for 2014 people."])})
    out = tmp_path / "annex.pdf"
    args = ["--repo", str(repo), "render", "annex", "doc@v1", "--format", "pdf", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    families = {name.split(",")[0].replace(" ", "-") for name in installed.splitlines()}
    assert any(family in fonts for family in families), (families, fonts)


def test_a_statements_list_has_filled_bullets(make_repo: MakeRepo, tmp_path: Path) -> None:
    """A list in a numbered paragraph is the statement's own first list: filled bullets, as in
    the summary lists and Word, not the hollow circles a list inside an ol gets by default;
    a list nested in it, hollow."""
    statement = '"Councils should fund:\\n\\n- hostels\\n- floating support\\n  - day centres\\n"'
    (page,) = pages(make_repo, tmp_path, [statement])
    assert "• hostels" in page
    assert "• floating support" in page
    assert "◦ day centres" in page


def meeting(ident: str, day: str, comments: int) -> str:
    lines = ["meeting:", f"  id: {ident}", "  body: Cabinet", f"  date: {day}", 'reviews: "v1"']
    lines.append("comments:" if comments else "comments: []")
    for i in range(1, comments + 1):
        lines += [f'  - id: "{i}"', "    kind: comment", "    by: Cllr Ames"]
        lines += [f"    text: Comment {i} {'asks for more ' * 6}", "    disposition: open"]
    return "\n".join(lines) + "\n"


def test_a_meeting_with_no_comments_never_has_a_page_of_its_own(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """However many rows the meeting before it fills its page with, the empty meeting's heading
    and line share a page with a row (tester 14, item 9); no caption repeats the heading."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils)")
    out = tmp_path / "log.pdf"
    breaks = 0
    for rows in range(4, 13):  # the page fills somewhere in here, whatever the font
        repo = make_repo(
            {
                "doc/versions/v1.yaml": version(["Hello."]),
                "doc/meetings/m1.yaml": meeting("m1", "2025-02-01", rows),
                "doc/meetings/m2.yaml": meeting("m2", "2025-03-01", 0),
            }
        )
        args = ["--repo", str(repo), "render", "comments", "doc", "-o", str(out)]
        result = CliRunner().invoke(cli, [*args, "--format", "pdf"])
        assert result.exit_code == 0, result.output
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        found = text.split("\f")[:-1]
        last = found[page_of(found, "No comments were recorded.")]
        assert "Cabinet, 1 March 2025" in last
        assert "Comment " in last, (rows, last)
        breaks += len(found) > 1
    assert breaks  # the range did reach the foot of a page
    assert "Comments made at" not in text
