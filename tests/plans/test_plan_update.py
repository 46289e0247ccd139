"""plan_get_or_create and plan_update: versions, optimistic locking, who may change what."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.audit.models import ChangeEvent
from helhet.people.errors import FamilyNotFound, NoPersonalDataAccess
from helhet.plans.errors import PlanConflict, PlanInvalid, PlanNotFound
from helhet.plans.models import FamilyPlan, PlanVersion
from helhet.plans.selectors import family_plan_for
from helhet.plans.services import plan_get_or_create, plan_id_for_family, plan_update
from helhet.tenancy.models import Role


def _plan(actor, family):
    return plan_get_or_create(actor=actor, family_id=family.pk)


def test_plan_is_made_once_with_version_one(household):
    h = household
    first = _plan(h.nav, h.family)
    again = _plan(h.navk, h.family)
    assert first.pk == again.pk and first.version == 1
    assert list(PlanVersion.objects.values_list("number", "action")) == [(1, "plan.create")]
    assert ChangeEvent.objects.filter(action="plan.create").count() == 1


def test_only_someone_who_knows_a_member_may_make_or_find_the_plan(household, make_actor):
    school = make_actor("school")
    with pytest.raises(FamilyNotFound):
        _plan(school, household.family)
    with pytest.raises(FamilyNotFound):
        plan_id_for_family(actor=school, family_id=household.family.pk)
    with pytest.raises(PlanNotFound):
        plan_id_for_family(actor=household.nav, family_id=household.family.pk)
    with pytest.raises(NoPersonalDataAccess):
        _plan(make_actor("nav", Role.RESEARCHER), household.family)
    assert not FamilyPlan.objects.exists()


def test_update_bumps_the_version_and_keeps_a_snapshot(household):
    h = household
    plan = _plan(h.nav, h.family)
    updated = plan_update(
        actor=h.nav,
        plan_id=plan.pk,
        expected_version=1,
        resources_and_needs="  Mor er sterk og motivert.\x00 ",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    assert updated.version == 2
    assert updated.resources_and_needs == "Mor er sterk og motivert."
    snapshot = PlanVersion.objects.get(plan=plan, number=2).snapshot
    assert snapshot["resources_and_needs"] == "Mor er sterk og motivert."
    assert snapshot["period_end"] == "2026-12-31"
    change = ChangeEvent.objects.get(action="plan.update")
    assert change.changes["period_start"] == "2026-01-01"
    # Saving the same values again is no change and makes no version.
    same = plan_update(
        actor=h.nav,
        plan_id=plan.pk,
        expected_version=2,
        resources_and_needs="Mor er sterk og motivert.",
    )
    assert same.version == 2 and PlanVersion.objects.filter(plan=plan).count() == 2


def test_concurrent_edit_second_saver_gets_a_conflict_and_nothing_is_overwritten(household):
    h = household
    plan = _plan(h.nav, h.family)
    plan_update(actor=h.nav, plan_id=plan.pk, expected_version=1, participants="Mor, NAV")
    # Two caseworkers open the plan at the same version.
    seen_by_nav = family_plan_for(actor=h.nav, family_id=h.family.pk, channel="web", through="t")
    seen_by_navk = family_plan_for(actor=h.navk, family_id=h.family.pk, channel="web", through="t")
    n = seen_by_nav.plan.version
    assert seen_by_navk.plan.version == n == 2
    # The first saves.
    plan_update(
        actor=h.nav,
        plan_id=plan.pk,
        expected_version=n,
        participants="Mor, NAV, helsestasjonen",
        cooperation="Månedlig møte",
    )
    # The second, based on the same version, is refused with what changed since.
    with pytest.raises(PlanConflict) as info:
        plan_update(
            actor=h.navk,
            plan_id=plan.pk,
            expected_version=n,
            participants="Mor og barn",
            contributions="Bestemor henter i barnehagen",
        )
    conflict = info.value
    assert conflict.status_code == 409 and conflict.code == "plan_conflict"
    assert "saved the plan after you opened it" in conflict.message
    assert conflict.details["expected_version"] == n
    assert conflict.details["current_version"] == n + 1
    assert conflict.details["changes"] == {
        "participants": ["Mor, NAV", "Mor, NAV, helsestasjonen"],
        "cooperation": ["", "Månedlig møte"],
    }
    assert conflict.details["labels"]["participants"] == "Who takes part"
    plan.refresh_from_db()
    assert plan.version == n + 1
    assert plan.participants == "Mor, NAV, helsestasjonen"
    assert plan.contributions == ""
    assert PlanVersion.objects.filter(plan=plan).count() == n + 1
    # Having seen the changes, the second saves against the current version.
    plan_update(actor=h.navk, plan_id=plan.pk, expected_version=n + 1, participants="Mor og barn")
    plan.refresh_from_db()
    assert plan.participants == "Mor og barn" and plan.version == n + 2


def test_a_change_the_editor_cannot_see_makes_no_conflict(household, add_measure):
    h = household
    plan = _plan(h.nav, h.family)
    # Health adds a measure in the health category: NAV has no consent to see it.
    add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    plan.refresh_from_db()
    assert plan.version == 2
    updated = plan_update(actor=h.nav, plan_id=plan.pk, expected_version=1, participants="Mor")
    assert updated.version == 3 and updated.participants == "Mor"
    # Health, who sees its measure, would get a conflict from version 1.
    with pytest.raises(PlanConflict) as info:
        plan_update(actor=h.health, plan_id=plan.pk, expected_version=1, cooperation="x")
    assert {k.split(":")[0] for k in info.value.details["changes"]} == {"measure", "participants"}


def test_unknown_expected_version_and_unknown_fields_are_refused(household):
    h = household
    plan = _plan(h.nav, h.family)
    with pytest.raises(PlanInvalid):
        plan_update(actor=h.nav, plan_id=plan.pk, expected_version=7, participants="x")
    with pytest.raises(PlanInvalid):
        plan_update(actor=h.nav, plan_id=plan.pk, expected_version=1, version=99)
    with pytest.raises(PlanInvalid):
        plan_update(
            actor=h.nav,
            plan_id=plan.pk,
            expected_version=1,
            period_start=date(2026, 5, 1),
            period_end=date(2026, 4, 1),
        )
    plan.refresh_from_db()
    assert plan.version == 1


def test_coordinator_is_own_staff_and_shown_only_where_the_service_may_be_known(
    household, make_actor, consent
):
    h = household
    plan = _plan(h.cws, h.family)
    colleague = make_actor("cws", Role.COORDINATOR)
    with pytest.raises(PlanInvalid):
        plan_update(actor=h.cws, plan_id=plan.pk, expected_version=1, coordinator_id=h.nav.user.pk)
    plan_update(actor=h.cws, plan_id=plan.pk, expected_version=1, coordinator_id=colleague.user.pk)
    plan.refresh_from_db()
    assert plan.coordinator_organisation_id == h.cws.organisation_id
    own = family_plan_for(actor=h.cws, family_id=h.family.pk, channel="web", through="t")
    assert own.coordinator_shown
    nav_view = family_plan_for(actor=h.nav, family_id=h.family.pk, channel="web", through="t")
    assert not nav_view.coordinator_shown  # it would reveal the child-welfare case
    assert nav_view.elements[2].present  # element 3 is there all the same
    consent(h.child, ["nav"], ["child_welfare"], given_by=h.mother)
    nav_view = family_plan_for(actor=h.nav, family_id=h.family.pk, channel="web", through="t")
    assert nav_view.coordinator_shown
