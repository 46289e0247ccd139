"""Log review (Normen's "kontroll av logg"): the four rules, the watermark, the privacy
officer's queue, findings and who may see them, over the service, the web and the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helhet.audit import review
from helhet.audit.models import (
    AccessEvent,
    ChangeEvent,
    ReviewFlag,
    ReviewOutcome,
    ReviewRule,
    ReviewScan,
)
from helhet.audit.review import review_scan
from helhet.audit.review_queue import (
    ReviewAlreadyDecided,
    ReviewFlagNotFound,
    ReviewNotAllowed,
    ReviewOutcomeInvalid,
    review_flag_get_for,
    review_flag_person_for,
    review_flags_for,
    review_outcome_record,
)
from helhet.consent.errors import ConsentMissing
from helhet.notifications.models import Notification
from helhet.people.errors import PersonNotFound
from helhet.people.selectors import person_get_for, person_information_for, person_search
from helhet.referrals.models import Referral, ReferralStatus
from helhet.referrals.working_days import is_working_day
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    api_token_create,
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from tests.conftest import PASSWORD

OSLO = ZoneInfo("Europe/Oslo")
ALL_RULES = "unusual_category,many_persons,off_hours,no_open_task"


def _real_now() -> datetime:
    return datetime.now(UTC)


def _recent(condition) -> date:  # type: ignore[no-untyped-def]
    """The latest day in the last three weeks (not today) that meets the condition."""
    day = _real_now().astimezone(OSLO).date()
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
    return review_scan(now=_real_now() + timedelta(minutes=5))


def read(actor: Actor, person, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    with clock(moment):
        person_get_for(
            actor=actor, person_id=person.pk, channel="web", through="GET web:person_detail"
        )


def flags(rule: str | None = None) -> list[ReviewFlag]:
    qs = ReviewFlag.objects.order_by("id")
    return list(qs.filter(rule=rule) if rule else qs)


@pytest.fixture
def rules(settings):  # type: ignore[no-untyped-def]
    """Only the named rules in force, so a test sees its own rule's flags and nothing else."""

    def only(*names: str) -> None:
        settings.REVIEW_RULES = ",".join(names)

    settings.REVIEW_RULES = ALL_RULES
    return only


@pytest.fixture
def officer(make_actor) -> Actor:  # type: ignore[no-untyped-def]
    return make_actor("navk", Role.PRIVACY_OFFICER, username="personvernombud")


@pytest.fixture
def other_municipality(db):  # type: ignore[no-untyped-def]
    """A second municipality with its own privacy officer and caseworker."""
    municipality = municipality_create(actor=None, number="9903", name="Andrevik")
    org = organisation_create(
        actor=None,
        municipality=municipality,
        name="NAV Andrevik (kommune)",
        kind=OrganisationKind.NAV_MUNICIPAL,
        sector=Sector.PUBLIC,
    )

    def make(role: str, username: str) -> Actor:
        user = staff_create(
            actor=None, username=username, password=PASSWORD, first_name="A", last_name="B"
        )
        m = membership_create(actor=None, user=user, organisation=org, role=role)
        return Actor(
            user=user, membership=Membership.objects.select_related("organisation").get(pk=m.pk)
        )

    return {"officer": make(Role.PRIVACY_OFFICER, "ombud.andrevik"), "make": make}


@pytest.fixture
def off_hours_flag(rules, make_actor, make_person, involve) -> ReviewFlag:  # type: ignore[no-untyped-def]
    """One flagged read: a NAV caseworker opens a person's page late in the evening."""
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav", username="kveldsleser")
    person = make_person("Kari", "Kveld")
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(WORKDAY, 22, 30))
    scan()
    (flag,) = flags()
    return flag


# --- The rules ------------------------------------------------------------------------------


def test_an_ordinary_read_flags_nothing(rules, make_actor, make_person, involve):
    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(WORKDAY, 10))
    run = scan()
    assert run.scanned == 1 and run.total() == 0 and flags() == []


