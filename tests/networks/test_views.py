"""The network pages: list, create, detail, edit, members, lifecycle; CSP, no inline script."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.networks import services
from helhet.networks.models import Network, NetworkMember
from tests.plans.conftest import assert_safe_page, web_client


def test_list_create_and_detail(net, orgs):
    c = web_client(net.lead)
    html = assert_safe_page(c.get("/networks/"))
    assert "OSK-teamet" in html and "Create a network" in html
    assert_safe_page(c.get("/networks/new/"))
    bad = c.post(
        "/networks/new/",
        {"name": "X", "kind": "mandated", "type": "team", "leadership_model": "formal_lead"},
    )
    assert "needs a lead organisation" in assert_safe_page(bad, 400)
    ok = c.post(
        f"/networks/new/?parent={net.network.pk}",
        {
            "name": "Praksisteam",
            "kind": "voluntary",
            "type": "practitioner_team",
            "leadership_model": "shared",
        },
    )
    body = Network.objects.get(name="Praksisteam")
    assert ok.status_code == 302 and ok.url == f"/networks/{body.pk}/"
    assert body.parent_id == net.network.pk
    detail = assert_safe_page(c.get(f"/networks/{net.network.pk}/"))
    assert "Praksisteam" in detail and "Add a member" in detail and "Barnevernet Testvik" in detail
    reader = assert_safe_page(web_client(net.cws).get(f"/networks/{net.network.pk}/"))
    assert "Add a member" not in reader


def test_edit_members_status_and_attendance(net, orgs):
    c = web_client(net.lead)
    nid = net.network.pk
    assert_safe_page(c.get(f"/networks/{nid}/edit/"))
    saved = c.post(
        f"/networks/{nid}/edit/",
        {
            "name": "OSK",
            "kind": "hybrid",
            "type": "team",
            "leadership_model": "informal",
            "informal_leaders": "Kari",
        },
    )
    assert saved.status_code == 302 and Network.objects.get(pk=nid).informal_leaders == "Kari"
    dup = c.post(f"/networks/{nid}/members/", {"organisation": orgs["cws"].pk, "role": "member"})
    assert "already a member" in assert_safe_page(dup, 400)
    added = c.post(
        f"/networks/{nid}/members/", {"organisation": orgs["vol"].pk, "role": "advisory"}
    )
    assert added.status_code == 302
    assert NetworkMember.objects.filter(network_id=nid).count() == 4
    wrong = c.post(f"/networks/{nid}/status/", {"status": "paused"})
    assert_safe_page(wrong, 400)
    assert c.post(f"/networks/{nid}/status/", {"status": "operating"}).status_code == 302
    denied = web_client(net.cws).post(f"/networks/{nid}/status/", {"status": "paused"})
    assert_safe_page(denied, 403)
    start = timezone.now() - timedelta(days=3)
    services.network_meeting_book(
        actor=net.lead,
        network_id=nid,
        title="Møte",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert "Attendance per organisation" in html
    assert web_client(net.cws).get("/networks/999999/").status_code == 404
