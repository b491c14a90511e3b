"""The loader: well-formed files become records, everything else a precise problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from policypos import (
    CommentKind,
    LoadError,
    Location,
    Problem,
    Severity,
    StatementKind,
    Status,
    load_meeting,
    load_version,
    open_repository,
    read_repository,
)
from policypos.cli import cli
from policypos.load import NO_DATE
from tests.conftest import MEETING, VERSION, MakeRepo

HEAD = "version: v1\ndate: 2024-01-01\nstatus: draft\n"


def messages(text: str | bytes, name: str = "v1.yaml") -> list[str]:
    """Load *text* as a version file and return its problems as printed lines."""
    with pytest.raises(LoadError) as caught:
        load_version(text, name)
    return [str(p) for p in caught.value.problems]


class TestGoodFiles:
    """Well-formed files become the records they describe."""

    def test_version_fields(self) -> None:
        """Every field of a version, section and statement is read."""
        version = load_version(
            HEAD
            + """\
based_on: v0
meeting: m1
title: Alternative title
preamble: Opening words.
sections:
  - id: s1
    title: One
    intro: About one.
    addresses: [m1/1]
    statements:
      - id: a
        kind: ask
        text: >
          Folded
          text.
        tags: [x, y]
        addresses: ["m1/2"]
        note: Drafting note.
""",
            "v1.yaml",
        )
        assert version.id == "v1"
        assert version.date == dt.date(2024, 1, 1)
        assert version.status is Status.DRAFT
        assert (version.based_on, version.meeting) == ("v0", "m1")
        assert (version.title, version.preamble) == ("Alternative title", "Opening words.")
        section = version.section("s1")
        assert (section.title, section.intro, section.addresses) == ("One", "About one.", ("m1/1",))
        statement = section.statement("a")
        assert statement.kind is StatementKind.ASK
        assert statement.text == "Folded text.\n"
        assert statement.tags == ("x", "y")
        assert statement.addresses == ("m1/2",)
        assert statement.note == "Drafting note."

    def test_unquoted_numbers_keep_their_text(self) -> None:
        """An id written as a bare number keeps its spelling: 3.10 stays '3.10', not 3.1."""
        meeting = load_meeting(MEETING.replace('id: "1"', "id: 3.10"), "m1.yaml")
        assert meeting.comments[0].id == "3.10"
        assert meeting.comments[0].ref == "m1/3.10"
        assert load_version(VERSION.replace('"v1"', "2005"), "2005.yaml").id == "2005"

    def test_byte_order_mark(self) -> None:
        """A UTF-8 byte order mark, as some Windows editors write, is accepted."""
        assert load_version(b"\xef\xbb\xbf" + VERSION.encode(), "v1.yaml").id == "v1"

    def test_origin_locates_keys(self) -> None:
        """A record's origin finds the line and column of any key, or of its nearest parent."""
        version = load_version(VERSION, "v1.yaml")
        assert version.origin is not None
        assert version.origin.locate("sections", 0, "statements", 0, "text") == Location(
            Path("v1.yaml"), 9, 15
        )
        assert version.origin.locate("sections", 0, "nothing") == Location(Path("v1.yaml"), 5, 5)
        assert version.origin.locate("sections", 7) == Location(Path("v1.yaml"), 5, 3)

    def test_origin_is_not_part_of_equality(self) -> None:
        """Two versions read from different files are equal when their contents are."""
        assert load_version(VERSION, "a/v1.yaml") == load_version(VERSION, "b/v1.yaml")


