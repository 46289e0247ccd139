"""Relationship networks in the web UI: rounds, the rating form, the analyses and the map."""

from __future__ import annotations

from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.web import attempt, with_actor
from helhet.observatory.policies import can_use_observatory, require_observatory
from helhet.relations import chart, operational, policies, selectors, services
from helhet.relations.forms import ComparisonForm, RatingsForm, RoundForm, ThresholdForm
from helhet.relations.models import WORKS_TOGETHER
from helhet.tenancy.actor import Actor


@with_actor
def relations_index(request: HttpRequest, actor: Actor) -> HttpResponse:
    observatory = can_use_observatory(actor)
    context: dict[str, Any] = {
        "to_answer": selectors.rounds_to_answer(actor=actor),
        "observatory": observatory,
        "rounds": selectors.round_list(actor=actor) if observatory else [],
        "can_open": observatory and selectors.networks_to_run(actor=actor).exists(),
    }
    return render(request, "relations/index.html", context)


@with_actor
def relations_round_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    networks = selectors.networks_to_run(actor=actor)
    network_ref = request.GET.get("network", "")
    form = RoundForm(
        request.POST or None,
        networks=networks,
        initial={"network": int(network_ref)} if network_ref.isdigit() else None,
    )
    if request.method == "POST" and form.is_valid():
        rating_round = attempt(
            form,
            lambda: services.round_create(
                actor=actor,
                network_id=form.cleaned_data["network"].pk,
                title=form.cleaned_data["title"],
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
            ),
        ).value
        if rating_round is not None:
            messages.success(request, _("The rating round was opened."))
            return redirect("web:relations_round_detail", round_id=rating_round.pk)
    return render(
        request,
        "relations/round_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@with_actor
def relations_round_detail(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    require_observatory(actor)
    form = ThresholdForm(request.GET or None)
    threshold = form.cleaned_data["threshold"] if form.is_bound and form.is_valid() else None
    m = selectors.round_metrics(
        actor=actor, round_id=round_id, threshold=threshold or WORKS_TOGETHER
    )
    return render(
        request,
        "relations/round_detail.html",
        {"m": m, "view": m.view, "round": m.view.round, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def relations_round_close(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    services.round_close(actor=actor, round_id=round_id)
    messages.success(request, _("The rating round was closed."))
    return redirect("web:relations_round_detail", round_id=round_id)


@with_actor
def relations_rating_form(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    view = selectors.round_view(actor=actor, round_id=round_id)
    policies.require_rater(actor, view.round)
    others = [o for o in view.organisations if o.pk != actor.organisation_id]
    given = selectors.ratings_given(rating_round=view.round, organisation_id=actor.organisation_id)
    form = RatingsForm(request.POST or None, organisations=others, given=given)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.ratings_submit(actor=actor, round_id=round_id, ratings=form.specs()),
        ).ok
    ):
        messages.success(request, _("Thank you: your organisation's answer was saved."))
        return redirect("web:relations_index")
    return render(
        request,
        "relations/rating_form.html",
        {"view": view, "round": view.round, "form": form, "answered": bool(given)},
        status=400 if form.errors else 200,
    )


# matplotlib writes style attributes into its SVG: allowed for this one image response only.
@csp_replace({"style-src": [SELF, UNSAFE_INLINE]})
@with_actor
def relations_round_map(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    form = ThresholdForm(request.GET or None)
    threshold = form.cleaned_data["threshold"] if form.is_bound and form.is_valid() else None
    m = selectors.round_metrics(
        actor=actor, round_id=round_id, threshold=threshold or WORKS_TOGETHER
    )
    response = HttpResponse(chart.network_map_svg(m), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@with_actor
def relations_comparison(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    require_observatory(actor)
    form = ComparisonForm(request.GET or None)
    options: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        options = {k: v for k, v in form.cleaned_data.items() if v is not None}
    comparison = attempt(
        form,
        lambda: operational.stated_vs_operational(actor=actor, round_id=round_id, **options),
    ).value
    if comparison is None:
        view = selectors.round_view(actor=actor, round_id=round_id)
    else:
        view = comparison.view
        if not form.is_bound:
            form = ComparisonForm(
                initial={"start": comparison.start, "end": comparison.end, "min_count": 1}
            )
    return render(
        request,
        "relations/comparison.html",
        {"c": comparison, "view": view, "round": view.round, "form": form},
        status=400 if form.errors else 200,
    )
