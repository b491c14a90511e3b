"""Changing a positions repository: the officer's editing commands, as values first.

Each function here *composes* an :class:`Edit` (the files it would change,
with their bytes before and after) and writes nothing; :func:`apply_edit`
writes one. ``--dry-run`` prints :meth:`Edit.diff` instead of applying it.

How files are edited
--------------------

Every change goes through ruamel.yaml's round-trip mode, configured (indent 2,
sequences 4 with the dash at 2, quotes kept, no re-wrapping) so that loading
and dumping any shipped file gives back its exact bytes. Where a file's own
layout would not survive that (tabs of indent, CRLF, a ``---`` line, odd
spacing), the lines the round trip would rewrite but the edit did not touch
are taken from the original file: the edit is spliced into the original
(:func:`_splice`). Comments, key order, quoting, block scalars and blank lines
outside the edited lines therefore stay byte for byte.

Before an edit is returned, two checks run on its result:

* a guard loads the old and new data of every file and compares them with
  deepdiff; any changed path beyond the ones the command meant to change is
  refused (:class:`~policypos.errors.UnintendedChangeError`);
* the validator runs on a copy of the document folder with the edit applied;
  an edit that would give the document an error is refused
  (:class:`~policypos.errors.InvalidEditError`, with the validator's lines).

How files are written
---------------------

:func:`apply_edit` first refuses to write a file whose bytes on disk are no
longer those the edit was composed from (:class:`~policypos.errors.ConflictError`).
Each new content goes to a temporary file in the same folder (a dot name, which
the loader skips), flushed and synced. An edit of one file then renames it over
the target. An edit of several files (``endorse``) first writes a journal,
``.policypos-journal`` at the top of the repository, listing the renames; only
then renames, and deletes the journal last. :func:`recover`, which every
command runs first, completes a journal left by a process that died half-way
(rolling forward: every temporary it lists was fully written before it was),
and removes temporaries no journal lists (an edit that died before deciding).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import io
import os
import re
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from policypos import _writing
from policypos.errors import (
    EditError,
    InvalidEditError,
    LoadError,
    Location,
    NotFoundError,
    Problem,
    Severity,
    UnintendedChangeError,
    closest,
    did_you_mean,
    not_one_name,
    option,
    quoted,
    spoken,
)
from policypos.model import (
    Comment,
    CommentKind,
    Disposition,
    Document,
    Meeting,
    Origin,
    Status,
    Version,
    is_id,
    kinds_noun,
)

if TYPE_CHECKING:
    from policypos._outline import Outline

JOURNAL = _writing.JOURNAL
"""The journal of a multi-file edit under way, at the top of the repository."""

_FOLD_AT = 80  # new block text is folded to this many columns, as the shipped files are
_EDITABLE = (Status.DRAFT, Status.PROPOSED)

KeyPath = tuple[str | int, ...]


# --- the edit as a value -----------------------------------------------------


@attrs.frozen
class FileChange:
    """One file an edit writes: its bytes as read (``None``: a new file) and as they will be.

    ``path`` is the file's path as the repository root given to the composing
    function leads to it.
    """

    path: Path
    before: bytes | None
    after: bytes


@attrs.frozen
class Edit:
    """A composed change to a repository: the files it writes, all together or none.

    ``warnings`` are the validator's warnings that the edit would bring (an
    edit that brings errors is never composed).
    """

    root: Path
    changes: tuple[FileChange, ...]
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    """What the edit does that its diff does not say plainly (``propose`` moving a
    version to another meeting), one line each, for the command line to print."""
    after_writing: tuple[str, ...] = ()
    """What to do next once the edit is written (``cite``: set the comment's
    disposition), one line each: advice on a write, so ``--dry-run`` leaves it out."""

    @property
    def paths(self) -> tuple[Path, ...]:
        """The files the edit writes, in the order it writes them."""
        return tuple(change.path for change in self.changes)

    def diff(self) -> str:
        """The unified diff of every change, as ``git diff`` prints it.

        Paths are relative to the repository root, prefixed ``a/`` and
        ``b/``; a new file is compared with ``/dev/null``. Empty when the edit
        changes nothing.
        """
        out: list[str] = []
        for change in self.changes:
            name = _relative(change.path, self.root)
            old = _lines(change.before or b"")
            new = _lines(change.after)
            before_name = "/dev/null" if change.before is None else f"a/{name}"
            body = list(difflib.unified_diff(old, new, before_name, f"b/{name}"))
            for line in body:
                out.append(
                    line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                )
        return "".join(out)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines(keepends=True)


# --- ruamel.yaml round trip ----------------------------------------------------


def _yaml() -> Any:
    """The round-trip reader and writer, set up to give back the shipped files' exact bytes."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the edit did not write
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load(data: bytes, path: Path) -> Any:
    """The round-trip tree of *data*; refused first if the loader refuses it as YAML.

    The loader's checks (:func:`policypos.load.yaml_problems`) run before the
    round-trip reader sees the text, so that an alias bomb or a file nested
    100,000 deep is refused at once (its first problem) instead of expanding
    or overflowing the stack in ruamel.yaml's round trip or deepdiff.

    Raises:
        LoadError: the loader's first error in *data*, or its duplicate keys.
    """
    from ruamel.yaml.error import YAMLError

    from policypos.errors import LoadError
    from policypos.load import duplicate_keys, yaml_problems

    errors = [p for p in yaml_problems(data, path) if p.is_error]
    if errors:
        raise LoadError(errors[:1])
    try:
        return _yaml().load(data)
    except YAMLError as exc:
        repeated = duplicate_keys(data, path)  # in the words validate uses, not ruamel's
        if repeated:
            raise LoadError(repeated) from exc
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        said = getattr(exc, "problem", None) or "malformed"
        raise EditError(f"{where}: not well-formed YAML ({said}); nothing was written") from exc
    except ValueError as exc:  # a date that is no date (2024-02-30), as the round trip builds it
        found = _no_date(data, path)
        if found is None:
            raise EditError(f"{path}: {exc}; nothing was written") from exc
        raise LoadError([found]) from exc


def _no_date(data: bytes, path: Path) -> Problem | None:
    """Where *data* holds a date that is no date, said as the validator says it; None if nowhere.

    The round trip builds dates as it reads and fails without a place; the
    file's nodes are composed again (not built) and each date tried alone.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

    yaml = YAML()

    def scalars(node: Node) -> Iterator[Node]:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                yield from scalars(key)
                yield from scalars(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                yield from scalars(item)
        else:
            yield node

    for node in scalars(yaml.compose(data)):
        if str(node.tag).endswith(":timestamp"):
            try:
                yaml.constructor.construct_yaml_timestamp(node)
            except ValueError as exc:
                mark = node.start_mark
                return Problem(
                    Severity.ERROR,
                    f"{quoted(node.value)} is not a real date ({exc})",
                    Location(path, mark.line + 1, mark.column + 1),
                )
    return None


def _dump(tree: Any) -> bytes:
    out = io.BytesIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def _plain_data(data: bytes | None) -> Any:
    """The file's data as plain Python values (what the guard compares)."""
    if data is None:
        return {}
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False).load(data)


def _scalar(text: str) -> Any:
    """*text* as a YAML string: double-quoted unless, plain, every YAML reader reads it as itself.

    Plain text is kept only when it reads back as the same string both under
    YAML 1.2 (our loader) and under YAML 1.1, which PyYAML and many other
    tools still use: there ``yes``, ``no``, ``on``, ``off``, ``y``, ``n`` are
    booleans, ``12:30`` is the number 750 and ``1_000`` is 1000. Anything
    else (numbers, dates, nulls, ``~``, text that reads as a mapping...) is
    written in double quotes.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if "\n" in text or not all(_reads_as_itself(text, version) for version in ((1, 2), (1, 1))):
        return DoubleQuotedScalarString(text)
    return text


def _reads_as_itself(text: str, version: tuple[int, int]) -> bool:
    """Whether *text*, written plain, is read back as the same string by a YAML *version* reader."""
    from ruamel.yaml import YAML

    reader = YAML(typ="safe", pure=version != (1, 2))
    if version != (1, 2):
        reader.version = version
    try:
        plain = reader.load(text)
    except Exception:  # anything that does not read back as itself gets quotes
        return False
    return isinstance(plain, str) and plain == text


def _block_text(text: str, indent: int) -> Any:
    """Prose as the shipped files hold it: short on one line, long as a folded (``>``) block."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    text = text.strip()
    if "\n" in text:
        return LiteralScalarString(text + "\n")
    if len(text) + indent <= _FOLD_AT and not text.startswith(("#", "'", '"', "-", "[", "{")):
        return _scalar(text)
    folded = FoldedScalarString(text + "\n")
    positions, start, width = [], 0, _FOLD_AT - indent
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start or text[cut + 1 : cut + 2] == " " or text[cut - 1] == " ":
            break
        positions.append(cut)
        start = cut + 1
    folded.fold_pos = positions
    return folded


