"""Which organisations run care units: nursing homes, home care, health and welfare, other.

In many municipalities nursing homes and home care sit under "helse og velferd", so staff of
a health and welfare organisation set up and run care units like the others.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from helhet.tenancy.models import OrganisationKind, Role
from helhet.tenancy.services import api_token_create
from helhet.volunteering import policies, selectors, services
from helhet.volunteering.errors import NotCareStaff, VolunteeringNotYours
from helhet.volunteering.models import CareUnit


def test_the_kinds_that_run_care_units() -> None:
    kinds = set(policies.CARE_ORGANISATION_KINDS)
    assert kinds == {
        OrganisationKind.NURSING_HOME,
        OrganisationKind.HOME_CARE,
        OrganisationKind.HEALTH_WELFARE,
        OrganisationKind.OTHER,
    }


def test_health_and_welfare_staff_run_their_own_units(v, orgs, make_actor):  # type: ignore[no-untyped-def]
    health = make_actor("health", Role.COORDINATOR)
    assert policies.can_create_care_unit(actor=health)
    unit = services.care_unit_create(
        actor=health, name="Hjemmetjenesten sone sør", unit_type="home_care"
    )
    assert unit.organisation_id == orgs["health"].pk
    assert policies.can_edit_care_unit(actor=health, unit=unit)
    assert policies.can_add_to_care_unit(actor=health, unit=unit)
    services.care_unit_update(actor=health, care_unit_id=unit.pk, unit_type="integrated")
    activity = services.activity_create(
        actor=health,
        care_unit_id=unit.pk,
        category="food_delivery",
        title="Middagslevering",
        coordinator="municipality",
        voluntary_organisation_id=orgs["vol"].pk,
    )
    assert policies.can_edit_activity(actor=health, activity=activity)
    services.activity_update(actor=health, activity_id=activity.pk, coordinator="joint")
    occurrence = services.occurrence_record(
        actor=health,
        activity_id=activity.pk,
        date=date(2026, 11, 2),
        participants=12,
        volunteers=2,
        hours=3,
    )
    assert occurrence.coordinator == "joint"
    agreement = services.agreement_create(
        actor=health,
        care_unit_id=unit.pk,
        voluntary_organisation_id=orgs["vol"].pk,
        tasks="Frivilligsentralen kjører ut middag på lørdager.",
        signed_on=date(2026, 1, 5),
    )
    assert [a.pk for a in selectors.agreements_visible_to(health)] == [agreement.pk]
    # Still only their own units: the nursing home's unit is not theirs.
    assert not policies.can_edit_care_unit(actor=health, unit=v["unit"])
    with pytest.raises(VolunteeringNotYours):
        services.care_unit_update(actor=health, care_unit_id=v["unit"].pk, name="Overtatt")
    with pytest.raises(VolunteeringNotYours):
        services.activity_create(
            actor=health,
            care_unit_id=v["unit"].pk,
            category="social",
            title="Tur",
            coordinator="municipality",
        )


@pytest.mark.parametrize(("org", "role"), [("health", Role.RESEARCHER), ("nav", Role.MANAGER)])
def test_others_still_cannot_create_units(make_actor, org, role):  # type: ignore[no-untyped-def]
    actor = make_actor(org, role)
    assert not policies.can_create_care_unit(actor=actor)
    with pytest.raises(NotCareStaff):
        services.care_unit_create(actor=actor, name="X", unit_type="other")
    assert CareUnit.objects.filter(name="X").count() == 0


def test_health_and_welfare_over_the_api_and_the_pages(v, orgs, make_actor):  # type: ignore[no-untyped-def]
    health = make_actor("health", Role.MANAGER)
    _t, token = api_token_create(actor=health, name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")
    made = api.post(
        "/api/volunteering/care-units",
        {"name": "Velferdssenteret dagsenter", "unit_type": "other"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["organisation_id"] == orgs["health"].pk
    page = Client(HTTP_ACCEPT_LANGUAGE="en")
    page.force_login(health.user)
    assert 'href="/volunteering/units/new/"' in page.get("/volunteering/").content.decode()
    assert page.get("/volunteering/units/new/").status_code == 200
    created = page.post("/volunteering/units/new/", {"name": "Lia", "unit_type": "nursing_home"})
    assert created.status_code == 302
    assert CareUnit.objects.get(name="Lia").organisation_id == orgs["health"].pk
