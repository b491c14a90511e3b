"""history(): one statement through every version, across id changes, removals and returns."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from policypos import Document, NotFoundError, Section, Statement, Status, Version
from policypos.history import HistoryEvent, HistoryStep, history
from tests.conftest import MakeRepo

if TYPE_CHECKING:
    from click.testing import Result

LONG = "Councils should plan for the housing needs of people leaving prison so nobody is homeless"


def version(
    vid: str,
    month: int,
    *sections: tuple[str, list[tuple[str, str]]],
    based_on: str | None = None,
) -> Version:
    return Version(
        vid,
        dt.date(2024, month, 1),
        Status.DRAFT,
        tuple(
            Section(sid, sid.upper(), tuple(Statement(i, t) for i, t in body))
            for sid, body in sections
        ),
        based_on=based_on,
    )


def trail(doc: Document, statement: str, **kw: str) -> list[tuple[str, str, str | None]]:
    """Each step as (version, event, statement id or None)."""
    return [
        (s.version.id, s.event.value, s.statement.id if s.statement else None)
        for s in history(doc, statement, **kw)
    ]


class TestHistory:
    """Every version from the first appearance has a step saying what it did."""

    def test_follows_a_renumbered_statement(self) -> None:
        """A statement re-id'd with light edits, then moved, is followed under both ids."""
        v1 = version("v1", 1, ("a", [("old-id", LONG)]))
        v2 = version("v2", 2, ("a", [("new-id", LONG + " soon")]))
        v3 = version(
            "v3", 3, ("a", [("other", "Something else.")]), ("b", [("new-id", LONG + " soon")])
        )
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        steps = history(doc, "old-id")
        assert [(s.version.id, s.event, s.section, s.number) for s in steps] == [
            ("v1", HistoryEvent.APPEARS, "a", "1.1"),
            ("v2", HistoryEvent.AMENDED, "a", "1.1"),
            ("v3", HistoryEvent.AMENDED, "b", "2.1"),
        ]
        assert steps[1].change is not None
        assert steps[1].change.matched_by == "text"
        assert steps[2].change is not None
        assert steps[2].change.moved
        assert trail(doc, "new-id") == trail(doc, "old-id")

    def test_removed_and_back(self) -> None:
        """In v1, gone in v2 and v3, back under the same id in v4: every version is accounted for."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", "Other.")]))
        v2 = version("v2", 2, ("a", [("y", "Other.")]))
        v3 = version("v3", 3, ("a", [("y", "Other!")]))
        v4 = version("v4", 4, ("a", [("y", "Other!"), ("x", LONG + " at all")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3, v4))
        expected = [
            ("v1", "appears", "x"),
            ("v2", "removed", None),
            ("v3", "absent", None),
            ("v4", "restored", "x"),
        ]
        assert trail(doc, "x") == expected
        assert trail(doc, "x", version="v1") == expected
        restored = history(doc, "x")[-1]
        # The redline of a return is counted from the last version that held it.
        assert restored.change is not None
        assert restored.change.old is not None
        assert restored.change.old.text == LONG
        assert restored.number == "1.2"
        absent = history(doc, "x")[2]
        assert (absent.base, absent.compared_with) == (v2, None)

    def test_an_id_reused_for_another_text_is_not_restored(self) -> None:
        """Back after a gap with unlike text: another statement, ``reused``, not linked to the old."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", "Other.")]))
        v2 = version("v2", 2, ("a", [("y", "Other.")]))
        v3 = version("v3", 3, ("a", [("y", "Other."), ("x", "Police forces must not share data.")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "x") == [("v3", "reused", "x")]
        reused = history(doc, "x")[-1]
        assert reused.change is None
        assert reused.base is None  # the first step of its own history
        assert reused.compared_with == v1  # where the id was last held, for the reader
        assert trail(doc, "x", version="v1") == [
            ("v1", "appears", "x"),
            ("v2", "removed", None),
            ("v3", "absent", None),
        ]

    def test_a_withdrawn_version_is_left_out(self) -> None:
        """A withdrawn draft between two versions is not a removal followed by a return."""
        v1 = version("v1", 1, ("a", [("x", LONG)]))
        withdrawn = attrs.evolve(
            version("w", 2, ("a", [("z", "Something else.")])), status=Status.WITHDRAWN
        )
        v3 = version("v3", 3, ("a", [("x", LONG)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, withdrawn, v3))
        assert trail(doc, "x") == [("v1", "appears", "x"), ("v3", "kept", "x")]
        assert trail(doc, "z", version="w") == [("w", "appears", "z"), ("v3", "removed", None)]

    def test_back_to_the_last_statement_that_had_the_id(self) -> None:
        """Two removed statements last had id x: an x coming back continues the later one."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", OTHER)]))
        v2 = version("v2", 2, ("a", [("x", OTHER)]))  # y's text renumbered to x; old x gone
        v3 = version("v3", 3, ("a", [("z", THIRD)]))
        v4 = version("v4", 4, ("a", [("z", THIRD), ("x", OTHER + " now")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3, v4))
        assert trail(doc, "x") == [
            ("v1", "appears", "y"),
            ("v2", "amended", "x"),
            ("v3", "removed", None),
            ("v4", "restored", "x"),
        ]

    def test_kept(self) -> None:
        """A version that left the statement alone says so."""
        v1 = version("v1", 1, ("a", [("x", LONG)]))
        v2 = version("v2", 2, ("a", [("x", LONG)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2))
        assert trail(doc, "x") == [("v1", "appears", "x"), ("v2", "kept", "x")]

    def test_starts_where_it_first_appears(self) -> None:
        """Versions before the first appearance are not listed."""
        v1 = version("v1", 1, ("a", [("y", "Other.")]))
        v2 = version("v2", 2, ("a", [("y", "Other."), ("x", LONG)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2))
        assert trail(doc, "x") == [("v2", "appears", "x")]

    def test_paragraph_number(self) -> None:
        """A paragraph number names a statement of the given version, else of the newest."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", "Other.")]))
        v2 = version("v2", 2, ("a", [("y", "Other.")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2))
        assert trail(doc, "1.1") == [("v1", "appears", "y"), ("v2", "kept", "y")]
        assert trail(doc, "1.1", version="v1") == [("v1", "appears", "x"), ("v2", "removed", None)]

    def test_an_id_wins_over_a_paragraph_number(self) -> None:
        """Ids may look like numbers: one that some version holds is taken as an id."""
        v1 = version("v1", 1, ("a", [("1.2", LONG), ("y", "Other.")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1,))
        assert trail(doc, "1.2") == [("v1", "appears", "1.2")]

    def test_unknown(self) -> None:
        """A statement or paragraph that is not there is a NotFoundError naming where."""
        doc = Document.create(
            "d", "T", "O", "B", versions=(version("v1", 1, ("a", [("x", LONG)])),)
        )
        with pytest.raises(NotFoundError, match=r"no statement 'zz' in d \(known: x\)$"):
            history(doc, "zz")
        with pytest.raises(NotFoundError, match=r"no paragraph '3.1' in d@v1 \(known: 1.1\)$"):
            history(doc, "3.1")
        with pytest.raises(NotFoundError, match=r"no version 'd@v9'"):
            history(doc, "x", version="v9")


class TestHeading:
    """The text view names the statement by its newest id."""

    def test_newest_id_names_it(self) -> None:
        from policypos.views import history_text

        v1 = version("v1", 1, ("a", [("gen-1", LONG)]))
        v2 = version("v2", 2, ("a", [("general-1", LONG + " soon")]))
        v3 = version("v3", 3, ("a", [("gen-1", LONG + " soon")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        text = history_text(doc, history(doc, "gen-1"))
        assert text.splitlines()[0] == "d: statement gen-1 (formerly general-1)"


OTHER = "Probation services should share their caseload data with housing teams each quarter"
THIRD = "The board asks government to fund a national helpline for families of prisoners"


class TestBackUnderANewId:
    """A text removed and brought back word for word under a new id is the same statement."""

    def doc(self, back: str = LONG) -> Document:
        v1 = version("v1", 1, ("a", [("ee-3", LONG), ("ee-4", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-4", OTHER)]))
        v3 = version("v3", 3, ("a", [("ee-4", OTHER), ("ee-7", back)]))
        return Document.create("d", "T", "O", "B", versions=(v1, v2, v3))

    def test_followed_from_the_old_id(self) -> None:
        """Following ee-3 does not stop at its removal: v3 holds its text as ee-7."""
        doc = self.doc()
        expected = [("v1", "appears", "ee-3"), ("v2", "removed", None), ("v3", "restored", "ee-7")]
        assert trail(doc, "ee-3") == expected
        back = history(doc, "ee-3")[-1]
        assert back.compared_with is not None
        assert back.compared_with.id == "v1"
        assert back.base is not None
        assert back.base.id == "v2"
        assert back.change is not None
        assert back.change.old is not None
        assert back.change.old.id == "ee-3"
        assert back.change.similarity == 1.0

    def test_followed_from_the_new_id(self) -> None:
        """Following ee-7 shows where it came from."""
        doc = self.doc()
        assert trail(doc, "ee-7") == trail(doc, "ee-3")

    def test_white_space_aside(self) -> None:
        """Line breaks and doubled spaces do not make another text."""
        doc = self.doc("  " + LONG.replace(" ", "\n  ", 3) + "\n")
        assert trail(doc, "ee-3")[-1] == ("v3", "restored", "ee-7")

    def test_reworded_on_return_is_linked(self) -> None:
        """Back under a new id with a few words changed: restored, redlined from its last text."""
        doc = self.doc(LONG + " again")
        expected = [("v1", "appears", "ee-3"), ("v2", "removed", None), ("v3", "restored", "ee-7")]
        assert trail(doc, "ee-3") == expected
        assert trail(doc, "ee-7") == expected
        back = history(doc, "ee-7")[-1]
        assert back.compared_with is not None
        assert back.compared_with.id == "v1"
        assert back.change is not None
        assert back.change.old is not None
        assert back.change.old.id == "ee-3"
        assert back.change.reworded

    def test_reworded_beyond_the_threshold_is_not_linked(self) -> None:
        """Under 0.6 alike to its last text, a new id holds another statement, as in a diff."""
        doc = self.doc(THIRD)
        assert trail(doc, "ee-3")[-1] == ("v3", "absent", None)
        assert trail(doc, "ee-7") == [("v3", "appears", "ee-7")]

    def test_redlined_from_its_own_last_text(self) -> None:
        """Back as ee-7, an id that once held another text: the redline is from ee-3's text."""
        v1 = version("v1", 1, ("a", [("ee-3", LONG), ("ee-7", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-5", THIRD)]))
        v3 = version("v3", 3, ("a", [("ee-5", THIRD), ("ee-7", LONG + " again")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "ee-7") == [
            ("v1", "appears", "ee-3"),
            ("v2", "removed", None),
            ("v3", "restored", "ee-7"),
        ]
        back = history(doc, "ee-7")[-1]
        assert back.change is not None
        assert back.change.old is not None
        assert (back.change.old.id, back.change.old.text) == ("ee-3", LONG)
        assert back.change.matched_by == "text"

    def test_the_best_pair_first(self) -> None:
        """Two removed statements back reworded under new ids: each goes to its closest text."""
        v1 = version("v1", 1, ("a", [("ee-3", LONG), ("ee-4", OTHER), ("ee-5", THIRD)]))
        v2 = version("v2", 2, ("a", [("ee-5", THIRD)]))
        v3 = version(
            "v3", 3, ("a", [("ee-5", THIRD), ("ee-8", OTHER + " now"), ("ee-9", LONG + " now")])
        )
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "ee-3")[-1] == ("v3", "restored", "ee-9")
        assert trail(doc, "ee-4")[-1] == ("v3", "restored", "ee-8")

    def test_a_text_held_twice_goes_to_the_first(self) -> None:
        """Held twice where it comes back, it is linked as the diff pairs it: with the first."""
        from policypos.diff import diff

        v1 = version("v1", 1, ("a", [("ee-3", LONG), ("ee-4", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-4", OTHER)]))
        v3 = version("v3", 3, ("a", [("ee-4", OTHER), ("ee-7", LONG)]), ("b", [("ee-8", LONG)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "ee-3")[-1] == ("v3", "restored", "ee-7")
        assert trail(doc, "ee-8") == [("v3", "appears", "ee-8")]
        paired = {c.old_id: c.id for c in diff(v1, v3).statements() if c.old and c.new}
        assert paired["ee-3"] == "ee-7"

    def test_the_text_wins_over_a_freed_id(self) -> None:
        """Its text back under a new id, and its old id on another text: the text is followed."""
        v1 = version("v1", 1, ("a", [("ee-3", LONG), ("ee-4", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-4", OTHER)]))
        v3 = version("v3", 3, ("a", [("ee-4", OTHER), ("ee-7", LONG), ("ee-3", THIRD)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "ee-3", version="v1")[-1] == ("v3", "restored", "ee-7")
        assert trail(doc, "ee-3") == [("v3", "reused", "ee-3")]

    def test_a_freed_id_taken_at_once_is_another_statement(self) -> None:
        """Renumbered ee-1 -> ee-2, and a new ee-1: the new one is not the old ee-1 amended."""
        v1 = version("v1", 1, ("a", [("ee-1", LONG), ("ee-2", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-1", THIRD), ("ee-2", LONG), ("ee-3", OTHER)]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2))
        assert trail(doc, "ee-1") == [("v2", "appears", "ee-1")]
        assert trail(doc, "ee-2") == [("v1", "appears", "ee-1"), ("v2", "amended", "ee-2")]

    def test_no_link_across_branches(self) -> None:
        """A text removed on one branch is not 'back' on another that never removed it."""
        v1 = version("v1", 1, ("a", [("ee-4", OTHER)]))
        v2 = version("v2", 2, ("a", [("ee-4", OTHER), ("ee-3", LONG)]))
        v3 = version("v3", 3, ("a", [("ee-4", OTHER)]))
        side = version("side", 4, ("a", [("ee-4", OTHER), ("ee-7", LONG)]), based_on="v1")
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3, side))
        assert trail(doc, "ee-3") == [("v2", "appears", "ee-3"), ("v3", "removed", None)]
        assert trail(doc, "ee-7") == [("side", "appears", "ee-7")]


def bases(doc: Document, statement: str, **kw: str) -> list[tuple[str, str | None]]:
    """Each step as (version, its base's id or None)."""
    return [
        (s.version.id, s.base.id if s.base is not None else None)
        for s in history(doc, statement, **kw)
    ]


class TestBranches:
    """Each version is compared with the version it was built on, not the one dated before it."""

    def test_a_draft_based_on_an_older_version(self) -> None:
        """A draft built on v1 while v2 exists: compared with v1, nothing is 'undone'."""
        v1 = version("v1", 1, ("a", [("x", LONG)]))
        v2 = version("v2", 2, ("a", [("x", LONG + " at all")]))
        d = version("d", 3, ("a", [("x", LONG)]), based_on="v1")
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, d))
        assert trail(doc, "x") == [
            ("v1", "appears", "x"),
            ("v2", "amended", "x"),
            ("d", "kept", "x"),
        ]
        assert bases(doc, "x") == [("v1", None), ("v2", "v1"), ("d", "v1")]
        kept = history(doc, "x")[-1]
        assert kept.change is not None
        assert not kept.change.changed
        assert kept.compared_with is not None
        assert kept.compared_with.id == "v1"

    def test_two_drafts_from_one_version(self) -> None:
        """One draft removes it, the other keeps it: neither 'restores' it."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", OTHER)]))
        a = version("a", 2, ("a", [("y", OTHER)]), based_on="v1")
        b = version("b", 3, ("a", [("x", LONG), ("y", OTHER)]), based_on="v1")
        doc = Document.create("d", "T", "O", "B", versions=(v1, a, b))
        assert trail(doc, "x") == [
            ("v1", "appears", "x"),
            ("a", "removed", None),
            ("b", "kept", "x"),
        ]
        assert bases(doc, "x") == [("v1", None), ("a", "v1"), ("b", "v1")]

    def test_each_branch_whole_in_tree_order(self) -> None:
        """Steps go down one branch before the next, so each is read as a line."""
        v1 = version("v1", 1, ("a", [("x", LONG)]))
        side = version("side", 2, ("a", [("x", LONG + " soon")]), based_on="v1")
        v2 = version("v2", 3, ("a", [("x", LONG + " now")]), based_on="v1")
        side2 = version("side2", 4, ("a", [("x", LONG + " soon enough")]), based_on="side")
        doc = Document.create("d", "T", "O", "B", versions=(v1, side, v2, side2))
        assert bases(doc, "x") == [("v1", None), ("side", "v1"), ("side2", "side"), ("v2", "v1")]
        assert [e for _, e, _ in trail(doc, "x")] == ["appears", "amended", "amended", "amended"]
        change = history(doc, "x")[2].change
        assert change is not None
        assert change.old is not None
        assert change.old.text == LONG + " soon"
        from policypos.views import history_branches

        assert history_branches(history(doc, "x")) == "v1 -> side -> side2; v1 -> v2"

    def test_a_branch_without_it_is_left_out(self) -> None:
        """A draft built on a version before the statement appeared does not 'remove' it."""
        v1 = version("v1", 1, ("a", [("y", OTHER)]))
        v2 = version("v2", 2, ("a", [("y", OTHER), ("x", LONG)]))
        d = version("d", 3, ("a", [("y", OTHER)]), based_on="v1")
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, d))
        assert trail(doc, "x") == [("v2", "appears", "x")]

    def test_a_gap_is_followed_down_its_own_branch(self) -> None:
        """Removed on the main line, back in a draft built on the removal: restored from v1."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", OTHER)]))
        v2 = version("v2", 2, ("a", [("y", OTHER)]))
        side = version("side", 3, ("a", [("y", OTHER), ("x", LONG)]), based_on="v1")
        v3 = version("v3", 4, ("a", [("y", OTHER), ("x", LONG)]), based_on="v2")
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, side, v3))
        assert trail(doc, "x") == [
            ("v1", "appears", "x"),
            ("v2", "removed", None),
            ("v3", "restored", "x"),
            ("side", "kept", "x"),
        ]

    def test_based_on_a_withdrawn_version(self) -> None:
        """A version built on a withdrawn one (left out) is compared with that one's base."""
        v1 = version("v1", 1, ("a", [("x", LONG)]))
        w = attrs.evolve(version("w", 2, ("a", [("x", OTHER)])), status=Status.WITHDRAWN)
        d = version("d", 3, ("a", [("x", LONG)]), based_on="w")
        doc = Document.create("d", "T", "O", "B", versions=(v1, w, d))
        assert trail(doc, "x") == [("v1", "appears", "x"), ("d", "kept", "x")]
        assert bases(doc, "x") == [("v1", None), ("d", "v1")]
        assert bases(doc, "x", version="w") == [("v1", None), ("w", "v1"), ("d", "w")]

    def test_a_loop_of_bases_does_not_hang(self) -> None:
        """based_on in a loop (validate reports it) is cut at its earliest version."""
        a = version("a", 1, ("s", [("x", LONG)]), based_on="b")
        b = version("b", 2, ("s", [("x", LONG + " now")]), based_on="a")
        doc = Document.create("d", "T", "O", "B", versions=(a, b))
        assert trail(doc, "x") == [("a", "appears", "x"), ("b", "amended", "x")]

    def test_an_unknown_base_starts_a_tree(self) -> None:
        """based_on naming no version (validate reports it): the version starts a tree of its own."""
        v1 = version("v1", 1, ("s", [("x", LONG)]))
        v2 = version("v2", 2, ("s", [("x", LONG)]), based_on="nowhere")
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2))
        assert trail(doc, "x") == [("v2", "appears", "x")]
        assert trail(doc, "x", version="v1") == [("v1", "appears", "x")]


# --- the property: on a straight line, the history is the date-order one ---------------

TEXTS = (LONG, OTHER, THIRD, LONG + " soon", "Short.")
IDS = ("p", "q", "r", "s")


@st.composite
def straight_lines(draw: st.DrawFn) -> Document:
    """Versions one a month, each built on the one before; ids and texts from small pools."""
    count = draw(st.integers(1, 5))
    versions = []
    for n in range(count):
        ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4))
        texts = draw(st.lists(st.sampled_from(TEXTS), min_size=len(ids), max_size=len(ids)))
        explicit = draw(st.booleans())
        versions.append(
            version(
                f"v{n}",
                n + 1,
                ("a", list(zip(ids, texts, strict=True))),
                based_on=f"v{n - 1}" if n and explicit else None,
            )
        )
    return Document.create("d", "T", "O", "B", versions=tuple(versions))


def _paired_under_another_id(doc: Document) -> bool:
    """Whether the diff of two consecutive versions pairs a statement under another id.

    There the date-order history looked past the diff: a new text given the
    id of one just renumbered away was taken for it (see
    :meth:`TestBackUnderANewId.test_a_freed_id_taken_at_once_is_another_statement`).
    """
    from policypos.diff import diff

    return any(
        change.old is not None and change.new is not None and change.old.id != change.new.id
        for before, after in itertools.pairwise(doc.versions)
        for change in diff(before, after).statements()
    )


def _comes_back_under_a_new_id(doc: Document) -> bool:
    """Whether some text leaves a version and later returns, much alike, under another id."""
    from policypos.pairing import STATEMENT_THRESHOLD
    from policypos.redline import similarity

    held = [{s.text: s.id for _, s in v.statements()} for v in doc.versions]
    for i, before in enumerate(held):
        for j in range(i + 2, len(held)):
            for text, old_id in before.items():
                gap = any(text not in held[k] for k in range(i + 1, j))
                back = any(
                    similarity(text, now) >= STATEMENT_THRESHOLD and new_id != old_id
                    for now, new_id in held[j].items()
                )
                if gap and back:
                    return True
    return False


def _an_id_back_for_another_text(doc: Document) -> bool:
    """Whether some id leaves a version and later comes back on a text unlike its last.

    The date-order history took such a text for the old statement (``reused``
    as a step of its history); now it is another statement.
    """
    from policypos.pairing import STATEMENT_THRESHOLD
    from policypos.redline import similarity

    held = [{s.id: s.text for _, s in v.statements()} for v in doc.versions]
    for i, before in enumerate(held):
        for j in range(i + 2, len(held)):
            for sid, text in before.items():
                gap = all(sid not in held[k] for k in range(i + 1, j))
                if gap and sid in held[j] and similarity(text, held[j][sid]) < STATEMENT_THRESHOLD:
                    return True
    return False


class TestStraightLine:
    """Where every version is built on the one dated before it, nothing changes from date order."""

    @given(straight_lines(), st.sampled_from(IDS), st.data())
    def test_same_as_date_order(self, doc: Document, statement: str, data: st.DataObject) -> None:
        """Every step is the one the date-order history gave, save the new back-under-new-id rule."""
        assume(not _comes_back_under_a_new_id(doc))
        assume(not _an_id_back_for_another_text(doc))
        assume(not _paired_under_another_id(doc))
        holding = [v.id for v in doc.versions if any(s.id == statement for _, s in v.statements())]
        assume(holding)
        anchor = data.draw(st.sampled_from([None, *holding]))
        kw = {} if anchor is None else {"version": anchor}
        new = history(doc, statement, **kw)
        old = date_order_history(doc, statement, **kw)
        plain = [
            attrs.evolve(
                s,
                base=None,
                compared_with=None,
                split_into=(),
                split_from=None,
                merged_from=(),
                merged_into=None,
            )
            for s in new
        ]
        assert plain == list(old)
        for before, step in itertools.pairwise(new):
            assert step.base == before.version
        from policypos.views import history_branches

        assert history_branches(new) is None


@st.composite
def version_trees(draw: st.DrawFn) -> Document:
    """Versions one a month, each built on a random earlier one (or, unnamed, the one before)."""
    count = draw(st.integers(1, 5))
    versions = []
    for n in range(count):
        ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4))
        texts = draw(st.lists(st.sampled_from(TEXTS), min_size=len(ids), max_size=len(ids)))
        base = draw(st.none() | st.integers(0, n - 1)) if n else None
        versions.append(
            version(
                f"v{n}",
                n + 1,
                ("a", list(zip(ids, texts, strict=True))),
                based_on=f"v{base}" if base is not None else None,
            )
        )
    return Document.create("d", "T", "O", "B", versions=tuple(versions))


class TestTrees:
    """Properties of the history on any tree of versions."""

    @given(version_trees(), st.sampled_from(IDS))
    def test_the_same_from_every_id_it_had(self, doc: Document, statement: str) -> None:
        """Followed from any version and id its history holds, the history is the same."""
        if not any(s.id == statement for v in doc.versions for _, s in v.statements()):
            return
        steps = history(doc, statement)
        for step in steps:
            if step.statement is not None:
                assert history(doc, step.statement.id, version=step.version.id) == steps

    @given(version_trees(), st.sampled_from(IDS))
    def test_a_return_is_always_alike(self, doc: Document, statement: str) -> None:
        """Every return is at least 0.6 alike to its last text; a reused id only starts a history."""
        from policypos.pairing import STATEMENT_THRESHOLD
        from policypos.redline import similarity

        if not any(s.id == statement for v in doc.versions for _, s in v.statements()):
            return
        steps = history(doc, statement)
        for n, step in enumerate(steps):
            assert (step.event is HistoryEvent.REUSED) <= (n == 0)
            if step.event is HistoryEvent.RESTORED:
                assert step.change is not None
                assert step.change.old is not None
                assert step.statement is not None
                alike = similarity(step.change.old.text, step.statement.text)
                assert alike >= STATEMENT_THRESHOLD

    @given(version_trees())
    def test_one_walk_for_all(self, doc: Document) -> None:
        """Histories, one walk for every statement, gives each the steps history() gives it."""
        from policypos import Histories

        lines = Histories(doc)
        for statement in lines.statements():
            assert lines.history(statement) == history(doc, statement)

    @given(version_trees(), st.sampled_from(IDS))
    def test_each_step_against_its_base(self, doc: Document, statement: str) -> None:
        """Bases are Document.base_of; each base is listed before; held-to-held is the diff's pair."""
        from policypos.diff import diff

        if not any(s.id == statement for v in doc.versions for _, s in v.statements()):
            return
        steps = history(doc, statement)
        listed = [s.version for s in steps]
        for n, step in enumerate(steps):
            if n == 0:
                assert step.event in (HistoryEvent.APPEARS, HistoryEvent.REUSED)
                continue
            assert step.base is not None
            assert step.base.id == doc.base_of(step.version)
            before = steps[listed.index(step.base)]
            assert listed.index(step.base) < n
            if before.statement is not None and step.statement is not None:
                pairs = {
                    (c.old.id, c.new.id)
                    for c in diff(step.base, step.version).statements()
                    if c.old is not None and c.new is not None
                }
                assert (before.statement.id, step.statement.id) in pairs
                assert step.event in (HistoryEvent.AMENDED, HistoryEvent.KEPT)


def date_order_history(
    document: Document, statement: str, *, version: str | None = None
) -> tuple[HistoryStep, ...]:
    """history() as it was before it followed bases: consecutive versions by date (the oracle)."""
    from policypos.changeset import ChangeSet
    from policypos.diff import diff
    from policypos.history import _anchor, _find_change, _holds, _reused

    versions = tuple(
        v for v in document.versions if v.status is not Status.WITHDRAWN or v.id == version
    )
    start, statement_id = _anchor(document, versions, statement, version)
    cache: dict[tuple[int, int], ChangeSet] = {}

    def changes(earlier: int, later: int) -> ChangeSet:
        if (earlier, later) not in cache:
            cache[earlier, later] = diff(versions[earlier], versions[later])
        return cache[earlier, later]

    ids = {start: statement_id}
    last_k, last_id = start, statement_id
    for k in range(start - 1, -1, -1):
        if last_k == k + 1:
            found = _find_change(changes(k, k + 1), new_id=last_id)
            if found is not None and found.old_id is not None and found.old is not None:
                ids[k] = last_id = found.old_id
                last_k = k
                continue
        if _holds(versions[k], last_id):
            ids[k], last_k = last_id, k
    last_k, last_id = start, statement_id
    for k in range(start + 1, len(versions)):
        if last_k == k - 1:
            found = _find_change(changes(k - 1, k), old_id=last_id)
            if found is not None and found.new is not None:
                ids[k] = last_id = found.id
                last_k = k
                continue
        if _holds(versions[k], last_id):
            ids[k], last_k = last_id, k
    steps = []
    all_ids = set(ids.values())
    first = min(ids)
    last_held = first
    for k in range(first, len(versions)):
        held = ids.get(k)
        if held is None:
            event = HistoryEvent.REMOVED if k - 1 in ids else HistoryEvent.ABSENT
            change = (
                _find_change(changes(k - 1, k), old_id=ids[k - 1])
                if event is HistoryEvent.REMOVED
                else None
            )
            steps.append(HistoryStep(versions[k], event, None, None, None, change))
            continue
        section, current = versions[k].statement(held)
        if k == first:
            event, change = HistoryEvent.APPEARS, None
        else:
            change = _find_change(changes(last_held, k), new_id=held)
            if last_held != k - 1 and _reused(versions[last_held], ids[last_held], current):
                event, change = HistoryEvent.REUSED, None
            elif last_held != k - 1:
                event = HistoryEvent.RESTORED
            elif change is not None and change.changed:
                event = HistoryEvent.AMENDED
            else:
                event = HistoryEvent.KEPT
        touched = tuple(
            c for c in document.comments() if c.ref in current.addresses or set(c.on) & all_ids
        )
        number = versions[k].paragraph_numbers()[held]
        steps.append(HistoryStep(versions[k], event, section.id, current, number, change, touched))
        last_held = k
    return tuple(steps)


PLAN = "Councils should plan for the housing needs of people leaving prison."
REFER = "Probation should refer offenders to housing teams within 28 days of release."
FAMILIES = "The board asks government to fund a national helpline for families of prisoners."
HELPLINE = "The helpline should be open at weekends and staffed by people with lived experience."


def version_file(vid: str, month: int, base: str | None, *statements: tuple[str, str]) -> str:
    """A version file of one section holding *statements* (id, text), built on *base*."""
    lines = [f'version: "{vid}"', f"date: 2024-{month:02}-01", "status: draft"]
    if base is not None:
        lines.append(f'based_on: "{base}"')
    lines += ["sections:", "  - id: s1", "    title: One", "    statements:"]
    for sid, text in statements:
        lines += [f"      - id: {sid}", f"        text: {text}"]
    return "\n".join(lines) + "\n"


def run_history(repo: Path, *args: str) -> Result:
    from click.testing import CliRunner

    from policypos.cli import cli

    return CliRunner().invoke(cli, ["--repo", str(repo), "history", *args], catch_exceptions=False)


class TestTheOldIdReusedMeanwhile:
    """A text back word for word under a new id is restored, whatever became of its old id."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        """ee-3 removed in v2; v3 gives ee-3 to another text; v4 brings ee-3's text back as ee-7."""
        return make_repo(
            {
                "doc/versions/v1.yaml": version_file(
                    "v1", 1, None, ("ee-3", LONG), ("ee-4", OTHER)
                ),
                "doc/versions/v2.yaml": version_file("v2", 2, "v1", ("ee-4", OTHER)),
                "doc/versions/v3.yaml": version_file(
                    "v3", 3, "v2", ("ee-4", OTHER), ("ee-3", THIRD)
                ),
                "doc/versions/v4.yaml": version_file(
                    "v4", 4, "v3", ("ee-4", OTHER), ("ee-3", THIRD), ("ee-7", LONG)
                ),
            }
        )

    def test_api(self, repo: Path) -> None:
        """The old text's history runs to its return as ee-7; the new ee-3 has its own."""
        import policypos

        doc = policypos.open_repository(repo).document("doc")
        expected = [
            ("v1", "appears", "ee-3"),
            ("v2", "removed", None),
            ("v3", "absent", None),
            ("v4", "restored", "ee-7"),
        ]
        assert trail(doc, "ee-7") == expected
        assert trail(doc, "ee-3", version="v1") == expected
        assert trail(doc, "ee-3") == [("v3", "reused", "ee-3"), ("v4", "kept", "ee-3")]

    def test_command_line(self, repo: Path) -> None:
        """policypos history says so in text, and JSON never puts the two texts in one history."""
        import json

        result = run_history(repo, "doc", "ee-7")
        assert result.exit_code == 0, result.stderr
        assert "v4  2024-04-01  draft  restored  paragraph 1.3 in section s1  " in result.stdout
        assert "(last held in v1, as ee-3)" in result.stdout
        assert THIRD not in result.stdout
        reused = run_history(repo, "doc", "ee-3")
        assert reused.exit_code == 0, reused.stderr
        assert (
            "v3  2024-03-01  draft  reused  paragraph 1.2 in section s1  "
            "(id last held in v1 by another statement)" in reused.stdout
        )
        assert LONG not in reused.stdout
        data = json.loads(run_history(repo, "doc", "ee-3", "--format", "json").stdout)
        assert [(s["version"], s["event"], s["compared_with"]) for s in data["steps"]] == [
            ("v3", "reused", "v1"),
            ("v4", "kept", "v3"),
        ]

    def test_reworded_return_on_the_command_line(self, make_repo: MakeRepo) -> None:
        """Back reworded under a new id after a gap: restored, with the redline from its last text."""
        repo = make_repo(
            {
                "doc/versions/v1.yaml": version_file(
                    "v1", 1, None, ("ee-3", PLAN), ("ee-4", OTHER)
                ),
                "doc/versions/v2.yaml": version_file("v2", 2, "v1", ("ee-4", OTHER)),
                "doc/versions/v3.yaml": version_file(
                    "v3", 3, "v2", ("ee-4", OTHER), ("ee-9", PLAN.replace("plan", "provide"))
                ),
            }
        )
        result = run_history(repo, "doc", "ee-9")
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "doc: statement ee-9 (formerly ee-3)"
        assert (
            "v3  2024-03-01  draft  restored  paragraph 1.2 in section s1  "
            "(last held in v1, as ee-3)" in lines
        )
        assert "[-plan-]{+provide+}" in result.stdout


class TestSplitsAndMerges:
    """A statement's history says where parts of it went, and where parts of others came from."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        """v2 splits ee-2's second sentence out as ee-5, and merges ee-6 into ee-4; v3 rewords ee-5."""
        return make_repo(
            {
                "doc/versions/v1.yaml": version_file(
                    "v1",
                    1,
                    None,
                    ("ee-2", f"{PLAN} {REFER}"),
                    ("ee-4", FAMILIES),
                    ("ee-6", HELPLINE),
                ),
                "doc/versions/v2.yaml": version_file(
                    "v2",
                    2,
                    "v1",
                    ("ee-2", PLAN),
                    ("ee-5", REFER),
                    ("ee-4", f"{FAMILIES} {HELPLINE}"),
                ),
                "doc/versions/v3.yaml": version_file(
                    "v3",
                    3,
                    "v2",
                    ("ee-2", PLAN),
                    ("ee-5", REFER.replace("28", "56")),
                    ("ee-4", f"{FAMILIES} {HELPLINE}"),
                ),
            }
        )

    def test_api(self, repo: Path) -> None:
        """Each side of a split or merge names the other, on the step of the version that did it."""
        import policypos

        doc = policypos.open_repository(repo).document("doc")
        whole = policypos.history(doc, "ee-2")
        assert [(s.version.id, s.split_into) for s in whole] == [
            ("v1", ()),
            ("v2", ("ee-5",)),
            ("v3", ()),
        ]
        part = policypos.history(doc, "ee-5")
        assert [(s.version.id, s.event.value, s.split_from) for s in part] == [
            ("v2", "appears", "ee-2"),
            ("v3", "amended", None),
        ]
        into = policypos.history(doc, "ee-4")
        assert [(s.version.id, s.merged_from) for s in into] == [
            ("v1", ()),
            ("v2", ("ee-6",)),
            ("v3", ()),
        ]
        gone = policypos.history(doc, "ee-6")
        assert [(s.version.id, s.event.value, s.merged_into) for s in gone] == [
            ("v1", "appears", None),
            ("v2", "removed", "ee-4"),
            ("v3", "absent", None),
        ]

    def test_text(self, repo: Path) -> None:
        """The text view says it on the version's line."""
        lines = run_history(repo, "doc", "ee-2").stdout.splitlines()
        assert (
            "v2  2024-02-01  draft  amended  paragraph 1.1 in section s1  "
            "(split: part moved to ee-5 in v2)" in lines
        )
        lines = run_history(repo, "doc", "ee-5").stdout.splitlines()
        assert (
            "v2  2024-02-01  draft  appears  paragraph 1.2 in section s1  "
            "(split from ee-2 in v2)" in lines
        )
        lines = run_history(repo, "doc", "ee-4").stdout.splitlines()
        assert (
            "v2  2024-02-01  draft  amended  paragraph 1.3 in section s1  "
            "(merged from ee-6 in v2)" in lines
        )
        lines = run_history(repo, "doc", "ee-6").stdout.splitlines()
        assert "v2  2024-02-01  draft  removed  (merged into ee-4 in v2)" in lines

    def test_markdown_and_json(self, repo: Path) -> None:
        """The Markdown heading and the JSON step carry the same, Markdown by paragraph number."""
        import json

        markdown = run_history(repo, "doc", "ee-2", "--format", "markdown").stdout
        assert (
            "## Version v2 (draft, 2024-02-01, split: part moved to paragraph 1.2 in v2): amended"
            in markdown
        )
        steps = json.loads(run_history(repo, "doc", "ee-2", "--format", "json").stdout)["steps"]
        assert [s.get("split_into") for s in steps] == [None, ["ee-5"], None]
        steps = json.loads(run_history(repo, "doc", "ee-6", "--format", "json").stdout)["steps"]
        assert [s.get("merged_into") for s in steps] == [None, "ee-4", None]
        steps = json.loads(run_history(repo, "doc", "ee-4", "--format", "json").stdout)["steps"]
        assert [s.get("merged_from") for s in steps] == [None, ["ee-6"], None]
        steps = json.loads(run_history(repo, "doc", "ee-5", "--format", "json").stdout)["steps"]
        assert [s.get("split_from") for s in steps] == [("ee-2"), None]

    def test_the_documented_example(self, repo: Path) -> None:
        """docs/diff.md shows the histories of ee-2 and ee-5 exactly as the command prints them."""
        import re

        from tests.conftest import ROOT

        page = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
        block = re.search(r"```console\n(\$ policypos history doc ee-2\n.*?)```", page, re.S)
        assert block is not None
        printed = "\n".join(
            f"$ policypos history doc {s}\n" + run_history(repo, "doc", s).stdout
            for s in ("ee-2", "ee-5")
        )
        assert block.group(1) == printed

    def test_site_links_the_parts(self, repo: Path, tmp_path: Path) -> None:
        """policypos publish: each statement's page links the other side to its own page."""
        from click.testing import CliRunner

        from policypos.cli import cli
        from tests.test_publish import crawl

        site = tmp_path / "site"
        result = CliRunner().invoke(
            cli, ["--repo", str(repo), "publish", "-o", str(site), "--drafts"]
        )
        assert result.exit_code == 0, result.output
        page = (site / "doc/statements/ee-2.html").read_text(encoding="utf-8")
        assert 'Split: part moved to <a href="ee-5.html"><code>ee-5</code></a> in v2.' in page
        assert "split: part moved to ee-5" not in page  # said once, as a link
        page = (site / "doc/statements/ee-5.html").read_text(encoding="utf-8")
        assert 'Split from <a href="ee-2.html"><code>ee-2</code></a> in v2.' in page
        page = (site / "doc/statements/ee-4.html").read_text(encoding="utf-8")
        assert 'Merged from <a href="ee-6.html"><code>ee-6</code></a> in v2.' in page
        page = (site / "doc/statements/ee-6.html").read_text(encoding="utf-8")
        assert 'Merged into <a href="ee-4.html"><code>ee-4</code></a> in v2.' in page
        assert crawl(site)[1] == []


class TestOnlyInAWithdrawnVersion:
    """A statement that only a withdrawn draft held still has a history, and a page in the site."""

    @pytest.fixture
    def repo(self, make_repo: MakeRepo) -> Path:
        """v2, withdrawn, added ee-9; no other version holds it."""
        withdrawn = version_file("v2", 2, "v1", ("ee-4", OTHER), ("ee-9", FAMILIES))
        return make_repo(
            {
                "doc/versions/v1.yaml": version_file("v1", 1, None, ("ee-4", OTHER)),
                "doc/versions/v2.yaml": withdrawn.replace("status: draft", "status: withdrawn"),
            }
        )

    def test_history(self, repo: Path) -> None:
        """history (API and command line) follows it from the withdrawn version that held it."""
        import policypos

        doc = policypos.open_repository(repo).document("doc")
        assert trail(doc, "ee-9") == [("v2", "appears", "ee-9")]
        assert policypos.Histories(doc).history("ee-9") == history(doc, "ee-9")
        result = run_history(repo, "doc", "ee-9")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[2] == (
            "v2  2024-02-01  withdrawn  appears  paragraph 1.2 in section s1"
        )
        assert trail(doc, "ee-4") == [("v1", "appears", "ee-4")]  # v2 still left out

    def test_publish(self, repo: Path, tmp_path: Path) -> None:
        """policypos publish writes its page instead of failing on it."""
        from click.testing import CliRunner

        from policypos.cli import cli

        site = tmp_path / "site"
        result = CliRunner().invoke(
            cli, ["--repo", str(repo), "publish", "-o", str(site)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        page = (site / "doc/statements/ee-9.html").read_text(encoding="utf-8")
        assert "Version <a" in page
        assert "withdrawn" in page.casefold()
