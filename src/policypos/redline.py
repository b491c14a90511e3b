r"""Word-level redlines and text similarity.

**Tokens.** Text is split into words and the white space between them; nothing
is dropped, so joining the ``equal`` and ``delete`` pieces of a redline gives
the old text exactly, and joining ``equal`` and ``insert`` the new one. A word
is a run of letters, digits and marks in a script written with spaces; every
other character stands alone: a punctuation mark, a symbol (Markdown's ``#``,
``*`` and ``_`` among them) and each character of a script written without
spaces (Chinese, Japanese, Thai: Unicode's line-break classes ID, CJ and SA).
"Character" means grapheme cluster (the ``regex`` module's ``\X``): a letter
with its accents or vowel signs, or an emoji joined by zero-width joiners, is
never cut, so no redline boundary falls inside one.

**Redlines.** Words are matched, not white space: two texts with the same
words in the same order differ only in white space pieces, and a word is never
deleted and inserted again in one change. Matching uses difflib's
SequenceMatcher, which grows the longest unbroken run in common, so an edited
sentence stays readable; cydifflib is the same algorithm compiled. It is
quadratic, so long texts are first aligned on word sequences unique to both
texts (patience diff), and SequenceMatcher only runs between those anchors.

**Similarity** compares what a reader sees: the words, case folded, without
white space, punctuation or Markdown markup (and without a link's target).
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # cydifflib has no type hints; its API is difflib's
    from difflib import SequenceMatcher

    import regex
else:
    try:
        from cydifflib import SequenceMatcher
    except ImportError:  # pragma: no cover - a Python cydifflib has no wheel for yet
        from difflib import SequenceMatcher

# Scripts written without spaces between words: Unicode's line-break classes
# for ideographs (Han, kana), small kana and the South East Asian scripts
# (Thai, Lao, Khmer, Myanmar). Their characters are one token each.
_UNSPACED = r"\p{Line_Break=ID}\p{Line_Break=CJ}\p{Line_Break=SA}"
# str.isspace() (and so str.split()) also counts the separators \x1c-\x1f.
_SPACE = r"\s\x1c-\x1f"
# A non-space token: a word (clusters starting with a letter, digit or mark of
# a spaced script), or any other cluster that is not all white space. Every
# alternative consumes whole clusters, and the parts of the text between
# matches are white space clusters only.
_CLUSTER_WORDS = rf"((?:(?=[^\W_{_UNSPACED}])\X)+|(?!(?=[{_SPACE}])\X(?<=[{_SPACE}]))\X)"
# In ASCII every character is a cluster of its own (CR LF is, but it is white
# space on both sides), and no script lacks spaces: the same tokens, about ten
# times faster with the standard library.
_ASCII_WORDS = re.compile(r"([A-Za-z0-9]+|\S)")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_WORD = r"[^\W_]"
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")

_FINE_BUDGET = 250_000
"""Largest product of the two lengths (in words) SequenceMatcher is given at once."""

_LONG = 20_000
"""Characters (of both texts) beyond which similarity is counted from the redline's alignment.

