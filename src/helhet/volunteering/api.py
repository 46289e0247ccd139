from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from helhet.core.api import ObjectId, actor_of
from helhet.volunteering import selectors, services, volunteers
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


class VolunteerCareUnitPatch(Schema):
    """Only the fields sent change; ``null`` leaves a field as it is (neither can be empty)."""

    name: str | None = None
    unit_type: str | None = None


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


class VolunteerActivityPatch(Schema):
    """Only the fields sent change. ``statutory_override: null`` goes back to the category's
    rule; ``null`` for any other field leaves it as it is."""

    title: str | None = None
    category: str | None = None
    coordinator: str | None = None
    statutory_override: bool | None = None
    requires_police_certificate: bool | None = None


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


class VolunteerDeclarationsPatch(Schema):
    """Only the dates sent change; ``null`` means not signed / not checked (any more)."""

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


def _sent(payload: Schema, *, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields the client sent; ``null`` is kept only where it means something."""
    return {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name in nullable
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


@router.patch(
    "/volunteering/care-units/{care_unit_id}",
    response=VolunteerCareUnitOut,
    summary="Rename a care unit or change its type (staff of the unit's organisation)",
)
def care_unit_update(
    request: HttpRequest, care_unit_id: ObjectId, payload: VolunteerCareUnitPatch
) -> object:
    actor = actor_of(request)
    unit = services.care_unit_update(actor=actor, care_unit_id=care_unit_id, **_sent(payload))
    return _unit(selectors.care_unit_get_for(actor=actor, care_unit_id=unit.pk))


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


@router.patch(
    "/volunteering/activities/{activity_id}",
    response=VolunteerActivityOut,
    summary="Change an activity: title, category, coordinator, statutory override, certificate",
)
def activity_update(
    request: HttpRequest, activity_id: ObjectId, payload: VolunteerActivityPatch
) -> object:
    actor = actor_of(request)
    services.activity_update(
        actor=actor, activity_id=activity_id, **_sent(payload, nullable=("statutory_override",))
    )
    return _activity(selectors.activity_get_for(actor=actor, activity_id=activity_id))


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
    return Status(201, volunteers.volunteer_register(actor=actor_of(request), **payload.dict()))


@router.patch(
    "/volunteering/volunteers/{volunteer_id}/declarations",
    response=VolunteerOut,
    summary="Record a volunteer's confidentiality declaration and police certificate check",
)
def volunteer_declarations_update(
    request: HttpRequest, volunteer_id: ObjectId, payload: VolunteerDeclarationsPatch
) -> object:
    return volunteers.volunteer_declarations_update(
        actor=actor_of(request),
        volunteer_id=volunteer_id,
        **_sent(
            payload,
            nullable=("confidentiality_declaration_signed_on", "police_certificate_checked_on"),
        ),
    )
