"""A user's template that would run for ever, or write without end, is stopped with one line."""

from __future__ import annotations

import ctypes
import re
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


# Each builds a text or list that doubles (or asks for a billion characters at
# once): without the size limit each reached gigabytes in seconds.
_LOOP = (
    "{%% set ns = namespace(s=%s) %%}{%% for i in range(40) %%}%s{%% endfor %%}{{ ns.s|length }}"
)
_NESTED = _LOOP % ('["xxxxxxxxxx"]', "{% set ns.s = [ns.s, ns.s] %}")
TEXT = "a text of {:,} characters is too large (the size limit is 10,000,000)"
GROWING = {
    "tilde": (_LOOP % ('"x"', "{% set ns.s = ns.s ~ ns.s %}"), TEXT.format(2**24)),
    "plus": (_LOOP % ('"x"', "{% set ns.s = ns.s + ns.s %}"), TEXT.format(2**24)),
    "times": (
        _LOOP % ('"x"', "{% set ns.s = ns.s * 2 %}"),
        "repeating 8,388,608 2 times is too large (more than 10,000,000 characters",
    ),
    "percent": (_LOOP % ('"x"', '{% set ns.s = "%s%s" % (ns.s, ns.s) %}'), TEXT.format(2**24 + 4)),
    "str-format": (
        _LOOP % ('"x"', '{% set ns.s = "{}{}".format(ns.s, ns.s) %}'),
        TEXT.format(2**24 + 4),
    ),
    "format-filter": (
        _LOOP % ('"x"', '{% set ns.s = "%s%s"|format(ns.s, ns.s) %}'),
        TEXT.format(2**24 + 4),
    ),
    "join-filter": (_LOOP % ('"x"', "{% set ns.s = [ns.s, ns.s]|join %}"), TEXT.format(2**24)),
    "join-method": (
        _LOOP % ('"x"', '{% set ns.s = "".join([ns.s, ns.s]) %}'),
        TEXT.format(2**24),
    ),
    "replace-method": (
        _LOOP % ('"x"', '{% set ns.s = ns.s.replace("x", "xx") %}'),
        TEXT.format(2**24),
    ),
    "replace-filter": (
        _LOOP % ('"x"', '{% set ns.s = ns.s|replace("x", "xx") %}'),
        TEXT.format(2**24),
    ),
    "set-block": (
        _LOOP % ('"x"', "{% set t %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = t %}"),
        TEXT.format(2**24),
    ),
    "macro": (
        "{% macro d(s) %}{{ s }}{{ s }}{% endmacro %}"
        + _LOOP % ('"x"', "{% set ns.s = d(ns.s) %}"),
        TEXT.format(2**24),
    ),
    "recursion": (
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}"
        '{{ d("x", 40) }}',
        TEXT.format(2**24),
    ),
    "list-plus": (
        _LOOP % ("[1]", "{% set ns.s = ns.s + ns.s %}"),
        "a list of 1,048,576 items is too large (the size limit is 1,000,000)",
    ),
    "nested-printed": (_NESTED.replace("{{ ns.s|length }}", "{{ ns.s }}"), "a text of 21,990,"),
    "nested-string": (_NESTED.replace("ns.s|length", "ns.s|string|length"), "a text of 21,990,"),
    "nested-upper": (_NESTED.replace("ns.s|length", "ns.s|upper|length"), "a text of 21,990,"),
    "nested-join": (_NESTED.replace("{{ ns.s|length }}", "{{ ns.s|join }}"), "a text of 21,990,"),
    "center-method": ('{{ "x".center(1000000000) }}', TEXT.format(10**9)),
    "center-filter": ('{{ "x"|center(1000000000) }}', TEXT.format(10**9)),
    "percent-width": ('{{ "%01000000000d" % 1 }}', TEXT.format(10**9 + 13)),
    "format-width": ('{{ "{:>1000000000}".format(1) }}', TEXT.format(10**9 + 14)),
    "indent": ('{{ ("\\n" * 1000000)|indent(1000) }}', TEXT.format(1_001_001_000)),
    "lipsum": ("{{ lipsum(10000000) }}", "'lipsum' is undefined"),
    # Counted before they are built: after, they would already be terabytes.
    "join-many": (
        '{% set s = "x" * 10000000 %}{{ "".join([s] * 1000000) }}',
        TEXT.format(10**13),
    ),
    "join-filter-many": (
        '{% set s = "x" * 10000000 %}{{ ([s] * 1000000)|join }}',
        TEXT.format(10**13),
    ),
    "replace-every": (
        '{% set s = "x" * 10000000 %}{{ s.replace("", s) }}',
        TEXT.format(10**14 + 2 * 10**7),
    ),
}


