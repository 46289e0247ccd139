"""The survey export: one answer per (care unit, survey activity), as the survey asked.

``v`` (conftest) holds a nursing-home unit with one activity already: cultural_nursing_home,
coordinated jointly, with no occurrences.
"""

from __future__ import annotations

from datetime import date

import pytest

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from helhet.volunteering import selectors, services
from helhet.volunteering.selectors import SURVEY_COLUMNS

SINCE = date(2026, 5, 10)
BEFORE, INSIDE, LATER = date(2026, 4, 20), date(2026, 5, 20), date(2026, 6, 1)


def _activity(v, unit, category, coordinator, actor="nh"):  # type: ignore[no-untyped-def]
    return services.activity_create(
        actor=v[actor],
        care_unit_id=unit.pk,
        category=category,
        title=f"{category} {coordinator} {unit.pk}",
        coordinator=coordinator,
    )


def _held(v, activity, day, coordinator=None, actor="nh"):  # type: ignore[no-untyped-def]
    return services.occurrence_record(
        actor=v[actor],
        activity_id=activity.pk,
        date=day,
        participants=5,
        volunteers=1,
        hours=1,
        coordinator=coordinator,
    )


def _rows(answers):  # type: ignore[no-untyped-def]
    return [(r.unit_id, r.unit_type, r.activity, r.coordinator) for r in answers.rows]


def test_two_activities_of_a_kind_with_different_coordinators_vary(v, municipality):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    _activity(v, unit, "social", "voluntary")
    _activity(v, unit, "social", "municipality")
    _activity(v, unit, "physical", "municipality")
    _activity(v, unit, "physical", "municipality")  # the same coordinator: still one answer

    answers = selectors.coordination_survey(municipality.pk)
    assert _rows(answers) == [
        (unit.pk, "nursing_home", "cultural_nursing_home", "joint"),
        (unit.pk, "nursing_home", "physical", "municipality"),
    ]
    assert answers.left_out == {"unsure": 0, "varies": 1}
    assert answers.left_out_total == 1
    assert selectors.coordination_survey_rows(municipality.pk) == answers.rows


def test_unsure_and_varies_are_left_out_and_counted(v, municipality):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    hc_unit = services.care_unit_create(actor=v["hc"], name="Sone nord", unit_type="home_care")
    _activity(v, unit, "day_centre", "unsure")
    _activity(v, unit, "day_centre", "unsure")  # unsure twice: the unit is unsure
    _activity(v, unit, "physical", "unsure")
    _activity(v, unit, "physical", "joint")  # unsure about one of two: varies
    _activity(v, hc_unit, "food_delivery", "varies", actor="hc")  # recorded as varies
    _activity(v, hc_unit, "social", "other", actor="hc")
    _activity(v, hc_unit, "visiting_service", "voluntary", actor="hc")  # not in the survey
    _activity(v, hc_unit, "other", "municipality", actor="hc")  # not in the survey

    answers = selectors.coordination_survey(municipality.pk)
    assert _rows(answers) == [
        (unit.pk, "nursing_home", "cultural_nursing_home", "joint"),
        (hc_unit.pk, "home_care", "social", "other"),
    ]
    assert answers.left_out == {"unsure": 1, "varies": 2}


