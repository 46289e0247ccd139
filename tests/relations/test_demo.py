"""The demo's rating rounds and registry forms, loaded right after the rest of the demo."""

from __future__ import annotations

from decimal import Decimal

import pytest

from helhet.demo.collaboration import actor_of
from helhet.demo.observatory_relations import load_registry, load_relationship_ratings
from helhet.demo.services import ORGANISATIONS, demo_load
from helhet.registry import selectors as registry_selectors
from helhet.registry.models import RegistryEntry
from helhet.registry.selectors import RegistrySearch
from helhet.relations import selectors
from helhet.relations.models import Rating, RatingRound
from helhet.relations.operational import stated_vs_operational
from helhet.tenancy.models import Organisation
from tests.plans.conftest import assert_safe_page, web_client


@pytest.fixture
def demo(db):
    demo_load()
    orgs = {key: Organisation.objects.get(name=name) for key, name, _kind, _sector in ORGANISATIONS}
    say = lambda _message: None  # noqa: E731
    load_relationship_ratings(orgs, say)
    load_registry(orgs, say)
    return orgs


def _round(network_name):
    return RatingRound.objects.get(network__name=network_name)


def test_demo_rounds_follow_the_seed_and_show(demo):
    researcher = actor_of("researcher")
    osk = selectors.round_metrics(actor=researcher, round_id=_round("OSK-teamet Demovik").pk)
    assert osk.view.round.status == "closed" and len(osk.view.responded) == 4
    rows = {o.organisation.name: o for o in osk.organisations}
    cws = rows["Barneverntjenesten i Demovik"].scores
    # Both NAV halves find child welfare little open to discussion (2 and 1; health says 2).
    assert cws.items["open_to_discussion"] == pytest.approx(5 / 3)
    assert cws.items["reliable"] == pytest.approx(8 / 3)
    assert cws.items["open_to_discussion"] < cws.items["reliable"]
    nav_state = rows["NAV Demovik (stat)"].scores
    # Municipal partners trust NAV state least, and rate its power and resources highest.
    assert nav_state.trust == pytest.approx((8 / 3 + 2 + 2) / 3)
    assert nav_state.trust == min(o.scores.trust for o in osk.organisations)
    assert nav_state.items["resources"] == max(
        o.scores.items["resources"] for o in osk.organisations
    )

    families = selectors.round_metrics(
        actor=researcher, round_id=_round("Nettverk for unge familier").pk
    )
    assert families.view.round.status == "open" and len(families.view.responded) == 5
    assert Rating.objects.filter(round=families.view.round).count() == 20
    assert families.network.trust > osk.network.trust + 0.5

    # NAV municipal and the volunteer centre say weekly; the platform shows nothing between them.
    c = stated_vs_operational(
        actor=actor_of("researcher"), round_id=_round("Nettverk for unge familier").pk
    )
    stated_only = {(a.rater.name, a.rated.name): a for a in c.arcs if a.category == "stated_only"}
    pair = stated_only[("NAV Demovik (kommune)", "Frivilligsentralen Demovik")]
    assert pair.frequency_label == "Weekly or more"
    assert pair.referrals == 0 and pair.meetings_together == 0
    assert stated_only[("Frivilligsentralen Demovik", "NAV Demovik (kommune)")].frequency == 4
    assert c.both > 0 and c.jaccard is not None and c.jaccard < 1
    _pages()


def test_demo_registry(demo):
    researcher = actor_of("researcher")
    entries = RegistryEntry.objects.select_related("network")
    assert {e.network.name for e in entries} == {
        "OSK-teamet Demovik",
        "Aksjonsteam Sentrum",
        "Aksjonsteam Nord",
        "Aksjonsteam Sør",
        "Aksjonsteam Vest",
        "Nettverk for unge familier",
    }
    assert {e.setting for e in entries} == {"urban"}
    families = registry_selectors.entry_detail(
        actor=researcher, entry_id=entries.get(network__name="Nettverk for unge familier").pk
    )
    assert families.funding_total == Decimal("2550000")  # the agreement's three streams
    assert families.entry.sponsor.name == "Helse og velferd Demovik"
    assert "Styringsgruppen" in families.entry.governance_bodies
    assert families.sectors["non_profit"] == 1
    funded = registry_selectors.registry_search(
        actor=researcher, search=RegistrySearch(has_funding=True)
    )
    assert {v.network.name for v in funded} == {"Nettverk for unge familier", "Aksjonsteam Sentrum"}
    # Loading again changes nothing.
    load_relationship_ratings(demo, lambda _m: None)
    load_registry(demo, lambda _m: None)
    assert RatingRound.objects.count() == 2 and RegistryEntry.objects.count() == 6


def _pages():
    c = web_client(actor_of("researcher"))
    families = _round("Nettverk for unge familier")
    html = assert_safe_page(c.get(f"/relations/rounds/{families.pk}/"))
    assert "Frivilligsentralen Demovik" in html
    assert c.get(f"/relations/rounds/{families.pk}/map.svg").status_code == 200
    assert_safe_page(c.get(f"/relations/rounds/{families.pk}/stated-vs-operational/"))
    assert_safe_page(c.get("/registry/"))
    school = web_client(actor_of("school.caseworker"))
    assert families.title in assert_safe_page(school.get("/relations/"))
    assert_safe_page(school.get(f"/relations/rounds/{families.pk}/answer/"))
