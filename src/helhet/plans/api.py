from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.params import P, QueryEx
from pydantic import Field

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.plans import from_meetings, selectors, services
from helhet.plans.errors import PlanNotFound
from helhet.plans.models import Goal, Measure
from helhet.plans.pdf import plan_pdf
from helhet.plans.selectors import PlanView

router = Router(tags=["plans"])


class PlanOrganisationRef(Schema):
    id: int
    name: str


class PlanPersonRef(Schema):
    id: int
    given_name: str
    family_name: str


class MemberOut(Schema):
    person: PlanPersonRef
    role: str
    hidden_categories: list[str]


class CoordinatorOut(Schema):
    name: str | None
    organisation: PlanOrganisationRef | None


class GoalOut(Schema):
    id: int
    text: str
    order: int


class MeasureOut(Schema):
    id: int
    goal_id: int | None
    person: PlanPersonRef
    organisation: PlanOrganisationRef
    category: str
    responsible: str | None
    title: str
    description: str
    status: str
    due_date: date | None
    scope: str


class ElementOut(Schema):
    number: int
    key: str
    name: str
    present: bool
    hint: str


class PlanOut(Schema):
    id: int
    family_id: int
    family_name: str
    version: int
    coordinator: CoordinatorOut | None
    period_start: date | None
    period_end: date | None
    revise_on: date | None
    resources_and_needs: str
    participants: str
    contributions: str
    implementation: str
    cooperation: str
    members: list[MemberOut]
    goals: list[GoalOut]
    measures: list[MeasureOut]
    elements: list[ElementOut]
    missing_elements: list[int]


class PlanRef(Schema):
    id: int
    family_id: int
    version: int


class PlanIn(Schema):
    expected_version: int = Field(ge=1, le=2**31 - 1)
    coordinator_id: ObjectId | None = None
    period_start: date | None = None
    period_end: date | None = None
    revise_on: date | None = None
    resources_and_needs: str | None = Field(default=None, max_length=20_000)
    participants: str | None = Field(default=None, max_length=20_000)
    contributions: str | None = Field(default=None, max_length=20_000)
    implementation: str | None = Field(default=None, max_length=20_000)
    cooperation: str | None = Field(default=None, max_length=20_000)


class GoalIn(Schema):
    text: str = Field(max_length=5_000)
    order: int | None = Field(default=None, ge=0, le=2**31 - 1)


class GoalPatch(Schema):
    text: str | None = Field(default=None, max_length=5_000)
    order: int | None = Field(default=None, ge=0, le=2**31 - 1)


class MeasureIn(Schema):
    person_id: ObjectId
    category: str
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=20_000)
    scope: str = Field(default="", max_length=20_000)
    goal_id: ObjectId | None = None
    responsible_id: ObjectId | None = None
    due_date: date | None = None
    status: str = "planned"


class MeasurePatch(Schema):
    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    scope: str | None = Field(default=None, max_length=20_000)
    goal_id: ObjectId | None = None
    responsible_id: ObjectId | None = None
    due_date: date | None = None
    category: str | None = None
    status: str | None = None


class VersionOut(Schema):
    number: int
    action: str
    created_at: datetime
    author: str


class DiffOut(Schema):
    from_version: int
    to_version: int
    lines: list[str]


class MeasureRef(Schema):
    measure_id: int
    plan_id: int
    family_id: int


def _measure(m: Measure) -> dict[str, object]:
    return {
        "id": m.pk,
        "goal_id": m.goal_id,
        "person": m.person,
        "organisation": m.organisation,
        "category": m.category,
        "responsible": (m.responsible.get_full_name() or m.responsible.get_username())
        if m.responsible
        else None,
        "title": m.title,
        "description": m.description,
        "status": m.status,
        "due_date": m.due_date,
        "scope": m.scope,
    }


def _plan(view: PlanView) -> dict[str, object]:
    plan = view.plan
    if plan is None:
        raise PlanNotFound()
    coordinator: dict[str, object] | None = None
    if plan.coordinator_id is not None:
        coordinator = {"name": None, "organisation": None}
        if view.coordinator_shown and plan.coordinator is not None:
            coordinator = {
                "name": plan.coordinator.get_full_name() or plan.coordinator.get_username(),
                "organisation": plan.coordinator_organisation,
            }
    return {
        "id": plan.pk,
        "family_id": view.family.pk,
        "family_name": view.family.name,
        "version": plan.version,
        "coordinator": coordinator,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "revise_on": plan.revise_on,
        "resources_and_needs": plan.resources_and_needs,
        "participants": plan.participants,
        "contributions": plan.contributions,
        "implementation": plan.implementation,
        "cooperation": plan.cooperation,
        "members": [
            {"person": m.person, "role": m.role, "hidden_categories": [c for c, _r in m.hidden]}
            for m in view.members
        ],
        "goals": view.goals,
        "measures": [_measure(m) for m in view.measures],
        "elements": view.elements,
        "missing_elements": [e.number for e in view.missing],
    }


def _read(request: HttpRequest, family_id: int, channel: str = Channel.API) -> PlanView:
    view = selectors.family_plan_for(
        actor=actor_of(request), family_id=family_id, channel=channel, through=through(request)
    )
    if view.plan is None:
        raise PlanNotFound()
    return view


