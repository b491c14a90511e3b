"""How long diffing takes, against a plain C-parser load and against deepdiff, in the same run.

Versions of 100, 1,000 and 10,000 statements of about 60 words: the new one has
10% of statements reworded, 2% added, 2% removed, 1% moved to another section
and one section renamed. Printed, each as a multiple of a baseline measured in
the same run: load (both files) against a plain ruamel.yaml C-loader load of
both; diff (excluding load) against the same plain load; and deepdiff keyed by
statement id against our diff. Then, as whole processes at 10,000 statements,
``policypos diff --format json`` against a process that only loads the two
files with the plain C loader (target: at most 1.5x). Run: ``make bench`` or
``python bench/diff.py``.
"""

from __future__ import annotations

import random
import sys
import tempfile
from functools import partial
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).parent))
from _bench import (
    best_of,
    median_cpu_ratio,
    sentence,
    version_yaml,
    write_pair_repository,
)

from policypos import Version, diff, load_version


def make_pair(n: int, seed: int = 7) -> tuple[str, str]:
    """The old and new version files' text."""
    rng = random.Random(seed)
    old = [(f"s{i // 50}", f"st-{i}", sentence(rng)) for i in range(n)]
    titles = {f"s{i}": f"Section {i}" for i in range(n // 50 + 1)}
    new = []
    for section, sid, text in old:
        roll = rng.random()
        if roll < 0.02:
            continue  # removed
        if roll < 0.12:
            words = text.split()
            for k in rng.sample(range(len(words)), 6):
                words[k] = rng.choice(["reworded", "amended", "changed", "revised"])
            text = " ".join(words)
        if 0.12 <= roll < 0.13:
            section = f"s{(int(section[1:]) + 1) % len(titles)}"  # moved
        new.append((section, sid, text))
    for k in range(n // 50):  # 2% added
        at = rng.randrange(len(new))
        new.insert(at, (new[at][0], f"new-{k}", sentence(rng)))
    new.sort(key=lambda item: int(item[0][1:]))
    new_titles = dict(titles, s0="Section zero, renamed")
    return (
        version_yaml("v1", old, section_titles=titles),
        version_yaml("v2", new, section_titles=new_titles),
    )


def keyed(version: Version) -> dict[str, dict[str, object]]:
    """The version as deepdiff would best see it: statements keyed by id."""
    return {
        st.id: {"section": sec.id, "text": st.text, "tags": list(st.tags)}
        for sec, st in version.statements()
    }


def main() -> None:
    from deepdiff import DeepDiff

    print(f"{'statements':>10}  {'load/parse':>10}  {'diff/parse':>10}  {'deepdiff/diff':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1_000, 10_000):
            old_text, new_text = make_pair(n)
            (Path(tmp) / "v1.yaml").write_text(old_text)
            (Path(tmp) / "v2.yaml").write_text(new_text)
            runs = 5 if n < 10_000 else 3
            c_loader = YAML(typ="safe", pure=False)

            def parse(c: YAML = c_loader, a: str = old_text, b: str = new_text) -> None:
                c.load(a)
                c.load(b)

            def load(a: str = old_text, b: str = new_text) -> tuple[Version, Version]:
                return load_version(a, "v1.yaml"), load_version(b, "v2.yaml")

            parse_time = best_of(runs, parse)
            load_time = best_of(runs, load)
            old, new = load()
            diff_time = best_of(runs, partial(diff, old, new))
            keyed_old, keyed_new = keyed(old), keyed(new)
            deep_time = best_of(1 if n == 10_000 else runs, partial(DeepDiff, keyed_old, keyed_new))
            print(
                f"{n:>10}  {load_time / parse_time:>9.2f}x  {diff_time / parse_time:>9.2f}x"
                f"  {deep_time / diff_time:>12.1f}x"
            )


PLAIN_LOAD = """
import sys
from ruamel.yaml import YAML
loader = YAML(typ="safe", pure=False)
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        loader.load(f)
"""


def whole_process(n: int = 10_000, runs: int = 5) -> None:
    """``policypos diff --format json`` as a process, against a process that only parses."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old_path, new_path = write_pair_repository(root, *make_pair(n))
        out = root / "changes.json"
        command = [sys.executable, "-m", "policypos", "--repo", str(root), "diff", "doc@v1"]
        command += ["doc@v2", "--format", "json", "-o", str(out)]
        parse = [sys.executable, "-c", PLAIN_LOAD, str(old_path), str(new_path)]

        ratio = median_cpu_ratio(command, parse, runs)
        print(f"\nwhole process, {n:,} statements: `policypos diff --format json` / plain parse")
        print(f"  {ratio:.2f}x CPU time, median of {runs} (target 1.5x)")


if __name__ == "__main__":
    main()
    whole_process()
