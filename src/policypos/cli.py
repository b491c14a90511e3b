"""The ``policypos`` command: a thin shell over the library.

This is the only module that prints or chooses an exit code (FORMAT.md
section 7): 0 done, 1 the command worked and found problems, 2 it could not do
what was asked. Library errors become one ``policypos: error: ...`` line each
on stderr; ``--debug`` shows the traceback instead.

At import it loads click and nothing of the library: each command imports the
modules it needs, so that ``policypos --help`` starts as a bare click program
does (tests/test_package.py holds it to that).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from policypos.changeset import ChangeSet
    from policypos.documents import BoardPaper
    from policypos.model import Comment, Document, Repository, Version
    from policypos.refs import VersionRef
    from policypos.validate import Checked

# The values of policypos.model.Disposition, spelt out so that the command's
# options can be declared without importing the model (a test keeps them equal).
_DISPOSITIONS = (
    "open",
    "addressed",
    "partially-addressed",
    "accepted",
    "fully-accepted",
    "partially-accepted",
    "rejected",
    "answered",
    "deferred",
    "referred",
    "noted",
)

_ROLES: dict[str, dict[str, Any]] = {
    "heading": {"bold": True},
    "id": {"fg": "cyan"},
    "muted": {"dim": True},
    "status": {"fg": "yellow"},
    "delete": {"fg": "red"},
    "insert": {"fg": "green"},
}


class _Options:
    """What the options said, before the command's name or after it; the repository found."""

    def __init__(self) -> None:
        self.repo: Path | None = None
        self.repo_from = "--repo"
        self.debug = False
        self.root: Path | None = None


class _Refusal(click.ClickException):
    """The command could not do what was asked: one ``policypos: error:`` line, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"policypos: error: {self.message}", err=True)


if TYPE_CHECKING:
    _DateType = click.ParamType[dt.date, Any]  # generic from click 8.2; plain before
else:
    _DateType = click.ParamType


class _Date(_DateType):
    """A date option, written YYYY-MM-DD: a :class:`datetime.date`.

    Says which is wrong: ``'2026-2-3' is not written YYYY-MM-DD`` or
    ``'2026-02-30' is not a real date (day is out of range for month)``.
    """

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        import datetime
        import re

        from policypos.errors import quoted

        if isinstance(value, datetime.date):
            return value
        text = str(value)
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            self.fail(f"{quoted(text)} is not written YYYY-MM-DD", param, ctx)
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as exc:
            self.fail(f"{quoted(text)} is not a real date ({exc})", param, ctx)


_DATE = _Date()


def _as_of_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--as-of DATE``: the comments' dispositions as they stood at the end of that day."""
    return click.option(
        "--as-of",
        type=_DATE,
        help="Read the comments' dispositions, responses and referrals as they stood at the end "
        f"of this day (YYYY-MM-DD), from their history; default: {default}.",
    )


_AT_ITS_MEETING = "as of the meeting NEW went to (its 'meeting'), else now"


class _Choice(click.Choice):  # type: ignore[type-arg]  # generic from click 8.2
    """click's choice of values, whose refusal ends ``; did you mean 'deferred'?``.

    As ``validate`` answers a misspelt disposition in a file, so the command
    line answers one typed (:func:`policypos.errors.closest`, imported only
    on the way to the message).
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            from policypos.errors import did_you_mean

            near = did_you_mean(str(value), [str(c) for c in self.choices])
            if not near:
                raise
            self.fail(exc.message.rstrip(".") + near, param, ctx)


_REPO_HELP = (
    "The positions repository (default: $POLICYPOS_REPO, else the nearest one found upward)."
)
_DEBUG_HELP = "Show tracebacks instead of one-line errors, and say which repository is read."


def _repo_given(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        from pathlib import Path  # here, not at the top: --help has no use for it

        options = ctx.ensure_object(_Options)
        options.repo = Path(value)
        from_env = ctx.get_parameter_source(param.name or "") is ParameterSource.ENVIRONMENT
        options.repo_from = "$POLICYPOS_REPO" if from_env else "--repo"


def _debug_given(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(_Options).debug = True


def _common_options(envvar: str | None = None) -> list[click.Parameter]:
    """--repo and --debug: taken before the command's name and after it alike."""
    return [
        click.Option(
            ["--repo"],
            # Not click.Path(file_okay=False): its error names --repo even when
            # $POLICYPOS_REPO gave the value (_given_repository says which did).
            type=click.Path(),
            envvar=envvar,
            callback=_repo_given,
            expose_value=False,
            help=_REPO_HELP,
        ),
        click.Option(
            ["--debug"], is_flag=True, callback=_debug_given, expose_value=False, help=_DEBUG_HELP
        ),
    ]


class _Path(click.Path):
    """click.Path that names a link that loops as one, not as a file that "does not exist"."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            from pathlib import Path

            from policypos._paths import link_loop
            from policypos.errors import quoted

            loop = link_loop(Path(value), to_holder=False)
            if loop is not None:
                self.fail(f"{quoted(value)} is {loop}", param, ctx)
        return super().convert(value, param, ctx)


class _ParsesInContext(click.Command):
    """Names the command's context in every usage error its parsing raises.

    click's parser raises some errors (``option '-o' requires an argument``,
    ``option '--dry-run' does not take a value``) without it, so
    :class:`_UsageLine` could not say which command's ``--help`` to try.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise


class _Command(_ParsesInContext):
    """A command that also takes the group's --repo and --debug after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_common_options())


class _UsageLine(click.UsageError):
    """A usage error as one line, exit code 2: ``policypos: error: MESSAGE (try '... --help')``."""

    def show(self, file: Any = None) -> None:
        message = self.format_message()
        if message[:1].isupper() and not message[1:2].isupper():
            message = message[0].lower() + message[1:]  # as every other policypos message
        if message.endswith(".") and not message.endswith(".."):
            message = message[:-1]
        hint = f" (try '{_command_path(self.ctx)} --help')" if self.ctx is not None else ""
        click.echo(f"policypos: error: {message}{hint}", file=file, err=True)


def _command_path(ctx: click.Context) -> str:
    """``policypos render annex``: the command as typed, whatever name the program ran under."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["policypos", *reversed(names)])


def _one_line(exc: click.UsageError) -> click.UsageError:
    """*exc* as a :class:`_UsageLine`; click's "no arguments: here is the help" stays help."""
    # NoArgsIsHelpError (click 8.2 on) is the help of a group run bare: kept as it is.
    help_instead = getattr(click.exceptions, "NoArgsIsHelpError", _UsageLine)
    if isinstance(exc, (_UsageLine, help_instead)):
        return exc
    return _UsageLine(exc.format_message(), exc.ctx)


INTERRUPTED = 130
"""The exit code after Ctrl-C: 128 + SIGINT, as shells report a command the signal stopped."""
BROKEN_PIPE = 141
"""The exit code when the reader of standard output went away (``| head``): 128 + SIGPIPE,
as shells report a command the signal stopped. Not click's 1, which says "found differences"."""


def _reader_gone() -> click.exceptions.Exit:
    """The exit with :data:`BROKEN_PIPE`, standard output pointed at the null device first.

    Python flushes standard output once more at exit: into the null device
    that flush succeeds quietly, where the closed pipe would print a warning.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor: a test's captured output
        pass
    return click.exceptions.Exit(BROKEN_PIPE)


class _Group(_ParsesInContext, click.Group):
    """Turns library errors into clean one-line messages unless ``--debug`` is given.

    Usage errors too (an unknown option, a missing argument, a bad value):
    click's usage, hint and message become one line (:class:`_UsageLine`).
    """

    command_class = _Command

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _one_line(exc) from exc
        except BrokenPipeError:  # --help or --version to a reader that went away
            raise _reader_gone() from None

    def invoke(self, ctx: click.Context) -> Any:
        from policypos.errors import LoadError, PolicyPosError, on_the_command_line

        try:
            with on_the_command_line():  # messages name --options, not Python's keywords
                return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from exc
        except KeyboardInterrupt:
            # Not click's "Aborted!" and exit 1, which says "worked and found
            # problems": a shell's 128 + SIGINT, so a script stops too.
            click.echo("\npolicypos: interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except BrokenPipeError:
            raise _reader_gone() from None
        except PolicyPosError as exc:
            if ctx.ensure_object(_Options).debug:
                raise
            problems = exc.problems if isinstance(exc, LoadError) else ()
            lines = [str(p) for p in problems] or [
                str(exc) if exc.located else f"policypos: error: {exc}"
            ]
            click.echo("\n".join(lines), err=True)
            ctx.exit(exc.exit_code)


@click.group(
    cls=_Group,
    params=_common_options(envvar="POLICYPOS_REPO"),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="policypos", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Version a board's policy positions: validate them, show them, follow member comments.

    The repository read is the one --repo names (before or after the command),
    else $POLICYPOS_REPO, else the nearest folder at or above the current one
    that is a positions repository or holds one as positions/.
    """
    ctx.ensure_object(_Options)
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def _format_option(choices: list[str], help: str) -> Callable[[Callable[..., Any]], Any]:
    """``--format``, ``text`` by default: every command that prints offers it."""
    return click.option(
        "--format", "fmt", type=_Choice(choices), default="text", show_default=True, help=help
    )


