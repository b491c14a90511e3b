"""The diff engine against FORMAT.md section 6, on small hand-made versions and generated ones."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policypos
from policypos import (
    Comment,
    CommentKind,
    Document,
    Meeting,
    Statement,
    StatementKind,
    Status,
    Version,
    open_repository,
)
from policypos.answers import answers
from policypos.changeset import Change, ChangeSet
from policypos.diff import diff
from policypos.model import Section
from policypos.redline import new_text, old_text
from policypos.significance import Significance
from tests.conftest import SHIPPED

Spec = list[tuple[str, str, list[tuple[str, str]]]]

LONG = "Councils should plan for the housing needs of people leaving prison so nobody is homeless"


def version(spec: Spec, vid: str = "v") -> Version:
    """A version from (section id, title, [(statement id, text)]) triples."""
    return Version(
        vid,
        dt.date(2024, 1, 1),
        Status.DRAFT,
        tuple(
            Section(sid, title, tuple(Statement(i, t) for i, t in body))
            for sid, title, body in spec
        ),
    )


def changes(cs: ChangeSet) -> dict[str, tuple[str, ...]]:
    """Each statement's id with its change and flags, for compact assertions."""
    out = {}
    for s in cs.statements():
        flags = [s.change.value] + [f for f in ("moved", "reordered") if getattr(s, f)]
        if s.matched_by == "text":
            flags.append(f"was {s.old_id}")
        out[s.id] = tuple(flags)
    return out


BASE: Spec = [
    ("a", "Alpha", [("a1", "One two three."), ("a2", "Four five six."), ("a3", LONG)]),
    ("b", "Beta", [("b1", "Seven eight."), ("b2", "Nine ten.")]),
    ("c", "Gamma", [("c1", "Eleven.")]),
]


class TestSections:
    """Sections added, removed, renamed, reordered, re-id'd."""

    def test_added_and_removed(self) -> None:
        """A removed section stays where it stood; an added one where it is."""
        new = [BASE[0], ("d", "Delta", [("d1", "New.")]), BASE[2]]
        cs = diff(version(BASE), version(new))
        assert [(s.id, s.change) for s in cs.sections] == [
            ("a", Change.UNCHANGED),
            ("b", Change.REMOVED),
            ("d", Change.ADDED),
            ("c", Change.UNCHANGED),
        ]
        assert changes(cs)["b1"] == ("removed",)

    def test_renamed(self) -> None:
        """A new title on the same section is a rename, and a modification."""
        new = [("a", "Alpha prime", BASE[0][2]), BASE[1], BASE[2]]
        (a, _, _) = diff(version(BASE), version(new)).sections
        assert (a.change, a.renamed, a.old.title if a.old else None) == (
            Change.MODIFIED,
            True,
            "Alpha",
        )

    def test_reordered(self) -> None:
        """A section that left the common order is reordered; the others are not."""
        cs = diff(version(BASE), version([BASE[1], BASE[2], BASE[0]]))
        assert [(s.id, s.reordered) for s in cs.sections] == [
            ("b", False),
            ("c", False),
            ("a", True),
        ]
        assert cs.summary()["sections"]["reordered"] == 1

    def test_new_id_same_statements(self) -> None:
        """A section whose id changed but whose statements stayed is paired by its statements."""
        new = [("alpha", "Alpha renamed", BASE[0][2]), BASE[1], BASE[2]]
        first = diff(version(BASE), version(new)).sections[0]
        assert (first.id, first.old_id, first.change, first.renamed) == (
            "alpha",
            "a",
            Change.MODIFIED,
            True,
        )
        assert all(not s.moved for s in first.statements)

    def test_new_id_same_title(self) -> None:
        """An emptied section with a new id but the same title is still the same section."""
        old: Spec = [("x", "Notes", [])]
        new: Spec = [("notes", "notes", [])]
        (section,) = diff(version(old), version(new)).sections
        assert (section.id, section.old_id) == ("notes", "x")

    def test_title_pairing_is_the_same_both_ways(self) -> None:
        """A section paired by its statements does not use up another's match by title.

        Found by hypothesis: B against A paired differently from A against B,
        so added and removed did not swap.
        """
        one: Spec = [("p", "One", [("s0", "board")]), ("q", "One", [])]
        two: Spec = [("r", "Two", [("s0", "board")]), ("t", "One", [])]
        for old, new in ((one, two), (two, one)):
            cs = diff(version(old), version(new))
            assert [(s.id, s.old_id) for s in cs.sections] in (
                [("r", "p"), ("t", "q")],
                [("p", "r"), ("q", "t")],
            )


