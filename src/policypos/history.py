"""One statement through the versions of its document, each compared with what it was built on."""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Callable, Sequence

import attrs

from policypos.changeset import ChangeSet, StatementChange
from policypos.diff import diff
from policypos.errors import NotFoundError
from policypos.model import Comment, Document, Statement, Status, Version
from policypos.pairing import STATEMENT_THRESHOLD, _best_matches, held_once, same_text_key
from policypos.redline import similarity

_PARAGRAPH = re.compile(r"[1-9][0-9]*\.[1-9][0-9]*")


class HistoryEvent(enum.StrEnum):
    """What a version did to the statement, compared with its base (the version it was built on)."""

    APPEARS = "appears"
    """The first version that holds it."""
    AMENDED = "amended"
    """Held by this version and its base, and changed: text, a field, its place."""
    KEPT = "kept"
    """Held by this version and its base, unchanged."""
    REMOVED = "removed"
    """Held by its base, not by this one."""
    ABSENT = "absent"
    """Still not held after being removed."""
    RESTORED = "restored"
    """Held again after one or more versions without it, its text much as it last was.

    Under the same id, or under a new one if the text is word for word the same.
    """
    REUSED = "reused"
    """The first version holding it, under an id that another statement held and lost before.

    The step where a statement appears, when its id was last held, further up
    its line of versions, by a text less than :data:`STATEMENT_THRESHOLD`
    alike: another statement given a freed id. The two are not linked.
    """


@attrs.frozen
class HistoryStep:
    """One version in a statement's history: what it did to the statement, and the result.

    ``section``, ``statement`` and ``number`` (its paragraph number, ``"4.3"``)
    are ``None`` where the version does not hold the statement. ``base`` is the
    version this one was built on (:meth:`policypos.Document.base_of`, withdrawn
    versions stepped over), ``None`` for the first step (where the statement
    appears). ``compared_with`` is the version ``change`` is counted from: the
    base for ``amended``, ``kept`` and ``removed``, the last version on its line
    that held the statement for ``restored``, the last that held its id (for
    another statement) for ``reused``; ``None`` for ``appears`` and ``absent``.
    ``change`` is ``None`` where the statement first appears (``appears``,
    ``reused``) or stays absent.

    Splits and merges along the step's own edge (its base to its version,
    :attr:`policypos.changeset.StatementChange.split_from` and ``merged_into``)
    are named by ids: ``split_into`` (the parts split off the statement here,
    ids in this version), ``split_from`` (for the step where a split part
    appears: the whole's id in the base), ``merged_from`` (statements of the
    base merged into this one here) and ``merged_into`` (for the step where
    the statement goes into another: that one's id in this version). Each
    part has a history of its own, which names the other side.
    """

    version: Version
    event: HistoryEvent
    section: str | None
    statement: Statement | None
    number: str | None
    change: StatementChange | None
    comments: tuple[Comment, ...] = ()
    base: Version | None = None
    compared_with: Version | None = None
    split_into: tuple[str, ...] = ()
    split_from: str | None = None
    merged_from: tuple[str, ...] = ()
    merged_into: str | None = None


_Line = tuple[int, str]
"""A statement's line of descent: the index of the version it first appeared in, and its id."""


