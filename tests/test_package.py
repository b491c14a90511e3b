"""The package as users get it: its exported names, their docs, and the wheel's contents."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import policypos
from tests.conftest import ROOT


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
            for name, value in vars(policypos).items()
            if not name.startswith("_") and not inspect.ismodule(value)
        }
        assert public == set(policypos.__all__)

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
        assert "policypos/py.typed" in names
        code = (
            "import policypos, policypos.render as r\n"
            "repo = policypos.open_repository({!r})\n"
            "doc = repo.document('going-straight')\n"
            "print(policypos.__file__)\n"
            "print(r.templates_dir())\n"
            "print(r.outline_markdown(doc, doc.newest()).splitlines()[0])\n"
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
