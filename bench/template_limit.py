"""What the limits on a user's template cost a normal render.

The annex of a version of 10,000 statements (bench/diff.py's) is written as
HTML through a user template (a copy of the built-in ``annex.html.j2``, so it
runs in the sandbox) with the limits on
(``Options.time_limit`` at its default: a timer thread, the output counted
as it is written, and the size and memory limits: every text and list the
template builds counted), with the time limit off (``time_limit=None``: the
other limits still on), and as it was rendered before there were limits (the
same template in Jinja's own ``ImmutableSandboxedEnvironment`` with our
filters, its plain ``render``), the baseline, all in the same run.
Printed: each as a multiple of the baseline (target: at most 1.05x), and the
most memory the limited render held beyond what the process held when it
began, as the memory limit's own readings saw it.
Run: ``make bench`` or ``python bench/template_limit.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of
from diff import make_pair

from policypos import Document, load_version
from policypos.documents import annex
from policypos.render import (
    TEMPLATE_MEMORY_LIMIT,
    Options,
    _configured,
    _memory_in_use,
    templates_dir,
    write_document,
)


def _peak_growth(work: Callable[[], object]) -> int:
    """The most memory *work* held beyond its start, as the memory limit's readings saw it."""
    from policypos import render

    readings: list[int] = []

    def spy() -> int | None:
        now = _memory_in_use()
        if now is not None:
            readings.append(now)
        return now

    render._memory_in_use = spy
    try:
        work()
    finally:
        render._memory_in_use = _memory_in_use
    return max(readings) - readings[0] if readings else 0


def _uncapped(path: Path) -> Any:
    """*path* as a sandboxed template with none of our limits: the baseline."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(path.parent), jinja2.FileSystemLoader(templates_dir())]
    )
    return _configured(ImmutableSandboxedEnvironment, loader).get_template(path.name)


def main(n: int = 10_000, runs: int = 3) -> None:
    _, text = make_pair(n)
    version = load_version(text, "v2.yaml")
    document = Document.create("doc", "A document", "A council", "A board", versions=(version,))
    record = annex(document, version)
    when = dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory() as scratch:
        mine = Path(scratch) / "mine.html.j2"
        shutil.copy(templates_dir() / "annex.html.j2", mine)
        plain = _uncapped(mine)
        limited = Options(format="html", date=when, template=mine)
        unlimited = Options(format="html", date=when, template=mine, time_limit=None)
        works: dict[str, Callable[[], object]] = {
            "baseline": partial(plain.render, doc=record, kind="annex"),
            "time limit off": partial(write_document, "annex", record, unlimited),
            "limits on": partial(write_document, "annex", record, limited),
        }
        grown = _peak_growth(partial(write_document, "annex", record, limited))
        timings: dict[str, float] = {}
        for _ in range(2):  # interleaved, so that a busy moment hits each alike
            for name, work in works.items():
                took = best_of(runs, work)
                timings[name] = min(timings.get(name, took), took)
    print(f"{n:,} statements: an annex through a user template, as a multiple of the baseline")
    for name in ("time limit off", "limits on"):
        ratio = timings[name] / timings["baseline"]
        print(f"  {name:<15} {ratio:5.3f}x (target at most 1.05x)")
    print(
        f"  memory taken by the limited render: {grown / 1e6:.0f} MB "
        f"(the memory limit: {TEMPLATE_MEMORY_LIMIT / 1e6:.0f} MB)"
    )


if __name__ == "__main__":
    main()
