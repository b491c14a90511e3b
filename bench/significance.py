"""What significance findings cost: the diff with them against the diff without, in one run.

The versions are bench/diff.py's (10% of statements reworded, 2% added, 2%
removed, 1% moved); their random words are full of modals (``should``,
``must``, ``may``), actors and ``not``, and each reworded statement has six
words replaced, so nearly every one gives the rules work. Printed, in CPU
time:

- in process: ``diff(old, new)`` (findings on, the default) as a multiple of
  ``diff(old, new, significance=False)``, best of 7 runs, the two alternating
  (target: at most 1.2x at 10,000 statements), and what the findings cost a
  reworded statement; then the same with no modal read (every rule but the
  obligation and actor ones): what the other rules alone leave of the 1.2x;
- as whole processes at 10,000 statements: ``policypos diff --format json``
  against the same command with findings off (a process that patches
  ``diff`` before running the CLI), median of 5 pairs, for both the random
  words and the shipped prose below: what a reviewer waits for, loading and
  writing included (the target is met here: about 1.05-1.15x);
- one long statement (bench/redline.py's, every 50th word changed) of 5,000
  and 20,000 words, with and without findings: the findings must grow with
  the text, not with its square (a 20,000-word statement once took 17 s of
  findings to a diff's 0.1 s, pairing thousands of modals one by one).

Then the in-process ratio again on prose as officers write it
(:func:`shipped_prose`): 10,000 statements made of the shipped data's own
sentences, a tenth reworded as the shipped revision reworded its statements.
Real rewordings are longer than six random words, so this ratio is the higher
of the two, and the one to quote.

Run: ``python bench/significance.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import median_cpu_ratio, version_yaml, write_pair_repository
from diff import make_pair
from redline import make_pair as make_long_pair

from policypos import diff, load_version

WITHOUT_FINDINGS = """
import functools, importlib, sys
module = importlib.import_module("policypos.diff")
module.diff = functools.partial(module.diff, significance=False)
from policypos.cli import main
sys.exit(main())
"""
"""The CLI with every diff told to skip significance: the whole-process baseline."""


def cpu(work: Callable[[], object]) -> float:
    """The CPU seconds *work* took: less swayed than the wall clock by other work on the machine."""
    start = time.process_time()
    work()
    return time.process_time() - start


def in_process() -> None:
    print(f"{'statements':>10}  {'with/without':>12}  {'findings':>8}  {'per reworded':>12}")
    for n in (1_000, 10_000):
        old_text, new_text = make_pair(n)
        old, new = load_version(old_text, "v1.yaml"), load_version(new_text, "v2.yaml")
        runs = 7
        without, with_ = float("inf"), float("inf")
        for _ in range(runs):  # alternate, so that a drift in the machine's speed hits both
            without = min(without, cpu(partial(diff, old, new, significance=False)))
            with_ = min(with_, cpu(partial(diff, old, new)))
        changes = list(diff(old, new).statements())
        found = sum(len(s.findings) for s in changes)
        reworded = sum(1 for s in changes if s.findings)
        each = (with_ - without) / max(reworded, 1) * 1e6
        print(f"{n:>10}  {with_ / without:>11.2f}x  {found:>8}  {each:>9.0f} us")
    print("target: at most 1.20x at 10,000 statements")
    floor = _without_modals(partial(diff, old, new), runs)
    print(
        f"with every rule but the modals' (obligation, who is asked): {floor / without:.2f}x: "
        "what the other rules alone cost"
    )


def shipped_prose(n: int = 10_000, seed: int = 11) -> tuple[str, str]:
    """Old and new version files of *n* statements of the shipped data's own prose.

    Every statement joins two of the shipped versions' statements (positions/);
    a tenth of them are reworded as the shipped going-straight revision
    reworded its statements (its eight real rewordings, each joined to a
    different shipped sentence, so no two statements are the same). The
    random-word versions of :func:`diff.make_pair` put a modal, an actor or a
    ``not`` in nearly every changed word; real rewording has far fewer: the
    two give the rules' cost at their worst and as officers' edits make it.
    """
    import itertools
    import random

    from policypos import open_repository

    repository = open_repository(Path(__file__).parent.parent / "positions")
    texts: list[str] = []
    rewordings: list[tuple[str, str]] = []
    for document in repository.documents:
        versions = list(document.versions)
        for version in versions:
            texts += [" ".join(st.text.split()) for _, st in version.statements()]
        for before, after in itertools.pairwise(versions):
            earlier = {st.id: " ".join(st.text.split()) for _, st in before.statements()}
            rewordings += [
                (earlier[st.id], " ".join(st.text.split()))
                for _, st in after.statements()
                if st.id in earlier and earlier[st.id] != " ".join(st.text.split())
            ]
    rng = random.Random(seed)
    old: list[tuple[str, str, str]] = []
    new: list[tuple[str, str, str]] = []
    for i in range(n):
        section, sid, lead = f"s{i // 50}", f"st-{i}", rng.choice(texts)
        if rng.random() < 0.10:
            was, now = rng.choice(rewordings)
            old.append((section, sid, f"{lead} {was}"))
            new.append((section, sid, f"{lead} {now}"))
        else:
            text = f"{lead} {rng.choice(texts)}"
            old.append((section, sid, text))
            new.append((section, sid, text))
    titles = {f"s{i}": f"Section {i}" for i in range(n // 50 + 1)}
    return (
        version_yaml("v1", old, section_titles=titles),
        version_yaml("v2", new, section_titles=titles),
    )


def prose() -> None:
    old_text, new_text = shipped_prose()
    old, new = load_version(old_text, "v1.yaml"), load_version(new_text, "v2.yaml")
    without, with_ = float("inf"), float("inf")
    for _ in range(7):
        without = min(without, cpu(partial(diff, old, new, significance=False)))
        with_ = min(with_, cpu(partial(diff, old, new)))
    reworded = sum(1 for s in diff(old, new).statements() if s.findings)
    print(
        f"\nshipped prose, 10,000 statements ({reworded:,} with findings): "
        f"{with_ / without:.2f}x with/without"
    )


def _without_modals(work: Callable[[], object], runs: int) -> float:
    """The best CPU time of *work* with no modal read: the obligation and actor rules' share."""
    from policypos import significance

    modals = significance._modals
    significance._modals = lambda text, skip, kept=None: []
    try:
        return min(cpu(work) for _ in range(runs))
    finally:
        significance._modals = modals


