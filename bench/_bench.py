"""What the benchmarks share: synthetic versions of N statements of ~60 words, and a timer."""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

WORDS = [
    "council",
    "councils",
    "probation",
    "prison",
    "release",
    "housing",
    "support",
    "services",
    "local",
    "partners",
    "government",
    "funding",
    "treatment",
    "offenders",
    "families",
    "children",
    "employment",
    "training",
    "learning",
    "should",
    "must",
    "will",
    "may",
    "consider",
    "board",
    "policy",
    "community",
    "safety",
    "partnership",
    "health",
    "mental",
    "gambling",
    "alcohol",
    "drugs",
    "debt",
    "advice",
    "plan",
    "plans",
    "area",
    "areas",
    "national",
    "duty",
    "duties",
    "people",
    "person",
    "after",
    "before",
    "within",
    "across",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "on",
    "by",
    "that",
    "which",
    "their",
]


def sentence(rng: random.Random, words: int = 60) -> str:
    """A paragraph of *words* words drawn from a policy-like vocabulary."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def version_yaml(
    version_id: str, statements: list[tuple[str, str, str]], *, section_titles: dict[str, str]
) -> str:
    """Write a version file: *statements* are (section id, statement id, text) in order."""
    lines = [f'version: "{version_id}"', "date: 2024-01-01", "status: draft", "sections:"]
    current = None
    for section_id, statement_id, text in statements:
        if section_id != current:
            current = section_id
            lines += [
                f"  - id: {section_id}",
                f"    title: {section_titles[section_id]}",
                "    statements:",
            ]
        lines += [
            f"      - id: {statement_id}",
            "        text: >",
            f"          {text}",
            "        tags: [bench, generated]",
        ]
    return "\n".join(lines) + "\n"


def write_version(folder: Path, n: int, seed: int = 1) -> Path:
    """Write a version of *n* statements in sections of 50 into *folder*; return its path."""
    rng = random.Random(seed)
    statements = [(f"s{i // 50}", f"st-{i}", sentence(rng)) for i in range(n)]
    titles = {f"s{i}": f"Section {i}" for i in range(n // 50 + 1)}
    path = folder / "v1.yaml"
    path.write_text(version_yaml("v1", statements, section_titles=titles), encoding="utf-8")
    return path


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of *runs* timings of *work*: the one least disturbed by the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_of(command: list[str], env: dict[str, str] | None = None) -> float:
    """The CPU seconds (user + system) one run of *command* took, as a child process.

    CPU time is steadier than wall time on a shared machine: another process
    competing for the cores delays a run but does not add to its CPU time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def write_pair_repository(root: Path, old_text: str, new_text: str) -> tuple[Path, Path]:
    """A repository at *root* holding one document, ``doc``, with versions v1 and v2.

    Returns the two version files. v2 is dated a month after v1, as the
    validator wants a later version to be.
    """
    (root / "doc" / "versions").mkdir(parents=True)
    document = "id: doc\ntitle: T\norganisation: O\nowner: B\n"
    (root / "doc" / "document.yaml").write_text(document)
    old_path, new_path = root / "doc/versions/v1.yaml", root / "doc/versions/v2.yaml"
    old_path.write_text(old_text)
    new_path.write_text(new_text.replace("date: 2024-01-01", "date: 2024-02-01"))
    return old_path, new_path


def median_cpu_ratio(command: list[str], baseline: list[str], runs: int) -> float:
    """The median, over *runs* turns, of *command*'s CPU time over *baseline*'s just after it.

    Children may write bytecode, as an installed package has it (so
    ``PYTHONDONTWRITEBYTECODE`` is dropped); one run of each first writes it
    and fills the page cache. The two alternate, so that a drift in the
    machine's speed hits both.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpu_of(command, env)
    cpu_of(baseline, env)
    return statistics.median(cpu_of(command, env) / cpu_of(baseline, env) for _ in range(runs))
