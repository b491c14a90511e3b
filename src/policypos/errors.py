"""What can go wrong, as values (problems) and as exceptions.

Every exception policypos raises derives from one base class::

    PolicyPosError               base; ``exit_code`` says how the CLI ends (2)
    ├── LoadError                files could not be read, or do not fit the format
    ├── NotFoundError            a document, version, meeting or comment that does not exist
    ├── ReferenceSyntaxError     a reference such as ``DOC@VERSION`` that is not well formed
    ├── BackwardsError           OLD and NEW the wrong way round for a board paper
    ├── GitError                 a version could not be read from a git revision
    │   └── NotInGitError        its file was not in that revision, or not staged
    ├── EditError                an edit could not be composed or written
    │   ├── ConflictError        a file changed on disk after the edit read it
    │   ├── UnintendedChangeError  the edit would change data it did not mean to (a bug)
    │   └── InvalidEditError     the edit would make the repository invalid (also a LoadError)
    ├── RenderError              a document could not be written (format, template, extra)
    └── PublishError             the site could not be written (its folder, a page)

A :class:`Problem` is one finding (an error or a warning) at a :class:`Location`,
printed the way a compiler prints it: ``path:line:column: error: message``.
Validation returns problems; it raises only when it cannot read at all.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

import attrs


@attrs.frozen(order=True)
class Location:
    """A place in a file: 1-based line and column, or the whole file when they are ``None``."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        path = printable(str(self.path))
        if self.line is None:
            return path
        return f"{path}:{self.line}:{self.column or 1}"


def printable(text: str) -> str:
    r"""*text* with each character that is not printable written as Python writes it in a string.

    A line break becomes ``\n``, an ESC ``\x1b``, a right-to-left override
    ``\u202e``, a byte of a file name that is not UTF-8 ``\udcff``; the rest
    is kept as it is. For file names in messages: a name holding a line break
    would split its problem over two lines, and one holding an ESC or a bidi
    control would act on the terminal or reorder the line. The message part
    shows such names with ``repr``, which writes them the same way.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


QUOTED_LIMIT = 60
"""How many characters of a value a message quotes before it cuts it short."""


def literal(text: str) -> str:
    r"""*text* in quotes as a message shows it: as typed, one escape for each hidden character.

    Quoted the way ``repr`` quotes (in ``'...'``, or ``"..."`` when the text
    holds a ``'`` and no ``"``), and each character that is not printable
    escaped as :func:`printable` writes it; but a backslash stays one
    backslash: ``repr`` would double it, so the id ``7\u200b`` someone typed
    (a backslash, then ``u200b``) would be shown back as ``'7\\u200b'``,
    which is not what they typed, and an escape would show doubled.
    """
    mark = '"' if "'" in text and '"' not in text else "'"
    return mark + printable(text).replace(mark, "\\" + mark) + mark


def quoted(value: object) -> str:
    r"""*value* as a message quotes it (:func:`literal`, or ``repr``), cut short where it is long.

    ``'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemo...' (1,234
    characters)``: a whole file read as one value (a link to /etc/passwd, a
    megabyte of prose where a mapping belongs) would otherwise be one error
    line of that size, scrolling the terminal and hiding the rest.
    """
    shown = literal(value) if isinstance(value, str) else repr(value)
    if len(shown) <= QUOTED_LIMIT + 20:
        return shown
    end = shown[0] if isinstance(value, str) else ""
    size = f"{len(value):,} characters" if isinstance(value, str) else "cut short"
    return f"{shown[:QUOTED_LIMIT]}...{end} ({size})"


class Severity(enum.StrEnum):
    """How bad a problem is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One finding of the loader or the validator, with where it was found."""

    severity: Severity
    message: str
    location: Location | None = None

    @property
    def is_error(self) -> bool:
        """Whether this problem makes validation fail."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, then text, as compilers list them."""
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.message)
        return (str(loc.path), loc.line or 0, loc.column or 0, self.message)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}{self.severity}: {self.message}"


@attrs.frozen
class Undecodable:
    """Where bytes stop being UTF-8 text, and what to say: 1-based *line* and *column*."""

    line: int
    column: int
    message: str


# Byte order marks, UTF-32's first: UTF-32-LE's mark begins with UTF-16-LE's.
_MARKS = (
    (b"\x00\x00\xfe\xff", "UTF-32", "big-endian"),
    (b"\xff\xfe\x00\x00", "UTF-32", "little-endian"),
    (b"\xfe\xff", "UTF-16", "big-endian"),
    (b"\xff\xfe", "UTF-16", "little-endian"),
)
_SAVE = "save it as UTF-8"