def test_the_window_takes_who_coordinated_the_occurrences(v, municipality):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    # Standing coordinator municipality, but the voluntary organisation coordinated the
    # one time it took place in the window; the earlier time (joint) is outside it.
    day = _activity(v, unit, "day_centre", "municipality")
    _held(v, day, BEFORE, "joint")
    _held(v, day, INSIDE, "voluntary")
    # Two social activities with different standing coordinators, but only one took place.
    trip = _activity(v, unit, "social", "voluntary")
    _activity(v, unit, "social", "municipality")
    _held(v, trip, LATER)
    # One activity, coordinated by two different parties in the window: varies.
    gym = _activity(v, unit, "physical", "municipality")
    _held(v, gym, INSIDE)
    _held(v, gym, LATER, "joint")
    # The cultural evening (v["activity"]) did not take place in the window: no answer.
    _held(v, v["activity"], BEFORE)

    standing = selectors.coordination_survey(municipality.pk)
    assert _rows(standing) == [
        (unit.pk, "nursing_home", "cultural_nursing_home", "joint"),
        (unit.pk, "nursing_home", "day_centre", "municipality"),
        (unit.pk, "nursing_home", "physical", "municipality"),
    ]
    assert standing.left_out == {"unsure": 0, "varies": 1}

    window = selectors.coordination_survey(municipality.pk, since=SINCE)
    assert _rows(window) == [
        (unit.pk, "nursing_home", "day_centre", "voluntary"),
        (unit.pk, "nursing_home", "social", "voluntary"),
    ]
    assert window.left_out == {"unsure": 0, "varies": 1}
    # The first day is in the window; on it the gym class was joint, so no longer varies.
    assert _rows(selectors.coordination_survey(municipality.pk, since=LATER)) == [
        (unit.pk, "nursing_home", "physical", "joint"),
        (unit.pk, "nursing_home", "social", "voluntary"),
    ]
    assert selectors.coordination_survey_csv(municipality.pk, since=SINCE) == (
        "unit_id,unit_type,activity,coordinator\n"
        f"{unit.pk},nursing_home,day_centre,voluntary\n"
        f"{unit.pk},nursing_home,social,voluntary\n"
    )
    assert selectors.coordination_survey_csv(municipality.pk, since=date(2027, 1, 1)) == (
        "unit_id,unit_type,activity,coordinator\n"
    )


def test_municipality_filter_and_csv(v, municipality, orgs):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    _activity(v, unit, "social", "voluntary")
    elsewhere = municipality_create(actor=None, number="9911", name="Andrevik")
    org = organisation_create(
        actor=None,
        municipality=elsewhere,
        name="Andrevik sykehjem",
        kind=OrganisationKind.NURSING_HOME,
        sector=Sector.PUBLIC,
    )
    user = staff_create(
        actor=None, username="andrevik", password="x-unused-9911", first_name="A", last_name="B"
    )
    membership = membership_create(actor=None, user=user, organisation=org, role=Role.MANAGER)
    other = Actor(
        user=user,
        membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
    )
    far_unit = services.care_unit_create(actor=other, name="Andrevik", unit_type="nursing_home")
    services.activity_create(
        actor=other,
        care_unit_id=far_unit.pk,
        category="social",
        title="Tur",
        coordinator="municipality",
    )

    ours = [
        (unit.pk, "nursing_home", "cultural_nursing_home", "joint"),
        (unit.pk, "nursing_home", "social", "voluntary"),
    ]
    assert _rows(selectors.coordination_survey(municipality.pk)) == ours
    assert _rows(selectors.coordination_survey(elsewhere.pk)) == [
        (far_unit.pk, "nursing_home", "social", "municipality")
    ]
    assert _rows(selectors.coordination_survey()) == [
        *ours,
        (far_unit.pk, "nursing_home", "social", "municipality"),
    ]
    csv_text = selectors.coordination_survey_csv(municipality.pk)
    assert csv_text.splitlines() == [
        ",".join(SURVEY_COLUMNS),
        f"{unit.pk},nursing_home,cultural_nursing_home,joint",
        f"{unit.pk},nursing_home,social,voluntary",
    ]
    assert csv_text.splitlines()[0] == "unit_id,unit_type,activity,coordinator"


@pytest.mark.parametrize("since", [None, SINCE])
def test_one_query_whatever_the_data(v, municipality, django_assert_num_queries, since):  # type: ignore[no-untyped-def]
    def run() -> int:
        with django_assert_num_queries(1):
            answers = selectors.coordination_survey(municipality.pk, since=since)
        return len(answers.rows) + answers.left_out_total

    small = run()
    units = [
        services.care_unit_create(actor=v["nh"], name=f"Avdeling {n}", unit_type="nursing_home")
        for n in range(4)
    ]
    for unit in units:
        for category, coordinator in (
            ("social", "voluntary"),
            ("social", "municipality"),
            ("physical", "joint"),
            ("day_centre", "municipality"),
        ):
            _held(v, _activity(v, unit, category, coordinator), INSIDE)
    assert run() > small
    with django_assert_num_queries(1):
        selectors.coordination_survey_csv(municipality.pk, since=since)
