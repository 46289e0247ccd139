"""Networks over HTTP: list, create, read, edit, lifecycle, mandate, objectives, members,
representatives, meetings and attendance."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from helhet.core.api import ObjectId, actor_of
from helhet.networks import case_conferences, selectors, services
from helhet.networks.models import Network, NetworkMember
from helhet.networks.selectors import Attendance

router = Router(tags=["networks"])


class NetworkOrganisationRef(Schema):
    id: int
    name: str


class NetworkSummaryOut(Schema):
    id: int
    name: str
    kind: str
    type: str
    status: str
    parent_id: int | None
    leadership_model: str
    lead_organisation: NetworkOrganisationRef | None


class NetworkRepresentativeOut(Schema):
    id: int
    user_id: int | None
    name: str
    title: str


class NetworkMemberOut(Schema):
    id: int
    organisation: NetworkOrganisationRef
    role: str
    representatives: list[NetworkRepresentativeOut]


class NetworkMandateOut(Schema):
    issued_by: str
    regulatory_basis: str
    issued_on: date | None
    scope: str


class NetworkObjectiveOut(Schema):
    id: int
    text: str
    explicit: bool


class NetworkMeetingOut(Schema):
    id: int
    title: str
    starts_at: datetime


class NetworkAttendanceRowOut(Schema):
    organisation: NetworkOrganisationRef
    attended: list[bool | None]
    summary: str


class NetworkAttendanceOut(Schema):
    meetings: list[NetworkMeetingOut]
    rows: list[NetworkAttendanceRowOut]


class NetworkDetailOut(NetworkSummaryOut):
    target_population: str
    districts: str
    informal_leaders: str
    can_edit: bool
    bodies: list[NetworkSummaryOut]
    members: list[NetworkMemberOut]
    mandate: NetworkMandateOut | None
    objectives: list[NetworkObjectiveOut]
    attendance: NetworkAttendanceOut


class NetworkIn(Schema):
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    type: str = Field(max_length=32)
    target_population: str = Field(default="", max_length=5_000)
    districts: str = Field(default="", max_length=500)
    leadership_model: str = Field(default="shared", max_length=16)
    lead_organisation_id: ObjectId | None = None
    informal_leaders: str = Field(default="", max_length=500)


class NetworkCreateIn(NetworkIn):
    parent_id: ObjectId | None = None


class NetworkStatusIn(Schema):
    status: str = Field(max_length=16)


class NetworkMandateIn(Schema):
    issued_by: str = Field(max_length=200)
    regulatory_basis: str = Field(default="", max_length=500)
    issued_on: date | None = None
    scope: str = Field(default="", max_length=10_000)


class NetworkObjectiveIn(Schema):
    text: str = Field(max_length=1_000)
    explicit: bool = True


class NetworkMemberIn(Schema):
    organisation_id: ObjectId
    role: str = Field(default="member", max_length=16)


class NetworkRepresentativeIn(Schema):
    user_id: ObjectId | None = None
    name: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=200)


class NetworkMeetingIn(Schema):
    title: str = Field(max_length=200)
    starts_at: datetime
    ends_at: datetime
    location: str = Field(default="", max_length=200)
    agenda: str = Field(default="", max_length=20_000)


class NetworkCaseConferenceIn(Schema):
    starts_at: datetime
    ends_at: datetime
    person_id: ObjectId | None = None
    family_id: ObjectId | None = None
    # Omitted: every member organisation is invited.
    organisation_ids: list[ObjectId] | None = Field(default=None, max_length=200)
    location: str = Field(default="", max_length=200)
    agenda: str = Field(default="", max_length=20_000)


class NetworkJointPlanOut(Schema):
    plan_id: int
    family_id: int
    measure_ids: list[int]
    created: int


def _summary(n: Network) -> dict[str, object]:
    return {
        "id": n.pk,
        "name": n.name,
        "kind": n.kind,
        "type": n.type,
        "status": n.status,
        "parent_id": n.parent_id,
        "leadership_model": n.leadership_model,
        "lead_organisation": n.lead_organisation,
    }


def _member(m: NetworkMember) -> dict[str, object]:
    return {
        "id": m.pk,
        "organisation": m.organisation,
        "role": m.role,
        "representatives": list(m.representatives.all()),
    }


def _attendance(a: Attendance) -> dict[str, object]:
    return {
        "meetings": a.meetings,
        "rows": [
            {"organisation": r.organisation, "attended": r.cells, "summary": r.summary}
            for r in a.rows
        ],
    }


@router.get("/networks", response=list[NetworkSummaryOut], summary="Networks of your municipality")
def network_list(request: HttpRequest) -> object:
    return [_summary(n) for n in selectors.network_list(actor=actor_of(request))]


@router.post("/networks", response={201: NetworkSummaryOut}, summary="Create a network or body")
def network_create(request: HttpRequest, payload: NetworkCreateIn) -> Status[object]:
    network = services.network_create(actor=actor_of(request), **payload.dict())
    return Status(201, _summary(network))


@router.get("/networks/{network_id}", response=NetworkDetailOut)
def network_detail(request: HttpRequest, network_id: ObjectId) -> object:
    view = selectors.network_detail(actor=actor_of(request), network_id=network_id)
    n = view.network
    return {
        **_summary(n),
        "target_population": n.target_population,
        "districts": n.districts,
        "informal_leaders": n.informal_leaders,
        "can_edit": view.can_edit,
        "bodies": [_summary(b) for b in view.bodies],
        "members": [_member(m) for m in view.members],
        "mandate": view.mandate,
        "objectives": view.objectives,
        "attendance": _attendance(view.attendance),
    }


@router.put("/networks/{network_id}", response=NetworkSummaryOut)
def network_update(request: HttpRequest, network_id: ObjectId, payload: NetworkIn) -> object:
    network = services.network_update(
        actor=actor_of(request), network_id=network_id, **payload.dict()
    )
    return _summary(network)


@router.post("/networks/{network_id}/status", response=NetworkSummaryOut)
def network_status(request: HttpRequest, network_id: ObjectId, payload: NetworkStatusIn) -> object:
    network = services.network_status_change(
        actor=actor_of(request), network_id=network_id, status=payload.status
    )
    return _summary(network)


@router.put("/networks/{network_id}/mandate", response=NetworkMandateOut)
def network_mandate(
    request: HttpRequest, network_id: ObjectId, payload: NetworkMandateIn
) -> object:
    return services.mandate_set(actor=actor_of(request), network_id=network_id, **payload.dict())


@router.post("/networks/{network_id}/objectives", response={201: NetworkObjectiveOut})
def network_objective_add(
    request: HttpRequest, network_id: ObjectId, payload: NetworkObjectiveIn
) -> Status[object]:
    objective = services.objective_add(
        actor=actor_of(request), network_id=network_id, **payload.dict()
    )
    return Status(201, objective)


@router.post("/networks/{network_id}/members", response={201: NetworkMemberOut})
def network_member_add(
    request: HttpRequest, network_id: ObjectId, payload: NetworkMemberIn
) -> Status[object]:
    member = services.member_add(actor=actor_of(request), network_id=network_id, **payload.dict())
    return Status(201, _member(member))


class NetworkMemberRoleIn(Schema):
    role: str = Field(max_length=16)


@router.patch("/networks/{network_id}/members/{member_id}", response=NetworkMemberOut)
def network_member_role(
    request: HttpRequest, network_id: ObjectId, member_id: ObjectId, payload: NetworkMemberRoleIn
) -> object:
    member = services.member_role_change(
        actor=actor_of(request), network_id=network_id, member_id=member_id, role=payload.role
    )
    return _member(member)


@router.delete(
    "/networks/{network_id}/members/{member_id}",
    response={204: None},
    summary="An organisation leaves the network",
)
def network_member_remove(
    request: HttpRequest, network_id: ObjectId, member_id: ObjectId
) -> Status[None]:
    services.member_remove(actor=actor_of(request), network_id=network_id, member_id=member_id)
    return Status(204, None)


@router.post(
    "/networks/{network_id}/members/{member_id}/representatives",
    response={201: NetworkRepresentativeOut},
)
def network_representative_add(
    request: HttpRequest,
    network_id: ObjectId,
    member_id: ObjectId,
    payload: NetworkRepresentativeIn,
) -> Status[object]:
    representative = services.representative_add(
        actor=actor_of(request), network_id=network_id, member_id=member_id, **payload.dict()
    )
    return Status(201, representative)


@router.post("/networks/{network_id}/meetings", response={201: NetworkMeetingOut})
def network_meeting_book(
    request: HttpRequest, network_id: ObjectId, payload: NetworkMeetingIn
) -> Status[object]:
    meeting = services.network_meeting_book(
        actor=actor_of(request), network_id=network_id, **payload.dict()
    )
    return Status(201, meeting)


@router.post(
    "/networks/{network_id}/case-conferences",
    response={201: NetworkMeetingOut},
    summary="Bring a case to the team (case conference)",
)
def network_case_conference_book(
    request: HttpRequest, network_id: ObjectId, payload: NetworkCaseConferenceIn
) -> Status[object]:
    meeting = case_conferences.case_conference_book(
        actor=actor_of(request), network_id=network_id, **payload.dict()
    )
    return Status(201, meeting)


@router.post(
    "/networks/case-conferences/{meeting_id}/joint-plan",
    response=NetworkJointPlanOut,
    summary="Make the joint intervention plan from a case conference's action items",
)
def network_joint_plan_make(request: HttpRequest, meeting_id: ObjectId) -> object:
    plan = case_conferences.joint_plan_make(actor=actor_of(request), meeting_id=meeting_id)
    return {
        "plan_id": plan.plan_id,
        "family_id": plan.family_id,
        "measure_ids": [m.pk for m in plan.measures],
        "created": plan.created,
    }


@router.get("/networks/{network_id}/attendance", response=NetworkAttendanceOut)
def network_attendance(request: HttpRequest, network_id: ObjectId) -> object:
    network = selectors.network_get(actor=actor_of(request), network_id=network_id)
    return _attendance(selectors.network_attendance(network.pk))