class TestMalformedFiles:
    """Files that are not usable YAML are refused with the parser's position."""

    def test_syntax_error(self) -> None:
        """A YAML syntax error says what the parser expected, and where."""
        assert messages("version: v1\nsections: [1,\n  b: 2\n") == [
            "v1.yaml:2:11: error: malformed YAML: while parsing a flow sequence, "
            "did not find expected ',' or ']' ('[' starts a list that is not closed; if the "
            "text starts with '[', put the whole text in double quotes, or write it as a block: "
            "`text: >` with the text on the lines below, indented)"
        ]

    def test_two_documents(self) -> None:
        """A file holds one YAML document."""
        assert messages("version: v1\n---\nversion: v2\n") == [
            "v1.yaml:2:1: error: malformed YAML: expected a single document in the stream, "
            "but found another document"
        ]

    def test_empty_file(self) -> None:
        """An empty file is an error, not an empty version."""
        assert messages("") == ["v1.yaml:1:1: error: file is empty"]
        assert messages(" \n\n") == ["v1.yaml:1:1: error: file is empty"]

    def test_only_comments(self) -> None:
        """A file of comments only holds no document."""
        assert messages("# nothing yet\n") == [
            "v1.yaml:1:1: error: file holds no YAML document, only comments"
        ]

    def test_not_utf8(self) -> None:
        """Bytes that are not UTF-8 are reported at the line and column of the first bad byte."""
        assert messages(b'version: v1\nsections: "\xff"\n') == [
            "v1.yaml:2:12: error: file is not UTF-8 text (byte 0xff): save it as UTF-8"
        ]

    @pytest.mark.parametrize(
        ("encoding", "mark", "named"),
        [
            ("utf-16-le", b"\xff\xfe", "UTF-16 text (little-endian)"),
            ("utf-16-be", b"\xfe\xff", "UTF-16 text (big-endian)"),
            ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32 text (little-endian)"),
            ("utf-32-be", b"\x00\x00\xfe\xff", "UTF-32 text (big-endian)"),
            ("utf-16-le", b"", "UTF-16 text (little-endian)"),
            ("utf-16-be", b"", "UTF-16 text (big-endian)"),
            ("utf-32-le", b"", "UTF-32 text (little-endian)"),
            ("utf-32-be", b"", "UTF-32 text (big-endian)"),
        ],
        ids=lambda v: v.hex() or "no-mark" if isinstance(v, bytes) else str(v),
    )
    def test_utf16_and_utf32(self, encoding: str, mark: bytes, named: str) -> None:
        """A file a Windows editor saved as "Unicode" is named for its encoding at 1:1, once."""
        data = mark + (HEAD + "sections: [caf\u00e9]\n").encode(encoding)
        assert messages(data) == [
            f"v1.yaml:1:1: error: file is {named}, not UTF-8: "
            "save it as UTF-8 (Save As, Encoding: UTF-8)"
        ]

    def test_utf8_byte_order_mark(self) -> None:
        """UTF-8 with a byte order mark, as Notepad saves "UTF-8 with BOM", is read."""
        data = b"\xef\xbb\xbf" + (HEAD + "sections: []\n").encode()
        assert load_version(data, "v1.yaml").status is Status.DRAFT

    def test_control_character(self) -> None:
        """Control characters, which YAML forbids, are named by code point."""
        assert messages(HEAD.replace("draft", '"dr\x07aft"') + "sections: []\n") == [
            "v1.yaml:3:12: error: character U+0007 is not allowed in YAML"
        ]

    def test_top_level_list(self) -> None:
        """The top of a file is a mapping."""
        assert messages("- a\n- b\n") == [
            "v1.yaml:1:1: error: version file must be a mapping of keys to values, not a list"
        ]


