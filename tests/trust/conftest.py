"""What the trust tests share: a person child welfare works with, whose entry NAV must not see."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.people.models import InformationEntry


@pytest.fixture
def cws_case(make_person, involve, orgs, population_register):
    """A person child welfare works with, with a child-welfare entry NAV must not see."""
    person = make_person("Sara", "Skjult", birth=date(1990, 5, 5))
    population_register.add_person(person)
    involve("cws", person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs["cws"],
        category="child_welfare",
        title="Undersøkelse",
        text="Bekymringsmelding fra skolen.",
    )
    return person
