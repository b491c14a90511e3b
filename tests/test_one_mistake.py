"""One mistake, one error, at the mistake (tester 11's B2, B3, B4, B8 and C).

Hostile or clumsy input through the command line: a lost ``- id:`` line, a
key indented too little, a merge key, a report file with several errors, a
file name holding control characters, ``$POLICYPOS_REPO`` naming a file, and
``fmt`` meeting a duplicate key. Each gives the lines asserted here exactly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos.cli import cli
from policypos.errors import Location
from tests.conftest import MakeRepo

VERSION = """\
version: "v1"
date: 2024-01-01
status: endorsed
sections:
  - id: s1
    title: One
    statements:
      - id: a
        text: First.
        tags: [x]
      - id: b
        text: >
          Second,
          at length.
        tags: [y]
      - id: c
        text: Third.
  - id: s2
    title: Two
    statements:
      - id: d
        text: Fourth.
"""
"""A version whose lines the tests below name by number (``- id: b`` is line 11)."""

MEETING = """\
meeting:
  id: m1
  body: Cabinet
  date: 2024-02-01
comments:
  - id: "1"
    kind: comment
    by: Members
    text: Say more.
    disposition: noted
  - id: "2"
    kind: question
    by: Members
    on: [s1]
    text: Why?
    disposition: answered
    response: Because.
"""
"""A meeting whose second comment starts on line 11."""

LOST = "a new list entry seems to start here"


def run(root: Path | None, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """policypos *args* on the repository *root* (with None, on what $POLICYPOS_REPO in *env* names)."""
    runner = CliRunner(env={"POLICYPOS_REPO": None, **(env or {})})
    return runner.invoke(cli, [*(("--repo", str(root)) if root is not None else ()), *args])


def replaced(text: str, line: int, new: str | None) -> str:
    """*text* with its 1-based *line* replaced by *new*, or deleted when *new* is ``None``."""
    lines = text.splitlines(keepends=True)
    lines[line - 1 : line] = [] if new is None else [new + "\n"]
    return "".join(lines)


def problems(root: Path, relative: str, *said: str) -> str:
    return "".join(f"{root / relative}:{line}\n" for line in said)


class TestLostEntryLine:
    """B2: keys repeated together in a list entry are one lost ``- `` line, one error."""

    @pytest.mark.parametrize(
        ("line", "new", "said"),
        [
            (
                11,
                None,
                "11:9: error: duplicate key 'text' (first at line 9), and 'tags' after it: "
                f"{LOST}, its '- id:' line missing",
            ),
            (
                11,
                "        id: b",
                "11:9: error: duplicate key 'id' (first at line 8), and 'text' and 'tags' after "
                f"it: {LOST}, without the '- ' that starts one",
            ),
            (
                16,
                None,
                "16:9: error: duplicate key 'text' (first at line 12); if a new list entry "
                "starts here, its '- id:' line is missing",
            ),
        ],
    )
    def test_one_lost_line_one_error(
        self, make_repo: MakeRepo, line: int, new: str | None, said: str
    ) -> None:
        root = make_repo({"doc/versions/v1.yaml": replaced(VERSION, line, new)})
        result = run(root, "validate")
        assert (result.exit_code, result.stdout) == (
            1,
            problems(root, "doc/versions/v1.yaml", said),
        )

    def test_two_lost_lines_two_errors(self, make_repo: MakeRepo) -> None:
        """The entries after a lost one are each their own mistake, each named once."""
        text = replaced(replaced(VERSION, 16, None), 11, None)
        root = make_repo({"doc/versions/v1.yaml": text})
        result = run(root, "validate")
        assert result.stdout == problems(
            root,
            "doc/versions/v1.yaml",
            "11:9: error: duplicate key 'text' (first at line 9), and 'tags' after it: "
            f"{LOST}, its '- id:' line missing",
            f"15:9: error: duplicate key 'text' (first at line 9): {LOST}, its '- id:' line missing",
        )

    def test_lost_comment_line(self, make_repo: MakeRepo) -> None:
        """A comment's keys run into the one above: one error, naming every repeat."""
        root = make_repo(
            {"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": replaced(MEETING, 11, None)}
        )
        result = run(root, "validate")
        assert result.stdout == problems(
            root,
            "doc/meetings/m1.yaml",
            "11:5: error: duplicate key 'kind' (first at line 7), and 'by', 'text' and "
            f"'disposition' after it: {LOST}, its '- id:' line missing",
        )
        shown = run(root, "comments", "doc")
        assert (shown.exit_code, shown.stderr) == (2, result.stdout)

    @pytest.mark.parametrize(
        ("files", "said"),
        [
            (  # one key twice in an entry may be either mistake: the error says both
                {
                    "doc/versions/v1.yaml": replaced(
                        VERSION, 10, "        tags: [x]\n        tags: [z]"
                    )
                },
                [
                    "doc/versions/v1.yaml:11:9: error: duplicate key 'tags' (first at line 10); if "
                    "a new list entry starts here, its '- id:' line is missing"
                ],
            ),
            (  # repeats at the top of a file are each their own mistake
                {"doc/versions/v1.yaml": VERSION + "status: draft\ndate: 2024-02-02\n"},
                [
                    "doc/versions/v1.yaml:23:1: error: duplicate key 'status' (first at line 3)",
                    "doc/versions/v1.yaml:24:1: error: duplicate key 'date' (first at line 2)",
                ],
            ),
            (  # and in the meeting's own details, which are no list entry
                {
                    "doc/versions/v1.yaml": VERSION,
                    "doc/meetings/m1.yaml": replaced(
                        MEETING, 4, "  date: 2024-02-01\n  body: B\n  id: m1"
                    ),
                },
                [
                    "doc/meetings/m1.yaml:5:3: error: duplicate key 'body' (first at line 3)",
                    "doc/meetings/m1.yaml:6:3: error: duplicate key 'id' (first at line 2)",
                ],
            ),
        ],
    )
    def test_repeats_that_start_no_entry(
        self, make_repo: MakeRepo, files: dict[str, str], said: list[str]
    ) -> None:
        root = make_repo(files)
        result = run(root, "validate")
        assert result.stdout == "".join(f"{root / line}\n" for line in said)

    def test_fmt_says_it_alike(self, make_repo: MakeRepo) -> None:
        """fmt refuses the file in validate's words, not ruamel's, and writes nothing."""
        for text in (replaced(VERSION, 11, None), VERSION + "status: draft\n"):
            root = make_repo({"doc/versions/v1.yaml": text})
            checked = run(root, "validate")
            assert checked.exit_code == 1
            for args in (("fmt", "--check"), ("fmt",)):
                formatted = run(root, *args)
                assert (formatted.exit_code, formatted.stderr) == (2, checked.stdout)
            assert (root / "doc/versions/v1.yaml").read_text() == text


