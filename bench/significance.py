"""What significance findings cost: the diff with them against the diff without, in one run.

The versions are bench/diff.py's (10% of statements reworded, 2% added, 2%
removed, 1% moved); their random words are full of modals (``should``,
``must``, ``may``), actors and ``not``, so every reworded statement gives the
rules work. Printed: ``diff(old, new)`` (findings on, the default) as a
multiple of ``diff(old, new, significance=False)``, in CPU time, best of 7
runs, the two alternating (target: at most 1.2x at 10,000 statements). Run:
``python bench/significance.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from diff import make_pair

from policypos import diff, load_version


def cpu(work: Callable[[], object]) -> float:
    """The CPU seconds *work* took: less swayed than the wall clock by other work on the machine."""
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    print(f"{'statements':>10}  {'with/without':>12}  {'findings':>8}")
    for n in (1_000, 10_000):
        old_text, new_text = make_pair(n)
        old, new = load_version(old_text, "v1.yaml"), load_version(new_text, "v2.yaml")
        runs = 7
        without, with_ = float("inf"), float("inf")
        for _ in range(runs):  # alternate, so that a drift in the machine's speed hits both
            without = min(without, cpu(partial(diff, old, new, significance=False)))
            with_ = min(with_, cpu(partial(diff, old, new)))
        found = sum(len(s.findings) for s in diff(old, new).statements())
        print(f"{n:>10}  {with_ / without:>11.2f}x  {found:>8}")
    print("target: at most 1.20x at 10,000 statements")


if __name__ == "__main__":
    main()
