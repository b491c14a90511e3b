"""Seen, not assumed: the HTML documents in a real browser (with axe-core), and the PDF as text.

The browser is Debian's chromium driven by Playwright (never a downloaded
one); the PDF comes from WeasyPrint and is read back with poppler's
pdftotext. Each test skips, saying why, where its tool is missing.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from policypos import documents
from policypos.model import Document, Section, Statement, Status, Version
from policypos.render import Options, write_document
from tests.conftest import serious_axe_violations
from tests.test_html import shipped_records, written_records


@pytest.fixture(scope="module")
def records() -> dict[str, Any]:
    written = written_records()
    return shipped_records() | {
        "report-written": written["report"],
        "response-written": written["response"],
    }


def open_page(browser: Any, html: str) -> tuple[Any, list[str]]:
    """A page showing *html*, and the list of every request it makes (there should be none)."""
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_content(html, wait_until="load")
    return page, requests


class TestBrowser:
    """The annex and the comparison open in chromium, show their text and pass axe-core."""

    @pytest.mark.parametrize(
        ("kind", "title", "paragraph"),
        [
            (
                "annex",
                "Going Straight: reducing re-offending",
                "4.3 Local plans to reduce re-offending should give alcohol misuse and gambling "
                "harm the same weight as drug misuse.",
            ),
            (
                "changes",
                "Going Straight: reducing re-offending: changes from version 2005 to version 2024",
                "Recruiting and keeping probation staff",
            ),
        ],
    )
    def test_seen(
        self, browser: Any, records: dict[str, Any], kind: str, title: str, paragraph: str
    ) -> None:
        """The page is not blank: its heading and a paragraph are visible, and nothing is fetched."""
        html = write_document(kind, records[kind], Options(format="html"))
        assert isinstance(html, str)
        page, requests = open_page(browser, html)
        try:
            assert page.title().endswith(title)
            assert page.locator("h1").inner_text().endswith(title)
            assert page.locator("h1").is_visible()
            shown = " ".join(page.locator("main").inner_text().split())
            assert paragraph in shown
            # The spoken cues of tracked changes take no room on the screen.
            cue = page.locator(".cue").first
            if kind == "changes":
                box = cue.bounding_box()
                assert box is not None
                assert box["width"] <= 1
                assert box["height"] <= 1
            assert requests == []
            # POLICYPOS_SCREENSHOTS=DIR keeps what the browser showed, to look at.
            shots = os.environ.get("POLICYPOS_SCREENSHOTS")
            if shots:
                page.screenshot(path=str(Path(shots, f"{kind}.png")), full_page=True)
        finally:
            page.close()

    @pytest.mark.parametrize("kind", ["annex", "changes", "report", "comments", "response"])
    def test_reflow(self, browser: Any, records: dict[str, Any], kind: str) -> None:
        """At 320 CSS pixels wide the page does not scroll sideways (WCAG 1.4.10); tables may."""
        html = write_document(kind, records[kind], Options(format="html"))
        assert isinstance(html, str)
        page = browser.new_page(viewport={"width": 320, "height": 640})
        try:
            page.set_content(html, wait_until="load")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
        finally:
            page.close()

    @pytest.mark.parametrize(
        "name",
        [
            "annex",
            "changes",
            "report",
            "comments",
            "response",
            "report-written",
            "response-written",
        ],
    )
    def test_axe(self, browser: Any, records: dict[str, Any], name: str) -> None:
        """axe-core finds nothing serious or critical (WCAG 2.2 AA and best practice)."""
        html = write_document(name.partition("-")[0], records[name], Options(format="html"))
        assert isinstance(html, str)
        page, _ = open_page(browser, html)
        try:
            assert serious_axe_violations(page) == []
        finally:
            page.close()


@pytest.fixture(scope="module")
def weasyprint() -> None:
    """Skip where WeasyPrint is not installed."""
    pytest.importorskip("weasyprint", reason="weasyprint is not installed (pip install '.[pdf]')")


@pytest.fixture(scope="module")
def pdftotext(weasyprint: None) -> str:
    """The path of poppler's pdftotext; skip where it or WeasyPrint is missing."""
    found = shutil.which("pdftotext")
    if found is None:
        pytest.skip("no pdftotext (apt-get install poppler-utils)")
    return found