def _checked(ctx: click.Context) -> Checked:
    """Read and validate the whole repository, past any broken file."""
    from policypos.validate import open_checked

    return open_checked(_root(ctx))


def _root(ctx: click.Context) -> Path:
    """The repository to read: --repo, else $POLICYPOS_REPO, else the nearest one upward."""
    from pathlib import Path

    options = ctx.ensure_object(_Options)
    if options.root is None:
        if options.repo is not None:
            options.root = _given_repository(options.repo, options.repo_from)
            said = f"{options.root.resolve()} (from {options.repo_from})"
        else:
            from policypos.load import find_repository

            here = Path.cwd()
            found = find_repository(here)
            if found is None:
                raise _Refusal(
                    f"no positions repository in {here} or any folder above it "
                    "(give --repo DIR or set POLICYPOS_REPO)"
                )
            # Relative to where the user stands, so that problem paths open from here.
            options.root = Path(os.path.relpath(found, here))
            said = f"{found} (found from {here})"
        if options.debug:
            _emit(f"policypos: debug: repository {said}", err=True)
        _recover(options.root)
    return options.root


def _given_repository(given: Path, source: str) -> Path:
    """The repository *source* (--repo or $POLICYPOS_REPO) names: the folder, or its ``positions/``.

    A folder holding no document at all is refused rather than read: reading
    a home folder as positions would report every subfolder as a broken
    document. The error says which of the two named it, as the user may
    have set the variable long ago.
    """
    from policypos.errors import LoadError, Location, Problem, Severity
    from policypos.load import repository_at, why_not_a_folder

    found = repository_at(given)
    if found is not None:
        return found
    if given.is_dir():
        why = "no folder in it, nor in positions/, has a document.yaml"
    else:
        why = why_not_a_folder(given)
    said = f"no positions repository here ({why}), named by {source}"
    raise LoadError([Problem(Severity.ERROR, said, Location(given))])


def _open_document(ctx: click.Context, document_id: str) -> tuple[Repository, Document]:
    """The repository and one document of it, refused (exit 2) if its own files have errors.

    Errors elsewhere do not stop the command: one warning line says they exist.
    """
    checked = _checked(ctx)
    _warn_about_others(checked, exclude=document_id)
    return checked.repository, checked.document(document_id)


def _warn_about_others(checked: Checked, exclude: str | None = None) -> None:
    """One line on stderr if documents other than *exclude* have errors: they are left out."""
    others = [name for name in checked.broken_documents() if name != exclude]
    if not others:
        return
    n = len(others)
    if exclude is not None:
        said = f"{_count(n, 'other document')} {'has' if n == 1 else 'have'} errors"
    else:
        said = f"{_count(n, 'document')} with errors {'is' if n == 1 else 'are'} left out"
    _emit(f"policypos: warning: {said} (run 'policypos validate' to see them)", err=True)


def _style(text: str, role: str) -> str:
    return click.style(text, **_ROLES[role])


def _width() -> int | None:
    """Wrap to the terminal when writing to one; in a pipe, one record a line."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return min(shutil.get_terminal_size().columns, 100) - 1


def _emit(text: str, *, err: bool = False) -> None:
    """Write *text* in one call: with PYTHONUNBUFFERED, many small writes are slow."""
    if text:
        click.echo(text, nl=not text.endswith("\n"), err=err)


def _emit_data(text: str) -> None:
    """Write output that carries no styling of ours (Markdown, HTML, JSON).

    Into a pipe or a file it goes exactly as made: click would otherwise strip
    what looks like colour codes, so ``> a.md`` and ``-o a.md`` would differ.
    On a terminal, characters that could act on it are escaped, as in every
    terminal view.
    """
    if sys.stdout.isatty():
        from policypos.views import terminal_safe

        text = terminal_safe(text)
    if text:
        click.echo(text, nl=not text.endswith("\n"), color=True)


@cli.command()
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option(
    "--staged",
    "--cached",
    is_flag=True,
    help="Check the files as staged in git's index (what the next commit records), not the "
    "work tree: for a pre-commit hook.",
)
@click.pass_context
def validate(ctx: click.Context, strict: bool, staged: bool) -> None:
    """Check every file of the repository against the format and its consistency rules.

    Prints one line per problem, as path:line:column: error|warning: message,
    then a summary on stderr. Exits 1 if there are errors (or, with --strict,
    warnings). With --staged, every file is read from git's index, as the
    next commit records it, and problems are at :path:line:column (git's name
    for the staged copy); files not staged are not read.
    """
    from policypos.validate import check

    problems = check(_root(ctx), staged=staged)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    _emit("\n".join(str(p) for p in problems))
    checked = f"{_root(ctx)} as staged" if staged else str(_root(ctx))
    if problems:
        summary = f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {checked}"
    else:
        summary = f"{checked}: no problems"
    _emit(summary, err=True)
    if errors or (strict and warnings):
        ctx.exit(1)


@cli.command()
@click.argument("kind", metavar="KIND", type=_Choice(["document", "version", "meeting", "report"]))
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
def schema(kind: str, output: str | None) -> None:
    """Print the JSON Schema (2020-12) of one kind of file, for editors.

    Save it beside the repository and name it in a file's first line, as
    "# yaml-language-server: $schema=../../version.schema.json", and the YAML
    language server checks and completes the file as you type.
    """
    from policypos import jsonform
    from policypos.schema import schema as build

    _deliver(output, jsonform.dumps(build(kind)), "json")


@cli.command()
@click.argument("reference", metavar="DOC[@VERSION]")
@_format_option(
    ["text", "markdown", "json"],
    "A terminal outline, Markdown to paste into a paper, or JSON for other tools.",
)
@click.option(
    "--at",
    "--in-force",
    "on",
    type=_DATE,
    help="Show the version in force on this date (YYYY-MM-DD), and from when to when it was.",
)
@click.pass_context
def show(ctx: click.Context, reference: str, fmt: str, on: dt.date | None) -> None:
    """Show one version: its sections and numbered statements.

    DOC alone means the document's newest version; DOC@VERSION~REV shows the
    version as it was in git revision REV.
    """
    from policypos import jsonform, views
    from policypos.refs import VersionRef

    ref = VersionRef.parse(reference)
    if on is not None and ref.version is not None:
        raise click.UsageError("give either DOC@VERSION or --at DATE, not both")
    repository, _ = _open_document(ctx, ref.document)
    document, version = ref.resolve(repository)
    period = None
    if on is not None:
        found = document.in_force(on)
        if found is None:
            raise _Refusal(f"no version of {document.id!r} was in force on {on}")
        version = found
        period = document.in_force_period(version)
    if fmt == "json":
        entry = jsonform.version_output(document, version)
        if period is not None:
            entry["in_force"] = {
                "from": period[0].isoformat(),
                "until": period[1].isoformat() if period[1] else None,
            }
        _emit_json(entry)
        return
    said = views.in_force_line(document, version, period) if period is not None else ""
    if fmt == "markdown":
        _emit_data(said + views.outline_markdown(document, version))
    else:
        _emit(said + views.outline_text(document, version, width=_width(), style=_style))


_FORMATS = ["text", "markdown", "json"]


@cli.command()
@click.argument("document_id", metavar="DOC")
@_format_option(_FORMATS, "One line per event for people, a Markdown table, or JSON for tools.")
@click.pass_context
def log(ctx: click.Context, document_id: str, fmt: str) -> None:
    """List a document's versions and meetings in date order, with their status."""
    from policypos import jsonform, views

    document = _open_document(ctx, document_id)[1].as_of()  # proposals counted as such
    empty = not document.versions and not document.meetings
    if empty:
        _nothing(f"{document.id} has no versions or meetings yet")
    if fmt == "json":  # JSON is printed even when empty: tools expect a document
        _emit_json(jsonform.log_output(document))
    elif empty:
        return
    elif fmt == "markdown":
        _emit_data(views.log_markdown(document))
    else:
        _emit(views.log_text(document, style=_style))


