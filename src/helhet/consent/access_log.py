"""Who has looked at a person's data: the access log of one person, for the staff who may see it.

It lives here, above the audit trail, because what it shows depends on the person's
involvements: the log leaves out the reads by organisations whose involvement the actor may
not see (``readable_q``), and who may open it at all is the consent policy's
``can_see_access_log``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from helhet.audit.errors import AccessLogDenied
from helhet.audit.models import AccessEvent, Outcome
from helhet.audit.selectors import ACCESS_LOG_CATEGORY, ACCESS_LOG_LIMIT
from helhet.audit.services import access_record
from helhet.consent.models import Involvement
from helhet.consent.policies import can_see_access_log, readable_q
from helhet.core.categories import IDENTITY
from helhet.people.models import Person
from helhet.people.selectors import person_known_or_404
from helhet.tenancy.actor import Actor


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
    if not can_see_access_log(actor, person_id):
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
