"""policypos: a board's policy positions as versioned data.

Open a repository, walk its documents, versions and meetings, and check it::

    import policypos

    repo = policypos.open_repository("positions")
    doc = repo.document("going-straight")
    for comment in doc.cited_by(doc.newest()):
        print(comment.ref, comment.disposition)

Compare two versions::

    changes = policypos.diff(doc.version("2005"), doc.version("2024"), doc)
    print(changes.summary()["sections"])          # {'added': 1, ..., 'renamed': 1, ...}
    json_ready = changes.to_dict()                # FORMAT.md section 6

This package only re-exports; each name lives in the module that says what it is.
"""

from policypos.answers import Answer, answers
from policypos.changeset import (
    Change,
    ChangeSet,
    CommentTrace,
    FieldChange,
    SectionChange,
    StatementChange,
)
from policypos.diff import diff
from policypos.errors import (
    GitError,
    LoadError,
    Location,
    NotFoundError,
    PolicyPosError,
    Problem,
    ReferenceSyntaxError,
    Severity,
)
from policypos.history import HistoryStep, history
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
from policypos.redline import Op, Piece, redline, similarity
from policypos.refs import VersionRef
from policypos.validate import check, validate

__all__ = [
    "Answer",
    "Change",
    "ChangeSet",
    "Comment",
    "CommentKind",
    "CommentTrace",
    "Disposition",
    "Document",
    "FieldChange",
    "GitError",
    "HistoryStep",
    "LoadError",
    "Location",
    "Meeting",
    "NotFoundError",
    "Op",
    "Origin",
    "Piece",
    "PolicyPosError",
    "Problem",
    "Reading",
    "ReferenceSyntaxError",
    "Repository",
    "Section",
    "SectionChange",
    "Severity",
    "Statement",
    "StatementChange",
    "StatementKind",
    "Status",
    "Version",
    "VersionRef",
    "answers",
    "check",
    "diff",
    "history",
    "load_meeting",
    "load_version",
    "open_repository",
    "read_repository",
    "redline",
    "similarity",
    "validate",
]
