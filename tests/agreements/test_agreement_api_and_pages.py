from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from helhet.agreements.services import indicators, resources
from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create


@pytest.fixture
def api(managers):
    def client_for(actor):
        _t, token = api_token_create(actor=actor, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")

    return client_for


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_agreement_over_the_api(api, managers, orgs, today):
    nav, cws = api(managers["nav"]), api(managers["cws"])
    created = _post(
        nav,
        "/api/agreements",
        {
            "title": "Partnerskapsavtale NAV Testvik",
            "kind": "partnership_agreement",
            "party_ids": [orgs["nav"].pk, orgs["navk"].pk],
            "goals": "Færre på sosialhjelp",
            "responsibilities": [
                {
                    "text": "Arbeidsrettet oppfølging",
                    "cells": [{"organisation_id": orgs["nav"].pk, "level": "leads"}],
                }
            ],
            "steps": [
                {
                    "organisation_id": orgs["navk"].pk,
                    "what": "Overføring",
                    "to_organisation_id": orgs["nav"].pk,
                    "referral_deadline_working_days": 3,
                }
            ],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    aid = body["id"]
    assert body["in_force"] is False and body["version"] == 1
    assert body["responsibilities"][0]["cells"] == [
        {"organisation_id": orgs["nav"].pk, "level": "leads"}
    ]
    assert body["steps"][0]["referral_deadline_working_days"] == 3

    refused = _post(cws, f"/api/agreements/{aid}/sign", {"version": 1})
    assert refused.status_code == 403 and refused.json()["code"] == "agreement_not_yours"
    signed = _post(nav, f"/api/agreements/{aid}/sign", {"version": 1})
    assert signed.status_code == 200
    signed_at = {p["id"]: p["signed_at"] for p in signed.json()["parties"]}
    assert signed_at[orgs["nav"].pk] and signed_at[orgs["navk"].pk] is None
    twice = _post(nav, f"/api/agreements/{aid}/sign", {"version": 1})
    assert twice.status_code == 409 and twice.json()["code"] == "signoff_invalid"
    assert _post(api(managers["navk"]), f"/api/agreements/{aid}/sign", {"version": 1}).json()[
        "in_force"
    ]

    ind = _post(
        nav,
        f"/api/agreements/{aid}/indicators",
        {
            "name": "Sosialhjelpsutgifter",
            "unit": "MNOK",
            "baseline": "250",
            "target": "220",
            "target_date": "2027-12-31",
            "direction": "down",
        },
    )
    assert ind.status_code == 201, ind.content
    iid = ind.json()["id"]
    m = _post(
        nav,
        f"/api/agreement-indicators/{iid}/measurements",
        {"measured_on": "2025-12-31", "value": "241.5"},
    )
    assert m.status_code == 201
    again = _post(
        nav,
        f"/api/agreement-indicators/{iid}/measurements",
        {"measured_on": "2025-12-31", "value": "240"},
    )
    assert again.status_code == 409 and again.json()["code"] == "measurement_exists"
    detail = nav.get(f"/api/agreements/{aid}").json()
    assert detail["indicators"][0]["measurements"] == [
        {"measured_on": "2025-12-31", "value": "241.50"}
    ]
    assert nav.get("/api/agreements").json()[0]["id"] == aid


def test_resource_errors_over_the_api(api, agreement, managers, orgs):
    nav = api(managers["nav"])
    aid = agreement.pk
    neg = _post(
        nav,
        f"/api/agreements/{aid}/contributions",
        {
            "organisation_id": orgs["nav"].pk,
            "kind": "staff_hours",
            "amount": "-3",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert neg.status_code == 400
    assert neg.json()["code"] == "negative_amount" and "negative" in neg.json()["message"]
    stream = {
        "source": "Stat",
        "amount": "100000",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
    }
    assert _post(nav, f"/api/agreements/{aid}/funding-streams", stream).status_code == 201
    overlap = _post(
        nav,
        f"/api/agreements/{aid}/funding-streams",
        {**stream, "period_start": "2025-06-01", "period_end": "2026-06-01"},
    )
    assert overlap.status_code == 400 and overlap.json()["code"] == "funding_period_overlap"
    shares = nav.put(
        f"/api/agreements/{aid}/cost-shares",
        [
            {"organisation_id": orgs["nav"].pk, "percent": "70"},
            {"organisation_id": orgs["cws"].pk, "percent": "20"},
        ],
        content_type="application/json",
    )
    assert shares.status_code == 400 and shares.json()["code"] == "shares_not_100"
    assert "100" in shares.json()["message"]
    ok = nav.put(
        f"/api/agreements/{aid}/cost-shares",
        [
            {"organisation_id": orgs["nav"].pk, "percent": "70"},
            {"organisation_id": orgs["cws"].pk, "percent": "30"},
        ],
        content_type="application/json",
    )
    assert ok.status_code == 200
    spent = _post(
        nav,
        f"/api/agreements/{aid}/expenditures",
        {
            "amount": "5000",
            "description": "Kurs",
            "paid_by_id": orgs["cws"].pk,
            "spent_on": "2025-03-01",
            "case_reference": "SAK-1",
        },
    )
    assert spent.status_code == 201
    fair = {r["organisation_id"]: r for r in nav.get(f"/api/agreements/{aid}/fairness").json()}
    assert fair[orgs["cws"].pk]["nok_percent"] == "100.0"
    assert fair[orgs["cws"].pk]["difference"] == "70.0"
    other = api(managers["navk"]).post(
        f"/api/agreements/{aid}/expenditures",
        {"amount": "1", "description": "x", "paid_by_id": orgs["nav"].pk, "spent_on": "2025-03-01"},
        content_type="application/json",
    )
    assert other.status_code == 403


def test_unknown_agreement_is_404(api, managers):
    response = api(managers["nav"]).get("/api/agreements/999999")
    assert response.status_code == 404 and response.json()["code"] == "agreement_not_found"


def test_pages(agreement, managers, make_actor, orgs):
    indicator = indicators.indicator_create(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        name="Frafall videregående",
        unit="%",
        baseline=Decimal(20),
        target=Decimal(10),
        target_date=date(2027, 6, 30),
        direction="down",
    )
    indicators.measurement_record(
        actor=managers["nav"],
        indicator_id=indicator.pk,
        measured_on=date(2025, 6, 30),
        value=Decimal(17),
    )
    resources.cost_shares_set(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        shares={orgs["nav"].pk: Decimal(50), orgs["cws"].pk: Decimal(50)},
    )
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(managers["cws"].user)
    for url in ("/agreements/", f"/agreements/{agreement.pk}/"):
        response = c.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        html = response.content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert " style=" not in html and "<style" not in html
    page = c.get(f"/agreements/{agreement.pk}/").content.decode()
    assert 'data-in-force="false"' in page and 'class="chart"' in page and " alt=" in page
    assert "Frafall videregående" in page and "data-fairness" in page and "Leads" in page
    assert c.post(f"/agreements/{agreement.pk}/sign/", {"version": "1"}).status_code == 302
    nav = Client(HTTP_ACCEPT_LANGUAGE="en")
    nav.force_login(managers["nav"].user)
    nav.post(f"/agreements/{agreement.pk}/sign/", {"version": "1"})
    assert 'data-in-force="true"' in nav.get(f"/agreements/{agreement.pk}/").content.decode()
    caseworker = Client(HTTP_ACCEPT_LANGUAGE="en")
    caseworker.force_login(make_actor("nav", Role.CASEWORKER).user)
    caseworker.post(f"/agreements/{agreement.pk}/sign/", {"version": "1"})
    assert c.get("/agreements/424242/").status_code == 404
