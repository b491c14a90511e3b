"""How long policypos takes to read a version, as a multiple of a plain C-parser load.

The baseline is ruamel.yaml's C loader (``YAML(typ="safe", pure=False).load``)
on the same file, measured in the same run, so the ratio holds on a noisy
machine. Run: ``make bench`` or ``python bench/load.py``.
"""

from __future__ import annotations

import sys
import tempfile
from functools import partial
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, write_version

from policypos import load_version


def main() -> None:
    print(f"{'statements':>10}  {'C load':>9}  {'policypos':>9}  {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1_000, 10_000):
            path = write_version(Path(tmp), n)
            data = path.read_bytes()
            runs = 5 if n < 10_000 else 3
            baseline = best_of(runs, partial(YAML(typ="safe", pure=False).load, data))
            ours = best_of(runs, partial(load_version, data, path))
            print(f"{n:>10}  {baseline:>8.3f}s  {ours:>8.3f}s  {ours / baseline:>5.2f}x")


if __name__ == "__main__":
    main()
