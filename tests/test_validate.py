"""The consistency rules of FORMAT.md section 4, one test (at least) per rule."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos import (
    Document,
    Problem,
    Repository,
    Severity,
    Status,
    Version,
    check,
    open_repository,
    validate,
)
from policypos.cli import cli
from policypos.model import new_meeting_hint
from tests.conftest import DOCUMENT, MEETING, VERSION, MakeRepo

NOR_REMOVED = " (nor in 'removed', where a version answers it by leaving a place out)"
"""How the error on an addressed comment no version cites ends: where a removal is cited."""


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
            "doc/versions/v1.yaml:5:10: error: no meeting 'm9' in document 'doc' (known: m1); "
            + new_meeting_hint("doc", "m9"),
        ]

    def test_unknown_comment_and_meeting_in_addresses(self, make_repo: MakeRepo) -> None:
        """addresses entries name a real meeting and a real comment of it."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/9, m2/1]\n")
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": MEETING})
        assert lines(root) == [
            "doc/versions/v1.yaml:7:17: error: addresses unknown comment 'm1/9'",
            "doc/versions/v1.yaml:7:23: error: no meeting 'm2' in document 'doc' (known: m1); "
            + new_meeting_hint("doc", "m2"),
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
                f"{NOR_REMOVED}"
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


class TestAnsweredByTheNextVersion:
    """Comments made on a version are answered by the version built on it (tester 14, 1).

    A draft answers the comments of the meeting that reviewed it, revised in
    place, until a version is built on it: from then on that one does.
    """

    V2 = version("v2", "2024-03-01", status="draft", extra="based_on: v1")

    def repo(self, make_repo: MakeRepo, v1: str, meeting: str) -> Path:
        files = {"doc/versions/v1.yaml": v1, "doc/meetings/m1.yaml": meeting}
        return make_repo({**files, "doc/versions/v2.yaml": self.V2})

    def test_a_comment_on_the_version_itself(self, make_repo: MakeRepo) -> None:
        """m1 reviewed v1 and v2 is built on v1: v1 citing m1/1 is an error at the entry."""
        text = version("v1", "2024-01-01", status="draft").replace(
            "        text: First.\n", "        text: First.\n        addresses: [m1/1]\n"
        )
        meeting = MEETING.replace("comments:", "reviews: v1\ncomments:")
        root = self.repo(make_repo, text, meeting + "    disposition: addressed\n")
        assert lines(root) == [
            "doc/versions/v1.yaml:10:21: error: version 'v1' cannot answer comment m1/1: it was "
            "made at 'm1' (2024-02-01), the meeting that reviewed it, and 'v2' is built on it: "
            "the comments made on a version are answered by the version built on it; cite it "
            "from 'v2'",
        ]
        # Without v2, v1 is the draft being revised: it answers them itself.
        (root / "doc/versions/v2.yaml").unlink()
        assert lines(root) == []

    @pytest.mark.parametrize(("held", "problems"), [("2024-02-29", 0), ("2024-03-01", 1)])
    def test_a_comment_made_once_the_next_was_started(
        self, make_repo: MakeRepo, held: str, problems: int
    ) -> None:
        """A meeting reviewing nothing, held on or after v2's day: v2 answers it, not v1."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1]\n")
        meeting = MEETING.replace("2024-02-01", held) + "    disposition: addressed\n"
        found = lines(self.repo(make_repo, text, meeting))
        assert len(found) == problems
        assert all(
            line.startswith(
                "doc/versions/v1.yaml:7:17: error: version 'v1' cannot answer comment m1/1: it "
                f"was made at 'm1' ({held}), after 'v2' was built on it (2024-03-01): from then "
                "on 'v2' is the version that answers comments; cite it from 'v2'"
            )
            for line in found
        )

    def test_a_later_version_dated_before_it_decides_nothing(self, make_repo: MakeRepo) -> None:
        """v2 dated before v1, its base: a likely typo, warned about, not a start for v2.

        Read as v2's start it would take from v1 every comment made since,
        those v1 has always answered among them.
        """
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1]\n")
        meeting = MEETING + "    disposition: addressed\n"
        files = {"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting}
        early = version("v2", "2023-06-01", status="draft", extra="based_on: v1")
        found = lines(make_repo({**files, "doc/versions/v2.yaml": early}))
        assert [line.split(": ", 2)[1] for line in found] == ["warning"]
        assert "before the version it is based on" in found[0]

    def test_a_chain_dated_before_its_base(self, shipped: Path) -> None:
        """Two drafts dated 2000 on 2024: the second is started no earlier than 2024.

        The first copies 2024's answers to March 2024's comments; read as
        started in 2000, the second would take them from it (found by the
        random-edit property).
        """
        for source, new in (("2024", "v0"), ("v0", "v1")):
            args = ["--repo", str(shipped), "new-version", "going-straight", "--from", source]
            result = CliRunner().invoke(cli, [*args, "--id", new, "--date", "2000-01-01"])
            assert result.exit_code == 0, result.output

    def test_cite_refuses_and_writes_nothing(self, make_repo: MakeRepo) -> None:
        """``cite`` gives the same error, exit 2, and leaves the file as it was."""
        draft = version("v1", "2024-01-01", status="draft")
        root = self.repo(make_repo, draft, MEETING.replace("comments:", "reviews: v1\ncomments:"))
        result = CliRunner().invoke(cli, ["--repo", str(root), "cite", "doc@v1", "1.1", "m1/1"])
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith(
            f"{root}/doc/versions/v1.yaml:10:21: error: version 'v1' cannot answer comment m1/1"
        )
        assert result.stderr.count("\n") == 1
        assert (root / "doc/versions/v1.yaml").read_text(encoding="utf-8") == draft
        cited = CliRunner().invoke(cli, ["--repo", str(root), "cite", "doc@v2", "1.1", "m1/1"])
        assert cited.exit_code == 0, cited.output


class TestAnsweredOnlyInAnOvertakenDraft:
    """An addressed comment cited only by a parallel draft another version overtook: a warning."""

    GS = "going-straight"

    def cli(self, root: Path, *args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli, ["--repo", str(root), *args])
        return result.exit_code, result.stdout, result.stderr

    def two_drafts(self, root: Path, endorse: str) -> tuple[str, str]:
        """Answer a comment in draft 2025, start 2025b on the same base, endorse *endorse*.

        Returns what the second new-version said on stderr and validate's stdout.
        """
        gs = self.GS
        steps = [
            ["new-version", gs, "--from", "2024", "--id", "2025"],
            ["comment", "add", gs, "--meeting", "sscb-2024-07", "--id", "99", "--text", "x"],
            ["cite", f"{gs}@2025", "general", "sscb-2024-07/99"],
            ["comment", "set", gs, "sscb-2024-07/99", "--disposition", "addressed"],
        ]
        for step in steps:
            code, _, err = self.cli(root, *step)
            assert code == 0, err
        code, _, note = self.cli(root, "new-version", gs, "--from", "2024", "--id", "2025b")
        assert code == 0, note
        code, _, err = self.cli(root, "endorse", f"{gs}@{endorse}", "--meeting", "b", "--body", "B")
        assert code == 0, err
        code, out, _ = self.cli(root, "validate")
        assert code == 0
        return note, out

    def test_the_other_draft_endorsed(self, shipped: Path) -> None:
        """The comment names the version citing it and the version in force; new-version said
        the second draft runs parallel to the first."""
        note, out = self.two_drafts(shipped, "2025b")
        assert note.endswith(
            "policypos: going-straight@2025 is already built on 2024: 2025b is a parallel "
            "draft, and only one of them can be endorsed (an answer cited only from the other "
            "then counts for nothing)\n"
        )
        assert out.splitlines() == [
            f"{shipped}/going-straight/meetings/sscb-2024-07.yaml:32:18: warning: comment "
            "sscb-2024-07/99 is addressed, but only version '2025' cites it, never in force "
            "and not on the way to '2025b', the version in force: an overtaken draft's answer "
            "is in force nowhere; cite the comment from '2025b' or a draft built on it"
        ]

    def test_the_citing_draft_endorsed(self, shipped: Path) -> None:
        """The draft that answers it went on to be endorsed: nothing to say."""
        _, out = self.two_drafts(shipped, "2025")
        assert out == ""

    def test_one_draft_makes_no_note(self, shipped: Path) -> None:
        """The first draft on a version runs parallel to nothing."""
        code, _, err = self.cli(shipped, "new-version", self.GS, "--from", "2024", "--id", "x")
        assert (code, err) == (0, f"policypos: wrote {shipped}/going-straight/versions/x.yaml\n")

    def test_an_answer_once_in_force(self, make_repo: MakeRepo) -> None:
        """Cited only by a version since superseded, even by one not built on it: the answer
        was in force in its day."""
        cited = version("v1", "2024-01-01", status="superseded").replace(
            "    title: One\n", "    title: One\n    addresses: [m1/1]\n"
        )
        files = {
            "doc/versions/v1.yaml": cited,
            "doc/versions/v2.yaml": version("v2", "2024-06-01"),
            "doc/meetings/m1.yaml": MEETING + "    disposition: addressed\n",
        }
        assert lines(make_repo(files)) == []

    def test_a_withdrawn_version(self, shipped: Path) -> None:
        """Cited only by a version since withdrawn, with none in force: in force nowhere."""
        gs = self.GS
        self.cli(shipped, "new-version", gs, "--from", "2024", "--id", "2025")
        self.cli(
            shipped, "comment", "add", gs, "--meeting", "sscb-2024-07", "--id", "99", "--text", "x"
        )
        self.cli(shipped, "cite", f"{gs}@2025", "general", "sscb-2024-07/99")
        self.cli(shipped, "comment", "set", gs, "sscb-2024-07/99", "--disposition", "addressed")
        assert self.cli(shipped, "validate")[1] == ""
        code, _, err = self.cli(shipped, "withdraw", f"{gs}@2025")
        assert code == 0, err
        out = self.cli(shipped, "validate")[1]
        assert out.endswith(
            "warning: comment sscb-2024-07/99 is addressed, but only version '2025' cites it, "
            "which is withdrawn: its answer is in force nowhere, and never will be\n"
        )


class TestSameTitles:
    """Two sections of one version titled alike: a warning at the second's title."""

    def test_case_and_spacing_do_not_tell_titles_apart(self, make_repo: MakeRepo) -> None:
        text = VERSION + (
            "  - id: s2\n    title: Two\n    statements: []\n"
            "  - id: s3\n    title: ' one '\n    statements: []\n"
            "  - id: s4\n    title: T wo\n    statements: []\n"
        )
        root = make_repo({"doc/versions/v1.yaml": text})
        assert lines(root) == [
            "doc/versions/v1.yaml:14:12: warning: section 3 ('s3') has the same title as section "
            "1 ('s1'), ' one ': the papers name sections by their titles, so a reader cannot tell "
            "the two apart; rename one, or merge them"
        ]


class TestVersions:
    """based_on has no cycle; dates and statuses make sense."""

    @pytest.mark.parametrize("status", ["endorsed", "superseded"])
    def test_endorsed_by_a_meeting_dated_before_it(self, make_repo: MakeRepo, status: str) -> None:
        """A version endorsed at a meeting dated before the version itself is a warning."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version(
                    "v1", "2024-03-01", status=status, extra="meeting: m1"
                ),
                "doc/meetings/m1.yaml": MEETING.replace("comments:", "reviews: v1\ncomments:"),
            }
        )
        assert lines(root) == [
            "doc/meetings/m1.yaml:5:10: warning: meeting 'm1' is dated 2024-02-01, but the version "
            "it reviews ('v1') is dated 2024-03-01, after it: check both dates",
            "doc/versions/v1.yaml:4:10: warning: version 'v1' is dated 2024-03-01, but the meeting "
            "that endorsed it ('m1') is dated 2024-02-01, before it: check both dates",
        ]

    def test_meeting_dates_in_order_are_clean(self, make_repo: MakeRepo) -> None:
        """A draft presented to (meeting:) an earlier meeting is not endorsed by it: no warning."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version("v1", "2024-02-01", extra="meeting: m1"),
                "doc/versions/v2.yaml": version(
                    "v2", "2024-03-01", status="proposed", extra="meeting: m1"
                ),
                "doc/meetings/m1.yaml": MEETING.replace("comments:", "reviews: v1\ncomments:"),
            }
        )
        assert lines(root) == []

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


