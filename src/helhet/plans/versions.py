"""How a write to the family plan becomes a version, and how a stale edit is caught.

Every saved change adds one to ``FamilyPlan.version`` and stores a ``PlanVersion`` with a
snapshot of the whole plan, in the same transaction as the change-log row. The plan row is
locked (``select_for_update``) first, so two writers never produce the same version number.

``plan_update`` uses optimistic locking: the caller says which version they edited
(``expected_version``). If the plan has changed since, in anything the caller may see,
``PlanConflict`` (409) is raised with the changes and nothing is written. A change the caller
cannot see (a measure in a category without consent) does not make a conflict: this update
cannot overwrite it, and a 409 would reveal that it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_noop as N_

from helhet.plans.errors import PlanConflict, PlanInvalid
from helhet.plans.models import FamilyPlan, Goal, Measure, PlanVersion
from helhet.plans.snapshots import Visibility, changes_between, snapshot_of
from helhet.tenancy.actor import Actor


def record_version(
    *, actor: Actor, plan: FamilyPlan, action: str, measure: Measure | None = None
) -> PlanVersion:
    goals = list(Goal.objects.filter(plan=plan).order_by("order", "id"))
    measures = list(
        Measure.objects.filter(plan=plan).select_related("person", "organisation", "responsible")
    )
    return PlanVersion.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        number=plan.version,
        action=action,
        snapshot=snapshot_of(plan, goals, measures),
        person_id=measure.person_id if measure else None,
        organisation_id=measure.organisation_id if measure else None,
        category=measure.category if measure else "",
        created_by=actor.user,
        created_by_organisation_id=actor.organisation_id,
    )


def bump(*, actor: Actor, plan: FamilyPlan, action: str, measure: Measure | None = None) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    record_version(actor=actor, plan=plan, action=action, measure=measure)


def check_version(
    plan: FamilyPlan, expected_version: int, visibility: Callable[[], Visibility]
) -> None:
    """Refuse an edit made on an older version if the plan has changed since in anything the
    caller may see (``visibility`` is asked for only then)."""
    if expected_version == plan.version:
        return
    if expected_version < 1 or expected_version > plan.version:
        raise PlanInvalid(
            N_("There is no such version of the plan."),
            details={"expected_version": expected_version, "current_version": plan.version},
        )
    snapshots = dict(
        PlanVersion.objects.filter(
            plan=plan, number__in=[expected_version, plan.version]
        ).values_list("number", "snapshot")
    )
    details: dict[str, Any] = {
        "expected_version": expected_version,
        "current_version": plan.version,
        "changes": {},
        "labels": {},
    }
    if len(snapshots) < 2:  # history missing (should not happen): refuse, to be safe
        raise PlanConflict(details=details)
    changes, labels = changes_between(
        snapshots[expected_version], snapshots[plan.version], visibility()
    )
    if changes:
        raise PlanConflict(details={**details, "changes": changes, "labels": labels})
