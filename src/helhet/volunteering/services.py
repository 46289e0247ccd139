"""Writes: care units, volunteer activities and their occurrences (and the volunteers on
them), agreements. The volunteer register itself is written in ``volunteers``.

Who may edit: staff (any role but researcher) of the care unit's organisation, and of the
voluntary organisation named in the activity or agreement. The rules are in ``policies`` so
that the pages offer only what these functions will accept; these functions still decide.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from helhet.audit.services import change_record
from helhet.core.dates import today
from helhet.core.text import clean_text
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, OrganisationKind
from helhet.volunteering.errors import (
    ActivityNotFound,
    CareUnitNotFound,
    NegativeNumber,
    PoliceCertificateMissing,
    UnknownActivityCategory,
    UnknownCoordinator,
    VolunteeringInvalid,
    VolunteerNotFound,
)
from helhet.volunteering.models import (
    Activity,
    ActivityCategory,
    ActivityVolunteer,
    CareUnit,
    CareUnitType,
    Coordinator,
    Occurrence,
    Volunteer,
    VolunteerAgreement,
)
from helhet.volunteering.policies import (
    require_activity_editor,
    require_care_unit_creator,
    require_volunteering_editor,
)


class _Unset:
    pass


UNSET: Any = _Unset()


def _check_unit_type(unit_type: str) -> None:
    if unit_type not in CareUnitType.values:
        raise VolunteeringInvalid(
            _("Unknown unit type: %(t)s.") % {"t": unit_type}, details={"unit_type": unit_type}
        )


def clean_or_refuse(instance: models.Model) -> None:
    """The model's own validation, refused as ``VolunteeringInvalid`` (also for ``volunteers``)."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        fields = sorted(exc.message_dict) if hasattr(exc, "error_dict") else []
        message = "; ".join(str(m) for msgs in exc.message_dict.values() for m in msgs)
        raise VolunteeringInvalid(message, details={"fields": fields}) from exc


def _check_category(category: str) -> None:
    if category not in ActivityCategory.values:
        raise UnknownActivityCategory(
            _("Unknown activity category: %(c)s.") % {"c": category},
            details={"category": category, "allowed": list(ActivityCategory.values)},
        )


def _check_coordinator(coordinator: str) -> None:
    if coordinator not in Coordinator.values:
        raise UnknownCoordinator(
            _("Unknown coordinator: %(c)s.") % {"c": coordinator},
            details={"coordinator": coordinator, "allowed": list(Coordinator.values)},
        )


