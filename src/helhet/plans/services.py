"""Writes to the family plan. Each saved change is a new version of the plan (``versions``).

Who may write is in ``policies``; a family none of whose members the actor's organisation
knows does not exist for them (404). A new measure is owned by the actor's own organisation,
or, when it is made from a meeting's action item, by the organisation the action item is
assigned to. Its person must be a family member the actor's organisation knows.

``plan_update`` refuses an edit made on an older version with ``PlanConflict`` (409) if the
plan has changed since in anything the caller may see (``versions.check_version``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.policies import consented_categories, persons_known_to, readable_q
from helhet.core.categories import InformationCategory
from helhet.core.errors import NotFound
from helhet.core.text import clean_text
from helhet.meetings.errors import ActionItemNotFound
from helhet.meetings.models import ActionItem, Participant
from helhet.people.errors import FamilyNotFound, NoPersonalDataAccess, PersonNotFound
from helhet.people.models import Family, FamilyMember
from helhet.plans.errors import (
    GoalNotFound,
    MeasureInvalid,
    MeasureNotFound,
    PlanInvalid,
    PlanNotFound,
)
from helhet.plans.models import FamilyPlan, Goal, Measure, MeasureStatus
from helhet.plans.policies import can_appoint_coordinator, require_measure_owner
from helhet.plans.snapshots import DATE_FIELDS, Visibility
from helhet.plans.versions import bump, check_version, record_version
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership

TEXT_FIELDS = (
    "resources_and_needs",
    "participants",
    "contributions",
    "implementation",
    "cooperation",
)
PLAN_UPDATABLE = frozenset({*TEXT_FIELDS, *DATE_FIELDS, "coordinator_id"})
MEASURE_UPDATABLE = frozenset(
    {"title", "description", "scope", "goal_id", "responsible_id", "due_date", "category", "status"}
)


def _require_case_role(actor: Actor) -> None:
    if not actor.works_with_people:
        raise NoPersonalDataAccess()


def _known_member_ids(actor: Actor, family_id: int) -> list[int]:
    """The family's members the actor's organisation knows; 404 if none (or no family)."""
    _require_case_role(actor)
    ids = list(
        FamilyMember.objects.filter(
            family_id=family_id, person__in=persons_known_to(actor)
        ).values_list("person_id", flat=True)
    )
    if not ids:
        raise FamilyNotFound()
    return ids


def _family_known_q(actor: Actor) -> Exists:
    return Exists(
        FamilyMember.objects.filter(
            family_id=OuterRef("family_id"), person__in=persons_known_to(actor)
        )
    )


def _plan_for_write(
    actor: Actor, plan_id: int, not_found: type[NotFound] = PlanNotFound
) -> FamilyPlan:
    """The plan, locked for the rest of the transaction, if the actor knows a member."""
    _require_case_role(actor)
    plan = (
        FamilyPlan.objects.select_for_update(of=("self",))
        .select_related("coordinator", "coordinator_organisation")
        .filter(_family_known_q(actor), pk=plan_id)
        .first()
    )
    if plan is None:
        raise not_found()
    return plan


def plan_id_for_family(*, actor: Actor, family_id: int) -> int:
    """The id of a family's plan, for writes addressed by family (nothing is logged: writes
    are not reads). 404 ``family_not_found`` or ``plan_not_found``."""
    _known_member_ids(actor, family_id)
    plan_id = FamilyPlan.objects.filter(family_id=family_id).values_list("pk", flat=True).first()
    if plan_id is None:
        raise PlanNotFound()
    return plan_id


@transaction.atomic
def plan_get_or_create(*, actor: Actor, family_id: int) -> FamilyPlan:
    """The family's plan, created (version 1, empty) if it has none yet."""
    _known_member_ids(actor, family_id)
    plan = FamilyPlan.objects.filter(family_id=family_id).first()
    if plan is not None:
        return plan
    family = Family.objects.get(pk=family_id)
    plan = FamilyPlan(municipality_id=family.municipality_id, family=family, version=1)
    try:
        with transaction.atomic():
            plan.full_clean()
            plan.save()
    except (IntegrityError, ValidationError):  # made by someone else a moment ago
        return FamilyPlan.objects.get(family_id=family_id)
    change_record(actor=actor, action="plan.create", instance=plan, changes={"family": family_id})
    record_version(actor=actor, plan=plan, action="plan.create")
    return plan


def _visibility(actor: Actor, family_id: int) -> Visibility:
    known = _known_member_ids(actor, family_id)
    return Visibility(
        actor=actor,
        known_person_ids=frozenset(known),
        consented=consented_categories(actor, known),
    )