def decode_utf8(data: bytes) -> str | Undecodable:
    """*data* as text (UTF-8, a byte order mark dropped), or where and why it is not.

    A file saved as UTF-16 or UTF-32, as Windows Notepad ("Unicode") and Word
    ("Unicode Text") save it, is not decoded: it is named, at line 1 column
    1, since a line and column counted in UTF-8 would point at nonsense. Only
    UTF-8 is read, as git shows it in diffs and every other tool reads it.
    Otherwise the message names the first byte that is not UTF-8 (``not
    UTF-8 text (byte 0xe9)``), at its line and column, so that the user can
    find it in an editor that shows the file in another encoding. Either
    message ends with the fix, ``save it as UTF-8``.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        # Said in the words of the editors' own Save As dialogs.
        return Undecodable(1, 1, f"{wide}, not UTF-8: {_SAVE} (Save As, Encoding: UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Undecodable(line, column, f"not UTF-8 text (byte 0x{data[exc.start]:02x}): {_SAVE}")


def _wide_encoding(data: bytes) -> str | None:
    """``UTF-16 text (little-endian)`` and the like (a byte order mark or none), or ``None``."""
    for mark, name, order in _MARKS:
        if data.startswith(mark):
            return f"{name} text ({order})"
    # Without a mark, the zero bytes around the first character give the
    # encoding away (the YAML specification's own test, section 5.2); a UTF-8
    # file never starts with a zero byte, which no text file holds.
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "UTF-32 text (big-endian)"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "UTF-32 text (little-endian)"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return f"UTF-16 text ({'big' if head[0] == 0 else 'little'}-endian)"
    return None


def sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Return *problems* in reading order, without repeats."""
    return tuple(sorted(set(problems), key=Problem.sort_key))


_COMMAND_LINE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "policypos_command_line", default=False
)


@contextlib.contextmanager
def on_the_command_line() -> Iterator[None]:
    """Within the block, messages name the command line's options and commands.

    The ``policypos`` command runs each command inside it; elsewhere a
    message names what a Python caller passes (:func:`option`, :func:`spoken`).
    """
    token = _COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


def spoken(command_line: str, python: str) -> str:
    """*command_line* when the ``policypos`` command is running, else *python*.

    A message that tells the reader what to give or run must name it as the
    reader gives it: ``--body`` to the command, ``body=`` to the function.
    """
    return command_line if _COMMAND_LINE.get() else python


def option(keyword: str) -> str:
    """The input *keyword* as a message names it: ``--referred-to``, or ``referred_to=``."""
    return spoken(f"--{keyword.replace('_', '-')}", f"{keyword}=")


class PolicyPosError(Exception):
    """Base class of every error policypos raises.

    ``exit_code`` is what the command line ends with when the error stops it:
    2 means "could not do what was asked" (FORMAT.md section 7).
    """

    exit_code: int = 2
    located: bool = False
    """Whether the message starts with its own ``file:line: error:`` place, as a
    compiler's line does; the command line then prints it as it is."""


class LoadError(PolicyPosError):
    """Files could not be read or do not fit the format.

    Carries every problem found, in reading order, so that one run reports them all.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_KNOWN_SHOWN = 12  # a 10,000-statement version must not make a 10,000-id message


def closest(word: str, choices: Iterable[str], *, numbered: bool = False) -> str | None:
    """The one of *choices* that *word* was most likely meant to be, or ``None``.

    difflib's ratio, at least 0.6: ``rs3`` finds ``rs-3`` and ``cwb-2025-7``
    finds ``cwb-2025-07``. A bare number (``3.1``, ``2027``) finds nothing:
    numbers are counted, not spelt, so paragraph 1.1 is no likelier meant than
    any other. Every "did you mean" of policypos (ids on the command line,
    keys and values in files) asks this one function, so that they all answer
    alike.

    *numbered* says that *choices* are a series told apart by their numbers,
    as meetings are by their dates (``sscb-2024-03``, ``sscb-2024-07``), and
    that a new one may be named on purpose: a *word* written as one of them
    with other numbers (``sscb-2025-03``) is then the next of the series, not
    a slip, and that choice is not offered. The same numbers written
    otherwise (``sscb-2024-3``) are still a slip.
    """
    if not word.replace(".", "").strip("0123456789"):
        return None
    if numbered:
        choices = [c for c in choices if not _another_of_series(word, c)]
    import difflib  # only on the way to an error message

    # difflib.get_close_matches, but a tie goes to the choice given first (the
    # first of 3.1 ... 3.7 for "3.l"), not to the one that sorts last.
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best, best_ratio = None, 0.6
    for choice in choices:
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio >= best_ratio):
            best, best_ratio = choice, ratio
    return best


def _another_of_series(word: str, choice: str) -> bool:
    """Whether *word* is *choice* with other numbers, as ``sscb-2025-03`` is of ``sscb-2024-03``."""
    import re

    def numbers(text: str) -> list[int]:
        return [int(n) for n in re.findall(r"[0-9]+", text)]

    def pattern(text: str) -> str:
        return re.sub(r"[0-9]+", "#", text).casefold()

    return pattern(word) == pattern(choice) and numbers(word) != numbers(choice)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'rs-3'?`` for the closest of *choices* (:func:`closest`), else ``""``."""
    close = closest(word, choices)
    return f"; did you mean {quoted(close)}?" if close is not None else ""


