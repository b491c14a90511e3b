"""A split or merge part's own rewording is read, not hidden behind "added" or "removed".

The new part of a split is shown as added with ``split_from``; the words it
took from the whole are redlined against it (``source_redline``) and read
for findings, so a ``should`` that became ``may wish to`` on its way into the
part is a finding, as it would be in a kept statement. The mirror holds for
a merge part. Each case runs through the API (:func:`policypos.diff.diff`)
and the CLI (``policypos diff`` in every format, ``render changes``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from policypos.changeset import Change, ChangeSet, StatementChange
from policypos.diff import diff
from policypos.model import Version
from policypos.redline import Op, Piece, excerpt, new_text, old_text, part_source, redline
from policypos.significance import Kind, Significance, labels
from tests.conftest import MakeRepo
from tests.test_cli import run
from tests.test_diff import version, versions

PLAN = "Councils should plan housing for people leaving prison with the probation service."
REFER = "Probation should refer offenders to housing advice within 28 days of release."
FAMILIES = "Families of prisoners should be told where to find support near their home."
SOFTER = REFER.replace("should refer", "may wish to refer")
LATER = REFER.replace("28 days", "56 days")


def by_id(cs: ChangeSet) -> dict[str, StatementChange]:
    return {s.id: s for s in cs.statements()}


def split(*parts: tuple[str, str]) -> ChangeSet:
    """``x`` (PLAN REFER) split into PLAN, kept as ``x``, and the given parts."""
    old = version([("s", "S", [("x", f"{PLAN} {REFER}")])])
    return diff(old, version([("s", "S", [("x", PLAN), *parts])]))


def merge(part: str) -> ChangeSet:
    """``x`` (PLAN) and ``y`` (REFER) merged into ``x``, REFER reworded to *part*."""
    old = version([("s", "S", [("x", PLAN), ("y", REFER)])])
    return diff(old, version([("s", "S", [("x", f"{PLAN} {part}")])]))


class TestApi:
    """diff() gives a part its source redline and the findings read off it."""

    @pytest.mark.parametrize(
        ("whole", "part", "expected"),
        [
            # Two edits in a short sentence: 6 of its 8 tokens kept.
            (
                "Councils should plan housing before release. "
                "Probation should refer people within 28 days.",
                "Probation may refer people within 56 days.",
                ["softened: should -> may", "number: 28 days -> 56 days"],
            ),
            (
                f"{PLAN} {REFER}",
                "Probation may wish to refer offenders to housing advice within 56 days of release.",
                ["softened: should -> may", "number: 28 days -> 56 days"],
            ),
        ],
    )
    def test_reworded_twice_on_its_way_is_still_a_split(
        self, whole: str, part: str, expected: list[str]
    ) -> None:
        """A sentence that left the whole with two edits is a split part, not a new statement.

        Read as new, it left the whole "softened: should -> (none)", as if the
        board had dropped the ask; as a part, the part says what happened to
        the ask, and the whole, word for word what it was but for the
        sentence that left, has no finding of its own.
        """
        first = whole.split(". ")[0] + "."
        old = version([("s", "S", [("x", whole)])])
        changes = by_id(diff(old, version([("s", "S", [("x", first), ("y", part)])])))
        assert changes["y"].split_from == "x"
        assert list(labels(changes["y"].findings)) == expected
        assert list(labels(changes["x"].findings)) == []
        assert changes["x"].parts_only

    def test_carried_word_for_word(self) -> None:
        """A part carried as it was has no finding of its own, and is still substantive news."""
        part = by_id(split(("y", REFER)))["y"]
        assert (part.change, part.split_from) == (Change.ADDED, "x")
        assert part.source_redline
        assert all(p.op is Op.EQUAL for p in part.source_redline)
        assert part.findings == ()
        assert part.significance is Significance.SUBSTANTIVE
        assert part.redline[0].op is Op.INSERT
        assert part.redline[0].text == REFER

    def test_softened_on_the_way(self) -> None:
        """should -> may wish to, inside the part: a softening, indexed into its source redline."""
        cs = split(("y", SOFTER))
        part = by_id(cs)["y"]
        assert labels(part.findings) == ("softened: should -> may",)
        assert old_text(part.source_redline) == REFER
        assert new_text(part.source_redline) == SOFTER
        finding = part.findings[0]
        assert finding.kind is Kind.OBLIGATION
        assert {part.source_redline[k].op for k in finding.pieces} >= {Op.DELETE, Op.INSERT}
        # The part's own redline still rebuilds "" -> its text (FORMAT.md section 6).
        assert old_text(part.redline) == ""
        assert new_text(part.redline) == SOFTER
        # The whole lost a sentence to the part: its "should" is not its own softening.
        whole = by_id(cs)["x"]
        assert not any(f.kind is Kind.OBLIGATION for f in whole.findings)

    def test_number_changed_on_the_way(self) -> None:
        part = by_id(split(("y", LATER)))["y"]
        assert labels(part.findings) == ("number: 28 days -> 56 days",)

    def test_split_into_three(self) -> None:
        """Each of three parts is read against its own stretch of the whole."""
        old = version([("s", "S", [("x", f"{PLAN} {REFER} {FAMILIES}")])])
        new = version(
            [("s", "S", [("p", PLAN), ("q", LATER), ("r", FAMILIES.replace("should", "must"))])]
        )
        parts = by_id(diff(old, new))
        assert {k: parts[k].split_from for k in "pqr"} == {"p": "x", "q": "x", "r": "x"}
        assert parts["p"].findings == ()
        assert labels(parts["q"].findings) == ("number: 28 days -> 56 days",)
        assert labels(parts["r"].findings) == ("strengthened: should -> must",)
        assert old_text(parts["r"].source_redline) == FAMILIES

    def test_merge_part_reworded(self) -> None:
        """The mirror: a removed part merged into a whole, softened on the way in."""
        cs = merge(SOFTER)
        part = by_id(cs)["y"]
        assert (part.change, part.merged_into) == (Change.REMOVED, "x")
        assert labels(part.findings) == ("softened: should -> may",)
        assert (old_text(part.source_redline), new_text(part.source_redline)) == (REFER, SOFTER)
        # The whole gained the part's "may": not its own obligation.
        assert not any(f.kind is Kind.OBLIGATION for f in by_id(cs)["x"].findings)

    def test_merge_part_word_for_word(self) -> None:
        part = by_id(merge(REFER))["y"]
        assert part.findings == ()
        assert part.significance is Significance.SUBSTANTIVE

    def test_without_significance(self) -> None:
        """diff(significance=False) still gives the source redline, and no findings."""
        old = version([("s", "S", [("x", f"{PLAN} {REFER}")])])
        new = version([("s", "S", [("x", PLAN), ("y", SOFTER)])])
        part = by_id(diff(old, new, significance=False))["y"]
        assert new_text(part.source_redline) == SOFTER
        assert part.findings == ()

    def test_other_statements_have_no_source(self) -> None:
        old = version([("s", "S", [("x", PLAN)])])
        new = version([("s", "S", [("x", PLAN), ("y", FAMILIES)])])
        assert all(s.source_redline == () for s in diff(old, new).statements())

    @pytest.mark.parametrize(
        ("part", "stretch"),
        [
            (SOFTER, REFER),
            (REFER.replace("Probation should", "The probation service may"), REFER),
            (PLAN.replace("should", "must"), PLAN),
        ],
    )
    def test_source_is_the_stretch_the_part_came_from(self, part: str, stretch: str) -> None:
        """Not the sentence before it that shares a first word, nor the full stop after it."""
        assert part_source(f"{PLAN} {REFER} {FAMILIES}", part) == stretch

    def test_excerpt_leaves_out_the_next_sentence_and_keeps_the_stop(self) -> None:
        """``days[. Families ...]`` + ``.`` reads as ``days.`` + ``[ Families ....]``: cut whole."""
        whole = "Councils should plan. Probation should refer within 28 days. Families matter."
        part = "Probation may refer within 28 days."
        assert redline(whole, part)[-2:] == (
            Piece(Op.DELETE, ". Families matter"),
            Piece(Op.EQUAL, "."),
        )
        assert excerpt(redline(whole, part), Op.DELETE) == (
            Piece(Op.EQUAL, "Probation "),
            Piece(Op.DELETE, "should"),
            Piece(Op.INSERT, "may"),
            Piece(Op.EQUAL, " refer within 28 days."),
        )
        # The mirror, for a merge part: the stop at the start of an inserted run.
        assert excerpt(
            (Piece(Op.EQUAL, "."), Piece(Op.INSERT, " More words."), Piece(Op.EQUAL, " Kept")),
            Op.INSERT,
        ) == (Piece(Op.EQUAL, ". Kept"),)

    def test_excerpt_keeps_the_clause_a_changed_ending_runs_into(self) -> None:
        """A merge part's reworded last word: the whole's next clause, not its next sentence."""
        part = "Probation should refer offenders within 28 days of discharge"
        whole = "Probation should refer offenders within 28 days of release. Families matter."
        assert excerpt(redline(part, whole), Op.INSERT) == (
            Piece(Op.EQUAL, "Probation should refer offenders within 28 days of "),
            Piece(Op.DELETE, "discharge"),
            Piece(Op.INSERT, "release."),
        )

    def test_excerpt_of_nothing_in_common(self) -> None:
        assert excerpt((Piece(Op.DELETE, "gone"),), Op.DELETE) == ()


HEAD = "version: {v}\ndate: 2024-0{m}-01\nstatus: draft\nsections:\n  - id: s\n    title: S\n    statements:\n"


def repo(make_repo: MakeRepo, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> Path:
    def statements(items: list[tuple[str, str]]) -> str:
        return "".join(f"      - id: {i}\n        text: {t}\n" for i, t in items)

    return make_repo(
        {
            "doc/versions/v1.yaml": HEAD.format(v="v1", m=1) + statements(old),
            "doc/versions/v2.yaml": HEAD.format(v="v2", m=2) + statements(new),
        }
    )


class TestCli:
    """What a reviewer sees: policypos diff in each format, and the comparison document."""

    @pytest.fixture
    def split_repo(self, make_repo: MakeRepo) -> Path:
        return repo(
            make_repo,
            [("ee-2", f"{PLAN} {REFER}"), ("ee-3", FAMILIES)],
            [("ee-2", PLAN), ("ee-5", SOFTER), ("ee-3", FAMILIES)],
        )

    def test_text(self, split_repo: Path) -> None:
        text = run("diff", "doc@v1", "doc@v2", repo=split_repo).stdout
        assert (
            "  + ee-5 [softened: should -> may] (split from ee-2)  "
            "Probation [-should-]{+may wish to+} refer offenders" in text
        )

    def test_markdown(self, split_repo: Path) -> None:
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=split_repo).stdout
        assert "- **1.2** `ee-5` (softened: should → may; split out of former paragraph 1.1)" in (
            markdown
        )

    def test_json(self, split_repo: Path) -> None:
        result = run("diff", "doc@v1", "doc@v2", "--format", "json", repo=split_repo)
        entry = {e["id"]: e for e in json.loads(result.stdout)["sections"][0]["statements"]}
        part = entry["ee-5"]
        assert part["redline"] == [{"op": "insert", "text": SOFTER}]
        assert part["source_redline"] == [
            {"op": "equal", "text": "Probation "},
            {"op": "delete", "text": "should"},
            {"op": "insert", "text": "may wish to"},
            {"op": "equal", "text": REFER.removeprefix("Probation should")},
        ]
        finding = part["findings"][0]
        assert (finding["kind"], finding["direction"], finding["pieces"]) == (
            "obligation",
            "softened",
            [1, 2],
        )
        assert "source_redline" not in entry["ee-2"]
        assert "source_redline" not in entry["ee-3"]

    def test_significance_filter_and_exit_code(self, split_repo: Path) -> None:
        """The part is substantive, with its finding, under --significance substantive."""
        args = ("diff", "doc@v1", "doc@v2", "--significance", "substantive", "--exit-code")
        result = run(*args, repo=split_repo)
        assert result.exit_code == 1
        assert "+ ee-5 [softened: should -> may] (split from ee-2)" in result.stdout
        editorial = run(*args[:4], "editorial", "--exit-code", repo=split_repo)
        assert "ee-5" not in editorial.stdout

    def test_merge(self, make_repo: MakeRepo) -> None:
        root = repo(
            make_repo,
            [("ee-2", PLAN), ("ee-4", REFER)],
            [("ee-2", f"{PLAN} {LATER}")],
        )
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert (
            "  - ee-4 [number: 28 days -> 56 days] (merged into ee-2)  Probation should refer "
            "offenders to housing advice within [-28-]{+56+} days of release." in text
        )
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        part = {e["id"]: e for e in data["sections"][0]["statements"]}["ee-4"]
        assert [f["kind"] for f in part["findings"]][:1] == ["number"]
        assert new_text_of(part["source_redline"]) == LATER

    def test_word_for_word_has_no_label(self, make_repo: MakeRepo) -> None:
        root = repo(make_repo, [("ee-2", f"{PLAN} {REFER}")], [("ee-2", PLAN), ("ee-5", REFER)])
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert f"  + ee-5 (split from ee-2)  {REFER}" in text
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        part = {e["id"]: e for e in data["sections"][0]["statements"]}["ee-5"]
        assert part["findings"] == []
        assert part["significance"] == "substantive"

    @pytest.mark.parametrize("style", [">", "|", ">-"])
    @pytest.mark.parametrize(
        ("old", "new", "part"),
        [
            # The first sentence split out, then the last; then a merge.
            ([("ee-2", f"{REFER} {PLAN}")], [("ee-2", PLAN), ("ee-5", REFER)], "ee-5"),
            ([("ee-2", f"{PLAN} {REFER}")], [("ee-2", PLAN), ("ee-5", REFER)], "ee-5"),
            ([("ee-2", PLAN), ("ee-4", REFER)], [("ee-2", f"{REFER} {PLAN}")], "ee-4"),
        ],
    )
    def test_word_for_word_in_block_scalars(
        self,
        make_repo: MakeRepo,
        style: str,
        old: list[tuple[str, str]],
        new: list[tuple[str, str]],
        part: str,
    ) -> None:
        """A part written as officers write texts, in a YAML block ending in a line break.

        The stretch cut from the middle of the whole has no line break: the
        part's own is not an insertion, and the part has no finding.
        """

        def block(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
            return [(i, f"{style}\n          {t}") for i, t in items]

        root = repo(make_repo, block(old), block(new))
        data = json.loads(run("diff", "doc@v1", "doc@v2", "--format", "json", repo=root).stdout)
        entry = {e["id"]: e for e in data["sections"][0]["statements"]}[part]
        assert entry["findings"] == []
        assert {piece["op"] for piece in entry["source_redline"]} == {"equal"}
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert f" {part} (split from ee-2)" in text or f" {part} (merged into ee-2)" in text

    def test_comparison_document(self, split_repo: Path, tmp_path: Path) -> None:
        """render changes names the part's softening among the substantive changes."""
        out = tmp_path / "changes.md"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "markdown", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        text = out.read_text()
        assert "- 1.2: added, split out of former paragraph 1.1; softened from" in text
        assert "*(new; softened from “should” to “may”; split out of former paragraph 1.1)*" in text

    def test_amendments_register_and_html(self, split_repo: Path, tmp_path: Path) -> None:
        """diff --format csv says what the part's change means; the HTML comparison lists it."""
        import csv
        import io

        result = run("diff", "doc@v1", "doc@v2", "--format", "csv", repo=split_repo)
        rows = {
            r["Paragraph"]: r for r in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))
        }
        assert (rows["1.2"]["Change"], rows["1.2"]["What it means"]) == (
            "added",
            "softened: should -> may",
        )
        out = tmp_path / "changes.html"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "html", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        assert (
            "split out of former paragraph 1.1; softened from “should” to “may”" in out.read_text()
        )

    def test_board_report(self, split_repo: Path, tmp_path: Path) -> None:
        """The report's paragraph on the section says the part was reworded, and from where."""
        out = tmp_path / "report.md"
        args = ("render", "report", "doc@v2", "--format", "markdown", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        assert (
            "Paragraph 1.2 has been split out of paragraph 1.1. Paragraph 1.2 (split out of 1.1) "
            "has been reworded from directions to points for probation to consider."
        ) in out.read_text()

    def test_shipped_data_has_no_source_redline(self) -> None:
        """The shipped versions have no split or merge: their change set gains nothing."""
        for old, new in [
            ("going-straight@2005", "going-straight@2024"),
            ("going-straight@2024", "going-straight@2005"),
        ]:
            result = run("diff", old, new, "--format", "json")
            assert '"source_redline"' not in result.stdout


class TestWholeAndParts:
    """The whole a part left (or joined) says so, and a part shows its words against the whole's.

    Cutting ``A. B.`` into ``A.`` and a new ``B.`` reworded nothing in
    ``A.``: each view says the part was split out, keeps "reworded" for a
    real rewording of what stayed, and shows the part's body as the redline
    of its words against the stretch they came from.
    """

    @pytest.fixture
    def split_repo(self, make_repo: MakeRepo) -> Path:
        return repo(
            make_repo,
            [("ee-2", f"{PLAN} {REFER}"), ("ee-3", FAMILIES)],
            [("ee-2", PLAN), ("ee-5", SOFTER), ("ee-3", FAMILIES)],
        )

    @pytest.fixture
    def merge_repo(self, make_repo: MakeRepo) -> Path:
        return repo(
            make_repo,
            [("ee-2", PLAN), ("ee-3", FAMILIES), ("ee-4", REFER)],
            [("ee-2", f"{PLAN} {SOFTER}"), ("ee-3", FAMILIES)],
        )

    def test_api_whole_of_a_split(self) -> None:
        """The whole has no finding of its own, names its part, and stays substantive."""
        changes = by_id(split(("y", SOFTER)))
        whole = changes["x"]
        assert (whole.change, whole.split_into, whole.parts_only) == (
            Change.MODIFIED,
            ("y",),
            True,
        )
        assert whole.findings == ()
        assert whole.significance is Significance.SUBSTANTIVE
        assert whole.to_dict()["split_into"] == ["y"]
        assert whole.to_dict()["parts_only"] is True
        # The part's own record is as FORMAT.md has it: its redline rebuilds "" -> its text.
        part = changes["y"].to_dict()
        assert part["redline"] == [{"op": "insert", "text": SOFTER}]
        assert "parts_only" not in part
        assert "split_into" not in part

    def test_api_whole_reworded_as_well(self) -> None:
        """A real rewording of what stayed is still "reworded", and only its own words count."""
        changes = by_id(split(("y", SOFTER)))
        old = version([("s", "S", [("x", f"{PLAN} {REFER}")])])
        homes = PLAN.replace("housing", "homes")
        whole = by_id(diff(old, version([("s", "S", [("x", homes), ("y", SOFTER)])])))["x"]
        assert (whole.split_into, whole.parts_only) == (("y",), False)
        assert labels(whole.findings) == ("reworded",)
        covered = {whole.redline[k].text for f in whole.findings for k in f.pieces}
        assert covered <= {"housing", "homes"}
        assert changes["x"].findings == ()

    def test_api_whole_of_a_merge(self) -> None:
        changes = by_id(merge(SOFTER))
        whole = changes["x"]
        assert (whole.merged_from, whole.parts_only, whole.findings) == (("y",), True, ())
        assert whole.significance is Significance.SUBSTANTIVE

    def test_api_removed_whole_split_into_parts(self) -> None:
        """A whole cut into pieces none of which is like it enough: removed, split into them."""
        old = version([("s", "S", [("x", f"{PLAN} {REFER} {FAMILIES}")])])
        new = version([("s", "S", [("p", PLAN), ("q", REFER), ("r", FAMILIES)])])
        whole = by_id(diff(old, new))["x"]
        assert (whole.change, whole.split_into) == (Change.REMOVED, ("p", "q", "r"))
        from policypos.views import changeset_text

        assert "  - x (split into p, q and r)  [-Councils" in changeset_text(diff(old, new))

    def test_text_and_markdown_views(self, split_repo: Path) -> None:
        """policypos diff: the whole is not [reworded]; the part is its words, marked where reworded."""
        text = run("diff", "doc@v1", "doc@v2", repo=split_repo).stdout
        assert f"  ~ ee-2 (part split out into ee-5)  {PLAN} [-{REFER}-]" in text
        assert "[reworded]" not in text
        assert "  + ee-5 [softened: should -> may] (split from ee-2)  Probation [-should-]" in text
        markdown = run("diff", "doc@v1", "doc@v2", "--format", "markdown", repo=split_repo).stdout
        assert (
            "**1. S** has been revised: 1 split, 1 added. "
            "Paragraph 1.2 was split out of former paragraph 1.1." in markdown
        )
        assert "- **1.1** `ee-2` (part split out into paragraph 1.2): Councils" in markdown
        assert (
            "- **1.2** `ee-5` (softened: should → may; split out of former paragraph 1.1): "
            "Probation {--should--}{++may wish to++} refer" in markdown
        )

    def test_text_view_merge(self, merge_repo: Path) -> None:
        text = run("diff", "doc@v1", "doc@v2", repo=merge_repo).stdout
        assert f"  ~ ee-2 (part merged in from ee-4)  {PLAN} {{+{SOFTER}+}}" in text
        assert "  - ee-4 [softened: should -> may] (merged into ee-2)  Probation [-should-]" in text
        assert "[reworded]" not in text

    def test_comparison_markdown_merge(self, merge_repo: Path, tmp_path: Path) -> None:
        """The comparison names a merge part by the number it had, as the diff names it by id."""
        out = tmp_path / "changes.md"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "markdown", "-o", str(out))
        assert run(*args, repo=merge_repo).exit_code == 0
        assert "part merged in from former paragraph 1.3" in out.read_text()

    def test_reworded_whole_says_both(self, make_repo: MakeRepo) -> None:
        homes = PLAN.replace("housing", "homes")
        root = repo(make_repo, [("ee-2", f"{PLAN} {REFER}")], [("ee-2", homes), ("ee-5", REFER)])
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert "  ~ ee-2 [reworded] (part split out into ee-5)  Councils should plan" in text

    def test_comparison_markdown(self, split_repo: Path, tmp_path: Path) -> None:
        out = tmp_path / "changes.md"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "markdown", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        text = out.read_text()
        assert "paragraph by paragraph: 1 split, 1 added, 1 unchanged." in text
        assert "- 1.1: part split out into paragraph 1.2." in text
        assert "*Paragraphs: 1 split, 1 added.*" in text
        assert "*(part split out into paragraph 1.2)*" in text
        # The part is one insertion, as in Word: accepting every change gives
        # the new text, rejecting every one the old, each sentence once; its
        # softening is said in its meaning.
        assert "**1.2** {++Probation may wish to refer offenders" in text
        assert "(new; softened from “should” to “may”; split out of former paragraph 1.1)" in text
        # The space before the sentence split out is the deletion's own.
        assert "service.{-- Probation should refer offenders" in text
        assert "reworded" not in text

    def test_comparison_html(self, split_repo: Path, tmp_path: Path) -> None:
        out = tmp_path / "changes.html"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "html", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        html = out.read_text()
        assert '<a href="#st-ee-2">1.1</a>: part split out into paragraph 1.2.</li>' in html
        assert '<p class="where">(part split out into paragraph 1.2)</p>' in html
        assert (
            '<div class="redline">\n<p dir="auto"><ins><span class="cue">[inserted: </span>'
            "Probation may wish to refer" in html
        )
        assert "reworded" not in html

    def test_comparison_word(self, split_repo: Path, tmp_path: Path) -> None:
        """In Word the part is one insertion: rejecting it leaves nothing, since the whole's own
        paragraph gives back the words it came from; what it did on the way is in its note."""
        from tests.test_word import W, accepted, part, rejected, statement_paragraphs

        out = tmp_path / "changes.docx"
        args = ("render", "changes", "doc@v1", "doc@v2", "--format", "docx", "-o", str(out))
        assert run(*args, repo=split_repo).exit_code == 0
        body = part(out.read_bytes(), "word/document.xml")
        paragraphs = {accepted(p).partition("\t")[0]: p for p in statement_paragraphs(body)}
        assert accepted(paragraphs["1.2"]).partition("\t")[2] == SOFTER
        assert rejected(paragraphs["1.2"]).partition("\t")[2] == ""
        assert REFER in rejected(paragraphs["1.1"])
        said = "".join(t.text or "" for t in body.iter(f"{W}t"))
        assert "(part split out into paragraph 1.2)" in said
        assert "reworded" not in said

    def test_board_report_merge(self, merge_repo: Path, tmp_path: Path) -> None:
        """The report says a paragraph was merged, and what its words' change on the way means."""
        out = tmp_path / "report.md"
        args = ("render", "report", "doc@v2", "--format", "markdown", "-o", str(out))
        assert run(*args, repo=merge_repo).exit_code == 0
        assert (
            "Former paragraph 1.3 has been merged into paragraph 1.1. Paragraph 1.1 (words "
            "merged in from former paragraph 1.3) has been reworded from directions to points for "
            "probation to consider."
        ) in out.read_text()

    def test_board_report_merge_api(self, merge_repo: Path) -> None:
        """board_paper(): the amendment names the paragraph the words went into."""
        from policypos.documents import board_paper
        from policypos.validate import open_checked

        document = open_checked(merge_repo).repository.document("doc")
        changes = diff(document.version("v1"), document.version("v2"), document)
        paper = board_paper(document, changes)
        amendments = [a for p in paper.proposal for a in p.amendments]
        assert [(a.kind, a.paragraphs) for a in amendments] == [(Kind.OBLIGATION, ("1.1",))]


