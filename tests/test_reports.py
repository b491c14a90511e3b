"""Report files (``reports/<id>.yaml``) under validation, and comparisons run backwards.

``policypos validate`` (the ``check`` API) reads every report file as it reads
versions and meetings, and checks it against its document; ``render report``
refuses what validation flags. ``render report`` refuses a NEW older than OLD;
``diff`` and ``render changes`` only warn on stderr.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos import (
    BackwardsError,
    LoadError,
    Section,
    Statement,
    Status,
    Version,
    check,
    diff,
    open_repository,
    read_repository,
)
from policypos.cli import cli
from policypos.diff import backwards
from policypos.documents import board_paper
from policypos.load import read_report
from policypos.render import render_report
from tests.conftest import SHIPPED, MakeRepo

V1 = """\
version: "v1"
date: 2024-01-01
status: endorsed
sections:
  - id: s1
    title: One
    statements:
      - id: a
        text: First.
  - id: s2
    title: Two
    statements:
      - id: b
        text: Second, about something else entirely.
"""

V2 = """\
version: "v2"
date: 2024-06-01
status: proposed
based_on: "v1"
sections:
  - id: s1
    title: One
    statements:
      - id: a
        text: First, amended.
  - id: s3
    title: Three
    statements:
      - id: c
        text: A new paragraph on a new subject.
"""

REPORT = """\
purpose: For direction.
contacts:
  - role: Contact officer
    name: A. Officer
reasons:
  s1: The first section was amended.
  s3: The third section is new.
"""


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(root), *args], catch_exceptions=False)


def lines(root: Path) -> list[str]:
    """The problems ``check`` finds in *root*, as printed, without the root folder."""
    return [str(p).replace(f"{root}/", "") for p in check(root)]


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    """A document with v1 and v2 (based on v1: s1 amended, s2 removed, s3 added) and a report."""
    return make_repo(
        {
            "doc/versions/v1.yaml": V1,
            "doc/versions/v2.yaml": V2,
            "doc/reports/v2.yaml": REPORT,
        }
    )


def write_report(root: Path, text: str, name: str = "v2") -> None:
    (root / "doc" / "reports" / f"{name}.yaml").write_text(text, encoding="utf-8")


class TestValidateReadsReports:
    """Each report file is read by validate with the same error lines as other files."""

    def test_clean(self, repo: Path) -> None:
        """A report naming the version it brings and its sections gives no problem."""
        assert lines(repo) == []
        result = run(repo, "validate")
        assert (result.exit_code, result.stdout) == (0, "")

    def test_shipped_reports_are_read(self) -> None:
        """The shipped positions' two report files are read, and clean."""
        reading = read_repository(SHIPPED)
        assert {d: [r.id for r in rs] for d, rs in reading.reports.items()} == {
            "cambridgeshire-reoffending": ["cabinet-2014-04"],
            "going-straight": ["2024"],
        }
        assert check(SHIPPED) == ()

    def test_misspelt_key(self, repo: Path) -> None:
        """`purpse:` is one error (exit 1) in validate, and render report still refuses (exit 2)."""
        write_report(repo, REPORT.replace("purpose:", "purpse:"))
        expected = "doc/reports/v2.yaml:1:1: error: unknown key 'purpse' in report file; did you mean 'purpose'?"
        assert lines(repo) == [expected]
        result = run(repo, "validate")
        assert result.exit_code == 1
        assert result.stdout == f"{repo}/{expected}\n"
        rendered = run(repo, "render", "report", "doc@v2")
        assert rendered.exit_code == 2
        assert rendered.stderr == f"{repo}/{expected}\n"

    def test_contact_without_name(self, repo: Path) -> None:
        """A contact with no name is one error at the contact, not also a cascade."""
        write_report(repo, REPORT.replace("    name: A. Officer\n", ""))
        assert lines(repo) == [
            "doc/reports/v2.yaml:3:5: error: contact is missing key 'name'",
        ]

    def test_not_yaml(self, repo: Path) -> None:
        """A report file that is not YAML is reported like any other file."""
        write_report(repo, "reasons: [\n")
        assert len(lines(repo)) == 1
        assert lines(repo)[0].startswith("doc/reports/v2.yaml:2:1: error: malformed YAML")

    def test_repeated_reason(self, repo: Path) -> None:
        """A section given two reasons is an error: the second would replace the first."""
        write_report(repo, REPORT + "  s1: Again.\n")
        assert lines(repo) == [
            "doc/reports/v2.yaml:8:3: error: duplicate key 's1' (first at line 6)",
        ]

    def test_report_errors_do_not_block_other_commands(self, repo: Path) -> None:
        """Officers' prose with mistakes stops render report, not diff, show or an edit."""
        write_report(repo, REPORT.replace("purpose:", "purpse:").replace("  s3:", "  s33:"))
        assert len(lines(repo)) == 2  # one for the loader, one for the validator
        assert run(repo, "diff", "doc@v1", "doc@v2").exit_code == 0
        assert run(repo, "show", "doc@v2").exit_code == 0
        assert run(repo, "render", "annex", "doc@v2").exit_code == 0
        site = repo.parent / "site"
        published = run(repo, "publish", "-o", str(site))
        assert published.exit_code == 0, published.output
        assert any(site.joinpath("doc").iterdir())
        edit = run(repo, "new-version", "doc", "--from", "v2", "--id", "v3", "--date", "2024-09-01")
        assert edit.exit_code == 0, edit.output
        assert (repo / "doc" / "versions" / "v3.yaml").is_file()


