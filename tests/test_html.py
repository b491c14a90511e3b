"""The board documents in HTML: what they say, what they refuse to let through, and the sandbox."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import policypos
from policypos import documents
from policypos.documents import long_date
from policypos.errors import RenderError
from policypos.model import (
    Comment,
    CommentKind,
    Contact,
    Disposition,
    Document,
    Heading,
    Meeting,
    Report,
    Section,
    Statement,
    StatementKind,
    Status,
    Version,
)
from policypos.render import Format, Options, write_document
from tests.conftest import SHIPPED
from tests.golden import assert_golden

KINDS = ("annex", "changes", "comments", "report", "response")


def shipped_records() -> dict[str, Any]:
    """One record of each document, built from the shipped positions/."""
    repo = policypos.open_repository(SHIPPED)
    straight = repo.document("going-straight")
    old, new = straight.version("2005"), straight.version("2024")
    changes = policypos.diff(old, new, straight)
    return {
        "annex": documents.annex(straight, new, label="Annex 2"),
        "changes": documents.comparison(straight, changes),
        "comments": documents.comment_log(straight),
        "report": documents.board_paper(straight, changes),
        "response": documents.response(repo.document("cambridgeshire-reoffending")),
    }


def written_records() -> dict[str, Any]:
    """The board paper and the response with what officers write (report files) filled in."""
    repo = policypos.open_repository(SHIPPED)
    straight = repo.document("going-straight")
    changes = policypos.diff(straight.version("2005"), straight.version("2024"), straight)
    paper = Report(
        "2024",
        purpose="For *direction*.",
        contacts=(Contact("Contact officer", "A. Officer", "Trainee", "a@example.org", "01"),),
        reasons={"general": "Practitioners asked for it."},
    )
    response = Report(
        "cabinet-2014-04",
        reference="Appendix 2",
        author="Executive Director",
        key_decision=False,
        contacts=(Contact("Officer contact", "A. Service Head", email="t@example.org"),),
        priorities=(Heading("Supporting people", "Helps people *stay* out of prison."),),
        sources=(Heading("Scrutiny report", "Shire Hall, Cambridge"),),
    )
    return {
        "report": documents.board_paper(straight, changes, paper),
        "response": documents.response(
            repo.document("cambridgeshire-reoffending"), report=response
        ),
    }


def html_of(kind: str, record: Any) -> str:
    out = write_document(kind, record, Options(format="html"))
    assert isinstance(out, str)
    return out


class Page(HTMLParser):
    """What a browser would build from a page, for the checks below: elements, attributes, text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def records() -> dict[str, Any]:
    return shipped_records()


class TestGolden:
    """Every document in HTML, pinned in tests/golden/ (pytest --update-goldens rewrites them)."""

    @pytest.mark.parametrize("kind", KINDS)
    def test_golden(self, kind: str, records: dict[str, Any], update_goldens: bool) -> None:
        """The shipped example renders exactly as reviewed, with no date of today in it."""
        html = html_of(kind, records[kind])
        assert long_date(dt.date.today()) not in html
        assert str(dt.date.today()) not in html
        assert_golden(f"html-{kind}.html", html, update_goldens)


