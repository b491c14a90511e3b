"""References to versions as users write them: ``DOC`` or ``DOC@VERSION`` (FORMAT.md section 5)."""

from __future__ import annotations

import attrs

from policypos.errors import ReferenceSyntaxError
from policypos.model import Document, Repository, Version, is_id


@attrs.frozen
class VersionRef:
    """A parsed reference: a document, and one of its versions or ``None`` for its newest."""

    document: str
    version: str | None = None

    @classmethod
    def parse(cls, text: str) -> VersionRef:
        """Parse ``DOC`` or ``DOC@VERSION``.

        Raises:
            ReferenceSyntaxError: a part is missing or is not a well-formed id.
        """
        document, at, version = text.partition("@")
        if not is_id(document) or (at and not is_id(version)):
            raise ReferenceSyntaxError(
                f"{text!r} is not a version reference: write DOC or DOC@VERSION, "
                "with ids made of letters, digits, '.', '_' and '-'"
            )
        return cls(document, version if at else None)

    def resolve(self, repository: Repository) -> tuple[Document, Version]:
        """Return the document and the version this reference names in *repository*.

        Raises:
            NotFoundError: no such document or version, or the document has no versions.
        """
        document = repository.document(self.document)
        if self.version is None:
            return document, document.newest()
        return document, document.version(self.version)

    def __str__(self) -> str:
        return self.document if self.version is None else f"{self.document}@{self.version}"