def test_unusual_category_flags_a_voluntary_organisation_asking_for_child_welfare(
    rules, make_actor, make_person, involve
):
    rules(ReviewRule.UNUSUAL_CATEGORY)
    volunteer = make_actor("vol", Role.COORDINATOR)
    nav = make_actor("nav")
    person = make_person()
    involve("vol", person, responsible=volunteer.user)
    involve("nav", person, responsible=nav.user)
    involve("cws", person)
    with clock(oslo(WORKDAY, 10)):
        with pytest.raises(ConsentMissing):
            person_information_for(
                actor=volunteer,
                person_id=person.pk,
                category="child_welfare",
                channel="web",
                through="GET web:person_information",
            )
        # What voluntary organisations need now and then, and other kinds' reads: no flag.
        with pytest.raises(ConsentMissing):
            person_information_for(
                actor=volunteer,
                person_id=person.pk,
                category="housing",
                channel="web",
                through="t",
            )
        with pytest.raises(ConsentMissing):
            person_information_for(
                actor=nav, person_id=person.pk, category="child_welfare", channel="web", through="t"
            )
    scan()
    (flag,) = flags()
    assert flag.rule == ReviewRule.UNUSUAL_CATEGORY
    assert flag.access_event.user_id == volunteer.user.pk
    assert flag.details == {
        "organisation_kind": "voluntary",
        "categories": ["child_welfare"],
        "outcome": "denied",
    }
    assert flag.municipality_id == volunteer.municipality_id


def test_unusual_category_table_is_configurable(rules, settings, make_actor, make_person, involve):
    rules(ReviewRule.UNUSUAL_CATEGORY)
    settings.REVIEW_UNUSUAL_CATEGORIES = "voluntary:housing"
    volunteer = make_actor("vol", Role.COORDINATOR)
    person = make_person()
    involve("vol", person, responsible=volunteer.user)
    with clock(oslo(WORKDAY, 10)):
        with pytest.raises(ConsentMissing):
            person_information_for(
                actor=volunteer,
                person_id=person.pk,
                category="housing",
                channel="web",
                through="t",
            )
        with pytest.raises(ConsentMissing):
            person_information_for(
                actor=volunteer,
                person_id=person.pk,
                category="child_welfare",
                channel="web",
                through="t",
            )
    scan()
    assert [f.details["categories"] for f in flags()] == [["housing"]]


@pytest.mark.parametrize(
    ("moment", "flagged"),
    [
        (oslo(WORKDAY, 10), False),
        (oslo(WORKDAY, 7, 0), False),
        (oslo(WORKDAY, 6, 59), True),
        (oslo(WORKDAY, 18, 0), True),
        (oslo(WORKDAY, 22, 30), True),
        (oslo(SATURDAY, 11), True),
    ],
)
def test_off_hours_flags_nights_and_weekends(
    rules, make_actor, make_person, involve, moment, flagged
):
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    read(reader, person, moment)
    scan()
    assert len(flags(ReviewRule.OFF_HOURS)) == int(flagged)
    if flagged:
        details = flags()[0].details
        assert details["local_time"] == moment.strftime("%Y-%m-%d %H:%M")
        assert details["working_day"] is is_working_day(moment.date())


def test_off_hours_flags_a_public_holiday(rules, make_actor, make_person, involve):
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav")
    person = make_person()
    holiday = date(2026, 5, 14)  # Ascension Day, a Thursday
    assert holiday.weekday() == 3 and not is_working_day(holiday)
    involve("nav", person, responsible=reader.user, started=date(2026, 5, 1))
    read(reader, person, oslo(holiday, 10))
    scan()
    (flag,) = flags()
    assert flag.details["working_day"] is False


def test_working_hours_are_configurable(rules, settings, make_actor, make_person, involve):
    rules(ReviewRule.OFF_HOURS)
    settings.REVIEW_DAY_STARTS = "06:00"
    settings.REVIEW_DAY_ENDS = "23:00"
    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(WORKDAY, 6, 30))
    read(reader, person, oslo(WORKDAY, 22, 30))
    scan()
    assert flags() == []


