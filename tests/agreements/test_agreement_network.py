"""An agreement can be a network's rules of the game: linked by a member, shown on both pages,
with its money readable over the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.agreements.models import Agreement
from helhet.agreements.selectors import agreements_of_network
from helhet.agreements.services import agreements, resources
from helhet.networks import services as network_services
from helhet.tenancy.models import Role
from tests.agreements.conftest import sign_all
from tests.plans.conftest import api_client, web_client


def _network(manager, orgs, *members):
    network = network_services.network_create(
        actor=manager, name="Nettverk for unge familier", kind="hybrid", type="network"
    )
    for key in members:
        network_services.member_add(
            actor=manager, network_id=network.pk, organisation_id=orgs[key].pk
        )
    return network


def test_a_member_links_the_agreement_and_both_pages_show_it(managers, orgs):
    network = _network(managers["nav"], orgs, "cws")
    c = api_client(managers["nav"])
    created = c.post(
        "/api/agreements",
        {
            "title": "Tjenesteavtale",
            "goals": "Én dør inn",
            "party_ids": [orgs["nav"].pk, orgs["cws"].pk],
            "network_id": network.pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["network"] == {"id": network.pk, "name": network.name}
    agreement = Agreement.objects.get(pk=body["id"])
    rows = agreements_of_network(network.pk)
    assert [(r.agreement.pk, r.in_force) for r in rows] == [(agreement.pk, False)]
    sign_all(agreement, managers)
    assert agreements_of_network(network.pk)[0].in_force

    page = web_client(managers["cws"]).get(f"/networks/{network.pk}/")
    assert page.status_code == 200
    assert f'href="/agreements/{agreement.pk}/"' in page.content.decode()
    detail = web_client(managers["cws"]).get(f"/agreements/{agreement.pk}/")
    assert f'href="/networks/{network.pk}/"' in detail.content.decode()

    # Unlinked again, and the network page says so.
    unlinked = c.put(
        f"/api/agreements/{agreement.pk}/network",
        {"network_id": None},
        content_type="application/json",
    )
    assert unlinked.status_code == 200 and unlinked.json()["network"] is None
    assert agreements_of_network(network.pk) == []


def test_only_a_network_of_ones_own_can_be_linked(managers, orgs, agreement):
    # NAV creates a network CWS is not in: CWS cannot pin an agreement on it.
    network = _network(managers["nav"], orgs)
    refused = api_client(managers["cws"]).put(
        f"/api/agreements/{agreement.pk}/network",
        {"network_id": network.pk},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["details"]["field"] == "network_id"
    agreement.refresh_from_db()
    assert agreement.network_id is None
    linked = agreements.agreement_network_set(
        actor=managers["nav"], agreement_id=agreement.pk, network_id=network.pk
    )
    assert linked.network_id == network.pk


def test_the_money_is_readable_over_the_api(managers, orgs, agreement):
    nav = managers["nav"]
    resources.funding_stream_add(
        actor=nav,
        agreement_id=agreement.pk,
        source="Statsforvalteren",
        amount=Decimal("500000"),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    resources.contribution_add(
        actor=nav,
        agreement_id=agreement.pk,
        organisation_id=orgs["cws"].pk,
        kind="staff_hours",
        amount=Decimal("300"),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )
    resources.expenditure_add(
        actor=nav,
        agreement_id=agreement.pk,
        amount=Decimal("1200.50"),
        description="Leirskole",
        paid_by_id=orgs["nav"].pk,
        spent_on=date(2026, 3, 1),
    )
    resources.cost_shares_set(
        actor=nav,
        agreement_id=agreement.pk,
        shares={orgs["nav"].pk: Decimal(60), orgs["cws"].pk: Decimal(40)},
    )
    body = api_client(managers["cws"]).get(f"/api/agreements/{agreement.pk}").json()
    assert [(f["source"], Decimal(f["amount"])) for f in body["funding_streams"]] == [
        ("Statsforvalteren", Decimal("500000"))
    ]
    assert [(c["kind"], Decimal(c["amount"])) for c in body["contributions"]] == [
        ("staff_hours", Decimal("300"))
    ]
    assert Decimal(body["expenditures"][0]["amount"]) == Decimal("1200.50")
    assert {s["organisation_id"]: Decimal(s["percent"]) for s in body["cost_shares"]} == {
        orgs["nav"].pk: Decimal(60),
        orgs["cws"].pk: Decimal(40),
    }


def test_the_form_offers_only_networks_of_ones_own(managers, orgs, make_actor):
    mine = _network(managers["nav"], orgs)
    other = _network(make_actor("school", Role.MANAGER), orgs)
    other.name = "Skolens nettverk"
    other.save(update_fields=["name"])
    page = web_client(managers["nav"]).get("/agreements/new/").content.decode()
    select = page[
        page.index('name="network"') : page.index("</select>", page.index('name="network"'))
    ]
    assert f'value="{mine.pk}"' in select and f'value="{other.pk}"' not in select
