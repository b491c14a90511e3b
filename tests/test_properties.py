"""Properties of the loader over generated input: it never raises anything but its own error."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from policypos import LoadError, Statement, StatementKind, Status, load_meeting, load_version

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


class TestOnlyOwnErrors:
    """Whatever the input, loading returns a record or raises LoadError, nothing else."""

    @given(st.binary(max_size=400))
    @settings(max_examples=300)
    def test_arbitrary_bytes(self, data: bytes) -> None:
        """Random bytes."""
        for load in (load_version, load_meeting):
            with contextlib.suppress(LoadError):
                load(data, "x.yaml")

    @given(yaml_shaped)
    @settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
    def test_arbitrary_yaml(self, data: Any) -> None:
        """Well-formed YAML of any shape, using the format's own key names."""
        text = dump(data)
        for load in (load_version, load_meeting):
            problems: tuple[object, ...] = ("loaded",)
            try:
                load(text, "x.yaml")
            except LoadError as exc:
                problems = exc.problems
            assert problems, "a LoadError always says what is wrong"

    @given(st.text(max_size=300))
    @settings(max_examples=300)
    def test_arbitrary_text(self, text: str) -> None:
        """Any string, including lone surrogates and control characters."""
        with contextlib.suppress(LoadError):
            load_version(text, "x.yaml")


statements = st.builds(
    Statement,
    id=ids,
    text=texts,
    kind=st.sampled_from(StatementKind),
    tags=st.lists(ids, max_size=3).map(tuple),
    addresses=st.lists(st.tuples(ids, ids).map("/".join), max_size=2).map(tuple),
    note=st.none() | texts,
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
        assert loaded.sections[0].title == title
        assert list(loaded.sections[0].statements) == body
