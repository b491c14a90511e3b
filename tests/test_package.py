"""The package as users get it: its exported names, their docs, and the wheel's contents."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import policypos
from tests.conftest import ROOT

if TYPE_CHECKING:
    from policypos.render import Format


class TestExports:
    """policypos re-exports its public API and nothing else."""

    def test_all_is_sorted_and_real(self) -> None:
        """__all__ is sorted, and each name exists and is defined inside policypos."""
        assert policypos.__all__ == sorted(policypos.__all__)
        for name in policypos.__all__:
            member = getattr(policypos, name)
            assert member.__module__.startswith("policypos."), name

    def test_public_names_are_exported(self) -> None:
        """Every public name the package namespace holds is listed in __all__."""
        public = {
            name
            for name in dir(policypos)
            if not name.startswith("_") and not inspect.ismodule(getattr(policypos, name))
        }
        assert public == set(policypos.__all__)

    def test_functions_keep_their_names_over_their_modules(self) -> None:
        """policypos.diff is the function even once the module policypos.diff has been imported."""
        import policypos.diff
        import policypos.validate

        assert inspect.isfunction(policypos.diff)
        assert policypos.validate is sys.modules["policypos.validate"].validate
        assert policypos.diff is sys.modules["policypos.diff"].diff

    def test_unknown_name(self) -> None:
        """A name the package does not export is an AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="module 'policypos' has no attribute 'nope'"):
            policypos.nope  # type: ignore[attr-defined]  # noqa: B018

    def test_public_names_have_docstrings(self) -> None:
        """Every public class, function and method in every module says what it is."""
        missing = []
        for info in pkgutil.iter_modules(policypos.__path__, "policypos."):
            if info.name.split(".")[-1].startswith("_"):
                continue
            module = importlib.import_module(info.name)
            assert module.__doc__, info.name
            for name, member in vars(module).items():
                if name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
                    continue
                if inspect.isclass(member) or inspect.isfunction(member):
                    if not member.__doc__:
                        missing.append(f"{info.name}.{name}")
                    if inspect.isclass(member):
                        missing += [
                            f"{info.name}.{name}.{attr}"
                            for attr, value in vars(member).items()
                            if not attr.startswith("_")
                            and (
                                inspect.isfunction(value)
                                or isinstance(value, property | classmethod)
                            )
                            and not inspect.getdoc(value)
                        ]
        assert missing == []