class TestStatements:
    """Statements moved, re-id'd, reordered, changed in text or fields."""

    def test_renumbered_after_an_insertion(self) -> None:
        """Ids shifted by an inserted paragraph: one addition and ids changed, no rewording."""
        texts = ["Councils should plan.", "Councils should not wait.", "Government must fund it."]
        old: Spec = [("a", "A", [(f"a{k + 1}", t) for k, t in enumerate(texts)])]
        inserted = ("a1", "Probation should refer people early.")
        new: Spec = [("a", "A", [inserted, *((f"a{k + 2}", t) for k, t in enumerate(texts))])]
        cs = diff(version(old), version(new))
        assert changes(cs) == {
            "a1": ("added",),
            "a2": ("modified", "was a1"),
            "a3": ("modified", "was a2"),
            "a4": ("modified", "was a3"),
        }
        assert all(not s.findings for s in cs.statements())
        assert all(s.similarity == 1 for s in cs.statements() if s.old is not None)

    def test_renumbering_leaves_a_repeated_text_to_the_ids(self) -> None:
        """A text held twice (a copy) is not taken for a renumbered statement."""
        old: Spec = [("a", "A", [("a1", "Same words."), ("a2", "Other words here.")])]
        new: Spec = [("a", "A", [("a1", "Same words."), ("a2", "Same words.")])]
        assert changes(diff(version(old), version(new))) == {
            "a1": ("unchanged",),
            "a2": ("modified",),
        }

    def test_ids_of_like_texts_win_over_a_word_for_word_match(self) -> None:
        """Two deadlines shortened, one to the other's old words: neither moved nor re-id'd."""
        old: Spec = [
            (
                "acc",
                "Accommodation",
                [("acc-1", "Councils should respond within 28 working days.")],
            ),
            ("ee", "Employment", [("ee-1", "Councils should respond within 28 days.")]),
        ]
        new: Spec = [
            ("acc", "Accommodation", [("acc-1", "Councils should respond within 28 days.")]),
            ("ee", "Employment", [("ee-1", "Councils should respond within 14 days.")]),
        ]
        cs = diff(version(old), version(new))
        assert changes(cs) == {"acc-1": ("modified",), "ee-1": ("modified",)}
        labels = {s.id: [f.label() for f in s.findings] for s in cs.statements()}
        assert labels == {
            "acc-1": ["number: 28 working days -> 28 days"],
            "ee-1": ["number: 28 days -> 14 days"],
        }

    def test_moved(self) -> None:
        """A statement now in another section is moved, and otherwise unchanged."""
        new = [("a", "Alpha", BASE[0][2][:2]), ("b", "Beta", [*BASE[1][2], BASE[0][2][2]]), BASE[2]]
        cs = diff(version(BASE), version(new))
        a3 = next(s for s in cs.statements() if s.id == "a3")
        assert (a3.change, a3.moved, a3.old_section, a3.new_section) == (
            Change.UNCHANGED,
            True,
            "a",
            "b",
        )

    def test_re_id_with_light_edits(self) -> None:
        """A renumbered statement with light edits is modified, matched by text."""
        new = [
            ("a", "Alpha", [*BASE[0][2][:2], ("a9", LONG.replace("nobody", "no one"))]),
            *BASE[1:],
        ]
        cs = diff(version(BASE), version(new))
        a9 = next(s for s in cs.statements() if s.id == "a9")
        assert (a9.change, a9.old_id, a9.matched_by) == (Change.MODIFIED, "a3", "text")
        assert a9.similarity is not None
        assert 0.6 <= a9.similarity < 1
        assert "a3" not in changes(cs)

    def test_unrelated_text_is_not_paired(self) -> None:
        """Below the threshold a new id is an addition and the old one a removal."""
        new = [("a", "Alpha", [*BASE[0][2][:2], ("a9", "Something else entirely.")]), *BASE[1:]]
        got = changes(diff(version(BASE), version(new)))
        assert (got["a9"], got["a3"]) == (("added",), ("removed",))

    def test_reordered_within_section(self) -> None:
        """Only the statement that broke the order is reordered."""
        new = [("a", "Alpha", [BASE[0][2][1], BASE[0][2][2], BASE[0][2][0]]), *BASE[1:]]
        got = changes(diff(version(BASE), version(new)))
        assert got["a1"] == ("unchanged", "reordered")
        assert got["a2"] == got["a3"] == ("unchanged",)

    def test_removed_statement_stays_in_place(self) -> None:
        """A removed statement is listed after the one that preceded it."""
        new = [("a", "Alpha", [BASE[0][2][0], BASE[0][2][2]]), *BASE[1:]]
        first = diff(version(BASE), version(new)).sections[0]
        assert [s.id for s in first.statements] == ["a1", "a2", "a3"]
        assert first.statements[1].change is Change.REMOVED

    def test_fields(self) -> None:
        """Changes of kind, tags and note are listed as old and new values."""
        old = version([("s", "S", [])])
        old = Version(
            "v", old.date, old.status, (Section("s", "S", (Statement("x", "T.", tags=("a",)),)),)
        )
        new = Version(
            "w",
            old.date,
            old.status,
            (
                Section(
                    "s",
                    "S",
                    (Statement("x", "T.", StatementKind.ASK, ("a", "b"), note="N"),),
                    intro="I",
                ),
            ),
        )
        cs = diff(old, new)
        statement = next(cs.statements())
        assert statement.change is Change.MODIFIED
        assert {f.name: (f.old, f.new) for f in statement.fields} == {
            "kind": ("position", "ask"),
            "tags": (["a"], ["a", "b"]),
            "note": (None, "N"),
        }
        assert {f.name: (f.old, f.new) for f in cs.sections[0].fields} == {"intro": (None, "I")}


