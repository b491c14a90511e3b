"""How long one statement's history takes, against the diffs along the tree it must make.

A document of 200 statements of about 60 words in seven versions that branch
as officers' drafts do: v1 to v4 in a line, a draft built on v2 after v4
exists, and two drafts built on v4. Each version rewords 10% of its base's
statements, removes 2% (some come back word for word under a new id two
versions on) and adds 2%. ``history()`` of 10 statements is printed as a
multiple of the baseline measured in the same run: diffing each version with
its base once per statement, the least any history that compares versions
with their bases must do. Run: ``make bench`` or ``python bench/history.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, sentence

from policypos import Document, Section, Statement, Status, Version, diff, history

BASES = {"v1": None, "v2": "v1", "v3": "v2", "v4": "v3", "side": "v2", "a": "v4", "b": "v4"}


def make_document(n: int = 200, seed: int = 7) -> Document:
    """The branching document described above."""
    rng = random.Random(seed)
    held: dict[str, list[tuple[str, str]]] = {}
    removed: dict[str, list[tuple[str, str]]] = {}
    versions = []
    for day, (vid, base) in enumerate(BASES.items(), 1):
        if base is None:
            statements = [(f"st-{i}", sentence(rng)) for i in range(n)]
        else:
            statements, gone = [], []
            for sid, text in held[base]:
                roll = rng.random()
                if roll < 0.02:
                    gone.append((sid, text))
                    continue
                if roll < 0.12:
                    words = text.split()
                    words[rng.randrange(len(words))] = "reworded"
                    text = " ".join(words)
                statements.append((sid, text))
            grand = BASES[base]
            for sid, text in removed.get(base, [])[:2] if grand is not None else []:
                statements.append((f"{sid}-back-{vid}", text))  # back under a new id
            statements += [(f"new-{vid}-{k}", sentence(rng)) for k in range(n // 50)]
            removed[vid] = gone
        held[vid] = statements
        body = tuple(Statement(sid, text) for sid, text in statements)
        versions.append(
            Version(
                vid,
                dt.date(2024, 1, day),
                Status.DRAFT,
                (Section("s", "S", body),),
                based_on=base,
            )
        )
    return Document.create("doc", "T", "O", "B", versions=tuple(versions))


def main(runs: int = 5, statements: int = 10) -> None:
    document = make_document()
    by_id = {v.id: v for v in document.versions}
    ids = [s.id for _, s in document.versions[0].statements()][:statements]

    def histories() -> None:
        for sid in ids:
            history(document, sid, version="v1")

    def edge_diffs() -> None:
        for _ in ids:
            for vid, base in BASES.items():
                if base is not None:
                    diff(by_id[base], by_id[vid])

    # Taken in turns, so that a busy spell of the machine hits both alike.
    pairs = [(best_of(1, edge_diffs), best_of(1, histories)) for _ in range(runs)]
    baseline, took = min(b for b, _ in pairs), min(t for _, t in pairs)
    print(
        f"history of {statements} statements, 7 versions branching, 200 statements each: "
        f"{took / statements * 1000:.1f} ms a statement"
    )
    print(f"  history / one diff per version and base {took / baseline:5.2f}x")


if __name__ == "__main__":
    main()
