"""Shared fixtures: small repositories written on the fly, and the shipped one."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "positions"

# Debian's chromium, driven by Playwright in the browser tests (never a downloaded one).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DOCUMENT = """\
id: doc
title: A document
organisation: A council
owner: Cabinet
"""

VERSION = """\
version: "v1"
date: 2024-01-01
status: endorsed
sections:
  - id: s1
    title: One
    statements:
      - id: a
        text: First.
"""

MEETING = """\
meeting:
  id: m1
  body: Cabinet
  date: 2024-02-01
comments:
  - id: "1"
    kind: comment
    text: Say more.
"""

MakeRepo = Callable[..., Path]

# No hypothesis deadline or too-slow check: both are absolute times, and on a
# loaded machine the first example (which imports regex, jinja and the like)
# can take 20x the rest. The house rule is never to assert an absolute time.
settings.register_profile("policypos", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("policypos")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/ from the current output instead of comparing with it.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """Write a repository: ``doc/document.yaml`` plus the files given as ``{relative path: text}``.

    Pass ``document=None`` to leave document.yaml out.
    """

    def make(
        files: dict[str, str | bytes] | None = None, *, document: str | None = DOCUMENT
    ) -> Path:
        root = tmp_path / "positions"
        root.mkdir(exist_ok=True)
        all_files: dict[str, str | bytes] = {}
        if document is not None:
            all_files["doc/document.yaml"] = document
        all_files.update(files or {})
        for relative, content in all_files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped positions/ that a test may change."""
    return Path(shutil.copytree(SHIPPED, tmp_path / "shipped"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless chromium from Debian, through Playwright; skipped where either is missing."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install '.[test]')"
    )
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def serious_axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on an open Playwright *page*, one line each.

    Skips the test where axe-playwright-python is missing; fails if axe checked nothing.
    """
    axe = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="axe-playwright-python is not installed (pip install '.[test]')",
    )
    response = axe.Axe().run(page).response
    assert response["passes"], "axe-core checked nothing"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