def _voluntary_organisation(actor: Actor, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(
        pk=organisation_id, municipality_id=actor.municipality_id
    ).first()
    if organisation is None or organisation.kind != OrganisationKind.VOLUNTARY:
        raise VolunteeringInvalid(
            _("Choose a voluntary organisation in your municipality."),
            details={"voluntary_organisation_id": organisation_id},
        )
    return organisation


def _care_unit(actor: Actor, care_unit_id: int) -> CareUnit:
    unit = CareUnit.objects.filter(pk=care_unit_id, municipality_id=actor.municipality_id).first()
    if unit is None:
        raise CareUnitNotFound()
    return unit


def _activity_for_update(actor: Actor, activity_id: int) -> Activity:
    activity = (
        Activity.objects.select_for_update()
        .select_related("care_unit")
        .filter(pk=activity_id, municipality_id=actor.municipality_id)
        .first()
    )
    if activity is None:
        raise ActivityNotFound()
    return activity


@transaction.atomic
def care_unit_create(*, actor: Actor, name: str, unit_type: str) -> CareUnit:
    """A care unit of the actor's own organisation.

    Its kind must be one of ``policies.CARE_ORGANISATION_KINDS``: nursing home, home care,
    health and welfare (where nursing homes and home care sit in many municipalities) or
    other.
    """
    require_care_unit_creator(actor)
    _check_unit_type(unit_type)
    unit = CareUnit(
        municipality_id=actor.municipality_id,
        organisation_id=actor.organisation_id,
        name=clean_text(name),
        unit_type=unit_type,
    )
    clean_or_refuse(unit)
    unit.save()
    change_record(
        actor=actor,
        action="volunteering.care_unit_create",
        instance=unit,
        changes={"name": unit.name, "unit_type": unit_type},
    )
    return unit


@transaction.atomic
def care_unit_update(
    *, actor: Actor, care_unit_id: int, name: str = UNSET, unit_type: str = UNSET
) -> CareUnit:
    """Rename the unit or change its type; staff of the unit's own organisation only."""
    unit = (
        CareUnit.objects.select_for_update()
        .filter(pk=care_unit_id, municipality_id=actor.municipality_id)
        .first()
    )
    if unit is None:
        raise CareUnitNotFound()
    require_volunteering_editor(actor, unit.organisation_id)
    if unit_type is not UNSET:
        _check_unit_type(unit_type)
    if name is not UNSET:
        name = clean_text(name)
    changes: dict[str, Any] = {}
    for field, value in (("name", name), ("unit_type", unit_type)):
        if value is not UNSET and getattr(unit, field) != value:
            setattr(unit, field, value)
            changes[field] = value
    clean_or_refuse(unit)
    unit.save()
    change_record(
        actor=actor, action="volunteering.care_unit_update", instance=unit, changes=changes
    )
    return unit


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
    care_unit_id: int,
    category: str,
    title: str,
    coordinator: str,
    voluntary_organisation_id: int | None = None,
    statutory_override: bool | None = None,
    requires_police_certificate: bool = False,
) -> Activity:
    _check_category(category)
    _check_coordinator(coordinator)
    unit = _care_unit(actor, care_unit_id)
    voluntary = _voluntary_organisation(actor, voluntary_organisation_id)
    require_volunteering_editor(actor, unit.organisation_id, voluntary.pk if voluntary else None)
    activity = Activity(
        municipality_id=actor.municipality_id,
        care_unit=unit,
        voluntary_organisation=voluntary,
        category=category,
        title=clean_text(title),
        coordinator=coordinator,
        statutory_override=statutory_override,
        requires_police_certificate=requires_police_certificate,
    )
    clean_or_refuse(activity)
    activity.save()
    change_record(
        actor=actor,
        action="volunteering.activity_create",
        instance=activity,
        changes={
            "care_unit_id": unit.pk,
            "category": category,
            "coordinator": coordinator,
            "statutory": activity.statutory,
        },
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Actor,
    activity_id: int,
    title: str = UNSET,
    category: str = UNSET,
    coordinator: str = UNSET,
    statutory_override: bool | None = UNSET,
    requires_police_certificate: bool = UNSET,
) -> Activity:
    """Change the fields given; ``statutory_override=None`` goes back to the category's rule."""
    activity = _activity_for_update(actor, activity_id)
    require_activity_editor(actor, activity)
    changes: dict[str, Any] = {}
    if category is not UNSET:
        _check_category(category)
    if coordinator is not UNSET:
        _check_coordinator(coordinator)
    if title is not UNSET:
        title = clean_text(title)
    for field, value in (
        ("title", title),
        ("category", category),
        ("coordinator", coordinator),
        ("statutory_override", statutory_override),
        ("requires_police_certificate", requires_police_certificate),
    ):
        if value is not UNSET and getattr(activity, field) != value:
            setattr(activity, field, value)
            changes[field] = value
    clean_or_refuse(activity)
    activity.save()
    change_record(
        actor=actor, action="volunteering.activity_update", instance=activity, changes=changes
    )
    return activity


