"""Reading a positions repository from disk into the model.

This is the only module that knows YAML. It reads with ruamel.yaml's C parser
in *compose* mode: that builds a tree of nodes which still carry their line and
column, without constructing any Python object the file asks for, and it is
about 9 times faster than the round-trip loader. Round-trip mode is kept for
commands that edit files, where comments and layout must survive.

Every file is checked against the format as it is read (required and unknown
keys, types, ids, enums, duplicates, YAML features we refuse) and every problem
is kept, so that one run reports all of them.

A bad value costs only itself, as a compiler recovers per statement: a field
that cannot be read is left out (or given a stand-in when the record cannot do
without it), a list entry or record that cannot be read is dropped and its
neighbours kept, and an id used twice keeps its first use. What could not be
read is named in :attr:`Reading.damaged` (and whole files that could not be read
in :attr:`Reading.unreadable`), so that the validator does not report a
consequence of an error a second time. Only a file that is not YAML, or whose top
is not a mapping, gives no record at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from policypos.errors import (
    LoadError,
    Location,
    Problem,
    Severity,
    Undecodable,
    closest,
    decode_utf8,
    did_you_mean,
    not_one_name,
    quoted,
    sorted_problems,
    spoken,
)
from policypos.model import (
    STANDARD_PARTS,
    Comment,
    CommentKind,
    Contact,
    Disposition,
    DispositionEntry,
    Document,
    Heading,
    KeyPath,
    Meeting,
    Origin,
    Removal,
    Report,
    Repository,
    Section,
    Statement,
    StatementKind,
    Status,
    Version,
    is_id,
)

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted in a file (ours need about six)."""

# ruamel.yaml's C composer recurses on the C stack and crashes the interpreter
# somewhere between 20,000 and 40,000 levels of nesting. Files whose nesting
# *might* pass this bound are first checked event by event, which is exact but
# costs about a third of the composition.
_C_SAFE_DEPTH = 5_000

