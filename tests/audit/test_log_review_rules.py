"""Log review (Normen's "kontroll av logg"): the four rules that flag a read, and the
watermark that scans every event once and makes every flag once."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from helhet.audit import review
from helhet.audit.models import (
    AccessEvent,
    ReviewFlag,
    ReviewRule,
    ReviewScan,
)
from helhet.audit.review import review_scan
from helhet.audit.review_queue import (
    review_flag_person_for,
)
from helhet.consent.errors import ConsentMissing
from helhet.core.working_days import is_working_day
from helhet.people.errors import PersonNotFound
from helhet.people.selectors import person_get_for, person_information_for, person_search
from helhet.referrals.models import Referral, ReferralStatus
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role
from tests.audit.review_support import (
    SATURDAY,
    WORKDAY,
    clock,
    flags,
    oslo,
    read,
    real_now,
    scan,
)


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
        now=real_now() + timedelta(minutes=5), progress=lambda r: seen.append(r.scanned)
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
    call_command("review-log", "--now", (real_now() + timedelta(minutes=5)).isoformat(), stdout=out)
    text = out.getvalue()
    assert "2 access events scanned" in text and "3 access events scanned" in text  # progress
    assert "off_hours: 3 flagged" in text and "no_open_task: 0 flagged" in text
    assert "3 flagged in all" in text
    again = StringIO()
    call_command("review-log", stdout=again)
    assert "0 access events scanned, 0 flagged in all" in again.getvalue()
