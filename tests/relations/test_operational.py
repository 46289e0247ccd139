"""Stated against operational network, from referrals and meetings made for the test: counts
per organisation only, no person read, no access-log row."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.audit.models import AccessEvent
from helhet.meetings.models import Meeting, Participant
from helhet.referrals.models import Referral
from helhet.relations import services
from helhet.relations.errors import PeriodInvalid, RoundInvalid
from helhet.relations.operational import jaccard, stated_vs_operational
from tests.relations.conftest import spec

OSLO = ZoneInfo("Europe/Oslo")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=OSLO)


@pytest.fixture
def platform(orgs, make_person, municipality):
    """Referrals: NAV state → child welfare twice in 2026 (and once in 2025), health → NAV
    municipal once. Meetings in 2026: NAV municipal and child welfare together twice, NAV state
    with them once; health was invited once but did not come. In 2025 NAV state and health
    met."""
    person = make_person("Kari", "Nordmann")

    def referral(frm, to, day):
        r = Referral.objects.create(
            municipality=municipality,
            person=person,
            from_organisation=orgs[frm],
            to_organisation=orgs[to],
            reason="Test",
            deadline=day,
        )
        Referral.objects.filter(pk=r.pk).update(sent_at=_at(day))

    referral("nav", "cws", date(2026, 3, 2))
    referral("nav", "cws", date(2026, 9, 14))
    referral("nav", "cws", date(2025, 6, 1))
    referral("health", "navk", date(2026, 5, 5))

    def meeting(day, came, absent=()):
        m = Meeting.objects.create(
            municipality=municipality,
            kind="family_meeting",
            title="Møte",
            starts_at=_at(day),
            ends_at=_at(day).replace(hour=11),
            organiser_organisation=orgs[came[0]],
        )
        for key in came:
            Participant.objects.create(
                municipality=municipality, meeting=m, organisation=orgs[key], attended=True
            )
        for key in absent:
            Participant.objects.create(
                municipality=municipality, meeting=m, organisation=orgs[key], attended=False
            )
        # A family member's participation is never looked at.
        Participant.objects.create(
            municipality=municipality, meeting=m, person=person, attended=True
        )

    meeting(date(2026, 2, 10), ["navk", "cws"], absent=["health"])
    meeting(date(2026, 10, 1), ["navk", "cws", "nav"])
    meeting(date(2025, 11, 1), ["nav", "health"])


@pytest.fixture
def stated(team, orgs, rating_round):
    services.ratings_submit(
        actor=team.lead,
        round_id=rating_round.pk,
        ratings=[spec(orgs["cws"], 4), spec(orgs["nav"], 3), spec(orgs["health"], 0)],
    )
    services.ratings_submit(
        actor=team.cws,
        round_id=rating_round.pk,
        ratings=[spec(orgs["navk"], 3), spec(orgs["nav"], 0), spec(orgs["health"], 2)],
    )
    return rating_round


def _arcs(c, orgs):
    key = {o.pk: k for k, o in orgs.items()}
    return {(key[a.rater.pk], key[a.rated.pk]): a for a in c.arcs}


def test_stated_against_operational(team, orgs, platform, stated):
    before = AccessEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        c = stated_vs_operational(actor=team.researcher, round_id=stated.pk)
    assert not [q for q in queries.captured_queries if "people_person" in q["sql"]]
    assert AccessEvent.objects.count() == before
    # The year up to the round's closing day.
    assert (c.start, c.end) == (date(2026, 1, 1), date(2026, 12, 31))
    arcs = _arcs(c, orgs)
    assert {k for k, a in arcs.items() if a.category == "both"} == {
        ("navk", "cws"),
        ("cws", "navk"),
        ("navk", "nav"),
    }
    assert {k for k, a in arcs.items() if a.category == "stated_only"} == {("cws", "health")}
    assert {k for k, a in arcs.items() if a.category == "operational_only"} == {
        ("nav", "cws"),
        ("health", "navk"),
        ("nav", "navk"),
        ("cws", "nav"),
    }
    assert (c.both, c.stated_only, c.operational_only) == (3, 1, 4)
    assert c.jaccard == pytest.approx(3 / 8)
    assert arcs[("nav", "cws")].referrals == 2  # the 2025 referral is outside the period
    assert arcs[("nav", "cws")].frequency is None  # NAV state did not answer
    assert arcs[("cws", "nav")].frequency == 0  # child welfare said "never"
    assert arcs[("navk", "cws")].meetings_together == 2
    assert arcs[("cws", "health")].meetings_together == 0  # health was absent
    assert c.referrals_total == 3 and c.coattendances_total == 4
    degrees = {d.organisation.pk: (d.stated, d.operational) for d in c.degrees}
    assert degrees == {
        orgs["navk"].pk: (3, 5),
        orgs["cws"].pk: (3, 4),
        orgs["nav"].pk: (1, 4),
        orgs["health"].pk: (1, 1),
    }


def test_period_and_least_count(team, orgs, platform, stated):
    strict = stated_vs_operational(actor=team.researcher, round_id=stated.pk, min_count=2)
    assert {k for k, a in _arcs(strict, orgs).items() if a.operational} == {
        ("nav", "cws"),
        ("navk", "cws"),
        ("cws", "navk"),
    }
    older = stated_vs_operational(
        actor=team.researcher, round_id=stated.pk, start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    assert {k for k, a in _arcs(older, orgs).items() if a.operational} == {
        ("nav", "cws"),
        ("nav", "health"),
        ("health", "nav"),
    }
    with pytest.raises(PeriodInvalid):
        stated_vs_operational(
            actor=team.researcher, round_id=stated.pk, start=date(2026, 2, 1), end=date(2026, 1, 1)
        )
    with pytest.raises(PeriodInvalid):
        stated_vs_operational(
            actor=team.researcher, round_id=stated.pk, start=date(1900, 1, 1), end=date(2026, 1, 1)
        )
    with pytest.raises(RoundInvalid):
        stated_vs_operational(actor=team.researcher, round_id=stated.pk, min_count=0)


def test_comparison_query_count_is_fixed(team, platform, stated, django_assert_num_queries):
    # The round, who answered, the organisations, whether the reader rates, the ratings,
    # the referral counts and the attended participations.
    with django_assert_num_queries(7):
        stated_vs_operational(actor=team.researcher, round_id=stated.pk)


def test_jaccard_of_empty_networks_is_undefined():
    assert jaccard(set(), set()) is None
    assert jaccard({(1, 2)}, {(2, 1)}) == 0.0
