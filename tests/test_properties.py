"""Properties of the loader over generated input: it never raises anything but its own error."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from policypos import (
    LoadError,
    Meeting,
    Problem,
    Statement,
    StatementKind,
    Status,
    Version,
    load_meeting,
    load_version,
)

Loader = Callable[[bytes | str, str], Version | Meeting]

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,12}", fullmatch=True)
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff") | st.just("\n"),
    min_size=1,
    max_size=80,
)
keys = st.sampled_from(
    [
        "version",
        "date",
        "status",
        "sections",
        "id",
        "title",
        "statements",
        "text",
        "kind",
        "tags",
        "addresses",
        "note",
        "intro",
        "based_on",
        "meeting",
        "comments",
        "body",
        "on",
        "disposition",
        "response",
        "referred_to",
        "reviews",
        "other",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    texts,
    ids,
    st.dates(),
    st.sampled_from(["draft", "endorsed", "position", "open", "m/1", "2024-01-01"]),
)
yaml_shaped = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=30,
)


def dump(data: Any) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


def assert_record_or_located_errors(load: Loader, data: bytes | str) -> None:
    """Loading *data* gives a record of the kind asked for, or a LoadError that says what is wrong.

    Each of its problems is an error, reported against the file named, at a
    line the file has (or just past its end, where the YAML stopped short).
    """
    problems: tuple[Problem, ...] = ()
    try:
        record: Version | Meeting | None = load(data, "x.yaml")
    except LoadError as exc:
        record, problems = None, exc.problems
    if record is not None:
        assert isinstance(record, Version if load is load_version else Meeting)
        return
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    last_line = len(text.splitlines()) + 1  # Python's line breaks include all of YAML's
    assert problems, "a LoadError always says what is wrong"
    for problem in problems:
        assert problem.is_error, problem
        assert problem.location is not None, problem
        assert problem.location.path == Path("x.yaml"), problem
        assert problem.location.line is None or 1 <= problem.location.line <= last_line, problem


class TestOnlyOwnErrors:
    """Whatever the input, loading returns a record or raises LoadError, nothing else."""

    @given(st.binary(max_size=400))
    @settings(max_examples=300)
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Random bytes."""
        for load in (load_version, load_meeting):
            assert_record_or_located_errors(load, data)

    @given(yaml_shaped)
    # No deadline: a slow example on a busy machine is not a defect of the loader.
    @settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_arbitrary_yaml(self, data: Any) -> None:
        """Well-formed YAML of any shape, using the format's own key names."""
        text = dump(data)
        for load in (load_version, load_meeting):
            assert_record_or_located_errors(load, text)

    # Hypothesis never draws lone surrogates of its own accord: they are added here.
    @given(st.text(st.characters() | st.integers(0xD800, 0xDFFF).map(chr), max_size=300))
    @settings(max_examples=300)
    def test_arbitrary_text(self, text: str) -> None:
        """Any string, including lone surrogates and control characters."""
        assert_record_or_located_errors(load_version, text)

    def test_lone_surrogate(self) -> None:
        """A string no file could hold (a lone surrogate) is a located error, not a crash."""
        with pytest.raises(LoadError) as caught:
            load_version("version: v1\ntitle: a\ud800b\n", "x.yaml")
        assert [str(p) for p in caught.value.problems] == [
            "x.yaml:2:9: error: character U+D800 is a lone surrogate, which UTF-8 cannot encode"
        ]


statements = st.builds(
    Statement,
    id=ids,
    text=texts,
    kind=st.sampled_from(StatementKind),
    tags=st.lists(ids, max_size=3).map(tuple),
    addresses=st.lists(st.tuples(ids, ids).map("/".join), max_size=2).map(tuple),
    # A note is one paragraph: the line breaks that close it are not kept (docs/format.md).
    note=st.none() | texts.map(lambda text: text.rstrip("\n")),
)


class TestRoundTrip:
    """What the format can say, the loader reads back exactly."""

    @given(
        version_id=ids,
        date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
        status=st.sampled_from(Status),
        title=texts,
        body=st.lists(statements, max_size=5, unique_by=lambda s: s.id),
    )
    @settings(max_examples=150)
    def test_version(
        self, version_id: str, date: dt.date, status: Status, title: str, body: list[Statement]
    ) -> None:
        """A version written as YAML loads back with every field as written."""
        data = {
            "version": version_id,
            "date": date.isoformat(),
            "status": status.value,
            "sections": [
                {
                    "id": "s",
                    "title": title,
                    "statements": [
                        {
                            "id": s.id,
                            "text": s.text,
                            "kind": s.kind.value,
                            "tags": list(s.tags),
                            "addresses": list(s.addresses),
                            **({"note": s.note} if s.note is not None else {}),
                        }
                        for s in body
                    ],
                }
            ],
        }
        loaded = load_version(dump(data), f"{version_id}.yaml")
        assert (loaded.id, loaded.date, loaded.status) == (version_id, date, status)
        # A title is one paragraph: the line breaks that close it are not kept (docs/format.md).
        assert loaded.sections[0].title == title.rstrip("\n")
        assert list(loaded.sections[0].statements) == body
