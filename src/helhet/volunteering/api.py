from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from helhet.api.auth import actor_of
from helhet.api.types import ObjectId
from helhet.volunteering import selectors, services
from helhet.volunteering.models import Activity, CareUnit
from helhet.volunteering.selectors import QuarterMix

router = Router(tags=["volunteering"])


class VolunteerCareUnitOut(Schema):
    id: int
    name: str
    unit_type: str
    organisation_id: int
    organisation: str


class VolunteerCareUnitIn(Schema):
    name: str
    unit_type: str


class VolunteerOccurrenceOut(Schema):
    id: int
    date: date
    participants: int
    volunteers: int
    hours: Decimal
    coordinator: str


class VolunteerOccurrenceIn(Schema):
    date: date
    # Signs are checked by the service, so a negative number gets the domain's clear message.
    participants: int
    volunteers: int
    hours: Decimal = Field(max_digits=7, decimal_places=1)
    coordinator: str | None = None


class VolunteerActivityOut(Schema):
    id: int
    care_unit_id: int
    voluntary_organisation_id: int | None
    category: str
    title: str
    coordinator: str
    statutory: bool
    statutory_override: bool | None
    requires_police_certificate: bool
    occurrences: list[VolunteerOccurrenceOut]


class VolunteerActivityIn(Schema):
    care_unit_id: ObjectId
    category: str
    title: str
    coordinator: str
    voluntary_organisation_id: ObjectId | None = None
    statutory_override: bool | None = None
    requires_police_certificate: bool = False


class VolunteerQuarterMixOut(Schema):
    quarter: str
    counts: dict[str, int]
    shares: dict[str, float]
    total: int
    left_out: int


class VolunteerCareUnitDetailOut(Schema):
    unit: VolunteerCareUnitOut
    activities: list[VolunteerActivityOut]
    coordination_mix: list[VolunteerQuarterMixOut]


class VolunteerAgreementOut(Schema):
    id: int
    care_unit_id: int
    voluntary_organisation_id: int
    tasks: str
    contact_persons: str
    confidentiality: str
    requires_police_certificate: bool
    signed_on: date
    valid_until: date | None


class VolunteerAgreementIn(Schema):
    care_unit_id: ObjectId
    voluntary_organisation_id: ObjectId
    tasks: str
    signed_on: date
    contact_persons: str = ""
    confidentiality: str = ""
    requires_police_certificate: bool = False
    valid_until: date | None = None


class VolunteerOut(Schema):
    id: int
    voluntary_organisation_id: int
    name: str
    contact: str
    confidentiality_declaration_signed_on: date | None
    police_certificate_checked_on: date | None


class VolunteerIn(Schema):
    name: str
    contact: str = ""
    confidentiality_declaration_signed_on: date | None = None
    police_certificate_checked_on: date | None = None


class VolunteerAssignIn(Schema):
    volunteer_id: ObjectId


def _unit(unit: CareUnit) -> dict[str, object]:
    return {
        "id": unit.pk,
        "name": unit.name,
        "unit_type": unit.unit_type,
        "organisation_id": unit.organisation_id,
        "organisation": unit.organisation.name,
    }


def _activity(activity: Activity) -> dict[str, object]:
    return {
        "id": activity.pk,
        "care_unit_id": activity.care_unit_id,
        "voluntary_organisation_id": activity.voluntary_organisation_id,
        "category": activity.category,
        "title": activity.title,
        "coordinator": activity.coordinator,
        "statutory": activity.statutory,
        "statutory_override": activity.statutory_override,
        "requires_police_certificate": activity.requires_police_certificate,
        "occurrences": list(activity.occurrences.all()),
    }


def _mix(mix: list[QuarterMix]) -> list[dict[str, object]]:
    return [
        {
            "quarter": q.quarter,
            "counts": q.counts,
            "shares": q.shares,
            "total": q.total,
            "left_out": q.left_out,
        }
        for q in mix
    ]