class TestPage:
    """What every page is made of: the accessibility skeleton and nothing fetched."""

    @pytest.mark.parametrize("kind", KINDS)
    def test_skeleton(self, kind: str, records: dict[str, Any]) -> None:
        """One language, one title, one <main>, exactly one h1, and no external resource."""
        html = html_of(kind, records[kind])
        page = Page(html)
        assert html.startswith("<!DOCTYPE html>\n")
        assert page.tags("html") == [{"lang": "en-GB"}]
        assert len(page.tags("title")) == 1
        assert len(page.tags("main")) == 1
        assert len(page.tags("h1")) == 1
        assert not page.tags("link")
        assert not page.tags("script")
        assert "url(" not in html
        assert "@import" not in html

    @pytest.mark.parametrize("kind", KINDS)
    def test_ids_unique(self, kind: str, records: dict[str, Any]) -> None:
        """Every anchor id is used once, so links to paragraph 4.3 land in one place."""
        page = Page(html_of(kind, records[kind]))
        ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
        assert len(ids) == len(set(ids))

    @pytest.mark.parametrize("kind", KINDS)
    def test_tables_are_named_once_with_scoped_headers(
        self, kind: str, records: dict[str, Any]
    ) -> None:
        """Each table has a name (its caption, or the heading above it where a caption would
        only repeat it: the comment log's, tester 14, item 9), and each header cell says what
        it heads."""
        from tests.test_publish import tables_named_once

        html = html_of(kind, records[kind])
        page = Page(html)
        assert tables_named_once(html) == len(page.tags("table"))
        assert all(attrs.get("scope") in ("col", "row") for attrs in page.tags("th"))

    def test_internal_ids_are_anchors_only(self, records: dict[str, Any]) -> None:
        """Statement ids and comment references are anchors, never words a member reads."""
        changes = Page(html_of("changes", records["changes"]))
        assert {"id": "st-da-3", "class": "para change-modified"} in changes.tags("li")
        assert "da-3" not in changes.visible
        assert "sscb-2024-03" not in changes.visible
        comments = Page(html_of("comments", records["comments"]))
        assert {"id": "c-sscb-2024-03/3.3"} in comments.tags("tr")
        assert "sscb-2024-03" not in comments.visible

    @pytest.mark.parametrize("kind", KINDS)
    def test_no_internal_id_is_shown(self, kind: str, records: dict[str, Any]) -> None:
        """No statement, section or meeting id of the shipped data is a word on any page."""
        repo = policypos.open_repository(SHIPPED)
        ids: set[str] = set()
        for document in repo.documents:
            ids |= {m.id for m in document.meetings}
            for version in document.versions:
                ids |= {s.id for s in version.sections}
                ids |= {st.id for _, st in version.statements()}
        # Ids that are ordinary words ("general") would match prose; the rest must not show,
        # unless an officer wrote one into a comment or response, which is theirs.
        coded = {i for i in ids if re.search(r"[-\d]", i)}
        written = {
            word
            for document in repo.documents
            for meeting in document.meetings
            for comment in meeting.comments
            for word in re.findall(r"[\w-]+", f"{comment.text} {comment.response or ''}")
        }
        words = set(re.findall(r"[\w-]+", Page(html_of(kind, records[kind])).visible))
        assert coded & (words - written) == set()

    def test_numbers_are_text(self, records: dict[str, Any]) -> None:
        """Paragraph numbers are in the text itself, so a screen reader reads them out."""
        page = Page(html_of("annex", records["annex"]))
        assert "4.3 Local plans to reduce re-offending" in page.visible
        assert "Annex 2 Going Straight" in page.visible

    def test_tracked_changes_are_not_told_by_colour(self, records: dict[str, Any]) -> None:
        """Insertions and deletions are <ins>/<del> with a spoken cue, and the CSS marks them by line."""
        html = html_of("changes", records["changes"])
        assert '<ins><span class="cue">[inserted: </span>' in html
        assert '<del><span class="cue">[deleted: </span>' in html
        assert "text-decoration: underline" in html
        assert "text-decoration: line-through" in html

    def test_unwritten_parts_are_boxed(self, records: dict[str, Any]) -> None:
        """With no report file, the paper's officer parts say "To be written" in a marked box."""
        html = html_of("report", records["report"])
        assert '<p class="todo">To be written: purpose of report</p>' in html
        assert '<p class="todo">To be written: who to contact</p>' in html
        assert '<li class="para todo" id="p-' in html
        assert "p.todo, li.para.todo > .body { border: 3px dashed" in html

    def test_annex_starts_a_page_in_print(self, records: dict[str, Any]) -> None:
        """The board paper's annex is its own section, starting a new printed page."""
        html = html_of("report", records["report"])
        assert '<section class="annex" aria-labelledby="annex-title">' in html
        assert "section.annex { break-before: page;" in html
        page = Page(html)
        assert len(page.tags("h1")) == 1
        assert {"id": "annex-title"} in page.tags("h2")

    def test_removed_section(self) -> None:
        """A removed section stays where it stood, struck through, with no number."""
        kept = Section("s1", "Kept", (Statement("a", "Stays."),))
        gone = Section("s2", "Gone", (Statement("b", "Goes."),))
        old = Version("v1", dt.date(2024, 1, 1), Status.ENDORSED, (kept, gone))
        new = Version("v2", dt.date(2024, 6, 1), Status.DRAFT, (kept,))
        document = Document.create("d", "T", "O", "B", versions=(old, new))
        html = html_of("changes", documents.comparison(document, policypos.diff(old, new)))
        assert (
            '<section class="change-removed" id="removed-s-s2">\n<h2><del><span class="cue">'
            '[deleted: </span>Gone<span class="cue">]</span></del></h2>\n'
            '<p class="summary">Section 2 (Gone) has been removed.</p>'
        ) in html
        assert '<li class="para change-removed" id="removed-st-b">' in html
        assert (
            '<span class="num"><span aria-hidden="true">—</span><span class="cue">No number</span></span>'
            in html
        )
        assert '<p class="where">(formerly 2.1; removed)</p>' in html

    def test_headings_users_write_sit_below_the_documents(self) -> None:
        """A '#' heading in a section's introduction is an h4, so the page keeps one h1."""
        section = Section(
            "s1", "Kept", (Statement("a", "# Aside\n\nStays."),), intro="# Context\n\n## Detail"
        )
        version = Version("v1", dt.date(2024, 1, 1), Status.ENDORSED, (section,))
        document = Document.create("d", "T", "O", "B", versions=(version,))
        page = Page(html_of("annex", documents.annex(document, version)))
        assert len(page.tags("h1")) == 1
        assert len(page.tags("h4")) == 2
        assert len(page.tags("h5")) == 1

    def test_written_report(self) -> None:
        """Parts an officer wrote come in as Markdown, and contacts with a mail link."""
        html = html_of("report", written_records()["report"])
        assert '<p dir="auto">For <em>direction</em>.</p>' in html
        assert '<a href="mailto:a@example.org">a@example.org</a>' in html
        assert "Practitioners asked for it." in html
        assert "To be written: purpose" not in html

    def test_written_response(self) -> None:
        """A response with its report: front table rows, contacts, priorities and sources."""
        page = Page(html_of("response", written_records()["response"]))
        assert "Appendix 2" in page.visible
        assert "Key decision No" in page.visible
        assert "3. Alignment with priorities 3.1 Supporting people" in page.visible
        assert "Scrutiny report Shire Hall, Cambridge" in page.visible
        assert len(page.tags("table")) == 3


