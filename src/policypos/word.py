"""Word documents (.docx), written with python-docx; being built (issue 10)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policypos.errors import RenderError

if TYPE_CHECKING:
    from policypos.render import Options


def write_docx(kind: str, record: Any, options: Options) -> bytes:
    """Write the board document *record* as a Word file.

    Raises:
        RenderError: always, until the Word writer lands.
    """
    raise RenderError("Word output is not available yet")
