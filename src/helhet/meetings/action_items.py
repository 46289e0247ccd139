"""Action items of a meeting: something an organisation taking part will do.

Staff of any organisation taking part add them. An item is owned by one of those
organisations, is for someone the meeting is about (or no one), and carries the information
category the owner's work reveals; ``plans.from_meetings`` makes it a measure in the family
plan (the plans app builds on meetings, not the other way round).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.categories import InformationCategory
from helhet.core.text import clean_text
from helhet.meetings.errors import ActionItemInvalid
from helhet.meetings.models import ActionItem, Meeting, Participant
from helhet.meetings.services import meeting_for_write
from helhet.people.categories import involvement_category
from helhet.people.models import FamilyMember
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation


def _meeting_person_ids(meeting: Meeting) -> set[int]:
    """The persons an action item of this meeting may be for."""
    ids = set(
        Participant.objects.filter(meeting=meeting, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    if meeting.person_id:
        ids.add(meeting.person_id)
    if meeting.family_id:
        ids.update(
            FamilyMember.objects.filter(family_id=meeting.family_id).values_list(
                "person_id", flat=True
            )
        )
    return ids


@transaction.atomic
def action_item_add(
    *,
    actor: Actor,
    meeting_id: int,
    title: str,
    owner_organisation_id: int,
    owner_user_id: int | None = None,
    due_date: date | None = None,
    person_id: int | None = None,
    category: str | None = None,
) -> ActionItem:
    """Something an organisation taking part will do. ``category`` defaults to the one the
    owner's work reveals (health for a health service, …), which is what the measure made
    from it will carry in the plan."""
    meeting = meeting_for_write(actor, meeting_id)
    title = clean_text(title)
    if not title:
        raise ActionItemInvalid(N_("An action item needs a title."), details={"field": "title"})
    owner = Organisation.objects.filter(
        pk=owner_organisation_id, meeting_participations__meeting=meeting
    ).first()
    if owner is None:
        raise ActionItemInvalid(
            N_("An action item is owned by an organisation taking part in the meeting."),
            details={"field": "owner_organisation"},
        )
    if (
        owner_user_id is not None
        and not Membership.objects.filter(
            user_id=owner_user_id, organisation=owner, active=True, user__is_active=True
        ).exists()
    ):
        raise ActionItemInvalid(
            N_("The responsible person must work in the owning organisation."),
            details={"field": "owner_user"},
        )
    if person_id is not None and person_id not in _meeting_person_ids(meeting):
        raise ActionItemInvalid(
            N_("The action item must be for someone the meeting is about."),
            details={"field": "person"},
        )
    category = category or involvement_category(owner.kind)
    if category not in InformationCategory.values:
        raise ActionItemInvalid(N_("Unknown information category."), details={"field": "category"})
    item = ActionItem(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        title=title,
        owner_organisation=owner,
        owner_user_id=owner_user_id,
        due_date=due_date,
        person_id=person_id,
        category=category,
        created_by=actor.user,
    )
    item.full_clean()
    item.save()
    change_record(
        actor=actor,
        action="meeting.action_item_add",
        instance=item,
        person_id=person_id,
        changes={
            "meeting": meeting.pk,
            "title": title,
            "owner": owner.pk,
            "due_date": due_date,
            "category": category,
        },
    )
    return item
