"""Exports (CSV and XLSX, anonymous without identity) and comparisons over time and between
networks."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from helhet.surveys import results, rounds, services
from helhet.surveys.errors import RoundNotFound
from helhet.surveys.exports import safe
from tests.plans.conftest import web_client
from tests.surveys.conftest import at

SHEETS = [
    {"GOV1": 4, "GOV2": 2, "TRU1": 3},
    {"GOV1": 5, "GOV2": 1, "TRU1": 4},
    {"GOV1": 3, "GOV2": 3},
]


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:500]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_anonymous_answers_export_has_no_identity(team, small_instrument, make_round, answered):
    round = make_round(small_instrument, mode="anonymous")
    answered(round, SHEETS)
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    c = web_client(team.researcher)
    rows = _csv(c.get(f"/observatory/surveys/rounds/{round.pk}/answers.csv"))
    assert rows[0] == ["GOV1", "GOV2", "TRU1", "score_governance", "score_trust"]
    assert sorted(rows[1:]) == sorted(
        [["4", "2", "3", "4.0", "3.0"], ["5", "1", "4", "5.0", "4.0"], ["3", "3", "", "3.0", ""]]
    )
    text = c.get(f"/observatory/surveys/rounds/{round.pk}/answers.csv").content.decode()
    assert "respondent" not in text and "@example.org" not in text
    # Only the owner exports answers.
    assert (
        web_client(team.lead).get(f"/observatory/surveys/rounds/{round.pk}/answers.csv").status_code
        == 403
    )


def test_named_answers_scores_and_workbook(team, small_instrument, make_round, answered):
    round = make_round(small_instrument, mode="named")
    answered(round, SHEETS, now=at(timezone.localdate(), 11))
    c = web_client(team.researcher)
    answers = _csv(c.get(f"/observatory/surveys/rounds/{round.pk}/answers.csv"))
    assert answers[0][:2] == ["respondent", "submitted_at"]
    assert {r[0] for r in answers[1:]} == {
        f"respondent{n}.{round.pk}@example.org" for n in range(3)
    }
    assert all(r[1].endswith("+01:00") or r[1].endswith("+02:00") for r in answers[1:])
    scores = _csv(c.get(f"/observatory/surveys/rounds/{round.pk}/scores.csv"))
    header, governance, trust = scores
    assert header[8:] == [
        "construct",
        "construct_label",
        "n",
        "mean",
        "ci95_low",
        "ci95_high",
        "band",
        "band_certain",
    ]
    assert governance[8] == "governance" and governance[10] == "3"
    assert float(governance[11]) == pytest.approx(4.0)  # (4+4)/2, (5+5)/2, (3+3)/2
    assert trust[10] == "2" and trust[11] == "3.5" and trust[14] == "borderline"
    workbook = c.get(f"/observatory/surveys/rounds/{round.pk}/results.xlsx")
    assert workbook.status_code == 200
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["Scores", "Statements", "Histogram", "Answers"]
    statements = list(book["Statements"].values)
    assert statements[0][0] == "code" and statements[2][:6] == (
        "GOV2",
        "governance",
        2,
        "Én part bestemmer alt.",
        None,
        True,
    )
    assert statements[2][7:12] == (1, 1, 1, 0, 0)  # answers 1–5 as given
    answer_sheet = list(book["Answers"].values)
    assert answer_sheet[0][0] == "respondent" and len(answer_sheet) == 4
    # Another observatory user's workbook has no answers.
    other = web_client(team.lead).get(f"/observatory/surveys/rounds/{round.pk}/results.xlsx")
    assert load_workbook(io.BytesIO(other.content)).sheetnames == [
        "Scores",
        "Statements",
        "Histogram",
    ]


def test_formula_like_text_is_quoted():
    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe("-2") == "'-2" and safe(3) == 3 and safe("Vi") == "Vi"


def test_comparison_over_time_orders_by_close_date_and_measures_change(
    team, small_instrument, make_round, answered
):
    today = timezone.localdate()
    later = make_round(small_instrument, title="Høst", opens_on=today, closes_on=today)
    earlier = make_round(
        small_instrument,
        title="Vår",
        opens_on=today - timedelta(days=120),
        closes_on=today - timedelta(days=100),
    )
    answered(earlier, [{"GOV1": 2, "TRU1": 2}, {"GOV1": 1, "TRU1": 3}, {"GOV1": 2, "TRU1": 2}])
    answered(later, [{"GOV1": 5, "TRU1": 3}, {"GOV1": 4, "TRU1": 2}, {"GOV1": 5, "TRU1": 2}])
    make_round(
        small_instrument,
        title="Neste",
        opens_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=40),
    )
    rounds.round_close(actor=team.researcher, round_id=later.pk)
    trend = results.network_trend(actor=team.lead, network_id=team.network.pk)
    # The planned round is left out; the rest come oldest first.
    assert [r.round.title for r in trend.rounds] == ["Vår", "Høst"]
    (step,) = trend.steps
    change = {c.construct: c for c in step.changes}
    assert change["governance"].difference == pytest.approx(14 / 3 - 5 / 3)
    assert change["governance"].clear and change["governance"].interval.low > 0
    assert change["trust"].difference == pytest.approx(7 / 3 - 7 / 3)
    assert not change["trust"].clear


def test_comparison_between_networks(team, small_instrument, make_round, answered):
    mine = make_round(small_instrument, title="OSK")
    answered(mine, SHEETS)
    other_instrument = services.instrument_copy(
        actor=team.researcher, instrument_id=small_instrument.pk, name="Annen"
    )
    theirs = make_round(other_instrument, network=team.other, title="Nettverket")
    answered(theirs, [{"GOV1": 5}, {"GOV1": 4}, {"GOV1": 5, "TRU1": 5}])
    for r in (mine, theirs):
        rounds.round_close(actor=team.researcher, round_id=r.pk)
    chosen = results.default_comparison_ids(results.comparable_rounds(actor=team.lead))
    assert set(chosen) == {mine.pk, theirs.pk}
    comparison = results.rounds_comparison(actor=team.lead, round_ids=chosen)
    assert not comparison.same_instrument  # compared construct by construct
    by_network = {r.round.network.name: r for r in comparison.rounds}
    assert by_network["Nettverk for unge familier"].construct("governance").mean == pytest.approx(
        14 / 3
    )
    assert by_network["OSK-teamet"].construct("governance").mean == pytest.approx(4.0)
    same = results.rounds_comparison(actor=team.lead, round_ids=[mine.pk])
    assert same.same_instrument
    with pytest.raises(RoundNotFound):
        results.rounds_comparison(actor=team.lead, round_ids=[mine.pk, 10**9])
