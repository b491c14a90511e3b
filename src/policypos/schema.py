"""JSON Schemas (2020-12) for the files of a positions repository, for editors.

The YAML language server (VS Code and others) validates and completes a file
as people type when the file names its schema in a modeline::

    # yaml-language-server: $schema=../../version.schema.json

:func:`schema` builds the schema of each kind of file from the same names the
loader checks (keys, statuses, kinds, dispositions, the id pattern), so the
two cannot drift apart. A schema cannot say everything the validator does:
ids unique within a version, references that resolve, and the consistency
rules across files remain ``policypos validate``'s alone.
"""

from __future__ import annotations

from typing import Any

from policypos.errors import quoted
from policypos.load import REPORT_TEXTS
from policypos.model import (
    ID_PATTERN,
    STANDARD_PARTS,
    CommentKind,
    Disposition,
    StatementKind,
    Status,
)

KINDS = ("document", "version", "meeting", "report")
"""The kinds of file there is a schema for."""

_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_REF = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}/{ID_PATTERN.pattern}$"}


def _record(required: dict[str, Any], optional: dict[str, Any], description: str) -> dict[str, Any]:
    """A mapping with exactly these keys: unknown keys are errors, as the loader has them."""
    return {
        "type": "object",
        "description": description,
        "properties": required | optional,
        "required": list(required),
        "additionalProperties": False,
    }


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _enum(kind: type[Any]) -> dict[str, Any]:
    return {"enum": [member.value for member in kind]}


def _statement() -> dict[str, Any]:
    return _record(
        {"id": _ID, "text": _TEXT},
        {
            "kind": _enum(StatementKind),
            "tags": _list(_ID),
            "addresses": _list(_REF),
            "note": _TEXT,
        },
        "A numbered paragraph of the statement; its id stays while it is the same statement.",
    )


def _section() -> dict[str, Any]:
    return _record(
        {"id": _ID, "title": _TEXT},
        {"intro": _TEXT, "addresses": _list(_REF), "statements": _list(_statement())},
        "A titled group of statements.",
    )


def _removal() -> dict[str, Any]:
    return _record(
        {"id": _ID, "addresses": _list(_REF)},
        {},
        "A section or statement of the version revised, left out; the comments that answers.",
    )


def _comment() -> dict[str, Any]:
    return _record(
        {"id": _ID, "kind": _enum(CommentKind), "text": _TEXT},
        {
            "by": _TEXT,
            "on": _list(_ID),
            "disposition": _enum(Disposition),
            "response": _TEXT,
            "referred_to": _TEXT,
            "history": _list(_entry()),
        },
        "A member's comment or question, or a committee's recommendation.",
    )


def _entry() -> dict[str, Any]:
    return _record(
        {"date": _DATE, "disposition": _enum(Disposition)},
        {
            "response": _TEXT,
            "referred_to": _TEXT,
            "meeting": _ID,
            "version": _ID,
            "note": _TEXT,
        },
        "The disposition the comment took on a day; oldest first, the last the current one.",
    )


def _heading() -> dict[str, Any]:
    return _record({"heading": _TEXT, "text": _TEXT}, {}, "A titled paragraph.")


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file, as a JSON-ready dict.

    Args:
        kind: ``document``, ``version``, ``meeting`` or ``report`` (:data:`KINDS`).

    Raises:
        ValueError: an unknown kind.
    """
    if kind == "document":
        body = _record(
            {"id": _ID, "title": _TEXT, "organisation": _TEXT, "owner": _TEXT},
            {"summary": _TEXT},
            "document.yaml: what the document is.",
        )
    elif kind == "version":
        body = _record(
            {"version": _ID, "date": _DATE, "status": _enum(Status), "sections": _list(_section())},
            {
                "based_on": _ID,
                "meeting": _ID,
                "title": _TEXT,
                "preamble": _TEXT,
                "removed": _list(_removal()),
            },
            "versions/<id>.yaml: one version of a policy document.",
        )
    elif kind == "meeting":
        header = _record(
            {"id": _ID, "body": _TEXT, "date": _DATE}, {"item": _TEXT}, "The meeting itself."
        )
        body = _record(
            {"meeting": header},
            {"reviews": _ID, "comments": _list(_comment())},
            "meetings/<id>.yaml: a meeting that discussed the document, and its comments.",
        )
    elif kind == "report":
        contact = _record(
            {"role": _TEXT, "name": _TEXT},
            {"position": _TEXT, "email": _TEXT, "phone": _TEXT},
            "Someone the paper names for questions.",
        )
        body = _record(
            {},
            dict.fromkeys(REPORT_TEXTS, _TEXT)
            | {
                "key_decision": {"type": "boolean"},
                "contacts": _list(contact),
                "reasons": {
                    "type": "object",
                    "propertyNames": _ID,
                    "additionalProperties": _TEXT,
                },
                "implications": _list(_heading()),
                "priorities": _list(_heading()),
                "sources": _list(_heading()),
                "date": _DATE,
                "leave_out": {"type": "array", "items": {"enum": list(STANDARD_PARTS)}},
            },
            "reports/<id>.yaml: what officers write by hand for a paper.",
        )
    else:
        raise ValueError(f"no schema {quoted(kind)} (known: {', '.join(KINDS)})")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://policypos.invalid/schema/{kind}.schema.json",
        "title": f"policypos {kind} file, format version 1",
    } | body
