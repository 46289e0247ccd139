"""The forms on an agreement's detail page: its indicators and measurements, and its
resources (contributions, funding streams, expenditures, the cost-sharing rule).

Each form is checked for its success path, its refusal, and that bad input comes back as a
400 page with the service's message, the typed values kept and nothing saved."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from helhet.agreements.models import (
    Contribution,
    CostShare,
    Expenditure,
    FundingStream,
    Indicator,
    Measurement,
)
from helhet.agreements.services import indicators, resources
from helhet.tenancy.models import Role
from tests.agreements.conftest import assert_strict_page, page

FORMS = ("indicator", "contribution", "funding", "expenditure", "shares")


def test_detail_page_offers_the_forms_only_to_editors(web, agreement, managers, make_actor):
    url = f"/agreements/{agreement.pk}/"
    editor = web(managers["nav"]).get(url)
    assert_strict_page(editor)
    html = editor.content.decode()
    for name in FORMS:
        assert f'data-form="{name}"' in html, name
    # No indicator yet, so nothing to record a measurement for.
    assert 'data-form="measurement"' not in html
    for actor in (make_actor("nav", Role.CASEWORKER), managers["navk"]):
        html = web(actor).get(url).content.decode()
        assert "data-form=" not in html and "/revise/" not in html


def test_each_detail_form_saves_through_its_service(web, agreement, managers, orgs):
    c = web(managers["cws"])
    base = f"/agreements/{agreement.pk}"
    nav, cws = orgs["nav"].pk, orgs["cws"].pk

    r = c.post(
        f"{base}/indicators/",
        {
            "name": "Saker avsluttet innen frist",
            "unit": "%",
            "baseline": "60",
            "target": "90",
            "target_date": "2027-12-31",
            "direction": "up",
        },
    )
    assert r.status_code == 302 and r["Location"] == f"{base}/"
    indicator = Indicator.objects.get(agreement=agreement)
    assert indicator.target == Decimal(90) and indicator.direction == "up"
    assert 'data-form="measurement"' in c.get(f"{base}/").content.decode()

    r = c.post(
        f"{base}/measurements/",
        {"indicator": indicator.pk, "measured_on": "2025-12-31", "value": "71.5"},
    )
    assert r.status_code == 302
    assert Measurement.objects.get(indicator=indicator).value == Decimal("71.5")

    r = c.post(
        f"{base}/contributions/",
        {
            "organisation": nav,
            "kind": "staff_hours",
            "amount": "300",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "description": "Veileder 20 %",
        },
    )
    assert r.status_code == 302
    contribution = Contribution.objects.get(agreement=agreement)
    assert (contribution.organisation_id, contribution.kind, contribution.amount) == (
        nav,
        "staff_hours",
        Decimal(300),
    )

    r = c.post(
        f"{base}/funding-streams/",
        {
            "source": "Statsforvalteren",
            "amount": "250000",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert r.status_code == 302
    assert FundingStream.objects.get(agreement=agreement).amount == Decimal(250000)

    r = c.post(
        f"{base}/expenditures/",
        {
            "description": "Kurs i nettverksmøter",
            "amount": "12000",
            "paid_by": cws,
            "spent_on": "2025-03-01",
            "case_reference": "SAK-2025-7",
        },
    )
    assert r.status_code == 302
    assert Expenditure.objects.get(agreement=agreement).paid_by_id == cws

    r = c.post(f"{base}/cost-shares/", {f"share_{nav}": "60", f"share_{cws}": "40"})
    assert r.status_code == 302
    assert dict(CostShare.objects.values_list("organisation_id", "percent")) == {
        nav: Decimal(60),
        cws: Decimal(40),
    }
    html = page(c.get(f"{base}/"))
    assert "The agreed shares were saved." in html
    assert "Saker avsluttet innen frist" in html and "Kurs i nettverksmøter" in html
    # The shares form comes prefilled with what is agreed now.
    assert f'name="share_{nav}" value="60.00"' in html


def _posts(orgs, indicator):
    nav = orgs["nav"].pk
    period = {"period_start": "2025-01-01", "period_end": "2025-12-31"}
    return {
        "indicators": {
            "name": "X",
            "baseline": "1",
            "target": "2",
            "target_date": "2027-01-01",
            "direction": "up",
        },
        "measurements": {"indicator": indicator.pk, "measured_on": "2025-01-01", "value": "1"},
        "contributions": {"organisation": nav, "kind": "money", "amount": "1", **period},
        "funding-streams": {"source": "Stat", "amount": "1", **period},
        "expenditures": {
            "description": "x",
            "amount": "1",
            "paid_by": nav,
            "spent_on": "2025-01-01",
        },
        "cost-shares": {f"share_{nav}": "50", f"share_{orgs['cws'].pk}": "50"},
    }


@pytest.mark.parametrize(("key", "role"), [("nav", Role.CASEWORKER), ("navk", Role.MANAGER)])
def test_detail_forms_are_refused_to_non_editors(
    web, agreement, managers, make_actor, orgs, key, role
):
    indicator = indicators.indicator_create(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        name="Ventetid",
        baseline=Decimal(30),
        target=Decimal(10),
        target_date=date(2027, 1, 1),
        direction="down",
    )
    c = web(make_actor(key, role))
    for path, body in _posts(orgs, indicator).items():
        assert c.post(f"/agreements/{agreement.pk}/{path}/", body).status_code == 403, path
        # Not even a form error leaks past the refusal, however wrong the input.
        assert c.post(f"/agreements/{agreement.pk}/{path}/", {}).status_code == 403, path
    assert Indicator.objects.count() == 1
    for model in (Measurement, Contribution, FundingStream, Expenditure, CostShare):
        assert not model.objects.exists(), model


def test_detail_forms_of_an_unknown_agreement_are_404(web, managers):
    assert web(managers["nav"]).post("/agreements/424242/funding-streams/", {}).status_code == 404


def test_overlapping_funding_period_is_refused_and_nothing_saved(web, agreement, managers):
    c = web(managers["nav"])
    url = f"/agreements/{agreement.pk}/funding-streams/"
    first = {
        "source": "Tilskudd fra Bufdir",
        "amount": "100000",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
    }
    assert c.post(url, first).status_code == 302
    overlapping = {
        **first,
        "source": "tilskudd fra bufdir",
        "amount": "123456",
        "period_start": "2025-07-01",
        "period_end": "2026-06-30",
    }
    response = c.post(url, overlapping)
    assert response.status_code == 400
    html = page(response)
    assert "This funding stream already has a period that overlaps these dates." in html
    # The typed values come back in the form, which is open so the user sees the message.
    assert 'value="tilskudd fra bufdir"' in html and 'value="123456"' in html
    assert 'value="2026-06-30"' in html
    assert re.search(r'<details class="ds-details" data-form="funding"\s+open>', html)
    assert FundingStream.objects.filter(agreement=agreement).count() == 1
    assert_strict_page(response)
    # Another stream may run at the same time, and the same stream may continue afterwards.
    assert c.post(url, {**overlapping, "source": "Kommunalt tilskudd"}).status_code == 302
    later = {**first, "period_start": "2026-01-01", "period_end": "2026-12-31"}
    assert c.post(url, later).status_code == 302
    assert FundingStream.objects.filter(agreement=agreement).count() == 3


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (("70", "20"), "The agreed shares must add up to 100 %."),
        (("", ""), "The agreed shares must add up to 100 %."),
        (("120", "-20"), "Amounts and hours cannot be negative."),
    ],
)
def test_cost_shares_not_adding_up_are_refused(web, agreement, managers, orgs, shares, message):
    resources.cost_shares_set(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        shares={orgs["nav"].pk: Decimal(50), orgs["cws"].pk: Decimal(50)},
    )
    nav, cws = orgs["nav"].pk, orgs["cws"].pk
    response = web(managers["nav"]).post(
        f"/agreements/{agreement.pk}/cost-shares/",
        {f"share_{nav}": shares[0], f"share_{cws}": shares[1]},
    )
    assert response.status_code == 400
    html = page(response)
    assert message in html
    assert f'name="share_{nav}" value="{shares[0]}"' in html or not shares[0]
    # The shares agreed before are kept.
    assert dict(CostShare.objects.values_list("organisation_id", "percent")) == {
        nav: Decimal(50),
        cws: Decimal(50),
    }


@pytest.mark.parametrize("path", ["contributions", "funding-streams", "expenditures"])
def test_negative_amount_is_refused(web, agreement, managers, orgs, path):
    nav = orgs["nav"].pk
    period = {"period_start": "2025-01-01", "period_end": "2025-12-31"}
    body = {
        "contributions": {"organisation": nav, "kind": "money", "amount": "-500", **period},
        "funding-streams": {"source": "Stat", "amount": "-500", **period},
        "expenditures": {
            "description": "Refusjon",
            "amount": "-500",
            "paid_by": nav,
            "spent_on": "2025-01-01",
        },
    }[path]
    response = web(managers["nav"]).post(f"/agreements/{agreement.pk}/{path}/", body)
    assert response.status_code == 400
    html = page(response)
    assert "Amounts and hours cannot be negative." in html and 'value="-500"' in html
    for model in (Contribution, FundingStream, Expenditure):
        assert not model.objects.exists()


def test_service_messages_are_translated_to_bokmal(web, agreement, managers, orgs):
    response = web(managers["nav"], language="nb").post(
        f"/agreements/{agreement.pk}/contributions/",
        {
            "organisation": orgs["nav"].pk,
            "kind": "money",
            "amount": "-1",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert response.status_code == 400
    assert "Beløp og timer kan ikke være negative." in page(response)


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        (
            "indicators",
            {
                "name": "Ventetid",
                "baseline": "30",
                "target": "40",
                "target_date": "2027-01-01",
                "direction": "down",
            },
            "The target must lie in the indicator's direction.",
        ),
        (
            "measurements",
            {"indicator": "__indicator__", "measured_on": "2025-06-30", "value": "25"},
            "The indicator already has a measurement for that date.",
        ),
        (
            "contributions",
            {
                "organisation": "__nav__",
                "kind": "premises",
                "amount": "5000",
                "period_start": "2025-12-31",
                "period_end": "2025-01-01",
            },
            "A period cannot end before it starts.",
        ),
        (
            "contributions",
            {
                "organisation": "__health__",
                "kind": "money",
                "amount": "5000",
                "period_start": "2025-01-01",
                "period_end": "2025-12-31",
            },
            "Select a valid choice.",
        ),
    ],
)
def test_other_bad_input_on_the_detail_page(web, agreement, managers, orgs, path, body, message):
    indicator = indicators.indicator_create(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        name="Ventetid",
        baseline=Decimal(30),
        target=Decimal(10),
        target_date=date(2027, 1, 1),
        direction="down",
    )
    indicators.measurement_record(
        actor=managers["nav"],
        indicator_id=indicator.pk,
        measured_on=date(2025, 6, 30),
        value=Decimal(28),
    )
    swap = {
        "__indicator__": str(indicator.pk),
        "__nav__": str(orgs["nav"].pk),
        "__health__": str(orgs["health"].pk),
    }
    body = {k: swap.get(v, v) for k, v in body.items()}
    response = web(managers["nav"]).post(f"/agreements/{agreement.pk}/{path}/", body)
    assert response.status_code == 400
    assert message in page(response)
    assert Indicator.objects.count() == 1 and Measurement.objects.count() == 1
    assert not Contribution.objects.exists()
