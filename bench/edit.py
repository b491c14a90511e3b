"""How long composing an edit takes, as a multiple of validating the repository it edits.

An edit reads and validates the repository (to refuse a broken document),
round-trips the file it changes through ruamel.yaml, guards the result with
deepdiff and validates the document again with the edit applied. The baseline
is ``policypos.check`` of the same repository, measured in the same run, so
the ratio holds on a noisy machine. Run: ``make bench`` or ``python bench/edit.py``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, write_version

import policypos

DOCUMENT = "id: doc\ntitle: Bench\norganisation: A council\nowner: Cabinet\n"
MEETING = (
    "meeting:\n  id: m1\n  body: Cabinet\n  date: 2024-02-01\n"
    "comments:\n  - id: '1'\n    kind: comment\n    text: Say more.\n    disposition: open\n"
)


def edits(root: Path, n: int) -> dict[str, Callable[[], object]]:
    """The edits measured: one line of a big version, one of a meeting, a whole new version,
    and the two head lines ``propose`` changes in the (draft) big version."""
    return {
        "cite": partial(policypos.cite, root, "doc", "v1", f"st-{n // 2}", "m1/1"),
        "comment set": partial(policypos.set_comment, root, "doc", "m1/1", disposition="noted"),
        "new-version": partial(policypos.new_version, root, "doc", "v1", "v2"),
        "propose": partial(policypos.propose, root, "doc", "v1", "m1"),
    }


def main() -> None:
    print(f"{'statements':>10}  {'check':>8}  {'edit':<12} {'compose':>8}  {'ratio':>6}")
    for n in (100, 1_000):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "doc/versions").mkdir(parents=True)
            (root / "doc/meetings").mkdir()
            (root / "doc/document.yaml").write_text(DOCUMENT)
            (root / "doc/meetings/m1.yaml").write_text(MEETING)
            write_version(root / "doc/versions", n)
            runs = 5 if n < 1_000 else 3
            baseline = best_of(runs, partial(policypos.check, root))
            for name, compose in edits(root, n).items():
                ours = best_of(runs, compose)
                ratio = ours / baseline
                print(f"{n:>10}  {baseline:>7.3f}s  {name:<12} {ours:>7.3f}s  {ratio:>5.2f}x")


if __name__ == "__main__":
    main()
