"""The version list and the diff between two versions, each as far as the viewer may see."""

from __future__ import annotations

import pytest

from helhet.plans.errors import PlanNotFound, PlanVersionNotFound
from helhet.plans.selectors import plan_diff_for, plan_versions_for
from helhet.plans.services import (
    goal_add,
    measure_set_status,
    plan_get_or_create,
    plan_update,
)


def _versions(actor, family):
    return plan_versions_for(actor=actor, family_id=family.pk, channel="web", through="t")


def _diff(actor, family, a, b):
    return plan_diff_for(
        actor=actor, family_id=family.pk, from_number=a, to_number=b, channel="web", through="t"
    ).lines


def test_versions_and_a_readable_diff(household):
    h = household
    plan = plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    plan_update(actor=h.nav, plan_id=plan.pk, expected_version=1, participants="Mor\nNAV")
    goal_add(actor=h.navk, plan_id=plan.pk, text="Trygg økonomi")
    plan_update(actor=h.nav, plan_id=plan.pk, expected_version=3, participants="Mor\nNAV\nHelse")
    history = _versions(h.nav, h.family)
    assert [(v.number, v.action) for v in history.versions] == [
        (4, "plan.update"),
        (3, "goal.add"),
        (2, "plan.update"),
        (1, "plan.create"),
    ]
    assert history.versions[0].author.endswith("(NAV Testvik (stat))")
    lines = _diff(h.nav, h.family, 2, 4)
    assert lines[:2] == ["--- v2", "+++ v4"]
    assert "+Goal: Trygg økonomi" in lines
    assert "+    Helse" in lines
    assert not any(line.startswith("-") and "Mor" in line for line in lines[2:])
    # Backwards works too, and the same version gives no change.
    assert "-Goal: Trygg økonomi" in _diff(h.nav, h.family, 4, 2)
    assert _diff(h.nav, h.family, 3, 3) == []


def test_versions_and_diff_leave_out_measures_the_viewer_may_not_see(household, add_measure):
    h = household
    plan = plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    physio = add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    measure_set_status(actor=h.health, measure_id=physio.pk, status="done")
    add_measure(h.nav, h.family, h.mother, "work_activity", "Arbeidstrening")
    nav_numbers = [v.number for v in _versions(h.nav, h.family).versions]
    health_numbers = [v.number for v in _versions(h.health, h.family).versions]
    assert nav_numbers == [4, 1]
    assert health_numbers == [3, 2, 1]  # nor does health see NAV's measure
    nav_diff = "\n".join(_diff(h.nav, h.family, 1, 4))
    assert "Arbeidstrening" in nav_diff and "Fysioterapi" not in nav_diff
    assert "Helse og velferd" not in nav_diff
    health_diff = "\n".join(_diff(h.health, h.family, 2, 3))
    assert "-Status: Planned" in health_diff.replace("    ", "")
    assert plan.pk  # the plan made at the start is the one changed


def test_author_of_a_change_is_hidden_when_their_service_may_not_be_known(household, consent):
    h = household
    plan = plan_get_or_create(actor=h.cws, family_id=h.family.pk)
    plan_update(actor=h.cws, plan_id=plan.pk, expected_version=1, participants="Mio, mor")
    seen_by_nav = _versions(h.nav, h.family).versions
    assert [v.author for v in seen_by_nav] == ["", ""]  # would reveal child welfare
    consent(h.child, ["nav"], ["child_welfare"], given_by=h.mother)
    assert all("Barnevernet Testvik" in v.author for v in _versions(h.nav, h.family).versions)


def test_missing_plan_and_versions_are_404(household):
    h = household
    with pytest.raises(PlanNotFound):
        _versions(h.nav, h.family)
    plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    with pytest.raises(PlanVersionNotFound):
        _diff(h.nav, h.family, 1, 9)
