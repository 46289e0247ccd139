"""The registry API."""

from __future__ import annotations

import json

from tests.plans.conftest import api_client


def _send(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_registry_over_the_api(quebec, orgs):
    c = api_client(quebec.researcher)
    made = _send(c, "post", "/api/registry/entries", {"network_id": quebec.network.pk})
    assert made.status_code == 201, made.content
    entry = made.json()
    assert entry["sponsor"]["id"] == orgs["health"].pk and entry["year_created"] == 2019
    assert entry["partners_by_sector"] == {"public": 2, "private": 0, "non_profit": 1}
    assert float(entry["funding_total"]) == 1_750_000
    dup = _send(c, "post", "/api/registry/entries", {"network_id": quebec.network.pk})
    assert dup.status_code == 400 and dup.json()["code"] == "registry_entry_exists"
    url = f"/api/registry/entries/{entry['id']}"
    updated = _send(
        c, "put", url, {"setting": "urban", "year_created": 2008, "sponsor_id": orgs["navk"].pk}
    )
    assert updated.status_code == 200 and updated.json()["setting"] == "urban"
    wrong = _send(c, "put", url, {"setting": "moon"})
    assert wrong.status_code == 400 and wrong.json()["details"] == {"field": "setting"}
    partner = _send(
        c, "post", f"{url}/partners", {"name": "Kirkens Bymisjon", "sector": "non_profit"}
    )
    assert partner.status_code == 201 and not partner.json()["prefilled"]
    assert c.delete(f"{url}/partners/{partner.json()['id']}").status_code == 204
    assert c.delete(f"{url}/partners/{partner.json()['id']}").status_code == 404
    line = _send(c, "post", f"{url}/funding", {"source": "Gave", "amount": "500.00"})
    assert line.status_code == 201
    assert _send(c, "post", f"{url}/funding", {"source": "Gave", "amount": "-1"}).status_code == 422
    assert c.delete(f"{url}/funding/{line.json()['id']}").status_code == 204
    assert c.post(f"{url}/refresh").status_code == 200

    team = _send(c, "post", "/api/registry/entries", {"network_id": quebec.team.pk}).json()
    found = c.get("/api/registry/entries?setting=urban&has_funding=true").json()
    assert [e["network_name"] for e in found] == ["Nettverk for unge familier"]
    compared = c.get(f"/api/registry/compare?ids={team['id']}&ids={entry['id']}")
    assert [e["id"] for e in compared.json()] == [team["id"], entry["id"]]
    assert c.get(f"/api/registry/compare?ids={team['id']}").status_code == 422
    assert c.get(f"/api/registry/compare?ids={team['id']}&ids={team['id']}").status_code == 400
    csv = c.get("/api/registry/export.csv?q=osk")
    assert csv.status_code == 200 and "OSK-teamet" in csv.content.decode("utf-8-sig")
    assert c.get("/api/registry/export.xlsx").content[:2] == b"PK"


def test_registry_api_permissions(quebec):
    caseworker = api_client(quebec.caseworker)
    assert caseworker.get("/api/registry/entries").status_code == 403
    denied = _send(
        api_client(quebec.cws), "post", "/api/registry/entries", {"network_id": quebec.network.pk}
    )
    assert denied.status_code == 403 and denied.json()["code"] == "not_registry_editor"
    assert api_client(quebec.researcher).get("/api/registry/entries/999999").status_code == 404
