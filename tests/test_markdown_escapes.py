"""Markdown documents: user text reads as typed (B&B, a < b) and still cannot act as HTML.

Only a ``<`` that could open raw HTML and an ``&`` that would start a
character reference are written as entities; checked through ``policypos
render``, through markdown-it-py (CommonMark) and Python-Markdown (what MkDocs
uses), and on random text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policypos.cli import cli
from policypos.render import markdown_text

from .conftest import MakeRepo

READABLE = [
    "Families stay in B&B for weeks.",
    "Supporting communities & places",
    "Where a < b and c > d.",
    "Fewer than <5 households, R&D and AT&T.",
    "See <https://example.org/guide> for more.",
]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</p><b>bold</b>",
    "<!-- hidden --> and <!DOCTYPE html> and <?php echo 1 ?>",
    "<https://x.example onmouseover=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "&lt;script&gt; typed as entities, &#60;b&#62; too",
]


def _renderers() -> list[tuple[str, object]]:
    from markdown_it import MarkdownIt

    out: list[tuple[str, object]] = [("markdown-it", MarkdownIt("commonmark").render)]
    try:
        import markdown
    except ImportError:  # pragma: no cover - a test extra
        return out
    out.append(("python-markdown", markdown.markdown))
    return out


def shown(rendered: str) -> str:
    """What a reader sees of rendered HTML: tags dropped, references decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def tags(rendered: str) -> set[str]:
    return {m.lower() for m in re.findall(r"<\s*/?\s*([A-Za-z!?][^\s>/]*)", rendered)}


@pytest.mark.parametrize("text", READABLE)
def test_plain_text_is_written_as_typed(text: str) -> None:
    """What is no markup needs no escape: it reads right pasted into an email."""
    assert markdown_text(text) == text


@pytest.mark.parametrize("text", READABLE + HOSTILE)
@pytest.mark.parametrize("renderer", [name for name, _ in _renderers()])
def test_renderers_show_what_was_typed_and_run_nothing(text: str, renderer: str) -> None:
    render = dict(_renderers())[renderer]
    rendered = render(markdown_text(text))  # type: ignore[operator]
    # An autolink shows its address without the brackets; everything else as typed.
    expected = re.sub(r"<((?:https?://|mailto:)[^\s<>]*)>", r"\1", text)
    assert shown(rendered) == " ".join(expected.split())
    assert tags(rendered) <= {"p", "a"}, rendered
    assert "javascript" not in " ".join(re.findall(r'<a\s[^>]*href="([^"]*)"', rendered))


@given(st.text(alphabet="<&;#x1a /!?>bp=\"'", max_size=30))
def test_random_text_shows_as_typed_and_makes_no_tag(text: str) -> None:
    from markdown_it import MarkdownIt

    typed = "x " + text  # a line starting with > or # would be a block of Markdown's own
    rendered = MarkdownIt("commonmark").render(markdown_text(typed))
    assert tags(rendered) <= {"p"}, (typed, rendered)
    assert shown(rendered) == " ".join(typed.split()), rendered


def test_the_board_paper_and_annex_through_the_command_line(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    version = (
        'version: "v1"\ndate: 2024-01-01\nstatus: draft\nsections:\n  - id: s1\n'
        "    title: Homes & places\n    statements:\n      - id: a\n"
        "        text: 'Families stay in B&B where a < b; <script>alert(1)</script> is text.'\n"
    )
    repo = make_repo({"doc/versions/v1.yaml": version})
    result = CliRunner().invoke(cli, ["--repo", str(repo), "render", "annex", "doc@v1"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "## 1. Homes & places" in out
    assert "Families stay in B&B where a < b; &lt;script>alert(1)&lt;/script> is text." in out
    assert "&amp;" not in out


MARKED = "*Bold* _x_ | [y](z) `c`"
"""A plain field (a name, a title) holding what Markdown reads as markup."""


@pytest.mark.parametrize(
    "args",
    [
        ["render", "response", "cambridgeshire-reoffending"],
        ["render", "comments", "cambridgeshire-reoffending"],
        ["render", "annex", "cambridgeshire-reoffending"],
        ["comments", "cambridgeshire-reoffending", "--format", "markdown"],
        ["log", "cambridgeshire-reoffending", "--format", "markdown"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_plain_fields_show_as_typed_in_markdown(shipped: Path, args: list[str]) -> None:
    """A title, a body or a `by` is plain text: HTML shows `*Bold*` as typed, so the Markdown
    paper does too, in headings, lines and table cells alike (tester 16, item 6)."""
    from markdown_it import MarkdownIt

    doc = shipped / "cambridgeshire-reoffending"
    for name in ("document.yaml", "versions/2014.yaml"):  # the annex takes the version's title
        lines = (doc / name).read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [f"title: '{MARKED}'\n" if x.startswith("title:") else x for x in lines]
        (doc / name).write_text("".join(lines), encoding="utf-8")
    add = ["comment", "add", "cambridgeshire-reoffending", "--meeting", "cabinet-2014-04"]
    add += ["--id", "7", "--kind", "recommendation", "--by", MARKED, "--text", "x"]
    added = CliRunner().invoke(cli, ["--repo", str(shipped), *add])
    assert added.exit_code == 0, added.output
    result = CliRunner().invoke(cli, ["--repo", str(shipped), *args])
    assert result.exit_code == 0, result.output
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    for markup in ("<em>Bold</em>", "<em>x</em>", 'href="z"', "<code>c</code>"):
        assert markup not in rendered, result.stdout
    assert MARKED in html.unescape(re.sub(r"<[^>]+>", "", rendered)), result.stdout
