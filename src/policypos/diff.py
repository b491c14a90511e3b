"""Comparing two versions of a document: :func:`diff` builds the change set.

How, in order (pairing is :mod:`policypos.pairing`, the records
:mod:`policypos.changeset`):

1. Statements are paired (by id, then by text, then as split and merge parts),
   then sections (by id, then by their statements, then by title).
2. ``moved``: a paired statement whose section (after section pairing) is not
   the one it stood in. ``reordered``: a paired section, or a paired statement
   that stayed in its section, outside the longest run that kept its order.
   ``renamed``: a paired section whose title changed.
3. ``change`` says whether the content changed: a statement is ``modified``
   when its text or any other field changed, a section when its title, intro
   or addresses changed or any statement in it, into it or out of it did.
   ``moved`` and ``reordered`` are told apart from ``change``: a statement that
   only moved is ``unchanged`` and ``moved``.
4. The comments in scope are traced to the places of the new version citing them.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import enum
import gc
import re
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import attrs

from policypos.changeset import (
    Change,
    ChangeSet,
    CommentTrace,
    FieldChange,
    SectionChange,
    StatementChange,
)
from policypos.errors import NotFoundError
from policypos.model import Document, Section, Statement, Version
from policypos.pairing import Pairing, pair_sections, pair_statements
from policypos.redline import Op, Piece, inverse, new_text, old_text, part_redline
from policypos.significance import Finding, Kind, Significance, findings
from policypos.significance import significance as overall


def diff(
    old: Version,
    new: Version,
    document: Document | None = None,
    *,
    significance: bool = True,
    as_of: dt.date | None = None,
) -> ChangeSet:
    """Compare two versions and return the change set.

    Args:
        old: the earlier version.
        new: the later version.
        document: the document both belong to; with it, the change set also
            traces the comments in scope (see FORMAT.md section 6). Without
            it, the change set's ``document`` is the one whose folder the
            versions were read from (from git too), or ``""`` for versions
            built in code.
        significance: whether to read each changed statement's significance
            and findings (:mod:`policypos.significance`); without it, every
            ``StatementChange.significance`` is None and ``findings`` empty.
        as_of: the day the traced comments' dispositions are read as of
            (their ``history``); by default the day of the meeting *new*
            went to, else now (:meth:`Document.read_for`). The change set's
            ``as_of`` says which day it was.

    Python's cycle collector is paused while it runs (:func:`_no_cycle_collection`).

    Raises:
        NotFoundError: *old* or *new* was read from another document's folder
            than *document* (or, without it, than each other): the change set
            would pair unrelated statements and trace the wrong comments.
            Versions built in code belong to no folder and are not checked.
    """
    _same_document(old, new, document)
    with _no_cycle_collection():
        pairing = pair_statements(old, new)
        section_pairs = pair_sections(old, new, pairing.pairs)
        sections = _build_sections(old, new, pairing, section_pairs, significance)
        day = None
        if document is not None:
            document, day = document.read_for(new, as_of=as_of)
        comments = _trace(document, old, new) if document is not None else ()
        fields = _field_changes(old, new, _VERSION_FIELDS)
        # The same folder as _same_document checked: one answer to "whose versions are these".
        name = document.id if document else (_folder_of(old) or _folder_of(new) or "")
        return ChangeSet(name, old, new, sections, comments, fields=fields, as_of=day)


def _folder_of(version: Version) -> str | None:
    """The id of the document whose ``versions`` folder *version* was read from, if it was."""
    if version.origin is None:
        return None
    folder = version.origin.path.parent  # from git too: REV:ROOT/DOC/versions/V.yaml
    return folder.parent.name if folder.name == "versions" else None


def check_of_document(document: Document, changes: ChangeSet | Version) -> None:
    """Raise NotFoundError unless *changes* (a change set, or one version) is *document*'s.

    What :func:`diff` refuses for a version of another document, refused the
    same way for a paper: rendered against the wrong document, a version
    would be titled and numbered as that one's, and a change set would look
    for that one's meetings (and suggest creating the one missing).
    """
    if isinstance(changes, Version):
        _same_document(changes, changes, document)
        return
    if changes.document and changes.document != document.id:
        known = [v.id for v in document.versions]
        name = f"{changes.document}@{changes.new.id}"
        raise NotFoundError("version", name, known, within=document.id)
    _same_document(changes.old, changes.new, document)


def _same_document(old: Version, new: Version, document: Document | None) -> None:
    """Raise NotFoundError unless *old* and *new* are versions of *document* (or of one).

    A version the document holds is its own, wherever it was read from: a
    document built in Python may gather versions read from another folder.
    """
    expected = document.id if document is not None else _folder_of(old)
    known = [v.id for v in document.versions] if document is not None else []
    held = document.versions if document is not None else ()
    for version in (old, new):
        if any(version is v for v in held):
            continue
        found = _folder_of(version)
        if expected is not None and found is not None and found != expected:
            raise NotFoundError("version", f"{found}@{version.id}", known, within=expected)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector (:func:`gc.disable`) for the block, then restore it.

    A diff makes tens of thousands of small records and tuples and no reference
    cycle (a test holds it to that), so the collector, woken by every 700 new
    objects, never frees anything here; but each time it runs it walks the
    young objects, and now and then every object the process holds: one full
    pass over a 10,000-statement diff's heap took 0.8 s, as long as the diff.
    Mercurial pauses it the same way (``nogc`` in mercurial/util.py). The
    collector is switched back on only if it was on, so nested and concurrent
    calls leave it as the caller had it; cycles made meanwhile elsewhere are
    collected once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def backwards(old: Version, new: Version, document: Document | None = None) -> str | None:
    """Why *new* is older than *old*, as a phrase; ``None`` when it is not.

    The ``based_on`` chain decides when it links the two: *new* is older when
    *old* is based on it, directly or through versions between, whatever
    their dates say (a date that contradicts the chain is a warning of
    ``policypos validate``). When the chain does not link them (neither is
    based on the other, or there is no ``based_on``), dates decide: *new* is
    older when dated before *old*. The same version read from two git
    revisions, or two versions of the same date, are never backwards.

    Without *document*, only each version's own ``based_on`` is followed;
    with it, the chain is followed through the document's versions.

    Returns:
        ``"version '2025' is based on '2024'"`` (``" by way of ..."`` naming
        the versions between), or ``"version '2024' is dated 2024-07-01,
        before '2025' (2025-03-01)"``; ``None`` when *new* is not older.
    """
    if old.id == new.id:
        return None
    chain = _chain(old, document)
    if new.id in chain:
        between = chain[: chain.index(new.id)]
        by_way = f" by way of {', '.join(repr(v) for v in between)}" if between else ""
        return f"version {old.id!r} is based on {new.id!r}{by_way}"
    if old.id in _chain(new, document):  # new revises old: the right way round
        return None
    if new.date < old.date:
        return f"version {new.id!r} is dated {new.date}, before {old.id!r} ({old.date})"
    return None


def _chain(version: Version, document: Document | None) -> list[str]:
    """The ids *version* is based on, nearest first, following ``based_on`` (stops at a cycle)."""
    known = {v.id: v for v in document.versions} if document is not None else {}
    chain: list[str] = []
    base = version.based_on
    while base is not None and base not in chain and base != version.id:
        chain.append(base)
        found = known.get(base)
        base = found.based_on if found is not None else None
    return chain


def _build_sections(
    old: Version,
    new: Version,
    pairing: Pairing,
    section_pairs: dict[str, str],
    significance: bool,
) -> tuple[SectionChange, ...]:
    old_sections = {s.id: s for s in old.sections}
    old_home = {st.id: sec.id for sec, st in old.statements()}
    new_of_old = {o: n for n, o in section_pairs.items()}
    section_reordered = _outside_lcs(
        [s.id for s in new.sections if s.id in section_pairs],
        [s.id for s in old.sections],
        section_pairs,
    )

    sources = _Sources.of(old, new, pairing)
    parts = _parts_text(old, new, pairing, sources) if significance else {}
    split_into, merged_from = _parts_of(old, new, pairing)
    built: list[SectionChange] = []
    for section in new.sections:
        before = (
            old_sections.get(section_pairs[section.id]) if section.id in section_pairs else None
        )
        statements = [
            _statement_change(
                st,
                section.id,
                pairing,
                old_home,
                new_of_old,
                significance,
                parts,
                sources,
                split_into.get(pairing.pairs[st.id].old.id, ()) if st.id in pairing.pairs else (),
                merged_from.get(st.id, ()),
            )
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
            statements = _insert_removed(
                statements, before, pairing, significance, sources, split_into
            )
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
                _removed(st, section.id, pairing, significance, sources, split_into)
                for st in section.statements
                if st.id not in pairing.paired_old
            ),
        )
        for section in old.sections
        if section.id not in new_of_old
    }
    placed = _place_removed(built, [s.id for s in old.sections], removed_sections)
    return _with_text_moves(tuple(placed))


MOVED_WORDS = 8
"""The fewest words a stretch deleted from one statement and inserted in another must share.

