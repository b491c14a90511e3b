"""The Word comparison writes a redline of Markdown as the annex writes Markdown, changes tracked.

A change inside or around a link, emphasis, code or a list shows in Word as
the HTML and PDF comparisons show it: formatting and real hyperlinks, never
the Markdown as typed (``[the grant note](https://...``). Accepting every
change gives the new version's statement as the Word annex writes it,
rejecting every change the old one's, paragraph by paragraph.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import policypos
from policypos import Document, Section, Statement, Status, Version, documents
from policypos.cli import cli

from .conftest import DOCUMENT, MakeRepo
from .test_word import OPTIONS, W, fold, part, render
from .test_word import _text as text_of
from .test_word_revisions import applied

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# (old, new): each a kind of inline or block Markdown that a change touches.
KINDS = {
    "link address": (
        "Councils should read [the grant note](https://a.example/x) before bidding.",
        "Councils should read [the grant note](https://b.example/y) before bidding.",
    ),
    "link words": (
        "Councils should read [the grant note](https://a.example/x) before bidding.",
        "Councils should read [the new grant note](https://a.example/x) before bidding.",
    ),
    "link added": (
        "Councils should read the grant note before bidding.",
        "Councils should read [the grant note](https://a.example/x) before bidding.",
    ),
    "autolink address": (
        "See <https://a.example/x> for the grant note.",
        "See <https://b.example/y> for the grant note.",
    ),
    "emphasis added": ("Councils should fund hostels.", "Councils should fund *hostels*."),
    "emphasis removed": ("Councils **must** fund hostels.", "Councils must fund hostels."),
    "words inside emphasis": (
        "Councils *must fund* hostels.",
        "Councils *must always fund* hostels.",
    ),
    "code": ("Set `max_days` to 28 days.", "Set `max_days` to 56 days."),
    "code changed": ("Set `max_days` to 28.", "Set `min_days` to 28."),
    "list item added": (
        "Councils should fund:\n\n- hostels\n- floating support\n",
        "Councils should fund:\n\n- hostels\n- floating support\n- day centres\n",
    ),
    "list item removed": (
        "Councils should fund:\n\n1. hostels\n2. floating support\n",
        "Councils should fund:\n\n1. hostels\n",
    ),
    # Items ending alike: the word diff aligned the full stops, so the added line began
    # inside the one before it and Reject All cut that line's stop (tester 13, A4).
    "list item added after a full stop": (
        "Tenants have a say:\n\n- Panel meets quarterly.\n- Annual survey on the website.\n",
        "Tenants have a say:\n\n- Panel meets quarterly.\n- Annual survey on the website.\n"
        "- Estate walkabouts twice a year.\n",
    ),
    "link changed and list item added": (
        "- Tenants' panel meets quarterly.\n- Annual tenant survey published on "
        "[the Council website](https://example.gov.uk/survey).\n",
        "- Tenants' panel meets quarterly.\n- Annual tenant survey published on "
        "[the Council website](https://example.gov.uk/tenant-survey-2027).\n"
        "- Estate walkabouts twice a year.\n",
    ),
    "list item added between full stops": (
        "Councils should fund:\n\n- hostels.\n- day centres.\n",
        "Councils should fund:\n\n- hostels.\n- floating support.\n- day centres.\n",
    ),
    "list item removed between full stops": (
        "Councils should fund:\n\n- hostels.\n- floating support.\n- day centres.\n",
        "Councils should fund:\n\n- hostels.\n- day centres.\n",
    ),
    "reference link address": (
        "Read [the note][n] first.\n\n[n]: https://a.example/x\n",
        "Read [the note][n] first.\n\n[n]: https://b.example/y\n",
    ),
}

TYPED = ("](", "[", "*", "`", "<https", "- ", "1. ")


def _version(vid: str, text: str) -> Version:
    return Version(
        vid, dt.date(2024, 1, 1), Status.DRAFT, (Section("s", "S", (Statement("a", text),)),)
    )


def _section_body(body: etree._Element) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs after the section's heading: a statement's paragraphs.

    The comparison's italic summary and notes, and paragraphs emptied by
    accepting or rejecting, are left out.
    """
    out: list[tuple[str, str]] = []
    seen = False
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = "" if style is None else str(style.get(f"{W}val"))
        if name == "Heading1":
            seen = True
            continue
        text = fold(text_of(p))
        if seen and text and not text.startswith(("(", "Paragraphs:")):
            out.append((name, text))
    return out


def _annex(text: str) -> list[tuple[str, str]]:
    version = _version("v", text)
    document = Document.create("d", "T", "O", "B", versions=(version,))
    return _section_body(
        part(render("annex", documents.annex(document, version)), "word/document.xml")
    )


def _comparison(old: str, new: str) -> etree._Element:
    v1, v2 = _version("v1", old), _version("v2", new)
    document = Document.create("d", "T", "O", "B", versions=(v1, v2))
    record = documents.comparison(document, policypos.diff(v1, v2, document))
    return part(render("changes", record, OPTIONS), "word/document.xml")


def _shown(body: etree._Element) -> str:
    """Every word of the statement's paragraphs, kept, deleted and inserted."""
    return " ".join(text for _, text in _section_body(body))


@pytest.mark.parametrize(("old", "new"), KINDS.values(), ids=KINDS.keys())
def test_accepting_gives_the_new_annex_and_rejecting_the_old(old: str, new: str) -> None:
    body = _comparison(old, new)
    assert _section_body(applied(body, "del")) == _annex(new)
    assert _section_body(applied(body, "ins")) == _annex(old)