def history(
    document: Document, statement: str, *, version: str | None = None
) -> tuple[HistoryStep, ...]:
    """Follow a statement from the version it first appears in through every version built on it.

    Args:
        document: the document.
        statement: a statement id, or a paragraph number (``"4.3"``) of *version*
            (default: the newest version). An id that some version holds wins
            over a paragraph number written the same way.
        version: the version the statement is looked up in (default: the
            newest version holding that id).

    Returns:
        One step per version, in tree order: a version, then the versions
        built on it (each branch whole, oldest branch first), so that on a
        straight line of versions the steps are in date order. Each version
        is compared with its ``base`` (:meth:`policypos.Document.base_of`), not
        with the version dated just before it: a draft based on an older
        version, or one of two drafts based on one version, is told relative
        to what it was built on. Versions not built (directly or through
        others) on the first version holding the statement are left out.

    Withdrawn versions are left out (they never came into force, and are not
    what later versions were based on), unless *version* is one, or no other
    version holds the id *statement* (then it is looked up in the newest
    withdrawn version holding it); a version based on one left out is taken as
    based on that one's own base. Each version is diffed with its base, so a
    statement whose id changed but whose text was paired (``matched_by:
    "text"``) is followed under its earlier and later ids. One removed and back
    in a later version built on the one that removed it is followed across the
    gap, whatever became of its old id meanwhile: under a new id if its text is
    word for word the one it last had (held once there and once where it comes
    back, white space aside: :func:`policypos.pairing.held_once`); else under
    its old id if the text is at least
    :data:`policypos.pairing.STATEMENT_THRESHOLD` alike; else under a new id by
    that same similarity rule, best pair first, as the diff pairs reworded
    statements within one comparison. An id back for an unlike text is another
    statement (``reused``), never linked to the old one.
    Splits and merges along each version's edge are named on its step
    (:class:`HistoryStep`). Each step lists the comments that touched the
    statement: those it cites in ``addresses`` and those whose ``on`` names it.

    Raises:
        NotFoundError: no such version, or it holds no such statement or paragraph.
    """
    try:
        return _Walk(document, version).steps(statement, version)
    except NotFoundError:
        withdrawn = _withdrawn_holding(document, statement) if version is None else None
        if withdrawn is None:
            raise
        return _Walk(document, withdrawn).steps(statement, withdrawn)


def _withdrawn_holding(document: Document, statement: str) -> str | None:
    """The newest withdrawn version holding the id *statement*, if any."""
    for v in reversed(document.versions):
        if v.status is Status.WITHDRAWN and _holds(v, statement):
            return v.id
    return None


class Histories:
    """Every statement's history in one document, from one walk of its versions.

    ``Histories(document).history(statement)`` is ``history(document,
    statement)``, but the versions' lines of descent, and the diff of each
    version with its base (or with the version a return was last held in), are
    worked out once for all the statements asked about, not once each: what
    ``policypos publish`` uses for its page per statement. Withdrawn versions
    are left out, as :func:`history` leaves them out, except for a statement
    that only withdrawn versions hold: it is followed from the newest of
    them, as :func:`history` follows it (one more walk, made once, for each
    such version).
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._walks: dict[str | None, _Walk] = {}

    def history(self, statement: str) -> tuple[HistoryStep, ...]:
        """The history of *statement*: an id, or a paragraph number of the newest version.

        Raises:
            NotFoundError: no version holds such a statement or paragraph.
        """
        try:
            return self._walk(None).steps(statement, None)
        except NotFoundError:
            withdrawn = _withdrawn_holding(self.document, statement)
            if withdrawn is None:
                raise
            return self._walk(withdrawn).steps(statement, withdrawn)

    def statements(self) -> list[str]:
        """Every statement id some version holds: the newest version's first, in order."""
        seen: dict[str, None] = {}
        for version in reversed(self.document.versions):
            seen.update((s.id, None) for _, s in version.statements())
        return list(seen)

    def _walk(self, withdrawn: str | None) -> _Walk:
        if withdrawn not in self._walks:
            self._walks[withdrawn] = _Walk(self.document, withdrawn)
        return self._walks[withdrawn]


