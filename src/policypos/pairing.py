"""Which statements and sections of two versions are one: by id, by text, by their parts.

1. Statements are paired by id, wherever they stand. The statements left over
   are paired by text similarity (:func:`policypos.redline.similarity`), best
   pair first, never below :data:`STATEMENT_THRESHOLD`; ties go to the earlier
   statements, so the result does not depend on anything but the two versions.
   Among what is left, splits and merges are found (:func:`_find_parts`):
   an added statement whose words mostly come from an old statement's lost
   text is marked ``split_from`` it, and a removed statement whose words went
   into a new statement ``merged_into`` it.
2. Sections are paired by id; the sections left over by the share of their
   statements that were paired with each other (at least
   :data:`SECTION_THRESHOLD`, as a Dice coefficient), then by equal title.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

import attrs

from policypos.model import Statement, Version
from policypos.redline import Piece, compare_split, similarity, similarity_key, tokens

STATEMENT_THRESHOLD = 0.6
"""Least token similarity at which two statements with different ids are taken as one."""

SECTION_THRESHOLD = 0.5
"""Least share of paired statements (a Dice coefficient) for two differently named sections."""

PART_THRESHOLD = 0.7
"""Least share of a statement's words found, in order, in another for a split or merge part."""

PART_REWORDED_THRESHOLD = 0.45
"""Least share of a part's words found, in order, in a whole that is still there, when the
stretch of the whole they match has left it (:data:`PART_LEFT`): a part reworded on its way.
The same share of the stretch's words must be found, in order, in the part: each is a
rewording of the other, not a short sentence sharing a long one's opening."""

PART_LEFT = 0.6
"""Least share of that stretch's words no longer found, in order, in what the whole became."""

PART_MIN_WORDS = 5
"""Fewest words (and punctuation marks) a statement needs to count as a split or merge part."""


@attrs.frozen
class Pair:
    """Two statements taken as one, how they were paired, and the redline between them."""

    old: Statement
    new: Statement
    by_text: bool
    score: float
    redline: tuple[Piece, ...]
    split: tuple[list[str], list[str]] | None = attrs.field(default=None, eq=False, repr=False)
    """Both texts as :func:`policypos.redline.split` gave them to the redline (None if equal)."""


def _pair(old: Statement, new: Statement, by_text: bool) -> Pair:
    return Pair(old, new, by_text, *compare_split(old.text, new.text))


@attrs.frozen
class Pairing:
    """Which statements are one, keyed by new id; and the parts of splits and merges."""

    pairs: dict[str, Pair]
    split_from: dict[str, str]  # added new id -> old id
    merged_into: dict[str, str]  # removed old id -> new id
    paired_old: frozenset[str] = attrs.field(init=False)

    @paired_old.default
    def _paired_old(self) -> frozenset[str]:
        return frozenset(p.old.id for p in self.pairs.values())


def pair_statements(old: Version, new: Version) -> Pairing:
    """Pair the statements of *old* and *new*: by id, then by text, then as splits and merges."""
    old_by_id = {s.id: s for _, s in old.statements()}
    pairs: dict[str, Pair] = {}
    new_left: list[Statement] = []
    moved_id = {n: old_by_id.pop(o) for n, o in _renumbered(old, new).items()}
    for _, statement in new.statements():
        was = moved_id.get(statement.id)
        before = was if was is not None else old_by_id.pop(statement.id, None)
        if before is None:
            new_left.append(statement)
        else:
            pairs[statement.id] = _pair(before, statement, was is not None)
    old_left = list(old_by_id.values())
    for i, j in _best_matches(
        [s.text for s in old_left], [s.text for s in new_left], STATEMENT_THRESHOLD
    ):
        pairs[new_left[j].id] = _pair(old_left[i], new_left[j], True)
    return _find_parts(old, new, pairs)