# --- hostile text ----------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
SVG = '"><svg onload=alert(1)>'
HOSTILE = (
    f"{SCRIPT} {IMG} {LINK} {SVG} ![y](javascript:alert(2)) <a href='javascript:alert(3)'>z</a>"
)


def hostile_document() -> Document:
    """Every string a user writes carries script, event handlers and javascript: links."""
    sections = (
        Section(
            "s1",
            f"Section {SVG}",
            (
                Statement("a", f"First {HOSTILE}.", addresses=("m1/1",)),
                Statement("b", f"Ask {HOSTILE}.", kind=StatementKind.ASK),
            ),
            intro=f"Intro {HOSTILE}",
            addresses=("m1/2",),
        ),
    )
    old = Version(
        "v1",
        dt.date(2024, 1, 1),
        Status.ENDORSED,
        (Section("s1", f"Old {SCRIPT}", (Statement("a", f"Old {IMG} words."),)),),
    )
    new = Version(
        "v2",
        dt.date(2024, 6, 1),
        Status.PROPOSED,
        sections,
        based_on="v1",
        meeting="m2",
        title=f"Title {SVG}",
        preamble=f"Preamble {HOSTILE}",
    )
    comments = tuple(
        Comment(
            number,
            "m1",
            kind,
            f"Comment {HOSTILE}",
            by=f"By {SVG}",
            disposition=disposition,
            response=f"Response {HOSTILE}",
            referred_to=f"Elsewhere {SVG}" if disposition is Disposition.REFERRED else None,
        )
        for number, kind, disposition in (
            ("1", CommentKind.RECOMMENDATION, Disposition.ACCEPTED),
            ("2", CommentKind.COMMENT, Disposition.ADDRESSED),
            ("3", CommentKind.QUESTION, Disposition.ANSWERED),
            ("4", CommentKind.COMMENT, Disposition.REFERRED),
            ("5", CommentKind.COMMENT, Disposition.DEFERRED),
        )
    )
    meetings = (
        Meeting("m1", f"Board {SVG}", dt.date(2024, 3, 1), f"Item {SCRIPT}", "v1", comments),
        Meeting(
            "m2",
            f"Board {IMG}",
            dt.date(2024, 7, 1),
            comments=(Comment("9", "m2", CommentKind.COMMENT, f"Open {HOSTILE}"),),
        ),
    )
    return Document.create(
        "d", f"Doc {SVG}", f"Org {SCRIPT}", f"Owner {IMG}", versions=(old, new), meetings=meetings
    )