@transaction.atomic
def plan_update(*, actor: Actor, plan_id: int, expected_version: int, **fields: Any) -> FamilyPlan:
    """Change the plan's common part: texts (elements 1, 2, 4, 6, 9), period and revision
    date (7) and coordinator (3). Raises ``PlanConflict`` if someone saved first.

    The coordinator must be on the staff of the actor's own organisation (so nobody learns
    another organisation's staff list, and the coordinator takes the task within their own
    service); keeping the current coordinator is always allowed.
    """
    unknown = sorted(set(fields) - PLAN_UPDATABLE)
    if unknown:
        raise PlanInvalid(N_("These fields cannot be changed here."), details={"fields": unknown})
    plan = _plan_for_write(actor, plan_id)
    check_version(plan, expected_version, lambda: _visibility(actor, plan.family_id))
    changed: dict[str, Any] = {}
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = clean_text(value)
        elif name in DATE_FIELDS:
            if value is not None and not isinstance(value, date):
                raise PlanInvalid(N_("A date is expected."), details={"field": name})
        elif name == "coordinator_id":
            if value is not None and value != plan.coordinator_id:
                if not can_appoint_coordinator(actor, value):
                    raise PlanInvalid(
                        N_("The coordinator must be on the staff of your organisation."),
                        details={"field": "coordinator_id"},
                    )
                plan.coordinator_organisation_id = actor.organisation_id
            elif value is None:
                plan.coordinator_organisation_id = None
        if getattr(plan, name) != value:
            setattr(plan, name, value)
            changed[name] = value
    if (
        plan.period_start is not None
        and plan.period_end is not None
        and plan.period_end < plan.period_start
    ):
        raise PlanInvalid(
            N_("The plan period cannot end before it starts."), details={"field": "period_end"}
        )
    if not changed:
        return plan
    plan.full_clean()
    plan.version += 1
    plan.save()
    change_record(actor=actor, action="plan.update", instance=plan, changes=changed)
    record_version(actor=actor, plan=plan, action="plan.update")
    return plan


@transaction.atomic
def goal_add(*, actor: Actor, plan_id: int, text: str, order: int | None = None) -> Goal:
    """Add one of the family's goals, in their own words."""
    plan = _plan_for_write(actor, plan_id)
    text = clean_text(text)
    if not text:
        raise PlanInvalid(N_("Write the goal in the family's own words."))
    if order is None:
        top = Goal.objects.filter(plan=plan).aggregate(top=Max("order"))["top"]
        order = 1 if top is None else top + 1
    goal = Goal(municipality_id=plan.municipality_id, plan=plan, text=text, order=order)
    goal.full_clean()
    goal.save()
    change_record(
        actor=actor, action="goal.add", instance=goal, changes={"text": text, "order": order}
    )
    bump(actor=actor, plan=plan, action="goal.add")
    return goal


@transaction.atomic
def goal_update(
    *, actor: Actor, goal_id: int, text: str | None = None, order: int | None = None
) -> Goal:
    plan_id = Goal.objects.filter(pk=goal_id).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise GoalNotFound()
    plan = _plan_for_write(actor, plan_id, GoalNotFound)
    goal = Goal.objects.get(pk=goal_id)
    changed: dict[str, Any] = {}
    if text is not None:
        text = clean_text(text)
        if not text:
            raise PlanInvalid(N_("Write the goal in the family's own words."))
        if text != goal.text:
            goal.text = changed["text"] = text
    if order is not None and order != goal.order:
        goal.order = changed["order"] = order
    if not changed:
        return goal
    goal.full_clean()
    goal.save()
    change_record(actor=actor, action="goal.update", instance=goal, changes=changed)
    bump(actor=actor, plan=plan, action="goal.update")
    return goal


def _check_responsible(organisation_id: int, user_id: int | None) -> None:
    if user_id is None:
        return
    if not Membership.objects.filter(
        user_id=user_id, user__is_active=True, organisation_id=organisation_id, active=True
    ).exists():
        raise MeasureInvalid(
            N_(
                "The responsible person must be on the staff of the organisation that owns "
                "the measure."
            ),
            details={"field": "responsible_id"},
        )


def _check_goal(plan: FamilyPlan, goal_id: int | None) -> None:
    if goal_id is not None and not Goal.objects.filter(pk=goal_id, plan=plan).exists():
        raise GoalNotFound()


def _check_category(category: str) -> None:
    if category not in InformationCategory.values:
        raise MeasureInvalid(N_("Unknown information category."), details={"field": "category"})


def _check_status(status: str) -> None:
    if status not in MeasureStatus.values:
        raise MeasureInvalid(N_("Unknown status of a measure."), details={"field": "status"})


def _action_item_owner(actor: Actor, action_item_id: int) -> int:
    """The organisation a meeting's action item is assigned to, if the actor's organisation
    took part in the meeting and the item has not become a measure yet."""
    item = (
        ActionItem.objects.filter(
            Exists(
                Participant.objects.filter(
                    meeting_id=OuterRef("meeting_id"), organisation_id=actor.organisation_id
                )
            ),
            pk=action_item_id,
        )
        .only("owner_organisation_id", "measure_id")
        .first()
    )
    if item is None:
        raise ActionItemNotFound()
    if item.measure_id is not None:
        raise MeasureInvalid(N_("This action item is already a measure in the plan."))
    return item.owner_organisation_id


