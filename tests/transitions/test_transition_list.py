"""transition_list_for and youths_without_plan: the horizon, the aftercare age, flagging,
sorting, logging and fixed query counts."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.audit.models import AccessEvent
from helhet.people.errors import NoPersonalDataAccess
from helhet.tenancy.models import Role
from helhet.tenancy.services import municipality_create, organisation_create
from helhet.transitions.errors import DateOutOfRange
from helhet.transitions.selectors import transition_list_for, youths_without_plan
from helhet.transitions.services import transition_plan_create
from tests.transitions.conftest import born_turning

ON = date(2025, 3, 10)  # horizon of 6 months: 18th birthdays up to 10 September 2025


def names(rows):
    return [r.person.given_name for r in rows]


@pytest.fixture
def cws(make_actor):
    return make_actor("cws")


def test_horizon_edge_is_included_and_the_day_after_is_not(cws, youth):
    youth(born_turning(18, date(2025, 9, 10)), given="Edge")
    youth(born_turning(18, date(2025, 9, 11)), given="Beyond")
    youth(born_turning(18, date(2025, 3, 11)), given="Tomorrow")
    youth(born_turning(18, ON), given="Today")
    youth(date(2008, 1, 1), given="Young")
    rows = transition_list_for(cws, on=ON)
    assert names(rows) == ["Today", "Tomorrow", "Edge"]
    today_row, tomorrow, edge = rows
    assert (today_row.age, today_row.days_left, today_row.flagged) == (18, 0, True)
    assert (tomorrow.age, tomorrow.days_left, tomorrow.flagged) == (17, 1, False)
    assert edge.turns_18_on == date(2025, 9, 10) and edge.days_left == 184
    assert edge.plan is None and not edge.flagged


def test_leap_day_youth_turns_18_on_1_march(cws, youth):
    youth(date(2008, 2, 29), given="Leap")
    # 1 September + 6 months is 1 March 2026: the birthday is exactly at the edge.
    (row,) = transition_list_for(cws, on=date(2025, 9, 1))
    assert row.turns_18_on == date(2026, 3, 1) and row.age == 17
    # 31 August + 6 months is 28 February 2026: the birthday is one day beyond.
    assert transition_list_for(cws, on=date(2025, 8, 31)) == []
    (row,) = transition_list_for(cws, on=date(2026, 2, 28))
    assert (row.age, row.days_left, row.flagged) == (17, 1, False)
    (row,) = transition_list_for(cws, on=date(2026, 3, 1))
    assert (row.age, row.days_left, row.flagged) == (18, 0, True)


def test_horizon_from_a_leap_day(cws, youth):
    on = date(2024, 2, 29)  # + 6 months = 29 August 2024
    youth(date(2006, 8, 29), given="Edge")
    youth(date(2006, 8, 30), given="Beyond")
    youth(date(2006, 2, 28), given="Turned")  # 18 on 28 February 2024
    youth(date(2006, 3, 1), given="Soon")  # 18 on 1 March 2024
    rows = transition_list_for(cws, on=on)
    assert names(rows) == ["Turned", "Soon", "Edge"]
    assert [r.flagged for r in rows] == [True, False, False]


def test_leap_day_youth_leaves_the_list_at_the_aftercare_age(cws, youth):
    youth(date(2004, 2, 29), given="Leap")
    assert names(transition_list_for(cws, on=date(2029, 2, 28))) == ["Leap"]
    assert transition_list_for(cws, on=date(2029, 3, 1)) == []


def test_already_18_without_a_plan_is_flagged_until_the_aftercare_age(cws, youth):
    youth(born_turning(25, ON + timedelta(days=1)), given="Almost25")
    youth(born_turning(25, ON), given="Turns25Today")
    youth(born_turning(19, ON), given="Nineteen")
    rows = transition_list_for(cws, on=ON)
    assert names(rows) == ["Almost25", "Nineteen"]
    assert all(r.flagged for r in rows)
    assert [r.age for r in rows] == [24, 19]
    assert rows[0].days_overdue == (ON - rows[0].turns_18_on).days


def test_flagged_first_then_by_birthday(cws, youth):
    youth(born_turning(18, date(2025, 5, 1)), given="May")
    youth(born_turning(18, date(2025, 4, 1)), given="April")
    youth(born_turning(18, date(2024, 1, 1)), given="Adult2024")
    youth(born_turning(18, date(2023, 1, 1)), given="Adult2023")
    assert names(transition_list_for(cws, on=ON)) == ["Adult2023", "Adult2024", "April", "May"]


def test_the_horizon_and_the_aftercare_age_are_configurable(cws, youth, configure):
    youth(born_turning(18, date(2025, 9, 10)), given="SixMonths")
    youth(born_turning(18, date(2026, 3, 1)), given="ElevenMonths")
    youth(born_turning(23, date(2025, 1, 1)), given="TwentyThree")
    youth(born_turning(22, date(2025, 1, 1)), given="TwentyTwo")
    assert names(transition_list_for(cws, on=ON)) == ["TwentyThree", "TwentyTwo", "SixMonths"]
    configure(horizon_months=3, aftercare_until_age=23)
    assert names(transition_list_for(cws, on=ON)) == ["TwentyTwo"]
    configure(horizon_months=12, aftercare_until_age=25)
    assert names(transition_list_for(cws, on=ON)) == [
        "TwentyThree",
        "TwentyTwo",
        "SixMonths",
        "ElevenMonths",
    ]


def test_a_plan_clears_the_flag_and_an_adult_with_a_plan_leaves_the_list(cws, youth, today):
    soon = youth(born_turning(18, today + timedelta(days=30)), given="Soon")
    adult = youth(born_turning(18, today - timedelta(days=30)), given="Adult")
    assert [r.flagged for r in transition_list_for(cws)] == [True, False]
    plan = transition_plan_create(actor=cws, person_id=soon.pk)
    transition_plan_create(actor=cws, person_id=adult.pk)
    (row,) = transition_list_for(cws)
    assert row.person == soon and row.plan == plan and not row.flagged


def test_ended_and_other_involvements_do_not_count(cws, youth, involve, make_person, today):
    ended = make_person("Ended", "Case", birth=born_turning(18, today + timedelta(days=10)))
    involve("cws", ended, started=today - timedelta(days=300), ended=today - timedelta(days=1))
    involve("navk", ended)
    youth(born_turning(18, today + timedelta(days=10)), given="NavOnly", orgs=("navk",))
    assert transition_list_for(cws) == []


def test_each_listed_person_is_logged_once_as_identity_and_child_welfare(cws, youth):
    a = youth(born_turning(18, ON), given="A")
    b = youth(born_turning(18, date(2025, 4, 1)), given="B")
    youth(date(2009, 1, 1), given="NotListed")
    transition_list_for(cws, on=ON, channel="api", through="GET /api/transitions")
    events = AccessEvent.objects.filter(through="GET /api/transitions")
    assert sorted(e.person_id for e in events) == sorted([a.pk, b.pk])
    assert {tuple(e.categories) for e in events} == {("child_welfare", "identity")}
    assert {e.outcome for e in events} == {"granted"}


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.RESEARCHER])
def test_roles_without_personal_data_are_refused_and_logged(make_actor, youth, role):
    youth(born_turning(18, ON))
    actor = make_actor("cws", role)
    with pytest.raises(NoPersonalDataAccess):
        transition_list_for(actor, on=ON)
    denied = AccessEvent.objects.get(outcome="denied")
    assert denied.reason == "role" and denied.person_id is None


def test_a_date_out_of_range_is_refused(cws):
    with pytest.raises(DateOutOfRange):
        transition_list_for(cws, on=date(1, 1, 1))
    with pytest.raises(DateOutOfRange):
        youths_without_plan(on=date(9999, 12, 31))


def test_two_child_welfare_cases_give_one_row(cws, youth, make_actor, orgs, municipality):
    other = organisation_create(
        actor=None,
        municipality=municipality,
        name="Barnevernet Nabo",
        kind="child_welfare",
        sector="public",
    )
    person = youth(born_turning(18, ON))
    from helhet.consent.services import involvement_open_for

    involvement_open_for(
        actor=None,
        organisation=other,
        person=person,
        started_on=ON,
        responsible=None,
        basis="statutory",
    )
    (row,) = transition_list_for(cws, on=ON)
    assert row.involvement.organisation_id == orgs["cws"].pk


def _log_batches(rows: int) -> int:
    """INSERTs for ``rows`` access-log rows: one, except that Django 5.2 assumes SQLite takes
    at most 999 parameters per statement and splits a larger ``bulk_create``."""
    if connection.vendor != "sqlite":
        return 1
    fields = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


@pytest.mark.parametrize("count", [5, 200])
def test_the_list_costs_a_fixed_number_of_queries(cws, youth, today, count):
    for i in range(count):
        # Half turn 18 within the horizon, half are 18 already without a plan.
        if i % 2:
            youth(born_turning(18, today + timedelta(days=1 + i // 2)), given=f"Soon{i}")
        else:
            youth(born_turning(18, today - timedelta(days=1 + i // 2)), given=f"Adult{i}")
    planned = youth(born_turning(18, today + timedelta(days=170)), given="Planned")
    transition_plan_create(actor=cws, person_id=planned.pk)
    with CaptureQueriesContext(connection) as queries:
        rows = transition_list_for(cws)
    assert len(rows) == count + 1
    assert sum(r.flagged for r in rows) == sum(
        r.plan is None and r.turns_18_on <= today for r in rows
    )
    assert [r.flagged for r in rows] == sorted((r.flagged for r in rows), reverse=True)
    log_writes = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_accessevent"')]
    # Settings, youths, plans; then the access log, one row per youth.
    assert len(queries) - len(log_writes) == 3
    assert len(log_writes) == _log_batches(len(rows))
    assert AccessEvent.objects.filter(person__in=[r.person for r in rows]).count() == len(rows)
    if count == 5:
        assert len(queries) == 4
    # Everything the page shows was fetched with the rows.
    with CaptureQueriesContext(connection) as more:
        for r in rows:
            _ = (r.person.full_name, r.involvement.organisation.name, r.involvement.responsible)
            if r.plan:
                _ = (r.plan.taking_over, r.plan.responsible)
    assert len(more) == 0


def test_youths_without_plan_scans_every_municipality_with_its_settings(
    youth, make_actor, make_person, involve, configure, today, django_assert_num_queries
):
    caseworker = make_actor("cws")
    soon = youth(born_turning(18, today + timedelta(days=100)), responsible=caseworker.user)
    adult = youth(born_turning(18, today - timedelta(days=100)))
    planned = youth(born_turning(18, today + timedelta(days=50)))
    youth(born_turning(18, today + timedelta(days=300)))  # beyond six months
    transition_plan_create(actor=caseworker, person_id=planned.pk)
    configure(horizon_months=6)
    # A second municipality looks twelve months ahead.
    north = municipality_create(actor=None, number="9903", name="Nordvik")
    north_cws = organisation_create(
        actor=None,
        municipality=north,
        name="Barnevernet Nordvik",
        kind="child_welfare",
        sector="public",
    )
    from helhet.consent.services import involvement_open_for
    from helhet.people.models import Person
    from helhet.transitions.models import TransitionSettings

    TransitionSettings.objects.create(municipality=north, horizon_months=12)
    far = make_person("Far", "North", birth=born_turning(18, today + timedelta(days=300)))
    Person.objects.filter(pk=far.pk).update(municipality=north)
    involvement_open_for(
        actor=None,
        organisation=north_cws,
        person=far,
        started_on=today,
        responsible=None,
        basis="statutory",
    )
    with django_assert_num_queries(2):
        rows = youths_without_plan(on=today)
        responsible = [r.involvement.responsible for r in rows]
    assert [r.person for r in rows] == [adult, soon, far]
    assert [r.flagged for r in rows] == [True, False, False]
    assert responsible[1] == caseworker.user
    assert not AccessEvent.objects.exists()  # a system scan shows nothing to anyone


def test_youths_without_plan_uses_the_defaults_when_nothing_is_stored(youth, today):
    inside = youth(born_turning(18, today + timedelta(days=150)))
    youth(born_turning(18, today + timedelta(days=200)))  # beyond six months
    youth(born_turning(25, today))  # aftercare age reached
    assert [r.person for r in youths_without_plan(on=today)] == [inside]