class TestShipped:
    """going-straight 2005 to 2024 reads as the board paper describes it."""

    def test_story(self) -> None:
        """One section added, one renamed, two reworded, family support unchanged."""
        doc = open_repository(SHIPPED).document("going-straight")
        cs = diff(doc.version("2005"), doc.version("2024"), doc)
        by_id = {s.id: s for s in cs.sections}
        assert by_id["general"].change is Change.ADDED
        assert (by_id["individual-support"].old_id, by_id["individual-support"].renamed) == (
            "drugs-alcohol",
            True,
        )
        assert by_id["education-employment"].change is Change.MODIFIED
        assert by_id["accommodation"].change is Change.MODIFIED
        assert by_id["family-support"].change is Change.UNCHANGED
        assert cs.summary()["sections"] == {
            "added": 1,
            "removed": 0,
            "modified": 3,
            "unchanged": 1,
            "renamed": 1,
            "reordered": 0,
        }

    def test_comments(self) -> None:
        """The comments of the meeting that reviewed 2005 are traced to what answers them."""
        doc = open_repository(SHIPPED).document("going-straight")
        traces = {
            t.comment.ref: t.addressed_by
            for t in diff(doc.version("2005"), doc.version("2024"), doc).comments
        }
        assert set(traces) == {
            f"sscb-2024-03/{n}" for n in ("2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7")
        }
        assert traces["sscb-2024-03/3.2"] == (
            "individual-support",
            "individual-support/da-1",
            "individual-support/is-3",
        )
        assert traces["sscb-2024-03/3.6"] == ()

    def test_json_shape(self) -> None:
        """to_dict has exactly the keys FORMAT.md section 6 shows, at every level."""
        doc = open_repository(SHIPPED).document("going-straight")
        data = diff(doc.version("2005"), doc.version("2024"), doc).to_dict()
        # "fields" is optional (docs/format.md): the two versions' preambles differ.
        assert list(data) == [
            "format",
            "document",
            "old",
            "new",
            "summary",
            "sections",
            "comments",
            "fields",
        ]
        assert list(data["fields"]) == ["preamble"]
        assert data["format"] == "policypos.changeset/1"
        assert data["old"] == {"version": "2005", "date": "2005-01-01", "status": "endorsed"}
        section = data["sections"][0]
        assert set(section) == {
            "id",
            "old_id",
            "change",
            "renamed",
            "reordered",
            "title",
            "addresses",
            "statements",
            "fields",
        }
        assert set(section["statements"][0]) == {
            "id",
            "old_id",
            "change",
            "moved",
            "reordered",
            "matched_by",
            "similarity",
            "section",
            "text",
            "redline",
            "fields",
            "addresses",
            # optional (docs/format.md): an added statement is substantive
            "significance",
            "findings",
        }
        assert set(data["comments"][0]) == {"ref", "kind", "disposition", "addressed_by"}


S1 = "Probation and councils should share the addresses of people leaving prison."
S2 = "Every prison should offer advice on debt and benefits before release."
S3 = "Families of prisoners should be told where to find support near home."


def parts(cs: ChangeSet) -> dict[str, str]:
    """split_from and merged_into, as 'part: kind whole'."""
    out = {}
    for s in cs.statements():
        if s.split_from:
            out[s.id] = f"split from {s.split_from}"
        if s.merged_into:
            out[s.id] = f"merged into {s.merged_into}"
    return out