class TestKeyIndentedTooLittle:
    """B3: a key indented too little is reported on its own line, saying how far to indent it."""

    @staticmethod
    def said(line: int, column: int, key: str, after: int, spaces: int) -> str:
        return (
            f"{line}:{column}: error: malformed YAML: key {key!r} is indented less than the lines "
            f"above and below it, which leaves line {after} out of place (indent it by {spaces} "
            f"spaces, like the keys it belongs with; if it is where it belongs, line {after} is "
            "indented too far)"
        )

    @pytest.mark.parametrize(
        ("line", "new", "place", "key", "after"),
        [
            (10, "    tags: [x]", (10, 5), "tags", 11),  # read as the section's: next '- id:' fails
            (10, "tags: [x]", (10, 1), "tags", 11),  # read as the file's
            (12, "    text: >", (12, 5), "text", 15),  # its text lines between
            (15, "tags: [y]", (15, 1), "tags", 16),
        ],
    )
    def test_version(
        self,
        make_repo: MakeRepo,
        line: int,
        new: str,
        place: tuple[int, int],
        key: str,
        after: int,
    ) -> None:
        root = make_repo({"doc/versions/v1.yaml": replaced(VERSION, line, new)})
        said = self.said(*place, key, after, 8)
        result = run(root, "validate")
        assert (result.exit_code, result.stdout) == (
            1,
            problems(root, "doc/versions/v1.yaml", said),
        )
        shown = run(root, "show", "doc@v1")
        assert (shown.exit_code, shown.stderr) == (2, result.stdout)

    @pytest.mark.parametrize(
        ("line", "new", "place", "key", "after"),
        [
            (7, "kind: comment", (7, 1), "kind", 8),
            (10, "disposition: noted", (10, 1), "disposition", 11),  # '- id:' read as its text
            (14, "on: [s1]", (14, 1), "on", 15),  # 'text: Why?' read as its text
        ],
    )
    def test_meeting(
        self,
        make_repo: MakeRepo,
        line: int,
        new: str,
        place: tuple[int, int],
        key: str,
        after: int,
    ) -> None:
        root = make_repo(
            {"doc/versions/v1.yaml": VERSION, "doc/meetings/m1.yaml": replaced(MEETING, line, new)}
        )
        result = run(root, "validate")
        said = self.said(*place, key, after, 4)
        assert result.stdout == problems(root, "doc/meetings/m1.yaml", said)

    @pytest.mark.parametrize(
        ("line", "new", "said"),
        [
            (  # a key one space further in than its neighbours: that key is the mistake
                3,
                " status: endorsed",
                "3:8: error: malformed YAML: mapping values are not allowed in this context "
                "(a key indented further than the keys above it",
            ),
            (  # a list entry too far left: the entry is the mistake
                11,
                "     - id: b",
                "11:6: error: malformed YAML: while parsing a block mapping, did not find "
                "expected key (a list item ('- ') where a key was expected",
            ),
            (  # a Markdown list in the text, at the key's indent
                10,
                "        - plan",
                "10:9: error: malformed YAML: while parsing a block mapping, did not find "
                "expected key (a list item ('- ') where a key was expected",
            ),
        ],
    )
    def test_other_indents_keep_their_hints(
        self, make_repo: MakeRepo, line: int, new: str, said: str
    ) -> None:
        root = make_repo({"doc/versions/v1.yaml": replaced(VERSION, line, new)})
        result = run(root, "validate")
        assert result.stdout.startswith(f"{root / 'doc/versions/v1.yaml'}:{said}")
        assert result.stdout.count("\n") == 1
        assert "indented less than" not in result.stdout

    def test_keys_back_in_line_read_cleanly(self, make_repo: MakeRepo) -> None:
        """A key further left than the lines above it where it belongs is no mistake."""
        text = VERSION.replace("    title: Two\n", "    title: Two\n    intro: After.\n")
        root = make_repo({"doc/versions/v1.yaml": text + "title: The end\n"})
        result = run(root, "validate")
        assert (result.exit_code, result.stdout) == (0, "")


