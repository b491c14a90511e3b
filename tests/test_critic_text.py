"""CriticMarkup a user wrote never shows as a tracked change in our Markdown.

A statement, title or label may hold ``{++fake++}``, ``{--del--}``,
``{~~a~>b~~}``, ``{>>c<<}`` or ``{==d==}``; a CriticMarkup renderer
(pymdownx.critic, which MkDocs uses) would show them as insertions, deletions
and comments nobody made. Each Markdown output is rendered here with
pymdownx.critic and with markdown-it-py, and checked to show exactly the
changes made, and the user's text as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli
from tests.conftest import MakeRepo

HOSTILE = "{++fake++} {--del--} {~~a~>b~~} {>>c<<} {==d==}"


def run(*args: str, repo: Path) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), *args], catch_exceptions=False)


def _version(name: str, title: str, texts: list[tuple[str, str]]) -> str:
    lines = [f'version: "{name}"', f"date: 2024-0{len(name)}-01", "status: draft", "sections:"]
    lines += ["  - id: hs", f"    title: {json.dumps(title)}", "    statements:"]
    for st, text in texts:
        lines += [f"      - id: {st}", f"        text: {json.dumps(text)}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    """Hostile text kept (h-1), in a changed paragraph (h-2) and a title; a number (h-3) and a
    direction (h-4) changed too."""
    old = [
        ("h-1", f"Councils should act. {HOSTILE}"),
        ("h-2", f"Councils should build homes {HOSTILE} for families."),
        ("h-3", "Councils should build 200 homes."),
        ("h-4", "Councils should report."),
    ]
    new = [
        ("h-1", f"Councils should act. {HOSTILE}"),
        ("h-2", f"Councils should build homes {HOSTILE} for older people."),
        ("h-3", "Councils should build 400 homes."),
        ("h-4", "Councils report."),
    ]
    return make_repo(
        {
            "doc/versions/v1.yaml": _version("v1", f"Housing {HOSTILE}", old),
            "doc/versions/v22.yaml": _version("v22", f"Homes {HOSTILE}", new).replace(
                "status: draft", 'status: draft\nbased_on: "v1"'
            ),
        }
    )


def _critic_html(markdown_text: str) -> str:
    markdown = pytest.importorskip("markdown")
    pytest.importorskip("pymdownx.critic")
    return str(markdown.markdown(markdown_text, extensions=["pymdownx.critic"]))


def _marks(html: str) -> dict[str, list[str]]:
    """The tracked changes pymdownx.critic made: insertions, deletions, highlights, comments.

    Each change's words, without the space at its edge that it carries
    ("{--should --}fund", so that accepting it leaves one space).
    """
    return {
        tag: [m.strip() for m in re.findall(rf'<{tag} class="critic[^"]*">(.*?)</{tag}>', html)]
        for tag in ("ins", "del", "mark", "span")
    }


def _shows(markdown_text: str) -> str:
    """What a CommonMark reader sees (markdown-it-py), tags dropped."""
    import html

    from markdown_it import MarkdownIt

    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown_text)))


class TestComparison:
    """render changes: only the real changes are marks; the user's braces show as written."""

    def test_rendered_marks_are_the_real_changes(self, repo: Path) -> None:
        result = run("render", "changes", "doc@v1", "doc@v22", repo=repo)
        assert result.exit_code == 0, result.output
        body = result.stdout.split("\n", 4)[4]  # past the opening lines, which show the key
        marks = _marks(_critic_html(body))
        # The title's rename, 2.2's families -> older people, 1.3's 200 -> 400, 1.4's should.
        assert sorted(marks["del"]) == ["200", "Housing", "families", "should"]
        assert sorted(marks["ins"]) == ["400", "Homes", "older people"]
        assert marks["mark"] == []
        assert marks["span"] == []

    def test_user_text_reads_as_written(self, repo: Path) -> None:
        out = run("render", "changes", "doc@v1", "doc@v22", repo=repo).stdout
        assert HOSTILE in _shows(out)
        assert "{++fake++}" not in out  # raw, not even in the unchanged paragraph

    def test_key_says_what_markdown_shows(self, repo: Path) -> None:
        out = run("render", "changes", "doc@v1", "doc@v22", repo=repo).stdout
        assert "underlined" not in out
        assert "Insertions are marked {++like this++} and deletions {--like this--}" in out


class TestDiffMarkdown:
    """diff --format markdown: the same, labels included."""

    def test_rendered_marks_are_the_real_changes(self, repo: Path) -> None:
        result = run("diff", "doc@v1", "doc@v22", "--format", "markdown", repo=repo)
        assert result.exit_code == 0, result.output
        body = result.stdout.split("### Tracked changes", 1)[1].split("\n", 3)[3]
        marks = _marks(_critic_html(body))
        assert sorted(marks["del"]) == ["200", "families", "should"]
        assert sorted(marks["ins"]) == ["400", "older people"]
        assert marks["mark"] == []
        assert marks["span"] == []
        whole = _marks(_critic_html(result.stdout))
        assert len(whole["ins"]) == 3
        assert len(whole["del"]) == 4

    def test_titles_and_labels_read_as_written(self, repo: Path) -> None:
        out = run("diff", "doc@v1", "doc@v22", "--format", "markdown", repo=repo).stdout
        shown = _shows(out)
        assert f"Homes {HOSTILE}" in shown
        assert "(number: 200 → 400)" in out
        assert "(softened: should → (none))" in out  # no backslashes before ( and )
        assert "\\(" not in out
