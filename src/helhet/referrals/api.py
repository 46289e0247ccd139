from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.referrals import selectors, services
from helhet.referrals.models import Referral

router = Router(tags=["referrals"])


class ReferralOrganisationRef(Schema):
    id: int
    name: str


class ReferralPersonRef(Schema):
    id: int
    given_name: str
    family_name: str
    birth_date: date


class ReferralOut(Schema):
    id: int
    person: ReferralPersonRef
    from_organisation: ReferralOrganisationRef
    to_organisation: ReferralOrganisationRef
    reason: str
    categories: list[str]
    status: str
    sent_at: datetime
    deadline: date
    overdue: bool
    back_and_forth: bool
    redirect_count: int
    previous_id: int | None
    decision_reason: str
    outcome: str


class ReferralEventOut(Schema):
    at: datetime
    from_status: str
    to_status: str
    note: str
    organisation: str | None


class ReferralEntryOut(Schema):
    category: str
    title: str
    text: str
    recorded_at: datetime


class ReferralDetailOut(Schema):
    referral: ReferralOut
    events: list[ReferralEventOut]
    shared_entries: list[ReferralEntryOut]
    no_longer_shared: list[str]


class ReferralIn(Schema):
    person_id: ObjectId
    to_organisation_id: ObjectId
    reason: str
    categories: list[str] = []


class ReasonIn(Schema):
    reason: str = ""


class OutcomeIn(Schema):
    outcome: str = ""


class RedirectIn(Schema):
    to_organisation_id: ObjectId
    reason: str = ""


class DeadlineRuleIn(Schema):
    from_organisation_id: ObjectId
    to_organisation_id: ObjectId
    working_days: int
    basis: str = ""


class DeadlineRuleOut(Schema):
    id: int
    from_organisation_id: int
    to_organisation_id: int
    working_days: int
    basis: str


def _out(referral: Referral, overdue: bool | None = None) -> dict[str, object]:
    return {
        "id": referral.pk,
        "person": referral.person,
        "from_organisation": referral.from_organisation,
        "to_organisation": referral.to_organisation,
        "reason": referral.reason,
        "categories": referral.categories,
        "status": referral.status,
        "sent_at": referral.sent_at,
        "deadline": referral.deadline,
        "overdue": bool(getattr(referral, "overdue", False) if overdue is None else overdue),
        "back_and_forth": referral.back_and_forth,
        "redirect_count": referral.redirect_count,
        "previous_id": referral.previous_id,
        "decision_reason": referral.decision_reason,
        "outcome": referral.outcome,
    }


def _detail(request: HttpRequest, referral_id: int) -> dict[str, object]:
    view = selectors.referral_get_for(
        actor=actor_of(request),
        referral_id=referral_id,
        channel=Channel.API,
        through=through(request),
    )
    return {
        "referral": _out(view.referral, view.overdue),
        "events": [
            {
                "at": e.at,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "note": e.note,
                "organisation": e.organisation.name if e.organisation else None,
            }
            for e in view.events
        ],
        "shared_entries": view.shared_entries,
        "no_longer_shared": view.no_longer_shared,
    }


@router.post("/referrals", response={201: ReferralDetailOut}, summary="Send a referral")
def referral_send(request: HttpRequest, payload: ReferralIn) -> Status[object]:
    referral = services.referral_send(actor=actor_of(request), **payload.dict())
    return Status(201, _detail(request, referral.pk))


@router.get(
    "/referrals/inbox",
    response=list[ReferralOut],
    summary="Open referrals to my organisation, overdue first",
)
def referral_inbox(request: HttpRequest) -> object:
    referrals = selectors.referral_inbox_for(
        actor=actor_of(request), channel=Channel.API, through=through(request)
    )
    return [_out(r) for r in referrals]


@router.get("/referrals/outbox", response=list[ReferralOut])
def referral_outbox(request: HttpRequest) -> object:
    referrals = selectors.referral_outbox_for(
        actor=actor_of(request), channel=Channel.API, through=through(request)
    )
    return [_out(r) for r in referrals]


@router.get(
    "/referrals/back-and-forth",
    response=list[ReferralOut],
    summary="Persons sent on twice or more without being accepted",
)
def referral_back_and_forth(request: HttpRequest) -> object:
    referrals = selectors.back_and_forth_for(
        actor=actor_of(request), channel=Channel.API, through=through(request)
    )
    return [_out(r) for r in referrals]


@router.get("/referrals/{referral_id}", response=ReferralDetailOut)
def referral_detail(request: HttpRequest, referral_id: ObjectId) -> object:
    return _detail(request, referral_id)


@router.post("/referrals/{referral_id}/acknowledge", response=ReferralDetailOut)
def referral_acknowledge(request: HttpRequest, referral_id: ObjectId) -> object:
    services.referral_acknowledge(actor=actor_of(request), referral_id=referral_id)
    return _detail(request, referral_id)


@router.post("/referrals/{referral_id}/accept", response=ReferralDetailOut)
def referral_accept(request: HttpRequest, referral_id: ObjectId) -> object:
    services.referral_accept(actor=actor_of(request), referral_id=referral_id)
    return _detail(request, referral_id)


@router.post("/referrals/{referral_id}/decline", response=ReferralDetailOut)
def referral_decline(request: HttpRequest, referral_id: ObjectId, payload: ReasonIn) -> object:
    services.referral_decline(
        actor=actor_of(request), referral_id=referral_id, reason=payload.reason
    )
    return _detail(request, referral_id)


@router.post(
    "/referrals/{referral_id}/redirect",
    response={201: ReferralDetailOut},
    summary="Send the person on to another organisation; answers the new referral",
)
def referral_redirect(
    request: HttpRequest, referral_id: ObjectId, payload: RedirectIn
) -> Status[object]:
    new = services.referral_redirect(
        actor=actor_of(request),
        referral_id=referral_id,
        to_organisation_id=payload.to_organisation_id,
        reason=payload.reason,
    )
    return Status(201, _detail(request, new.pk))


@router.post("/referrals/{referral_id}/complete", response=ReferralDetailOut)
def referral_complete(request: HttpRequest, referral_id: ObjectId, payload: OutcomeIn) -> object:
    services.referral_complete(
        actor=actor_of(request), referral_id=referral_id, outcome=payload.outcome
    )
    return _detail(request, referral_id)


@router.post("/referrals/{referral_id}/withdraw", response=ReferralDetailOut)
def referral_withdraw(request: HttpRequest, referral_id: ObjectId, payload: ReasonIn) -> object:
    services.referral_withdraw(
        actor=actor_of(request), referral_id=referral_id, reason=payload.reason
    )
    return _detail(request, referral_id)


@router.put(
    "/referral-deadlines",
    response=DeadlineRuleOut,
    summary="Agree the acknowledgement deadline (working days) between two organisations",
)
def deadline_rule_set(request: HttpRequest, payload: DeadlineRuleIn) -> object:
    return services.deadline_rule_set(actor=actor_of(request), **payload.dict())
