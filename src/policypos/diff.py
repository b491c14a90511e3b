"""What changed between two versions of a document: the change set.

The change set is one value that every renderer reads (FORMAT.md section 6);
:meth:`ChangeSet.to_dict` gives its JSON form. How it is built:

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
3. ``moved``: a paired statement whose section (after section pairing) is not
   the one it stood in. ``reordered``: a paired section, or a paired statement
   that stayed in its section, outside the longest run that kept its order.
   ``renamed``: a paired section whose title changed.
4. ``change`` says whether the content changed: a statement is ``modified``
   when its text or any other field changed, a section when its title, intro
   or addresses changed or any statement in it, into it or out of it did.
   ``moved`` and ``reordered`` are told apart from ``change``: a statement that
   only moved is ``unchanged`` and ``moved``.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import attrs

from policypos.errors import NotFoundError
from policypos.model import Comment, Document, Section, Statement, Version
from policypos.redline import Op, Piece, redline, similarity, tokens

STATEMENT_THRESHOLD = 0.6
"""Least token similarity at which two statements with different ids are taken as one."""

SECTION_THRESHOLD = 0.5
"""Least share of paired statements (a Dice coefficient) for two differently named sections."""

PART_THRESHOLD = 0.8
"""Least share of a statement's words found, in order, in another for a split or merge part."""

PART_MIN_WORDS = 5
"""Fewest words (and punctuation marks) a statement needs to count as a split or merge part."""

FORMAT = "policypos.changeset/1"


class Change(enum.StrEnum):
    """What happened to a section's or statement's content."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"


@attrs.frozen
class FieldChange:
    """A field other than the text that changed, with its old and new value."""

    name: str
    old: Any
    new: Any


@attrs.frozen
class StatementChange:
    """One statement of either version, and what became of it."""

    id: str
    old_id: str | None
    change: Change
    old: Statement | None
    new: Statement | None
    old_section: str | None
    new_section: str | None
    moved: bool = False
    reordered: bool = False
    matched_by: str | None = None
    similarity: float | None = None
    redline: tuple[Piece, ...] = ()
    fields: tuple[FieldChange, ...] = ()
    split_from: str | None = None
    """For an added statement: the old statement whose text it was split out of."""
    merged_into: str | None = None
    """For a removed statement: the new statement its text was merged into."""

    @property
    def changed(self) -> bool:
        """Whether anything happened to the statement: content, place or order."""
        return self.change is not Change.UNCHANGED or self.moved or self.reordered

    def to_dict(self) -> dict[str, Any]:
        """The statement's entry in the change set JSON.

        ``split_from`` and ``merged_into`` are optional fields (docs/diff.md),
        present only when set, so tools written to FORMAT.md need not know them.
        """
        entry: dict[str, Any] = {
            "id": self.id,
            "old_id": self.old_id,
            "change": self.change.value,
            "moved": self.moved,
            "reordered": self.reordered,
            "matched_by": self.matched_by,
            "similarity": self.similarity,
            "section": {"old": self.old_section, "new": self.new_section},
            "text": _old_new(self.old, self.new, "text"),
            "redline": [{"op": p.op.value, "text": p.text} for p in self.redline],
            "fields": _fields_dict(self.fields),
            "addresses": list(self.new.addresses) if self.new else [],
        }
        if self.split_from is not None:
            entry["split_from"] = self.split_from
        if self.merged_into is not None:
            entry["merged_into"] = self.merged_into
        return entry


@attrs.frozen
class SectionChange:
    """One section of either version, what became of it, and its statements."""

    id: str
    old_id: str | None
    change: Change
    old: Section | None
    new: Section | None
    statements: tuple[StatementChange, ...]
    renamed: bool = False
    reordered: bool = False
    fields: tuple[FieldChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The section's entry in the change set JSON."""
        return {
            "id": self.id,
            "old_id": self.old_id,
            "change": self.change.value,
            "renamed": self.renamed,
            "reordered": self.reordered,
            "title": _old_new(self.old, self.new, "title"),
            "fields": _fields_dict(self.fields),
            "addresses": list(self.new.addresses) if self.new else [],
            "statements": [s.to_dict() for s in self.statements],
        }


