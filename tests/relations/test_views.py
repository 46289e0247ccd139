"""The relationship pages: who sees what, the rating form, the map (its own CSP), CSP-clean
pages everywhere else."""

from __future__ import annotations

import re
from datetime import date

from helhet.networks import services as network_services
from helhet.networks.models import NetworkMember
from helhet.relations import selectors, services
from helhet.relations.models import Rating, RatingRound
from tests.plans.conftest import assert_safe_page, web_client
from tests.relations.conftest import spec


def _answer(team, orgs, rating_round):
    services.ratings_submit(
        actor=team.lead,
        round_id=rating_round.pk,
        ratings=[
            spec(orgs["cws"], 4, (3, 3, 1), (4, 4, 4)),
            spec(orgs["nav"], 3, (2, 2, 2)),
            spec(orgs["health"], 1),
        ],
    )


def test_open_a_round_from_the_page(team, orgs):
    c = web_client(team.researcher)
    html = assert_safe_page(c.get("/relations/"))
    assert "Open a rating round" in html
    form = assert_safe_page(c.get(f"/relations/rounds/new/?network={team.network.pk}"))
    assert "OSK-teamet" in form
    bad = c.post(
        "/relations/rounds/new/",
        {
            "network": team.network.pk,
            "title": "Vår 2026",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
        },
    )
    page = assert_safe_page(bad, 400)
    assert "close on or after" in page and 'value="Vår 2026"' in page
    ok = c.post(
        "/relations/rounds/new/",
        {
            "network": team.network.pk,
            "title": "Vår 2026",
            "opens_on": "2026-03-01",
            "closes_on": "2026-04-01",
        },
    )
    created = RatingRound.objects.get(title="Vår 2026")
    assert ok.status_code == 302 and ok.url == f"/relations/rounds/{created.pk}/"
    # A caseworker is offered no analyses and may not open a round.
    caseworker = web_client(team.caseworker)
    assert "Open a rating round" not in assert_safe_page(caseworker.get("/relations/"))
    assert_safe_page(caseworker.get("/relations/rounds/new/"), 403)


def test_the_rating_form_keeps_what_was_typed(team, orgs, rating_round):
    c = web_client(team.cws)
    url = f"/relations/rounds/{rating_round.pk}/answer/"
    assert "OSK" in assert_safe_page(web_client(team.cws).get("/relations/"))
    html = assert_safe_page(c.get(url))
    selects = re.findall(r"<select[^>]*>", html)
    assert len(selects) == 1 + 3 * 7  # the membership switch, then seven per organisation
    assert all('class="ds-input"' in tag for tag in selects)
    assert orgs["navk"].name in html and orgs["cws"].name not in html.split("<form")[2]
    # Health and NAV state not answered: the page comes back with what was typed.
    data = {
        f"o{orgs['navk'].pk}_frequency": "4",
        f"o{orgs['navk'].pk}_reliable": "3",
        f"o{orgs['nav'].pk}_frequency": "2",
    }
    bad = c.post(url, data)
    page = assert_safe_page(bad, 400)
    assert 'value="3" selected' in page and not Rating.objects.exists()
    data[f"o{orgs['health'].pk}_frequency"] = "0"
    ok = c.post(url, data)
    assert ok.status_code == 302 and ok.url == "/relations/"
    ratings = {r.rated_id: r for r in Rating.objects.filter(round=rating_round)}
    assert ratings[orgs["navk"].pk].reliable == 3 and ratings[orgs["navk"].pk].resources is None
    assert ratings[orgs["health"].pk].frequency == 0
    # The answer is shown again when the form is opened.
    again = assert_safe_page(c.get(url))
    assert "replaces the earlier answer" in again
    # Not a rater: a 403 page.
    assert_safe_page(web_client(team.caseworker).get(url), 403)
    assert_safe_page(web_client(team.researcher).get(url), 403)


def test_round_page_map_and_comparison(team, orgs, rating_round):
    _answer(team, orgs, rating_round)
    c = web_client(team.researcher)
    html = assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/"))
    assert f"/relations/rounds/{rating_round.pk}/map.svg?threshold=2" in html
    assert "Density" in html and "Close the round" in html
    assert orgs["cws"].name in html
    weekly = assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/?threshold=4"))
    assert "map.svg?threshold=4" in weekly
    assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/?threshold=9"), 400)
    svg = c.get(f"/relations/rounds/{rating_round.pk}/map.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert "<title>Network map: Relasjonskartlegging 2026</title>" in body and "<desc>" in body
    assert "<script" not in body
    csp = svg["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'self'" in csp
    assert "unsafe" not in csp.split("script-src")[1].split(";")[0]
    compare = assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/stated-vs-operational/"))
    assert "Jaccard" in compare and "Stated only" in compare
    bad = c.get(
        f"/relations/rounds/{rating_round.pk}/stated-vs-operational/",
        {"start": "2026-05-01", "end": "2026-01-01", "threshold": "2", "min_count": "1"},
    )
    assert "must start on or before" in assert_safe_page(bad, 400)
    closed = c.post(f"/relations/rounds/{rating_round.pk}/close/")
    assert closed.status_code == 302
    assert "Close the round" not in assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/"))


def test_analyses_are_for_the_observatory(team, rating_round):
    c = web_client(team.caseworker)
    assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/"), 403)
    assert c.get(f"/relations/rounds/{rating_round.pk}/map.svg").status_code == 403
    assert_safe_page(c.get(f"/relations/rounds/{rating_round.pk}/stated-vs-operational/"), 403)
    assert_safe_page(web_client(team.cws).post(f"/relations/rounds/{rating_round.pk}/close/"), 403)
    assert web_client(team.researcher).get("/relations/rounds/999999/").status_code == 404


def test_rounds_to_answer_in_one_query(team, orgs, make_actor, django_assert_num_queries):
    for n in range(3):
        services.round_create(
            actor=team.researcher,
            network_id=team.network.pk,
            title=f"Runde {n}",
            opens_on=date(2026, 6, 1),
            closes_on=date(2026, 6, 1),
        )
    with django_assert_num_queries(1):
        assert len(selectors.rounds_to_answer(actor=team.cws)) == 3
    with django_assert_num_queries(1):
        assert selectors.rounds_to_answer(actor=team.caseworker) == []
    member = NetworkMember.objects.get(network=team.network, organisation=orgs["cws"])
    network_services.representative_add(
        actor=team.lead,
        network_id=team.network.pk,
        member_id=member.pk,
        user_id=team.caseworker.user.pk,
    )
    with django_assert_num_queries(1):
        assert len(selectors.rounds_to_answer(actor=team.caseworker)) == 3
    assert selectors.rounds_to_answer(actor=make_actor("school", "manager")) == []
