"""Standard output and arguments as a shell gives them: any locale, ``-o -``, a file's extension."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import SHIPPED
from tests.test_cli import on_a_terminal, run

POLICYPOS = [sys.executable, "-m", "policypos"]


def shell(
    *args: str, env: dict[str, str] | None = None, repo: Path = SHIPPED
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*POLICYPOS, "--repo", str(repo), *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


class TestAnyLocale:
    """Output is UTF-8 whatever the locale says; nothing a statement holds stops a command."""

    @pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
    @pytest.mark.parametrize(
        "args",
        [
            ("diff", "going-straight@2005", "going-straight@2024", "--format", "csv"),
            ("diff", "going-straight@2005", "going-straight@2024"),
            ("render", "report", "going-straight@2024"),
            ("show", "going-straight@2024", "--format", "json"),
        ],
    )
    def test_utf8_out(self, encoding: str, args: tuple[str, ...]) -> None:
        done = shell(*args, env={"PYTHONIOENCODING": encoding})
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
        done.stdout.decode("utf-8")  # strict: every character as UTF-8

    def test_curly_quotes_in_a_code_page_without_them(self) -> None:
        done = shell("render", "report", "going-straight@2024", env={"PYTHONIOENCODING": "latin-1"})
        assert done.returncode == 0
        assert "“within the resources available”" in done.stdout.decode("utf-8")

    def test_an_error_naming_non_ascii_text(self) -> None:
        done = shell("show", "gôing-straight", env={"PYTHONIOENCODING": "ascii"})
        assert done.returncode == 2
        assert done.stderr.startswith(b"policypos: error:")
        assert b"Traceback" not in done.stderr

    def test_arguments_in_an_ascii_locale(self, shipped: Path) -> None:
        """Without UTF-8 mode in the C locale, a non-ASCII argument still arrives as typed."""
        env = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
        text = "Members asked about café ŵ costs."
        done = shell(
            "comment", "add", "going-straight", "--meeting", "sscb-2024-03",
            "--id", "9.9", "--text", text, env=env, repo=shipped,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        meeting = YAML(typ="safe").load(shipped / "going-straight/meetings/sscb-2024-03.yaml")
        assert [c["text"] for c in meeting["comments"] if c["id"] == "9.9"] == [text]


class TestStandardOutput:
    """``-o -`` is standard output; Word and PDF go down a pipe only when asked."""

    def test_dash_is_stdout(self) -> None:
        to_dash = run("diff", "going-straight@2005", "going-straight@2024", "-o", "-")
        plain = run("diff", "going-straight@2005", "going-straight@2024")
        assert (to_dash.exit_code, to_dash.stdout) == (0, plain.stdout)
        assert not Path("-").exists()

    def test_csv_down_a_pipe_has_no_byte_order_mark(self, tmp_path: Path) -> None:
        """cut, sort and csvkit read "Section" as the first header; a saved file keeps the mark."""
        diff = ("diff", "going-straight@2005", "going-straight@2024", "--format", "csv")
        for output in ([], ["-o", "-"]):
            done = shell(*diff, *output)
            assert done.returncode == 0, done.stderr
            assert done.stdout.startswith(b"Section,Paragraph,")
        saved = tmp_path / "register.csv"
        assert shell(*diff, "-o", str(saved)).returncode == 0
        assert saved.read_bytes() == b"\xef\xbb\xbf" + shell(*diff).stdout  # Excel reads UTF-8

    def test_word_down_a_pipe(self) -> None:
        done = shell("render", "annex", "going-straight@2024", "--format", "docx", "-o", "-")
        assert done.returncode == 0, done.stderr
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(done.stdout)).namelist()

    def test_binary_never_to_a_terminal(self) -> None:
        command = [*POLICYPOS, "--repo", str(SHIPPED), "render", "annex", "going-straight@2024"]
        for output in ([], ["-o", "-"]):
            code, shown = on_a_terminal([*command, "--format", "pdf", *output])
            assert code == 2
            assert "binary format" in shown
            assert "%PDF" not in shown


class TestSaysWhatItWrote:
    """Every command that writes a file says which on standard error, as the editing commands do
    (tester 14, item 12); its data alone goes to standard output, so none when it went to a file."""

    @pytest.mark.parametrize(
        "args",
        [
            ("render", "report", "going-straight@2024"),
            ("render", "comments", "going-straight", "--format", "docx"),
            ("render", "annex", "going-straight@2024", "--format", "html"),
            ("diff", "going-straight@2005", "going-straight@2024"),
            ("schema", "version"),
        ],
    )
    def test_to_a_file(self, tmp_path: Path, args: tuple[str, ...]) -> None:
        out = tmp_path / "out.bin"
        result = run(*args, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert (result.stdout, result.stderr) == ("", f"policypos: wrote {out}\n")
        assert out.stat().st_size > 0

    @pytest.mark.parametrize("output", [(), ("-o", "-")])
    def test_not_to_standard_output(self, output: tuple[str, ...]) -> None:
        result = run("render", "report", "going-straight@2024", *output)
        assert result.exit_code == 0
        assert result.stdout.startswith("# ")
        assert result.stderr == ""


class TestFormatFromTheFileName:
    """``-o paper.docx`` writes Word; a name that says another format than --format is refused."""

    @pytest.mark.parametrize(
        ("name", "starts"),
        [("a.docx", b"PK"), ("a.pdf", b"%PDF"), ("a.html", b"<!DOCTYPE"), ("a.md", b"# ")],
    )
    def test_document(self, tmp_path: Path, name: str, starts: bytes) -> None:
        out = tmp_path / name
        result = run("render", "annex", "going-straight@2024", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(starts)

    @pytest.mark.parametrize(
        ("name", "starts"),
        [
            ("c.json", "{"),
            ("c.csv", "\ufeffSection,"),
            ("c.md", "# "),
            ("c.txt", "going-straight:"),
        ],
    )
    def test_diff(self, tmp_path: Path, name: str, starts: str) -> None:
        out = tmp_path / name
        result = run("diff", "going-straight@2005", "going-straight@2024", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(starts)

    def test_an_extension_of_no_format_keeps_the_default(self, tmp_path: Path) -> None:
        out = tmp_path / "annex.txt"
        assert run("render", "annex", "going-straight@2024", "-o", str(out)).exit_code == 0
        assert out.read_text(encoding="utf-8").startswith("# ")

    @pytest.mark.parametrize(
        "args",
        [
            ("render", "annex", "going-straight@2024", "--format", "markdown"),
            ("diff", "going-straight@2005", "going-straight@2024", "--format", "json"),
        ],
    )
    def test_a_name_that_says_otherwise_is_refused(
        self, tmp_path: Path, args: tuple[str, ...]
    ) -> None:
        out = tmp_path / "paper.docx"
        result = run(*args, "-o", str(out))
        assert result.exit_code == 2
        assert "paper.docx names a docx file" in result.stderr
        assert not out.exists()

    def test_the_same_format_given_twice(self, tmp_path: Path) -> None:
        out = tmp_path / "paper.docx"
        result = run("render", "annex", "going-straight@2024", "--format", "docx", "-o", str(out))
        assert result.exit_code == 0
        assert out.read_bytes().startswith(b"PK")


def _into_a_pipe(args: tuple[str, ...], *, read: int, unbuffered: bool) -> tuple[int, bytes]:
    """Run policypos ARGS into a pipe of one page whose reader takes READ bytes, then goes away.

    READ 0: the reader is gone before anything is written. Otherwise the read
    returns once the command has begun writing; an output larger than the
    pipe is then stopped half-way through its write. Gives the exit code and
    what went to standard error.
    """
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_SETPIPE_SZ"):
        pytest.skip("the pipe's size cannot be set here")
    reading, writing = os.pipe()
    fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, 4096)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with subprocess.Popen(
        [*POLICYPOS, "--repo", str(SHIPPED), *args],
        stdout=writing,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(writing)
        if read:
            assert os.read(reading, read)
        os.close(reading)
        _, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr


class TestTheReaderGoesAway:
    """``| head``: exit 141 (128 + SIGPIPE) whatever the size of the output, never 0 or 1."""

    @pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
    @pytest.mark.parametrize(
        ("args", "read"),
        [
            (("comments", "going-straight"), 0),
            (("--help",), 0),
            (("--version",), 0),
            (("diff", "going-straight@2005", "going-straight@2024", "--format", "json"), 0),
            # 43 KB into a 4 KB pipe: the reader leaves in the middle of the write
            (("diff", "going-straight@2005", "going-straight@2024", "--format", "json"), 10),
            (("diff", "going-straight@2005", "going-straight@2024", "--exit-code"), 10),
            (("show", "going-straight@2024", "--format", "json"), 10),
        ],
    )
    def test_exit_code(self, args: tuple[str, ...], read: int, unbuffered: bool) -> None:
        code, stderr = _into_a_pipe(args, read=read, unbuffered=unbuffered)
        assert (code, stderr) == (141, b"")

    def test_word_down_a_pipe(self) -> None:
        """Binary output (-o -) too, half-way through."""
        args = ("render", "annex", "going-straight@2024", "--format", "docx", "-o", "-")
        assert _into_a_pipe(args, read=10, unbuffered=True) == (141, b"")
