"""Reading a file as in a git revision (``DOC@VERSION~REV``) or as staged (``--staged``).

FORMAT.md section 5. The revision comes from the command line, so it is
never trusted: it may not look like an option, git is told where options
end, and it is resolved to a commit id before any file is read, so the only
thing git ever sees beside our own arguments is text it was told to read as
a revision.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs

from policypos.errors import GitError, NotInGitError, Problem, ReferenceSyntaxError, quoted


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
        NotInGitError: the file did not exist in the revision (every file,
            where the revision is ``HEAD`` and the repository has no commits
            yet), or is not staged.
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
        if is_unborn(root, revision):
            # As `git diff --cached` does before the first commit: HEAD is the
            # empty tree, so every file is new since it, not "no such commit".
            raise NotInGitError(
                f"{root / path} did not exist in git revision {quoted(revision)}: "
                "the git repository has no commits yet"
            )
        # With --quiet git says nothing about a revision it cannot find, but it
        # still explains anything else (no repository, unsafe ownership).
        raise GitError(err or f"no commit {quoted(revision)} in the git repository at {_top(root)}")
    commit = out.decode("ascii").strip()
    code, out, err = _git(root, "cat-file", "blob", f"{commit}:{relative}")
    if code != 0:
        raise NotInGitError(f"{root / path} did not exist in git revision {quoted(revision)}")
    return out


@attrs.frozen
class StagedCopy:
    """The files git's index holds under *root*, written out under *copy* (:func:`staged_copy`).

    Commands read the copy as they read the work tree; what they find there
    is told of by git's name for the staged file, ``:root/path`` (as
    ``git show :path`` and ``diff --staged`` name it), never the copy's.
    """

    root: Path
    copy: Path
    unmerged: tuple[Path, ...]
    """Files (relative to *root*) with unresolved merge conflicts: not in the copy."""

    def name(self, path: Path) -> Path:
        """``:root/path`` for *path*, a file of the copy or a path relative to *root*."""
        relative = path.relative_to(self.copy) if path.is_relative_to(self.copy) else path
        return Path(f":{self.root / relative}")

    def told(self, text: str) -> str:
        """*text* (a message) with the copy's folder named as the staged repository's."""
        return text.replace(str(self.copy), f":{self.root}")

    def problem(self, problem: Problem) -> Problem:
        """*problem*, found in the copy, at the staged file it is a copy of."""
        location = problem.location
        if location is not None and location.path.is_relative_to(self.copy):
            location = attrs.evolve(location, path=self.name(location.path))
        # A message may name another file of the copy (a link's target, a folder).
        return attrs.evolve(problem, message=self.told(problem.message), location=location)


@contextlib.contextmanager
def staged_copy(root: Path) -> Iterator[StagedCopy]:
    """The repository at *root* as git's index holds it, in a temporary folder while in use.

    A copy on disk, rather than a second loader that reads from git: every
    rule the loader and the formatter apply to files (links, encodings,
    stray names) holds for the staged copy as it does for the work tree.

    Raises:
        NotInGitError: the index holds no file under *root*: nothing was staged.
        GitError: git is missing, or *root* is not in a git work tree (git's own words).
    """
    with tempfile.TemporaryDirectory(prefix="policypos-staged-") as folder:
        copy = Path(folder).resolve()  # as the loader names its files, were /tmp a link
        yield StagedCopy(root, copy, copy_index(root, copy))


def copy_index(root: Path, into: Path) -> tuple[Path, ...]:
    """Write every file git's index holds under *root* into the empty folder *into*.

    The copy is what the next commit records under *root*, whatever the work
    tree holds: a file staged and then edited is copied as staged, a file
    never added is not copied, and one deleted from the work tree but still
    staged is. Links are made again as links (git stores a link's target as
    its contents); submodules are left out, as they hold no file of ours.

    Returns:
        The files, relative to *root*, whose merge conflicts are not resolved
        in the index: git holds no one copy of them to write.

    Raises:
        NotInGitError: the index holds no file under *root*: nothing was staged.
        GitError: git is missing, or *root* is not in a git work tree (git's own words).
    """
    _top(root)  # outside a work tree, say so in git's words
    # "." keeps to root's own files; git lists them relative to root, where it runs.
    code, out, err = _git(root, "ls-files", "--stage", "-z", "--", ".")
    if code != 0:
        raise GitError(err or f"cannot list git's index at {root}")
    staged: list[tuple[str, str, Path]] = []
    unmerged: set[Path] = set()
    for entry in out.split(b"\0"):
        if not entry:
            continue
        about, _, name = entry.partition(b"\t")
        mode, blob, stage = about.decode("ascii").split()
        path = Path(os.fsdecode(name))
        if path.is_absolute() or ".." in path.parts:
            continue  # git never stages such a path; a hand-made index is not let out of *into*
        if stage != "0":
            unmerged.add(path)
        elif mode != _SUBMODULE:
            staged.append((mode, blob, path))
    if not staged and not unmerged:
        # Checking nothing would pass, as if what is on disk were fine.
        raise NotInGitError(
            f"no file in {root} is in git's index (not staged): 'git add' them first"
        )
    contents = _blobs([blob for _, blob, _ in staged], root)
    for (mode, _, path), data in zip(staged, contents, strict=True):
        _write(into / path, data, link=mode == _LINK)
    return tuple(sorted(unmerged))


_LINK = "120000"
_SUBMODULE = "160000"


def _blobs(blobs: list[str], root: Path) -> list[bytes]:
    """The contents of each of *blobs* (object ids), in order, from one ``git cat-file``."""
    if not blobs:
        return []
    code, out, err = _git(root, "cat-file", "--batch", stdin="\n".join(blobs).encode() + b"\n")
    if code != 0:
        raise GitError(err or f"cannot read git's objects at {root}")
    contents = []
    at = 0
    for _ in blobs:
        # Each object comes as "<id> <type> <size>\n", its bytes, then "\n".
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        contents.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return contents


def _write(path: Path, data: bytes, *, link: bool) -> None:
    """Write one staged file (or link) at *path*, making the folders it lies in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if link:
        path.symlink_to(os.fsdecode(data))
    else:
        path.write_bytes(data)


def is_unborn(root: Path, revision: str) -> bool:
    """Whether *revision* is ``HEAD`` (or ``@``) in a git repository that has no commits yet.

    There HEAD names a branch git has not made yet: the repository's first
    commit will make it. Any other revision that names nothing is a mistake.
    """
    if revision not in ("HEAD", "@"):
        return False
    code, _, _ = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    if code == 0:
        return False
    # A branch to point at, but no commit on it: not a detached or broken HEAD.
    code, _, _ = _git(root, "symbolic-ref", "--quiet", "HEAD")
    return code == 0


def _top(root: Path) -> str:
    """The top folder of the git work tree holding *root*: the repository a user knows by name.

    Raises:
        GitError: *root* is not in a git work tree (git's own words).
    """
    code, out, err = _git(root, "rev-parse", "--show-toplevel")
    if code != 0:
        raise GitError(err or f"{root} is not in a git work tree")
    return out.decode(errors="replace").strip()


def _git(root: Path, *args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """Run git in *root* (given *stdin*): its exit code, output, and last line on stderr."""
    executable = shutil.which("git")
    if executable is None:
        raise GitError("reading a version from a git revision needs git, which is not installed")
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [executable, "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            env=environment,
            check=False,
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from exc
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return done.returncode, done.stdout, f"git: {lines[-1]}" if lines else ""
