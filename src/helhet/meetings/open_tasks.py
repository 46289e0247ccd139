"""The meetings' answer to the log review's "no open task" rule (``audit.review``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

from helhet.audit.models import AccessEvent
from helhet.audit.review import TaskCheck
from helhet.meetings.models import Meeting
from helhet.people.models import FamilyMember

# A meeting counts as an open task from this long before it until this long after it (the
# minutes are written afterwards).
MEETING_BEFORE = timedelta(days=90)
MEETING_AFTER = timedelta(days=14)


def meetings_near(events: list[AccessEvent]) -> TaskCheck:
    """A meeting about the person, their family or with them taking part, that the reader's
    organisation organises or takes part in, near the time of the read. Two queries."""
    persons = {e.person_id for e in events if e.person_id}
    orgs = {e.organisation_id for e in events if e.organisation_id}
    families: dict[int, set[int]] = {}
    for family_id, person_id in FamilyMember.objects.filter(person_id__in=persons).values_list(
        "family_id", "person_id"
    ):
        families.setdefault(family_id, set()).add(person_id)
    meetings: dict[tuple[int, int], list[datetime]] = {}
    first = min(e.at for e in events) - MEETING_AFTER
    last = max(e.at for e in events) + MEETING_BEFORE
    meeting_rows = (
        Meeting.objects.filter(starts_at__gte=first, starts_at__lte=last)
        .filter(
            Q(person_id__in=persons)
            | Q(family_id__in=families)
            | Q(participants__person_id__in=persons)
        )
        .filter(Q(organiser_organisation_id__in=orgs) | Q(participants__organisation_id__in=orgs))
        .values_list(
            "starts_at",
            "person_id",
            "family_id",
            "participants__person_id",
            "organiser_organisation_id",
            "participants__organisation_id",
        )
        .distinct()
    )
    for starts, about, family_id, participant, organiser, participant_org in meeting_rows:
        people = {about, participant} | families.get(family_id or 0, set())
        for person_id in people - {None}:
            for org_id in {organiser, participant_org} - {None}:
                meetings.setdefault((org_id, person_id), []).append(starts)

    def has_task(e: AccessEvent) -> bool:
        return any(
            e.at - MEETING_BEFORE <= starts <= e.at + MEETING_AFTER
            for starts in meetings.get((e.organisation_id or 0, e.person_id or 0), [])
        )

    return has_task
