"""Word's "accept all" and "reject all" on a whole comparison give the two versions, each once.

Each test renders ``render changes --format docx`` for a pair of versions,
applies every revision of ``word/document.xml`` at once (accept all: drop
each ``w:del``, keep what ``w:ins`` holds; reject all: the mirror), and reads
back the section titles and the statements. They must be exactly the new
version's (after accepting) or the old one's (after rejecting), as the
annex prints them, each statement once: a sentence split out of a statement
(or merged into one) stands deleted in one paragraph and inserted in
another, never kept in both.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import policypos
from policypos import Document, Section, Statement, Status, Version, documents
from policypos.model import StatementKind

from .conftest import SHIPPED, MakeRepo
from .test_cli import run
from .test_diff import versions
from .test_split_parts import repo as split_repo
from .test_word import OPTIONS, W, fold, part, render, statement_paragraphs
from .test_word import _text as text_of

PLAN = "Councils should plan housing for people leaving prison with the probation service."
REFER = "Probation should refer offenders to housing advice within 28 days of release."
FAMILIES = "Families of prisoners should be told where to find support near their home."
TRAIN = "Every prison should offer training that leads to a job on release."
SOFTER = REFER.replace("should refer", "may wish to refer")
REWORDED = "Probation services may wish to refer people to housing advice within 56 days."

Spec = list[tuple[str, str, list[tuple[str, str]]]]


def version(spec: Spec, vid: str, intro: dict[str, str] | None = None) -> Version:
    """A version from (section id, title, [(statement id, text)]) triples."""
    return Version(
        vid,
        dt.date(2024, 1, 1),
        Status.DRAFT,
        tuple(
            Section(sid, title, tuple(Statement(i, t) for i, t in body), (intro or {}).get(sid))
            for sid, title, body in spec
        ),
    )


def applied(body: etree._Element, drop: str) -> etree._Element:
    """The document with every ``w:<drop>`` removed: ``del`` accepts all, ``ins`` rejects all."""
    body = etree.fromstring(etree.tostring(body))
    for revision in list(body.iter(f"{W}{drop}")):
        revision.getparent().remove(revision)
    return body


def read_back(body: etree._Element) -> tuple[Counter[str], Counter[str]]:
    """The section titles and the statements a document holds, each as often as it holds it.

    A title is a Heading 1 paragraph's text after its number; a statement, a
    numbered paragraph's after its number and tab. Empty ones (a revision
    accepted or rejected away) are none.
    """
    titles: Counter[str] = Counter()
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Heading1":
            title = fold(text_of(p).partition(". ")[2] if ". " in text_of(p) else text_of(p))
            if title:
                titles[title] += 1
    statements = Counter(
        text for p in statement_paragraphs(body) if (text := fold(text_of(p).partition("\t")[2]))
    )
    return titles, statements


def as_annex(version: Version) -> tuple[Counter[str], Counter[str]]:
    """A version's titles and statements as the annex prints them (a kind's label first)."""
    titles = Counter(fold(s.title) for s in version.sections)
    statements: Counter[str] = Counter()
    for section in version.sections:
        for st in section.statements:
            label = documents.KIND_LABELS[st.kind]
            statements[fold(f"{label}: {st.text}" if label else st.text)] += 1
    return titles, statements


def check(old: Version, new: Version) -> None:
    """Accepting every change gives *new*, rejecting every change *old*: titles and statements."""
    document = Document.create("d", "T", "O", "B", versions=(old, new))
    record = documents.comparison(document, policypos.diff(old, new, document))
    body = part(render("changes", record, OPTIONS), "word/document.xml")
    assert read_back(applied(body, "del")) == as_annex(new)
    assert read_back(applied(body, "ins")) == as_annex(old)


BEFORE: Spec = [("s", "Housing", [("x", f"{PLAN} {REFER}"), ("y", FAMILIES)])]

CASES: dict[str, tuple[Spec, Spec]] = {
    "reworded": (BEFORE, [("s", "Housing", [("x", f"{PLAN} {SOFTER}"), ("y", FAMILIES)])]),
    "moved to another section": (
        [*BEFORE, ("t", "Work", [("z", TRAIN)])],
        [
            ("s", "Housing", [("x", f"{PLAN} {REFER}")]),
            ("t", "Work", [("z", TRAIN), ("y", FAMILIES)]),
        ],
    ),
    "reordered": (BEFORE, [("s", "Housing", [("y", FAMILIES), ("x", f"{PLAN} {REFER}")])]),
    "split word for word": (
        BEFORE,
        [("s", "Housing", [("x", PLAN), ("n", REFER), ("y", FAMILIES)])],
    ),
    "split and softened": (
        BEFORE,
        [("s", "Housing", [("x", PLAN), ("n", SOFTER), ("y", FAMILIES)])],
    ),
    "split and reworded more": (
        BEFORE,
        [("s", "Housing", [("x", PLAN), ("n", REWORDED), ("y", FAMILIES)])],
    ),
    "split into another section": (
        [*BEFORE, ("t", "Work", [("z", TRAIN)])],
        [
            ("s", "Housing", [("x", PLAN), ("y", FAMILIES)]),
            ("t", "Work", [("z", TRAIN), ("n", SOFTER)]),
        ],
    ),
    "split into three": (
        [("s", "Housing", [("x", f"{PLAN} {REFER} {FAMILIES}")])],
        [("s", "Housing", [("x", PLAN), ("n", REFER), ("m", FAMILIES)])],
    ),
    "whole removed, cut in parts": (
        [("s", "Housing", [("x", f"{PLAN} {REFER} {FAMILIES}")])],
        [("s", "Housing", [("n", SOFTER), ("m", FAMILIES), ("k", TRAIN)])],
    ),
    "merged word for word": (
        [("s", "Housing", [("x", PLAN), ("y", REFER), ("z", FAMILIES)])],
        [("s", "Housing", [("x", f"{PLAN} {REFER}"), ("z", FAMILIES)])],
    ),
    "merged and softened": (
        [("s", "Housing", [("x", PLAN), ("y", REFER), ("z", FAMILIES)])],
        [("s", "Housing", [("x", f"{PLAN} {SOFTER}"), ("z", FAMILIES)])],
    ),
    "merged from another section": (
        [("s", "Housing", [("x", PLAN)]), ("t", "Work", [("z", TRAIN), ("y", REFER)])],
        [("s", "Housing", [("x", f"{PLAN} {SOFTER}")]), ("t", "Work", [("z", TRAIN)])],
    ),
    "added and removed statements": (
        BEFORE,
        [("s", "Housing", [("x", f"{PLAN} {REFER}"), ("w", TRAIN)])],
    ),
    "added and removed sections": (
        [*BEFORE, ("t", "Work", [("z", TRAIN)])],
        [("u", "Families", [("y", FAMILIES)]), ("s", "Housing", [("x", f"{PLAN} {REFER}")])],
    ),
    "renamed section": (BEFORE, [("s", "Housing and release", BEFORE[0][2])]),
    "split and renamed": (
        BEFORE,
        [("s", "Homes", [("x", PLAN), ("n", SOFTER), ("y", FAMILIES)])],
    ),
}


CASES_CLI = [("x", PLAN), ("n", SOFTER), ("y", FAMILIES)]


class TestAcceptAndRejectAll:
    """Accept all gives the new version, reject all the old, each statement once."""

    @pytest.mark.parametrize(("before", "after"), CASES.values(), ids=CASES.keys())
    def test_case(self, before: Spec, after: Spec) -> None:
        check(version(before, "v1"), version(after, "v2"))

    @pytest.mark.parametrize(("before", "after"), CASES.values(), ids=CASES.keys())
    def test_case_backwards(self, before: Spec, after: Spec) -> None:
        """The same pair the other way round: a split read backwards is a merge, and so on."""
        check(version(after, "v1"), version(before, "v2"))

    def test_split_part_is_one_insertion(self) -> None:
        """A part reworded on its way out is inserted whole, its source's words nowhere kept twice."""
        before, after = CASES["split and softened"]
        document = Document.create(
            "d", "T", "O", "B", versions=(version(before, "v1"), version(after, "v2"))
        )
        record = documents.comparison(
            document, policypos.diff(document.versions[0], document.versions[1], document)
        )
        body = part(render("changes", record, OPTIONS), "word/document.xml")
        (p,) = [p for p in statement_paragraphs(body) if text_of(p).startswith("1.2\t")]
        assert p.find(f"{W}del") is None
        assert [fold("".join(i.itertext())) for i in p.iter(f"{W}ins")] == [SOFTER]
        # What the part did on the way is said under it, not tracked.
        said = "".join(t.text or "" for t in body.iter(f"{W}t"))
        assert "(new; softened from “should” to “may”; split out of former paragraph 1.1)" in said

    def test_kind_changed_with_a_split(self) -> None:
        """A part whose kind differs from its whole's: labels, too, once each way."""
        old = version(BEFORE, "v1")
        new = Version(
            "v2",
            dt.date(2024, 1, 1),
            Status.DRAFT,
            (
                Section(
                    "s",
                    "Housing",
                    (
                        Statement("x", PLAN),
                        Statement("n", SOFTER, StatementKind.ASK),
                        Statement("y", FAMILIES),
                    ),
                ),
            ),
        )
        check(old, new)
        check(new, old)

    def test_section_intros(self) -> None:
        """An introduction rewritten, added or removed is tracked and inverts to each version's."""
        before, after = CASES["split and softened"]
        old = version(before, "v1", {"s": "Housing comes first."})
        new = version(after, "v2", {"s": "Housing comes first, then work."})
        document = Document.create("d", "T", "O", "B", versions=(old, new))
        record = documents.comparison(document, policypos.diff(old, new, document))
        body = part(render("changes", record, OPTIONS), "word/document.xml")
        said_new = " ".join(text_of(p) for p in applied(body, "del").iter(f"{W}p"))
        said_old = " ".join(text_of(p) for p in applied(body, "ins").iter(f"{W}p"))
        assert "Housing comes first, then work." in said_new
        assert "Housing comes first." in said_old
        assert "then work" not in said_old

    def test_shipped_versions(self) -> None:
        """going-straight 2005 -> 2024: moves, a rename, added and removed sections."""
        document = policypos.open_repository(SHIPPED).document("going-straight")
        check(*document.versions)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(versions(), versions())
    def test_any_two_versions(self, old: Version, new: Version) -> None:
        """For any two versions (splits and merges among them), each way round."""
        old = Version("v1", old.date, old.status, old.sections)
        new = Version("v2", new.date, new.status, new.sections)
        check(old, new)

    def test_through_the_cli(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        """``render changes --format docx`` of a split: the part's sentence once each way."""
        repo = split_repo(make_repo, [("x", f"{PLAN} {REFER}"), ("y", FAMILIES)], CASES_CLI)
        out = tmp_path / "changes.docx"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "docx", "-o", str(out))
        assert run(*args, repo=repo).exit_code == 0
        body = part(out.read_bytes(), "word/document.xml")
        _, rejected = read_back(applied(body, "ins"))
        _, accepted = read_back(applied(body, "del"))
        assert rejected == Counter([f"{PLAN} {REFER}", FAMILIES])
        assert accepted == Counter([PLAN, SOFTER, FAMILIES])
