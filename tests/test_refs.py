"""Version references as users write them (FORMAT.md section 5), through the Python API."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policypos import ReferenceSyntaxError, VersionRef, open_repository
from tests.conftest import SHIPPED


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("going-straight", VersionRef("going-straight")),
        ("going-straight@2024", VersionRef("going-straight", "2024")),
        ("going-straight@2024~HEAD~1", VersionRef("going-straight", "2024", "HEAD~1")),
        ("going-straight@2024~main@{2}", VersionRef("going-straight", "2024", "main@{2}")),
        ("going-straight@2024~v1.0^", VersionRef("going-straight", "2024", "v1.0^")),
    ],
)
def test_parse_and_print(text: str, parsed: VersionRef) -> None:
    """A revision is everything after the first ~ following the version; str() gives the text back."""
    assert VersionRef.parse(text) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "@2024",
        "going-straight@",
        "going straight",
        "going-straight~HEAD",
        "gs@2024~-x",
        "gs@2024~\x00",
        "gs@2024~main..HEAD",
        "gs@2024~HEAD^!",
        "gs@2024~HEAD:gs/versions/2024.yaml",
        "gs@HEAD:x",
    ],
)
def test_malformed(text: str) -> None:
    """Anything else is a ReferenceSyntaxError, never a call to git."""
    with pytest.raises(ReferenceSyntaxError):
        VersionRef.parse(text)


def test_revision_without_version() -> None:
    """Built by hand without a version, a revision cannot be read: say how to write it."""
    with pytest.raises(ReferenceSyntaxError, match="DOC@VERSION~REV"):
        VersionRef("going-straight", None, "HEAD").resolve(open_repository(SHIPPED))


@given(st.text(max_size=40))
def test_any_text_parses_or_is_refused(text: str) -> None:
    """Whatever is typed, parse returns a reference or raises ReferenceSyntaxError; a revision
    it accepts never starts with '-' nor holds white space, control characters, ':' or '..'."""
    try:
        ref = VersionRef.parse(text)
    except ReferenceSyntaxError:
        return
    assert str(ref) == text
    if ref.revision is not None:
        assert not ref.revision.startswith("-")
        assert not any(c.isspace() or ord(c) < 32 for c in ref.revision)
        assert ":" not in ref.revision
        assert ".." not in ref.revision


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("going-straight~HEAD", "so name the version, as going-straight@VERSION~HEAD"),
        (
            "going-straight~HEAD~1@2024",
            "so it goes after the version, as going-straight@2024~HEAD~1",
        ),
    ],
)
def test_revision_before_the_version(text: str, told: str) -> None:
    """A revision where no version precedes it is told what it lacks, not every form there is."""
    with pytest.raises(ReferenceSyntaxError, match=re.escape(told)):
        VersionRef.parse(text)