class _Walk:
    """The versions as a tree, every statement's line of descent down it, and a cache of diffs."""

    def __init__(self, document: Document, version: str | None) -> None:
        self.document = document
        self.versions = tuple(
            v for v in document.versions if v.status is not Status.WITHDRAWN or v.id == version
        )
        self.parent = _bases(document, self.versions)
        self.order = _tree_order(self.parent)
        self._cache: dict[tuple[int, int], ChangeSet] = {}
        self.descent = _descent(self.versions, self.parent, self.order, self.changes)

    def changes(self, earlier: int, later: int) -> ChangeSet:
        """The diff of two versions (indices into :attr:`versions`), made once."""
        if (earlier, later) not in self._cache:
            self._cache[earlier, later] = diff(self.versions[earlier], self.versions[later])
        return self._cache[earlier, later]

    def steps(self, statement: str, version: str | None) -> tuple[HistoryStep, ...]:
        """The steps of :func:`history`."""
        document, versions, parent = self.document, self.versions, self.parent
        start, statement_id = _anchor(document, versions, statement, version)
        held, lost, reused = self.descent
        changes = self.changes
        line = held[start][statement_id]
        first = line[0]
        ids = {k: i for k in self.order for i, ln in held[k].items() if ln == line}
        all_ids = set(ids.values())
        shown = _subtree(first, parent, self.order)
        steps = []
        for k in shown:
            p = parent[k]
            base = versions[p] if p is not None and k != first else None
            held_id = ids.get(k)
            edge = changes(p, k) if p is not None else None
            was = ids.get(p) if p is not None else None
            split_into = _split_into(edge, was)
            if held_id is None:
                assert p is not None  # only the first version of the line has none, and holds it
                if was is not None:
                    assert edge is not None
                    change = _find_change(edge, old_id=was)
                    step = HistoryStep(
                        versions[k],
                        HistoryEvent.REMOVED,
                        None,
                        None,
                        None,
                        change,
                        (),
                        base,
                        base,
                        split_into=split_into,
                        merged_into=change.merged_into if change is not None else None,
                    )
                else:
                    step = HistoryStep(
                        versions[k], HistoryEvent.ABSENT, None, None, None, None, (), base
                    )
                steps.append(step)
                continue
            section, current = versions[k].statement(held_id)
            compared: Version | None = base
            here = _find_change(edge, new_id=held_id) if edge is not None else None
            if k == first or p is None:
                event, change = HistoryEvent.APPEARS, None
                if line in reused:
                    event, compared = HistoryEvent.REUSED, versions[reused[line]]
            elif was is not None:
                change = here
                changed = change is not None and change.changed
                event = HistoryEvent.AMENDED if changed else HistoryEvent.KEPT
            else:
                last, last_id = lost[p][line]
                compared = versions[last]
                event = HistoryEvent.RESTORED
                change = _find_change(changes(last, k), new_id=held_id)
                if change is None or change.old is None or change.old.id != last_id:
                    change = _one_pair(versions[last], last_id, versions[k], held_id)
            touched = tuple(
                c for c in document.comments() if c.ref in current.addresses or set(c.on) & all_ids
            )
            number = versions[k].paragraph_numbers()[held_id]
            steps.append(
                HistoryStep(
                    versions[k],
                    event,
                    section.id,
                    current,
                    number,
                    change,
                    touched,
                    base,
                    compared,
                    split_into=split_into,
                    split_from=here.split_from if here is not None and k == first else None,
                    merged_from=_merged_from(edge, held_id),
                )
            )
        return tuple(steps)


def _one_pair(before: Version, old_id: str, after: Version, new_id: str) -> StatementChange | None:
    """The change from *old_id* in *before* to *new_id* in *after*, the two taken as one.

    For a return the whole-version diff pairs otherwise (its new id was another
    statement's in *before*): each version cut down to that statement's section
    holding that statement alone, so that the diff can pair only the two.
    """
    old_section, old = before.statement(old_id)
    new_section, new = after.statement(new_id)
    alone = (
        attrs.evolve(before, sections=(attrs.evolve(old_section, statements=(old,)),)),
        attrs.evolve(after, sections=(attrs.evolve(new_section, statements=(new,)),)),
    )
    return _find_change(diff(*alone), new_id=new_id)


def _split_into(edge: ChangeSet | None, whole: str | None) -> tuple[str, ...]:
    """The ids of the statements *edge* adds as parts split out of the old statement *whole*."""
    if edge is None or whole is None:
        return ()
    return tuple(c.id for c in edge.statements() if c.new is not None and c.split_from == whole)


def _merged_from(edge: ChangeSet | None, whole: str) -> tuple[str, ...]:
    """The old ids of the statements *edge* removes as parts merged into the new *whole*."""
    if edge is None:
        return ()
    return tuple(c.id for c in edge.statements() if c.new is None and c.merged_into == whole)


