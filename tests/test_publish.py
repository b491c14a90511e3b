"""policypos publish: the static site, its links, its search, and rebuilds that touch only what changed."""

from __future__ import annotations

import html.parser
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner, Result

import policypos
from policypos.cli import cli
from policypos.publish import MANIFEST, PublishStep, publish
from tests.conftest import SHIPPED, MakeRepo, serious_axe_violations

PAGES = [
    "index.html",
    "search.html",
    "search-index.js",
    "_static/site.css",
    "_static/search.js",
    "going-straight/index.html",
    "going-straight/comments.html",
    "going-straight/versions/2005.html",
    "going-straight/versions/2024.html",
    "going-straight/changes/2024.html",
    "going-straight/statements/gen-2.html",
    "going-straight/statements/da-1.html",
    "cambridgeshire-reoffending/index.html",
    "cambridgeshire-reoffending/comments.html",
    "cambridgeshire-reoffending/versions/2014.html",
]


def run(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(repo), "publish", *args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under *folder*: its modification time (ns) and bytes, by relative path."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


class _Links(html.parser.HTMLParser):
    """The ids of a page, and every href and src in it."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)


class _Tags(html.parser.HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


def crawl(site: Path) -> tuple[int, list[str]]:
    """Follow every link from every page: how many were followed, and each broken one."""
    parsed: dict[Path, _Links] = {}

    def parse(page: Path) -> _Links:
        if page not in parsed:
            links = _Links()
            links.feed(page.read_text(encoding="utf-8"))
            parsed[page] = links
        return parsed[page]

    broken = []
    followed = 0
    for page in sorted(site.rglob("*.html")):
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                continue  # a link written in the text, to the world outside the site
            where = f"{page.relative_to(site)}: {link}"
            if parts.scheme or parts.netloc or link.startswith("/"):
                broken.append(f"{where} (not relative)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            followed += 1
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{where} (no such file)")
            elif parts.fragment and unquote(parts.fragment) not in parse(target).ids:
                broken.append(f"{where} (no such anchor)")
    return followed, broken


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The shipped repository, published through the command line."""
    out = tmp_path / "site"
    result = run(SHIPPED, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


class _Tables(html.parser.HTMLParser):
    """Each table of a page: its label (caption, or what aria-labelledby names) and the heading
    before it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, list[str]] = {}  # id -> text, of every element with an id
        self.open: list[tuple[str, str | None]] = []
        self.heading = ""
        self.tables: list[dict[str, str]] = []
        self.collecting: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables.append(
                {"heading": self.heading, "labelledby": found.get("aria-labelledby") or ""}
            )
        if tag in ("h1", "h2", "h3", "h4", "caption") or found.get("id"):
            self.open.append((tag, found.get("id")))
            self.collecting.append([])

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            _, ident = self.open.pop()
            text = " ".join("".join(self.collecting.pop()).split())
            if ident:
                self.texts[ident] = [text]
            if tag.startswith("h"):
                self.heading = text
            elif tag == "caption" and self.tables:
                self.tables[-1]["caption"] = text

    def handle_data(self, data: str) -> None:
        for parts in self.collecting:
            parts.append(data)


def tables_named_once(page: str) -> int:
    """Assert that each table of *page* has a name (a caption, or the element its
    aria-labelledby names) and no caption repeating the heading just above it; count them."""
    parser = _Tables()
    parser.feed(page)
    for table in parser.tables:
        caption = table.get("caption", "")
        named = parser.texts.get(table["labelledby"], [""])[0] if table["labelledby"] else ""
        assert caption or named, table
        heading = table["heading"].lower()
        assert not (caption and heading and heading in caption.lower()), table
    return len(parser.tables)


class TestPages:
    """Every part of the site is there, and says what the repository says."""

    def test_tables_are_named_once(self, site: Path) -> None:
        """Each table has a name, and no caption says again the heading just above it (C13)."""
        checked = 0
        for page in site.rglob("*.html"):
            checked += tables_named_once(page.read_text(encoding="utf-8"))
        assert checked >= 5

    def test_each_part_has_its_pages(self, site: Path) -> None:
        """The index, each version, each comparison, the trackers and histories exist."""
        for page in PAGES:
            assert (site / page).is_file(), page
        assert (site / MANIFEST).is_file()
        assert not (site / "going-straight/changes/2005.html").exists()  # nothing before it

    def test_index_lists_documents_versions_and_the_one_in_force(self, site: Path) -> None:
        """The front page names each document, owner, version status and the version in force."""
        text = (site / "index.html").read_text(encoding="utf-8")
        assert "Going Straight: reducing re-offending" in text
        assert "Safer and Stronger Communities Board" in text
        assert '<a href="going-straight/versions/2024.html">2024</a>: Proposed, 1 July 2024' in text
        assert '<td><a href="going-straight/versions/2005.html">2005</a></td>' in text

    def test_annex_page_is_the_board_document_in_the_site(self, site: Path) -> None:
        """The annex page holds the rendered annex and the site's navigation back."""
        text = (site / "going-straight/versions/2024.html").read_text(encoding="utf-8")
        assert 'id="st-gen-2"' in text
        assert 'href="../../index.html"' in text
        assert 'action="../../search.html"' in text

    def test_tracker_links_comments_to_their_answers_and_meetings(self, site: Path) -> None:
        """Each answered comment links to the annex paragraph answering it and to its meeting."""
        text = (site / "going-straight/comments.html").read_text(encoding="utf-8")
        assert '<a href="versions/2024.html#st-gen-2">2024: paragraph 1.2</a>' in text
        assert '<a href="versions/2024.html#s-general">2024: section 1</a>' in text
        assert 'id="by-disposition"' in text
        assert '<a href="#m-sscb-2024-03">' in text

    def test_changes_page_links_answered_comments_to_the_tracker(self, site: Path) -> None:
        """In the site, each comment a revision answers links to its row in the tracker."""
        text = (site / "going-straight/changes/2024.html").read_text(encoding="utf-8")
        assert (
            'Answers <a href="../comments.html#c-sscb-2024-03/3.1">comment 3.1, Safer and '
            "Stronger Communities Board, 14 March 2024</a>."
        ) in text

    def test_history_page(self, site: Path) -> None:
        """A statement's page follows it through the versions with links to each annex."""
        text = (site / "going-straight/statements/da-1.html").read_text(encoding="utf-8")
        assert 'href="../versions/2005.html#st-da-1"' in text
        assert "<del>" in text or "<ins>" in text
        softened = (site / "going-straight/statements/ee-1.html").read_text(encoding="utf-8")
        assert (
            "What it means: softened: should -&gt; may wish to consider; "
            "condition added: within the resources available." in softened
        )

    def test_links_crawl_clean(self, site: Path) -> None:
        """Every relative href and src, and every #anchor, resolves within the site."""
        followed, broken = crawl(site)
        assert broken == []
        assert followed > 300

    def test_every_way_home_leads_home(self, site: Path) -> None:
        """From every page, the site's name and the first breadcrumb lead to the top index."""
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            homes = re.findall(r'<a class="site-home" href="([^"]+)"', text)
            homes += re.findall(r'<nav class="crumbs"[^>]*>\s*<ol>\s*<li><a href="([^"]+)"', text)
            if page.name == "index.html" and page.parent == site:
                assert len(homes) == 1  # the front page's own crumb is not a link
            else:
                assert len(homes) == 2, page
            for home in homes:
                assert (page.parent / home).resolve() == (site / "index.html").resolve(), page

    def test_the_crawler_finds_a_broken_link(self, site: Path) -> None:
        """The crawler itself is not blind: a removed page and a missing anchor are reported."""
        (site / "going-straight/versions/2005.html").unlink()
        page = site / "going-straight/comments.html"
        page.write_text(page.read_text().replace('id="m-sscb-2024-07"', ""), encoding="utf-8")
        _, broken = crawl(site)
        assert any("versions/2005.html (no such file)" in b for b in broken)
        assert any("#m-sscb-2024-07 (no such anchor)" in b for b in broken)

    def test_render_is_unchanged_by_the_site(self) -> None:
        """`policypos render` still writes a document of its own, without the site's chrome."""
        result = CliRunner().invoke(
            cli, ["--repo", str(SHIPPED), "render", "annex", "going-straight", "--format", "html"]
        )
        assert result.exit_code == 0
        assert "site-header" not in result.output
        assert "_static" not in result.output


class TestOutput:
    """What the command says while it works."""

    def test_piped_output_is_plain_lines(self, tmp_path: Path) -> None:
        """Into a pipe: one `policypos: wrote PAGE` line a page, then the summary, on standard
        error as every command says what it wrote; no bar, no control codes, no standard output."""
        result = run(SHIPPED, "-o", str(tmp_path / "site"))
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert "policypos: wrote going-straight/versions/2024.html" in lines
        assert all(re.fullmatch(r"policypos: wrote [\w./-]+", line) for line in lines[:-1])
        assert re.fullmatch(
            r"policypos: published (\d+) pages to .*: \1 written, 0 unchanged, 0 removed",
            lines[-1],
        )
        assert "\r" not in result.output
        assert "\x1b" not in result.output

    def test_terminal_shows_a_progress_bar(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On a terminal: a progress bar and the summary, not a line a page."""
        import policypos.cli

        monkeypatch.setattr(policypos.cli, "_stderr_is_terminal", lambda: True)
        result = run(SHIPPED, "-o", str(tmp_path / "site"))
        assert result.stdout == ""
        assert "Publishing" in result.stderr
        assert "wrote " not in result.output
        assert "published " in result.output.splitlines()[-1]

    def test_what_is_found_in_the_folder_is_said_in_one_form(
        self, shipped: Path, tmp_path: Path
    ) -> None:
        """Removed pages and files policypos did not write: `VERB PATH (why)` lines (C11)."""
        import shutil

        out = tmp_path / "site"
        assert run(shipped, "-o", str(out)).exit_code == 0
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        (out / "cambridgeshire-reoffending/keep.txt").write_text("mine", encoding="utf-8")
        (out / "elsewhere").symlink_to(tmp_path)
        shutil.rmtree(shipped / "cambridgeshire-reoffending")
        result = run(shipped, "-o", str(out))
        assert result.exit_code == 0, result.output
        said = [line.removeprefix("policypos: ") for line in result.stderr.splitlines()]
        lines = [line for line in said if not line.startswith("wrote ")]
        removed = [line for line in lines if line.startswith("removed ")]
        assert (
            "removed cambridgeshire-reoffending/versions/2014.html (published before, "
            "no longer part of the site)" in removed
        )
        assert all(
            line.endswith(" (published before, no longer part of the site)") for line in removed
        )
        assert lines[len(removed) :] == [
            "left alone cambridgeshire-reoffending/keep.txt (not written by policypos)",
            "left alone elsewhere (not written by policypos)",
            "left alone notes.txt (not written by policypos)",
            f"published 33 pages to {out}: 2 written, 31 unchanged, {len(removed)} removed, "
            "3 left alone",
        ]
        # Said on the next run too, when nothing else happens.
        again = run(shipped, "-o", str(out))
        assert again.stderr.splitlines()[-1].endswith(
            ": 0 written, 33 unchanged, 0 removed, 3 left alone"
        )
        assert (out / "notes.txt").read_text() == "mine"

    def test_a_path_no_page_has_is_not_said_removed(self, shipped: Path, tmp_path: Path) -> None:
        """A manifest edited to list the user's file: kept, and said to be left alone."""
        out = tmp_path / "site"
        assert run(shipped, "-o", str(out)).exit_code == 0
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        manifest = json.loads((out / MANIFEST).read_text())
        manifest["pages"]["notes.txt"] = {"fingerprint": "x", "search": []}
        (out / MANIFEST).write_text(json.dumps(manifest))
        result = run(shipped, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "removed notes.txt" not in result.stderr
        assert "policypos: left alone notes.txt (not written by policypos)\n" in result.stderr
        assert result.stderr.endswith(": 0 written, 47 unchanged, 0 removed, 1 left alone\n")
        assert (out / "notes.txt").read_text() == "mine"

    def test_files_left_alone_are_said_on_a_terminal_too(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import policypos.cli

        out = tmp_path / "site"
        out.mkdir()
        (out / MANIFEST).write_text("{}")  # a site, though an empty one
        (out / "robots.txt").write_text("User-agent: *\n")
        monkeypatch.setattr(policypos.cli, "_stderr_is_terminal", lambda: True)
        result = run(SHIPPED, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "policypos: left alone robots.txt (not written by policypos)\n" in result.output
        assert result.output.endswith(", 0 removed, 1 left alone\n")

    def test_api_reports_each_page(self, tmp_path: Path) -> None:
        """publish() calls progress once a page, counting up to the total."""
        steps: list[PublishStep] = []
        done = policypos.publish(SHIPPED, tmp_path / "site", progress=steps.append)
        assert [s.done for s in steps] == list(range(1, len(steps) + 1))
        assert {s.total for s in steps} == {len(steps)}
        assert sorted(s.page for s in steps) == sorted(done.written)
        assert set(PAGES) <= set(done.pages)


class TestIncremental:
    """A rebuild renders and writes only the pages whose inputs changed."""

    def test_nothing_changed_writes_nothing(self, site: Path) -> None:
        """A second run with no change writes no file, manifest included."""
        before = snapshot(site)
        result = run(SHIPPED, "-o", str(site))
        assert result.output.splitlines()[-1].endswith(" 0 written, 47 unchanged, 0 removed")
        assert snapshot(site) == before

    def test_an_edit_rewrites_the_pages_built_from_it(self, shipped: Path, tmp_path: Path) -> None:
        """Editing version 2024 rewrites its pages and the document's, and no other."""
        out = tmp_path / "site"
        publish(shipped, out)
        before = snapshot(out)
        version = shipped / "going-straight/versions/2024.yaml"
        version.write_text(
            version.read_text().replace("has become harder", "has become much harder"),
            encoding="utf-8",
        )
        done = publish(shipped, out)
        after = snapshot(out)
        changed = {p for p in after if after[p] != before[p]}
        statements = {p for p in after if p.startswith("going-straight/statements/")}
        expected = {  # not the front page: it shows no statement
            "search-index.js",
            MANIFEST,
            "going-straight/index.html",
            "going-straight/comments.html",
            "going-straight/versions/2024.html",
            "going-straight/changes/2024.html",
            *statements,
        }
        assert changed == expected
        assert set(done.written) == expected - {MANIFEST}
        assert "much harder" in (out / "going-straight/versions/2024.html").read_text()
        assert (out / "going-straight/versions/2005.html").stat().st_mtime_ns == before[
            "going-straight/versions/2005.html"
        ][0]

    @pytest.mark.parametrize(
        ("path", "old", "new"),
        [
            ("going-straight/versions/2024.yaml", "has become harder", "has become much harder"),
            ("going-straight/meetings/sscb-2024-03.yaml", "body: Safer", "body: The Safer"),
            ("going-straight/document.yaml", "Going Straight:", "Going Straighter:"),
            ("going-straight/versions/2005.yaml", "status: endorsed", "status: superseded"),
            (
                "cambridgeshire-reoffending/meetings/cabinet-2014-04.yaml",
                "disposition: partially-accepted",
                "disposition: accepted",
            ),
        ],
    )
    def test_a_rebuild_matches_a_fresh_build(
        self, shipped: Path, tmp_path: Path, path: str, old: str, new: str
    ) -> None:
        """Whatever file changes, the pages a rebuild leaves are those a fresh build writes."""
        out = tmp_path / "site"
        publish(shipped, out)
        edited = shipped / path
        text = edited.read_text(encoding="utf-8")
        assert old in text
        edited.write_text(text.replace(old, new, 1), encoding="utf-8")
        done = publish(shipped, out)
        assert done.kept  # not everything was rebuilt
        fresh = tmp_path / "fresh"
        publish(shipped, fresh)
        rebuilt = {p: b for p, (_, b) in snapshot(out).items() if p != MANIFEST}
        assert rebuilt == {p: b for p, (_, b) in snapshot(fresh).items() if p != MANIFEST}

    def test_only_changed_documents_are_read_again(
        self, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A rebuild reads only the folders of documents whose files changed."""
        import importlib

        validate = importlib.import_module("policypos.validate")
        out = tmp_path / "site"
        publish(shipped, out)
        read: list[Any] = []
        original = validate.read_repository

        def spy(root: Path, *, only: Any = None) -> Any:
            read.append(only)
            return original(root, only=only)

        monkeypatch.setattr(validate, "read_repository", spy)
        meeting = shipped / "cambridgeshire-reoffending/meetings/cabinet-2014-04.yaml"
        meeting.write_text(meeting.read_text() + "\n# a note\n", encoding="utf-8")
        publish(shipped, out)
        publish(shipped, out)
        assert read == [["cambridgeshire-reoffending"], []]

    def test_new_templates_or_code_rebuild_every_page(
        self, site: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Pages built by another version of policypos (or its templates) are all rebuilt."""
        import importlib

        module = importlib.import_module("policypos.publish")
        salt = module._salt()
        monkeypatch.setattr(module, "_salt", lambda: salt + "-next")
        done = publish(SHIPPED, site)
        assert set(done.written) == set(done.pages) - {"search-index.js"}

    def test_an_unreadable_manifest_rebuilds_and_removes_nothing(self, site: Path) -> None:
        """A damaged manifest: every page is written again, and no file is removed."""
        (site / MANIFEST).write_text("{not json", encoding="utf-8")
        (site / "going-straight/versions/old.html").write_text("mine", encoding="utf-8")
        done = publish(SHIPPED, site)
        assert set(done.written) == set(done.pages)
        assert done.removed == ()
        assert (site / "going-straight/versions/old.html").read_text() == "mine"
        assert json.loads((site / MANIFEST).read_text())["generator"] == "policypos"

    def test_a_deleted_page_is_written_again(self, site: Path) -> None:
        """A page missing from the folder is rebuilt, though its inputs did not change."""
        (site / "going-straight/versions/2005.html").unlink()
        done = publish(SHIPPED, site)
        assert done.written == ("going-straight/versions/2005.html",)

    def test_pages_no_longer_in_the_site_are_removed_and_nothing_else(
        self, shipped: Path, tmp_path: Path
    ) -> None:
        """A removed document's pages go; files the site did not write stay."""
        import shutil

        out = tmp_path / "site"
        publish(shipped, out)
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        (out / "cambridgeshire-reoffending/keep.txt").write_text("mine", encoding="utf-8")
        shutil.rmtree(shipped / "cambridgeshire-reoffending")
        result = run(shipped, "-o", str(out))
        assert "removed cambridgeshire-reoffending/versions/2014.html" in result.output
        assert not (out / "cambridgeshire-reoffending/versions").exists()
        assert not (out / "cambridgeshire-reoffending/index.html").exists()
        assert (out / "notes.txt").read_text() == "mine"
        assert (out / "cambridgeshire-reoffending/keep.txt").read_text() == "mine"
        assert crawl(out)[1] == []

    def test_a_manifest_cannot_make_it_delete_other_files(self, site: Path) -> None:
        """A path in the manifest that is not the shape of a page is never removed."""
        (site / "precious.txt").write_text("mine", encoding="utf-8")
        manifest = json.loads((site / MANIFEST).read_text())
        manifest["pages"]["precious.txt"] = {"fingerprint": "x", "search": []}
        manifest["pages"]["../outside.html"] = {"fingerprint": "x", "search": []}
        (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        (site.parent / "outside.html").write_text("mine", encoding="utf-8")
        publish(SHIPPED, site)
        assert (site / "precious.txt").read_text() == "mine"
        assert (site.parent / "outside.html").read_text() == "mine"


class TestRefusals:
    """The command will not write into a folder that is not its own."""

    def test_a_folder_that_is_not_a_site(self, tmp_path: Path) -> None:
        """A non-empty folder without a manifest is refused, exit 2, and left as it was."""
        out = tmp_path / "docs"
        out.mkdir()
        (out / "index.html").write_text("someone else's", encoding="utf-8")
        result = run(SHIPPED, "-o", str(out))
        assert result.exit_code == 2
        assert result.output == (
            f"policypos: error: {out} is not empty and is not a policypos site "
            f"(it has no {MANIFEST}): give a new or empty folder\n"
        )
        assert [p.name for p in out.iterdir()] == ["index.html"]

    def test_a_file(self, tmp_path: Path) -> None:
        """An output that is a file is refused with the API's error."""
        out = tmp_path / "file"
        out.write_text("x", encoding="utf-8")
        with pytest.raises(policypos.PublishError, match="is not a folder"):
            publish(SHIPPED, out)

    def test_a_link_that_loops(self, tmp_path: Path) -> None:
        """A site folder that is a loop of links is the API's one-line error, not a traceback."""
        out = tmp_path / "site"
        out.symlink_to("site")
        with pytest.raises(policypos.PublishError) as caught:
            publish(SHIPPED, out)
        assert str(caught.value) == (
            f"{out}: a link that leads back to itself in a loop; remove the link, "
            "or give another folder"
        )

    def test_an_empty_folder_is_fine(self, tmp_path: Path) -> None:
        """An empty folder (one just made for the site) is taken."""
        (tmp_path / "site").mkdir()
        assert run(SHIPPED, "-o", str(tmp_path / "site")).exit_code == 0

    def test_a_broken_document_never_published_is_left_out(
        self, shipped: Path, tmp_path: Path
    ) -> None:
        """A document whose files have errors and no earlier pages is left out; exit 1."""
        (shipped / "cambridgeshire-reoffending/versions/2014.yaml").write_text(
            "version: [", encoding="utf-8"
        )
        result = run(shipped, "-o", str(tmp_path / "site"))
        assert result.exit_code == 1
        assert (
            "policypos: error: cambridgeshire-reoffending has errors: it is left out of the site"
            in result.stderr
        )
        assert not (tmp_path / "site/cambridgeshire-reoffending").exists()
        assert (tmp_path / "site/going-straight/index.html").is_file()

    @pytest.mark.parametrize(
        "broken",
        [
            "cambridgeshire-reoffending/versions/2014.yaml",
            "cambridgeshire-reoffending/meetings/cabinet-2014-04.yaml",
            "cambridgeshire-reoffending/document.yaml",
        ],
    )
    def test_a_broken_file_keeps_the_last_good_pages(
        self, shipped: Path, tmp_path: Path, broken: str
    ) -> None:
        """One malformed file keeps its document's pages and manifest entries as they were; exit 1.

        With ``rsync --delete`` a removed page would vanish from the public site.
        """
        site = tmp_path / "site"
        assert run(shipped, "-o", str(site)).exit_code == 0
        before = snapshot(site)
        manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        (shipped / broken).write_text("version: [\n", encoding="utf-8")
        result = run(shipped, "-o", str(site))
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[0] == (
            "policypos: error: cambridgeshire-reoffending has errors: its pages from the last "
            "good build are kept as they were (run 'policypos validate' to see the errors)"
        )
        assert snapshot(site) == before  # nothing rewritten, nothing removed
        after = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        assert after["documents"] == manifest["documents"]
        assert after["pages"] == manifest["pages"]
        # Held back again on the next run while it stays broken, then rebuilt when fixed.
        assert run(shipped, "-o", str(site)).exit_code == 1
        assert snapshot(site) == before
        (shipped / broken).write_bytes((SHIPPED / broken).read_bytes())
        assert run(shipped, "-o", str(site)).exit_code == 0
        assert set(snapshot(site)) == set(before)

    def test_api_says_which_documents_are_held_back(self, shipped: Path, tmp_path: Path) -> None:
        site = tmp_path / "site"
        assert not publish(shipped, site).problems
        (shipped / "going-straight/versions/2024.yaml").write_text("x: [", encoding="utf-8")
        done = publish(shipped, site)
        assert done.held_back == ("going-straight",)
        assert done.left_out == ()
        assert done.problems
        assert "going-straight/versions/2024.html" in done.pages
        assert "going-straight/versions/2024.html" not in done.removed

    @pytest.mark.parametrize("where", [".", "web", "going-straight/site"])
    def test_a_folder_inside_the_repository(self, shipped: Path, where: str) -> None:
        """Pages inside the repository would be read back as its data: refused, exit 2."""
        out = shipped / where
        result = run(shipped, "-o", str(out))
        assert result.exit_code == 2
        assert result.output == (
            f"policypos: error: {out} is inside the positions repository {shipped}: "
            "give a folder outside it\n"
        )
        assert not (out / MANIFEST).exists()
        with pytest.raises(policypos.PublishError, match="inside the positions repository"):
            publish(shipped, out)


HOSTILE = "<script>alert('owned')</script>"


@pytest.fixture
def hostile(make_repo: MakeRepo) -> Path:
    """A repository whose every text field tries to run a script or hide a link."""
    return make_repo(
        {
            "doc/document.yaml": f"""\
                id: doc
                title: "{HOSTILE} title"
                organisation: "Council & <b>Co</b>"
                owner: "<img src=x onerror=alert(1)>"
                summary: "[click](javascript:alert(1)) {HOSTILE}"
                """,
            "doc/versions/v1.yaml": f"""\
                version: "v1"
                date: 2024-01-01
                status: endorsed
                preamble: "{HOSTILE}"
                sections:
                  - id: s1
                    title: "{HOSTILE}"
                    statements:
                      - id: a
                        text: "[do it](javascript:alert(1)) and </script><script>alert(2)</script>"
                        addresses: [m1/1]
                """,
            "doc/versions/v2.yaml": f"""\
                version: "v2"
                date: 2024-03-01
                status: draft
                based_on: "v1"
                sections:
                  - id: s1
                    title: "{HOSTILE} changed"
                    statements:
                      - id: a
                        text: "<iframe src=javascript:alert(3)> changed"
                """,
            "doc/meetings/m1.yaml": f"""\
                meeting:
                  id: m1
                  body: "{HOSTILE} Cabinet"
                  date: 2024-02-01
                comments:
                  - id: "1"
                    kind: comment
                    by: "<svg onload=alert(4)>"
                    text: "</script>{HOSTILE} \u2028 line"
                    response: "[x](javascript:alert(5))"
                    disposition: addressed
                """,
        },
        document=None,
    )


class TestEscaping:
    """User text is text: in every page and in the search index."""

    def test_pages_escape_everything(self, hostile: Path, tmp_path: Path) -> None:
        """No page holds a tag, an event handler or a javascript: link that came from the data."""
        out = tmp_path / "site"
        result = run(hostile, "-o", str(out), "--drafts")  # the draft is hostile too
        assert result.exit_code == 0, result.output
        pages = sorted(out.rglob("*.html"))
        assert len(pages) == 8
        for page in pages:
            tags = _Tags()
            tags.feed(page.read_text(encoding="utf-8"))
            assert not {"img", "svg", "iframe", "b"} & {tag for tag, _ in tags.seen}, page
            for tag, attrs in tags.seen:
                assert not [name for name, _ in attrs if name.startswith("on")], page
                assert not [v for _, v in attrs if (v or "").strip().startswith("javascript:")]
                if tag == "script":
                    assert dict(attrs).get("src") in ("search-index.js", "_static/search.js")
        front = (out / "index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; title" in front

    def test_index_escapes_everything(self, hostile: Path, tmp_path: Path) -> None:
        """The index script holds no `<`, `>` or `&` and reads back as the data's own text."""
        out = tmp_path / "site"
        publish(hostile, out, drafts=True)
        script = (out / "search-index.js").read_text(encoding="utf-8")
        prefix = "window.policyposSearch = "
        assert script.startswith(prefix)
        assert script.endswith(";\n")
        body = script[len(prefix) : -2]
        assert not set("<>&\u2028\u2029") & set(body)
        entries = json.loads(body)
        texts = " ".join(e["t"] + " " + e["x"] for e in entries)
        assert HOSTILE in texts
        assert "</script>" in texts
        assert "\u2028" in texts


# --- in the browser ----------------------------------------------------------------------


def open_file(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """A page opened from file://, and every console error or uncaught exception it shows."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def dialog(d: Any) -> None:
        errors.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    return page, errors


class TestBrowser:
    """The site opened from files in chromium: navigation and search work."""

    def test_navigation(self, browser: Any, site: Path) -> None:
        """From the index to a document, a version, and back home through the breadcrumbs."""
        page, errors = open_file(browser, site / "index.html")
        try:
            page.get_by_role("link", name="Going Straight: reducing re-offending").click()
            assert page.locator("h1").inner_text() == "Going Straight: reducing re-offending"
            page.get_by_role("link", name="2024", exact=True).first.click()
            assert page.url.endswith("going-straight/versions/2024.html")
            assert "1.2" in page.locator("#st-gen-2").inner_text()
            page.get_by_role("navigation", name="Breadcrumb").get_by_role(
                "link", name="Home"
            ).click()
            assert page.url.endswith("/index.html")
            assert page.locator("h1").inner_text() == "Policy positions"
            assert errors == []
        finally:
            page.close()

    def test_search_from_any_page(self, browser: Any, site: Path) -> None:
        """The header's box leads to results, each a working link, all from file://."""
        page, errors = open_file(browser, site / "going-straight/comments.html")
        try:
            page.fill("#site-q", "gambling harm")
            page.press("#site-q", "Enter")
            page.wait_for_url("**/search.html?q=*")
            assert page.input_value("#q") == "gambling harm"
            results = page.locator("#search-results > li")
            assert results.count() >= 1
            assert "result" in page.locator("#search-status").inner_text()
            assert "gambling harm" in " ".join(results.first.inner_text().lower().split())
            results.first.locator("a").click()
            assert "going-straight/" in page.url
            assert errors == []
        finally:
            page.close()

    def test_search_shows_hostile_text_as_text(
        self, browser: Any, hostile: Path, tmp_path: Path
    ) -> None:
        """A query matching hostile text shows it as text; no script runs, no dialog opens."""
        out = tmp_path / "site"
        publish(hostile, out, drafts=True)
        page, errors = open_file(browser, out / "search.html")
        try:
            page.fill("#q", "owned")
            page.press("#q", "Enter")
            results = page.locator("#search-results > li")
            assert results.count() >= 3
            assert HOSTILE in page.locator("#search-results").inner_text()
            assert page.locator("#search-results script, #search-results img").count() == 0
            hrefs = [a.get_attribute("href") or "" for a in results.locator("a").all()]
            assert all(not h.startswith("javascript:") for h in hrefs)
            assert errors == []
        finally:
            page.close()

    @pytest.mark.parametrize(
        "name",
        [
            "index.html",
            "search.html?q=probation",
            "going-straight/index.html",
            "going-straight/versions/2024.html",
            "going-straight/changes/2024.html",
            "going-straight/comments.html",
            "going-straight/statements/da-1.html",
        ],
    )
    def test_axe(self, browser: Any, site: Path, name: str) -> None:
        """axe-core finds nothing serious or critical in the site's pages, chrome included."""
        path, _, query = name.partition("?")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto((site / path).resolve().as_uri() + (f"?{query}" if query else ""))
            assert serious_axe_violations(page) == []
        finally:
            page.close()

    def test_nothing_found(self, browser: Any, site: Path) -> None:
        """A query matching nothing says so."""
        page, _ = open_file(browser, site / "search.html")
        try:
            page.fill("#q", "zzqqxx")
            page.press("#q", "Enter")
            assert page.locator("#search-status").inner_text() == "Nothing found for “zzqqxx”."
            assert page.locator("#search-results > li").count() == 0
        finally:
            page.close()


def test_site_folder_is_not_the_current_folder_dependent(tmp_path: Path) -> None:
    """A relative -o works from wherever the command runs (links never name the folder)."""
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert run(SHIPPED, "-o", "out").exit_code == 0
    finally:
        os.chdir(here)
    assert str(tmp_path) not in (tmp_path / "out/index.html").read_text()


class TestDrafts:
    """Drafts are working papers: left out of the site unless --drafts is given."""

    @pytest.fixture
    def drafted(self, shipped: Path) -> Path:
        import datetime as dt

        from policypos import edit

        edit.apply_edit(
            edit.new_version(shipped, "going-straight", "2024", "2025", dt.date(2025, 3, 1))
        )
        return shipped

    def test_left_out_by_default(self, drafted: Path, tmp_path: Path) -> None:
        site = tmp_path / "site"
        result = run(drafted, "-o", str(site))
        assert result.exit_code == 0, result.output
        assert not (site / "going-straight/versions/2025.html").exists()
        assert not (site / "going-straight/changes/2025.html").exists()
        assert "versions/2025.html" not in (site / "going-straight/index.html").read_text()
        assert "2025" not in (site / "search-index.js").read_text()
        assert crawl(site)[1] == []
        without = {p.relative_to(site).as_posix() for p in site.rglob("*")}
        assert not any("2025" in p for p in without)

    def test_published_with_drafts_and_removed_again(self, drafted: Path, tmp_path: Path) -> None:
        site = tmp_path / "site"
        assert run(drafted, "-o", str(site), "--drafts").exit_code == 0
        assert (site / "going-straight/versions/2025.html").is_file()
        assert (site / "going-straight/changes/2025.html").is_file()
        assert crawl(site)[1] == []
        # Switching back takes them off again, and rebuilds the rest.
        result = run(drafted, "-o", str(site), "--no-drafts")
        assert result.exit_code == 0
        assert "removed going-straight/versions/2025.html" in result.output
        assert not (site / "going-straight/versions/2025.html").exists()

    def test_api(self, drafted: Path, tmp_path: Path) -> None:
        without = publish(drafted, tmp_path / "a")
        with_drafts = publish(drafted, tmp_path / "b", drafts=True)
        assert set(with_drafts.pages) - set(without.pages) == {
            "going-straight/versions/2025.html",
            "going-straight/changes/2025.html",
        }


class TestHistoryBranches:
    """A statement's page says where a branch starts and where a returning text was last held."""

    def test_based_on_and_last_held(self, make_repo: MakeRepo, tmp_path: Path) -> None:
        from tests.test_cli import CASELOAD, HOUSING, history_version

        month = CASELOAD.format(when="month")
        repo = make_repo(
            {
                "doc/versions/v1.yaml": history_version(
                    "v1", 1, None, ("ee-3", HOUSING), ("ee-4", CASELOAD.format(when="quarter"))
                ),
                "doc/versions/v2.yaml": history_version("v2", 2, "v1", ("ee-4", month)),
                "doc/versions/v3.yaml": history_version(
                    "v3", 3, "v2", ("ee-4", month), ("ee-7", HOUSING)
                ),
                "doc/versions/alt.yaml": history_version("alt", 4, "v1", ("ee-3", HOUSING)),
            }
        )
        site = tmp_path / "site"
        result = run(repo, "-o", str(site), "--drafts")
        assert result.exit_code == 0, result.output
        page = (site / "doc/statements/ee-7.html").read_text(encoding="utf-8")
        assert "Draft, 1 March 2024, last held in v1, as ee-3. Paragraph 1.2" in page
        assert "Draft, 1 April 2024, based on v1. Paragraph 1.1" in page
        assert crawl(site)[1] == []


class TestOneWalkPerDocument:
    """The statement pages share one walk of each document's versions: each pair diffed once."""

    @staticmethod
    def counted(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], int]:
        """Count the diffs the histories make, by (old version, new version)."""
        import importlib

        module = importlib.import_module("policypos.history")
        made: dict[tuple[str, str], int] = {}
        real = module.diff

        def counting(old: Any, new: Any, *args: Any, **kwargs: Any) -> Any:
            made[old.id, new.id] = made.get((old.id, new.id), 0) + 1
            return real(old, new, *args, **kwargs)

        monkeypatch.setattr(module, "diff", counting)
        return made

    def test_command_line(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """policypos publish: 2005 -> 2024 is diffed once for all of going-straight's pages."""
        made = self.counted(monkeypatch)
        result = run(SHIPPED, "-o", str(tmp_path / "site"))
        assert result.exit_code == 0, result.output
        pages = list((tmp_path / "site/going-straight/statements").glob("*.html"))
        assert len(pages) > 20
        assert made == {("2005", "2024"): 1}

    def test_api(
        self, make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """publish(): a return after a gap adds its one diff, made once too."""
        from tests.test_cli import CASELOAD, HOUSING, history_version

        month = CASELOAD.format(when="month")
        repo = make_repo(
            {
                "doc/versions/v1.yaml": history_version(
                    "v1", 1, None, ("ee-3", HOUSING), ("ee-4", CASELOAD.format(when="quarter"))
                ),
                "doc/versions/v2.yaml": history_version("v2", 2, "v1", ("ee-4", month)),
                "doc/versions/v3.yaml": history_version(
                    "v3", 3, "v2", ("ee-4", month), ("ee-7", HOUSING)
                ),
            }
        )
        made = self.counted(monkeypatch)
        publish(repo, tmp_path / "site", drafts=True)
        assert made == {("v1", "v2"): 1, ("v2", "v3"): 1, ("v1", "v3"): 1}


def test_a_proposal_built_on_says_it_was_revised(shipped: Path, tmp_path: Path) -> None:
    """tester 13, B2: a proposal a later version was built on is not still before the board."""

    def policypos_(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--repo", str(shipped), *args], catch_exceptions=False)

    for step in (
        ["new-version", "going-straight", "--from", "2024", "--id", "2025", "--date", "2025-01-06"],
        ["propose", "going-straight@2025", "--meeting", "sscb-2025-07", "--body",
         "Safer and Stronger Communities Board", "--date", "2025-07-17"],
        ["endorse", "going-straight@2025", "--meeting", "sscb-2025-07"],
    ):  # fmt: skip
        done = policypos_(*step)
        assert done.exit_code == 0, done.output
    site = tmp_path / "site"
    assert policypos_("publish", "-o", str(site)).exit_code == 0
    index = (site / "going-straight" / "index.html").read_text(encoding="utf-8")
    assert "Proposed, revised as 2025" in index
    assert "revised as 2025" in policypos_("log", "going-straight").stdout


class TestExcerpts:
    """The opening words the site lists a statement or comment by, where its text is long."""

    COMMA = (
        "Councils should plan housing, health care and benefits for every person leaving "
        "custody well before release, notwithstanding any delay."
    )
    SENTENCE = (
        "Many people in contact with the justice system have poor mental health, often "
        "alongside substance misuse. Services should assess both."
    )
    SHORT = "Councils should keep this short."

    def listed(self, make_repo: MakeRepo, tmp_path: Path) -> dict[str, str]:
        """Each statement's excerpt on the document's page, by id."""
        from tests.test_amendments import _version

        statements = [("comma", self.COMMA), ("sentence", self.SENTENCE), ("short", self.SHORT)]
        repo = make_repo(
            {"doc/versions/v1.yaml": _version("v1", "2024-01-01", [("s", "S", statements)])}
        )
        out = tmp_path / "site"
        result = run(repo, "-o", str(out), "--drafts")
        assert result.exit_code == 0, result.output
        page = (out / "doc" / "index.html").read_text(encoding="utf-8")
        found = re.findall(r'<a href="statements/([\w-]+)\.html">.*?</a>: (.*?)</li>', page)
        return dict(found)

    def test_a_cut_drops_its_punctuation_before_one_ellipsis(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        listed = self.listed(make_repo, tmp_path)
        assert listed["comma"] == self.COMMA.split(", notwith")[0] + " …"
        assert len(listed["comma"]) <= 110

    def test_a_full_sentence_that_fits_has_no_ellipsis(
        self, make_repo: MakeRepo, tmp_path: Path
    ) -> None:
        listed = self.listed(make_repo, tmp_path)
        assert listed["sentence"] == self.SENTENCE.split(" Services")[0]
        assert listed["short"] == self.SHORT

    def test_no_shipped_page_has_a_bad_cut(self, site: Path) -> None:
        """No excerpt anywhere ends in three dots, or in punctuation before its ellipsis."""
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert not re.search(r"\.\.\.<|[.,;:]\s*…<", text), page
