from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.api.auth import actor_of
from helhet.api.types import ObjectId
from helhet.audit.models import Channel
from helhet.consent import selectors, services
from helhet.consent.models import Consent

router = Router(tags=["consent"])


class ConsentIn(Schema):
    given_by_id: int
    organisation_ids: list[int]
    categories: list[str]
    purpose: str
    valid_from: date
    valid_until: date | None = None
    method: str


class ConsentOrganisationRef(Schema):
    id: int
    name: str


class ConsentOut(Schema):
    id: int
    person_id: ObjectId
    given_by_id: int
    organisations: list[ConsentOrganisationRef]
    categories: list[str]
    purpose: str
    valid_from: date
    valid_until: date | None
    method: str
    recorded_at: datetime
    recorded_by_organisation: ConsentOrganisationRef
    withdrawn_at: datetime | None
    withdrawal_reason: str


class WithdrawIn(Schema):
    reason: str = ""


class InvolvementEndIn(Schema):
    ended_on: date | None = None


class InvolvementEndOut(Schema):
    id: int
    ended_on: date


def _out(consent: Consent) -> dict[str, object]:
    return {
        "id": consent.pk,
        "person_id": consent.person_id,
        "given_by_id": consent.given_by_id,
        "organisations": list(consent.organisations.all()),
        "categories": consent.category_values,
        "purpose": consent.purpose,
        "valid_from": consent.valid_from,
        "valid_until": consent.valid_until,
        "method": consent.method,
        "recorded_at": consent.recorded_at,
        "recorded_by_organisation": consent.recorded_by_organisation,
        "withdrawn_at": consent.withdrawn_at,
        "withdrawal_reason": consent.withdrawal_reason,
    }


@router.get(
    "/persons/{person_id}/consents",
    response=list[ConsentOut],
    summary="A person's consent history (withdrawn and expired ones included)",
)
def consent_list(request: HttpRequest, person_id: ObjectId) -> object:
    history = selectors.consents_for_person(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.API,
        through=f"{request.method} {request.path}",
    )
    return [_out(c) for c in history.consents]


@router.post("/persons/{person_id}/consents", response={201: ConsentOut})
def consent_record(request: HttpRequest, person_id: ObjectId, payload: ConsentIn) -> Status[object]:
    consent = services.consent_record_for(
        actor=actor_of(request), person_id=person_id, **payload.dict()
    )
    return Status(201, _out(consent))


@router.post(
    "/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Withdraw a consent; it stops covering anything at once",
)
def consent_withdraw(request: HttpRequest, consent_id: ObjectId, payload: WithdrawIn) -> object:
    consent = services.consent_withdraw(
        actor=actor_of(request), consent_id=consent_id, reason=payload.reason
    )
    return _out(consent)


@router.post("/involvements/{involvement_id}/end", response=InvolvementEndOut)
def involvement_end(
    request: HttpRequest, involvement_id: ObjectId, payload: InvolvementEndIn
) -> object:
    return services.involvement_end(
        actor=actor_of(request), involvement_id=involvement_id, ended_on=payload.ended_on
    )
