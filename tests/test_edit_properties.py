"""Random sequences of edits on the shipped repository: it validates after every step."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import policypos
from policypos.errors import EditError, NotFoundError
from policypos.model import Disposition, Status
from tests.conftest import SHIPPED

GS = "going-straight"
IDS = st.sampled_from(["1", "2.1", "1.10", "2005", "true", "null", "a-b", "x_y"])
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
    | st.sampled_from(["\n", " ", ":", "#", "-", "'", '"', ">", "|", "{", "["]),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip() != "")
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


Step = tuple[Callable[[], policypos.Edit], bool | None]


def step(data: st.DataObject, root: Path, n: int) -> Step:
    """Draw one edit, of any command, with arguments taken from what the repository holds.

    Returns the composing call, and whether it must succeed (a refusal would be a
    bug); ``None`` for ``fmt``, which must succeed and leaves every file canonical.
    """
    document = policypos.open_repository(root).document(GS)
    versions = [v.id for v in document.versions]
    drafts = [v.id for v in document.versions if v.status in (Status.DRAFT, Status.PROPOSED)]
    meetings = [m.id for m in document.meetings]
    comments = [c.ref for c in document.comments()]
    command = data.draw(
        st.sampled_from(["new", "restore", "add", "add-new", "set", "cite", "endorse", "fmt"])
    )
    if command == "new":
        source, date = data.draw(st.sampled_from(versions)), data.draw(DATES)
        return lambda: policypos.new_version(root, GS, source, f"v{n}", date), True
    if command == "restore":
        old = data.draw(st.sampled_from(versions))
        return lambda: policypos.restore(root, GS, old, f"r{n}"), old != versions[-1]
    if command in ("add", "add-new"):
        comment_id, text = data.draw(IDS), data.draw(TEXT)
        by = data.draw(st.none() | TEXT.map(lambda t: " ".join(t.split())))
        if command == "add":
            meeting = data.draw(st.sampled_from(meetings))
            used = comment_id in [c.id for c in document.meeting(meeting).comments]
            return lambda: policypos.add_comment(
                root, GS, meeting, comment_id, text, by=by
            ), not used
        body, date = data.draw(TEXT.map(lambda t: " ".join(t.split()))), data.draw(DATES)
        # Nothing can have been said at a meeting still to come: refused.
        return lambda: policypos.add_comment(
            root, GS, f"m{n}", comment_id, text, body=body, date=date, kind="question"
        ), date <= dt.date.today()
    if command == "set":
        ref = data.draw(st.sampled_from(comments))
        disposition = data.draw(st.sampled_from(list(Disposition)))
        response = data.draw(st.none() | TEXT)
        cited = any(ref in v.citations() for v in document.versions)
        return lambda: policypos.set_comment(
            root, GS, ref, disposition=disposition, response=response
        ), cited or not disposition.needs_citation
    if command == "cite":
        version = data.draw(st.sampled_from(drafts or versions))
        places = [s.id for s in document.version(version).sections] + list(
            document.version(version).paragraph_numbers()
        )
        place, ref = data.draw(st.sampled_from(places)), data.draw(st.sampled_from(comments))
        remove = data.draw(st.booleans())
        return lambda: policypos.cite(root, GS, version, place, ref, remove=remove), False
    if command == "endorse":
        version, meeting = (
            data.draw(st.sampled_from(versions)),
            data.draw(st.sampled_from(meetings)),
        )
        held = document.version(version)
        newer = [v for v in document.versions if v.status is Status.ENDORSED and v.date > held.date]
        # The meeting's date is the day it comes into force: not before the version
        # was written, and after the version it replaces came into force.
        on = document.meeting(meeting).date
        in_force = [
            document.endorsed_on(v)
            for v in document.versions
            if v.status is Status.ENDORSED and v.id != version
        ]
        dated_well = on >= held.date and all(d is None or on > d for d in in_force)
        return lambda: policypos.endorse(root, GS, version, meeting), (
            held.status in (Status.DRAFT, Status.PROPOSED) and not newer and dated_well
        )
    return lambda: policypos.format_files(root), None


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_edits_keep_the_repository_valid(data: st.DataObject) -> None:
    """Any sequence of edits, applied or refused, leaves a repository with no errors."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(shutil.copytree(SHIPPED, Path(scratch) / "positions"))
        crlf = data.draw(st.booleans())
        if crlf:  # a layout the writer would change: edits are spliced into the original bytes
            for path in (root / GS).rglob("*.yaml"):
                path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        crlf_files = list((root / GS).rglob("*.yaml")) if crlf else []
        for n in range(data.draw(st.integers(1, 5))):
            compose, must_succeed = step(data, root, n)
            before = snapshot(root)
            try:
                composed = compose()
            except (EditError, NotFoundError) as refusal:
                event(f"refused: {type(refusal).__name__}")
                assert not must_succeed, refusal  # noqa: PT017 - the refusal is the message
                assert snapshot(root) == before  # a refusal writes nothing
                continue
            event(f"applied: {len(composed.changes)} file(s)")
            policypos.apply_edit(composed)
            crlf = crlf and must_succeed is not None
            errors = [str(p) for p in policypos.check(root) if p.is_error]
            assert errors == [], composed.diff()
        if crlf:  # every line of a file written with CRLF still ends so (new files: LF)
            for path in crlf_files:
                assert b"\n" not in path.read_bytes().replace(b"\r\n", b""), path
        else:  # edits write the canonical layout
            assert policypos.format_files(root).changes == ()


