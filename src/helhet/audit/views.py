from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit import review_queue as review_queue_selectors
from helhet.audit import selectors
from helhet.audit.forms import ReviewOutcomeForm
from helhet.audit.models import Channel, ReviewRule, ReviewVerdict
from helhet.audit.policies import can_see_organisation_log
from helhet.core.errors import ValidationFailed
from helhet.core.web import attempt, of_kinds, through, with_actor
from helhet.tenancy.actor import Actor

ACCESS_LOG_PAGE_SIZE = 100


@with_actor
def access_log(request: HttpRequest, actor: Actor) -> HttpResponse:
    scope = request.GET.get("scope", "")
    if can_see_organisation_log(actor):
        if scope == "by_others":
            events = selectors.reads_of_our_data(actor=actor)
        else:
            scope = "organisation"
            events = selectors.organisation_access_log(actor=actor)
    else:
        scope = "mine"
        events = selectors.my_access_log(actor=actor)
    page = Paginator(events, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.html",
        {"events": page.object_list, "page": page, "scope": scope},
    )


# --- Log review: the privacy officer's queue ---------------------------------------------

REVIEW_PAGE_SIZE = 50


@with_actor
def review_queue(request: HttpRequest, actor: Actor) -> HttpResponse:
    rule = request.GET.get("rule", "")
    outcome = request.GET.get("outcome", review_queue_selectors.OPEN)
    flags = review_queue_selectors.review_flags_for(actor=actor, rule=rule, outcome=outcome)
    page = Paginator(flags, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/review_queue.html",
        {
            "page": page,
            "rule": rule,
            "outcome": outcome,
            "rules": ReviewRule.choices,
            "outcomes": [
                (review_queue_selectors.OPEN, _("Waiting for review")),
                *ReviewVerdict.choices,
            ],
            "counts": review_queue_selectors.review_counts_for(actor=actor),
        },
    )


@with_actor
def review_flag_detail(request: HttpRequest, actor: Actor, flag_id: int) -> HttpResponse:
    flag = review_queue_selectors.review_flag_get_for(actor=actor, flag_id=flag_id)
    form = ReviewOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = attempt(
            form,
            lambda: review_queue_selectors.review_outcome_record(
                actor=actor, flag_id=flag.pk, verdict=data["verdict"], note=data["note"]
            ),
            shown=of_kinds(ValidationFailed),
        )
        if recorded.ok:
            messages.success(request, _("The outcome was recorded."))
            return redirect("web:review_flag", flag_id=flag.pk)
    return render(request, "audit/review_flag.html", {"flag": flag, "form": form, "revealed": None})


@require_POST
@with_actor
def review_flag_person(request: HttpRequest, actor: Actor, flag_id: int) -> HttpResponse:
    """Show whom the flagged read was about: a logged read of the person's identity, asked
    for with a button (POST), so no prefetch or crawler reads anyone."""
    revealed = review_queue_selectors.review_flag_person_for(
        actor=actor, flag_id=flag_id, channel=Channel.WEB, through=through(request)
    )
    return render(
        request,
        "audit/review_flag.html",
        {"flag": revealed.flag, "form": ReviewOutcomeForm(), "revealed": revealed},
    )
