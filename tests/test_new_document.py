"""new-document: a document and its first draft from a blank page, through the CLI and the API."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos._outline import Outline
from policypos.cli import cli
from policypos.errors import EditError, InvalidEditError, LoadError
from policypos.model import is_id
from tests.conftest import ROOT, MakeRepo
from tests.test_edit import tree

DAY = "2026-11-01"
NAMES = ["--owner", "Cabinet", "--organisation", "A council"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def example() -> tuple[str, str, str]:
    """docs/editing.md's outline example: the outline, the command line, the version it gives."""
    text = (ROOT / "docs/editing.md").read_text()
    section = text[text.index("## 0. Start a document") : text.index("## 1. Start a draft")]
    outline = re.search(r"```markdown\n(.*?)```", section, re.S)
    written = re.search(r"```yaml\n(.*?)```", section, re.S)
    command = re.search(r"`(policypos new-document housing .*?)` writes", section, re.S)
    assert outline
    assert written
    assert command
    return outline[1], " ".join(command[1].split()), written[1]


class TestNew:
    """The two files, valid at once, and every command that reads them accepts them."""

    def test_blank_page_makes_positions(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With no repository anywhere, the document goes into ./positions/, which is made."""
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("POLICYPOS_REPO", raising=False)
        result = run("new-document", "housing", "--title", "Housing", *NAMES, "--date", DAY)
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            "policypos: wrote positions/housing/document.yaml\n"
            "policypos: wrote positions/housing/versions/2026.yaml\n"
        )
        files = tree(tmp_path / "positions")
        assert files == {
            "housing/document.yaml": (
                b"id: housing\ntitle: Housing\norganisation: A council\nowner: Cabinet\n"
            ),
            "housing/versions/2026.yaml": (
                b'version: "2026"\ndate: 2026-11-01\nstatus: draft\nsections: []\n'
            ),
        }
        checked = run("validate")
        assert (checked.exit_code, checked.stdout) == (0, "")
        for command in (["show", "housing"], ["render", "annex", "housing"]):
            shown = run(*command)
            assert shown.exit_code == 0, (command, shown.output)
            assert "Housing" in shown.stdout

    def test_outline_and_papers(self, tmp_path: Path) -> None:
        """--from gives the sections of docs/editing.md's example; annex and report accept it."""
        outline, command, written = example()
        source = tmp_path / "outline.md"
        source.write_text(outline)
        root = tmp_path / "positions"
        args = shlex.split(command.replace("outline.md", str(source)))[1:]
        result = run("--repo", str(root), *args)
        assert result.exit_code == 0, result.output
        assert (root / "housing/versions/2026.yaml").read_text() == written
        assert run("--repo", str(root), "validate").exit_code == 0
        annex = run("--repo", str(root), "render", "annex", "housing")
        assert annex.exit_code == 0, annex.output
        # A list statement: its number on a line of its own, so the list stays a list.
        assert "**2.1**\n\n- Training for construction trades.\n- Apprenticeships" in annex.stdout
        report = run("--repo", str(root), "render", "report", "housing", "--format", "html")
        assert report.exit_code == 0, report.output
        assert "brings Cabinet a new statement, Housing (Annex 1)" in report.stdout

    def test_api_composes_then_writes(self, tmp_path: Path) -> None:
        """policypos.new_document writes nothing until apply_edit; the ids are the same each time."""
        outline, _, _ = example()
        source = tmp_path / "outline.md"
        source.write_text(outline)
        made = []
        for name in ("one", "two"):
            root = tmp_path / name
            edit = policypos.new_document(
                root, "housing", "Housing", organisation="A council", owner="Cabinet",
                summary="Why the Council has a view.", date=dt.date(2026, 11, 1), source=source,
            )  # fmt: skip
            assert not root.exists()
            assert edit.paths == (
                root / "housing/document.yaml",
                root / "housing/versions/2026.yaml",
            )
            assert edit.warnings == ()
            policypos.apply_edit(edit)
            made.append(tree(root))
        assert made[0] == made[1]
        document = policypos.open_repository(tmp_path / "one").document("housing")
        assert document.summary == "Why the Council has a view."
        version = document.version("2026")
        assert version.status is policypos.Status.DRAFT
        assert [s.id for s in version.sections] == ["general", "education-and-employment"]
        assert version.preamble == "Why the Council takes a position on housing."

    def test_defaults_from_the_other_documents(self, make_repo: MakeRepo) -> None:
        """Organisation and owner shared by every document need not be given; version is V."""
        root = make_repo()
        result = run("--repo", str(root), "new-document", "roads", "--title", "Roads",
                     "--version", "v1", "--date", DAY)  # fmt: skip
        assert result.exit_code == 0, result.output
        document = policypos.open_repository(root).document("roads")
        assert (document.organisation, document.owner) == ("A council", "Cabinet")
        assert document.version("v1").date == dt.date(2026, 11, 1)

    def test_dry_run_writes_nothing(self, shipped: Path) -> None:
        """--dry-run prints both new files as diffs against /dev/null."""
        before = tree(shipped)
        result = run("--repo", str(shipped), "new-document", "roads", "--title", "Roads",
                     *NAMES, "--dry-run")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("--- /dev/null\n+++ b/roads/document.yaml\n")
        assert "+++ b/roads/versions/" in result.stdout
        assert tree(shipped) == before


class TestRefused:
    """What new-document refuses: exit 2, one line on stderr, nothing written."""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["going-straight", "--title", "Again", *NAMES],
                "going-straight: document 'going-straight' already exists",
            ),
            (
                ["no/such", "--title", "T", *NAMES],
                "document id 'no/such' is not a valid id",
            ),
            (["-x", "--title", "T", *NAMES], "no such option '-x'"),
            (["roads", "--title", "T", "--version", "1 0", *NAMES], "version id '1 0' is not"),
            (["roads", "--title", "Roads\nand paths", *NAMES], "--title must be one line"),
            (["roads", "--title", "Roads", "--owner", "A\nB", "--organisation", "C"],
             "--owner must be one line"),
            (["roads", "--title", " ", *NAMES], "--title must not be empty"),
            (
                ["roads", "--title", "Roads", "--owner", "Cabinet"],
                "give --organisation for the new document (the documents here give "
                "'Cambridgeshire County Council', 'Local Government Association')",
            ),
            (["roads", "--title", "Roads", *NAMES, "--from", "nowhere.md"], "nowhere.md: error: no such Markdown outline"),
            (["roads", *NAMES], "error: give --title, or --from FILE with a title ('title:' or"),
        ],
        ids=[
            "exists", "bad-id", "option-like-id", "bad-version", "title-line-break",
            "owner-line-break", "empty-title", "no-organisation", "no-source", "no-title",
        ],
    )  # fmt: skip
    def test_one_line_nothing_written(self, shipped: Path, args: list[str], message: str) -> None:
        before = tree(shipped)
        result = run("--repo", str(shipped), "new-document", *args)
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
        assert tree(shipped) == before

    @pytest.mark.parametrize(
        ("outline", "line", "message"),
        [
            ("Just text, no heading.\n", 1, "no heading: start each section with a line"),
            (
                "# A\n\nOne.\n\n## A.1\n\nTwo.\n\n# B\n\nThree.\n",
                5,
                "a level-2 heading inside a section",
            ),
            # Under a title heading the "##" are the sections: a "###" is a subsection.
            ("# T\n\n## A\n\nOne.\n\n### A.1\n\nTwo.\n", 7, "a level-3 heading inside"),
        ],
        ids=["no-heading", "subsection", "subsection-under-a-title"],
    )
    def test_outline_errors_are_located(
        self, shipped: Path, tmp_path: Path, outline: str, line: int, message: str
    ) -> None:
        """An outline that is not sections and statements: FILE:LINE:1: error, exit 2."""
        source = tmp_path / "outline.md"
        source.write_text(outline)
        before = tree(shipped)
        result = run("--repo", str(shipped), "new-document", "roads", "--title", "Roads",
                     *NAMES, "--from", str(source))  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{source}:{line}:1: error: {message}")
        assert tree(shipped) == before
        with pytest.raises(LoadError):
            policypos.new_document(
                shipped, "roads", "Roads", organisation="O", owner="B", source=source
            )

    def test_every_outline_problem_at_once(self, shipped: Path, tmp_path: Path) -> None:
        """An outline with several problems lists them all, one located line each."""
        source = tmp_path / "outline.md"
        source.write_text("# General\n\nOne.\n\n## Sub\n\nTwo.\n\n#\n\nThree.\n\n### Deep\n")
        result = run("--repo", str(shipped), "new-document", "roads", "--title", "Roads",
                     *NAMES, "--from", str(source))  # fmt: skip
        deeper = "heading inside a section: a version has no subsections; make it a level-1"
        assert (result.exit_code, result.stderr) == (
            2,
            f"{source}:5:1: error: a level-2 {deeper} heading (a section) or plain text\n"
            f"{source}:9:1: error: a heading with no text: a section needs a title "
            "(write it after the '#')\n"
            f"{source}:13:1: error: a level-3 {deeper} heading (a section) or plain text\n",
        )

    def test_api_refuses_an_existing_folder(self, shipped: Path) -> None:
        """A folder of that name, even without document.yaml, is not overwritten."""
        (shipped / "roads").mkdir()
        with pytest.raises(EditError, match="document 'roads' already exists"):
            policypos.new_document(shipped, "roads", "Roads", organisation="O", owner="B")

    def test_files_that_would_not_validate(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The new files are validated before they are written: an error is refused (a bug)."""
        from policypos import _outline

        twice = _outline.OutlineStatement("a-1", "Text.")
        broken = _outline.Outline(None, (_outline.OutlineSection("a", "A", (twice, twice)),))
        monkeypatch.setattr(_outline, "read_outline", lambda text, path, title=None: broken)
        source = tmp_path / "outline.md"
        source.write_text("# A\n")
        with pytest.raises(InvalidEditError, match="duplicate statement id 'a-1'"):
            policypos.new_document(
                tmp_path / "positions", "roads", "Roads", organisation="O", owner="B", source=source
            )
        assert not (tmp_path / "positions").exists()

    @pytest.mark.parametrize(
        ("data", "said"),
        [
            (b"# Caf\xe9\n\nText.\n", "1:6: error: file is not UTF-8 text (byte 0xe9)"),
            ("# Roads\n\nText.\n".encode("utf-16"), "1:1: error: file is UTF-16 text"),
        ],
        ids=["latin-1", "utf-16"],
    )
    def test_not_utf8(self, shipped: Path, tmp_path: Path, data: bytes, said: str) -> None:
        """An outline that is not UTF-8 is named at its place, as a version file would be."""
        source = tmp_path / "outline.md"
        source.write_bytes(data)
        with pytest.raises(EditError, match=re.escape(f"{source}:{said}")):
            policypos.new_document(
                shipped, "roads", "Roads", organisation="O", owner="B", source=source
            )

    @pytest.mark.parametrize(
        ("make", "said"),
        [
            (lambda p: p.mkdir(), "is a directory"),
            (lambda p: os.mkfifo(p), "not a regular file, so not a Markdown outline"),
            (lambda p: p.symlink_to("/dev/zero"), "not a regular file, so not a Markdown outline"),
            (
                lambda p: p.write_bytes(b"x" * 5_000_001),
                "the Markdown outline has 5,000,001 bytes, more than 5,000,000 "
                "(the Markdown outline size limit)",
            ),
        ],
        ids=["folder", "fifo", "device", "too-large"],
    )
    def test_only_a_regular_file_within_the_limit(
        self, shipped: Path, tmp_path: Path, make: Callable[[Path], object], said: str
    ) -> None:
        """--from reads a regular file of at most 5 MB: a pipe or /dev/zero would never end."""
        source = tmp_path / "outline.md"
        make(source)
        result = run(
            "--repo", str(shipped), "new-document", "roads", "--title", "Roads",
            "--organisation", "O", "--owner", "B", "--from", str(source),
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert said in result.stderr
        assert not (shipped / "roads").exists()

    def test_byte_order_mark_and_crlf(self, shipped: Path, tmp_path: Path) -> None:
        """A file saved by a Windows editor (a BOM, CRLF) loses no section to the preamble."""
        source = tmp_path / "outline.md"
        source.write_bytes(
            b"\xef\xbb\xbf# General\r\n\r\nLine one\r\nline two\r\n\r\n# Housing\r\n\r\nText.\r\n"
        )
        result = run(
            "--repo", str(shipped), "new-document", "roads", "--title", "Roads",
            "--organisation", "O", "--owner", "B", "--date", "2026-11-01", "--from", str(source),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        version = policypos.open_repository(shipped).document("roads").version("2026")
        assert [s.title for s in version.sections] == ["General", "Housing"]
        assert version.sections[0].statements[0].text == "Line one line two"
        assert not version.preamble


class TestRepeatedTitles:
    """Two sections of one title: warned of, and ids a reader tells apart (tester 14, 6)."""

    def test_new_document_warns_and_numbers_after_the_whole_id(
        self, shipped: Path, tmp_path: Path
    ) -> None:
        source = tmp_path / "outline.md"
        source.write_text(
            "# Climate\n\n## Energy & buildings\n\nRetrofit.\n\n## Transport\n\nBuses.\n\n"
            "## Energy & BUILDINGS\n\nRepeated.\n",
            encoding="utf-8",
        )
        result = run(
            "--repo", str(shipped), "new-document", "climate", "--organisation", "O",
            "--owner", "B", "--date", "2025-09-01", "--from", str(source),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        path = shipped / "climate/versions/2025.yaml"
        line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "BUILDINGS" in t)
        assert (
            f"{path}:{line}:12: warning: section 3 ('energy-buildings-2') has the same title as "
            "section 1 ('energy-buildings'), 'Energy & BUILDINGS': the papers name sections by "
            "their titles, so a reader cannot tell the two apart; rename one, or merge them\n"
        ) in result.stderr
        version = policypos.open_repository(shipped).document("climate").version("2025")
        assert [[t.id for t in s.statements] for s in version.sections] == [
            ["eb-1"],
            ["tra-1"],
            ["energy-buildings-2-1"],
        ]
        checked = run("--repo", str(shipped), "validate")
        assert (checked.exit_code, checked.stdout.count("has the same title as")) == (0, 1)


class TestOutline:
    """How a Markdown outline is read: sections, statements, ids."""

    def read(self, text: str) -> Outline:
        from policypos._outline import read_outline

        return read_outline(text, Path("outline.md"))

    def test_ids(self) -> None:
        """Short forms as the shipped files write them; repeats and clashes get longer ids."""
        outline = self.read(
            "# General\n\nA.\n\nB.\n\n# Education and employment\n\nC.\n\n"
            "# General\n\nD.\n\n# Early exits\n\nE.\n\n# Éducation\n\nF.\n\n# 2030\n\nG.\n\n"
            "# ¿¡\n\nH.\n\n# Early years\n\nI.\n\n# Education youth\n\nJ.\n"
        )
        assert [(s.id, [t.id for t in s.statements]) for s in outline.sections] == [
            ("general", ["gen-1", "gen-2"]),
            ("education-and-employment", ["eae-1"]),
            ("general-2", ["general-2-1"]),
            ("early-exits", ["ee-1"]),
            ("education", ["edu-1"]),
            ("2030", ["203-1"]),
            ("section-7", ["s7-1"]),
            ("early-years", ["ey-1"]),
            ("education-youth", ["education-youth-1"]),
        ]

    def test_level_two_headings_and_blocks(self) -> None:
        """## headings are sections in a file with no #; lists and quotes are one statement each."""
        outline = self.read(
            "Intro line one\nand two.\n\n## One\n\n> A quote\n> goes on.\n\n---\n\n"
            "1. first\n2. second\n\n   indented more\n"
        )
        assert outline.preamble == "Intro line one and two."
        (section,) = outline.sections
        assert [t.text for t in section.statements] == [
            "> A quote\n> goes on.",
            "1. first\n2. second\n\n   indented more",
        ]

    def test_long_titles_stay_valid_ids(self) -> None:
        """A heading of any length gives an id FORMAT.md accepts."""
        outline = self.read("# " + "word " * 40 + "\n\nText.\n")
        (section,) = outline.sections
        assert len(section.id) <= 48
        assert is_id(section.statements[0].id)


def test_exported() -> None:
    """new_document is part of the package's API, like the other edits."""
    assert "new_document" in policypos.__all__
    assert policypos.new_document is policypos.edit.new_document


class TestOutlineAsWritten:
    """Outlines as editors and officers really write them, through the CLI and the API."""

    def new(self, root: Path, tmp_path: Path, outline: str) -> Result:
        source = tmp_path / "outline.md"
        source.write_text(outline)
        return run("--repo", str(root), "new-document", "roads", "--title", "Roads",
                   *NAMES, "--date", DAY, "--from", str(source))  # fmt: skip

    def api(self, tmp_path: Path, outline: str) -> policypos.Version:
        source = tmp_path / "api.md"
        source.write_text(outline)
        root = tmp_path / "api"
        edit = policypos.new_document(
            root, "roads", "Roads", organisation="O", owner="B", date=dt.date(2026, 11, 1),
            source=source,
        )  # fmt: skip
        policypos.apply_edit(edit)
        return policypos.open_repository(root).document("roads").version("2026")

    def test_front_matter_is_skipped(self, shipped: Path, tmp_path: Path) -> None:
        """YAML front matter (title, tags) is not read as a heading, a rule or the preamble."""
        outline = "---\ntitle: Roads outline\ntags: [draft]\n---\n\n# General\n\nOne.\n"
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        version = policypos.open_repository(shipped).document("roads").version("2026")
        assert [s.title for s in version.sections] == ["General"]
        assert version.preamble is None
        assert [s.title for s in self.api(tmp_path, outline).sections] == ["General"]

    @pytest.mark.parametrize(
        ("outline", "line"),
        [
            ("# General\n\nOne.\n\n#\n\nTwo.\n", 5),
            ("# General\n\nOne.\n\n#    \n\nTwo.\n", 5),
            ("## General\n\nOne.\n\n##   \n", 5),
            ("# ![logo](logo.png)\n\nOne.\n", 1),
        ],
        ids=["hash-alone", "hash-and-spaces", "level-two", "image-only"],
    )
    def test_a_heading_with_no_text_is_refused(
        self, shipped: Path, tmp_path: Path, outline: str, line: int
    ) -> None:
        """A section title is never empty: FILE:LINE:1: error, exit 2, nothing written."""
        before = tree(shipped)
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 2
        source = tmp_path / "outline.md"
        assert result.stderr == (
            f"{source}:{line}:1: error: a heading with no text: a section needs a title "
            f"(write it after the '{'#' * (1 + outline.startswith('##'))}')\n"
        )
        assert tree(shipped) == before
        with pytest.raises(LoadError, match="a heading with no text"):
            self.api(tmp_path, outline)

    def annex(self, root: Path, form: str = "html") -> str:
        shown = run("--repo", str(root), "render", "annex", "roads", "--format", form)
        assert shown.exit_code == 0, shown.stderr
        return shown.stdout

    def texts(self, root: Path) -> list[str]:
        version = policypos.open_repository(root).document("roads").version("2026")
        return [t.text for s in version.sections for t in s.statements]

    @pytest.mark.parametrize(
        ("outline", "texts"),
        [
            ("# General\n\n\tPasted from Word.\n", ["Pasted from Word."]),
            ("# General\n\n    Four spaces,\n    two lines.\n", ["Four spaces, two lines."]),
            ("# General\n\nOne.\n\n\t\tTwo tabs deep.\n\n\tBack.\n",
             ["One.", "Two tabs deep.", "Back."]),
            ("\tA pasted preamble.\n\n# General\n\n\tOne.\n", ["One."]),
        ],
        ids=["tab", "four-spaces", "deeper-and-back", "preamble"],
    )  # fmt: skip
    def test_an_indented_paragraph_is_a_paragraph(
        self, shipped: Path, tmp_path: Path, outline: str, texts: list[str]
    ) -> None:
        """Indentation pasted from Word is not code: the statement is the words, the annex a paragraph."""
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        assert self.texts(shipped) == texts
        html = self.annex(shipped)
        assert "<pre" not in html
        assert "<code>" not in html
        for text in texts:
            assert f"<p>{text}</p>" in html or f"{text}</p>" in html
        assert "Courier" not in self.annex(shipped, "markdown")
        version = policypos.open_repository(shipped).document("roads").version("2026")
        if outline.startswith("\t"):
            assert version.preamble == "A pasted preamble."
        assert [t.text for s in self.api(tmp_path, outline).sections for t in s.statements] == (
            texts
        )

    def test_indented_headings_lists_and_quotes(self, shipped: Path, tmp_path: Path) -> None:
        """An indented heading is a section, an indented list a list, an indented quote a quote."""
        outline = (
            "\t# General\n\n\t- first\n\t- second\n\n    > quoted\n\n\t# Other\n\n\t## Deeper\n"
        )
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{tmp_path / 'outline.md'}:10:1: error: a level-2 heading")
        result = self.new(shipped, tmp_path, outline.replace("\t## ", "\t# "))
        assert result.exit_code == 0, result.stderr
        version = policypos.open_repository(shipped).document("roads").version("2026")
        assert [s.title for s in version.sections] == ["General", "Other", "Deeper"]
        assert self.texts(shipped) == ["- first\n- second\n", "> quoted"]
        html = self.annex(shipped)
        assert re.search(r"<li\b[^>]*>first</li>", html), html
        assert re.search(r"<blockquote\b[^>]*>\s*<p[^>]*>quoted</p>", html), html
        assert "<pre" not in html

    @pytest.mark.parametrize(
        ("outline", "text", "inside"),
        [
            ("# General\n\n1. item\n\n\t\tfar in.\n", "1. item\n\n    far in.\n", "li"),
            ("# General\n\n- item\n\n          very far in.\n", "- item\n\n  very far in.\n", "li"),
            ("# General\n\n> quote\n>\n>\t\tfar in.\n", "> quote\n>\n>   far in.\n",
             "blockquote"),
            ("# General\n\n\t1. item\n\n\t\t\tfar in.\n", "1. item\n\n    far in.\n", "li"),
            ("# General\n\n- item\n\n" + " " * 42 + "far in.\n", "- item\n\n  far in.\n", "li"),
        ],
        ids=["ordered-list", "bullet-list", "quote", "indented-list", "forty-columns"],
    )  # fmt: skip
    def test_a_paragraph_indented_inside_a_block(
        self, shipped: Path, tmp_path: Path, outline: str, text: str, inside: str
    ) -> None:
        """A list item's or a quote's paragraph indented past its text stays a paragraph in the annex."""
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        assert self.texts(shipped) == [text]
        html = self.annex(shipped)
        assert "<pre" not in html
        paragraph = f"<{inside}\\b[^>]*>(?:(?!</{inside}>).)*<p[^>]*>(very )?far in.</p>"
        assert re.search(paragraph, html, re.S), html

    def test_a_fence_stays_code(self, shipped: Path, tmp_path: Path) -> None:
        """A fenced block is kept as written, indented lines and all, and the annex shows it as code."""
        outline = (
            "# General\n\nOne.\n\n```\ntotal = a + b\n    indented\n```\n\n"
            "````text\nkept ``` inside\n````\n\n~~~\n\ttabbed\n~~~\n"
        )
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        assert self.texts(shipped) == [
            "One.",
            "```\ntotal = a + b\n    indented\n```\n",
            "````text\nkept ``` inside\n````\n",
            "~~~\n\ttabbed\n~~~\n",
        ]
        html = self.annex(shipped)
        assert "<pre><code>total = a + b\n    indented\n</code></pre>" in html
        assert "kept ``` inside\n</code></pre>" in html
        assert "<pre><code>\ttabbed\n</code></pre>" in html

    def test_titles_and_ids_are_the_visible_text(self, shipped: Path, tmp_path: Path) -> None:
        """A link gives its words, not its address; marks, code and images give no extra words."""
        outline = (
            "# [Housing](https://x.org/h)\n\nOne.\n\n"
            "# ![logo](img/x.png) *Safer* `streets` and **roads**\n\nTwo.\n\n"
            "# Fish &amp; chips <span>shops</span>\n\nThree.\n"
        )
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        version = policypos.open_repository(shipped).document("roads").version("2026")
        expected = [
            ("housing", "Housing", "hou-1"),
            ("safer-streets-and-roads", "Safer streets and roads", "ssar-1"),
            ("fish-chips-shops", "Fish & chips shops", "fcs-1"),
        ]
        got = [(s.id, s.title, s.statements[0].id) for s in version.sections]
        assert got == expected
        api = self.api(tmp_path, outline)
        assert [(s.id, s.title, s.statements[0].id) for s in api.sections] == expected

    def test_blank_line_between_sections(self, shipped: Path, tmp_path: Path) -> None:
        """The written version reads like the shipped files: a blank line before each section."""
        result = self.new(shipped, tmp_path, "# A\n\n# B\n\nTwo.\n\n# C\n\nThree.\n")
        assert result.exit_code == 0, result.stderr
        written = (shipped / "roads/versions/2026.yaml").read_text()
        assert written.endswith(
            "sections:\n"
            "  - id: a\n    title: A\n    statements: []\n\n"
            "  - id: b\n    title: B\n    statements:\n      - id: b-1\n        text: Two.\n\n"
            "  - id: c\n    title: C\n    statements:\n      - id: c-1\n        text: Three.\n"
        )
        formatted = run("--repo", str(shipped), "fmt", "--dry-run")
        assert (formatted.exit_code, formatted.stdout) == (0, "")

    def test_counts_are_singular_for_one(self, shipped: Path, tmp_path: Path) -> None:
        """The log of a one-section, one-statement draft says 1 section, 1 statement; so does diff."""
        assert self.new(shipped, tmp_path, "# General\n\nOne.\n").exit_code == 0
        shown = run("--repo", str(shipped), "log", "roads")
        assert shown.exit_code == 0, shown.stderr
        assert "draft  1 section, 1 statement\n" in shown.stdout
        document = policypos.open_repository(shipped).document("roads")
        from policypos.views import log_text

        assert "1 section, 1 statement" in log_text(document)
        policypos.apply_edit(
            policypos.new_version(shipped, "roads", "2026", "2027", dt.date(2026, 12, 1))
        )
        changes = run("--repo", str(shipped), "diff", "roads@2026", "roads@2027", "--format",
                      "markdown")  # fmt: skip
        assert changes.exit_code == 0, changes.stderr
        assert "(2026-11-01). Of its 1 section, 1 unchanged;" in changes.stdout


class TestTitleFromOutline:
    """Without --title, the outline's front matter ``title:``, else its one ``#`` heading."""

    def new(self, root: Path, tmp_path: Path, outline: str, *title: str) -> Result:
        source = tmp_path / "outline.md"
        source.write_text(outline)
        return run("--repo", str(root), "new-document", "roads", *title,
                   *NAMES, "--date", DAY, "--from", str(source))  # fmt: skip

    def written(self, root: Path) -> tuple[str, policypos.Version]:
        document = policypos.open_repository(root).document("roads")
        return document.title, document.version("2026")

    @pytest.mark.parametrize(
        ("outline", "title"),
        [
            ("---\ntitle: Roads and paths\n---\n\n# General\n\nOne.\n", "Roads and paths"),
            ("---\ntags: [a]\ntitle:   Roads  \n...\n\n# General\n\nOne.\n", "Roads"),
            ("---\ntitle: 2026\n---\n\n# General\n\nOne.\n\n# Other\n\nTwo.\n", "2026"),
            ("---\ntitle: >\n  Roads and\n  paths\n---\n\n# General\n\nOne.\n", "Roads and paths"),
            ("---\ntitle: 'Roads: a plan'\n---\n\n# General\n\nOne.\n", "Roads: a plan"),
        ],
        ids=["plain", "dots-and-spaces", "a-number", "folded", "quoted"],
    )
    def test_front_matter_title(
        self, shipped: Path, tmp_path: Path, outline: str, title: str
    ) -> None:
        """The front matter's title: is the document's; the front matter is still no section."""
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        got, version = self.written(shipped)
        assert got == title
        assert version.sections[0].title == "General"
        assert version.preamble is None

    @pytest.mark.parametrize(
        ("outline", "title"),
        [
            ("# Roads  PLAN\n\nWhy roads.\n\n# General\n\nOne.\n\n# Paths\n\nTwo.\n", ["--title", "Roads plan"]),
            ("---\ntitle: Roads plan\n---\n# Roads plan\n\nWhy roads.\n\n# General\n\nOne.\n\n# Paths\n\nTwo.\n", []),
        ],
        ids=["title-option", "front-matter"],
    )  # fmt: skip
    def test_first_heading_saying_the_title_is_no_section(
        self, shipped: Path, tmp_path: Path, outline: str, title: list[str]
    ) -> None:
        """A first "#" heading that repeats the title (--title's or the front matter's) is the
        title written again, even over "#" sections: no section named like the document."""
        result = self.new(shipped, tmp_path, outline, *title)
        assert result.exit_code == 0, result.stderr
        got, version = self.written(shipped)
        assert got == "Roads plan"
        assert [s.title for s in version.sections] == ["General", "Paths"]
        assert version.preamble == "Why roads."

    def test_one_heading_over_sections_is_the_title(self, shipped: Path, tmp_path: Path) -> None:
        """A lone "#" over "##" headings titles the document; the "##" are the sections."""
        outline = "# [Roads](https://x.org/r) *plan*\n\nWhy roads.\n\n## General\n\nOne.\n\n## Paths\n\nTwo.\n"
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 0, result.stderr
        title, version = self.written(shipped)
        assert title == "Roads plan"
        assert [s.title for s in version.sections] == ["General", "Paths"]
        assert [s.id for s in version.sections[1].statements] == ["pat-1"]
        assert version.preamble == "Why roads."

    def test_one_heading_alone_is_the_title_and_the_section(
        self, shipped: Path, tmp_path: Path
    ) -> None:
        """A lone "#" with no deeper heading still starts the one section, and gives the title."""
        result = self.new(shipped, tmp_path, "# Roads\n\nOne.\n\nTwo.\n")
        assert result.exit_code == 0, result.stderr
        title, version = self.written(shipped)
        assert title == "Roads"
        assert [(s.title, len(s.statements)) for s in version.sections] == [("Roads", 2)]

    @pytest.mark.parametrize(
        ("args", "outline", "title"),
        [
            ((), "---\ntitle: From matter\n---\n\n# Heading\n\n## A\n\nOne.\n", "From matter"),
            (("--title", "Given"), "---\ntitle: From matter\n---\n\n# Heading\n\nOne.\n", "Given"),
            (("--title", "Given"), "# Heading\n\n## A\n\nOne.\n", "Given"),
        ],
        ids=["matter-over-heading", "option-over-matter", "option-over-heading"],
    )
    def test_which_wins(
        self, shipped: Path, tmp_path: Path, args: tuple[str, ...], outline: str, title: str
    ) -> None:
        """--title, then the front matter's title:, then the one "#" heading."""
        result = self.new(shipped, tmp_path, outline, *args)
        assert result.exit_code == 0, result.stderr
        assert self.written(shipped)[0] == title

    @pytest.mark.parametrize(
        ("outline", "line", "message"),
        [
            ("# General\n\nOne.\n\n# Other\n\nTwo.\n", 1, "no title: give --title, a 'title:'"),
            ("## General\n\nOne.\n", 1, "no title: give --title"),
            ("---\ntags: [a]\n---\n\n# A\n\n# B\n", 1, "no title: give --title"),
            ("---\ntitle:\n---\n\n# A\n\n# B\n", 1, "no title: give --title"),
            ("---\n- a list\n---\n\n# A\n\n# B\n", 1, "no title: give --title"),
            ("---\ntitle: [unclosed\n---\n\n# A\n\n# B\n", 1, "no title: give --title"),
            ("---\ntags: []\ntitle: |\n  Roads\n  and paths\n---\n\n# A\n", 3,
             "the title must be one line of text"),
            ("---\ntitle: \"Roads\\tand paths\"\n---\n\n# A\n", 2,
             "the title must be one line of text"),
        ],
        ids=["several-headings", "no-level-one", "matter-without-title", "empty-title",
             "matter-not-a-mapping", "matter-not-yaml", "title-on-two-lines", "control-character"],
    )  # fmt: skip
    def test_refused_without_a_title(
        self, shipped: Path, tmp_path: Path, outline: str, line: int, message: str
    ) -> None:
        """No --title and no title in the outline: FILE:LINE:1: error, exit 2, nothing written."""
        before = tree(shipped)
        result = self.new(shipped, tmp_path, outline)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{tmp_path / 'outline.md'}:{line}:1: error: {message}")
        assert result.stderr.count("\n") == 1
        assert tree(shipped) == before
        # The same outline with --title is accepted: only the title was missing.
        assert self.new(shipped, tmp_path, outline, "--title", "Roads").exit_code == 0

    def test_api(self, tmp_path: Path) -> None:
        """new_document(..., title=None, source=...) takes the outline's; none is a LoadError."""
        source = tmp_path / "outline.md"
        source.write_text("---\ntitle: Roads\n---\n# A\n\nOne.\n")
        edit = policypos.new_document(tmp_path / "p", "roads", None, organisation="O",
                                      owner="B", source=source)  # fmt: skip
        policypos.apply_edit(edit)
        assert policypos.open_repository(tmp_path / "p").document("roads").title == "Roads"
        source.write_text("# A\n\n# B\n")
        with pytest.raises(LoadError, match="no title"):
            policypos.new_document(tmp_path / "q", "roads", None, organisation="O", owner="B",
                                   source=source)  # fmt: skip
        with pytest.raises(EditError, match="give title="):
            policypos.new_document(tmp_path / "q", "roads", None, organisation="O", owner="B")
