"""The REST API: authentication, error bodies, the access policy over HTTP, never a 500."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from django.test import Client

from helhet.audit.models import AccessEvent
from helhet.people import national_id as nid
from helhet.people.models import InformationEntry
from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create, api_token_revoke


@pytest.fixture
def api(make_actor):
    """A client authenticated with a bearer token for a new actor in the given organisation."""

    def make(org_key="nav", role=Role.CASEWORKER):
        actor = make_actor(org_key, role)
        _token, key = api_token_create(actor=actor, name="test")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
        client.actor = actor
        return client

    return make


def test_openapi_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "Helhet API"
    assert "/api/persons/{person_id}" in spec["paths"]


def test_unauthenticated_gets_401_with_message(client, db):
    response = client.get("/api/persons")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated" and "Bearer" in body["message"]


def test_revoked_token_is_refused(make_actor):
    actor = make_actor("nav")
    token, key = api_token_create(actor=actor, name="x")
    c = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert c.get("/api/me").status_code == 200
    api_token_revoke(actor=actor, token_id=token.pk)
    assert c.get("/api/me").status_code == 401


def test_me_shows_the_acting_membership(api):
    c = api("cws", Role.MANAGER)
    body = c.get("/api/me").json()
    assert body["acting_as"]["role"] == "manager"
    assert body["acting_as"]["organisation"]["kind"] == "child_welfare"


def test_404_for_unknown_and_uninvolved_are_identical(api, make_person, involve):
    c = api("nav")
    hidden = make_person()
    involve("cws", hidden)
    a = c.get(f"/api/persons/{hidden.pk}")
    b = c.get("/api/persons/987654")
    assert a.status_code == b.status_code == 404
    assert (
        a.json()
        == b.json()
        == {"message": "Person not found.", "code": "person_not_found", "details": {}}
    )


def test_403_names_the_missing_consent_without_data(api, make_person, involve, orgs):
    c = api("nav")
    person = make_person()
    involve("nav", person)
    involve("health", person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs["health"],
        category="health",
        title="Diagnose",
        text="Hemmelig",
    )
    response = c.get(f"/api/persons/{person.pk}/information/health", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "consent_missing"
    assert body["message"] == "No consent for health information"
    assert body["details"] == {"category": "health"}
    assert "Hemmelig" not in response.content.decode()
    detail = c.get(f"/api/persons/{person.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {"category": "health", "reason": "No consent for health information"} in detail["hidden"]
    assert detail["entries"] == []


def test_consent_lifecycle_over_the_api(api, make_person, involve, orgs, make_actor):
    c = api("navk")
    witness = api("navk")
    person = make_person()
    involve("navk", person)
    involve("health", person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs["health"],
        category="health",
        title="Helse",
        text="…",
    )
    payload = {
        "given_by_id": person.pk,
        "organisation_ids": [orgs["navk"].pk],
        "categories": ["health"],
        "purpose": "Familieplan",
        "method": "oral",
        "witness_id": witness.actor.user.pk,
    }
    created = c.post(f"/api/persons/{person.pk}/consents", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    consent_id = created.json()["id"]
    assert created.json()["in_effect_from"] is None  # not until the witness confirms
    assert c.get(f"/api/persons/{person.pk}/information/health").status_code == 403
    confirmed = witness.post(f"/api/consents/{consent_id}/witness/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["in_effect_from"]
    assert c.get(f"/api/persons/{person.pk}/information/health").status_code == 200
    withdrawn = c.post(
        f"/api/consents/{consent_id}/withdraw", {"reason": "Nei"}, content_type="application/json"
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert c.get(f"/api/persons/{person.pk}/information/health").status_code == 403
    again = c.post(f"/api/consents/{consent_id}/withdraw", {}, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "consent_already_withdrawn"
    history = c.get(f"/api/persons/{person.pk}/consents").json()
    assert [h["id"] for h in history] == [consent_id]


def test_invalid_consent_gets_field_errors(api, make_person, involve):
    c = api("navk")
    person = make_person()
    involve("navk", person)
    payload = {
        "given_by_id": person.pk,
        "organisation_ids": [],
        "categories": ["astrology"],
        "purpose": " ",
        "valid_from": "2026-05-01",
        "valid_until": "2026-04-01",
        "method": "telepathy",
    }
    response = c.post(
        f"/api/persons/{person.pk}/consents", payload, content_type="application/json"
    )
    assert response.status_code == 400
    details = response.json()["details"]
    assert set(details) >= {"organisations", "categories", "purpose", "method", "valid_until"}


def test_child_consent_requires_a_guardian(api, make_person, involve, guardian_of, orgs):
    c = api("cws")
    child = make_person("Barn", "Test", birth=date(2015, 6, 1))
    parent = make_person("Mor", "Test", birth=date(1988, 6, 1))
    involve("cws", child)
    guardian_of(child, parent)
    base = {
        "organisation_ids": [orgs["nav"].pk],
        "categories": ["child_welfare"],
        "purpose": "Samarbeid",
        "method": "oral",
        "witness_id": api("cws").actor.user.pk,
    }
    by_child = c.post(
        f"/api/persons/{child.pk}/consents",
        {**base, "given_by_id": child.pk},
        content_type="application/json",
    )
    assert by_child.status_code == 400 and "given_by" in by_child.json()["details"]
    by_parent = c.post(
        f"/api/persons/{child.pk}/consents",
        {**base, "given_by_id": parent.pk},
        content_type="application/json",
    )
    assert by_parent.status_code == 201


def test_register_person_validates_and_never_reveals_existing_ones(
    api, make_person, involve, population_register
):
    c = api("nav")
    bad = c.post(
        "/api/persons",
        {"national_id": "12345678901", "given_name": "A", "family_name": "B"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "national_id_invalid"
    hidden = make_person("Hemmelig", "Person")
    population_register.add_person(hidden)
    involve("cws", hidden)
    wrong_name = c.post(
        "/api/persons",
        {"national_id": hidden.national_id, "given_name": "Annet", "family_name": "Navn"},
        content_type="application/json",
    )
    unknown = c.post(
        "/api/persons",
        {
            "national_id": nid.synthetic_for(date(1977, 3, 3), random.Random(2)),
            "given_name": "Annet",
            "family_name": "Navn",
        },
        content_type="application/json",
    )
    # The same neutral answer whether or not Helhet holds the person, and no stored data.
    assert wrong_name.status_code == unknown.status_code == 400
    assert wrong_name.json() == unknown.json()
    assert wrong_name.json()["code"] == "registration_no_match"
    assert "Hemmelig" not in wrong_name.content.decode()
    assert AccessEvent.objects.filter(person=hidden, outcome="denied").exists()
    response = c.post(
        "/api/persons",
        {"national_id": hidden.national_id, "given_name": "hemmelig", "family_name": "PERSON"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["id"] == hidden.pk
    assert AccessEvent.objects.filter(person=hidden, outcome="granted", reason="registration")
    # Now NAV is involved: it sees the person, but still nothing of child welfare.
    detail = c.get(f"/api/persons/{hidden.pk}").json()
    assert [i["organisation"]["kind"] for i in detail["involvements"]] == ["nav_state"]


def test_new_person_is_created_with_birth_date_from_the_number(api, population_register):
    c = api("school")
    number = nid.synthetic_for(date(2010, 9, 17), random.Random(5))
    population_register.add(number, "Elev", "Ny")
    response = c.post(
        "/api/persons",
        {"national_id": number, "given_name": "Elev", "family_name": "Ny"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["birth_date"] == "2010-09-17"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/persons", "not json"),
        ("post", "/api/persons", json.dumps({"national_id": 5})),
        (
            "post",
            "/api/persons",
            json.dumps({"national_id": "x" * 5000, "given_name": "", "family_name": ""}),
        ),
        ("get", "/api/persons/abc", None),
        ("get", "/api/persons/1/information/astrology", None),
        ("post", "/api/persons/1/consents", json.dumps({"valid_from": "31-31-2026"})),
        ("post", "/api/families", json.dumps({"name": "", "members": []})),
        (
            "post",
            "/api/families",
            json.dumps({"name": "X", "members": [{"person_id": 1, "role": "dog"}]}),
        ),
        ("post", "/api/consents/999/withdraw", json.dumps({})),
        ("post", "/api/involvements/999/end", json.dumps({"ended_on": "2020-01-01"})),
        ("get", "/api/organisations/999999", None),
    ],
)
def test_bad_input_is_a_4xx_with_a_message(api, method, path, body):
    c = api("nav")
    kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
    response = getattr(c, method)(path, **kwargs)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["message"]


def test_session_auth_requires_csrf(make_actor):
    actor = make_actor("nav")
    c = Client(enforce_csrf_checks=True)
    c.force_login(actor.user)
    assert c.get("/api/me").status_code == 200
    response = c.post("/api/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in {401, 403}
    assert "key" not in response.json()


def test_families_list_and_detail(api, make_person, involve, municipality):
    from helhet.people.services import family_create

    c = api("navk")
    parent, child = make_person("Mor", "F"), make_person("Barn", "F", birth=date(2014, 1, 1))
    involve("navk", parent)
    family = family_create(actor=c.actor, name="Familien F", members=[(parent.pk, "parent")])
    listed = c.get("/api/families").json()
    assert [f["name"] for f in listed] == ["Familien F"]
    detail = c.get(f"/api/families/{family.pk}").json()
    assert detail["members"][0]["view"]["person"]["id"] == parent.pk
    refused = c.post(
        "/api/families",
        {"name": "X", "members": [{"person_id": child.pk, "role": "child"}]},
        content_type="application/json",
    )
    assert refused.status_code == 404


def test_every_api_read_is_logged(api, make_person, involve):
    c = api("nav")
    person = make_person()
    involve("nav", person)
    before = AccessEvent.objects.count()
    c.get(f"/api/persons/{person.pk}")
    c.get("/api/persons")
    c.get(f"/api/persons/{person.pk}/consents")
    assert AccessEvent.objects.count() == before + 3
    assert set(AccessEvent.objects.values_list("channel", flat=True)) == {"api"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/organisations?municipality_id=9223372036854775808",
        "/api/families/9223372036854775808",
        "/api/persons/9223372036854775808",
        "/api/persons/-1",
    ],
)
def test_ids_out_of_range_are_invalid_input(api, path):
    response = api("nav").get(path)
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_nul_in_search_is_harmless(api, make_person, involve):
    c = api("nav")
    involve("nav", make_person("Anne", "Nul"))
    response = c.get("/api/persons?q=An%00ne")
    assert response.status_code == 200
    assert [p["given_name"] for p in response.json()] == ["Anne"]
