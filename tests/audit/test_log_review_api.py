"""Log review over the API: the privacy officer's queue page by page and findings recorded once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from helhet.audit.models import (
    AccessEvent,
    ReviewOutcome,
    ReviewRule,
)
from helhet.people.errors import PersonNotFound
from helhet.people.selectors import person_get_for
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role
from helhet.tenancy.services import (
    api_token_create,
)
from tests.audit.review_support import (
    WORKDAY,
    clock,
    flags,
    more_flags,
    oslo,
    scan,
    web_client,
)


def _api(actor: Actor) -> Client:
    _token, key = api_token_create(actor=actor, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")


def test_api_lists_the_flags_page_by_page(off_hours_flag, officer):
    more_flags(60, off_hours_flag.access_event)
    c = _api(officer)
    body = c.get("/api/review-flags").json()
    assert body["count"] == 61 and len(body["items"]) == 50
    second = c.get("/api/review-flags", {"page": 2}).json()
    assert len(second["items"]) == 11
    only = c.get("/api/review-flags", {"rule": "off_hours"}).json()
    assert only["count"] == 1
    item = only["items"][0]
    assert item["id"] == off_hours_flag.pk and item["rule"] == "off_hours"
    assert item["event"]["username"] == "kveldsleser"
    assert item["event"]["organisation_name"] == "NAV Testvik (stat)"
    assert item["event"]["through"] == "GET web:person_detail"
    assert item["outcome"] is None
    assert "person_id" not in item["event"] and "target_ref" not in item["event"]
    assert c.get("/api/review-flags", {"outcome": "sometimes"}).status_code == 400


def test_api_records_the_outcome_once(off_hours_flag, officer):
    c = _api(officer)
    url = f"/api/review-flags/{off_hours_flag.pk}/outcome"
    empty = c.post(url, {"verdict": "justified", "note": " "}, content_type="application/json")
    assert empty.status_code == 400 and empty.json()["code"] == "review_outcome_invalid"
    ok = c.post(
        url, {"verdict": "justified", "note": "Beredskap."}, content_type="application/json"
    )
    assert ok.status_code == 201
    assert ok.json()["verdict"] == "justified" and ok.json()["decided_by"] == "personvernombud"
    again = c.post(url, {"verdict": "not_justified", "note": "x"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "review_already_decided"
    listed = c.get("/api/review-flags", {"outcome": "justified"}).json()
    assert listed["items"][0]["outcome"]["verdict"] == "justified"


def test_api_is_refused_to_other_roles_and_municipalities(
    off_hours_flag, make_actor, other_municipality
):
    url = f"/api/review-flags/{off_hours_flag.pk}/outcome"
    payload = {"verdict": "justified", "note": "x"}
    for actor in (make_actor("nav", Role.MANAGER), make_actor("navk", Role.ADMINISTRATOR)):
        c = _api(actor)
        assert c.get("/api/review-flags").status_code == 403
        assert c.post(url, payload, content_type="application/json").status_code == 403
    elsewhere = _api(other_municipality["officer"])
    assert elsewhere.get("/api/review-flags").json()["count"] == 0
    assert elsewhere.post(url, payload, content_type="application/json").status_code == 404
    assert not ReviewOutcome.objects.exists()


def test_a_read_refused_unseen_reveals_what_was_asked_for_and_reads_no_one(
    rules, settings, make_actor, officer
):
    rules(ReviewRule.MANY_PERSONS)
    settings.REVIEW_MANY_PERSONS = 2
    prober = make_actor("school")
    with clock(oslo(WORKDAY, 11)):
        for guess in (900001, 900002):
            with pytest.raises(PersonNotFound):
                person_get_for(actor=prober, person_id=guess, channel="api", through="GET /api")
    scan()
    (flag,) = flags()
    before = AccessEvent.objects.count()
    page = web_client(officer).post(reverse("web:review_flag_person", args=[flag.pk]))
    assert page.status_code == 200
    assert "it asked for “900002”" in page.content.decode()
    assert AccessEvent.objects.count() == before
