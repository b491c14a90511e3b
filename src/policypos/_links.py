"""Symbolic links that cannot be followed to an end: loops.

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