class NotFoundError(PolicyPosError, LookupError):
    """A document, version, meeting, comment, section or statement that is not there.

    The message is ``no KIND 'NAME'``, then `` in WITHIN`` when *within* (the
    record looked in, such as ``going-straight@2005``) is given, then the
    *known* names, if any (the first 12), then ``; did you mean 'X'?`` when
    one of them is close. *near* is that suggestion when the caller found it
    (the name typed may differ from the names known: ``going-straight@1999``
    against ``2005``); by default it is the closest of *known* to *name*.
    *new*, for a name that may be new on purpose (a meeting whose file is not
    written yet), says how to make it: after the suggestion as ``If not,
    ...``, or in its place.
    """

    def __init__(
        self,
        kind: str,
        name: str,
        known: Iterable[str] = (),
        *,
        within: str | None = None,
        near: str | None = None,
        new: str | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(known)
        self.within = within
        self.near = near if near is not None else closest(name, self.known, numbered=bool(new))
        message = f"no {kind} {quoted(name)}" + (f" in {within}" if within else "")
        if self.known:
            shown = ", ".join(self.known[:_KNOWN_SHOWN])
            more = len(self.known) - _KNOWN_SHOWN
            message += f" (known: {shown}{f', and {more} more' if more > 0 else ''})"
        if self.near is not None:
            message += f"; did you mean {quoted(self.near)}?"
        if new is not None:
            message += f" If not, {new}" if self.near is not None else f"; {new}"
        super().__init__(message)


class ReferenceSyntaxError(PolicyPosError, ValueError):
    """A reference written on the command line or in the API that is not well formed.

    Also a bare string given where a list of names is wanted (see :func:`not_one_name`).
    """


def not_one_name(value: object, what: str) -> None:
    """Refuse a bare string (or path) given as *what*, a parameter that takes a list of names.

    Iterated, a string is its letters: ``on="drugs-alcohol"`` would name
    ``d``, ``r``, ``u``... and ``only="doc"`` would match ``d`` and ``do``.
    mypy cannot catch it (a ``str`` is a ``Sequence[str]``), so the public
    functions check; one name is refused rather than guessed at, since a
    comma-separated string would be taken as one odd id.

    Raises:
        ReferenceSyntaxError: *value* is a ``str``, ``bytes`` or path.
    """
    if isinstance(value, str | bytes | PurePath):
        raise ReferenceSyntaxError(
            f"{what} takes a list of names, not one {type(value).__name__}: "
            f"write {what}=[{str(value)!r}]"
        )


class BackwardsError(PolicyPosError, ValueError):
    """Two versions given the wrong way round where the order matters.

    A board paper proposes NEW in place of OLD, so NEW must be the later one
    (see :func:`policypos.diff.backwards` for what "later" means).
    """


class GitError(PolicyPosError):
    """A version could not be read from a git revision (no git, no repository, no such commit)."""


class NotInGitError(GitError):
    """The version's file was not in the git revision named, or not in git's index (``--staged``).

    git itself worked: the version is new since that revision, or was never
    added. ``policypos diff --allow-new`` compares such a version with its base.
    """


class RenderError(PolicyPosError):
    """A board document could not be written.

    An unknown format, a user template that fails, or an optional dependency
    that is not installed (the message names the extra that brings it).
    """


class PublishError(PolicyPosError):
    """The static site could not be written.

    Its folder is a file, or holds files but is not a site policypos wrote
    (it has no manifest), or a page could not be written or removed.
    """


class EditError(PolicyPosError):
    """An edit of the repository could not be composed or written (the message says why)."""


class ConflictError(EditError):
    """A file changed on disk after the edit read it: nothing is written, run the edit again."""


class UnintendedChangeError(EditError):
    """The composed edit would change data beyond what the command meant to: refused, a bug."""


class InvalidEditError(EditError, LoadError):
    """The edit would give the repository errors; ``problems`` holds the validator's findings."""
