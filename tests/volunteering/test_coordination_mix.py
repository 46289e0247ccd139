from __future__ import annotations

from datetime import date

import pytest

from helhet.volunteering import selectors, services
from helhet.volunteering.selectors import SURVEY_COLUMNS, quarter_of


def _run(v, unit, category, coordinator, *days, actor="nh", occ_coordinator=None):  # type: ignore[no-untyped-def]
    activity = services.activity_create(
        actor=v[actor],
        care_unit_id=unit.pk,
        category=category,
        title=f"{category} {coordinator}",
        coordinator=coordinator,
    )
    for day in days:
        services.occurrence_record(
            actor=v[actor],
            activity_id=activity.pk,
            date=day,
            participants=5,
            volunteers=2,
            hours=2,
            coordinator=occ_coordinator,
        )
    return activity


def test_quarter_of() -> None:
    assert quarter_of(date(2025, 1, 1)) == "2025-Q1"
    assert quarter_of(date(2025, 6, 30)) == "2025-Q2"
    assert quarter_of(date(2025, 12, 31)) == "2025-Q4"


def test_shares_leave_out_unsure_and_varies(v):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    jan, feb, may = date(2025, 1, 10), date(2025, 2, 10), date(2025, 5, 10)
    day = _run(v, unit, "day_centre", "municipality", jan, feb)  # counted once in Q1
    _run(v, unit, "physical", "municipality", feb)
    _run(v, unit, "social", "voluntary", jan)
    _run(v, unit, "cultural_nursing_home", "joint", feb)
    _run(v, unit, "other", "unsure", jan)
    _run(v, unit, "visiting_service", "varies", feb)
    _run(v, unit, "social", "municipality")  # never took place: not counted
    services.occurrence_record(
        actor=v["nh"],
        activity_id=day.pk,
        date=may,
        participants=8,
        volunteers=0,
        hours=3,
        coordinator="voluntary",
    )
    hc_unit = services.care_unit_create(actor=v["hc"], name="Sone nord", unit_type="home_care")
    _run(v, hc_unit, "food_delivery", "other", jan, actor="hc")

    q1, q2 = selectors.coordination_mix_for_unit(actor=v["nh"], care_unit_id=unit.pk)
    assert q1.quarter == "2025-Q1"
    assert q1.counts == {"municipality": 2, "voluntary": 1, "joint": 1, "other": 0}
    assert q1.total == 4 and q1.left_out == 2
    assert q1.shares == {"municipality": 0.5, "voluntary": 0.25, "joint": 0.25, "other": 0.0}
    assert (q2.quarter, q2.counts["voluntary"], q2.total, q2.shares["voluntary"]) == (
        "2025-Q2",
        1,
        1,
        1.0,
    )

    mq1, _mq2 = selectors.coordination_mix_for_municipality(actor=v["nav"])
    assert mq1.counts == {"municipality": 2, "voluntary": 1, "joint": 1, "other": 1}
    assert mq1.shares["other"] == pytest.approx(0.2) and mq1.left_out == 2


def test_survey_rows_mapping(v, orgs, municipality):  # type: ignore[no-untyped-def]
    unit = v["unit"]  # nursing home; already holds cultural_nursing_home / joint
    hc_unit = services.care_unit_create(actor=v["hc"], name="Sone sør", unit_type="home_care")
    _run(v, unit, "day_centre", "municipality")
    _run(v, unit, "visiting_service", "voluntary")  # not in the survey
    _run(v, unit, "other", "joint")  # not in the survey
    _run(v, unit, "physical", "unsure")  # left out, as in the survey
    _run(v, hc_unit, "food_delivery", "voluntary", actor="hc")
    _run(v, hc_unit, "cultural_home_care", "other", actor="hc")
    _run(v, hc_unit, "social", "varies", actor="hc")  # left out

    rows = selectors.coordination_survey_rows(municipality.pk)
    assert [(r.unit_id, r.unit_type, r.activity, r.coordinator) for r in rows] == [
        (unit.pk, "nursing_home", "cultural_nursing_home", "joint"),
        (unit.pk, "nursing_home", "day_centre", "municipality"),
        (hc_unit.pk, "home_care", "cultural_home_care", "other"),
        (hc_unit.pk, "home_care", "food_delivery", "voluntary"),
    ]
    assert selectors.coordination_survey_rows(municipality.pk + 1000) == []
    csv_text = selectors.coordination_survey_csv(municipality.pk)
    lines = csv_text.splitlines()
    assert lines[0] == ",".join(SURVEY_COLUMNS) == "unit_id,unit_type,activity,coordinator"
    assert lines[1] == f"{unit.pk},nursing_home,cultural_nursing_home,joint"
    assert len(lines) == 5
