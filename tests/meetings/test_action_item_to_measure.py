"""An action item becomes a plan measure owned by its organisation: once, and visible by
the plan's rules (owner, and others with consent for the category)."""

from __future__ import annotations

import pytest

from helhet.meetings.action_items import action_item_add
from helhet.meetings.errors import ActionItemInvalid, ActionItemNotFound
from helhet.plans.errors import MeasureInvalid
from helhet.plans.from_meetings import action_item_to_measure
from helhet.plans.models import FamilyPlan, Measure, PlanVersion
from helhet.plans.selectors import family_plan_for
from helhet.plans.services import measure_add, plan_get_or_create


def _item(h, book, orgs, *, owner="health", person=None, **kw):
    meeting = book(h.navk, family=h.family, invite=["health", "nav"])
    return action_item_add(
        actor=h.navk,
        meeting_id=meeting.pk,
        title=kw.pop("title", "Søvnkurs for Mona"),
        owner_organisation_id=orgs[owner].pk,
        person_id=(person or h.mother).pk,
        **kw,
    )


def _titles(actor, family):
    view = family_plan_for(actor=actor, family_id=family.pk, channel="web", through="t")
    return [m.title for m in view.measures]


def test_action_item_becomes_a_measure_of_its_owner_once(household, book, orgs, consent):
    h = household
    item = _item(h, book, orgs, owner_user_id=h.health.user.pk)
    assert not FamilyPlan.objects.exists()
    # NAV municipal, at the meeting, makes it a measure owned by health (the plan is made).
    measure = action_item_to_measure(actor=h.navk, action_item_id=item.pk)
    assert measure.organisation_id == orgs["health"].pk
    assert (measure.person_id, measure.category) == (h.mother.pk, "health")
    assert measure.responsible_id == h.health.user.pk
    item.refresh_from_db()
    assert item.measure_id == measure.pk
    versions = PlanVersion.objects.filter(plan=measure.plan).count()
    # Again: the same measure, nothing new.
    assert action_item_to_measure(actor=h.navk, action_item_id=item.pk) == measure
    assert action_item_to_measure(actor=h.health, action_item_id=item.pk) == measure
    assert Measure.objects.count() == 1
    assert PlanVersion.objects.filter(plan=measure.plan).count() == versions
    # The owner sees it; NAV municipal only with the family's consent for health.
    assert _titles(h.health, h.family) == ["Søvnkurs for Mona"]
    assert _titles(h.navk, h.family) == []
    consent(h.mother, ["navk"], ["health"])
    assert _titles(h.navk, h.family) == ["Søvnkurs for Mona"]
    assert _titles(h.nav, h.family) == []  # NAV state has no such consent


def test_measure_for_another_organisation_needs_a_real_unused_action_item(household, book, orgs):
    h = household
    plan = plan_get_or_create(actor=h.navk, family_id=h.family.pk)
    item = _item(h, book, orgs)
    # A participant of another meeting (CWS takes part in none) cannot use the item.
    with pytest.raises(ActionItemNotFound):
        measure_add(
            actor=h.cws,
            plan_id=plan.pk,
            person_id=h.child.pk,
            category="health",
            title="X",
            action_item_id=item.pk,
        )
    with pytest.raises(ActionItemNotFound):
        action_item_to_measure(actor=h.cws, action_item_id=item.pk)
    action_item_to_measure(actor=h.navk, action_item_id=item.pk)
    with pytest.raises(MeasureInvalid):  # already used
        measure_add(
            actor=h.navk,
            plan_id=plan.pk,
            person_id=h.mother.pk,
            category="health",
            title="Kopi",
            action_item_id=item.pk,
        )


def test_action_item_without_a_person_cannot_become_a_measure(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    item = action_item_add(
        actor=h.navk, meeting_id=meeting.pk, title="Felles", owner_organisation_id=orgs["health"].pk
    )
    with pytest.raises(ActionItemInvalid):
        action_item_to_measure(actor=h.navk, action_item_id=item.pk)


def test_responsibility_group_item_goes_to_the_persons_family_plan(household, book, orgs):
    h = household
    meeting = book(h.nav, kind="responsibility_group", person=h.child, invite=["health"])
    item = action_item_add(
        actor=h.nav,
        meeting_id=meeting.pk,
        title="Leksehjelp",
        owner_organisation_id=orgs["nav"].pk,
        category="education",
    )
    measure = action_item_to_measure(actor=h.nav, action_item_id=item.pk)
    assert measure.plan.family == h.family and measure.person == h.child
    assert measure.organisation_id == orgs["nav"].pk
    assert _titles(h.nav, h.family) == ["Leksehjelp"]
