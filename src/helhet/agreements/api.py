from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.agreements import selectors
from helhet.agreements.models import AgreementKind
from helhet.agreements.selectors import AgreementView
from helhet.agreements.services import agreements, indicators, resources
from helhet.agreements.services.agreements import ResponsibilitySpec, StepSpec
from helhet.core.api import ObjectId, actor_of

router = Router(tags=["agreements"])


class AgreementPartyOut(Schema):
    id: int
    name: str
    signed_at: datetime | None


class AgreementCellIO(Schema):
    organisation_id: ObjectId
    level: str


class AgreementResponsibilityIO(Schema):
    text: str
    cells: list[AgreementCellIO] = []


class AgreementStepIO(Schema):
    organisation_id: ObjectId
    what: str
    to_organisation_id: ObjectId | None = None
    referral_deadline_working_days: int | None = None


class AgreementMeasurementOut(Schema):
    measured_on: date
    value: Decimal


class AgreementIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    target_date: date
    direction: str
    measurements: list[AgreementMeasurementOut]


class AgreementSummaryOut(Schema):
    id: int
    title: str
    kind: str
    current_version: int
    review_on: date | None
    party_names: list[str]


class AgreementNetworkRef(Schema):
    id: int
    name: str


class AgreementDetailOut(Schema):
    id: int
    title: str
    kind: str
    network: AgreementNetworkRef | None
    review_on: date | None
    version: int
    goals: str
    operational_plan: str
    in_force: bool
    parties: list[AgreementPartyOut]
    responsibilities: list[AgreementResponsibilityIO]
    steps: list[AgreementStepIO]
    indicators: list[AgreementIndicatorOut]
    funding_streams: list[ResourceFundingStreamOut]
    contributions: list[ResourceContributionOut]
    expenditures: list[ResourceExpenditureOut]
    cost_shares: list[ResourceCostShareIO]


class AgreementNetworkIn(Schema):
    network_id: ObjectId | None


class AgreementVersionIn(Schema):
    goals: str
    operational_plan: str = ""
    review_on: date | None = None
    responsibilities: list[AgreementResponsibilityIO] = []
    steps: list[AgreementStepIO] = []


class AgreementIn(AgreementVersionIn):
    title: str
    kind: AgreementKind = AgreementKind.SERVICE
    party_ids: list[ObjectId]
    network_id: ObjectId | None = None


class AgreementSignIn(Schema):
    version: int


class AgreementIndicatorIn(Schema):
    name: str
    unit: str = ""
    baseline: Decimal
    target: Decimal
    target_date: date
    direction: str


class AgreementMeasurementIn(Schema):
    measured_on: date
    value: Decimal


class ResourceContributionIn(Schema):
    organisation_id: ObjectId
    kind: str
    amount: Decimal
    period_start: date
    period_end: date
    description: str = ""


class ResourceContributionOut(ResourceContributionIn):
    id: int


class ResourceFundingStreamIn(Schema):
    source: str
    amount: Decimal
    period_start: date
    period_end: date


class ResourceFundingStreamOut(ResourceFundingStreamIn):
    id: int


class ResourceExpenditureIn(Schema):
    amount: Decimal
    description: str
    paid_by_id: ObjectId
    spent_on: date
    case_reference: str = ""


class ResourceExpenditureOut(ResourceExpenditureIn):
    id: int


class ResourceCostShareIO(Schema):
    organisation_id: ObjectId
    percent: Decimal


class ResourceFairnessOut(Schema):
    organisation_id: int
    organisation: str
    agreed_percent: Decimal | None
    nok: Decimal
    nok_percent: Decimal
    hours: Decimal
    hours_percent: Decimal
    difference: Decimal | None


def _specs(
    payload: AgreementVersionIn,
) -> tuple[list[ResponsibilitySpec], list[StepSpec]]:
    return (
        [
            ResponsibilitySpec(r.text, {c.organisation_id: c.level for c in r.cells})
            for r in payload.responsibilities
        ],
        [
            StepSpec(
                s.organisation_id, s.what, s.to_organisation_id, s.referral_deadline_working_days
            )
            for s in payload.steps
        ],
    )


def _detail(request: HttpRequest, agreement_id: int) -> dict[str, object]:
    view: AgreementView = selectors.agreement_detail_for(
        actor=actor_of(request), agreement_id=agreement_id
    )
    a = view.agreement
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "network": a.network,
        "review_on": a.review_on,
        "version": view.version.number,
        "goals": view.version.goals,
        "operational_plan": view.version.operational_plan,
        "in_force": view.in_force,
        "parties": [
            {
                "id": o.pk,
                "name": o.name,
                "signed_at": view.signed[o.pk].signed_at if o.pk in view.signed else None,
            }
            for o in view.parties
        ],
        "responsibilities": [
            {
                "text": row.text,
                "cells": [
                    {"organisation_id": o.pk, "level": level}
                    for o, level in zip(view.parties, row.levels, strict=True)
                    if level
                ],
            }
            for row in view.matrix
        ],
        "steps": view.steps,
        "indicators": [
            {
                "id": i.indicator.pk,
                "name": i.indicator.name,
                "unit": i.indicator.unit,
                "baseline": i.indicator.baseline,
                "target": i.indicator.target,
                "target_date": i.indicator.target_date,
                "direction": i.indicator.direction,
                "measurements": i.measurements,
            }
            for i in view.indicators
        ],
        "funding_streams": list(a.funding_streams.all()),
        "contributions": list(a.contributions.all()),
        "expenditures": list(a.expenditures.all()),
        "cost_shares": list(a.cost_shares.all()),
    }


