"""Reads of meetings. Each checks who may see the meeting and writes the access log.

A meeting is visible to the staff (in a role that works with people) of the organisations
that take part in it, and to nobody else: anyone else gets the same 404 as for a meeting
that does not exist, logged as denied. Taking part is the basis for seeing the meeting as a
whole: its family, the person it is about, the participants, agenda, minutes, decisions and
action items. What a measure made from an action item shows in the family plan follows the
plan's own rules (consent per category).

Reading a meeting logs one row per person it names (the person it is about, family members
taking part, persons of action items, and the family's members the actor's organisation
knows), in one INSERT. Query counts do not grow with the meeting: ``meeting_get_for`` runs
6 queries for a meeting about a family, however many participants, decisions and items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from helhet.audit.services import access_record, deny_unknown
from helhet.consent.policies import persons_known_to
from helhet.core.categories import IDENTITY
from helhet.meetings.errors import MeetingNotFound
from helhet.meetings.models import ActionItem, Decision, Meeting, Participant
from helhet.meetings.policies import can_add_participants
from helhet.people.models import FamilyMember, Person
from helhet.people.selectors import require_case_role
from helhet.tenancy.actor import Actor

# The access-log category for what a meeting says about a person (agenda, minutes, …).
MEETING_CATEGORY = "meeting"
LIST_LIMIT = 100


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Meetings the actor's organisation takes part in. Scoping only: callers that show
    them must log the read."""
    if not actor.works_with_people:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        Exists(
            Participant.objects.filter(
                meeting_id=OuterRef("pk"), organisation_id=actor.organisation_id
            )
        )
    )


def _family_members_known(actor: Actor, family_ids: Iterable[int]) -> dict[int, list[Person]]:
    rows = (
        FamilyMember.objects.filter(
            family_id__in=sorted(set(family_ids)), person__in=persons_known_to(actor)
        )
        .select_related("person")
        .order_by("role", "person__birth_date", "person_id")
    )
    members: dict[int, list[Person]] = defaultdict(list)
    for fm in rows:
        members[fm.family_id].append(fm.person)
    return members


def _log_list(actor: Actor, meetings: list[Meeting], *, channel: str, through: str) -> None:
    person_ids = {m.person_id for m in meetings if m.person_id}
    family_ids = [m.family_id for m in meetings if m.family_id]
    if family_ids:
        for persons in _family_members_known(actor, family_ids).values():
            person_ids.update(p.pk for p in persons)
    access_record(
        actor=actor,
        person_ids=sorted(person_ids),
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )


def _listed(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("family", "person", "organiser_organisation")


def upcoming_meetings_for(
    actor: Actor, *, days: int = 14, channel: str = "web", through: str = "dashboard"
) -> list[Meeting]:
    """The actor's organisation's meetings from now until ``days`` ahead, soonest first.

    Empty for a role that does not work with people. Logged as identity reads of the
    persons the meetings are about.
    """
    if not actor.works_with_people:
        return []
    now = timezone.now()
    meetings = list(
        _listed(meetings_visible_to(actor))
        .filter(ends_at__gte=now, starts_at__lte=now + timedelta(days=days))
        .order_by("starts_at", "id")[:LIST_LIMIT]
    )
    _log_list(actor, meetings, channel=channel, through=through)
    return meetings


@dataclass
class MeetingList:
    upcoming: list[Meeting]
    earlier: list[Meeting]


def meeting_list_for(*, actor: Actor, channel: str, through: str) -> MeetingList:
    """Upcoming meetings (soonest first) and the latest earlier ones, at most 100 each."""
    require_case_role(actor, channel=channel, through=through, target="meetings")
    now = timezone.now()
    visible = _listed(meetings_visible_to(actor))
    upcoming = list(visible.filter(ends_at__gte=now).order_by("starts_at", "id")[:LIST_LIMIT])
    earlier = list(visible.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:LIST_LIMIT])
    _log_list(actor, upcoming + earlier, channel=channel, through=through)
    return MeetingList(upcoming=upcoming, earlier=earlier)


@dataclass
class MeetingView:
    meeting: Meeting
    participants: list[Participant]
    decisions: list[Decision]
    action_items: list[ActionItem]
    # The family's members the actor's organisation knows (named on the page).
    family_members: list[Person] = field(default_factory=list)
    is_organiser: bool = False

    @property
    def persons(self) -> list[Person]:
        """The persons this meeting names: who it is about, family members (known to the
        actor) and family members taking part. Choices for an action item's person."""
        seen: dict[int, Person] = {}
        if self.meeting.person is not None:
            seen[self.meeting.person.pk] = self.meeting.person
        for p in self.family_members:
            seen.setdefault(p.pk, p)
        for participant in self.participants:
            if participant.person is not None:
                seen.setdefault(participant.person.pk, participant.person)
        return list(seen.values())

    @property
    def organisations(self) -> list[tuple[int, str]]:
        """The organisations taking part (choices for an action item's owner)."""
        seen: dict[int, str] = {}
        for participant in self.participants:
            if participant.organisation is not None:
                seen.setdefault(participant.organisation.pk, participant.organisation.name)
        return sorted(seen.items(), key=lambda item: item[1])


def meeting_get_or_404(actor: Actor, meeting_id: int, *, channel: str, through: str) -> Meeting:
    require_case_role(actor, channel=channel, through=through, target=f"meeting:{meeting_id}")
    meeting = (
        meetings_visible_to(actor)
        .filter(pk=meeting_id)
        .select_related("family", "person", "organiser", "organiser_organisation")
        .first()
    )
    if meeting is None:
        deny_unknown(
            MeetingNotFound(),
            actor=actor,
            target_ref=f"meeting:{meeting_id}",
            channel=channel,
            through=through,
            reason="not_involved",
        )
    return meeting


def meeting_get_for(*, actor: Actor, meeting_id: int, channel: str, through: str) -> MeetingView:
    """One meeting with its participants, decisions and action items."""
    meeting = meeting_get_or_404(actor, meeting_id, channel=channel, through=through)
    view = MeetingView(
        meeting=meeting,
        participants=list(
            Participant.objects.filter(meeting=meeting)
            .select_related("organisation", "user", "person")
            .order_by("id")
        ),
        decisions=list(
            Decision.objects.filter(meeting=meeting).select_related("created_by").order_by("id")
        ),
        action_items=list(
            ActionItem.objects.filter(meeting=meeting)
            .select_related("owner_organisation", "owner_user", "person", "measure__plan")
            .order_by("id")
        ),
        is_organiser=can_add_participants(actor, meeting),
    )
    if meeting.family_id:
        view.family_members = _family_members_known(actor, [meeting.family_id]).get(
            meeting.family_id, []
        )
    person_ids = {p.pk for p in view.persons}
    person_ids.update(i.person_id for i in view.action_items if i.person_id)
    access_record(
        actor=actor,
        person_ids=sorted(person_ids),
        categories=[IDENTITY, MEETING_CATEGORY],
        channel=channel,
        through=through,
    )
    return view


def meeting_invite_for(*, actor: Actor, meeting_id: int, channel: str, through: str) -> Meeting:
    """The meeting for its calendar invite (title, time and place only). Logged as a read
    of the person it is about, if any."""
    meeting = meeting_get_or_404(actor, meeting_id, channel=channel, through=through)
    access_record(
        actor=actor,
        person_ids=[meeting.person_id] if meeting.person_id else [],
        categories=[IDENTITY, MEETING_CATEGORY],
        channel=channel,
        through=through,
    )
    return meeting