_STD = "tag:yaml.org,2002:"
_MAP, _SEQ, _STR, _NULL = _STD + "map", _STD + "seq", _STD + "str", _STD + "null"
_TEXT_TAGS = frozenset({_STR, _STD + "int", _STD + "float", _STD + "timestamp"})
_ALLOWED_TAGS = _TEXT_TAGS | {_MAP, _SEQ, _NULL, _STD + "bool"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MERGE = _STD + "merge"  # the tag the parser gives a '<<' key
_MERGE_REFUSED = (
    "YAML merge keys ('<<') are not allowed: write the keys out in this mapping (a merge "
    "copies keys in from elsewhere in the file, where readers and the edit commands do not look)"
)
_ID_RULE = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64"

E = TypeVar("E", StatementKind, Status, CommentKind, Disposition)
T = TypeVar("T")

NO_DATE = dt.date.min
"""The stand-in for a date that could not be read (the record is named in ``Reading.damaged``)."""

# What a record read in part may lack, as suffixes of its name in Reading.damaged.
PARTS = ":sections"
"""Suffix of a version that may lack sections or statements its file holds."""
CITATIONS = ":citations"
"""Suffix of a version that may lack entries of an ``addresses`` its file holds.

Apart from :data:`PARTS`: a citation lost says nothing of the places read,
so the rules about places (a ``removed`` id) still apply."""
COMMENTS = ":comments"
"""Suffix of a meeting that may lack comments its file holds."""
DATE = ":date"
"""Suffix of a version or meeting whose date is the stand-in :data:`NO_DATE`."""
STATUS = ":status"
"""Suffix of a version whose status could not be read (the record says ``draft``)."""
DISPOSITION = ":disposition"
"""Suffix of a comment (``doc/meeting/comment``) whose disposition rules cannot be trusted."""


@attrs.frozen
class Reading:
    """What :func:`read_repository` found: the model, every problem, and what it could not read.

    ``unreadable`` names the documents (``doc``), versions (``doc@version``) and
    meetings (``doc/meeting``) whose files exist but could not be read at all
    (not YAML, or not a mapping at the top); they are not in ``repository``.
    A file whose id is not its name is not read either, and both names are
    here. ``doc@*`` or ``doc/*`` (:data:`ANY_ID`) says that a document's
    ``versions/`` or ``meetings/`` folder could not be read at all.
    Report files (``doc#report``) are named the same way.

    ``reports`` holds, by document id, the report files (``reports/<id>.yaml``,
    what officers write for a board paper or a response) that could be read,
    in file-name order; they are not part of the model's documents, and
    :func:`policypos.validate.validate` checks them against their document.

    ``damaged`` names the records that are in ``repository`` but were read only
    in part, because their files have errors: the record's own name (``doc``,
    ``doc@version``, ``doc/meeting``), and one name for each thing it may have
    wrong, ending in :data:`PARTS`, :data:`COMMENTS`, :data:`DATE`,
    :data:`STATUS` or (for ``doc/meeting/comment``) :data:`DISPOSITION`. A
    damaged record holds everything its file says that could be read; a
    required value that could not be read is a stand-in (empty text,
    :data:`NO_DATE`, the first member of its kind), so use such records only to
    check the repository, as :func:`policypos.validate.check` does.
    """

    repository: Repository
    problems: tuple[Problem, ...]
    unreadable: frozenset[str] = frozenset()
    damaged: frozenset[str] = frozenset()
    reports: Mapping[str, tuple[Report, ...]] = attrs.field(factory=dict, hash=False)

    @property
    def ok(self) -> bool:
        """Whether every file was read without an error."""
        return not any(p.is_error for p in self.problems)


def open_repository(root: Path | str) -> Repository:
    """Read the positions repository at *root*.

    Warnings are ignored here; :func:`policypos.validate.check` reports them.

    Raises:
        LoadError: some file could not be read or does not fit the format;
            it lists every such problem.
    """
    reading = read_repository(root)
    if not reading.ok:
        raise LoadError(p for p in reading.problems if p.is_error)
    return reading.repository


def yaml_problems(data: bytes, path: Path | str) -> tuple[Problem, ...]:
    """What the loader refuses in *data* as YAML, before reading any record from it.

    The checks every file gets first, cheap and safe on hostile input: UTF-8,
    not empty, nesting at most :data:`MAX_DEPTH` deep (checked without
    recursion), well-formed, no aliases (which can multiply a small file into
    a huge tree) and no tags but the standard ones. The tree is composed but
    never constructed, so nothing is expanded. *path* only locates the
    problems. Empty when the text is safe to load with any YAML library.
    """
    reader = _Reader(Path(path))
    reader.parse(data)
    return tuple(reader.problems)


def duplicate_keys(data: bytes | str, path: Path | str) -> tuple[Problem, ...]:
    """The duplicate keys of every mapping in *data*, as the loader reports them.

    For what reads a file without the loader (``policypos fmt``, whose YAML
    writer refuses a repeated key): the same one error per mistake, in the
    same words (a mapping that is an entry of a list is read as the loader
    reads a section, statement or comment). *path* only locates the problems.
    Call it only on text :func:`yaml_problems` finds safe; empty when it holds
    no duplicate key or is not YAML.
    """
    reader = _Reader(Path(path))
    root = reader.parse(data)
    stack: list[tuple[Any, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, item = stack.pop()
        if node.tag == _MAP:
            for key, message in _repeated_keys(node, item=item):
                reader.error(key, message)
            stack.extend((value, False) for _, value in node.value)
        elif node.tag == _SEQ:
            stack.extend((entry, True) for entry in node.value)
    return sorted_problems(reader.problems)


def why_not_a_folder(path: Path) -> str:
    """Why *path*, which is no folder, cannot be read as one: the same words from the API and CLI.

    A file is "a file, not a folder"; a path that is not there "no such folder",
    or the loop when it is a link that loops.
    """
    if path.exists():
        return "a file, not a folder"
    from policypos._paths import link_loop

    return link_loop(path, to_holder=False) or "no such folder"


def read_repository(root: Path | str, *, only: Collection[str] | None = None) -> Reading:
    """Read every file of the repository at *root*, keeping going past bad ones.

    With *only*, only the folders of those document ids are read (and
    others are neither read nor reported on): ``policypos publish`` reads
    again only the documents whose files changed.

    Raises:
        LoadError: *root* is not a folder.
    """
    not_one_name(only, "only")
    root = Path(root)
    if not root.is_dir():
        said = f"no positions repository here ({why_not_a_folder(root)})"
        raise LoadError([_problem(root, said)])
    found = _Findings()
    documents = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith((".", "_")):
            continue
        if only is not None and folder.name not in only:
            continue
        loop = _loop_problem(folder, read=True)
        if loop is not None:
            found.problems.append(loop)
            continue
        if not folder.is_dir():
            continue
        if not is_id(folder.name):
            found.problems.append(
                _problem(folder, f"folder name {quoted(folder.name)} is not a valid id")
            )
            continue
        document = _read_document_folder(folder, found)
        if document is not None:
            documents.append(document)
    return Reading(
        Repository(root, tuple(documents)),
        tuple(found.problems),
        frozenset(found.unreadable),
        frozenset(found.damaged),
        found.reports,
    )


def find_repository(start: Path | str) -> Path | None:
    """Find the positions repository to work on from *start*, the way git finds its top.

    Returns the nearest folder at or above *start* that is a positions
    repository (it holds a document folder with a ``document.yaml``) or that
    holds one as ``positions/``; ``None`` when there is none.
    """
    start = Path(start).absolute()
    for folder in (start, *start.parents):
        found = repository_at(folder)
        if found is not None:
            return found
    return None


def repository_at(folder: Path | str) -> Path | None:
    """*folder* if it is a positions repository, else its ``positions/`` if that is one.

    ``None`` when neither is.

    A positions repository is a folder holding at least one document folder
    (a folder with a ``document.yaml``).
    """
    folder = Path(folder)
    for candidate in (folder, folder / "positions"):
        if _holds_documents(candidate):
            return candidate
    return None


def _holds_documents(folder: Path) -> bool:
    try:
        return any(
            (child / "document.yaml").is_file()
            for child in folder.iterdir()
            if not child.name.startswith((".", "_"))
        )
    except OSError:  # not a folder, or not ours to read
        return False


def load_version(data: bytes | str, path: Path | str, *, stem: str | None = None) -> Version:
    """Read one version file's contents (from disk, git or elsewhere).

    Args:
        data: the file's contents.
        path: the name to report problems against.
        stem: the id the file name gives (default: *path*'s stem).

    Raises:
        LoadError: the contents are not a well-formed version.
    """
    path = Path(path)
    return _load_one(data, path, stem or path.stem, _read_version)


def load_meeting(data: bytes | str, path: Path | str, *, stem: str | None = None) -> Meeting:
    """Read one meeting file's contents; see :func:`load_version`."""
    path = Path(path)
    return _load_one(data, path, stem or path.stem, _read_meeting)


def _load_one(
    data: bytes | str, path: Path, stem: str, build: Callable[[_Reader, Any, str], T | None]
) -> T:
    reader = _Reader(path)
    root = reader.parse(data)
    record = build(reader, root, stem) if root is not None else None
    if record is None or reader.failed:
        raise LoadError(reader.problems)
    return record


@attrs.define
class _Findings:
    """What reading a repository has found so far, file by file (see :class:`Reading`)."""

    problems: list[Problem] = attrs.Factory(list)
    unreadable: set[str] = attrs.Factory(set)
    damaged: set[str] = attrs.Factory(set)
    reports: dict[str, tuple[Report, ...]] = attrs.Factory(dict)

    def add(self, reader: _Reader, name: str, record: object | None) -> None:
        """Take in what *reader* found in the file that holds the record *name*."""
        self.problems.extend(reader.problems)
        if record is None:
            self.unreadable.add(name)
        elif reader.failed:
            self.damaged.add(name)
            self.damaged.update(name + part for part in reader.damage)


def _read_document_folder(folder: Path, found: _Findings) -> Document | None:
    doc_id = folder.name
    try:
        folder.stat()  # what is inside can be looked at
        (folder / "versions").exists()
    except OSError as exc:
        found.problems.append(_problem(folder, f"cannot read folder: {exc.strerror or exc}"))
        found.unreadable.add(doc_id)
        return None
    versions = _read_folder(folder / "versions", _read_version, found, f"{doc_id}@")
    meetings = _read_folder(folder / "meetings", _read_meeting, found, f"{doc_id}/")
    found.reports[doc_id] = _read_folder(folder / "reports", _read_report, found, f"{doc_id}#")
    # What else the folder holds is not read, but a loop there is named, since
    # a tool that walks the folder (a backup, a search) would go round in it.
    for other in sorted(folder.iterdir()):
        if other.name not in _READ:
            found.problems.extend(filter(None, [_loop_problem(other, read=False)]))
    path = folder / "document.yaml"
    loop = _loop_problem(path, read=True)
    if loop is not None or not path.is_file():
        found.problems.append(loop or _problem(path, "document folder has no document.yaml"))
        found.unreadable.add(doc_id)
        return None
    reader = _Reader(path)
    root = reader.read_file()
    document = _read_document(reader, root, doc_id, versions, meetings) if root else None
    found.add(reader, doc_id, document)
    return document


def _read_folder(
    folder: Path,
    build: Callable[[_Reader, Any, str], T | None],
    found: _Findings,
    prefix: str,
) -> tuple[T, ...]:
    # A folder that cannot be read may have held any id: the validator is told
    # (ANY_ID), so that one mistake is one error, not one per reference into it.
    if not folder.exists() and not folder.is_symlink():
        return ()
    if not folder.is_dir():
        loop = _loop_problem(folder, read=True)
        found.problems.append(loop or _problem(folder, "not a folder: it should hold .yaml files"))
        found.unreadable.add(prefix + ANY_ID)
        return ()
    try:
        paths = sorted(folder.iterdir())
    except OSError as exc:
        found.problems.append(_problem(folder, f"cannot read folder: {exc.strerror or exc}"))
        found.unreadable.add(prefix + ANY_ID)
        return ()
    records = []
    for path in paths:
        if path.name.startswith("."):
            continue
        loop = _loop_problem(path, read=path.suffix == ".yaml")
        if loop is not None:
            found.problems.append(loop)
            if loop.is_error:  # whatever cites the file is not wrong as well
                found.unreadable.add(prefix + path.stem)
            continue
        if is_misnamed_yaml(path) and path.is_file():
            # Meant as a record, but the format names it <id>.yaml: not read, so an
            # error (a warning let validate pass a version no command could see).
            found.problems.append(_problem(path, _misnamed(path)))
            found.unreadable.add(prefix + path.stem)  # what cites it is not wrong as well
            continue
        if path.suffix != ".yaml" or not path.is_file():
            found.problems.append(_problem(path, _not_a_file(path), Severity.WARNING))
            continue
        if not is_id(path.stem):
            found.problems.append(
                _problem(path, f"file name {quoted(path.stem)} is not a valid id")
            )
            continue
        reader = _Reader(path)
        root = reader.read_file()
        record = build(reader, root, path.stem) if root is not None else None
        if reader.named is not None:
            # A file renamed, or its id edited: the rest of the repository names it
            # by its id, so both names are unknown rather than each reference wrong.
            found.unreadable.add(prefix + reader.named)
            record = None
        found.add(reader, prefix + path.stem, record)
        if record is not None:
            records.append(record)
    return tuple(records)


ANY_ID = "*"
"""In :attr:`Reading.unreadable` after ``doc@`` or ``doc/``: that folder could not be read."""


_READ = ("document.yaml", "versions", "meetings", "reports")
"""What the loader reads in a document folder."""


def _loop_problem(path: Path, *, read: bool) -> Problem | None:
    """The problem of *path* if it is a link that loops (:func:`policypos._paths.link_loop`).

    An error where the loader would read *path*, since what it holds is then
    missing; a warning where it would pass over it anyway.
    """
    if not path.is_symlink():  # the usual case, without loading the module that knows links
        return None
    from policypos._paths import link_loop

    why = link_loop(path)
    if why is None:
        return None
    if read:
        return _problem(path, f"not read: {why}; remove the link, or point it elsewhere")
    return _problem(path, f"ignored: {why}", Severity.WARNING)


def is_misnamed_yaml(path: Path) -> bool:
    """Whether *path* is a YAML file by its name, but not named ``.yaml`` as FORMAT.md names them.

    ``2027.yml`` or ``2027.YAML``: a version or meeting meant to be read. A
    backup (``2027.yaml~``, ``2027.yaml.bak``) is not one.
    """
    return path.suffix != ".yaml" and path.suffix.lower() in (".yaml", ".yml")


def _misnamed(path: Path) -> str:
    return (
        f"not read: the files here are named <id>.yaml, not {path.suffix}: rename it "
        f"{path.stem}.yaml"
    )


def _not_a_file(path: Path) -> str:
    """Why *path*, in a folder of .yaml files, is ignored."""
    if path.suffix != ".yaml":
        return "ignored: only .yaml files belong here"
    if path.is_symlink() and not path.exists():
        return "ignored: a link to nothing"
    return "ignored: a folder, not a .yaml file" if path.is_dir() else "ignored: not a file"


def _problem(path: Path, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(severity, message, Location(path))


# --- the three kinds of file -------------------------------------------------
#
# Each reader returns a record whenever the file's top is a mapping. The id a
# record is known by comes from the file (or folder) name, which is checked
# before the file is read, so a bad id inside the file costs nothing else.


def _read_document(
    r: _Reader,
    root: Any,
    stem: str,
    versions: tuple[Version, ...],
    meetings: tuple[Meeting, ...],
) -> Document | None:
    f = r.fields(root, "document.yaml", ("id", "title", "organisation", "owner"), ("summary",))
    if f is None:
        return None
    r.stem_id(f, "id", stem, "folder")
    title, organisation, owner = (r.paragraph(f, k) for k in ("title", "organisation", "owner"))
    return Document.create(
        stem,
        title or "",
        organisation or "",
        owner or "",
        summary=r.text(f, "summary"),
        versions=versions,
        meetings=meetings,
        origin=r.origin(root),
    )


def _read_version(r: _Reader, root: Any, stem: str) -> Version | None:
    f = r.fields(
        root,
        "version file",
        ("version", "date", "status", "sections"),
        ("based_on", "meeting", "title", "preamble", "removed"),
        lost=PARTS,  # a misspelt 'sections' loses them all
    )
    if f is None:
        return None
    if "sections" not in f:  # a lost 'sections:' line makes the sections part of the text above
        r.damage.add(PARTS)
    r.stem_id(f, "version", stem, "file")
    date = r.stand_in(r.date(f, "date"), DATE, NO_DATE)
    status = r.stand_in(r.enum(f, "status", Status), STATUS, Status.DRAFT)
    based_on, meeting = r.ident(f, "based_on"), r.ident(f, "meeting")
    title, preamble = r.paragraph(f, "title"), r.text(f, "preamble")
    # Statement ids are unique across the whole version, not only within a section.
    section_ids: dict[str, Any] = {}
    statement_ids: dict[str, Any] = {}
    sections = r.records(
        f, "sections", lambda r, n: _read_section(r, n, section_ids, statement_ids), PARTS
    )
    removed_ids: dict[str, Any] = {}
    removed = r.records(f, "removed", lambda r, n: _read_removal(r, n, removed_ids), PARTS)
    return Version(
        stem,
        date,
        status,
        sections,
        based_on,
        meeting,
        title,
        preamble,
        removed=removed,
        origin=r.origin(root),
    )


def _read_removal(r: _Reader, node: Any, ids: dict[str, Any]) -> Removal | None:
    """An entry of a version's ``removed``: the id of a place left out, and what that answers."""
    f = r.fields(node, "removed entry", ("id", "addresses"), (), lost=PARTS, item=True)
    if f is None:
        return None
    removal_id, addresses = r.ident(f, "id"), r.refs(f, "addresses", CITATIONS)
    if removal_id is None or not r.first(f, ids, "removed entry"):
        return None
    return Removal(removal_id, addresses)


def _read_section(
    r: _Reader, node: Any, section_ids: dict[str, Any], statement_ids: dict[str, Any]
) -> Section | None:
    f = r.fields(
        node,
        "section",
        ("id", "title"),
        ("intro", "addresses", "statements"),
        lost=PARTS,
        item=True,
    )
    if f is None:
        return None
    section_id, title, intro = r.ident(f, "id"), r.paragraph(f, "title"), r.text(f, "intro")
    addresses = r.refs(f, "addresses", CITATIONS)
    statements = r.records(
        f, "statements", lambda r, n: _read_statement(r, n, statement_ids), PARTS
    )
    if section_id is None or not r.first(f, section_ids, "section"):
        return None
    return Section(section_id, title or "", statements, intro, addresses)


def _read_statement(r: _Reader, node: Any, statement_ids: dict[str, Any]) -> Statement | None:
    f = r.fields(
        node,
        "statement",
        ("id", "text"),
        ("kind", "tags", "addresses", "note"),
        lost=PARTS,
        item=True,
    )
    if f is None:
        return None
    statement_id, text, note = r.ident(f, "id"), r.text(f, "text"), r.paragraph(f, "note")
    kind = r.enum(f, "kind", StatementKind, StatementKind.POSITION)
    tags, addresses = r.ids(f, "tags"), r.refs(f, "addresses", CITATIONS)
    if statement_id is None or not r.first(f, statement_ids, "statement"):
        return None
    return Statement(
        statement_id, text or "", kind or StatementKind.POSITION, tags, addresses, note
    )


def _read_meeting(r: _Reader, root: Any, stem: str) -> Meeting | None:
    f = r.fields(root, "meeting file", ("meeting",), ("reviews", "comments"), lost=COMMENTS)
    if f is None:
        return None
    about = f.get("meeting")  # missing, or not a mapping: reported, and its values stand in
    m = (r.fields(about[1], "meeting", ("id", "body", "date"), ("item",)) if about else None) or {}
    r.stem_id(m, "id", stem, "file")
    body, item = r.paragraph(m, "body"), r.paragraph(m, "item")
    date = r.stand_in(r.date(m, "date"), DATE, NO_DATE)
    reviews = r.ident(f, "reviews")
    comment_ids: dict[str, Any] = {}
    held = None if date == NO_DATE else date
    comments = r.records(
        f, "comments", lambda r, n: _read_comment(r, n, stem, comment_ids, held), COMMENTS
    )
    return Meeting(stem, body or "", date, item, reviews, comments, origin=r.origin(root))


def _read_comment(
    r: _Reader,
    node: Any,
    meeting_id: str,
    comment_ids: dict[str, Any],
    held: dt.date | None = None,
) -> Comment | None:
    f = r.fields(
        node,
        "comment",
        ("id", "kind", "text"),
        ("by", "on", "disposition", "response", "referred_to", "history"),
        lost=COMMENTS,  # a repeated key may start a comment whose id line was lost
        item=True,
    )
    if f is None:
        return None
    comment_id, kind = r.ident(f, "id"), r.enum(f, "kind", CommentKind)
    text, by, on = r.paragraph(f, "text"), r.paragraph(f, "by"), r.ids(f, "on")
    disposition = r.enum(f, "disposition", Disposition, Disposition.OPEN)
    response, referred_to = r.paragraph(f, "response"), r.paragraph(f, "referred_to")
    history, history_whole = _read_history(r, f, held, disposition)
    if comment_id is None or not r.first(f, comment_ids, "comment"):
        return None
    # The rules about dispositions hold only for a comment read whole: a key left
    # out may be a misspelt disposition or referred_to, and a comment without its
    # kind or text may be a fragment of one whose disposition follows elsewhere.
    whole = not r.dropped(node, f) and "kind" in f and "text" in f
    # A history entry left out shifts the others: their references are not checked.
    damaged = not whole or not history_whole or ("referred_to" in f and referred_to is None)
    if disposition is None or damaged:
        r.damage.add(f"/{comment_id}{DISPOSITION}")
    return Comment(
        comment_id,
        meeting_id,
        kind or CommentKind.COMMENT,
        text or "",
        by,
        on,
        disposition or Disposition.OPEN,
        response,
        referred_to,
        history,
    )


_ENTRY_KEYS = ("response", "referred_to", "meeting", "version", "note")


def _read_history(
    r: _Reader, f: Fields, held: dt.date | None, disposition: Disposition | None
) -> tuple[tuple[DispositionEntry, ...], bool]:
    """A comment's ``history`` (dated dispositions, oldest first, the last the current one).

    Returns the entries read and whether every entry was.

    A bad entry is reported and left out; the order, the meeting's date and
    the agreement of the last entry with ``disposition`` are checked on the
    entries read whole, so that one mistake gives one error.
    """
    items = r.items(f, "history")
    if not items:
        return (), items is not None
    entries: list[DispositionEntry] = []
    whole = True
    last_node: Any = None
    for node in items:
        e = r.fields(node, "history entry", ("date", "disposition"), _ENTRY_KEYS)
        if e is None:
            whole = False
            continue
        day, chosen = r.date(e, "date"), r.enum(e, "disposition", Disposition)
        meeting, version = r.ident(e, "meeting"), r.ident(e, "version")
        texts = {k: r.paragraph(e, k) for k in ("response", "referred_to", "note")}
        if day is None or chosen is None or r.dropped(node, e):
            whole = False
            continue
        if entries and day < entries[-1].date:
            r.error(
                e["date"][1],
                f"history entries go oldest first: {day} is earlier than "
                f"{entries[-1].date}, the date of the entry above",
            )
            whole = False
            continue
        if held is not None and day < held:
            r.error(
                e["date"][1],
                f"history entry dated {day}, before the meeting ({held}) the comment was made at",
            )
            whole = False
            continue
        entries.append(
            DispositionEntry(
                day,
                chosen,
                texts["response"],
                texts["referred_to"],
                meeting,
                version,
                texts["note"],
            )
        )
        last_node = e["disposition"][1]
    # The last entry is the state the comment is in now; a disposition changed
    # by hand without a dated entry would make every earlier paper wrong.
    if whole and disposition is not None and entries[-1].disposition is not disposition:
        r.error(
            last_node,
            f"the last history entry says {quoted(entries[-1].disposition.value)} but the "
            f"comment's disposition is {quoted(disposition.value)}: add a dated entry for "
            f"{quoted(disposition.value)} ("
            + spoken("policypos comment set", "policypos.set_comment()")
            + " does)",
        )
    return tuple(entries), whole


def load_report(data: bytes | str, path: Path | str, *, stem: str | None = None) -> Report:
    """Read one report file's contents (``reports/<id>.yaml``); see :func:`load_version`.

    Raises:
        LoadError: the contents are not a well-formed report file.
    """
    path = Path(path)
    return _load_one(data, path, stem or path.stem, _read_report)


def read_report(
    root: Path | str,
    document_id: str,
    report_id: str,
    *,
    check: Callable[[Report], Iterable[Problem]] | None = None,
) -> Report | None:
    """Read ``<root>/<document_id>/reports/<report_id>.yaml``; ``None`` if there is none.

    *check* gives the problems the file has against the rest of the
    repository (a board paper's ``reasons`` against its versions,
    :func:`policypos.validate.report_problems`). It is run on the report
    even when parts of the file could not be read, so that one error lists
    every problem of the file, as ``policypos validate`` does.

    Raises:
        LoadError: the file exists but is not a well-formed report file, or
            *check* finds errors (every problem at once), or an id is not
            well formed (ids are never used as paths unchecked).
    """
    for name in (document_id, report_id):
        if not is_id(name):
            raise LoadError([_problem(Path(root), f"{quoted(name)} is not a valid id")])
    path = Path(root, document_id, "reports", f"{report_id}.yaml")
    if not path.is_file():
        return None
    reader = _Reader(path)
    node = reader.read_file()
    report = _read_report(reader, node, report_id) if node is not None else None
    problems = list(reader.problems)
    if report is not None and check is not None:
        problems.extend(check(report))
    if report is None or any(p.is_error for p in problems):
        raise LoadError(problems)
    return report


REPORT_TEXTS = (
    "title",
    "purpose",
    "summary",
    "plan_theme",
    "annex",
    "reference",
    "from",
    "electoral_divisions",
    "forward_plan",
    "recommendation",
    "background",
    "next_steps",
    "to",
)
"""The keys of a report file whose value is text (``from`` is the paper's author)."""
REPORT_BODIES = frozenset(["summary", "recommendation", "background", "next_steps"])
"""Those of :data:`REPORT_TEXTS` that hold Markdown paragraphs, read as written."""


def _read_report(r: _Reader, root: Any, stem: str) -> Report | None:
    f = r.fields(
        root,
        "report file",
        (),
        (
            *REPORT_TEXTS,
            "key_decision",
            "contacts",
            "reasons",
            "implications",
            "priorities",
            "sources",
            "date",
            "leave_out",
        ),
    )
    if f is None:
        return None
    texts = {key: (r.text if key in REPORT_BODIES else r.paragraph)(f, key) for key in REPORT_TEXTS}
    leave_out = r.choices(f, "leave_out", tuple(STANDARD_PARTS))
    key_decision = None
    if "key_decision" in f:
        node = f["key_decision"][1]
        if node.tag == _STD + "bool":
            key_decision = node.value in ("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On")
        else:
            r.error(node, f"'key_decision' must be true or false, not {_describe(node)}")
    # Nothing else is read from a report, so what it lost is named only for completeness.
    contacts = r.records(f, "contacts", _read_contact, ":contacts")
    implications = r.records(f, "implications", _read_heading, ":implications")
    priorities = r.records(f, "priorities", _read_heading, ":priorities")
    sources = r.records(f, "sources", _read_heading, ":sources")
    reasons: dict[str, str] = {}
    if "reasons" in f:
        node = f["reasons"][1]
        if node.tag != _MAP:
            r.error(node, f"'reasons' must map section ids to text, not {_describe(node)}")
        else:
            for key, message in _repeated_keys(node):
                r.error(key, message)  # a repeated section would silently replace its reason
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if key.tag not in _TEXT_TAGS or not is_id(name):
                    r.error(key, f"'reasons' keys must be section ids, not {_describe(key)}")
                    continue
                if name in seen:
                    continue
                seen.add(name)
                if value.tag not in _TEXT_TAGS:
                    r.error(
                        value, f"reason for {quoted(name)} must be text, not {_describe(value)}"
                    )
                else:
                    reasons[name] = _one_paragraph(str(value.value))
    return Report(
        stem,
        title=texts["title"],
        purpose=texts["purpose"],
        summary=texts["summary"],
        plan_theme=texts["plan_theme"],
        annex=texts["annex"],
        reference=texts["reference"],
        author=texts["from"],
        electoral_divisions=texts["electoral_divisions"],
        forward_plan=texts["forward_plan"],
        key_decision=key_decision,
        recommendation=texts["recommendation"],
        contacts=contacts,
        background=texts["background"],
        reasons=reasons,
        implications=implications,
        priorities=priorities,
        next_steps=texts["next_steps"],
        sources=sources,
        to=texts["to"],
        date=r.date(f, "date"),
        leave_out=frozenset(leave_out),
        origin=r.origin(root),
    )


def _read_contact(r: _Reader, node: Any) -> Contact | None:
    f = r.fields(node, "contact", ("role", "name"), ("position", "email", "phone"), item=True)
    if f is None:
        return None
    role, name, position, email, phone = (
        r.paragraph(f, key) for key in ("role", "name", "position", "email", "phone")
    )
    if role is None or name is None:
        return None
    return Contact(role, name, position, email, phone)


def _read_heading(r: _Reader, node: Any) -> Heading | None:
    f = r.fields(node, "entry", ("heading", "text"), (), item=True)
    if f is None:
        return None
    heading, text = r.paragraph(f, "heading"), r.text(f, "text")
    if heading is None or text is None:
        return None
    return Heading(heading, text)


# --- reading nodes -------------------------------------------------------------


def _one_paragraph(text: str) -> str:
    """*text* without the line breaks that close a YAML block (see :meth:`_Reader.paragraph`)."""
    return text.rstrip("\n")


Fields = dict[str, tuple[Any, Any]]
"""A mapping's entries by key: (key node, value node)."""


class _Reader:
    """Reads one file's nodes into values, collecting problems instead of raising."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # What the record may have wrong, as suffixes of its name (see Reading.damaged).
        self.damage: set[str] = set()
        # For each list node that lost entries, the file index of each kept one,
        # so that the origin's key paths (by record index) still find the file's lines.
        self.kept: dict[int, list[int]] = {}
        # The id the file gives itself where it differs from its name (see stem_id).
        self.named: str | None = None
        # The bytes read from disk, kept in the origin (see Origin.data).
        self.data: bytes | None = None

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    def error(self, node: Any, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(Severity.ERROR, message, Location(self.path, mark.line + 1, mark.column + 1))
        )

    def error_at(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, message, Location(self.path, line, column)))

    # -- from bytes to a checked tree of nodes

    def read_file(self) -> Any:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self.problems.append(_problem(self.path, f"cannot read: {exc.strerror}"))
            return None
        self.data = data
        return self.parse(data)

    def parse(self, data: bytes | str) -> Any:
        """Return the file's root node, or ``None`` (with problems) if it is not usable YAML."""
        text = self._decode(data) if isinstance(data, bytes) else self._encodable(data)
        if text is None:
            return None
        if not text.strip():
            self.error_at(1, 1, "file is empty")
            return None
        if not self._nesting_ok(text):
            return None
        from ruamel.yaml.error import MarkedYAMLError, YAMLError
        from ruamel.yaml.reader import ReaderError

        try:
            root = _composer().compose(text)
        except ReaderError as exc:
            line, column = _line_column(text, exc.position)
            self.error_at(line, column, f"character U+{exc.character:04X} is not allowed in YAML")
            return None
        except MarkedYAMLError as exc:
            self._yaml_error(exc, text)
            return None
        except YAMLError as exc:  # pragma: no cover - every parser error carries a mark
            self.error_at(1, 1, f"malformed YAML: {exc}")
            return None
        if root is None:
            self.error_at(1, 1, "file holds no YAML document, only comments")
            return None
        return root if self._nodes_ok(root) else None

    def _encodable(self, text: str) -> str | None:
        """*text*, unless it holds a lone surrogate, which the C parser cannot encode."""
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, column = _line_column(text, exc.start)
            code = ord(text[exc.start])
            self.error_at(
                line,
                column,
                f"character U+{code:04X} is a lone surrogate, which UTF-8 cannot encode",
            )
            return None
        return text

    def _decode(self, data: bytes) -> str | None:
        text = decode_utf8(data)
        if isinstance(text, Undecodable):
            self.error_at(text.line, text.column, f"file is {text.message}")
            return None
        return text

    def _nesting_ok(self, text: str) -> bool:
        if _depth_bound(text) <= _C_SAFE_DEPTH:
            return True
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError
        from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

        depth = 0
        try:
            for event in YAML(typ="safe", pure=False).parse(text):
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.error(event, f"nested deeper than {MAX_DEPTH} levels")
                        return False
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
        except YAMLError:
            pass  # composing reports it, with its position
        return True

    def _yaml_error(self, exc: Any, text: str) -> None:
        mark = exc.problem_mark or exc.context_mark
        # The parser says "while parsing X" (context) then what went wrong (problem).
        message = "malformed YAML: " + ", ".join(p for p in (exc.context, exc.problem) if p)
        if mark is None:  # pragma: no cover - the parser always sets one
            self.error_at(1, 1, message)
            return
        starts = exc.problem in _AT_THE_START or exc.context in _SCANNING_A_NAME
        if starts and exc.context_mark is not None:
            # An unclosed quote or bracket, a line with no colon: where it starts
            # is the mistake, not where the parser gave up (often the file's end).
            mark = exc.context_mark
        lines = text.split("\n")
        opened = _quote_run_on(text, mark)
        if opened is not None:
            self.error_at(*opened, f"{message} ({_quote_hint(mark.line + 1)})")
            return
        if exc.problem in _AFTER_A_DEDENTED_KEY:
            dedented = _dedented_key(lines, mark.line)
            if dedented is not None:
                self.error_at(*dedented)
                return
        line = lines[mark.line] if mark.line < len(lines) else ""
        hint = yaml_hint(exc.context, exc.problem, line, mark.column)
        self.error_at(mark.line + 1, mark.column + 1, message + (f" ({hint})" if hint else ""))

    def _nodes_ok(self, root: Any) -> bool:
        """Refuse aliases (which can multiply a small file into a huge tree) and foreign tags."""
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        ok = True
        seen: set[int] = set()
        # (node, where an alias to it is reported, whether it is what a merge key merges)
        stack = [(root, root, False)]
        while stack:
            node, parent, merged = stack.pop()
            if id(node) in seen:
                if not merged:  # the merge key's own error says it all
                    self.error(parent, "YAML aliases (*name) are not allowed; write the value out")
                ok = False
                continue
            seen.add(id(node))
            if node.tag == _MERGE:
                # Its tag is the parser's, never the writer's: name what was written.
                self.error(node, _MERGE_REFUSED)
                ok = False
            elif node.tag not in _ALLOWED_TAGS:
                self.error(node, f"YAML tag {quoted(_short_tag(node.tag))} is not allowed")
                ok = False
            if isinstance(node, MappingNode):
                for key, value in reversed(node.value):
                    stack.append((value, key, key.tag == _MERGE))
                    stack.append((key, node, False))
            elif isinstance(node, SequenceNode):
                stack.extend((item, node, merged) for item in reversed(node.value))
        return ok

    # -- from nodes to values

    def fields(
        self,
        node: Any,
        what: str,
        required: Sequence[str],
        optional: Sequence[str],
        lost: str | None = None,
        *,
        item: bool = False,
    ) -> Fields | None:
        """Return a mapping's entries by key, reporting duplicate, unknown and missing keys.

        ``None`` only when *node* is not a mapping. When an entry is left out
        (its key unknown, repeated or not a word), *lost* is marked as damage.
        *item* says that *node* is an entry of a list, where keys repeated
        together are one lost ``- `` line (:func:`_repeated_keys`).
        """
        if node.tag != _MAP:
            self.error(node, f"{what} must be a mapping of keys to values, not {_describe(node)}")
            return None
        allowed = (*required, *optional)
        found: Fields = {}
        misspelt: set[str] = set()
        for key, message in _repeated_keys(node, item=item):
            self.error(key, message)
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if key.tag in _TEXT_TAGS else None
            if name is None:
                self.error(key, f"keys must be plain words, not {_describe(key)}")
            elif name in seen:
                continue  # reported above, with the others of its mistake
            elif name not in allowed:
                seen.add(name)
                self.error(
                    key, f"unknown key {quoted(name)} in {what}{did_you_mean(name, allowed)}"
                )
                misspelt.add(closest(name, allowed) or "")
            else:
                seen.add(name)
                found[name] = (key, value)
        if lost is not None and self.dropped(node, found):
            self.damage.add(lost)
        # A misspelt required key is one mistake: the unknown key's line says
        # which key was meant, so it is not reported missing as well.
        missing = [k for k in required if k not in found and k not in misspelt]
        if missing:
            names = ", ".join(repr(k) for k in missing)
            self.error(node, f"{what} is missing {'key' if len(missing) == 1 else 'keys'} {names}")
        return found

    @staticmethod
    def dropped(node: Any, f: Fields) -> bool:
        """Whether the mapping *node* had entries that :meth:`fields` left out of *f*."""
        return len(f) < len(node.value)

    def stand_in(self, value: T | None, part: str, default: T) -> T:
        """*value*, or *default* when it could not be read, marking *part* as damage."""
        if value is None:
            self.damage.add(part)
            return default
        return value

    def first(self, f: Fields, seen: dict[str, Any], what: str) -> bool:
        """Whether the id at ``f["id"]`` is new to *seen*; a repeat is reported and not kept."""
        node = f["id"][1]
        if node.value in seen:
            line = seen[node.value].start_mark.line + 1
            self.error(node, f"duplicate {what} id {quoted(node.value)} (first at line {line})")
            return False
        seen[node.value] = node
        return True

    def text(self, f: Fields, key: str) -> str | None:
        """The text at *key* as written, or ``None`` when absent or not text (reported).

        For a body of Markdown (a statement's text, an intro, a preamble)
        that may run to several paragraphs: a block's final line break is
        kept, as YAML reads it, and ``diff`` sees a change to it.
        """
        if key not in f:
            return None
        node = f[key][1]
        if node.tag in _TEXT_TAGS:
            return str(node.value)
        self.error(node, f"{quoted(key)} must be text, not {_describe(node)}")
        return None

    def paragraph(self, f: Fields, key: str) -> str | None:
        """The text at *key* without the line breaks a block (``|``, ``>``) ends with.

        For a name, a title or a single paragraph (a comment, a response, a
        note), which documents set inside a sentence, a table cell or a JSON
        string: there the block's closing line break is an accident of how
        the YAML was written, not part of what was said.
        """
        value = self.text(f, key)
        return None if value is None else _one_paragraph(value)

    def ident(self, f: Fields, key: str) -> str | None:
        """The id at *key*, checked against the id pattern."""
        value = self.text(f, key)
        if value is not None and not is_id(value):
            self.error(
                f[key][1],
                f"{quoted(key)} is not a valid id: {quoted(value)} ({_ID_RULE} characters)",
            )
            return None
        return value

    def stem_id(self, f: Fields, key: str, stem: str, named_by: str) -> str | None:
        """The id at *key*, which must equal the file (or folder) name."""
        value = self.ident(f, key)
        if value is not None and value != stem:
            self.error(
                f[key][1],
                f"{key} {quoted(value)} does not match the {named_by} name {quoted(stem)}",
            )
            self.named = value
            return None
        return value

    def date(self, f: Fields, key: str) -> dt.date | None:
        """The ISO date (YYYY-MM-DD) at *key*."""
        value = self.text(f, key)
        if value is None:
            return None
        if not _DATE.fullmatch(value):
            self.error(
                f[key][1], f"{quoted(key)} must be a date written YYYY-MM-DD, not {quoted(value)}"
            )
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            # Written right but no such day (month 13, 30 February): say so,
            # rather than blaming the way it is written.
            self.error(f[key][1], f"{quoted(key)} is not a real date: {quoted(value)} ({exc})")
            return None

    def enum(self, f: Fields, key: str, kind: type[E], default: E | None = None) -> E | None:
        """The enum member named at *key*, or *default* when the key is absent."""
        if key not in f:
            return default
        value = self.text(f, key)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            choices = [m.value for m in kind]
            self.error(
                f[key][1],
                f"{quoted(key)} must be one of {', '.join(choices)}; "
                f"not {quoted(value)}{did_you_mean(value, choices)}",
            )
            return None

    def items(self, f: Fields, key: str) -> list[Any] | None:
        """The item nodes of the list at *key*: ``[]`` when absent, ``None`` when not a list."""
        if key not in f:
            return []
        node = f[key][1]
        if node.tag != _SEQ:
            self.error(node, f"{quoted(key)} must be a list, not {_describe(node)}")
            return None
        return list(node.value)

    def ids(self, f: Fields, key: str) -> tuple[str, ...]:
        """The list of ids at *key* (``()`` when absent), without the entries that are not ids."""
        return self._strings(f, key, is_id, f"is not a valid id ({_ID_RULE} characters)", None)

    def refs(self, f: Fields, key: str, lost: str) -> tuple[str, ...]:
        """The list of comment references (``meeting/comment``) at *key*; see :meth:`records`."""
        rule = "must name a comment as <meeting id>/<comment id>"
        return self._strings(f, key, _is_ref, rule, lost)

    def choices(self, f: Fields, key: str, known: Sequence[str]) -> tuple[str, ...]:
        """The list at *key* (``()`` when absent), each entry one of *known*; others are errors."""
        rule = f"is not one of {', '.join(known)}"
        return self._strings(f, key, lambda name: name in known, rule, None)

    def _strings(
        self, f: Fields, key: str, valid: Callable[[str], bool], rule: str, lost: str | None
    ) -> tuple[str, ...]:
        items = self.items(f, key)
        if items is None:
            if lost is not None:
                self.damage.add(lost)
            return ()
        values: list[str | None] = []
        for node in items:
            if node.tag not in _TEXT_TAGS:
                self.error(node, f"{quoted(key)} entries must be text, not {_describe(node)}")
                values.append(None)
            elif not valid(node.value):
                self.error(node, f"{quoted(key)} entry {quoted(node.value)} {rule}")
                values.append(None)
            else:
                values.append(str(node.value))
        return self._keep(f, key, values, lost)

    def records(
        self, f: Fields, key: str, build: Callable[[_Reader, Any], T | None], lost: str
    ) -> tuple[T, ...]:
        """The records of the list at *key*, each read by *build*, leaving out the bad ones.

        When one is left out, or the value is not a list, *lost* is marked as damage.
        """
        items = self.items(f, key)
        if items is None:
            self.damage.add(lost)
            return ()
        return self._keep(f, key, [build(self, node) for node in items], lost)

    def _keep(self, f: Fields, key: str, built: list[T | None], lost: str | None) -> tuple[T, ...]:
        kept = tuple(b for b in built if b is not None)
        if len(kept) < len(built):
            self.kept[id(f[key][1])] = [i for i, b in enumerate(built) if b is not None]
            if lost is not None:
                self.damage.add(lost)
        return kept

    def origin(self, root: Any) -> Origin:
        """An :class:`Origin` that finds key paths in this file's tree on demand."""
        return Origin(self.path, _locator(root, self.kept), self.data)


def _depth_bound(text: str) -> int:
    """An upper bound on how deeply *text*'s collections nest, found without parsing.

    Every level of block nesting needs a column, so the longest line bounds
    block depth. Every level of flow nesting needs an opening bracket; but
    most brackets stand in one-line flows such as ``tags: [a, b]``, and
    counting them all would make every 5,000-statement file pay for an exact
    scan. A line whose brackets balance in order and which holds no quote or
    ``#`` cannot end deeper than it began: inside a flow, ``]`` and ``}`` can
    only close (plain scalars there may not hold them; quoted ones need a
    quote), and elsewhere its brackets are text. Such a line adds at most its
    own nesting, and only the brackets of the other lines can carry over.
    """
    lines = text.splitlines()
    carried = inline = 0
    for line in lines:
        if "[" not in line and "{" not in line:
            continue
        depth = deepest = 0
        balanced = not any(c in line for c in "\"'#")
        for char in line:
            if char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth -= 1
                if depth < 0:
                    balanced = False
                    break
        if balanced and depth == 0:
            inline = max(inline, deepest)
        else:
            carried += line.count("[") + line.count("{")
    return carried + inline + max(map(len, lines), default=0)


def _locator(root: Any, kept: dict[int, list[int]]) -> Callable[[KeyPath], tuple[int, int]]:
    def locate(keys: KeyPath) -> tuple[int, int]:
        node = root
        for key in keys:
            child = _child(node, key, kept)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    return locate


def _child(node: Any, key: str | int, kept: dict[int, list[int]]) -> Any:
    if isinstance(key, int):
        if node.tag != _SEQ:
            return None
        index = kept.get(id(node))
        if index is not None:  # some entries were left out of the record: count only the rest
            key = index[key] if 0 <= key < len(index) else -1
        return node.value[key] if 0 <= key < len(node.value) else None
    if node.tag == _MAP:
        for k, v in node.value:
            if k.value == key:
                return v
    return None


_AT_THE_START = frozenset(
    (
        "found unexpected end of stream",
        "could not find expected ':'",
        "did not find expected ',' or ']'",
        "did not find expected ',' or '}'",
    )
)
"""Parser problems found where it gave up on something begun earlier, which is the mistake."""

_AFTER_A_DEDENTED_KEY = frozenset(
    ("did not find expected key", "mapping values are not allowed in this context")
)
"""Parser problems a key indented too little causes on a later line (see :func:`_dedented_key`)."""

_SCANNING_A_NAME = frozenset(("while scanning an alias", "while scanning an anchor"))
"""Text starting with ``*`` or ``&``, read as an alias or anchor: placed at that character."""

_QUOTE_IT = (
    "put the whole text in double quotes, or write it as a block: `text: >` "
    "with the text on the lines below, indented"
)


def yaml_hint(context: str | None, problem: str | None, line: str, column: int) -> str | None:
    """What to do about a YAML parser error, in plain words, or ``None`` when there is no advice.

    *context* and *problem* are the parser's two phrases ("while scanning a
    quoted scalar", "found unexpected end of stream"); *line* is the text of
    the line the error is placed on and *column* its 0-based column there.
    Written for the mistakes of a hand-written statement: a colon inside
    unquoted text, a tab, a quote left open, text that starts with a quote or
    a character YAML reserves, a list or a continued line indented wrongly.
    """
    here = line[column : column + 1]
    if "tab" in (problem or ""):  # "found a tab character where ...": named, but no remedy
        return "YAML indents with spaces only: replace the tab with spaces"
    if here == "\t":
        # The parser names "character" but not which: a tab, seldom seen in an editor.
        return "a tab: YAML indents and separates with spaces"
    if problem == "mapping values are not allowed in this context":
        if line[:column].strip().replace("-", "").replace("_", "").isalnum():
            # "  status: x" alone on its line: a key indented under the value above.
            return (
                "a key indented further than the keys above it reads as part of the value "
                "before it: start it in the same column as them"
            )
        return f"a colon inside text that is not quoted reads as a new key: {_QUOTE_IT}"
    if problem == "found unexpected end of stream" and context == "while scanning a quoted scalar":
        return (
            "this quote is never closed: end the text with the same quote mark, and inside "
            'double quotes write a double quote as \\"'
        )
    if context in _SCANNING_A_NAME or problem in (
        "found character that cannot start any token",
        "found undefined alias",
        "block sequence entries are not allowed in this context",
        "mapping keys are not allowed in this context",
    ):
        return f"text may not start with {quoted(here)} unless quoted: {_QUOTE_IT}"
    if problem == "did not find expected key" and context == "while parsing a block mapping":
        return _expected_key_hint(line, column)
    if problem in ("did not find expected ',' or ']'", "did not find expected ',' or '}'"):
        opened, what = ("[", "list") if problem.endswith("']'") else ("{", "mapping")
        return (
            f"{quoted(opened)} starts a {what} that is not closed; if the text starts "
            f"with {quoted(opened)}, {_QUOTE_IT}"
        )
    if problem == "did not find expected '-' indicator":
        return (
            "check this line's indentation: the items of a list start with '- ' in one "
            "column, and the keys of one item in one column"
        )
    if problem == "could not find expected ':'":
        return (
            "a line with no 'key:' where a key was expected: if it continues the text above, "
            "indent it further than the key, or write the text as a block (`text: >`)"
        )
    if context == "while scanning a block scalar":
        return (
            "the text of a `>` or `|` block starts on the next line, indented further than its key"
        )
    return None


def _dedented_key(lines: Sequence[str], line: int) -> tuple[int, int, str] | None:
    """A key indented too little, which the parser finds wrong only at *line* (0-based), after it.

    The key line before *line* stands further left than the lines on both
    sides of it: it is the odd one out, a key of the entry above indented too
    little. The parser reads it as a key of an outer mapping, which leaves
    *line* nowhere to go (``tags:`` four spaces too far left in a statement
    fails only on the next ``- id:`` line), or, when its value is plain text,
    as text that *line* continues.

    Returns:
        The key's 1-based line and column, and the message; ``None`` when the
        lines are not so.
    """
    if line >= len(lines):
        return None
    found = lines[line]
    depth = _indent(found)
    # The content lines above: the key (less indented than *line*), then the line before it.
    above = (i for i in range(line - 1, -1, -1) if lines[i].strip(" \r")[:1] not in ("", "#"))
    key_line = next((i for i in above if _indent(lines[i]) < depth), None)
    before = next(above, None)
    if key_line is None or before is None or _indent(lines[before]) <= _indent(lines[key_line]):
        return None
    key, colon, _ = lines[key_line].strip(" \r").partition(":")
    if not colon or not key.replace("-", "").replace("_", "").isalnum():
        return None
    after_dash = found[depth + 1 :] if found[depth:].startswith("- ") else None
    wanted = depth if after_dash is None else depth + 1 + _indent(after_dash)
    return (
        key_line + 1,
        _indent(lines[key_line]) + 1,
        f"malformed YAML: key {quoted(key)} is indented less than the lines above and below it, "
        f"which leaves line {line + 1} out of place (indent it by {wanted} spaces, like the "
        f"keys it belongs with; if it is where it belongs, line {line + 1} is indented too far)",
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _expected_key_hint(line: str, column: int) -> str:
    """A line where the parser wanted the next key: text after a quote, or a list out of place."""
    before = line[:column]
    _, colon, value = before.partition(": ")
    if colon and value.lstrip()[:1] in ("'", '"'):
        return _quote_hint()
    if line.lstrip().startswith("- "):
        return (
            "a list item ('- ') where a key was expected: a new item starts in the same column "
            "as the '- ' before it, and a list inside the text goes in a block (`text: |`), "
            "indented as far as the text"
        )
    return "check the indentation: the keys of one mapping start in the same column"


def _quote_hint(closed_on: int | None = None) -> str:
    """Advice for text that starts with a quote but goes on past the quote that ends it.

    *closed_on* is the 1-based line of that quote when it is not the line the
    text starts on (a quote left open, closed only by the next quote in the file).
    """
    where = f", but this one is ended only by the quote mark on line {closed_on}"
    where = where if closed_on else ""
    return (
        f"text that starts with a quote must end with it{where}: "
        "put the whole text in double quotes, or write it as a block (`text: >`)"
    )


def _quote_run_on(text: str, problem: Any) -> tuple[int, int] | None:
    """Where a quoted text starts that a quote left open made run on to the parser's *problem*.

    A quote left open is closed by the next quote mark of the same kind, often
    lines further on; the parser only stumbles on what follows that mark, on
    its line, and reports it there (another section's title, say). When the
    text just before *problem* is a quoted one that began on an earlier line
    and ended on *problem*'s line, its opening quote is the mistake.

    Returns:
        The 1-based line and column of the opening quote, or ``None``.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import ScalarToken

    before = None
    try:
        for token in YAML(typ="safe", pure=False).scan(text):
            start = token.start_mark
            if (start.line, start.column) >= (problem.line, problem.column):
                break
            before = token
    except YAMLError:
        pass  # the scanner gave up further on: the tokens before it are what counts
    if (
        not isinstance(before, ScalarToken)
        or before.style not in ("'", '"')
        or before.start_mark.line == before.end_mark.line
        or before.end_mark.line != problem.line
    ):
        return None
    return before.start_mark.line + 1, before.start_mark.column + 1


def _composer() -> Any:
    """ruamel.yaml's loader on libyaml's C parser, resolving tags as it does, only faster.

    For every scalar, ruamel.yaml 0.19 asks which YAML version the file is
    in; with the C parser the answer always falls back to the loader's own
    (the C parser hands on no ``%YAML`` directive), but only after two
    attribute lookups have failed with exceptions: about a third of the
    time it takes to read a 10,000-statement version. The answer is asked
    once per file and kept (a file is one document, and one loader reads it).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class OnceResolver(VersionedResolver):
        @property
        def processing_version(self) -> Any:
            known = self.__dict__
            if "policypos_version" not in known:
                known["policypos_version"] = super().processing_version
            return known["policypos_version"]

    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = OnceResolver
    return yaml


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _is_ref(text: str) -> bool:
    meeting, slash, comment = text.partition("/")
    return bool(slash) and is_id(meeting) and is_id(comment)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _describe(node: Any) -> str:
    tag = node.tag
    if tag == _MAP:
        return "a mapping"
    if tag == _SEQ:
        return "a list"
    if tag == _NULL:
        return "empty"
    if tag == _STD + "bool":
        return f"true/false ({node.value})"
    return f"{quoted(node.value)}"


def _repeated_keys(mapping: Any, *, item: bool = False) -> list[tuple[Any, str]]:
    """The duplicate keys of the mapping node *mapping*: (key node, error message) for each mistake.

    One error per mistake, placed at the key that repeats. In an entry of a
    list (*item*), a run of keys repeated together is one entry whose ``- ``
    line was lost, and read into the entry above: ``- id: gen-2`` deleted
    repeats ``text`` and ``tags``. The error is at the first of them and says
    so; each key repeated again within the run starts another. Elsewhere
    every repeat is its own error. Keys that are not text are left to the
    caller.
    """
    first: dict[str, Any] = {}
    mistakes: list[list[Any]] = []  # the repeated keys of each mistake, first one first
    run: set[str] = set()  # the keys of the entry being read, the first or a lost one
    for key, _ in mapping.value:
        if key.tag not in _TEXT_TAGS:
            continue
        name = str(key.value)
        if name not in first:
            first[name] = key
        elif not item or name in run:
            mistakes.append([key])
            run = set()
        else:
            mistakes[-1].append(key)
        run.add(name)
    opening = str(mapping.value[0][0].value) if mapping.value else ""
    found: list[tuple[Any, str]] = []
    lost = False  # once one entry's first line is lost, a lone repeat after it is another
    for keys in mistakes:
        lone = len(keys) == 1 and str(keys[0].value) != opening
        found.append((keys[0], _duplicate(keys, first, opening if item else None, lost)))
        lost = lost or not lone
    return found


def _duplicate(
    keys: list[Any], first: Mapping[str, Any], opening: str | None, lost: bool = False
) -> str:
    """The message for *keys* repeated together; *opening* is the first key of a list's entries.

    Without *opening*, the plain message of one key given twice. *lost* says
    that an entry's first line was lost earlier in the same mapping, so that
    even one key repeated is the next entry's.
    """
    name = str(keys[0].value)
    said = f"duplicate key {quoted(name)} (first at line {first[name].start_mark.line + 1})"
    if opening is None:
        return said
    if len(keys) == 1 and name != opening and not lost:  # a key twice, or a short entry run in
        return f"{said}; if a new list entry starts here, its '- {opening}:' line is missing"
    if len(keys) > 1:
        said += f", and {_listed([str(k.value) for k in keys[1:]])} after it"
    if name == opening:
        return f"{said}: a new list entry seems to start here, without the '- ' that starts one"
    return f"{said}: a new list entry seems to start here, its '- {opening}:' line missing"


def _listed(names: Sequence[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