class TestConsiderations:
    """A point to consider that asks with should or must is flagged: it reads as a direction."""

    @pytest.mark.parametrize(
        ("text", "warned"),
        [
            ("Councils should make sure of it.", "'should'"),
            ("Councils must act.", "'must'"),
            ("Councils may wish to consider it.", None),
            ("Councils should consider it.", None),
            ("Officers will ask the contracts team.", None),
        ],
    )
    def test_asks(self, make_repo: MakeRepo, text: str, warned: str | None) -> None:
        body = VERSION.replace(
            "        text: First.", f"        text: {text}\n        kind: consideration"
        )
        root = make_repo({"doc/versions/v1.yaml": body, "doc/meetings/m1.yaml": MEETING})
        found = [line for line in lines(root) if "is a consideration" in line]
        if warned is None:
            assert found == []
        else:
            assert found == [
                f"doc/versions/v1.yaml:10:15: warning: statement 'a' is a consideration, but its "
                f"text asks with {warned}: word it as a point to consider, or make it a position"
            ]


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
            "other/document.yaml:1:1: warning: document 'other' has no versions yet",
            "other/document.yaml:1:1: error: document.yaml is missing keys 'title', 'organisation', 'owner'",
        ]
        assert checked.broken_documents() == ("", "other")
        assert [d.id for d in checked.valid_documents()] == ["doc"]
        assert checked.document("doc").id == "doc"