Fewer would take a stock phrase two rewordings happen to share ("for people
leaving prison on the day") for a move; a sentence moved is longer.
"""


def _with_text_moves(sections: tuple[SectionChange, ...]) -> tuple[SectionChange, ...]:
    """*sections*, each modified statement told where its deleted words went, or came from.

    A stretch of :data:`MOVED_WORDS` words or more that one modified statement's
    redline deletes and another's inserts, word for word (case and the
    punctuation around each word aside), is text moved between them
    (:attr:`StatementChange.text_moved_to`, ``text_moved_from``). Each
    inserted run of that many words is indexed once, so the search is linear
    in the words changed, not in pairs of statements.
    """
    modified = [
        st
        for section in sections
        for st in section.statements
        if st.change is Change.MODIFIED and st.old is not None and st.new is not None
    ]
    inserted: dict[tuple[str, ...], list[str]] = {}
    for st in modified:
        for run in _runs(st.redline, Op.INSERT):
            inserted.setdefault(run, []).append(st.id)
    went: dict[str, dict[str, None]] = {}
    came: dict[str, dict[str, None]] = {}
    for st in modified:
        for run in _runs(st.redline, Op.DELETE):
            for other in inserted.get(run, ()):
                if other != st.id:
                    went.setdefault(st.id, {})[other] = None
                    came.setdefault(other, {})[st.id] = None
    if not went:
        return sections
    order = {st.id: n for n, st in enumerate(modified)}
    redlines = {st.id: st.redline for st in modified}

    def told(st: StatementChange) -> StatementChange:
        if st.id not in went and st.id not in came:
            return st
        return attrs.evolve(
            st,
            text_moved_to=tuple(sorted(went.get(st.id, {}), key=order.__getitem__)),
            text_moved_from=tuple(sorted(came.get(st.id, {}), key=order.__getitem__)),
            text_moved_only=_moved_only(
                st.redline,
                [redlines[to] for to in went.get(st.id, {})],
                [redlines[source] for source in came.get(st.id, {})],
            ),
        )

    return tuple(
        attrs.evolve(section, statements=tuple(told(st) for st in section.statements))
        for section in sections
    )


def _moved_only(
    redline: Sequence[Piece],
    went_to: Sequence[Sequence[Piece]],
    came_from: Sequence[Sequence[Piece]],
) -> bool:
    """Whether every word *redline* deletes went to, and every one it inserts came from, another.

    *went_to* are the redlines of the statements its deleted words went to,
    *came_from* of those its inserted words came from: a word moved lies in
    a run of :data:`MOVED_WORDS` one of them inserts (or deletes).
    """
    went = set().union(*(_runs(other, Op.INSERT) for other in went_to))
    came = set().union(*(_runs(other, Op.DELETE) for other in came_from))
    return (
        _moved_stretches(redline, Op.DELETE, went)[1]
        and _moved_stretches(redline, Op.INSERT, came)[1]
    )


def _runs(pieces: Sequence[Piece], op: Op) -> set[tuple[str, ...]]:
    """Every run of :data:`MOVED_WORDS` words inside the pieces of *pieces* whose op is *op*."""
    runs: set[tuple[str, ...]] = set()
    for piece in pieces:
        if piece.op is not op:
            continue
        words = piece.text.split()
        if len(words) >= MOVED_WORDS:  # most changed pieces are a word or two: no run
            words = [w for w in map(_bare, words) if w]
            runs.update(
                tuple(words[k : k + MOVED_WORDS]) for k in range(len(words) - MOVED_WORDS + 1)
            )
    return runs


@attrs.frozen
class TextMoves:
    """The text moved between statements that both stay, word for word, and what it left.

    Built by :func:`text_moves` from the change set's
    :attr:`StatementChange.text_moved_to`, for the board documents, which
    quote the words moved and say where they now stand.
    """

    text: dict[tuple[str, str], tuple[str, ...]]
    """By (from, to) statement ids (new ids): the stretches the first's redline deletes and
    the second's inserts, as the first wrote them (punctuation standing alone between their
    words aside), in its order: ``("A settled home is one of the strongest protections
    against re-offending.",)``."""
    only: frozenset[str]
    """The statements whose every word deleted or inserted moved to or from another (the
    punctuation and capitals at the cut aside): not reworded, whatever their redline shows,
    so the documents say where their words went instead of ``reworded``. Those whose
    :attr:`StatementChange.text_moved_only` the diff set, with every statement in view."""

    def moved(self, statement: StatementChange) -> list[tuple[str, str, tuple[str, ...]]]:
        """(from id, to id, text) for each move out of or into *statement*, in the new order.

        Only the moves between statements both of which the change set holds.
        """
        out = [(statement.id, to) for to in statement.text_moved_to]
        pairs = out + [(s, statement.id) for s in statement.text_moved_from]
        return [(s, to, self.text[s, to]) for s, to in pairs if (s, to) in self.text]


def text_moves(changes: ChangeSet) -> TextMoves:
    """What moved between *changes*' statements (:class:`TextMoves`), in one pass."""
    modified = {st.id: st for st in changes.statements() if st.text_moved_to or st.text_moved_from}
    inserted = {i: _runs(st.redline, Op.INSERT) for i, st in modified.items() if st.text_moved_from}
    text: dict[tuple[str, str], tuple[str, ...]] = {}
    for i, st in modified.items():
        # A change set cut to one significance may have left the other statement out.
        for to in (to for to in st.text_moved_to if to in inserted):
            text[i, to] = _moved_stretches(st.redline, Op.DELETE, inserted[to])[0]
    # As the diff found it, with every statement in view, so the documents'
    # words agree with the counts (StatementChange.counted) in any cut of it.
    only = frozenset(i for i, st in modified.items() if st.text_moved_only)
    return TextMoves(text, only)


def _moved_stretches(
    pieces: Sequence[Piece], op: Op, runs: set[tuple[str, ...]]
) -> tuple[tuple[str, ...], bool]:
    """The stretches of *pieces* of op *op* lying in runs of *runs*; and whether every word does.

    A word lies in a run when some :data:`MOVED_WORDS` words in a row that
    hold it, matched as :func:`_runs` matches them, are one of *runs*.
    """
    stretches: list[str] = []
    every = True
    for piece in pieces:
        if piece.op is not op:
            continue
        kept = [(word, bare) for word in piece.text.split() if (bare := _bare(word))]
        inside = [False] * len(kept)
        for k in range(len(kept) - MOVED_WORDS + 1):
            if tuple(bare for _, bare in kept[k : k + MOVED_WORDS]) in runs:
                inside[k : k + MOVED_WORDS] = [True] * MOVED_WORDS
        stretch: list[str] = []
        for (word, _), moved in zip(kept, inside, strict=True):
            if moved:
                stretch.append(word)
                continue
            every = False
            if stretch:
                stretches.append(" ".join(stretch))
                stretch = []
        if stretch:
            stretches.append(" ".join(stretch))
    return tuple(stretches), every


def _bare(word: str) -> str:
    """*word* as a move is matched: case folded, the punctuation around it dropped."""
    return word.strip(_AROUND_A_WORD).casefold()


_AROUND_A_WORD = ".,;:!?\"'()[]{}\u2018\u2019\u201c\u201d"


def _statement_change(
    statement: Statement,
    section_id: str,
    pairing: Pairing,
    old_home: dict[str, str],
    new_of_old: dict[str, str],
    significance: bool,
    parts: dict[str, str],
    sources: _Sources,
    split_into: tuple[str, ...] = (),
    merged_from: tuple[str, ...] = (),
) -> StatementChange:
    pair = pairing.pairs.get(statement.id)
    if pair is None:
        source = sources.split.get(statement.id, ())
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
            significance=Significance.SUBSTANTIVE if significance else None,
            findings=_part_findings(source) if significance else (),
            source_redline=source,
            merged_from=merged_from,
        )
    before = pair.old
    old_section = old_home[before.id]
    fields = _field_changes(before, statement)
    changed = before.text != statement.text or bool(fields)
    found: tuple[Finding, ...] = ()
    level = None
    own: list[bool] | None = None
    if (split_into or merged_from) and before.text != statement.text:
        own = _own_changes(
            pair.redline,
            before.text,
            statement.text,
            [old_text(sources.split.get(part, ())) for part in split_into],
            [new_text(sources.merge.get(part, ())) for part in merged_from],
        )
    if significance and changed:
        found = findings(before.text, statement.text, pair.redline, split=pair.split)
        if statement.id in parts:
            found = _not_moved_to_parts(found, parts[statement.id], before.text, statement.text)
        if own is not None:
            found = _own_findings(found, own)
        level = _significance(found, fields)
        if own is not None:
            # The whole's other half of a split or merge is news as the part is.
            level = Significance.SUBSTANTIVE
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
        similarity=_shown(pair.score),
        redline=pair.redline,
        fields=fields,
        # The redline already tells: splitting both texts again cost a fifth of
        # the diff of one 20,000-word statement.
        whitespace_only=before.text != statement.text
        and all(p.op is Op.EQUAL or p.text.isspace() for p in pair.redline),
        significance=level,
        findings=found,
        split_into=split_into,
        merged_from=merged_from,
        parts_only=own is not None and not any(own),
    )


