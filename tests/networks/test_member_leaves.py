"""Members change role and leave: over the API and the page, never the formal lead, and the
attendance of past meetings stays on record."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.meetings.services import attendance_record
from helhet.networks import services
from helhet.networks.models import NetworkMember, Representative
from helhet.networks.selectors import network_attendance
from tests.plans.conftest import api_client, web_client


def test_role_change_and_leaving_over_the_api(net, orgs):
    c = api_client(net.lead)
    url = f"/api/networks/{net.network.pk}/members/{net.cws_member.pk}"
    changed = c.patch(url, {"role": "advisory"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["role"] == "advisory"
    bad = c.patch(url, {"role": "boss"}, content_type="application/json")
    assert bad.status_code == 400
    assert NetworkMember.objects.get(pk=net.cws_member.pk).role == "advisory"
    # A member organisation without an editing role cannot remove anyone.
    assert api_client(net.cws).delete(url).status_code == 403
    services.representative_add(
        actor=net.lead, network_id=net.network.pk, member_id=net.cws_member.pk, name="Berit"
    )
    assert c.delete(url).status_code == 204
    assert not NetworkMember.objects.filter(pk=net.cws_member.pk).exists()
    assert not Representative.objects.filter(name="Berit").exists()
    assert ChangeEvent.objects.filter(action="network.member_remove").count() == 1
    assert c.delete(url).status_code == 404


def test_the_formal_lead_cannot_leave(net, orgs):
    services.network_update(
        actor=net.lead,
        network_id=net.network.pk,
        name=net.network.name,
        kind="mandated",
        type="team",
        leadership_model="formal_lead",
        lead_organisation_id=orgs["navk"].pk,
    )
    lead_member = NetworkMember.objects.get(network=net.network, organisation=orgs["navk"])
    refused = api_client(net.lead).delete(
        f"/api/networks/{net.network.pk}/members/{lead_member.pk}"
    )
    assert refused.status_code == 400 and "lead" in refused.json()["message"]
    assert NetworkMember.objects.filter(pk=lead_member.pk).exists()


def test_past_attendance_stays_after_leaving(net, orgs):
    start = timezone.now() - timedelta(days=7)
    meeting = services.network_meeting_book(
        actor=net.lead,
        network_id=net.network.pk,
        title="Møte",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    attendance_record(
        actor=net.lead,
        meeting_id=meeting.pk,
        attendance={p: True for p in meeting.participants.values_list("pk", flat=True)},
    )
    services.member_remove(actor=net.lead, network_id=net.network.pk, member_id=net.cws_member.pk)
    rows = {r.organisation.pk: r.cells for r in network_attendance(net.network.pk).rows}
    assert rows[orgs["cws"].pk] == [True]


def test_leaving_on_the_page_needs_confirmation(net, orgs):
    c = web_client(net.lead)
    url = f"/networks/{net.network.pk}/members/remove/"
    unconfirmed = c.post(url, {"member": net.cws_member.pk})
    assert unconfirmed.status_code == 400
    assert NetworkMember.objects.filter(pk=net.cws_member.pk).exists()
    done = c.post(url, {"member": net.cws_member.pk, "confirm": "on"})
    assert done.status_code == 302
    assert not NetworkMember.objects.filter(pk=net.cws_member.pk).exists()