class TestCutAtAComma:
    """``A, and b ...`` cut into ``A.`` and ``B ...``: the part came from ``b ...``, not from ``A``."""

    WHOLE = PLAN.removesuffix(".") + ", and " + REFER[0].lower() + REFER[1:]

    def test_api(self) -> None:
        changes = by_id(split_whole(self.WHOLE, ("y", REFER)))
        part, whole = changes["y"], changes["x"]
        assert part.split_from == "x"
        assert old_text(part.source_redline) == REFER[0].lower() + REFER[1:]
        assert labels(part.findings) == ("editorial",)
        # The "and" and the comma went with the part: the whole was not reworded.
        assert (whole.parts_only, whole.findings) == (True, ())

    def test_cli(self, make_repo: MakeRepo) -> None:
        root = repo(make_repo, [("ee-2", self.WHOLE)], [("ee-2", PLAN), ("ee-5", REFER)])
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert "  ~ ee-2 (part split out into ee-5)  Councils" in text
        assert (
            "  + ee-5 [editorial] (split from ee-2)  [-probation-]{+Probation+} should refer"
            in text
        )

    def test_part_that_keeps_the_joining_word(self) -> None:
        """A part that begins with the joining word keeps it in its stretch."""
        part = "And probation should refer offenders to housing advice within 28 days."
        changes = by_id(split_whole(self.WHOLE, ("y", part)))
        assert old_text(changes["y"].source_redline).startswith("and probation")


