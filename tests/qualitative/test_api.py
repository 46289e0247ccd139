"""The qualitative API end to end, with its error bodies."""

from __future__ import annotations

import io
import zipfile

from helhet.qualitative import qdpx
from tests.plans.conftest import api_client

J = "application/json"


def test_project_to_export_over_the_api(researcher):
    client = api_client(researcher)
    project = client.post("/api/qualitative/projects", {"title": "API-prosjekt"}, content_type=J)
    assert project.status_code == 201
    pid = project.json()["id"]
    codes = client.get(f"/api/qualitative/projects/{pid}/codes").json()
    assert sorted(c["grid_construct"] for c in codes) == [
        "culture",
        "governance",
        "leadership",
        "resources",
        "trust",
    ]
    trust = next(c for c in codes if c["grid_construct"] == "trust")
    sub = client.post(
        f"/api/qualitative/projects/{pid}/codes",
        {"name": "Kjennskap", "parent_id": trust["id"]},
        content_type=J,
    ).json()
    assert (sub["grid_construct"], sub["depth"]) == ("trust", 1)
    site = client.post(
        f"/api/qualitative/projects/{pid}/sites", {"name": "Norge"}, content_type=J
    ).json()
    source = client.post(
        f"/api/qualitative/projects/{pid}/sources",
        {
            "kind": "interview",
            "title": "I",
            "text": "Tillit tar tid. Tillit.",
            "site_id": site["id"],
        },
        content_type=J,
    )
    assert source.status_code == 201
    sid = source.json()["id"]
    ambiguous = client.post(
        f"/api/qualitative/sources/{sid}/segments",
        {"code_ids": [sub["id"]], "quote": "Tillit"},
        content_type=J,
    )
    assert ambiguous.status_code == 400
    body = ambiguous.json()
    assert body["code"] == "coding_quote_ambiguous"
    assert [o["start"] for o in body["details"]["occurrences"]] == [0, 16]
    segment = client.post(
        f"/api/qualitative/sources/{sid}/segments",
        {"code_ids": [sub["id"]], "start": 0, "end": 15},
        content_type=J,
    )
    assert segment.status_code == 201 and segment.json()["text"] == "Tillit tar tid."
    seg_id = segment.json()["id"]
    detail = client.get(f"/api/qualitative/sources/{sid}").json()
    assert detail["segments"][0]["codes"] == [{"id": sub["id"], "name": "Kjennskap"}]
    found = client.get(f"/api/qualitative/codes/{trust['id']}/segments?site_id={site['id']}")
    assert found.json()["total"] == 1 and found.json()["segments"][0]["site_name"] == "Norge"
    memo = client.post(
        f"/api/qualitative/projects/{pid}/memos",
        {"text": "Notat", "segment_id": seg_id},
        content_type=J,
    )
    assert memo.status_code == 201
    table = client.get(f"/api/qualitative/projects/{pid}/cooccurrence?level=top").json()
    assert len(table["codes"]) == 5
    csv = client.get(f"/api/qualitative/projects/{pid}/cooccurrence.csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    export = client.get(f"/api/qualitative/projects/{pid}/export.qdpx")
    assert export.status_code == 200 and qdpx.problems(export.content) == []
    assert "project.qde" in zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    unconfirmed = client.delete(f"/api/qualitative/codes/{sub['id']}")
    assert unconfirmed.status_code == 400
    assert unconfirmed.json()["details"] == {"codings": 1, "sub_codes": 0}
    deleted = client.delete(f"/api/qualitative/codes/{sub['id']}?confirm=true")
    assert deleted.json() == {"codings": 1, "sub_codes": 0, "segments_deleted": 0}  # memo holds it
    assert client.delete(f"/api/qualitative/codes/{trust['id']}?confirm=true").status_code == 400


def test_minutes_kind_only_through_the_minutes_path(researcher, project):
    client = api_client(researcher)
    response = client.post(
        f"/api/qualitative/projects/{project.pk}/sources",
        {"kind": "minutes", "title": "Referat", "text": "Kari Nordmann sa"},
        content_type=J,
    )
    assert response.status_code == 422
    missing = client.post(
        f"/api/qualitative/projects/{project.pk}/minutes", {"meeting_id": 12345}, content_type=J
    )
    assert missing.status_code == 404 and missing.json()["code"] == "coding_meeting_not_found"
