"""From a meeting to the family plan: an action item becomes a measure.

The measure is owned by the organisation the action item is assigned to, in the family's
plan (made if there is none), once. The plans app builds on meetings; meetings knows nothing
of plans.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.policies import persons_known_to
from helhet.meetings.errors import ActionItemInvalid, ActionItemNotFound
from helhet.meetings.models import ActionItem
from helhet.meetings.selectors import meetings_visible_to
from helhet.people.errors import NoPersonalDataAccess
from helhet.people.models import FamilyMember
from helhet.plans.models import Measure
from helhet.plans.services import measure_add, plan_get_or_create
from helhet.tenancy.actor import Actor


@transaction.atomic
def action_item_to_measure(
    *, actor: Actor, action_item_id: int, goal_id: int | None = None
) -> Measure:
    """Make the action item a measure in the family plan, owned by the item's organisation.

    The family is the meeting's, or else the family of the person the item is for (the
    plan is made if the family has none). Idempotent: once the item is a measure, the same
    measure is returned. The plan shows the measure to the owner and to organisations whose
    consent covers its category; the actor needs to know the person, not to see the measure.
    """
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .filter(meeting__in=meetings_visible_to(actor), pk=action_item_id)
        .first()
    )
    if item is None:
        raise ActionItemNotFound()
    if item.measure_id is not None:
        return Measure.objects.get(pk=item.measure_id)
    meeting = item.meeting
    person_id = item.person_id or meeting.person_id
    if person_id is None:
        raise ActionItemInvalid(
            N_("Say which family member the action item is for before making it a measure."),
            details={"field": "person"},
        )
    family_id = meeting.family_id
    if family_id is None:
        family_id = (
            FamilyMember.objects.filter(person_id=person_id, person__in=persons_known_to(actor))
            .order_by("family_id")
            .values_list("family_id", flat=True)
            .first()
        )
    if family_id is None:
        raise ActionItemInvalid(
            N_("The person belongs to no family you know of, so there is no plan to add to."),
            details={"field": "person"},
        )
    plan = plan_get_or_create(actor=actor, family_id=family_id)
    measure = measure_add(
        actor=actor,
        plan_id=plan.pk,
        person_id=person_id,
        category=item.category,
        title=item.title,
        responsible_id=item.owner_user_id,
        due_date=item.due_date,
        goal_id=goal_id,
        action_item_id=item.pk,
    )
    item.measure = measure
    item.save(update_fields=["measure"])
    change_record(
        actor=actor,
        action="meeting.action_item_to_measure",
        instance=item,
        person_id=person_id,
        changes={"measure": measure.pk, "plan": plan.pk},
    )
    return measure