class TestHostileFiles:
    """Input crafted to harm the reader is refused before it can."""

    def test_python_tag(self) -> None:
        """A tag asking for a Python object is refused, and nothing is constructed."""
        assert messages(
            HEAD.replace("draft", "!!python/object:os.system draft") + "sections: []\n"
        ) == ["v1.yaml:3:9: error: YAML tag '!!python/object:os.system' is not allowed"]

    def test_local_tag(self) -> None:
        """Application tags are refused too."""
        assert messages(HEAD + "sections: !custom []\n") == [
            "v1.yaml:4:11: error: YAML tag '!custom' is not allowed"
        ]

    def test_alias_bomb(self) -> None:
        """Aliases, which let a few lines stand for billions of nodes, are refused at each use."""
        bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\n' + HEAD + "sections: [*b]\n"
        assert messages(bomb) == [
            "v1.yaml:2:4: error: YAML aliases (*name) are not allowed; write the value out",
            "v1.yaml:6:11: error: YAML aliases (*name) are not allowed; write the value out",
        ]

    def test_deep_nesting(self) -> None:
        """Nesting that would crash the C parser is refused before it is parsed."""
        deep = "version: v1\nsections: " + "[" * 100_000 + "]" * 100_000 + "\n"
        assert messages(deep) == ["v1.yaml:2:74: error: nested deeper than 64 levels"]

    def test_moderate_nesting_passes_the_depth_check(self) -> None:
        """A long but shallow file is not mistaken for a deep one."""
        many = (
            HEAD
            + "sections:\n"
            + "".join(
                f"  - {{id: s{i}, title: T, statements: [{{id: a{i}, text: x, tags: [t]}}]}}\n"
                for i in range(3000)
            )
        )
        assert len(load_version(many, "v1.yaml").sections) == 3000

    def test_deep_nesting_across_lines(self) -> None:
        """Deep flow nesting spread over lines, or hidden behind quotes, is still found."""
        over_lines = "version: v1\nsections:\n" + "  [\n" * 30_000 + "  ]\n" * 30_000
        assert messages(over_lines) == ["v1.yaml:66:3: error: nested deeper than 64 levels"]
        # Each "]" in quotes would seem to close the "[" before it: the line must not count
        # as balanced, or the 6,000 levels would reach the parser unchecked.
        opening, closing = "  " + '[ "]", ' * 200 + "\n", "  " + ' , "[" ]' * 200 + "\n"
        quoted = "version: v1\nsections:\n" + opening * 30 + "  0\n" + closing * 30
        assert messages(quoted) == ["v1.yaml:3:444: error: nested deeper than 64 levels"]

    def test_one_line_flows_need_no_exact_scan(self) -> None:
        """Thousands of `tags: [a, b]` lines bound the depth by one line's nesting, not their sum."""
        from policypos.load import _depth_bound

        lines = "".join(f"  - id: s{i}\n    tags: [a, {{b: [c]}}]\n" for i in range(10_000))
        assert _depth_bound(lines) == 3 + len("    tags: [a, {b: [c]}]")
        # A flow over two lines: both lines' brackets may carry over.
        assert _depth_bound("a: [b,\n  [c]]\n") == 2 + len("  [c]]")

    def test_path_tricks_in_ids(self) -> None:
        """An id that could climb out of a folder is refused."""
        assert messages(HEAD + "sections:\n  - id: ../etc\n    title: T\n") == [
            "v1.yaml:5:9: error: 'id' is not a valid id: '../etc' (letters, digits, '.', '_' "
            "and '-', starting with a letter or digit, at most 64 characters)"
        ]