@cli.command()
@click.argument("document_id", metavar="[DOC]", required=False)
@click.argument("comment_ref", metavar="[COMMENT]", required=False)
@click.option(
    "--meeting",
    "meetings",
    multiple=True,
    metavar="MEETING",
    help="Only this meeting's comments (repeatable).",
)
@click.option(
    "--disposition",
    "dispositions",
    multiple=True,
    type=_Choice(_DISPOSITIONS),
    help="Only comments with this disposition (repeatable).",
)
@_format_option(_FORMATS, "The log for people, a Markdown table, or JSON for other tools.")
@click.pass_context
def comments(
    ctx: click.Context,
    document_id: str | None,
    comment_ref: str | None,
    meetings: Sequence[str],
    dispositions: Sequence[str],
    fmt: str,
) -> None:
    """The comment log: each comment, what became of it, and what cites it.

    Without DOC, the comments of every document, each naming its document.
    Given COMMENT (MEETING/ID, or an ID only one meeting used, such as 3.2),
    shows that comment and what each version citing it changed to answer it,
    as a word-diff from the version the comment was about.
    """
    from policypos import jsonform, views

    if document_id is None:
        checked = _checked(ctx)
        _warn_about_others(checked)
        documents = checked.valid_documents()
    else:
        documents = (_open_document(ctx, document_id)[1],)
    # As things stand today: what awaits a meeting not yet held is shown as proposed.
    documents = tuple(d.as_of() for d in documents)
    if comment_ref is not None:
        if meetings or dispositions:
            raise click.UsageError("give COMMENT or filter with --meeting/--disposition, not both")
        (document,) = documents
        _show_answers(document, document.comment(comment_ref), fmt)
        return
    known = sorted({m.id for d in documents for m in d.meetings})
    for meeting_id in meetings:
        if meeting_id not in known:  # an unknown meeting is an error, not an empty log
            from policypos.errors import NotFoundError
            from policypos.model import new_meeting_hint

            holder = documents[0].id if document_id is not None else "DOC"
            new = new_meeting_hint(holder, meeting_id)
            raise NotFoundError("meeting", meeting_id, known, new=new)
    groups = [
        (
            document,
            [
                c
                for c in document.comments()
                if (not meetings or c.meeting in meetings)
                and (not dispositions or c.disposition in dispositions)
            ],
        )
        for document in documents
    ]
    groups = [(d, chosen) for d, chosen in groups if chosen]
    if not groups:
        _nothing(_no_comments(document_id, meetings, dispositions))
    named = document_id is None
    if fmt == "json":  # JSON is printed even when empty: tools expect a document
        if named:
            _emit_json(jsonform.comments_output(groups))
        else:
            _emit_json(jsonform.comments_output(groups, document=documents[0]))
    elif not groups:
        return
    elif fmt == "markdown":
        _emit_data(views.comments_markdown(groups, named=named))
    else:
        _emit(
            "\n".join(
                views.comments_text(d, chosen, width=_width(), style=_style, named=named)
                for d, chosen in groups
            )
        )


def _no_comments(
    document_id: str | None, meetings: Sequence[str], dispositions: Sequence[str]
) -> str:
    """What a listing of no comments was asked for, said in one line."""
    filters = [f"--meeting {m}" for m in meetings] + [f"--disposition {d}" for d in dispositions]
    where = document_id or "any document"
    return f"no comments in {where}" + (f" with {', '.join(filters)}" if filters else "")


def _nothing(said: str) -> None:
    """Say on stderr that a listing is empty: a blank screen would look like a failure."""
    _emit(f"policypos: {said}", err=True)


def _show_answers(document: Document, comment: Comment, fmt: str) -> None:
    from policypos import jsonform, views
    from policypos.answers import answers

    found = answers(document, comment)
    if fmt == "json":
        _emit_json(jsonform.answers_output(document, comment, found))
    elif fmt == "markdown":
        _emit_data(views.answers_markdown(document, comment, found))
    else:
        _emit(views.answers_text(document, comment, found, width=_width(), style=_style))


def _emit_json(data: Any) -> None:
    from policypos.jsonform import dumps

    _emit_data(dumps(data))


@cli.command("diff")
@click.argument("old_ref", metavar="[OLD]")
@click.argument("new_ref", metavar="NEW", required=False)
@click.option(
    "--between",
    nargs=2,
    metavar="MEETING_A MEETING_B",
    help="Compare the versions presented to two meetings (OLD is then the document).",
)
@_format_option(
    ["text", "markdown", "json", "csv"],
    "A word-diff for the terminal, Markdown for reviewers, the change set JSON, or the "
    "amendments register as CSV for spreadsheets.",
)
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 if the versions differ, like git diff.")
@click.option(
    "--significance",
    "level",
    type=_Choice(["substantive", "editorial"]),
    help="Show only the statements whose change is of this significance; --exit-code then "
    "exits 1 only if there is one.",
)
@click.option(
    "--staged",
    "--cached",
    is_flag=True,
    help="Read each version given without ~REV from git's index (what the next commit "
    "records, as git diff --staged does), not from the work tree: for a pre-commit hook.",
)
@click.option(
    "--allow-new",
    is_flag=True,
    help="When OLD is DOC@VERSION~REV and NEW the same version, and that version did not "
    "exist in REV, compare NEW with its base as it was in REV (all added if there is none), "
    "with a note on stderr, instead of refusing.",
)
@_as_of_option(_AT_ITS_MEETING)
@click.pass_context
def diff_command(
    ctx: click.Context,
    old_ref: str,
    new_ref: str | None,
    between: tuple[str, str] | None,
    fmt: str,
    output: str | None,
    exit_code: bool,
    level: str | None,
    staged: bool,
    allow_new: bool,
    as_of: dt.date | None,
) -> None:
    """Show what changed from version OLD to version NEW of a document.

    Each is DOC@VERSION, or DOC for its newest version; DOC@VERSION~REV reads
    the version as it was in git revision REV (HEAD~1, a tag, a commit). Given
    alone, NEW is compared with the version it is based on. With --between,
    give only DOC: the versions compared are those presented to the two
    meetings.

    Each changed statement is labelled with what its change means (softened,
    strengthened, who acts, amounts, dates, negation; reworded; editorial).
    --significance substantive keeps only the substantive ones, and --exit-code
    then exits 1 only if there is one: a pre-commit hook that lets editorial
    fixes through. In a hook, --staged reads what is being committed rather
    than the work tree, and --allow-new lets a version's first commit be
    compared with its base:

    policypos diff DOC@VERSION~HEAD DOC@VERSION --staged --allow-new
    --significance substantive --exit-code
    """
    import attrs

    from policypos.diff import diff
    from policypos.refs import VersionRef

    revisions: tuple[str | None, str | None] = (None, None)
    first_commit = False  # OLD is git's empty tree: nothing committed yet to change
    if between:
        if new_ref is not None:
            raise click.UsageError("with --between, give only DOC")
        if staged or allow_new:
            raise click.UsageError(
                "--between reads the versions as they are; --staged and --allow-new "
                "take OLD NEW or NEW"
            )
        ref = VersionRef.parse(old_ref)
        if ref.version is not None:
            raise click.UsageError("with --between, give DOC without @VERSION")
        _, new_doc = _open_document(ctx, ref.document)
        old, new = (new_doc.presented_to(m) for m in between)
    elif new_ref is None:  # NEW alone: against the version it is based on
        if allow_new:
            raise click.UsageError("--allow-new needs OLD as DOC@VERSION~REV: give OLD NEW")
        ref = VersionRef.parse(old_ref)
        repository, _ = _open_document(ctx, ref.document)
        new_doc, new = ref.resolve(repository, staged=staged)
        old = _based_on(new_doc, new, old_ref)
        if staged:  # the base as it will be committed too, not as it is in the work tree
            _, old = VersionRef(ref.document, old.id).resolve(repository, staged=True)
        revisions = None, ref.revision
    else:
        refs = VersionRef.parse(old_ref), VersionRef.parse(new_ref)
        if refs[0].document != refs[1].document:
            raise _Refusal(f"{old_ref} and {new_ref} are versions of different documents")
        repository, _ = _open_document(ctx, refs[0].document)
        new_doc, new = refs[1].resolve(repository, staged=staged)
        old, old_revision, first_commit = _old_or_base(
            repository, refs[0], new, staged=staged, allow_new=allow_new
        )
        revisions = old_revision, refs[1].revision
    _warn_if_backwards(new_doc, old, new)
    changes = attrs.evolve(
        diff(old, new, new_doc, as_of=_day(as_of)),
        old_revision=revisions[0],
        new_revision=revisions[1],
    )
    if level is not None:
        from policypos.significance import Significance

        changes = changes.of_significance(Significance(level))
    fmt = _output_format(fmt, output)
    if fmt == "json":
        from policypos import jsonform

        text = jsonform.dumps(jsonform.changeset(changes))
    else:
        # The Markdown lists read the comments from the document: as the change set does.
        read, _ = new_doc.read_for(new, as_of=changes.as_of)
        to_file = output is not None and output != STDOUT
        text = _render_changes(changes, read, fmt, plain=to_file)
    _deliver(output, text, fmt)
    if exit_code and not changes.is_empty and not first_commit:
        ctx.exit(1)


