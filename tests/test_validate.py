"""The consistency rules of FORMAT.md section 4, one test (at least) per rule."""

from __future__ import annotations

from pathlib import Path

from policypos import Document, Problem, Repository, Severity, Status, Version, check, validate
from tests.conftest import MEETING, VERSION, MakeRepo


def lines(root: Path) -> list[str]:
    """Check *root* and return its problems as printed, with the root folder left out."""
    return [str(p).replace(f"{root}/", "") for p in check(root)]


def version(vid: str, date: str, *, status: str = "endorsed", extra: str = "") -> str:
    return (
        VERSION.replace('"v1"', f'"{vid}"')
        .replace("2024-01-01", date)
        .replace("status: endorsed", f"status: {status}\n{extra}".rstrip())
    )


class TestShipped:
    """The positions the project ships are clean."""

    def test_no_problems(self) -> None:
        """Neither errors nor warnings in positions/."""
        assert check(Path(__file__).parents[1] / "positions") == ()


class TestReferences:
    """based_on, meeting, reviews, on and addresses name things that exist."""

    def test_unknown_based_on_meeting_and_reviews(self, make_repo: MakeRepo) -> None:
        """Each broken reference is an error at its value, listing what is known."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version(
                    "v1", "2024-01-01", extra="based_on: v0\nmeeting: m9"
                ),
                "doc/meetings/m1.yaml": MEETING.replace("comments:", "reviews: v7\ncomments:"),
            }
        )
        assert lines(root) == [
            "doc/meetings/m1.yaml:5:10: error: no version 'v7' in document 'doc' (known: v1)",
            "doc/versions/v1.yaml:4:11: error: no version 'v0' in document 'doc' (known: v1)",
            "doc/versions/v1.yaml:5:10: error: no meeting 'm9' in document 'doc' (known: m1)",
        ]

    def test_unknown_comment_and_meeting_in_addresses(self, make_repo: MakeRepo) -> None:
        """addresses entries name a real meeting and a real comment of it."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/9, m2/1]\n")
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": MEETING})
        assert lines(root) == [
            "doc/versions/v1.yaml:7:17: error: addresses unknown comment 'm1/9'",
            "doc/versions/v1.yaml:7:23: error: no meeting 'm2' in document 'doc' (known: m1)",
        ]

    def test_statement_addresses_are_checked_too(self, make_repo: MakeRepo) -> None:
        """A statement's addresses are held to the same rule as a section's."""
        text = VERSION.replace(
            "        text: First.\n", "        text: First.\n        addresses: [m1/2]\n"
        )
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": MEETING})
        assert lines(root) == [
            "doc/versions/v1.yaml:10:21: error: addresses unknown comment 'm1/2'"
        ]

    def test_on_names_a_section_or_statement(self, make_repo: MakeRepo) -> None:
        """A comment's 'on' names a section or statement of some version."""
        meeting = MEETING.replace("    kind: comment\n", "    kind: comment\n    on: [s1, a, zz]\n")
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:8:17: error: 'on' names 'zz', which is no section or "
            "statement of any version"
        ]

    def test_references_to_unreadable_files_are_not_reported_twice(
        self, make_repo: MakeRepo
    ) -> None:
        """A reference to a file that failed to load is covered by that file's own error."""
        text = version("v2", "2024-03-01", extra="based_on: v1\nmeeting: m1").replace(
            "    title: One\n", "    title: One\n    addresses: [m1/1]\n"
        )
        root = make_repo(
            {"doc/versions/v1.yaml": "", "doc/versions/v2.yaml": text, "doc/meetings/m1.yaml": ""}
        )
        assert lines(root) == [
            "doc/meetings/m1.yaml:1:1: error: file is empty",
            "doc/versions/v1.yaml:1:1: error: file is empty",
        ]


