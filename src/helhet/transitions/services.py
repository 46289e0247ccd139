"""Writes for transitions: the municipality's settings and the transition plans.

A plan is made and changed only by those who may see the child-welfare case (see
``selectors``): the organisation taking over reads it but does not change it.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from helhet.audit.services import change_record
from helhet.consent.models import Involvement
from helhet.core.dates import today
from helhet.people.errors import NoPersonalDataAccess
from helhet.people.services import person_for_write
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.models import Membership, Organisation, User
from helhet.transitions.ages import ADULT_AGE, age_on, birthday_at
from helhet.transitions.errors import (
    AftercareBeforeAdulthood,
    AftercareBeyondAge,
    AftercareUntilWithoutAftercare,
    ChildWelfareCaseNotFound,
    NotTransitionBound,
    ResponsibleUnknown,
    StartsAfterAftercare,
    StartsOnOutOfRange,
    TakingOverInvalid,
    TakingOverUnknown,
    TransitionPlanExists,
    TransitionPlanInvalid,
    TransitionPlanNotFound,
    TransitionPlanReadOnly,
    TransitionSettingsInvalid,
)
from helhet.transitions.models import (
    AFTERCARE_AGE_RANGE,
    HORIZON_MONTHS_RANGE,
    TransitionPlan,
    TransitionSettings,
)
from helhet.transitions.policies import require_settings_editor
from helhet.transitions.selectors import (
    check_day,
    child_welfare_involvements_visible_to,
    transition_plans_visible_to,
    transition_settings_for,
)

NOTES_MAX_LENGTH = 10_000


class _Unset(enum.Enum):
    UNSET = "unset"


UNSET: Literal[_Unset.UNSET] = _Unset.UNSET


@transaction.atomic
def transition_settings_update(
    *, actor: Actor, horizon_months: int, aftercare_until_age: int
) -> TransitionSettings:
    """Change the actor's municipality's settings (a manager or an administrator)."""
    require_settings_editor(actor)
    errors: dict[str, str] = {}
    low, high = HORIZON_MONTHS_RANGE
    if not low <= horizon_months <= high:
        errors["horizon_months"] = _("The horizon must be from %(low)s to %(high)s months.") % {
            "low": low,
            "high": high,
        }
    low, high = AFTERCARE_AGE_RANGE
    if not low <= aftercare_until_age <= high:
        errors["aftercare_until_age"] = _(
            "Aftercare runs until an age from %(low)s to %(high)s."
        ) % {
            "low": low,
            "high": high,
        }
    if errors:
        raise TransitionSettingsInvalid(" ".join(errors.values()), details=errors)
    conf, _created = TransitionSettings.objects.select_for_update().get_or_create(
        municipality_id=actor.municipality_id
    )
    before = {
        "horizon_months": conf.horizon_months,
        "aftercare_until_age": conf.aftercare_until_age,
    }
    conf.horizon_months = horizon_months
    conf.aftercare_until_age = aftercare_until_age
    conf.full_clean()
    conf.save()
    change_record(
        actor=actor,
        action="transition_settings.update",
        instance=conf,
        changes={
            "horizon_months": horizon_months,
            "aftercare_until_age": aftercare_until_age,
            "before": before,
        },
    )
    return conf


def _may_act(actor: Actor) -> None:
    if not actor.works_with_people:
        raise NoPersonalDataAccess()


def _visible_involvement(actor: Actor, person_id: int, involvement_id: int | None) -> Involvement:
    candidates = child_welfare_involvements_visible_to(actor).filter(person_id=person_id)
    if involvement_id is not None:
        candidates = candidates.filter(pk=involvement_id)
    involvement = (
        candidates.select_related("organisation", "person").order_by("-started_on", "-id").first()
    )
    if involvement is None:
        raise ChildWelfareCaseNotFound()
    return involvement


def _taking_over(organisation_id: int | None, involvement: Involvement) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(
        pk=organisation_id, municipality_id=involvement.municipality_id
    ).first()
    if organisation is None:
        raise TakingOverUnknown(details={"field": "taking_over_id"})
    if organisation.pk == involvement.organisation_id:
        raise TakingOverInvalid(details={"field": "taking_over_id"})
    return organisation


def _responsible(
    user_id: int, *, actor: Actor, involvement: Involvement, taking_over: Organisation | None
) -> User:
    if user_id == actor.user.pk:
        return actor.user
    organisations = {involvement.organisation_id, actor.organisation_id}
    if taking_over is not None:
        organisations.add(taking_over.pk)
    membership = (
        Membership.objects.filter(
            user_id=user_id,
            user__is_active=True,
            active=True,
            organisation_id__in=organisations,
            role__in=CASE_ROLES,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ResponsibleUnknown(details={"field": "responsible_id"})
    return membership.user


def _check_dates(
    *,
    birth_date: date,
    aftercare_until_age: int,
    starts_on: date,
    aftercare: bool,
    aftercare_until: date | None,
) -> None:
    turns_18_on = birthday_at(birth_date, ADULT_AGE)
    limit = birthday_at(birth_date, aftercare_until_age)
    check_day(starts_on, field="starts_on")
    if not birth_date < starts_on < limit:
        raise StartsOnOutOfRange(details={"field": "starts_on", "latest": limit.isoformat()})
    if not aftercare:
        if aftercare_until is not None:
            raise AftercareUntilWithoutAftercare(details={"field": "aftercare_until"})
        return
    aftercare_until = aftercare_until or limit  # the callers fill in this default
    if aftercare_until > limit:
        raise AftercareBeyondAge(
            _("Aftercare can run at most until %(date)s, the birthday at age %(age)s.")
            % {"date": limit.isoformat(), "age": aftercare_until_age},
            details={"field": "aftercare_until", "latest": limit.isoformat()},
        )
    if aftercare_until <= turns_18_on:
        raise AftercareBeforeAdulthood(
            _("Aftercare must run until a day after the 18th birthday (%(date)s).")
            % {"date": turns_18_on.isoformat()},
            details={"field": "aftercare_until", "earliest": turns_18_on.isoformat()},
        )
    if starts_on > aftercare_until:
        raise StartsAfterAftercare(details={"field": "starts_on"})


def _clean_notes(notes: str) -> str:
    notes = (notes or "").strip()
    if "\x00" in notes or len(notes) > NOTES_MAX_LENGTH:
        raise TransitionPlanInvalid(
            _("The notes may hold at most %(n)s characters of text.") % {"n": NOTES_MAX_LENGTH},
            details={"field": "notes"},
        )
    return notes


def _save(plan: TransitionPlan) -> None:
    try:
        plan.full_clean(validate_constraints=False)
    except ValidationError as exc:
        details: dict[str, Any] = exc.message_dict if hasattr(exc, "error_dict") else {}
        raise TransitionPlanInvalid("; ".join(exc.messages), details=details) from None
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        # Only the one-active-plan rule can fail here: the other constraints are checked above.
        raise TransitionPlanExists() from None


def _plan_values(plan: TransitionPlan) -> dict[str, Any]:
    return {
        "taking_over": plan.taking_over_id,
        "starts_on": plan.starts_on,
        "aftercare": plan.aftercare,
        "aftercare_until": plan.aftercare_until,
        "responsible": plan.responsible_id,
        "active": plan.active,
    }


@transaction.atomic
def transition_plan_create(
    *,
    actor: Actor,
    person_id: int,
    involvement_id: int | None = None,
    taking_over_id: int | None = None,
    starts_on: date | None = None,
    aftercare: bool = True,
    aftercare_until: date | None = None,
    responsible_id: int | None = None,
    notes: str = "",
) -> TransitionPlan:
    """Make the transition plan for a youth with a child-welfare case the actor may see.

    ``starts_on`` defaults to the 18th birthday, ``aftercare_until`` (with aftercare) to the
    birthday at the municipality's aftercare age, and the responsible person to the actor.
    """
    _may_act(actor)
    person = person_for_write(actor, person_id)
    involvement = _visible_involvement(actor, person.pk, involvement_id)
    conf = transition_settings_for(municipality_id=involvement.municipality_id)
    if age_on(person.birth_date, today()) >= conf.aftercare_until_age:
        raise NotTransitionBound()
    if TransitionPlan.objects.filter(person=person, active=True).exists():
        raise TransitionPlanExists()
    taking_over = _taking_over(taking_over_id, involvement)
    responsible = _responsible(
        responsible_id if responsible_id is not None else actor.user.pk,
        actor=actor,
        involvement=involvement,
        taking_over=taking_over,
    )
    starts_on = starts_on or birthday_at(person.birth_date, ADULT_AGE)
    if aftercare and aftercare_until is None:
        aftercare_until = birthday_at(person.birth_date, conf.aftercare_until_age)
    _check_dates(
        birth_date=person.birth_date,
        aftercare_until_age=conf.aftercare_until_age,
        starts_on=starts_on,
        aftercare=aftercare,
        aftercare_until=aftercare_until,
    )
    plan = TransitionPlan(
        municipality_id=involvement.municipality_id,
        person=person,
        involvement=involvement,
        taking_over=taking_over,
        starts_on=starts_on,
        aftercare=aftercare,
        aftercare_until=aftercare_until,
        responsible=responsible,
        notes=_clean_notes(notes),
        created_by=actor.user,
    )
    _save(plan)
    change_record(
        actor=actor,
        action="transition_plan.create",
        instance=plan,
        person_id=person.pk,
        changes={"involvement": involvement.pk, **_plan_values(plan), "notes": bool(plan.notes)},
    )
    return plan


@transaction.atomic
def transition_plan_update(
    *,
    actor: Actor,
    plan_id: int,
    taking_over_id: int | Literal[_Unset.UNSET] | None = UNSET,
    starts_on: date | Literal[_Unset.UNSET] = UNSET,
    aftercare: bool | Literal[_Unset.UNSET] = UNSET,
    aftercare_until: date | Literal[_Unset.UNSET] | None = UNSET,
    responsible_id: int | Literal[_Unset.UNSET] | None = UNSET,
    notes: str | Literal[_Unset.UNSET] = UNSET,
    active: bool | Literal[_Unset.UNSET] = UNSET,
) -> TransitionPlan:
    """Change a plan; arguments left out stay as they are. ``active=False`` closes the plan.

    Turning aftercare on without an end date sets the default end (the birthday at the
    aftercare age); turning it off clears the end date.
    """
    _may_act(actor)
    plan = (
        transition_plans_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("person", "involvement")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise TransitionPlanNotFound()
    if not child_welfare_involvements_visible_to(actor).filter(person_id=plan.person_id).exists():
        raise TransitionPlanReadOnly()
    conf = transition_settings_for(municipality_id=plan.municipality_id)
    before = _plan_values(plan)
    if taking_over_id is not UNSET:
        plan.taking_over = _taking_over(taking_over_id, plan.involvement)
    if responsible_id is not UNSET:
        plan.responsible = (
            None
            if responsible_id is None
            else _responsible(
                responsible_id,
                actor=actor,
                involvement=plan.involvement,
                taking_over=plan.taking_over,
            )
        )
    if starts_on is not UNSET:
        plan.starts_on = starts_on
    if aftercare is not UNSET:
        plan.aftercare = aftercare
        if not aftercare and aftercare_until is UNSET:
            plan.aftercare_until = None
    if aftercare_until is not UNSET:
        plan.aftercare_until = aftercare_until
    if plan.aftercare and plan.aftercare_until is None:
        plan.aftercare_until = birthday_at(plan.person.birth_date, conf.aftercare_until_age)
    if notes is not UNSET:
        plan.notes = _clean_notes(notes)
    reopened = active is True and not plan.active
    if active is not UNSET:
        plan.active = active
    if reopened and (
        TransitionPlan.objects.filter(person_id=plan.person_id, active=True)
        .exclude(pk=plan.pk)
        .exists()
    ):
        raise TransitionPlanExists()
    if plan.active:  # a plan can always be closed, even if a setting has since changed
        _check_dates(
            birth_date=plan.person.birth_date,
            aftercare_until_age=conf.aftercare_until_age,
            starts_on=plan.starts_on,
            aftercare=plan.aftercare,
            aftercare_until=plan.aftercare_until,
        )
    _save(plan)
    after = _plan_values(plan)
    changes: dict[str, Any] = {k: v for k, v in after.items() if before[k] != v}
    if notes is not UNSET:
        changes["notes"] = True
    change_record(
        actor=actor,
        action="transition_plan.update",
        instance=plan,
        person_id=plan.person_id,
        changes=changes,
    )
    return plan