def test_many_persons_flags_one_sweep_once(rules, settings, make_actor, make_person, involve):
    rules(ReviewRule.MANY_PERSONS)
    settings.REVIEW_MANY_PERSONS = 5
    settings.REVIEW_MANY_PERSONS_MINUTES = 10
    reader = make_actor("navk")
    persons = [make_person(f"P{i}", "Liste") for i in range(6)]
    for p in persons:
        involve("navk", p, responsible=reader.user)
    # Four persons in a few minutes: below the threshold.
    for i, p in enumerate(persons[:4]):
        read(reader, p, oslo(WORKDAY, 9, i))
    assert scan().total() == 0
    # The fifth within the window is flagged, though the first four were scanned before.
    read(reader, persons[4], oslo(WORKDAY, 9, 5))
    # The same sweep going on within the window is the same item in the queue.
    read(reader, persons[5], oslo(WORKDAY, 9, 6))
    scan()
    (flag,) = flags()
    assert flag.details == {"persons": 5, "minutes": 10, "denied": 0}
    assert flag.access_event.person_id == persons[4].pk
    # A second sweep more than one window later is a new item.
    with clock(oslo(WORKDAY, 14)):
        person_search(actor=reader, query="Liste", channel="web", through="GET web:person_list")
    scan()
    assert len(flags()) == 2


def test_many_persons_spread_over_the_day_is_not_flagged(
    rules, settings, make_actor, make_person, involve
):
    rules(ReviewRule.MANY_PERSONS)
    settings.REVIEW_MANY_PERSONS = 5
    settings.REVIEW_MANY_PERSONS_MINUTES = 10
    reader = make_actor("navk")
    for i in range(8):
        p = make_person(f"P{i}", "Spredt")
        involve("navk", p, responsible=reader.user)
        read(reader, p, oslo(WORKDAY, 8, 0) + timedelta(minutes=7 * i))
    scan()
    assert flags() == []


def test_many_persons_counts_refused_reads(rules, settings, make_actor):
    rules(ReviewRule.MANY_PERSONS)
    settings.REVIEW_MANY_PERSONS = 3
    prober = make_actor("school")
    with clock(oslo(WORKDAY, 11)):
        for guess in (900001, 900002, 900003):
            with pytest.raises(PersonNotFound):
                person_get_for(actor=prober, person_id=guess, channel="api", through="GET /api")
    scan()
    (flag,) = flags()
    assert flag.details["denied"] == 3 and flag.details["persons"] == 3


def test_no_open_task_flags_a_read_without_a_task(rules, make_actor, make_person, involve, orgs):
    rules(ReviewRule.NO_OPEN_TASK)
    responsible = make_actor("nav")
    colleague = make_actor("nav")
    unassigned = make_person("Ingen", "Ansvarlig")
    assigned = make_person("Med", "Ansvarlig")
    referred = make_person("Henvist", "Person")
    involve("nav", unassigned)
    involve("nav", assigned, responsible=responsible.user)
    involve("nav", referred, responsible=responsible.user)
    Referral.objects.create(
        municipality_id=referred.municipality_id,
        person=referred,
        from_organisation=orgs["navk"],
        to_organisation=orgs["nav"],
        reason="Trenger oppfølging",
        status=ReferralStatus.SENT,
        deadline=WORKDAY + timedelta(days=5),
    )
    moment = oslo(WORKDAY, 10)
    read(responsible, assigned, moment)  # their own case
    read(colleague, unassigned, moment)  # nobody responsible: the office's shared case
    read(colleague, referred, moment)  # an open referral to the organisation
    read(colleague, assigned, moment)  # someone else's case, and no other task: flagged
    scan()
    (flag,) = flags()
    assert flag.access_event.user_id == colleague.user.pk
    assert flag.access_event.person_id == assigned.pk
    assert "identity" in flag.details["categories"]