def split_whole(whole: str, *parts: tuple[str, str]) -> ChangeSet:
    """``x`` (*whole*) cut to PLAN, kept as ``x``, and the given parts."""
    old = version([("s", "S", [("x", whole)])])
    return diff(old, version([("s", "S", [("x", PLAN), *parts])]))


# Two parts reworded beyond 30% of their tokens on the way out of PLAN + REFER.
OFFICERS = "Probation officers may refer offenders to independent housing advice within 56 days of their release."
LEAVING = "Probation may refer people to housing advice within 56 days of leaving."


# REFER with half its words new (50% of them found in it, 54% and 62% of it in them).
STAFF = "Probation staff might refer those leaving prison to housing advice within two months."
HALF = "Probation may point offenders to housing support within eight weeks of their release from prison."
# 44% of its words found in REFER: under the bar.
UNDER = (
    "Probation officers could direct offenders towards independent housing advice "
    "within 56 days after they leave."
)
TREATMENT = (
    "Councils and their partners should make sure that community treatment services have "
    "room for offenders referred by the courts and by probation."
)
SCREEN = (
    "Councils and their partners should screen for it and refer people to treatment and support."
)


class TestRewordedParts:
    """A part reworded beyond 30% of its tokens is still a part when its words left the whole.

    Under :data:`policypos.pairing.PART_THRESHOLD` (70% of its words found in
    the whole), an added statement is a split part only if at least 45% of
    its words are found in a whole that is still there, 45% of the words of
    the stretch of the whole they match are found in it, and that stretch
    has left the whole (60% of its words gone): docs/diff.md, step 3.
    """

    @pytest.mark.parametrize("part", [OFFICERS, LEAVING])
    def test_heavily_reworded_split(self, part: str) -> None:
        changes = by_id(split(("y", part)))
        assert changes["y"].split_from == "x"
        assert "softened: should -> may" in labels(changes["y"].findings)
        assert "number: 28 days -> 56 days" in labels(changes["y"].findings)
        # Read as a new statement, it left the whole "softened: should -> (none)".
        assert changes["x"].findings == ()
        assert changes["x"].parts_only

    def test_heavily_reworded_merge(self) -> None:
        part = by_id(merge(LEAVING))["y"]
        assert (part.change, part.merged_into) == (Change.REMOVED, "x")
        assert "number: 28 days -> 56 days" in labels(part.findings)

    def test_cli(self, make_repo: MakeRepo) -> None:
        root = repo(make_repo, [("ee-2", f"{PLAN} {REFER}")], [("ee-2", PLAN), ("ee-5", LEAVING)])
        text = run("diff", "doc@v1", "doc@v2", repo=root).stdout
        assert "  ~ ee-2 (part split out into ee-5)  Councils" in text
        assert (
            "  + ee-5 [softened: should -> may; number: 28 days -> 56 days] (split from ee-2)"
            in text
        )
        assert "(none)" not in text

    def test_words_that_stayed_are_no_part(self) -> None:
        """A reworded copy of a sentence the whole kept is a new statement, not a split."""
        old = version([("s", "S", [("x", f"{PLAN} {REFER}")])])
        kept = f"{PLAN.replace('housing', 'homes')} {REFER}"
        changes = by_id(diff(old, version([("s", "S", [("x", kept), ("y", LEAVING)])])))
        assert changes["y"].split_from is None
        assert changes["x"].split_into == ()

    def test_unrelated_statement_is_no_part(self) -> None:
        """The whole lost a sentence and an unrelated one came: a removal and an addition."""
        changes = by_id(split(("y", FAMILIES)))
        assert changes["y"].split_from is None
        assert labels(changes["x"].findings) == (
            "softened: should -> (none)",
            "number: 28 days -> (none)",
        )

    @pytest.mark.parametrize("part", [HALF, STAFF])
    def test_half_reworded_split(self, part: str) -> None:
        """Half its words new on the way out: still the sentence the whole lost."""
        changes = by_id(split(("y", part)))
        assert changes["y"].split_from == "x"
        assert changes["x"].split_into == ("y",)
        assert changes["x"].findings == ()

    @pytest.mark.parametrize("part", [HALF, STAFF])
    def test_half_reworded_merge(self, part: str) -> None:
        """The mirror: a statement merged into another with half its words reworded."""
        changes = by_id(merge(part))
        assert (changes["y"].change, changes["y"].merged_into) == (Change.REMOVED, "x")
        assert changes["x"].merged_from == ("y",)

    @pytest.mark.parametrize("whole_first", [True, False])
    def test_a_short_sentence_sharing_an_opening_is_no_part(self, whole_first: bool) -> None:
        """Half of SCREEN's words are found in TREATMENT, which left: but a third of
        TREATMENT's are found in SCREEN, so neither is a rewording of the other."""
        before, after = f"{PLAN} {TREATMENT}", [("x", PLAN), ("y", SCREEN)]
        old = version([("s", "S", [("x", before)])])
        new = version([("s", "S", after)])
        changes = by_id(diff(old, new) if whole_first else diff(new, old))
        assert changes["y"].split_from is None
        assert changes["y"].merged_into is None
        assert changes["x"].split_into == changes["x"].merged_from == ()

    def test_under_the_bar_is_no_part(self) -> None:
        """44% of its words found in the whole: a removal and an addition, both ways."""
        assert by_id(split(("y", UNDER)))["y"].split_from is None
        assert by_id(merge(UNDER))["y"].merged_into is None

    def test_a_piece_alone_goes_on_to_its_next_whole(self) -> None:
        """A part whose best whole is unpaired and holds no other piece is no piece of it, and
        may be a part of its next best: so what merged one way split the other.

        Backwards, ``s3`` holds four of its five words in the removed ``s4``, but
        one piece alone is not a split; its next best, ``s1``, lost the three it
        holds. Forwards, ``s4`` is a split part itself, no whole.
        """
        board = "board board board board"
        old = version(
            [
                (
                    "p",
                    "P",
                    [("s0", "board"), ("s1", "board"), ("s3", f"{board} council"), ("s2", board)],
                )
            ]
        )
        new = version([("p", "P", [("s0", "board"), ("s2", "board"),
                                   ("s1", "board board board"), ("s4", f"{board} board board board")])])  # fmt: skip
        forward, backward = by_id(diff(old, new)), by_id(diff(new, old))
        assert (forward["s3"].merged_into, forward["s4"].split_from) == ("s1", "s2")
        assert (backward["s3"].split_from, backward["s4"].merged_into) == ("s1", "s2")

    def test_a_removed_whole_needs_the_stricter_rule(self) -> None:
        """With no whole left to have lost it, 60% of words in common is not enough."""
        old = version([("s", "S", [("x", f"{PLAN} {REFER} {FAMILIES}")])])
        new = version([("s", "S", [("p", PLAN), ("q", LEAVING), ("r", FAMILIES)])])
        changes = by_id(diff(old, new))
        assert (changes["x"].change, changes["x"].split_into) == (Change.REMOVED, ("p", "r"))
        assert changes["q"].split_from is None


