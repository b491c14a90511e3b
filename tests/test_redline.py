"""Word-level redlines: exact, and small edits read as small."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policypos.redline import Op, Piece, new_text, old_text, redline, similarity, tokens

words = st.lists(
    st.sampled_from(
        ["the", "council", "should", "must", "act", ",", ".", " ", "  ", "\n", "board", "é"]
    ),
    max_size=30,
).map("".join)


class TestRedline:
    """Redlines rebuild both texts and keep edits small."""

    def test_one_word(self) -> None:
        """One changed word is one deletion and one insertion."""
        assert redline("The council should act.", "The council must act.") == (
            Piece(Op.EQUAL, "The council "),
            Piece(Op.DELETE, "should"),
            Piece(Op.INSERT, "must"),
            Piece(Op.EQUAL, " act."),
        )

    def test_phrase_is_one_change(self) -> None:
        """A reworded phrase reads as one change, not a comb of words around kept spaces."""
        pieces = redline("we will fund it now", "they could pay it now")
        assert pieces == (
            Piece(Op.DELETE, "we will fund"),
            Piece(Op.INSERT, "they could pay"),
            Piece(Op.EQUAL, " it now"),
        )

    def test_identical_and_empty(self) -> None:
        """Identical texts are one equal piece; from or to nothing is one insertion or deletion."""
        assert redline("same", "same") == (Piece(Op.EQUAL, "same"),)
        assert redline("", "new") == (Piece(Op.INSERT, "new"),)
        assert redline("old", "") == (Piece(Op.DELETE, "old"),)
        assert redline("", "") == ()

    @given(words, words)
    def test_rebuilds_both_texts(self, old: str, new: str) -> None:
        """equal+delete gives the old text, equal+insert the new one, exactly."""
        pieces = redline(old, new)
        assert old_text(pieces) == old
        assert new_text(pieces) == new
        assert all(p.text for p in pieces)

    @given(st.text(max_size=60), st.text(max_size=60))
    def test_rebuilds_any_text(self, old: str, new: str) -> None:
        """The same holds for any text at all."""
        pieces = redline(old, new)
        assert (old_text(pieces), new_text(pieces)) == (old, new)

    @given(
        st.lists(st.sampled_from(["a", "b", "c", " ", ","]), max_size=40),
        st.lists(st.sampled_from(["a", "b", "c", " ", ","]), max_size=40),
    )
    def test_compiled_matcher_agrees_with_difflib(self, a: list[str], b: list[str]) -> None:
        """cydifflib is only a faster difflib: the redlines must not depend on which is installed."""
        import difflib

        cydifflib = pytest.importorskip("cydifflib")
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert cydifflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() == expected

    @given(st.text(max_size=80))
    def test_tokens_rebuild_text(self, text: str) -> None:
        """Tokens join back to the text."""
        assert "".join(tokens(text)) == text


class TestSimilarity:
    """Similarity is in [0, 1] and 1 only for identical text."""

    @given(words, words)
    def test_range(self, old: str, new: str) -> None:
        """In [0, 1], and 1 exactly when the texts are equal."""
        score = similarity(old, new)
        assert 0.0 <= score <= 1.0
        assert (score == 1.0) == (old == new)

    def test_white_space_counts(self) -> None:
        """Texts differing only in spacing are alike but not identical."""
        assert 0.5 < similarity("a b c", "a  b c") < 1.0