def newest(steps: Sequence[HistoryStep]) -> HistoryStep | None:
    """The step of the newest version (by date, then id) that holds the statement, if any.

    Views name the statement by its id there; on a straight line of versions
    that is the last step holding it.
    """
    held = [s for s in steps if s.statement is not None]
    return max(held, key=lambda s: (s.version.date, s.version.id), default=None)


def branches(steps: Sequence[HistoryStep]) -> bool:
    """Whether *steps* branch: some step's base is not the version listed just before it."""
    return any(
        step.base is not None and step.base is not before.version
        for before, step in itertools.pairwise(steps)
    )


def _bases(document: Document, versions: tuple[Version, ...]) -> list[int | None]:
    """Each version's base as an index into *versions*, or ``None`` for a first version.

    A base left out of *versions* (withdrawn) is replaced by its own base; a
    base that names no version, or a loop of ``based_on`` (both of which
    ``validate`` reports), ends the line there.
    """
    index = {v.id: k for k, v in enumerate(versions)}
    known = {v.id: v for v in document.versions}
    parent: list[int | None] = []
    for v in versions:
        seen = {v.id}
        base = document.base_of(v)
        while base is not None and base not in index and base in known and base not in seen:
            seen.add(base)
            base = document.base_of(known[base])
        parent.append(index.get(base) if base is not None else None)
    for k in range(len(versions)):  # cut each loop at its earliest version
        path: list[int] = []
        j: int | None = k
        while j is not None and j not in path:
            path.append(j)
            j = parent[j]
        if j is not None:
            parent[min(path[path.index(j) :])] = None
    return parent


def _tree_order(parent: list[int | None]) -> list[int]:
    """The versions as a tree, depth first: each version, then its branches, oldest first."""
    children: dict[int | None, list[int]] = {}
    for k, p in enumerate(parent):
        children.setdefault(p, []).append(k)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        k = stack.pop()
        order.append(k)
        stack.extend(reversed(children.get(k, [])))
    return order


def _subtree(root: int, parent: list[int | None], order: list[int]) -> list[int]:
    """*root* and every version built on it, in tree order."""
    inside = {root}
    for k in order:
        p = parent[k]
        if p is not None and p in inside:
            inside.add(k)
    return [k for k in order if k in inside]


_Descent = tuple[list[dict[str, _Line]], list[dict[_Line, tuple[int, str]]], dict[_Line, int]]
"""Each version's statement ids with their lines; the lines lost on the way to it; reused ids."""


