"""Log review: the privacy officer's queue and findings, and who may see them, over the
service and the web pages."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helhet.audit.errors import (
    ReviewAlreadyDecided,
    ReviewFlagNotFound,
    ReviewNotAllowed,
    ReviewOutcomeInvalid,
)
from helhet.audit.models import (
    AccessEvent,
    ChangeEvent,
    ReviewOutcome,
    ReviewRule,
)
from helhet.audit.review_queue import (
    review_flag_get_for,
    review_flag_person_for,
    review_flags_for,
    review_outcome_record,
)
from helhet.notifications.models import Notification
from helhet.tenancy.models import Role
from tests.audit.review_support import more_flags, web_client


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


def test_queue_and_flag_pages_for_the_privacy_officer(off_hours_flag, officer):
    c = web_client(officer)
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
    c = web_client(officer)
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
    c = web_client(officer)
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
    c = web_client(make_actor(org_key, role))
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
    c = web_client(other_municipality["officer"])
    assert "kveldsleser" not in c.get(reverse("web:review_queue")).content.decode()
    assert c.get(reverse("web:review_flag", args=[off_hours_flag.pk])).status_code == 404
    assert c.post(reverse("web:review_flag_person", args=[off_hours_flag.pk])).status_code == 404
    assert c.get(reverse("web:review_flag", args=[999999])).status_code == 404


def test_the_queue_pages_and_keeps_its_filter(off_hours_flag, officer):
    more_flags(60, off_hours_flag.access_event)
    c = web_client(officer)
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
    c = web_client(officer)
    c.get(reverse("web:review_queue"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert c.get(reverse("web:review_queue"), {"outcome": ""}).status_code == 200
    more_flags(40, off_hours_flag.access_event)
    with CaptureQueriesContext(connection) as many:
        assert c.get(reverse("web:review_queue"), {"outcome": ""}).status_code == 200
    assert len(many) == len(few)
