"""The update endpoints: care units, activities and a volunteer's declarations.

Each changes only what was sent, refuses bad input with the domain's 400 and saves nothing
then (not even the good fields of the same request), and answers 403/404 as the service does.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    api_token_create,
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from helhet.volunteering import services, volunteers
from helhet.volunteering.models import Activity, CareUnit, Volunteer

JSON = "application/json"


@pytest.fixture
def api(v):  # type: ignore[no-untyped-def]
    def client_for(key):  # type: ignore[no-untyped-def]
        _t, token = api_token_create(actor=v[key], name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")

    return client_for


def _changes(action):  # type: ignore[no-untyped-def]
    return list(
        ChangeEvent.objects.filter(action=action).order_by("pk").values_list("changes", flat=True)
    )


def _far_unit() -> CareUnit:
    """A care unit in another municipality."""
    elsewhere = municipality_create(actor=None, number="9912", name="Fjernvik")
    org = organisation_create(
        actor=None,
        municipality=elsewhere,
        name="Fjernvik sykehjem",
        kind=OrganisationKind.NURSING_HOME,
        sector=Sector.PUBLIC,
    )
    user = staff_create(
        actor=None, username="fjernvik", password="unused-9912-x", first_name="F", last_name="V"
    )
    membership = membership_create(actor=None, user=user, organisation=org, role=Role.MANAGER)
    actor = Actor(
        user=user,
        membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
    )
    return services.care_unit_create(actor=actor, name="Fjernvik", unit_type="nursing_home")


# --- care units -------------------------------------------------------------------------------


def test_care_unit_update(v, api, orgs):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    url = f"/api/volunteering/care-units/{unit.pk}"
    nh = api("nh")
    changed = nh.patch(url, {"name": " Solsiden bo- og omsorgssenter "}, content_type=JSON)
    assert changed.status_code == 200, changed.content
    assert changed.json() == {
        "id": unit.pk,
        "name": "Solsiden bo- og omsorgssenter",
        "unit_type": "nursing_home",  # not sent: unchanged
        "organisation_id": orgs["nh"].pk,
        "organisation": "Testvik sykehjem",
    }
    # null for a field that cannot be empty leaves it as it is.
    retyped = nh.patch(url, {"name": None, "unit_type": "integrated"}, content_type=JSON)
    assert retyped.status_code == 200
    assert (retyped.json()["name"], retyped.json()["unit_type"]) == (
        "Solsiden bo- og omsorgssenter",
        "integrated",
    )
    unit.refresh_from_db()
    assert (unit.name, unit.unit_type) == ("Solsiden bo- og omsorgssenter", "integrated")
    assert _changes("volunteering.care_unit_update") == [
        {"name": "Solsiden bo- og omsorgssenter"},
        {"unit_type": "integrated"},
    ]


def test_care_unit_update_bad_input_saves_nothing(v, api):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    services.care_unit_create(actor=v["nh"], name="Lia", unit_type="other")
    url = f"/api/volunteering/care-units/{unit.pk}"
    nh = api("nh")
    castle = nh.patch(url, {"name": "Slottet", "unit_type": "castle"}, content_type=JSON)
    assert castle.status_code == 400
    assert castle.json() == {
        "message": "Unknown unit type: castle.",
        "code": "volunteering_invalid",
        "details": {"unit_type": "castle"},
    }
    blank = nh.patch(url, {"name": "  "}, content_type=JSON)
    assert blank.status_code == 400 and blank.json()["code"] == "volunteering_invalid"
    assert blank.json()["details"] == {"fields": ["name"]}
    taken = nh.patch(url, {"name": "Lia"}, content_type=JSON)  # the organisation has one
    assert taken.status_code == 400 and taken.json()["code"] == "volunteering_invalid"
    assert "already exists" in taken.json()["message"]
    assert nh.patch(url, {"name": 12}, content_type=JSON).status_code == 422
    unit.refresh_from_db()
    assert (unit.name, unit.unit_type) == ("Solsiden sykehjem", "nursing_home")
    assert _changes("volunteering.care_unit_update") == []
    # PostgreSQL cannot store a NUL character: it is dropped, never a 500.
    nul = nh.patch(url, {"name": "Sol\x00siden"}, content_type=JSON)
    assert nul.status_code == 200 and nul.json()["name"] == "Solsiden"


def test_care_unit_update_refused(v, api):  # type: ignore[no-untyped-def]
    url = f"/api/volunteering/care-units/{v['unit'].pk}"
    for key in ("vol", "hc", "nav", "researcher"):
        refused = api(key).patch(url, {"name": "Ikke vår"}, content_type=JSON)
        assert refused.status_code == 403, key
        assert refused.json()["code"] == "volunteering_not_yours"
    missing = api("nh").patch(
        "/api/volunteering/care-units/999999", {"name": "X"}, content_type=JSON
    )
    assert missing.status_code == 404 and missing.json()["code"] == "care_unit_not_found"
    far = _far_unit()
    elsewhere = api("nh").patch(
        f"/api/volunteering/care-units/{far.pk}", {"name": "X"}, content_type=JSON
    )
    assert elsewhere.status_code == 404
    assert CareUnit.objects.filter(name__in=["Ikke vår", "X"]).count() == 0
    assert _changes("volunteering.care_unit_update") == []


# --- activities -------------------------------------------------------------------------------


def test_activity_update(v, api, orgs):  # type: ignore[no-untyped-def]
    activity = v["activity"]  # cultural_nursing_home, joint, with the volunteer centre
    url = f"/api/volunteering/activities/{activity.pk}"
    nh = api("nh")
    overridden = nh.patch(
        url,
        {
            "title": "Allsang i stua",
            "statutory_override": True,
            "requires_police_certificate": True,
        },
        content_type=JSON,
    )
    assert overridden.status_code == 200, overridden.content
    body = overridden.json()
    assert (body["title"], body["statutory"], body["statutory_override"]) == (
        "Allsang i stua",
        True,
        True,
    )
    assert body["requires_police_certificate"] is True
    assert (body["category"], body["coordinator"]) == ("cultural_nursing_home", "joint")
    assert body["voluntary_organisation_id"] == orgs["vol"].pk and body["occurrences"] == []
    # Not sending the override leaves it; the voluntary organisation in the activity may
    # change it too.
    by_vol = api("vol").patch(url, {"coordinator": "voluntary"}, content_type=JSON)
    assert by_vol.status_code == 200
    assert (by_vol.json()["coordinator"], by_vol.json()["statutory_override"]) == (
        "voluntary",
        True,
    )
    # Sending null goes back to the category's rule (cultural activities are not statutory).
    back = nh.patch(url, {"statutory_override": None}, content_type=JSON)
    assert (back.json()["statutory"], back.json()["statutory_override"]) == (False, None)
    # A new category brings its own rule: day centres are statutory.
    day = nh.patch(url, {"category": "day_centre", "title": None}, content_type=JSON)
    assert (day.json()["category"], day.json()["statutory"]) == ("day_centre", True)
    assert day.json()["title"] == "Allsang i stua"
    activity.refresh_from_db()
    assert (activity.coordinator, activity.statutory_override, activity.category) == (
        "voluntary",
        None,
        "day_centre",
    )
    assert _changes("volunteering.activity_update") == [
        {
            "title": "Allsang i stua",
            "statutory_override": True,
            "requires_police_certificate": True,
        },
        {"coordinator": "voluntary"},
        {"statutory_override": None},
        {"category": "day_centre"},
    ]


@pytest.mark.parametrize(
    ("body", "code", "details"),
    [
        (
            {"title": "Nytt navn", "category": "bingo"},
            "activity_category_unknown",
            {"category": "bingo"},
        ),
        (
            {"title": "Nytt navn", "coordinator": "the mayor"},
            "coordinator_unknown",
            {"coordinator": "the mayor"},
        ),
        (
            {"title": "  ", "statutory_override": True},
            "volunteering_invalid",
            {"fields": ["title"]},
        ),
    ],
)
def test_activity_update_bad_input_saves_nothing(v, api, body, code, details):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    response = api("nh").patch(
        f"/api/volunteering/activities/{activity.pk}", body, content_type=JSON
    )
    assert response.status_code == 400, response.content
    error = response.json()
    assert set(error) == {"message", "code", "details"} and error["code"] == code
    assert {k: error["details"][k] for k in details} == details
    activity.refresh_from_db()
    assert (activity.title, activity.category, activity.coordinator) == (
        "Allsang",
        "cultural_nursing_home",
        "joint",
    )
    assert activity.statutory_override is None
    assert _changes("volunteering.activity_update") == []


def test_activity_update_refused(v, api):  # type: ignore[no-untyped-def]
    url = f"/api/volunteering/activities/{v['activity'].pk}"
    for key in ("vol2", "hc", "nav", "researcher"):
        refused = api(key).patch(url, {"coordinator": "municipality"}, content_type=JSON)
        assert refused.status_code == 403, key
        assert refused.json()["code"] == "volunteering_not_yours"
    missing = api("nh").patch(
        "/api/volunteering/activities/999999", {"title": "X"}, content_type=JSON
    )
    assert missing.status_code == 404 and missing.json()["code"] == "activity_not_found"
    assert Activity.objects.get(pk=v["activity"].pk).coordinator == "joint"
    assert _changes("volunteering.activity_update") == []


def test_activity_update_queries_do_not_grow_with_occurrences(v, api):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    url = f"/api/volunteering/activities/{activity.pk}"
    nh = api("nh")

    def queries(title):  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as ctx:
            assert nh.patch(url, {"title": title}, content_type=JSON).status_code == 200
        return len(ctx.captured_queries)

    few = queries("A")
    for n in range(6):
        services.occurrence_record(
            actor=v["nh"],
            activity_id=activity.pk,
            date=date(2026, 1, 1) + timedelta(days=n),
            participants=3,
            volunteers=1,
            hours=1,
        )
    assert queries("B") == few


# --- a volunteer's declarations ------------------------------------------------------------


def test_volunteer_declarations_update(v, api):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    berit = volunteers.volunteer_register(
        actor=v["vol"], name="Berit", confidentiality_declaration_signed_on=date(2025, 1, 2)
    )
    url = f"/api/volunteering/volunteers/{berit.pk}/declarations"
    vol = api("vol")
    checked = vol.patch(
        url, {"police_certificate_checked_on": today.isoformat()}, content_type=JSON
    )
    assert checked.status_code == 200, checked.content
    assert checked.json() == {
        "id": berit.pk,
        "voluntary_organisation_id": berit.voluntary_organisation_id,
        "name": "Berit",
        "contact": "",
        "confidentiality_declaration_signed_on": "2025-01-02",  # not sent: unchanged
        "police_certificate_checked_on": today.isoformat(),
    }
    # null clears a date: the declaration was withdrawn.
    cleared = vol.patch(url, {"confidentiality_declaration_signed_on": None}, content_type=JSON)
    assert cleared.json()["confidentiality_declaration_signed_on"] is None
    assert cleared.json()["police_certificate_checked_on"] == today.isoformat()
    berit.refresh_from_db()
    assert (berit.confidentiality_declaration_signed_on, berit.police_certificate_checked_on) == (
        None,
        today,
    )
    # The change log says whether each is on file, never a name or a date.
    assert _changes("volunteering.volunteer_declarations_update") == [
        {"police_certificate": True},
        {"confidentiality_declaration": False},
    ]


def test_volunteer_declarations_bad_input_and_refused(v, api):  # type: ignore[no-untyped-def]
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit")
    # Once she serves the nursing home, its staff see her, but her declarations are not theirs.
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=v["activity"].pk, volunteer_id=berit.pk
    )
    url = f"/api/volunteering/volunteers/{berit.pk}/declarations"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    future = api("vol").patch(
        url,
        {
            "confidentiality_declaration_signed_on": "2025-01-02",
            "police_certificate_checked_on": tomorrow,
        },
        content_type=JSON,
    )
    assert future.status_code == 400
    assert future.json() == {
        "message": "Cannot be in the future: police certificate checked on.",
        "code": "volunteering_invalid",
        "details": {"fields": ["police_certificate_checked_on"]},
    }
    odd = api("vol").patch(url, {"police_certificate_checked_on": "2025-13-01"}, content_type=JSON)
    assert odd.status_code == 422
    for key in ("nh", "vol2", "hc", "researcher"):
        refused = api(key).patch(
            url, {"police_certificate_checked_on": "2025-01-01"}, content_type=JSON
        )
        assert refused.status_code == 404, key
        assert refused.json()["code"] == "volunteer_not_found"
    missing = api("vol").patch(
        "/api/volunteering/volunteers/999999/declarations",
        {"police_certificate_checked_on": "2025-01-01"},
        content_type=JSON,
    )
    assert missing.status_code == 404
    berit.refresh_from_db()
    assert berit.confidentiality_declaration_signed_on is None
    assert berit.police_certificate_checked_on is None
    assert _changes("volunteering.volunteer_declarations_update") == []
    # Registering with a future date is refused the same way.
    registered = api("vol").post(
        "/api/volunteering/volunteers",
        {"name": "Framtida", "confidentiality_declaration_signed_on": tomorrow},
        content_type=JSON,
    )
    assert registered.status_code == 400
    assert registered.json()["details"] == {"fields": ["confidentiality_declaration_signed_on"]}
    assert list(Volunteer.objects.values_list("name", flat=True)) == ["Berit"]
