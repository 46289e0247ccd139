"""The staff side of Min side: what a child-welfare service has restricted a guardian from
seeing. A read by staff (an ``Actor``), checked and logged like any other staff read."""

from __future__ import annotations

from dataclasses import dataclass

from helhet.audit.services import access_record, deny_unknown
from helhet.core.categories import IDENTITY
from helhet.people.errors import PersonNotFound
from helhet.people.models import Person, RelationKind
from helhet.people.selectors import person_known_or_404
from helhet.portal.models import GuardianRestriction
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import OrganisationKind


@dataclass
class GuardianRow:
    guardian: Person
    restriction: GuardianRestriction | None


@dataclass
class ChildRestrictions:
    child: Person
    guardians: list[GuardianRow]


def guardian_restrictions_for(
    *, actor: Actor, child_id: int, channel: str, through: str
) -> ChildRestrictions:
    """A child's guardians and whether each is restricted on Min side, for the child-welfare
    service that works with the child (others: the same 404 as for an unknown person)."""
    child = person_known_or_404(actor, child_id, channel=channel, through=through)
    if actor.organisation.kind != OrganisationKind.CHILD_WELFARE:
        deny_unknown(
            PersonNotFound(),
            actor=actor,
            target_ref="",
            channel=channel,
            through=through,
            reason="not_child_welfare",
            categories=[IDENTITY],
            person_ids=[child.pk],
        )
    guardians = list(
        Person.objects.filter(
            relations_as_relative__person=child, relations_as_relative__kind=RelationKind.GUARDIAN
        ).distinct()
    )
    restrictions = {
        r.guardian_id: r
        for r in GuardianRestriction.objects.filter(child=child, lifted_at__isnull=True)
    }
    access_record(
        actor=actor,
        person_ids=[child.pk, *(g.pk for g in guardians)],
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return ChildRestrictions(
        child=child,
        guardians=[GuardianRow(guardian=g, restriction=restrictions.get(g.pk)) for g in guardians],
    )
