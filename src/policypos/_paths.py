"""Paths named by the user or found in the repository's folders, followed with care.

Two hazards. A file named for its text (a template, a reference document, an
outline) may be a folder, a pipe or a device that reads without end, or a
file of gigabytes: :func:`read_user_file` reads only a regular file, up to a
limit. And a symbolic link may never end: loops.

A link to itself (``a -> a``), a ring of links (``a -> b -> a``) or a link to
a folder that holds it (``positions/up -> ..``) sends anything that follows
it round in a circle. The system refuses the first two (``ELOOP``); Python
3.11's ``Path.resolve`` turns that refusal into a ``RuntimeError``. The third
opens without complaint and repeats the folders below it without end. Every
place that takes a path from the user or from the repository's folders asks
:func:`link_loop` first, so that each says the same thing of the link.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from policypos.errors import PolicyPosError, RenderError


def link_loop(path: Path, *, to_holder: bool = True) -> str | None:
    """What to say of *path* if it is a link that loops, else ``None`` (not a link, or no loop).

    The text names the loop and reads after ``PATH: error: ``. *to_holder*
    says whether a link to a folder that holds it counts: it does for a
    folder that is walked, not for a file or folder that is only written to
    through the link, where nothing goes down the folders below.
    """
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself in a loop"
        return None  # a link to nothing, or not ours to follow: not a loop
    if not to_holder:
        return None
    target = Path(os.path.realpath(path))
    holder = Path(os.path.realpath(path.parent))
    if holder.is_relative_to(target):
        return f"a link to {target}, a folder that holds the link, so it loops"
    return None


def resolved(path: Path) -> Path:
    """*path* with every link resolved, as far as they go; never raises, even for a loop.

    ``Path.resolve`` raises ``RuntimeError`` for a loop on Python 3.11 and
    3.12; ``os.path.realpath`` stops at the loop and returns the path so far.
    """
    return Path(os.path.realpath(path))


def read_user_file(
    path: Path,
    what: str,
    limit: int,
    shown: str | None = None,
    *,
    kind: type[PolicyPosError] = RenderError,
) -> bytes:
    """The bytes of a file a user named (a template, a reference document, an outline).

    A folder, a pipe or a device (``/dev/zero`` reads without end) is refused
    before it is opened for reading, and so is a file over *limit* bytes; what
    is read stops at *limit*, should the file grow meanwhile.

    Raises:
        PolicyPosError: of class *kind*, one line, ``path: error: ...``
            (*shown*, default *path*).
    """
    import stat

    def refused(message: str) -> PolicyPosError:
        error = kind(f"{shown}: error: {message}")
        error.located = True
        return error

    shown = str(path) if shown is None else shown
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refused(f"a folder, not a {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise refused(f"not a regular file, so not a {what}")
        if info.st_size > limit:
            size = f"{info.st_size:,} bytes, more than {limit:,}"
            raise refused(f"the {what} has {size} (the {what} size limit)")
        # O_NONBLOCK: should the file be swapped for a pipe since stat, opening does not hang.
        nonblocking = getattr(os, "O_NONBLOCK", 0)

        def opener(name: str, flags: int) -> int:
            return os.open(name, flags | nonblocking)

        with open(path, "rb", opener=opener) as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise refused(f"not a regular file, so not a {what}")
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise refused(f"no such {what}") from None
    except OSError as exc:
        raise refused(f"cannot read the {what}: {exc.strerror}") from None
    if len(data) > limit:  # it grew since stat
        raise refused(f"the {what} has more than {limit:,} bytes (the {what} size limit)")
    return data
