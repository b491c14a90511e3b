"""References to versions as users write them: ``DOC``, ``DOC@VERSION``, ``DOC@VERSION~REV``.

FORMAT.md section 5. ``~REV`` reads the version file as it was in a git
revision of the repository; the document it belongs to (its meetings, for
tracing comments) is taken from the repository as it is now.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from policypos.errors import ReferenceSyntaxError, quoted
from policypos.model import Document, Repository, Version, is_id


@attrs.frozen
class VersionRef:
    """A parsed reference: a document, a version of it (``None``: the newest), a git revision."""

    document: str
    version: str | None = None
    revision: str | None = None

    @classmethod
    def parse(cls, text: str) -> VersionRef:
        """Parse ``DOC``, ``DOC@VERSION`` or ``DOC@VERSION~REV``.

        Raises:
            ReferenceSyntaxError: a part is missing or is not a well-formed id,
                or the revision could be mistaken for an option.
        """
        document, at, rest = text.partition("@")
        version, tilde, revision = rest.partition("~")
        name, early, written = document.partition("~")
        if early and is_id(name):
            # A revision needs a version to read (FORMAT.md section 5): say so,
            # rather than list every form a reference may take.
            where = (
                f"it goes after the version, as {name}@{version}~{written}"
                if at and is_id(version)
                else f"name the version, as {name}@VERSION~{written}"
            )
            raise ReferenceSyntaxError(
                f"{quoted(text)} is not a version reference: a git revision (~{written}) reads "
                f"one version's file, so {where}"
            )
        if not is_id(document) or (at and not is_id(version)):
            # A git revision written where the version goes (DOC@HEAD:file)
            # gets told where a revision goes, not only which characters ids take.
            hint = (
                "; a git revision goes after the version, as going-straight@2024~HEAD~1"
                if at and ":" in version
                else ""
            )
            raise ReferenceSyntaxError(
                f"{quoted(text)} is not a version reference: write DOC, DOC@VERSION or "
                "DOC@VERSION~REV, with ids made of letters, digits, '.', '_' and '-'" + hint
            )
        if not tilde:
            return cls(document, version if at else None)
        # git (and the subprocess module) is loaded only for references that need it.
        from policypos.git import check_revision

        try:
            return cls(document, version, check_revision(revision))
        except ReferenceSyntaxError as exc:
            # Name the argument as typed: a diff takes two, and either may be the bad one.
            raise ReferenceSyntaxError(f"{quoted(text)}: {exc}") from None

    def resolve(self, repository: Repository, *, staged: bool = False) -> tuple[Document, Version]:
        """Return the document and the version this reference names in *repository*.

        With a revision, the version is read from git; the document is the
        one the repository holds now. With *staged*, a reference without a
        revision is read from git's index (what the next commit records, as
        ``git diff --staged`` reads it); ``DOC`` alone is then the newest
        version in the work tree, as staged.

        Raises:
            NotFoundError: no such document or version, or the document has no versions.
            NotInGitError: the version's file was not in the revision, or is not staged.
            GitError: the revision or the file in it could not be read.
            LoadError: the file read from git does not fit the format.
        """
        document = repository.document(self.document)
        if self.revision is not None:
            if self.version is None:
                raise ReferenceSyntaxError(f"{self}: name the version, as DOC@VERSION~REV")
            return document, _read_from_git(
                repository.root, self.document, self.version, self.revision
            )
        if staged:
            # The version's file need not be in the work tree (staged, then
            # deleted): only an id to read is needed, unless DOC names the newest.
            version = self.version if self.version is not None else document.newest().id
            return document, _read_from_git(repository.root, self.document, version, None)
        if self.version is None:
            return document, document.newest()
        return document, document.version(self.version)

    def __str__(self) -> str:
        text = self.document if self.version is None else f"{self.document}@{self.version}"
        return text if self.revision is None else f"{text}~{self.revision}"


def _read_from_git(root: Path, document: str, version: str, revision: str | None) -> Version:
    """The version's file as it was in git *revision*, or as staged in git's index (``None``)."""
    from policypos.git import read_at
    from policypos.load import load_version

    path = Path(document, "versions", f"{version}.yaml")
    data = read_at(root, revision, path)
    # Problems are reported at REV:path, or at :path for the staged copy (git's
    # own name for a file in the index, as in `git show :path`).
    return load_version(data, f"{revision or ''}:{root / path}", stem=version)