class TestStructure:
    """The loader holds every file to the format's keys and types."""

    def test_duplicate_key(self) -> None:
        """A key given twice is an error at the second, naming the first."""
        assert messages(HEAD + "sections: []\nstatus: endorsed\n") == [
            "v1.yaml:5:1: error: duplicate key 'status' (first at line 3)"
        ]

    def test_unknown_key_suggests(self) -> None:
        """A misspelt key is an error that suggests the right one."""
        text = HEAD + "sections:\n  - id: s\n    title: T\n    statments: []\n"
        assert messages(text) == [
            "v1.yaml:7:5: error: unknown key 'statments' in section; did you mean 'statements'?"
        ]

    def test_unknown_key_without_suggestion(self) -> None:
        """A key like nothing the format has is simply unknown."""
        assert messages(HEAD + "sections: []\nzzz: 1\n") == [
            "v1.yaml:5:1: error: unknown key 'zzz' in version file"
        ]

    def test_missing_keys(self) -> None:
        """Missing required keys are listed together at the mapping."""
        assert messages("version: v1\nsections: []\n") == [
            "v1.yaml:1:1: error: version file is missing keys 'date', 'status'"
        ]
        assert messages(HEAD + "sections:\n  - id: s\n") == [
            "v1.yaml:5:5: error: section is missing key 'title'"
        ]

    def test_wrong_types(self) -> None:
        """Each wrong type is reported at its value, all at once."""
        text = (
            "version: v1\ndate: 2024-13-01\nstatus: aproved\n"
            "sections:\n  - id: s\n    title: [a]\n    statements: {a: 1}\n"
        )
        assert messages(text) == [
            "v1.yaml:2:7: error: 'date' is not a real date: '2024-13-01' (month must be in 1..12)",
            "v1.yaml:3:9: error: 'status' must be one of draft, proposed, endorsed, superseded, "
            "withdrawn; not 'aproved'; did you mean 'proposed'?",
            "v1.yaml:6:12: error: 'title' must be text, not a list",
            "v1.yaml:7:17: error: 'statements' must be a list, not a mapping",
        ]

    def test_empty_and_boolean_text(self) -> None:
        """An empty value or a bare true/false is not text."""
        text = HEAD + "sections:\n  - id: s\n    title:\n    intro: true\n"
        assert messages(text) == [
            "v1.yaml:6:11: error: 'title' must be text, not empty",
            "v1.yaml:7:12: error: 'intro' must be text, not true/false (true)",
        ]

    def test_date_with_time(self) -> None:
        """A date is a day, not a moment."""
        assert messages(VERSION.replace("2024-01-01", "2024-01-01T10:00:00")) == [
            "v1.yaml:2:7: error: 'date' must be a date written YYYY-MM-DD, not '2024-01-01T10:00:00'"
        ]

    def test_bad_references_and_tags(self) -> None:
        """References are meeting/comment pairs; tags are a list of ids."""
        text = (
            HEAD + "sections:\n  - id: s\n    title: T\n"
            '    addresses: [m1, "m1/1", m1/x/y, {a: 1}]\n'
            "    statements:\n      - {id: a, text: x, tags: a}\n"
        )
        assert messages(text) == [
            "v1.yaml:7:17: error: 'addresses' entry 'm1' must name a comment as "
            "<meeting id>/<comment id>",
            "v1.yaml:7:29: error: 'addresses' entry 'm1/x/y' must name a comment as "
            "<meeting id>/<comment id>",
            "v1.yaml:7:37: error: 'addresses' entries must be text, not a mapping",
            "v1.yaml:9:32: error: 'tags' must be a list, not 'a'",
        ]

    def test_non_text_key(self) -> None:
        """Keys are words, not lists."""
        assert messages("? [a]\n: 1\n" + VERSION) == [
            "v1.yaml:1:3: error: keys must be plain words, not a list"
        ]

    def test_duplicate_ids(self) -> None:
        """Section ids, and statement ids across the whole version, are unique."""
        text = HEAD + (
            "sections:\n"
            "  - id: s\n    title: T\n    statements:\n      - {id: a, text: x}\n"
            "  - id: t\n    title: U\n    statements:\n      - {id: a, text: y}\n"
            "  - id: s\n    title: V\n"
        )
        assert messages(text) == [
            "v1.yaml:12:14: error: duplicate statement id 'a' (first at line 8)",
            "v1.yaml:13:9: error: duplicate section id 's' (first at line 5)",
        ]

    def test_version_must_match_file_name(self) -> None:
        """The version id inside the file equals the file's stem."""
        assert messages(VERSION.replace('"v1"', "v2")) == [
            "v1.yaml:1:10: error: version 'v2' does not match the file name 'v1'"
        ]

    def test_meeting_file(self) -> None:
        """Meeting files are held to their own keys, with comment ids unique."""
        text = (
            MEETING.replace("kind: comment", "kind: remark")
            + '  - id: "1"\n    kind: question\n    text: Again.\n'
        )
        with pytest.raises(LoadError) as caught:
            load_meeting(text, "m1.yaml")
        assert [str(p) for p in caught.value.problems] == [
            "m1.yaml:7:11: error: 'kind' must be one of comment, question, recommendation; "
            "not 'remark'",
            "m1.yaml:9:9: error: duplicate comment id '1' (first at line 6)",
        ]


