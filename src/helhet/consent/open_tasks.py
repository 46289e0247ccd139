"""The consent app's answer to the log review's "no open task" rule (``audit.review``)."""

from __future__ import annotations

from datetime import date

from helhet.audit.models import AccessEvent
from helhet.audit.review import TaskCheck, local_day
from helhet.consent.models import Involvement


def responsible_involvements(events: list[AccessEvent]) -> TaskCheck:
    """An involvement of the reader's organisation with the person, active on the day of the
    read, that the reader is responsible for (or nobody is). One query."""
    persons = {e.person_id for e in events if e.person_id}
    orgs = {e.organisation_id for e in events if e.organisation_id}
    involvements: dict[tuple[int, int], list[tuple[date, date | None, int | None]]] = {}
    for org_id, person_id, start, end, responsible in Involvement.objects.filter(
        person_id__in=persons, organisation_id__in=orgs
    ).values_list("organisation_id", "person_id", "started_on", "ended_on", "responsible_id"):
        involvements.setdefault((org_id, person_id), []).append((start, end, responsible))

    def has_task(e: AccessEvent) -> bool:
        day = local_day(e)
        return any(
            start <= day and (end is None or end >= day) and responsible in (None, e.user_id)
            for start, end, responsible in involvements.get(
                (e.organisation_id or 0, e.person_id or 0), []
            )
        )

    return has_task
