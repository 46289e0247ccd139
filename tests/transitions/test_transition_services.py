"""transition_plan_create / _update and transition_settings_update: rules, errors, change log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from helhet.audit.models import ChangeEvent
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.tenancy.models import Role
from helhet.tenancy.services import municipality_create, organisation_create
from helhet.transitions import errors
from helhet.transitions.ages import birthday_at
from helhet.transitions.models import TransitionPlan, TransitionSettings
from helhet.transitions.services import (
    transition_plan_create,
    transition_plan_update,
    transition_settings_update,
)
from tests.transitions.conftest import born_turning


@pytest.fixture
def cws(make_actor):
    return make_actor("cws")


@pytest.fixture
def person(youth, today):
    return youth(born_turning(18, today + timedelta(days=90)))


def test_create_fills_in_the_defaults_and_logs_the_change(cws, person, orgs):
    plan = transition_plan_create(actor=cws, person_id=person.pk, taking_over_id=orgs["navk"].pk)
    assert plan.starts_on == birthday_at(person.birth_date, 18)
    assert plan.aftercare and plan.aftercare_until == birthday_at(person.birth_date, 25)
    assert plan.responsible == cws.user and plan.created_by == cws.user
    assert plan.involvement.organisation == orgs["cws"] and plan.active
    event = ChangeEvent.objects.get(action="transition_plan.create")
    assert event.person_id == person.pk and event.entity_id == str(plan.pk)
    assert event.changes["taking_over"] == orgs["navk"].pk
    assert event.changes["aftercare_until"] == plan.aftercare_until.isoformat()


def test_the_default_aftercare_end_follows_the_configured_age(cws, person, configure):
    configure(aftercare_until_age=23)
    plan = transition_plan_create(actor=cws, person_id=person.pk)
    assert plan.aftercare_until == birthday_at(person.birth_date, 23)


def test_without_aftercare_there_is_no_end_date(cws, person):
    plan = transition_plan_create(actor=cws, person_id=person.pk, aftercare=False)
    assert plan.aftercare_until is None


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"taking_over_id": 999_999}, errors.TakingOverUnknown),
        ({"taking_over_id": "cws"}, errors.TakingOverInvalid),
        ({"taking_over_id": "other_municipality"}, errors.TakingOverUnknown),
        ({"aftercare_until": ("birthday", 25, 1)}, errors.AftercareBeyondAge),
        ({"aftercare_until": ("birthday", 18, 0)}, errors.AftercareBeforeAdulthood),
        (
            {"starts_on": ("birthday", 21, 0), "aftercare_until": ("birthday", 20, 0)},
            errors.StartsAfterAftercare,
        ),
        ({"starts_on": ("birthday", 25, 0)}, errors.StartsOnOutOfRange),
        ({"starts_on": ("birthday", 0, -1)}, errors.StartsOnOutOfRange),
        (
            {"aftercare": False, "aftercare_until": ("birthday", 20, 0)},
            errors.AftercareUntilWithoutAftercare,
        ),
        ({"responsible_id": "school"}, errors.ResponsibleUnknown),
        ({"notes": "a\x00b"}, errors.TransitionPlanInvalid),
    ],
)
def test_invalid_plans_get_clear_errors(cws, person, orgs, make_actor, municipality, kwargs, error):
    values = {}
    for key, value in kwargs.items():
        if value == "cws":
            value = orgs["cws"].pk
        elif value == "other_municipality":
            elsewhere = municipality_create(actor=None, number="9903", name="Nordvik")
            value = organisation_create(
                actor=None,
                municipality=elsewhere,
                name="NAV Nordvik",
                kind="nav_municipal",
                sector="public",
            ).pk
        elif value == "school":
            value = make_actor("school").user.pk
        elif isinstance(value, tuple):
            _, age, days = value
            value = birthday_at(person.birth_date, age) + timedelta(days=days)
        values[key] = value
    with pytest.raises(error) as info:
        transition_plan_create(actor=cws, person_id=person.pk, **values)
    assert info.value.code == error.code and info.value.message
    assert not TransitionPlan.objects.exists()
    assert not ChangeEvent.objects.filter(action__startswith="transition_plan").exists()


def test_aftercare_beyond_a_lowered_age_is_refused(cws, person, configure):
    configure(aftercare_until_age=23)
    with pytest.raises(errors.AftercareBeyondAge) as info:
        transition_plan_create(
            actor=cws, person_id=person.pk, aftercare_until=birthday_at(person.birth_date, 24)
        )
    assert birthday_at(person.birth_date, 23).isoformat() in info.value.message


def test_the_last_day_before_the_aftercare_age_is_allowed(cws, person):
    limit = birthday_at(person.birth_date, 25)
    plan = transition_plan_create(actor=cws, person_id=person.pk, aftercare_until=limit)
    assert plan.aftercare_until == limit


def test_person_past_the_aftercare_age_is_not_transition_bound(cws, youth, today):
    old = youth(born_turning(25, today))
    with pytest.raises(errors.NotTransitionBound):
        transition_plan_create(actor=cws, person_id=old.pk)


def test_unknown_person_and_roles_without_personal_data(cws, make_actor, person):
    with pytest.raises(PersonNotFound):
        transition_plan_create(actor=cws, person_id=999_999)
    with pytest.raises(NoPersonalDataAccess):
        transition_plan_create(actor=make_actor("cws", Role.ADMINISTRATOR), person_id=person.pk)


def test_one_active_plan_per_person(cws, person):
    plan = transition_plan_create(actor=cws, person_id=person.pk)
    with pytest.raises(errors.TransitionPlanExists):
        transition_plan_create(actor=cws, person_id=person.pk)
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        TransitionPlan.objects.create(
            municipality_id=plan.municipality_id,
            person=person,
            involvement=plan.involvement,
            starts_on=plan.starts_on,
            aftercare=False,
        )
    # A closed plan makes room for a new one, and cannot then be reopened.
    transition_plan_update(actor=cws, plan_id=plan.pk, active=False)
    second = transition_plan_create(actor=cws, person_id=person.pk)
    with pytest.raises(errors.TransitionPlanExists):
        transition_plan_update(actor=cws, plan_id=plan.pk, active=True)
    assert TransitionPlan.objects.filter(active=True).get() == second


def test_update_changes_only_what_is_given_and_logs_it(cws, person, orgs, make_actor):
    plan = transition_plan_create(actor=cws, person_id=person.pk, notes="Første møte")
    navk_worker = make_actor("navk", Role.COORDINATOR)
    new_start = birthday_at(person.birth_date, 18) + timedelta(days=14)
    updated = transition_plan_update(
        actor=cws,
        plan_id=plan.pk,
        taking_over_id=orgs["navk"].pk,
        starts_on=new_start,
        responsible_id=navk_worker.user.pk,  # staff of the organisation taking over may lead
    )
    assert updated.taking_over == orgs["navk"] and updated.starts_on == new_start
    assert updated.responsible == navk_worker.user and updated.notes == "Første møte"
    event = ChangeEvent.objects.get(action="transition_plan.update")
    assert set(event.changes) == {"taking_over", "starts_on", "responsible"}

    off = transition_plan_update(actor=cws, plan_id=plan.pk, aftercare=False)
    assert off.aftercare_until is None
    on = transition_plan_update(actor=cws, plan_id=plan.pk, aftercare=True)
    assert on.aftercare_until == birthday_at(person.birth_date, 25)
    cleared = transition_plan_update(actor=cws, plan_id=plan.pk, taking_over_id=None)
    assert cleared.taking_over is None


def test_update_validates_the_result(cws, person):
    plan = transition_plan_create(actor=cws, person_id=person.pk)
    with pytest.raises(errors.StartsAfterAftercare):
        transition_plan_update(
            actor=cws,
            plan_id=plan.pk,
            starts_on=birthday_at(person.birth_date, 22),
            aftercare_until=birthday_at(person.birth_date, 21),
        )
    with pytest.raises(errors.AftercareBeyondAge):
        transition_plan_update(
            actor=cws, plan_id=plan.pk, aftercare_until=birthday_at(person.birth_date, 26)
        )
    plan.refresh_from_db()
    assert plan.aftercare_until == birthday_at(person.birth_date, 25)


def test_a_plan_can_be_closed_after_the_aftercare_age_was_lowered(cws, person, configure):
    plan = transition_plan_create(actor=cws, person_id=person.pk)
    configure(aftercare_until_age=21)
    with pytest.raises(errors.AftercareBeyondAge):
        transition_plan_update(actor=cws, plan_id=plan.pk, notes="x")
    assert not transition_plan_update(actor=cws, plan_id=plan.pk, active=False).active


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMINISTRATOR])
def test_managers_and_administrators_change_the_settings(make_actor, municipality, role):
    actor = make_actor("navk", role)
    conf = transition_settings_update(actor=actor, horizon_months=9, aftercare_until_age=23)
    assert (conf.horizon_months, conf.aftercare_until_age) == (9, 23)
    assert TransitionSettings.objects.get(municipality=municipality) == conf
    event = ChangeEvent.objects.get(action="transition_settings.update")
    assert event.changes["before"] == {"horizon_months": 6, "aftercare_until_age": 25}
    again = transition_settings_update(actor=actor, horizon_months=3, aftercare_until_age=25)
    assert again.pk == conf.pk


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.COORDINATOR, Role.RESEARCHER])
def test_other_roles_may_not_change_the_settings(make_actor, role):
    with pytest.raises(errors.TransitionSettingsDenied):
        transition_settings_update(
            actor=make_actor("cws", role), horizon_months=9, aftercare_until_age=23
        )
    assert not TransitionSettings.objects.exists()


@pytest.mark.parametrize(
    ("horizon", "age", "fields"),
    [
        (0, 25, {"horizon_months"}),
        (25, 25, {"horizon_months"}),
        (6, 26, {"aftercare_until_age"}),
        (6, 18, {"aftercare_until_age"}),
        (-1, 99, {"horizon_months", "aftercare_until_age"}),
    ],
)
def test_settings_out_of_range_are_refused(make_actor, horizon, age, fields):
    with pytest.raises(errors.TransitionSettingsInvalid) as info:
        transition_settings_update(
            actor=make_actor("navk", Role.MANAGER), horizon_months=horizon, aftercare_until_age=age
        )
    assert set(info.value.details) == fields