def imported(code: str) -> set[str]:
    """The modules in ``sys.modules`` after a fresh interpreter runs *code* (even if it exits)."""
    wrapped = (
        f"import sys\ntry:\n    exec({code!r})\nfinally:\n    print(*sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True)
    return set(result.stderr.splitlines()[-1].split())


BARE_CLICK = (
    "import click\n"
    "@click.group(context_settings={'help_option_names': ['-h', '--help']})\n"
    "@click.option('--repo')\n"
    "def cli(repo): pass\n"
    "@cli.command()\n"
    "def diff(): pass\n"
    "cli(['--help'])\n"
)

# What the help screen has no use for, and what it would cost: attrs (class
# generation for every record: some 15 ms, half the time click itself takes),
# ruamel.yaml, rapidfuzz and cydifflib (reading and diffing), Jinja (rendering),
# deepdiff (benchmarks only), python-docx; pathlib, json and subprocess bring
# their own imports (urllib, ipaddress, signal handling...).
HEAVY = {
    "attr",
    "attrs",
    "cydifflib",
    "deepdiff",
    "docx",
    "jinja2",
    "json",
    "markupsafe",
    "pathlib",
    "rapidfuzz",
    "ruamel",
    "_ruamel_yaml",
    "subprocess",
}


class TestStartUp:
    """policypos --help starts as a bare click program does: the library loads only when used."""

    def test_help_imports_only_the_cli(self) -> None:
        """--help imports policypos and policypos.cli, and nothing a bare click program does not."""
        ours = imported("from policypos.cli import main; main(['--help'])")
        assert {m for m in ours if m.startswith("policypos")} == {"policypos", "policypos.cli"}
        # gc is built into the interpreter: importing it loads nothing (cli._fewer_collections).
        built_in = set(sys.builtin_module_names)
        assert ours - imported(BARE_CLICK) - built_in == {"policypos", "policypos.cli"}
        assert not {m.split(".")[0] for m in ours} & HEAVY

    def test_the_command_line_collects_cycles_less_often(self) -> None:
        """The command sets a high cycle-collector threshold; importing the library does not."""
        code = (
            "import gc, sys\n"
            "import policypos.cli\n"
            "print(gc.get_threshold()[0], file=sys.stderr)\n"
            "try:\n    policypos.cli.main(['--version'])\n"
            "finally:\n    print(gc.get_threshold()[0], file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        before, after = done.stderr.split()
        assert int(before) < 200_000 <= int(after)

    def test_import_policypos_loads_names_on_use(self) -> None:
        """import policypos loads no submodule; the first use of a name loads its module."""
        ours = imported("import policypos")
        assert {m for m in ours if m.startswith("policypos")} == {"policypos"}
        used = imported("import policypos; policypos.VersionRef")
        assert {m for m in used if m.startswith("policypos")} == {
            "policypos",
            "policypos.errors",
            "policypos.model",
            "policypos.refs",
        }


# What a diff of two versions reads, pairs and judges with: the rest of the
# library (documents, editing, history, publishing) and its libraries are not
# for it.
DIFF_MODULES = {
    "policypos",
    "policypos._writing",
    "policypos.changeset",
    "policypos.cli",
    "policypos.diff",
    "policypos.errors",
    "policypos.load",
    "policypos.model",
    "policypos.pairing",
    "policypos.redline",
    "policypos.refs",
    "policypos.significance",
    "policypos.validate",
}
NOT_FOR_A_DIFF = {"deepdiff", "docx", "jinja2", "markdown_it", "mdit_py_plugins", "regex",
                  "subprocess", "weasyprint"}  # fmt: skip
# Patterns the shipped diff never needs, compiled on first use rather than at import.
LAZY = {
    "policypos.redline": ["_links_pattern"],
    "policypos.significance": ["_body_pattern", "_rate_pattern", "_asking_pattern",
                               "_range_end_pattern", "_passive_pattern", "_company_pattern",
                               "_spaced_minus_space_pattern", "_agent_end_pattern"],
}  # fmt: skip


class TestDiffStartUp:
    """policypos diff imports what a diff uses, and compiles what it matches with."""

    @pytest.mark.parametrize(
        ("fmt", "extra"),
        [("json", {"policypos.jsonform"}), ("text", {"policypos.render", "policypos.views"})],
    )
    def test_diff_imports_what_it_uses(self, fmt: str, extra: set[str]) -> None:
        code = (
            "from policypos.cli import main\n"
            f"main(['--repo', {str(ROOT / 'positions')!r}, 'diff', 'going-straight@2005',"
            f" 'going-straight@2024', '--format', {fmt!r}])"
        )
        ours = imported(code)
        assert {m for m in ours if m.startswith("policypos")} == DIFF_MODULES | extra
        assert not {m.split(".")[0] for m in ours} & NOT_FOR_A_DIFF

    def test_patterns_compiled_on_first_use(self) -> None:
        """The shipped diff compiles none of them; each compiles, once, when asked."""
        checks = "; ".join(
            f"print(sys.modules[{module!r}].{name}.cache_info().currsize)" for module, names in LAZY.items()
            for name in names
        )  # fmt: skip
        code = (
            "import contextlib, io\n"
            "from policypos.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main(['--repo', {str(ROOT / 'positions')!r}, 'diff', 'going-straight@2005',"
            " 'going-straight@2024', '--format', 'json'])\n"
            "    except SystemExit:\n"
            "        pass\n"
            f"import sys, {', '.join(LAZY)}\n{checks}"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["0"] * sum(len(n) for n in LAZY.values())
        for module, names in LAZY.items():
            loaded = importlib.import_module(module)
            for name in names:
                pattern = getattr(loaded, name)()
                assert isinstance(pattern, re.Pattern)
                assert getattr(loaded, name)() is pattern


class TestStagedStartUp:
    """validate and fmt load git's helpers (and subprocess) only when --staged asks for git."""

    @pytest.mark.parametrize("command", [["validate"], ["fmt", "--check"]])
    def test_work_tree_needs_no_git(self, command: list[str]) -> None:
        ours = imported(self.code(command))
        assert {"policypos.validate", "policypos.edit"} & ours
        assert not {"policypos.git", "subprocess"} & ours

    @pytest.mark.parametrize("command", [["validate"], ["fmt", "--check"]])
    def test_staged_loads_them(self, command: list[str]) -> None:
        assert {"policypos.git", "subprocess"} <= imported(self.code([*command, "--staged"]))

    def code(self, command: list[str]) -> str:
        return (
            "from policypos.cli import main\n"
            f"main(['--repo', {str(ROOT / 'positions')!r}, *{command!r}])"
        )


class TestWheel:
    """A wheel built from the source tree carries its templates and works on its own."""

    def test_templates_load_from_the_installed_wheel(self, tmp_path: Path) -> None:
        """Built, unpacked and imported ahead of the source tree, the wheel renders its template."""
        subprocess.run(
            [
                sys.executable,
                "-m",
                "hatchling",
                "build",
                "-t",
                "wheel",
                "-d",
                str(tmp_path / "dist"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        (wheel,) = (tmp_path / "dist").glob("policypos-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            archive.extractall(tmp_path / "site")
        assert "policypos/templates/outline.md.j2" in names
        # Every template git tracks, subfolders too (the site's were once
        # hidden from git by an ignore pattern).
        tracked = subprocess.run(
            ["git", "ls-files", "templates"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.split()
        assert "templates/website/search.js" in tracked or not tracked
        assert {f"policypos/{name}" for name in tracked} <= set(names)
        assert {
            f"policypos/{path.relative_to(ROOT).as_posix()}"
            for path in (ROOT / "templates").rglob("*")
            if path.is_file()
        } <= set(names)
        assert "policypos/py.typed" in names
        code = (
            "import policypos, policypos.render as r, policypos.views as v\n"
            "repo = policypos.open_repository({!r})\n"
            "doc = repo.document('going-straight')\n"
            "print(policypos.__file__)\n"
            "print(r.templates_dir())\n"
            "print(v.outline_markdown(doc, doc.newest()).splitlines()[0])\n"
        ).format(str(ROOT / "positions"))
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        module_file, templates, heading = result.stdout.splitlines()
        assert module_file.startswith(str(tmp_path / "site"))
        assert templates == str(tmp_path / "site" / "policypos" / "templates")
        assert heading == "# Going Straight: reducing re-offending"

    def test_source_checkout_uses_top_level_templates(self) -> None:
        """In the source tree (an editable install), templates come from templates/."""
        from policypos.render import templates_dir

        assert templates_dir() == ROOT / "templates"


class TestWriteDocumentErrors:
    """A tool calling render.write_document wrongly gets the project's error, not Jinja's."""

    def test_unknown_kind(self) -> None:
        from policypos.errors import RenderError
        from policypos.render import write_document

        with pytest.raises(RenderError, match="no document 'minutes'"):
            write_document("minutes", None)

    @pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
    def test_a_record_of_another_kind(self, fmt: Format) -> None:
        from policypos import documents, open_repository
        from policypos.errors import RenderError
        from policypos.render import Options, write_document

        document = open_repository(ROOT / "positions").document("going-straight")
        annex = documents.annex(document, document.version("2024"))
        with pytest.raises(RenderError, match=r"written from a policypos\.documents\.CommentLog"):
            write_document("comments", annex, Options(format=fmt))
        assert write_document("annex", annex, Options(format=fmt))

    def test_the_report_records_are_exported(self) -> None:
        assert {"Report", "Contact", "Heading"} <= set(policypos.__all__)


def test_version_is_the_installed_one() -> None:
    from importlib.metadata import version

    assert policypos.__version__ == version("policypos")
    assert policypos.__version__[0].isdigit()
