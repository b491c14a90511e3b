"""Wording in a board paper that an officer would otherwise have to correct.

Each test is one kind of fault, through ``policypos render report``: a
section whose title ends in "section" named with "section" twice; a list of
amounts mixing a phrase ("from X to Y") with a clause ("Z added"); a
dangling "the one"; a summary whose count of answers disagrees with the
background's decisions; and a semicolon before "and" where no item holds a
comma.
"""

from __future__ import annotations

import json

from tests.conftest import MakeRepo
from tests.test_amendments import run


def _version(vid: str, date: str, sections: list[tuple[str, str, list[str]]], **extra: str) -> str:
    """A version file: *sections* as (id, title, [statement texts]), cited as *extra* says."""
    lines = [f'version: "{vid}"', f"date: {date}", "status: draft"]
    lines += [f"{key}: {value}" for key, value in extra.items() if key != "cites"]
    lines.append("sections:")
    cites = json.loads(extra.get("cites", "{}"))
    for sid, title, texts in sections:
        lines += [f"  - id: {sid}", f"    title: {json.dumps(title)}"]
        if sid in cites:
            lines.append(f"    addresses: [{cites[sid]}]")
        lines.append("    statements:")
        for k, text in enumerate(texts, 1):
            lines += [f"      - id: {sid}-{k}", f"        text: {json.dumps(text)}"]
            if f"{sid}-{k}" in cites:
                lines.append(f"        addresses: [{cites[f'{sid}-{k}']}]")
    return "\n".join(lines) + "\n"


def _meeting(mid: str, date: str, reviews: str, comments: list[tuple[str, str, str]]) -> str:
    """A meeting file: *comments* as (id, kind, disposition), made by the meeting's body."""
    lines = ["meeting:", f"  id: {mid}", "  body: Cabinet", f"  date: {date}"]
    lines += [f'reviews: "{reviews}"', "comments:"]
    for cid, kind, disposition in comments:
        lines += [
            f'  - id: "{cid}"',
            f"    kind: {kind}",
            f"    text: Remark {cid}.",
            f"    disposition: {disposition}",
        ]
    return "\n".join(lines) + "\n"


def _paper(make_repo: MakeRepo, files: dict[str, str]) -> str:
    result = run("render", "report", "doc@v2", repo=make_repo(files))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_title_ending_in_section_is_not_followed_by_section_again(
    make_repo: MakeRepo,
) -> None:
    old = [
        ("u", "Naïve café — Unicode section", ["Kept as it was."]),
        ("a", "Appendix Section", ["Also kept.", "Moves to the Unicode section."]),
        ("g", "General", ["Councils should act."]),
    ]
    new = [
        ("u", "Naïve café — Unicode section", ["Kept as it was.", "Moves to the Unicode section."]),
        ("a", "Appendix Section", ["Also kept."]),
        ("g", "General", ["Councils must act now."]),
    ]
    paper = _paper(
        make_repo,
        {
            "doc/versions/v1.yaml": _version("v1", "2025-01-01", old),
            "doc/versions/v2.yaml": _version("v2", "2025-06-01", new, based_on='"v1"'),
        },
    )
    assert "section section" not in paper.casefold()
    assert (
        "Paragraph 1.2 has moved here from the Appendix Section, where it was 2.2. "
        "**To be written: why the Naïve café — Unicode section changed.**"
    ) in paper
    assert "Former paragraph 2.2 has moved to section 1, Naïve café — Unicode section" in paper
    assert "the Appendix Section is otherwise unchanged." in paper
    assert "**To be written: why the General section changed.**" in paper


def test_amounts_changed_and_added_are_listed_alike(make_repo: MakeRepo) -> None:
    old = [("e", "Energy", ["Retrofit costs £37.5m.", "Solar costs £2m and wind £3m."])]
    new = [
        (
            "e",
            "Energy",
            ["Retrofit costs £45m (about £36,000 a home).", "Solar costs £4m and wind £5m."],
        )
    ]
    paper = _paper(
        make_repo,
        {
            "doc/versions/v1.yaml": _version("v1", "2025-01-01", old),
            "doc/versions/v2.yaml": _version("v2", "2025-06-01", new, based_on='"v1"'),
        },
    )
    assert (
        "Amounts change in paragraph 1.1 (£37.5m changed to £45m and £36,000 added) and "
        "paragraph 1.2 (from £2m to £4m and from £3m to £5m)."
    ) in paper


def test_one_comment_of_a_meeting_is_named_by_its_kind(make_repo: MakeRepo) -> None:
    files = {
        "doc/versions/v1.yaml": _version("v1", "2025-01-01", [("g", "General", ["Act."])]),
        "doc/versions/v2.yaml": _version(
            "v2",
            "2025-06-01",
            [("g", "General", ["Act now."])],
            based_on='"v1"',
            cites='{"g-1": "m2/1"}',
        ),
        "doc/meetings/m1.yaml": _meeting(
            "m1", "2025-02-01", "v1", [("1", "comment", "open"), ("2", "comment", "noted")]
        ),
        "doc/meetings/m2.yaml": _meeting("m2", "2025-03-13", "v1", [("1", "comment", "addressed")]),
    }
    paper = _paper(make_repo, files)
    assert (
        "which answers none of the 2 made on 1 February 2025 and the comment made on 13 March 2025."
    ) in paper
    assert "the one made" not in paper


RECOMMENDATIONS = """\
meeting:
  id: osc
  body: Overview & Scrutiny Committee
  date: 2025-12-04
reviews: "v2"
comments:
  - id: "1"
    kind: recommendation
    by: Overview & Scrutiny Committee
    text: Publish a yearly carbon budget.
    disposition: accepted
    response: Cabinet agrees.
  - id: "2"
    kind: recommendation
    by: Overview & Scrutiny Committee
    text: Bring the fleet target forward.
    disposition: rejected
    response: Lead times make it unachievable.
  - id: "3"
    kind: recommendation
    by: Overview & Scrutiny Committee
    text: Set up a citizens' assembly.
    disposition: partially-accepted
    response: A citizens' panel will meet twice a year.
"""


def test_the_summary_counts_the_answers_the_background_gives(make_repo: MakeRepo) -> None:
    files = {
        "doc/versions/v1.yaml": _version("v1", "2025-09-01", [("g", "General", ["Act.", "Plan."])]),
        "doc/versions/v2.yaml": _version(
            "v2",
            "2025-11-15",
            [("g", "General", ["Act now.", "Plan ahead."])],
            based_on='"v1"',
            cites='{"g-1": "m1/1", "g-2": "m1/2"}',
        ),
        "doc/meetings/m1.yaml": _meeting(
            "m1",
            "2025-10-09",
            "v1",
            [
                ("1", "comment", "addressed"),
                ("2", "comment", "partially-addressed"),
                ("3", "comment", "answered"),
                ("4", "comment", "referred"),
            ],
        ),
        "doc/meetings/osc.yaml": RECOMMENDATIONS,
    }
    paper = _paper(make_repo, files)
    # The background gives the decisions: two of the three recommendations accepted.
    assert "Accepted by Cabinet: Cabinet agrees." in paper
    assert "Partially accepted by Cabinet: A citizens' panel will meet twice a year." in paper
    # The summary counts the same, and parts the meetings with a comma, not a semicolon.
    assert (
        "which answers 2 of the 4 made on 9 October 2025 in full and 1 in part, and 1 of the 3 "
        "made on 4 December 2025 in full and 1 in part."
    ) in paper
