"""Writes for the volunteer register: a voluntary organisation registers its volunteers and
keeps the dates of their confidentiality declaration and police certificate check.

Only staff of the volunteer's own organisation register and edit them (``policies``); the
register holds personal data, so the change log records whether a declaration is there,
never a name or contact.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from helhet.audit.services import change_record
from helhet.core.dates import today
from helhet.core.text import clean_text
from helhet.tenancy.actor import Actor
from helhet.volunteering.errors import VolunteeringInvalid
from helhet.volunteering.models import Volunteer
from helhet.volunteering.policies import require_volunteer_editor, require_volunteer_registrar
from helhet.volunteering.services import UNSET, clean_or_refuse


def _check_not_future(**dates: date | None) -> None:
    """A declaration signed or a certificate checked "tomorrow" is a typing error."""
    future = [name for name, day in dates.items() if day is not None and day > today()]
    if future:
        labels = {
            "confidentiality_declaration_signed_on": _("confidentiality declaration signed on"),
            "police_certificate_checked_on": _("police certificate checked on"),
        }
        raise VolunteeringInvalid(
            _("Cannot be in the future: %(f)s.") % {"f": ", ".join(labels[n] for n in future)},
            details={"fields": future},
        )


@transaction.atomic
def volunteer_register(
    *,
    actor: Actor,
    name: str,
    contact: str = "",
    confidentiality_declaration_signed_on: date | None = None,
    police_certificate_checked_on: date | None = None,
) -> Volunteer:
    """A volunteer of the actor's own voluntary organisation."""
    require_volunteer_registrar(actor)
    _check_not_future(
        confidentiality_declaration_signed_on=confidentiality_declaration_signed_on,
        police_certificate_checked_on=police_certificate_checked_on,
    )
    volunteer = Volunteer(
        municipality_id=actor.municipality_id,
        voluntary_organisation_id=actor.organisation_id,
        name=clean_text(name),
        contact=clean_text(contact),
        confidentiality_declaration_signed_on=confidentiality_declaration_signed_on,
        police_certificate_checked_on=police_certificate_checked_on,
    )
    clean_or_refuse(volunteer)
    volunteer.save()
    # No name or contact in the change log: volunteers' personal data stays in one place.
    change_record(
        actor=actor,
        action="volunteering.volunteer_register",
        instance=volunteer,
        changes={
            "confidentiality_declaration": confidentiality_declaration_signed_on is not None,
            "police_certificate": police_certificate_checked_on is not None,
        },
    )
    return volunteer


@transaction.atomic
def volunteer_declarations_update(
    *,
    actor: Actor,
    volunteer_id: int,
    confidentiality_declaration_signed_on: date | None = UNSET,
    police_certificate_checked_on: date | None = UNSET,
) -> Volunteer:
    """Change the dates given; ``None`` means not signed / not checked. Neither may be in the
    future. Staff of the volunteer's own organisation only; anyone else gets "not found"."""
    volunteer = Volunteer.objects.select_for_update().filter(pk=volunteer_id).first()
    require_volunteer_editor(actor, volunteer)
    assert volunteer is not None  # noqa: S101 - require_volunteer_editor refused None
    _check_not_future(
        **{
            name: value
            for name, value in (
                ("confidentiality_declaration_signed_on", confidentiality_declaration_signed_on),
                ("police_certificate_checked_on", police_certificate_checked_on),
            )
            if value is not UNSET
        }
    )
    changes: dict[str, Any] = {}
    if confidentiality_declaration_signed_on is not UNSET:
        volunteer.confidentiality_declaration_signed_on = confidentiality_declaration_signed_on
        changes["confidentiality_declaration"] = confidentiality_declaration_signed_on is not None
    if police_certificate_checked_on is not UNSET:
        volunteer.police_certificate_checked_on = police_certificate_checked_on
        changes["police_certificate"] = police_certificate_checked_on is not None
    clean_or_refuse(volunteer)
    volunteer.save()
    change_record(
        actor=actor,
        action="volunteering.volunteer_declarations_update",
        instance=volunteer,
        changes=changes,
    )
    return volunteer