DOCUMENT_HEAD = "id: doc\ntitle: A document\n"


class TestMergeKey:
    """B8: a merge key is one error, in the words of what was written."""

    MERGE = (
        "error: YAML merge keys ('<<') are not allowed: write the keys out in this mapping "
        "(a merge copies keys in from elsewhere in the file, where readers and the edit "
        "commands do not look)"
    )
    ALIAS = "error: YAML aliases (*name) are not allowed; write the value out"

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            ("base: &b {organisation: y, owner: z}\n<<: *b\n", [f"4:1: {MERGE}"]),
            ("<<: {organisation: y, owner: z}\n", [f"3:1: {MERGE}"]),
            (
                "a: &a {organisation: y}\nb: &b {owner: z}\n<<: [*a, *b]\n",
                [f"5:1: {MERGE}"],
            ),
            (  # an alias elsewhere is a second mistake, still reported
                "base: &b {organisation: y, owner: z}\n<<: *b\nsummary: *b\n",
                [f"4:1: {MERGE}", f"5:1: {ALIAS}"],
            ),
            ("organisation: &o y\nowner: *o\n", [f"4:1: {ALIAS}"]),
        ],
    )
    def test_validate(self, make_repo: MakeRepo, text: str, said: list[str]) -> None:
        root = make_repo(document=DOCUMENT_HEAD + text)
        result = run(root, "validate")
        assert result.stdout == problems(root, "doc/document.yaml", *said)
        assert "!!merge" not in result.output

    def test_quoted_key_is_no_merge(self, make_repo: MakeRepo) -> None:
        root = make_repo(
            {"doc/versions/v1.yaml": VERSION},
            document=DOCUMENT_HEAD + '"<<": x\norganisation: y\nowner: z\n',
        )
        result = run(root, "validate")
        assert result.stdout == problems(
            root, "doc/document.yaml", "3:1: error: unknown key '<<' in document.yaml"
        )

    def test_fmt(self, make_repo: MakeRepo) -> None:
        root = make_repo(document=DOCUMENT_HEAD + "base: &b {organisation: y}\n<<: *b\n")
        result = run(root, "fmt", "--check")
        assert (result.exit_code, result.stderr) == (
            2,
            problems(root, "doc/document.yaml", f"4:1: {self.MERGE}"),
        )