def new_text_of(pieces: list[dict[str, str]]) -> str:
    return "".join(p["text"] for p in pieces if p["op"] != "delete")


class TestProperties:
    """A source redline rebuilds the part and a stretch of the whole, whatever the texts."""

    @given(versions(), versions())
    @settings(max_examples=300)
    def test_source_redline_rebuilds_both_sides(self, old: Version, new: Version) -> None:
        old_texts = {s.id: s.text for _, s in old.statements()}
        new_texts = {s.id: s.text for _, s in new.statements()}
        for change in diff(old, new).statements():
            pieces = change.source_redline
            if change.split_from is not None:
                assert change.new is not None
                assert new_text(pieces) == change.new.text
                assert old_text(pieces) in old_texts[change.split_from]
            elif change.merged_into is not None:
                assert change.old is not None
                assert old_text(pieces) == change.old.text
                assert new_text(pieces) in new_texts[change.merged_into]
            else:
                assert pieces == ()
            for finding in change.findings:
                if pieces:
                    assert all(0 <= k < len(pieces) for k in finding.pieces)

    @given(versions(), versions())
    @settings(max_examples=300)
    def test_wholes_name_their_parts(self, old: Version, new: Version) -> None:
        """split_into and merged_from mirror split_from and merged_into; parts_only has no finding."""
        changes = list(diff(old, new).statements())
        split = {(c.split_from, c.id) for c in changes if c.split_from is not None}
        merged = {(c.merged_into, c.id) for c in changes if c.merged_into is not None}
        assert {(c.old_id, p) for c in changes if c.old is not None for p in c.split_into} == split
        assert {(c.id, p) for c in changes if c.new is not None for p in c.merged_from} == merged
        for change in changes:
            if change.parts_only:
                assert change.split_into or change.merged_from
                assert change.change is Change.MODIFIED
                assert change.findings == ()
                assert change.significance is Significance.SUBSTANTIVE


