"""Who may change what in volunteering; the services enforce these, the pages use them to
offer links and forms.

Staff (any role but researcher) of the care unit's organisation, and of the voluntary
organisation named in an activity or agreement, edit them. Care units are set up by staff of
care organisations. Volunteers are registered, and their declarations kept, by their own
voluntary organisation. Researchers see no volunteers at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import OrganisationKind, Role
from helhet.volunteering.errors import (
    NotCareStaff,
    NotVoluntaryStaff,
    VolunteeringNotYours,
    VolunteerNotFound,
)
from helhet.volunteering.models import Activity, CareUnit, Volunteer

# Organisations whose staff may set up care units (the voluntary ones run activities there).
CARE_ORGANISATION_KINDS = frozenset(
    {
        OrganisationKind.NURSING_HOME,
        OrganisationKind.HOME_CARE,
        # In many municipalities nursing homes and home care sit under "helse og velferd".
        OrganisationKind.HEALTH_WELFARE,
        OrganisationKind.OTHER,
    }
)


def can_see_volunteers(actor: Actor) -> bool:
    return actor.role != Role.RESEARCHER


def can_edit_volunteering(actor: Actor, organisation_ids: Iterable[int | None]) -> bool:
    """Staff other than researchers of one of the organisations concerned."""
    return actor.role != Role.RESEARCHER and actor.organisation_id in set(organisation_ids)


def require_volunteering_editor(actor: Actor, *organisation_ids: int | None) -> None:
    if not can_edit_volunteering(actor, organisation_ids):
        raise VolunteeringNotYours()


def can_create_care_unit(actor: Actor) -> bool:
    return actor.role != Role.RESEARCHER and actor.organisation.kind in CARE_ORGANISATION_KINDS


def require_care_unit_creator(actor: Actor) -> None:
    if not can_create_care_unit(actor):
        raise NotCareStaff()


def can_edit_care_unit(actor: Actor, unit: CareUnit) -> bool:
    return can_edit_volunteering(actor, [unit.organisation_id])


def require_care_unit_editor(actor: Actor, unit: CareUnit) -> None:
    if not can_edit_care_unit(actor, unit):
        raise VolunteeringNotYours()


def can_add_to_care_unit(actor: Actor, unit: CareUnit) -> bool:
    """May start an activity or an agreement with the unit.

    A voluntary organisation's staff may, naming their own organisation as the other party;
    the service checks the party actually named.
    """
    return can_edit_care_unit(actor, unit) or (
        actor.role != Role.RESEARCHER and actor.organisation.kind == OrganisationKind.VOLUNTARY
    )


def require_may_add_to_care_unit(actor: Actor, unit: CareUnit) -> None:
    if not can_add_to_care_unit(actor, unit):
        raise VolunteeringNotYours()


def can_edit_activity(actor: Actor, activity: Activity) -> bool:
    return can_edit_volunteering(
        actor, [activity.care_unit.organisation_id, activity.voluntary_organisation_id]
    )


def require_activity_editor(actor: Actor, activity: Activity) -> None:
    if not can_edit_activity(actor, activity):
        raise VolunteeringNotYours()


def can_register_volunteers(actor: Actor, organisation_id: int | None = None) -> bool:
    """Staff of a voluntary organisation register its volunteers, and only its own."""
    own = organisation_id is None or organisation_id == actor.organisation_id
    return (
        own
        and actor.role != Role.RESEARCHER
        and actor.organisation.kind == OrganisationKind.VOLUNTARY
    )


def require_volunteer_registrar(actor: Actor) -> None:
    if not can_register_volunteers(actor):
        raise NotVoluntaryStaff()


def can_edit_volunteer(actor: Actor, volunteer: Volunteer) -> bool:
    return (
        actor.role != Role.RESEARCHER
        and volunteer.voluntary_organisation_id == actor.organisation_id
    )


def require_volunteer_editor(actor: Actor, volunteer: Volunteer | None) -> None:
    # Not "not yours": whether someone else's volunteer exists is not the actor's business.
    if volunteer is None or not can_edit_volunteer(actor, volunteer):
        raise VolunteerNotFound()