REPORT = """\
title: The paper
purpose: [For direction.]
contacts:
  - role: Contact officer
    name: A. Officer
    fax: "0123"
reasons:
  nosuchsection: Why.
  s1: Because.
implications:
  - heading: Wales
    text: null
"""


class TestReportAllAtOnce:
    """B4: render report lists every error of the report file at once, as validate does."""

    ERRORS = (
        "2:10: error: 'purpose' must be text, not a list",
        "6:5: error: unknown key 'fax' in contact",
        "8:18: error: 'reasons' names 'nosuchsection', which is no section of version 'v2' nor "
        "of 'v1', the version it revises",
        "12:11: error: 'text' must be text, not empty",
    )

    def repo(self, make_repo: MakeRepo, report: str) -> Path:
        v2 = VERSION.replace('version: "v1"', 'version: "v2"').replace("2024-01-01", "2024-06-01")
        v2 = v2.replace("status: endorsed", "status: proposed\nbased_on: v1")
        return make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": v2,
                "doc/reports/v2.yaml": report,
            }
        )

    def test_every_error_in_one_go(self, make_repo: MakeRepo) -> None:
        root = self.repo(make_repo, REPORT)
        expected = problems(root, "doc/reports/v2.yaml", *self.ERRORS)
        checked = run(root, "validate")
        assert (checked.exit_code, checked.stdout) == (1, expected)
        for args in (("doc@v2",), ("doc@v1", "doc@v2")):
            rendered = run(root, "render", "report", *args)
            assert (rendered.exit_code, rendered.stderr) == (2, expected)

    @pytest.mark.parametrize(
        ("change", "left"),
        [
            (("  nosuchsection: Why.\n", "  s2: Why.\n"), [0, 1, 3]),  # the file's own errors only
            (("purpose: [For direction.]\n", "purpose: For direction.\n"), [1, 2, 3]),
        ],
    )
    def test_fewer_errors(
        self, make_repo: MakeRepo, change: tuple[str, str], left: list[int]
    ) -> None:
        root = self.repo(make_repo, REPORT.replace(*change))
        expected = problems(root, "doc/reports/v2.yaml", *(self.ERRORS[i] for i in left))
        assert run(root, "validate").stdout == expected
        assert run(root, "render", "report", "doc@v2").stderr == expected

    def test_only_the_reasons(self, make_repo: MakeRepo) -> None:
        root = self.repo(make_repo, "title: The paper\nreasons:\n  s3: Why.\n")
        expected = problems(
            root,
            "doc/reports/v2.yaml",
            "3:7: error: 'reasons' names 's3', which is no section of version 'v2' nor of 'v1', "
            "the version it revises",
        )
        assert run(root, "validate").stdout == expected
        assert run(root, "render", "report", "doc@v2").stderr == expected

    def test_new_statement_checks_its_reasons(self, make_repo: MakeRepo) -> None:
        """A paper proposing a first version left an unknown reason out without a word."""
        root = make_repo(
            {"doc/versions/v1.yaml": VERSION, "doc/reports/v1.yaml": "reasons:\n  s9: Why.\n"}
        )
        expected = problems(
            root,
            "doc/reports/v1.yaml",
            "2:7: error: 'reasons' names 's9', which is no section of version 'v1'",
        )
        assert run(root, "validate").stdout == expected
        rendered = run(root, "render", "report", "doc@v1")
        assert (rendered.exit_code, rendered.stderr) == (2, expected)

    def test_good_reports_render(self, make_repo: MakeRepo) -> None:
        root = self.repo(make_repo, "title: The paper\nreasons:\n  s1: Because.\n")
        assert run(root, "validate").stdout == ""
        rendered = run(root, "render", "report", "doc@v2")
        assert rendered.exit_code == 0, rendered.output
        assert "Because." in rendered.stdout
        first = make_repo({"doc/reports/v1.yaml": "reasons:\n  s2: Why two.\n"})
        rendered = run(first, "render", "report", "doc@v1")
        assert rendered.exit_code == 0, rendered.output
        assert "Why two." in rendered.stdout


