"""Who sees a youth in child welfare: the case's own service, consent for child welfare, and
the organisation named as taking over in a plan. Nobody else, not even as a count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from helhet.audit.models import AccessEvent
from helhet.transitions.errors import (
    ChildWelfareCaseNotFound,
    TransitionPlanNotFound,
    TransitionPlanReadOnly,
)
from helhet.transitions.selectors import (
    transition_list_for,
    transition_plan_get_for,
    transition_youth_for,
)
from helhet.transitions.services import transition_plan_create, transition_plan_update
from tests.transitions.conftest import born_turning


@pytest.fixture
def minor(youth, make_person, guardian_of, today):
    """A youth turning 18 in two months, known to child welfare and NAV, with a guardian.

    From 15 the youth gives consent to share child-welfare information themselves (see
    consent/policies.py); the guardian still consents for the rest until 18."""
    person = youth(born_turning(18, today + timedelta(days=60)), orgs=("cws", "nav"))
    parent = make_person("Forelder", "Person")
    guardian_of(person, parent)
    person.parent = parent
    return person


def test_nav_without_consent_sees_nothing_and_counts_nothing(make_actor, minor):
    nav = make_actor("nav")
    assert transition_list_for(nav) == []
    assert len(transition_list_for(nav)) == 0
    assert not AccessEvent.objects.filter(person=minor).exists()


def test_consent_for_child_welfare_shows_the_row(make_actor, minor, consent):
    nav = make_actor("nav")
    consent(minor, ["nav"], ["child_welfare"], given_by=minor)
    (row,) = transition_list_for(nav)
    assert row.person == minor and row.involvement.organisation.kind == "child_welfare"
    assert not row.taking_over_only
    assert AccessEvent.objects.filter(person=minor, outcome="granted").count() == 1


@pytest.mark.parametrize("case", ["other_category", "expired", "other_organisation"])
def test_consent_that_does_not_cover_child_welfare_for_us_shows_nothing(
    make_actor, minor, consent, today, case
):
    nav = make_actor("nav")
    if case == "other_category":
        consent(minor, ["nav"], ["economy", "work_activity"], given_by=minor.parent)
    elif case == "expired":
        consent(
            minor,
            ["nav"],
            ["child_welfare"],
            given_by=minor,
            valid_from=today - timedelta(days=30),
            valid_until=today - timedelta(days=1),
        )
    else:
        consent(minor, ["school"], ["child_welfare"], given_by=minor)
    assert transition_list_for(nav) == []


def test_consent_without_an_involvement_of_our_own_shows_nothing(
    make_actor, youth, make_person, guardian_of, consent, today
):
    """The policy's second condition: the organisation must work with the person itself."""
    person = youth(born_turning(18, today + timedelta(days=60)))
    parent = make_person("Forelder", "Person")
    guardian_of(person, parent)
    consent(person, ["health"], ["child_welfare"], given_by=person)
    assert transition_list_for(make_actor("health")) == []


def test_another_child_welfare_service_in_the_municipality_sees_only_its_own(
    make_actor, youth, municipality, today
):
    from helhet.tenancy.models import Membership
    from helhet.tenancy.services import membership_create, organisation_create, staff_create

    youth(born_turning(18, today + timedelta(days=60)))
    other = organisation_create(
        actor=None,
        municipality=municipality,
        name="Barnevernet Nabo",
        kind="child_welfare",
        sector="public",
    )
    user = staff_create(actor=None, username="nabo", password="x" * 20)
    m = membership_create(actor=None, user=user, organisation=other, role="caseworker")
    from helhet.tenancy.actor import Actor

    actor = Actor(
        user=user, membership=Membership.objects.select_related("organisation").get(pk=m.pk)
    )
    assert transition_list_for(actor) == []


