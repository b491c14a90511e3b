"""A user's template that would run for ever, or write without end, is stopped with one line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policypos import documents, open_repository
from policypos.cli import cli
from policypos.errors import RenderError
from policypos.render import (
    TEMPLATE_OUTPUT_LIMIT,
    TEMPLATE_TIME_LIMIT,
    Options,
    render_annex,
    write_document,
)
from tests.conftest import SHIPPED

# Each stays under the sandbox's caps (range 100,000; "*" 1,000,000) and would
# run for hours: nested loops, a loop over a long text with an empty body
# (which calls no hook the sandbox could check), and a macro calling itself twice.
HOSTILE = {
    "nested-ranges": (
        "Title\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        2,
    ),
    "empty-loops": (
        '{% set xs = "x" * 1000000 %}\nTitle\n'
        "{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}\n",
        3,
    ),
    "recursive-macro": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n"
        "Title\n{{ f(80) }}\n",
        1,
    ),
}
STOPPED = (
    "error: the template ran for more than 0.5 s (the time limit) and was stopped: look for "
    "a loop that never ends or a macro that calls itself; a template that is only slow can "
    "be given more with --time-limit"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--repo", str(SHIPPED), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def annex() -> documents.Annex:
    document = open_repository(SHIPPED).document("going-straight")
    return documents.annex(document, document.version("2024"))


class TestTimeLimit:
    """--time-limit / Options.time_limit stop a template that loops, naming it and its line."""

    @pytest.mark.parametrize("name", sorted(HOSTILE))
    def test_cli(self, tmp_path: Path, name: str) -> None:
        """One compiler-style line, exit 2, in about the limit; nothing on stdout."""
        source, line = HOSTILE[name]
        template = tmp_path / "loop.md.j2"
        template.write_text(source)
        started = time.monotonic()
        result = run(
            "render", "annex", "going-straight@2024", "--template", str(template),
            "--time-limit", "0.5",
        )  # fmt: skip
        took = time.monotonic() - started
        assert result.exit_code == 2
        assert result.stderr == f"{template}:{line}: {STOPPED}\n"
        assert result.stdout == ""
        assert took < 30  # a bound on a hang, not a timing: the limit is 0.5 s

    def test_api_and_html(self, tmp_path: Path, annex: documents.Annex) -> None:
        """The API raises RenderError; an HTML template is stopped the same way."""
        template = tmp_path / "loop.html.j2"
        template.write_text(HOSTILE["recursive-macro"][0])
        options = Options(format="html", template=template, time_limit=0.5)
        with pytest.raises(RenderError) as caught:
            write_document("annex", annex, options)
        assert str(caught.value) == f"{template}:1: {STOPPED}"
        document = open_repository(SHIPPED).document("going-straight")
        with pytest.raises(RenderError, match="the time limit"):
            render_annex(document, document.version("2024"), options=options)

    def test_fast_templates_are_never_interrupted_late(
        self, tmp_path: Path, annex: documents.Annex
    ) -> None:
        """A limit that falls as a render ends stops it or not, but never fires after it."""
        template = tmp_path / "quick.md.j2"
        template.write_text("{% for s in doc.sections %}{{ s.title }}\n{% endfor %}")
        options = Options(template=template, time_limit=0.0005)
        outcomes = set()
        for _ in range(300):
            try:
                write_document("annex", annex, options)
                outcomes.add("done")
            except RenderError:
                outcomes.add("stopped")
            time.sleep(0.0002)  # where an exception raised late would land
        assert outcomes <= {"done", "stopped"}

    def test_defaults(self) -> None:
        """Ten seconds by default, in the API and on the command line alike."""
        assert Options().time_limit == TEMPLATE_TIME_LIMIT == 10.0
        shown = run("render", "annex", "--help").stdout
        assert "--time-limit SECONDS" in shown
        assert "[default: 10.0; 0<x<=86400]" in shown

    @pytest.mark.parametrize("limit", ["nan", "inf", "1e308", "-1", "0"])
    def test_a_limit_that_would_never_stop_is_refused(self, tmp_path: Path, limit: str) -> None:
        """NaN compares false with everything and infinity never comes: neither is a limit."""
        template = tmp_path / "x.md.j2"
        template.write_text("{{ doc.title }}")
        result = run(
            "render", "annex", "going-straight@2024", "--template", str(template),
            "--time-limit", limit,
        )  # fmt: skip
        assert result.exit_code == 2
        assert "time limit" in result.stderr or "--time-limit" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout

    @pytest.mark.parametrize("limit", [float("nan"), float("inf"), 0.0, -5.0])
    def test_api_refuses_a_limit_that_would_never_stop(self, limit: float) -> None:
        with pytest.raises(RenderError, match="time limit must be a number of seconds above 0"):
            Options(time_limit=limit)

    def test_no_limit(self, tmp_path: Path, annex: documents.Annex) -> None:
        """time_limit=None runs the template unlimited (what it writes is the same)."""
        template = tmp_path / "t.md.j2"
        template.write_text("{{ doc.title }}")
        assert write_document("annex", annex, Options(template=template, time_limit=None)) == (
            "Going Straight: reducing re-offending"
        )


class TestOutputLimit:
    """A template that writes without end is stopped before it fills memory."""

    FLOOD = (
        'Title\n{% set x = "x" * 1000000 %}\n{% for i in range(100000) %}\n{{ x }}\n{% endfor %}\n'
    )
    SAID = (
        f"error: the template wrote more than {TEMPLATE_OUTPUT_LIMIT:,} characters (the output "
        "limit) and was stopped: look for a loop that never ends"
    )

    def test_cli(self, tmp_path: Path) -> None:
        """One line naming the template line that was writing, as the time limit does."""
        template = tmp_path / "flood.md.j2"
        template.write_text(self.FLOOD)
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2
        assert result.stderr == f"{template}:4: {self.SAID}\n"

    def test_api_line_in_a_block(self, tmp_path: Path, annex: documents.Annex) -> None:
        """The line is found inside a block of a template that extends another, too."""
        (tmp_path / "base.md.j2").write_text("Head\n{% block body %}{% endblock %}\n")
        template = tmp_path / "flood.md.j2"
        template.write_text(
            '{% extends "base.md.j2" %}\n{% block body %}\n'
            + self.FLOOD.removeprefix("Title\n")
            + "{% endblock %}\n"
        )
        with pytest.raises(RenderError) as raised:
            write_document("annex", annex, Options(template=template))
        assert str(raised.value) == f"{template}:5: {self.SAID}"

    def test_just_under_the_limit_is_written(self, tmp_path: Path, annex: documents.Annex) -> None:
        """The limit is on characters written: a large but bounded output goes through."""
        template = tmp_path / "large.md.j2"
        template.write_text(
            '{% set x = "x" * 1000000 %}{% for i in range(49) %}{{ x }}{% endfor %}'
        )
        written = write_document("annex", annex, Options(template=template))
        assert len(written) == 49_000_000


class TestIncludes:
    """A template includes only its neighbours and the built-ins; anything else is one line."""

    @pytest.mark.parametrize(
        ("tag", "name"),
        [
            ('{% include "/etc/passwd" %}', "/etc/passwd"),
            ('{% include "../secret.md.j2" %}', "../secret.md.j2"),
            ('{% import "/etc/passwd" as x %}', "/etc/passwd"),
            ('{% extends "missing.md.j2" %}', "missing.md.j2"),
        ],
        ids=["absolute", "parent", "import", "missing"],
    )
    def test_cli(self, tmp_path: Path, tag: str, name: str) -> None:
        (tmp_path / "secret.md.j2").write_text("secret\n")
        folder = tmp_path / "mine"
        folder.mkdir()
        template = folder / "t.md.j2"
        template.write_text(f"Title\n{tag}\n")
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2
        assert result.stderr == (
            f"{template}:2: error: cannot include {name!r}: a template can include, import or "
            f"extend only the files in its own folder ({folder.resolve()}) and below it, named "
            "relative to it (no '..', no absolute path), and the built-in templates\n"
        )
        assert "secret" not in result.stdout

    def test_api_neighbours_and_built_ins_are_included(
        self, tmp_path: Path, annex: documents.Annex
    ) -> None:
        """A file beside it, one below it, and a built-in template are all found."""
        (tmp_path / "parts").mkdir()
        (tmp_path / "parts/foot.md.j2").write_text("Foot\n")
        (tmp_path / "head.md.j2").write_text("Head\n")
        template = tmp_path / "t.md.j2"
        template.write_text(
            '{% include "head.md.j2" %}{% include "parts/foot.md.j2" %}{% include "annex.md.j2" %}'
        )
        written = write_document("annex", annex, Options(template=template))
        assert isinstance(written, str)
        assert written.startswith("Head\nFoot\n")
        template.write_text('{% include "nope.j2" %}')
        with pytest.raises(RenderError, match=r"t.md.j2:1: error: cannot include 'nope.j2'"):
            write_document("annex", annex, Options(template=template))