class TestFileNamesEscaped:
    """C3: a control character in a file name is escaped in the PATH:LINE:COLUMN part."""

    @pytest.mark.parametrize(
        ("name", "shown"),
        [
            ("x\nline", r"x\nline"),
            ("x\x1b[31mevil", r"x\x1b[31mevil"),
            ("a\u202eb", r"a\u202eb"),
            ("t\tab", r"t\tab"),
            ("bell\x07", r"bell\x07"),
        ],
    )
    def test_one_line_each(self, make_repo: MakeRepo, name: str, shown: str) -> None:
        root = make_repo({"doc/versions/v1.yaml": VERSION, f"doc/versions/{name}.yaml": "x: 1\n"})
        result = run(root, "validate")
        assert result.stdout == (
            f"{root}/doc/versions/{shown}.yaml: error: file name {name!r} is not a valid id\n"
        )

    def test_bytes_that_are_not_utf8(self, make_repo: MakeRepo) -> None:
        root = make_repo({"doc/versions/v1.yaml": VERSION})
        os.close(os.open(os.fsencode(root / "doc/versions") + b"/\xff.yaml", os.O_CREAT))
        result = run(root, "validate")
        assert result.stdout == (
            f"{root}/doc/versions/\\udcff.yaml: error: file name '\\udcff' is not a valid id\n"
        )

    def test_letters_are_kept(self, make_repo: MakeRepo) -> None:
        """Welsh and accented letters are printable: a name holding them is shown as it is."""
        root = make_repo({"doc/versions/v1.yaml": VERSION, "Caerdydd ŵ é/document.yaml": "x\n"})
        result = run(root, "validate")
        assert result.stdout == (
            f"{root}/Caerdydd ŵ é: error: folder name 'Caerdydd ŵ é' is not a valid id\n"
        )

    def test_location(self) -> None:
        assert str(Location(Path("a\nb.yaml"), 3, 4)) == "a\\nb.yaml:3:4"
        assert str(Location(Path("a\x1bb.yaml"))) == "a\\x1bb.yaml"
        assert str(Location(Path("plain é.yaml"), 1)) == "plain é.yaml:1:1"


class TestRepositoryNamedBy:
    """C5: a repository that is not one says so, naming --repo or $POLICYPOS_REPO, whichever gave it."""

    @pytest.mark.parametrize(
        ("given", "why"),
        [
            ("a-file", "a file, not a folder"),
            ("nowhere", "no such folder"),
            ("empty", "no folder in it, nor in positions/, has a document.yaml"),
        ],
    )
    def test_named_by(self, tmp_path: Path, given: str, why: str) -> None:
        (tmp_path / "a-file").write_text("")
        (tmp_path / "empty").mkdir()
        path = tmp_path / given
        said = f"{path}: error: no positions repository here ({why}), named by "
        from_env = run(None, "validate", env={"POLICYPOS_REPO": str(path)})
        assert (from_env.exit_code, from_env.stderr) == (2, said + "$POLICYPOS_REPO\n")
        for args in (("--repo", str(path), "validate"), ("validate", "--repo", str(path))):
            given_ = CliRunner(env={"POLICYPOS_REPO": str(tmp_path)}).invoke(cli, args)
            assert (given_.exit_code, given_.stderr) == (2, said + "--repo\n")

    def test_new_document_refuses_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "a-file").write_text("")
        args = ("new-document", "d", "--title", "T", "--organisation", "O", "--owner", "W")
        result = run(None, *args, env={"POLICYPOS_REPO": str(tmp_path / "a-file")})
        assert (result.exit_code, result.stderr) == (
            2,
            f"{tmp_path}/a-file: error: no positions repository here (a file, not a folder), "
            "named by $POLICYPOS_REPO\n",
        )
        started = run(None, *args, env={"POLICYPOS_REPO": str(tmp_path / "new")})
        assert started.exit_code == 0, started.output
        assert (tmp_path / "new/d/document.yaml").is_file()
