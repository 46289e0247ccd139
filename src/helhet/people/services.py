"""Writes about persons, families and relations, and the information agencies record."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.models import Involvement
from helhet.consent.policies import persons_known_to, today
from helhet.errors import ValidationFailed
from helhet.people import national_id as nid
from helhet.people.categories import InformationCategory, involvement_category
from helhet.people.errors import NationalIdInvalid, NoPersonalDataAccess, PersonNotFound
from helhet.people.models import (
    Family,
    FamilyMember,
    HouseholdRole,
    InformationEntry,
    Person,
    Relation,
    RelationKind,
)
from helhet.tenancy.actor import Actor


def national_id_check(value: str) -> nid.NationalId:
    """Validate a national ID; outside production, only synthetic numbers are accepted."""
    try:
        parsed = nid.parse(value)
    except nid.InvalidNationalId as exc:
        raise NationalIdInvalid(str(exc)) from None
    if not parsed.synthetic and not settings.ALLOW_REAL_NATIONAL_IDS:
        raise NationalIdInvalid(
            N_("Only synthetic national identity numbers (month + 80) are accepted here.")
        )
    return parsed


def person_for_write(actor: Actor, person_id: int) -> Person:
    """The person a write is about, if the actor knows them; 404 otherwise (writes are not
    reads, so nothing is logged here; the change log records what the write did)."""
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    person = persons_known_to(actor).filter(pk=person_id).first()
    if person is None:
        raise PersonNotFound()
    return person


@transaction.atomic
def person_register(
    *,
    actor: Actor,
    national_id: str,
    given_name: str,
    family_name: str,
    started_on: date | None = None,
) -> Person:
    """Register that the actor's organisation works with a person, creating the person if new.

    A number already on file is not an error: answering "already registered" would tell the
    actor that some other agency (perhaps child welfare) knows the person.
    """
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    parsed = national_id_check(national_id)
    given_name, family_name = given_name.strip(), family_name.strip()
    if not given_name or not family_name:
        raise ValidationFailed(N_("Given name and family name are required."))
    person = Person.objects.filter(national_id=parsed.value).first()
    if person is None:
        person = Person(
            municipality_id=actor.municipality_id,
            national_id=parsed.value,
            given_name=given_name,
            family_name=family_name,
            birth_date=parsed.birth_date,
        )
        person.full_clean()
        person.save()
        change_record(
            actor=actor,
            action="person.create",
            instance=person,
            person_id=person.pk,
            changes={"given_name": given_name, "family_name": family_name},
        )
    already = Involvement.objects.filter(
        organisation_id=actor.organisation_id, person=person, ended_on__isnull=True
    ).exists()
    if not already:
        involvement = Involvement.objects.create(
            municipality_id=actor.municipality_id,
            organisation_id=actor.organisation_id,
            person=person,
            started_on=started_on or today(),
            responsible=actor.user,
            category=involvement_category(actor.organisation.kind),
        )
        change_record(
            actor=actor,
            action="involvement.open",
            instance=involvement,
            person_id=person.pk,
            changes={"organisation": actor.organisation_id, "started_on": involvement.started_on},
        )
    return person


@transaction.atomic
def family_create(*, actor: Actor, name: str, members: list[tuple[int, str]]) -> Family:
    """A household of persons the actor knows. ``members`` is (person id, household role)."""
    name = name.strip()
    if not name:
        raise ValidationFailed(N_("A family needs a name."))
    if not members:
        raise ValidationFailed(N_("A family needs at least one member."))
    seen: set[int] = set()
    for person_id, role in members:
        if role not in HouseholdRole.values:
            raise ValidationFailed(_("Unknown household role: %(r)s.") % {"r": role})
        if person_id in seen:
            raise ValidationFailed(N_("A person is listed twice in the family."))
        seen.add(person_id)
    known = set(persons_known_to(actor).filter(pk__in=seen).values_list("pk", flat=True))
    if known != seen:
        raise PersonNotFound()
    family = Family.objects.create(municipality_id=actor.municipality_id, name=name)
    FamilyMember.objects.bulk_create(
        FamilyMember(municipality_id=actor.municipality_id, family=family, person_id=pid, role=role)
        for pid, role in members
    )
    change_record(
        actor=actor,
        action="family.create",
        instance=family,
        changes={"name": name, "members": [list(m) for m in members]},
    )
    return family


_INVERSE = {RelationKind.PARENT: RelationKind.CHILD, RelationKind.CHILD: RelationKind.PARENT}


@transaction.atomic
def relation_add(*, actor: Actor, person_id: int, relative_id: int, kind: str) -> Relation:
    """Record that ``relative`` is the ``kind`` of ``person``; parent/child gets its inverse."""
    if kind not in RelationKind.values:
        raise ValidationFailed(_("Unknown relation: %(k)s.") % {"k": kind})
    if person_id == relative_id:
        raise ValidationFailed(N_("A person cannot be their own relative."))
    person = person_for_write(actor, person_id)
    relative = person_for_write(actor, relative_id)
    relation, _created = Relation.objects.get_or_create(
        municipality_id=person.municipality_id, person=person, relative=relative, kind=kind
    )
    inverse = _INVERSE.get(RelationKind(kind))
    if inverse:
        Relation.objects.get_or_create(
            municipality_id=person.municipality_id, person=relative, relative=person, kind=inverse
        )
    change_record(
        actor=actor,
        action="relation.add",
        instance=relation,
        person_id=person.pk,
        changes={"relative": relative.pk, "kind": kind},
    )
    return relation


@transaction.atomic
def entry_record(
    *, actor: Actor, person_id: int, category: str, title: str, text: str
) -> InformationEntry:
    """Record information the actor's organisation holds about a person it works with."""
    if category not in InformationCategory.values:
        raise ValidationFailed(_("Unknown information category: %(c)s.") % {"c": category})
    person = person_for_write(actor, person_id)
    if not title.strip() or not text.strip():
        raise ValidationFailed(N_("An entry needs a title and a text."))
    entry = InformationEntry(
        municipality_id=person.municipality_id,
        person=person,
        organisation_id=actor.organisation_id,
        category=category,
        title=title.strip(),
        text=text.strip(),
        recorded_by=actor.user,
    )
    entry.full_clean()
    entry.save()
    change_record(
        actor=actor,
        action="entry.record",
        instance=entry,
        person_id=person.pk,
        changes={"category": category, "title": entry.title},
    )
    return entry
