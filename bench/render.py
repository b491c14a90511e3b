"""How long the board documents take for a 10,000-statement comparison, against loading.

The comparison of two versions of 10,000 statements (bench/diff.py's pair) is
written as HTML and as Word; each time is printed as a multiple of loading the
two version files with ``policypos.load_version``, measured in the same run
(targets: HTML at most 1x, Word at most 4x). Run: ``make bench`` or
``python bench/render.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of
from diff import make_pair

from policypos import Document, Version, diff, load_version
from policypos.documents import comparison
from policypos.render import Format, Options, write_document


def main(n: int = 10_000, runs: int = 3) -> None:
    old_text, new_text = make_pair(n)

    def load() -> tuple[Version, Version]:
        return load_version(old_text, "v1.yaml"), load_version(new_text, "v2.yaml")

    load_time = best_of(runs, load)
    old, new = load()
    document = Document.create("doc", "A document", "A council", "A board", versions=(old, new))
    record = comparison(document, diff(old, new, document))
    when = dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
    print(f"{n:,} statements: writing the comparison, as a multiple of loading both versions")
    formats: tuple[tuple[Format, float], ...] = (("html", 1.0), ("docx", 4.0))
    for fmt, target in formats:
        write = partial(write_document, "changes", record, Options(format=fmt, date=when))
        ratio = best_of(runs, write) / load_time
        print(f"  {fmt:<5} {ratio:5.2f}x (target at most {target:g}x)")


if __name__ == "__main__":
    main()