class TestReasons:
    """`reasons` keys name sections of the version the report is for, or of the one it revises."""

    def test_unknown_section(self, repo: Path) -> None:
        """One error at the key, with a suggestion; render report refuses it the same way."""
        write_report(repo, REPORT.replace("  s3:", "  s33:").replace("  s1:", "  nosuch-section:"))
        where = "which is no section of version 'v2' nor of 'v1', the version it revises"
        expected = [
            f"doc/reports/v2.yaml:6:19: error: 'reasons' names 'nosuch-section', {where}",
            f"doc/reports/v2.yaml:7:8: error: 'reasons' names 's33', {where}; did you mean 's3'?",
        ]
        assert lines(repo) == expected
        result = run(repo, "validate")
        assert result.exit_code == 1
        rendered = run(repo, "render", "report", "doc@v2")
        assert (rendered.exit_code, rendered.stdout) == (2, "")
        assert rendered.stderr == "".join(f"{repo}/{line}\n" for line in expected)

    def test_api_refuses_unknown_section(self, repo: Path) -> None:
        """board_paper (and so render_report) raise LoadError rather than drop the reason."""
        write_report(repo, REPORT.replace("  s3:", "  s4:"))
        document = open_repository(repo).document("doc")
        changes = diff(document.version("v1"), document.version("v2"), document)
        report = read_report(repo, "doc", "v2")
        assert report is not None
        with pytest.raises(LoadError, match="'reasons' names 's4'"):
            board_paper(document, changes, report)
        with pytest.raises(LoadError, match="'reasons' names 's4'"):
            render_report(document, changes, report)

    def test_removed_section_reason_is_shown(self, repo: Path) -> None:
        """A reason for a section the new version removed names a real section, and is printed."""
        write_report(repo, REPORT + "  s2: Nobody needed it any more.\n")
        assert lines(repo) == []
        result = run(repo, "render", "report", "doc@v2")
        assert result.exit_code == 0
        assert "The Two section has been removed. Nobody needed it any more." in result.stdout

    def test_reason_under_a_changed_section_id(self, repo: Path) -> None:
        """A section whose id changed (paired by its statements) takes a reason under either id."""
        renamed = V2.replace(
            "  - id: s3\n",
            "  - id: s2-new\n    title: Two\n    statements:\n      - id: b\n"
            "        text: Second, about something else entirely.\n  - id: s3\n",
        )
        (repo / "doc" / "versions" / "v2.yaml").write_text(renamed, encoding="utf-8")
        write_report(repo, REPORT + "  s2: Given under the old id.\n")
        assert lines(repo) == []
        result = run(repo, "render", "report", "doc@v2")
        assert result.exit_code == 0
        assert "Given under the old id." in result.stdout

    def test_reason_for_an_unchanged_section_is_shown(self, repo: Path) -> None:
        """A reason given for a section that did not change is printed, not dropped."""
        unchanged = V2.replace("First, amended.", "First.")
        (repo / "doc" / "versions" / "v2.yaml").write_text(unchanged, encoding="utf-8")
        result = run(repo, "render", "report", "doc@v2")
        assert result.exit_code == 0
        assert "The One section remains unchanged. The first section was amended." in result.stdout

    def test_reason_for_a_section_only_citing_is_shown(self, repo: Path) -> None:
        """A section whose only change is a citation still shows the reason written for it."""
        cites = V2.replace("First, amended.", "First.\n        addresses: [m1/1]")
        (repo / "doc" / "versions" / "v2.yaml").write_text(cites, encoding="utf-8")
        meeting = (
            "meeting:\n  id: m1\n  body: Cabinet\n  date: 2024-02-01\nreviews: v1\n"
            "comments:\n  - id: '1'\n    kind: comment\n    text: Say more.\n"
            "    disposition: addressed\n"
        )
        (repo / "doc" / "meetings").mkdir()
        (repo / "doc" / "meetings" / "m1.yaml").write_text(meeting, encoding="utf-8")
        assert lines(repo) == []
        result = run(repo, "render", "report", "doc@v2")
        assert result.exit_code == 0
        assert "The wording of the One section is unchanged" in result.stdout
        assert "The first section was amended." in result.stdout

    def test_version_without_base(self, make_repo: MakeRepo) -> None:
        """For a first version, only its own sections count, and the message says so."""
        root = make_repo(
            {"doc/versions/v1.yaml": V1, "doc/reports/v1.yaml": "reasons:\n  s11: x\n"}
        )
        assert lines(root) == [
            "doc/reports/v1.yaml:2:8: error: 'reasons' names 's11', which is no section of "
            "version 'v1'; did you mean 's1'?",
        ]

    def test_lost_sections_hold_the_check_back(self, repo: Path) -> None:
        """When a section of the version could not be read, a reason naming it is no new error."""
        broken = V2.replace("  - id: s3\n", "  - idd: s3\n")
        (repo / "doc" / "versions" / "v2.yaml").write_text(broken, encoding="utf-8")
        assert lines(repo) == [
            "doc/versions/v2.yaml:11:5: error: unknown key 'idd' in section; did you mean 'id'?",
        ]