@pytest.mark.parametrize(("old", "new"), KINDS.values(), ids=KINDS.keys())
def test_no_markdown_as_typed(old: str, new: str) -> None:
    shown = _shown(_comparison(old, new))
    assert shown.startswith("1.1")
    assert not [mark for mark in TYPED if mark in shown], shown


def _links(body: etree._Element, data: bytes) -> list[tuple[str, str, str]]:
    """(change, words, address) of each hyperlink: change ``del``, ``ins`` or ``kept``."""
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for link in body.iter(f"{W}hyperlink"):
        changes = {etree.QName(e).localname for e in link if e.tag in (f"{W}del", f"{W}ins")}
        change = "kept" if not changes else "/".join(sorted(changes))
        out.append((change, fold(text_of(link)), targets[link.get(f"{R}id")]))
    return out


def test_links_point_where_each_version_points() -> None:
    """A link whose address changed: the old one deleted (its address), the new one inserted."""
    cases = {
        "link address": [
            ("del", "the grant note", "https://a.example/x"),
            ("ins", "the grant note", "https://b.example/y"),
        ],
        "link words": [("ins", "the new grant note", "https://a.example/x")],
        "autolink address": [
            ("del", "https://a.example/x", "https://a.example/x"),
            ("ins", "https://b.example/y", "https://b.example/y"),
        ],
        "reference link address": [("kept", "the note", "https://b.example/y")],
    }
    for name, expected in cases.items():
        v1, v2 = _version("v1", KINDS[name][0]), _version("v2", KINDS[name][1])
        document = Document.create("d", "T", "O", "B", versions=(v1, v2))
        data = render(
            "changes", documents.comparison(document, policypos.diff(v1, v2, document)), OPTIONS
        )
        assert _links(part(data, "word/document.xml"), data) == expected, name


def test_list_item_added_is_a_tracked_paragraph() -> None:
    """The added item's paragraph mark is inserted too: rejecting leaves no empty bullet."""
    body = _comparison(*KINDS["list item added"])
    (item,) = [p for p in body.iter(f"{W}p") if fold(text_of(p)) == "day centres"]
    assert item.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "ListBullet"
    assert item.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    (removed,) = [
        p
        for p in _comparison(*KINDS["list item removed"]).iter(f"{W}p")
        if fold(text_of(p)) == "floating support"
    ]
    assert removed.find(f"{W}pPr/{W}rPr/{W}del") is not None


def test_every_format_through_the_cli(make_repo: MakeRepo, tmp_path: Path) -> None:
    """``render changes`` in Markdown, HTML and Word: the link's words and both addresses."""
    old, new = KINDS["link address"]
    versions = {
        f"doc/versions/{vid}.yaml": (
            f'version: "{vid}"\ndate: 2024-0{n}-01\nstatus: draft\nsections:\n'
            f"  - id: s\n    title: S\n    statements:\n      - id: a\n        text: {text}\n"
            f"      - id: b\n        text: Councils should fund *hostels*{'' if n == 1 else ' now'}.\n"
        )
        for n, (vid, text) in enumerate((("v1", old), ("v2", new)), 1)
    }
    repo = make_repo(versions, document=DOCUMENT)
    said = {}
    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"changes.{fmt}"
        result = CliRunner().invoke(
            cli,
            ["--repo", str(repo), "render", "changes", "doc@v1", "doc@v2", "--format", fmt,
             "-o", str(out)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        said[fmt] = out.read_bytes()
    assert b"{--[the grant note](https://a.example/x)--}" in said["markdown"]
    html = said["html"].decode()
    assert '<a href="https://b.example/y">' in html
    assert "](" not in html
    body = part(said["docx"], "word/document.xml")
    assert _links(body, said["docx"]) == [
        ("del", "the grant note", "https://a.example/x"),
        ("ins", "the grant note", "https://b.example/y"),
    ]
    words = "".join(body.itertext())
    assert "](" not in words
    assert "*" not in words
    # Emphasis kept around a change is italic, as the HTML's <em>.
    italic = [
        fold(text_of(mark.getparent().getparent()))
        for mark in body.iter(f"{W}i")
        if mark.getparent().getparent().tag == f"{W}r"
    ]
    assert "hostels" in italic
    assert "<em>hostels</em>" in html


def test_two_renders_are_the_same_file(make_repo: MakeRepo, tmp_path: Path) -> None:
    """Tracked changes are dated with the new version's date, not the time of writing."""
    old, new = KINDS["link words"]
    repo = make_repo(
        {
            f"doc/versions/{vid}.yaml": (
                f'version: "{vid}"\ndate: {day}\nstatus: draft\nsections:\n'
                f"  - id: s\n    title: S\n    statements:\n      - id: a\n        text: {text}\n"
            )
            for vid, day, text in (("v1", "2024-01-01", old), ("v2", "2024-03-05", new))
        },
        document=DOCUMENT,
    )
    files = []
    for name in ("one.docx", "two.docx"):
        out = tmp_path / name
        result = CliRunner().invoke(
            cli,
            ["--repo", str(repo), "render", "changes", "doc@v1", "doc@v2", "--format", "docx",
             "-o", str(out)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        files.append(out.read_bytes())
    body = part(files[0], "word/document.xml")
    dates = {e.get(f"{W}date") for e in body.iter(f"{W}ins", f"{W}del")}
    assert dates == {"2024-03-05T00:00:00Z"}
    assert etree.tostring(body) == etree.tostring(part(files[1], "word/document.xml"))
    assert files[0] == files[1]
