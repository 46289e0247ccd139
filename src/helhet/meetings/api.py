from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.meetings import action_items, selectors, services
from helhet.meetings.ics import meeting_ics
from helhet.meetings.models import ActionItem, Meeting, Participant
from helhet.meetings.selectors import MeetingView

router = Router(tags=["meetings"])


class MeetingOrganisationRef(Schema):
    id: int
    name: str


class MeetingPersonRef(Schema):
    id: int
    given_name: str
    family_name: str


class MeetingFamilyRef(Schema):
    id: int
    name: str


class MeetingSummaryOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    family: MeetingFamilyRef | None
    person: MeetingPersonRef | None
    organiser_organisation: MeetingOrganisationRef


class ParticipantOut(Schema):
    id: int
    organisation: MeetingOrganisationRef | None
    user: str | None
    person: MeetingPersonRef | None
    role: str
    attended: bool | None


class DecisionOut(Schema):
    id: int
    text: str
    created_at: datetime


class ActionItemOut(Schema):
    id: int
    title: str
    owner_organisation: MeetingOrganisationRef
    owner_user: str | None
    due_date: date | None
    person: MeetingPersonRef | None
    category: str
    measure_id: int | None


class MeetingDetailOut(MeetingSummaryOut):
    agenda: str
    minutes: str
    participants: list[ParticipantOut]
    decisions: list[DecisionOut]
    action_items: list[ActionItemOut]


class MeetingListOut(Schema):
    upcoming: list[MeetingSummaryOut]
    earlier: list[MeetingSummaryOut]


class MeetingIn(Schema):
    kind: str
    title: str = Field(max_length=200)
    starts_at: datetime
    ends_at: datetime
    location: str = Field(default="", max_length=200)
    agenda: str = Field(default="", max_length=20_000)
    family_id: ObjectId | None = None
    person_id: ObjectId | None = None
    organisation_ids: list[ObjectId] = Field(default_factory=list, max_length=50)


class ParticipantIn(Schema):
    organisation_id: ObjectId | None = None
    user_id: ObjectId | None = None
    person_id: ObjectId | None = None
    role: str = Field(default="", max_length=100)


class AttendanceIn(Schema):
    participant_id: ObjectId
    attended: bool | None


class MinutesIn(Schema):
    agenda: str | None = Field(default=None, max_length=20_000)
    minutes: str | None = Field(default=None, max_length=100_000)


class MinutesOut(Schema):
    agenda: str
    minutes: str


class DecisionIn(Schema):
    text: str = Field(max_length=5_000)


class ActionItemIn(Schema):
    title: str = Field(max_length=200)
    owner_organisation_id: ObjectId
    owner_user_id: ObjectId | None = None
    due_date: date | None = None
    person_id: ObjectId | None = None
    category: str | None = None


def _name(user: object) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())  # type: ignore[attr-defined]


def _summary(m: Meeting) -> dict[str, object]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "location": m.location,
        "family": m.family,
        "person": m.person,
        "organiser_organisation": m.organiser_organisation,
    }


def _participant(p: Participant) -> dict[str, object]:
    return {
        "id": p.pk,
        "organisation": p.organisation,
        "user": _name(p.user),
        "person": p.person,
        "role": p.role,
        "attended": p.attended,
    }


def _item(i: ActionItem) -> dict[str, object]:
    return {
        "id": i.pk,
        "title": i.title,
        "owner_organisation": i.owner_organisation,
        "owner_user": _name(i.owner_user),
        "due_date": i.due_date,
        "person": i.person,
        "category": i.category,
        "measure_id": i.measure_id,
    }


def _detail(view: MeetingView) -> dict[str, object]:
    m = view.meeting
    return {
        **_summary(m),
        "agenda": m.agenda,
        "minutes": m.minutes,
        "participants": [_participant(p) for p in view.participants],
        "decisions": view.decisions,
        "action_items": [_item(i) for i in view.action_items],
    }


@router.get(
    "/meetings", response=MeetingListOut, summary="Meetings your organisation takes part in"
)
def meeting_list(request: HttpRequest) -> object:
    found = selectors.meeting_list_for(
        actor=actor_of(request), channel=Channel.API, through=through(request)
    )
    return {
        "upcoming": [_summary(m) for m in found.upcoming],
        "earlier": [_summary(m) for m in found.earlier],
    }


@router.post("/meetings", response={201: MeetingSummaryOut}, summary="Book a meeting")
def meeting_book(request: HttpRequest, payload: MeetingIn) -> Status[object]:
    meeting = services.meeting_book(actor=actor_of(request), **payload.dict())
    return Status(201, _summary(meeting))


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def meeting_detail(request: HttpRequest, meeting_id: ObjectId) -> object:
    view = selectors.meeting_get_for(
        actor=actor_of(request),
        meeting_id=meeting_id,
        channel=Channel.API,
        through=through(request),
    )
    return _detail(view)


@router.post(
    "/meetings/{meeting_id}/participants",
    response={201: ParticipantOut},
    summary="Add a participant (the organiser's organisation only)",
)
def participant_add(
    request: HttpRequest, meeting_id: ObjectId, payload: ParticipantIn
) -> Status[object]:
    participant = services.participant_add(
        actor=actor_of(request), meeting_id=meeting_id, **payload.dict()
    )
    return Status(201, _participant(participant))


@router.post("/meetings/{meeting_id}/attendance", response=list[ParticipantOut])
def attendance_record(
    request: HttpRequest, meeting_id: ObjectId, payload: list[AttendanceIn]
) -> object:
    participants = services.attendance_record(
        actor=actor_of(request),
        meeting_id=meeting_id,
        attendance={a.participant_id: a.attended for a in payload},
    )
    return [_participant(p) for p in participants]


@router.put("/meetings/{meeting_id}/minutes", response=MinutesOut)
def minutes_update(request: HttpRequest, meeting_id: ObjectId, payload: MinutesIn) -> object:
    meeting = services.minutes_update(
        actor=actor_of(request),
        meeting_id=meeting_id,
        minutes=payload.minutes,
        agenda=payload.agenda,
    )
    return {"agenda": meeting.agenda, "minutes": meeting.minutes}


@router.post("/meetings/{meeting_id}/decisions", response={201: DecisionOut})
def decision_add(request: HttpRequest, meeting_id: ObjectId, payload: DecisionIn) -> Status[object]:
    decision = services.decision_add(
        actor=actor_of(request), meeting_id=meeting_id, text=payload.text
    )
    return Status(201, decision)


@router.post("/meetings/{meeting_id}/action-items", response={201: ActionItemOut})
def action_item_add(
    request: HttpRequest, meeting_id: ObjectId, payload: ActionItemIn
) -> Status[object]:
    item = action_items.action_item_add(
        actor=actor_of(request), meeting_id=meeting_id, **payload.dict()
    )
    return Status(201, _item(item))


@router.get(
    "/meetings/{meeting_id}/invite.ics",
    summary="A calendar invite: title, time and place only",
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def meeting_invite(request: HttpRequest, meeting_id: ObjectId) -> HttpResponse:
    meeting = selectors.meeting_invite_for(
        actor=actor_of(request),
        meeting_id=meeting_id,
        channel=Channel.EXPORT,
        through=through(request),
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
