"""How diffing one long statement grows with its length, in the same run.

One statement of 2,500, 5,000, 10,000 and 20,000 words of policy-like prose,
with every 50th word changed in the new version. Printed: the time of
``policypos.diff`` on the two one-statement versions as a multiple of the one
half its length (target: at most 2.5x per doubling, which is near-linear), and
the 20,000-word diff as a multiple of loading its two version files with
``policypos.load_version`` (target: at most 3x). Ratios only, never absolute
times. Run: ``make bench`` or ``python bench/redline.py``.
"""

from __future__ import annotations

import random
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, sentence, version_yaml

from policypos import diff, load_version

SIZES = (2_500, 5_000, 10_000, 20_000)


def make_pair(words: int, seed: int = 11) -> tuple[str, str]:
    """The old and new version files' text: one statement, every 50th word changed."""
    rng = random.Random(seed)
    text = " ".join(sentence(rng) for _ in range(words // 60 + 1)).split(" ")[:words]
    changed = ["revised" if k % 50 == 25 else w for k, w in enumerate(text)]
    titles = {"s": "Section"}
    return (
        version_yaml("v1", [("s", "st-1", " ".join(text))], section_titles=titles),
        version_yaml("v2", [("s", "st-1", " ".join(changed))], section_titles=titles),
    )


def main() -> None:
    print(f"{'words':>7}  {'diff/half':>9}  {'diff/load':>9}")
    before = first = None
    for words in SIZES:
        old_yaml, new_yaml = make_pair(words)

        def load(a: str = old_yaml, b: str = new_yaml) -> tuple[object, object]:
            return load_version(a, "v1.yaml"), load_version(b, "v2.yaml")

        old, new = load_version(old_yaml, "v1.yaml"), load_version(new_yaml, "v2.yaml")
        (statement,) = diff(old, new).statements()
        assert statement.change.value == "modified"
        diff_time = best_of(9, partial(diff, old, new))
        load_time = best_of(9, load)
        growth = f"{diff_time / before:>8.2f}x" if before else f"{'':>9}"
        print(f"{words:>7}  {growth}  {diff_time / load_time:>8.2f}x")
        before = diff_time
        first = first or diff_time
    # One busy moment can skew a single doubling; the mean over all three cannot hide much.
    assert before is not None
    assert first is not None
    mean = (before / first) ** (1 / (len(SIZES) - 1))
    print(f"per doubling, {SIZES[0]:,} to {SIZES[-1]:,} words: {mean:.2f}x (geometric mean)")


if __name__ == "__main__":
    main()