# Words and numbers that YAML 1.1 readers (PyYAML and many other tools) read as
# booleans, nulls or numbers when they stand plain, though YAML 1.2 reads some as text.
YAML11_TRAPS = st.sampled_from(
    ["yes", "No", "ON", "off", "y", "n", "Y", "true", "null", "~", "1e3", "0x1F", "1_000",
     "12:30", "190:20:30", "017", ".inf", "=", "<<", "2025-01-01", "1.10"]
)  # fmt: skip
SHORT = YAML11_TRAPS | TEXT.map(lambda t: " ".join(t.split())).filter(bool)


def yaml11_load(data: bytes) -> Any:
    """*data* as a YAML 1.1 reader sees it: PyYAML's safe loader, else ruamel.yaml's in 1.1 mode."""
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - PyYAML comes with mkdocs
        from ruamel.yaml import YAML

        reader = YAML(typ="safe", pure=True)
        reader.version = (1, 1)
        return reader.load(data)
    return yaml.safe_load(data)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(by=SHORT, text=SHORT | TEXT, body=SHORT, item=SHORT, on=st.sampled_from(["n", "y"]))
def test_comment_add_writes_text_a_yaml11_reader_reads_as_written(
    by: str, text: str, body: str, item: str, on: str
) -> None:
    """Every string comment add writes (new meeting too) reads back as itself under YAML 1.1."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(shutil.copytree(SHIPPED, Path(scratch) / "positions"))
        statement = root / GS / "versions/2024.yaml"
        statement.write_text(statement.read_text().replace("- id: accommodation", f"- id: {on!r}"))
        composed = policypos.add_comment(
            root, GS, "m-1", "1", text, by=by, on=[on], body=body, item=item,
            date=dt.date(2025, 1, 1), kind="question",
        )  # fmt: skip
        (change,) = composed.changes
        read = yaml11_load(change.after)
        assert read["meeting"]["body"] == body
        assert read["meeting"]["item"] == item
        (comment,) = read["comments"]
        assert comment["id"] == "1"
        assert comment["by"] == by
        # The key 'on' itself is FORMAT.md's, and a YAML 1.1 reader reads it as True.
        assert comment.get("on", comment.get(True)) == [on]
        assert comment["text"].strip() == text.strip()
