"""Fixtures for meetings: the household from the plan tests, and a booking helper."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from helhet.meetings.services import meeting_book
from tests.plans.conftest import add_measure, family_of, household  # noqa: F401 - fixtures

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def book(orgs):
    def make(actor, *, invite=(), kind="family_meeting", family=None, person=None, **kw):
        start = kw.pop("starts_at", timezone.now() + timedelta(days=2))
        return meeting_book(
            actor=actor,
            kind=kind,
            title=kw.pop("title", "Familiemøte"),
            starts_at=start,
            ends_at=kw.pop("ends_at", start + timedelta(hours=1)),
            location=kw.pop("location", "NAV Testvik, møterom 2"),
            family_id=family.pk if family else None,
            person_id=person.pk if person else None,
            organisation_ids=[orgs[k].pk for k in invite],
            **kw,
        )

    return make


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)
