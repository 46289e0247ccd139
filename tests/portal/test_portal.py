"""Min side's selectors, services and pages: whose data a person sees, and that what they do
is logged like staff actions. The person session is set as the callback sets it (the real
sign-in is in test_sign_in.py)."""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from helhet.audit.models import AccessEvent, ChangeEvent, Channel
from helhet.consent.models import Consent
from helhet.consent.services import PERSON_ACTOR
from helhet.meetings.services import meeting_book
from helhet.people.categories import InformationCategory as Cat
from helhet.people.models import Family, FamilyMember, HouseholdRole, InformationEntry
from helhet.people.selectors import person_get_for
from helhet.plans.models import Goal, Measure
from helhet.plans.services import goal_add, measure_add, plan_get_or_create
from helhet.portal import selectors, services
from helhet.portal.errors import RestrictionInvalid, SubjectNotFound
from helhet.portal.models import GoalAuthor, MeetingAnswer, MeetingTopic
from helhet.portal.policies import subject_for, subjects_for
from helhet.portal.session import SESSION_KEY
from helhet.tenancy.models import Role

pytestmark = pytest.mark.django_db
THROUGH = "GET portal:test"


def years_ago(years: int, days: int = 10) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


@pytest.fixture
def family(make_person, guardian_of, involve, make_actor, orgs, consent):  # type: ignore[no-untyped-def]
    """A parent with a child of 9 and a young person of 16; NAV and child welfare work with
    them; the parent consents to NAV seeing child-welfare information."""
    parent = make_person("Kari", "Nordmann", years_ago(40))
    child = make_person("Ola", "Nordmann", years_ago(9))
    youth = make_person("Siri", "Nordmann", years_ago(16))
    for kid in (child, youth):
        guardian_of(kid, parent)
    household = Family.objects.create(municipality=parent.municipality, name="Familien Nordmann")
    for person, role in (
        (parent, HouseholdRole.PARENT),
        (child, HouseholdRole.CHILD),
        (youth, HouseholdRole.CHILD),
    ):
        FamilyMember.objects.create(
            municipality=parent.municipality, family=household, person=person, role=role
        )
    nav = make_actor("nav", Role.CASEWORKER, username="nav.worker")
    cws = make_actor("cws", Role.CASEWORKER, username="cws.worker")
    health = make_actor("health", Role.CASEWORKER, username="health.worker")
    for org, person in (
        ("nav", parent),
        ("cws", parent),
        ("cws", child),
        ("cws", youth),
        ("health", youth),
    ):
        involve(org, person)
    InformationEntry.objects.create(
        municipality=parent.municipality,
        person=parent,
        organisation=orgs["cws"],
        category=Cat.CHILD_WELFARE,
        title="Undersøkelse",
        text="Barnevernet følger opp.",
    )
    InformationEntry.objects.create(
        municipality=parent.municipality,
        person=youth,
        organisation=orgs["health"],
        category=Cat.HEALTH,
        title="Helsesykepleier",
        text="Samtaler hver uke.",
    )
    consent(parent, ["nav"], [Cat.CHILD_WELFARE], recorded_by="cws")
    return {
        "parent": parent,
        "child": child,
        "youth": youth,
        "family": household,
        "nav": nav,
        "cws": cws,
        "health": health,
    }


def sign_in(client, person, acr: str = "idporten-loa-substantial"):  # type: ignore[no-untyped-def]
    session = client.session
    now = time.time()
    session[SESSION_KEY] = {
        "person_id": person.pk,
        "acr": acr,
        "signed_in_at": now,
        "last_seen": now,
        "id_token": "",
    }
    session.save()
    return client


def test_a_guardian_sees_the_child(family, today):
    subjects = subjects_for(family["parent"], today)
    assert [s.person for s in subjects] == [family["parent"], family["youth"], family["child"]]
    child = subject_for(family["parent"], family["child"], today)
    assert child is not None and Cat.CHILD_WELFARE in child.categories