def whole_process(n: int = 10_000, runs: int = 5) -> None:
    for name, pair in (("random words", make_pair(n)), ("shipped prose", shipped_prose(n))):
        ratio = _whole_process_ratio(pair, runs)
        print(f"\nwhole process, {n:,} statements of {name}: `policypos diff --format json`")
        print(f"  {ratio:.2f}x CPU time with/without findings, median of {runs}")


def _whole_process_ratio(pair: tuple[str, str], runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_pair_repository(root, *pair)
        args = ["--repo", str(root), "diff", "doc@v1", "doc@v2", "--format", "json"]
        args += ["-o", str(root / "changes.json")]
        with_ = [sys.executable, "-m", "policypos", *args]
        without = [sys.executable, "-c", WITHOUT_FINDINGS, *args]
        return median_cpu_ratio(with_, without, runs)


def long_statement() -> None:
    print(f"\n{'words':>7}  {'with/without':>12}")
    for words in (5_000, 20_000):
        old_text, new_text = make_long_pair(words)
        old, new = load_version(old_text, "v1.yaml"), load_version(new_text, "v2.yaml")
        without, with_ = float("inf"), float("inf")
        for _ in range(3):
            without = min(without, cpu(partial(diff, old, new, significance=False)))
            with_ = min(with_, cpu(partial(diff, old, new)))
        print(f"{words:>7}  {with_ / without:>11.2f}x")


if __name__ == "__main__":
    in_process()
    prose()
    whole_process()
    long_statement()