class TestSplitsAndMerges:
    """One statement becoming two or more, and two or more becoming one."""

    def test_split_keeping_the_id(self) -> None:
        """The part that kept the id is modified; the other is added, split from it."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        new = version([("s", "S", [("x", S1), ("y", S2)])])
        cs = diff(old, new)
        assert changes(cs) == {"x": ("modified",), "y": ("added",)}
        assert parts(cs) == {"y": "split from x"}

    @pytest.mark.parametrize("way", ["split", "merge"])
    def test_a_sentence_moved_to_a_part_is_not_an_obligation_change(self, way: str) -> None:
        """The whole lost (or gained) the part's "should", not its own: no softening is found.

        Nor a rewording: what stayed is word for word what it was, so the whole
        has no finding of its own (``parts_only``), and is substantive as its
        part is.
        """
        whole, apart = (
            version([("s", "S", [("x", f"{S1} {S2}")])]),
            version([("s", "S", [("x", S1), ("y", S2)])]),
        )
        old, new = (whole, apart) if way == "split" else (apart, whole)
        (x,) = [s for s in diff(old, new).statements() if s.id == "x"]
        assert [f.kind.value for f in x.findings] == []
        assert x.parts_only
        assert (x.split_into, x.merged_from) == ((("y",), ()) if way == "split" else ((), ("y",)))
        assert x.significance is Significance.SUBSTANTIVE

    def test_a_part_does_not_hide_the_whole_own_change(self) -> None:
        """The whole's own modal changed as it was split: that softening is still found."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        new = version([("s", "S", [("x", S1.replace("should", "may")), ("y", S2)])])
        (x,) = [s for s in diff(old, new).statements() if s.id == "x"]
        assert "softened: should -> may" in [f.label() for f in x.findings]

    def test_split_into_three_new_ids(self) -> None:
        """No part is like enough to be the same statement: all three are added, split from it."""
        old = version([("s", "S", [("x", f"{S1} {S2} {S3}")])])
        new = version([("s", "S", [("p", S1), ("q", S2), ("r", S3)])])
        cs = diff(old, new)
        assert changes(cs) == {"p": ("added",), "q": ("added",), "r": ("added",), "x": ("removed",)}
        assert parts(cs) == {"p": "split from x", "q": "split from x", "r": "split from x"}

    def test_split_in_two_pairs_the_largest(self) -> None:
        """Cut in two, the larger piece is like enough to be the statement: modified, not removed."""
        old = version([("s", "S", [("x", f"{S1} {S3}")])])
        new = version([("s", "S", [("p", S1), ("r", S3)])])
        cs = diff(old, new)
        assert changes(cs) == {"p": ("added",), "r": ("modified", "was x")}
        assert parts(cs) == {"p": "split from x"}
        (paired,) = [s for s in cs.statements() if s.id == "r"]
        assert paired.similarity is not None
        assert paired.similarity >= 0.6

    def test_split_across_sections(self) -> None:
        """A part may go to another section: the General section took pieces of others."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        new = version([("g", "General", [("g1", S2)]), ("s", "S", [("x", S1)])])
        assert parts(diff(old, new)) == {"g1": "split from x"}

    def test_merge_keeping_the_id(self) -> None:
        """The statement that kept its id is modified; the other is removed, merged into it."""
        old = version([("s", "S", [("x", S1), ("y", S2)])])
        new = version([("s", "S", [("x", f"{S1} {S2}")])])
        cs = diff(old, new)
        assert changes(cs) == {"x": ("modified",), "y": ("removed",)}
        assert parts(cs) == {"y": "merged into x"}

    def test_merge_of_three_into_a_new_id(self) -> None:
        """The mirror of the three-way split."""
        old = version([("s", "S", [("p", S1), ("q", S2), ("r", S3)])])
        new = version([("s", "S", [("m", f"{S1} {S2.lower()} {S3}")])])
        cs = diff(old, new)
        assert changes(cs) == {
            "m": ("added",),
            "p": ("removed",),
            "q": ("removed",),
            "r": ("removed",),
        }
        assert parts(cs) == {"p": "merged into m", "q": "merged into m", "r": "merged into m"}

    def test_light_edits_still_count(self) -> None:
        """A part reworded a little is still a part (80% of its words, in order)."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        edited = S2.replace("Every prison", "Each prison").replace("debt", "debts")
        new = version([("s", "S", [("x", S1), ("y", edited)])])
        assert parts(diff(old, new)) == {"y": "split from x"}

    def test_a_copy_is_not_a_split(self) -> None:
        """A new statement repeating text the old one still has is an addition, nothing more."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        new = version([("s", "S", [("x", f"{S1} {S2}"), ("y", S2)])])
        assert parts(diff(old, new)) == {}

    def test_new_text_is_not_a_split(self) -> None:
        """An addition unrelated to what was cut is not a part of it."""
        old = version([("s", "S", [("x", f"{S1} {S2}")])])
        new = version([("s", "S", [("x", S1), ("y", S3)])])
        assert parts(diff(old, new)) == {}

    def test_short_pieces_are_not_parts(self) -> None:
        """Fewer than five words could come from anywhere: no split is claimed."""
        old = version([("s", "S", [("x", "Fund homes. Train staff now.")])])
        new = version([("s", "S", [("x", "Fund homes."), ("y", "Train staff now.")])])
        assert parts(diff(old, new)) == {}

    def test_one_excerpt_is_not_a_split(self) -> None:
        """An unpaired statement with a single part left in the new text was cut, not split."""
        old = version([("s", "S", [("x", f"{S1} {S2} {S3}")])])
        new = version([("s", "S", [("y", S2)])])
        assert changes(diff(old, new)) == {"y": ("added",), "x": ("removed",)}

    def test_json_and_text(self) -> None:
        """The optional fields appear in JSON only when set, and the text view names them."""
        from policypos.views import changeset_text

        old = version([("s", "S", [("x", f"{S1} {S2}"), ("z", S3), ("v", S1.upper())])])
        new = version([("s", "S", [("x", S1), ("y", S2), ("v", f"{S1.upper()} {S3}")])])
        cs = diff(old, new)
        entries = {e["id"]: e for e in cs.to_dict()["sections"][0]["statements"]}
        assert (entries["y"]["split_from"], entries["z"]["merged_into"]) == ("x", "v")
        assert not {"split_from", "merged_into"} & set(entries["x"])
        text = changeset_text(cs)
        # A part's body is its words against the stretch they came from (or went
        # into): carried word for word, nothing in it is marked.
        assert "  + y (split from x)  Every prison should offer" in text
        assert "  - z (merged into v)  Families of prisoners" in text
        assert "  ~ x (part split out into y)  Probation" in text
        assert "  ~ v (part merged in from z)  PROBATION" in text
        assert (entries["x"]["split_into"], entries["v"]["merged_from"]) == (["y"], ["z"])
        assert entries["x"]["parts_only"] is True
        assert "parts_only" not in entries["y"]


# --- properties -----------------------------------------------------------------

texts = st.lists(
    st.sampled_from(["board", "council", "should", "fund", "homes", "now", "."]),
    min_size=1,
    max_size=12,
).map(" ".join)
statement_ids = st.sampled_from([f"s{i}" for i in range(12)])


@st.composite
def versions(draw: st.DrawFn) -> Version:
    ids = draw(st.lists(statement_ids, unique=True, max_size=10))
    section_ids = draw(
        st.lists(st.sampled_from(["p", "q", "r", "t"]), unique=True, min_size=1, max_size=4)
    )
    sections: dict[str, list[Statement]] = {s: [] for s in section_ids}
    for sid in ids:
        sections[draw(st.sampled_from(section_ids))].append(Statement(sid, draw(texts)))
    titles = {s: draw(st.sampled_from(["One", "Two", s])) for s in section_ids}
    return Version(
        "v",
        dt.date(2024, 1, 1),
        Status.DRAFT,
        tuple(Section(s, titles[s], tuple(b)) for s, b in sections.items()),
    )


class TestProperties:
    """What holds for any two versions."""

    @given(versions())
    def test_self_diff_is_empty(self, v: Version) -> None:
        """A version compared with itself is all unchanged."""
        cs = diff(v, v)
        assert cs.is_empty
        assert all(s.change is Change.UNCHANGED for s in cs.sections)

    @given(versions(), versions())
    @settings(max_examples=200)
    def test_every_statement_once(self, old: Version, new: Version) -> None:
        """Every statement of both versions appears exactly once."""
        cs = diff(old, new)
        seen_new = Counter(s.id for s in cs.statements() if s.new is not None)
        seen_old = Counter(s.old_id for s in cs.statements() if s.old is not None)
        assert seen_new == Counter(s.id for _, s in new.statements())
        assert seen_old == Counter(s.id for _, s in old.statements())
        assert Counter(s.id for s in cs.sections if s.new) == Counter(s.id for s in new.sections)
        assert Counter(s.old_id for s in cs.sections if s.old) == Counter(
            s.id for s in old.sections
        )

    @given(versions(), versions())
    @settings(max_examples=200)
    def test_redlines_rebuild_texts(self, old: Version, new: Version) -> None:
        """Each statement's redline rebuilds its old and new text exactly."""
        for s in diff(old, new).statements():
            assert old_text(s.redline) == (s.old.text if s.old else "")
            assert new_text(s.redline) == (s.new.text if s.new else "")
            assert s.similarity is None or 0 <= s.similarity <= 1
            assert (s.similarity == 1) == (
                s.old is not None and s.new is not None and s.old.text == s.new.text
            )

    @given(versions(), versions())
    @settings(max_examples=200)
    def test_summary_counts_the_lists(self, old: Version, new: Version) -> None:
        """The summary's counts are the counts of the lists."""
        cs = diff(old, new)
        summary = cs.summary()
        for change in Change:
            assert summary["statements"][change.value] == sum(
                s.change is change for s in cs.statements()
            )
            assert summary["sections"][change.value] == sum(s.change is change for s in cs.sections)
        assert summary["statements"]["moved"] == sum(s.moved for s in cs.statements())

    @given(versions(), versions())
    @settings(max_examples=200)
    def test_swap_swaps_added_and_removed(self, old: Version, new: Version) -> None:
        """Diffing new against old swaps the added and removed counts."""
        forward, backward = diff(old, new).summary(), diff(new, old).summary()
        for kind in ("sections", "statements"):
            assert forward[kind]["added"] == backward[kind]["removed"]
            assert forward[kind]["removed"] == backward[kind]["added"]

    @given(versions(), versions())
    @settings(max_examples=200)
    def test_removed_statements_stand_after_their_predecessors(
        self, old: Version, new: Version
    ) -> None:
        """In a kept section, a removed statement follows every statement that preceded it there."""
        for section in diff(old, new).sections:
            if section.old is None or section.new is None:
                continue
            place = {st.id: k for k, st in enumerate(section.old.statements)}
            listed = [c.old_id or "" for c in section.statements]
            for k, change in enumerate(section.statements):
                if change.change is Change.REMOVED:
                    later = {i for i in listed[k + 1 :] if i in place}
                    assert all(place[i] > place[listed[k]] for i in later)
                    # ... and stands right after the last of them (removed ones aside).
                    before = [c for c in section.statements[:k] if c.change is not Change.REMOVED]
                    if before:
                        assert place.get(before[-1].old_id or "", len(place)) < place[listed[k]]

    @given(versions(), versions())
    @settings(max_examples=300)
    def test_swap_turns_splits_into_merges(self, old: Version, new: Version) -> None:
        """What split one way merged the other: the same statements, the same wholes."""
        forward, backward = diff(old, new), diff(new, old)
        splits = sorted((s.id, s.split_from) for s in forward.statements() if s.split_from)
        merges = sorted((s.old_id, s.merged_into) for s in backward.statements() if s.merged_into)
        assert splits == merges
        merges = sorted((s.old_id, s.merged_into) for s in forward.statements() if s.merged_into)
        splits = sorted((s.id, s.split_from) for s in backward.statements() if s.split_from)
        assert merges == splits

    def test_a_statement_both_split_part_and_merge_whole_either_way(self) -> None:
        """One statement may come out of one whole and take in parts of others, both ways.

        Hypothesis found this: ``s5`` went into ``s2`` and into ``s4`` and ``s7``
        at once. Backwards it came out of ``s2`` and took in ``s4`` and ``s7``,
        which were lost when a split part could not also be a merge's whole.
        """
        words = " ".join(["board"] * 5)
        old = version(
            [("p", "One", [("s0", "board"), ("s2", "board"), ("s5", f"{words} {words}")])]
        )
        new = version(
            [("p", "One", [("s0", "board"), ("s2", words), ("s4", words), ("s7", words)])]
        )
        forward = {s.id or s.old_id: s for s in diff(old, new).statements()}
        assert forward["s5"].merged_into == "s2"
        assert (forward["s4"].split_from, forward["s7"].split_from) == ("s5", "s5")
        backward = {s.id or s.old_id: s for s in diff(new, old).statements()}
        assert backward["s5"].split_from == "s2"
        assert (backward["s4"].merged_into, backward["s7"].merged_into) == ("s5", "s5")