class TestFileName:
    """A report file is named after a version (a board paper) or a meeting (a response)."""

    def test_named_after_nothing(self, repo: Path) -> None:
        """reports/2099.yaml is one error for the file, and its reasons are not checked too."""
        write_report(repo, REPORT.replace("s3", "nosuch"), name="v22")
        assert lines(repo) == [
            "doc/reports/v22.yaml: error: report file 'v22' is named after no version or meeting "
            "of document 'doc': a board paper's report takes the id of the version it brings "
            "(known: v1, v2), a response's the id of the meeting it answers (known: none); "
            "did you mean 'v2'?",
        ]
        assert run(repo, "validate").exit_code == 1

    def test_versions_folder_unreadable(self, make_repo: MakeRepo) -> None:
        """When versions/ cannot be read, any name may be a version: only the folder's error."""
        root = make_repo({"doc/versions": "not a folder\n", "doc/reports/v2.yaml": REPORT})
        assert lines(root) == [
            "doc/versions: error: not a folder: it should hold .yaml files",
        ]

    def test_shown_only_in_the_other_kind(self, shipped: Path) -> None:
        """Keys the named paper does not show are warnings, each at its key."""
        paper = shipped / "going-straight" / "reports" / "2024.yaml"
        paper.write_text(paper.read_text() + "from: Someone\nkey_decision: true\n")
        response = shipped / "cambridgeshire-reoffending" / "reports" / "cabinet-2014-04.yaml"
        response.write_text(response.read_text() + "annex: Annex 9\nreasons:\n  x: y\n")
        found = [line for line in lines(shipped) if "reports" in line]
        assert [line.split(": ", 1)[1] for line in found] == [
            "warning: 'annex' is shown only in a board paper, and this report is for the "
            "response to meeting 'cabinet-2014-04': it is not used",
            "warning: 'reasons' is shown only in a board paper, and this report is for the "
            "response to meeting 'cabinet-2014-04': it is not used",
            "warning: 'from' is shown only in a response to a meeting's recommendations, and "
            "this report is for the board paper bringing version '2024': it is not used",
            "warning: 'key_decision' is shown only in a response to a meeting's "
            "recommendations, and this report is for the board paper bringing version '2024': "
            "it is not used",
        ]
        result = run(shipped, "validate")
        assert result.exit_code == 0
        assert run(shipped, "validate", "--strict").exit_code == 1

    def test_the_unused_keys_are_truly_unused(self, shipped: Path) -> None:
        """What the warning calls unused does not appear in the paper it would go to."""
        paper = shipped / "going-straight" / "reports" / "2024.yaml"
        paper.write_text(
            paper.read_text()
            + "".join(
                f"{key}: ZZ-{key}\n"
                for key in ("reference", "from", "electoral_divisions", "forward_plan")
            )
            + "recommendation: ZZ-recommendation\nbackground: ZZ-background\n"
            + "priorities:\n  - {heading: ZZ-priority, text: ZZ-priority}\n"
            + "sources:\n  - {heading: ZZ-source, text: ZZ-source}\n"
        )
        response = shipped / "cambridgeshire-reoffending" / "reports" / "cabinet-2014-04.yaml"
        response.write_text(
            response.read_text()
            + "summary: ZZ-summary\nplan_theme: ZZ-theme\nannex: ZZ-annex\n"
            + "next_steps: ZZ-next\nreasons:\n  general: ZZ-reason\n"
        )
        for args in (
            ("render", "report", "going-straight@2024"),
            ("render", "response", "cambridgeshire-reoffending"),
        ):
            result = run(shipped, *args)
            assert result.exit_code == 0, result.output
            assert "ZZ-" not in result.stdout

    def test_hidden_characters(self, repo: Path) -> None:
        """Report text holding a control character is warned about like any other text."""
        write_report(repo, 'title: "Paper\\e[2J"\n' + REPORT)
        assert lines(repo) == [
            "doc/reports/v2.yaml:1:8: warning: 'title' holds U+001B, a control character that "
            "can hide or reorder what is shown",
        ]


