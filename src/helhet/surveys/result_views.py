"""Results of survey rounds on the web: a round's scores and distributions, its exports, the
comparison over time for a network and between networks, and their charts.

Each chart is an SVG from matplotlib served by its own view. matplotlib writes style
attributes into the SVG, so only these image responses allow inline style
(``csp_replace``); no page does, and no response allows script.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helhet.core.web import with_actor
from helhet.observatory.constructs import Construct
from helhet.surveys import exports, policies, results, selectors
from helhet.surveys.chart import Series, construct_chart_svg, series_of
from helhet.surveys.forms import CompareForm
from helhet.surveys.models import SCALE
from helhet.surveys.results import Comparison, RoundResults
from helhet.tenancy.actor import Actor

SVG_STYLE = csp_replace({"style-src": [SELF, UNSAFE_INLINE]})


def _svg(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An image view: inline style allowed for this response only, and never cached by a
    shared cache (the chart shows one municipality's results)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"
        return response

    return SVG_STYLE(wrapper)  # type: ignore[return-value]


def _svg_response(series: list[Series], *, title: str, description: str) -> HttpResponse:
    return HttpResponse(
        construct_chart_svg(series, title=title, description=description),
        content_type="image/svg+xml",
    )


def _table(rounds: list[RoundResults]) -> dict[str, object]:
    """Rows of rounds with one cell per construct, aligned even when an instrument leaves a
    construct out."""
    constructs = list(Construct)
    return {
        "constructs": constructs,
        "rows": [(r, [r.construct(c.value) for c in constructs]) for r in rounds],
    }


def round_label(r: RoundResults) -> str:
    return f"{r.round.title} ({r.closed_on.isoformat()})"


@with_actor
def survey_round_results(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    found = results.round_results(actor=actor, round_id=round_id)
    language = get_language()
    return render(
        request,
        "surveys/round_results.html",
        {
            "results": found,
            "round": found.round,
            "is_owner": policies.can_manage_round(actor, found.round),
            "scale": SCALE,
            "item_rows": [(i, i.item.text_in(language)) for i in found.items],
            "named_rows": [
                (r.who, [r.answers.get(i.item.pk) for i in found.items]) for r in found.named
            ],
        },
    )


@_svg
@with_actor
def survey_round_chart(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    found = results.round_results(actor=actor, round_id=round_id)
    series = [series_of(found, found.round.title)] if found.withheld is None else []
    return _svg_response(
        series,
        title=found.round.title,
        description=_("Mean score per construct with 95 % BCa bootstrap intervals."),
    )


@with_actor
def survey_round_answers_csv(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    round = selectors.round_get(actor=actor, round_id=round_id)
    policies.require_round_manager(actor, round)
    return exports.answers_csv(results.round_results_or_withheld(actor=actor, round_id=round_id))


@with_actor
def survey_round_scores_csv(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    return exports.scores_csv(results.round_results_or_withheld(actor=actor, round_id=round_id))


@with_actor
def survey_round_xlsx(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    found = results.round_results_or_withheld(actor=actor, round_id=round_id)
    return exports.workbook_xlsx(found, with_answers=policies.can_manage_round(actor, found.round))


@with_actor
def survey_network_trend(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    trend = results.network_trend(actor=actor, network_id=network_id)
    return render(
        request,
        "surveys/trend.html",
        {"trend": trend, "network": trend.network, **_table(trend.rounds)},
    )


@_svg
@with_actor
def survey_network_trend_chart(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    trend = results.network_trend(actor=actor, network_id=network_id)
    return _svg_response(
        [series_of(r, round_label(r)) for r in trend.rounds if r.withheld is None],
        title=trend.network.name,
        description=_("Mean score per construct in each round, oldest first, with 95 % intervals."),
    )


def _chosen(request: HttpRequest, actor: Actor) -> tuple[CompareForm, list[int]]:
    choices = results.comparable_rounds(actor=actor)
    queryset = selectors.rounds_for(actor).filter(pk__in=[r.pk for r in choices])
    queryset = queryset.select_related("network").order_by("network__name", "-closes_on", "-id")
    if "round" in request.GET:
        form = CompareForm(request.GET, rounds=queryset)
        ids = [r.pk for r in form.cleaned_data["round"]] if form.is_valid() else []
    else:
        ids = results.default_comparison_ids(choices)
        form = CompareForm(initial={"round": ids}, rounds=queryset)
    return form, ids[: results.MAX_COMPARED]


@with_actor
def survey_compare(request: HttpRequest, actor: Actor) -> HttpResponse:
    form, ids = _chosen(request, actor)
    comparison: Comparison | None = (
        results.rounds_comparison(actor=actor, round_ids=ids) if ids else None
    )
    query = "&".join(f"round={pk}" for pk in ids)
    return render(
        request,
        "surveys/compare.html",
        {
            "form": form,
            "comparison": comparison,
            "query": query,
            **_table(comparison.rounds if comparison else []),
        },
        status=400 if form.errors else 200,
    )


@_svg
@with_actor
def survey_compare_chart(request: HttpRequest, actor: Actor) -> HttpResponse:
    _form, ids = _chosen(request, actor)
    comparison = results.rounds_comparison(actor=actor, round_ids=ids) if ids else None
    rounds = comparison.rounds if comparison else []
    return _svg_response(
        [
            series_of(r, f"{r.round.network.name}: {round_label(r)}")
            for r in rounds
            if r.withheld is None
        ],
        title=_("Comparison between rounds"),
        description=_("Mean score per construct in each chosen round, with 95 % intervals."),
    )
