"""policypos: a board's policy positions as versioned data.

Open a repository, walk its documents, versions and meetings, and check it::

    import policypos

    repo = policypos.open_repository("positions")
    doc = repo.document("going-straight")
    for comment in doc.cited_by(doc.newest()):
        print(comment.ref, comment.disposition)

This package only re-exports; each name lives in the module that says what it is.
"""

from policypos.errors import (
    LoadError,
    Location,
    NotFoundError,
    PolicyPosError,
    Problem,
    ReferenceSyntaxError,
    Severity,
)
from policypos.load import Reading, load_meeting, load_version, open_repository, read_repository
from policypos.model import (
    Comment,
    CommentKind,
    Disposition,
    Document,
    Meeting,
    Origin,
    Repository,
    Section,
    Statement,
    StatementKind,
    Status,
    Version,
)
from policypos.refs import VersionRef
from policypos.validate import check, validate

__all__ = [
    "Comment",
    "CommentKind",
    "Disposition",
    "Document",
    "LoadError",
    "Location",
    "Meeting",
    "NotFoundError",
    "Origin",
    "PolicyPosError",
    "Problem",
    "Reading",
    "ReferenceSyntaxError",
    "Repository",
    "Section",
    "Severity",
    "Statement",
    "StatementKind",
    "Status",
    "Version",
    "VersionRef",
    "check",
    "load_meeting",
    "load_version",
    "open_repository",
    "read_repository",
    "validate",
]