def _descent(
    versions: tuple[Version, ...],
    parent: list[int | None],
    order: list[int],
    changes: Callable[[int, int], ChangeSet],
) -> _Descent:
    """Every statement's line of descent, version by version down the tree.

    Returns, for each version, its statement ids with their lines, and the
    lines removed on the way to it (not held there), each with the last
    version on the way that held it and its id there; and the lines that
    start under an id a lost line last had, each with the version that held
    the id last (``reused``). A statement the diff with the base calls added
    continues a removed line:

    1. if its text is that line's last text word for word (held once in each
       version);
    2. else if its id is that line's last id (the most recently removed line
       with that id) and its text at least :data:`STATEMENT_THRESHOLD` alike;
    3. else by text similarity, as :func:`policypos.pairing.pair_statements`
       pairs statements left over by their ids: best pair first, never below
       :data:`STATEMENT_THRESHOLD`, among the lines lost before the base
       (those lost in the base's own diff were the diff's to pair).

    Otherwise it starts a line of its own, even under a lost line's id: an
    id does not make two texts one statement.
    """
    held: list[dict[str, _Line]] = [{} for _ in versions]
    lost: list[dict[_Line, tuple[int, str]]] = [{} for _ in versions]
    reused: dict[_Line, int] = {}
    once: dict[int, dict[str, str]] = {}

    def texts_once(k: int) -> dict[str, str]:
        if k not in once:
            once[k] = held_once(versions[k])
        return once[k]

    def last_text(where: int, last_id: str) -> str:
        return versions[where].statement(last_id)[1].text

    for k in order:
        p = parent[k]
        if p is None:
            held[k] = {s.id: (k, s.id) for _, s in versions[k].statements()}
            continue
        mine: dict[str, _Line] = {}
        gone = dict(lost[p])
        added: list[Statement] = []
        for change in changes(p, k).statements():
            if change.old is not None and change.new is not None:
                mine[change.new.id] = held[p][change.old.id]
            elif change.old is not None:
                line = held[p][change.old.id]
                gone.pop(line, None)  # to the end: the most recently removed
                gone[line] = (p, change.old.id)
            elif change.new is not None:
                added.append(change.new)
        if added and gone:
            freed = {last_id: where for where, last_id in gone.values() if where != p}
            here = texts_once(k)
            by_text: dict[str, list[_Line]] = {}
            for line, (where, last_id) in gone.items():
                key = same_text_key(last_text(where, last_id))
                if texts_once(where).get(key) == last_id:
                    by_text.setdefault(key, []).append(line)
            left = []
            for new in added:
                key = same_text_key(new.text)
                lines = by_text.get(key, [])
                if here.get(key) == new.id and len(lines) == 1:
                    mine[new.id] = lines[0]
                    del gone[lines[0]]
                else:
                    left.append(new)
            by_id = {last_id: line for line, (_, last_id) in gone.items()}
            unlinked = []
            for new in left:
                back = by_id.pop(new.id, None)
                if back is not None and not _reused(versions[gone[back][0]], gone[back][1], new):
                    mine[new.id] = back
                    del gone[back]
                else:
                    unlinked.append(new)
            earlier = [line for line in gone if line in lost[p]]
            for i, j in _best_matches(
                [last_text(*gone[line]) for line in earlier],
                [new.text for new in unlinked],
                STATEMENT_THRESHOLD,
            ):
                mine[unlinked[j].id] = earlier[i]
                del gone[earlier[i]]
            for new in unlinked:
                if new.id not in mine:
                    mine[new.id] = (k, new.id)
                    if new.id in freed:
                        reused[k, new.id] = freed[new.id]
        else:
            mine.update((new.id, (k, new.id)) for new in added)
        held[k], lost[k] = mine, gone
    return held, lost, reused


def _reused(before: Version, held: str, now: Statement) -> bool:
    """Whether *now*, back after a gap, is unlike the text *before* last held under *held*.

    Below the threshold at which the diff pairs two texts by their words, it
    is another statement given a freed id, not the old one restored.
    """
    _, last = before.statement(held)
    return similarity(last.text, now.text) < STATEMENT_THRESHOLD


def _anchor(
    document: Document, versions: tuple[Version, ...], statement: str, version: str | None
) -> tuple[int, str]:
    """The index in *versions* of the version to start from, and the statement's id there."""
    if version is not None:
        chosen = versions.index(document.version(version))
        candidates = [chosen]
    else:
        candidates = list(range(len(versions) - 1, -1, -1))
    for k in candidates:
        if _holds(versions[k], statement):
            return k, statement
    if _PARAGRAPH.fullmatch(statement) and versions:
        k = candidates[0]
        by_number = {n: i for i, n in versions[k].paragraph_numbers().items()}
        if statement in by_number:
            return k, by_number[statement]
        where = f"{document.id}@{versions[k].id}"
        raise NotFoundError("paragraph", statement, by_number, within=where)
    where = f"{document.id}@{version}" if version is not None else document.id
    # The ids of the version looked in first (the newest), then any other version's.
    known = [s.id for k in candidates for _, s in versions[k].statements()]
    raise NotFoundError("statement", statement, dict.fromkeys(known), within=where)


def _holds(version: Version, statement_id: str) -> bool:
    return any(s.id == statement_id for _, s in version.statements())


def _find_change(
    changes: ChangeSet, *, new_id: str | None = None, old_id: str | None = None
) -> StatementChange | None:
    for change in changes.statements():
        if new_id is not None and change.new is not None and change.id == new_id:
            return change
        if old_id is not None and change.old is not None and change.old_id == old_id:
            return change
    return None