def _renumbered(old: Version, new: Version) -> dict[str, str]:
    """New id -> old id for statements whose text stayed word for word under another id.

    Ids are meant to stay, but an officer inserting a paragraph may renumber
    those after it (``ee-1`` .. ``ee-4`` become ``ee-2`` .. ``ee-5``); pairing
    by id would then call every one of them reworded, with invented
    findings. A text found once in each version (white space aside) is the
    same statement; a text held twice is left to the ids.

    The ids still win where they pair texts alike (at least
    :data:`STATEMENT_THRESHOLD`): ``acc-1`` ``28 working days`` -> ``28
    days`` and ``ee-1`` ``28 days`` -> ``14 days`` are two deadlines
    shortened, not ``ee-1``'s words moved to ``acc-1``, though ``acc-1`` now
    reads as ``ee-1`` did.
    """
    old_once = held_once(old)
    old_text = {s.id: s.text for _, s in old.statements()}
    new_text = {s.id: s.text for _, s in new.statements()}

    def weak(old_id: str, new_id: str) -> bool:  # no id pair of like texts stands in the way
        return all(
            pair is None or similarity(*pair) < STATEMENT_THRESHOLD
            for pair in (
                (old_text[new_id], new_text[new_id]) if new_id in old_text else None,
                (old_text[old_id], new_text[old_id]) if old_id in new_text else None,
            )
        )

    return {
        new_id: old_id
        for text, new_id in held_once(new).items()
        if (old_id := old_once.get(text)) is not None and old_id != new_id and weak(old_id, new_id)
    }


def same_text_key(text: str) -> str:
    """*text* with its white space runs made one space: texts with equal keys are the same words."""
    return " ".join(text.split())


def held_once(version: Version) -> dict[str, str]:
    """:func:`same_text_key` -> statement id, for each text *version* holds exactly once.

    The notion of "the same text" that pairs renumbered statements, and that
    :func:`policypos.history.history` uses for a text that comes back after a
    gap under a new id: word for word, white space aside, and not held twice.
    """
    seen: dict[str, str | None] = {}
    for _, statement in version.statements():
        k = same_text_key(statement.text)
        seen[k] = None if k in seen else statement.id
    return {k: i for k, i in seen.items() if i is not None}


