"""How often a split part reworded on its way is found, and how often a split is claimed falsely.

Not a timing: the rates behind the part rule of ``policypos.pairing``
(docs/diff.md, "How statements and sections are paired", step 3). Built from
the shipped statements' sentences (of 8 words or more): for 600 random pairs
of sentences A, B (and 300 sets of four, A B D E), the old statement is
``A B`` (``A B D E``) and the new one keeps ``A`` (``A D E``), with

- a true split: B reworded at random (20%, 30%, 40%, 50% of its words
  replaced by words of the corpus) as a new statement;
- a false split: B deleted outright and an unrelated sentence C added.

Each rule is "at least T of the part's words found in order in the old
statement, and (below 70%) at least N of the words of the stretch they
match gone from the new statement, and at least B of the stretch's words
found in order in the part"; T=0.7 alone is the rule before the stretch
test, (0.6, 0.6, 0) the rule before the test both ways. The rates printed
are the share of true splits found, by rewording, and of false splits
claimed. Run: ``python bench/parts.py``.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from rapidfuzz.distance import LCSseq

from policypos import open_repository
from policypos.pairing import _encoder, _words
from policypos.redline import part_source

RULES = [
    (0.7, 0.0, 0.0),
    (0.6, 0.6, 0.0),
    (0.5, 0.6, 0.0),
    (0.5, 0.6, 0.5),
    (0.45, 0.6, 0.45),
    (0.4, 0.6, 0.45),
    (0.4, 0.6, 0.4),
]
RATES = (0.2, 0.3, 0.4, 0.5)

encode = _encoder(_words)


def share(part: str, text: str) -> float:
    """The share of *part*'s words found, in order, in *text*."""
    code = encode(part)
    return LCSseq.similarity(code, encode(text)) / len(code)


def accepted(part: str, was: str, now: str, least: float, left: float, both: float) -> bool:
    """Whether *part* is taken for a split part of a statement that went from *was* to *now*."""
    if len(encode(part)) < 5:
        return False
    if share(part, was) >= 0.7 and share(part, now) < 0.7:
        return True
    if least >= 0.7 or share(part, was) < least:
        return False
    stretch = part_source(was, part)
    if not stretch.strip() or share(part, stretch) < least or share(stretch, part) < both:
        return False
    return 1 - share(stretch, now) >= left


def main() -> None:
    repository = open_repository(Path(__file__).parent.parent / "positions")
    sentences: list[str] = []
    for document in repository.documents:
        for version in document.versions:
            for _, statement in version.statements():
                for sentence in re.split(r"(?<=[.!?])\s+", " ".join(statement.text.split())):
                    if len(_words(sentence)) >= 8 and sentence not in sentences:
                        sentences.append(sentence)
    vocabulary = sorted({w for s in sentences for w in s.split()})
    rng = random.Random(1)

    def reword(sentence: str, rate: float) -> str:
        words = sentence.split()
        for k in rng.sample(range(len(words)), max(1, round(rate * len(words)))):
            words[k] = rng.choice(vocabulary)
        return " ".join(words)

    for size in (2, 4):
        true: list[tuple[float, str, str, str]] = []
        false: list[tuple[str, str, str]] = []
        pairs = list(itertools.permutations(range(len(sentences)), 2))
        rng.shuffle(pairs)
        for _ in range(600 if size == 2 else 300):
            a, b, *rest = rng.sample(range(len(sentences)), size + 1)
            kept = [sentences[a], *(sentences[k] for k in rest[: size - 2])]
            c = sentences[rest[-1]]
            was = " ".join([kept[0], sentences[b], *kept[1:]])
            now = " ".join(kept)
            true += [(rate, reword(sentences[b], rate), was, now) for rate in RATES]
            false.append((c, was, now))
        print(f"{len(sentences)} sentences; statements of {size} sentences")
        print("  T     N    B     found at 20% 30% 40% 50% reworded   false splits")
        for least, left, both in RULES:
            found = [
                sum(accepted(p, w, n, least, left, both) for r, p, w, n in true if r == rate)
                / sum(1 for r, *_ in true if r == rate)
                for rate in RATES
            ]
            wrong = sum(accepted(p, w, n, least, left, both) for p, w, n in false) / len(false)
            rates = " ".join(f"{f:.2f}" for f in found)
            print(f"  {least:.2f}  {left:.1f}  {both:.2f}          {rates}          {wrong:.3f}")


if __name__ == "__main__":
    main()
