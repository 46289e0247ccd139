from __future__ import annotations

import pytest
from django.test import Client

from helhet.tenancy.services import api_token_create


@pytest.fixture
def api(v):  # type: ignore[no-untyped-def]
    def client_for(key):  # type: ignore[no-untyped-def]
        _t, token = api_token_create(actor=v[key], name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")

    return client_for


def test_units_activities_occurrences_and_mix(v, api, orgs):  # type: ignore[no-untyped-def]
    nh, vol = api("nh"), api("vol")
    units = nh.get("/api/volunteering/care-units").json()
    assert units == [
        {
            "id": v["unit"].pk,
            "name": "Solsiden sykehjem",
            "unit_type": "nursing_home",
            "organisation_id": orgs["nh"].pk,
            "organisation": "Testvik sykehjem",
        }
    ]
    created = nh.post(
        "/api/volunteering/activities",
        {
            "care_unit_id": v["unit"].pk,
            "category": "day_centre",
            "title": "Dagsenter",
            "coordinator": "municipality",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["statutory"] is True and body["statutory_override"] is None
    unknown = nh.post(
        "/api/volunteering/activities",
        {"care_unit_id": v["unit"].pk, "category": "bingo", "title": "x", "coordinator": "joint"},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "activity_category_unknown"
    url = f"/api/volunteering/activities/{v['activity'].pk}/occurrences"
    occ = {"date": "2025-02-03", "participants": 14, "volunteers": 3, "hours": "2.5"}
    made = vol.post(url, occ, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["coordinator"] == "joint"
    negative = vol.post(url, {**occ, "hours": "-1"}, content_type="application/json")
    assert negative.status_code == 400
    assert negative.json()["code"] == "occurrence_negative"
    assert negative.json()["details"] == {"fields": ["hours"]}
    assert api("vol2").post(url, occ, content_type="application/json").status_code == 403

    detail = nh.get(f"/api/volunteering/care-units/{v['unit'].pk}").json()
    assert [a["title"] for a in detail["activities"]] == ["Allsang", "Dagsenter"]
    assert detail["activities"][0]["occurrences"][0]["participants"] == 14
    assert detail["coordination_mix"] == [
        {
            "quarter": "2025-Q1",
            "counts": {"municipality": 0, "voluntary": 0, "joint": 1, "other": 0},
            "shares": {"municipality": 0.0, "voluntary": 0.0, "joint": 1.0, "other": 0.0},
            "total": 1,
            "left_out": 0,
        }
    ]
    assert nh.get("/api/volunteering/coordination-mix").json() == detail["coordination_mix"]
    assert nh.get("/api/volunteering/care-units/999999").status_code == 404


def test_volunteers_and_agreements(v, api, orgs):  # type: ignore[no-untyped-def]
    vol = api("vol")
    made = vol.post(
        "/api/volunteering/volunteers",
        {"name": "Berit", "contact": "berit@example.org"},
        content_type="application/json",
    )
    assert made.status_code == 201
    vid = made.json()["id"]
    register = f"/api/volunteering/organisations/{orgs['vol'].pk}/volunteers"
    assert [x["name"] for x in vol.get(register).json()] == ["Berit"]
    assert api("nh").get(register).json() == []  # not serving the unit yet
    assert (
        api("nh")
        .post(
            "/api/volunteering/agreements",
            {
                "care_unit_id": v["unit"].pk,
                "voluntary_organisation_id": orgs["vol"].pk,
                "tasks": "Allsang hver torsdag",
                "requires_police_certificate": True,
                "signed_on": "2024-01-01",
            },
            content_type="application/json",
        )
        .status_code
        == 201
    )
    refused = vol.post(
        f"/api/volunteering/activities/{v['activity'].pk}/volunteers",
        {"volunteer_id": vid},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "police_certificate_missing"
    assert [a["tasks"] for a in vol.get("/api/volunteering/agreements").json()] == [
        "Allsang hver torsdag"
    ]
    assert api("vol2").get("/api/volunteering/agreements").json() == []
    assert api("researcher").get(register).status_code == 403