class TestWhatChangedProperties:
    """What the change set says about any two versions."""

    @given(versions(), versions())
    @settings(max_examples=150)
    def test_text_pairs_never_below_the_threshold(self, old: Version, new: Version) -> None:
        """Whatever text rule paired two statements, they are at least 0.6 alike."""
        from policypos.pairing import STATEMENT_THRESHOLD

        for s in diff(old, new).statements():
            if s.matched_by == "text":
                assert s.similarity is not None
                assert s.similarity >= STATEMENT_THRESHOLD

    @given(versions(), versions())
    @settings(max_examples=150)
    def test_similarity_is_one_only_for_equal_texts(self, old: Version, new: Version) -> None:
        """A reported similarity of 1 means the texts are identical, and the reverse."""
        for s in diff(old, new).statements():
            if s.old is not None and s.new is not None:
                assert (s.similarity == 1.0) == (s.old.text == s.new.text)

    @given(versions(), st.data())
    @settings(max_examples=150)
    def test_whitespace_only_means_the_same_words(self, v: Version, data: st.DataObject) -> None:
        """Re-spaced statements, and only they, are whitespace_only, as redline.whitespace_only says."""
        from policypos.redline import whitespace_only

        spacing = st.sampled_from(["  ", "\n", " \n ", "\t"])
        respaced = attrs.evolve(
            v,
            sections=tuple(
                attrs.evolve(
                    sec,
                    statements=tuple(
                        attrs.evolve(s, text=s.text.replace(" ", data.draw(spacing), 1))
                        if data.draw(st.booleans())
                        else s
                        for s in sec.statements
                    ),
                )
                for sec in v.sections
            ),
        )
        for s in diff(v, respaced).statements():
            assert s.old is not None
            assert s.new is not None
            assert s.whitespace_only == (s.old.text != s.new.text)
            assert s.whitespace_only == whitespace_only(s.old.text, s.new.text)

    @given(versions())
    def test_renaming_every_id_is_a_change(self, v: Version) -> None:
        """Every id renamed: no statement or section reads as unchanged, and the set is not empty."""
        renamed = attrs.evolve(
            v,
            sections=tuple(
                attrs.evolve(
                    sec,
                    id=sec.id + "-x",
                    statements=tuple(attrs.evolve(s, id=s.id + "-x") for s in sec.statements),
                )
                for sec in v.sections
            ),
        )
        cs = diff(v, renamed)
        assert not cs.is_empty
        assert all(s.change is not Change.UNCHANGED for s in cs.sections)
        # Texts may repeat, so a statement can pair with a twin; none is left unchanged.
        assert all(s.change is not Change.UNCHANGED for s in cs.statements())

    def test_a_long_statement_one_mark_apart(self) -> None:
        """12,000 words whose last full stop became '!' are not reported as identical."""
        words = " ".join(["council"] * 12_000)
        old = version([("s", "S", [("x", words + ".")])])
        new = version([("s", "S", [("x", words + "!")])])
        (change,) = diff(old, new).statements()
        assert change.similarity is not None
        assert change.similarity < 1


