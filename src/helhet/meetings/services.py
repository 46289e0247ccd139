"""Writes for meetings: booking, participants, attendance, minutes and decisions.

* Booking: anyone in a role that works with people. A meeting about a family needs a member
  the actor's organisation knows; about a person, that person known. The organiser and
  their organisation take part from the start.
* Only the organiser's organisation adds participants.
* Staff of any organisation taking part may edit the agenda and minutes, record attendance,
  and add decisions and action items (``action_items``). Everyone else gets the meeting's
  404.

Every write records a change-log row in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.policies import persons_known_to
from helhet.core.text import clean_text
from helhet.meetings.errors import (
    MeetingInvalid,
    MeetingNotFound,
    ParticipantNotFound,
)
from helhet.meetings.models import (
    BOOKABLE_KINDS,
    Decision,
    Meeting,
    MeetingKind,
    Participant,
)
from helhet.meetings.policies import require_organiser
from helhet.meetings.selectors import meetings_visible_to
from helhet.people.errors import FamilyNotFound, NoPersonalDataAccess, PersonNotFound
from helhet.people.models import FamilyMember
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation

# Times outside these years are typing errors, and far-off ones overflow time-zone arithmetic.
FIRST_YEAR, LAST_YEAR = 1990, 2200


def _aware(value: datetime, field: str) -> datetime:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise MeetingInvalid(
            N_("The meeting time is not a plausible date."), details={"field": field}
        )
    if timezone.is_naive(value):
        return timezone.make_aware(value)  # naive times are Europe/Oslo wall-clock time
    return value


def meeting_for_write(actor: Actor, meeting_id: int) -> Meeting:
    """The meeting, locked, if the actor's organisation takes part (404 otherwise); every
    write to a meeting starts here."""
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    meeting = meetings_visible_to(actor).select_for_update().filter(pk=meeting_id).first()
    if meeting is None:
        raise MeetingNotFound()
    return meeting


def _organisations_in_municipality(municipality_id: int, ids: Iterable[int]) -> list[Organisation]:
    wanted = sorted(set(ids))
    found = list(Organisation.objects.filter(pk__in=wanted, municipality_id=municipality_id))
    if len(found) != len(wanted):
        raise MeetingInvalid(
            N_("One or more of the organisations does not exist."),
            details={"field": "organisation_ids"},
        )
    return found


@transaction.atomic
def meeting_book(
    *,
    actor: Actor,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    agenda: str = "",
    family_id: int | None = None,
    person_id: int | None = None,
    organisation_ids: Iterable[int] = (),
) -> Meeting:
    """Book a meeting. A family meeting is about a family, a responsibility group about a
    person; a case conference may be about neither (an anonymous case). The organisations in
    ``organisation_ids`` are invited as participants."""
    return _book(
        BOOKABLE_KINDS,
        actor=actor,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        agenda=agenda,
        family_id=family_id,
        person_id=person_id,
        organisation_ids=organisation_ids,
    )


@transaction.atomic
def meeting_book_for_network(
    *,
    actor: Actor,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    agenda: str = "",
    organisation_ids: Iterable[int] = (),
) -> Meeting:
    """Book a meeting of the kind "network meeting", which is not bookable on its own: only
    ``networks.services.network_meeting_book`` calls this, and links the meeting to its
    network in the same transaction."""
    return _book(
        (MeetingKind.NETWORK_MEETING,),
        actor=actor,
        kind=MeetingKind.NETWORK_MEETING,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        agenda=agenda,
        organisation_ids=organisation_ids,
    )


def _book(
    kinds: Iterable[str],
    *,
    actor: Actor,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    agenda: str,
    family_id: int | None = None,
    person_id: int | None = None,
    organisation_ids: Iterable[int],
) -> Meeting:
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    if kind not in kinds:
        raise MeetingInvalid(N_("Unknown kind of meeting."), details={"field": "kind"})
    title = clean_text(title)
    if not title:
        raise MeetingInvalid(N_("A meeting needs a title."), details={"field": "title"})
    starts_at, ends_at = _aware(starts_at, "starts_at"), _aware(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise MeetingInvalid(
            N_("A meeting must end after it starts."), details={"field": "ends_at"}
        )
    if kind == MeetingKind.FAMILY_MEETING and family_id is None:
        raise MeetingInvalid(N_("A family meeting needs a family."), details={"field": "family"})
    if kind == MeetingKind.RESPONSIBILITY_GROUP and person_id is None:
        raise MeetingInvalid(
            N_("A responsibility group meets about one person."), details={"field": "person"}
        )
    known = persons_known_to(actor)
    if (
        family_id is not None
        and not FamilyMember.objects.filter(family_id=family_id, person__in=known).exists()
    ):
        raise FamilyNotFound()
    if person_id is not None:
        if not known.filter(pk=person_id).exists():
            raise PersonNotFound()
        if (
            family_id is not None
            and not FamilyMember.objects.filter(family_id=family_id, person_id=person_id).exists()
        ):
            raise MeetingInvalid(
                N_("The person is not a member of the family."), details={"field": "person"}
            )
    invited = _organisations_in_municipality(
        actor.municipality_id, [o for o in organisation_ids if o != actor.organisation_id]
    )
    meeting = Meeting(
        municipality_id=actor.municipality_id,
        kind=kind,
        family_id=family_id,
        person_id=person_id,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=clean_text(location),
        agenda=clean_text(agenda),
        organiser=actor.user,
        organiser_organisation_id=actor.organisation_id,
    )
    meeting.full_clean()
    meeting.save()
    Participant.objects.bulk_create(
        [
            Participant(
                municipality_id=actor.municipality_id,
                meeting=meeting,
                organisation_id=actor.organisation_id,
                user=actor.user,
                role="organiser",
            ),
            *(
                Participant(
                    municipality_id=actor.municipality_id, meeting=meeting, organisation=org
                )
                for org in invited
            ),
        ]
    )
    change_record(
        actor=actor,
        action="meeting.book",
        instance=meeting,
        person_id=person_id,
        changes={
            "kind": kind,
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "family": family_id,
            "organisations": [o.pk for o in invited],
        },
    )
    return meeting


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    meeting_id: int,
    organisation_id: int | None = None,
    user_id: int | None = None,
    person_id: int | None = None,
    role: str = "",
) -> Participant:
    """Add an organisation (optionally a named member of its staff), or a family member.

    Only the organiser's organisation may. A member of staff must be active in the
    organisation named; a family member must be someone the actor's organisation knows.
    """
    meeting = meeting_for_write(actor, meeting_id)
    require_organiser(actor, meeting)
    if (organisation_id is None) == (person_id is None):
        raise MeetingInvalid(
            N_("Name either an organisation or a family member."),
            details={"field": "organisation"},
        )
    duplicate = Participant.objects.filter(meeting=meeting)
    if person_id is not None:
        if user_id is not None:
            raise MeetingInvalid(
                N_("A member of staff takes part on behalf of an organisation."),
                details={"field": "organisation"},
            )
        if not persons_known_to(actor).filter(pk=person_id).exists():
            raise PersonNotFound()
        duplicate = duplicate.filter(person_id=person_id)
    elif organisation_id is not None:
        _organisations_in_municipality(meeting.municipality_id, [organisation_id])
        if user_id is not None:
            if not Membership.objects.filter(
                user_id=user_id, organisation_id=organisation_id, active=True, user__is_active=True
            ).exists():
                raise MeetingInvalid(
                    N_("That member of staff does not work in the organisation."),
                    details={"field": "user"},
                )
            duplicate = duplicate.filter(user_id=user_id)
        else:
            duplicate = duplicate.filter(
                organisation_id=organisation_id, user__isnull=True, person__isnull=True
            )
    if duplicate.exists():
        raise MeetingInvalid(N_("They already take part."), details={"field": "participant"})
    participant = Participant(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        organisation_id=organisation_id,
        user_id=user_id,
        person_id=person_id,
        role=clean_text(role),
    )
    participant.full_clean()
    participant.save()
    change_record(
        actor=actor,
        action="meeting.participant_add",
        instance=participant,
        person_id=person_id,
        changes={
            "meeting": meeting.pk,
            "organisation": organisation_id,
            "user": user_id,
            "role": participant.role,
        },
    )
    return participant


@transaction.atomic
def attendance_record(
    *, actor: Actor, meeting_id: int, attendance: Mapping[int, bool | None]
) -> list[Participant]:
    """Record who attended: participant id → True (came), False (did not), None (unknown)."""
    meeting = meeting_for_write(actor, meeting_id)
    participants = {
        p.pk: p for p in Participant.objects.filter(meeting=meeting, pk__in=sorted(attendance))
    }
    if set(participants) != set(attendance):
        raise ParticipantNotFound()
    changed = []
    for pid, attended in attendance.items():
        participant = participants[pid]
        if participant.attended != attended:
            participant.attended = attended
            changed.append(participant)
    Participant.objects.bulk_update(changed, ["attended"])
    if changed:
        change_record(
            actor=actor,
            action="meeting.attendance",
            instance=meeting,
            person_id=meeting.person_id,
            changes={"attended": {str(p.pk): p.attended for p in changed}},
        )
    return list(
        Participant.objects.filter(meeting=meeting)
        .select_related("organisation", "user", "person")
        .order_by("id")
    )


@transaction.atomic
def minutes_update(
    *, actor: Actor, meeting_id: int, minutes: str | None = None, agenda: str | None = None
) -> Meeting:
    """Write the agenda and/or the minutes (the whole text)."""
    meeting = meeting_for_write(actor, meeting_id)
    changed: dict[str, str] = {}
    if minutes is not None and clean_text(minutes) != meeting.minutes:
        meeting.minutes = changed["minutes"] = clean_text(minutes)
    if agenda is not None and clean_text(agenda) != meeting.agenda:
        meeting.agenda = changed["agenda"] = clean_text(agenda)
    if not changed:
        return meeting
    meeting.full_clean()
    meeting.save(update_fields=[*changed, "updated_at"])
    change_record(
        actor=actor,
        action="meeting.minutes",
        instance=meeting,
        person_id=meeting.person_id,
        # The change log records that the text changed and its length, not the text itself.
        changes={k: {"length": len(v)} for k, v in changed.items()},
    )
    return meeting


@transaction.atomic
def decision_add(*, actor: Actor, meeting_id: int, text: str) -> Decision:
    meeting = meeting_for_write(actor, meeting_id)
    text = clean_text(text)
    if not text:
        raise MeetingInvalid(N_("Write the decision."), details={"field": "text"})
    decision = Decision(
        municipality_id=meeting.municipality_id, meeting=meeting, text=text, created_by=actor.user
    )
    decision.full_clean()
    decision.save()
    change_record(
        actor=actor,
        action="meeting.decision_add",
        instance=decision,
        person_id=meeting.person_id,
        changes={"meeting": meeting.pk},
    )
    return decision