def _parts_of(
    old: Version, new: Version, pairing: Pairing
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The parts of each whole: split parts by old id (new order), merge parts by new id (old)."""
    split_into: dict[str, list[str]] = {}
    merged_from: dict[str, list[str]] = {}
    if pairing.split_from:
        for _, st in new.statements():
            if st.id in pairing.split_from:
                split_into.setdefault(pairing.split_from[st.id], []).append(st.id)
    if pairing.merged_into:
        for _, st in old.statements():
            if st.id in pairing.merged_into:
                merged_from.setdefault(pairing.merged_into[st.id], []).append(st.id)
    return (
        {k: tuple(v) for k, v in split_into.items()},
        {k: tuple(v) for k, v in merged_from.items()},
    )


def _own_changes(
    pieces: Sequence[Piece],
    old: str,
    new: str,
    split_stretches: Sequence[str],
    merge_stretches: Sequence[str],
) -> list[bool]:
    """For each piece of a whole's redline, whether it is a change of the whole's own.

    A deleted piece whose words all lie in the stretch of the old text a
    split part came from (:attr:`StatementChange.source_redline`) went to
    the part; an inserted piece whose words all lie in the stretch of the
    new text a merge part went into came from it. White space and
    punctuation at the cut (``A.`` for ``A, B.``) are no change of the
    whole's either. Every other deleted or inserted piece is its own.
    """
    old_cover = _covered(old, split_stretches)
    new_cover = _covered(new, merge_stretches)
    own = []
    at_old = at_new = 0
    for piece in pieces:
        size = len(piece.text)
        if piece.op is Op.EQUAL:
            own.append(False)
            at_old += size
            at_new += size
        elif piece.op is Op.DELETE:
            own.append(_uncovered_word(piece.text, at_old, old_cover))
            at_old += size
        else:
            own.append(_uncovered_word(piece.text, at_new, new_cover))
            at_new += size
    return own


def _covered(text: str, stretches: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of *text* each stretch takes up: its first occurrence not yet taken.

    A span takes in the joining word just before it (``A, and B.`` cut into
    ``A.`` and ``B.`` lost its ``and`` with ``B``).
    """
    spans: list[tuple[int, int]] = []
    for stretch in stretches:
        stretch = stretch.strip()
        if not stretch:
            continue
        start = text.find(stretch)
        while start != -1 and any(a <= start < b for a, b in spans):
            start = text.find(stretch, start + 1)
        if start != -1:
            joined = _JOINED.search(text, 0, start)
            spans.append((joined.start() if joined else start, start + len(stretch)))
    return spans


_JOINED = re.compile(r"\b(?:and|but|or|also|then|while|whilst)\s+$", re.IGNORECASE)
"""A joining word (case aside) right before a stretch: it went with the part."""


def _uncovered_word(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether *text*, found at *offset*, has a word character outside every span."""
    return any(
        not any(a <= offset + m.start() < b for a, b in spans) for m in re.finditer(r"\w", text)
    )


def _own_findings(found: tuple[Finding, ...], own: Sequence[bool]) -> tuple[Finding, ...]:
    """*found* without the findings of a whole's redline that only cover what its parts took.

    With a change of its own left (*own*), a rewording at least stays.
    """
    if not any(own):
        return ()
    kept = tuple(f for f in found if not f.pieces or any(own[k] for k in f.pieces))
    return kept or (Finding(Kind.WORDING, None, None, tuple(k for k, o in enumerate(own) if o)),)


def _parts_text(old: Version, new: Version, pairing: Pairing, sources: _Sources) -> dict[str, str]:
    """For each paired statement split or merged, the text of its parts, by its new id.

    A split part's words were the whole's (``split_from``); a merge part's
    became the whole's (``merged_into``). With each part comes the stretch
    of the whole it was split out of or merged into (its source redline's
    other side): a ``should`` the part rewords on its way out still left the
    whole with the part, and the part's own findings say what became of it.
    """
    new_of = {p.old.id: new_id for new_id, p in pairing.pairs.items()}
    texts = {st.id: st.text for _, st in new.statements()}
    old_texts = {st.id: st.text for _, st in old.statements()}
    parts: dict[str, list[str]] = {}
    for part, whole in pairing.split_from.items():
        if whole in new_of:
            stretch = old_text(sources.split.get(part, ()))
            parts.setdefault(new_of[whole], []).extend((texts[part], stretch))
    for part, whole in pairing.merged_into.items():
        if whole in pairing.pairs:
            stretch = new_text(sources.merge.get(part, ()))
            parts.setdefault(whole, []).extend((old_texts[part], stretch))
    return {whole: "\n".join(text) for whole, text in parts.items()}


@attrs.frozen
class _Sources:
    """The source redlines of split and merge parts (:func:`policypos.redline.part_redline`).

    ``split``: by a split part's (new) id, the stretch of the old whole it
    came from against it. ``merge``: by a merge part's (old) id, it against
    the stretch of the new whole it went into.
    """

    split: dict[str, tuple[Piece, ...]]
    merge: dict[str, tuple[Piece, ...]]

    @classmethod
    def of(cls, old: Version, new: Version, pairing: Pairing) -> _Sources:
        if not pairing.split_from and not pairing.merged_into:
            return _NO_SOURCES
        old_texts = {st.id: st.text for _, st in old.statements()}
        new_texts = {st.id: st.text for _, st in new.statements()}
        split = {
            part: part_redline(old_texts[whole], new_texts[part])
            for part, whole in pairing.split_from.items()
        }
        merge = {
            part: inverse(part_redline(new_texts[whole], old_texts[part]))
            for part, whole in pairing.merged_into.items()
        }
        return cls(split, merge)


_NO_SOURCES = _Sources({}, {})


def _part_findings(source: tuple[Piece, ...]) -> tuple[Finding, ...]:
    """The findings of a split or merge part's own change, read off its source redline.

    None for a part carried word for word (or one with no source): the
    part's significance stays substantive whatever they say, as every added
    or removed statement's does (docs/diff.md, "Split and merge parts").
    """
    before, after = old_text(source), new_text(source)
    return findings(before, after, source) if before != after else ()


def _not_moved_to_parts(
    found: tuple[Finding, ...], parts: str, old: str, new: str
) -> tuple[Finding, ...]:
    """*found* without a modal, negation, amount or date that only went to or came from a part.

    Cutting ``Councils should plan. Probation should refer.`` in two leaves
    the whole without the second ``should``: that is not a softening, the
    sentence is in the split part. What is left of the change still has its
    finding (a rewording, at least).
    """

    def moved(text: str | None) -> bool:
        return text is not None and _holds(parts, text)

    kept = tuple(
        f
        for f in found
        if not (
            f.kind in _MOVABLE
            and ((f.new is None and moved(f.old)) or (f.old is None and moved(f.new)))
        )
    )
    if kept or old == new:
        return kept
    return (Finding(Kind.WORDING, None, None, ()),)  # the texts differ: never say nothing


_MOVABLE = frozenset({Kind.OBLIGATION, Kind.NEGATION, Kind.CONDITION, Kind.NUMBER, Kind.DATE})
"""Findings of a value that a split or merge may carry between the whole and a part."""


def _holds(text: str, words: str) -> bool:
    """Whether *text* holds *words* as whole words, case aside."""
    import re

    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE) is not None


def _significance(found: tuple[Finding, ...], fields: tuple[FieldChange, ...]) -> Significance:
    """A paired statement's significance, from its text's findings (:mod:`policypos.significance`).

    Added and removed statements are substantive, with no findings: all their
    words are new or gone. A change of fields other than the text is
    editorial, except a change of ``kind`` (a requirement becoming a point to
    consider), which is substantive.
    """
    if any(f.name == "kind" for f in fields):
        return Significance.SUBSTANTIVE
    return overall(found) or Significance.EDITORIAL


def _shown(score: float) -> float:
    """*score* to four places, never rounding a difference up to 1 (1 only for equal texts)."""
    return 1.0 if score == 1 else min(round(score, 4), 0.9999)


def _removed(
    statement: Statement,
    section_id: str,
    pairing: Pairing,
    significance: bool,
    sources: _Sources,
    split_into: dict[str, tuple[str, ...]],
) -> StatementChange:
    source = sources.merge.get(statement.id, ())
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
        significance=Significance.SUBSTANTIVE if significance else None,
        findings=_part_findings(source) if significance else (),
        source_redline=source,
        split_into=split_into.get(statement.id, ()),
    )


def _insert_removed(
    statements: list[StatementChange],
    before: Section,
    pairing: Pairing,
    significance: bool,
    sources: _Sources,
    split_into: dict[str, tuple[str, ...]],
) -> list[StatementChange]:
    """Place each removed statement of *before* after the statement that preceded it there."""
    removed = {
        st.id: _removed(st, before.id, pairing, significance, sources, split_into)
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


# "id" first: a statement or section paired under another id has changed, even
# when nothing else did (a renamed id is shown, counted and fails --exit-code).
_STATEMENT_FIELDS = ("id", "kind", "tags", "addresses", "note")
_SECTION_FIELDS = ("id", "intro", "addresses")
_VERSION_FIELDS = ("title", "preamble")


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
    cited, removals = new.citations(), new.removal_citations()
    cited_before = old.answers()
    return tuple(
        CommentTrace(
            comment,
            cited.get(comment.ref, ()),
            comment.ref in cited_before,
            removed_by=removals.get(comment.ref, ()),
        )
        for meeting in document.meetings
        for comment in meeting.comments
        if meeting.reviews in between or comment.ref in cited or comment.ref in removals
    )