@cli.command("history")
@click.argument("reference", metavar="DOC[@VERSION]")
@click.argument("statement", metavar="STATEMENT")
@_format_option(_FORMATS, "Redlines for the terminal, Markdown tracked changes, or JSON.")
@click.pass_context
def history_command(ctx: click.Context, reference: str, statement: str, fmt: str) -> None:
    """Follow one statement through every version built on the one it first appears in.

    STATEMENT is a statement id, or a paragraph number such as 4.3 of
    VERSION (default: the newest version). Each version is compared with the
    version it was built on (based_on, else the one dated before it) and gets
    a line saying whether it amended, kept, removed or restored the statement
    (or it was absent), the redline where it changed (following id changes
    found by text pairing, and a text back word for word under a new id), and
    the comments that touched it. Branches are listed one after the other,
    each marked "based on V" where it starts.
    """
    from policypos import jsonform, views
    from policypos.history import history
    from policypos.refs import VersionRef

    ref = VersionRef.parse(reference)
    if ref.revision is not None:
        raise click.UsageError("history reads the repository as it is: give DOC or DOC@VERSION")
    document = _open_document(ctx, ref.document)[1].as_of()  # proposals shown as such
    steps = history(document, statement, version=ref.version)
    if fmt == "json":
        _emit_json(jsonform.history_output(document, steps))
    elif fmt == "markdown":
        _emit_data(views.history_markdown(document, steps))
    else:
        _emit(views.history_text(document, steps, style=_style, width=_width()))


def _old_or_base(
    repository: Repository, ref: VersionRef, new: Version, *, staged: bool, allow_new: bool
) -> tuple[Version, str | None, bool]:
    """OLD as *ref* names it, the revision it was read from, and whether that is an empty HEAD.

    With *allow_new*, a version that did not exist yet in OLD's revision
    (its first commit, in a pre-commit hook) is compared with what NEW was
    built on as it was there: the same comparison as ``diff NEW`` alone, so
    a copy made by ``new-version`` shows no change, and a softening does.
    Where that base is missing too, OLD is empty and everything shows as
    added. One line on stderr says which, since OLD is then not what was named.

    The third value is true where OLD's revision is ``HEAD`` in a repository
    with no commits yet (git's empty tree): the commit being made is the
    repository's first, the import of positions as they stand, which
    ``--exit-code`` lets through rather than stopping the hook's own set-up.
    """
    import attrs

    from policypos.errors import NotInGitError, quoted
    from policypos.refs import VersionRef

    try:
        return ref.resolve(repository, staged=staged)[1], ref.revision, False
    except NotInGitError:
        # Only OLD and NEW as one version can stand in for each other's base.
        if not allow_new or ref.revision is None or ref.version != new.id:
            raise
    document = repository.document(ref.document)
    base = document.base_of(new)
    said = (
        f"policypos: note: {ref.document}@{ref.version} did not exist "
        f"in git revision {quoted(ref.revision)}"
    )
    if base is not None and base != new.id:
        try:
            old = VersionRef(ref.document, base, ref.revision).resolve(repository)[1]
        except NotInGitError:
            pass
        else:
            _emit(
                f"{said}: compared with {base}, the version it is based on, as it was there",
                err=True,
            )
            return old, ref.revision, False
    from policypos.git import is_unborn

    if is_unborn(repository.root, ref.revision):
        _emit(f"{said}: {_FIRST_COMMIT}", err=True)
        return attrs.evolve(new, sections=(), preamble=None), ref.revision, True
    _emit(f"{said}, nor did a version it is based on: every statement shows as added", err=True)
    return attrs.evolve(new, sections=(), preamble=None), ref.revision, False


_FIRST_COMMIT = (
    "the git repository has no commits yet, so every statement shows as added, "
    "and --exit-code lets its first commit through: it changes no position committed before"
)


def _render_changes(changes: ChangeSet, document: Document, fmt: str, *, plain: bool) -> str:
    """A change set as Markdown, CSV, or the terminal's word-diff (uncoloured for a file)."""
    from policypos import views  # not for JSON, which the change set writes itself

    if fmt == "markdown":
        return views.changeset_markdown(changes, document)
    if fmt == "csv":
        return views.amendments_csv(changes, document)
    if plain:  # a file: plain, and one statement a line, as in a pipe
        return views.changeset_text(changes, style=views.plain)
    return views.changeset_text(changes, style=_style, width=_width())


_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".json": "json",
    ".csv": "csv",
    ".txt": "text",
}
"""The format a file's extension names, for ``-o`` without ``--format``."""


def _output_format(fmt: str, output: str | None) -> str:
    """The format to write: ``--format`` if given, else the one ``-o``'s extension names.

    ``-o paper.docx`` alone writes Word, not Markdown into a ``.docx`` file;
    ``--format markdown -o paper.docx`` is refused (exit 2), as the file's
    name would say what it does not hold, and so is ``.docx`` or ``.pdf`` for
    a command that writes neither. Another text format the command does not
    write (``-o annex.txt`` for a document) leaves ``--format`` as it is.
    """
    from pathlib import PurePath

    if output is None or output == STDOUT:
        return fmt
    named = _EXTENSIONS.get(PurePath(output).suffix.lower())
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == "fmt")
    if named is None or (named not in getattr(param.type, "choices", ()) and named not in _BINARY):
        return fmt  # "annex.txt": Markdown is text
    if ctx.get_parameter_source("fmt") in (ParameterSource.DEFAULT, None):
        return named
    if named != fmt:
        raise _Refusal(
            f"{output} names a {named} file but --format is {fmt}: "
            f"give --format {named}, or a file name ending as {fmt} files do"
        )
    return fmt


_BINARY = frozenset(["docx", "pdf"])
"""Formats no text file may pose as (:data:`policypos.render.BINARY_FORMATS`, unimported)."""
STDOUT = "-"
"""``-o -``: standard output, as many tools take it."""


_BYTE_ORDER_MARK = "\ufeff"


def _deliver(output: str | None, text: str, fmt: str) -> None:
    """Write *text*, in format *fmt*, to file *output* (atomically), or to standard output.

    Standard output (*output* None or ``-``) gets the terminal's styles for
    the ``text`` format. A CSV file is opened by a byte order mark, which
    Excel needs to read it as UTF-8 and not mangle accents; standard output
    never is, as ``cut``, ``sort`` or csvkit down a pipe would read the mark
    as the start of the first column's name.
    """
    if output is None or output == STDOUT:
        (_emit if fmt == "text" else _emit_data)(text)
    else:
        _write_atomically(output, _BYTE_ORDER_MARK + text if fmt == "csv" else text)


