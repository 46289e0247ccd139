"""The .ics invite: parsed back with icalendar, times right across daylight saving time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from helhet.audit.models import AccessEvent
from helhet.meetings.ics import meeting_ics, meeting_uid
from helhet.meetings.services import minutes_update
from tests.meetings.conftest import OSLO, oslo
from tests.plans.conftest import api_client, web_client


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def test_invite_has_stable_uid_oslo_times_and_no_minutes(household, book):
    h = household
    # Winter (UTC+1) and summer (UTC+2).
    winter = book(
        h.navk,
        family=h.family,
        title="Familiemøte Berg",
        location="Rådhuset, rom 3",
        starts_at=oslo(2026, 1, 15, 9, 0),
        ends_at=oslo(2026, 1, 15, 10, 30),
    )
    summer = book(
        h.navk,
        kind="case_conference",
        title="Drøfting",
        starts_at=oslo(2026, 7, 1, 13, 0),
        ends_at=oslo(2026, 7, 1, 14, 0),
    )
    minutes_update(actor=h.navk, meeting_id=winter.pk, minutes="Hemmelig referat om Mona")
    winter.refresh_from_db()
    calendar, event = _event(meeting_ics(winter))
    assert str(event["UID"]) == meeting_uid(winter)
    assert str(event["SUMMARY"]) == "Familiemøte Berg"
    assert str(event["LOCATION"]) == "Rådhuset, rom 3"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    assert end - start == timedelta(minutes=90)
    assert str(start.tzinfo) == "Europe/Oslo" and start.utcoffset() == timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert any(c.name == "VTIMEZONE" for c in calendar.walk("VTIMEZONE"))
    raw = meeting_ics(winter).decode()
    assert "Hemmelig" not in raw and "Mona" not in raw
    assert f"/meetings/{winter.pk}/" in raw
    # The same meeting keeps its UID; another meeting has its own.
    assert str(_event(meeting_ics(winter))[1]["UID"]) == str(event["UID"])
    _cal, summer_event = _event(meeting_ics(summer))
    assert str(summer_event["UID"]) != str(event["UID"])
    summer_start = summer_event.decoded("DTSTART")
    assert summer_start == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    assert summer_start.utcoffset() == timedelta(hours=2)
    assert summer_start.astimezone(OSLO).hour == 13


def test_invite_download_over_web_and_api_is_logged_as_export(household, book, make_actor):
    h = household
    meeting = book(h.navk, kind="responsibility_group", person=h.mother, invite=["health"])
    web = web_client(h.health).get(f"/meetings/{meeting.pk}/invite.ics")
    assert web.status_code == 200 and web["Content-Type"].startswith("text/calendar")
    api = api_client(h.navk).get(f"/api/meetings/{meeting.pk}/invite.ics")
    assert api.status_code == 200
    assert _event(api.content)[1]["SUMMARY"] == meeting.title
    assert AccessEvent.objects.filter(channel="export", person=h.mother).count() == 2
    outsider = api_client(h.cws).get(f"/api/meetings/{meeting.pk}/invite.ics")
    assert outsider.status_code == 404 and outsider.json()["code"] == "meeting_not_found"