def test_no_open_task_leaves_out_refused_reads_and_the_privacy_officer(
    off_hours_flag, rules, make_actor, make_person, involve, officer
):
    rules(ReviewRule.NO_OPEN_TASK)
    stranger = make_actor("school")
    person = make_person()
    involve("nav", person)
    with clock(oslo(WORKDAY, 10)):
        with pytest.raises(PersonNotFound):
            person_get_for(actor=stranger, person_id=person.pk, channel="web", through="t")
        # The privacy officer's look at whom a flag is about is the review itself.
        review_flag_person_for(actor=officer, flag_id=off_hours_flag.pk, channel="web", through="t")
    assert scan().scanned == 2
    assert flags() == [off_hours_flag]


def test_rules_can_be_switched_off(rules, make_actor, make_person, involve):
    rules(ReviewRule.NO_OPEN_TASK)  # off-hours switched off
    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(WORKDAY, 23))
    scan()
    assert flags() == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REVIEW_RULES", "off_hours,tea_breaks"),
        ("REVIEW_UNUSUAL_CATEGORIES", "voluntary"),
        ("REVIEW_DAY_STARTS", "seven"),
    ],
)
def test_bad_thresholds_refuse_to_run(settings, name, value):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured):
        review.thresholds()


# --- The watermark: every event once, every flag once ---------------------------------------


def test_rescanning_flags_nothing_twice(off_hours_flag, make_actor, make_person, involve):
    again = scan()
    assert again.scanned == 0 and again.total() == 0
    assert ReviewFlag.objects.count() == 1
    # A second late read of the same person the same evening is the same item: one flag.
    reader_id = off_hours_flag.access_event.user_id
    reader = Actor(
        user=off_hours_flag.access_event.user,
        membership=Membership.objects.select_related("organisation").get(user_id=reader_id),
    )
    person = off_hours_flag.access_event.person
    read(reader, person, oslo(WORKDAY, 23, 15))
    run = scan()
    assert run.scanned == 1 and run.total() == 0
    assert ReviewFlag.objects.count() == 1
    assert ReviewScan.objects.count() == 2
    assert review.watermark() == AccessEvent.objects.latest("id").pk


def test_an_event_is_scanned_only_once_it_has_settled(rules, make_actor, make_person, involve):
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    moment = oslo(WORKDAY, 22)
    read(reader, person, moment)
    assert review_scan(now=moment + timedelta(seconds=30)).scanned == 0
    assert review.watermark() == 0
    assert review_scan(now=moment + review.SETTLE + timedelta(seconds=1)).total() == 1


def test_an_earlier_id_with_a_later_time_is_not_passed_over(
    rules, make_actor, make_person, involve
):
    """Two transactions that took their ids in the other order than their times: the scan
    stops at the first unsettled id instead of moving the watermark past it."""
    rules(ReviewRule.OFF_HOURS)
    reader = make_actor("nav")
    first_person, second_person = make_person(), make_person()
    involve("nav", first_person, responsible=reader.user)
    involve("nav", second_person, responsible=reader.user)
    read(reader, first_person, oslo(WORKDAY, 22, 10))  # lower id, later time
    read(reader, second_person, oslo(WORKDAY, 22, 0))  # higher id, earlier time
    early = oslo(WORKDAY, 22, 0) + review.SETTLE + timedelta(seconds=1)
    assert review_scan(now=early).scanned == 0
    assert review.watermark() == 0
    run = scan()
    assert run.scanned == 2 and run.total() == 2


def test_a_backlog_is_worked_through_in_batches_with_progress(
    rules, monkeypatch, make_actor, make_person, involve
):
    rules(ReviewRule.OFF_HOURS)
    monkeypatch.setattr(review, "BATCH", 2)
    reader = make_actor("nav")
    persons = [make_person(f"B{i}", "Batch") for i in range(5)]
    for i, p in enumerate(persons):
        involve("nav", p, responsible=reader.user)
        read(reader, p, oslo(WORKDAY, 21, i))
    seen: list[int] = []
    run = review_scan(
        now=_real_now() + timedelta(minutes=5), progress=lambda r: seen.append(r.scanned)
    )
    assert seen == [2, 4, 5]
    assert run.scanned == 5 and run.flagged[ReviewRule.OFF_HOURS] == 5
    assert ReviewScan.objects.count() == 3


