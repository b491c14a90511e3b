"""policypos schema: JSON Schemas an editor checks files with, held to what the validator says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policypos.cli import cli
from tests.conftest import SHIPPED

jsonschema = pytest.importorskip(
    "jsonschema", reason="jsonschema is not installed (pip install '.[test]')"
)


def schema_of(kind: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema", kind], catch_exceptions=False)
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def as_an_editor_reads(path: Path) -> Any:
    """The file as the YAML language server sees it: dates are text, as they are written."""
    from ruamel.yaml import YAML

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def problems(kind: str, data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        schema_of(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return sorted(e.message for e in validator.iter_errors(data))


def kind_of(path: Path) -> str:
    if path.name == "document.yaml":
        return "document"
    return {"versions": "version", "meetings": "meeting", "reports": "report"}[path.parent.name]


SHIPPED_FILES = sorted(SHIPPED.glob("*/**/*.yaml"))


class TestSchemas:
    """The schemas are valid 2020-12 schemas, and the shipped data passes them."""

    @pytest.mark.parametrize("kind", ["document", "version", "meeting", "report"])
    def test_valid_schema(self, kind: str) -> None:
        jsonschema.Draft202012Validator.check_schema(schema_of(kind))

    @pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: str(p.relative_to(SHIPPED)))
    def test_shipped_data_passes(self, path: Path) -> None:
        assert problems(kind_of(path), as_an_editor_reads(path)) == []


VERSION = SHIPPED / "going-straight/versions/2024.yaml"


class TestMistakes:
    """Each hand-written mistake the validator catches that a schema can express, it flags too."""

    @pytest.mark.parametrize(
        ("mistake", "expected"),
        [
            ("status", "'endrosed' is not one of"),
            ("unknown key", "Additional properties are not allowed ('statments' was unexpected)"),
            ("missing key", "'title' is a required property"),
            ("bad id", "'../etc' does not match"),
            ("impossible date", "'2024-13-01' is not a 'date'"),
            ("wrong type", "'gen-1' is not of type 'array'"),
            ("bad reference", "'sscb-2024-03' does not match"),
        ],
    )
    def test_flagged(self, mistake: str, expected: str) -> None:
        data = as_an_editor_reads(VERSION)
        section = data["sections"][0]
        if mistake == "status":
            data["status"] = "endrosed"
        elif mistake == "unknown key":
            section["statments"] = section.pop("statements")
        elif mistake == "missing key":
            del section["title"]
        elif mistake == "bad id":
            section["id"] = "../etc"
        elif mistake == "impossible date":
            data["date"] = "2024-13-01"
        elif mistake == "wrong type":
            section["statements"][0]["tags"] = "gen-1"
        else:
            section["addresses"] = ["sscb-2024-03"]
        found = problems("version", data)
        assert len(found) == 1, found
        assert found[0].startswith(expected), found

    def test_what_only_the_validator_sees(self) -> None:
        """A duplicate id or a dangling reference is well formed: only `validate` catches them."""
        data = as_an_editor_reads(VERSION)
        data["sections"][0]["statements"][1]["id"] = "gen-1"
        data["based_on"] = "no-such-version"
        assert problems("version", data) == []


class TestCommand:
    """The command writes a file too, and refuses an unknown kind."""

    def test_output_file(self, tmp_path: Path) -> None:
        target = tmp_path / "version.schema.json"
        result = CliRunner().invoke(cli, ["schema", "version", "-o", str(target)])
        assert (result.exit_code, result.stdout) == (0, "")
        assert json.loads(target.read_text())["title"] == "policypos version file, format version 1"

    def test_unknown_kind(self) -> None:
        result = CliRunner().invoke(cli, ["schema", "minutes"])
        assert result.exit_code == 2

    def test_unknown_kind_in_python(self) -> None:
        from policypos.schema import schema

        with pytest.raises(ValueError, match="no schema 'minutes'"):
            schema("minutes")
