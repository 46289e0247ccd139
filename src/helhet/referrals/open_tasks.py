"""The referrals' answer to the log review's "no open task" rule (``audit.review``)."""

from __future__ import annotations

from django.db.models import Q

from helhet.audit.models import AccessEvent
from helhet.audit.review import TaskCheck
from helhet.referrals.models import OPEN_STATUSES, Referral


def open_referrals(events: list[AccessEvent]) -> TaskCheck:
    """A referral of the person to or from the reader's organisation that is still open.
    One query."""
    persons = {e.person_id for e in events if e.person_id}
    orgs = {e.organisation_id for e in events if e.organisation_id}
    referrals: set[tuple[int, int]] = set()
    for person_id, from_org, to_org in Referral.objects.filter(
        Q(from_organisation_id__in=orgs) | Q(to_organisation_id__in=orgs),
        person_id__in=persons,
        status__in=OPEN_STATUSES,
    ).values_list("person_id", "from_organisation_id", "to_organisation_id"):
        referrals.update({(from_org, person_id), (to_org, person_id)})

    def has_task(e: AccessEvent) -> bool:
        return (e.organisation_id or 0, e.person_id or 0) in referrals

    return has_task