def hostile_report(report_id: str) -> Report:
    return Report(
        report_id,
        title=f"Paper {SVG}",
        purpose=f"Purpose {HOSTILE}",
        summary=f"Summary {HOSTILE}",
        reference=f"Ref {SVG}",
        author=f"Director {SCRIPT}",
        contacts=(Contact(f"Role {SVG}", f"Name {SCRIPT}", f"Post {IMG}", f'x"@y.org {SVG}', SVG),),
        background=f"Background {HOSTILE}",
        reasons={"s1": f"Reason {HOSTILE}"},
        implications=(Heading(f"Other {SVG}", f"Implication {HOSTILE}"),),
        priorities=(Heading(f"Priority {SVG}", f"Text {HOSTILE}"),),
        next_steps=f"Steps {HOSTILE}",
        sources=(Heading(f"Source {SCRIPT}", f"javascript:alert(1) {SVG}"),),
    )


def hostile_records() -> dict[str, Any]:
    document = hostile_document()
    old, new = document.version("v1"), document.version("v2")
    changes = policypos.diff(old, new, document)
    return {
        "annex": documents.annex(document, new, label=f"Annex {SVG}"),
        "changes": documents.comparison(document, changes, label=f"Label {SCRIPT}"),
        "comments": documents.comment_log(document),
        "report": documents.board_paper(document, changes, hostile_report("v2")),
        "report-unwritten": documents.board_paper(document, changes),
        "response": documents.response(document, "m1", hostile_report("m1")),
    }


class TestHostileText:
    """Script, event handlers and javascript: links in anything a user writes come out inert."""

    @pytest.mark.parametrize(
        "name", ["annex", "changes", "comments", "report", "report-unwritten", "response"]
    )
    def test_inert(self, name: str) -> None:
        """No script or svg element, no on* attribute, no javascript: link, and the text still shown."""
        kind = name.partition("-")[0]
        html = html_of(kind, hostile_records()[name])
        page = Page(html)
        tags = {tag for tag, _ in page.elements}
        assert not tags & {"script", "svg", "img", "iframe", "object", "embed"}
        for _, attrs in page.elements:
            assert not [name for name in attrs if name.startswith("on")]
            for value in attrs.values():
                assert "javascript:" not in (value or "").lower()
        # The words are kept as text for the reader to see.
        assert "<script>alert(1)</script>" in page.visible
        assert '"><svg onload=alert(1)>' in page.visible

    def test_markdown_link_is_text(self) -> None:
        """A Markdown link to javascript: stays as its source text, not a link."""
        page = Page(html_of("annex", hostile_records()["annex"]))
        assert "[x](javascript:alert(1))" in page.visible
        assert not [a for a in page.tags("a") if a.get("href")]


# --- user templates -----------------------------------------------------------------------