class TestSizeLimit:
    """A template that builds a huge text or list is stopped at the line, before memory fills."""

    @pytest.mark.parametrize(("code", "said"), GROWING.values(), ids=GROWING.keys())
    def test_cli(self, tmp_path: Path, code: str, said: str) -> None:
        template = tmp_path / "grow.md.j2"
        template.write_text(f"Title\n{code}\n")
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{template}:2: error: {said}")
        assert result.stderr.count("\n") == 1
        assert result.stdout == ""

    def test_api(self, tmp_path: Path, annex: documents.Annex) -> None:
        """render_annex raises RenderError with the same line; texts up to the limit are built."""
        template = tmp_path / "grow.html.j2"
        template.write_text("<p>\n" + GROWING["tilde"][0] + "\n</p>\n")
        document = open_repository(SHIPPED).document("going-straight")
        options = Options(format="html", template=template)
        with pytest.raises(
            RenderError, match=re.escape(f"grow.html.j2:2: error: {TEXT.format(2**24)}")
        ):
            render_annex(document, document.version("2024"), options=options)
        template.write_text(
            '{% set s = "x" * 5000000 %}{% set t %}{{ s }}{{ s }}{% endset %}'
            "{{ (s ~ s)|length }} {{ t|length }} {{ [s, s]|join|length }}"
        )
        written = write_document("annex", annex, Options(template=template))
        assert written == "10000000 10000000 10000000"

    def test_memory_limit_cli(self, tmp_path: Path) -> None:
        """Many texts each under the size limit (a macro recursing with copies): the memory limit."""
        template = tmp_path / "keep.md.j2"
        template.write_text(
            'Title\n{% set s = "x" * 10000000 %}\n'
            '{% macro m(t, n) %}{% if n %}{{ m(t ~ "", n - 1) }}{% endif %}{% endmacro %}\n'
            "{{ m(s, 100) }}\n"
        )
        result = run("render", "annex", "going-straight@2024", "--template", str(template))
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"{template}:3: error: the template took more than 100 MB of memory (the memory "
            "limit) and was stopped: look for a macro that calls itself with long texts, or "
            "long texts kept in a loop\n"
        )

    def test_memory_limit_api(
        self, tmp_path: Path, annex: documents.Annex, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The limit is on memory taken beyond the start: under it, the same template renders."""
        from policypos import render

        template = tmp_path / "keep.md.j2"
        template.write_text(
            '{% set s = "x" * 4000000 %}'
            '{% macro m(t, n) %}{% if n %}{{ m(t ~ "", n - 1) }}{% endif %}{% endmacro %}'
            "{{ m(s, 5) }}done"
        )
        assert write_document("annex", annex, Options(template=template)) == "done"
        monkeypatch.setattr(render, "TEMPLATE_MEMORY_LIMIT", 10_000_000)
        # Memory this long test process freed earlier may still be held by the
        # allocator and reused without the process growing: hand it back first.
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (AttributeError, OSError):  # not glibc
            pytest.skip("needs glibc's malloc_trim to measure from a clean start")
        with pytest.raises(
            RenderError, match=r"keep\.md\.j2:1: error: the template took more than"
        ):
            write_document("annex", annex, Options(template=template))