def test_a_restricted_guardian_does_not_see_the_child(family, today, client):
    services.guardian_restriction_set(
        actor=family["cws"],
        child_id=family["child"].pk,
        guardian_id=family["parent"].pk,
        reason="Samværet er begrenset etter vedtak.",
    )
    assert subject_for(family["parent"], family["child"], today) is None
    assert family["child"] not in [s.person for s in subjects_for(family["parent"], today)]
    sign_in(client, family["parent"])
    page = client.get(f"/min-side/{family['child'].pk}/plan/")
    assert page.status_code == 404
    assert "Ola" not in page.content.decode()
    assert "Ola" not in client.get("/min-side/").content.decode()
    refused = AccessEvent.objects.filter(role="person", outcome="denied").get()
    assert refused.person_id is None and refused.target_ref == f"person:{family['child'].pk}"


def test_only_child_welfare_restricts_a_guardian(family):
    with pytest.raises(RestrictionInvalid):
        services.guardian_restriction_set(
            actor=family["nav"],
            child_id=family["child"].pk,
            guardian_id=family["parent"].pk,
            reason="Nei.",
        )


def test_a_lifted_restriction_gives_the_child_back(family, today):
    r = services.guardian_restriction_set(
        actor=family["cws"],
        child_id=family["child"].pk,
        guardian_id=family["parent"].pk,
        reason="Midlertidig.",
    )
    services.guardian_restriction_lift(actor=family["cws"], restriction_id=r.pk)
    assert subject_for(family["parent"], family["child"], today) is not None
    assert ChangeEvent.objects.filter(action="guardian_restriction.lift").count() == 1


def test_a_sixteen_year_old_sees_own_health_and_the_guardian_does_not(family, today, client):
    youth = subject_for(family["youth"], family["youth"], today)
    assert youth is not None and Cat.HEALTH in youth.categories
    copy = selectors.data_copy_for(subject=youth, through=THROUGH)
    assert [e["title"] for e in copy["information"]] == ["Helsesykepleier"]
    as_guardian = subject_for(family["parent"], family["youth"], today)
    assert as_guardian is not None and Cat.HEALTH not in as_guardian.categories
    copy = selectors.data_copy_for(subject=as_guardian, through=THROUGH)
    assert copy["information"] == []
    assert all("health" not in o["category"] for o in copy["organisations_working_with_you"])
    # The young person's own page, in the browser's words.
    sign_in(client, family["youth"])
    page = client.get(f"/min-side/{family['youth'].pk}/my-data.json")
    assert "Samtaler hver uke." in page.content.decode()


