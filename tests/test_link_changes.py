"""A link whose address alone changed is said as such: "link changed", not "reworded".

No word a reader sees changed, so every view names what did: the text and
Markdown diffs, the change set's JSON (the finding's optional ``link``) and
the comparison's notes, in every format alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import DOCUMENT, MakeRepo
from .test_cli import run

OLD = "https://a.example/grants-2024"
NEW = "https://b.example/grants-2025"

CASES = {
    "address": (
        f"Councils should read [the grant note]({OLD}) before bidding.",
        f"Councils should read [the grant note]({NEW}) before bidding.",
        f"link changed: the grant note ({OLD} -> {NEW})",
    ),
    "autolink": (
        f"Councils should read <{OLD}> before bidding.",
        f"Councils should read <{NEW}> before bidding.",
        f"link changed: ({OLD} -> {NEW})",
    ),
    "image": (
        "See ![the map](map-2024.png) first.",
        "See ![the map](map-2025.png) first.",
        "link changed: the map (map-2024.png -> map-2025.png)",
    ),
}


def repository(make_repo: MakeRepo, old: str, new: str) -> Path:
    def version(vid: str, day: str, text: str) -> str:
        return (
            f'version: "{vid}"\ndate: {day}\nstatus: draft\nsections:\n'
            f"  - id: s\n    title: S\n    statements:\n      - id: a\n        text: '{text}'\n"
        )

    return make_repo(
        {
            "doc/versions/v1.yaml": version("v1", "2024-01-01", old),
            "doc/versions/v2.yaml": version("v2", "2024-02-01", new),
        },
        document=DOCUMENT,
    )


@pytest.mark.parametrize(("old", "new", "label"), CASES.values(), ids=CASES.keys())
def test_text_and_markdown_diff_name_the_link(
    make_repo: MakeRepo, old: str, new: str, label: str
) -> None:
    repo = repository(make_repo, old, new)
    text = run("diff", "doc@v1", "doc@v2", repo=repo).stdout
    assert f"~ a [{label}]" in text
    assert "reworded" not in text
    assert "date:" not in text  # the year inside the address is no date of the statement
    markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=repo).stdout
    assert label.replace("->", "→") in markdown


@pytest.mark.parametrize(("old", "new", "label"), CASES.values(), ids=CASES.keys())
def test_json_finding_has_the_link(make_repo: MakeRepo, old: str, new: str, label: str) -> None:
    repo = repository(make_repo, old, new)
    result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=repo)
    (statement,) = json.loads(result.stdout)["sections"][0]["statements"]
    (finding,) = statement["findings"]
    words, _, addresses = label.removeprefix("link changed: ").rpartition("(")
    assert finding["kind"] == "wording"
    assert finding["link"] == (words.strip() or finding["old"])
    assert (finding["old"], finding["new"]) == tuple(addresses.rstrip(")").split(" -> "))
    # Substantive, as any wording: the tool cannot read where the link now goes.
    assert statement["significance"] == "substantive"


def test_comparison_says_where_the_link_now_goes(make_repo: MakeRepo, tmp_path: Path) -> None:
    old, new, _ = CASES["address"]
    repo = repository(make_repo, old, new)
    said = f"link “the grant note” now goes to {NEW} rather than {OLD}"
    for fmt in ("markdown", "html"):
        out = tmp_path / f"changes.{fmt}"
        result = run(
            "render", "changes", "doc@v1", "doc@v2", "--format", fmt, "-o", str(out), repo=repo
        )
        assert result.exit_code == 0, result.output
        assert said in out.read_text(), fmt
        assert "1.1: reworded" not in out.read_text()


def test_words_changed_too_are_still_reworded(make_repo: MakeRepo) -> None:
    """A link whose words changed shows: the words' rules read it, as before."""
    repo = repository(
        make_repo,
        f"Read [the grant note]({OLD}) first.",
        f"Read [the new grant note]({OLD}) first.",
    )
    assert "~ a [reworded]" in run("diff", "doc@v1", "doc@v2", repo=repo).stdout
    # A word changed outside the link beside an address changed: both are said.
    repo = repository(
        make_repo,
        f"Councils should read [the note]({OLD}) now.",
        f"Councils must read [the note]({NEW}) now.",
    )
    text = run("diff", "doc@v1", "doc@v2", repo=repo).stdout
    assert f"strengthened: should -> must; link changed: the note ({OLD} -> {NEW})" in text
