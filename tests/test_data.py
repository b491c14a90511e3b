"""The shipped positions tell the seed papers' story faithfully."""

from __future__ import annotations

import pytest

from policypos import CommentKind, Disposition, Document, StatementKind, Status, open_repository
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def going_straight() -> Document:
    return open_repository(SHIPPED).document("going-straight")


@pytest.fixture(scope="module")
def cambridgeshire() -> Document:
    return open_repository(SHIPPED).document("cambridgeshire-reoffending")


class TestGoingStraight:
    """The LGA board paper: the 2005 positions, members' comments, and Annex 2."""

    def test_document(self, going_straight: Document) -> None:
        """The document belongs to the Safer and Stronger Communities Board."""
        assert going_straight.organisation == "Local Government Association"
        assert going_straight.owner == "Safer and Stronger Communities Board"

    def test_2005_sections(self, going_straight: Document) -> None:
        """2005 has the four sections the paper implies, with 3 to 6 statements each."""
        old = going_straight.version("2005")
        assert old.status is Status.ENDORSED  # in force until the Board endorses 2024
        assert [s.title for s in old.sections] == [
            "Education and employment",
            "Accommodation",
            "Drugs and alcohol",
            "Family support",
        ]
        assert all(3 <= len(s.statements) <= 6 for s in old.sections)

    def test_2024_sections(self, going_straight: Document) -> None:
        """2024 revises 2005: General added at the start, drugs and alcohol renamed."""
        new = going_straight.version("2024")
        # The paper asks the Board to endorse it: proposed, not yet endorsed.
        assert (new.status, new.based_on, new.meeting) == (Status.PROPOSED, "2005", "sscb-2024-07")
        assert [s.title for s in new.sections] == [
            "General",
            "Education and employment",
            "Accommodation",
            "Individual support",
            "Family support",
        ]

    def test_general_reflects_members_points_1_and_5(self, going_straight: Document) -> None:
        """The General section answers comments 3.1 (probation staffing) and 3.5 (areas differ)."""
        general = going_straight.version("2024").section("general")
        assert general.addresses == ("sscb-2024-03/3.1", "sscb-2024-03/3.5")
        texts = " ".join(s.text for s in general.statements)
        assert "probation officers" in texts
        assert "Community Safety Partnerships" in texts
        assert "devolution" in texts

    def test_education_reworded_as_considerations(self, going_straight: Document) -> None:
        """Every education and employment statement is kept but reworded as a point to consider."""
        old = going_straight.version("2005").section("education-employment")
        new = going_straight.version("2024").section("education-employment")
        assert [s.id for s in new.statements] == [s.id for s in old.statements]
        assert all(s.kind is StatementKind.CONSIDERATION for s in new.statements)
        assert all(a.text != b.text for a, b in zip(old.statements, new.statements, strict=True))
        assert "budgets" in (new.intro or "")

    def test_accommodation_aligned_with_social_housing(self, going_straight: Document) -> None:
        """Accommodation is reworded around the LGA's social housing ask."""
        new = going_straight.version("2024").section("accommodation")
        assert "social homes" in new.statement("acc-1").text
        assert (
            new.statement("acc-1").text
            != going_straight.version("2005").section("accommodation").statement("acc-1").text
        )

    def test_individual_support(self, going_straight: Document) -> None:
        """Drugs and alcohol became Individual support, adding gambling, mental health, money and neurodiversity."""
        old = going_straight.version("2005").section("drugs-alcohol")
        new = going_straight.version("2024").section("individual-support")
        assert {s.id for s in old.statements} <= {s.id for s in new.statements}
        tags = {t for s in new.statements for t in s.tags}
        assert {"gambling", "mental-health", "finance", "neurodiversity"} <= tags
        assert set(new.addresses) == {"sscb-2024-03/3.2", "sscb-2024-03/3.3", "sscb-2024-03/3.4"}

    def test_family_support_unchanged(self, going_straight: Document) -> None:
        """Family support is the same, word for word."""
        old = going_straight.version("2005").section("family-support")
        new = going_straight.version("2024").section("family-support")
        assert old == new

    def test_review_meeting_comments(self, going_straight: Document) -> None:
        """The March meeting reviewed 2005; each comment has the paper's disposition."""
        meeting = going_straight.meeting("sscb-2024-03")
        assert meeting.reviews == "2005"
        assert {c.id: c.disposition for c in meeting.comments} == {
            "2": Disposition.ANSWERED,
            "3.1": Disposition.ADDRESSED,
            "3.2": Disposition.ADDRESSED,
            "3.3": Disposition.ADDRESSED,
            "3.4": Disposition.ADDRESSED,
            "3.5": Disposition.ADDRESSED,
            "3.6": Disposition.DEFERRED,
            "3.7": Disposition.REFERRED,
        }
        assert meeting.comment("2").kind is CommentKind.QUESTION
        assert "Ministry of Justice" in (meeting.comment("2").response or "")
        assert meeting.comment("3.7").referred_to == "Local Infrastructure and Net Zero Board"

    def test_every_addressed_comment_is_cited_where_the_paper_says(
        self, going_straight: Document
    ) -> None:
        """Each addressed comment is cited by the part of the 2024 statement that answers it."""
        cited = going_straight.version("2024").citations()
        assert set(cited) == {f"sscb-2024-03/3.{n}" for n in range(1, 6)}
        sections = {ref: {p.split("/")[0] for p in places} for ref, places in cited.items()}
        assert sections == {
            "sscb-2024-03/3.1": {"general"},
            "sscb-2024-03/3.2": {"individual-support"},
            "sscb-2024-03/3.3": {"individual-support"},
            "sscb-2024-03/3.4": {"individual-support"},
            "sscb-2024-03/3.5": {"general"},
        }

    def test_july_meeting_seeks_direction(self, going_straight: Document) -> None:
        """The July meeting received 2024; the questions of paragraphs 9 and 10 are open."""
        meeting = going_straight.meeting("sscb-2024-07")
        assert meeting.reviews == "2024"
        # Paragraphs 9 and 10 of the paper: two paragraphs, not 9.1 and 9.2.
        assert [c.id for c in meeting.comments] == ["9", "10"]
        assert all(c.disposition is Disposition.OPEN for c in meeting.comments)


class TestCambridgeshire:
    """The Cabinet paper: six scrutiny recommendations and Cabinet's response."""

    def test_recommendations_and_dispositions(self, cambridgeshire: Document) -> None:
        """Cabinet's answer to each recommendation is recorded exactly as the paper gives it."""
        meeting = cambridgeshire.meeting("cabinet-2014-04")
        assert meeting.date.isoformat() == "2014-04-15"
        assert all(c.kind is CommentKind.RECOMMENDATION for c in meeting.comments)
        assert all(c.response for c in meeting.comments)
        assert [(c.id, c.disposition) for c in meeting.comments] == [
            ("1", Disposition.PARTIALLY_ACCEPTED),
            ("2", Disposition.ACCEPTED),
            ("3", Disposition.FULLY_ACCEPTED),
            ("4", Disposition.PARTIALLY_ACCEPTED),
            ("5", Disposition.PARTIALLY_ACCEPTED),
            ("6", Disposition.PARTIALLY_ACCEPTED),
        ]

    def test_commitments_answer_every_recommendation(self, cambridgeshire: Document) -> None:
        """The Council's commitments cite each of the six recommendations."""
        version = cambridgeshire.newest()
        assert version.status is Status.PROPOSED  # the response suggested to Cabinet
        assert sorted(version.citations()) == [f"cabinet-2014-04/{n}" for n in range(1, 7)]