class TestAnswers:
    """answers(): what each version citing a comment changed, from the version it was about."""

    @staticmethod
    def document(reviews: str | None, based_on: str | None = "v1") -> Document:
        comment = Comment("1", "m", CommentKind.COMMENT, "Say more about housing.")
        meeting = Meeting("m", "Board", dt.date(2024, 1, 15), reviews=reviews, comments=(comment,))

        def dated(
            vid: str, month: int, text: str, cite: bool, based_on: str | None = None
        ) -> Version:
            body = (Statement("h", text, addresses=("m/1",) if cite else ()),)
            return Version(
                vid, dt.date(2024, month, 1), Status.DRAFT, (Section("s", "S", body),), based_on
            )

        versions = (
            dated("v1", 1, "Homes.", False),
            dated("v2", 2, "Homes first.", False),
            dated("v3", 3, "Homes first, for everyone leaving prison.", True, based_on=based_on),
        )
        return Document.create("d", "T", "O", "B", versions=versions, meetings=(meeting,))

    def test_from_the_reviewed_version(self) -> None:
        """The meeting reviewed v2, so v3's answer is counted from v2."""
        doc = self.document("v2")
        (answer,) = answers(doc, doc.comment("m/1"))
        assert (answer.version.id, answer.base and answer.base.id, answer.places) == (
            "v3",
            "v2",
            ("s/h",),
        )
        (statement,) = answer.statements
        assert new_text(statement.redline) == "Homes first, for everyone leaving prison."
        assert old_text(statement.redline) == "Homes first."

    def test_from_based_on(self) -> None:
        """Without a reviewed version, from based_on (v1, not the v2 just before); and as JSON."""
        doc = self.document(None)
        (answer,) = answers(doc, doc.comment("1"))
        assert answer.base is not None
        assert answer.base.id == "v1"
        assert answer.to_dict()["statements"][0]["text"] == {
            "old": "Homes.",
            "new": "Homes first, for everyone leaving prison.",
        }

    def test_then_the_version_before(self) -> None:
        """Without a reviewed version or based_on, from the version just before (v2, not v1)."""
        doc = self.document(None, based_on=None)
        (answer,) = answers(doc, doc.comment("1"))
        assert answer.base is not None
        assert answer.base.id == "v2"
        (statement,) = answer.statements
        assert old_text(statement.redline) == "Homes first."

    def test_reviewed_version_that_is_not_older(self) -> None:
        """A meeting that reviewed the citing version itself gives no base: based_on is used."""
        doc = self.document("v3")
        (answer,) = answers(doc, doc.comment("1"))
        assert answer.base is not None
        assert answer.base.id == "v1"


