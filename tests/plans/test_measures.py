"""measure_add, measure_update, measure_set_status and goals: ownership, persons, versions."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.audit.models import ChangeEvent
from helhet.people.errors import PersonNotFound
from helhet.plans.errors import GoalNotFound, MeasureInvalid, MeasureNotFound, MeasureNotOwned
from helhet.plans.models import PlanVersion
from helhet.plans.services import (
    goal_add,
    goal_update,
    measure_add,
    measure_set_status,
    measure_update,
    plan_get_or_create,
)
from helhet.tenancy.models import Role


def test_measure_is_owned_by_the_actors_organisation_and_bumps_the_version(household):
    h = household
    plan = plan_get_or_create(actor=h.navk, family_id=h.family.pk)
    goal = goal_add(actor=h.navk, plan_id=plan.pk, text="Mor vil ha fast jobb innen et år")
    measure = measure_add(
        actor=h.navk,
        plan_id=plan.pk,
        person_id=h.mother.pk,
        category="economy",
        title="Budsjettveiledning",
        goal_id=goal.pk,
        responsible_id=h.navk.user.pk,
        due_date=date(2026, 3, 1),
        scope="Annenhver uke i tre måneder",
    )
    assert measure.organisation_id == h.navk.organisation_id
    plan.refresh_from_db()
    assert plan.version == 3
    last = PlanVersion.objects.get(plan=plan, number=3)
    assert last.action == "measure.add"
    assert (last.person_id, last.organisation_id, last.category) == (
        h.mother.pk,
        h.navk.organisation_id,
        "economy",
    )
    assert last.snapshot["measures"][0]["title"] == "Budsjettveiledning"
    assert last.snapshot["goals"][0]["text"] == "Mor vil ha fast jobb innen et år"
    assert ChangeEvent.objects.filter(action="measure.add", person=h.mother).exists()


def test_measure_person_must_be_a_family_member_the_actor_knows(household, make_person, involve):
    h = household
    plan = plan_get_or_create(actor=h.navk, family_id=h.family.pk)
    # NAV municipal does not know the child; an outsider is not in the family at all.
    outsider = make_person("Ute", "Andre")
    involve("navk", outsider)
    for person in (h.child, outsider):
        with pytest.raises(PersonNotFound):
            measure_add(
                actor=h.navk, plan_id=plan.pk, person_id=person.pk, category="economy", title="X"
            )


def test_measure_input_is_checked(household, make_actor):
    h = household
    plan = plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    base = {"actor": h.nav, "plan_id": plan.pk, "person_id": h.mother.pk}
    with pytest.raises(MeasureInvalid):
        measure_add(**base, category="secret", title="X")
    with pytest.raises(MeasureInvalid):
        measure_add(**base, category="other", title="   ")
    with pytest.raises(MeasureInvalid):
        measure_add(**base, category="other", title="X", status="forgotten")
    with pytest.raises(MeasureInvalid):  # responsible from another organisation
        measure_add(**base, category="other", title="X", responsible_id=h.cws.user.pk)
    with pytest.raises(GoalNotFound):
        measure_add(**base, category="other", title="X", goal_id=999_999)
    colleague = make_actor("nav", Role.COORDINATOR)
    ok = measure_add(**base, category="other", title="X", responsible_id=colleague.user.pk)
    assert ok.responsible_id == colleague.user.pk


def test_only_the_owner_changes_a_measure(household, add_measure, consent):
    h = household
    measure = add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    # NAV cannot see it: the measure does not exist for NAV.
    with pytest.raises(MeasureNotFound):
        measure_update(actor=h.nav, measure_id=measure.pk, title="Endret")
    # With consent NAV sees it, but may not change it.
    consent(h.mother, ["nav"], ["health"])
    with pytest.raises(MeasureNotOwned) as info:
        measure_set_status(actor=h.nav, measure_id=measure.pk, status="done")
    assert info.value.status_code == 403 and info.value.code == "measure_not_owned"
    measure.refresh_from_db()
    assert measure.status == "planned" and measure.title == "Fysioterapi"


def test_owner_updates_and_sets_status_each_a_version(household, add_measure):
    h = household
    measure = add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    version = measure.plan.version
    measure_update(
        actor=h.health, measure_id=measure.pk, title="Fysioterapi, gruppe", scope="Ukentlig"
    )
    measure_set_status(actor=h.health, measure_id=measure.pk, status="in_progress")
    measure.refresh_from_db()
    assert (measure.title, measure.scope, measure.status) == (
        "Fysioterapi, gruppe",
        "Ukentlig",
        "in_progress",
    )
    measure.plan.refresh_from_db()
    assert measure.plan.version == version + 2
    actions = list(
        PlanVersion.objects.filter(plan=measure.plan)
        .order_by("number")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["measure.update", "measure.status"]
    with pytest.raises(MeasureInvalid):
        measure_update(actor=h.health, measure_id=measure.pk, person_id=h.child.pk)
    with pytest.raises(MeasureInvalid):
        measure_set_status(actor=h.health, measure_id=measure.pk, status="lost")


def test_goals_are_ordered_and_changed_with_a_version(household):
    h = household
    plan = plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    first = goal_add(actor=h.nav, plan_id=plan.pk, text="Trygg bolig")
    second = goal_add(actor=h.navk, plan_id=plan.pk, text="Mio trives på skolen")
    assert (first.order, second.order) == (1, 2)
    goal_update(actor=h.nav, goal_id=second.pk, order=0, text="Mio trives på skolen og SFO")
    second.refresh_from_db()
    assert second.order == 0 and second.text.endswith("SFO")
    plan.refresh_from_db()
    assert plan.version == 4
    with pytest.raises(GoalNotFound):
        goal_update(actor=h.nav, goal_id=999_999, text="x")
