"""The survey API end to end, and who may do what: caseworkers 403, another municipality
404, a round's owner alone runs it and sees who answered."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from helhet.surveys import rounds
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role
from helhet.tenancy.services import membership_create, municipality_create, organisation_create
from tests.plans.conftest import api_client


def foreign_researcher(make_actor) -> Actor:
    """A researcher of another municipality."""
    elsewhere = municipality_create(actor=None, number="9903", name="Annenvik")
    org = organisation_create(
        actor=None, municipality=elsewhere, name="FoU Annenvik", kind="other", sector="public"
    )
    user = make_actor("vol", Role.RESEARCHER).user
    Membership.objects.filter(user=user).delete()
    membership = membership_create(actor=None, user=user, organisation=org, role=Role.RESEARCHER)
    return Actor(
        user=user,
        membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
    )


def _post(client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_api_from_instrument_to_results_and_export(team, answered):
    api = api_client(team.researcher)
    made = _post(api, "/api/surveys/instruments/default")
    assert made.status_code == 201, made.content
    instrument = made.json()
    assert len(instrument["items"]) == 23 and instrument["can_edit"]
    assert {i["grid_construct"] for i in instrument["items"]} == {
        "governance",
        "trust",
        "resources",
        "culture",
        "leadership",
    }
    item = _post(
        api,
        f"/api/surveys/instruments/{instrument['id']}/items",
        {"grid_construct": "culture", "text_nb": "Vi lærer av hverandre.", "reverse": False},
    )
    assert item.status_code == 201 and item.json()["code"] == "CUL5"
    bad = _post(
        api,
        f"/api/surveys/instruments/{instrument['id']}/items",
        {"grid_construct": "mood", "text_nb": "X"},
    )
    assert bad.status_code == 400 and bad.json()["code"] == "survey_invalid"
    today = timezone.localdate()
    round = _post(
        api,
        "/api/surveys/rounds",
        {
            "instrument_id": instrument["id"],
            "network_id": team.network.pk,
            "title": "Vår",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
            "mode": "named",
        },
    )
    assert round.status_code == 201, round.content
    round_id = round.json()["id"]
    assert round.json()["state"] == "open" and round.json()["is_owner"]
    invited = _post(
        api,
        f"/api/surveys/rounds/{round_id}/invitations",
        {"representatives": True, "emails": ["x@example.org"]},
    )
    assert invited.status_code == 201
    created = invited.json()
    # Links come back only for invitees without an address (the representatives here).
    assert sorted(bool(i["link"]) for i in created) == [False, True, True]
    by_email = next(i for i in created if i["email"] == "x@example.org")
    assert by_email["emailed"] and by_email["link"] is None
    from helhet.surveys.models import Round

    answered(
        Round.objects.get(pk=round_id),
        [{"GOV1": 4, "TRU1": 3}, {"GOV1": 5, "TRU1": 4, "CUL5": 2}, {"GOV1": 2, "RES1": 1}],
    )
    found = api.get(f"/api/surveys/rounds/{round_id}/results")
    assert found.status_code == 200
    body = found.json()
    assert body["withheld"] is None and body["respondents"] == 3 and body["invited"] == 6
    governance = next(c for c in body["constructs"] if c["grid_construct"] == "governance")
    assert governance["n"] == 3 and governance["interval"]["low"] <= governance["mean"]
    exported = api.get(f"/api/surveys/rounds/{round_id}/export")
    assert exported.status_code == 200
    rows = exported.json()["answers"]
    assert len(rows) == 3 and all(r["respondent"] for r in rows)
    assert {"GOV1", "TRU1", "CUL5"} == set(rows[1]["answers"])
    # Another observatory user: results yes, the answers no.
    other = api_client(team.lead)
    assert other.get(f"/api/surveys/rounds/{round_id}/export").json()["answers"] is None
    detail = other.get(f"/api/surveys/rounds/{round_id}").json()
    assert detail["invitations"] == [] and detail["invited"] == 6
    assert _post(other, f"/api/surveys/rounds/{round_id}/close").status_code == 403
    # The instrument is frozen now.
    frozen = api.put(
        f"/api/surveys/instruments/{instrument['id']}",
        json.dumps({"name": "Nytt navn"}),
        content_type="application/json",
    )
    assert frozen.status_code == 400 and frozen.json()["code"] == "survey_instrument_frozen"
    copy = _post(api, f"/api/surveys/instruments/{instrument['id']}/copy", {"name": ""})
    assert copy.status_code == 201 and copy.json()["version"] == 2
    trend = api.get(f"/api/surveys/networks/{team.network.pk}/trend")
    assert trend.status_code == 200 and [r["round"]["id"] for r in trend.json()["rounds"]] == [
        round_id
    ]
    comparison = api.get(f"/api/surveys/comparison?round_ids={round_id}")
    assert comparison.status_code == 200 and comparison.json()["same_instrument"]
    assert _post(api, f"/api/surveys/rounds/{round_id}/close").json()["state"] == "closed"


def test_api_caseworker_403_and_other_municipality_404(
    team, small_instrument, make_round, answered, make_actor
):
    round = make_round(small_instrument, mode="named")
    answered(round, [{"GOV1": 4}, {"GOV1": 3}, {"GOV1": 5}])
    caseworker = api_client(team.caseworker)
    for url in (
        "/api/surveys/instruments",
        "/api/surveys/rounds",
        f"/api/surveys/rounds/{round.pk}/results",
        f"/api/surveys/rounds/{round.pk}/export",
        f"/api/surveys/networks/{team.network.pk}/trend",
        f"/api/surveys/comparison?round_ids={round.pk}",
    ):
        response = caseworker.get(url)
        assert response.status_code == 403, url
        assert response.json()["code"] == "not_observatory_user"
    outsider = api_client(foreign_researcher(make_actor))
    for url in (
        f"/api/surveys/rounds/{round.pk}",
        f"/api/surveys/rounds/{round.pk}/results",
        f"/api/surveys/rounds/{round.pk}/export",
        f"/api/surveys/instruments/{small_instrument.pk}",
        f"/api/surveys/networks/{team.network.pk}/trend",
        f"/api/surveys/comparison?round_ids={round.pk}",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.get("/api/surveys/rounds").json() == []
    invitation = round.invitations.first()
    renew = _post(outsider, f"/api/surveys/invitations/{invitation.pk}/renew")
    assert renew.status_code == 404


def test_export_of_withheld_results_is_409(team, small_instrument, make_round, answered):
    round = make_round(small_instrument, mode="anonymous")
    answered(round, [{"GOV1": 4}, {"GOV1": 3}, {"GOV1": 5}])
    response = api_client(team.researcher).get(f"/api/surveys/rounds/{round.pk}/export")
    assert response.status_code == 409
    assert response.json()["details"] == {"reason": "open", "respondents": 3}
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    exported = api_client(team.researcher).get(f"/api/surveys/rounds/{round.pk}/export")
    assert exported.status_code == 200
    assert all(
        r["respondent"] is None and r["submitted_at"] is None for r in exported.json()["answers"]
    )
