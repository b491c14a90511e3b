"""The Python API as a library user meets it: documented, typed, and giving the command's paper.

A script importing policypos should get from the library what the command
gives (the same board paper, byte for byte), find every exported name in
docs/api.md, and read messages written for Python as well as the shell.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import policypos
from policypos import ConflictError, EditError, documents, jsonform, views
from policypos.cli import cli
from policypos.errors import RenderError
from policypos.render import FORMATS, Format, Options, as_text, render_report, write_document
from policypos.significance import Kind
from tests.conftest import ROOT, SHIPPED

DOCS = ROOT / "docs"
GS = "going-straight"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(SHIPPED), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


class TestSamePaper:
    """The library's paper is the command's when given the report the command reads."""

    def test_paper_report_gives_the_commands_html(self) -> None:
        repo = policypos.open_repository(SHIPPED)
        doc = repo.document(GS)
        changes = policypos.diff(doc.version("2005"), doc.version("2024"), doc)
        report = documents.paper_report(repo.root, doc, changes)
        assert report is not None
        html: str = as_text(render_report(doc, changes, report, options=Options(format="html")))
        assert html == _cli("render", "report", f"{GS}@2005", f"{GS}@2024", "--format", "html")
        # Without the report, the officers' parts are flagged: the mistake this guards against.
        bare = as_text(render_report(doc, changes, options=Options(format="html")))
        assert bare.count(documents.TO_BE_WRITTEN) > html.count(documents.TO_BE_WRITTEN)

    def test_paper_report_refuses_a_backwards_change_set(self) -> None:
        doc = policypos.open_repository(SHIPPED).document(GS)
        changes = policypos.diff(doc.version("2024"), doc.version("2005"), doc)
        with pytest.raises(policypos.BackwardsError, match="give the older version first"):
            documents.paper_report(SHIPPED, doc, changes)

    def test_written_paper_numbers_the_comparison_as_the_command(self) -> None:
        repo = policypos.open_repository(SHIPPED)
        doc = repo.document(GS)
        changes = policypos.diff(doc.version("2005"), doc.version("2024"), doc)
        paper = documents.written_paper(repo.root, doc, changes)
        assert paper is not None
        from policypos.render import render_changes

        written = render_changes(doc, changes, numbers=paper.comment_numbers)
        assert written == _cli("render", "changes", f"{GS}@2005", f"{GS}@2024")


class TestTyping:
    """HTML and Markdown are typed str through as_text; Options.format is a Literal."""

    def test_as_text_refuses_bytes(self) -> None:
        with pytest.raises(RenderError, match="bytes, not text"):
            as_text(b"PK\x03\x04")

    def test_format_type_lists_the_formats(self) -> None:
        from typing import get_args

        assert get_args(Format) == FORMATS == ("markdown", "html", "docx", "pdf")

    def test_unknown_format_still_refused_at_run_time(self) -> None:
        doc = policypos.open_repository(SHIPPED).document(GS)
        options = Options(format="txt")  # type: ignore[arg-type]
        with pytest.raises(RenderError, match="no format 'txt'"):
            write_document("annex", documents.annex(doc, doc.version("2024")), options)

    def test_wrong_record_named_with_its_article(self) -> None:
        doc = policypos.open_repository(SHIPPED).document(GS)
        with pytest.raises(RenderError, match=r"not an Annex$"):
            write_document("report", documents.annex(doc, doc.version("2024")))


def test_every_exported_name_is_in_the_api_docs() -> None:
    """docs/api.md shows each name of policypos.__all__, from policypos or its module."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [
        name
        for name in policypos.__all__
        if not re.search(rf"policypos\.(\w+\.)?{re.escape(name)}\b", text)
    ]
    assert missing == []


def test_format_docs_list_every_finding_kind() -> None:
    """docs/format.md's finding kinds are significance.Kind's, in its order."""
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    listed = re.search(r"\(`kind` one of (.*?), as `policypos\.significance\.Kind`", text)
    assert listed is not None
    assert re.findall(r"`(\w+)`", listed[1]) == [k.value for k in Kind]


@pytest.mark.parametrize("module", [views, jsonform])
def test_modules_name_their_public_functions(module: object) -> None:
    """views and jsonform say what they export; each name is there, no private one."""
    names: list[str] = module.__all__  # type: ignore[attr-defined]
    assert names
    assert all(hasattr(module, n) and not n.startswith("_") for n in names)
    public = {
        n
        for n, v in vars(module).items()
        if callable(v) and not n.startswith("_") and getattr(v, "__module__", "") == module.__name__  # type: ignore[attr-defined]
    }
    assert public <= set(names)


def test_dumps_is_the_standard_librarys_with_a_newline() -> None:
    data = {"a": [1, "é", None, {"b": True}], "c": {}}
    assert jsonform.dumps(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class TestMessages:
    """Messages a script meets say what to do in its own terms."""

    def test_a_different_date_is_named_in_iso(self, shipped: Path) -> None:
        with pytest.raises(EditError) as caught:
            policypos.add_comment(shipped, GS, "sscb-2024-07", "99", "x", date=dt.date(2025, 3, 14))
        assert "date=2025-03-14 (it has 2024-07-18)" in str(caught.value)
        assert "datetime" not in str(caught.value)

    def test_the_meetings_own_details_are_accepted(self, shipped: Path) -> None:
        edit = policypos.add_comment(
            shipped,
            GS,
            "sscb-2024-07",
            "99",
            "x",
            body="Safer and Stronger Communities Board",
            date=dt.date(2024, 7, 18),
        )
        assert edit.changes

    def test_conflict_says_what_a_script_does(self, shipped: Path) -> None:
        composed = policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted")
        path = shipped / GS / "meetings/sscb-2024-07.yaml"
        path.write_bytes(path.read_bytes() + b"# someone else\n")
        with pytest.raises(ConflictError, match=r"\(read the files again and retry\)$"):
            policypos.apply_edit(composed)
