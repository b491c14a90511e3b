"""PDF, what councils publish: the HTML document and its print CSS, laid out by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'policypos[pdf]'``): it brings
Pango and other system libraries that a reviewer diffing YAML does not need.
"""

from __future__ import annotations

from policypos.errors import RenderError

PDF_PACKAGES = (
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "fonts-dejavu-core",
    "fonts-noto-color-emoji",
)
"""Debian's packages a PDF needs from the system: WeasyPrint's libraries and the fonts.

The README's "Install" and ``.ci/run`` name the same (tests/test_readme.py holds them to it).
"""


def html_to_pdf(html: str) -> bytes:
    """Lay *html* out as a PDF, with its own ``@media print`` rules.

    Nothing outside the document is fetched: an image or stylesheet named by
    a URL in user-written Markdown would otherwise make WeasyPrint read local
    files or the network, so every URL but ``data:`` is refused (and left out).

    Raises:
        RenderError: WeasyPrint is not installed (the message names the extra),
            or cannot load the system libraries it needs (the message names
            Debian's packages, as the README's "Install" does).
    """
    try:
        import weasyprint
    except ImportError as exc:
        raise RenderError(
            "PDF output needs WeasyPrint, which is not installed: pip install 'policypos[pdf]'"
        ) from exc
    except OSError as exc:  # installed, but Pango (a system library) is missing
        raise RenderError(
            f"PDF output needs Pango, which WeasyPrint could not load ({exc}): install it from "
            f"the system (Debian: apt-get install {' '.join(PDF_PACKAGES)}; see the README, "
            "'Install')"
        ) from exc
    # WeasyPrint's own fetcher, allowed data: URLs only (and no redirects):
    # anything else in user Markdown is refused and left out of the PDF.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    # PDF/UA-1: a tagged PDF with its language and title, which public bodies
    # must publish for screen-reader users as they must the HTML.
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
