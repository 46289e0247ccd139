"""Writes about persons: registration, families, relations, entries."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.audit.models import ChangeEvent
from helhet.consent.models import Involvement
from helhet.core.errors import ValidationFailed
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.people.models import Relation
from helhet.people.services import entry_record, family_create, person_register, relation_add
from helhet.tenancy.models import Role


def test_register_opens_one_involvement_and_is_idempotent(
    make_actor, make_person, population_register
):
    actor = make_actor("school")
    existing = make_person("Elev", "En")
    population_register.add_person(existing)
    person = person_register(
        actor=actor, national_id=existing.national_id, given_name="Elev", family_name="En"
    )
    again = person_register(
        actor=actor, national_id=existing.national_id, given_name="elev ", family_name="EN"
    )
    assert person == again == existing and person.given_name == "Elev"
    inv = Involvement.objects.get(person=person)
    assert inv.organisation == actor.organisation and inv.category == "education"
    assert inv.responsible == actor.user
    assert inv.basis == "statutory" and inv.decided_by == actor.user


def test_register_needs_names_and_a_case_role(make_actor, make_person):
    number = make_person().national_id
    with pytest.raises(ValidationFailed):  # a name that is not the register's
        person_register(
            actor=make_actor("nav"), national_id=number, given_name=" ", family_name="B"
        )
    with pytest.raises(NoPersonalDataAccess):
        person_register(
            actor=make_actor("nav", Role.RESEARCHER),
            national_id=number,
            given_name="A",
            family_name="B",
        )


def test_relation_parent_gets_its_inverse(make_actor, make_person, involve):
    actor = make_actor("cws")
    child, mother = make_person("Barn", "R", birth=date(2016, 2, 2)), make_person("Mor", "R")
    involve("cws", child)
    involve("cws", mother)
    relation_add(actor=actor, person_id=child.pk, relative_id=mother.pk, kind="parent")
    kinds = set(Relation.objects.values_list("person_id", "relative_id", "kind"))
    assert kinds == {(child.pk, mother.pk, "parent"), (mother.pk, child.pk, "child")}
    with pytest.raises(ValidationFailed):
        relation_add(actor=actor, person_id=child.pk, relative_id=child.pk, kind="parent")
    with pytest.raises(ValidationFailed):
        relation_add(actor=actor, person_id=child.pk, relative_id=mother.pk, kind="cousin")


def test_relation_to_an_unknown_person_is_404(make_actor, make_person, involve):
    actor = make_actor("nav")
    known, hidden = make_person("K", "R"), make_person("H", "R")
    involve("nav", known)
    involve("cws", hidden)
    with pytest.raises(PersonNotFound):
        relation_add(actor=actor, person_id=known.pk, relative_id=hidden.pk, kind="child")


def test_family_create_validates_members(make_actor, make_person, involve):
    actor = make_actor("navk")
    a, b = make_person("A", "F"), make_person("B", "F")
    involve("navk", a)
    for members, error in (
        ([], ValidationFailed),
        ([(a.pk, "dog")], ValidationFailed),
        ([(a.pk, "parent"), (a.pk, "child")], ValidationFailed),
        ([(a.pk, "parent"), (b.pk, "child")], PersonNotFound),
    ):
        with pytest.raises(error):
            family_create(actor=actor, name="Familien F", members=members)
    family = family_create(actor=actor, name="Familien F", members=[(a.pk, "parent")])
    assert list(family.members.all()) == [a]
    assert ChangeEvent.objects.filter(action="family.create").exists()


def test_entry_record_belongs_to_the_actors_organisation(make_actor, make_person, involve):
    actor = make_actor("health")
    person = make_person()
    involve("health", person)
    entry = entry_record(
        actor=actor, person_id=person.pk, category="health", title="Samtale", text="Notat"
    )
    assert entry.organisation == actor.organisation and entry.recorded_by == actor.user
    with pytest.raises(ValidationFailed):
        entry_record(actor=actor, person_id=person.pk, category="gossip", title="t", text="x")
    with pytest.raises(ValidationFailed):
        entry_record(actor=actor, person_id=person.pk, category="health", title="", text="x")