def _write_atomically(name: str, data: str | bytes) -> None:
    """Write *data* to file *name*, atomically, and say so (:func:`_say_wrote`).

    Readers see the old file or the new one, never half. Refused (exit 2)
    when *name* is a file the positions repository reads
    (:func:`_refuse_repository_file`).
    """
    from pathlib import Path

    from policypos._writing import replace_atomically

    path = Path(name)
    _refuse_repository_file(path)
    try:
        replace_atomically(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise _Refusal(f"cannot write {path}: {exc.strerror or exc}") from exc
    _say_wrote(name)


def _say(text: str) -> None:
    """Tell the user what a command did, on standard error: ``policypos: TEXT``."""
    _emit(f"policypos: {text}", err=True)


def _say_wrote(path: object) -> None:
    """Tell the user, on standard error, which file a command wrote: every writing command does.

    Standard error, so that standard output stays the command's data alone
    (nothing at all when the data went to a file).
    """
    _emit(f"policypos: wrote {path}", err=True)


def _refuse_repository_file(path: Path) -> None:
    """Refuse (exit 2) an output file that the positions repository would read.

    That is any ``.yaml``/``.yml`` file at or below the repository's root and
    any file inside one of its folders (a document's ``versions/``,
    ``meetings/``, ``reports/``...), links resolved. Without a repository
    (``schema`` run anywhere) nothing is refused.
    """
    from policypos._paths import resolved
    from policypos.errors import PolicyPosError

    ctx = click.get_current_context(silent=True)
    if ctx is None:  # pragma: no cover - always called from a command
        return
    try:
        root = resolved(_root(ctx))
    except (click.ClickException, PolicyPosError):
        return
    target = resolved(path)
    if not target.is_relative_to(root) or target == root:
        return
    inside = target.relative_to(root).parts
    if len(inside) > 1 or target.suffix.lower() in (".yaml", ".yml"):
        raise _Refusal(
            f"{path} is a file of the positions repository {_root(ctx)}: give -o a file outside it"
        )


@cli.group("render", cls=_Group)
def render_group() -> None:
    """Write a board document: annex, changes, comments, report or response.

    Each comes as Markdown (the default), HTML, Word (docx) or PDF. Text
    formats go to standard output unless -o names a file; Word and PDF need -o.
    """


def _document_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every document shares: format, output, template, author, styles."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=_Choice(["markdown", "html", "docx", "pdf"]),
            default="markdown",
            show_default=True,
            help="Markdown (CriticMarkup for changes), a standalone HTML page, Word, or PDF.",
        ),
        click.option(
            "-o",
            "--output",
            type=_Path(dir_okay=False),
            help="Write to this file (atomically); needed for docx and pdf.",
        ),
        click.option(
            "--template",
            type=_Path(exists=True, dir_okay=False),
            help="Your own Jinja template for Markdown or HTML, run in Jinja's sandbox.",
        ),
        click.option(
            "--author",
            default="policypos",
            show_default=True,
            help="The author of Word tracked changes and document properties.",
        ),
        click.option(
            "--reference-docx",
            type=_Path(exists=True, dir_okay=False),
            help="A Word file whose styles the document takes (like pandoc's).",
        ),
        click.option(
            "--time-limit",
            type=click.FloatRange(min=0, min_open=True, max=86_400),  # a day: not inf
            default=10.0,
            show_default=True,
            metavar="SECONDS",
            help="How long --template may run before it is stopped.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _write_document(
    fmt: str,
    output: str | None,
    template: str | None,
    author: str,
    reference_docx: str | None,
    write: Callable[[Any], str | bytes],
    time_limit: float = 10.0,
) -> None:
    """Build the options, write the document, and send it where it goes."""
    from pathlib import Path

    from policypos.render import BINARY_FORMATS, FORMATS, Options

    fmt = _output_format(fmt, output)
    if fmt in BINARY_FORMATS and (output is None or (output == STDOUT and sys.stdout.isatty())):
        raise _Refusal(
            f"{fmt} is a binary format: give -o FILE to write it to a file "
            "(or -o - to send it down a pipe)"
        )
    # --format's choices are FORMATS: the lookup only gives the value its type.
    options = Options(
        format=FORMATS[FORMATS.index(fmt)],
        template=Path(template) if template else None,
        author=author,
        reference_docx=Path(reference_docx) if reference_docx else None,
        time_limit=time_limit,
    )
    data = write(options)
    if output is not None and output != STDOUT:
        _write_atomically(output, data)
    elif isinstance(data, bytes):  # Word or PDF down a pipe (-o -), in one write
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _emit_data(data)


def _changes_of(ctx: click.Context, refs: Sequence[str]) -> tuple[Document, ChangeSet]:
    """The change set of OLD NEW, or of NEW against the version it is based on."""
    from policypos.diff import diff
    from policypos.refs import VersionRef

    if not 1 <= len(refs) <= 2:
        raise click.UsageError(
            "give OLD NEW, or NEW alone (compared with the version it is based on)"
        )
    parsed = [VersionRef.parse(r) for r in refs]
    if len({r.document for r in parsed}) > 1:
        raise _Refusal(f"{refs[0]} and {refs[1]} are versions of different documents")
    repository, _ = _open_document(ctx, parsed[-1].document)
    document, new = parsed[-1].resolve(repository)
    if len(parsed) == 2:
        _, old = parsed[0].resolve(repository)
    else:
        old = _based_on(document, new, refs[0])
    return document, diff(old, new, document)


def _based_on(document: Document, new: Version, reference: str) -> Version:
    """The version *new* is based on, else the one before it: what NEW alone is compared with."""
    base = document.base_of(new)
    if base is None or base == new.id:
        raise _Refusal(f"{reference} has no earlier version to compare with: give OLD NEW")
    return document.version(base)


@render_group.command("annex")
@click.argument("reference", metavar="DOC[@VERSION]")
@click.option("--label", help='The annex label the paper gives it, such as "Annex 2".')
@_document_options
@click.pass_context
def render_annex(
    ctx: click.Context, /, reference: str, label: str | None, fmt: str, **kw: Any
) -> None:
    """One version as a board reads it, sections and paragraphs numbered."""
    from policypos import render
    from policypos.refs import VersionRef

    ref = VersionRef.parse(reference)
    repository, _ = _open_document(ctx, ref.document)
    document, version = ref.resolve(repository)
    _write_document(
        fmt, **kw, write=lambda o: render.render_annex(document, version, label=label, options=o)
    )


@render_group.command("changes")
@click.argument("refs", nargs=-1, metavar="[OLD] NEW")
@click.option("--label", help='A label for the comparison, such as "Annex 3".')
@_as_of_option(_AT_ITS_MEETING)
@_document_options
@click.pass_context
def render_changes(
    ctx: click.Context,
    /,
    refs: tuple[str, ...],
    label: str | None,
    as_of: dt.date | None,
    fmt: str,
    **kw: Any,
) -> None:
    """The tracked-changes comparison of two versions (Keeling style).

    In Word, every insertion and deletion is a real tracked change that can be
    accepted or rejected. Comments are numbered as the board paper on the
    same versions numbers them.
    """
    from policypos import render

    document, changes = _changes_of(ctx, refs)
    _warn_if_backwards(document, changes.old, changes.new)
    numbers = _paper_numbers(ctx, document, changes, as_of)
    _write_document(
        fmt,
        **kw,
        write=lambda o: render.render_changes(
            document, changes, label=label, options=o, as_of=_day(as_of), numbers=numbers
        ),
    )


def _paper_numbers(
    ctx: click.Context, document: Document, changes: ChangeSet | Version, as_of: dt.date | None
) -> Mapping[str, str]:
    """The numbers the paper on *changes* gives its comments; none where it cannot be written.

    A comparison running backwards, or a report file with errors, stops the
    paper (render report says why) but not the comparison: it numbers the
    comments by their own ids then.
    """
    paper = _paper_of(ctx, document, changes, as_of)
    return paper.comment_numbers if paper is not None else {}


def _paper_of(
    ctx: click.Context, document: Document, changes: ChangeSet | Version, as_of: dt.date | None
) -> BoardPaper | None:
    """The paper on *changes*, or ``None`` where it cannot be written (see `_paper_numbers`)."""
    from policypos import documents

    return documents.written_paper(_root(ctx), document, changes, as_of=_day(as_of))


@render_group.command("report")
@click.argument("refs", nargs=-1, metavar="[OLD] NEW")
@_as_of_option(_AT_ITS_MEETING)
@_document_options
@click.pass_context
def render_report(
    ctx: click.Context, /, refs: tuple[str, ...], as_of: dt.date | None, fmt: str, **kw: Any
) -> None:
    """The board paper asking the board to endorse NEW, with the annex.

    NEW alone with no earlier version gets a paper proposing a new statement.
    Officers' parts come from reports/<NEW's version id>.yaml beside the
    document; what is missing is flagged "To be written".
    """
    from policypos import documents, render

    document, changes = _report_subject(ctx, refs)
    # Read and checked as the library reads it, so both give the same paper.
    report = documents.paper_report(_root(ctx), document, changes)
    _write_document(
        fmt,
        **kw,
        write=lambda o: render.render_report(
            document, changes, report, options=o, as_of=_day(as_of)
        ),
    )