def test_the_guardian_does_not_see_reads_of_the_youths_health(family, today):
    person_get_for(
        actor=family["health"],
        person_id=family["youth"].pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    as_guardian = subject_for(family["parent"], family["youth"], today)
    assert as_guardian is not None
    log = selectors.access_log_for(subject=as_guardian, through=THROUGH)
    assert all(line.organisation != "Helse og velferd Testvik" for line in log.lines)
    youth = subject_for(family["youth"], family["youth"], today)
    assert youth is not None
    log = selectors.access_log_for(subject=youth, through=THROUGH)
    assert any(line.organisation == "Helse og velferd Testvik" for line in log.lines)


def test_every_read_on_min_side_is_logged_with_role_person(family, client):
    sign_in(client, family["parent"])
    pid = family["parent"].pk
    before = AccessEvent.objects.filter(role="person").count()
    for url in ("consents/", "plan/", "meetings/", "access-log/", "my-data.json"):
        assert client.get(f"/min-side/{pid}/{url}").status_code == 200, url
    events = list(AccessEvent.objects.filter(role="person").order_by("id")[before:])
    assert len(events) >= 5
    assert {e.username for e in events} == {PERSON_ACTOR}
    assert {e.reason for e in events} == {"self"}
    assert all(e.person_id == pid and e.user_id is None for e in events)
    assert family["parent"].national_id not in json.dumps([e.username for e in events])


def test_withdraw_is_effective_immediately(family, today, client):
    nav, parent = family["nav"], family["parent"]
    seen = person_get_for(actor=nav, person_id=parent.pk, channel=Channel.WEB, through="t")
    assert [e.title for e in seen.entries] == ["Undersøkelse"]
    consent = Consent.objects.get(person=parent, withdrawn_at__isnull=True)
    sign_in(client, parent)
    response = client.post(f"/min-side/{parent.pk}/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    seen = person_get_for(actor=nav, person_id=parent.pk, channel=Channel.WEB, through="t")
    assert seen.entries == []
    change = ChangeEvent.objects.get(action="consent.withdraw")
    assert change.username == PERSON_ACTOR and change.person_id == parent.pk


def test_giving_a_consent_digitally_uses_the_sessions_acr(family, client, orgs):
    parent = family["parent"]
    sign_in(client, parent, acr="idporten-loa-high")
    response = client.post(
        f"/min-side/{parent.pk}/consents/",
        {
            "organisations": [str(orgs["nav"].pk)],
            "categories": [Cat.HEALTH],
            "purpose": "Samordnet oppfølging",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    consent = Consent.objects.filter(person=parent).latest("id")
    assert consent.method == "digital" and consent.signed_acr == "idporten-loa-high"
    assert consent.given_by == parent
    page = client.get(f"/min-side/{parent.pk}/consents/").content.decode()
    assert "Signed digitally through ID-porten (assurance level high)" in page


def test_a_guardian_cannot_consent_to_the_youths_health(family, client, orgs):
    sign_in(client, family["parent"])
    response = client.post(
        f"/min-side/{family['youth'].pk}/consents/",
        {"organisations": [str(orgs["nav"].pk)], "categories": [Cat.HEALTH], "purpose": "x"},
    )
    assert response.status_code == 200  # the form again: health is not a choice
    assert not Consent.objects.filter(
        person=family["youth"], categories__category="health", given_by=family["parent"]
    ).exists()


def test_the_access_log_shows_reads_by_nav_and_child_welfare(family, today, client):
    parent = family["parent"]
    person_get_for(
        actor=family["nav"],
        person_id=parent.pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    person_get_for(
        actor=family["cws"],
        person_id=parent.pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    subject = subject_for(parent, parent, today)
    assert subject is not None
    with translation.override("en"):
        log = selectors.access_log_for(subject=subject, through=THROUGH)
        sentences = [line.sentence() for line in log.lines]
    assert any(
        "NAV Testvik (stat)" in s and "child welfare" in s and "your page in Helhet" in s
        for s in sentences
    )
    assert any("Barnevernet Testvik" in s for s in sentences)
    # Filtered by organisation, then as CSV.
    sign_in(client, parent)
    nav_id = family["nav"].organisation_id
    page = client.get(f"/min-side/{parent.pk}/access-log/?organisation={nav_id}").content.decode()
    assert "NAV Testvik (stat)" in page and "Barnevernet Testvik saw" not in page
    csv = client.get(f"/min-side/{parent.pk}/access-log.csv").content.decode()
    assert "NAV Testvik (stat)" in csv and "Barnevernet Testvik" in csv


def test_the_access_log_is_paginated(family, client):
    parent = family["parent"]
    for _ in range(30):
        person_get_for(actor=family["nav"], person_id=parent.pk, channel=Channel.WEB, through="t")
    sign_in(client, parent)
    page = client.get(
        f"/min-side/{parent.pk}/access-log/?organisation={family['nav'].organisation_id}"
    )
    assert page.context["page"].paginator.num_pages == 2
    assert page.context["total"] == 30


@pytest.fixture
def plan(family, orgs):  # type: ignore[no-untyped-def]
    cws = family["cws"]
    plan = plan_get_or_create(actor=cws, family_id=family["family"].pk)
    goal_add(actor=cws, plan_id=plan.pk, text="Vi vil ha gode morgener.")
    measure_add(
        actor=cws,
        plan_id=plan.pk,
        person_id=family["parent"].pk,
        title="Foreldreveiledning",
        category=Cat.CHILD_WELFARE,
    )
    measure_add(
        actor=family["cws"],
        plan_id=plan.pk,
        person_id=family["youth"].pk,
        title="Samtaler med barnevernet",
        category=Cat.CHILD_WELFARE,
    )
    return plan


def test_my_plan_shows_goals_measures_and_lets_me_write(family, plan, client):
    parent = family["parent"]
    sign_in(client, parent)
    page = client.get(f"/min-side/{parent.pk}/plan/").content.decode()
    assert "Vi vil ha gode morgener." in page and "Foreldreveiledning" in page
    assert "Samtaler med barnevernet" not in page  # the youth's, not the parent's own
    client.post(f"/min-side/{parent.pk}/plan/{plan.pk}/goals/", {"text": "Mer tid ute."})
    goal = Goal.objects.get(text="Mer tid ute.")
    assert GoalAuthor.objects.get(goal=goal).person == parent
    client.post(f"/min-side/{parent.pk}/goals/{goal.pk}/", {"text": "Mer tid ute sammen."})
    goal.refresh_from_db()
    assert goal.text == "Mer tid ute sammen."
    other = Goal.objects.get(text="Vi vil ha gode morgener.")
    client.post(f"/min-side/{parent.pk}/goals/{other.pk}/", {"text": "Endret"})
    other.refresh_from_db()
    assert other.text == "Vi vil ha gode morgener."  # staff's goal: comment, not edit
    client.post(f"/min-side/{parent.pk}/goals/{other.pk}/comments/", {"text": "Enig!"})
    assert "Enig!" in client.get(f"/min-side/{parent.pk}/plan/").content.decode()
    actions = set(
        ChangeEvent.objects.filter(username=PERSON_ACTOR).values_list("action", flat=True)
    )
    assert {"goal.add", "goal.update", "goal.comment"} <= actions
    plan.refresh_from_db()
    assert plan.version >= 5
    pdf = client.get(f"/min-side/{parent.pk}/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_guardian_of_a_sixteen_year_old_sees_no_child_welfare_measure(family, plan, today):
    as_guardian = subject_for(family["parent"], family["youth"], today)
    assert as_guardian is not None
    plans = selectors.plans_for(subject=as_guardian, through=THROUGH)
    assert plans[0].measures == []
    youth = subject_for(family["youth"], family["youth"], today)
    assert youth is not None
    plans = selectors.plans_for(subject=youth, through=THROUGH)
    assert [m.title for m in plans[0].measures] == ["Samtaler med barnevernet"]
    assert Measure.objects.count() == 2


def test_my_meetings_answer_topics_and_ics(family, client, orgs):
    parent = family["parent"]
    start = timezone.now() + timedelta(days=3)
    meeting = meeting_book(
        actor=family["nav"],
        kind="family_meeting",
        title="Familiemøte",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="NAV-kontoret",
        family_id=family["family"].pk,
    )
    sign_in(client, parent)
    page = client.get(f"/min-side/{parent.pk}/meetings/").content.decode()
    assert "Familiemøte" in page and "NAV-kontoret" in page and "NAV Testvik (stat)" in page
    client.post(f"/min-side/{parent.pk}/meetings/{meeting.pk}/answer/", {"answer": "accepted"})
    assert MeetingAnswer.objects.get(meeting=meeting, person=parent).answer == "accepted"
    client.post(f"/min-side/{parent.pk}/meetings/{meeting.pk}/answer/", {"answer": "declined"})
    assert MeetingAnswer.objects.get(meeting=meeting, person=parent).answer == "declined"
    client.post(f"/min-side/{parent.pk}/meetings/{meeting.pk}/topics/", {"text": "Bolig"})
    assert MeetingTopic.objects.get(meeting=meeting).text == "Bolig"
    ics = client.get(f"/min-side/{parent.pk}/meetings/{meeting.pk}.ics")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Familiemøte" in body
    assert f"/min-side/{parent.pk}/meetings/" in body.replace("\r\n ", "")


def test_a_copy_of_my_data_as_json_and_pdf(family, client):
    parent = family["parent"]
    sign_in(client, parent)
    copy = json.loads(client.get(f"/min-side/{parent.pk}/my-data.json").content)
    assert copy["person"]["national_id"] == parent.national_id
    assert [e["title"] for e in copy["information"]] == ["Undersøkelse"]
    assert copy["consents"][0]["shared_with"] == ["NAV Testvik (stat)"]
    pdf = client.get(f"/min-side/{parent.pk}/my-data.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_someone_elses_pages_are_a_neutral_404(family, client, make_person):
    stranger = make_person("Per", "Fremmed", years_ago(50))
    sign_in(client, stranger)
    for person in (family["parent"], family["child"]):
        page = client.get(f"/min-side/{person.pk}/consents/")
        assert page.status_code == 404
        assert person.given_name not in page.content.decode()

    def body(url: str) -> str:
        page = client.get(url).content.decode().replace(url, "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

    child_url = f"/min-side/{family['child'].pk}/consents/"
    assert body("/min-side/999999/consents/") == body(child_url)


def test_withdrawing_someone_elses_consent_is_refused(family, make_person, today):
    stranger = make_person("Per", "Fremmed", years_ago(50))
    subject = subject_for(stranger, stranger, today)
    assert subject is not None
    consent = Consent.objects.get(person=family["parent"])
    with pytest.raises(SubjectNotFound):
        services.consent_withdraw(subject=subject, consent_id=consent.pk)
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_pages_are_not_cached_and_allow_the_sign_out_form(family, client, settings):
    sign_in(client, family["parent"])
    response = client.get("/min-side/")
    assert "no-store" in response["Cache-Control"]
    assert (
        "form-action 'self' " + settings.OIDC_ISSUER.rstrip("/")
        in response["Content-Security-Policy"]
    )
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_copy_of_my_data_is_one_read_in_the_log(family, today):
    subject = subject_for(family["parent"], family["parent"], today)
    assert subject is not None
    before = AccessEvent.objects.filter(role="person").count()
    selectors.data_copy_for(subject=subject, through="GET portal:data_json")
    events = list(AccessEvent.objects.filter(role="person").order_by("id")[before:])
    assert len(events) == 1
    assert {"data_copy", "child_welfare", "consent"} <= set(events[0].categories)


def test_the_access_log_page_runs_a_bounded_number_of_queries(
    family, client, django_assert_max_num_queries
):
    parent = family["parent"]
    sign_in(client, parent)
    url = f"/min-side/{parent.pk}/access-log/"

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        person_get_for(actor=family["nav"], person_id=parent.pk, channel=Channel.WEB, through="t")
    few = count()
    for _ in range(20):
        person_get_for(actor=family["cws"], person_id=parent.pk, channel=Channel.WEB, through="t")
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(url)


def test_child_welfare_restricts_a_guardian_on_its_staff_page(family, client, today):
    child, parent = family["child"], family["parent"]
    client.force_login(family["cws"].user)
    url = f"/people/{child.pk}/guardian-restrictions/"
    page = client.get(url)
    assert page.status_code == 200 and "Kari Nordmann" in page.content.decode()
    response = client.post(url, {"guardian": str(parent.pk), "reason": "Vedtak om samvær."})
    assert response.status_code == 302
    assert subject_for(parent, child, today) is None
    restriction = selectors.GuardianRestriction.objects.get(child=child)
    client.post(url, {"lift": str(restriction.pk)})
    assert subject_for(parent, child, today) is not None
    # NAV works with the parent, not the child: the page does not exist for it.
    client.force_login(family["nav"].user)
    assert client.get(url).status_code == 404


def test_a_young_person_is_told_what_their_guardian_sees(family, client):
    sign_in(client, family["youth"])
    page = client.get("/min-side/").content.decode()
    assert "Your guardian sees the rest until you turn 18." in page
    sign_in(client, family["parent"])
    page = client.get("/min-side/").content.decode()
    assert "Your guardian sees the rest" not in page
    assert "Siri Nordmann" in page and "Ola Nordmann" in page
