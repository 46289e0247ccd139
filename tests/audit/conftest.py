"""Fixtures of the log-review tests: the rules in force, the privacy officer, a second
municipality, and one flagged read."""

from __future__ import annotations

import pytest

from helhet.audit.models import ReviewFlag, ReviewRule
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from tests.audit.review_support import ALL_RULES, WORKDAY, flags, oslo, read, scan
from tests.conftest import PASSWORD


@pytest.fixture
def rules(settings):  # type: ignore[no-untyped-def]
    """Only the named rules in force, so a test sees its own rule's flags and nothing else."""

    def only(*names: str) -> None:
        settings.REVIEW_RULES = ",".join(names)

    settings.REVIEW_RULES = ALL_RULES
    return only


@pytest.fixture
def officer(make_actor) -> Actor:  # type: ignore[no-untyped-def]
    return make_actor("navk", Role.PRIVACY_OFFICER, username="personvernombud")


@pytest.fixture
def other_municipality(db):  # type: ignore[no-untyped-def]
    """A second municipality with its own privacy officer and caseworker."""
    municipality = municipality_create(actor=None, number="9903", name="Andrevik")
    org = organisation_create(
        actor=None,
        municipality=municipality,
        name="NAV Andrevik (kommune)",
        kind=OrganisationKind.NAV_MUNICIPAL,
        sector=Sector.PUBLIC,
    )

    def make(role: str, username: str) -> Actor:
        user = staff_create(
            actor=None, username=username, password=PASSWORD, first_name="A", last_name="B"
        )
        m = membership_create(actor=None, user=user, organisation=org, role=role)
        return Actor(
            user=user, membership=Membership.objects.select_related("organisation").get(pk=m.pk)
        )

    return {"officer": make(Role.PRIVACY_OFFICER, "ombud.andrevik"), "make": make}


@pytest.fixture
def off_hours_flag(rules, make_actor, make_person, involve) -> ReviewFlag:  # type: ignore[no-untyped-def]
    """One flagged read: a NAV caseworker opens a person's page late in the evening."""
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav", username="kveldsleser")
    person = make_person("Kari", "Kveld")
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(WORKDAY, 22, 30))
    scan()
    (flag,) = flags()
    return flag
