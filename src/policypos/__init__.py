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

Compose an edit, look at it, write it (every untouched byte of the files stays)::

    edit = policypos.new_version("positions", "going-straight", "2024", "2025")
    print(edit.diff())                            # what --dry-run prints
    policypos.apply_edit(edit)

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
        Counted,
        FieldChange,
        SectionChange,
        StatementChange,
    )
    from policypos.diff import backwards, diff
    from policypos.edit import (
        Decided,
        Edit,
        FileChange,
        add_comment,
        apply_edit,
        cite,
        endorse,
        format_files,
        new_document,
        new_version,
        propose,
        recover,
        restore,
        set_comment,
        unformatted_staged,
        withdraw,
    )
    from policypos.errors import (
        BackwardsError,
        ConflictError,
        EditError,
        GitError,
        InvalidEditError,
        LoadError,
        Location,
        NotFoundError,
        NotInGitError,
        PolicyPosError,
        Problem,
        PublishError,
        ReferenceSyntaxError,
        Severity,
        UnintendedChangeError,
    )
    from policypos.history import Histories, HistoryStep, history
    from policypos.load import Reading, load_meeting, load_version, open_repository, read_repository
    from policypos.model import (
        Comment,
        CommentKind,
        Contact,
        Disposition,
        DispositionEntry,
        Document,
        Heading,
        Meeting,
        Origin,
        Removal,
        Report,
        Repository,
        Section,
        Statement,
        StatementKind,
        Status,
        Version,
    )
    from policypos.publish import Published, PublishStep, publish
    from policypos.redline import Op, Piece, part_source, redline, similarity
    from policypos.refs import VersionRef
    from policypos.significance import Finding, Significance, findings
    from policypos.validate import check, validate

if _typing.TYPE_CHECKING:
    __version__: str
    """The installed version (PEP 396's name), read from the package's metadata on first use."""

_MODULE_OF = {
    "Report": "policypos.model",
    "Heading": "policypos.model",
    "Contact": "policypos.model",
    "Answer": "policypos.answers",
    "BackwardsError": "policypos.errors",
    "Change": "policypos.changeset",
    "ChangeSet": "policypos.changeset",
    "Comment": "policypos.model",
    "CommentKind": "policypos.model",
    "CommentTrace": "policypos.changeset",
    "ConflictError": "policypos.errors",
    "Counted": "policypos.changeset",
    "Decided": "policypos.edit",
    "Disposition": "policypos.model",
    "DispositionEntry": "policypos.model",
    "Document": "policypos.model",
    "Edit": "policypos.edit",
    "EditError": "policypos.errors",
    "FieldChange": "policypos.changeset",
    "Finding": "policypos.significance",
    "FileChange": "policypos.edit",
    "GitError": "policypos.errors",
    "Histories": "policypos.history",
    "HistoryStep": "policypos.history",
    "InvalidEditError": "policypos.errors",
    "LoadError": "policypos.errors",
    "Location": "policypos.errors",
    "Meeting": "policypos.model",
    "NotFoundError": "policypos.errors",
    "NotInGitError": "policypos.errors",
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
    "Removal": "policypos.model",
    "Repository": "policypos.model",
    "Section": "policypos.model",
    "SectionChange": "policypos.changeset",
    "Severity": "policypos.errors",
    "Significance": "policypos.significance",
    "Statement": "policypos.model",
    "StatementChange": "policypos.changeset",
    "StatementKind": "policypos.model",
    "Status": "policypos.model",
    "UnintendedChangeError": "policypos.errors",
    "Version": "policypos.model",
    "VersionRef": "policypos.refs",
    "add_comment": "policypos.edit",
    "answers": "policypos.answers",
    "apply_edit": "policypos.edit",
    "backwards": "policypos.diff",
    "check": "policypos.validate",
    "cite": "policypos.edit",
    "diff": "policypos.diff",
    "findings": "policypos.significance",
    "endorse": "policypos.edit",
    "format_files": "policypos.edit",
    "history": "policypos.history",
    "load_meeting": "policypos.load",
    "load_version": "policypos.load",
    "new_document": "policypos.edit",
    "new_version": "policypos.edit",
    "open_repository": "policypos.load",
    "part_source": "policypos.redline",
    "propose": "policypos.edit",
    "publish": "policypos.publish",
    "read_repository": "policypos.load",
    "recover": "policypos.edit",
    "redline": "policypos.redline",
    "restore": "policypos.edit",
    "set_comment": "policypos.edit",
    "similarity": "policypos.redline",
    "unformatted_staged": "policypos.edit",
    "validate": "policypos.validate",
    "withdraw": "policypos.edit",
}

__all__ = [
    "Answer",
    "BackwardsError",
    "Change",
    "ChangeSet",
    "Comment",
    "CommentKind",
    "CommentTrace",
    "ConflictError",
    "Contact",
    "Counted",
    "Decided",
    "Disposition",
    "DispositionEntry",
    "Document",
    "Edit",
    "EditError",
    "FieldChange",
    "FileChange",
    "Finding",
    "GitError",
    "Heading",
    "Histories",
    "HistoryStep",
    "InvalidEditError",
    "LoadError",
    "Location",
    "Meeting",
    "NotFoundError",
    "NotInGitError",
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
    "Removal",
    "Report",
    "Repository",
    "Section",
    "SectionChange",
    "Severity",
    "Significance",
    "Statement",
    "StatementChange",
    "StatementKind",
    "Status",
    "UnintendedChangeError",
    "Version",
    "VersionRef",
    "add_comment",
    "answers",
    "apply_edit",
    "backwards",
    "check",
    "cite",
    "diff",
    "endorse",
    "findings",
    "format_files",
    "history",
    "load_meeting",
    "load_version",
    "new_document",
    "new_version",
    "open_repository",
    "part_source",
    "propose",
    "publish",
    "read_repository",
    "recover",
    "redline",
    "restore",
    "set_comment",
    "similarity",
    "unformatted_staged",
    "validate",
    "withdraw",
]


# Hidden from type checkers, which see the imports above instead: a visible
# module __getattr__ would make every misspelt name type-check as Any.
if not _typing.TYPE_CHECKING:

    def __getattr__(name: str) -> _typing.Any:
        """Import the module that defines *name* on first use, and keep the name here."""
        if name == "__version__":  # as installed: read only when asked
            from importlib.metadata import version

            globals()[name] = version("policypos")
            return globals()[name]
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
