"""Rendering details that golden files alone would not show."""

from __future__ import annotations

import datetime as dt

from policypos import (
    Comment,
    CommentKind,
    Document,
    Section,
    Statement,
    Status,
    Version,
    diff,
)
from policypos.views import _wrap, changeset_markdown, comments_text, outline_text


def one_statement(text: str, vid: str) -> Version:
    return Version(
        vid, dt.date(2024, 1, 1), Status.DRAFT, (Section("s", "S", (Statement("a", text),)),)
    )


class TestMarkdown:
    """The Markdown change summary an officer pastes into a paper."""

    def test_tracked_changes_escape_markup(self) -> None:
        """Tracked changes are CriticMarkup with < and & as entities: a cut tag injects nothing."""
        old, new = (
            one_statement("Fund <b>homes</b> now.", "v1"),
            one_statement("Fund <script>x</script> now.", "v2"),
        )
        doc = Document.create("d", "T", "O", "B", versions=(old, new))
        line = changeset_markdown(diff(old, new, doc), doc).strip().splitlines()[-1]
        assert line == (
            "- **1.1** `a` (reworded): Fund &lt;{--b--}{++script++}>{--homes--}{++x++}&lt;/{--b--}{++script++}> now."
        )

    def test_emphasis_next_to_punctuation(self) -> None:
        """An insertion beginning with a comma is marked (emphasis markers would not be)."""
        old, new = (
            one_statement("Drug treatment.", "v1"),
            one_statement("Drug, alcohol treatment.", "v2"),
        )
        doc = Document.create("d", "T", "O", "B", versions=(old, new))
        assert "- **1.1** `a` (reworded): Drug{++, alcohol++} treatment." in changeset_markdown(
            diff(old, new, doc), doc
        )

    def test_overview_counts_no_zeros(self) -> None:
        """tester 13, C3: "Of its 1 section, 1 changed", not "0 are new, 1 changed and 0 unchanged"."""
        old, new = one_statement("Drug treatment.", "v1"), one_statement("Drug services.", "v2")
        doc = Document.create("d", "T", "O", "B", versions=(old, new))
        text = changeset_markdown(diff(old, new, doc), doc)
        assert "Of its 1 section, 1 changed;" in text
        assert " 0 " not in text

    def test_unchanged_section_sentence(self) -> None:
        """An unchanged section is said to be unchanged, and its statements are not repeated."""
        version = one_statement("Same.", "v1")
        doc = Document.create("d", "T", "O", "B", versions=(version,))
        text = changeset_markdown(diff(version, version, doc), doc)
        assert "**1. S** is unchanged." in text
        assert "`a`" not in text


class TestTerminalWrapping:
    """In a terminal, text folds to the width under its own indent; in a pipe, one line each."""

    def test_no_width_is_one_line(self) -> None:
        """Without a width (a pipe), a statement is one line, its white space collapsed."""
        assert _wrap("Councils  should\n act.", None, 6) == "Councils should act."

    def test_folds_under_the_indent(self) -> None:
        """Lines are at most the width, continuation lines start under the first one's text."""
        text = " ".join(["probation"] * 12)
        lines = ("      " + _wrap(text, 40, 6)).splitlines()
        assert lines == [
            "      probation probation probation",
            "      probation probation probation",
            "      probation probation probation",
            "      probation probation probation",
        ]
        assert max(map(len, lines)) <= 40

    def test_narrow_terminal_keeps_twenty_columns(self) -> None:
        """A terminal narrower than the indent plus 20 columns still leaves 20 for the text."""
        lines = ("    " + _wrap(" ".join(["word"] * 8), 10, 4)).splitlines()
        assert lines == ["    word word word word", "    word word word word"]

    def test_outline_and_comments_wrap(self) -> None:
        """The outline and the comment log fold statements, comments and responses."""
        text = " ".join(["Councils should act."] * 6)
        version = one_statement(text, "v1")
        doc = Document.create("d", "T", "O", "B", versions=(version,))
        outline = outline_text(doc, version, width=50).splitlines()
        assert outline[5:] == [
            "   1.1   Councils should act. Councils should act.",
            "         Councils should act. Councils should act.",
            "         Councils should act. Councils should act.  a",
        ]
        comment = Comment("1", "m", CommentKind.COMMENT, text, response=text)
        log = comments_text(doc, [comment], width=50).splitlines()
        assert log[1:4] == [
            "    Councils should act. Councils should act.",
            "    Councils should act. Councils should act.",
            "    Councils should act. Councils should act.",
        ]
        assert log[4] == "    response: Councils should act. Councils should"
        assert log[5].startswith("              act. ")