def _old_new(old: Any, new: Any, name: str) -> dict[str, Any]:
    """``{"old": ..., "new": ...}`` for one attribute of two records, either may be absent."""
    return {
        "old": getattr(old, name) if old is not None else None,
        "new": getattr(new, name) if new is not None else None,
    }


def _fields_dict(fields: tuple[FieldChange, ...]) -> dict[str, dict[str, Any]]:
    return {f.name: {"old": f.old, "new": f.new} for f in fields}


@attrs.frozen
class CommentTrace:
    """A comment in scope of the change, and the places in the new version that cite it."""

    comment: Comment
    addressed_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The comment's entry in the change set JSON."""
        return {
            "ref": self.comment.ref,
            "kind": self.comment.kind.value,
            "disposition": self.comment.disposition.value,
            "addressed_by": list(self.addressed_by),
        }


@attrs.frozen
class ChangeSet:
    """What changed from *old* to *new*, section by section, and the comments it answers."""

    document: str
    old: Version
    new: Version
    sections: tuple[SectionChange, ...]
    comments: tuple[CommentTrace, ...] = ()
    old_revision: str | None = None
    """The git revision *old* was read from (``DOC@VERSION~REV``), if any."""
    new_revision: str | None = None
    """The git revision *new* was read from, if any."""

    @property
    def old_name(self) -> str:
        """How to name the old version to a reader: ``2024``, or ``2024 as at HEAD~1``."""
        return _version_name(self.old, self.old_revision)

    @property
    def new_name(self) -> str:
        """How to name the new version to a reader; see :attr:`old_name`."""
        return _version_name(self.new, self.new_revision)

    def statements(self) -> Iterator[StatementChange]:
        """Every statement change, section by section."""
        for section in self.sections:
            yield from section.statements

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all changed (moves and reorders count as changes)."""
        sections_kept = all(s.change is Change.UNCHANGED and not s.reordered for s in self.sections)
        return sections_kept and not any(s.changed for s in self.statements())

    def summary(self) -> dict[str, dict[str, int]]:
        """The counts of FORMAT.md's ``summary``: each kind of change, sections and statements."""
        sections = {c.value: 0 for c in Change}
        sections |= {"renamed": 0, "reordered": 0}
        statements = {c.value: 0 for c in Change}
        statements |= {"moved": 0, "reordered": 0}
        for section in self.sections:
            sections[section.change.value] += 1
            sections["renamed"] += section.renamed
            sections["reordered"] += section.reordered
        for statement in self.statements():
            statements[statement.change.value] += 1
            statements["moved"] += statement.moved
            statements["reordered"] += statement.reordered
        return {"sections": sections, "statements": statements}

    def to_dict(self) -> dict[str, Any]:
        """The change set as FORMAT.md section 6 spells it, ready for ``json.dumps``."""
        return {
            "format": FORMAT,
            "document": self.document,
            "old": _version_header(self.old, self.old_revision),
            "new": _version_header(self.new, self.new_revision),
            "summary": self.summary(),
            "sections": [s.to_dict() for s in self.sections],
            "comments": [c.to_dict() for c in self.comments],
        }


def _version_header(version: Version, revision: str | None) -> dict[str, str]:
    header = {
        "version": version.id,
        "date": version.date.isoformat(),
        "status": version.status.value,
    }
    if revision is not None:  # an optional field: docs/diff.md
        header["revision"] = revision
    return header


def _version_name(version: Version, revision: str | None) -> str:
    return version.id if revision is None else f"{version.id} as at {revision}"


def diff(old: Version, new: Version, document: Document | None = None) -> ChangeSet:
    """Compare two versions and return the change set.

    Args:
        old: the earlier version.
        new: the later version.
        document: the document both belong to; with it, the change set also
            traces the comments in scope (see FORMAT.md section 6).
    """
    pairing = _pair_statements(old, new)
    section_pairs = _pair_sections(old, new, pairing.pairs)
    sections = _build_sections(old, new, pairing, section_pairs)
    comments = _trace(document, old, new) if document is not None else ()
    return ChangeSet(document.id if document else "", old, new, sections, comments)


# --- pairing --------------------------------------------------------------------


@attrs.frozen
class _Pair:
    old: Statement
    new: Statement
    by_text: bool
    score: float
    redline: tuple[Piece, ...]


