"""history(): one statement through every version, across id changes, removals and returns."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from policypos import Document, NotFoundError, Section, Statement, Status, Version
from policypos.history import HistoryEvent, history

LONG = "Councils should plan for the housing needs of people leaving prison so nobody is homeless"


def version(vid: str, month: int, *sections: tuple[str, list[tuple[str, str]]]) -> Version:
    return Version(
        vid,
        dt.date(2024, month, 1),
        Status.DRAFT,
        tuple(
            Section(sid, sid.upper(), tuple(Statement(i, t) for i, t in body))
            for sid, body in sections
        ),
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

    def test_an_id_reused_for_another_text_is_not_restored(self) -> None:
        """Back after a gap with unlike text: ``reused``, shown whole, no redline from the old."""
        v1 = version("v1", 1, ("a", [("x", LONG), ("y", "Other.")]))
        v2 = version("v2", 2, ("a", [("y", "Other.")]))
        v3 = version("v3", 3, ("a", [("y", "Other."), ("x", "Police forces must not share data.")]))
        doc = Document.create("d", "T", "O", "B", versions=(v1, v2, v3))
        assert trail(doc, "x") == [
            ("v1", "appears", "x"),
            ("v2", "removed", None),
            ("v3", "reused", "x"),
        ]
        assert history(doc, "x")[-1].change is None

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
        with pytest.raises(NotFoundError, match=r"no statement 'zz' in d$"):
            history(doc, "zz")
        with pytest.raises(NotFoundError, match=r"no paragraph '3.1' in d@v1$"):
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