def version(vid: str, day: str, based_on: str | None = None) -> Version:
    section = Section("s", "S", (Statement("a", f"Text of {vid}."),))
    return Version(vid, dt.date.fromisoformat(day), Status.DRAFT, (section,), based_on)


class TestBackwards:
    """backwards(): the based_on chain decides when it links the two versions, else dates."""

    def test_forwards(self) -> None:
        """NEW based on OLD, or dated after it, is the right way round."""
        old, new = version("1", "2020-01-01"), version("2", "2021-01-01", based_on="1")
        assert backwards(old, new) is None
        assert backwards(old, version("3", "2021-01-01")) is None

    def test_chain(self) -> None:
        """OLD based on NEW, directly or by way of others, is backwards, whatever the dates."""
        from policypos import Document

        v1, v2 = version("1", "2020-01-01"), version("2", "2019-01-01", based_on="1")
        v3 = version("3", "2022-01-01", based_on="2")
        doc = Document.create("d", "D", "O", "B", versions=(v1, v2, v3))
        assert backwards(v2, v1) == "version '2' is based on '1'"
        assert backwards(v3, v1, doc) == "version '3' is based on '1' by way of '2'"
        assert backwards(v1, v2, doc) is None  # v2 revises v1 though dated before it

    def test_dates(self) -> None:
        """Versions the chain does not link are ordered by date; equal dates never warn."""
        old, new = version("b", "2025-03-01"), version("a", "2024-07-01")
        assert backwards(old, new) == "version 'a' is dated 2024-07-01, before 'b' (2025-03-01)"
        assert backwards(old, version("c", "2025-03-01")) is None
        assert backwards(old, old) is None


