"""Reads of consents and involvements, scoped to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from helhet.audit.services import access_record, access_record_each
from helhet.consent.models import Consent, Involvement
from helhet.consent.policies import involvement_active_q, persons_known_to, today
from helhet.people.categories import IDENTITY
from helhet.people.models import Person, RelationKind
from helhet.people.selectors import person_known_or_404
from helhet.tenancy.actor import Actor

CONSENT_CATEGORY = "consent"


def consents_visible_to(actor: Actor) -> QuerySet[Consent]:
    """Consents about persons the actor knows that name or were recorded by their organisation.

    A consent that names neither would tell the actor which other agencies work with the person.
    """
    if not actor.works_with_people:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(organisations=actor.organisation_id)
        | Q(recorded_by_organisation_id=actor.organisation_id),
        person__in=persons_known_to(actor),
    ).distinct()


@dataclass
class ConsentHistory:
    person: Person
    consents: list[Consent]
    # Who can consent for the person: the person (if adult) and guardians the actor knows.
    givers: list[Person]


def consents_for_person(
    *, actor: Actor, person_id: int, channel: str, through: str
) -> ConsentHistory:
    """The consent history of a person, newest first, as far as the actor may see it."""
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    known = persons_known_to(actor)
    guardians = list(
        known.filter(
            relations_as_relative__person=person,
            relations_as_relative__kind=RelationKind.GUARDIAN,
        ).distinct()
    )
    consents = list(
        consents_visible_to(actor)
        .filter(person_id=person_id)
        .select_related("given_by", "recorded_by", "recorded_by_organisation", "withdrawn_by")
        .prefetch_related("organisations", "categories")
        .order_by("-recorded_at", "-id")
    )
    reads: dict[int, list[str]] = {g.pk: [IDENTITY] for g in guardians}
    reads[person.pk] = [IDENTITY, CONSENT_CATEGORY]
    access_record_each(actor=actor, reads=reads, channel=channel, through=through)
    return ConsentHistory(person=person, consents=consents, givers=[person, *guardians])


def involvements_of_actor(actor: Actor) -> QuerySet[Involvement]:
    """The actor's own organisation's active involvements (its caseload)."""
    if not actor.works_with_people:
        return Involvement.objects.none()
    return Involvement.objects.filter(
        involvement_active_q(today()), organisation_id=actor.organisation_id
    ).select_related("person", "responsible")


def caseload_for(*, actor: Actor, channel: str, through: str, limit: int = 50) -> list[Involvement]:
    """The involvements the actor is responsible for; listing the names is a read, so logged."""
    involvements = list(
        involvements_of_actor(actor)
        .filter(responsible=actor.user)
        .order_by("person__family_name", "person__given_name")[:limit]
    )
    access_record(
        actor=actor,
        person_ids=[i.person_id for i in involvements],
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return involvements
