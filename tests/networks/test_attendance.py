"""Network meetings reuse the meetings app; attendance per organisation over time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helhet.meetings.models import Participant
from helhet.meetings.services import attendance_record
from helhet.networks import selectors, services
from helhet.networks.errors import NetworkInvalid
from helhet.networks.models import NetworkMeeting


def _book(net, n):
    start = timezone.now() - timedelta(days=30 - n)
    return services.network_meeting_book(
        actor=net.lead,
        network_id=net.network.pk,
        title=f"Teammøte {n}",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )


def _record(net, meeting, orgs, came):
    rows = Participant.objects.filter(meeting=meeting)
    attendance_record(
        actor=net.lead,
        meeting_id=meeting.pk,
        attendance={p.pk: came[p.organisation_id] for p in rows},
    )


def test_booking_invites_members_and_links(net, orgs):
    meeting = _book(net, 1)
    assert meeting.kind == "network_meeting" and meeting.person_id is None
    invited = set(
        Participant.objects.filter(meeting=meeting).values_list("organisation_id", flat=True)
    )
    assert invited == {orgs["navk"].pk, orgs["cws"].pk, orgs["health"].pk}
    assert NetworkMeeting.objects.get().network_id == net.network.pk


def test_attendance_summary(net, orgs):
    plan = {  # organisation → attended the meetings 1..4
        "navk": [True, True, True, True],
        "cws": [True, False, False, False],
        "health": [True, False, True, True],
    }
    meetings = [_book(net, n) for n in range(4)]
    for i, meeting in enumerate(meetings):
        _record(net, meeting, orgs, {orgs[k].pk: v[i] for k, v in plan.items()})
    services.member_add(actor=net.lead, network_id=net.network.pk, organisation_id=orgs["vol"].pk)
    with CaptureQueriesContext(connection) as few:
        attendance = selectors.network_attendance(net.network.pk)
    summary = {r.organisation.pk: r.summary for r in attendance.rows}
    assert summary == {
        orgs["navk"].pk: "keeps_coming",
        orgs["cws"].pk: "stopped",
        orgs["health"].pk: "irregular",
        orgs["vol"].pk: "no_record",
    }
    cws = next(r for r in attendance.rows if r.organisation.pk == orgs["cws"].pk)
    assert cws.cells == plan["cws"]
    assert [o.pk for o in attendance.stopped] == [orgs["cws"].pk]
    assert [o.pk for o in attendance.keeps_coming] == [orgs["navk"].pk]
    for n in range(4, 8):
        _book(net, n)
    with CaptureQueriesContext(connection) as many:
        selectors.network_attendance(net.network.pk)
    assert len(many.captured_queries) == len(few.captured_queries) <= 4


def test_summary_rules():
    s = selectors._summary
    assert s([None, None], 3) == "no_record"
    assert s([False, None, False], 3) == "never"
    assert s([True, True], 3) == "keeps_coming"
    assert s([True, True, False, False, False], 3) == "stopped"
    assert s([True, False, False], 3) == "irregular"


def test_ended_network_holds_no_meetings(net):
    for status in ("operating", "ended"):
        services.network_status_change(actor=net.lead, network_id=net.network.pk, status=status)
    with pytest.raises(NetworkInvalid):
        _book(net, 1)