@render_group.command("comments")
@click.argument("document_id", metavar="DOC")
@click.option("--meeting", help="Only this meeting's comments.")
@click.option(
    "--paper",
    metavar="VERSION",
    help="Sent with the board paper on VERSION: only the meetings that paper reports on, "
    "the comments numbered as it numbers them and read as of its meeting. Without it: "
    "every meeting as it stands now, numbered as the paper on the newest version.",
)
@_as_of_option("now (with --paper: as of the paper's meeting)")
@_document_options
@click.pass_context
def render_comments(
    ctx: click.Context,
    /,
    document_id: str,
    meeting: str | None,
    paper: str | None,
    as_of: dt.date | None,
    fmt: str,
    **kw: Any,
) -> None:
    """The comment log: who said what, its disposition, and where it was answered."""
    from policypos import documents, render
    from policypos.model import Version

    _, document = _open_document(ctx, document_id)
    day, numbers, meetings = _day(as_of), None, None
    if paper is None:
        # Numbered as the paper on the newest version (what `render report DOC` and `render
        # changes DOC` write), so that the log's numbers are those they cite; --as-of an
        # earlier day, the newest version of that day.
        dated = [v for v in document.versions if as_of is None or v.date <= as_of]
        newest = (dated or list(document.versions))[-1]
    _, subject = _report_subject(
        ctx, [f"{document.id}@{paper if paper is not None else newest.id}"]
    )
    new = subject if isinstance(subject, Version) else subject.new
    written = _paper_of(ctx, document, subject, as_of if paper is not None else None)
    if written is not None:
        numbers = written.comment_numbers
    if paper is not None:
        if written is not None:
            # The log sent with a paper lists what the paper reports on: not its own
            # meeting (still to come when it was written), nor meetings after it.
            meetings = written.meetings
        # Read as the paper reads it: its own meeting's decisions, and what came after, left out.
        document, day = documents.paper_reading(document, new, as_of=day)[0], None
    _write_document(
        fmt,
        **kw,
        write=lambda o: render.render_comments(
            document,
            meeting=meeting,
            options=o,
            as_of=day,
            numbers=numbers,
            meetings=meetings,
            paper=new.id,
        ),
    )


@render_group.command("response")
@click.argument("document_id", metavar="DOC")
@click.option("--meeting", help="The meeting whose recommendations are answered (default: newest).")
@_as_of_option("now")
@_document_options
@click.pass_context
def render_response(
    ctx: click.Context,
    /,
    document_id: str,
    meeting: str | None,
    as_of: dt.date | None,
    fmt: str,
    **kw: Any,
) -> None:
    """The response to a committee's recommendations, one by one, as Cabinet gives it.

    The front matter and closing sections come from reports/<meeting id>.yaml.
    """
    from policypos import documents, render
    from policypos.load import read_report

    _, document = _open_document(ctx, document_id)
    chosen = documents.meeting_answered(document, meeting).id
    report = read_report(_root(ctx), document.id, chosen)
    _write_document(
        fmt,
        **kw,
        write=lambda o: render.render_response(
            document, meeting=chosen, report=report, options=o, as_of=_day(as_of)
        ),
    )


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@cli.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=_Path(file_okay=False),
    help="The site folder: new, empty, or a site published here before.",
)
@click.option(
    "--drafts/--no-drafts",
    default=False,
    help="Publish versions whose status is draft too (default: leave them out).",
)
@click.pass_context
def publish(ctx: click.Context, out_dir: str, drafts: bool) -> None:
    """Write the repository as a static HTML site, rewriting only the pages that changed.

    The site holds an index of documents, each version as an annex, each
    version's changes from the one it is based on, the comment tracker, each
    statement's history and a search page. Links are relative: the folder
    works from a file share or any web server. On a terminal a progress bar
    shows; into a pipe or a log, one line per page written or removed. All of
    it goes to standard error, as every command says what it wrote.

    A document whose files have errors keeps its pages from the last good
    build (one never published is left out) and the command exits 1. The
    folder must be outside the positions repository. Draft versions are
    left out unless --drafts is given.
    """
    from pathlib import Path

    from policypos.publish import PublishStep, publish

    root = _root(ctx)
    if _stderr_is_terminal():
        bar = click.progressbar(length=1, label="Publishing", show_pos=True, file=sys.stderr)
        with bar:

            def progress(step: PublishStep) -> None:
                bar.length = step.total
                bar.update(1)

            done = publish(root, Path(out_dir), progress=progress, drafts=drafts)
    else:

        def progress(step: PublishStep) -> None:
            if step.action == "wrote":
                _say_wrote(step.page)
            elif step.action == "removed":
                _say(f"removed {step.page} (published before, no longer part of the site)")

        done = publish(root, Path(out_dir), progress=progress, drafts=drafts)
    for document_id in done.held_back:
        _emit(
            f"policypos: error: {document_id} has errors: its pages from the last good "
            "build are kept as they were (run 'policypos validate' to see the errors)",
            err=True,
        )
    for document_id in done.left_out:
        _emit(
            f"policypos: error: {document_id} has errors: it is left out of the site "
            "(run 'policypos validate' to see the errors)",
            err=True,
        )
    # Said on a terminal too: a file here that is not a page is worth knowing of either way.
    for path in done.left_alone:
        _say(f"left alone {path} (not written by policypos)")
    alone = f", {len(done.left_alone)} left alone" if done.left_alone else ""
    _say(
        f"published {_count(len(done.pages), 'page')} to {out_dir}: {len(done.written)} written, "
        f"{len(done.kept)} unchanged, {len(done.removed)} removed{alone}"
    )
    if done.problems:
        ctx.exit(1)


# --- editing: the officer's board cycle (policypos.edit) -----------------------


_DRY_RUN_HELP = "Print the unified diff of the files it would change, and write nothing."


def _dry_run_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--dry-run", is_flag=True, help=_DRY_RUN_HELP)(func)


def _recover(root: Path) -> None:
    """Complete an edit a killed process left half-done, before anything reads the repository."""
    from policypos._writing import recover  # light: what every command can afford

    for line in recover(root):
        _emit(f"policypos: {line}", err=True)


def _version_ref(reference: str) -> tuple[str, str]:
    """DOC@VERSION as the editing commands need it: the version named, no git revision."""
    from policypos.errors import quoted
    from policypos.refs import VersionRef

    ref = VersionRef.parse(reference)
    if ref.version is None or ref.revision is not None:
        raise click.UsageError(f"{quoted(reference)}: name the version to edit, as DOC@VERSION")
    return ref.document, ref.version


def _apply(edit: Any, dry_run: bool) -> None:
    """Print *edit* as a diff (--dry-run) or write it; say what was written, and new warnings."""
    from policypos._writing import write_target
    from policypos.edit import apply_edit

    if dry_run:
        for path in edit.paths:  # what the write would refuse, --dry-run refuses too
            write_target(edit.root, path)
        _emit_data(edit.diff())
    else:
        apply_edit(edit)
        for path in edit.paths:
            _say_wrote(path)
    # Advice on what follows a write would mislead after a dry run, which wrote nothing.
    for note in edit.notes + (() if dry_run else edit.after_writing):
        _emit(f"policypos: {note}", err=True)
    if edit.warnings:
        _emit("\n".join(str(p) for p in edit.warnings), err=True)


def _day(value: dt.date | None) -> dt.date | None:
    return value


@cli.command("new-version")
@click.argument("document_id", metavar="DOC")
@click.option("--from", "source", required=True, metavar="V", help="The version to start from.")
@click.option("--id", "new_id", required=True, metavar="NEW", help="The new version's id.")
@click.option("--date", type=_DATE, help="The new version's date (YYYY-MM-DD; default: today).")
@_dry_run_option
@click.pass_context
def new_version_command(
    ctx: click.Context,
    document_id: str,
    source: str,
    new_id: str,
    date: dt.date | None,
    dry_run: bool,
) -> None:
    """Start a draft: a copy of version V as version NEW, status draft, based on V."""
    from policypos.edit import new_version

    _apply(new_version(_root(ctx), document_id, source, new_id, _day(date)), dry_run)


