"""A full site build with one walk of the versions per document, against one per statement.

``publish`` writes a page per statement with its history. Each history walks
the document's tree of versions and diffs each version with its base; done
once per statement, a document of S statements and V versions made S x (V-1)
diffs for its history pages, where V-1 are enough. The site is built from
scratch on the 100-document repository of ``bench/publish.py``, twice per
turn: as it is (:class:`policypos.history.Histories`, one walk per document)
and with each statement page walking the versions again on its own (the
baseline: what ``publish`` did before), alternately so that a busy spell of
the machine hits both. The ratio is printed; the pages of both builds are
checked to be the same bytes. Run: ``python bench/publish_history.py``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from publish import write_repository

from policypos.history import Histories, HistoryStep, history
from policypos.publish import publish

# The module itself: the package's own ``history`` attribute is the function.
_MODULE = sys.modules["policypos.history"]


class _EachOnItsOwn(Histories):
    """The baseline: every statement's history walks the versions again."""

    def history(self, statement: str) -> tuple[HistoryStep, ...]:
        return history(self.document, statement)


def _build(repo: Path, site: Path, per_statement: bool) -> float:
    shutil.rmtree(site, ignore_errors=True)
    saved = Histories
    if per_statement:
        setattr(_MODULE, "Histories", _EachOnItsOwn)  # noqa: B010
    try:
        start = time.perf_counter()
        publish(repo, site, drafts=True)
        return time.perf_counter() - start
    finally:
        setattr(_MODULE, "Histories", saved)  # noqa: B010


def _pages(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*.html"))
        if "statements" in p.parts
    }


def main(documents: int = 100, runs: int = 2) -> None:
    work = Path(tempfile.mkdtemp(prefix="policypos-bench-"))
    try:
        repo = work / "positions"
        write_repository(repo, documents)
        shared, alone = [], []
        for _ in range(runs):
            alone.append(_build(repo, work / "alone", per_statement=True))
            shared.append(_build(repo, work / "shared", per_statement=False))
        same = _pages(work / "alone") == _pages(work / "shared")
        pages = len(_pages(work / "shared"))
        print(
            f"{documents} documents, {pages} statement pages: full build "
            f"{min(shared):.2f}s with one walk per document, "
            f"{min(alone):.2f}s with one per statement"
        )
        print(
            f"  one walk per document / one per statement {min(shared) / min(alone):5.2f}x; "
            f"statement pages identical: {same}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
