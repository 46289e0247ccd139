"""The volunteering forms: each saves through its service, refuses whom the service refuses,
and shows the service's message on bad input without saving anything."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from helhet.audit.models import ChangeEvent
from helhet.volunteering import services
from helhet.volunteering.models import (
    Activity,
    CareUnit,
    Occurrence,
)
from tests.volunteering.conftest import _client, _html, _ids

ACTIVITY = {
    "title": "Dagsenter for personer med demens",
    "category": "day_centre",
    "coordinator": "municipality",
    "voluntary_organisation": "",
    "statutory": "category",
    "requires_police_certificate": "no",
}


# --- care units -------------------------------------------------------------------------------


def test_care_unit_create(v):  # type: ignore[no-untyped-def]
    nh = _client(v["nh"])
    assert 'href="/volunteering/units/new/"' in _html(nh.get("/volunteering/"))
    _ids(_html(nh.get("/volunteering/units/new/")))
    response = nh.post(
        "/volunteering/units/new/", {"name": " Lia omsorgssenter ", "unit_type": "integrated"}
    )
    unit = CareUnit.objects.get(name="Lia omsorgssenter")
    assert response.status_code == 302
    assert response["Location"] == f"/volunteering/units/{unit.pk}/"
    assert unit.unit_type == "integrated" and unit.organisation_id == v["nh"].organisation_id
    assert "The care unit was created." in _html(nh.get(response["Location"]))


def test_care_unit_create_refused_and_bad_input(v):  # type: ignore[no-untyped-def]
    before = CareUnit.objects.count()
    for key in ("vol", "nav", "researcher"):
        client = _client(v[key])
        assert 'href="/volunteering/units/new/"' not in _html(client.get("/volunteering/"))
        assert "care organisation can do this" in _html(client.get("/volunteering/units/new/"), 403)
        response = client.post("/volunteering/units/new/", {"name": "X", "unit_type": "other"})
        assert response.status_code == 403
    nh = _client(v["nh"])
    # A type that is not on the list (a tampered form) gets the service's own message.
    html = _html(
        nh.post("/volunteering/units/new/", {"name": "Slottet", "unit_type": "castle"}), 400
    )
    assert "Unknown unit type: castle." in html and 'value="Slottet"' in html
    # The unit's name is unique within its organisation.
    html = _html(
        nh.post(
            "/volunteering/units/new/", {"name": "Solsiden sykehjem", "unit_type": "nursing_home"}
        ),
        400,
    )
    assert "already exists" in html
    assert CareUnit.objects.count() == before


def test_care_unit_edit(v):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    url = f"/volunteering/units/{unit.pk}/edit/"
    nh = _client(v["nh"])
    assert f'href="{url}"' in _html(nh.get(f"/volunteering/units/{unit.pk}/"))
    assert 'value="Solsiden sykehjem"' in _html(nh.get(url))
    response = nh.post(url, {"name": "Solsiden bo- og omsorgssenter", "unit_type": "integrated"})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.unit_type) == ("Solsiden bo- og omsorgssenter", "integrated")
    event = ChangeEvent.objects.get(action="volunteering.care_unit_update")
    assert event.changes == {"name": "Solsiden bo- og omsorgssenter", "unit_type": "integrated"}

    assert 'value="Ny"' in _html(nh.post(url, {"name": "Ny", "unit_type": "castle"}), 400)
    for key in ("vol", "hc", "researcher"):
        client = _client(v[key])
        assert f'href="{url}"' not in _html(client.get(f"/volunteering/units/{unit.pk}/"))
        _html(client.get(url), 403)
        assert client.post(url, {"name": "Kapret", "unit_type": "other"}).status_code == 403
    unit.refresh_from_db()
    assert (unit.name, unit.unit_type) == ("Solsiden bo- og omsorgssenter", "integrated")


# --- activities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "statutory", "override", "expected"),
    [
        ("day_centre", "category", None, True),
        ("social", "category", None, False),
        ("day_centre", "no", False, False),
        ("social", "yes", True, True),
    ],
)
def test_activity_create_statutory_from_category_or_override(  # type: ignore[no-untyped-def]
    v, category, statutory, override, expected
):
    nh = _client(v["nh"])
    url = f"/volunteering/units/{v['unit'].pk}/activities/new/"
    data = {**ACTIVITY, "category": category, "statutory": statutory}
    response = nh.post(url, data)
    activity = Activity.objects.get(title=ACTIVITY["title"])
    assert response["Location"] == f"/volunteering/activities/{activity.pk}/"
    assert activity.statutory_override is override and activity.statutory is expected
    assert activity.voluntary_organisation_id is None and activity.care_unit_id == v["unit"].pk


def test_activity_create_by_the_voluntary_organisation(v, orgs):  # type: ignore[no-untyped-def]
    url = f"/volunteering/units/{v['unit'].pk}/activities/new/"
    vol = _client(v["vol"])
    assert f'href="{url}"' in _html(vol.get(f"/volunteering/units/{v['unit'].pk}/"))
    form = _html(vol.get(url))
    # Their own organisation is chosen for them: it is the only one the service accepts.
    assert f'<option value="{orgs["vol"].pk}" selected>' in form
    data = {
        **ACTIVITY,
        "title": "Turgruppe",
        "category": "physical",
        "coordinator": "voluntary",
        "voluntary_organisation": orgs["vol"].pk,
        "requires_police_certificate": "yes",
    }
    response = vol.post(url, data, follow=True)
    assert "The activity was created." in _html(response)
    activity = Activity.objects.get(title="Turgruppe")
    assert activity.voluntary_organisation_id == orgs["vol"].pk
    assert activity.requires_police_certificate is True and activity.coordinator == "voluntary"


def test_activity_create_refused_and_bad_input(v, orgs):  # type: ignore[no-untyped-def]
    url = f"/volunteering/units/{v['unit'].pk}/activities/new/"
    before = Activity.objects.count()
    # Another voluntary organisation may not start an activity in someone else's name.
    vol2 = _client(v["vol2"])
    html = _html(vol2.post(url, {**ACTIVITY, "voluntary_organisation": orgs["vol"].pk}), 403)
    assert "or of the voluntary organisation can do this" in html
    assert f'value="{ACTIVITY["title"]}"' in html
    for key in ("hc", "nav", "researcher"):
        client = _client(v[key])
        assert f'href="{url}"' not in _html(client.get(f"/volunteering/units/{v['unit'].pk}/"))
        _html(client.get(url), 403)
        assert client.post(url, ACTIVITY).status_code == 403
    nh = _client(v["nh"])
    # A tampered POST with a category that does not exist: the service's message, a 400.
    html = _html(nh.post(url, {**ACTIVITY, "category": "bingo"}), 400)
    assert "Unknown activity category: bingo." in html
    assert f'value="{ACTIVITY["title"]}"' in html
    assert "Unknown coordinator: nobody." in _html(
        nh.post(url, {**ACTIVITY, "coordinator": "nobody"}), 400
    )
    # Only voluntary organisations can be chosen.
    assert "Select a valid choice" in _html(
        nh.post(url, {**ACTIVITY, "voluntary_organisation": orgs["nav"].pk}), 400
    )
    assert "This field is required." in _html(nh.post(url, {**ACTIVITY, "title": ""}), 400)
    assert Activity.objects.count() == before


def test_activity_edit(v):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    url = f"/volunteering/activities/{activity.pk}/edit/"
    vol = _client(v["vol"])
    form = _html(vol.get(url))
    assert 'value="Allsang"' in form
    assert re.search(r'<input type="radio" name="statutory" value="category"[^>]*checked', form)
    assert re.search(r'<option value="joint" selected>', form)
    _ids(form)
    data = {
        "title": "Allsang og kaffe",
        "category": "food_delivery",
        "coordinator": "voluntary",
        "statutory": "category",
        "requires_police_certificate": "yes",
    }
    response = vol.post(url, data, follow=True)
    assert "The activity was saved." in _html(response)
    activity.refresh_from_db()
    assert activity.title == "Allsang og kaffe" and activity.statutory is True
    assert activity.requires_police_certificate is True and activity.coordinator == "voluntary"
    vol.post(url, {**data, "statutory": "no"})
    activity.refresh_from_db()
    assert activity.statutory_override is False and activity.statutory is False
    assert re.search(
        r'<input type="radio" name="statutory" value="no"[^>]*checked', _html(vol.get(url))
    )
    # Back to what the category says.
    vol.post(url, {**data, "statutory": "category"})
    activity.refresh_from_db()
    assert activity.statutory_override is None


def test_activity_edit_refused_and_bad_input(v):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    url = f"/volunteering/activities/{activity.pk}/edit/"
    data = {
        "title": "Kapret",
        "category": "social",
        "coordinator": "other",
        "statutory": "yes",
        "requires_police_certificate": "no",
    }
    for key in ("hc", "vol2", "nav", "researcher"):
        client = _client(v[key])
        assert f'href="{url}"' not in _html(client.get(f"/volunteering/units/{v['unit'].pk}/"))
        _html(client.get(url), 403)
        assert client.post(url, data).status_code == 403
    nh = _client(v["nh"])
    html = _html(nh.post(url, {**data, "category": "bingo"}), 400)
    assert "Unknown activity category: bingo." in html and 'value="Kapret"' in html
    activity.refresh_from_db()
    assert (activity.title, activity.category, activity.statutory_override) == (
        "Allsang",
        "cultural_nursing_home",
        None,
    )
    assert not ChangeEvent.objects.filter(action="volunteering.activity_update").exists()
    assert Activity.objects.get(pk=activity.pk).title == "Allsang"
    _html(nh.get("/volunteering/activities/999999/edit/"), 404)


# --- occurrences ------------------------------------------------------------------------------

OCCURRENCE = {
    "date": "2025-03-06",
    "participants": "11",
    "volunteers": "4",
    "hours": "2.5",
    "coordinator": "",
}


def test_occurrence_record(v):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    url = f"/volunteering/activities/{activity.pk}/occurrences/new/"
    vol = _client(v["vol"])
    assert f'href="{url}"' in _html(vol.get(f"/volunteering/units/{v['unit'].pk}/"))
    _ids(_html(vol.get(url)))
    response = vol.post(url, OCCURRENCE)
    assert response["Location"] == f"/volunteering/activities/{activity.pk}/"
    occurrence = Occurrence.objects.get(activity=activity)
    assert (occurrence.date, occurrence.participants, occurrence.volunteers) == (
        date(2025, 3, 6),
        11,
        4,
    )
    # Who coordinated follows the activity unless chosen.
    assert occurrence.hours == Decimal("2.5") and occurrence.coordinator == "joint"
    page = _html(vol.get(response["Location"]))
    assert "The occurrence was recorded." in page and "06.03.2025" in page
    vol.post(url, {**OCCURRENCE, "date": "2025-04-02", "coordinator": "voluntary"})
    assert Occurrence.objects.get(date=date(2025, 4, 2)).coordinator == "voluntary"


@pytest.mark.parametrize("field", ["participants", "volunteers", "hours"])
def test_occurrence_negative_numbers(v, field):  # type: ignore[no-untyped-def]
    url = f"/volunteering/activities/{v['activity'].pk}/occurrences/new/"
    nh = _client(v["nh"])
    html = _html(nh.post(url, {**OCCURRENCE, field: "-3"}), 400)
    assert f"Cannot be negative: {field}." in html
    # What was typed is still there to correct.
    assert f'name="{field}" value="-3"' in html and 'value="2025-03-06"' in html
    assert not Occurrence.objects.exists()
    assert not ChangeEvent.objects.filter(action="volunteering.occurrence_record").exists()


def test_occurrence_negative_number_named_in_bokmal(v):  # type: ignore[no-untyped-def]
    url = f"/volunteering/activities/{v['activity'].pk}/occurrences/new/"
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(v["nh"].user)
    html = _html(client.post(url, {**OCCURRENCE, "participants": "-1", "hours": "-2"}), 400)
    assert "Kan ikke være negativt: deltakere, timer." in html
    assert not Occurrence.objects.exists()


def test_occurrence_refused_and_bad_input(v):  # type: ignore[no-untyped-def]
    url = f"/volunteering/activities/{v['activity'].pk}/occurrences/new/"
    for key in ("hc", "vol2", "nav", "researcher"):
        client = _client(v[key])
        assert f'href="{url}"' not in _html(client.get(f"/volunteering/units/{v['unit'].pk}/"))
        _html(client.get(url), 403)
        assert client.post(url, OCCURRENCE).status_code == 403
    nh = _client(v["nh"])
    assert "Unknown coordinator: nobody." in _html(
        nh.post(url, {**OCCURRENCE, "coordinator": "nobody"}), 400
    )
    assert "no more than 1 decimal place" in _html(
        nh.post(url, {**OCCURRENCE, "hours": "1.25"}), 400
    )
    assert "Enter a whole number." in _html(nh.post(url, {**OCCURRENCE, "volunteers": "x"}), 400)
    # Too many participants for the database is a message too, never a 500.
    assert nh.post(url, {**OCCURRENCE, "participants": str(2**63)}).status_code == 400
    assert not Occurrence.objects.exists()


# --- the pages around the forms ---------------------------------------------------------------


def test_unit_page_links_follow_the_services_rules(v, orgs):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    links = {
        "new activity": f"/volunteering/units/{unit.pk}/activities/new/",
        "new agreement": f"/volunteering/units/{unit.pk}/agreements/new/",
        "edit unit": f"/volunteering/units/{unit.pk}/edit/",
        "occurrence": f"/volunteering/activities/{v['activity'].pk}/occurrences/new/",
        "edit activity": f"/volunteering/activities/{v['activity'].pk}/edit/",
    }
    expected = {
        "nh": set(links),
        "vol": set(links) - {"edit unit"},
        # Another voluntary organisation may start its own activity or agreement here.
        "vol2": {"new activity", "new agreement"},
        "hc": set(),
        "nav": set(),
        "researcher": set(),
    }
    for key, shown in expected.items():
        page = _html(_client(v[key]).get(f"/volunteering/units/{unit.pk}/"))
        assert {name for name, href in links.items() if f'href="{href}"' in page} == shown, key


def test_unit_page_queries_do_not_grow_with_activities(v, orgs):  # type: ignore[no-untyped-def]
    nh = _client(v["nh"])
    url = f"/volunteering/units/{v['unit'].pk}/"
    nh.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _html(nh.get(url))
        return len(queries)

    few = count()
    for n in range(4):
        activity = services.activity_create(
            actor=v["nh"],
            care_unit_id=v["unit"].pk,
            category="social",
            title=f"Tur {n}",
            coordinator="municipality",
            voluntary_organisation_id=orgs["vol"].pk,
        )
        services.occurrence_record(
            actor=v["nh"],
            activity_id=activity.pk,
            date=date(2025, 1, 1 + n),
            participants=5,
            volunteers=2,
            hours=3,
        )
    assert count() == few
