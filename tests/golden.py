"""Golden files: rendered output compared with tests/golden/, rewritten by ``--update-goldens``."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str, update: bool) -> None:
    """Compare *text* with ``tests/golden/<name>``, or rewrite that file when *update* is set."""
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}: run pytest --update-goldens and review it"
    assert text == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"
