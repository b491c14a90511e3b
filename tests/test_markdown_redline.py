"""The comparison in HTML and PDF shows statements' Markdown rendered, as the annex does, changes marked.

Through ``policypos render changes ... --format html|pdf`` on a two-version
repository, and through :func:`policypos.render.markdown_redline` for the
cases a change cuts Markdown in odd places.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos.cli import cli
from policypos.redline import redline
from policypos.render import markdown_html, markdown_redline

from .conftest import VERSION, MakeRepo
from .test_html import Page

V1 = """\
version: "v1"
date: 2024-01-01
status: endorsed
preamble: A *short* preamble.
sections:
  - id: s1
    title: One
    intro: See the [old guide](https://example.org/old).
    statements:
      - id: a
        text: Councils should run a *housing check* before discharge.
      - id: b
        text: |
          Councils should make sure that assessments:

          - take account of where the person will live;
          - involve the housing team.
      - id: c
        text: Plain <script>alert(1)</script> words & B&B.
"""

V2 = """\
version: "v2"
date: 2025-01-01
status: draft
preamble: A *longer* preamble.
sections:
  - id: s1
    title: One
    intro: See the [new guide](https://example.org/new).
    statements:
      - id: a
        text: Councils should run a *housing test* before discharge, **always**.
      - id: b
        text: |
          Councils should make sure that assessments:

          - take account of where the person will live;
          - involve the housing team; and
          - happen before the discharge date.
      - id: c
        text: Plain <script>alert(2)</script> words & B&B, [here](https://example.org/here).
      - id: d
        text: A new `code` statement with a [link](https://example.org/d).
"""


def repository(make_repo: MakeRepo) -> Path:
    return make_repo({"doc/versions/v1.yaml": V1, "doc/versions/v2.yaml": V2})


def render(repo: Path, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"changes.{fmt}"
    result = CliRunner().invoke(
        cli,
        [
            "--repo",
            str(repo),
            "render",
            "changes",
            "doc@v1",
            "doc@v2",
            "--format",
            fmt,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def statement_html(html: str, statement: str) -> str:
    """The rendered text of one statement of the comparison (its ``div.redline``)."""
    found = re.search(rf'id="st-{statement}".*?<div class="redline">(.*?)</div>', html, re.S)
    assert found, statement
    return found.group(1)


class TestHtml:
    def test_emphasis_is_rendered_around_a_change(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        html = render(repository(make_repo), tmp_path, "html").read_text()
        a = statement_html(html, "a")
        assert "*" not in a
        assert re.search(r"<em>housing <del>.*?check.*?</del><ins>.*?test.*?</ins></em>", a)
        assert re.search(r"<ins>.*?<strong><ins>.*?always.*?</ins></strong>", a, re.S)

    def test_a_list_is_a_list_with_the_new_item_inserted(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        html = render(repository(make_repo), tmp_path, "html").read_text()
        b = statement_html(html, "b")
        items = re.findall(r"<li[^>]*>(.*?)</li>", b, re.S)
        assert len(items) == 3, b
        assert "- " not in Page(b).visible
        assert items[0] == "take account of where the person will live;"
        assert "<ins>" in items[2]
        assert "happen before the discharge date" in items[2]
        assert "<ins>" not in items[0]

    def test_links_and_code_as_the_annex_shows_them(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        html = render(repository(make_repo), tmp_path, "html").read_text()
        d = statement_html(html, "d")
        page = Page(d)
        assert page.tags("a") == [{"href": "https://example.org/d"}]
        assert "<code><ins>code</ins></code>" in d
        assert "](" not in page.visible
        assert "`" not in page.visible
        # A link whose address changed is struck whole and inserted whole, each with its
        # own address, never both run together.
        intro = re.search(r'<div class="intro redline">(.*?)</div>', html, re.S)
        assert intro is not None
        assert Page(intro.group(1)).tags("a") == [
            {"href": "https://example.org/old"},
            {"href": "https://example.org/new"},
        ]
        assert '<del><a href="https://example.org/old">' in intro.group(1)
        assert '<ins><a href="https://example.org/new">' in intro.group(1)
        assert "*" not in re.search(r'<div class="preamble redline">(.*?)</div>', html, re.S)[1]  # type: ignore[index]

    def test_what_users_wrote_stays_escaped(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        html = render(repository(make_repo), tmp_path, "html").read_text()
        c = statement_html(html, "c")
        assert "<script" not in c
        assert "&lt;script&gt;" in c
        assert "B&amp;B" in c
        assert "alert(" in Page(c).visible

    def test_every_tag_is_closed_where_it_opened(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        html = render(repository(make_repo), tmp_path, "html").read_text()
        for statement in "abcd":
            assert _nesting_errors(statement_html(html, statement)) == [], statement


def _nesting_errors(html: str) -> list[str]:
    """Closing tags that do not close the element open last (void elements aside)."""
    stack: list[str] = []
    errors = []
    for closing, name in re.findall(r"<(/?)([a-z0-9]+)[^>]*>", html):
        if name in ("br", "hr", "img"):
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            errors.append(name)
    return errors + stack


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("A *b c* d.", "A *b e* d."),
        ("A *b c* d.", "A b c d."),
        ("Do this.", "Do this:\n\n- one\n- two"),
        ("- one\n- two", "- one\n- three\n\nAfter."),
        ("# Head\n\ntext", "## Heading\n\ntext"),
        ("> quoted *here*", "> quoted **there**"),
        ("| a | b |\n| - | - |\n| 1 | 2 |", "| a | b |\n| - | - |\n| 1 | 3 |"),
        ("```\ncode\n```", "```python\ncode more\n```"),
        ("[a](https://x.example/one) and [b](https://y.example)", "[a](https://x.example/two)"),
    ],
)
def test_changes_cutting_markdown_nest_and_read_both_ways(old: str, new: str) -> None:
    """Wherever a change cuts, tags nest, and the text holds every old and every new word."""
    html = str(markdown_redline(redline(old, new)))
    assert _nesting_errors(html) == []
    assert not re.search("[\ue000-\ue003]|%EE%80%8", html)
    words = Page(html).visible
    for side in (old, new):
        rendered = Page(str(markdown_html(side))).visible
        for word in re.findall(r"[A-Za-z]+", rendered):
            assert word in words, (word, html)


@pytest.mark.parametrize(
    ("old", "new", "blocks"),
    [
        ("", "- one\n- two", {"li": 2}),
        ("- one\n- two", "", {"li": 2}),
        ("- one\n- two", "- two", {"li": 2}),
        ("1. one\n2. two", "2. two", {"li": 2}),
        ("", "## A heading\n\nText.", {"h5": 1}),
        ("> a quote", "", {"blockquote": 1}),
        ("", "| a | b |\n| - | - |\n| 1 | 2 |", {"td": 2, "th": 2}),
    ],
)
def test_a_change_starting_a_line_keeps_its_block(
    old: str, new: str, blocks: dict[str, int]
) -> None:
    """A list, heading, quote or table that a change starts is still that block, its words marked."""
    html = str(markdown_redline(redline(old, new)))
    page = Page(html)
    for tag, count in blocks.items():
        assert len(page.tags(tag)) == count, html
    assert "- " not in page.visible
    assert "#" not in page.visible
    assert ">" not in page.visible
    assert len(page.tags("ins")) + len(page.tags("del")) >= 1


def test_a_change_that_only_keeps_text_is_the_annex_text() -> None:
    """With nothing changed, the comparison renders a statement exactly as the annex does."""
    text = "Councils *must* see the [review](https://example.org) and:\n\n- fund **housing**;\n- fund `training`.\n"
    assert markdown_redline(redline(text, text)) == markdown_html(text.strip())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Read [x](https://a.example).", "Read [x](javascript:alert(1))."),
        ("Read [x](https://a.example).", "Read [x](java\nscript:alert(1))."),
        ("Read [x](https://a.example).", "Read [x](JAVASCRIPT:alert(1))."),
        ("Read ![x](https://a.example/i.png).", "Read ![x](file:///etc/passwd)."),
        ("Read [x](javascript:alert(1)).", "Read [x](https://a.example)."),
    ],
)
def test_a_changed_address_is_checked_after_it_is_resolved(old: str, new: str) -> None:
    """A change cutting an address never makes a link markdown-it-py would have refused."""
    html = str(markdown_redline(redline(old, new)))
    for attrs in Page(html).tags("a") + Page(html).tags("img"):
        address = (attrs.get("href") or attrs.get("src") or "").lower()
        assert not re.match(r"\s*(javascript|file|vbscript):", address), html
    page = Page(html)
    assert "x" in page.visible or page.tags("img") == [{"alt": "x"}], html


def test_a_users_private_use_marks_open_nothing() -> None:
    """A statement holding the very characters that fence changes shows them replaced, opens no change."""
    html = str(markdown_redline(redline("Keep \ue000this\ue001.", "Keep \ue000this\ue001 too.")))
    assert html.count("<ins>") == 1
    assert html.count("<del>") == 0
    assert "\ufffdthis\ufffd" in html


def test_pdf_shows_rendered_markdown(make_repo: MakeRepo, tmp_path: Path) -> None:
    """The PDF (the HTML printed) has the words without the marks users typed."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    pdf = render(repository(make_repo), tmp_path, "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "housing" in text
    assert "*housing" not in text
    assert "[link]" not in text
    assert "- take account" not in text
    assert "take account of where the person will live;" in text


def test_the_published_history_renders_a_changed_statement(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """The site's statement history shows a change as the comparison does, not Markdown as typed."""
    site = tmp_path / "site"
    # The site publishes what is in force: the new version endorsed, the old superseded.
    repo = make_repo(
        {
            "doc/versions/v1.yaml": V1.replace("status: endorsed", "status: superseded"),
            "doc/versions/v2.yaml": V2.replace("status: draft", "status: endorsed"),
        }
    )
    result = CliRunner().invoke(cli, ["--repo", str(repo), "publish", "-o", str(site)])
    assert result.exit_code == 0, result.output
    page = (site / "doc/statements/b.html").read_text()
    redline = re.search(r'<div class="redline">(.*?)</div>', page, re.S)
    assert redline is not None
    assert len(Page(redline.group(1)).tags("li")) == 3
    assert "- " not in Page(redline.group(1)).visible
    a = (site / "doc/statements/a.html").read_text()
    assert re.search(r"<em>housing <del>.*?check.*?</del><ins>.*?test.*?</ins></em>", a)


# conftest's one-section version, its statements links of every kind.
LINK_V1 = (
    VERSION[: VERSION.index("    statements:")]
    + """\
    intro: See the [guide](https://example.org/old).
    statements:
      - id: a
        text: Councils should follow the [guidance](https://a.example.org/g) on discharge.
      - id: b
        text: Read ![the map](map-2024.png) first.
      - id: c
        text: Ask <https://a.example.org> for help.
      - id: d
        text: Follow [the guidance](https://example.org/t "Old title") here.
      - id: e
        text: Follow the [old advice](https://example.org/same) now.
      - id: f
        text: Kept as it was, [with a link](https://example.org/kept).
"""
)

# The same file a year on: every link's address, title or file changed, one link's words.
LINK_V2 = (
    LINK_V1.replace(
        'v1"\ndate: 2024-01-01\nstatus: endorsed', 'v2"\ndate: 2025-01-01\nstatus: draft'
    )
    .replace("sections:", "based_on: v1\nsections:")
    .replace("example.org/old", "example.org/new")
    .replace("https://a.example.org", "https://b.example.org")
    .replace("map-2024", "map-2025")
    .replace('"Old title"', '"New title"')
    .replace("[old advice]", "[new advice]")
)


class TestChangedAddress:
    """A change to a link's address alone is a tracked change a reviewer sees, in every format."""

    def repo(self, make_repo: MakeRepo) -> Path:
        return make_repo({"doc/versions/v1.yaml": LINK_V1, "doc/versions/v2.yaml": LINK_V2})

    @pytest.mark.parametrize(
        ("statement", "old", "new"),
        [
            ("a", "https://a.example.org/g", "https://b.example.org/g"),
            ("c", "https://a.example.org", "https://b.example.org"),
            ("d", "https://example.org/t", "https://example.org/t"),
        ],
        ids=["address", "autolink", "title"],
    )
    def test_html_strikes_the_old_link_and_inserts_the_new(
        self, make_repo: MakeRepo, tmp_path: Path, statement: str, old: str, new: str
    ) -> None:
        html = statement_html(render(self.repo(make_repo), tmp_path, "html").read_text(), statement)
        assert re.search(rf'<del><a href="{re.escape(old)}"[^>]*>', html), html
        assert re.search(rf'<ins><a href="{re.escape(new)}"[^>]*>', html), html
        assert "%EE%80" not in html
        assert "xn--" not in html  # no address run together with a change's marks
        assert _nesting_errors(html) == []

    def test_html_image(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """An image whose file changed is struck and inserted, each with its own file."""
        html = statement_html(render(self.repo(make_repo), tmp_path, "html").read_text(), "b")
        assert re.search(r'<del><span class="cue">\[deleted: </span><img src="map-2024.png"', html)
        assert re.search(r'<ins><span class="cue">\[inserted: </span><img src="map-2025.png"', html)

    def test_html_words_and_unchanged_links(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """The other way: a link whose words alone changed keeps one link, the words marked;
        a link not changed is not marked."""
        html = render(self.repo(make_repo), tmp_path, "html").read_text()
        words = statement_html(html, "e")
        assert Page(words).tags("a") == [{"href": "https://example.org/same"}]
        assert re.search(r"<a [^>]*><del>.*old.*</del><ins>.*new.*</ins> advice</a>", words)
        kept = statement_html(html, "f")
        assert "<del>" not in kept
        assert "<ins>" not in kept
        assert '<a href="https://example.org/kept">with a link</a>' in kept

    def test_the_address_shows_on_screen(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """The page's style shows a struck or inserted link's address after it, not only in print."""
        html = render(self.repo(make_repo), tmp_path, "html").read_text()
        screen = html.split("@media print")[0]
        assert 'del > a[href]::after, ins > a[href]::after { content: " (" attr(href) ")"' in screen

    def test_markdown_comparison(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """CriticMarkup around the whole link, so a renderer shows a change, and accept/reject hold."""
        text = render(self.repo(make_repo), tmp_path, "markdown").read_text()
        assert (
            "{--[guidance](https://a.example.org/g)--}{++[guidance](https://b.example.org/g)++}"
            in text
        )
        assert "{--![the map](map-2024.png)--}{++![the map](map-2025.png)++}" in text
        assert "{--<https://a.example.org>--}{++<https://b.example.org>++}" in text
        assert "[{--old--}{++new++} advice](https://example.org/same)" in text
        assert "(https://{--" not in text
        assert "[with a link](https://example.org/kept)" in text

    def test_markdown_diff(self, make_repo: MakeRepo) -> None:
        repo = self.repo(make_repo)
        result = CliRunner().invoke(
            cli, ["--repo", str(repo), "diff", "doc@v1", "doc@v2", "--format", "markdown"]
        )
        assert result.exit_code == 0, result.output
        assert (
            '{--[the guidance](https://example.org/t "Old title")--}'
            '{++[the guidance](https://example.org/t "New title")++}'
        ) in result.stdout

    def test_text_diff_as_typed_and_word_links_each_address(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        """The text diff keeps Markdown as typed: the address's own change shows. The Word
        comparison links as the HTML does: the old link deleted, the new one inserted."""
        repo = self.repo(make_repo)
        result = CliRunner().invoke(cli, ["--repo", str(repo), "diff", "doc@v1", "doc@v2"])
        assert result.exit_code == 0, result.output
        assert "[guidance](https://[-a-]{+b+}.example.org/g)" in result.stdout
        import zipfile

        package = zipfile.ZipFile(render(repo, tmp_path, "docx"))
        xml = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        assert "](" not in xml
        for change, address in (
            ("del", "https://a.example.org/g"),
            ("ins", "https://b.example.org/g"),
        ):
            (rid,) = re.findall(rf'Id="(rId\d+)"[^>]*Target="{re.escape(address)}"', rels) or (
                re.findall(rf'Target="{re.escape(address)}"[^>]*Id="(rId\d+)"', rels)
            )
            assert re.search(rf'<w:hyperlink r:id="{rid}"><w:{change}\b', xml)


@pytest.mark.parametrize(
    ("old", "new", "whole"),
    [
        ("See [g](https://a.org/x) now.", "See [g](https://b.org/x) now.", True),
        ("See [g](https://a.org/long) now.", "See [g](https://a.org) now.", True),
        ("See [g](https://a.org) now.", "See [g](https://a.org/more) now.", True),
        ("See [g](<https://a.org/a b>) now.", "See [g](<https://a.org/a c>) now.", True),
        ("See [g](https://a.org 'T') now.", "See [g](https://a.org 'U') now.", True),
        ("See ![i](a.png) now.", "See ![i](b.png) now.", True),
        ("See <mailto:a@x.org> now.", "See <mailto:b@x.org> now.", True),
        ("See [old g](https://a.org) now.", "See [new g](https://a.org) now.", False),
        ("See [g](https://a.org) now.", "See [g](https://a.org) then.", False),
        ("See (https://a.org) now.", "See (https://b.org) now.", False),
    ],
)
def test_whole_links(old: str, new: str, whole: bool) -> None:
    """A change cutting an address takes the whole link on both sides; others are left alone."""
    from policypos.redline import Op, new_text, old_text, whole_links

    pieces = redline(old, new)
    widened = whole_links(pieces)
    assert old_text(widened) == old
    assert new_text(widened) == new
    ops = [p.op for p in widened]
    assert all(a != b for a, b in itertools.pairwise(ops))
    changed = [p.text for p in widened if p.op is not Op.EQUAL]
    if whole:
        for text in (changed[0], changed[-1]):
            assert text.startswith(("[", "!", "<")), widened
            assert text.endswith((")", ">")), widened
    else:
        assert widened == pieces


@pytest.mark.parametrize(
    ("old", "new", "address"),
    [
        ("See [g][r].\n\n[r]: https://a.org/x", "See [g][r].\n\n[r]: https://b.org/x", "https://b.org/x"),
        ("See [g][r].\n\n[r]: https://old.org", "See [g][r].\n\n[r]: https://new.org", "https://new.org"),
    ],
)  # fmt: skip
def test_a_reference_definition_points_at_the_new_address(old: str, new: str, address: str) -> None:
    """A change cut into a host name (which markdown-it-py writes in punycode) still resolves."""
    html = str(markdown_redline(redline(old, new)))
    assert Page(html).tags("a") == [{"href": address}], html
    assert "xn--" not in html


BLOCKS = {
    "item added": (
        "Councils should fund:\n\n- hostels\n- floating support\n",
        "Councils should fund:\n\n- hostels\n- floating support\n- day centres\n",
        "**1.1** Councils should fund:\n\n- hostels\n- floating support\n- {++day centres++}",
    ),
    "item removed": (
        "Councils should fund:\n\n1. hostels\n2. floating support\n",
        "Councils should fund:\n\n1. hostels\n",
        "**1.1** Councils should fund:\n\n1. hostels\n2. {--floating support--}",
    ),
    "item reworded": (
        "Councils should fund:\n\n- hostels\n- floating support\n",
        "Councils should fund:\n\n- hostels\n- floating and tenancy support\n",
        "- hostels\n- floating {++and tenancy ++}support",
    ),
    "statement opening with a list": (
        "- hostels\n- floating support\n",
        "- hostels\n- day centres\n",
        "**1.1**\n\n- hostels\n- {--floating support--}{++day centres++}",
    ),
    "nested item added": (
        "Councils should:\n- fund:\n  - hostels\n- plan.\n",
        "Councils should:\n- fund:\n  - hostels\n  - day centres\n- plan.\n",
        # No blank line left by the old line break, no empty mark on the last bullet.
        "**1.1** Councils should:\n- fund:\n  - hostels\n  - {++day centres++}\n- plan.",
    ),
    "second paragraph": (
        "Councils should fund hostels.\n\nThey should publish data.\n",
        "Councils should fund hostels.\n\nThey should publish data each year.\n",
        "**1.1** Councils should fund hostels.\n\nThey should publish data{++ each year++}.",
    ),
}


@pytest.mark.parametrize(("old", "new", "shown"), BLOCKS.values(), ids=BLOCKS.keys())
def test_markdown_comparison_keeps_lists_and_paragraphs(
    make_repo: MakeRepo, tmp_path: Path, old: str, new: str, shown: str
) -> None:
    """A statement's list and paragraphs stay so in the Markdown comparison, as in the HTML."""

    def version(vid: str, text: str) -> str:
        body = "".join(f"          {line}\n" if line else "\n" for line in text.splitlines())
        head = VERSION.replace('version: "v1"', f'version: "{vid}"').split("sections:")[0]
        if vid == "v2":
            head = head.replace("2024-01-01", "2024-02-01").replace("endorsed", "draft")
        return head + (
            f"sections:\n  - id: s\n    title: S\n    statements:\n      - id: a\n"
            f"        text: |\n{body}"
        )

    repo = make_repo(
        {"doc/versions/v1.yaml": version("v1", old), "doc/versions/v2.yaml": version("v2", new)}
    )
    text = render(repo, tmp_path, "markdown").read_text()
    assert shown in text
    # Read as Markdown, the list is a list with an item per line, as the HTML shows it.
    html = markdown_html(text)
    expected = markdown_html(new)
    for tag in ("<li", "<p"):
        assert html.count(tag) >= expected.count(tag), tag
