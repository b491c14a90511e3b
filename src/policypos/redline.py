"""Word-level redlines and text similarity.

Text is split into tokens that keep everything: runs of word characters, runs
of white space, and single punctuation marks. Joining the ``equal`` and
``delete`` pieces of a redline gives the old text exactly, and joining ``equal``
and ``insert`` the new one.

Redlines use difflib's SequenceMatcher, which looks for the longest unbroken
runs in common and so keeps an edited sentence readable. cydifflib is the same
algorithm compiled (identical opcodes, about 8x faster on 60-word statements),
used where it is installed, which is everywhere it has wheels; similarity uses
rapidfuzz's Indel distance (the LCS measure), which is fast enough to compare
every unpaired old statement with every unpaired new one.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # cydifflib has no type hints; its API is difflib's
    from difflib import SequenceMatcher
else:
    try:
        from cydifflib import SequenceMatcher
    except ImportError:  # pragma: no cover - a Python cydifflib has no wheel for yet
        from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class Op(enum.StrEnum):
    """What a piece of a redline does."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@attrs.frozen
class Piece:
    """One run of a redline: text kept, deleted or inserted."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Split *text* into words, white space and punctuation; joined, they give *text* back."""
    return _TOKEN.findall(text)


def redline(old: str, new: str) -> tuple[Piece, ...]:
    """Return the word-level redline turning *old* into *new*.

    One changed word reads as one deletion and one insertion; white space alone
    between two changes is folded into them, so that a reworded phrase reads as
    one change rather than a comb of single words.
    """
    if old == new:
        return (Piece(Op.EQUAL, old),) if old else ()
    a, b = tokens(old), tokens(new)
    # Matching is quadratic in the worst case, so the common head and tail,
    # which most edits leave alone, are kept out of it.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    pieces = [Piece(Op.EQUAL, "".join(a[:head]))] if head else []
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    # No junk: treating white space as junk is faster but lets the matcher
    # anchor on filler words ("the", "should"), which reads worse in a redline.
    matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece(Op.EQUAL, "".join(middle_a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(Op.DELETE, "".join(middle_a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(Op.INSERT, "".join(middle_b[j1:j2])))
    if tail:
        pieces.append(Piece(Op.EQUAL, "".join(a[len(a) - tail :])))
    return _merge(_fold_spaces(pieces))


def _fold_spaces(pieces: Sequence[Piece]) -> list[Piece]:
    """Fold an equal run of white space that stands between two changes into both."""
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        between = 0 < i < len(pieces) - 1
        if (
            piece.op is Op.EQUAL
            and between
            and piece.text.isspace()
            and pieces[i - 1].op is not Op.EQUAL
            and pieces[i + 1].op is not Op.EQUAL
        ):
            out += [Piece(Op.DELETE, piece.text), Piece(Op.INSERT, piece.text)]
        else:
            out.append(piece)
    return out


def _merge(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """Join neighbouring pieces of a kind, deletions before insertions within each change."""
    out: list[Piece] = []
    change: dict[Op, list[str]] = {Op.DELETE: [], Op.INSERT: []}

    def flush() -> None:
        for op in (Op.DELETE, Op.INSERT):
            if change[op]:
                out.append(Piece(op, "".join(change[op])))
                change[op] = []

    for piece in pieces:
        if piece.op is Op.EQUAL:
            flush()
            if out and out[-1].op is Op.EQUAL:
                out[-1] = Piece(Op.EQUAL, out[-1].text + piece.text)
            else:
                out.append(piece)
        else:
            change[piece.op].append(piece.text)
    flush()
    return tuple(out)


def old_text(pieces: Iterable[Piece]) -> str:
    """Rebuild the old text from a redline."""
    return "".join(p.text for p in pieces if p.op is not Op.INSERT)


def new_text(pieces: Iterable[Piece]) -> str:
    """Rebuild the new text from a redline."""
    return "".join(p.text for p in pieces if p.op is not Op.DELETE)


def similarity(old: str, new: str) -> float:
    """How alike two texts are, from 0 to 1 over their tokens; 1 only when they are identical."""
    if old == new:
        return 1.0
    from rapidfuzz.distance import Indel

    # Tokens join back to their text, so only equal texts have equal token lists.
    return float(Indel.normalized_similarity(tokens(old), tokens(new)))


def whitespace_only(old: str, new: str) -> bool:
    """Whether *old* and *new* differ in white space alone: the same words, spaced differently."""
    return old != new and old.split() == new.split()
