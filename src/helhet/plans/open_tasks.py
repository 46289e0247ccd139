"""The plans' answers to the log review's "no open task" rule (``audit.review``)."""

from __future__ import annotations

from helhet.audit.models import AccessEvent
from helhet.audit.review import TaskCheck
from helhet.people.models import FamilyMember
from helhet.plans.models import OPEN_STATUSES, FamilyPlan, Measure


def open_measures(events: list[AccessEvent]) -> TaskCheck:
    """An open measure for the person that the reader's organisation owns. One query."""
    persons = {e.person_id for e in events if e.person_id}
    orgs = {e.organisation_id for e in events if e.organisation_id}
    measures = set(
        Measure.objects.filter(
            person_id__in=persons, organisation_id__in=orgs, status__in=OPEN_STATUSES
        ).values_list("organisation_id", "person_id")
    )

    def has_task(e: AccessEvent) -> bool:
        return (e.organisation_id or 0, e.person_id or 0) in measures

    return has_task


def coordinated_plans(events: list[AccessEvent]) -> TaskCheck:
    """The family plan of a family the person belongs to, coordinated by the reader. Two
    queries."""
    persons = {e.person_id for e in events if e.person_id}
    families: dict[int, set[int]] = {}
    for family_id, person_id in FamilyMember.objects.filter(person_id__in=persons).values_list(
        "family_id", "person_id"
    ):
        families.setdefault(family_id, set()).add(person_id)
    coordinated: set[tuple[int, int]] = set()
    for coordinator_id, family_id in FamilyPlan.objects.filter(
        family_id__in=families, coordinator__isnull=False
    ).values_list("coordinator_id", "family_id"):
        coordinated.update((coordinator_id, p) for p in families[family_id])

    def has_task(e: AccessEvent) -> bool:
        return (e.user_id, e.person_id) in coordinated

    return has_task
