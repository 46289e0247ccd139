"""The error-code catalogue as others read it: in the OpenAPI document and in docs/api.md."""

from __future__ import annotations

from typing import Any

from helhet.core.errors import error_catalogue

START = "<!-- error-codes:start (written by `helhet error-codes --write docs/api.md`) -->"
END = "<!-- error-codes:end -->"


class MarkersMissing(ValueError):
    pass


def add_error_catalogue(schema: Any) -> None:
    """Add the ``ErrorCode`` enum, the ``Error`` body and ``x-error-codes`` to an OpenAPI
    document."""
    catalogue = error_catalogue()
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorCode"] = {
        "type": "string",
        "title": "ErrorCode",
        "description": "The stable code of an error answer; its meaning is in x-error-codes "
        "(and in docs/api.md).",
        "enum": [entry.code for entry in catalogue],
    }
    schemas["Error"] = {
        "type": "object",
        "title": "Error",
        "description": "The body of every 4xx and 5xx answer.",
        "properties": {
            "message": {"type": "string"},
            "code": {"$ref": "#/components/schemas/ErrorCode"},
            "details": {"type": "object"},
        },
        "required": ["message", "code", "details"],
    }
    schema["x-error-codes"] = [
        {"code": entry.code, "status": entry.status, "meaning": entry.meaning}
        for entry in catalogue
    ]


def catalogue_markdown() -> str:
    rows = ["| code | status | meaning | defined in |", "|---|---|---|---|"]
    for entry in error_catalogue():
        meaning = entry.meaning.replace("|", "\\|")
        rows.append(f"| `{entry.code}` | {entry.status} | {meaning} | `{entry.defined_in}` |")
    return "\n".join(rows) + "\n"


def with_catalogue(document: str) -> str:
    """``document`` with the table between the markers replaced by the current catalogue."""
    if START not in document or END not in document:
        raise MarkersMissing(f"The document has no {START} … {END} markers to write between.")
    head, rest = document.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{catalogue_markdown()}{END}{tail}"
