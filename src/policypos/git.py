"""Reading a file as in a git revision (``DOC@VERSION~REV``) or as staged (``diff --staged``).

FORMAT.md section 5. The revision comes from the command line, so it is
never trusted: it may not look like an option, git is told where options
end, and it is resolved to a commit id before any file is read, so the only
thing git ever sees beside our own arguments is text it was told to read as
a revision.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from policypos.errors import GitError, NotInGitError, ReferenceSyntaxError, quoted


def check_revision(revision: str) -> str:
    """Return *revision* if it is safe to hand to git as the name of one commit.

    Raises:
        ReferenceSyntaxError: it is empty, starts with ``-`` (git would read
            an option), holds white space or control characters, or is written
            in git's syntax for something other than one commit: a range
            (``main..HEAD``, ``A...B``, ``HEAD^!``, ``HEAD^@``, ``HEAD^-``) or a
            path or message search (``HEAD:file``, ``:/text``, ``:0:file``).
    """
    if (
        not revision
        or revision.startswith("-")
        or any(c.isspace() or ord(c) < 32 for c in revision)
    ):
        raise ReferenceSyntaxError(f"{quoted(revision)} is not a git revision: {_ONE_COMMIT}")
    # git would take these and answer "no such commit", or read a file or a
    # commit message search the user did not mean: say what they are instead.
    if ".." in revision or any(mark in revision for mark in ("^!", "^@", "^-")):
        raise ReferenceSyntaxError(
            f"{quoted(revision)} is a range of git commits, but a version is read from one "
            f"commit: {_ONE_COMMIT}"
        )
    if ":" in revision:
        raise ReferenceSyntaxError(
            f"{quoted(revision)} is not a git revision: ':' names a file in a commit, or a "
            f"search of commit messages, not a commit: {_ONE_COMMIT}"
        )
    return revision


_ONE_COMMIT = (
    "give one commit, branch or tag, or an expression such as HEAD~1, "
    "without spaces, ':' or '..', and not starting with '-'"
)


def read_at(root: Path, revision: str | None, path: Path) -> bytes:
    """Return the contents of *path* (inside *root*) as it was in git *revision*.

    Args:
        root: a folder inside a git work tree; git runs there.
        revision: a revision name, as checked by :func:`check_revision`, or
            ``None`` for git's index: the file as staged, which is what
            ``git commit`` records (a pre-commit hook's view).
        path: the file, relative to *root*.

    Raises:
        ReferenceSyntaxError: *revision* is not safe to pass to git.
        NotInGitError: the file did not exist in the revision, or is not staged.
        GitError: git is missing, *root* is not in a git work tree, or the
            revision does not name a commit.
    """
    # "./" makes git read the path from root rather than from the top of the work tree.
    relative = f"./{path.as_posix()}"
    if revision is None:
        _top(root)  # outside a work tree, say so rather than "not staged"
        # ":path" is stage 0 of the index: what the next commit holds.
        code, out, err = _git(root, "cat-file", "blob", f":{relative}")
        if code != 0:
            raise NotInGitError(
                f"{root / path} has unresolved merge conflicts in git's index"
                if "not at stage 0" in err
                else f"{root / path} is not in git's index (not staged): 'git add' it first"
            )
        return out
    name = f"{check_revision(revision)}^{{commit}}"
    code, out, err = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", name)
    if code != 0:
        # With --quiet git says nothing about a revision it cannot find, but it
        # still explains anything else (no repository, unsafe ownership).
        raise GitError(err or f"no commit {quoted(revision)} in the git repository at {_top(root)}")
    commit = out.decode("ascii").strip()
    code, out, err = _git(root, "cat-file", "blob", f"{commit}:{relative}")
    if code != 0:
        raise NotInGitError(f"{root / path} did not exist in git revision {quoted(revision)}")
    return out


def _top(root: Path) -> str:
    """The top folder of the git work tree holding *root*: the repository a user knows by name.

    Raises:
        GitError: *root* is not in a git work tree (git's own words).
    """
    code, out, err = _git(root, "rev-parse", "--show-toplevel")
    if code != 0:
        raise GitError(err or f"{root} is not in a git work tree")
    return out.decode(errors="replace").strip()


def _git(root: Path, *args: str) -> tuple[int, bytes, str]:
    """Run git in *root*: its exit code, its output, and the last line it wrote to stderr."""
    executable = shutil.which("git")
    if executable is None:
        raise GitError("reading a version from a git revision needs git, which is not installed")
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [executable, "-C", str(root), *args], capture_output=True, env=environment, check=False
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from exc
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return done.returncode, done.stdout, f"git: {lines[-1]}" if lines else ""
