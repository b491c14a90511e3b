"""Rendering details that golden files alone would not show."""

from __future__ import annotations

import datetime as dt

from policypos import Document, Section, Statement, Status, Version, diff
from policypos.render import changeset_markdown


def one_statement(text: str, vid: str) -> Version:
    return Version(
        vid, dt.date(2024, 1, 1), Status.DRAFT, (Section("s", "S", (Statement("a", text),)),)
    )


class TestMarkdown:
    """The Markdown change summary an officer pastes into a paper."""

    def test_tracked_changes_escape_markup(self) -> None:
        """Text inside <del> and <ins> is escaped, so a change cannot inject HTML."""
        old, new = (
            one_statement("Fund <b>homes</b> now.", "v1"),
            one_statement("Fund <script>x</script> now.", "v2"),
        )
        doc = Document.create("d", "T", "O", "B", versions=(old, new))
        line = changeset_markdown(diff(old, new, doc), doc).strip().splitlines()[-1]
        assert line == (
            "- `a`: Fund &lt;<del>b</del><ins>script</ins>&gt;<del>homes</del><ins>x</ins>"
            "&lt;/<del>b</del><ins>script</ins>&gt; now."
        )

    def test_emphasis_next_to_punctuation(self) -> None:
        """An insertion beginning with a comma is still marked (emphasis markers would not be)."""
        old, new = (
            one_statement("Drug treatment.", "v1"),
            one_statement("Drug, alcohol treatment.", "v2"),
        )
        doc = Document.create("d", "T", "O", "B", versions=(old, new))
        assert "- `a`: Drug<ins>, alcohol</ins> treatment." in changeset_markdown(
            diff(old, new, doc), doc
        )

    def test_unchanged_section_sentence(self) -> None:
        """An unchanged section is said to be unchanged, and its statements are not repeated."""
        version = one_statement("Same.", "v1")
        doc = Document.create("d", "T", "O", "B", versions=(version,))
        text = changeset_markdown(diff(version, version, doc), doc)
        assert "**1. S** is unchanged." in text
        assert "`a`" not in text