@router.get(
    "/families/{family_id}/plan",
    response=PlanOut,
    summary="The family plan: what you may see of it, and the elements still missing",
)
def plan_detail(request: HttpRequest, family_id: ObjectId) -> object:
    return _plan(_read(request, family_id))


@router.post("/families/{family_id}/plan", response={201: PlanRef}, summary="Make the family plan")
def plan_create(request: HttpRequest, family_id: ObjectId) -> Status[object]:
    plan = services.plan_get_or_create(actor=actor_of(request), family_id=family_id)
    return Status(201, {"id": plan.pk, "family_id": plan.family_id, "version": plan.version})


@router.put(
    "/families/{family_id}/plan",
    response=PlanRef,
    summary="Change the plan; 409 plan_conflict if someone saved after expected_version",
)
def plan_update(request: HttpRequest, family_id: ObjectId, payload: PlanIn) -> object:
    actor = actor_of(request)
    plan_id = services.plan_id_for_family(actor=actor, family_id=family_id)
    fields = payload.dict(exclude_unset=True)
    expected = fields.pop("expected_version")
    plan = services.plan_update(actor=actor, plan_id=plan_id, expected_version=expected, **fields)
    return {"id": plan.pk, "family_id": plan.family_id, "version": plan.version}


@router.post("/families/{family_id}/plan/goals", response={201: GoalOut})
def goal_add(request: HttpRequest, family_id: ObjectId, payload: GoalIn) -> Status[Goal]:
    actor = actor_of(request)
    plan_id = services.plan_id_for_family(actor=actor, family_id=family_id)
    goal = services.goal_add(actor=actor, plan_id=plan_id, text=payload.text, order=payload.order)
    return Status(201, goal)


@router.patch("/plan-goals/{goal_id}", response=GoalOut)
def goal_update(request: HttpRequest, goal_id: ObjectId, payload: GoalPatch) -> object:
    return services.goal_update(
        actor=actor_of(request), goal_id=goal_id, text=payload.text, order=payload.order
    )


@router.post(
    "/families/{family_id}/plan/measures",
    response={201: MeasureOut},
    summary="Add a measure owned by your organisation",
)
def measure_add(request: HttpRequest, family_id: ObjectId, payload: MeasureIn) -> Status[object]:
    actor = actor_of(request)
    plan_id = services.plan_id_for_family(actor=actor, family_id=family_id)
    measure = services.measure_add(actor=actor, plan_id=plan_id, **payload.dict())
    return Status(201, _measure(measure))


@router.patch(
    "/measures/{measure_id}",
    response=MeasureOut,
    summary="Change a measure (staff of the owning organisation only)",
)
def measure_update(request: HttpRequest, measure_id: ObjectId, payload: MeasurePatch) -> object:
    measure = services.measure_update(
        actor=actor_of(request), measure_id=measure_id, **payload.dict(exclude_unset=True)
    )
    return _measure(measure)


@router.post(
    "/action-items/{action_item_id}/to-measure",
    response=MeasureRef,
    summary="Make the action item a measure in the family plan (idempotent)",
    # Listed with the meeting's other action-item operations, under the id it always had:
    # the bridge moved to the plans app (which builds on meetings), the API did not change.
    tags=["meetings"],
    operation_id="helhet_meetings_api_action_item_to_measure",
)
def action_item_to_measure(
    request: HttpRequest, action_item_id: ObjectId, goal_id: ObjectId | None = None
) -> object:
    measure = from_meetings.action_item_to_measure(
        actor=actor_of(request), action_item_id=action_item_id, goal_id=goal_id
    )
    return {
        "measure_id": measure.pk,
        "plan_id": measure.plan_id,
        "family_id": measure.plan.family_id,
    }


@router.get("/families/{family_id}/plan/versions", response=list[VersionOut])
def plan_versions(request: HttpRequest, family_id: ObjectId) -> object:
    history = selectors.plan_versions_for(
        actor=actor_of(request), family_id=family_id, channel=Channel.API, through=through(request)
    )
    return history.versions


@router.get(
    "/families/{family_id}/plan/diff",
    response=DiffOut,
    summary="What changed between two versions (only what you may see)",
)
def plan_diff(
    request: HttpRequest,
    family_id: ObjectId,
    from_version: QueryEx[int, P(alias="from", ge=1, le=2**31 - 1)],
    to_version: QueryEx[int, P(alias="to", ge=1, le=2**31 - 1)],
) -> object:
    diff = selectors.plan_diff_for(
        actor=actor_of(request),
        family_id=family_id,
        from_number=from_version,
        to_number=to_version,
        channel=Channel.API,
        through=through(request),
    )
    return {"from_version": diff.from_number, "to_version": diff.to_number, "lines": diff.lines}


@router.get(
    "/families/{family_id}/plan.pdf",
    summary="The plan as a PDF for the family meeting (logged as an export)",
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def plan_pdf_download(request: HttpRequest, family_id: ObjectId) -> HttpResponse:
    view = _read(request, family_id, channel=Channel.EXPORT)
    response = HttpResponse(plan_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="family-plan-{family_id}.pdf"'
    return response