def _pair(old: Statement, new: Statement, by_text: bool) -> _Pair:
    return _Pair(old, new, by_text, similarity(old.text, new.text), redline(old.text, new.text))


@attrs.frozen
class _Pairing:
    """Which statements are one, keyed by new id; and the parts of splits and merges."""

    pairs: dict[str, _Pair]
    split_from: dict[str, str]  # added new id -> old id
    merged_into: dict[str, str]  # removed old id -> new id
    paired_old: frozenset[str] = attrs.field(init=False)

    @paired_old.default
    def _paired_old(self) -> frozenset[str]:
        return frozenset(p.old.id for p in self.pairs.values())


def _pair_statements(old: Version, new: Version) -> _Pairing:
    old_by_id = {s.id: s for _, s in old.statements()}
    pairs: dict[str, _Pair] = {}
    new_left: list[Statement] = []
    for _, statement in new.statements():
        before = old_by_id.pop(statement.id, None)
        if before is None:
            new_left.append(statement)
        else:
            pairs[statement.id] = _pair(before, statement, False)
    old_left = list(old_by_id.values())
    for i, j in _best_matches(
        [s.text for s in old_left], [s.text for s in new_left], STATEMENT_THRESHOLD
    ):
        pairs[new_left[j].id] = _pair(old_left[i], new_left[j], True)
    return _find_parts(old, new, pairs)


def _best_matches(
    old: Sequence[str], new: Sequence[str], threshold: float
) -> list[tuple[int, int]]:
    """Pair old texts with new ones, best first, each once, never below *threshold*."""
    if not old or not new:
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    encode = _encoder(tokens)
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


