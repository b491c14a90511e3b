"""PDF, what councils publish: the HTML document and its print CSS, laid out by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'policypos[pdf]'``): it brings
Pango and other system libraries that a reviewer diffing YAML does not need.
"""

from __future__ import annotations

from typing import Any

from policypos.errors import RenderError


def html_to_pdf(html: str) -> bytes:
    """Lay *html* out as a PDF, with its own ``@media print`` rules.

    Nothing outside the document is fetched: an image or stylesheet named by
    a URL in user-written Markdown would otherwise make WeasyPrint read local
    files or the network, so every URL but ``data:`` is refused (and left out).

    Raises:
        RenderError: WeasyPrint is not installed (the message names the extra).
    """
    try:
        import weasyprint
    except ImportError as exc:
        raise RenderError(
            "PDF output needs WeasyPrint, which is not installed: pip install 'policypos[pdf]'"
        ) from exc
    document = weasyprint.HTML(string=html, url_fetcher=_data_only)
    pdf: bytes = document.write_pdf()
    return pdf


def _data_only(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    if url.startswith("data:"):
        import weasyprint

        fetched: dict[str, Any] = weasyprint.default_url_fetcher(url, *args, **kwargs)
        return fetched
    raise ValueError(f"policypos documents fetch nothing from outside: {url}")
