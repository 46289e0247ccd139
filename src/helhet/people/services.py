"""Writes about persons, families and relations, and the information agencies record."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import Channel
from helhet.audit.services import access_record, change_record, deny_unknown
from helhet.consent.models import Involvement, InvolvementBasis
from helhet.consent.policies import (
    TRUSTED_GUARDIANSHIP as TRUSTED,
)
from helhet.consent.policies import involvement_active_q, persons_known_to
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.core.dates import today
from helhet.people import national_id as nid
from helhet.people.errors import (
    CategoryUnknown,
    EntryInvalid,
    FamilyInvalid,
    GuardianshipDecisionInvalid,
    GuardianshipNotFree,
    NationalIdInvalid,
    PersonNotFound,
    RegistrationNoMatch,
    RelationInvalid,
)
from helhet.people.models import (
    Family,
    FamilyMember,
    HouseholdRole,
    InformationEntry,
    Person,
    Relation,
    RelationKind,
    RelationSource,
)
from helhet.people.policies import require_guardianship_decider, require_people_role
from helhet.people.register import RegisterRecord, names_match, population_register
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
    require_people_role(actor)
    person = persons_known_to(actor).filter(pk=person_id).first()
    if person is None:
        raise PersonNotFound()
    return person


REGISTRATION = "registration"


def person_register(
    *,
    actor: Actor,
    national_id: str,
    given_name: str,
    family_name: str,
    basis: str = InvolvementBasis.STATUTORY,
    basis_reason: str = "",
    started_on: date | None = None,
    channel: str = Channel.WEB,
    through: str = "",
) -> Person:
    """Register that the actor's organisation works with a person, on a stated legal basis.

    A look-up in the population register, as in the national register: the caller proves they
    know the person by giving the national ID *and* the name as registered. Any mismatch gets
    the same neutral answer, whether or not Helhet holds the person, and nothing stored is
    ever sent back (the answer carries the register's name, which the caller just gave).
    Every attempt is an access event in the person's log, refused ones included.
    """
    from helhet.consent.services import involvement_basis_check

    require_people_role(actor)
    parsed = national_id_check(national_id)
    basis_reason = (basis_reason or "").strip()
    # The basis is checked before the look-up, so its errors cannot depend on the person.
    involvement_basis_check(
        actor=actor, organisation=actor.organisation, basis=basis, reason=basis_reason
    )
    record = population_register().lookup(parsed.value)
    matches = (
        record is not None
        and names_match(record, given_name, family_name)
        and record.municipality == actor.organisation.municipality.number
    )
    if not matches or record is None:
        existing = Person.objects.filter(national_id=parsed.value).values_list("pk", flat=True)
        deny_unknown(
            RegistrationNoMatch(),
            actor=actor,
            target_ref=REGISTRATION,
            channel=channel,
            through=through or REGISTRATION,
            reason="registration_no_match",
            categories=[IDENTITY],
            person_ids=list(existing),
        )
    return _person_register_matched(
        actor=actor,
        record=record,
        basis=basis,
        basis_reason=basis_reason,
        started_on=started_on or today(),
        channel=channel,
        through=through or REGISTRATION,
    )


@transaction.atomic
def _person_register_matched(
    *,
    actor: Actor,
    record: RegisterRecord,
    basis: str,
    basis_reason: str,
    started_on: date,
    channel: str,
    through: str,
) -> Person:
    from helhet.consent.services import involvement_open_for

    person = _person_from_register(actor=actor, record=record)
    guardians_from_register(actor=actor, child=person, record=record)
    already = Involvement.objects.filter(
        involvement_active_q(today()), organisation_id=actor.organisation_id, person=person
    ).exists()
    if not already:
        involvement_open_for(
            actor=actor,
            organisation=actor.organisation,
            person=person,
            started_on=started_on,
            responsible=actor.user,
            basis=basis,
            basis_reason=basis_reason,
            decided_by=actor.user,
        )
    access_record(
        actor=actor,
        person_ids=[person.pk],
        categories=[IDENTITY],
        channel=channel,
        through=through,
        reason=REGISTRATION,
    )
    return person


def _person_from_register(*, actor: Actor | None, record: RegisterRecord) -> Person:
    """The person as the register knows them, created if Helhet has never held them."""
    from helhet.tenancy.models import Municipality

    person = Person.objects.filter(national_id=record.national_id).first()
    if person is None:
        parsed = nid.parse(record.national_id)
        municipality = Municipality.objects.get(number=record.municipality)
        person = Person(
            municipality=municipality,
            national_id=record.national_id,
            given_name=record.given_name,
            family_name=record.family_name,
            birth_date=parsed.birth_date,
        )
        person.full_clean()
        person.save()
        change_record(
            actor=actor,
            action="person.create",
            instance=person,
            person_id=person.pk,
            municipality_id=municipality.pk,
            changes={"source": "population_register"},
        )
    elif (person.given_name, person.family_name) != (record.given_name, record.family_name):
        # The register is the source of names; a changed name follows it.
        person.given_name, person.family_name = record.given_name, record.family_name
        person.save(update_fields=["given_name", "family_name"])
        change_record(
            actor=actor,
            action="person.rename_from_register",
            instance=person,
            person_id=person.pk,
            municipality_id=person.municipality_id,
        )
    return person


def guardians_from_register(
    *, actor: Actor | None, child: Person, record: RegisterRecord
) -> list[Relation]:
    """Record the guardians the register names for a person (idempotent)."""
    relations = []
    register = population_register()
    for guardian_nid in record.guardians:
        guardian_record = register.lookup(guardian_nid)
        if guardian_record is None:
            continue
        guardian = _person_from_register(actor=actor, record=guardian_record)
        relation = Relation.objects.filter(
            person=child, relative=guardian, kind=RelationKind.GUARDIAN
        ).first()
        if relation is None:
            relation = Relation.objects.create(
                municipality_id=child.municipality_id,
                person=child,
                relative=guardian,
                kind=RelationKind.GUARDIAN,
                source=RelationSource.REGISTER,
            )
        elif relation.source != RelationSource.REGISTER:
            relation.source = RelationSource.REGISTER
            relation.save(update_fields=["source"])
        else:
            relations.append(relation)
            continue
        change_record(
            actor=actor,
            action="guardian.from_register",
            instance=relation,
            person_id=child.pk,
            municipality_id=child.municipality_id,
            changes={"guardian": guardian.pk},
        )
        relations.append(relation)
    return relations


@transaction.atomic
def family_create(*, actor: Actor, name: str, members: list[tuple[int, str]]) -> Family:
    """A household of persons the actor knows. ``members`` is (person id, household role)."""
    name = name.strip()
    if not name:
        raise FamilyInvalid(N_("A family needs a name."))
    if not members:
        raise FamilyInvalid(N_("A family needs at least one member."))
    seen: set[int] = set()
    for person_id, role in members:
        if role not in HouseholdRole.values:
            raise FamilyInvalid(_("Unknown household role: %(r)s.") % {"r": role})
        if person_id in seen:
            raise FamilyInvalid(N_("A person is listed twice in the family."))
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
        raise RelationInvalid(_("Unknown relation: %(k)s.") % {"k": kind})
    if kind == RelationKind.GUARDIAN:
        raise GuardianshipNotFree()
    if person_id == relative_id:
        raise RelationInvalid(N_("A person cannot be their own relative."))
    person = person_for_write(actor, person_id)
    relative = person_for_write(actor, relative_id)
    relation, _created = Relation.objects.get_or_create(
        person=person,
        relative=relative,
        kind=kind,
        defaults={"municipality_id": person.municipality_id, "source": RelationSource.RECORDED},
    )
    inverse = _INVERSE.get(RelationKind(kind))
    if inverse:
        Relation.objects.get_or_create(
            person=relative,
            relative=person,
            kind=inverse,
            defaults={"municipality_id": person.municipality_id, "source": RelationSource.RECORDED},
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
def guardianship_decide(*, actor: Actor, person_id: int, guardian_id: int, reason: str) -> Relation:
    """A manager's decision that ``guardian`` has custody of a child the register does not
    (yet) show, with a written reason. Logged, and the managers of every organisation working
    with the child are told, so no one can quietly make themselves a parent's ally."""
    from helhet.consent.policies import ADULT_AGE, age_on

    require_guardianship_decider(actor)
    reason = (reason or "").strip()
    if not reason:
        raise GuardianshipDecisionInvalid(
            N_(
                "Give the reason for the decision (for example the court order or the "
                "register notice it rests on)."
            ),
            details={"reason": "required"},
        )
    if person_id == guardian_id:
        raise GuardianshipDecisionInvalid(N_("A person cannot be their own guardian."))
    child = person_for_write(actor, person_id)
    guardian = person_for_write(actor, guardian_id)
    if age_on(child.birth_date, today()) >= ADULT_AGE:
        raise GuardianshipDecisionInvalid(N_("Only a child under 18 has a guardian here."))
    if age_on(guardian.birth_date, today()) < ADULT_AGE:
        raise GuardianshipDecisionInvalid(N_("A guardian must be an adult."))
    relation = Relation.objects.filter(
        person=child, relative=guardian, kind=RelationKind.GUARDIAN
    ).first()
    if relation is not None and relation.source in TRUSTED:
        return relation
    if relation is None:
        relation = Relation(
            municipality_id=child.municipality_id,
            person=child,
            relative=guardian,
            kind=RelationKind.GUARDIAN,
        )
    relation.source = RelationSource.MANAGER_DECISION
    relation.decided_by = actor.user
    relation.reason = reason
    relation.full_clean()
    relation.save()
    change_record(
        actor=actor,
        action="guardian.decide",
        instance=relation,
        person_id=child.pk,
        changes={"guardian": guardian.pk, "reason": reason},
    )
    _tell_managers_of_guardianship(actor=actor, child=child, relation=relation)
    return relation


def _tell_managers_of_guardianship(*, actor: Actor, child: Person, relation: Relation) -> None:
    from django.urls import reverse

    from helhet.notifications.services import notify
    from helhet.tenancy.models import Membership, Role

    org_ids = set(
        Involvement.objects.filter(involvement_active_q(today()), person=child).values_list(
            "organisation_id", flat=True
        )
    )
    managers = Membership.objects.filter(
        organisation_id__in=org_ids, role=Role.MANAGER, active=True
    ).select_related("user")
    for membership in managers:
        if membership.user_id == actor.user.pk:
            continue
        notify(
            recipient=membership.user,
            kind="guardian_decided",
            key=f"guardian-decided:{relation.pk}",
            title=_("A manager has recorded a guardian by decision"),
            body=_("Recorded by %(org)s. Open the person to see the decision and its reason.")
            % {"org": actor.organisation.name},
            url=reverse("web:person_detail", args=[child.pk]),
            municipality_id=child.municipality_id,
        )


@transaction.atomic
def entry_record(
    *, actor: Actor, person_id: int, category: str, title: str, text: str
) -> InformationEntry:
    """Record information the actor's organisation holds about a person it works with."""
    if category not in InformationCategory.values:
        raise CategoryUnknown(_("Unknown information category: %(c)s.") % {"c": category})
    person = person_for_write(actor, person_id)
    if not title.strip() or not text.strip():
        raise EntryInvalid(N_("An entry needs a title and a text."))
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
