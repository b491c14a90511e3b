"""Writes survive being killed: a file is old or new, never half, and an endorse lands whole."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

import policypos
from policypos import _writing, edit
from policypos.edit import Edit, FileChange

GS = "going-straight"
KILLS = 200


def flipped(composed: Edit) -> tuple[Edit, Edit]:
    """The edit and its undoing, so that a writer can go back and forth for ever."""
    forth = composed
    back = Edit(
        composed.root,
        tuple(FileChange(c.path, c.after, c.before or b"") for c in composed.changes),
    )
    return forth, back


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_killed_writers_leave_old_or_new_files(shipped: Path) -> None:
    """SIGKILL a process writing edits at random moments, 200 times: nothing is ever half-written."""
    one = flipped(policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted"))
    both = flipped(policypos.endorse(shipped, GS, "2024", "sscb-2024-07"))
    states = {
        "one": [tuple(c.before for c in one[0].changes), tuple(c.after for c in one[0].changes)],
        "both": [tuple(c.before for c in both[0].changes), tuple(c.after for c in both[0].changes)],
    }
    paths = {"one": one[0].paths, "both": both[0].paths}
    rng = random.Random(11)
    seen: set[tuple[str, int]] = set()
    rolled_forward = 0
    every = {("one", 0), ("one", 1), ("both", 0), ("both", 1)}
    kills = 0
    # At least KILLS kills, and on until each file has been caught in both
    # states: on a loaded machine a writer may not finish a flip in the first
    # few milliseconds, so later rounds wait longer before the kill.
    while kills < KILLS or (seen != every and kills < 5 * KILLS):
        kills += 1
        pid = os.fork()
        if pid == 0:  # the writer: flip both edits until killed
            try:
                while True:
                    for name, (forth, back) in (("one", one), ("both", both)):
                        now = tuple(p.read_bytes() for p in paths[name])
                        policypos.apply_edit(forth if now == states[name][0] else back)
            except BaseException:  # any failure in the child fails the test
                os._exit(3)
        time.sleep(rng.uniform(0, 0.03 * (1 + kills // KILLS)))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), "the writer stopped on its own: it failed"
        if (shipped / edit.JOURNAL).exists():
            rolled_forward += 1
        policypos.recover(shipped)
        assert not (shipped / edit.JOURNAL).exists()
        assert not list(shipped.rglob(f"*{_writing.TEMP_SUFFIX}"))
        for name in ("one", "both"):
            now = tuple(p.read_bytes() for p in paths[name])
            assert now in states[name], f"{name}: a file is neither old nor new"
            seen.add((name, states[name].index(now)))
    print(f"killed {kills} writers; {rolled_forward} left a journal", file=sys.stderr)
    assert seen == every
    assert [p for p in policypos.check(shipped) if p.is_error] == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_writer_waits_for_the_lock(shipped: Path) -> None:
    """While one process holds the repository's lock, another's edit waits, then lands."""
    composed = policypos.set_comment(shipped, GS, "sscb-2024-07/9", disposition="noted")
    (change,) = composed.changes
    ready, go = os.pipe()
    pid = os.fork()  # before the lock is taken: a child must not inherit the lock's handle
    if pid == 0:
        try:
            os.read(ready, 1)
            policypos.apply_edit(composed)
        finally:
            os._exit(0)
    with _writing.locked(shipped):
        os.write(go, b"!")
        time.sleep(0.3)
        assert change.path.read_bytes() == change.before  # the child is waiting
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert change.path.read_bytes() == change.after