# --- one mistake, one error ----------------------------------------------------

GOING_STRAIGHT = "going-straight/versions/2024.yaml"


def mutate(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one line of *relative* under *root* that is *old* by *new*."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.count(old) == 1
    lines[lines.index(old)] = new
    path.write_text("\n".join(lines), encoding="utf-8")


class TestOneMistakeOneError:
    """A mistake in one file is reported once, and nothing it leads to is reported again."""

    def test_bad_status(self, shipped: Path) -> None:
        """A misspelt status is one error: the version's citations and sections are still seen."""
        mutate(shipped, GOING_STRAIGHT, "status: proposed", "status: endrosed")
        assert lines(shipped) == [
            f"{GOING_STRAIGHT}:6:9: error: 'status' must be one of draft, proposed, endorsed, "
            "superseded, withdrawn; not 'endrosed'; did you mean 'endorsed'?"
        ]

    def test_duplicate_statement_id(self, shipped: Path) -> None:
        """A statement id used twice keeps its first use, and the second is the one error."""
        mutate(shipped, GOING_STRAIGHT, "      - id: gen-2", "      - id: gen-1")
        assert lines(shipped) == [
            f"{GOING_STRAIGHT}:29:13: error: duplicate statement id 'gen-1' (first at line 23)"
        ]

    def test_tab(self, shipped: Path) -> None:
        """A tab that breaks the YAML loses the file, but none of its citations is missed."""
        mutate(shipped, GOING_STRAIGHT, "        tags: [partnership]", "\ttags: [partnership]")
        assert lines(shipped) == [
            f"{GOING_STRAIGHT}:28:1: error: malformed YAML: while scanning a block scalar, "
            "found a tab character where an indentation space is expected (YAML indents with "
            "spaces only: replace the tab with spaces)"
        ]

    @pytest.mark.parametrize(
        ("was", "now", "said"),
        [
            (
                "going-straight/meetings/sscb-2024-03.yaml",
                "going-straight/meetings/sscb-2024-3.yaml",
                "3:7: error: id 'sscb-2024-03' does not match the file name 'sscb-2024-3'",
            ),
            (
                "going-straight/versions/2005.yaml",
                "going-straight/versions/2005b.yaml",
                "2:10: error: version '2005' does not match the file name '2005b'",
            ),
        ],
    )
    def test_file_renamed(self, shipped: Path, was: str, now: str, said: str) -> None:
        """A file renamed (or its id edited) is one error, not one per reference to its id."""
        (shipped / was).rename(shipped / now)
        assert lines(shipped) == [f"{now}:{said}"]

    def test_folder_that_is_a_file(self, shipped: Path) -> None:
        """A meetings/ that is a file is one error naming it, not one per meeting referred to."""
        folder = shipped / "going-straight/meetings"
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        folder.write_text("not a folder\n")
        assert lines(shipped) == [
            "going-straight/meetings: error: not a folder: it should hold .yaml files"
        ]

    def test_folder_that_cannot_be_read(
        self, shipped: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An unreadable versions/ is one error line, no traceback, and other documents still load."""
        unreadable = shipped / "cambridgeshire-reoffending/versions"
        iterdir = Path.iterdir

        def refuse(self: Path) -> object:
            if self == unreadable:
                raise PermissionError(13, "Permission denied", str(self))
            return iterdir(self)

        monkeypatch.setattr(Path, "iterdir", refuse)
        assert lines(shipped) == [
            "cambridgeshire-reoffending/versions: error: cannot read folder: Permission denied"
        ]
        result = CliRunner().invoke(cli, ["--repo", str(shipped), "show", "going-straight"])
        assert result.exit_code == 0, result.output

    def test_a_folder_named_like_a_file(self, shipped: Path) -> None:
        """A folder or a broken link named x.yaml is said to be what it is."""
        (shipped / "going-straight/meetings/extra.yaml").mkdir()
        (shipped / "going-straight/meetings/gone.yaml").symlink_to("nowhere.yaml")
        assert lines(shipped) == [
            "going-straight/meetings/extra.yaml: warning: ignored: a folder, not a .yaml file",
            "going-straight/meetings/gone.yaml: warning: ignored: a link to nothing",
        ]

    def test_link_loops(self, shipped: Path) -> None:
        """Links that loop (to themselves, in a ring, or to a folder holding them) are each one
        line naming the loop, an error where a file or folder would be read; the rest is read."""
        (shipped / "itself").symlink_to("itself")
        (shipped / "up").symlink_to("..")
        versions = shipped / "going-straight/versions"
        (versions / "ring.yaml").symlink_to("round.yaml")
        (versions / "round.yaml").symlink_to("ring.yaml")
        (shipped / "going-straight/meetings/up").symlink_to("..")
        (shipped / "going-straight/top").symlink_to("../..")
        shutil.rmtree(shipped / "going-straight/reports")
        (shipped / "going-straight/reports").symlink_to("reports")
        loop = "a link that leads back to itself in a loop"
        read = "remove the link, or point it elsewhere"
        holder = "a folder that holds the link, so it loops"
        assert lines(shipped) == [
            f"going-straight/meetings/up: warning: ignored: a link to going-straight, {holder}",
            f"going-straight/reports: error: not read: {loop}; {read}",
            f"going-straight/top: warning: ignored: a link to {shipped.parent}, {holder}",
            f"going-straight/versions/ring.yaml: error: not read: {loop}; {read}",
            f"going-straight/versions/round.yaml: error: not read: {loop}; {read}",
            f"itself: error: not read: {loop}; {read}",
            f"up: error: not read: a link to {shipped.parent}, {holder}; {read}",
        ]
        shown = CliRunner().invoke(
            cli, ["--repo", str(shipped), "show", "cambridgeshire-reoffending"]
        )
        assert shown.exit_code == 0, shown.output

    def test_tab_the_parser_does_not_name(self, shipped: Path) -> None:
        """Where the parser says only "character", a tab is named: an editor seldom shows one."""
        mutate(shipped, GOING_STRAIGHT, 'version: "2024"', '\tversion: "2024"')
        lines_ = lines(shipped)
        assert len(lines_) == 1
        assert lines_[0].endswith("(a tab: YAML indents and separates with spaces)")

    def test_impossible_date(self, shipped: Path) -> None:
        """A date that is no day is one error, and no date rule runs on a stand-in."""
        mutate(shipped, GOING_STRAIGHT, "date: 2024-07-01", "date: 2024-13-01")
        assert lines(shipped) == [
            f"{GOING_STRAIGHT}:5:7: error: 'date' is not a real date: '2024-13-01' "
            "(month must be in 1..12)"
        ]


class TestRecovery:
    """What a file with an error still says is checked, and only its consequences are not."""

    def test_sibling_of_a_bad_statement_is_checked_where_it_stands(
        self, make_repo: MakeRepo
    ) -> None:
        """A statement after a dropped one is still checked, and located on its own line."""
        text = VERSION + "      - {text: No id.}\n      - {id: b, text: x, addresses: [m1/9]}\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": MEETING})
        assert lines(root) == [
            "doc/versions/v1.yaml:10:9: error: statement is missing key 'id'",
            "doc/versions/v1.yaml:11:38: error: addresses unknown comment 'm1/9'",
        ]

    def test_comment_after_a_bad_comment_is_checked_where_it_stands(
        self, make_repo: MakeRepo
    ) -> None:
        """A comment after a dropped one keeps its rules, and its own line."""
        meeting = MEETING + (
            '  - {id: "1", kind: comment, text: Repeated.}\n'
            '  - id: "2"\n    kind: comment\n    text: Other.\n    disposition: referred\n'
        )
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:10: error: duplicate comment id '1' (first at line 6)",
            "doc/meetings/m1.yaml:13:18: warning: comment m1/2 is referred but says not to whom",
        ]

    def test_citations_of_a_lost_comment_are_not_reported(self, make_repo: MakeRepo) -> None:
        """A comment that could not be read may be the one a version cites."""
        meeting = MEETING + '  - {id: "2", kind: comment}\n  - {id: "x y", text: Bad id.}\n'
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/3]\n")
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:5: error: comment is missing key 'text'",
            "doc/meetings/m1.yaml:10:5: error: comment is missing key 'kind'",
            "doc/meetings/m1.yaml:10:10: error: 'id' is not a valid id: 'x y' (letters, digits, "
            "'.', '_' and '-', starting with a letter or digit, at most 64 characters)",
        ]

    def test_unreadable_disposition_holds_back_its_rules(self, make_repo: MakeRepo) -> None:
        """A misspelt disposition is not taken for 'open' and then found cited while open."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1]\n")
        meeting = MEETING + "    disposition: adressed\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:18: error: 'disposition' must be one of open, addressed, "
            "partially-addressed, accepted, fully-accepted, partially-accepted, rejected, "
            "answered, deferred, referred, noted; not 'adressed'; did you mean 'addressed'?"
        ]

    def test_misspelt_referred_to(self, make_repo: MakeRepo) -> None:
        """A misspelt referred_to is one error, not also a referral to no one."""
        meeting = MEETING + (
            "    disposition: referred\n    refered_to: Cabinet\n"
            '  - {id: "2", kind: comment, text: T, disposition: referred, referred_to: [A]}\n'
        )
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:10:5: error: unknown key 'refered_to' in comment; "
            "did you mean 'referred_to'?",
            "doc/meetings/m1.yaml:11:75: error: 'referred_to' must be text, not a list",
        ]

    def test_misspelt_addresses(self, make_repo: MakeRepo) -> None:
        """A misspelt 'addresses' may hold the missing citation, so none is reported missing."""
        text = VERSION.replace("    title: One\n", "    title: One\n    adresses: [m1/1]\n")
        meeting = MEETING + "    on: [gone]\n    disposition: addressed\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/versions/v1.yaml:7:5: error: unknown key 'adresses' in section; "
            "did you mean 'addresses'?"
        ]

    def test_lost_lines(self, make_repo: MakeRepo) -> None:
        """A lost 'sections:' or '- id:' line is reported as what it does to its own file only."""
        two = MEETING + '  - id: "2"\n    kind: comment\n    text: Two.\n    on: [s2]\n'
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1, m1/2]\n")
        v2 = version("v2", "2024-02-01", status="draft").replace("id: s1", "id: s2")
        root = make_repo(
            {
                "doc/versions/v1.yaml": text,
                "doc/versions/v2.yaml": v2.replace("sections:\n", "preamble: >\n  Words.\n"),
                "doc/meetings/m1.yaml": two.replace('  - id: "2"\n', ""),
            }
        )
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:5: error: duplicate key 'kind' (first at line 7), and 'text' "
            "after it: a new list entry seems to start here, its '- id:' line missing",
            "doc/versions/v2.yaml:1:1: error: version file is missing key 'sections'",
        ]

    def test_comment_fragment(self, make_repo: MakeRepo) -> None:
        """A repeated '- id:' line leaves a fragment whose default disposition is not trusted."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: [m1/1]\n")
        meeting = MEETING.replace('  - id: "1"\n', '  - id: "1"\n  - id: "1"\n')
        meeting += "    disposition: addressed\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:6:5: error: comment is missing keys 'kind', 'text'",
            "doc/meetings/m1.yaml:7:9: error: duplicate comment id '1' (first at line 6)",
        ]

    def test_addresses_that_are_not_a_list(self, make_repo: MakeRepo) -> None:
        """An 'addresses' that is not a list may hold the citation, and no other error follows."""
        text = VERSION.replace("    title: One\n", "    title: One\n    addresses: m1/1\n")
        meeting = MEETING.replace("text: Say more.", "text: Say more.\n    disposition: addressed")
        meeting = meeting.replace("  body: Cabinet\n", "").replace("  date: 2024-02-01\n", "")
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:2:3: error: meeting is missing keys 'body', 'date'",
            "doc/versions/v1.yaml:7:16: error: 'addresses' must be a list, not 'm1/1'",
        ]

    def test_independent_errors_are_kept(self, make_repo: MakeRepo) -> None:
        """What a bad status cannot explain is still reported: here, an addressed comment
        that no version cites, and a meeting that does not exist."""
        text = version("v1", "2024-01-01", status="done", extra="meeting: m9")
        meeting = MEETING + "    on: [zz]\n    disposition: addressed\n"
        root = make_repo({"doc/versions/v1.yaml": text, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:9:10: error: 'on' names 'zz', which is no section or "
            "statement of any version",
            "doc/meetings/m1.yaml:10:18: error: comment m1/1 is addressed but no version "
            f"cites it in 'addresses'{NOR_REMOVED}",
            "doc/versions/v1.yaml:3:9: error: 'status' must be one of draft, proposed, "
            "endorsed, superseded, withdrawn; not 'done'",
            "doc/versions/v1.yaml:4:10: error: no meeting 'm9' in document 'doc' (known: m1); "
            + new_meeting_hint("doc", "m9"),
        ]

    def test_unreadable_dates_and_statuses_hold_back_their_rules(self, make_repo: MakeRepo) -> None:
        """No date or status warning is drawn from a date or status that could not be read."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2024-05-01", extra="based_on: b"),
                "doc/versions/b.yaml": version("b", "2024-99-01"),
                "doc/versions/c.yaml": version("c", "2025-01-01", status="[endorsed]"),
            }
        )
        assert lines(root) == [
            "doc/versions/b.yaml:2:7: error: 'date' is not a real date: '2024-99-01' "
            "(month must be in 1..12)",
            "doc/versions/c.yaml:3:9: error: 'status' must be text, not a list",
        ]

    def test_nothing_lost_is_nothing_held_back(self, make_repo: MakeRepo) -> None:
        """With every file whole, the same repository gets its warnings."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2024-05-01", extra="based_on: b"),
                "doc/versions/b.yaml": version("b", "2024-09-01"),
                "doc/versions/c.yaml": version("c", "2025-01-01"),
            }
        )
        assert lines(root) == [
            "doc/versions/a.yaml:2:7: warning: version 'a' is dated 2024-05-01, before the "
            "version it is based on ('b', 2024-09-01)",
            "doc/versions/a.yaml:3:9: warning: version 'a' is endorsed, but 'c' is a newer "
            "endorsed version: mark this one superseded",
            "doc/versions/b.yaml:3:9: warning: version 'b' is endorsed, but 'c' is a newer "
            "endorsed version: mark this one superseded",
        ]


class TestHiddenCharacters:
    """Text that would show differently from what it holds is a warning; the text stays exact."""

    def test_terminal_escape(self, make_repo: MakeRepo) -> None:
        """An ANSI escape, written as YAML's \\e, is named by code point at its field."""
        text = VERSION.replace("text: First.", 'text: "First.\\e[2J"')
        root = make_repo({"doc/versions/v1.yaml": text})
        assert lines(root) == [
            "doc/versions/v1.yaml:9:15: warning: 'text' holds U+001B, a control character "
            "that can hide or reorder what is shown"
        ]
        statement = open_repository(root).document("doc").version("v1").sections[0].statements[0]
        assert statement.text == "First.\x1b[2J"

    def test_bidirectional_overrides(self, make_repo: MakeRepo) -> None:
        """Bidi overrides and isolates, even written raw, are named, each once per field."""
        meeting = MEETING.replace("text: Say more.", "text: Say \u202emore\u2066.\u202e\u2069")
        meeting = meeting.replace("  body: Cabinet", '  body: "Cabinet\\r"')
        root = make_repo({"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": meeting})
        assert lines(root) == [
            "doc/meetings/m1.yaml:3:9: warning: 'body' holds U+000D, a control character "
            "that can hide or reorder what is shown",
            "doc/meetings/m1.yaml:8:11: warning: 'text' holds U+202E, U+2066 and U+2069, control "
            "characters that can hide or reorder what is shown",
        ]

    def test_every_text_field_is_looked_at(self, make_repo: MakeRepo) -> None:
        """Document, version, section, statement and comment fields alike."""
        bell = '"\\a"'
        files = {
            "doc/versions/v1.yaml": VERSION.replace(
                "    title: One\n", f"    title: One\n    intro: {bell}\n"
            )
            .replace("sections:", f"preamble: {bell}\nsections:")
            .replace("        text: First.\n", f"        text: First.\n        note: {bell}\n"),
            "doc/meetings/m1.yaml": MEETING + f"    response: {bell}\n",
        }
        root = make_repo(files, document=DOCUMENT.replace("A council", bell))
        fields = [line.split("'")[1] for line in lines(root)]
        assert fields == ["organisation", "response", "preamble", "intro", "note"]

    def test_ordinary_text_is_quiet(self, make_repo: MakeRepo) -> None:
        """Tabs, line breaks and joiners that scripts and emoji need are not warned about."""
        text = VERSION.replace("text: First.", 'text: "a\\tb\\nc \u200d\u200c\u00ad\u200b"')
        root = make_repo({"doc/versions/v1.yaml": text})
        assert lines(root) == []


