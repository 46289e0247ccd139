"""Networks over HTTP: create, read, members, lifecycle, attendance; error bodies."""

from __future__ import annotations

from helhet.networks.models import Network
from tests.plans.conftest import api_client


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def test_create_read_and_edit(net, orgs):
    c = api_client(net.lead)
    created = _json(
        c,
        "post",
        "/api/networks",
        {
            "name": "Styringsgruppe",
            "kind": "mandated",
            "type": "steering_committee",
            "parent_id": net.network.pk,
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["parent_id"] == net.network.pk
    assert {n["name"] for n in c.get("/api/networks").json()} == {"OSK-teamet", "Styringsgruppe"}
    nid = net.network.pk
    assert (
        _json(c, "put", f"/api/networks/{nid}/mandate", {"issued_by": "Bystyret"}).status_code
        == 200
    )
    assert _json(c, "post", f"/api/networks/{nid}/objectives", {"text": "Plan"}).status_code == 201
    added = _json(
        c,
        "post",
        f"/api/networks/{nid}/members",
        {"organisation_id": orgs["vol"].pk, "role": "advisory"},
    )
    assert added.status_code == 201
    rep = _json(
        c,
        "post",
        f"/api/networks/{nid}/members/{added.json()['id']}/representatives",
        {"name": "Ola"},
    )
    assert rep.status_code == 201
    assert (
        _json(c, "post", f"/api/networks/{nid}/status", {"status": "operating"}).json()["status"]
        == "operating"
    )
    booked = _json(
        c,
        "post",
        f"/api/networks/{nid}/meetings",
        {
            "title": "Møte",
            "starts_at": "2030-03-04T09:00:00+01:00",
            "ends_at": "2030-03-04T10:00:00+01:00",
        },
    )
    assert booked.status_code == 201, booked.content
    body = api_client(net.cws).get(f"/api/networks/{nid}").json()
    assert body["can_edit"] is False and body["mandate"]["issued_by"] == "Bystyret"
    assert [b["name"] for b in body["bodies"]] == ["Styringsgruppe"]
    assert len(body["members"]) == 4 and body["objectives"][0]["text"] == "Plan"
    assert len(body["attendance"]["meetings"]) == 1
    attendance = c.get(f"/api/networks/{nid}/attendance").json()
    assert len(attendance["rows"]) == 4
    updated = _json(
        c,
        "put",
        f"/api/networks/{nid}",
        {
            "name": "OSK",
            "kind": "hybrid",
            "type": "team",
            "leadership_model": "informal",
            "informal_leaders": "Kari",
        },
    )
    assert updated.status_code == 200 and updated.json()["kind"] == "hybrid"


def test_error_bodies(net, orgs):
    c = api_client(net.lead)
    nid = net.network.pk
    dup = _json(c, "post", f"/api/networks/{nid}/members", {"organisation_id": orgs["cws"].pk})
    assert dup.status_code == 400
    assert dup.json()["code"] == "network_member_duplicate"
    assert "already a member" in dup.json()["message"]
    bad = _json(c, "post", "/api/networks", {"name": "X", "kind": "odd", "type": "team"})
    assert bad.status_code == 400 and bad.json()["code"] == "network_invalid"
    step = _json(c, "post", f"/api/networks/{nid}/status", {"status": "paused"})
    assert step.status_code == 400 and step.json()["code"] == "network_lifecycle_invalid"
    denied = _json(api_client(net.cws), "post", f"/api/networks/{nid}/objectives", {"text": "X"})
    assert denied.status_code == 403 and denied.json()["code"] == "not_network_editor"
    missing = c.get("/api/networks/999999")
    assert missing.status_code == 404 and missing.json()["code"] == "network_not_found"
    assert Network.objects.count() == 1