def pdf_text(pdftotext: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


class TestPdf:
    """The PDF, laid out by WeasyPrint from the HTML's print CSS, read back by pdftotext."""

    def test_annex(self, pdftotext: str, records: dict[str, Any], tmp_path: Path) -> None:
        """The annex's title, numbered paragraphs and page footers are in the PDF's text."""
        pdf = write_document("annex", records["annex"], Options(format="pdf"))
        assert isinstance(pdf, bytes)
        assert pdf.startswith(b"%PDF-")
        text = pdf_text(pdftotext, pdf, tmp_path)
        assert "Going Straight: reducing re-offending" in text
        assert "4.3 Local plans to reduce re-offending should give alcohol misuse" in text
        assert "Page 1 of 3" in text
        assert "Page 3 of 3" in text

    def test_board_paper(self, pdftotext: str, records: dict[str, Any], tmp_path: Path) -> None:
        """The board paper shows its unwritten parts, and its annex follows on a new page."""
        pdf = write_document("report", records["report"], Options(format="pdf"))
        assert isinstance(pdf, bytes)
        pages = pdf_text(pdftotext, pdf, tmp_path).split("\f")
        text = " ".join(pages)
        assert "To be written: purpose of report" in text
        assert "To be written: who to contact" in text

    def test_changes_keep_their_cues(
        self, pdftotext: str, records: dict[str, Any], tmp_path: Path
    ) -> None:
        """The spoken cues of tracked changes are in the PDF's text, though hidden on the page."""
        pdf = write_document("changes", records["changes"], Options(format="pdf"))
        assert isinstance(pdf, bytes)
        text = pdf_text(pdftotext, pdf, tmp_path)
        # pdftotext reads by position, and the hidden cue sits apart from its
        # words; the tagged PDF keeps them in order for a screen reader.
        assert "[inserted:" in text
        assert "[deleted:" in text
        assert "takes councils, probation, health services" in text
        assert "Page 1 of" in text

    def test_no_heading_ends_a_page(self, pdftotext: str, tmp_path: Path) -> None:
        """No page ends with a section heading whose paragraphs went on to the next page.

        Forty sections of one to four paragraphs put some heading near the
        foot of some page whatever the fonts; print CSS keeps it with its text.
        """
        sections = tuple(
            Section(
                f"s{n}",
                f"Section heading {n}",
                tuple(
                    Statement(f"a{n}-{m}", f"Paragraph {m} of section {n}, " + "words " * (8 * m))
                    for m in range(1, n % 4 + 2)
                ),
            )
            for n in range(1, 41)
        )
        version = Version("v1", dt.date(2024, 1, 1), Status.DRAFT, sections)
        document = Document.create("d", "Long", "Org", "Board", versions=(version,))
        pdf = write_document("annex", documents.annex(document, version), Options(format="pdf"))
        assert isinstance(pdf, bytes)
        path = tmp_path / "document.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        pages = [page.splitlines() for page in text.split("\f") if page.strip()]
        assert len(pages) > 3
        for lines in pages[:-1]:
            body = [line.strip() for line in lines if line.strip()]
            body = [line for line in body if not line.startswith("Page ")]
            assert not body[-1].startswith(tuple(f"{n}. Section heading" for n in range(1, 41)))

    @pytest.mark.parametrize("kind", ["annex", "changes", "comments", "report", "response"])
    def test_css_understood(
        self, weasyprint: None, records: dict[str, Any], kind: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        """WeasyPrint lays every document out without a warning: it understands all the CSS."""
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            write_document(kind, records[kind], Options(format="pdf"))
        assert [r.getMessage() for r in caplog.records] == []

    def test_nothing_fetched(self, pdftotext: str, tmp_path: Path) -> None:
        """Images named by file: or http: URLs are left out, unread; data: URLs are kept."""
        from policypos.pdf import html_to_pdf

        pdfimages = shutil.which("pdfimages")
        if pdfimages is None:
            pytest.skip("no pdfimages (apt-get install poppler-utils)")
        pixel = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR4nGNgYAAAAAMAAWgmWQ0AAAAASUVORK5CYII="
        )
        (tmp_path / "local.png").write_bytes(pixel)
        hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(pixel)

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            data = "data:image/png;base64," + base64.b64encode(pixel).decode("ascii")
            pdf = html_to_pdf(
                f'<html lang="en-GB"><p>x <img src="{(tmp_path / "local.png").as_uri()}" alt="file">'
                f' <img src="http://127.0.0.1:{server.server_port}/x.png" alt="http">'
                f' <img src="{data}" alt="data"></p>'
            )
        finally:
            server.shutdown()
            server.server_close()
        assert hits == []
        path = tmp_path / "out.pdf"
        path.write_bytes(pdf)
        listed = subprocess.run(
            [pdfimages, "-list", str(path)], capture_output=True, check=True, text=True
        ).stdout.splitlines()
        kinds = [line.split()[2] for line in listed[2:]]  # after two header lines
        assert kinds.count("image") == 1  # the data: image alone (with its alpha "smask")

    def test_without_weasyprint(
        self, records: dict[str, Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without WeasyPrint, asking for a PDF is a RenderError naming the extra to install."""
        from policypos.errors import RenderError

        monkeypatch.setitem(sys.modules, "weasyprint", None)
        with pytest.raises(RenderError) as caught:
            write_document("annex", records["annex"], Options(format="pdf"))
        assert str(caught.value) == (
            "PDF output needs WeasyPrint, which is not installed: pip install 'policypos[pdf]'"
        )
