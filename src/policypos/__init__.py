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
The names load lazily (PEP 562): ``import policypos`` imports none of those
modules, so that the command line starts as fast as a bare click program; the
first use of a name imports its module.
"""

import importlib as _importlib
import sys as _sys
import types as _types
import typing as _typing

if _typing.TYPE_CHECKING:
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
        PublishError,
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
    from policypos.publish import Published, PublishStep, publish
    from policypos.redline import Op, Piece, redline, similarity
    from policypos.refs import VersionRef
    from policypos.significance import Finding, Significance, findings
    from policypos.validate import check, validate

_MODULE_OF = {
    "Answer": "policypos.answers",
    "Change": "policypos.changeset",
    "ChangeSet": "policypos.changeset",
    "Comment": "policypos.model",
    "CommentKind": "policypos.model",
    "CommentTrace": "policypos.changeset",
    "Disposition": "policypos.model",
    "Document": "policypos.model",
    "FieldChange": "policypos.changeset",
    "Finding": "policypos.significance",
    "GitError": "policypos.errors",
    "HistoryStep": "policypos.history",
    "LoadError": "policypos.errors",
    "Location": "policypos.errors",
    "Meeting": "policypos.model",
    "NotFoundError": "policypos.errors",
    "Op": "policypos.redline",
    "Origin": "policypos.model",
    "Piece": "policypos.redline",
    "PolicyPosError": "policypos.errors",
    "Problem": "policypos.errors",
    "PublishError": "policypos.errors",
    "PublishStep": "policypos.publish",
    "Published": "policypos.publish",
    "Reading": "policypos.load",
    "ReferenceSyntaxError": "policypos.errors",
    "Repository": "policypos.model",
    "Section": "policypos.model",
    "SectionChange": "policypos.changeset",
    "Severity": "policypos.errors",
    "Significance": "policypos.significance",
    "Statement": "policypos.model",
    "StatementChange": "policypos.changeset",
    "StatementKind": "policypos.model",
    "Status": "policypos.model",
    "Version": "policypos.model",
    "VersionRef": "policypos.refs",
    "answers": "policypos.answers",
    "check": "policypos.validate",
    "diff": "policypos.diff",
    "findings": "policypos.significance",
    "history": "policypos.history",
    "load_meeting": "policypos.load",
    "load_version": "policypos.load",
    "open_repository": "policypos.load",
    "publish": "policypos.publish",
    "read_repository": "policypos.load",
    "redline": "policypos.redline",
    "similarity": "policypos.redline",
    "validate": "policypos.validate",
}

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
    "Finding",
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
    "PublishError",
    "PublishStep",
    "Published",
    "Reading",
    "ReferenceSyntaxError",
    "Repository",
    "Section",
    "SectionChange",
    "Severity",
    "Significance",
    "Statement",
    "StatementChange",
    "StatementKind",
    "Status",
    "Version",
    "VersionRef",
    "answers",
    "check",
    "diff",
    "findings",
    "history",
    "load_meeting",
    "load_version",
    "open_repository",
    "publish",
    "read_repository",
    "redline",
    "similarity",
    "validate",
]


# Hidden from type checkers, which see the imports above instead: a visible
# module __getattr__ would make every misspelt name type-check as Any.
if not _typing.TYPE_CHECKING:

    def __getattr__(name: str) -> _typing.Any:
        """Import the module that defines *name* on first use, and keep the name here."""
        try:
            module = _MODULE_OF[name]
        except KeyError:
            raise AttributeError(f"module 'policypos' has no attribute {name!r}") from None
        value = getattr(_importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        """The public names, loaded or not, with the module's own attributes."""
        return sorted({*globals(), *__all__})


class _Package(_types.ModuleType):
    """The package, whose functions keep their names over the modules that define them.

    ``diff``, ``history``, ``answers`` and ``validate`` are functions here and
    modules below. Importing a submodule binds its name on the package; eager
    re-exports used to bind the function again afterwards, and this keeps
    that so: the submodule stays in ``sys.modules``, the name stays the function's.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, _types.ModuleType) and name in _MODULE_OF:
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