def test_asking_for_a_youth_without_visible_case_looks_the_same_as_no_case(
    make_actor, minor, youth, today
):
    nav = make_actor("nav")
    nav_only = youth(born_turning(18, today + timedelta(days=60)), orgs=("nav",))
    with pytest.raises(ChildWelfareCaseNotFound) as hidden:
        transition_youth_for(actor=nav, person_id=minor.pk, channel="web", through="t")
    with pytest.raises(ChildWelfareCaseNotFound) as absent:
        transition_youth_for(actor=nav, person_id=nav_only.pk, channel="web", through="t")
    assert hidden.value.message == absent.value.message
    with pytest.raises(ChildWelfareCaseNotFound) as hidden_write:
        transition_plan_create(actor=nav, person_id=minor.pk)
    with pytest.raises(ChildWelfareCaseNotFound) as absent_write:
        transition_plan_create(actor=nav, person_id=nav_only.pk)
    assert hidden_write.value.message == absent_write.value.message


def test_the_organisation_taking_over_sees_the_plan_but_cannot_change_it(
    make_actor, youth, orgs, today
):
    cws = make_actor("cws")
    person = youth(born_turning(18, today + timedelta(days=60)))
    navk = make_actor("navk")
    school = make_actor("school")
    assert transition_list_for(navk) == []
    plan = transition_plan_create(actor=cws, person_id=person.pk, taking_over_id=orgs["navk"].pk)

    (row,) = transition_list_for(navk)
    assert row.plan == plan and row.taking_over_only
    view = transition_plan_get_for(actor=navk, plan_id=plan.pk, channel="web", through="t")
    assert view.plan == plan and not view.editable
    with pytest.raises(TransitionPlanReadOnly):
        transition_plan_update(actor=navk, plan_id=plan.pk, notes="Vi tar over")

    # Nobody else: not the list, and a plan id answers like a plan that does not exist.
    assert transition_list_for(school) == []
    with pytest.raises(TransitionPlanNotFound) as hidden:
        transition_plan_get_for(actor=school, plan_id=plan.pk, channel="web", through="t")
    with pytest.raises(TransitionPlanNotFound) as absent:
        transition_plan_get_for(actor=school, plan_id=plan.pk + 1000, channel="web", through="t")
    assert hidden.value.message == absent.value.message
    with pytest.raises(TransitionPlanNotFound):
        transition_plan_update(actor=school, plan_id=plan.pk, notes="x")
    denied = AccessEvent.objects.filter(outcome="denied", user=school.user)
    assert {e.target_ref for e in denied} == {
        f"transition_plan:{plan.pk}",
        f"transition_plan:{plan.pk + 1000}",
    }
    assert all(e.person_id is None for e in denied)

    # Named someone else, or closed: hidden again.
    transition_plan_update(actor=cws, plan_id=plan.pk, taking_over_id=orgs["nav"].pk)
    assert transition_list_for(navk) == []
    transition_plan_update(actor=cws, plan_id=plan.pk, taking_over_id=orgs["navk"].pk, active=False)
    assert transition_list_for(navk) == []
    with pytest.raises(TransitionPlanNotFound):
        transition_plan_get_for(actor=navk, plan_id=plan.pk, channel="web", through="t")


def test_with_consent_nav_may_make_and_change_the_plan(make_actor, minor, consent, orgs):
    nav = make_actor("nav")
    consent(minor, ["nav"], ["child_welfare"], given_by=minor)
    plan = transition_plan_create(actor=nav, person_id=minor.pk, taking_over_id=orgs["navk"].pk)
    assert plan.involvement.organisation == orgs["cws"]
    transition_plan_update(actor=nav, plan_id=plan.pk, notes="Avtalt i møte")
    view = transition_plan_get_for(actor=nav, plan_id=plan.pk, channel="web", through="t")
    assert view.editable and view.plan.notes == "Avtalt i møte"


def test_a_past_reference_day_does_not_revive_an_expired_consent(make_actor, minor, consent, today):
    nav = make_actor("nav")
    consent(
        minor,
        ["nav"],
        ["child_welfare"],
        given_by=minor,
        valid_from=today - timedelta(days=30),
        valid_until=today - timedelta(days=1),
    )
    assert transition_list_for(nav, on=today - timedelta(days=5)) == []