def test_reminders_run_the_review_scan(off_hours_flag, make_actor, make_person, involve):
    from helhet.notifications.reminders import run_reminders

    reader = make_actor("nav")
    person = make_person()
    involve("nav", person, responsible=reader.user)
    read(reader, person, oslo(SATURDAY, 12))
    run = run_reminders()
    assert run.flagged[ReviewRule.OFF_HOURS] == 1
    assert len(flags(ReviewRule.OFF_HOURS)) == 2


def test_review_log_command_prints_what_it_scanned_and_flagged(
    rules, monkeypatch, make_actor, make_person, involve
):
    rules(ReviewRule.OFF_HOURS, ReviewRule.NO_OPEN_TASK)
    monkeypatch.setattr(review, "BATCH", 2)
    reader = make_actor("nav")
    for i in range(3):
        p = make_person(f"C{i}", "Cli")
        involve("nav", p, responsible=reader.user)
        read(reader, p, oslo(SATURDAY, 10, i))
    out = StringIO()
    call_command(
        "review-log", "--now", (_real_now() + timedelta(minutes=5)).isoformat(), stdout=out
    )
    text = out.getvalue()
    assert "2 access events scanned" in text and "3 access events scanned" in text  # progress
    assert "off_hours: 3 flagged" in text and "no_open_task: 0 flagged" in text
    assert "3 flagged in all" in text
    again = StringIO()
    call_command("review-log", stdout=again)
    assert "0 access events scanned, 0 flagged in all" in again.getvalue()


# --- The queue: only the privacy officer of the municipality --------------------------------


def test_the_queue_shows_the_municipalitys_flags_to_its_privacy_officer(
    off_hours_flag, officer, other_municipality
):
    assert list(review_flags_for(actor=officer)) == [off_hours_flag]
    assert list(review_flags_for(actor=officer, rule=ReviewRule.OFF_HOURS, outcome="open")) == [
        off_hours_flag
    ]
    assert list(review_flags_for(actor=officer, rule=ReviewRule.MANY_PERSONS)) == []
    assert list(review_flags_for(actor=officer, outcome="justified")) == []
    with pytest.raises(ReviewOutcomeInvalid):
        review_flags_for(actor=officer, rule="nonsense")
    elsewhere = other_municipality["officer"]
    assert list(review_flags_for(actor=elsewhere)) == []
    with pytest.raises(ReviewFlagNotFound):
        review_flag_get_for(actor=elsewhere, flag_id=off_hours_flag.pk)
    with pytest.raises(ReviewFlagNotFound):
        review_outcome_record(
            actor=elsewhere, flag_id=off_hours_flag.pk, verdict="justified", note="x"
        )


@pytest.mark.parametrize(
    ("org_key", "role"),
    [
        ("nav", Role.CASEWORKER),
        ("navk", Role.COORDINATOR),
        ("nav", Role.MANAGER),
        ("navk", Role.ADMINISTRATOR),
        ("navk", Role.RESEARCHER),
    ],
)
def test_other_roles_are_refused(off_hours_flag, make_actor, org_key, role):
    actor = make_actor(org_key, role)
    with pytest.raises(ReviewNotAllowed):
        review_flags_for(actor=actor)
    with pytest.raises(ReviewNotAllowed):
        review_flag_person_for(actor=actor, flag_id=off_hours_flag.pk, channel="web", through="t")
    with pytest.raises(ReviewNotAllowed):
        review_outcome_record(actor=actor, flag_id=off_hours_flag.pk, verdict="justified", note="x")
    assert not ReviewOutcome.objects.exists()


