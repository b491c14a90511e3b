"""The Python API that LGA tooling imports: lookups, ordering and citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from policypos import (
    Comment,
    CommentKind,
    Document,
    Meeting,
    NotFoundError,
    Repository,
    Section,
    Statement,
    Status,
    Version,
    open_repository,
)
from tests.conftest import SHIPPED


def version(vid: str, date: str, status: Status = Status.ENDORSED, **kw: object) -> Version:
    return Version(vid, dt.date.fromisoformat(date), status, **kw)  # type: ignore[arg-type]


def document(*versions: Version, meetings: tuple[Meeting, ...] = ()) -> Document:
    return Document.create("d", "T", "O", "B", versions=versions, meetings=meetings)


@pytest.fixture(scope="module")
def doc() -> Document:
    return open_repository(SHIPPED).document("going-straight")


class TestRecords:
    """Records are frozen values."""

    def test_frozen(self) -> None:
        """A record cannot be changed in place; attrs.evolve makes a changed copy."""
        statement = Statement("a", "Text.")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            statement.text = "Other."  # type: ignore[misc]
        assert attrs.evolve(statement, text="Other.").text == "Other."

    def test_documents_sort_by_date(self) -> None:
        """Document.create puts versions and meetings in date order, ties by id."""
        doc = document(
            version("b", "2024-01-01"),
            version("a", "2024-01-01"),
            version("z", "2020-01-01"),
            meetings=(
                Meeting("m2", "Board", dt.date(2024, 2, 1)),
                Meeting("m1", "Board", dt.date(2023, 1, 1)),
            ),
        )
        assert [v.id for v in doc.versions] == ["z", "a", "b"]
        assert [m.id for m in doc.meetings] == ["m1", "m2"]


class TestLookups:
    """Finding documents, versions, sections, statements, meetings and comments."""

    def test_versions_in_order(self, doc: Document) -> None:
        """Versions come oldest first, and the newest is the last."""
        assert [v.id for v in doc.versions] == ["2005", "2024"]
        assert doc.newest().id == "2024"

    def test_version_and_statement(self, doc: Document) -> None:
        """A statement is found with the section it stands in."""
        section, statement = doc.version("2024").statement("acc-2")
        assert section.id == "general"
        assert statement.text.startswith("Councils, probation and prisons")
        assert doc.version("2024").section("individual-support").title == "Individual support"

    def test_not_found_lists_what_is_known(self, doc: Document) -> None:
        """A failed lookup names what was asked for and what exists."""
        with pytest.raises(
            NotFoundError, match=r"no version 'going-straight@1999' \(known: 2005, 2024\)"
        ):
            doc.version("1999")
        with pytest.raises(NotFoundError, match="no meeting 'x'"):
            doc.meeting("x")
        with pytest.raises(NotFoundError, match="no comment 'sscb-2024-03/9'"):
            doc.comment("sscb-2024-03/9")
        with pytest.raises(NotFoundError, match="no section 'x'"):
            doc.newest().section("x")
        with pytest.raises(NotFoundError, match="no statement 'x'"):
            doc.newest().statement("x")
        with pytest.raises(NotFoundError, match="no statement 'x'"):
            doc.newest().sections[0].statement("x")
        with pytest.raises(LookupError):  # NotFoundError is a LookupError too
            open_repository(SHIPPED).document("x")

    def test_long_lists_of_known_ids_are_cut(self) -> None:
        """A version of thousands of statements does not make a message of thousands of ids."""
        section = Section("s", "S", tuple(Statement(f"st-{i}", "x") for i in range(1000)))
        with pytest.raises(NotFoundError) as caught:
            section.statement("nope")
        assert str(caught.value) == (
            "no statement 'nope' (known: st-0, st-1, st-2, st-3, st-4, st-5, st-6, st-7, "
            "st-8, st-9, st-10, st-11, and 988 more)"
        )

    def test_newest_of_nothing(self) -> None:
        """A document without versions has no newest one."""
        with pytest.raises(NotFoundError, match=r"no version 'd@\(newest\)'"):
            Document.create("d", "T", "O", "B").newest()

    def test_comment_by_reference(self, doc: Document) -> None:
        """A comment is found by meeting/comment, as addresses cite it."""
        comment = doc.comment("sscb-2024-03/3.7")
        assert comment.ref == "sscb-2024-03/3.7"
        assert comment.referred_to == "Local Infrastructure and Net Zero Board"


class TestPresentedTo:
    """The version a meeting had before it."""

    def test_by_meeting_or_reviews(self, doc: Document) -> None:
        """2024 names the July meeting; the March meeting reviews 2005."""
        assert doc.presented_to("sscb-2024-07").id == "2024"
        assert doc.presented_to("sscb-2024-03").id == "2005"

    def test_nothing_presented(self) -> None:
        """A meeting with no version before it is a NotFoundError."""
        bare = document(meetings=(Meeting("m", "Board", dt.date(2024, 1, 1)),))
        with pytest.raises(NotFoundError, match="no version presented to meeting 'm'"):
            bare.presented_to("m")


class TestInForce:
    """The version in force on a date: the newest adopted one dated on or before it."""

    def test_shipped(self, doc: Document) -> None:
        """2005 is in force: 2024 is only proposed; nothing was before 2005."""
        assert doc.in_force(dt.date(2010, 6, 1)).id == "2005"  # type: ignore[union-attr]
        assert doc.in_force(dt.date(2024, 7, 18)).id == "2005"  # type: ignore[union-attr]
        assert doc.in_force(dt.date(2004, 12, 31)) is None

    def test_drafts_are_never_in_force(self) -> None:
        """A newer draft or proposed version does not displace the endorsed one."""
        doc = document(
            version("a", "2020-01-01"),
            version("b", "2021-01-01", Status.PROPOSED),
            version("c", "2022-01-01", Status.WITHDRAWN),
        )
        assert doc.in_force(dt.date(2023, 1, 1)).id == "a"  # type: ignore[union-attr]

    def test_from_the_meeting_that_endorsed_it(self, doc: Document) -> None:
        """Dated 1 July, endorsed at the meeting of 18 July: in force from the 18th, not the 1st."""
        import attrs

        v2005, v2024 = doc.version("2005"), doc.version("2024")
        endorsed = attrs.evolve(
            doc,
            versions=(
                attrs.evolve(v2005, status=Status.SUPERSEDED),
                attrs.evolve(v2024, status=Status.ENDORSED),
            ),
        )
        assert endorsed.in_force(dt.date(2024, 7, 10)).id == "2005"  # type: ignore[union-attr]
        assert endorsed.in_force(dt.date(2024, 7, 18)).id == "2024"  # type: ignore[union-attr]
        old, new = endorsed.versions
        assert endorsed.in_force_period(old) == (dt.date(2005, 1, 1), dt.date(2024, 7, 18))
        assert endorsed.in_force_period(new) == (dt.date(2024, 7, 18), None)
        assert doc.in_force_period(v2024) is None  # only proposed: never in force


class TestCitations:
    """Which comments a version answers, and where."""

    def test_citations_of_a_version(self, doc: Document) -> None:
        """Each cited comment maps to the sections and statements citing it."""
        cited = doc.version("2024").citations()
        assert cited["sscb-2024-03/3.1"] == ("general", "general/gen-2")
        assert doc.version("2005").citations() == {}

    def test_cited_by(self, doc: Document) -> None:
        """cited_by lists the comments a version answers, in meeting order."""
        refs = [c.ref for c in doc.cited_by(doc.version("2024"))]
        assert refs == [f"sscb-2024-03/3.{n}" for n in range(1, 6)]

    def test_cited_by_skips_unknown_references(self) -> None:
        """A citation of a comment that does not exist is left to the validator."""
        section = Section("s", "S", (Statement("a", "x", addresses=("m/1", "m/2")),))
        meeting = Meeting(
            "m",
            "Board",
            dt.date(2024, 1, 1),
            comments=(Comment("1", "m", CommentKind.COMMENT, "Hi"),),
        )
        doc = document(version("v", "2024-02-01", sections=(section,)), meetings=(meeting,))
        assert [c.ref for c in doc.cited_by(doc.newest())] == ["m/1"]
        assert doc.citations_of(meeting.comments[0]) == ((doc.newest(), ("s/a",)),)

    def test_statements_in_order(self, doc: Document) -> None:
        """Version.statements walks sections then statements, in file order."""
        ids = [s.id for _, s in doc.version("2005").statements()]
        assert ids[:5] == ["ee-1", "ee-2", "ee-3", "ee-4", "acc-1"]
        assert len(ids) == 15


def test_repository_root() -> None:
    """A repository remembers where it was read from."""
    assert open_repository(SHIPPED).root == SHIPPED
    assert Repository(Path("x")).documents == ()
