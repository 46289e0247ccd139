"""Dashboard, membership switch, account and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.audit.policies import can_review_log
from helhet.audit.review_queue import review_counts_for
from helhet.consent.selectors import caseload_for, involvements_of_actor
from helhet.core.web import through, with_actor
from helhet.meetings.selectors import upcoming_meetings_for
from helhet.people.policies import can_work_with_people
from helhet.plans.selectors import overdue_measures_for
from helhet.referrals.selectors import referral_inbox_for
from helhet.tenancy import services as tenancy_services
from helhet.tenancy.actor import Actor
from helhet.tenancy.errors import TokenNotFound
from helhet.tenancy.policies import can_administer_organisations
from helhet.tenancy.resolver import SESSION_KEY
from helhet.tenancy.selectors import actor_for, api_tokens_of, organisations_list
from helhet.transitions.selectors import transition_list_for


@with_actor
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    context: dict[str, object] = {"role": actor.role}
    if can_work_with_people(actor):
        where = through(request)
        context["caseload"] = caseload_for(actor=actor, channel=Channel.WEB, through=where)
        # A count of the organisation's own cases reveals nothing about other agencies.
        context["open_cases"] = involvements_of_actor(actor).count()
        inbox = referral_inbox_for(actor=actor, channel=Channel.WEB, through=where, limit=50)
        context["inbox"] = inbox[:8]
        context["inbox_count"] = len(inbox)
        context["inbox_overdue"] = sum(1 for r in inbox if getattr(r, "overdue", False))
        context["overdue_measures"] = overdue_measures_for(actor)
        context["meetings"] = upcoming_meetings_for(actor)
        context["transitions"] = transition_list_for(actor=actor, through=where)
    if can_administer_organisations(actor):
        context["organisations"] = organisations_list(municipality_id=actor.municipality_id)
    if can_review_log(actor):
        context["review_open"] = sum(review_counts_for(actor=actor).values())
    return render(request, "web/dashboard.html", context)


@require_POST
@with_actor
def membership_switch(request: HttpRequest, actor: Actor) -> HttpResponse:
    try:
        membership_id = int(request.POST.get("membership", ""))
    except ValueError:
        membership_id = -1
    chosen = actor_for(actor.user, membership_id)  # raises a 404 page for a foreign membership
    request.session[SESSION_KEY] = chosen.membership.pk
    messages.success(request, _("You now act as %(m)s.") % {"m": chosen})
    return redirect("web:dashboard")


@with_actor
def account(request: HttpRequest, actor: Actor) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token_id = request.POST["revoke"]
            if not token_id.isdigit():
                raise TokenNotFound()
            tenancy_services.api_token_revoke(actor=actor, token_id=int(token_id))
            messages.success(request, _("The token was revoked."))
            return redirect("web:account")
        _token, new_key = tenancy_services.api_token_create(
            actor=actor, name=request.POST.get("name", "").strip()[:100] or "API"
        )
    tokens = api_tokens_of(actor.user)
    return render(request, "web/account.html", {"tokens": tokens, "new_key": new_key})