@transaction.atomic
def measure_add(
    *,
    actor: Actor,
    plan_id: int,
    person_id: int,
    category: str,
    title: str,
    description: str = "",
    scope: str = "",
    goal_id: int | None = None,
    responsible_id: int | None = None,
    due_date: date | None = None,
    status: str = MeasureStatus.PLANNED,
    action_item_id: int | None = None,
) -> Measure:
    """Add a measure for one family member, owned by the actor's organisation.

    With ``action_item_id`` the measure is owned by the organisation the meeting's action
    item is assigned to instead (see ``from_meetings.action_item_to_measure``, which
    also links the item to the new measure).
    """
    plan = _plan_for_write(actor, plan_id)
    owner_id = (
        actor.organisation_id
        if action_item_id is None
        else _action_item_owner(actor, action_item_id)
    )
    if not FamilyMember.objects.filter(
        family_id=plan.family_id, person_id=person_id, person__in=persons_known_to(actor)
    ).exists():
        raise PersonNotFound()
    _check_category(category)
    _check_status(status)
    _check_goal(plan, goal_id)
    _check_responsible(owner_id, responsible_id)
    measure = Measure(
        municipality_id=plan.municipality_id,
        plan=plan,
        goal_id=goal_id,
        person_id=person_id,
        organisation_id=owner_id,
        category=category,
        responsible_id=responsible_id,
        title=clean_text(title),
        description=clean_text(description),
        scope=clean_text(scope),
        status=status,
        due_date=due_date,
    )
    if not measure.title:
        raise MeasureInvalid(N_("A measure needs a title."), details={"field": "title"})
    measure.full_clean()
    measure.save()
    change_record(
        actor=actor,
        action="measure.add",
        instance=measure,
        person_id=person_id,
        changes={
            "plan": plan.pk,
            "organisation": owner_id,
            "category": category,
            "title": measure.title,
            "due_date": due_date,
            "action_item": action_item_id,
        },
    )
    bump(actor=actor, plan=plan, action="measure.add", measure=measure)
    return measure


def _measure_for_write(actor: Actor, measure_id: int) -> tuple[FamilyPlan, Measure]:
    """The measure and its (locked) plan. 404 if the actor may not see the measure, 403 if
    they see it but their organisation does not own it."""
    _require_case_role(actor)
    found = (
        Measure.objects.filter(readable_q(actor), pk=measure_id, person__in=persons_known_to(actor))
        .values_list("plan_id", "organisation_id")
        .first()
    )
    if found is None:
        raise MeasureNotFound()
    plan_id, organisation_id = found
    require_measure_owner(actor, organisation_id)
    plan = _plan_for_write(actor, plan_id, MeasureNotFound)
    return plan, Measure.objects.get(pk=measure_id)


def _measure_change(
    *, actor: Actor, measure_id: int, fields: dict[str, Any], action: str
) -> Measure:
    unknown = sorted(set(fields) - MEASURE_UPDATABLE)
    if unknown:
        raise MeasureInvalid(
            N_("These fields cannot be changed here."), details={"fields": unknown}
        )
    plan, measure = _measure_for_write(actor, measure_id)
    changed: dict[str, Any] = {}
    for name, value in fields.items():
        if name in {"title", "description", "scope"}:
            value = clean_text(value)
        if name == "title" and not value:
            raise MeasureInvalid(N_("A measure needs a title."), details={"field": "title"})
        if name == "category":
            _check_category(value)
        if name == "status":
            _check_status(value)
        if name == "goal_id":
            _check_goal(plan, value)
        if name == "responsible_id":
            _check_responsible(measure.organisation_id, value)
        if name == "due_date" and value is not None and not isinstance(value, date):
            raise MeasureInvalid(N_("A date is expected."), details={"field": name})
        if getattr(measure, name) != value:
            setattr(measure, name, value)
            changed[name] = value
    if not changed:
        return measure
    measure.full_clean()
    measure.save()
    change_record(
        actor=actor, action=action, instance=measure, person_id=measure.person_id, changes=changed
    )
    bump(actor=actor, plan=plan, action=action, measure=measure)
    return measure


@transaction.atomic
def measure_update(*, actor: Actor, measure_id: int, **fields: Any) -> Measure:
    """Change a measure: title, description, scope, goal, responsible person, due date,
    category or status. Only staff of the owning organisation may."""
    return _measure_change(
        actor=actor, measure_id=measure_id, fields=fields, action="measure.update"
    )


@transaction.atomic
def measure_set_status(*, actor: Actor, measure_id: int, status: str) -> Measure:
    return _measure_change(
        actor=actor, measure_id=measure_id, fields={"status": status}, action="measure.status"
    )