class TestRecovery:
    """A file with errors still gives all it says that could be read, and names what it lost."""

    def test_version_keeps_what_it_can(self, make_repo: MakeRepo) -> None:
        """Bad statements are dropped, their neighbours and a repeated id's first use kept."""
        text = HEAD.replace("draft", "done") + (
            "sections:\n"
            "  - id: s1\n    title: [One]\n    statements:\n"
            "      - {text: No id.}\n"
            "      - {id: b, text: Kept., kind: wish, addresses: [m1/1, m1]}\n"
            "      - {id: b, text: Repeated.}\n"
            "  - Just words.\n"
        )
        reading = read_repository(make_repo({"doc/versions/v1.yaml": text}))
        assert len(reading.problems) == 7
        assert reading.damaged == {
            "doc@v1",
            "doc@v1:sections",
            "doc@v1:citations",
            "doc@v1:status",
        }
        (version,) = reading.repository.document("doc").versions
        assert (version.status, [s.id for s in version.sections]) == (Status.DRAFT, ["s1"])
        assert version.sections[0].title == ""
        (statement,) = version.sections[0].statements
        assert (statement.id, statement.text, statement.kind, statement.addresses) == (
            "b",
            "Kept.",
            StatementKind.POSITION,
            ("m1/1",),
        )

    def test_meeting_keeps_what_it_can(self, make_repo: MakeRepo) -> None:
        """A comment with a bad value is kept; one with no id is dropped; the meeting stays."""
        text = MEETING.replace("  body: Cabinet\n", "") + (
            '  - {id: "2", kind: remark, text: Two.}\n'
            '  - {id: "3", kind: comment, text: Three., disposition: done}\n'
            "  - {kind: comment, text: No id.}\n"
        )
        reading = read_repository(make_repo({"doc/meetings/m1.yaml": text}))
        assert len(reading.problems) == 4
        assert reading.damaged == {"doc/m1", "doc/m1:comments", "doc/m1/3:disposition"}
        (meeting,) = reading.repository.document("doc").meetings
        assert (meeting.id, meeting.body, meeting.date) == ("m1", "", dt.date(2024, 2, 1))
        assert [(c.ref, c.kind, c.text) for c in meeting.comments] == [
            ("m1/1", CommentKind.COMMENT, "Say more."),
            ("m1/2", CommentKind.COMMENT, "Two."),
            ("m1/3", CommentKind.COMMENT, "Three."),
        ]

    def test_a_file_that_is_not_a_mapping_gives_nothing(self, make_repo: MakeRepo) -> None:
        """Only a file with no mapping at its top is left out of the model altogether."""
        reading = read_repository(make_repo({"doc/versions/v1.yaml": "- a\n"}))
        assert reading.unreadable == {"doc@v1"}
        assert not reading.damaged
        assert reading.repository.document("doc").versions == ()

    def test_load_version_still_refuses_a_damaged_file(self) -> None:
        """Reading one file on its own gives a record only if the file has no error."""
        with pytest.raises(LoadError):
            load_version(VERSION.replace("endorsed", "done"), "v1.yaml")


