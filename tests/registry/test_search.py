"""Searching and comparing registry entries; bounded queries."""

from __future__ import annotations

import pytest

from helhet.networks import services as network_services
from helhet.registry import selectors, services
from helhet.registry.errors import RegistryCompareInvalid, RegistryEntryNotFound
from helhet.registry.selectors import RegistrySearch, compare_rows


@pytest.fixture
def entries(quebec, orgs):
    network = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    services.entry_update(
        actor=quebec.researcher,
        entry_id=network.pk,
        sponsor_id=orgs["health"].pk,
        year_created=2008,
        setting="semi_rural",
        target_population="Unge foreldre under 25",
        objectives="Én dør inn.",
    )
    team = services.entry_create(actor=quebec.researcher, network_id=quebec.team.pk)
    services.entry_update(
        actor=quebec.researcher,
        entry_id=team.pk,
        sponsor_id=orgs["navk"].pk,
        year_created=2016,
        setting="urban",
        target_population="Familier med sammensatte behov",
    )
    third = network_services.network_create(
        actor=quebec.lead, name="Aksjonsteam Sentrum", kind="voluntary", type="team"
    )
    action = services.entry_create(actor=quebec.researcher, network_id=third.pk)
    services.entry_update(
        actor=quebec.researcher, entry_id=action.pk, year_created=2020, setting="urban"
    )
    return {"network": network, "team": team, "action": action}


def _names(actor, **filters):
    return sorted(
        v.network.name
        for v in selectors.registry_search(actor=actor, search=RegistrySearch(**filters))
    )


def test_search_filters(quebec, entries, orgs):
    r = quebec.researcher
    assert len(_names(r)) == 3
    assert _names(r, q="frivillig") == ["Nettverk for unge familier"]  # a partner's name
    assert _names(r, q="dør inn") == ["Nettverk for unge familier"]  # an objective
    assert _names(r, q="aksjon") == ["Aksjonsteam Sentrum"]  # the network's name
    assert _names(r, setting="urban") == ["Aksjonsteam Sentrum", "OSK-teamet"]
    assert _names(r, target_population="familier") == ["OSK-teamet"]
    assert _names(r, year_from=2010) == ["Aksjonsteam Sentrum", "OSK-teamet"]
    assert _names(r, year_from=2010, year_to=2018) == ["OSK-teamet"]
    assert _names(r, has_funding=True) == ["Nettverk for unge familier"]
    assert _names(r, has_funding=False) == ["Aksjonsteam Sentrum", "OSK-teamet"]
    assert _names(r, sector="non_profit") == ["Nettverk for unge familier"]
    assert _names(r, network_type="team") == ["Aksjonsteam Sentrum", "OSK-teamet"]
    assert _names(r, setting="urban", q="osk") == ["OSK-teamet"]
    assert _names(r, q="nothing like this") == []


def test_search_query_count_does_not_grow(quebec, entries, django_assert_num_queries):
    # The entries (with network and sponsor), their partners, their funding lines.
    with django_assert_num_queries(3):
        selectors.registry_search(actor=quebec.researcher, search=RegistrySearch(q="e"))


def test_compare_two_to_four(quebec, entries):
    ids = [entries["team"].pk, entries["network"].pk]
    views = selectors.registry_compare(actor=quebec.researcher, entry_ids=ids)
    assert [v.entry.pk for v in views] == ids  # the order asked for
    rows = {row.label: row.values for row in compare_rows(views)}
    assert rows["Year created"] == ["2016", "2008"]
    assert rows["Setting"] == ["Urban", "Semi-rural"]
    assert rows["Funding in all (NOK)"] == ["0", "1 750 000"]
    assert rows["Partners by sector"] == ["Public: 2", "Public: 2, Non-profit: 1"]
    assert rows["Sponsor"][1] == "Helse og velferd Testvik"
    for bad in ([entries["team"].pk], [entries["team"].pk] * 2, [1, 2, 3, 4, 5]):
        with pytest.raises(RegistryCompareInvalid):
            selectors.registry_compare(actor=quebec.researcher, entry_ids=bad)
    with pytest.raises(RegistryEntryNotFound):
        selectors.registry_compare(actor=quebec.researcher, entry_ids=[entries["team"].pk, 999_999])
