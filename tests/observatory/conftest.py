"""Fixtures for the observatory: care units with volunteer activities in two municipalities,
and the small hand-made survey whose statistics the tests work out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from helhet.volunteering import services

# unit, type, activity, coordinator. Worked through by hand in test_coordination.py.
HAND_MADE = [
    ("U1", "nursing_home", "day_centre", "municipality"),
    ("U1", "nursing_home", "social", "voluntary"),
    ("U1", "nursing_home", "cultural_nursing_home", "joint"),
    ("U2", "home_care", "day_centre", "municipality"),
    ("U2", "home_care", "food_delivery", "voluntary"),
    ("U2", "home_care", "cultural_home_care", "voluntary"),
    ("U2", "home_care", "physical", "municipality"),
    ("U3", "integrated", "day_centre", "joint"),
    ("U3", "integrated", "food_delivery", "municipality"),
    ("U3", "integrated", "physical", "other"),
    ("U3", "integrated", "social", "voluntary"),
    ("U4", "other", "day_centre", "unsure"),
    ("U4", "other", "social", "municipality"),
    ("U4", "other", "cultural_nursing_home", "municipality"),
    ("U5", "nursing_home", "physical", "municipality"),
    ("U5", "nursing_home", "cultural_home_care", "joint"),
    ("U5", "nursing_home", "social", "varies"),
    ("U5", "nursing_home", "food_delivery", "municipality"),
    ("U6", "home_care", "social", "unsure"),  # nothing but a left-out answer
]


@pytest.fixture
def hand_made_csv() -> str:
    from helhet.observatory.survey_file import survey_csv

    return survey_csv(HAND_MADE)


@pytest.fixture
def seed004_csv() -> str:
    from tests.observatory.synthetic import seed004_csv

    return seed004_csv()


@pytest.fixture
def orgs(orgs, municipality):  # type: ignore[no-untyped-def]
    """The shared organisations plus a nursing home and a home care service."""
    for key, name, kind in (
        ("nh", "Testvik sykehjem", OrganisationKind.NURSING_HOME),
        ("hc", "Hjemmetjenesten Testvik", OrganisationKind.HOME_CARE),
    ):
        orgs[key] = organisation_create(
            actor=None, municipality=municipality, name=name, kind=kind, sector=Sector.PUBLIC
        )
    return orgs


@pytest.fixture
def researcher(make_actor) -> Actor:  # type: ignore[no-untyped-def]
    return make_actor("health", Role.RESEARCHER)


@pytest.fixture
def caseworker(make_actor) -> Actor:  # type: ignore[no-untyped-def]
    return make_actor("nav", Role.CASEWORKER)


def _activities(actor: Actor, unit_id: int, answers: list[tuple[str, str]]) -> list[int]:
    return [
        services.activity_create(
            actor=actor,
            care_unit_id=unit_id,
            category=category,
            title=f"{category} {coordinator}",
            coordinator=coordinator,
        ).pk
        for category, coordinator in answers
    ]


@pytest.fixture
def volunteering(make_actor):  # type: ignore[no-untyped-def]
    """Three care units here (one with an activity held recently under another coordinator)
    and one in another municipality."""
    nh = make_actor("nh", Role.COORDINATOR)
    hc = make_actor("hc", Role.COORDINATOR)
    home = services.care_unit_create(actor=nh, name="Solsiden", unit_type="nursing_home")
    second = services.care_unit_create(actor=nh, name="Åsheim", unit_type="nursing_home")
    zone = services.care_unit_create(actor=hc, name="Sone nord", unit_type="home_care")
    _activities(nh, home.pk, [("day_centre", "municipality"), ("social", "voluntary")])
    _activities(nh, second.pk, [("day_centre", "joint"), ("social", "unsure")])
    (held,) = _activities(hc, zone.pk, [("food_delivery", "municipality")])
    services.occurrence_record(
        actor=hc,
        activity_id=held,
        date=date(2026, 5, 20),
        participants=4,
        volunteers=2,
        hours=3,
        coordinator="voluntary",
    )

    elsewhere = municipality_create(actor=None, number="9911", name="Andrevik")
    org = organisation_create(
        actor=None,
        municipality=elsewhere,
        name="Andrevik sykehjem",
        kind=OrganisationKind.NURSING_HOME,
        sector=Sector.PUBLIC,
    )
    user = staff_create(
        actor=None, username="andrevik", password="x-unused-9911", first_name="A", last_name="B"
    )
    membership = membership_create(actor=None, user=user, organisation=org, role=Role.MANAGER)
    far = Actor(
        user=user,
        membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
    )
    far_unit = services.care_unit_create(actor=far, name="Andrevik", unit_type="nursing_home")
    _activities(far, far_unit.pk, [("day_centre", "voluntary")])
    return {"nh": nh, "hc": hc, "units": [home, second, zone], "far_unit": far_unit}
