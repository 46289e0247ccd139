"""The transition at 18 over HTTP: the list, the plans and the municipality's settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.tenancy.models import Organisation, User
from helhet.transitions import selectors, services
from helhet.transitions.models import TransitionPlan
from helhet.transitions.selectors import TransitionRow

router = Router(tags=["transitions"])

# Schema names are global in the OpenAPI document, so every one here starts with Transition.


class TransitionOrganisationOut(Schema):
    id: int
    name: str
    kind: str


class TransitionUserOut(Schema):
    id: int
    name: str


class TransitionPersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    birth_date: date


class TransitionInvolvementOut(Schema):
    id: int
    organisation: TransitionOrganisationOut
    started_on: date
    responsible: TransitionUserOut | None


class TransitionPlanOut(Schema):
    id: int
    person_id: int
    involvement_id: int
    taking_over: TransitionOrganisationOut | None
    starts_on: date
    aftercare: bool
    aftercare_until: date | None
    responsible: TransitionUserOut | None
    notes: str
    active: bool
    created_at: datetime
    updated_at: datetime


class TransitionRowOut(Schema):
    person: TransitionPersonOut
    involvement: TransitionInvolvementOut
    turns_18_on: date
    age: int
    days_left: int
    flagged: bool
    aftercare_limit: date
    taking_over_only: bool
    plan: TransitionPlanOut | None


class TransitionPlanIn(Schema):
    person_id: ObjectId
    involvement_id: ObjectId | None = None
    taking_over_id: ObjectId | None = None
    starts_on: date | None = None
    aftercare: bool = True
    aftercare_until: date | None = None
    responsible_id: ObjectId | None = None
    notes: str = ""


class TransitionPlanPatch(Schema):
    """Only the fields sent are changed; ``null`` clears taking over, aftercare end (back to
    the default) and responsible."""

    taking_over_id: ObjectId | None = None
    starts_on: date | None = None
    aftercare: bool | None = None
    aftercare_until: date | None = None
    responsible_id: ObjectId | None = None
    notes: str | None = None
    active: bool | None = None


class TransitionSettingsOut(Schema):
    municipality_id: int
    horizon_months: int
    aftercare_until_age: int


class TransitionSettingsIn(Schema):
    horizon_months: int
    aftercare_until_age: int


def _org(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind}


def _user(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def _plan(plan: TransitionPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "id": plan.pk,
        "person_id": plan.person_id,
        "involvement_id": plan.involvement_id,
        "taking_over": _org(plan.taking_over),
        "starts_on": plan.starts_on,
        "aftercare": plan.aftercare,
        "aftercare_until": plan.aftercare_until,
        "responsible": _user(plan.responsible),
        "notes": plan.notes,
        "active": plan.active,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
    }


def _row(row: TransitionRow) -> dict[str, Any]:
    return {
        "person": row.person,
        "involvement": {
            "id": row.involvement.pk,
            "organisation": _org(row.involvement.organisation),
            "started_on": row.involvement.started_on,
            "responsible": _user(row.involvement.responsible),
        },
        "turns_18_on": row.turns_18_on,
        "age": row.age,
        "days_left": row.days_left,
        "flagged": row.flagged,
        "aftercare_limit": row.aftercare_limit,
        "taking_over_only": row.taking_over_only,
        "plan": _plan(row.plan),
    }


@router.get(
    "/transitions",
    response=list[TransitionRowOut],
    summary="Youths in child welfare turning 18 soon, or 18 without a plan",
    description=(
        "Only youths whose child-welfare case you may see (your organisation's own case, or "
        "consent for child welfare), plus plans naming your organisation as taking over. "
        "`on` moves the reference day for ages and the horizon; access is judged on today."
    ),
)
def transition_list(request: HttpRequest, on: date | None = None) -> object:
    rows = selectors.transition_list_for(
        actor_of(request), on=on, channel=Channel.API, through=through(request)
    )
    return [_row(r) for r in rows]


@router.post(
    "/transitions/plans", response={201: TransitionPlanOut}, summary="Make a transition plan"
)
def transition_plan_create(request: HttpRequest, payload: TransitionPlanIn) -> Status[object]:
    plan = services.transition_plan_create(actor=actor_of(request), **payload.dict())
    return Status(201, _plan(plan))


@router.get(
    "/transitions/plans/{plan_id}", response=TransitionPlanOut, summary="One transition plan"
)
def transition_plan_detail(request: HttpRequest, plan_id: ObjectId) -> object:
    view = selectors.transition_plan_get_for(
        actor=actor_of(request), plan_id=plan_id, channel=Channel.API, through=through(request)
    )
    return _plan(view.plan)


@router.patch(
    "/transitions/plans/{plan_id}", response=TransitionPlanOut, summary="Change a transition plan"
)
def transition_plan_update(
    request: HttpRequest, plan_id: ObjectId, payload: TransitionPlanPatch
) -> object:
    sent = payload.dict(exclude_unset=True)
    # Fields that cannot be empty: null means "leave as it is".
    for name in ("starts_on", "aftercare", "notes", "active"):
        if sent.get(name, 0) is None:
            del sent[name]
    plan = services.transition_plan_update(actor=actor_of(request), plan_id=plan_id, **sent)
    return _plan(plan)


@router.get(
    "/transitions/settings", response=TransitionSettingsOut, summary="Your municipality's settings"
)
def transition_settings(request: HttpRequest) -> object:
    return selectors.transition_settings_for(municipality_id=actor_of(request).municipality_id)


@router.put(
    "/transitions/settings",
    response=TransitionSettingsOut,
    summary="Change your municipality's settings (manager or administrator)",
)
def transition_settings_update(request: HttpRequest, payload: TransitionSettingsIn) -> object:
    return services.transition_settings_update(actor=actor_of(request), **payload.dict())