class TestRepository:
    """Reading a whole folder: every file's problems, and all that could be read in the model."""

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A repository that is not there is one clear error."""
        with pytest.raises(LoadError, match=r"no positions repository here \(no such folder\)"):
            read_repository(tmp_path / "missing")

    def test_problems_of_all_files_at_once(self, make_repo: MakeRepo) -> None:
        """Every bad file is reported, and the good ones still load."""
        root = make_repo(
            {
                "doc/versions/v1.yaml": VERSION,
                "doc/versions/v2.yaml": "version: v2\n",
                "doc/meetings/m1.yaml": MEETING.replace("date: 2024-02-01", "date: soon"),
            }
        )
        reading = read_repository(root)
        assert [str(p) for p in reading.problems] == [
            f"{root}/doc/versions/v2.yaml:1:1: error: version file is missing keys "
            "'date', 'status', 'sections'",
            f"{root}/doc/meetings/m1.yaml:4:9: error: 'date' must be a date written "
            "YYYY-MM-DD, not 'soon'",
        ]
        assert not reading.ok
        assert reading.unreadable == set()
        assert reading.damaged == {
            *("doc@v2", "doc@v2:date", "doc@v2:status", "doc@v2:sections"),
            *("doc/m1", "doc/m1:date"),
        }
        (document,) = reading.repository.documents
        assert [(v.id, v.date, v.status) for v in document.versions] == [
            ("v2", NO_DATE, Status.DRAFT),
            ("v1", dt.date(2024, 1, 1), Status.ENDORSED),
        ]
        (meeting,) = document.meetings
        assert [c.ref for c in meeting.comments] == ["m1/1"]

    def test_open_repository_raises_with_every_error(self, make_repo: MakeRepo) -> None:
        """open_repository refuses a repository with errors, listing them all."""
        root = make_repo({"doc/versions/v1.yaml": "", "doc/versions/v2.yaml": "version: v2\n"})
        with pytest.raises(LoadError) as caught:
            open_repository(root)
        assert len(caught.value.problems) == 2
        assert str(caught.value).splitlines()[0].endswith("v1.yaml:1:1: error: file is empty")

    def test_folder_and_file_names_are_checked(self, make_repo: MakeRepo) -> None:
        """Folder and file names that are not ids are never used."""
        root = make_repo({"bad name/document.yaml": "x: 1\n", "doc/versions/v 1.yaml": VERSION})
        assert [str(p) for p in read_repository(root).problems] == [
            f"{root}/bad name: error: folder name 'bad name' is not a valid id",
            f"{root}/doc/versions/v 1.yaml: error: file name 'v 1' is not a valid id",
        ]

    def test_stray_files_are_warnings(self, make_repo: MakeRepo) -> None:
        """A backup is not silently taken for a version, nor silently ignored."""
        root = make_repo({"doc/versions/v1.yaml.bak": VERSION, "README.md": "hello"})
        reading = read_repository(root)
        assert reading.problems == (
            Problem(
                Severity.WARNING,
                "ignored: only .yaml files belong here",
                Location(root / "doc/versions/v1.yaml.bak"),
            ),
        )
        assert reading.ok

    @pytest.mark.parametrize("suffix", [".yml", ".YAML"])
    def test_yml_is_an_error(self, make_repo: MakeRepo, suffix: str) -> None:
        """A .yml file was meant to be read: FORMAT.md names it .yaml, so it is an error, once,
        not again where the meeting names the version."""
        meeting = MEETING.replace("comments:", "reviews: v2\ncomments:")
        files = {f"doc/versions/v2{suffix}": VERSION, "doc/meetings/m1.yaml": meeting}
        root = make_repo({"doc/versions/v1.yaml": VERSION, **files})
        result = CliRunner().invoke(cli, ["--repo", str(root), "validate"])
        assert (result.exit_code, result.stdout) == (
            1,
            f"{root}/doc/versions/v2{suffix}: error: not read: the files here are named "
            f"<id>.yaml, not {suffix}: rename it v2.yaml\n",
        )
        fmt = CliRunner().invoke(
            cli, ["--repo", str(root), "fmt", f"{root}/doc/versions/v2{suffix}"]
        )
        assert (fmt.exit_code, fmt.stderr) == (
            2,
            f"policypos: error: {root}/doc/versions/v2{suffix}: the repository's files are "
            f"named .yaml, not {suffix}, and this one is not read: rename it v2.yaml first\n",
        )

    def test_document_yaml_missing(self, make_repo: MakeRepo) -> None:
        """A document folder without document.yaml is an error."""
        root = make_repo({"doc/versions/v1.yaml": VERSION}, document=None)
        reading = read_repository(root)
        assert [str(p) for p in reading.problems] == [
            f"{root}/doc/document.yaml: error: document folder has no document.yaml"
        ]
        assert reading.repository.documents == ()
        assert reading.unreadable == {"doc"}

    def test_document_id_matches_folder(self, make_repo: MakeRepo) -> None:
        """document.yaml's id equals its folder's name."""
        root = make_repo(document="id: other\ntitle: T\norganisation: O\nowner: B\n")
        assert [str(p) for p in read_repository(root).problems] == [
            f"{root}/doc/document.yaml:1:5: error: id 'other' does not match the folder name 'doc'"
        ]

    def test_unreadable_file(self, make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that cannot be opened is reported, not raised."""
        root = make_repo({"doc/versions/v1.yaml": VERSION})
        real_read_bytes = Path.read_bytes

        def read_bytes(path: Path) -> bytes:
            if path.name == "v1.yaml":
                raise PermissionError(13, "Permission denied")
            return real_read_bytes(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        assert [str(p) for p in read_repository(root).problems] == [
            f"{root}/doc/versions/v1.yaml: error: cannot read: Permission denied"
        ]


class TestNoFolderThere:
    """The API and the command give one reason for a repository path that is no folder."""

    @pytest.mark.parametrize(
        ("make", "reason"),
        [
            (lambda p: None, "(no such folder)"),
            (lambda p: p.write_text("x"), "(a file, not a folder)"),
            (lambda p: p.symlink_to(p), "(a link that leads back to itself in a loop)"),
        ],
        ids=["missing", "file", "link loop"],
    )
    def test_api_and_command(
        self, tmp_path: Path, make: Callable[[Path], object], reason: str
    ) -> None:
        from click.testing import CliRunner

        from policypos.cli import cli

        path = tmp_path / "repo"
        make(path)
        with pytest.raises(LoadError) as caught:
            open_repository(path)
        said = str(caught.value)
        assert said.startswith(f"{path}: error: no positions repository here (")
        assert reason in said
        done = CliRunner().invoke(cli, ["--repo", str(path), "validate"])
        assert done.exit_code == 2
        assert said.removesuffix(")") in done.stderr