class TestSandbox:
    """A user's template runs in Jinja's immutable sandbox; what it may not do is a RenderError."""

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            (
                "ok\n{{ doc.__class__.__mro__ }}\n",
                ":2: error: access to attribute '__class__' of 'Annex' object is unsafe.",
            ),
            (
                "{{ ''.__class__.__subclasses__() }}",
                ":1: error: access to attribute '__class__' of 'str' object is unsafe.",
            ),
            (
                "{{ doc.sections.__class__ }}",
                ":1: error: access to attribute '__class__' of 'tuple' object is unsafe.",
            ),
            (
                "{% for s in doc.sections %}{{ s.title.format.__globals__ }}{% endfor %}",
                ":1: error: access to attribute '__globals__' of 'function' object is unsafe.",
            ),
        ],
    )
    def test_internals_refused(
        self, tmp_path: Path, records: dict[str, Any], source: str, message: str
    ) -> None:
        """Reaching for Python internals stops the render with a one-line error at its line."""
        template = tmp_path / "mine.html.j2"
        template.write_text(source, encoding="utf-8")
        with pytest.raises(RenderError) as caught:
            write_document("annex", records["annex"], Options(format="html", template=template))
        assert str(caught.value) == f"{template}{message}"
        assert "\n" not in str(caught.value)

    def test_mutation_refused(self, tmp_path: Path, records: dict[str, Any]) -> None:
        """A template cannot change what it is given, even a list it could reach."""
        template = tmp_path / "mine.md.j2"
        template.write_text("{% set x = [] %}{{ x.append(1) }}", encoding="utf-8")
        with pytest.raises(RenderError, match=r"mine\.md\.j2:1: error: access to attribute"):
            write_document("annex", records["annex"], Options(template=template))

    def test_undefined_is_an_error(self, tmp_path: Path, records: dict[str, Any]) -> None:
        """A field that does not exist is named, not rendered as a blank."""
        template = tmp_path / "mine.md.j2"
        template.write_text("{{ doc.title }}\n{{ doc.nothing }}\n", encoding="utf-8")
        with pytest.raises(RenderError) as caught:
            write_document("annex", records["annex"], Options(template=template))
        assert str(caught.value) == (
            f"{template}:2: error: 'policypos.documents.Annex object' has no attribute 'nothing'"
        )

    def test_user_html_template(self, tmp_path: Path, records: dict[str, Any]) -> None:
        """A user's HTML template escapes, has our filters, and may use the built-in macros."""
        template = tmp_path / "mine.html.j2"
        template.write_text(
            '{% from "_parts.html.j2" import annex_body %}'
            "<p>{{ kind }}: {{ doc.title }} {{ doc.date | long_date }}</p>"
            "{{ annex_body(doc, 1) }}",
            encoding="utf-8",
        )
        html = write_document("annex", hostile_records()["annex"], Options(template=template))
        assert isinstance(html, str)
        assert html.startswith(
            "<p>annex: Title &#34;&gt;&lt;svg onload=alert(1)&gt; 1 June 2024</p>"
        )
        assert "<svg" not in html
        assert '<li class="para kind-position" id="st-a">' in html
        assert '<p dir="auto">Preamble &lt;script&gt;' in html

    def test_missing_and_broken_templates(self, tmp_path: Path, records: dict[str, Any]) -> None:
        """A template that is not there, or does not parse, is a one-line error too."""
        missing = tmp_path / "none.html.j2"
        with pytest.raises(RenderError, match=r"none\.html\.j2: error: no such template$"):
            write_document("annex", records["annex"], Options(template=missing))
        broken = tmp_path / "broken.md.j2"
        broken.write_text("ok\n{% if %}\n", encoding="utf-8")
        with pytest.raises(RenderError) as caught:
            write_document("annex", records["annex"], Options(template=broken))
        assert str(caught.value).startswith(f"{broken}:2: error: ")

    @pytest.mark.parametrize("name", ["annex.j2", "annex.jinja", "plain", "annex.md.j2", "a.txt"])
    @pytest.mark.parametrize("fmt", ["html", "pdf"])
    def test_html_output_escapes_whatever_the_name(
        self, tmp_path: Path, name: str, fmt: Format, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """HTML (and the HTML a PDF is printed from) escapes what users wrote, in any template."""
        import policypos.pdf

        printed: list[str] = []

        def print_pdf(html: str) -> bytes:
            printed.append(html)
            return b""

        monkeypatch.setattr(policypos.pdf, "html_to_pdf", print_pdf)
        (tmp_path / "parts").mkdir()
        (tmp_path / "parts/label.md.j2").write_text("<b>{{ doc.label }}</b>")
        template = tmp_path / name
        template.write_text(
            '<h1>{{ doc.title }}</h1>{% include "parts/label.md.j2" %}'
            "{% for s in doc.sections %}{% for p in s.paragraphs %}<p>{{ p.text }}</p>"
            "{% endfor %}{% endfor %}"
        )
        out = write_document("annex", hostile_records()["annex"], Options(fmt, template=template))
        html = printed[0] if fmt == "pdf" else out
        assert isinstance(html, str)
        assert html.startswith("<h1>Title &#34;&gt;&lt;svg onload=alert(1)&gt;</h1>")
        assert "<b>Annex &#34;&gt;&lt;svg onload=alert(1)&gt;</b>" in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert not re.search(r"<(script|svg|img)", html)

    def test_markdown_output_keeps_its_own_rules(
        self, tmp_path: Path, records: dict[str, Any]
    ) -> None:
        """Markdown prints as written unless the template escapes (|md), or is named for HTML."""
        record = hostile_records()["annex"]
        template = tmp_path / "annex.md.j2"
        template.write_text("{{ doc.label }}|{{ doc.label | md }}")
        assert write_document("annex", record, Options(template=template)) == (
            'Annex "><svg onload=alert(1)>|Annex ">&lt;svg onload=alert(1)>'
        )
        named = tmp_path / "annex.html.j2"
        named.write_text("{{ doc.label }}")
        assert write_document("annex", record, Options(template=named)) == (
            "Annex &#34;&gt;&lt;svg onload=alert(1)&gt;"
        )

    def test_cli_html_with_a_plain_template(self, make_repo: Any, tmp_path: Path) -> None:
        """Tester 11's case: --format html --template annex.j2 writes no <script>."""
        from click.testing import CliRunner

        from policypos.cli import cli

        repo = make_repo(
            {
                "doc/versions/v1.yaml": """\
                    version: "v1"
                    date: 2024-01-01
                    status: draft
                    sections:
                      - id: s1
                        title: One
                        statements:
                          - id: a
                            text: "Hi <script>alert(1)</script>"
                    """
            }
        )
        template = tmp_path / "annex.j2"
        template.write_text(
            "{% for s in doc.sections %}{% for p in s.paragraphs %}{{ p.text }}{% endfor %}"
            "{% endfor %}\n"
        )
        args = ["--repo", str(repo), "render", "annex", "doc@v1", "--template", str(template)]
        html = CliRunner().invoke(cli, [*args, "--format", "html"])
        assert (html.exit_code, html.stdout) == (0, "Hi &lt;script&gt;alert(1)&lt;/script&gt;\n")
        markdown = CliRunner().invoke(cli, args)
        assert (markdown.exit_code, markdown.stdout) == (0, "Hi <script>alert(1)</script>\n")

    def test_place_without_a_template_frame(self, tmp_path: Path) -> None:
        """An error raised outside any template is placed at the template's path alone."""
        from policypos.render import _template_place

        assert _template_place(ValueError("x"), tmp_path / "t.md.j2") == str(tmp_path / "t.md.j2")


def test_right_to_left_text_is_laid_out_right_to_left() -> None:
    """Each block of user text takes its own direction: Arabic reads right to left."""
    from policypos.render import markdown_html

    html = str(markdown_html("يجب على المجالس أن تخطط.\n\n- بند\n- Item"))
    assert html.count('dir="auto"') == 3
    assert '<p dir="auto">يجب' in html


def test_redline_keeps_line_breaks() -> None:
    """A list's items and a paragraph break stay on their lines in the comparison's redline."""
    from policypos.redline import redline
    from policypos.render import html_redline

    old = "Councils should:\n- fund hostels\n- fund clubs\n"
    new = "Councils should:\n- fund hostels\n- fund clubs\n- fund youth work\n"
    html = str(html_redline(redline(old, new)))
    assert html.startswith("Councils should: <br>- fund hostels <br>- fund clubs <br><ins>")
    assert html.endswith('- fund youth work<span class="cue">]</span></ins>')
    broken = str(html_redline(redline("One. Two.", "One.\n\nTwo.")))
    assert "<br><br>" in broken
