"""How the commands grow with the length of one statement: 20,000 words against 5,000.

A document of three statements, one of them long (sentences of 20 words of
policy-like prose). The next version changes every 50th word of it and splits
a sentence out of its middle into a new statement, reworded on the way (its
words interleaved with new ones), so that the diff looks for the stretch of
the long statement the new one came from. A meeting commented on it. Each
command is run in process (no interpreter start-up), best of *runs*, at 5,000
and at 20,000 words; printed: the second time as a multiple of the first,
measured in the same run. Four times the words should take about 4x (linear);
16x is the square of the length. No absolute time is asserted.
Run: ``make bench`` or ``python bench/long_statement.py [runs]``.
"""

from __future__ import annotations

import random
import sys
import tempfile
from functools import partial
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, sentence, write_pair_repository

from policypos.cli import cli

SIZES = (5_000, 20_000)

COMMANDS = {
    "annex": ["render", "annex", "doc@v2", "-o", "{out}/annex.md"],
    "report": ["render", "report", "doc@v2", "-o", "{out}/report.md"],
    "report docx": ["render", "report", "doc@v2", "--format", "docx", "-o", "{out}/r.docx"],
    "changes": ["render", "changes", "doc@v1", "doc@v2", "-o", "{out}/changes.md"],
    "changes docx": [
        "render",
        "changes",
        "doc@v1",
        "doc@v2",
        "--format",
        "docx",
        "-o",
        "{out}/c.docx",
    ],
    "comments": ["render", "comments", "doc", "--paper", "v2", "-o", "{out}/comments.md"],
    "diff": ["diff", "doc@v1", "doc@v2", "-o", "{out}/diff.txt"],
}

MEETING = """\
meeting:
  id: m1
  body: The Board
  date: 2024-03-01
  item: The long statement
reviews: "v1"
comments:
  - id: "1"
    kind: comment
    by: Board members
    on: [long]
    text: >
      The long statement should say more about housing.
    disposition: open
"""


def version(version_id: str, long: str, split: str | None) -> str:
    """A version file: the long statement between two short ones, and the split part if any."""
    rng = random.Random(3)
    head = f'version: "{version_id}"\ndate: 2024-01-01\nstatus: draft\n'
    if split is not None:
        head += 'based_on: "v1"\n'
    statements = [("first", sentence(rng, 30)), ("long", long), ("last", sentence(rng, 30))]
    if split is not None:
        statements.append(("split", split))
    body = "".join(
        f"      - id: {sid}\n        text: >\n          {text}\n" for sid, text in statements
    )
    return f"{head}sections:\n  - id: s\n    title: Section\n    statements:\n{body}"


def make_repository(root: Path, words: int) -> None:
    """The document, its two versions and the meeting, at *root*."""
    rng = random.Random(7)
    sentences = [sentence(rng, 20) for _ in range(words // 20)]
    middle = sentences[len(sentences) // 2]
    kept = [s for s in sentences if s is not middle]
    changed = " ".join(kept).split(" ")
    changed = ["revised" if k % 50 == 25 else w for k, w in enumerate(changed)]
    # Reworded on its way out: a new word after every second one of the sentence.
    reworded = " ".join(
        f"{w} new{k}" if k % 2 else w for k, w in enumerate(middle.rstrip(".").split(" "))
    )
    write_pair_repository(
        root,
        version("v1", " ".join(sentences), None),
        version("v2", " ".join(changed), f"{reworded}."),
    )
    (root / "doc" / "meetings").mkdir()
    (root / "doc" / "meetings" / "m1.yaml").write_text(MEETING)


def run(root: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--repo", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def main(runs: int = 3) -> None:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory() as folder:
        for words in SIZES:
            root, out = Path(folder) / f"repo{words}", Path(folder) / f"out{words}"
            out.mkdir()
            make_repository(root, words)
            for name, args in COMMANDS.items():
                command = [a.format(out=out) for a in args]
                run(root, command)  # imports and caches warmed, outside the timing
                times[name].append(best_of(runs, partial(run, root, command)))
    small, large = SIZES
    print(f"one statement of {large:,} words against {small:,} (linear ~4x, quadratic ~16x)")
    for name, (first, second) in times.items():
        print(f"  {name:<13} {second / first:6.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
