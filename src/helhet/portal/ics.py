"""A calendar invite (.ics) for a meeting, for the person: title, time and place, and a link to
Min side's meeting list. Never the agenda or who takes part (it travels to other calendars)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from helhet.meetings.ics import meeting_ics
from helhet.meetings.models import Meeting
from helhet.portal.policies import Subject


def meeting_ics_for_person(meeting: Meeting, subject: Subject) -> bytes:
    calendar = Calendar.from_ical(meeting_ics(meeting))
    url = settings.SITE_URL + reverse("portal:meetings", args=[subject.person.pk])
    for event in calendar.walk("VEVENT"):
        event["url"] = url
    return bytes(calendar.to_ical())