@cli.group("comment", cls=_Group)
def comment_group() -> None:
    """Record a comment made at a meeting, or answer one."""


@comment_group.command("add")
@click.argument("document_id", metavar="DOC")
@click.option("--meeting", required=True, metavar="M", help="The meeting it was made at.")
@click.option("--id", "comment_id", required=True, help='Its number in the papers ("3.1").')
@click.option("--text", required=True, help="What was said or asked.")
@click.option(
    "--kind",
    type=_Choice(["comment", "question", "recommendation"]),
    default="comment",
    show_default=True,
    help="What kind of comment it is.",
)
@click.option("--by", help='Who made it: a member, a committee, "Members".')
@click.option("--on", multiple=True, help="A section or statement id it is about (repeatable).")
@click.option("--body", help="New meeting only: the body that met.")
@click.option("--date", type=_DATE, help="New meeting only: its date (default: today).")
@click.option("--item", help="New meeting only: the agenda item.")
@click.option("--reviews", help="New meeting only: the version it looked at.")
@_dry_run_option
@click.pass_context
def comment_add(
    ctx: click.Context,
    document_id: str,
    meeting: str,
    comment_id: str,
    text: str,
    kind: str,
    by: str | None,
    on: tuple[str, ...],
    body: str | None,
    date: dt.date | None,
    item: str | None,
    reviews: str | None,
    dry_run: bool,
) -> None:
    """Record comment ID of meeting M (open); creates the meeting's file when it has none."""
    from policypos.edit import add_comment

    edit = add_comment(
        _root(ctx),
        document_id,
        meeting,
        comment_id,
        text,
        kind=kind,
        by=by,
        on=on,
        body=body,
        date=_day(date),
        item=item,
        reviews=reviews,
    )
    _apply(edit, dry_run)


@comment_group.command("set")
@click.argument("document_id", metavar="DOC")
@click.argument("ref", metavar="M/ID")
@click.option(
    "--disposition",
    type=_Choice(_DISPOSITIONS),
    help="What became of it (default: as it is).",
)
@click.option("--response", help="The officers' or Cabinet's answer (Markdown).")
@click.option("--referred-to", help="With --disposition referred: the body it went to.")
@click.option(
    "--date",
    type=_DATE,
    help="With a new disposition, response or referral: the day it was decided, for its "
    "history (default: today).",
)
@click.option("--meeting", metavar="M", help="With a new answer: the meeting that decided it.")
@click.option("--version", metavar="V", help="With a new answer: the version that answers it.")
@click.option("--note", help="With a new answer: a note for its history entry.")
@click.option(
    "--correction",
    is_flag=True,
    help="Mend the response or referral as it stands (a typo) instead of dating a new one.",
)
@_dry_run_option
@click.pass_context
def comment_set(
    ctx: click.Context,
    document_id: str,
    ref: str,
    disposition: str | None,
    response: str | None,
    referred_to: str | None,
    date: dt.date | None,
    meeting: str | None,
    version: str | None,
    note: str | None,
    correction: bool,
    dry_run: bool,
) -> None:
    """Answer comment M/ID: its disposition, and the response or referral.

    Only the options given change; give at least one (--response alone
    leaves the disposition as it is). A new disposition, response or
    referral is dated in the comment's history, after the state it replaces,
    so that a paper of an earlier day keeps the answer of its day;
    --correction mends a typo in the answer as it stands, adding no entry.
    """
    from policypos.edit import Decided, set_comment

    edit = set_comment(
        _root(ctx),
        document_id,
        ref,
        disposition=disposition,
        response=response,
        referred_to=referred_to,
        decided=Decided(_day(date), meeting, version, note),
        correction=correction,
    )
    _apply(edit, dry_run)


@cli.command("cite")
@click.argument("reference", metavar="DOC@V")
@click.argument("place", metavar="STATEMENT_OR_SECTION")
@click.argument("comment", metavar="M/ID")
@click.option("--remove", is_flag=True, help="Take the citation away instead.")
@click.option(
    "--removed",
    is_flag=True,
    help="The place is one V left out of the version it revises (numbered as that version "
    "numbers it): its removal answers M/ID. Recorded in V's removed list.",
)
@_dry_run_option
@click.pass_context
def cite_command(
    ctx: click.Context,
    reference: str,
    place: str,
    comment: str,
    remove: bool,
    removed: bool,
    dry_run: bool,
) -> None:
    """Record that a statement or section of draft V answers comment M/ID.

    STATEMENT_OR_SECTION is a statement id, a section id, a paragraph number
    such as 4.3 or a section number such as 3 of V. The comment goes into its
    addresses list. With --removed, it is one of the version V revises that V
    no longer has ('policypos cite DOC@V --removed 2.3 M/ID'): leaving it out
    answers the comment.
    """
    from policypos.edit import cite

    document_id, version = _version_ref(reference)
    edit = cite(_root(ctx), document_id, version, place, comment, remove=remove, removed=removed)
    _apply(edit, dry_run)


@cli.command("endorse")
@click.argument("reference", metavar="DOC@V")
@click.option("--meeting", required=True, metavar="M", help="The meeting that endorsed it.")
@click.option("--body", help="New meeting only: the body that met (creates meetings/M.yaml).")
@click.option("--date", type=_DATE, help="New meeting only: its date (default: today).")
@click.option("--item", help="New meeting only: the agenda item.")
@_dry_run_option
@click.pass_context
def endorse_command(
    ctx: click.Context,
    reference: str,
    meeting: str,
    body: str | None,
    date: dt.date | None,
    item: str | None,
    dry_run: bool,
) -> None:
    """Record that meeting M endorsed V; the version it replaces becomes superseded.

    Every file changes together or none does. A meeting with no file yet is
    created from --body, --date and --item, as reviewing V.
    """
    from policypos.edit import endorse

    document_id, version = _version_ref(reference)
    edit = endorse(
        _root(ctx),
        document_id,
        version,
        meeting,
        body=body,
        date=_day(date),
        item=item,
    )
    _apply(edit, dry_run)


@cli.command("withdraw")
@click.argument("reference", metavar="DOC@V")
@_dry_run_option
@click.pass_context
def withdraw_command(ctx: click.Context, reference: str, dry_run: bool) -> None:
    """Withdraw draft or proposed version V: it will not go on to be endorsed.

    For a first draft the board reviewed and officers redrafted as a new
    version, or a proposal taken off the agenda. Only its status line changes.
    """
    from policypos.edit import withdraw

    document_id, version = _version_ref(reference)
    _apply(withdraw(_root(ctx), document_id, version), dry_run)


@cli.command("restore")
@click.argument("reference", metavar="DOC@OLD")
@click.option("--id", "new_id", required=True, metavar="NEW", help="The new draft's id.")
@click.option("--date", type=_DATE, help="The new draft's date (YYYY-MM-DD; default: today).")
@_dry_run_option
@click.pass_context
def restore_command(
    ctx: click.Context, reference: str, new_id: str, date: dt.date | None, dry_run: bool
) -> None:
    """Bring a past version OLD back as a new draft NEW based on it; history stays as it is."""
    from policypos.edit import restore

    document_id, old = _version_ref(reference)
    _apply(restore(_root(ctx), document_id, old, new_id, _day(date)), dry_run)


@cli.command("fmt")
@click.argument("paths", nargs=-1, type=_Path(exists=True))
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 naming the files it would change."
)
@click.option(
    "--staged",
    "--cached",
    is_flag=True,
    help="With --check: check the files as staged in git's index (what the next commit "
    "records), not the work tree: for a pre-commit hook.",
)
@_dry_run_option
@click.pass_context
def fmt_command(
    ctx: click.Context, paths: tuple[str, ...], check: bool, staged: bool, dry_run: bool
) -> None:
    """Rewrite YAML files in the one canonical layout, keeping comments and data.

    PATHS are files or folders (default: the whole repository). Running it
    twice changes nothing the second time. --check --staged names the staged
    files (as :path) that are not in the layout.
    """
    from pathlib import Path

    if staged:
        if not check:
            raise click.UsageError(
                "--staged reads git's index, which fmt does not write: give --check too "
                "(or run fmt, then 'git add')"
            )
        from policypos.edit import unformatted_staged

        names = unformatted_staged(_root(ctx), [Path(p) for p in paths] or None)
        _emit("".join(f"would reformat {name}\n" for name in names))
        if names:
            ctx.exit(1)
        return

    from policypos.edit import format_files

    edit = format_files(_root(ctx), [Path(p) for p in paths] or None)
    if check:
        if edit.changes:
            _emit("".join(f"would reformat {p}\n" for p in edit.paths))
            ctx.exit(1)
        return
    _apply(edit, dry_run)


