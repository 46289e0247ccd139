"""The relations API: rounds, ratings, metrics and the comparison as JSON, with the same rules
as the pages."""

from __future__ import annotations

import json

import pytest

from helhet.relations.models import Rating
from tests.plans.conftest import api_client


def _put(client, url, body):
    return client.put(url, data=json.dumps(body), content_type="application/json")


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_round_lifecycle_over_the_api(team, orgs):
    researcher = api_client(team.researcher)
    created = _post(
        researcher,
        "/api/relations/rounds",
        {
            "network_id": team.network.pk,
            "title": "Runde 1",
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
        },
    )
    assert created.status_code == 201, created.content
    round_id = created.json()["id"]
    detail = researcher.get(f"/api/relations/rounds/{round_id}").json()
    assert {o["id"] for o in detail["organisations"]} == {
        orgs[k].pk for k in ("navk", "nav", "cws", "health")
    }
    assert detail["can_run"] and not detail["can_rate"]

    cws = api_client(team.cws)
    assert [r["id"] for r in cws.get("/api/relations/rounds").json()] == [round_id]
    missing = _put(
        cws,
        f"/api/relations/rounds/{round_id}/ratings",
        {"ratings": [{"organisation_id": orgs["navk"].pk, "frequency": 4}]},
    )
    assert missing.status_code == 400
    assert missing.json()["code"] == "ratings_invalid"
    assert set(missing.json()["details"]["missing"]) == {orgs["nav"].pk, orgs["health"].pk}
    out_of_range = _put(
        cws,
        f"/api/relations/rounds/{round_id}/ratings",
        {"ratings": [{"organisation_id": orgs["navk"].pk, "frequency": 4, "reliable": 7}]},
    )
    assert out_of_range.status_code == 422
    ok = _put(
        cws,
        f"/api/relations/rounds/{round_id}/ratings",
        {
            "ratings": [
                {"organisation_id": orgs["navk"].pk, "frequency": 4, "reliable": 3},
                {"organisation_id": orgs["nav"].pk, "frequency": 1, "open_to_discussion": 2},
                {"organisation_id": orgs["health"].pk, "frequency": 3},
            ]
        },
    )
    assert ok.status_code == 200, ok.content
    mine = cws.get(f"/api/relations/rounds/{round_id}/ratings/mine").json()
    assert [r["organisation_id"] for r in mine["ratings"]] == sorted(
        orgs[k].pk for k in ("navk", "nav", "health")
    )
    assert Rating.objects.count() == 3

    metrics = researcher.get(f"/api/relations/rounds/{round_id}/metrics").json()
    assert metrics["responses_count"] == 1 and metrics["organisations_count"] == 4
    assert metrics["works_together"]["arcs"] == 2
    assert metrics["works_together"]["density"] == pytest.approx(2 / 12)
    assert metrics["any_contact"]["arcs"] == 3
    assert metrics["network_scores"]["trust"] == pytest.approx(2.5)
    weekly = researcher.get(f"/api/relations/rounds/{round_id}/metrics?threshold=4").json()
    assert weekly["works_together"]["arcs"] == 1
    assert (
        researcher.get(f"/api/relations/rounds/{round_id}/metrics?threshold=0").status_code == 422
    )

    compare = researcher.get(f"/api/relations/rounds/{round_id}/stated-vs-operational")
    assert compare.status_code == 200
    body = compare.json()
    assert (body["start"], body["end"]) == ("2026-01-01", "2026-12-31")
    assert body["stated_only"] == 2 and body["operational_only"] == 0 and body["jaccard"] == 0.0
    backwards = researcher.get(
        f"/api/relations/rounds/{round_id}/stated-vs-operational?start=2026-05-01&end=2026-01-01"
    )
    assert backwards.status_code == 400 and backwards.json()["code"] == "relations_period_invalid"

    closed = researcher.post(f"/api/relations/rounds/{round_id}/close")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    late = _put(cws, f"/api/relations/rounds/{round_id}/ratings", {"ratings": []})
    assert late.status_code == 400 and late.json()["code"] == "rating_round_closed"


def test_permissions_over_the_api(team, rating_round):
    caseworker = api_client(team.caseworker)
    assert caseworker.get("/api/relations/rounds").json() == []
    assert caseworker.get(f"/api/relations/rounds/{rating_round.pk}/metrics").status_code == 403
    assert (
        caseworker.get(f"/api/relations/rounds/{rating_round.pk}/stated-vs-operational").status_code
        == 403
    )
    assert (
        caseworker.get(f"/api/relations/rounds/{rating_round.pk}/ratings/mine").status_code == 403
    )
    denied = _post(
        api_client(team.cws),
        "/api/relations/rounds",
        {
            "network_id": team.network.pk,
            "title": "X",
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
        },
    )
    assert denied.status_code == 403 and denied.json()["code"] == "not_round_runner"
    assert api_client(team.researcher).get("/api/relations/rounds/999999").status_code == 404
