"""Who may change what in a family plan, beyond seeing it (``consent.policies`` decides what
each organisation sees).

The common part (texts, period, goals) is written by anyone whose organisation works with a
member of the family. A measure is changed only by staff of the organisation that owns it.
The coordinator appointed is on the staff of the actor's own organisation (so nobody learns
another organisation's staff list); a coordinator from a service the user may not know of is
neither listed nor changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.plans.errors import MeasureNotOwned
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.models import Membership

if TYPE_CHECKING:
    from helhet.plans.selectors import PlanView


def can_change_measure(actor: Actor, owner_organisation_id: int) -> bool:
    return owner_organisation_id == actor.organisation_id


def require_measure_owner(actor: Actor, owner_organisation_id: int) -> None:
    if not can_change_measure(actor, owner_organisation_id):
        raise MeasureNotOwned()


def can_appoint_coordinator(actor: Actor, user_id: int) -> bool:
    return Membership.objects.filter(
        user_id=user_id,
        user__is_active=True,
        organisation_id=actor.organisation_id,
        active=True,
        role__in=CASE_ROLES,
    ).exists()


def can_choose_coordinator(view: PlanView) -> bool:
    """Whether the plan's form offers the coordinator: there is none yet, or the actor may
    see who it is."""
    return view.plan is not None and (view.plan.coordinator_id is None or view.coordinator_shown)