def test_seeing_the_person_is_a_logged_read(off_hours_flag, officer):
    before = AccessEvent.objects.count()
    revealed = review_flag_person_for(
        actor=officer,
        flag_id=off_hours_flag.pk,
        channel="web",
        through="POST web:review_flag_person",
    )
    assert revealed.person == off_hours_flag.access_event.person
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert event.person_id == revealed.person.pk and event.user_id == officer.user.pk
    assert event.categories == ["identity"] and event.role == Role.PRIVACY_OFFICER
    assert event.outcome == "granted" and event.through == "POST web:review_flag_person"


def test_outcome_is_recorded_once_with_a_note(off_hours_flag, officer):
    with pytest.raises(ReviewOutcomeInvalid):
        review_outcome_record(
            actor=officer, flag_id=off_hours_flag.pk, verdict="justified", note="  "
        )
    with pytest.raises(ReviewOutcomeInvalid):
        review_outcome_record(actor=officer, flag_id=off_hours_flag.pk, verdict="maybe", note="x")
    outcome = review_outcome_record(
        actor=officer,
        flag_id=off_hours_flag.pk,
        verdict="justified",
        note="Vakt i barnevernets beredskap; bekreftet med leder.",
    )
    assert outcome.decided_by_username == "personvernombud"
    with pytest.raises(ReviewAlreadyDecided) as caught:
        review_outcome_record(
            actor=officer, flag_id=off_hours_flag.pk, verdict="not_justified", note="y"
        )
    assert caught.value.status_code == 409
    assert ReviewOutcome.objects.get().verdict == "justified"
    change = ChangeEvent.objects.get(action="review.outcome")
    assert change.changes == {
        "flag": off_hours_flag.pk,
        "rule": "off_hours",
        "verdict": "justified",
    }
    assert "beredskap" not in str(change.changes)
    assert list(review_flags_for(actor=officer, outcome="open")) == []
    assert list(review_flags_for(actor=officer, outcome="justified")) == [off_hours_flag]
    assert not Notification.objects.filter(kind="review_not_justified").exists()


