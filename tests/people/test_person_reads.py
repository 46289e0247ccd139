"""Reads of persons and families: scoping, non-leak of child welfare, logging, query counts."""

from __future__ import annotations

import pytest

from helhet.audit.models import AccessEvent
from helhet.people.errors import FamilyNotFound, PersonNotFound
from helhet.people.models import Family, FamilyMember, InformationEntry
from helhet.people.selectors import (
    family_get_for,
    family_list_for,
    person_get_for,
    person_search,
)
from helhet.tenancy.models import Role


def _entry(person, org, category, title="Note"):
    return InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=org,
        category=category,
        title=title,
        text="…",
    )


def test_child_welfare_case_is_invisible_without_consent(make_actor, make_person, involve, orgs):
    nav = make_actor("nav")
    person = make_person()
    involve("nav", person)
    involve("cws", person)
    _entry(person, orgs["cws"], "child_welfare", "Undersøkelse")
    view = person_get_for(actor=nav, person_id=person.pk, channel="web", through="t")
    assert [i.organisation.kind for i in view.involvements] == ["nav_state"]
    assert view.entries == []
    hidden = dict(view.hidden)
    assert "child_welfare" in hidden and "health" in hidden  # listed whether or not data exists


def test_hidden_list_does_not_depend_on_existing_data(make_actor, make_person, involve, orgs):
    nav = make_actor("nav")
    with_cws, without_cws = make_person("A", "Aa"), make_person("B", "Bb")
    for p in (with_cws, without_cws):
        involve("nav", p)
    involve("cws", with_cws)
    _entry(with_cws, orgs["cws"], "child_welfare")
    a = person_get_for(actor=nav, person_id=with_cws.pk, channel="web", through="t")
    b = person_get_for(actor=nav, person_id=without_cws.pk, channel="web", through="t")
    assert a.hidden == b.hidden
    assert [i.organisation_id for i in a.involvements] == [
        i.organisation_id for i in b.involvements
    ]


def test_consent_reveals_the_child_welfare_involvement(
    make_actor, make_person, involve, consent, orgs
):
    nav = make_actor("nav")
    person = make_person()
    involve("nav", person)
    involve("cws", person)
    _entry(person, orgs["cws"], "child_welfare", "Hjelpetiltak")
    consent(person, ["nav"], ["child_welfare"])
    view = person_get_for(actor=nav, person_id=person.pk, channel="web", through="t")
    assert {i.organisation.kind for i in view.involvements} == {"nav_state", "child_welfare"}
    assert [e.title for e in view.entries] == ["Hjelpetiltak"]
    assert "child_welfare" not in dict(view.hidden)


def test_person_known_only_to_cws_does_not_exist_for_nav(make_actor, make_person, involve):
    nav = make_actor("nav")
    person = make_person("Skjult", "Barn")
    involve("cws", person)
    with pytest.raises(PersonNotFound) as info:
        person_get_for(actor=nav, person_id=person.pk, channel="web", through="t")
    with pytest.raises(PersonNotFound) as missing:
        person_get_for(actor=nav, person_id=999_999, channel="web", through="t")
    assert info.value.message == missing.value.message
    assert person_search(actor=nav, query="Skjult", channel="web", through="t") == []
    assert person_search(actor=nav, query=person.national_id, channel="web", through="t") == []
    denied = AccessEvent.objects.filter(outcome="denied").order_by("id")
    assert [e.target_ref for e in denied] == [str(person.pk), "999999"]


def test_search_matches_names_and_national_id_and_logs_each_result(
    make_actor, make_person, involve
):
    actor = make_actor("navk")
    kari, ola, other = (
        make_person("Kari", "Hansen"),
        make_person("Ola", "Hansen"),
        make_person("Per", "Lie"),
    )
    for p in (kari, ola, other):
        involve("navk", p)
    found = person_search(actor=actor, query="hansen", channel="web", through="t")
    assert [p.given_name for p in found] == ["Kari", "Ola"]
    assert person_search(actor=actor, query="kari hans", channel="web", through="t") == [kari]
    assert person_search(actor=actor, query=other.national_id[:6], channel="web", through="t")
    logged = AccessEvent.objects.filter(through="t", outcome="granted")
    assert list(logged.order_by("id").values_list("person_id", flat=True)[:2]) == [kari.pk, ola.pk]


def test_researcher_and_administrator_read_no_personal_data(make_actor, make_person, involve):
    from helhet.people.errors import NoPersonalDataAccess

    for role in (Role.RESEARCHER, Role.ADMINISTRATOR):
        actor = make_actor("nav", role)
        person = make_person()
        involve("nav", person)
        with pytest.raises(NoPersonalDataAccess):
            person_search(actor=actor, query="", channel="web", through="t")
        with pytest.raises(NoPersonalDataAccess):
            person_get_for(actor=actor, person_id=person.pk, channel="web", through="t")


def _family(municipality, members):
    family = Family.objects.create(municipality=municipality, name="Familien Test")
    for person, role in members:
        FamilyMember.objects.create(
            municipality=municipality, family=family, person=person, role=role
        )
    return family


def test_family_shows_only_members_the_actor_knows(
    make_actor, make_person, involve, municipality, consent
):
    nav = make_actor("nav")
    parent, child = make_person("Mor", "Test"), make_person("Barn", "Test")
    involve("nav", parent)
    involve("cws", child)
    family = _family(municipality, [(parent, "parent"), (child, "child")])
    view = family_get_for(actor=nav, family_id=family.pk, channel="web", through="t")
    assert [v.person for _, v in view.members] == [parent]
    rows = family_list_for(actor=nav, channel="web", through="t")
    assert [(f.pk, members) for f, members in rows] == [(family.pk, [parent])]
    stranger = make_actor("school")
    with pytest.raises(FamilyNotFound):
        family_get_for(actor=stranger, family_id=family.pk, channel="web", through="t")


def _household(n, make_person, involve, municipality, orgs):
    members = []
    for i in range(n):
        p = make_person(f"P{i}", "Stor")
        for key in ("navk", "cws", "health"):
            involve(key, p)
            _entry(
                p, orgs[key], {"navk": "economy", "cws": "child_welfare", "health": "health"}[key]
            )
        members.append((p, "child"))
    return _family(municipality, members)


@pytest.mark.parametrize("size", [2, 20])
def test_family_page_query_count_is_fixed(
    size, make_actor, make_person, involve, municipality, orgs, consent, django_assert_num_queries
):
    actor = make_actor("navk")
    family = _household(size, make_person, involve, municipality, orgs)
    for p in family.members.all():
        consent(p, ["navk"], ["health"])
    # Seven reads and writes, and one INSERT naming whose entries were read (the owners).
    with django_assert_num_queries(8):
        view = family_get_for(actor=actor, family_id=family.pk, channel="web", through="t")
    assert len(view.members) == size
    assert all({e.category for e in v.entries} == {"economy", "health"} for _, v in view.members)
    assert AccessEvent.objects.filter(through="t").count() == size


@pytest.mark.parametrize("size", [5, 60])
def test_search_query_count_is_fixed(
    size, make_actor, make_person, involve, django_assert_num_queries
):
    actor = make_actor("navk")
    for i in range(size):
        involve("navk", make_person(f"N{i}", "Many"))
    with django_assert_num_queries(2):
        found = person_search(actor=actor, query="many", channel="web", through="t")
    assert len(found) == min(size, 50)