About 1,500 words each, where an exact LCS (rapidfuzz's Indel, O(N*M/64)) takes
about 0.2 ms; at 20,000 words each it would take 60 ms, 30 times the redline's alignment.
"""

_GRAMS = (4, 2, 1)
"""Lengths of the word sequences tried as anchors, longest first."""

_LOOK_AHEAD = 256
"""How far the walk through a text repeating itself looks for the next run in common."""


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


@functools.cache
def _unicode() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The grapheme-cluster patterns, compiled on first need.

    Importing ``regex`` costs as much as a tenth of a short command's start,
    and text in plain ASCII never needs it.
    """
    import regex

    return regex.compile(_CLUSTER_WORDS), regex.compile(_WORD)


def split(text: str) -> list[str]:
    """``[space, token, space, token, ..., space]``: white space (maybe empty) at even places.

    The tokens of :func:`tokens` at odd places, each white space run between
    them at the even place before it (``""`` where there is none); joined,
    they give *text*.
    """
    if text.isascii():
        return _ASCII_WORDS.split(text)
    return _unicode()[0].split(text)


def tokens(text: str) -> list[str]:
    """Split *text* into words, white space and other characters; joined, they give *text*.

    Returns:
        The tokens in order, none empty: runs of white space, words, and single
        grapheme clusters (a punctuation mark, a symbol, a Chinese character).
    """
    return [part for part in split(text) if part]


def words(text: str) -> list[str]:
    """The words a reader sees in *text*, case folded: what similarity compares.

    White space, punctuation, symbols and so Markdown markup (``#``, ``*``,
    ``_``, ``[``) are left out, and so is a link's target (``](https://...)``).
    Each character of a script written without spaces counts as a word.
    """
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    text = text.casefold()
    if text.isascii():
        return _ASCII_WORD.findall(text)
    clusters, word = _unicode()
    return [w for w in clusters.split(text)[1::2] if word.match(w)]


def whitespace_only(old: str, new: str) -> bool:
    """Whether *old* and *new* differ, but only in white space (spacing, line breaks).

    True exactly when the redline between them changes nothing but white space
    pieces: the same words, punctuation and symbols in the same order
    (``old.split() == new.split()``, except that a space carrying a combining
    mark is a character, not white space).
    """
    return old != new and split(old)[1::2] == split(new)[1::2]


def redline(old: str, new: str) -> tuple[Piece, ...]:
    """Return the word-level redline turning *old* into *new*.

    One changed word reads as one deletion and one insertion; the white space
    within a changed stretch goes with it, so that a reworded phrase reads as
    one change rather than a comb of single words. Where only the white space
    between two kept words changed, only that white space is deleted and
    inserted.

    Returns:
        Pieces, none empty, neighbours never of the same kind, a deletion
        before the insertion it pairs with: ``equal`` and ``delete`` texts join
        to *old*, ``equal`` and ``insert`` texts to *new*.
    """
    if old == new:
        return (Piece(Op.EQUAL, old),) if old else ()
    return _compare(old, new)[0]


def compare(old: str, new: str) -> tuple[float, tuple[Piece, ...]]:
    """``(similarity(old, new), redline(old, new))``, aligning long texts once for both."""
    return compare_split(old, new)[:2]


def compare_split(
    old: str, new: str
) -> tuple[float, tuple[Piece, ...], tuple[list[str], list[str]] | None]:
    """:func:`compare`, and the :func:`split` of both texts it made (None for equal texts).

    For callers that read the texts word by word after the redline
    (:func:`policypos.significance.findings`): splitting them again would
    cost as much as a tenth of the diff.
    """
    if old == new:
        return 1.0, redline(old, new), None
    pieces, kept, a, b = _compare(old, new)
    return (kept if len(old) + len(new) > _LONG else similarity(old, new)), pieces, (a, b)


def _compare(old: str, new: str) -> tuple[tuple[Piece, ...], float, list[str], list[str]]:
    """The redline, the share of non-space tokens it keeps (one more for the text), the splits."""
    a, b = split(old), split(new)
    # Words at odd places, the white space before word m at 2m and after the last at the end.
    pieces: list[Piece] = []
    i = j = kept = 0  # the next word of each text not yet in a piece; words kept
    for bi, bj, size in _align(a[1::2], b[1::2]):
        _stretch(pieces, a[2 * i : 2 * bi + 1], b[2 * j : 2 * bj + 1])
        _kept(pieces, a[2 * bi + 1 : 2 * (bi + size)], b[2 * bj + 1 : 2 * (bj + size)])
        i, j, kept = bi + size, bj + size, kept + size
    _stretch(pieces, a[2 * i :], b[2 * j :])
    merged = _lines_whole(_merge(pieces))
    return merged, 2 * kept / (len(a) // 2 + len(b) // 2 + 2), a, b


def _lines_whole(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    r"""*pieces* with each lone insertion or deletion of whole lines slid onto its line breaks.

    Adding ``- Walkabouts.`` after ``- Survey.`` aligns the two full stops,
    ``- Survey{+.\n- Walkabouts+}.``: the same texts, but the added line
    starts inside the line before, so Word's Reject All left that line
    without its stop and an empty bullet. Where the change can slide along
    the text it repeats (its start equal to what follows it, or its end to
    what precedes it) to begin at a line break or a line's start, it does:
    ``- one.\n- {+three.\n- +}two.`` becomes ``- one.\n{+- three.\n+}- two.``.
    """
    out = list(pieces)
    for at in range(1, len(out) - 1):
        before, change, after = out[at - 1], out[at], out[at + 1]
        if (
            change.op is Op.EQUAL
            or before.op is not Op.EQUAL
            or after.op is not Op.EQUAL
            or "\n" not in change.text
            or change.text.startswith("\n")
        ):
            continue
        if not before.text.endswith("\n"):
            out[at - 1 : at + 2] = _slid_to_line(before.text, change, after.text)
    return tuple(piece for piece in out if piece.text)


def _kept(pieces: list[Piece], old: list[str], new: list[str]) -> None:
    """A run of kept words, ``[word, space, ..., word]`` of each text: only spaces may differ."""
    if old == new:
        pieces.append(Piece(Op.EQUAL, "".join(old)))
        return
    start = 0
    for at in range(1, len(old), 2):
        if old[at] != new[at]:
            pieces += [
                Piece(Op.EQUAL, "".join(old[start:at])),
                Piece(Op.DELETE, old[at]),
                Piece(Op.INSERT, new[at]),
            ]
            start = at + 1
    pieces.append(Piece(Op.EQUAL, "".join(old[start:])))


def _space(pieces: list[Piece], old: str, new: str) -> None:
    """The white space between two kept words: kept, or deleted and inserted whole."""
    if old == new:
        pieces.append(Piece(Op.EQUAL, old))
    else:
        pieces += [Piece(Op.DELETE, old), Piece(Op.INSERT, new)]


def _stretch(pieces: list[Piece], old: list[str], new: list[str]) -> None:
    """A changed stretch between two kept words, as ``[space, word, ..., space]`` of each text.

    White space at either end that did not change stays outside the change.
    """
    if len(old) == 1 and len(new) == 1:
        _space(pieces, old[0], new[0])
        return
    head = tail = ""
    if old[0] == new[0]:
        head, old, new = old[0], ["", *old[1:]], ["", *new[1:]]
    # A side without words has one space, which the head may have taken: it is "" now.
    if old[-1] == new[-1]:
        tail, old, new = old[-1], [*old[:-1], ""], [*new[:-1], ""]
    pieces += [
        Piece(Op.EQUAL, head),
        Piece(Op.DELETE, "".join(old)),
        Piece(Op.INSERT, "".join(new)),
        Piece(Op.EQUAL, tail),
    ]


def _slid_to_line(before: str, change: Piece, after: str) -> list[Piece]:
    """``[kept, change, kept]`` slid as :func:`_lines_whole` says, or as they are.

    Right to a line break, or left to a line's start, as far as the text
    repeats; unmoved where it does not reach one.
    """
    text = change.text
    for step in range(1, min(len(text), len(after) + 1)):  # right, while the text repeats
        if text[step - 1] != after[step - 1]:
            break
        if text[step] == "\n":
            moved = text[:step]
            return [
                Piece(Op.EQUAL, before + moved),
                Piece(change.op, text[step:] + moved),
                Piece(Op.EQUAL, after[step:]),
            ]
    for step in range(1, min(len(text), len(before) + 1)):  # left, to start a line
        if text[-step] != before[-step]:
            break
        if before[:-step].endswith("\n"):
            moved = text[-step:]
            return [
                Piece(Op.EQUAL, before[:-step]),
                Piece(change.op, moved + text[:-step]),
                Piece(Op.EQUAL, moved + after),
            ]
    return [Piece(Op.EQUAL, before), change, Piece(Op.EQUAL, after)]


def _merge(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """Drop empty pieces, join neighbours of a kind, deletions before insertions in each change."""
    out: list[Piece] = []
    run: dict[Op, list[str]] = {Op.EQUAL: [], Op.DELETE: [], Op.INSERT: []}

    def flush(ops: tuple[Op, ...]) -> None:
        for op in ops:
            if run[op]:
                out.append(Piece(op, "".join(run[op])))
                run[op] = []

    for piece in pieces:
        if piece.text:
            flush((Op.DELETE, Op.INSERT) if piece.op is Op.EQUAL else (Op.EQUAL,))
            run[piece.op].append(piece.text)
    flush((Op.EQUAL, Op.DELETE, Op.INSERT))
    return tuple(out)


def part_source(whole: str, part: str) -> str:
    """The stretch of *whole* that *part* was split out of (or merged into), as written.

    *whole* is redlined against *part* and the deleted runs at either end
    dropped (:func:`excerpt`); then whole clauses (ending at ``.``, ``;``,
    ``:``, ``!``, ``?`` or a line break) are dropped from either end of the
    stretch while that makes it more like *part* (:func:`similarity`): the
    redline may have matched a word of the part (``Probation``) to the same
    word in a sentence of the whole before the one the part came from.
    A stretch longer than :data:`_LONG` characters (with the part) is scored
    by the longest common subsequence of its words and the part's, the
    measure :func:`similarity` uses for shorter texts, so that the trimming
    takes linear time (see :func:`_clause_scores`).

    Returns:
        A substring of *whole*; ``""`` when the two share no word.
    """
    return old_text(_stretch_redline(whole, part.strip()))


def part_redline(whole: str, part: str) -> tuple[Piece, ...]:
    """The redline from :func:`part_source` (*whole*, *part*) to *part*.

    A split part's ``source_redline`` is ``part_redline(old_whole, part)``;
    a merge part's is its mirror (deletions and insertions swapped), from
    the part to the stretch of the new whole: :func:`inverse` of
    ``part_redline(new_whole, part)``.

    White space at the part's ends is kept (equal), never inserted: a
    statement's text ends with the line break of its YAML block, a stretch
    cut from the middle of another has none, and a sentence carried word for
    word is not a change. Its new side is *part* exactly.
    """
    core = part.strip()
    if not core:
        return _stretch_redline(whole, part)
    start = part.index(core[0])
    return _merge(
        (
            Piece(Op.EQUAL, part[:start]),
            *_stretch_redline(whole, core),
            Piece(Op.EQUAL, part[start + len(core) :]),
        )
    )


def _stretch_redline(whole: str, part: str) -> tuple[Piece, ...]:
    """The redline from the stretch of *whole* that *part* came from to *part*."""
    pieces = excerpt(redline(whole, part), Op.DELETE)
    stretch = old_text(pieces)
    # A comma ends a clause here too: "A, and b" cut into "A." and "B" leaves
    # the part's stretch "and b", not the whole sentence.
    cuts = [m.end() for m in _PART_CUT.finditer(stretch.rstrip())]
    if not cuts:  # one clause: nothing to trim, and the excerpt is its redline
        return pieces
    clauses = [stretch[a:b] for a, b in zip([0, *cuts], [*cuts, len(stretch)], strict=True)]
    first, last = _trimmed(clauses, _clause_scores(clauses, part))
    if last - first == len(clauses):
        return pieces
    kept = "".join(clauses[first:last]).strip()
    # The word that joined a clause to the one dropped before it ("and",
    # "but") stayed in the whole, unless the part begins with it too.
    joiner = _JOINER.match(kept)
    if joiner and not part.lstrip().casefold().startswith(joiner.group(1).casefold()):
        kept = kept[joiner.end() :]
    return redline(kept, part)


_Score = Callable[[int, int, str], float]
"""How like the part ``clauses[first:last]`` is, joined and stripped at ``start`` or ``end``."""


def _trimmed(clauses: Sequence[str], score: _Score) -> tuple[int, int]:
    """Which *clauses* to keep, ``clauses[first:last]``.

    Whole clauses are dropped from the start, then from the end, one at a
    time while that makes the rest more like the part (by *score*).
    """
    first, last = 0, len(clauses)
    best = score(first, last, "")
    while last - first > 1:
        found = score(first + 1, last, "start")
        if found <= best:
            break
        first, best = first + 1, found
    while last - first > 1:
        found = score(first, last - 1, "end")
        if found <= best:
            break
        last, best = last - 1, found
    return first, last


def _clause_scores(clauses: Sequence[str], part: str) -> _Score:
    """:func:`similarity` of *part* and runs of *clauses*, in linear time overall.

    A run short enough for :func:`similarity`'s exact count (at most
    :data:`_LONG` characters with the part) is scored by it. A longer one
    would be redlined afresh for each clause dropped, quadratic in the
    stretch's length; it is scored instead from the longest common
    subsequence of its words and the part's (the Indel similarity
    :func:`similarity` gives shorter texts), counted for every run the
    trimming can ask for in two passes (:func:`_lcs_each`).
    """
    ends = list(itertools.accumulate(map(len, clauses), initial=0))
    split: list[list[str]] = []  # each clause's words, counted on first need
    starts: list[int] = []  # where each clause's words start among the run's
    theirs = words(part)
    tables: dict[int, list[int]] = {}  # LCS with the part's words, by the run's first clause

    @functools.cache
    def counted() -> bool:
        """Count the clauses' words; False if they are not the stretch's words."""
        split[:] = [words(clause) for clause in clauses]
        starts[:] = itertools.accumulate(map(len, split), initial=0)
        # words() drops a link's target whole, and its title may hold a clause's
        # end: then the clauses' words are not the stretch's.
        return list(itertools.chain.from_iterable(split)) == words("".join(clauses))

    def text(first: int, last: int, strip: str) -> str:
        joined = "".join(clauses[first:last])
        return joined.lstrip() if strip == "start" else joined.rstrip() if strip else joined

    def length(first: int, last: int, strip: str) -> int:
        """``len(text(first, last, strip))``, without joining the clauses."""
        size = ends[last] - ends[first]
        if not strip:
            return size
        for at in range(first, last) if strip == "start" else reversed(range(first, last)):
            clause = clauses[at]
            space = len(clause) - len(clause.lstrip() if strip == "start" else clause.rstrip())
            size -= space
            if space < len(clause):  # the run's white space ends in this clause
                break
        return size

    def common(first: int, last: int) -> int:
        if last == len(clauses):  # the runs trimmed from the start: one pass backwards
            if -1 not in tables:
                backwards = (split[k][::-1] for k in range(len(clauses) - 1, -1, -1))
                tables[-1] = [*_lcs_each(backwards, theirs[::-1])[::-1], 0]
            return tables[-1][first]
        if first not in tables:  # the runs trimmed from the end
            tables[first] = [0, *_lcs_each(split[first:], theirs)]
        return tables[first][last - first]

    def score(first: int, last: int, strip: str) -> float:
        if length(first, last, strip) + len(part) <= _LONG or not counted():
            return similarity(text(first, last, strip), part)
        size = starts[last] - starts[first]
        if size == len(theirs) and text(first, last, strip) == part:
            return 1.0
        total = size + len(theirs) + 2  # each side's words and its whole text, not alike
        return 1.0 - (total - 2 * common(first, last)) / total

    return score


def _lcs_each(runs: Iterable[Sequence[str]], other: Sequence[str]) -> list[int]:
    """For each k, the length of the longest common subsequence of *other* and runs 0 to k.

    Bit-parallel (Hyyrö's algorithm): one pass, a few operations on integers
    of ``len(other)`` bits for each element of the runs.
    """
    masks: dict[str, int] = {}
    for at, word in enumerate(other):
        masks[word] = masks.get(word, 0) | 1 << at
    full = (1 << len(other)) - 1
    row, out = full, []
    for run in runs:
        for word in run:
            match = row & masks.get(word, 0)
            if match:
                row = ((row + match) | (row - match)) & full
        out.append(len(other) - row.bit_count())
    return out


def inverse(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """The redline from the new text back to the old: deletions and insertions swapped."""
    swap = {Op.EQUAL: Op.EQUAL, Op.DELETE: Op.INSERT, Op.INSERT: Op.DELETE}
    return _merge(Piece(swap[p.op], p.text) for p in pieces)


def excerpt(pieces: Sequence[Piece], drop: Op) -> tuple[Piece, ...]:
    """The part of a redline between its first and last piece not of op *drop*.

    A split part is redlined against the whole it came from
    (``redline(whole, part)``): the deleted runs at either end are words of
    the whole the part never had, and what is left is the redline from the
    stretch of the whole the part came from to the part. The mirror, for a
    merge part, is ``excerpt(redline(part, whole), Op.INSERT)``: the part
    against the stretch of the whole it went into.

    Where the kept run starts with a change of the other kind right after a
    dropped run (the part's first words were reworded: ``The council should``
    for ``Councils should``), the dropped run's last clause (from its last
    ``.``, ``;``, ``:``, ``!``, ``?`` or line break) is kept too, so that
    the rewording is read as one; the same for the first clause of a dropped
    run at the end.

    Args:
        pieces: a redline (:func:`redline`).
        drop: :attr:`Op.DELETE` or :attr:`Op.INSERT`, the side to trim.

    Returns:
        A redline (deletions before insertions in each change, as
        :func:`redline` gives them); empty when every piece is of op *drop*.
    """
    pieces = _slid(list(pieces), drop)
    kept = [k for k, p in enumerate(pieces) if p.op is not drop]
    if not kept:
        return ()
    first, last = kept[0], kept[-1]
    out = list(pieces[first : last + 1])
    if first > 0 and out[0].op is not Op.EQUAL:
        text = pieces[first - 1].text
        ends = [m.end() for m in _CLAUSE_END.finditer(text.rstrip())]
        tail = text[ends[-1] :].lstrip() if ends else text
        out.insert(0, Piece(drop, tail))
    if last < len(pieces) - 1 and out[-1].op is not Op.EQUAL:
        text = pieces[last + 1].text
        found = _CLAUSE_END.search(text.lstrip())
        head = text[: len(text) - len(text.lstrip()) + found.start() + 1] if found else text
        out.append(Piece(drop, head))
    return _merge(out)


def _slid(pieces: list[Piece], drop: Op) -> list[Piece]:
    """*pieces* with a run of op *drop* slid to the very end (or start) where the text allows.

    ``equal "days", delete ". Families matter", equal "."`` reads the same
    as ``equal "days.", delete " Families matter."``: the full stop the part
    kept is its own, and the dropped run is then the last piece, to trim.
    """
    if len(pieces) >= 2:
        run, end = pieces[-2], pieces[-1]
        if run.op is drop and end.op is Op.EQUAL and run.text.startswith(end.text):
            rest = run.text[len(end.text) :]
            pieces[-2:] = [end, Piece(drop, rest + end.text)]
        start, run = pieces[0], pieces[1]
        if run.op is drop and start.op is Op.EQUAL and run.text.endswith(start.text):
            rest = run.text[: len(run.text) - len(start.text)]
            pieces[:2] = [Piece(drop, start.text + rest), start]
    return pieces


_CLAUSE_END = re.compile(r"[.;:!?](?=\s)|\n")

_PART_CUT = re.compile(r"[.;:!?,](?=\s)|\n")
"""Where a part's stretch may be cut back (:func:`part_redline`): a clause end or a comma."""

_JOINER = re.compile(r"(and|but|or|also|then|while|whilst)\s+")
"""A joining word first in a stretch cut back after a comma, left out of the stretch."""
"""Where a clause ends within a run of words: a stop before white space, or a line break."""


# A Markdown link or image, inline (``[words](address "title")``), with the
# place its address starts (group "address": from the "(" to the closing ")"),
# or an autolink (``<https://...>``), whose words are its address.
@functools.cache
def _links_pattern() -> re.Pattern[str]:
    """Compiled on first need: importing the module costs no time for it."""
    return re.compile(
        r"""!?\[(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*\]
        (?P<address>\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)
          (?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\))
        |(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>)""",
        re.X,
    )


def whole_links(pieces: Sequence[Piece]) -> tuple[Piece, ...]:
    """*pieces* with every change that cuts a link's address widened to the whole link.

    A Markdown link shows its words, not its address: a change to the address
    alone (``[guidance](https://a)`` to ``[guidance](https://b)``), or to its
    title, rendered inside the link, is no mark a reader sees, and a change
    cut into an address leaves an address no renderer can follow. So the old
    link is deleted whole and the new one inserted whole, as any reworded
    words are; an autolink (``<https://a>``) likewise. A change to a link's
    words only is left as it is (it shows). The old and new texts are
    unchanged: :func:`old_text` and :func:`new_text` give the same.

    Returns:
        Pieces as :func:`redline` gives them: none empty, neighbours never of
        the same kind, a deletion before the insertion it pairs with.
    """
    if not any(p.op is not Op.EQUAL for p in pieces) or not any(
        "](" in p.text or "<" in p.text for p in pieces
    ):
        return tuple(pieces)
    old_cut = _cut_links(pieces, Op.DELETE)
    new_cut = _cut_links(pieces, Op.INSERT)
    if not old_cut and not new_cut:
        return tuple(pieces)
    # Character by character: an equal one inside a cut link is deleted and
    # inserted again; the runs are then gathered, deletions first.
    ops: list[tuple[Op, str]] = []
    at_old = at_new = 0
    for piece in pieces:
        for char in piece.text:
            if piece.op is Op.DELETE:
                ops.append((Op.DELETE, char))
                at_old += 1
            elif piece.op is Op.INSERT:
                ops.append((Op.INSERT, char))
                at_new += 1
            else:
                if at_old in old_cut or at_new in new_cut:
                    ops += [(Op.DELETE, char), (Op.INSERT, char)]
                else:
                    ops.append((Op.EQUAL, char))
                at_old, at_new = at_old + 1, at_new + 1
    out: list[Piece] = []
    deleted: list[str] = []
    inserted: list[str] = []
    kept: list[str] = []
    for op, char in [*ops, (Op.EQUAL, "")]:
        if op is Op.EQUAL:
            if deleted or inserted:
                out += [
                    Piece(o, "".join(t))
                    for o, t in ((Op.DELETE, deleted), (Op.INSERT, inserted))
                    if t
                ]
                deleted, inserted = [], []
            kept.append(char)
            continue
        if kept and "".join(kept):
            out.append(Piece(Op.EQUAL, "".join(kept)))
        kept = []
        (deleted if op is Op.DELETE else inserted).append(char)
    if "".join(kept):
        out.append(Piece(Op.EQUAL, "".join(kept)))
    return tuple(out)


@attrs.frozen
class LinkChange:
    """A link whose address alone changed: the words it shows are the same on both sides."""

    words: str
    """The words the link shows (an autolink's: its address as written)."""
    old: str
    """The old address, as written."""
    new: str
    """The new address, as written."""
    pieces: tuple[int, ...]
    """The indices of the changed pieces inside the two addresses."""


def link_changes(pieces: Sequence[Piece]) -> tuple[LinkChange, ...]:
    """The links of a redline whose address changed while the words they show did not.

    ``[the note](https://a.example/x)`` to ``[the note](https://b.example/y)``
    changes no word a reader sees: the change is where the link goes. A
    changed piece counts when it lies inside the old link's address on the
    old side and inside the new link's on the new side; the other changes
    are left to the words' rules, and so are links whose words changed too
    (an autolink's words are its address: it counts whenever its address
    changed).
    """
    if not any("](" in p.text or "<" in p.text for p in pieces):
        return ()
    old_links = _addresses(old_text(pieces))
    new_links = _addresses(new_text(pieces))
    if not old_links or not new_links:
        return ()
    found: dict[tuple[int, int], list[int]] = {}
    at_old = at_new = 0
    for index, piece in enumerate(pieces):
        size = len(piece.text)
        if piece.op is not Op.EQUAL:
            # On the side where a piece takes no room, its place (the address's
            # ends included) must be in the address; on its own side, all of it.
            old_end = at_old + (size if piece.op is Op.DELETE else 0)
            new_end = at_new + (size if piece.op is Op.INSERT else 0)
            before = _address_at(old_links, at_old, old_end)
            after = _address_at(new_links, at_new, new_end)
            if before is not None and after is not None:
                found.setdefault((before, after), []).append(index)
        at_old += 0 if piece.op is Op.INSERT else size
        at_new += 0 if piece.op is Op.DELETE else size
    out = []
    for (before, after), indices in found.items():
        (_, _, old_words, old_address), (_, _, new_words, new_address) = (
            old_links[before],
            new_links[after],
        )
        autolink = old_words == old_address and new_words == new_address
        if (old_words == new_words or autolink) and old_address != new_address:
            out.append(LinkChange(old_words, old_address, new_address, tuple(indices)))
    return tuple(out)


def _addresses(text: str) -> list[tuple[int, int, str, str]]:
    """Each link of *text*: where its address starts and ends, its words, and its address."""
    out = []
    for link in _links_pattern().finditer(text):
        if link.group("address"):
            start, end = link.span("address")
            words = text[link.start() : start]
            words = words[words.index("[") + 1 : -1]
            address = text[start + 1 : end - 1].strip()
            out.append((start + 1, end - 1, words, address.strip("<>")))
        else:
            start, end = link.span("autolink")
            address = text[start + 1 : end - 1]
            out.append((start + 1, end - 1, address, address))
    return out


def _address_at(links: list[tuple[int, int, str, str]], start: int, end: int) -> int | None:
    """The index of the link whose address holds *start* to *end* (empty: a place in it)."""
    for index, (first, last, _, _) in enumerate(links):
        if first <= start and end <= last:
            return index
    return None


def _cut_links(pieces: Sequence[Piece], side: Op) -> set[int]:
    """The places (in the old text for DELETE, the new for INSERT) of every link a change cuts.

    A link is cut when a change on *side* overlaps its address, or a change
    on the other side (which takes no room in this text) falls inside it.
    """
    text = old_text(pieces) if side is Op.DELETE else new_text(pieces)
    spans: list[tuple[int, int]] = []  # the changes, as places in this text
    at = 0
    for piece in pieces:
        if piece.op is Op.EQUAL or piece.op is side:
            if piece.op is side:
                spans.append((at, at + len(piece.text)))
            at += len(piece.text)
        else:
            spans.append((at, at))
    cut: set[int] = set()
    for link in _links_pattern().finditer(text):
        start = link.start("address") if link.group("address") else link.start()
        end = link.end()
        if any((a < end and b > start) if a != b else start < a < end for a, b in spans):
            cut.update(range(link.start(), end))
    return cut


def old_text(pieces: Iterable[Piece]) -> str:
    """Rebuild the old text from a redline."""
    return "".join(p.text for p in pieces if p.op is not Op.INSERT)


def new_text(pieces: Iterable[Piece]) -> str:
    """Rebuild the new text from a redline."""
    return "".join(p.text for p in pieces if p.op is not Op.DELETE)


def similarity_key(text: str) -> list[str]:
    r"""What :func:`similarity` compares: :func:`words`, then the whole text as one more token.

    The last token matches only an identical text, so texts that differ in
    nothing a reader would call a word (spacing, punctuation, markup, case)
    still score below 1: ``n / (n + 1)`` for *n* words. It is the text with
    two NULs after it: rapidfuzz compares a one-character string by its code
    point and a longer one by its hash, and ``hash("")`` is 0, the code point
    of NUL, so the empty text and ``"\x00"`` would score 1.
    """
    return [*words(text), text + "\x00\x00"]


def similarity(old: str, new: str) -> float:
    """How alike two texts are, from 0 to 1; 1 exactly when they are identical.

    The Indel (longest common subsequence) similarity of their
    :func:`similarity_key`: the words a reader sees, case folded, plus one
    token for the exact text. Texts longer than :data:`_LONG` characters
    together are scored from their redline instead, which keeps the time
    linear: its kept tokens (words and punctuation as written, a subsequence
    in common but not always the longest) over all, again with one token for
    the text.
    """
    if old == new:
        return 1.0
    if len(old) + len(new) > _LONG:
        return _compare(old, new)[1]
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(similarity_key(old), similarity_key(new)))


# --- alignment ------------------------------------------------------------------------


def _align(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    """Matching blocks ``(i, j, size)``: ``a[i:i + size] == b[j:j + size]``, in order.

    Short sequences get SequenceMatcher's blocks (no junk, so every stretch
    left between two blocks has no element in common). Long ones are first
    anchored on element sequences that occur once in each (patience diff), and
    SequenceMatcher runs between the anchors.
    """
    head = 0
    end = min(len(a), len(b))
    while head < end and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < end - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    blocks = [(0, 0, head)] if head else []
    blocks += _middle(a, b, head, len(a) - tail, head, len(b) - tail)
    if tail:
        blocks.append((len(a) - tail, len(b) - tail, tail))
    return blocks


def _middle(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int, int]]:
    """Matching blocks of ``a[alo:ahi]`` and ``b[blo:bhi]``, in absolute positions."""
    blocks: list[tuple[int, int, int]] = []
    todo = [(alo, ahi, blo, bhi)]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= _FINE_BUDGET:
            if ahi - alo > 1 or bhi - blo > 1:  # one word for one: changed, as anchors grow
                blocks += _fine(a, b, alo, ahi, blo, bhi)
            continue
        anchored = _anchors(a, b, alo, ahi, blo, bhi)
        if not anchored:
            continue  # nothing at all in common: replaced whole
        blocks += anchored
        ends = [(alo, blo), *((i + n, j + n) for i, j, n in anchored)]
        starts = [*((i, j) for i, j, _ in anchored), (ahi, bhi)]
        todo += [(i1, i2, j1, j2) for (i1, j1), (i2, j2) in zip(ends, starts, strict=True)]
    return sorted(blocks)


def _fine(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int, int]]:
    # No junk: treating white space or common words as junk is faster but lets
    # the matcher anchor on filler words ("the", "should"), which reads worse.
    matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    return [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int, int]]:
    """Blocks grown from anchors: runs of *k* elements found in both ranges, longest *k* first.

    Runs found once in each range are preferred, and of those the longest
    chain in the same order in both (patience sorting). A range with no such
    run (a text repeating itself) is walked instead, each run of the old text
    taken at its next place in the new one.
    """
    for find in (_unique_runs, _next_runs):
        for k in _GRAMS:
            pairs = find(a, b, alo, ahi, blo, bhi, k)
            if pairs:
                return _grow(a, b, ahi, bhi, pairs, k, alo, blo)
    return []


def _runs(seq: Sequence[Hashable], lo: int, hi: int, k: int) -> list[Hashable]:
    """Each run of *k* elements of ``seq[lo:hi]``, by where it starts (less ``lo``)."""
    part = seq[lo:hi]
    return list(zip(*(part[t:] for t in range(k)), strict=False)) if k > 1 else list(part)


def _unique_runs(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int, k: int
) -> list[tuple[int, int]]:
    """Where runs found once in each range stand, in the longest chain in order in both.

    Only the old range's runs at every *k*-th place are looked up: they tile it,
    so every unchanged stretch of at least ``2k - 1`` elements holds one, and
    the Python-level work is a *k*-th of the elements (counting is in C).
    """
    runs_a, runs_b = _runs(a, alo, ahi, k), _runs(b, blo, bhi, k)
    count_a, count_b = Counter(runs_a), Counter(runs_b)
    where_b = dict(zip(runs_b, range(blo, blo + len(runs_b)), strict=True))
    pairs = [
        (alo + at, where_b[run])
        for at in range(0, len(runs_a), k)
        if count_a[run := runs_a[at]] == 1 and count_b.get(run) == 1
    ]
    return _increasing(pairs)


def _next_runs(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int, k: int
) -> list[tuple[int, int]]:
    """Runs of the old range matched to their next place in the new one, walking both once.

    Where the walk must skip, it skips the least in both texts together,
    looking at most :data:`_LOOK_AHEAD` runs ahead in the old one.
    """
    places: dict[Hashable, list[int]] = {}
    for at, run in enumerate(_runs(b, blo, bhi, k)):
        places.setdefault(run, []).append(at)
    runs_a = _runs(a, alo, ahi, k)
    pairs = []
    i = j = 0
    while i < len(runs_a):
        best: tuple[int, int, int] | None = None  # (skipped, i, j)
        for ahead in range(i, min(i + _LOOK_AHEAD, len(runs_a))):
            if best is not None and ahead - i >= best[0]:
                break
            found = places.get(runs_a[ahead], ())
            at = bisect.bisect_left(found, j)
            if at < len(found) and (best is None or ahead - i + found[at] - j < best[0]):
                best = (ahead - i + found[at] - j, ahead, found[at])
        if best is None:
            break
        pairs.append((alo + best[1], blo + best[2]))
        i, j = best[1] + k, best[2] + k
    return pairs


def _grow(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    ahi: int,
    bhi: int,
    pairs: list[tuple[int, int]],
    k: int,
    a_end: int,
    b_end: int,
) -> list[tuple[int, int, int]]:
    """Blocks from anchors (*pairs* of starts of equal runs of *k*, increasing in both).

    Anchors that follow each other make one block; an anchor the block before
    overlaps is cut short or dropped. Each block is then grown while its
    neighbours match, which compares only the few elements next to a change.
    """
    blocks: list[list[int]] = []
    a_start, b_start = a_end, b_end
    for i, j in pairs:
        skip = max(a_end - i, b_end - j, 0)
        if skip >= k:
            continue
        if blocks and skip == 0 and i == a_end and j == b_end:
            blocks[-1][2] += k
        else:
            blocks.append([i + skip, j + skip, k - skip])
        a_end, b_end = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
    a_end, b_end = a_start, b_start
    for n, block in enumerate(blocks):
        i, j, size = block
        while i > a_end and j > b_end and a[i - 1] == b[j - 1]:
            i, j, size = i - 1, j - 1, size + 1
        a_stop, b_stop = (blocks[n + 1][0], blocks[n + 1][1]) if n + 1 < len(blocks) else (ahi, bhi)
        while i + size < a_stop and j + size < b_stop and a[i + size] == b[j + size]:
            size += 1
        block[:] = i, j, size
        a_end, b_end = i + size, j + size
    return [(i, j, size) for i, j, size in blocks]


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of *pairs* (sorted by first item) whose second items increase."""
    seconds = [j for _, j in pairs]
    if seconds == sorted(seconds):  # nothing moved, as usual: no search (sorting sorted is linear)
        return pairs
    tops: list[int] = []  # second item ending the best chain of each length
    ends: list[int] = []  # index into pairs of that chain's last pair
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tops, j)
        back[n] = ends[at - 1] if at else -1
        if at == len(tops):
            tops.append(j)
            ends.append(n)
        else:
            tops[at], ends[at] = j, n
    chain = []
    n = ends[-1] if ends else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]