def _first(lines: list[str], prefix: str, nth: int = 0) -> int:
    return [i for i, line in enumerate(lines) if line.startswith(prefix)][nth]


def _replace(lines: list[str], prefix: str, new: str, nth: int = 0) -> int:
    i = _first(lines, prefix, nth)
    lines[i] = new
    return i


def _insert(lines: list[str], before: str, new: str) -> int:
    i = _first(lines, before)
    lines.insert(i, new)
    return i


def _replace_or_insert(lines: list[str], key: str, value: str, before: str) -> int:
    if any(line.startswith(key + ":") for line in lines):
        return _replace(lines, key + ":", f"{key}: {value}")
    return _insert(lines, before, f"{key}: {value}")


def _duplicate_id(lines: list[str], prefix: str) -> int:
    first = lines[_first(lines, prefix)]
    return _replace(lines, prefix, first, nth=1)


def _repeat(lines: list[str], prefix: str) -> int:
    i = _first(lines, prefix)
    lines.insert(i + 1, lines[i])
    return i + 1


Break = Callable[[list[str], str], int]
"""Changes a file's lines (given its id) in place; returns the 0-based line of the mistake."""

STATEMENT, SECTIONS, TAGS = "      - id: ", "sections:", "        tags:"
VERSION_BREAKS: dict[str, tuple[Break, str]] = {
    "bad enum": (lambda ls, _: _replace(ls, "status:", "status: endrosed"), "'status' must be"),
    "duplicate id": (lambda ls, _: _duplicate_id(ls, STATEMENT), "duplicate statement id"),
    "tab": (lambda ls, _: _replace(ls, TAGS, ls[_first(ls, TAGS)].replace(" " * 8, "\t")), "tab"),
    "impossible date": (
        lambda ls, _: _replace(ls, "date:", "date: 2024-13-01"),
        "'date' is not a real date",
    ),
    "misspelt key": (
        lambda ls, _: _replace(ls, "status:", ls[_first(ls, "status:")].replace("status", "staus")),
        "unknown key 'staus' in version file; did you mean 'status'?",
    ),
    "unknown key": (lambda ls, _: _insert(ls, SECTIONS, "colour: red"), "unknown key 'colour'"),
    "wrong type": (lambda ls, _: _replace(ls, TAGS, f"{TAGS} probation"), "'tags' must be a list"),
    "dangling": (
        lambda ls, _: _replace_or_insert(ls, "based_on", "'1999'", SECTIONS),
        "no version '1999'",
    ),
    "cycle": (
        lambda ls, vid: _replace_or_insert(ls, "based_on", f"'{vid}'", SECTIONS),
        "based_on goes round in a circle",
    ),
}
COMMENT, KIND, BY, DISPOSITION = '  - id: "', "    kind:", "    by:", "    disposition:"
MEETING_BREAKS: dict[str, tuple[Break, str]] = {
    "bad enum": (
        lambda ls, _: _replace(ls, DISPOSITION, f"{DISPOSITION} adressed"),
        "'disposition' must be one of",
    ),
    "duplicate id": (lambda ls, _: _duplicate_id(ls, COMMENT), "duplicate comment id"),
    "tab": (lambda ls, _: _replace(ls, BY, ls[_first(ls, BY)].replace(" " * 4, "\t")), "tab"),
    "impossible date": (lambda ls, _: _replace(ls, "  date:", "  date: 2024-13-01"), "'date'"),
    "unknown key": (lambda ls, _: _insert(ls, "comments:", "colour: red"), "unknown key 'colour'"),
    "wrong type": (lambda ls, _: _replace(ls, BY, f"{BY} {{name: Officers}}"), "'by' must be"),
    "dangling": (
        lambda ls, _: _replace_or_insert(ls, "reviews", "'1999'", "comments:"),
        "no version '1999'",
    ),
    "duplicate key": (lambda ls, _: _repeat(ls, KIND), "duplicate key 'kind'"),
    "misspelt key": (
        lambda ls, _: _replace(ls, "  body:", ls[_first(ls, "  body:")].replace("body", "bdy")),
        "unknown key 'bdy' in meeting; did you mean 'body'?",
    ),
}
SHIPPED_FILES = {
    "going-straight/versions/2005.yaml": VERSION_BREAKS,
    "going-straight/versions/2024.yaml": VERSION_BREAKS,
    "going-straight/meetings/sscb-2024-03.yaml": MEETING_BREAKS,
    "going-straight/meetings/sscb-2024-07.yaml": MEETING_BREAKS,
    "cambridgeshire-reoffending/versions/2014.yaml": VERSION_BREAKS,
    "cambridgeshire-reoffending/meetings/cabinet-2014-04.yaml": MEETING_BREAKS,
}


