"""No two comments in one pack share a number (the comment log, the comparison, the paper).

A paper numbers the comments it lists (``2.1``, ``2.2``, ``3``); a comment it
does not list (one an earlier version answered already, one of a meeting it
does not report on) went by the minutes' id, which may be a number the paper
gives another comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MakeRepo
from tests.test_amendments import run
from tests.test_paper_cycles import _meeting, _version

# The minutes number their comments 2.1 to 2.6, as the paper's second paragraph would.
MARCH = [
    ("2.1", "comment", "addressed"),
    ("2.2", "comment", "addressed"),
    ("2.3", "comment", "addressed"),
    ("2.4", "comment", "addressed"),
    ("2.5", "comment", "rejected"),
    ("2.6", "comment", "deferred"),
    # A question the July paper told; the 2026 paper does not, but v3 answers it.
    ("5.1", "question", "answered"),
]
# The meeting v2 went to numbers its comments 1 to 6, as the paper numbers paragraphs.
JULY = [(str(k), "comment", "open") for k in range(1, 7)]


def _files() -> dict[str, str | bytes]:
    return {
        "doc/versions/v1.yaml": _version("v1", "2025-01-01", "superseded", []),
        "doc/versions/v2.yaml": _version(
            "v2", "2025-06-01", "superseded", ["m1/2.1", "m1/2.2"], based_on='"v1"', meeting="m2"
        ),
        "doc/versions/v3.yaml": _version(
            "v3", "2026-01-01", "draft", ["m1/2.1", "m1/2.3", "m1/2.4", "m1/5.1"], based_on='"v2"'
        ),
        "doc/meetings/m1.yaml": _meeting("m1", "2025-03-12", "v1", MARCH),
        "doc/meetings/m2.yaml": _meeting("m2", "2025-07-09", "v2", JULY),
    }


@pytest.fixture
def clashing(make_repo: MakeRepo) -> Path:
    return make_repo(_files())


def _ok(*args: str, repo: Path) -> str:
    result = run(*args, repo=repo)
    assert result.exit_code == 0, result.output
    return result.stdout