def _flow_list(items: Iterable[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([_scalar(i) for i in items])
    seq.fa.set_flow_style()
    return seq


def _put(mapping: Any, key: str, value: Any, after: Sequence[str]) -> None:
    """Set *key*: in place when present, else right after the last of *after* present.

    A comment or blank line held by the key it goes after moves to the new
    key, so that it stays below the block rather than splitting it.
    """
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    anchor = next((k for k in reversed(after) if k in mapping), None)
    position = keys.index(anchor) + 1 if anchor is not None else 0
    mapping.insert(position, key, value)
    if anchor is not None:
        held = mapping.ca.items.pop(anchor, None)
        if held is not None:
            stays, moves = _split_end_of_line(held)
            if stays is not None:
                mapping.ca.items[anchor] = stays
            if moves is not None:
                mapping.ca.items[key] = moves


def _split_end_of_line(held: list[Any]) -> tuple[list[Any] | None, list[Any] | None]:
    """A key's comment entry cut in two: its end-of-line comment, and the lines after it.

    ruamel.yaml hangs the comment ending a value's line (``tags: [x]  # note``)
    and the blank or comment lines below it on one token after the value. A
    key inserted after that one must take only the lines below (so that they
    stay below the block), while the end-of-line comment stays on its own
    line, with the value it was written about.
    """
    from ruamel.yaml.tokens import CommentToken

    token = held[2] if len(held) > 2 else None
    if token is None or not token.value.startswith("#") or any(held[:2]) or any(held[3:]):
        return None, held
    line, _, rest = token.value.partition("\n")
    stays = [None, None, CommentToken(line + "\n", token.start_mark, None), None]
    if not rest:
        return stays, None
    below = CommentToken(
        "\n" + rest, token.start_mark, None, column=0
    )  # "\n": the value's line ends
    return stays, [None, None, below, None]


def _delete(mapping: Any, key: str) -> None:
    """Remove *key*, handing a comment or blank line it held to the key before it."""
    keys = list(mapping.keys())
    held = mapping.ca.items.pop(key, None)
    del mapping[key]
    index = keys.index(key)
    if held is not None and index == len(keys) - 1 and index > 0:
        mapping.ca.items.setdefault(keys[index - 1], held)


# --- keeping the original bytes -----------------------------------------------


def _splice(original: bytes, base: bytes, edited: bytes, path: Path) -> bytes:
    """Apply the change *base* -> *edited* to *original*, where *base* is *original* round-tripped.

    When the round trip gives the file back exactly (*base* == *original*),
    that is *edited*. Otherwise lines are matched by their content (ignoring
    indentation and line ending), each changed run of lines is placed where
    the same lines stand in *original*, indented as its neighbours are there
    and ending as they do, and every other line keeps its original bytes.

    Raises:
        EditError: a changed line falls where the round trip itself rewrote
            the file, so it cannot be placed without rewriting more.
    """
    if base == original:
        return edited
    b, o, e = (data.splitlines(keepends=True) for data in (base, original, edited))
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(
        None, [line.strip() for line in b], [line.strip() for line in o], autojunk=False
    )
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                where[i1 + k] = j1 + k

    def refused() -> EditError:
        return EditError(
            f"{path}: the edit falls on lines whose layout the YAML writer cannot keep; "
            f"run {_command(f'fmt {path}', 'format_files()')} first"
        )

    out: list[bytes] = []
    at = 0
    opcodes = difflib.SequenceMatcher(None, b, e, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if i1 < i2:
            if any(i not in where for i in range(i1, i2)):
                raise refused()
            first, last = where[i1], where[i2 - 1]
            if last - first != i2 - i1 - 1:
                raise refused()
            start, end, like = first, last + 1, (i1, first)
        elif i1 in where:
            start = end = where[i1]
            like = (i1, where[i1])
        elif i1 - 1 in where:
            start = end = where[i1 - 1] + 1
            like = (i1 - 1, where[i1 - 1])
        else:
            raise refused()
        if start < at:
            raise refused()
        out.extend(o[at:start])
        out.extend(_relaid(e[j1:j2], b[like[0]], o[like[1]]))
        at = end
    out.extend(o[at:])
    return b"".join(out)


def _relaid(lines: list[bytes], base_line: bytes, original_line: bytes) -> list[bytes]:
    """*lines* as written next to *base_line*, re-indented and re-ended as *original_line* is."""
    shift = _indent(original_line) - _indent(base_line)
    ending = b"\r\n" if original_line.endswith(b"\r\n") else b"\n"
    relaid = []
    for line in lines:
        body = line.rstrip(b"\r\n")
        if shift > 0:
            body = b" " * shift + body
        elif shift < 0:
            body = body[min(-shift, _indent(body)) :]
        relaid.append(body + (ending if line.endswith(b"\n") else b""))
    return relaid


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _edit_bytes(original: bytes, path: Path, change: Any) -> bytes:
    """Load *original*, let *change* edit the tree in place, and return the spliced result."""
    tree = _load(original, path)
    base = _dump(tree)
    change(tree)
    return _splice(original, base, _dump(tree), path)


# --- the guard -------------------------------------------------------------------


def _deepdiff_path(keys: KeyPath) -> str:
    return "root" + "".join(f"[{k}]" if isinstance(k, int) else f"['{k}']" for k in keys)


def _guard(path: Path, old: Any, new: Any, meant: Iterable[KeyPath]) -> None:
    """Refuse when the data of *new* differs from *old* anywhere but under the *meant* paths.

    Raises:
        UnintendedChangeError: naming the first path changed that was not meant.
    """
    from deepdiff import DeepDiff

    allowed = [_deepdiff_path(keys) for keys in meant]
    found = DeepDiff(old, new, view="tree")
    for report in found.values():
        for level in report:
            changed = level.path()
            if not any(changed == a or changed.startswith((a + "[",)) for a in allowed):
                raise UnintendedChangeError(
                    f"{path}: the edit would change {changed}, which it did not mean to; "
                    "nothing was written (this is a bug in policypos, please report it)"
                )


# --- composing: reading what there is ------------------------------------------


@attrs.frozen
class _Draft:
    """A change being composed: the new bytes, what the guard compares them with, what it allows."""

    path: Path
    before: bytes | None
    after: bytes
    reference: bytes | None  # the data the guard compares *after* with (default: before)
    meant: tuple[KeyPath, ...]


def _document(root: Path, document_id: str) -> tuple[Document, tuple[Problem, ...]]:
    """The document to edit and its problems now (the loader's and the validator's).

    Refused (:class:`~policypos.errors.LoadError`) only when the loader could
    not read the document's files whole: a record read in part cannot be
    edited safely. Errors the validator finds across files (an ``addressed``
    comment nobody cites, say) do not block an edit: :func:`_validate_after`
    refuses an edit only for the errors it *brings*, so the edit that would
    fix such an error goes through.

    Runs :func:`recover` first, so that an interrupted edit is completed
    before anything is read.
    """
    from policypos.errors import LoadError
    from policypos.load import read_repository
    from policypos.validate import Checked, in_reports, validate

    recover(root)
    reading = read_repository(root)
    loaded = Checked(reading.repository, reading.problems)
    unread: dict[Path | None, Problem] = {}
    for problem in loaded.problems_of(document_id):
        if problem.is_error and not in_reports(problem, root):  # reports are not edited here
            unread.setdefault(problem.location.path if problem.location else None, problem)
    if unread:
        raise LoadError(unread.values())
    found = validate(
        reading.repository,
        unreadable=reading.unreadable,
        damaged=reading.damaged,
        reports=reading.reports,
    )
    checked = Checked(reading.repository, (*reading.problems, *found))
    return reading.repository.document(document_id), checked.problems_of(document_id)


def _as_read(origin: Origin | None, path: Path) -> bytes:
    """The bytes *path* held when the record of *origin* was loaded from it.

    An edit is composed from the very bytes its record was read from, never
    from a second read: had the file changed in between (another process
    recording a comment), the record (its comment count, say) and the bytes
    edited would disagree, and the guard would take the other process's
    change for the edit's own. Composed from the bytes as read, the edit
    meets the change at :func:`apply_edit`, which refuses it as a conflict.
    """
    if origin is not None and origin.path == path and origin.data is not None:
        return origin.data
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EditError(f"{path}: cannot read: {exc.strerror}") from exc


def _check_id(text: str, what: str) -> None:
    if not is_id(text):
        raise EditError(
            f"{what} {quoted(text)} is not a valid id (letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 64)"
        )


def _check_lines(**fields: str | None) -> None:
    """Refuse a line break or control character in one-line fields (a name, a body, an item).

    A shell's quoting lets one in easily (``--by "Cllr Jones
    "``), and a paper would print it across two lines.
    """
    for name, value in fields.items():
        if value is not None and not _one_line(value):
            raise EditError(f"{option(name)} must be one line of text, without control characters")


def _one_line(value: str) -> bool:
    """Whether *value* has no line break or other control character."""
    return not any(c < " " or "\x7f" <= c <= "\x9f" for c in value)


def _version_path(root: Path, document: Document, version_id: str) -> Path:
    version = document.version(version_id)
    if version.origin is not None:
        return version.origin.path
    return root / document.id / "versions" / f"{version_id}.yaml"  # pragma: no cover


def _finish(
    root: Path, document: Document, known: tuple[Problem, ...], drafts: Sequence[_Draft]
) -> Edit:
    """Guard every draft, validate the document as it would be, and return the edit."""
    for draft in drafts:
        reference = draft.before if draft.reference is None else draft.reference
        if reference is None:  # a file made from nothing: all of it is meant
            continue
        _guard(draft.path, _plain_data(reference), _plain_data(draft.after), draft.meant)
    warnings = _validate_after(root, document.id, known, drafts)
    return Edit(
        root, tuple(FileChange(d.path, d.before, d.after) for d in drafts), warnings=warnings
    )


def _validate_after(
    root: Path, document_id: str, known: tuple[Problem, ...], drafts: Sequence[_Draft]
) -> tuple[Problem, ...]:
    """Run the validator on a copy of the document folder with *drafts* written into it.

    Returns the warnings the edit brings; raises when it brings any error.
    A problem is brought when the edited document has more problems with its
    severity and message than it had before (places are left out of the
    comparison: an edit moves the lines below it). Errors the document
    already had are not the edit's, and an edit that removes one is welcome.
    """
    from collections import Counter

    from policypos.validate import check

    folder = root / document_id
    before = Counter(_problem_key(p) for p in known)
    with _scratch_folder("edit") as scratch:
        copy = Path(scratch) / document_id
        _copy_what_is_read(folder, copy)
        for draft in drafts:
            target = copy / draft.path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(draft.after)
        found = [_moved(p, Path(scratch), root) for p in check(scratch)]
    brought = []
    for problem in found:
        key = _problem_key(problem)
        if before[key] > 0:
            before[key] -= 1
        else:
            brought.append(problem)
    errors = [p for p in brought if p.is_error]
    if errors:
        unwritten = {d.path for d in drafts if d.before is None}
        raise InvalidEditError(_in_unwritten(p, unwritten) for p in errors)
    return tuple(p for p in brought if not p.is_error)


def _in_unwritten(problem: Problem, unwritten: set[Path]) -> Problem:
    """*problem*, said plainly to be in a file the refused edit would have made.

    Nothing is written when an edit brings an error, so a ``path:line:column``
    there would point at a file that does not exist: the place goes into the
    message instead.
    """
    loc = problem.location
    if loc is None or loc.path not in unwritten:
        return problem
    where = f", line {loc.line}" if loc.line else ""
    where += f", column {loc.column}" if loc.line and loc.column else ""
    said = f"{loc.path} (the new file, not written){where}: {problem.message}"
    return attrs.evolve(problem, message=said, location=None)


_SCRATCH = re.compile(r"policypos-(?:edit|new)-(?:(?P<pid>[0-9]+)-)?[a-z0-9_]+")
"""The scratch folders of edits in the temporary folder; names made before PIDs had none."""

_STALE_AFTER = 24 * 60 * 60
"""Seconds after which a scratch folder whose name gives no PID is taken to be left behind."""


@contextlib.contextmanager
def _scratch_folder(kind: str) -> Iterator[str]:
    """A scratch folder for checking an edit, named with this process's id; stale ones cleared.

    A process killed mid-check (``kill -9``, a power cut) cannot remove its
    folder, so each edit removes those whose process no longer runs first.
    """
    _clear_stale_scratch()
    with tempfile.TemporaryDirectory(prefix=f"policypos-{kind}-{os.getpid()}-") as scratch:
        yield scratch


def _clear_stale_scratch() -> None:
    """Remove this user's scratch folders left by edits that died; never a running process's.

    A folder is stale when the process its name gives is gone, or, named
    without a process (by an older policypos), when it is more than a day
    old. Another user's folders, links and anything that cannot be removed
    are left alone: tidying up must never stop an edit.
    """
    import shutil
    import stat
    import time

    top = Path(tempfile.gettempdir())
    try:
        entries = [e for e in os.scandir(top) if _SCRATCH.fullmatch(e.name)]
    except OSError:
        return
    uid = getattr(os, "getuid", lambda: None)()
    for entry in entries:
        match = _SCRATCH.fullmatch(entry.name)
        assert match is not None  # filtered above
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        pid = match["pid"]
        stale = (
            not _running(int(pid))
            if pid is not None
            else time.time() - info.st_mtime > _STALE_AFTER
        )
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process *pid* runs (or may: where the system cannot say, it is taken to)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - there os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or a number no process can have
        return False
    except OSError:  # another user's process, say: it runs
        return True
    return True


_READ_FOLDERS = ("versions", "meetings", "reports")
"""The folders of a document folder whose ``.yaml`` files the loader reads."""


def _copy_what_is_read(folder: Path, copy: Path) -> None:
    """Copy into *copy* the files of document *folder* that the loader reads, as new files.

    Only ``document.yaml`` and the ``.yaml`` files of :data:`_READ_FOLDERS`,
    each a regular file (through a link), dot names left out: what else a
    folder holds (a pipe, a link to ``/dev/zero`` or to a folder above) the
    loader does not read, so the check need not either, and copying it could
    block, recurse or fill the disk. Each copy is a new file of this
    process, whatever the original's mode: the check writes the edit into it.
    A file that cannot be read is left out; the loader reports it where it is.
    """
    copy.mkdir()
    sources = [folder / "document.yaml"]
    for name in _READ_FOLDERS:
        sub = folder / name
        if sub.is_dir():
            (copy / name).mkdir()
            sources += sorted(
                p for p in sub.iterdir() if p.suffix == ".yaml" and not p.name.startswith(".")
            )
    for source in sources:
        if source.is_file():
            with contextlib.suppress(OSError):
                (copy / source.relative_to(folder)).write_bytes(source.read_bytes())


def _problem_key(problem: Problem) -> tuple[str, str]:
    return (str(problem.severity), problem.message)


def _moved(problem: Problem, scratch: Path, root: Path) -> Problem:
    """*problem* found in the scratch copy, located in the real repository instead."""
    loc = problem.location
    if loc is None:
        return problem
    try:
        path = root / loc.path.relative_to(scratch)
    except ValueError:
        return problem
    return attrs.evolve(problem, location=Location(path, loc.line, loc.column))


# --- the editing commands ---------------------------------------------------------


def new_version(
    root: Path | str,
    document: str,
    source: str,
    new_id: str,
    date: dt.date | None = None,
) -> Edit:
    """Compose a new draft of *document*: version *source*'s content under the id *new_id*.

    The new file is *source*'s file, comments and layout included, with
    ``version: new_id``, ``date`` (default: today), ``status: draft`` and
    ``based_on: source``; its ``meeting`` is left out (a new draft has not
    been presented yet), and so are its ``removed`` list (what *source* left
    out of its own base: the draft starts with all of *source*) and the
    comment block heading the file, which describes *source*. The places'
    ``addresses`` stay: the copied text still answers those comments.

    Raises:
        NotFoundError: no such document or version.
        EditError: *new_id* is not a valid id, or already names a version.
        InvalidEditError, UnintendedChangeError: see :class:`Edit`.
    """
    return _copy_version(Path(root), document, source, new_id, date, restoring=False)


def restore(
    root: Path | str,
    document: str,
    old: str,
    new_id: str,
    date: dt.date | None = None,
) -> Edit:
    """Compose a new draft *new_id* that brings back the past version *old* of *document*.

    History is never rewritten: *old* keeps its file and status, and the new
    draft is a copy of it (``based_on: old``, dated *date*, default today),
    exactly as :func:`new_version` makes one, which the board can then
    endorse. Refused when *old* is the newest version (there is nothing to
    bring back: use :func:`new_version`).

    Raises:
        NotFoundError: no such document or version.
        EditError: *old* is the newest version; *new_id* is taken or invalid.
    """
    return _copy_version(Path(root), document, old, new_id, date, restoring=True)


def _copy_version(
    root: Path,
    document_id: str,
    source: str,
    new_id: str,
    date: dt.date | None,
    *,
    restoring: bool,
) -> Edit:
    doc, known = _document(root, document_id)
    version = doc.version(source)
    _check_id(new_id, "version id")
    if any(v.id == new_id for v in doc.versions):
        raise EditError(f"{document_id}@{new_id} already exists")
    if restoring and doc.newest().id == source:
        raise EditError(
            f"{document_id}@{source} is the newest version: there is nothing to restore "
            f"(use {_command('new-version', 'new_version()')} to start a draft from it)"
        )
    source_path = _version_path(root, doc, version.id)
    target = source_path.with_name(f"{new_id}.yaml")
    if target.exists():
        raise EditError(f"{target}: already exists")
    original = _without_heading(_as_read(version.origin, source_path))
    when = date or dt.date.today()

    def change(tree: Any) -> None:
        tree["version"] = _scalar(new_id)
        tree["date"] = when
        _put(tree, "status", "draft", ["version", "date"])
        _put(tree, "based_on", _scalar(source), ["version", "date", "status"])
        # Only what describes *source* itself goes: the meeting it was put to,
        # and the removals it made from its own base (relative to that base,
        # so no removal of the draft's, which starts with all of *source*).
        # The ``addresses`` stay: the copied places still answer those
        # comments, and the papers tell such carried answers from new ones.
        for key in _OF_THE_SOURCE_ONLY:
            if key in tree:
                _delete(tree, key)

    after = _edit_bytes(original, source_path, change)
    meant: tuple[KeyPath, ...] = (
        ("version",),
        ("date",),
        ("status",),
        ("based_on",),
        *((key,) for key in _OF_THE_SOURCE_ONLY),
    )
    composed = _finish(root, doc, known, [_Draft(target, None, after, original, meant)])
    return attrs.evolve(composed, notes=_parallel_drafts(doc, source, new_id))


_OF_THE_SOURCE_ONLY = ("meeting", "removed")
"""Top-level keys of a version file that a draft copied from it must not inherit."""


def _parallel_drafts(doc: Document, source: str, new_id: str) -> tuple[str, ...]:
    """A note naming the drafts already built on *source*: *new_id* will be a parallel draft.

    Allowed (two wordings may be tried), but only one can be endorsed; an
    answer cited from the other is then in force nowhere, which ``validate``
    warns of.
    """
    others = doc.drafts_on(source)
    if not others:
        return ()
    names = ", ".join(f"{doc.id}@{v}" for v in others)
    verb = "is" if len(others) == 1 else "are"
    return (
        f"{names} {verb} already built on {source}: {new_id} is a parallel draft, and only "
        "one of them can be endorsed (an answer cited only from the other then counts for "
        "nothing)",
    )


def _without_heading(data: bytes) -> bytes:
    """*data* without the comment lines (and blank lines) before its first line of YAML."""
    lines = data.splitlines(keepends=True)
    k = 0
    while k < len(lines) and (not lines[k].strip() or lines[k].lstrip().startswith(b"#")):
        k += 1
    return b"".join(lines[k:])


def add_comment(
    root: Path | str,
    document: str,
    meeting: str,
    comment_id: str,
    text: str,
    *,
    kind: CommentKind | str = CommentKind.COMMENT,
    by: str | None = None,
    on: Sequence[str] = (),
    body: str | None = None,
    date: dt.date | None = None,
    item: str | None = None,
    reviews: str | None = None,
) -> Edit:
    """Compose recording a comment *comment_id* made at *meeting* on *document*.

    The comment is appended to the meeting's ``comments`` with
    ``disposition: open``. When the meeting has no file yet, one is created
    from *body* (required then), *date* (default: today), *item* and
    *reviews*. For a meeting that exists they may be left out or given as
    the meeting has them (a script may pass them with every comment); a
    value that differs from the meeting's is refused, naming it.

    Raises:
        NotFoundError: no such document.
        EditError: an invalid id, a comment id the meeting already used, an
            unknown kind, empty text, a line break in *by*, *body* or *item*,
            or meeting fields that differ from those of a meeting that exists
            (or no *body* for one that does not).
        InvalidEditError: the comment would break a rule (``on`` naming
            nothing, ``reviews`` naming no version...).
    """
    not_one_name(on, "on")
    root = Path(root)
    doc, known = _document(root, document)
    _check_id(meeting, "meeting id")
    _check_id(comment_id, "comment id")
    _check_lines(by=by, body=body, item=item)
    chosen_kind: CommentKind = _member(CommentKind, kind, "comment kind")
    if not text.strip():
        raise EditError("the comment's text is empty")
    path = root / document / "meetings" / f"{meeting}.yaml"
    entry = _new_comment(comment_id, chosen_kind, text, by, on)
    exists = any(m.id == meeting for m in doc.meetings)
    if exists:
        held = doc.meeting(meeting)
        _as_held(held, body=body, date=date, item=item, reviews=reviews)
        _check_met(meeting, held.date, _NO_COMMENTS_YET)
        if any(c.id == comment_id for c in held.comments):
            raise EditError(f"{meeting}/{comment_id} already exists")
        if held.origin is not None:
            path = held.origin.path
        before = _as_read(held.origin, path)
        index = len(held.comments)

        def change(tree: Any) -> None:
            from ruamel.yaml.comments import CommentedSeq

            if "comments" not in tree or tree["comments"] is None:
                _put(tree, "comments", CommentedSeq(), list(tree.keys()))
            comments = tree["comments"]
            comments.append(entry)
            _keep_closing_comments_last(comments)
            _space_like_others(comments)

        after = _edit_bytes(before, path, change)
        meant: tuple[KeyPath, ...] = (("comments", index),)
        if not held.comments:
            meant = (("comments",),)
        return _finish(root, doc, known, [_Draft(path, before, after, None, meant)])
    if body is None or not body.strip():
        raise _no_meeting(doc, meeting, _body_and_date(date_optional=True))
    if path.exists():
        raise EditError(f"{path}: already exists")
    _check_met(meeting, date or dt.date.today(), _NO_COMMENTS_YET)
    after = _dump(_new_meeting(meeting, body, date or dt.date.today(), item, reviews, entry))
    meant = (("meeting",), ("reviews",), ("comments",))
    return _finish(root, doc, known, [_Draft(path, None, after, None, meant)])


_NO_COMMENTS_YET = "no comment can have been made at it yet: record it once the meeting has met"


def _check_met(meeting: str, on: dt.date, why: str) -> None:
    """Refuse what only a meeting that has met can have done: *meeting* is dated *on*.

    A meeting dated ahead is a planned one (a paper may be proposed to it),
    but nothing can have been said or decided at it yet: a comment made or
    answered there is a mistyped date or is recorded too soon.

    Raises:
        EditError: *on* is after today; the message ends with *why*.
    """
    today = dt.date.today()
    if on > today:
        raise EditError(f"meeting {quoted(meeting)} is dated {on}, after today ({today}): {why}")


def _keep_closing_comments_last(seq: Any) -> None:
    """Move comment lines below the old last entry of *seq* to below its new last entry.

    ruamel.yaml hangs a comment block that closes the file (``# Minutes
    checked by AB.``) on the last key of the last entry; appending an entry
    would leave the block between the two. An end-of-line comment stays.
    """
    if len(seq) < 2 or not (hasattr(seq[-2], "ca") and seq[-2] and hasattr(seq[-1], "ca")):
        return
    previous, new = seq[-2], seq[-1]
    last = list(previous.keys())[-1]
    held = previous.ca.items.get(last)
    if held is None:
        return
    stays, moves = _split_end_of_line(held)
    if moves is None or moves[2] is None or "#" not in moves[2].value:
        return
    if stays is None:
        del previous.ca.items[last]
    else:
        previous.ca.items[last] = stays
    new.ca.items[list(new.keys())[-1]] = moves


def _space_like_others(seq: Any) -> None:
    """Put the blank line(s) that separate earlier entries of *seq* before its new last entry."""
    import copy

    if len(seq) < 3:
        return
    before = seq.ca.items.get(len(seq) - 2)
    if before is not None:
        tokens = before[1] or []
        if tokens and all(not t.value.strip() for t in tokens) and len(seq) - 1 not in seq.ca.items:
            seq.ca.items[len(seq) - 1] = [None, copy.deepcopy(tokens), None, None]
        return
    model, previous = seq[-3], seq[-2]
    if not (hasattr(model, "ca") and hasattr(previous, "ca") and model and previous):
        return
    held = model.ca.items.get(list(model.keys())[-1])
    last = list(previous.keys())[-1]
    if held is None or held[2] is None or held[2].value.strip():
        return
    own = previous.ca.items.get(last)
    if own is None:
        previous.ca.items[last] = [None, None, copy.deepcopy(held[2]), None]
    elif _split_end_of_line(own)[1] is None:  # an end-of-line comment only: blank lines after it
        token = copy.deepcopy(own[2])
        token.value += "\n" * (held[2].value.count("\n") - 1)
        previous.ca.items[last] = [None, None, token, None]


def _member(kind: Any, value: Any, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        names = [m.value for m in kind]
        raise EditError(
            f"unknown {what} {quoted(value)} (known: {', '.join(names)})"
            f"{did_you_mean(value, names)}"
        ) from None


def _new_comment(
    comment_id: str, kind: CommentKind, text: str, by: str | None, on: Sequence[str]
) -> Any:
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    entry["id"] = _scalar(comment_id)
    entry["kind"] = kind.value
    if by:
        entry["by"] = _scalar(by)
    if on:
        entry["on"] = _flow_list(on)
    entry["text"] = _block_text(text, 4 + len("text: "))
    entry["disposition"] = Disposition.OPEN.value
    return entry


def _new_meeting(
    meeting: str, body: str, date: dt.date, item: str | None, reviews: str | None, entry: Any
) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    head = CommentedMap()
    head["id"] = _scalar(meeting)
    head["body"] = _scalar(body)
    head["date"] = date
    if item:
        head["item"] = _scalar(item)
    tree = CommentedMap()
    tree["meeting"] = head
    if reviews:
        tree["reviews"] = _scalar(reviews)
    if entry is not None:  # a meeting that endorsed a version may have no comment
        tree["comments"] = CommentedSeq([entry])
    return tree


def set_comment(
    root: Path | str,
    document: str,
    ref: str,
    *,
    disposition: Disposition | str | None = None,
    response: str | None = None,
    referred_to: str | None = None,
    decided: Decided | None = None,
    correction: bool = False,
) -> Edit:
    """Compose answering the comment *ref* (``MEETING/ID``): its disposition, response, referral.

    Only the fields given change; each goes where FORMAT.md puts it
    (``disposition``, then ``response``, then ``referred_to``). Setting a
    disposition such as ``addressed`` needs a version citing the comment
    first (:func:`cite`), as the validator requires.

    A new disposition, response or referral is dated in the comment's
    ``history`` (*decided*: the day, default today, and where it was
    decided), after the state it replaces with the response and referral
    that state had, so that a paper of an earlier day still reads the answer
    of its day; a comment without a history first gets its old state dated
    on its meeting's day (unless it was open with neither: before its first
    entry a comment is open). The same disposition, response or referral
    again adds no entry. With *correction* the response and referral given
    mend the answer as it stands (a typo) and no entry is added: the
    history's last entry, where it holds its own copy, is mended too.

    Raises:
        NotFoundError: no such document, meeting or comment.
        EditError: an unknown disposition, nothing to set, or a *correction*
            with a new disposition or a *decided* (a correction is not dated).
        InvalidEditError: the answer would break a rule (a date before the
            last entry's or the meeting's is one).
    """
    if disposition is None and response is None and referred_to is None:
        raise EditError(
            f"nothing to set for {ref}: give a disposition, a response or a referral "
            f"({option('disposition')}, {option('response')}, {option('referred_to')})"
        )
    root = Path(root)
    doc, known = _document(root, document)
    comment = doc.comment(ref)
    meeting = doc.meeting(comment.meeting)
    chosen = None if disposition is None else _member(Disposition, disposition, "disposition")
    path = meeting.origin.path if meeting.origin is not None else root / document / "meetings"
    before = _as_read(meeting.origin, path)
    index = next(i for i, c in enumerate(meeting.comments) if c.id == comment.id)
    order = ["id", "kind", "by", "on", "text", "disposition", "response", "referred_to", "history"]
    meant: list[KeyPath] = []
    answer = {"response": response, "referred_to": referred_to}
    new_answer = any(
        given is not None and _words(given) != _words(getattr(comment, key))
        for key, given in answer.items()
    )
    new_disposition = chosen is not None and chosen is not comment.disposition
    if correction:
        _check_correction(ref, new_disposition, decided)
    decided, notes = _when_decided(doc, comment, meeting, decided or Decided())
    dated = new_disposition or (new_answer and not correction)
    if dated:
        _check_decided(doc, meeting, decided)
    redrafted = dated and _redrafts(doc, comment, decided)
    if dated and not redrafted:
        _check_after_last(ref, comment, decided)

    def change(tree: Any) -> None:
        # The loader keeps every comment of a file without errors, in file order.
        entry = tree["comments"][index]
        if redrafted:
            _redraft(entry["history"][-1], chosen or comment.disposition, answer, decided)
            meant.append(("comments", index, "history"))
        elif dated:
            now = chosen or comment.disposition
            trailing = _dated(entry, comment, meeting.date, now, decided)
            if trailing is not None:
                _hang_after(tree["comments"], index, trailing)
            meant.append(("comments", index, "history"))
        elif correction and isinstance(entry.get("history"), list) and entry["history"]:
            # The last entry is the answer as it stands: a copy it holds is mended with it.
            last = entry["history"][-1]
            for key, given in answer.items():
                if given is not None and key in last:
                    last[key] = _block_text(given, 8 + len(key) + 2)
                    meant.append(("comments", index, "history"))
        for key, value in (
            ("disposition", None if chosen is None else chosen.value),
            (
                "response",
                None if response is None else _block_text(response, 4 + len("response: ")),
            ),
            ("referred_to", None if referred_to is None else _scalar(referred_to)),
        ):
            if value is not None:
                _put(entry, key, value, order[: order.index(key)])
                meant.append(("comments", index, key))

    after = _edit_bytes(before, path, change)
    if after == before:  # the answer given is the answer recorded: nothing to write
        return Edit(root, (), notes=(_no_change(comment, chosen, answer),))
    composed = _finish(root, doc, known, [_Draft(path, before, after, None, tuple(meant))])
    return attrs.evolve(composed, notes=notes) if dated else composed


def _no_change(comment: Comment, chosen: Disposition | None, answer: dict[str, str | None]) -> str:
    """What `comment set` says when the comment already stands as it was asked to."""
    said = [f"already {chosen.value}"] if chosen is not None else []
    said += [f"its {key.replace('_', ' ')} already that" for key, v in answer.items() if v]
    return f"no change: {comment.ref} is {' and '.join(said)}"


def _when_decided(
    doc: Document, comment: Comment, made_at: Meeting, decided: Decided
) -> tuple[Decided, tuple[str, ...]]:
    """*decided* with its date checked against the comment's meeting and the deciding one.

    A decision at a meeting (*decided*'s ``meeting``) is dated that meeting's
    day unless a date is given. Returns it with the warnings to print: a date
    after the deciding meeting's day (allowed, since the minutes may settle
    a decision later, but likely a slip).

    An answer dated before the deciding meeting's day is the officers'
    proposal to it, which it decides once held.

    Raises:
        EditError: a date before the comment's own meeting (nothing can be
            decided about a comment before it was made).
    """
    deciding = next((m for m in doc.meetings if m.id == decided.meeting), None)
    if decided.date is None:
        return (attrs.evolve(decided, date=deciding.date) if deciding else decided), ()
    if decided.date < made_at.date:
        raise EditError(
            f"the answer is dated {decided.date}, before meeting {quoted(made_at.id)} "
            f"({made_at.date}), where {comment.ref} was made: nothing can be decided about "
            "a comment before it was made"
        )
    if deciding is None or decided.date <= deciding.date:
        # Before its day it is the officers' proposal to that meeting (Document.held).
        return decided, ()
    return decided, (
        f"warning: the answer is dated {decided.date}, after meeting {quoted(deciding.id)} "
        f"that decided it ({deciding.date}): leave out {option('date')} to date it on the "
        "meeting's day",
    )


def _check_decided(doc: Document, made_at: Meeting, decided: Decided) -> None:
    """Refuse an answer dated after today, or at a meeting that has not met.

    Raises:
        EditError: the comment's meeting, the deciding meeting (*decided*'s),
            or *decided*'s date lies after today.
    """
    _check_met(made_at.id, made_at.date, "no comment made at it can be answered yet")
    today = dt.date.today()
    # A meeting still to come (Document.held) is given the officers' proposal to it:
    # dated up to its day, as a paper going to it is.
    latest = today
    if decided.meeting is not None:
        deciding = doc.meeting(decided.meeting)
        if not doc.held(deciding, today):
            latest = max(today, deciding.date)
    if decided.date is not None and decided.date > latest:
        if latest != today:
            raise EditError(
                f"the proposal to meeting {quoted(decided.meeting or '')} is dated "
                f"{decided.date}, after the meeting ({latest}): date it {latest} at the latest"
            )
        raise EditError(
            f"the answer is dated {decided.date}, after today ({today}): record it once it "
            "is decided, or, as officers' proposal to a meeting still to come, give "
            f"{option('meeting')} with that meeting"
        )


def _redrafts(doc: Document, comment: Comment, decided: Decided) -> bool:
    """Whether the new answer redrafts the proposal the comment's history ends with.

    So it does where the last entry was recorded for a meeting still to come
    (:meth:`Document.held`: the officers' proposal to it) and the answer names
    that meeting or none: officers redraft a proposed response until the
    meeting decides it, and the meeting decides one answer, not each draft.
    """
    last = comment.history[-1] if comment.history else None
    if last is None or last.meeting is None or decided.meeting not in (None, last.meeting):
        return False
    proposed_to = next((m for m in doc.meetings if m.id == last.meeting), None)
    return proposed_to is not None and not doc.held(proposed_to, dt.date.today())


def _check_after_last(ref: str, comment: Comment, decided: Decided) -> None:
    """Refuse a new history entry dated before the comment's last one, saying what to date it.

    Raises:
        EditError: the new entry (*decided*'s date, default today) is earlier.
    """
    if not comment.history:
        return
    last, day = comment.history[-1], decided.date or dt.date.today()
    if day >= last.date:
        return
    said = (
        f"{ref}'s history ends with an entry dated {last.date}, and the new answer would be "
        f"dated {day}, earlier: history entries go oldest first"
    )
    if last.meeting is not None and last.date > dt.date.today():
        raise EditError(
            f"{said}; that entry is the proposal to meeting {quoted(last.meeting)}: to redraft "
            f"it, give {option('meeting')} {last.meeting} or no {option('meeting')}"
        )
    raise EditError(f"{said}, so give {option('date')} {last.date} or later")


def _redraft(
    last: Any, chosen: Disposition, answer: Mapping[str, str | None], decided: Decided | None
) -> None:
    """Amend the proposal entry *last* (round trip) to the disposition and answer given.

    A response or referral given is the comment's own from now on, so the
    entry's copy of it goes (the last entry's missing one is the comment's);
    its date stays that of the proposal unless *decided* gives one.
    """
    last["disposition"] = chosen.value
    for key, given in answer.items():
        if given is not None and key in last:
            del last[key]
    if decided is None:
        return
    if decided.date is not None:
        last["date"] = decided.date
    for key, text in (("version", decided.version), ("note", decided.note)):
        if text:
            value = _block_text(text, 8 + len(key) + 2) if key == "note" else _scalar(text)
            if key in last:
                last[key] = value
            else:
                last.insert(_entry_place(last, key), key, value)


def _words(text: str | None) -> str:
    """*text* as a comment's answer compares: a block's closing line break is no change."""
    return (text or "").strip()


def _check_correction(ref: str, new_disposition: bool, decided: Decided | None) -> None:
    """Refuse what a correction (``--correction``) cannot do: it dates nothing.

    Raises:
        EditError: a new disposition (a decision, always dated) or a *decided*.
    """
    if new_disposition:
        raise EditError(
            f"a correction mends the answer of {ref} as it stands, but a new disposition is "
            "a decision, dated in its history: leave out --correction"
        )
    if decided is not None and decided != Decided():
        raise EditError(
            f"a correction of {ref} adds no history entry, so --date, --meeting, --version "
            "and --note have nothing to go into: leave them out, or leave out --correction to "
            "date the new answer"
        )


@attrs.frozen
class Decided:
    """When and where a comment's new disposition or answer was decided, for its ``history``.

    *date* defaults to today; *meeting* and *version* are ids, *note* free text.
    """

    date: dt.date | None = None
    meeting: str | None = None
    version: str | None = None
    note: str | None = None


def _dated(
    entry: Any, comment: Comment, held: dt.date, chosen: Disposition, decided: Decided
) -> list[Any] | None:
    """Date a change of disposition or answer in the comment *entry*'s ``history`` (round trip).

    The entry the change ends (the last, or a new first one dated on the
    meeting's day) is given the response and referral it stood with, since
    from now on the comment's own are the new state's (an open comment with
    neither needs no first entry: before its first, a comment is open).
    Returns what hung after the comment's last line (for
    :func:`_hang_after`), taken off it.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = entry.get("history")
    if not isinstance(seq, CommentedSeq) or not seq:
        seq = CommentedSeq()
        # Before its first entry a comment is open: an untouched open comment
        # needs no entry saying so.
        if comment.disposition is not Disposition.OPEN or comment.response or comment.referred_to:
            first = CommentedMap()
            first["date"] = held
            first["disposition"] = comment.disposition.value
            seq.append(first)
        _put(entry, "history", seq, list(entry.keys()))  # last: after every key written
        # What followed the comment (the blank line before the next) hangs on the
        # key it followed: it must follow the new last entry, not the word "history".
        trailing = entry.ca.items.pop("history", None)
    else:
        end = list(seq[-1].keys())[-1]
        stays, trailing = _split_end_of_line(seq[-1].ca.items.pop(end, [None] * 4))
        if stays is not None:
            seq[-1].ca.items[end] = stays
    last = seq[-1] if seq else None
    for key, value in (("response", comment.response), ("referred_to", comment.referred_to)):
        if last is not None and value is not None and key not in last:
            indent = 8 + len(key) + 2
            last.insert(_entry_place(last, key), key, _block_text(value, indent))
    new = CommentedMap()
    new["date"] = decided.date or dt.date.today()
    new["disposition"] = chosen.value
    for key, text in (
        ("meeting", decided.meeting),
        ("version", decided.version),
        ("note", decided.note),
    ):
        if text:
            new[key] = _block_text(text, 8 + len(key) + 2) if key == "note" else _scalar(text)
    seq.append(new)
    return trailing if trailing is not None and any(trailing) else None


def _hang_after(comments: Any, index: int, trailing: list[Any]) -> None:
    """Put what followed comment *index* (blank lines, a closing comment) after its history.

    ruamel.yaml writes blank lines hung on a key inside a list's entry only
    when they begin with a comment, so blank lines alone go before the next
    comment instead, which is where a reader sees them.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = trailing[2]
    new = comments[index]["history"][-1]
    if token is not None and not token.value.strip() and index + 1 < len(comments):
        # Hung after a value on its line, the token's first line break ends that
        # line; before an entry, only the blank lines themselves are wanted.
        blank = token.value[1:] if token.column else token.value
        if blank and index + 1 not in comments.ca.items:
            comments.ca.items[index + 1] = [None, [CommentToken(blank, CommentMark(0))], None, None]
        return
    new.ca.items[list(new.keys())[-1]] = trailing


def _entry_place(entry: Any, key: str) -> int:
    """Where *key* goes in a history entry: in the order FORMAT.md-style files list them."""
    order = ["date", "disposition", "response", "referred_to", "meeting", "version", "note"]
    keys = list(entry.keys())
    return sum(1 for k in keys if k in order and order.index(k) < order.index(key))


def cite(
    root: Path | str,
    document: str,
    version: str,
    place: str,
    comment: str,
    remove: bool = False,
    *,
    removed: bool = False,
) -> Edit:
    """Compose recording that *place* in *version* answers *comment* (or, with *remove*, no longer).

    *place* is a statement id, a section id, a paragraph number such as
    ``4.3`` (section 4, statement 3) or a section number such as ``3`` (the
    third section) of *version*, as the annex numbers them; an id wins over a
    number written the same way. *comment* is ``MEETING/ID`` (or an id only one
    meeting used). The reference goes into the place's ``addresses`` (a flow
    list, created after ``tags``/``text`` for a statement and before
    ``statements`` for a section; removed when its last entry goes).

    With *removed*, *place* is a section or statement of the version
    *version* revises (its ``based_on``, else the one before it by date),
    named or numbered as that version has it, which *version* no longer
    holds: leaving it out answers *comment*. The reference goes into the
    place's entry of the version's ``removed`` list (the list and the entry
    created at the end of the file; each taken away with its last reference).

    Only a ``draft`` or ``proposed`` version can be changed: an endorsed,
    superseded or withdrawn version is the record of what was decided.

    Raises:
        NotFoundError: no such document, version, place or comment; with
            *removed*, no such place in the version revised.
        EditError: the version is not a draft; the place already cites the
            comment (or, with *remove*, does not); with *removed*, the
            version revises none, or still holds the place.
    """
    root = Path(root)
    doc, known = _document(root, document)
    held = doc.version(version)
    _check_editable(doc, held)
    ref = doc.comment(comment).ref
    if removed:
        composed = _cite_removal(root, doc, known, held, place, ref, remove=remove)
        return composed if remove else _next_step(doc, ref, composed)
    keys, current = _place(held, place)
    if remove and ref not in current:
        raise EditError(f"{document}@{version} {place} does not cite {ref}")
    if not remove and ref in current:
        raise EditError(f"{document}@{version} {place} already cites {ref}")
    path = _version_path(root, doc, version)
    before = _as_read(held.origin, path)
    is_statement = len(keys) == 4

    def change(tree: Any) -> None:
        node = tree
        for key in keys:
            node = node[key]
        existing = node.get("addresses")
        if remove:
            entries = [str(e) for e in existing]
            if len(entries) == 1:
                _delete(node, "addresses")
            else:
                del existing[entries.index(ref)]
        elif existing is None:
            after = ["id", "kind", "text", "tags"] if is_statement else ["id", "title", "intro"]
            _put(node, "addresses", _flow_list([ref]), after)
        else:
            existing.append(_scalar(ref))

    after = _edit_bytes(before, path, change)
    composed = _finish(
        root, doc, known, [_Draft(path, before, after, None, ((*keys, "addresses"),))]
    )
    return composed if remove else _next_step(doc, ref, composed)


def _next_step(doc: Document, ref: str, composed: Edit) -> Edit:
    """*composed*, a citation of *ref*, saying to set its disposition when it is still open."""
    document = doc.id
    comment = doc.comment(ref)
    if comment.disposition is not Disposition.OPEN:
        return composed
    # Each kind's own words (FORMAT.md's dispositions): a recommendation is
    # accepted and a question answered, not addressed.
    done, part = {
        CommentKind.RECOMMENDATION: ("accepted", "partially-accepted"),
        CommentKind.QUESTION: ("answered", "partially-addressed"),
    }.get(comment.kind, ("addressed", "partially-addressed"))
    from policypos.validate import is_open_but_cited

    # The documented order is cite first, then set: an open comment just cited
    # is the step between, not a mistake, so it gets the next step, not a warning.
    return attrs.evolve(
        composed,
        warnings=tuple(w for w in composed.warnings if not is_open_but_cited(w, ref)),
        after_writing=(
            f"{ref} is still open: once the answer is complete, record it with "
            + _command(
                f"comment set {document} {ref} --disposition {done}",
                f"set_comment(root, {document!r}, {ref!r}, disposition={done!r})",
            )
            + f" (or {part})",
        ),
    )


def _cite_removal(
    root: Path,
    doc: Document,
    known: tuple[Problem, ...],
    held: Version,
    place: str,
    ref: str,
    *,
    remove: bool,
) -> Edit:
    """Compose recording in *held*'s ``removed`` that leaving *place* out answers *ref*.

    See :func:`cite` (``removed=True``). Refused before anything is composed
    where the validator would refuse the entry, in words that say what to do.
    """
    named = f"{doc.id}@{held.id}"
    base_id = doc.base_of(held)
    if base_id is None:
        raise EditError(
            f"{named} revises no earlier version: there is nothing it could have removed"
        )
    base = doc.version(base_id)
    here = {p for s in held.sections for p in (s.id, *(t.id for t in s.statements))}
    there = {p for s in base.sections for p in (s.id, *(t.id for t in s.statements))}
    old_id = _former(base, place, there - here)
    if old_id in here:
        raise EditError(
            f"{named} still has {quoted(old_id)}: cite the comment from it "
            + spoken("without --removed", "without removed=True")
        )
    entries = {r.id: r.addresses for r in held.removed}
    if not remove:
        _check_not_within(named, base, old_id, ref, entries)
    if remove and ref not in entries.get(old_id, ()):
        raise EditError(f"{named} does not record that removing {quoted(old_id)} answers {ref}")
    if not remove and ref in entries.get(old_id, ()):
        raise EditError(f"{named} already records that removing {quoted(old_id)} answers {ref}")
    path = _version_path(root, doc, held.id)
    before = _as_read(held.origin, path)

    def change(tree: Any) -> None:
        if remove:
            _unrecord_removal(tree, old_id, ref)
        else:
            _record_removal(tree, old_id, ref)

    after = _edit_bytes(before, path, change)
    return _finish(root, doc, known, [_Draft(path, before, after, None, (("removed",),))])


def _check_not_within(
    named: str, base: Version, old_id: str, ref: str, entries: dict[str, tuple[str, ...]]
) -> None:
    """Refuse recording a removal already said: a section and its own statement, for one comment.

    Raises:
        EditError: *old_id* is a statement whose section's removal already
            answers *ref*, or a section one of whose statements' does.
    """
    for section in base.sections:
        inner = [t.id for t in section.statements]
        if old_id in inner and ref in entries.get(section.id, ()):
            raise EditError(
                f"{named} already records that removing section {quoted(section.id)} answers "
                f"{ref}: its statement {quoted(old_id)} went with it"
            )
        named_inside = [t for t in inner if ref in entries.get(t, ())]
        if old_id == section.id and named_inside:
            raise EditError(
                f"{named} records that removing {quoted(named_inside[0])}, a statement of "
                f"section {quoted(old_id)}, answers {ref}: take that away first ("
                + _command(
                    f"cite {named} {named_inside[0]} {ref} --removed --remove",
                    "cite(..., removed=True, remove=True)",
                )
                + ")"
            )


def _former(base: Version, place: str, gone: Collection[str]) -> str:
    """The id of *place* in *base*: an id of it, else a paragraph or section number it gives.

    *gone* are the ids of *base* the draft no longer has, which a refusal lists.

    Raises:
        NotFoundError: *base* has no such section or statement, naming the
            version so that the reader sees which one is searched.
    """
    ids = [s.id for s in base.sections] + [s.id for _, s in base.statements()]
    if place in ids:
        return place
    numbers = {n: sid for sid, n in base.paragraph_numbers().items()}
    numbers.update({str(n): sid for sid, n in base.section_numbers().items()})
    if place in numbers:
        return numbers[place]
    # Known: what the draft could have removed, not what it keeps (*gone*).
    raise NotFoundError(
        "section, statement or paragraph",
        place,
        [p for p in [*ids, *numbers] if numbers.get(p, p) in gone],
        within=f"version {base.id!r}, the version it revises",
    )


def _record_removal(tree: Any, old_id: str, ref: str) -> None:
    """Add *ref* to the ``removed`` entry of *old_id* in the version file *tree* (round trip).

    The list goes last in the file, after ``sections``, as docs/format.md
    shows it; a new entry goes last in the list.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = tree.get("removed")
    if seq is None:
        seq = CommentedSeq()
        _put(tree, "removed", seq, list(tree.keys()))
    for entry in seq:
        if str(entry.get("id")) == old_id:
            existing = entry.get("addresses")
            if existing is None:
                _put(entry, "addresses", _flow_list([ref]), ["id"])
            else:
                existing.append(_scalar(ref))
            return
    entry = CommentedMap()
    entry["id"] = _scalar(old_id)
    entry["addresses"] = _flow_list([ref])
    seq.append(entry)


def _unrecord_removal(tree: Any, old_id: str, ref: str) -> None:
    """Take *ref* out of *old_id*'s ``removed`` entry; the entry, and the list, with the last."""
    seq = tree["removed"]
    index = next(i for i, e in enumerate(seq) if str(e.get("id")) == old_id)
    refs = [str(r) for r in seq[index]["addresses"]]
    if len(refs) > 1:
        del seq[index]["addresses"][refs.index(ref)]
    elif len(seq) > 1:
        del seq[index]
    else:
        _delete(tree, "removed")


def _undecided(
    root: Path, document: str, version: str, refusal: str
) -> tuple[Document, tuple[Problem, ...], Version]:
    """The document, the problems it has now, and its *version*, a draft or a proposed one.

    Raises:
        NotFoundError: no such document or version.
        EditError: ``DOC@V is STATUS`` followed by *refusal*, for a version
            that records a decision (endorsed, superseded) or was withdrawn.
    """
    doc, known = _document(root, document)
    held = doc.version(version)
    if held.status not in _EDITABLE:
        raise EditError(f"{document}@{version} is {held.status}{refusal}")
    return doc, known, held


def _check_editable(doc: Document, version: Version) -> None:
    if version.status not in _EDITABLE:
        raise EditError(
            f"{doc.id}@{version.id} is {version.status}: it records what was decided and is "
            f"not changed (start a draft with {_command('new-version', 'new_version()')})"
        )


def _place(version: Version, place: str) -> tuple[KeyPath, tuple[str, ...]]:
    """The key path of *place* in the version file, and what it cites now."""
    numbers = {n: sid for sid, n in version.paragraph_numbers().items()}
    numbers.update({str(n): sid for sid, n in version.section_numbers().items()})
    for i, section in enumerate(version.sections):
        for j, statement in enumerate(section.statements):
            if statement.id == place:
                return ("sections", i, "statements", j), statement.addresses
    for i, section in enumerate(version.sections):
        if section.id == place:
            return ("sections", i), section.addresses
    if place in numbers:
        return _place(version, numbers[place])
    # Ids first, in the order the file has them, then the numbers the annex gives.
    ids = [s.id for s in version.sections] + [s.id for _, s in version.statements()]
    raise NotFoundError("section, statement or paragraph", place, [*ids, *numbers])


def _meeting_of(
    root: Path,
    doc: Document,
    meeting: str,
    held: Version,
    *,
    body: str | None,
    date: dt.date | None,
    item: str | None,
    today: bool,
) -> tuple[dt.date, str | None, list[_Draft]]:
    """The meeting a version goes to or was decided at: its date, what it reviews, and its file.

    An existing meeting takes no *body*, *date* or *item* (a typo in its id
    must not make a second one). A new one is written from them, reviewing
    *held*: *body* is required, and *date* too unless *today* lets it default
    to today.

    Raises:
        EditError: as above, or an invalid meeting id, or its file exists.
    """
    if any(m.id == meeting for m in doc.meetings):
        found = doc.meeting(meeting)
        _as_held(found, body=body, date=date, item=item)
        return found.date, found.reviews, []
    when = date or (dt.date.today() if today else None)
    if body is None or not body.strip() or when is None:
        raise _no_meeting(doc, meeting, _body_and_date(date_optional=today))
    _check_id(meeting, "meeting id")
    meeting_path = root / doc.id / "meetings" / f"{meeting}.yaml"
    if meeting_path.exists():
        raise EditError(f"{meeting_path}: already exists")
    tree = _new_meeting(meeting, body, when, item, held.id, None)
    return when, None, [_Draft(meeting_path, None, _dump(tree), None, (("meeting",), ("reviews",)))]


def _as_held(meeting: Meeting, **given: object) -> None:
    """Refuse details given for an existing *meeting* that differ from its own.

    The same body, date, item or reviewed version may be given again (a
    script that adds comments one by one passes them each time); another
    would be a second meeting under the same id, or a typo in the id.

    Raises:
        EditError: naming each detail that differs, with the meeting's own.
    """
    differ = [
        spoken(f"{option(name)} {value}", f"{name}={_python_value(value)}")
        + f" (it has {getattr(meeting, name) or 'none'})"
        for name, value in given.items()
        if value is not None and value != getattr(meeting, name)
    ]
    if differ:
        raise EditError(
            f"meeting {meeting.id!r} exists with other details: {', '.join(differ)}; "
            "leave them out to add to it, or give a new meeting id to create one"
        )


def _python_value(value: object) -> str:
    """*value* as a message shows a keyword argument: a date as ISO, not ``datetime.date(...)``."""
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def _command(words: str, call: str) -> str:
    """``'policypos WORDS'`` for the command line, ``policypos.CALL`` for Python."""
    return spoken(f"'policypos {words}'", f"policypos.{call}")


def _body_and_date(*, date_optional: bool = False) -> str:
    """What creates a meeting's file: ``--body and --date``, or ``body= (and date=)``."""
    if date_optional:
        return f"{option('body')} (and {option('date')})"
    return f"{option('body')} and {option('date')}"


def _no_meeting(doc: Document, meeting: str, needed: str) -> EditError:
    """The refusal of a meeting that has no file and was given no *needed* options to write one.

    The id may be a slip for a known meeting or a new one named on purpose
    (``sscb-2025-03`` after ``sscb-2024-03``, the next of the series): a slip
    gets "did you mean", and either way the options that would create it are named.
    """
    ids = [m.id for m in doc.meetings]
    near = closest(meeting, ids, numbered=True)
    mistyped = f"did you mean {quoted(near)}? If not, " if near is not None else ""
    return EditError(
        f"{doc.id} has no meeting {quoted(meeting)} (known: {', '.join(ids) or 'none'}): "
        f"{mistyped}give {needed} to create it"
    )


def withdraw(root: Path | str, document: str, version: str) -> Edit:
    """Compose withdrawing *version* of *document*: a draft or proposal that will not go on.

    A first draft the board reviewed and officers then redrafted as a new
    version, or a proposal taken off the agenda, would otherwise stay
    ``draft`` or ``proposed`` for ever. Only its ``status:`` line changes, to
    ``withdrawn``; its ``meeting`` (if proposed) stays as the record of where
    it was put. A withdrawn version is never in force, cannot be edited, and
    ``history`` leaves it out unless named; the site lists it as withdrawn.

    Raises:
        NotFoundError: no such document or version.
        EditError: the version is not a draft or a proposed one (an endorsed
            or superseded version records a decision; a withdrawn one is
            withdrawn already).
        InvalidEditError, UnintendedChangeError: see :class:`Edit`.
    """
    root = Path(root)
    doc, known, held = _undecided(
        root, document, version, ": only a draft or a proposed version can be withdrawn"
    )
    path = _version_path(root, doc, held.id)
    before = _as_read(held.origin, path)

    def withdrawn(tree: Any) -> None:
        tree["status"] = "withdrawn"

    after = _edit_bytes(before, path, withdrawn)
    composed = _finish(root, doc, known, [_Draft(path, before, after, None, (("status",),))])
    built_on = [v.id for v in doc.versions if v.based_on == held.id]
    if not built_on:
        return composed
    # Withdrawn versions drop out of statement histories, which then compare
    # these with the withdrawn one's own base: say so before it is done.
    later = ", ".join(f"{document}@{v}" for v in built_on)
    return attrs.evolve(
        composed,
        notes=(
            f"warning: {later} {'is' if len(built_on) == 1 else 'are'} based on it: "
            f"{_command('history', 'history()')} will leave "
            f"{document}@{version} out and compare "
            f"{'it' if len(built_on) == 1 else 'them'} with its base instead; a draft "
            "revised as a new version needs no withdrawing "
            f"({_command('log', 'views.log_text()')} says it was revised)",
        ),
    )


def endorse(
    root: Path | str,
    document: str,
    version: str,
    meeting: str,
    *,
    body: str | None = None,
    date: dt.date | None = None,
    item: str | None = None,
) -> Edit:
    """Compose the board's endorsement of *version* at *meeting*.

    The version gets ``status: endorsed`` and ``meeting: <meeting>`` (the
    meeting that endorsed it, whose date is the day it comes into force). The
    versions it replaces (every other ``endorsed`` version of the document)
    become ``superseded``. When the meeting has no file yet, one is created
    (no comments, ``reviews: <version>``) from *body* (required then), *date*
    (default: today) and *item*; for a meeting that exists, they are refused
    where they differ from the meeting's own.
    All these files are written together or not at all.

    Raises:
        NotFoundError: no such document or version.
        EditError: the version is not a draft or proposed one, a newer
            version is already endorsed, no such meeting and no *body* to
            create it, meeting fields differ from those of a meeting that exists,
            or the meeting's date (the new or existing one) is before the
            version's own date, not after the day the version in force
            was endorsed, or after today.
    """
    root = Path(root)
    _check_lines(body=body, item=item)
    doc, known = _document(root, document)
    held = doc.version(version)
    _check_editable(doc, held)
    on, _, drafts = _meeting_of(
        root, doc, meeting, held, body=body, date=date, item=item, today=True
    )
    replaced = [v for v in doc.versions if v.status is Status.ENDORSED and v.id != held.id]
    newer = [v.id for v in replaced if (v.date, v.id) > (held.date, held.id)]
    if newer:
        raise EditError(
            f"{document}@{newer[-1]} is endorsed and newer than {version}: "
            "endorse a draft based on it instead"
        )
    _check_endorsement_date(doc, held, meeting, on, replaced)
    path = _version_path(root, doc, held.id)
    before = _as_read(held.origin, path)

    def endorsed(tree: Any) -> None:
        tree["status"] = "endorsed"
        _put(tree, "meeting", _scalar(meeting), ["version", "date", "status", "based_on"])

    drafts.append(
        _Draft(path, before, _edit_bytes(before, path, endorsed), None, (("status",), ("meeting",)))
    )
    for old in replaced:
        old_path = _version_path(root, doc, old.id)
        old_before = _as_read(old.origin, old_path)

        def superseded(tree: Any) -> None:
            tree["status"] = "superseded"

        after = _edit_bytes(old_before, old_path, superseded)
        drafts.append(_Draft(old_path, old_before, after, None, (("status",),)))
    return _finish(root, doc, known, drafts)


def _check_endorsement_date(
    doc: Document, held: Version, meeting: str, on: dt.date, replaced: Sequence[Version]
) -> None:
    """Refuse an endorsement whose meeting date would rewrite what was in force when.

    The meeting's date is the day *held* comes into force: it cannot come
    before the version was written (its ``date``), nor on or before the day
    the version it replaces came into force, nor after today (an endorsement
    records a decision made: one dated ahead would put the version in force
    from a day the board has not met, and supersede the one in force now).
    """
    today = dt.date.today()
    if on > today:
        raise EditError(
            f"meeting {quoted(meeting)} is dated {on}, after today ({today}): record an "
            "endorsement once the board has made it"
        )
    if on < held.date:
        raise EditError(
            f"meeting {quoted(meeting)} is dated {on}, before {doc.id}@{held.id} itself "
            f"({held.date}): a version cannot be endorsed before it was written"
        )
    for old in replaced:
        since = doc.endorsed_on(old)
        if since is not None and on <= since:
            raise EditError(
                f"meeting {quoted(meeting)} is dated {on}, not after {doc.id}@{old.id} came into "
                f"force ({since}): the endorsement must come after the one it replaces"
            )


def propose(
    root: Path | str,
    document: str,
    version: str,
    meeting: str,
    *,
    body: str | None = None,
    date: dt.date | None = None,
    item: str | None = None,
) -> Edit:
    """Compose putting the draft *version* to *meeting*: it becomes ``proposed`` for that meeting.

    The version gets ``status: proposed`` and ``meeting: <meeting>`` (kept
    where it stands, or set after ``based_on``): the meeting its board paper
    goes to, whose body and date the paper and its annex then show. Nothing
    else changes.

    A version already ``proposed`` is moved to *meeting* (the item was
    deferred to a later board, or brought forward): only its ``meeting``
    line changes, and :attr:`Edit.notes` says which meeting it leaves. The
    meeting it leaves keeps its file (it met, or is still to meet, and its
    papers may say the item was deferred).

    When the meeting has no file yet (the usual case: it has not met), one
    is created (no comments, ``reviews: <version>``) from *body* and *date*,
    both required then since the paper prints them (unlike
    :func:`add_comment` and :func:`endorse`, *date* has no default: the
    meeting a paper goes to is rarely today), and *item*, the agenda item,
    which becomes the paper's title. These are refused for a meeting that
    exists, so that a typo in *meeting* cannot make a second one.

    :attr:`Edit.notes` also warns (``warning: ...``) of a move to a meeting
    dated before the one the version leaves (brought forward) and of a
    meeting dated before today (it has met: the decision is for
    :func:`endorse`); neither is refused.

    Raises:
        NotFoundError: no such document or version.
        EditError: the version is neither a draft nor a proposed one (an
            endorsed, superseded or withdrawn one records a decision); a
            proposed one is already for *meeting*; no such meeting and no
            *body* and *date* to create it;
            meeting fields that differ from an existing meeting's; *meeting* is not a
            valid id; a line break in *body* or *item*; the meeting is dated
            before the version; or it reviewed another version. (A meeting
            dated after today is welcome, unlike :func:`endorse`'s: a paper
            goes to a meeting still to come.)
        InvalidEditError, UnintendedChangeError: see :class:`Edit`.
    """
    root = Path(root)
    doc, known, held = _undecided(
        root,
        document,
        version,
        ", not a draft: only a draft can be proposed, or a proposed version moved to another "
        f"meeting (start a new draft with {_command('new-version', 'new_version()')})",
    )
    moving = held.meeting if held.status is Status.PROPOSED else None
    if moving == meeting:
        raise EditError(
            f"{document}@{version} is already proposed for {meeting}: give the meeting it moves to"
        )
    _check_lines(body=body, item=item)
    on, reviewed, drafts = _meeting_of(
        root, doc, meeting, held, body=body, date=date, item=item, today=False
    )
    if on < held.date:
        raise EditError(
            f"meeting {quoted(meeting)} is dated {on}, before {document}@{held.id} itself "
            f"({held.date}): a version cannot be proposed to a meeting before it was written"
        )
    if reviewed is not None and reviewed != held.id:
        raise EditError(
            f"meeting {quoted(meeting)} reviewed {document}@{reviewed}: propose {version} to the "
            f"meeting that will consider it (give {_body_and_date()} to create a new one)"
        )
    path = _version_path(root, doc, held.id)
    before = _as_read(held.origin, path)

    def proposed(tree: Any) -> None:
        if tree.get("status") != "proposed":  # a move leaves the status line as it is
            tree["status"] = "proposed"
        _put(tree, "meeting", _scalar(meeting), ["version", "date", "status", "based_on"])

    after = _edit_bytes(before, path, proposed)
    drafts.append(_Draft(path, before, after, None, (("status",), ("meeting",))))
    composed = _finish(root, doc, known, drafts)
    notes = []
    left = next((m for m in doc.meetings if m.id == moving), None)
    if held.status is Status.PROPOSED:
        was = f"{moving} ({left.date})" if left is not None else f"{moving or 'no meeting'}"
        notes.append(f"{document}@{version} moves from meeting {was} to {meeting} ({on})")
    notes.extend(_proposal_date_warnings(f"{document}@{version}", meeting, on, left))
    still_open = [c for c in doc.cited_by(held) if c.disposition is Disposition.OPEN]
    if still_open:
        notes.append(
            f"warning: {document}@{version} cites {_listed(still_open)}, still open: record "
            f"what became of each ({_command('comment set', 'set_comment()')}) "
            "before its paper goes out"
        )
    return attrs.evolve(composed, notes=tuple(notes))


def _listed(comments: Sequence[Comment]) -> str:
    """``comment a/1``, ``comments a/1 and a/2``, ``recommendations a/1, a/2 and b/3``."""
    refs = [c.ref for c in comments]
    noun = kinds_noun((c.kind for c in comments), len(refs))
    if len(refs) == 1:
        return f"{noun} {refs[0]}"
    return f"{noun} {', '.join(refs[:-1])} and {refs[-1]}"


def _proposal_date_warnings(
    name: str, meeting: str, on: dt.date, left: Meeting | None
) -> list[str]:
    """``warning: ...`` lines for a proposal whose meeting date is likely a slip.

    Both are warned, not refused: an item can be brought forward to an
    earlier board, and an officer may record a proposal after the meeting.
    But either may be a typo in *meeting* or its ``--date``, which would put
    the wrong body and date on the paper, so the command says so.
    """
    said = []
    if left is not None and on < left.date:
        said.append(
            f"warning: {meeting} ({on}) comes before {left.id} ({left.date}), the meeting "
            f"{name} was proposed to: the item is brought forward; if it was deferred, "
            "check the meeting id and its date"
        )
    today = dt.date.today()
    if on < today:
        said.append(
            f"warning: {meeting} met on {on}, before today ({today}): {name} stays proposed "
            "until the board's decision is recorded ("
            + _command(
                f"endorse {name} --meeting {meeting}",
                f"endorse(root, {', '.join(map(repr, name.split('@', 1)))}, {meeting!r})",
            )
            + " if it endorsed it)"
        )
    return said


def new_document(
    root: Path | str,
    document: str,
    title: str | None,
    *,
    organisation: str | None = None,
    owner: str | None = None,
    summary: str | None = None,
    version: str | None = None,
    date: dt.date | None = None,
    source: Path | str | None = None,
) -> Edit:
    """Compose a new document *document*: its ``document.yaml`` and a first ``draft`` version.

    The folder ``<root>/<document>/`` gets ``document.yaml`` (``id``,
    *title*, *organisation*, *owner* and, if given, *summary*) and
    ``versions/<version>.yaml``: ``status: draft``, dated *date* (default:
    today), with no ``based_on`` and no ``meeting``. *version* defaults to
    the year of that date (``"2026"``), as the shipped versions are named.
    *organisation* and *owner* default to the one value every other
    document of the repository gives, when they all agree.

    The version's sections come from *source*, a Markdown file read as an
    outline (see :mod:`policypos._outline`: headings are sections,
    paragraphs and other blocks statements, text before the first heading
    the preamble, ids made from the titles); without it the version has no
    sections yet (``sections: []``), to be written in the editor.

    *title* ``None`` takes the outline's title: its front matter's
    ``title:``, else its only ``#`` heading.

    *root* need not exist yet: the first document of a new repository
    creates it.

    Raises:
        EditError: *document* or *version* is not a valid id; the document
            (its folder) exists; *title* is empty; a line break or control
            character in *title*, *organisation* or *owner*; no
            *organisation* or *owner* given and none to default to; *source*
            cannot be read, is not a regular file (a folder, a pipe, a
            device), has more than :data:`OUTLINE_LIMIT` bytes or is not
            UTF-8; neither *title* nor *source*.
        LoadError: *source* has no heading, a heading with no text, or a
            heading deeper than its section headings; *title* is ``None`` and
            *source* gives no title, or one that is not one line of text
            (located at its line).
        InvalidEditError: the new files would not validate (a bug).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    root = Path(root)
    _check_id(document, "document id")
    when = date or dt.date.today()
    version = str(when.year) if version is None else version
    _check_id(version, "version id")
    _check_lines(title=title, organisation=organisation, owner=owner)
    if title is not None and not title.strip():
        raise EditError(f"{option('title')} must not be empty: the title heads every board paper")
    if root.is_dir():
        recover(root)  # as every edit does: an interrupted one is completed first
    folder = root / document
    if folder.exists() or folder.is_symlink():
        raise EditError(f"{folder}: document {quoted(document)} already exists")
    outline = _outline_of(Path(source), title) if source is not None else None
    if title is None:
        title = _outline_title(outline, source)
    organisation = organisation or _shared(root, "organisation")
    owner = owner or _shared(root, "owner")

    head = CommentedMap()
    head["id"] = _scalar(document)
    head["title"] = _scalar(title.strip())
    head["organisation"] = _scalar(organisation.strip())
    head["owner"] = _scalar(owner.strip())
    if summary is not None and summary.strip():
        head["summary"] = _block_text(summary, len("summary: "))

    body = CommentedMap()
    body["version"] = _scalar(version)
    body["date"] = when
    body["status"] = Status.DRAFT.value
    if outline is not None and outline.preamble:
        body["preamble"] = _block_text(outline.preamble, len("preamble: "))
    sections = CommentedSeq()
    for part in outline.sections if outline is not None else ():
        section = CommentedMap()
        section["id"] = _scalar(part.id)
        section["title"] = _scalar(part.title)
        statements = CommentedSeq()
        for said in part.statements:
            statement = CommentedMap()
            statement["id"] = _scalar(said.id)
            statement["text"] = _block_text(said.text, 8 + len("text: "))
            statements.append(statement)
        section["statements"] = statements
        sections.append(section)
        if len(sections) > 1:  # a blank line between sections, as the shipped files have
            sections.yaml_set_comment_before_after_key(len(sections) - 1, before="\n")
    if not sections:
        sections.fa.set_flow_style()
    body["sections"] = sections

    files = (
        FileChange(folder / "document.yaml", None, _dump(head)),
        FileChange(folder / "versions" / f"{version}.yaml", None, _dump(body)),
    )
    return Edit(root, files, warnings=_validate_new(root, document, files))


def _shared(root: Path, field: str) -> str:
    """The *field* (``organisation``, ``owner``) that every document in *root* gives, if one.

    Raises:
        EditError: the documents give none or several; the message lists them.
    """
    from policypos.load import read_repository, repository_at

    found: list[str] = []
    if root.is_dir() and repository_at(root) is not None:
        documents = read_repository(root).repository.documents
        found = sorted({getattr(d, field) for d in documents if getattr(d, field)})
    if len(found) == 1:
        return found[0]
    said = f"the documents here give {', '.join(map(repr, found))}" if found else "none to copy"
    raise EditError(f"give {option(field)} for the new document ({said})")


OUTLINE_LIMIT = 5_000_000
"""The most bytes a ``new-document --from`` outline may have: a policy statement
written out runs to tens of thousands; five million is a pasted book, or the
wrong file."""


def _outline_of(source: Path, title: str | None) -> Outline:
    """The outline in file *source*: a regular file within :data:`OUTLINE_LIMIT`, in UTF-8.

    *title* (``--title``) is passed on: a first ``#`` heading that says it is the title.

    Raises:
        EditError: a folder, a pipe or a device, a file too large or unreadable,
            or not UTF-8 (at the line and column where it stops being so): one
            ``path[:line:column]: error: ...`` line.
    """
    from policypos._outline import read_outline
    from policypos._paths import read_user_file
    from policypos.errors import Undecodable, decode_utf8

    data = read_user_file(source, "Markdown outline", OUTLINE_LIMIT, kind=EditError)
    text = decode_utf8(data)
    if isinstance(text, Undecodable):
        where = Location(source, text.line, text.column)
        error = EditError(f"{where}: error: file is {text.message}")
        error.located = True
        raise error
    return read_outline(text, source, title)


def _outline_title(outline: Outline | None, source: Path | str | None) -> str:
    """The title *outline* (read from *source*) gives a document that has no --title.

    Raises:
        EditError: there is no outline.
        LoadError: it gives no title, or one that is not one line of text (located at its line).
    """
    if outline is None or source is None:
        source = spoken("--from FILE", "source=")
        raise EditError(
            f"give {option('title')}, or {source} with a title ('title:' or one '#' heading)"
        )
    source = Path(source)
    if outline.title is None:
        message = (
            f"no title: give {option('title')}, a 'title:' in the front matter "
            "or one '# Title' heading"
        )
        raise LoadError([Problem(Severity.ERROR, message, Location(source, 1, 1))])
    if not _one_line(outline.title):
        message = "the title must be one line of text, without control characters"
        where = Location(source, outline.title_line, 1)
        raise LoadError([Problem(Severity.ERROR, message, where)])
    return outline.title


def _validate_new(root: Path, document: str, files: Sequence[FileChange]) -> tuple[Problem, ...]:
    """Validate a new document's files on their own, in a scratch folder; return its warnings.

    Raises:
        InvalidEditError: they have an error (located in the repository).
    """
    from policypos.validate import check

    with _scratch_folder("new") as scratch:
        for change in files:
            target = Path(scratch) / change.path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.after)
        found = [_moved(p, Path(scratch), root) for p in check(scratch)]
    errors = [p for p in found if p.is_error]
    if errors:
        raise InvalidEditError(errors)
    return tuple(p for p in found if not p.is_error)


def format_files(root: Path | str, paths: Iterable[Path | str] | None = None) -> Edit:
    """Compose rewriting YAML files in the canonical layout; comments and data stay as they are.

    The layout is what ruamel.yaml's round trip writes with policypos's
    settings: two-space indent, list dashes indented two under their key,
    quotes and block scalars as written, no re-wrapping of long lines, a
    single line feed ending every line (CRLF in a file whose every line
    ends so, as a Windows checkout's do). Formatting is idempotent, and the
    shipped files are already in this layout. *paths* (files or folders;
    default: the whole repository) name what to format: ``.yaml`` files, not
    those whose names start with a dot; a file named must be a ``.yaml`` file
    inside the repository (a ``.yml`` one, which the loader does not read, is
    refused: it is to be renamed).

    Raises:
        LoadError: a file is one the loader refuses as YAML (not well-formed,
            not UTF-8, empty, aliases, tags, nested too deep): its first
            problem, found before anything could expand it.
        EditError: a file cannot be read, or a file named is outside the
            repository or not a YAML file.
        UnintendedChangeError: formatting would change a file's data.
    """
    not_one_name(paths, "paths")
    root = Path(root)
    recover(root)
    files: list[Path] = []
    from policypos._paths import link_loop, resolved

    for given in [root] if paths is None else [Path(p) for p in paths]:
        loop = link_loop(given)
        if loop is not None:
            raise EditError(f"{given}: {loop}; fmt does not follow it")
        if not resolved(given).is_relative_to(resolved(root)):
            raise EditError(
                f"{given}: outside the positions repository {root}; fmt formats its files"
            )
        if given.is_dir():
            files.extend(
                p
                for p in sorted(given.rglob("*.yaml"))
                if not any(part.startswith(".") for part in p.relative_to(given).parts)
                and p.is_file()  # as the loader: not a pipe, nor a link to a device
            )
        elif given.is_file():
            files.append(_repository_yaml(root, given))
        else:
            raise EditError(f"{given}: no such file or folder")
    # A link and the file it points to are one file: formatted (and named) once.
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(resolved(path), path)
    changes = []
    for path in unique.values():
        before = _read(path)
        if before.count(b"\r\n") == before.count(b"\n") > 0:
            # Every line ends CRLF: a Windows checkout (git's autocrlf) whose
            # line ends are git's to choose, not a layout to mend.
            plain = before.replace(b"\r\n", b"\n")
            after = _with_heading(plain, _dump(_load(plain, path))).replace(b"\n", b"\r\n")
        else:
            after = _with_heading(before, _dump(_load(before, path)))
        if after != before:
            _guard(path, _plain_data(before), _plain_data(after), ())
            changes.append(FileChange(path, before, after))
    return Edit(root, tuple(changes))


def unformatted_staged(
    root: Path | str, paths: Iterable[Path | str] | None = None
) -> tuple[Path, ...]:
    """The files git's index holds that :func:`format_files` would change, as ``:root/path``.

    What ``fmt --check --staged`` names: the layout of what the next commit
    records, not of the work tree. *paths* name files and folders of the
    work tree, as for :func:`format_files`; their staged copies are read.
    Nothing is written: git's index is git's to change (``git add`` after
    ``policypos fmt``).

    Raises:
        NotInGitError: a file named, or every file, is not in git's index.
        GitError: git is missing, or *root* is not in a git work tree.
        LoadError, EditError, UnintendedChangeError: as :func:`format_files`,
            at the staged file's ``:path``.
    """
    not_one_name(paths, "paths")
    from policypos._paths import resolved
    from policypos.errors import NotInGitError
    from policypos.git import staged_copy

    root = Path(root)
    with staged_copy(root) as staged:
        inside = None
        if paths is not None:
            inside = []
            for given in map(Path, paths):
                if not resolved(given).is_relative_to(resolved(root)):
                    raise EditError(
                        f"{given}: outside the positions repository {root}; fmt formats its files"
                    )
                copied = staged.copy / resolved(given).relative_to(resolved(root))
                if not copied.exists():
                    raise NotInGitError(
                        f"{given} is not in git's index (not staged): 'git add' it first"
                    )
                inside.append(copied)
        try:
            edit = format_files(staged.copy, inside)
        except LoadError as exc:
            raise LoadError(staged.problem(p) for p in exc.problems) from None
        except EditError as exc:  # UnintendedChangeError too: the copy's name is no use
            raise type(exc)(staged.told(str(exc))) from None
        return tuple(staged.name(path) for path in edit.paths)


_DOCUMENT_START = re.compile(rb"---(?:[ \t].*)?\n?")


def _with_heading(before: bytes, after: bytes) -> bytes:
    """*after* (the canonical layout of *before*) with the comments *before* wrote above ``---``.

    The round trip drops what stands before a document-start line: the
    canonical layout has no ``---`` (nor ``%YAML`` directive), but a comment
    is the officer's and stays, at the top.
    """
    lines = before.splitlines(keepends=True)
    for n, line in enumerate(lines):
        if _DOCUMENT_START.fullmatch(line):
            heading = [x if x.endswith(b"\n") else x + b"\n" for x in lines[:n]]
            kept = b"".join(x for x in heading if x.lstrip().startswith(b"#"))
            return after if after.startswith(kept) else kept + after
        if line.strip() and not line.lstrip().startswith((b"#", b"%")):
            break  # the data began: no document-start line heads this file
    return after


def _repository_yaml(root: Path, given: Path) -> Path:
    """*given*, a file of the repository at *root* to format, if it is a YAML file.

    ``fmt /etc/hosts`` once folded that file into one YAML string: the
    formatter writes the YAML files of a positions repository, nothing else
    (the caller has checked that *given* is inside it).

    Raises:
        EditError: it is not a ``.yaml`` file.
    """
    from policypos.load import is_misnamed_yaml

    if is_misnamed_yaml(given):  # the loader does not read it: formatting it would mislead
        raise EditError(
            f"{given}: the repository's files are named .yaml, not {given.suffix}, and this "
            f"one is not read: rename it {given.stem}.yaml first"
        )
    if given.suffix != ".yaml":
        raise EditError(f"{given}: not a .yaml file; fmt formats the repository's YAML files")
    return given


# --- writing ---------------------------------------------------------------------


def apply_edit(edit: Edit) -> None:
    """Write *edit*: every file it changes, atomically, all of them or none.

    Holds the repository's lock while it writes, after completing any edit a
    killed process left (:func:`recover`).

    Raises:
        ConflictError: a file's bytes on disk are no longer those the edit was
            composed from (someone changed it meanwhile); nothing is written.
        EditError: a file could not be written (the message says why).
    """
    _writing.write_files(edit.root, [(c.path, c.before, c.after) for c in edit.changes])


def recover(root: Path | str) -> tuple[str, ...]:
    """Complete or clear what an edit that was interrupted left in the repository at *root*.

    A journal (a multi-file edit that had written every new file) is rolled
    forward: its renames are done and it is deleted. Temporary files that no
    journal lists (an edit that died before it had written them all) are
    removed: the files they were for were never touched. Cheap when there is
    nothing to do; every command of the CLI runs it first.

    Returns:
        One line per thing done, for the command line to print on stderr.

    Raises:
        EditError: the journal cannot be read or completed.
    """
    return _writing.recover(Path(root))