class TestVersionsOfOneDocument:
    """diff refuses versions read from another document's folder than the one given (or each other's)."""

    @pytest.fixture
    def two(self, shipped: Path) -> tuple[Document, Document, Document]:
        """going-straight, cambridgeshire-reoffending, and a copy of going-straight: same ids."""
        copy = Path(shutil.copytree(shipped / "going-straight", shipped / "going-straighter"))
        header = copy / "document.yaml"
        header.write_text(header.read_text().replace("id: going-straight", "id: going-straighter"))
        repository = policypos.open_repository(shipped)
        return (
            repository.document("going-straight"),
            repository.document("cambridgeshire-reoffending"),
            repository.document("going-straighter"),
        )

    def test_a_version_of_another_document(self, two: tuple[Document, Document, Document]) -> None:
        doc, other, _ = two
        with pytest.raises(policypos.NotFoundError) as caught:
            policypos.diff(doc.version("2024"), other.newest(), doc)
        assert str(caught.value) == (
            "no version 'cambridgeshire-reoffending@2014' in going-straight (known: 2005, 2024)"
        )
        with pytest.raises(policypos.NotFoundError):
            policypos.diff(other.newest(), doc.version("2024"), doc)

    def test_both_versions_of_another_document(
        self, two: tuple[Document, Document, Document]
    ) -> None:
        doc, other, _ = two
        with pytest.raises(policypos.NotFoundError, match="'going-straight@2005' in cambridge"):
            policypos.diff(doc.version("2005"), doc.version("2024"), other)

    def test_a_document_built_of_read_versions(
        self, two: tuple[Document, Document, Document]
    ) -> None:
        """A document made in Python holds versions read elsewhere: they are its own."""
        doc, _, _ = two
        made = Document.create("annex-draft", "T", "O", "B", versions=doc.versions)
        changes = policypos.diff(made.version("2005"), made.version("2024"), made)
        assert changes.document == "annex-draft"

    def test_the_same_ids_in_another_folder(self, two: tuple[Document, Document, Document]) -> None:
        """Equal versions of two documents: where each was read from tells them apart."""
        doc, _, copy = two
        assert copy.version("2024") == doc.version("2024")
        with pytest.raises(policypos.NotFoundError, match="'going-straighter@2024' in going-st"):
            policypos.diff(doc.version("2005"), copy.version("2024"), doc)

    def test_without_the_document(self, two: tuple[Document, Document, Document]) -> None:
        doc, other, _ = two
        with pytest.raises(
            policypos.NotFoundError,
            match=r"^no version 'cambridgeshire-reoffending@2014' in going-straight$",
        ):
            policypos.diff(doc.version("2024"), other.newest())

    def test_versions_built_in_code_belong_anywhere(
        self, two: tuple[Document, Document, Document]
    ) -> None:
        """A draft made in Python, compared before it is saved, traces the document's comments."""
        doc, _, _ = two
        draft = attrs.evolve(doc.version("2024"), id="draft", origin=None)
        assert policypos.diff(doc.version("2024"), draft, doc).document == "going-straight"
        assert policypos.diff(doc.version("2005"), doc.version("2024")).sections


