"""Who sees a meeting, what a read logs, and what it costs in queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.meetings.action_items import action_item_add
from helhet.meetings.errors import MeetingNotFound
from helhet.meetings.selectors import (
    meeting_get_for,
    meeting_list_for,
    meetings_visible_to,
    upcoming_meetings_for,
)
from helhet.meetings.services import decision_add, participant_add
from helhet.people.errors import NoPersonalDataAccess
from helhet.tenancy.models import Role


def _get(actor, meeting, through="t"):
    return meeting_get_for(actor=actor, meeting_id=meeting.pk, channel="web", through=through)


def test_meeting_is_visible_only_to_participating_organisations(household, book, make_actor):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    assert _get(h.navk, meeting).meeting == meeting
    assert _get(make_actor("health", Role.MANAGER), meeting).meeting == meeting  # any staff
    for outsider in (h.cws, h.nav):
        with pytest.raises(MeetingNotFound) as hidden:
            _get(outsider, meeting, through="deny")
    with pytest.raises(MeetingNotFound) as missing:
        meeting_get_for(actor=h.nav, meeting_id=999_999, channel="web", through="deny")
    assert hidden.value.message == missing.value.message
    denied = AccessEvent.objects.filter(through="deny", outcome="denied")
    assert sorted(e.target_ref for e in denied) == sorted(
        [f"meeting:{meeting.pk}", f"meeting:{meeting.pk}", "meeting:999999"]
    )
    with pytest.raises(NoPersonalDataAccess):
        _get(make_actor("navk", Role.RESEARCHER), meeting)
    assert list(meetings_visible_to(make_actor("navk", Role.ADMINISTRATOR))) == []


def test_reading_a_meeting_logs_the_persons_it_names(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=h.mother.pk, role="mor")
    view = _get(h.health, meeting, through="read")
    # Health knows both members of the family: both are named, and both reads are logged.
    assert {p.pk for p in view.persons} == {h.mother.pk, h.child.pk}
    rows = AccessEvent.objects.filter(through="read")
    assert sorted(e.person_id for e in rows) == sorted([h.mother.pk, h.child.pk])
    assert all(e.categories == ["identity", "meeting"] for e in rows)
    # NAV municipal knows only the mother: the child is not named to it.
    assert [p.pk for p in _get(h.navk, meeting).persons] == [h.mother.pk]
    assert view.organisations == sorted(
        [(orgs["navk"].pk, orgs["navk"].name), (orgs["health"].pk, orgs["health"].name)],
        key=lambda o: o[1],
    )


def test_lists_and_upcoming(household, book):
    h = household
    now = timezone.now()
    soon = book(h.navk, family=h.family, invite=["health"], starts_at=now + timedelta(days=3))
    later = book(h.navk, family=h.family, starts_at=now + timedelta(days=30))
    past = book(h.navk, family=h.family, starts_at=now - timedelta(days=5))
    book(h.health, family=h.family, starts_at=now + timedelta(days=1))  # NAV not invited
    assert upcoming_meetings_for(h.navk, through="dash") == [soon]
    assert upcoming_meetings_for(h.navk, days=60) == [soon, later]
    assert AccessEvent.objects.filter(through="dash", person=h.mother).count() == 1
    listed = meeting_list_for(actor=h.navk, channel="web", through="list")
    assert listed.upcoming == [soon, later] and listed.earlier == [past]
    assert upcoming_meetings_for(h.cws) == []


def _meeting_of_size(h, book, make_person, involve, family_of, orgs, n):
    persons = [
        make_person(f"B{i}", "Mange", birth=date(2012, 1, 1) + timedelta(days=i)) for i in range(n)
    ]
    for p in persons:
        involve("navk", p)
        involve("health", p)
    family = family_of(*[(p, "child") for p in persons], name="Familien Mange")
    meeting = book(h.navk, family=family, invite=["health", "school", "vol"])
    for i, p in enumerate(persons):
        participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=p.pk, role="barn")
        decision_add(actor=h.navk, meeting_id=meeting.pk, text=f"Vedtak {i}")
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title=f"Oppgave {i}",
            owner_organisation_id=orgs["health"].pk,
            person_id=p.pk,
        )
    return meeting


@pytest.mark.parametrize("size", [2, 25])
def test_meeting_page_query_count_is_fixed(
    size, household, book, make_person, involve, family_of, orgs, django_assert_num_queries
):
    meeting = _meeting_of_size(household, book, make_person, involve, family_of, orgs, size)
    # meeting, participants, decisions, action items, family members, the access log
    with django_assert_num_queries(6):
        view = _get(household.health, meeting, through="count")
    assert len(view.participants) == size + 4 and len(view.action_items) == size
    assert AccessEvent.objects.filter(through="count").count() == size