class TestLongWhole:
    """A part of a long statement: its stretch is found as in a short one, in linear time."""

    GAMBLING = "Probation should refer people with gambling problems to treatment within 28 days."
    PART = (
        "The needs of people with gambling problems: probation may refer them to treatment "
        "within 28 days, and partners report on it."
    )

    def whole(self, around: int) -> tuple[str, str]:
        """GAMBLING between *around* sentences each side, and the stretch the part came from.

        Each sentence shares words with the part; the stretch is GAMBLING with
        the end of the sentence before it and the start of the one after.
        """
        items = [
            f"Item {k} of the plan covers the needs of area {k}, and its partners report on it."
            for k in range(2 * around)
        ]
        whole = " ".join([*items[:around], self.GAMBLING, *items[around:]])
        return whole, " ".join(items[around - 1 : around + 1]).replace(
            f" Item {around} ", f" {self.GAMBLING} Item {around} "
        )

    @pytest.mark.parametrize("around", [3, 300])
    def test_same_stretch_as_in_a_short_whole(self, around: int) -> None:
        """300 sentences each side (49,000 characters) leave the stretch 3 do, not 300 sentences."""
        whole, stretch = self.whole(around)
        assert part_source(whole, self.PART) == stretch

    def test_trimming_does_not_redline_again_for_each_clause(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Dropping 600 clauses one by one redlined the stretch 600 times: quadratic in its length."""
        import importlib

        module = importlib.import_module("policypos.redline")
        calls: list[int] = []
        compare = module._compare

        def counted(old: str, new: str) -> object:
            calls.append(len(old))
            return compare(old, new)

        monkeypatch.setattr(module, "_compare", counted)
        part_source(self.whole(300)[0], self.PART)
        assert len(calls) <= 3

    @pytest.mark.parametrize("title", ["The plan", "The plan. Its annex"])
    def test_a_link_in_the_whole(self, title: str) -> None:
        """A link's target is no word; a clause cut in its title leaves it to the redline count.

        Cut there, the clauses' words are not the whole's (the first half of
        the link shows its target): each run is then scored by
        :func:`similarity`, as before runs were scored in one pass, which
        may keep a longer stretch.
        """
        whole, stretch = self.whole(300)
        link = f'[the plan](https://plan.example "{title}")'
        whole = whole.replace("Item 5 of the plan", f"Item 5 of {link}")
        found = part_source(whole, self.PART)
        if "." in title:
            assert self.GAMBLING in found
            assert found in whole
        else:
            assert found == stretch
