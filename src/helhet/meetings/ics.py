"""A calendar invite (.ics, RFC 5545) for one meeting.

It holds the title, the time (in Europe/Oslo, with the time zone definition included) and the
place, plus a link to the meeting page, which applies the access policy. Never the agenda,
minutes, participants or the person the meeting is about: an invite travels to calendars and
mailboxes outside Helhet's control.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from helhet.meetings.models import Meeting

OSLO = ZoneInfo("Europe/Oslo")


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the meeting, so a calendar updates the event instead of adding a copy."""
    return f"helhet-meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname or 'helhet'}"


def meeting_ics(meeting: Meeting, *, now: datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Helhet//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", (now or timezone.now()).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(OSLO))
    event.add("dtend", meeting.ends_at.astimezone(OSLO))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    # A change of time or place is a new revision of the same event.
    event.add("sequence", int(meeting.updated_at.timestamp()) % 2**31 if meeting.updated_at else 0)
    event.add("url", settings.SITE_URL + reverse("web:meeting_detail", args=[meeting.pk]))
    calendar.add_component(event)
    # The time zone's rules for the years around the meeting only, to keep the file small.
    start = meeting.starts_at.astimezone(OSLO).date()
    calendar.add_missing_timezones(
        first_date=date(start.year - 1, 1, 1), last_date=date(start.year + 2, 1, 1)
    )
    return calendar.to_ical()
