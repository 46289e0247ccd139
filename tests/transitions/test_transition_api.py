"""The transitions API: list, plans, settings; error bodies with message and code."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from helhet.tenancy.models import Role
from helhet.transitions.ages import birthday_at
from tests.transitions.conftest import born_turning


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def person(youth, today):
    return youth(born_turning(18, today + timedelta(days=60)), orgs=("cws", "nav"))


def test_list_plan_and_change_over_the_api(api, person, orgs, today):
    c = api("cws")
    rows = c.get("/api/transitions").json()
    assert [r["person"]["id"] for r in rows] == [person.pk]
    assert rows[0]["plan"] is None and rows[0]["flagged"] is False
    turns_18_on = birthday_at(person.birth_date, 18)
    assert rows[0]["days_left"] == (turns_18_on - today).days and rows[0]["age"] == 17

    created = post(
        c, "/api/transitions/plans", {"person_id": person.pk, "taking_over_id": orgs["navk"].pk}
    )
    assert created.status_code == 201, created.content
    plan = created.json()
    assert plan["taking_over"]["name"] == orgs["navk"].name
    assert plan["aftercare_until"] == birthday_at(person.birth_date, 25).isoformat()

    changed = patch(c, f"/api/transitions/plans/{plan['id']}", {"notes": "Møte avtalt"})
    assert changed.status_code == 200 and changed.json()["notes"] == "Møte avtalt"
    assert changed.json()["taking_over"]["id"] == orgs["navk"].pk  # left as it was
    cleared = patch(c, f"/api/transitions/plans/{plan['id']}", {"taking_over_id": None})
    assert cleared.json()["taking_over"] is None

    (row,) = c.get("/api/transitions").json()
    assert row["plan"]["id"] == plan["id"]
    assert c.get(f"/api/transitions/plans/{plan['id']}").json()["notes"] == "Møte avtalt"


def test_on_moves_the_reference_day(api, person, today):
    c = api("cws")
    later = (birthday_at(person.birth_date, 18) + timedelta(days=1)).isoformat()
    (row,) = c.get(f"/api/transitions?on={later}").json()
    assert row["flagged"] is True and row["days_left"] == -1 and row["age"] == 18
    far = c.get("/api/transitions?on=0001-01-01")
    assert far.status_code == 400 and far.json()["code"] == "date_out_of_range"


def test_nav_without_consent_gets_an_empty_list_and_404s(api, person):
    c = api("nav")
    assert c.get("/api/transitions").json() == []
    response = post(c, "/api/transitions/plans", {"person_id": person.pk})
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "child_welfare_case_not_found" and body["message"]


def test_validation_errors_have_a_message_and_a_code(api, person, orgs):
    c = api("cws")
    too_long = birthday_at(person.birth_date, 26).isoformat()
    response = post(
        c, "/api/transitions/plans", {"person_id": person.pk, "aftercare_until": too_long}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "aftercare_beyond_age"
    assert birthday_at(person.birth_date, 25).isoformat() in body["message"]
    assert body["details"]["field"] == "aftercare_until"

    unknown = post(c, "/api/transitions/plans", {"person_id": person.pk, "taking_over_id": 99999})
    assert unknown.status_code == 400 and unknown.json()["code"] == "taking_over_unknown"

    assert post(c, "/api/transitions/plans", {"person_id": person.pk}).status_code == 201
    again = post(c, "/api/transitions/plans", {"person_id": person.pk})
    assert again.status_code == 409 and again.json()["code"] == "transition_plan_exists"

    bad_id = post(c, "/api/transitions/plans", {"person_id": 0})
    assert bad_id.status_code == 422


def test_the_taking_over_organisation_reads_but_cannot_patch(api, person, orgs):
    cws = api("cws")
    plan = post(
        cws,
        "/api/transitions/plans",
        {"person_id": person.pk, "taking_over_id": orgs["navk"].pk},
    ).json()
    navk = api("navk")
    (row,) = navk.get("/api/transitions").json()
    assert row["taking_over_only"] is True and row["plan"]["id"] == plan["id"]
    assert navk.get(f"/api/transitions/plans/{plan['id']}").status_code == 200
    refused = patch(navk, f"/api/transitions/plans/{plan['id']}", {"notes": "x"})
    assert refused.status_code == 403 and refused.json()["code"] == "transition_plan_read_only"

    school = api("school")
    hidden = school.get(f"/api/transitions/plans/{plan['id']}")
    missing = school.get("/api/transitions/plans/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert hidden.json()["code"] == "transition_plan_not_found"


def test_settings_are_read_by_all_and_changed_by_managers(api):
    caseworker = api("cws")
    assert caseworker.get("/api/transitions/settings").json()["horizon_months"] == 6
    refused = put(
        caseworker, "/api/transitions/settings", {"horizon_months": 3, "aftercare_until_age": 23}
    )
    assert refused.status_code == 403 and refused.json()["code"] == "transition_settings_denied"

    manager = api("navk", Role.MANAGER)
    ok = put(manager, "/api/transitions/settings", {"horizon_months": 3, "aftercare_until_age": 23})
    assert ok.status_code == 200
    assert ok.json() == {
        "municipality_id": manager.actor.municipality_id,
        "horizon_months": 3,
        "aftercare_until_age": 23,
    }
    assert caseworker.get("/api/transitions/settings").json()["aftercare_until_age"] == 23
    bad = put(
        manager, "/api/transitions/settings", {"horizon_months": 0, "aftercare_until_age": 30}
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "transition_settings_invalid"
    assert set(bad.json()["details"]) == {"horizon_months", "aftercare_until_age"}


def test_administrator_gets_403_on_the_list(api):
    response = api("cws", Role.ADMINISTRATOR).get("/api/transitions")
    assert response.status_code == 403
    assert response.json()["code"] == "role_has_no_personal_data_access"


def test_openapi_lists_the_transition_operations(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get"} <= set(paths["/api/transitions"])
    assert {"post"} <= set(paths["/api/transitions/plans"])
    assert {"get", "patch"} <= set(paths["/api/transitions/plans/{plan_id}"])
    assert {"get", "put"} <= set(paths["/api/transitions/settings"])


def test_a_year_10000_date_is_a_422_not_a_500(api, person):
    c = api("cws")
    assert c.get("/api/transitions?on=10000-01-01").status_code == 422
    far = post(c, "/api/transitions/plans", {"person_id": person.pk, "starts_on": str(date.max)})
    assert far.status_code == 400