@pytest.mark.parametrize(
    ("relative", "way"),
    [(relative, way) for relative, breaks in SHIPPED_FILES.items() for way in breaks],
)
def test_each_shipped_file_broken_each_way_is_one_error(
    shipped: Path, relative: str, way: str
) -> None:
    """Any one mistake in any shipped file is exactly one error, on the mistake's line."""
    path = shipped / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    breaker, expected = SHIPPED_FILES[relative][way]
    line = breaker(lines, path.stem) + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    (problem,) = check(shipped)
    assert problem.is_error
    assert problem.location is not None
    assert (problem.location.path, problem.location.line) == (path, line)
    assert expected in problem.message
    result = CliRunner().invoke(cli, ["--repo", str(shipped), "validate"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (1, f"{problem}\n")


class TestDatedAhead:
    """A decision dated after today (2205 for 2025) is a warning; plans for the future are not."""

    AHEAD = "2205-07-01"

    def test_endorsed_and_superseded_versions(self, make_repo: MakeRepo) -> None:
        """Both statuses record a decision made: dated ahead, each is warned about at its date."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", self.AHEAD, status="superseded"),
                "doc/versions/b.yaml": version("b", "2206-01-01", extra="based_on: a"),
            }
        )
        found = [line for line in lines(root) if "after today" in line]
        today = dt.date.today()
        assert found == [
            f"doc/versions/a.yaml:2:7: warning: version 'a' is superseded but dated {self.AHEAD}, "
            f"after today ({today}): a decision cannot be dated ahead; check the year",
            "doc/versions/b.yaml:2:7: warning: version 'b' is endorsed but dated 2206-01-01, "
            f"after today ({today}): a decision cannot be dated ahead; check the year",
        ]

    def test_meeting_that_endorsed(self, make_repo: MakeRepo) -> None:
        """The meeting an endorsed version names is warned about when dated ahead."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version("v1", "2024-01-01", extra="meeting: m1"),
                "doc/meetings/m1.yaml": MEETING.replace("2024-02-01", self.AHEAD),
            }
        )
        assert lines(root) == [
            f"doc/meetings/m1.yaml:4:9: warning: meeting 'm1' endorsed version 'v1' but is dated "
            f"{self.AHEAD}, after today ({dt.date.today()}): a meeting that has decided has met; "
            "check the year"
        ]

    @pytest.mark.parametrize("status", ["draft", "proposed"])
    def test_plans_are_not_warned(self, make_repo: MakeRepo, status: str) -> None:
        """A draft or proposed version dated ahead, and its meeting still to come, are normal."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version("v1", "2024-01-01"),
                "doc/versions/v2.yaml": version(
                    "v2", self.AHEAD, status=status, extra="based_on: v1\nmeeting: m1"
                ),
                "doc/meetings/m1.yaml": MEETING.replace("2024-02-01", "2205-09-01"),
            }
        )
        assert lines(root) == []

    def test_supersede_advice_rests_on_no_date_ahead(self, make_repo: MakeRepo) -> None:
        """A typo'd 2205 makes no version 'newer': the advice asks for the date to be fixed.

        Here 'a' (meant 2005) was typed 2205: saying 'b' (2024) should be
        superseded by it would be wrong. Nor are 'b' before its base, or the
        meeting before the version it reviews, reported: each is that typo.
        """
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2205-01-01"),
                "doc/versions/b.yaml": version("b", "2024-07-01", extra="based_on: a"),
                "doc/meetings/m1.yaml": MEETING + 'reviews: "a"\n',
            }
        )
        today = dt.date.today()
        expected = [
            "doc/versions/a.yaml:2:7: warning: version 'a' is endorsed but dated 2205-01-01, "
            f"after today ({today}): a decision cannot be dated ahead; check the year",
            "doc/versions/b.yaml:3:9: warning: version 'b' is endorsed, and so is 'a', whose "
            "date (2205-01-01) is after today: fix that date first, then mark the older of the "
            "two superseded",
        ]
        assert lines(root) == expected
        result = CliRunner().invoke(cli, ["--repo", str(root), "validate"])
        assert result.exit_code == 0
        assert result.stdout == "".join(f"{root}/{line}\n" for line in expected)

    def test_meeting_before_a_version_dated_ahead_is_that_typo(self, make_repo: MakeRepo) -> None:
        """A version typo'd 2205 endorsed at a 2024 meeting: only the date is warned about."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": version("v1", "2205-01-01", extra="meeting: m1"),
                "doc/meetings/m1.yaml": MEETING,
            }
        )
        assert [line.split(": warning: ")[1][:40] for line in lines(root)] == [
            "version 'v1' is endorsed but dated 2205-"
        ]

    def test_api_judges_on_the_day_given(self, make_repo: MakeRepo) -> None:
        """validate(today=...) after the typo'd day: the date is trusted and the advice given."""
        root = make_repo(
            {
                "doc/versions/a.yaml": version("a", "2023-01-01"),
                "doc/versions/b.yaml": version("b", self.AHEAD, extra="based_on: a"),
            }
        )
        repository = open_repository(root)
        (held, ahead) = validate(repository, today=dt.date(2024, 1, 1))
        assert "after today" in ahead.message
        assert held.message.endswith(f"whose date ({self.AHEAD}) is after today: fix that date "
                                     "first, then mark the older of the two superseded")  # fmt: skip
        (advice,) = validate(repository, today=dt.date(2300, 1, 1))
        assert advice.message == (
            "version 'a' is endorsed, but 'b' is a newer endorsed version: mark this one superseded"
        )

    def test_today_can_be_given(self, make_repo: MakeRepo) -> None:
        """validate(today=...) judges against that day, so a result can be reproduced."""
        root = make_repo({"doc/versions/v1.yaml": version("v1", "2024-03-01")})
        repository = open_repository(root)
        assert validate(repository, today=dt.date(2024, 3, 1)) == ()
        (problem,) = validate(repository, today=dt.date(2024, 2, 29))
        assert problem.severity is Severity.WARNING
        assert "dated 2024-03-01, after today (2024-02-29)" in problem.message

    def test_cli_warns_and_exits_as_for_warnings(self, make_repo: MakeRepo) -> None:
        """validate prints the warning and exits 0; --strict makes it 1."""
        root = make_repo({"doc/versions/v1.yaml": version("v1", self.AHEAD)})
        result = CliRunner().invoke(cli, ["--repo", str(root), "validate"])
        assert result.exit_code == 0
        assert result.stdout.startswith(f"{root}/doc/versions/v1.yaml:2:7: warning: version 'v1'")
        assert "0 errors, 1 warning" in result.stderr
        strict = CliRunner().invoke(cli, ["--repo", str(root), "validate", "--strict"])
        assert strict.exit_code == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("prose", "word " * 200_000 + "\n"),  # a megabyte of prose where a mapping belongs
        ("value", 'version: "v1"\ndate: ' + "9" * 100_000 + "\nstatus: draft\nsections: []\n"),
        ("key", 'version: "v1"\n' + "k" * 100_000 + ": 1\n"),
    ],
)
def test_a_huge_value_is_quoted_short(make_repo: MakeRepo, name: str, text: str) -> None:
    """tester 13, B1: a message quotes at most about 60 characters of what the user wrote."""
    repo = make_repo({"doc/versions/v1.yaml": text})
    result = CliRunner().invoke(cli, ["--repo", str(repo), "validate"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any(": error: " in line for line in lines), result.output[:500]
    assert max(len(line) for line in lines) < 400, name