@router.get("/agreements", response=list[AgreementSummaryOut])
def agreement_list(request: HttpRequest) -> object:
    return [
        {
            "id": a.pk,
            "title": a.title,
            "kind": a.kind,
            "current_version": a.current_version,
            "review_on": a.review_on,
            "party_names": [p.organisation.name for p in a.party_rows.all()],
        }
        for a in selectors.agreements_for(actor=actor_of(request))
    ]


@router.post("/agreements", response={201: AgreementDetailOut}, summary="Draft an agreement")
def agreement_create(request: HttpRequest, payload: AgreementIn) -> Status[object]:
    responsibilities, steps = _specs(payload)
    agreement = agreements.agreement_create(
        actor=actor_of(request),
        title=payload.title,
        kind=payload.kind,
        party_ids=payload.party_ids,
        goals=payload.goals,
        operational_plan=payload.operational_plan,
        review_on=payload.review_on,
        responsibilities=responsibilities,
        steps=steps,
        network_id=payload.network_id,
    )
    return Status(201, _detail(request, agreement.pk))


@router.get("/agreements/{agreement_id}", response=AgreementDetailOut)
def agreement_detail(request: HttpRequest, agreement_id: ObjectId) -> object:
    return _detail(request, agreement_id)


@router.post(
    "/agreements/{agreement_id}/versions",
    response={201: AgreementDetailOut},
    summary="Edit the agreement: a new version every party must sign",
)
def agreement_revise(
    request: HttpRequest, agreement_id: ObjectId, payload: AgreementVersionIn
) -> Status[object]:
    responsibilities, steps = _specs(payload)
    agreements.agreement_revise(
        actor=actor_of(request),
        agreement_id=agreement_id,
        goals=payload.goals,
        operational_plan=payload.operational_plan,
        review_on=payload.review_on,
        responsibilities=responsibilities,
        steps=steps,
    )
    return Status(201, _detail(request, agreement_id))


@router.put(
    "/agreements/{agreement_id}/network",
    response=AgreementDetailOut,
    summary="Say which network the agreement belongs to (or none)",
)
def agreement_network_set(
    request: HttpRequest, agreement_id: ObjectId, payload: AgreementNetworkIn
) -> object:
    agreements.agreement_network_set(
        actor=actor_of(request), agreement_id=agreement_id, network_id=payload.network_id
    )
    return _detail(request, agreement_id)


@router.post(
    "/agreements/{agreement_id}/sign",
    response=AgreementDetailOut,
    summary="Sign the latest version for my organisation (managers)",
)
def agreement_sign(
    request: HttpRequest, agreement_id: ObjectId, payload: AgreementSignIn
) -> object:
    agreements.agreement_sign(
        actor=actor_of(request), agreement_id=agreement_id, version_number=payload.version
    )
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/indicators", response={201: AgreementIndicatorOut})
def indicator_create(
    request: HttpRequest, agreement_id: ObjectId, payload: AgreementIndicatorIn
) -> Status[object]:
    indicator = indicators.indicator_create(
        actor=actor_of(request), agreement_id=agreement_id, **payload.dict()
    )
    return Status(201, {**payload.dict(), "id": indicator.pk, "measurements": []})


@router.post(
    "/agreement-indicators/{indicator_id}/measurements", response={201: AgreementMeasurementOut}
)
def measurement_record(
    request: HttpRequest, indicator_id: ObjectId, payload: AgreementMeasurementIn
) -> Status[object]:
    m = indicators.measurement_record(
        actor=actor_of(request), indicator_id=indicator_id, **payload.dict()
    )
    return Status(201, m)


@router.post("/agreements/{agreement_id}/contributions", response={201: ResourceContributionOut})
def contribution_add(
    request: HttpRequest, agreement_id: ObjectId, payload: ResourceContributionIn
) -> Status[object]:
    c = resources.contribution_add(
        actor=actor_of(request), agreement_id=agreement_id, **payload.dict()
    )
    return Status(201, c)


@router.post("/agreements/{agreement_id}/funding-streams", response={201: ResourceFundingStreamOut})
def funding_stream_add(
    request: HttpRequest, agreement_id: ObjectId, payload: ResourceFundingStreamIn
) -> Status[object]:
    f = resources.funding_stream_add(
        actor=actor_of(request), agreement_id=agreement_id, **payload.dict()
    )
    return Status(201, f)


@router.post("/agreements/{agreement_id}/expenditures", response={201: ResourceExpenditureOut})
def expenditure_add(
    request: HttpRequest, agreement_id: ObjectId, payload: ResourceExpenditureIn
) -> Status[object]:
    e = resources.expenditure_add(
        actor=actor_of(request), agreement_id=agreement_id, **payload.dict()
    )
    return Status(201, e)


@router.put(
    "/agreements/{agreement_id}/cost-shares",
    response=list[ResourceCostShareIO],
    summary="Set the cost-sharing rule (percent per party, adding up to 100)",
)
def cost_shares_set(
    request: HttpRequest, agreement_id: ObjectId, payload: list[ResourceCostShareIO]
) -> object:
    return resources.cost_shares_set(
        actor=actor_of(request),
        agreement_id=agreement_id,
        shares={s.organisation_id: s.percent for s in payload},
    )


@router.get(
    "/agreements/{agreement_id}/fairness",
    response=list[ResourceFairnessOut],
    summary="Who carries what share of the load against the share they agreed",
)
def fairness(request: HttpRequest, agreement_id: ObjectId) -> object:
    view = selectors.agreement_detail_for(actor=actor_of(request), agreement_id=agreement_id)
    return [
        {
            "organisation_id": r.organisation.pk,
            "organisation": r.organisation.name,
            "agreed_percent": r.agreed_percent,
            "nok": r.nok,
            "nok_percent": r.nok_percent,
            "hours": r.hours,
            "hours_percent": r.hours_percent,
            "difference": r.difference,
        }
        for r in view.fairness
    ]
