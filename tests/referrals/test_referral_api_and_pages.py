from __future__ import annotations

import pytest
from django.test import Client

from helhet.tenancy.services import api_token_create


@pytest.fixture
def api(parties):
    def client_for(key):
        _t, token = api_token_create(actor=parties[key], name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")

    return client_for


def test_full_loop_over_the_api(parties, api, orgs):
    nav, cws = api("nav"), api("cws")
    created = nav.post(
        "/api/referrals",
        {
            "person_id": parties["person"].pk,
            "to_organisation_id": orgs["cws"].pk,
            "reason": "Bolig og arbeid",
            "categories": ["work_activity"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    rid = created.json()["referral"]["id"]
    assert [r["id"] for r in cws.get("/api/referrals/inbox").json()] == [rid]
    assert cws.post(f"/api/referrals/{rid}/accept").status_code == 409  # not acknowledged yet
    assert (
        cws.post(f"/api/referrals/{rid}/acknowledge").json()["referral"]["status"] == "acknowledged"
    )
    declined = cws.post(
        f"/api/referrals/{rid}/decline", {"reason": ""}, content_type="application/json"
    )
    assert declined.status_code == 400 and declined.json()["code"] == "reason_required"
    assert cws.post(f"/api/referrals/{rid}/accept").json()["referral"]["status"] == "accepted"
    done = cws.post(
        f"/api/referrals/{rid}/complete",
        {"outcome": "Bolig skaffet"},
        content_type="application/json",
    )
    body = done.json()
    assert body["referral"]["status"] == "completed"
    assert [e["to_status"] for e in body["events"]] == [
        "sent",
        "acknowledged",
        "accepted",
        "completed",
    ]
    assert api("school").get(f"/api/referrals/{rid}").status_code == 404


def test_consent_error_names_the_category(parties, api, orgs):
    response = api("nav").post(
        "/api/referrals",
        {
            "person_id": parties["person"].pk,
            "to_organisation_id": orgs["cws"].pk,
            "reason": "x",
            "categories": ["health"],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "referral_invalid" and body["details"] == {"categories": ["health"]}
    assert "health" in body["message"]


def test_pages(parties, orgs):
    nav = Client(HTTP_ACCEPT_LANGUAGE="en")
    nav.force_login(parties["nav"].user)
    form = nav.get(f"/people/{parties['person'].pk}/refer/")
    assert form.status_code == 200
    sent = nav.post(
        f"/people/{parties['person'].pk}/refer/",
        {
            "to_organisation": orgs["cws"].pk,
            "reason": "Trenger hjelp",
            "categories": ["work_activity"],
        },
    )
    assert sent.status_code == 302
    refused = nav.post(
        f"/people/{parties['person'].pk}/refer/",
        {"to_organisation": orgs["cws"].pk, "reason": "x", "categories": ["health"]},
    )
    assert refused.status_code == 400 and "not consented" in refused.content.decode()
    cws = Client(HTTP_ACCEPT_LANGUAGE="en")
    cws.force_login(parties["cws"].user)
    inbox = cws.get("/referrals/").content.decode()
    assert "Ung Henvist" in inbox
    rid = sent.url.rstrip("/").split("/")[-1]
    cws.post(f"/referrals/{rid}/acknowledge/")
    page = cws.get(f"/referrals/{rid}/")
    assert 'data-status="acknowledged"' in page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    bad = cws.post(f"/referrals/{rid}/complete/", {"outcome": "x"})
    assert bad.status_code == 302
    assert "cannot be completed" in cws.get(f"/referrals/{rid}/").content.decode()
    assert cws.post(f"/referrals/{rid}/dance/").status_code == 404