@router.get("/volunteering/care-units", response=list[VolunteerCareUnitOut])
def care_unit_list(request: HttpRequest) -> object:
    return [_unit(u) for u in selectors.care_units_visible_to(actor_of(request))]


@router.post("/volunteering/care-units", response={201: VolunteerCareUnitOut})
def care_unit_create(request: HttpRequest, payload: VolunteerCareUnitIn) -> Status[object]:
    unit = services.care_unit_create(actor=actor_of(request), **payload.dict())
    return Status(
        201, _unit(selectors.care_unit_get_for(actor=actor_of(request), care_unit_id=unit.pk))
    )


@router.get(
    "/volunteering/care-units/{care_unit_id}",
    response=VolunteerCareUnitDetailOut,
    summary="A care unit, its activities and occurrences, and who coordinated them per quarter",
)
def care_unit_detail(request: HttpRequest, care_unit_id: ObjectId) -> object:
    actor = actor_of(request)
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    return {
        "unit": _unit(unit),
        "activities": [
            _activity(a) for a in selectors.activities_for_unit(actor=actor, care_unit_id=unit.pk)
        ],
        "coordination_mix": _mix(
            selectors.coordination_mix_for_unit(actor=actor, care_unit_id=unit.pk)
        ),
    }


@router.get(
    "/volunteering/coordination-mix",
    response=list[VolunteerQuarterMixOut],
    summary="Who coordinated the municipality's volunteer activities, per quarter",
)
def coordination_mix(request: HttpRequest) -> object:
    return _mix(selectors.coordination_mix_for_municipality(actor=actor_of(request)))


@router.post("/volunteering/activities", response={201: VolunteerActivityOut})
def activity_create(request: HttpRequest, payload: VolunteerActivityIn) -> Status[object]:
    actor = actor_of(request)
    activity = services.activity_create(actor=actor, **payload.dict())
    return Status(201, _activity(selectors.activity_get_for(actor=actor, activity_id=activity.pk)))


@router.post(
    "/volunteering/activities/{activity_id}/occurrences", response={201: VolunteerOccurrenceOut}
)
def occurrence_record(
    request: HttpRequest, activity_id: ObjectId, payload: VolunteerOccurrenceIn
) -> Status[object]:
    occurrence = services.occurrence_record(
        actor=actor_of(request), activity_id=activity_id, **payload.dict()
    )
    return Status(201, occurrence)


@router.post("/volunteering/activities/{activity_id}/volunteers", response=VolunteerActivityOut)
def activity_volunteer_add(
    request: HttpRequest, activity_id: ObjectId, payload: VolunteerAssignIn
) -> object:
    actor = actor_of(request)
    services.activity_volunteer_add(
        actor=actor, activity_id=activity_id, volunteer_id=payload.volunteer_id
    )
    return _activity(selectors.activity_get_for(actor=actor, activity_id=activity_id))


@router.get("/volunteering/agreements", response=list[VolunteerAgreementOut])
def agreement_list(request: HttpRequest) -> object:
    return list(selectors.agreements_visible_to(actor_of(request)))


@router.post("/volunteering/agreements", response={201: VolunteerAgreementOut})
def agreement_create(request: HttpRequest, payload: VolunteerAgreementIn) -> Status[object]:
    return Status(201, services.agreement_create(actor=actor_of(request), **payload.dict()))


@router.get(
    "/volunteering/organisations/{organisation_id}/volunteers",
    response=list[VolunteerOut],
    summary="A voluntary organisation's volunteers, as far as you may see them",
)
def volunteer_register(request: HttpRequest, organisation_id: ObjectId) -> object:
    return list(
        selectors.volunteer_register_for(actor=actor_of(request), organisation_id=organisation_id)
    )


@router.post("/volunteering/volunteers", response={201: VolunteerOut})
def volunteer_create(request: HttpRequest, payload: VolunteerIn) -> Status[object]:
    return Status(201, services.volunteer_register(actor=actor_of(request), **payload.dict()))
