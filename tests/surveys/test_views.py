"""The observatory's survey pages: strict CSP on every page, charts as SVG images with inline
style allowed for the image only, forms that keep what was typed, permissions, queries."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.surveys import rounds
from helhet.surveys.models import Instrument, Invitation, Round
from tests.plans.conftest import assert_safe_page, web_client


def _round_with_results(team, small_instrument, make_round, answered, mode="anonymous"):
    round = make_round(small_instrument, mode=mode)
    answered(
        round,
        [
            {"GOV1": 4, "GOV2": 2, "TRU1": 3},
            {"GOV1": 5, "GOV2": 1, "TRU1": 4},
            {"GOV1": 3, "GOV2": 3, "TRU1": 2},
        ],
    )
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    return round


def test_instrument_pages_create_edit_and_copy(team):
    c = web_client(team.researcher)
    html = assert_safe_page(c.get("/observatory/surveys/"))
    assert "No instruments yet" in html
    assert_safe_page(c.get("/observatory/surveys/instruments/new/"))
    bad = c.post("/observatory/surveys/instruments/new/", {"start": "empty", "name": ""})
    assert "An empty instrument needs a name." in assert_safe_page(bad, 400)
    made = c.post("/observatory/surveys/instruments/new/", {"start": "default", "name": ""})
    instrument = Instrument.objects.get()
    assert made.status_code == 302 and made.url.endswith(f"/instruments/{instrument.pk}/")
    page = assert_safe_page(c.get(made.url))
    assert page.count("data-item=") == 23 and "Add a statement" in page
    added = c.post(
        f"/observatory/surveys/instruments/{instrument.pk}/items/",
        {"construct": "trust", "text_nb": "Vi holder avtaler.", "text_en": "", "reverse": ""},
    )
    assert added.status_code == 302 and instrument.items.filter(code="TRU6").exists()
    kept = c.post(
        f"/observatory/surveys/instruments/{instrument.pk}/items/",
        {"construct": "trust", "text_nb": "", "text_en": "Only English"},
    )
    assert "Only English" in assert_safe_page(kept, 400)  # what was typed is kept
    item = instrument.items.get(code="TRU6")
    assert_safe_page(c.get(f"/observatory/surveys/items/{item.pk}/edit/"))
    edited = c.post(
        f"/observatory/surveys/items/{item.pk}/edit/",
        {"construct": "trust", "text_nb": "Vi holder det vi lover.", "reverse": "on"},
    )
    item.refresh_from_db()
    assert edited.status_code == 302 and item.reverse and item.text_nb == "Vi holder det vi lover."
    # Someone else reads it, cannot edit, and may copy it.
    other = web_client(team.lead)
    read = assert_safe_page(other.get(f"/observatory/surveys/instruments/{instrument.pk}/"))
    assert "Add a statement" not in read and "Copy this instrument" in read
    assert other.get(f"/observatory/surveys/items/{item.pk}/edit/").status_code == 403
    copied = other.post(f"/observatory/surveys/instruments/{instrument.pk}/copy/", {"name": ""})
    copy = Instrument.objects.get(version=2)
    assert copied.status_code == 302 and copy.owner == team.lead.user


def test_round_pages_invite_and_close(team, small_instrument):
    c = web_client(team.researcher)
    assert_safe_page(c.get(f"/observatory/surveys/rounds/new/?network={team.network.pk}"))
    today = timezone.localdate()
    form = {
        "title": "Vår",
        "network": team.network.pk,
        "instrument": small_instrument.pk,
        "opens_on": today.isoformat(),
        "closes_on": (today - timedelta(days=1)).isoformat(),
        "mode": "anonymous",
    }
    assert "cannot close before it opens" in assert_safe_page(
        c.post("/observatory/surveys/rounds/new/", form), 400
    )
    form["closes_on"] = (today + timedelta(days=10)).isoformat()
    made = c.post("/observatory/surveys/rounds/new/", form)
    round = Round.objects.get()
    assert made.status_code == 302
    page = assert_safe_page(c.get(made.url))
    assert "Invite respondents" in page and "Nobody is invited yet." in page
    invited = c.post(
        f"/observatory/surveys/rounds/{round.pk}/invitations/",
        {"representatives": "on", "emails": "a@example.org\nb@example.org"},
    )
    html = assert_safe_page(invited)
    # The representatives have no e-mail address: their links are shown this once.
    assert html.count('class="token"') == 2 and "4 invitations were made." in html
    assert Invitation.objects.filter(round=round).count() == 4
    bad = c.post(f"/observatory/surveys/rounds/{round.pk}/invitations/", {"emails": "nope"})
    assert "not valid" in assert_safe_page(bad, 400)
    # Others see the round but not who is invited.
    other = assert_safe_page(web_client(team.lead).get(f"/observatory/surveys/rounds/{round.pk}/"))
    assert "a@example.org" not in other and "Only the round's owner" in other
    renew = Invitation.objects.filter(round=round, email="a@example.org").get()
    renewed = c.post(f"/observatory/surveys/invitations/{renew.pk}/renew/")
    assert renewed.status_code == 302  # sent by e-mail, not shown
    closed = c.post(f"/observatory/surveys/rounds/{round.pk}/close/")
    assert closed.status_code == 302
    assert "Closed on" in assert_safe_page(c.get(closed.url))


def test_results_page_chart_and_table(team, small_instrument, make_round, answered):
    round = _round_with_results(team, small_instrument, make_round, answered, mode="named")
    c = web_client(team.researcher)
    html = assert_safe_page(c.get(f"/observatory/surveys/rounds/{round.pk}/results/"))
    assert f'src="/observatory/surveys/rounds/{round.pk}/chart.svg"' in html and "alt=" in html
    assert html.count("data-construct=") == 2 and 'data-band="' in html
    assert "Answers by respondent" in html and "respondent0" in html
    chart = c.get(f"/observatory/surveys/rounds/{round.pk}/chart.svg")
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    body = chart.content.decode()
    assert body.lstrip().startswith("<?xml") and "<svg" in body and "<script" not in body
    csp = chart["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'self'" in csp
    # Others see the aggregates, not who answered.
    other = assert_safe_page(
        web_client(team.lead).get(f"/observatory/surveys/rounds/{round.pk}/results/")
    )
    assert "Answers by respondent" not in other and "respondent0" not in other


def test_withheld_results_page(team, small_instrument, make_round, answered):
    round = make_round(small_instrument, mode="anonymous")
    answered(round, [{"GOV1": 4}])
    c = web_client(team.researcher)
    html = assert_safe_page(c.get(f"/observatory/surveys/rounds/{round.pk}/results/"))
    assert 'data-withheld="open"' in html and "<img" not in html
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    html = assert_safe_page(c.get(f"/observatory/surveys/rounds/{round.pk}/results/"))
    assert 'data-withheld="too_few"' in html and "from 3 respondents" in html
    assert c.get(f"/observatory/surveys/rounds/{round.pk}/scores.csv").status_code == 409


def test_trend_and_comparison_pages(team, small_instrument, make_round, answered):
    first = _round_with_results(team, small_instrument, make_round, answered)
    other = make_round(small_instrument, network=team.other, title="Nettverket")
    answered(other, [{"GOV1": 5, "TRU1": 5}, {"GOV1": 4, "TRU1": 4}, {"GOV1": 5, "TRU1": 3}])
    rounds.round_close(actor=team.researcher, round_id=other.pk)
    c = web_client(team.lead)
    trend = assert_safe_page(c.get(f"/observatory/surveys/networks/{team.network.pk}/"))
    assert f'data-round="{first.pk}"' in trend and "chart.svg" in trend
    chart = c.get(f"/observatory/surveys/networks/{team.network.pk}/chart.svg")
    assert chart.status_code == 200 and b"<svg" in chart.content
    compare = assert_safe_page(c.get("/observatory/surveys/compare/"))
    assert f'data-round="{first.pk}"' in compare and f'data-round="{other.pk}"' in compare
    chosen = assert_safe_page(c.get(f"/observatory/surveys/compare/?round={other.pk}"))
    assert f'data-round="{first.pk}"' not in chosen
    svg = c.get(f"/observatory/surveys/compare/chart.svg?round={first.pk}&round={other.pk}")
    assert svg.status_code == 200 and svg.content.count(b"<svg") == 1
    home = assert_safe_page(c.get("/observatory/surveys/"))
    assert "Nettverket" in home and "Over time, per network" in home


def test_caseworkers_get_403_and_other_municipalities_404(
    team, small_instrument, make_round, answered, make_actor
):
    round = _round_with_results(team, small_instrument, make_round, answered)
    c = web_client(team.caseworker)
    for url in (
        "/observatory/surveys/",
        f"/observatory/surveys/rounds/{round.pk}/results/",
        f"/observatory/surveys/rounds/{round.pk}/chart.svg",
        f"/observatory/surveys/rounds/{round.pk}/scores.csv",
        f"/observatory/surveys/instruments/{small_instrument.pk}/",
    ):
        assert c.get(url).status_code == 403, url
    from tests.surveys.test_permissions import foreign_researcher

    outsider = web_client(foreign_researcher(make_actor))
    for url in (
        f"/observatory/surveys/rounds/{round.pk}/",
        f"/observatory/surveys/rounds/{round.pk}/results/",
        f"/observatory/surveys/rounds/{round.pk}/results.xlsx",
        f"/observatory/surveys/instruments/{small_instrument.pk}/",
        f"/observatory/surveys/networks/{team.network.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.get(f"/observatory/surveys/compare/?round={round.pk}").status_code == 400


def test_results_page_queries_do_not_grow_with_respondents(
    team, small_instrument, make_round, answered, django_assert_max_num_queries
):
    small = _round_with_results(team, small_instrument, make_round, answered)
    big = make_round(small_instrument, title="Stor")
    answered(big, [{"GOV1": 1 + n % 5, "GOV2": 1 + n % 3, "TRU1": 2 + n % 4} for n in range(40)])
    rounds.round_close(actor=team.researcher, round_id=big.pk)
    c = web_client(team.researcher)
    counts = []
    for round in (small, big):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/observatory/surveys/rounds/{round.pk}/results/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(20):
        c.get(f"/observatory/surveys/networks/{team.network.pk}/")