class TestCycleCollectorPause:
    """diff pauses the cycle collector: safe only while a diff makes no reference cycle."""

    @pytest.mark.parametrize("significance", [True, False])
    def test_a_diff_leaves_no_cyclic_garbage(self, significance: bool) -> None:
        """With the collector off, nothing a diff made is left for it to free."""
        import gc

        from policypos import open_repository

        doc = open_repository(SHIPPED).document("going-straight")
        old, new = doc.version("2005"), doc.version("2024")
        gc.collect()
        gc.disable()
        try:
            result = diff(old, new, doc, significance=significance)
            assert list(result.statements())
            del result
            assert gc.collect() == 0
        finally:
            gc.enable()

    @pytest.mark.parametrize("enabled", [True, False])
    def test_paused_while_it_works_then_left_as_it_was(
        self, enabled: bool, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import gc
        import importlib

        from policypos import open_repository

        module = importlib.import_module("policypos.diff")
        doc = open_repository(SHIPPED).document("going-straight")
        during: list[bool] = []
        build = module._build_sections

        def spy(*args: object, **kwargs: object) -> object:
            during.append(gc.isenabled())
            return build(*args, **kwargs)

        monkeypatch.setattr(module, "_build_sections", spy)
        (gc.enable if enabled else gc.disable)()
        try:
            diff(doc.version("2005"), doc.version("2024"), doc)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
        assert during == [False]

    def test_restored_when_the_diff_fails(self) -> None:
        import gc

        with pytest.raises(AttributeError):
            diff(None, None)  # type: ignore[arg-type]
        assert gc.isenabled()


class TestDocumentName:
    """``policypos.diff(old, new)`` names the document the versions belong to (tester 14, 11)."""

    def test_versions_read_from_a_repository(self) -> None:
        import policypos

        doc = open_repository(SHIPPED).document("going-straight")
        old, new = doc.version("2005"), doc.version("2024")
        assert policypos.diff(old, new).document == "going-straight"
        # An edited copy is still a version of that document; passing it changes nothing.
        edited = attrs.evolve(new, title="Edited")
        assert policypos.diff(new, edited).document == "going-straight"
        assert policypos.diff(made_in_code(), edited).document == "going-straight"
        assert policypos.diff(old, new, doc) == diff(old, new, doc)

    def test_versions_built_in_code(self) -> None:
        """A version with no file behind it names no document, unless one is given."""
        made = made_in_code()
        assert diff(made, made).document == ""
        doc = Document.create("d", "D", "O", "B", versions=(made,))
        assert diff(made, made, doc).document == "d"


def made_in_code() -> Version:
    return version([("s", "S", [("a", "Councils plan.")])])
