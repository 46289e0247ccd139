"""Min side: the family plan (goals, comments, measures) and the person's meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.consent.services import PERSON_ACTOR
from helhet.core.categories import InformationCategory as Cat
from helhet.meetings.services import meeting_book
from helhet.plans.models import Goal, Measure
from helhet.plans.services import goal_add, measure_add, plan_get_or_create
from helhet.portal import selectors
from helhet.portal.models import GoalAuthor, MeetingAnswer, MeetingTopic
from helhet.portal.policies import subject_for
from tests.portal.support import THROUGH, sign_in

pytestmark = pytest.mark.django_db


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