class TestDispositions:
    """Dispositions agree with what the versions cite."""

    def test_addressed_but_never_cited(self, make_repo: MakeRepo) -> None:
        """An addressed comment that no version cites is an error at its disposition."""
        for disposition in ("addressed", "partially-addressed"):
            meeting = MEETING + f"    disposition: {disposition}\n"
            root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
            assert lines(root) == [
                f"doc/meetings/m1.yaml:9:18: error: comment m1/1 is {disposition} but no "
                "version cites it in 'addresses'"
            ]

    def test_cited_while_open(self, make_repo: MakeRepo) -> None:
        """A comment cited while still open is a warning naming who cites it."""
        text = VERSION.replace(
            "        text: First.\n", "        text: First.\n        addresses: [m1/1]\n"
        )
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": MEETING})
        assert lines(root) == [
            "doc/meetings/m1.yaml:6:5: warning: comment m1/1 is open but cited by v1: s1/a"
        ]

    def test_cited_and_addressed_is_clean(self, make_repo: MakeRepo) -> None:
        """The ordinary case: addressed, and cited."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1]\n")
        meeting = MEETING + "    disposition: addressed\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == []

    def test_referred_to_agrees_with_disposition(self, make_repo: MakeRepo) -> None:
        """referred wants referred_to, and referred_to wants referred."""
        meeting = MEETING + (
            "    disposition: referred\n"
            '  - id: "2"\n    kind: comment\n    text: Other.\n    referred_to: Another board\n'
        )
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:18: warning: comment m1/1 is referred but says not to whom",
            "doc/meetings/m1.yaml:13:18: warning: comment m1/2 has 'referred_to' but its "
            "disposition is open",
        ]


class TestVersions:
    """based_on has no cycle; dates and statuses make sense."""

    def test_cycle(self, make_repo: MakeRepo) -> None:
        """A based_on cycle is one error, shown as the loop."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version(
                    "a", "2024-01-01", status="draft", extra="based_on: c"
                ),
                "doc/versions/b.yaml": version(
                    "b", "2024-02-01", status="draft", extra="based_on: a"
                ),
                "doc/versions/c.yaml": version(
                    "c", "2024-03-01", status="draft", extra="based_on: b"
                ),
            }
        )
        assert lines(root) == [
            "doc/versions/a.yaml:4:11: error: based_on goes round in a circle: a -> c -> b -> a"
        ]

    def test_self_cycle(self, make_repo: MakeRepo) -> None:
        """A version based on itself is the smallest cycle."""
        root = make_repo({"doc/versions/a.yaml": version("a", "2024-01-01", extra="based_on: a")})
        assert lines(root) == [
            "doc/versions/a.yaml:4:11: error: based_on goes round in a circle: a -> a"
        ]

    def test_dated_before_base(self, make_repo: MakeRepo) -> None:
        """A version dated before the version it revises is a warning."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2024-05-01", status="superseded"),
                "doc/versions/b.yaml": version("b", "2024-01-01", extra="based_on: a"),
            }
        )
        assert lines(root) == [
            "doc/versions/b.yaml:2:7: warning: version 'b' is dated 2024-01-01, before the "
            "version it is based on ('a', 2024-05-01)"
        ]

    def test_two_endorsed(self, make_repo: MakeRepo) -> None:
        """An endorsed version with a newer endorsed one should be superseded."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2023-01-01"),
                "doc/versions/b.yaml": version("b", "2024-01-01", extra="based_on: a"),
            }
        )
        assert lines(root) == [
            "doc/versions/a.yaml:3:9: warning: version 'a' is endorsed, but 'b' is a newer "
            "endorsed version: mark this one superseded"
        ]

    def test_document_without_versions(self, make_repo: MakeRepo) -> None:
        """A document with no versions yet is a warning, not an error."""
        root = make_repo()
        assert lines(root) == ["doc/document.yaml:1:1: warning: document 'doc' has no versions yet"]


class TestInMemory:
    """validate() works on records built in code, which have no file positions."""

    def test_problems_without_locations(self) -> None:
        """Problems still name what is wrong when there is no file to point at."""
        import datetime as dt

        doc = Document.create(
            "doc",
            "T",
            "O",
            "B",
            versions=(Version("v1", dt.date(2024, 1, 1), Status.DRAFT, based_on="v0"),),
        )
        assert validate(Repository(Path(), (doc,))) == (
            Problem(Severity.ERROR, "no version 'v0' in document 'doc' (known: v1)"),
        )


class TestChecked:
    """open_checked: the problems of each document, so that one broken document blocks only itself."""

    def test_problems_split_by_document(self, make_repo: MakeRepo) -> None:
        """Each problem belongs to the document folder its file lies in; broken ones are named."""
        from policypos.validate import open_checked

        root = make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "other/document.yaml": "id: other\n",
                "bad name/document.yaml": "",
            }
        )
        checked = open_checked(root)
        assert checked.problems_of("doc") == ()
        assert [str(p).replace(f"{root}/", "") for p in checked.problems_of("other")] == [
            "other/document.yaml:1:1: error: document.yaml is missing keys 'title', 'organisation', 'owner'"
        ]
        assert checked.broken_documents() == ("", "other")
        assert [d.id for d in checked.valid_documents()] == ["doc"]
        assert checked.document("doc").id == "doc"