def _warn_if_backwards(document: Document, old: Version, new: Version) -> None:
    """One warning line on stderr when NEW is older than OLD; what goes to stdout is unchanged.

    A reviewer may compare backwards on purpose, so ``diff`` and ``render
    changes`` go on; ``render report`` refuses instead
    (:func:`policypos.documents.check_paper_order`).
    """
    from policypos.diff import backwards

    reason = backwards(old, new, document)
    if reason is not None:
        _emit(
            f"policypos: warning: NEW {document.id}@{new.id} is older than OLD "
            f"{document.id}@{old.id} ({reason}): the changes shown run backwards",
            err=True,
        )


# --- propose: a draft put to the meeting its board paper goes to ------------------


@cli.command("propose")
@click.argument("reference", metavar="DOC@V")
@click.option("--meeting", required=True, metavar="M", help="The meeting the paper goes to.")
@click.option("--body", help="New meeting only: the body that will meet (creates meetings/M.yaml).")
@click.option("--date", type=_DATE, help="New meeting only (needed then): its date.")
@click.option("--item", help="New meeting only: the agenda item (the paper's title).")
@_dry_run_option
@click.pass_context
def propose_command(
    ctx: click.Context,
    reference: str,
    meeting: str,
    body: str | None,
    date: dt.date | None,
    item: str | None,
    dry_run: bool,
) -> None:
    """Put draft V to meeting M: V becomes proposed, for M, and its paper shows M's body and date.

    A meeting with no file yet is created from --body and --date (both
    needed) and --item, as reviewing V. A V already proposed moves to M (an
    item deferred to another meeting); the meeting it leaves keeps its file.
    """
    from policypos.edit import propose

    document_id, version = _version_ref(reference)
    edit = propose(_root(ctx), document_id, version, meeting, body=body, date=_day(date), item=item)
    _apply(edit, dry_run)


def _report_subject(
    ctx: click.Context, refs: Sequence[str]
) -> tuple[Document, ChangeSet | Version]:
    """What `render report` brings: a change set, or NEW alone when nothing came before it.

    NEW alone is compared with the version it is based on, else the one
    before it (as `_changes_of` does); with neither, the paper proposes NEW
    as a new statement.
    """
    from policypos.diff import diff
    from policypos.refs import VersionRef

    if len(refs) != 1:
        return _changes_of(ctx, refs)
    ref = VersionRef.parse(refs[0])
    repository, _ = _open_document(ctx, ref.document)
    document, new = ref.resolve(repository)
    if document.base_of(new) is None:
        return document, new
    return document, diff(_based_on(document, new, refs[0]), new, document)


# --- new-document: a document and its first draft, from a blank page ---------------


@cli.command("new-document")
@click.argument("document_id", metavar="DOC")
@click.option(
    "--title",
    help="The document's title (one line; default: the --from file's front matter "
    "'title:', else its one '#' heading).",
)
@click.option(
    "--organisation", help="Whose positions these are (default: what every other document gives)."
)
@click.option(
    "--owner", help="The board or body that owns it (default: what every other document gives)."
)
@click.option("--summary", help="A summary of the document (Markdown).")
@click.option(
    "--version", "version_id", metavar="V", help="The first version's id (default: its year)."
)
@click.option("--date", type=_DATE, help="The first version's date (YYYY-MM-DD; default: today).")
@click.option(
    "--from",
    "source",
    type=_Path(dir_okay=False),
    metavar="FILE",
    help="A Markdown file: '#' headings become sections, paragraphs statements.",
)
@_dry_run_option
@click.pass_context
def new_document_command(
    ctx: click.Context,
    document_id: str,
    title: str | None,
    organisation: str | None,
    owner: str | None,
    summary: str | None,
    version_id: str | None,
    date: dt.date | None,
    source: str | None,
    dry_run: bool,
) -> None:
    """Start document DOC: its document.yaml and a first version, a draft.

    The version's sections come from --from FILE, else it has none yet. With
    no positions repository here or above, DOC goes into ./positions/
    (created); --repo DIR names where, and need not exist yet.
    """
    from policypos.edit import new_document

    edit = new_document(
        _new_root(ctx),
        document_id,
        title,
        organisation=organisation,
        owner=owner,
        summary=summary,
        version=version_id,
        date=_day(date),
        source=source,
    )
    _apply(edit, dry_run)


def _new_root(ctx: click.Context) -> Path:
    """Where a new document goes: the repository _root finds, else one to start.

    --repo DIR (or $POLICYPOS_REPO) that is no repository yet is used as it is
    (a folder to start one in, made if missing); with neither, and no
    repository here or above, ``positions/`` in the current folder.
    """
    from pathlib import Path

    from policypos.load import find_repository, repository_at

    options = ctx.ensure_object(_Options)
    if options.repo is not None:
        starts_one = options.repo.is_dir() or not options.repo.exists()
        if starts_one and repository_at(options.repo) is None:
            return options.repo
        return _root(ctx)  # a repository, or a file: _root refuses that, naming who gave it
    if find_repository(Path.cwd()) is None:
        return Path("positions")
    return _root(ctx)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _fewer_collections() -> None:
    """Run Python's cycle collector less often, for this process only.

    Reading a version builds hundreds of thousands of long-lived objects
    (YAML nodes, then the records), and with the default thresholds the
    collector walks them again and again: 40% of the CPU time of a
    10,000-statement ``diff`` (2.3 s, 1.4 s with no collection at all). Our
    records hold no reference cycles, so a collection finds next to nothing;
    it still runs, far less often, for the cycles Jinja or an exception make.
    mypy sets the same threshold for the same reason.
    """
    import gc

    gc.set_threshold(200_000, 30, 30)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``policypos`` console script).

    Output is UTF-8 whatever the locale (a Windows code page, ``LANG=C``
    without Python's UTF-8 mode): the files it makes declare UTF-8, and a
    character the locale lacks must not stop a command. When the reader of
    standard output goes away (``policypos comments DOC | head``) it ends
    quietly with :data:`BROKEN_PIPE`.
    """
    _fewer_collections()
    _whole_writes()
    _utf8(sys.stdout, "strict")
    _utf8(sys.stderr, "backslashreplace")
    try:
        args = _arguments(sys.argv[1:] if argv is None else argv)
    except UnicodeDecodeError as exc:
        click.echo(f"policypos: error: an argument is not UTF-8 text: {exc.object!r}", err=True)
        sys.exit(2)
    cli.main(args=args, prog_name="policypos")


def _whole_writes() -> None:
    """Give standard output a buffered layer if it has none (``PYTHONUNBUFFERED``, ``-u``).

    Unbuffered, text goes straight to the file in one ``write(2)``, and a
    short count (what fitted in a pipe before its reader went away) is
    dropped without a word: the rest is lost and no BrokenPipeError comes, so
    the command ended 0, or 1 with ``--exit-code``, instead of 141. A
    buffered layer writes the rest, or raises. Every write of ours flushes
    (click.echo does), so output is still as prompt as unbuffered.
    """
    import io

    stream = sys.stdout
    if not (isinstance(stream, io.TextIOWrapper) and isinstance(stream.buffer, io.RawIOBase)):
        return
    line_buffering, encoding, errors = stream.line_buffering, stream.encoding, stream.errors
    raw = stream.buffer
    stream.detach()  # or the old layer would close the file when it goes
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=encoding,
        errors=errors,
        line_buffering=line_buffering,
        write_through=True,
    )


def _utf8(stream: object, errors: str) -> None:
    """Make the text stream *stream* write UTF-8, if it is a file's and writes something else."""
    import io

    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in ("utf-8", "utf8"):
        stream.reconfigure(encoding="utf-8", errors=errors)


def _arguments(argv: Sequence[str]) -> list[str]:
    """The command line's words as UTF-8 text.

    Where Python read the command line in an ASCII locale without UTF-8 mode,
    a non-ASCII byte stands as an escape (PEP 383): its bytes are read again
    as UTF-8, so ``--text "café"`` is "café". Raises UnicodeDecodeError for
    words that are not UTF-8.
    """
    return [os.fsencode(arg).decode("utf-8") if not arg.isascii() else arg for arg in argv]
