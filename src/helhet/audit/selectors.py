"""Reads of the audit trail: who has looked at a person, and an organisation's own log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import AccessEvent, ChangeEvent, Outcome
from helhet.audit.services import access_record
from helhet.consent.models import Involvement
from helhet.consent.policies import involvement_active_q, readable_q
from helhet.core.dates import today
from helhet.core.errors import PermissionDenied
from helhet.people.categories import IDENTITY
from helhet.people.models import Person
from helhet.people.selectors import person_known_or_404
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

ACCESS_LOG_CATEGORY = "access_log"
ACCESS_LOG_LIMIT = 500
LOG_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


class AccessLogDenied(PermissionDenied):
    code = "access_log_denied"
    default_message = N_(
        "Only a coordinator or manager, or the caseworker responsible for the person, can see "
        "who has looked at this person's data."
    )


def _may_see_access_log(actor: Actor, person_id: int) -> bool:
    if actor.role in {Role.COORDINATOR, Role.MANAGER}:
        return True
    return Involvement.objects.filter(
        involvement_active_q(today()),
        person_id=person_id,
        organisation_id=actor.organisation_id,
        responsible=actor.user,
    ).exists()


@dataclass
class PersonAccessLog:
    person: Person
    events: list[AccessEvent]


def person_access_log_for(
    *, actor: Actor, person_id: int, channel: str, through: str, limit: int = ACCESS_LOG_LIMIT
) -> PersonAccessLog:
    """Who has looked at this person's data, newest first: the actor's own organisation and
    every organisation whose involvement with the person the actor may see.

    Seeing the log is itself a read of the person's data and is logged like any other.
    """
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    if not _may_see_access_log(actor, person_id):
        access_record(
            actor=actor,
            person_ids=[person_id],
            categories=[ACCESS_LOG_CATEGORY],
            channel=channel,
            through=through,
            outcome=Outcome.DENIED,
            reason="role",
        )
        raise AccessLogDenied()
    # Reads by an organisation whose involvement the actor may not see would reveal that
    # involvement (a child-welfare caseworker's look is itself child-welfare information).
    visible_orgs = (
        Involvement.objects.filter(person_id=person_id)
        .filter(readable_q(actor))
        .values("organisation_id")
    )
    events = list(
        AccessEvent.objects.filter(person_id=person_id)
        .filter(
            Q(organisation_id=actor.organisation_id)
            | Q(organisation_id__in=visible_orgs)
            # Reads of the actor's own organisation's entries, whoever made them.
            | Q(owners__organisation_id=actor.organisation_id)
        )
        .distinct()
        .order_by("-at", "-id")[:limit]
    )
    access_record(
        actor=actor,
        person_ids=[person_id],
        categories=[IDENTITY, ACCESS_LOG_CATEGORY],
        channel=channel,
        through=through,
    )
    return PersonAccessLog(person=person, events=events)


def organisation_access_log(*, actor: Actor) -> QuerySet[AccessEvent]:
    """A manager's view of the reads made by their own organisation's staff."""
    if actor.role not in LOG_ROLES:
        raise PermissionDenied(
            N_("Only managers and administrators can see the organisation's log.")
        )
    return AccessEvent.objects.filter(organisation_id=actor.organisation_id).order_by("-at", "-id")


def reads_of_our_data(*, actor: Actor) -> QuerySet[AccessEvent]:
    """Reads by other organisations that returned entries the actor's organisation recorded:
    the data's owner sees who read its data, newest first (paginate; the rows carry the
    reader and the categories, the person only as a reference)."""
    if actor.role not in LOG_ROLES:
        raise PermissionDenied(
            N_("Only managers and administrators can see who has read the organisation's data.")
        )
    return (
        AccessEvent.objects.filter(owners__organisation_id=actor.organisation_id)
        .exclude(organisation_id=actor.organisation_id)
        .order_by("-at", "-id")
    )


def my_access_log(*, actor: Actor) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(user_id=actor.user.pk).order_by("-at", "-id")


def change_log_for_organisation(
    *, actor: Actor, limit: int = ACCESS_LOG_LIMIT
) -> QuerySet[ChangeEvent]:
    if actor.role not in {Role.MANAGER, Role.ADMINISTRATOR}:
        raise PermissionDenied(N_("Only managers and administrators can see the change log."))
    return ChangeEvent.objects.filter(organisation_id=actor.organisation_id).order_by("-at", "-id")[
        :limit
    ]
