"""Helpers of the log-review tests: Oslo times, a clock for the access log, a scan well past
settling, a read of a person's page, and the flags made."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import Client

from helhet.audit import review
from helhet.audit.models import AccessEvent, ReviewFlag, ReviewRule
from helhet.audit.review import review_scan
from helhet.core.working_days import is_working_day
from helhet.people.selectors import person_get_for
from helhet.tenancy.actor import Actor

OSLO = ZoneInfo("Europe/Oslo")


ALL_RULES = "unusual_category,many_persons,off_hours,no_open_task"


def real_now() -> datetime:
    return datetime.now(UTC)


def _recent(condition) -> date:  # type: ignore[no-untyped-def]
    """The latest day in the last three weeks (not today) that meets the condition."""
    day = real_now().astimezone(OSLO).date()
    for back in range(1, 22):
        candidate = day - timedelta(days=back)
        if condition(candidate):
            return candidate
    raise AssertionError("no such day in the last three weeks")


def oslo(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=OSLO)


WORKDAY = _recent(is_working_day)


SATURDAY = _recent(lambda d: d.weekday() == 5)


@contextmanager
def clock(moment: datetime) -> Iterator[None]:
    """Everything that asks Django for the time (the access log's ``at`` too) gets this."""
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(UTC)):
        yield


def scan() -> review.ReviewRun:
    # Well past every event's settling time, however the test timed its reads.
    return review_scan(now=real_now() + timedelta(minutes=5))


def read(actor: Actor, person, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    with clock(moment):
        person_get_for(
            actor=actor, person_id=person.pk, channel="web", through="GET web:person_detail"
        )


def flags(rule: str | None = None) -> list[ReviewFlag]:
    qs = ReviewFlag.objects.order_by("id")
    return list(qs.filter(rule=rule) if rule else qs)


def web_client(actor: Actor) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(actor.user)
    return c


def more_flags(n: int, event: AccessEvent) -> None:
    ReviewFlag.objects.bulk_create(
        ReviewFlag(
            municipality_id=event.municipality_id,
            access_event=event,
            rule=ReviewRule.MANY_PERSONS,
            key=f"test:{i}",
            details={"persons": 60, "minutes": 10, "denied": 0},
        )
        for i in range(n)
    )