def test_not_justified_tells_the_readers_managers_and_names_no_person(
    off_hours_flag, officer, make_actor, django_capture_on_commit_callbacks
):
    nav_manager = make_actor("nav", Role.MANAGER)
    other_manager = make_actor("navk", Role.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        review_outcome_record(
            actor=officer,
            flag_id=off_hours_flag.pk,
            verdict="not_justified",
            note="Ingen sak; snakket med leder.",
        )
    sent = Notification.objects.filter(kind="review_not_justified")
    assert [n.recipient_id for n in sent] == [nav_manager.user.pk]
    assert other_manager.user.pk not in {n.recipient_id for n in sent}
    note = sent.get()
    person = off_hours_flag.access_event.person
    text = f"{note.title} {note.body}"
    assert "kveldsleser" in text
    assert person.given_name not in text and person.family_name not in text
    assert person.national_id not in text


# --- The web pages -----------------------------------------------------------------------------


def _web(actor: Actor) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(actor.user)
    return c


def test_queue_and_flag_pages_for_the_privacy_officer(off_hours_flag, officer):
    c = _web(officer)
    person = off_hours_flag.access_event.person
    dashboard = c.get("/").content.decode()
    assert reverse("web:review_queue") in dashboard  # the menu link and the dashboard card
    page = c.get(reverse("web:review_queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "kveldsleser" in html and "NAV Testvik (stat)" in html
    assert "Outside working hours" in html and "GET web:person_detail" in html
    assert "Identity" in html and "Waiting for review" in html
    assert person.family_name not in html and person.national_id not in html
    assert reverse("web:review_flag", args=[off_hours_flag.pk]) in html
    filtered = c.get(reverse("web:review_queue"), {"rule": "many_persons"}).content.decode()
    assert "No flagged reads here." in filtered
    assert c.get(reverse("web:review_queue"), {"rule": "nonsense"}).status_code == 400

    detail = c.get(reverse("web:review_flag", args=[off_hours_flag.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert person.family_name not in html
    assert reverse("web:review_flag_person", args=[off_hours_flag.pk]) in html
    assert 'name="verdict"' in html and 'name="note"' in html


def test_revealing_the_person_in_the_web_needs_a_post_and_is_logged(off_hours_flag, officer):
    c = _web(officer)
    url = reverse("web:review_flag_person", args=[off_hours_flag.pk])
    before = AccessEvent.objects.count()
    assert c.get(url).status_code == 405
    assert AccessEvent.objects.count() == before
    page = c.post(url)
    assert page.status_code == 200
    person = off_hours_flag.access_event.person
    assert person.full_name in page.content.decode()
    event = AccessEvent.objects.latest("id")
    assert event.person_id == person.pk and event.through == "POST web:review_flag_person"


def test_recording_the_outcome_in_the_web(off_hours_flag, officer):
    c = _web(officer)
    url = reverse("web:review_flag", args=[off_hours_flag.pk])
    missing = c.post(url, {"verdict": "justified", "note": ""})
    assert missing.status_code == 200 and "This field is required." in missing.content.decode()
    assert not ReviewOutcome.objects.exists()
    done = c.post(url, {"verdict": "not_justified", "note": "Ikke tjenstlig behov."})
    assert done.status_code == 302 and done.url == url
    html = c.get(url).content.decode()
    assert "Not justified" in html and "Ikke tjenstlig behov." in html
    assert 'name="note"' not in html
    again = c.post(url, {"verdict": "justified", "note": "Likevel."})
    assert again.status_code == 409
    assert ReviewOutcome.objects.get().verdict == "not_justified"


@pytest.mark.parametrize(
    ("org_key", "role"),
    [("nav", Role.CASEWORKER), ("nav", Role.MANAGER), ("navk", Role.ADMINISTRATOR)],
)
def test_the_pages_are_refused_to_other_roles(off_hours_flag, make_actor, org_key, role):
    c = _web(make_actor(org_key, role))
    assert reverse("web:review_queue") not in c.get("/").content.decode()
    assert c.get(reverse("web:review_queue")).status_code == 403
    assert c.get(reverse("web:review_flag", args=[off_hours_flag.pk])).status_code == 403
    before = AccessEvent.objects.count()
    assert c.post(reverse("web:review_flag_person", args=[off_hours_flag.pk])).status_code == 403
    assert AccessEvent.objects.count() == before
    response = c.post(
        reverse("web:review_flag", args=[off_hours_flag.pk]),
        {"verdict": "justified", "note": "x"},
    )
    assert response.status_code == 403 and not ReviewOutcome.objects.exists()


def test_the_pages_are_404_to_another_municipalitys_officer(off_hours_flag, other_municipality):
    c = _web(other_municipality["officer"])
    assert "kveldsleser" not in c.get(reverse("web:review_queue")).content.decode()
    assert c.get(reverse("web:review_flag", args=[off_hours_flag.pk])).status_code == 404
    assert c.post(reverse("web:review_flag_person", args=[off_hours_flag.pk])).status_code == 404
    assert c.get(reverse("web:review_flag", args=[999999])).status_code == 404


def _more_flags(n: int, event: AccessEvent) -> None:
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


def test_the_queue_pages_and_keeps_its_filter(off_hours_flag, officer):
    _more_flags(60, off_hours_flag.access_event)
    c = _web(officer)
    first = c.get(reverse("web:review_queue"), {"rule": "many_persons", "outcome": "open"})
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert "?rule=many_persons&amp;outcome=open&amp;page=2" in html
    second = c.get(
        reverse("web:review_queue"), {"rule": "many_persons", "outcome": "open", "page": 2}
    ).content.decode()
    assert "Page 2 of 2" in second
    assert len(re.findall(r'href="/log-review/\d+/"', second)) == 10
    assert len(re.findall(r'href="/log-review/\d+/"', html)) == 50


def test_the_queue_takes_the_same_number_of_queries_however_many_flags(off_hours_flag, officer):
    c = _web(officer)
    c.get(reverse("web:review_queue"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert c.get(reverse("web:review_queue"), {"outcome": ""}).status_code == 200
    _more_flags(40, off_hours_flag.access_event)
    with CaptureQueriesContext(connection) as many:
        assert c.get(reverse("web:review_queue"), {"outcome": ""}).status_code == 200
    assert len(many) == len(few)


# --- The API ---------------------------------------------------------------------------------


def _api(actor: Actor) -> Client:
    _token, key = api_token_create(actor=actor, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")


def test_api_lists_the_flags_page_by_page(off_hours_flag, officer):
    _more_flags(60, off_hours_flag.access_event)
    c = _api(officer)
    body = c.get("/api/review-flags").json()
    assert body["count"] == 61 and len(body["items"]) == 50
    second = c.get("/api/review-flags", {"page": 2}).json()
    assert len(second["items"]) == 11
    only = c.get("/api/review-flags", {"rule": "off_hours"}).json()
    assert only["count"] == 1
    item = only["items"][0]
    assert item["id"] == off_hours_flag.pk and item["rule"] == "off_hours"
    assert item["event"]["username"] == "kveldsleser"
    assert item["event"]["organisation_name"] == "NAV Testvik (stat)"
    assert item["event"]["through"] == "GET web:person_detail"
    assert item["outcome"] is None
    assert "person_id" not in item["event"] and "target_ref" not in item["event"]
    assert c.get("/api/review-flags", {"outcome": "sometimes"}).status_code == 400


def test_api_records_the_outcome_once(off_hours_flag, officer):
    c = _api(officer)
    url = f"/api/review-flags/{off_hours_flag.pk}/outcome"
    empty = c.post(url, {"verdict": "justified", "note": " "}, content_type="application/json")
    assert empty.status_code == 400 and empty.json()["code"] == "review_outcome_invalid"
    ok = c.post(
        url, {"verdict": "justified", "note": "Beredskap."}, content_type="application/json"
    )
    assert ok.status_code == 201
    assert ok.json()["verdict"] == "justified" and ok.json()["decided_by"] == "personvernombud"
    again = c.post(url, {"verdict": "not_justified", "note": "x"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "review_already_decided"
    listed = c.get("/api/review-flags", {"outcome": "justified"}).json()
    assert listed["items"][0]["outcome"]["verdict"] == "justified"


def test_api_is_refused_to_other_roles_and_municipalities(
    off_hours_flag, make_actor, other_municipality
):
    url = f"/api/review-flags/{off_hours_flag.pk}/outcome"
    payload = {"verdict": "justified", "note": "x"}
    for actor in (make_actor("nav", Role.MANAGER), make_actor("navk", Role.ADMINISTRATOR)):
        c = _api(actor)
        assert c.get("/api/review-flags").status_code == 403
        assert c.post(url, payload, content_type="application/json").status_code == 403
    elsewhere = _api(other_municipality["officer"])
    assert elsewhere.get("/api/review-flags").json()["count"] == 0
    assert elsewhere.post(url, payload, content_type="application/json").status_code == 404
    assert not ReviewOutcome.objects.exists()


def test_a_read_refused_unseen_reveals_what_was_asked_for_and_reads_no_one(
    rules, settings, make_actor, officer
):
    rules(ReviewRule.MANY_PERSONS)
    settings.REVIEW_MANY_PERSONS = 2
    prober = make_actor("school")
    with clock(oslo(WORKDAY, 11)):
        for guess in (900001, 900002):
            with pytest.raises(PersonNotFound):
                person_get_for(actor=prober, person_id=guess, channel="api", through="GET /api")
    scan()
    (flag,) = flags()
    before = AccessEvent.objects.count()
    page = _web(officer).post(reverse("web:review_flag_person", args=[flag.pk]))
    assert page.status_code == 200
    assert "it asked for “900002”" in page.content.decode()
    assert AccessEvent.objects.count() == before
