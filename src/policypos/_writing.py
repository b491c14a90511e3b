"""Writing files safely: atomic renames, a journal for several files, one writer at a time.

Edits of the repository write through this module (:mod:`policypos.edit`;
the command line runs :func:`recover` before anything reads), and so do the
single files policypos writes elsewhere (documents, schemas, published pages,
through :func:`replace_atomically`). It imports nothing heavy, so that every
command can afford that first step. How it works is told in
:mod:`policypos.edit` and docs/editing.md.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from policypos.errors import ConflictError, EditError

JOURNAL = ".policypos-journal"
"""The journal of a multi-file edit under way, at the top of the repository."""

TEMP_SUFFIX = ".policypos-tmp"
"""How the temporary files of edits end (they start with a dot, so the loader skips them)."""


def _relative(path: Path, root: Path) -> str:
    """*path* relative to *root*, or to its resolved path (where a link's target is named)."""
    for base in (root, Path(os.path.realpath(root))):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def write_files(root: Path, changes: Sequence[tuple[Path, bytes | None, bytes]]) -> None:
    """Write each ``(path, before, after)``: *after* over *path*, if it still holds *before*.

    All of them or none, under the repository's lock, after :func:`recover`.

    Raises:
        ConflictError: a file no longer holds *before* (``None``: it must not exist).
        EditError: a file could not be written.
    """
    with locked(root):
        _recover(root)
        _write(root, changes)


def write_target(root: Path, path: Path) -> Path:
    """Where writing *path* of the repository at *root* puts the bytes: through a link.

    Renaming a new file over a symbolic link would replace the link and cut
    whatever shares the file it points to; so, as the shell's ``>`` does, a
    link is written through: its target is the file replaced (an absolute
    path). A link whose target lies outside the repository is refused, since
    an edit of the repository writes only the repository's files, and so is
    a link that loops. Anything else is *path* itself.

    Raises:
        EditError: one line, ``PATH: error: ...``; nothing has been written.
    """
    if not path.is_symlink():
        return path
    from policypos._paths import link_loop, resolved

    loop = link_loop(path, to_holder=False)
    target = resolved(path)
    if loop is None and target.is_relative_to(resolved(root)):
        return target
    why = loop or f"a link to {target}, outside the positions repository {root}"
    error = EditError(
        f"{path}: error: {why}; nothing was written (edit the file where it is, "
        "or replace the link with a copy)"
    )
    error.located = True
    raise error


def _write(root: Path, changes: Sequence[tuple[Path, bytes | None, bytes]]) -> None:
    # Every target is settled before anything is read or written: an edit of
    # several files that cannot write one of them writes none.
    changes = [(write_target(root, path), before, after) for path, before, after in changes]
    for path, before, _ in changes:
        try:
            now: bytes | None = path.read_bytes()
        except FileNotFoundError:
            now = None
        except OSError as exc:
            raise EditError(f"{path}: cannot read: {exc.strerror}") from exc
        if now != before:
            said = "was created" if before is None else "changed on disk"
            raise ConflictError(
                f"{path}: {said} after the edit was composed; nothing was written "
                "(read the files again and retry)"
            )
        if now is not None and not os.access(path, os.W_OK):
            # The rename would only need the folder: a file its owner made
            # read-only is not replaced behind their back (as -o refuses it).
            raise EditError(f"cannot write {path}: Permission denied; nothing was written")
    if not changes:
        return
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, _, after in changes:
            temporaries.append((write_temporary(path, after), path))
        if len(temporaries) == 1:
            temporary, target = temporaries[0]
            temporary.replace(target)
            _sync_folder(target.parent)
            return
        journal = root / JOURNAL
        import json

        entries = [[_relative(t, root), _relative(p, root)] for t, p in temporaries]
        payload = json.dumps({"renames": entries}).encode() + b"\n"
        write_temporary(journal, payload).replace(journal)
        _sync_folder(root)
    except OSError as exc:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        raise EditError(f"cannot write {changes[0][0]}: {exc.strerror}") from exc
    # From here the edit is decided: a crash is completed by recover().
    _roll_forward(root, journal)


def replace_atomically(
    path: Path, data: bytes, *, sync: bool = True, make_folders: bool = False
) -> None:
    """Write *data* to *path* so that readers see the old file or the new one, never half.

    A temporary file beside *path* is written (and with *sync*, flushed to
    disk), then renamed over it. Used for single files that are not part of
    a repository edit: rendered documents, schemas, published pages.

    What is at *path* is written to as the shell's ``>`` would: a symbolic
    link stays a link and the file it points to is replaced; a device or a
    pipe (``/dev/null``, ``/dev/stdout``, a FIFO) is written through, as there
    is no file to replace; a file this process may not write is refused, not
    replaced behind its owner's back (the rename only needs its folder).

    Raises:
        OSError: the file cannot be written (``PermissionError`` for a file
            not writable, ``IsADirectoryError`` for a folder), or its folder is
            missing (unless *make_folders*); nothing is left behind.
    """
    import errno
    import stat

    try:
        found = path.stat()  # through any link
    except (FileNotFoundError, NotADirectoryError):
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if found is not None and not stat.S_ISREG(found.st_mode):
        with path.open("wb") as out:
            out.write(data)
        return
    if found is not None and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    # No TEMP_SUFFIX: recovery removes temporaries that end so, and this
    # writer does not hold the repository's lock, so a command starting
    # meanwhile could take its file away mid-write.
    temporary = write_temporary(target, data, sync=sync, make_folders=make_folders, suffix=".tmp")
    if found is not None:
        with contextlib.suppress(OSError):  # keep the owner, where this process may
            os.chown(temporary, found.st_uid, found.st_gid)
    temporary.replace(target)


def write_temporary(
    path: Path,
    data: bytes,
    *,
    sync: bool = True,
    make_folders: bool = True,
    suffix: str = TEMP_SUFFIX,
) -> Path:
    """Write *data* next to *path* under a dot name, synced to disk, with the mode *path* has.

    A new file gets the mode the umask gives (the temporary file itself is
    private, 0600). Temporaries ending in :data:`TEMP_SUFFIX` (the default)
    are an edit's, which :func:`recover` removes when no journal lists them.
    """
    import tempfile

    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (where the system lets a folder be synced)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a folder
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(handle)


def _roll_forward(root: Path, journal: Path) -> list[str]:
    import json

    data = json.loads(journal.read_bytes())
    done = []
    folders = {root}
    for temporary_name, target_name in data["renames"]:
        temporary, target = root / temporary_name, root / target_name
        if temporary.exists():
            temporary.replace(target)
            done.append(target_name)
        folders.add(target.parent)
    for folder in folders:
        _sync_folder(folder)
    journal.unlink()
    _sync_folder(root)
    return done


def recover(root: Path) -> tuple[str, ...]:
    """Complete a journal and remove stray temporaries; see :func:`policypos.edit.recover`."""
    if not (root / JOURNAL).exists() and not _temporaries(root):
        return ()
    with locked(root):
        return _recover(root)


def _recover(root: Path) -> tuple[str, ...]:
    said: list[str] = []
    journal = root / JOURNAL
    if journal.exists():
        try:
            done = _roll_forward(root, journal)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EditError(f"{journal}: cannot complete an interrupted edit: {exc}") from exc
        wrote = ", ".join(done) or "nothing left to write"
        said.append(f"completed an interrupted edit ({journal.name}): {wrote}")
    for leftover in _temporaries(root):
        leftover.unlink(missing_ok=True)
        said.append(f"removed {_relative(leftover, root)}, left by an interrupted edit")
    return tuple(said)


def _temporaries(root: Path) -> list[Path]:
    """The temporary files of edits: anywhere in the repository, and in each document's folders.

    Anywhere, since an edit writes through a link to the file it points to,
    which may be in a folder of the repository no loader reads (``_shared/``);
    the walk does not follow links (a link may loop) nor enter dot folders
    (``.git``), so a document folder that is a link is listed on its own.
    """
    try:
        folders = dict.fromkeys([root, *_document_subfolders(root)])
    except OSError:  # not a folder, or not ours to list: the reader reports that itself
        return []
    for top, names, _ in os.walk(root):
        names[:] = sorted(n for n in names if not n.startswith("."))
        folders.update(dict.fromkeys(Path(top) / n for n in names))
    found: dict[Path, None] = {}
    for folder in folders:
        with contextlib.suppress(OSError):
            found.update(dict.fromkeys(sorted(folder.glob(f".*{TEMP_SUFFIX}"))))
    return list(found)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the repository folder: one writer (or recovery) at a time.

    The lock is ``flock`` on the folder itself, so no lock file is left in the
    repository, and the system releases it when a process dies. Where there is
    no ``flock`` (Windows), edits are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = os.open(root, os.O_RDONLY)
    except OSError:  # not a folder (yet): nothing to serialise on
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _document_subfolders(root: Path) -> list[Path]:
    found = []
    for document in root.iterdir():
        if document.name.startswith((".", "_")) or not document.is_dir():
            continue
        found.append(document)
        found.extend(p for p in document.iterdir() if p.is_dir() and not p.name.startswith("."))
    return found
