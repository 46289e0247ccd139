"""The error-code catalogue: one registry, listed in the OpenAPI document and in docs/api.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

import helhet.urls  # noqa: F401 - loads every app's views and API, so every error class is defined
from helhet.core.catalogue import MarkersMissing, catalogue_markdown, with_catalogue
from helhet.core.errors import HelhetError, error_catalogue, register_code

DOCS_API = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _error_classes(root: type[HelhetError] = HelhetError) -> list[type[HelhetError]]:
    found = []
    for cls in root.__subclasses__():
        found.append(cls)
        found.extend(_error_classes(cls))
    return found


def test_every_error_class_is_in_the_catalogue_with_its_status_and_a_meaning():
    catalogue = {entry.code: entry for entry in error_catalogue()}
    classes = _error_classes()
    assert len(classes) > 100
    for cls in classes:
        entry = catalogue[cls.code]
        if "code" in cls.__dict__:
            assert entry.defined_in == f"{cls.__module__}.{cls.__qualname__}"
            assert entry.status == cls.status_code
        assert entry.meaning.strip(), f"{cls.code} has no meaning"


def test_domain_errors_are_defined_in_the_errors_modules():
    outside = [
        f"{entry.defined_in}"
        for entry in error_catalogue()
        if not entry.defined_in.rsplit(".", 1)[0].endswith("errors")
        and not entry.defined_in.startswith("helhet.api.api.")
    ]
    assert outside == []


def test_a_code_defined_twice_is_refused_at_import():
    with pytest.raises(TypeError, match="defined twice"):

        class Again(HelhetError):
            code = "consent_missing"

    with pytest.raises(TypeError, match="defined twice"):
        register_code("plan_conflict", 409, "again", "elsewhere.Again")


def test_the_openapi_document_lists_every_code_with_its_meaning(client):
    schema = client.get("/api/openapi.json").json()
    codes = [entry.code for entry in error_catalogue()]
    assert schema["components"]["schemas"]["ErrorCode"]["enum"] == codes
    listed = {row["code"]: row for row in schema["x-error-codes"]}
    assert sorted(listed) == codes
    assert listed["consent_missing"]["status"] == 403
    assert listed["person_not_found"]["meaning"]
    assert "not_authenticated" in listed and "http_error" in listed


def test_docs_api_md_holds_the_current_catalogue():
    document = DOCS_API.read_text(encoding="utf-8")
    assert with_catalogue(document) == document, (
        "docs/api.md's error-code table is out of date: run `helhet error-codes --write docs/api.md`"
    )
    assert catalogue_markdown() in document


def test_the_command_writes_between_the_markers_and_refuses_a_file_without_them(tmp_path):
    target = tmp_path / "api.md"
    target.write_text(
        "# API\n\n<!-- error-codes:start (written by `helhet error-codes --write docs/api.md`) -->"
        "\nSTALE TABLE\n<!-- error-codes:end -->\n\nafter\n",
        encoding="utf-8",
    )
    call_command("error-codes", write=str(target))
    written = target.read_text(encoding="utf-8")
    assert "STALE TABLE" not in written and "`consent_missing` | 403 |" in written
    assert written.endswith("<!-- error-codes:end -->\n\nafter\n")
    with pytest.raises(MarkersMissing):
        with_catalogue("# no markers")