_WORD = re.compile(r"\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    """Words and punctuation marks, case folded: what a split or merge carries over."""
    return _WORD.findall(text.casefold())


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


def _find_parts(old: Version, new: Version, pairs: dict[str, _Pair]) -> _Pairing:
    """Find splits and merges among the statements pairing left over.

    A split part is an added statement whose words are found (at least
    :data:`PART_THRESHOLD` of them, in order) in an old statement, but not in
    what that statement became: so a copy of text that stayed is no split. A
    merge part is the mirror image: a removed statement found in a new
    statement but not in what it was. An unpaired statement with two or more
    parts is paired with the largest, so that a statement cut in three still
    reads as modified.
    """
    encode = _encoder(_words)
    became = {p.old.id: p.new.text for p in pairs.values()}
    split = _match_parts(
        [s for _, s in new.statements() if s.id not in pairs],
        _wholes(old, became),
        encode,
    )
    for whole, part in split.pairs:
        pairs[part.id] = _pair(whole, part, True)
    was = {p.new.id: p.old.text for p in pairs.values()}
    paired_old = {p.old.id for p in pairs.values()}
    merged = _match_parts(
        [s for _, s in old.statements() if s.id not in paired_old],
        _wholes(new, was, skip=split.parts.keys()),
        encode,
    )
    for whole, part in merged.pairs:
        pairs[whole.id] = _pair(part, whole, True)
    return _Pairing(pairs, split.parts, merged.parts)


def _wholes(
    version: Version, counterpart: dict[str, str], skip: Iterable[str] = ()
) -> list[tuple[Statement, str | None]]:
    """The statements of *version* that parts may come from or go into, in the version's order.

    Each comes with its counterpart's text in the other version, or ``None``
    if it has none; statements whose text did not change hold no parts.
    """
    left_out = set(skip)
    wholes: list[tuple[Statement, str | None]] = []
    for _, statement in version.statements():
        other = counterpart.get(statement.id)
        if statement.id not in left_out and other != statement.text:
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
    """
    if not parts or not wholes:
        return _Parts({}, [])
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    texts = [encode(whole.text) for whole, _ in wholes]
    # Codes folded to one byte compare about five times faster, and folding can
    # only make texts look more alike: so they find the candidates, and the
    # exact codes decide.
    folded = [_fold(t) for t in texts]
    found: dict[int, list[tuple[int, int, Statement]]] = {}
    for order, part in enumerate(parts):
        code = encode(part.text)
        if len(code) < PART_MIN_WORDS:
            continue
        need = math.ceil(PART_THRESHOLD * len(code))
        hits = process.extract(
            _fold(code), folded, scorer=LCSseq.similarity, score_cutoff=need, limit=None
        )
        scored = sorted((-LCSseq.similarity(code, texts[i]), i) for _, _, i in hits)
        for negative, index in scored:
            other = wholes[index][1]
            if -negative < need:
                break
            if other is None or LCSseq.similarity(code, encode(other)) < need:
                found.setdefault(index, []).append((negative, order, part))
                break
    matched: dict[str, str] = {}
    paired = []
    for index, candidates in found.items():
        whole, other = wholes[index]
        if other is None:
            if len(candidates) < 2:
                continue  # one piece of a statement is an edit, not a split
            largest = min(candidates, key=lambda c: c[:2])[2]
            paired.append((whole, largest))
            candidates = [c for c in candidates if c[2] is not largest]
        matched.update((part.id, whole.id) for _, _, part in candidates)
    return _Parts(matched, paired)


def _fold(code: str) -> str:
    """Each code's low byte: the encoder's codes are 0x10000 plus a token's number."""
    return code.encode("utf-32-le")[::4].decode("latin-1")


def _pair_sections(old: Version, new: Version, pairs: dict[str, _Pair]) -> dict[str, str]:
    """Pair sections, as new section id -> old section id."""
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
        titles = {s.title.casefold(): s.id for s in old_left if s.id not in chosen.values()}
        for section in new_left:
            match = titles.pop(section.title.casefold(), None)
            if section.id not in chosen and match is not None:
                chosen[section.id] = match
    return chosen


# --- building the change set ------------------------------------------------------


def _build_sections(
    old: Version, new: Version, pairing: _Pairing, section_pairs: dict[str, str]
) -> tuple[SectionChange, ...]:
    old_sections = {s.id: s for s in old.sections}
    old_home = {st.id: sec.id for sec, st in old.statements()}
    new_of_old = {o: n for n, o in section_pairs.items()}
    section_reordered = _outside_lcs(
        [s.id for s in new.sections if s.id in section_pairs],
        [s.id for s in old.sections],
        section_pairs,
    )

    built: list[SectionChange] = []
    for section in new.sections:
        before = (
            old_sections.get(section_pairs[section.id]) if section.id in section_pairs else None
        )
        statements = [
            _statement_change(st, section.id, pairing, old_home, new_of_old)
            for st in section.statements
        ]
        stayed = [c for c in statements if c.old is not None and not c.moved]
        reordered = _outside_lcs(
            [c.id for c in stayed],
            [s.id for s in before.statements] if before else [],
            {c.id: c.old_id or c.id for c in stayed},
        )
        statements = [
            attrs.evolve(c, reordered=True) if c.id in reordered else c for c in statements
        ]
        if before is not None:
            statements = _insert_removed(statements, before, pairing)
        built.append(
            _section_change(before, section, tuple(statements), section.id in section_reordered)
        )

    removed_sections = {
        section.id: SectionChange(
            section.id,
            section.id,
            Change.REMOVED,
            section,
            None,
            tuple(
                _removed(st, section.id, pairing)
                for st in section.statements
                if st.id not in pairing.paired_old
            ),
        )
        for section in old.sections
        if section.id not in new_of_old
    }
    return tuple(_place_removed(built, [s.id for s in old.sections], removed_sections))


def _statement_change(
    statement: Statement,
    section_id: str,
    pairing: _Pairing,
    old_home: dict[str, str],
    new_of_old: dict[str, str],
) -> StatementChange:
    pair = pairing.pairs.get(statement.id)
    if pair is None:
        return StatementChange(
            statement.id,
            None,
            Change.ADDED,
            None,
            statement,
            None,
            section_id,
            redline=(Piece(Op.INSERT, statement.text),),
            split_from=pairing.split_from.get(statement.id),
        )
    before = pair.old
    old_section = old_home[before.id]
    fields = _field_changes(before, statement)
    changed = before.text != statement.text or bool(fields)
    return StatementChange(
        statement.id,
        before.id,
        Change.MODIFIED if changed else Change.UNCHANGED,
        before,
        statement,
        old_section,
        section_id,
        moved=new_of_old.get(old_section) != section_id,
        matched_by="text" if pair.by_text else "id",
        similarity=round(pair.score, 4) if pair.score < 1 else 1.0,
        redline=pair.redline,
        fields=fields,
    )


def _removed(statement: Statement, section_id: str, pairing: _Pairing) -> StatementChange:
    return StatementChange(
        statement.id,
        statement.id,
        Change.REMOVED,
        statement,
        None,
        section_id,
        None,
        redline=(Piece(Op.DELETE, statement.text),),
        merged_into=pairing.merged_into.get(statement.id),
    )


def _insert_removed(
    statements: list[StatementChange], before: Section, pairing: _Pairing
) -> list[StatementChange]:
    """Place each removed statement of *before* after the statement that preceded it there."""
    removed = {
        st.id: _removed(st, before.id, pairing)
        for st in before.statements
        if st.id not in pairing.paired_old
    }
    return _place_removed(statements, [st.id for st in before.statements], removed)


C = TypeVar("C", StatementChange, SectionChange)


def _place_removed(kept: Sequence[C], old_order: Sequence[str], removed: dict[str, C]) -> list[C]:
    """Merge *removed* (by old id) into *kept*, each where it stood in *old_order*.

    A removed item goes just after the last of *kept* (in their new order) that
    came before it in the old order, after any removed item placed there
    already; with none, at the start. One pass: sections of thousands of
    statements must not cost a scan per removed one.
    """
    index_of = {c.old_id: k for k, c in enumerate(kept) if c.old_id is not None}
    after: dict[int, list[C]] = {}
    last = -1
    for old_id in old_order:
        if old_id in removed:
            after.setdefault(last, []).append(removed[old_id])
        else:
            last = max(last, index_of.get(old_id, -1))
    placed = list(after.get(-1, ()))
    for k, change in enumerate(kept):
        placed.append(change)
        placed.extend(after.get(k, ()))
    return placed


_STATEMENT_FIELDS = ("kind", "tags", "addresses", "note")
_SECTION_FIELDS = ("intro", "addresses")


def _field_changes(
    old: Any, new: Any, names: Sequence[str] = _STATEMENT_FIELDS
) -> tuple[FieldChange, ...]:
    changes = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(FieldChange(name, _plain(before), _plain(after)))
    return tuple(changes)


def _plain(value: Any) -> Any:
    """A field value as JSON holds it: tuples as lists, enums as their text."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _section_change(
    before: Section | None, after: Section, statements: tuple[StatementChange, ...], reordered: bool
) -> SectionChange:
    if before is None:
        return SectionChange(after.id, None, Change.ADDED, None, after, statements)
    fields = _field_changes(before, after, _SECTION_FIELDS)
    renamed = before.title != after.title
    changed = renamed or bool(fields) or any(s.changed for s in statements)
    return SectionChange(
        after.id,
        before.id,
        Change.MODIFIED if changed else Change.UNCHANGED,
        before,
        after,
        statements,
        renamed=renamed,
        reordered=reordered,
        fields=fields,
    )


def _outside_lcs(
    new_order: Sequence[str], old_order: Sequence[str], old_id_of: dict[str, str]
) -> set[str]:
    """The items of *new_order* outside the longest run that kept its old relative order."""
    position = {item: k for k, item in enumerate(old_order)}
    items = [(position[old_id_of[n]], n) for n in new_order if old_id_of.get(n) in position]
    # Longest increasing subsequence of old positions, by patience sorting.
    tails: list[int] = []
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(items)
    for k, (old_position, _) in enumerate(items):
        at = bisect.bisect_left(tails, old_position)
        if at == len(tails):
            tails.append(old_position)
            tail_index.append(k)
        else:
            tails[at] = old_position
            tail_index[at] = k
        parent[k] = tail_index[at - 1] if at else -1
    keep: set[str] = set()
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        keep.add(items[k][1])
        k = parent[k]
    return {n for _, n in items} - keep


def _trace(document: Document, old: Version, new: Version) -> tuple[CommentTrace, ...]:
    """The comments in scope: of meetings reviewing old or a version between, or cited by new."""
    between = {v.id for v in document.versions if old.date <= v.date < new.date} | {old.id}
    cited = new.citations()
    return tuple(
        CommentTrace(comment, cited.get(comment.ref, ()))
        for meeting in document.meetings
        for comment in meeting.comments
        if meeting.reviews in between or comment.ref in cited
    )


@attrs.frozen
class HistoryStep:
    """A statement as it stood in one version, and how it got there from the version before."""

    version: Version
    section: str
    statement: Statement
    change: StatementChange | None
    comments: tuple[Comment, ...] = ()


def history(document: Document, statement_id: str) -> tuple[HistoryStep, ...]:
    """Follow a statement through every version it appears in, oldest first.

    Consecutive versions (by date) are diffed, so a statement whose id changed
    but whose text was paired (``matched_by: "text"``) is followed under its
    earlier and later ids. Each step lists the comments that touched the
    statement: those it cites in ``addresses`` and those whose ``on`` names it.

    Raises:
        NotFoundError: no version holds a statement with that id.
    """
    versions = document.versions
    holders = [
        k for k, v in enumerate(versions) if any(s.id == statement_id for _, s in v.statements())
    ]
    if not holders:
        raise NotFoundError("statement", f"{document.id}/{statement_id}")
    changes = [diff(a, b) for a, b in itertools.pairwise(versions)]
    start = holders[-1]
    ids = {start: statement_id}
    for k in range(start, 0, -1):  # back to where it began
        step = _find_change(changes[k - 1], new_id=ids[k])
        if step is None or step.old_id is None:
            break
        ids[k - 1] = step.old_id
    for k in range(start, len(versions) - 1):  # forward to where it ends
        step = _find_change(changes[k], old_id=ids[k])
        if step is None or step.new is None:
            break
        ids[k + 1] = step.id
    steps = []
    for k in sorted(ids):
        section, statement = versions[k].statement(ids[k])
        change = _find_change(changes[k - 1], new_id=ids[k]) if k else None
        touched = tuple(
            c
            for c in document.comments()
            if c.ref in statement.addresses or set(c.on) & set(ids.values())
        )
        steps.append(HistoryStep(versions[k], section.id, statement, change, touched))
    return tuple(steps)


@attrs.frozen
class Answer:
    """How one version answers a comment: the changes, in the places that cite it.

    The changes are counted from *base*: the version the comment's meeting
    reviewed, if it is older; else the version this one is ``based_on``; else
    the one before it. With no earlier version, everything cited is added.
    """

    version: Version
    base: Version | None
    places: tuple[str, ...]
    sections: tuple[SectionChange, ...]
    statements: tuple[StatementChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON holds it (``policypos comments DOC REF --format json``)."""
        return {
            "version": self.version.id,
            "base": self.base.id if self.base else None,
            "places": list(self.places),
            "sections": [
                {k: v for k, v in s.to_dict().items() if k != "statements"} for s in self.sections
            ],
            "statements": [s.to_dict() for s in self.statements],
        }


def answers(document: Document, comment: Comment) -> tuple[Answer, ...]:
    """What each version citing *comment* changed to answer it, oldest version first.

    This is the answer to "what did we do about comment 3.2?": for every
    version whose ``addresses`` cite the comment, the sections and statements
    that cite it, diffed against the version the comment was about.
    """
    found = []
    for version, places in document.citations_of(comment):
        base = _base(document, comment, version)
        empty = Version(f"before-{version.id}", version.date, version.status, ())
        changes = diff(base or empty, version)
        wanted = set(places)
        sections = tuple(s for s in changes.sections if s.id in wanted)
        statements = tuple(
            st
            for s in changes.sections
            for st in s.statements
            if st.new is not None and f"{s.id}/{st.id}" in wanted
        )
        found.append(Answer(version, base, places, sections, statements))
    return tuple(found)


def _base(document: Document, comment: Comment, version: Version) -> Version | None:
    """The version to count *version*'s answer to *comment* from (see :class:`Answer`)."""
    earlier = [v for v in document.versions if v.date < version.date]
    known = {v.id: v for v in earlier}
    reviewed = document.meeting(comment.meeting).reviews
    for candidate in (reviewed, version.based_on):
        if candidate in known:
            return known[candidate]
    return earlier[-1] if earlier else None


def _find_change(
    changes: ChangeSet, *, new_id: str | None = None, old_id: str | None = None
) -> StatementChange | None:
    for change in changes.statements():
        if new_id is not None and change.new is not None and change.id == new_id:
            return change
        if old_id is not None and change.old is not None and change.old_id == old_id:
            return change
    return None