def _best_matches(
    old: Sequence[str], new: Sequence[str], threshold: float
) -> list[tuple[int, int]]:
    """Pair old texts with new ones, best first, each once, never below *threshold*."""
    if not old or not new:
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    # Codes of similarity()'s own key, so that the scores here are similarity()'s.
    encode = _encoder(similarity_key)
    old_codes, new_codes = [encode(t) for t in old], [encode(t) for t in new]
    candidates = sorted(
        (-score, i, j)
        for i, before in enumerate(old_codes)
        for _, score, j in process.extract(
            before,
            new_codes,
            scorer=Indel.normalized_similarity,
            score_cutoff=threshold,
            limit=None,
        )
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen = []
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            chosen.append((i, j))
    return chosen


def _words(text: str) -> list[str]:
    """Words and punctuation marks, case folded: what a split or merge carries over.

    The redline's tokens, so that each character of Chinese or Thai counts, as it does there.
    """
    return [token for token in tokens(text.casefold()) if not token.isspace()]


class _Codes(dict[str, str]):
    """Token -> one character, handed out as tokens are first seen."""

    def __missing__(self, token: str) -> str:
        # Past the last code point codes repeat: that can only make unequal
        # texts look a little more alike, and reported similarities are
        # computed from the texts themselves.
        code = self[token] = chr(0x10000 + len(self) % 0xF0000)
        return code


def _encoder(split: Callable[[str], list[str]]) -> Callable[[str], str]:
    """Give each distinct token one character, so that rapidfuzz compares words at C speed."""
    codes = _Codes()
    cache: dict[str, str] = {}

    def encode(text: str) -> str:
        found = cache.get(text)
        if found is None:
            found = cache[text] = "".join(map(codes.__getitem__, split(text)))
        return found

    return encode


def _find_parts(old: Version, new: Version, pairs: dict[str, Pair]) -> Pairing:
    """Find splits and merges among the statements pairing left over.

    A split part is an added statement whose words are found (at least
    :data:`PART_THRESHOLD` of them, in order) in an old statement, but not in
    what that statement became: so a copy of text that stayed is no split. A
    merge part is the mirror image: a removed statement found in a new
    statement but not in what it was. An unpaired statement with two or more
    parts is paired with the largest, so that a statement cut in two still
    reads as modified, but only if the two are alike enough to be paired by
    text (:data:`STATEMENT_THRESHOLD`): otherwise the largest is one more part.
    """
    encode = _encoder(_words)
    became = {p.old.id: p.new.text for p in pairs.values()}
    split = _match_parts(
        [s for _, s in new.statements() if s.id not in pairs],
        _wholes(old, became),
        encode,
    )
    split_from = _pair_largest(split, pairs, old_side=False)
    was = {p.new.id: p.old.text for p in pairs.values()}
    paired_old = {p.old.id for p in pairs.values()}
    merged = _match_parts(
        [s for _, s in old.statements() if s.id not in paired_old],
        _wholes(new, was),
        encode,
    )
    merged_into = _pair_largest(merged, pairs, old_side=True)
    return Pairing(pairs, split_from, merged_into)


def _pair_largest(found: _Parts, pairs: dict[str, Pair], *, old_side: bool) -> dict[str, str]:
    """Pair each unpaired whole with its largest part, if alike enough; return all parts.

    The parts of a split are new statements (the whole is old); with
    *old_side*, those of a merge are old ones. A largest part under
    :data:`STATEMENT_THRESHOLD` is not the same statement: it stays one more part.
    """
    parts = dict(found.parts)
    for whole, part in found.pairs:
        old, new = (part, whole) if old_side else (whole, part)
        pair = _pair(old, new, True)
        if pair.score >= STATEMENT_THRESHOLD:
            pairs[new.id] = pair
        else:
            parts[part.id] = whole.id
    return parts


def _wholes(version: Version, counterpart: dict[str, str]) -> list[tuple[Statement, str | None]]:
    """The statements of *version* that parts may come from or go into, in the version's order.

    Each comes with its counterpart's text in the other version, or ``None``
    if it has none; statements whose text did not change hold no parts. A
    split part may be a merge's whole as well, and a merge part a split's
    whole: one statement's words can go into one place and come from another.
    """
    wholes: list[tuple[Statement, str | None]] = []
    for _, statement in version.statements():
        other = counterpart.get(statement.id)
        if other != statement.text:
            wholes.append((statement, other))
    return wholes


@attrs.frozen
class _Parts:
    parts: dict[str, str]  # part id -> whole id
    pairs: list[tuple[Statement, Statement]]  # (unpaired whole, its largest part)


def _match_parts(
    parts: Sequence[Statement],
    wholes: Sequence[tuple[Statement, str | None]],
    encode: Callable[[str], str],
) -> _Parts:
    """Match each of *parts* to the whole that holds most of its words.

    *wholes* are (statement, the text of its counterpart in the other version,
    or ``None`` if it is unpaired); a part found in that text as well is left.
    A part whose best whole is unpaired and holds no other part is no piece
    of it (one piece is an edit, not a split) and goes on to its next best.
    """
    if not parts or not wholes:
        return _Parts({}, [])
    texts = [encode(whole.text) for whole, _ in wholes]
    # Codes folded to one byte compare about five times faster, and folding can
    # only make texts look more alike: so they find the candidates, and the
    # exact codes decide.
    folded = [_fold(t) for t in texts]
    options = {
        order: _wholes_of(part.text, wholes, texts, folded, encode)
        for order, part in enumerate(parts)
    }
    chosen: dict[int, tuple[int, int]] = {}  # part's order -> (-its score, the whole's index)

    def next_whole(order: int) -> None:
        found = next(options[order], None)
        if found is None:
            chosen.pop(order, None)
        else:
            chosen[order] = found

    for order in options:
        next_whole(order)
    while True:
        held: dict[int, list[int]] = {}
        for order, (_, index) in chosen.items():
            held.setdefault(index, []).append(order)
        alone = [o[0] for i, o in held.items() if wholes[i][1] is None and len(o) < 2]
        if not alone:
            break
        for order in alone:
            next_whole(order)
    found: dict[int, list[tuple[int, int, Statement]]] = {}
    for order, (negative, index) in sorted(chosen.items()):
        found.setdefault(index, []).append((negative, order, parts[order]))
    matched: dict[str, str] = {}
    paired = []
    for index, candidates in found.items():
        whole, other = wholes[index]
        if other is None:
            largest = min(candidates, key=lambda c: c[:2])[2]
            paired.append((whole, largest))
            candidates = [c for c in candidates if c[2] is not largest]
        matched.update((part.id, whole.id) for _, _, part in candidates)
    return _Parts(matched, paired)


def _wholes_of(
    text: str,
    wholes: Sequence[tuple[Statement, str | None]],
    texts: Sequence[str],
    folded: Sequence[str],
    encode: Callable[[str], str],
) -> Iterator[tuple[int, int]]:
    """The wholes the statement *text* may be a part of, best first: (-score, index), lazily.

    *texts* are the wholes' codes and *folded* those folded (see :func:`_match_parts`).
    """
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    from policypos.redline import part_source

    code = encode(text)
    if len(code) < PART_MIN_WORDS:
        return
    need = math.ceil(PART_THRESHOLD * len(code))
    low = math.ceil(PART_REWORDED_THRESHOLD * len(code))
    hits = process.extract(
        _fold(code), folded, scorer=LCSseq.similarity, score_cutoff=low, limit=None
    )
    for negative, index in sorted((-LCSseq.similarity(code, texts[i]), i) for _, _, i in hits):
        whole, other = wholes[index]
        if -negative < low:
            return
        if -negative < need:
            # Reworded on its way: only from (or into) a whole still there,
            # whose stretch matching the part has left it (or come into it).
            if other is not None and _left(part_source(whole.text, text), code, other, encode, low):
                yield negative, index
            continue
        if other is None or LCSseq.similarity(code, encode(other)) < need:
            yield negative, index


def _left(stretch: str, code: str, other: str, encode: Callable[[str], str], least: int) -> bool:
    """Whether *stretch* and the part (*code*) are rewordings of each other that left *other*.

    The stretch must hold *least* of the part's words, and the part
    :data:`PART_REWORDED_THRESHOLD` of the stretch's, in order. *other* is
    what the whole became (for a merge part: what it was); at least
    :data:`PART_LEFT` of the stretch's words must not be found in it, in
    order.
    """
    from rapidfuzz.distance import LCSseq

    words = encode(stretch)
    common = LCSseq.similarity(code, words) if words else 0
    # Both ways: "Councils and their partners should screen for it ..." holds
    # half its words in a long "Councils and their partners should make sure
    # ..." that left, but that stretch holds a third of its own in the part.
    if not words or common < least or common < PART_REWORDED_THRESHOLD * len(words):
        return False
    return LCSseq.similarity(words, encode(other)) <= (1 - PART_LEFT) * len(words)


def _fold(code: str) -> str:
    """Each code's low byte: the encoder's codes are 0x10000 plus a token's number."""
    return code.encode("utf-32-le")[::4].decode("latin-1")


def pair_sections(old: Version, new: Version, pairs: dict[str, Pair]) -> dict[str, str]:
    """Pair sections, as new section id -> old section id, given the statement *pairs*."""
    old_ids = {s.id for s in old.sections}
    chosen = {s.id: s.id for s in new.sections if s.id in old_ids}
    old_left = [s for s in old.sections if s.id not in chosen.values()]
    new_left = [s for s in new.sections if s.id not in chosen]
    if old_left and new_left:
        home = {statement.id: section.id for section, statement in old.statements()}
        shares = []
        for i, before in enumerate(old_left):
            for j, after in enumerate(new_left):
                shared = sum(
                    1
                    for s in after.statements
                    if s.id in pairs and home[pairs[s.id].old.id] == before.id
                )
                total = len(before.statements) + len(after.statements)
                dice = 2 * shared / total if total else 0.0
                if dice >= SECTION_THRESHOLD:
                    shares.append((-dice, i, j))
        for _, i, j in sorted(shares):
            if new_left[j].id not in chosen and old_left[i].id not in chosen.values():
                chosen[new_left[j].id] = old_left[i].id
        # Sections left by title, in order; several may share one. A section
        # paired already takes none (it once used up its title's match, so
        # the diff of B against A paired differently from A against B).
        titles: dict[str, list[str]] = {}
        for section in old_left:
            if section.id not in chosen.values():
                titles.setdefault(section.title.casefold(), []).append(section.id)
        for section in new_left:
            same = titles.get(section.title.casefold())
            if section.id not in chosen and same:
                chosen[section.id] = same.pop(0)
    return chosen


# --- building the change set ------------------------------------------------------
