"""A network's registry entry: prefilled from the network, sponsor, bodies, objectives and
agreement funding; completed by hand; refreshed; partners and funding lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from helhet.agreements.services.resources import funding_stream_add
from helhet.audit.models import ChangeEvent
from helhet.networks import services as network_services
from helhet.observatory.errors import NotObservatoryUser
from helhet.registry import selectors, services
from helhet.registry.errors import (
    NotRegistryEditor,
    RegistryEntryExists,
    RegistryInvalid,
    RegistryItemNotFound,
)
from helhet.registry.models import RegistryFunding, RegistryPartner


def test_prefill_from_the_network(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    assert entry.sponsor_id == orgs["health"].pk  # the member with the sponsor role
    assert entry.year_created == 2019  # the year of the mandate
    assert entry.target_population == "Unge foreldre under 25"
    assert entry.objectives == "Én dør inn.\nSvar innen fem dager."
    bodies = entry.governance_bodies.splitlines()
    assert [b.split(" (")[0] for b in bodies] == ["Fagteamet", "Styringsgruppen"]
    view = selectors.entry_detail(actor=quebec.researcher, entry_id=entry.pk)
    assert {(p.organisation_id, p.sector) for p in view.partners} == {
        (orgs["navk"].pk, "public"),
        (orgs["health"].pk, "public"),
        (orgs["vol"].pk, "non_profit"),
    }
    assert all(p.prefilled for p in view.partners)
    assert view.sectors == {"public": 2, "private": 0, "non_profit": 1}
    assert sorted((f.source, f.amount) for f in view.funding) == [
        ("Statsforvalteren", Decimal("1500000.00")),
        ("Stiftelsen Dam", Decimal("250000.00")),
    ]
    assert {f.agreement_id for f in view.funding} == {quebec.agreement.pk}
    assert view.funding_total == Decimal("1750000")
    assert view.can_edit
    assert ChangeEvent.objects.filter(
        action="registry.entry.create", entity_id=str(entry.pk)
    ).exists()
    with pytest.raises(RegistryEntryExists):
        services.entry_create(actor=quebec.lead, network_id=quebec.network.pk)


def test_prefill_without_sponsor_or_mandate(quebec, orgs):
    entry = services.entry_create(actor=quebec.lead, network_id=quebec.team.pk)
    # No sponsor member and no lead organisation: the leading member stands in.
    assert entry.sponsor_id == orgs["navk"].pk
    assert entry.year_created == timezone.localdate().year
    assert entry.objectives == "" and entry.governance_bodies == ""
    assert not RegistryFunding.objects.filter(entry=entry).exists()


def test_who_fills_in_the_form(quebec, make_actor):
    with pytest.raises(NotObservatoryUser):
        services.entry_create(actor=quebec.caseworker, network_id=quebec.network.pk)
    # A manager of an ordinary member reads the registry but does not fill in the form.
    with pytest.raises(NotRegistryEditor):
        services.entry_create(actor=quebec.cws, network_id=quebec.network.pk)
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    assert selectors.entry_detail(actor=quebec.cws, entry_id=entry.pk).can_edit is False
    with pytest.raises(NotRegistryEditor):
        services.entry_update(actor=quebec.cws, entry_id=entry.pk, setting="urban")
    with pytest.raises(NotObservatoryUser):
        selectors.entry_detail(actor=quebec.caseworker, entry_id=entry.pk)


def test_complete_the_form_by_hand(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    saved = services.entry_update(
        actor=quebec.researcher,
        entry_id=entry.pk,
        sponsor_id=orgs["navk"].pk,
        year_created=2018,
        setting="semi_rural",
        target_population=" Unge foreldre ",
        objectives="Én dør inn.",
        governance_bodies="Styringsgruppen",
        notes="Fylt ut av sekretariatet.",
    )
    assert (saved.sponsor_id, saved.year_created, saved.setting) == (
        orgs["navk"].pk,
        2018,
        "semi_rural",
    )
    assert saved.target_population == "Unge foreldre"
    event = ChangeEvent.objects.filter(action="registry.entry.update").get()
    assert event.changes["setting"] == "semi_rural"
    with pytest.raises(RegistryInvalid, match="rural, semi-rural or urban"):
        services.entry_update(actor=quebec.researcher, entry_id=entry.pk, setting="suburban")
    with pytest.raises(RegistryInvalid, match="1900 to 2100"):
        services.entry_update(actor=quebec.researcher, entry_id=entry.pk, year_created=1850)
    with pytest.raises(RegistryInvalid, match="organisation does not exist"):
        services.entry_update(actor=quebec.researcher, entry_id=entry.pk, sponsor_id=999_999)


def test_refresh_replaces_what_was_copied_and_keeps_what_was_typed(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    services.entry_update(
        actor=quebec.researcher,
        entry_id=entry.pk,
        sponsor_id=orgs["health"].pk,
        year_created=2019,
        setting="urban",
        target_population="Skrevet for hånd",
        objectives="",
        governance_bodies="Styringsgruppen",
    )
    services.partner_add(
        actor=quebec.researcher, entry_id=entry.pk, name="Kirkens Bymisjon", sector="non_profit"
    )
    services.funding_add(
        actor=quebec.researcher, entry_id=entry.pk, source="Gave", amount=Decimal("10000")
    )
    network_services.member_add(
        actor=quebec.lead, network_id=quebec.network.pk, organisation_id=orgs["school"].pk
    )
    funding_stream_add(
        actor=quebec.lead,
        agreement_id=quebec.agreement.pk,
        source="Demovik kommune",
        amount=Decimal("800000"),
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
    )
    refreshed = services.entry_refresh(actor=quebec.researcher, entry_id=entry.pk)
    assert refreshed.target_population == "Skrevet for hånd"  # filled: left alone
    assert refreshed.objectives == "Én dør inn.\nSvar innen fem dager."  # empty: filled in
    assert refreshed.governance_bodies == "Styringsgruppen"
    names = set(RegistryPartner.objects.filter(entry=entry).values_list("name", flat=True))
    assert {"Kirkens Bymisjon", orgs["school"].name, orgs["vol"].name} <= names
    assert RegistryPartner.objects.filter(entry=entry).count() == 5
    sources = sorted(RegistryFunding.objects.filter(entry=entry).values_list("source", "prefilled"))
    assert sources == [
        ("Demovik kommune", True),
        ("Gave", False),
        ("Statsforvalteren", True),
        ("Stiftelsen Dam", True),
    ]


def test_partners_by_hand(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    school = services.partner_add(
        actor=quebec.researcher,
        entry_id=entry.pk,
        organisation_id=orgs["school"].pk,
        role="Deltaker",
    )
    assert (school.name, school.sector, school.prefilled) == (orgs["school"].name, "public", False)
    with pytest.raises(RegistryInvalid, match="partner already"):
        services.partner_add(
            actor=quebec.researcher, entry_id=entry.pk, organisation_id=orgs["vol"].pk
        )
    with pytest.raises(RegistryInvalid, match="sector"):
        services.partner_add(actor=quebec.researcher, entry_id=entry.pk, name="Ukjent")
    with pytest.raises(RegistryInvalid, match="public, private or non-profit"):
        services.partner_add(actor=quebec.researcher, entry_id=entry.pk, name="X", sector="state")
    with pytest.raises(RegistryInvalid, match="give the partner's name"):
        services.partner_add(actor=quebec.researcher, entry_id=entry.pk, sector="private")
    services.partner_remove(actor=quebec.researcher, entry_id=entry.pk, partner_id=school.pk)
    assert not RegistryPartner.objects.filter(pk=school.pk).exists()
    other = services.entry_create(actor=quebec.researcher, network_id=quebec.team.pk)
    stranger = RegistryPartner.objects.filter(entry=other).first()
    with pytest.raises(RegistryItemNotFound):
        services.partner_remove(actor=quebec.researcher, entry_id=entry.pk, partner_id=stranger.pk)


def test_funding_by_hand(quebec):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    line = services.funding_add(
        actor=quebec.researcher,
        entry_id=entry.pk,
        source="Sparebankstiftelsen",
        amount=Decimal("125000.5"),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )
    assert line.amount == Decimal("125000.50") and not line.prefilled
    with pytest.raises(RegistryInvalid, match="end on or after"):
        services.funding_add(
            actor=quebec.researcher,
            entry_id=entry.pk,
            source="X",
            amount=Decimal(1),
            period_start=date(2026, 2, 1),
            period_end=date(2026, 1, 1),
        )
    with pytest.raises(RegistryInvalid, match="zero or more"):
        services.funding_add(
            actor=quebec.researcher, entry_id=entry.pk, source="X", amount=Decimal(-1)
        )
    with pytest.raises(RegistryInvalid, match="zero or more"):
        services.funding_add(
            actor=quebec.researcher, entry_id=entry.pk, source="X", amount=Decimal("NaN")
        )
    with pytest.raises(RegistryInvalid, match="Name the funding source"):
        services.funding_add(
            actor=quebec.researcher, entry_id=entry.pk, source=" ", amount=Decimal(1)
        )
    services.funding_remove(actor=quebec.researcher, entry_id=entry.pk, funding_id=line.pk)
    with pytest.raises(RegistryItemNotFound):
        services.funding_remove(actor=quebec.researcher, entry_id=entry.pk, funding_id=line.pk)