SWAPPED = "NEW doc@v1 is older than OLD doc@v2 (version 'v2' is based on 'v1')"


class TestReportRefusesBackwards:
    """render report proposes NEW in place of OLD: a NEW older than OLD is refused (exit 2)."""

    def test_cli(self, repo: Path) -> None:
        result = run(repo, "render", "report", "doc@v2", "doc@v1")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"policypos: error: a board paper proposes NEW in place of OLD, but {SWAPPED}: "
            "give the older version first\n"
        )

    def test_refused_before_the_report_is_read(self, repo: Path) -> None:
        """The order is the mistake: a broken report of the older version is not what is shown."""
        write_report(repo, "purpse: x\n", name="v1")
        result = run(repo, "render", "report", "doc@v2", "doc@v1")
        assert result.exit_code == 2
        assert "board paper proposes NEW in place of OLD" in result.stderr

    def test_api(self, repo: Path) -> None:
        document = open_repository(repo).document("doc")
        changes = diff(document.version("v2"), document.version("v1"), document)
        with pytest.raises(BackwardsError, match="NEW doc@v1 is older than OLD doc@v2"):
            board_paper(document, changes)
        with pytest.raises(BackwardsError):
            render_report(document, changes)

    def test_forwards_still_works(self, repo: Path) -> None:
        result = run(repo, "render", "report", "doc@v1", "doc@v2")
        assert result.exit_code == 0
        assert "It is version v2 of A document, revising version v1." in result.stdout


class TestComparisonsWarn:
    """diff and render changes compare backwards if asked, with one warning line on stderr."""

    WARNING = f"policypos: warning: {SWAPPED}: the changes shown run backwards\n"

    @pytest.mark.parametrize(
        "command", [("diff",), ("diff", "--format", "json"), ("render", "changes")]
    )
    def test_backwards(self, repo: Path, command: tuple[str, ...]) -> None:
        """Exit 0, the output as before, and the warning alone on stderr."""
        result = run(repo, *command, "doc@v2", "doc@v1")
        assert result.exit_code == 0
        assert result.stderr == self.WARNING
        assert result.stdout.strip()

    @pytest.mark.parametrize("command", [("diff",), ("render", "changes")])
    def test_forwards(self, repo: Path, command: tuple[str, ...]) -> None:
        """The right way round, nothing on stderr."""
        result = run(repo, *command, "doc@v1", "doc@v2")
        assert (result.exit_code, result.stderr) == (0, "")

    def test_between_meetings(self) -> None:
        """diff --between with the later meeting first warns the same way."""
        result = CliRunner().invoke(
            cli,
            [
                "--repo",
                str(SHIPPED),
                "diff",
                "going-straight",
                "--between",
                "sscb-2024-07",
                "sscb-2024-03",
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0
        assert result.stderr == (
            "policypos: warning: NEW going-straight@2005 is older than OLD going-straight@2024 "
            "(version '2024' is based on '2005'): the changes shown run backwards\n"
        )
