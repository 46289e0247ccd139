"""The coding pages: strict CSP, forms that keep what was typed, the no-script coding path."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helhet.qualitative import codebook, coding, qdpx, services
from helhet.qualitative.models import Code, Memo, Segment, Source
from tests.plans.conftest import assert_safe_page, web_client

from .conftest import construct_code

TEXT = "Vi møttes på kontoret. Tillit tar tid. Vi møttes igjen i mai."


@pytest.fixture
def source(project, researcher):
    site = services.site_create(actor=researcher, project_id=project.pk, name="Norge")
    return services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="interview",
        title="Intervju",
        text=TEXT,
        site_id=site.pk,
    )


@pytest.fixture
def client(researcher):
    return web_client(researcher)


def test_every_page_is_csp_clean(client, project, researcher, source):
    trust = construct_code(project, "trust")
    segment = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="Tillit tar tid"
    )
    services.memo_create(actor=researcher, project_id=project.pk, segment_id=segment.pk, text="M")
    pages = [
        reverse("web:qualitative_project_list"),
        reverse("web:qualitative_project_detail", args=[project.pk]),
        reverse("web:qualitative_project_edit", args=[project.pk]),
        reverse("web:qualitative_source_add", args=[project.pk]),
        reverse("web:qualitative_minutes_import", args=[project.pk]),
        reverse("web:qualitative_source_detail", args=[source.pk]),
        reverse("web:qualitative_codebook", args=[project.pk]),
        reverse("web:qualitative_code_segments", args=[trust.pk]),
        reverse("web:qualitative_cooccurrence", args=[project.pk]) + "?mode=overlap&level=top",
    ]
    for url in pages:
        assert_safe_page(client.get(url))


def test_source_page_marks_coded_passages_with_their_codes(client, project, researcher, source):
    trust = construct_code(project, "trust")
    culture = construct_code(project, "culture")
    coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="Tillit tar tid."
    )
    coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[culture.pk], quote="tar tid. Vi"
    )
    html = assert_safe_page(client.get(reverse("web:qualitative_source_detail", args=[source.pk])))
    start = TEXT.index("Tillit")
    assert f'<mark data-start="{start}" title="{trust.name}">Tillit </mark>' in html
    assert f'title="{trust.name}; {culture.name}" class="qual-overlap">tar tid.</mark>' in html
    assert f"[1: {trust.name}]" in html and f"[2: {culture.name}]" in html
    assert 'src="/static/qualitative/coding.js"' in html
    assert f'data-length="{len(TEXT)}"' in html


def test_coding_by_offsets_as_the_script_sends_them(client, project, source):
    trust = construct_code(project, "trust")
    start = TEXT.index("Tillit")
    response = client.post(
        reverse("web:qualitative_segment_add", args=[source.pk]),
        {"start": start, "end": start + 6, "quote": "Tillit", "codes": [trust.pk]},
    )
    assert response.status_code == 302
    assert Segment.objects.get().text == "Tillit"


def test_coding_without_script_by_quote_and_occurrence(client, project, source):
    trust = construct_code(project, "trust")
    url = reverse("web:qualitative_segment_add", args=[source.pk])
    response = client.post(url, {"quote": "Vi møttes", "codes": [trust.pk]})
    html = assert_safe_page(response, 400)
    assert "Choose which occurrence" in html
    assert 'name="occurrence"' in html and "\nVi møttes</textarea>" in html
    second = TEXT.rindex("Vi møttes")
    assert f'value="{second}"' in html
    response = client.post(url, {"quote": "Vi møttes", "occurrence": second, "codes": [trust.pk]})
    assert response.status_code == 302
    assert Segment.objects.get().start == second
    html = assert_safe_page(client.post(url, {"quote": "finnes ikke", "codes": [trust.pk]}), 400)
    assert "was not found" in html and "\nfinnes ikke</textarea>" in html


def test_uncode_and_add_code_from_the_page(client, project, researcher, source):
    trust, gov = construct_code(project, "trust"), construct_code(project, "governance")
    segment = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="Tillit"
    )
    client.post(
        reverse("web:qualitative_segment_code_add", args=[source.pk]),
        {"segment": segment.pk, "code": gov.pk},
    )
    assert set(segment.codes.values_list("pk", flat=True)) == {trust.pk, gov.pk}
    client.post(
        reverse("web:qualitative_segment_uncode", args=[source.pk]),
        {"segment": segment.pk, "code": trust.pk},
    )
    assert list(segment.codes.values_list("pk", flat=True)) == [gov.pk]


def test_add_source_by_text_and_by_file(client, project):
    url = reverse("web:qualitative_source_add", args=[project.pk])
    response = client.post(
        url, {"kind": "observation", "title": "Notater", "text": "Møtet startet sent."}
    )
    assert response.status_code == 302
    upload = SimpleUploadedFile("intervju.md", "# Intervju\n\nÆrlig talt.".encode())
    response = client.post(url, {"kind": "interview", "title": "Fil", "file": upload})
    assert response.status_code == 302
    assert Source.objects.get(title="Fil").text == "# Intervju\n\nÆrlig talt."
    docx = SimpleUploadedFile("intervju.docx", b"PK\x03\x04binary")
    html = assert_safe_page(
        client.post(url, {"kind": "interview", "title": "Word", "file": docx}), 400
    )
    assert "Only plain text files (.txt) and Markdown files (.md)" in html
    assert 'value="Word"' in html  # what was typed is kept
    latin1 = SimpleUploadedFile("gammel.txt", "Blåbær".encode("latin-1"))
    assert client.post(url, {"kind": "interview", "title": "L", "file": latin1}).status_code == 400
    assert not Source.objects.filter(title__in=["Word", "L"]).exists()
    empty = client.post(url, {"kind": "interview", "title": "Tom", "text": "  "})
    assert empty.status_code == 400


def test_code_book_forms(client, project, researcher, source):
    trust = construct_code(project, "trust")
    url = reverse("web:qualitative_code_add", args=[project.pk])
    assert client.post(url, {"name": "Kjennskap", "parent": trust.pk}).status_code == 302
    sub = Code.objects.get(name="Kjennskap")
    html = assert_safe_page(client.post(url, {"name": "kjennskap", "parent": trust.pk}), 400)
    assert "already a code with that name" in html
    coding.segment_create(actor=researcher, source_id=source.pk, code_ids=[sub.pk], quote="Tillit")
    delete = reverse("web:qualitative_code_delete", args=[project.pk])
    html = assert_safe_page(client.post(delete, {"code": sub.pk}), 400)
    assert "Tick the box" in html and Code.objects.filter(pk=sub.pk).exists()
    assert client.post(delete, {"code": sub.pk, "confirm": "on"}).status_code == 302
    assert not Code.objects.filter(pk=sub.pk).exists()
    other = codebook.code_create(
        actor=researcher, project_id=project.pk, name="X", parent_id=trust.pk
    )
    move = reverse("web:qualitative_code_move", args=[project.pk])
    html = assert_safe_page(client.post(move, {"code": other.pk, "parent": other.pk}), 400)
    assert "cannot be moved under itself" in html
    edit = reverse("web:qualitative_code_edit", args=[project.pk])
    assert (
        client.post(edit, {"code": trust.pk, "name": "Tillit", "color": "#112233"}).status_code
        == 302
    )
    trust.refresh_from_db()
    assert (trust.name, trust.color) == ("Tillit", "#112233")


def test_memos_from_the_pages(client, project, source):
    url = reverse("web:qualitative_memo_add", args=[project.pk])
    back = reverse("web:qualitative_source_detail", args=[source.pk])
    response = client.post(url, {"text": "Om kilden", "source": source.pk, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert Memo.objects.get().source_id == source.pk
    html = assert_safe_page(client.post(url, {"text": ""}), 400)
    assert "This field is required" in html
    evil = client.post(url, {"text": "x", "next": "//evil.example/"})
    assert evil["Location"] == reverse("web:qualitative_project_detail", args=[project.pk])


def test_downloads(client, project, researcher, source):
    coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "trust").pk],
        quote="Tillit",
    )
    response = client.get(reverse("web:qualitative_export", args=[project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert qdpx.problems(response.content) == []
    assert "project.qde" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    csv = client.get(reverse("web:qualitative_cooccurrence_csv", args=[project.pk]) + "?level=top")
    assert csv.status_code == 200 and csv.content.decode().count("\n") == 6