@transaction.atomic
def occurrence_record(
    *,
    actor: Actor,
    activity_id: int,
    date: date,
    participants: int,
    volunteers: int,
    hours: Decimal | float | int,
    coordinator: str | None = None,
) -> Occurrence:
    """Record that the activity took place; who coordinated defaults to the activity's."""
    counts = {"participants": participants, "volunteers": volunteers, "hours": hours}
    negative = [name for name, value in counts.items() if value < 0]
    if negative:
        # Named as on the page (and in the user's language); the codes go in the details.
        labels = {
            "participants": _("participants"),
            "volunteers": _("volunteers"),
            "hours": _("hours"),
        }
        raise NegativeNumber(
            _("Cannot be negative: %(f)s.") % {"f": ", ".join(labels[n] for n in negative)},
            details={"fields": negative},
        )
    if coordinator is not None:
        _check_coordinator(coordinator)
    activity = _activity_for_update(actor, activity_id)
    require_activity_editor(actor, activity)
    occurrence = Occurrence(
        municipality_id=actor.municipality_id,
        activity=activity,
        date=date,
        participants=participants,
        volunteers=volunteers,
        hours=Decimal(str(hours)),
        coordinator=coordinator or activity.coordinator,
    )
    clean_or_refuse(occurrence)
    occurrence.save()
    change_record(
        actor=actor,
        action="volunteering.occurrence_record",
        instance=occurrence,
        changes={
            "activity_id": activity.pk,
            "date": date.isoformat(),
            "participants": participants,
            "volunteers": volunteers,
            "hours": str(occurrence.hours),
            "coordinator": occurrence.coordinator,
        },
    )
    return occurrence


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    care_unit_id: int,
    voluntary_organisation_id: int,
    tasks: str,
    signed_on: date,
    contact_persons: str = "",
    confidentiality: str = "",
    requires_police_certificate: bool = False,
    valid_until: date | None = None,
) -> VolunteerAgreement:
    unit = _care_unit(actor, care_unit_id)
    voluntary = _voluntary_organisation(actor, voluntary_organisation_id)
    assert voluntary is not None  # noqa: S101 - the id is required, so the org exists
    require_volunteering_editor(actor, unit.organisation_id, voluntary.pk)
    if valid_until is not None and valid_until < signed_on:
        raise VolunteeringInvalid(
            _("The agreement cannot end before it is signed."), details={"fields": ["valid_until"]}
        )
    agreement = VolunteerAgreement(
        municipality_id=actor.municipality_id,
        care_unit=unit,
        voluntary_organisation=voluntary,
        tasks=clean_text(tasks),
        contact_persons=clean_text(contact_persons),
        confidentiality=clean_text(confidentiality),
        requires_police_certificate=requires_police_certificate,
        signed_on=signed_on,
        valid_until=valid_until,
    )
    clean_or_refuse(agreement)
    agreement.save()
    change_record(
        actor=actor,
        action="volunteering.agreement_create",
        instance=agreement,
        changes={
            "care_unit_id": unit.pk,
            "voluntary_organisation_id": voluntary.pk,
            "requires_police_certificate": requires_police_certificate,
            "signed_on": signed_on.isoformat(),
            "valid_until": valid_until.isoformat() if valid_until else None,
        },
    )
    return agreement


def police_certificate_required(activity: Activity, *, on: date | None = None) -> bool:
    """The activity asks for one, or an agreement in force between its parties does."""
    if activity.requires_police_certificate:
        return True
    if activity.voluntary_organisation_id is None:
        return False
    day = on or today()
    return (
        VolunteerAgreement.objects.filter(
            care_unit_id=activity.care_unit_id,
            voluntary_organisation_id=activity.voluntary_organisation_id,
            requires_police_certificate=True,
            signed_on__lte=day,
        )
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
        .exists()
    )


@transaction.atomic
def activity_volunteer_add(*, actor: Actor, activity_id: int, volunteer_id: int) -> Activity:
    """Put a volunteer of the activity's voluntary organisation on the activity."""
    activity = _activity_for_update(actor, activity_id)
    require_activity_editor(actor, activity)
    volunteer = Volunteer.objects.filter(
        pk=volunteer_id, voluntary_organisation_id=activity.voluntary_organisation_id
    ).first()
    if volunteer is None or activity.voluntary_organisation_id is None:
        raise VolunteerNotFound()
    if police_certificate_required(activity) and volunteer.police_certificate_checked_on is None:
        raise PoliceCertificateMissing(details={"volunteer_id": volunteer.pk})
    link, created = ActivityVolunteer.objects.get_or_create(
        activity=activity, volunteer=volunteer, defaults={"municipality_id": actor.municipality_id}
    )
    if created:
        change_record(
            actor=actor,
            action="volunteering.activity_volunteer_add",
            instance=link,
            changes={"activity_id": activity.pk, "volunteer_id": volunteer.pk},
        )
    return activity
