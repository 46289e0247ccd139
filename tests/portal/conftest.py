import pytest

from helhet.core.categories import InformationCategory as Cat
from helhet.people.models import Family, FamilyMember, HouseholdRole, InformationEntry
from helhet.tenancy.models import Role
from tests.portal.idp import idp, idp_servers  # noqa: F401 - fixtures for these tests
from tests.portal.support import years_ago


@pytest.fixture
def client(client):  # type: ignore[no-untyped-def]
    """Pages in English: the tests read English msgids, whatever bokmål is compiled."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def family(make_person, guardian_of, involve, make_actor, orgs, consent):  # type: ignore[no-untyped-def]
    """A parent with a child of 9 and a young person of 16; NAV and child welfare work with
    them; the parent consents to NAV seeing child-welfare information."""
    parent = make_person("Kari", "Nordmann", years_ago(40))
    child = make_person("Ola", "Nordmann", years_ago(9))
    youth = make_person("Siri", "Nordmann", years_ago(16))
    for kid in (child, youth):
        guardian_of(kid, parent)
    household = Family.objects.create(municipality=parent.municipality, name="Familien Nordmann")
    for person, role in (
        (parent, HouseholdRole.PARENT),
        (child, HouseholdRole.CHILD),
        (youth, HouseholdRole.CHILD),
    ):
        FamilyMember.objects.create(
            municipality=parent.municipality, family=household, person=person, role=role
        )
    nav = make_actor("nav", Role.CASEWORKER, username="nav.worker")
    cws = make_actor("cws", Role.CASEWORKER, username="cws.worker")
    health = make_actor("health", Role.CASEWORKER, username="health.worker")
    for org, person in (
        ("nav", parent),
        ("cws", parent),
        ("cws", child),
        ("cws", youth),
        ("health", youth),
    ):
        involve(org, person)
    InformationEntry.objects.create(
        municipality=parent.municipality,
        person=parent,
        organisation=orgs["cws"],
        category=Cat.CHILD_WELFARE,
        title="Undersøkelse",
        text="Barnevernet følger opp.",
    )
    InformationEntry.objects.create(
        municipality=parent.municipality,
        person=youth,
        organisation=orgs["health"],
        category=Cat.HEALTH,
        title="Helsesykepleier",
        text="Samtaler hver uke.",
    )
    consent(parent, ["nav"], [Cat.CHILD_WELFARE], recorded_by="cws")
    return {
        "parent": parent,
        "child": child,
        "youth": youth,
        "family": household,
        "nav": nav,
        "cws": cws,
        "health": health,
    }
