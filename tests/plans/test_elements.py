"""plan_elements: the nine elements of the individual-plan regulation, as a pure function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helhet.plans.elements import ELEMENTS, missing, plan_elements


@dataclass
class P:
    coordinator_id: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    revise_on: date | None = None
    resources_and_needs: str = ""
    participants: str = ""
    contributions: str = ""
    implementation: str = ""
    cooperation: str = ""


@dataclass
class M:
    person_id: int
    organisation_id: int
    responsible_id: int | None = None
    status: str = "planned"


FULL = P(1, date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 1), "r", "p", "c", "i", "k")


def _missing(plan, goals=1, measures=(), pairs=()):
    return [
        e.number
        for e in missing(
            plan_elements(
                plan=plan, goal_count=goals, measures=list(measures), consents_naming=pairs
            )
        )
    ]


def test_there_are_nine_elements_in_order():
    assert [n for n, *_ in ELEMENTS] == list(range(1, 10))


def test_empty_plan_misses_everything():
    assert _missing(P(), goals=0) == list(range(1, 10))


GOALS_RESOURCES_NEEDS = 1  # element 1 of the individual-plan regulation


def test_goals_and_resources_both_needed_for_element_1():
    assert GOALS_RESOURCES_NEEDS in _missing(P(resources_and_needs="x"), goals=0)
    assert GOALS_RESOURCES_NEEDS in _missing(P(resources_and_needs="  "), goals=2)
    assert GOALS_RESOURCES_NEEDS not in _missing(P(resources_and_needs="x"), goals=1)


def test_period_needs_start_end_and_revision():
    assert 7 in _missing(P(period_start=date(2026, 1, 1), period_end=date(2026, 2, 1)))
    assert 7 not in _missing(FULL)


def test_measure_with_owner_and_consent():
    measures = [M(10, 100, responsible_id=5), M(11, 200)]
    assert _missing(FULL, measures=measures) == [8]
    assert _missing(FULL, measures=measures, pairs={(10, 100)}) == [8]
    assert _missing(FULL, measures=measures, pairs={(10, 100), (11, 200)}) == []
    # A consent naming another organisation does not count.
    assert _missing(FULL, measures=measures, pairs={(10, 100), (11, 100)}) == [8]
    # Cancelled measures count for neither 5 nor 8.
    assert _missing(FULL, measures=[M(10, 100, 5, "cancelled")], pairs={(10, 100)}) == [5, 8]
    # Without any measure there is nothing to consent to yet.
    assert _missing(FULL, measures=[]) == [5, 8]


def test_missing_elements_carry_a_hint_and_present_ones_none():
    elements = plan_elements(plan=P(), goal_count=0, measures=[], consents_naming=set())
    assert all(e.hint and not e.present for e in elements)
    assert elements[2].key == "coordinator"
    full = plan_elements(plan=FULL, goal_count=1, measures=[M(1, 2, 3)], consents_naming={(1, 2)})
    assert all(e.present and e.hint == "" for e in full)
