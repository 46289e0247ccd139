from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import attempt, every_refusal, through, with_actor
from helhet.people.selectors import person_get_for
from helhet.referrals import policies, selectors, services
from helhet.referrals.forms import OutcomeForm, ReasonForm, RedirectForm, ReferralForm
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list


def _other_organisations(actor: Actor):  # type: ignore[no-untyped-def]
    return organisations_list(municipality_id=actor.municipality_id).exclude(
        pk=actor.organisation_id
    )


@with_actor
def referral_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "referrals/referral_list.html",
        {
            "inbox": selectors.referral_inbox_for(
                actor=actor, channel=Channel.WEB, through=through(request)
            ),
            "outbox": selectors.referral_outbox_for(
                actor=actor, channel=Channel.WEB, through=through(request)
            ),
            "back_and_forth": selectors.back_and_forth_for(
                actor=actor, channel=Channel.WEB, through=through(request)
            ),
        },
    )


@with_actor
def referral_send(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    view = person_get_for(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    form = ReferralForm(request.POST or None, organisations=_other_organisations(actor))
    if request.method == "POST" and form.is_valid():
        referral = attempt(
            form,
            lambda: services.referral_send(
                actor=actor,
                person_id=person_id,
                to_organisation_id=form.cleaned_data["to_organisation"].pk,
                reason=form.cleaned_data["reason"],
                categories=form.cleaned_data["categories"],
            ),
            shown=every_refusal,
        ).value
        if referral is not None:
            messages.success(
                request,
                _("The referral was sent. Acknowledge by %(d)s.")
                % {"d": referral.deadline.strftime("%d.%m.%Y")},
            )
            return redirect("web:referral_detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/referral_send.html",
        {"form": form, "person": view.person},
        status=400 if form.errors else 200,
    )


@with_actor
def referral_detail(request: HttpRequest, actor: Actor, referral_id: int) -> HttpResponse:
    view = selectors.referral_get_for(
        actor=actor, referral_id=referral_id, channel=Channel.WEB, through=through(request)
    )
    referral = view.referral
    receiver = policies.is_receiver(actor, referral)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "view": view,
            "referral": referral,
            "receiver": receiver,
            "reason_form": ReasonForm(),
            "outcome_form": OutcomeForm(),
            "redirect_form": RedirectForm(organisations=_other_organisations(actor)),
        },
    )


@require_POST
@with_actor
def referral_step(request: HttpRequest, actor: Actor, referral_id: int, step: str) -> HttpResponse:
    data = request.POST
    target = referral_id
    try:
        if step == "acknowledge":
            services.referral_acknowledge(actor=actor, referral_id=referral_id)
        elif step == "accept":
            services.referral_accept(actor=actor, referral_id=referral_id)
        elif step == "decline":
            services.referral_decline(
                actor=actor, referral_id=referral_id, reason=data.get("reason", "")
            )
        elif step == "complete":
            services.referral_complete(
                actor=actor, referral_id=referral_id, outcome=data.get("outcome", "")
            )
        elif step == "withdraw":
            services.referral_withdraw(
                actor=actor, referral_id=referral_id, reason=data.get("reason", "")
            )
        elif step == "redirect":
            org = data.get("to_organisation", "")
            new = services.referral_redirect(
                actor=actor,
                referral_id=referral_id,
                to_organisation_id=int(org) if org.isdigit() else 0,
                reason=data.get("reason", ""),
            )
            target = new.pk if new.to_organisation_id == actor.organisation_id else referral_id
        else:
            return render(
                request,
                "web/error.html",
                {"message": _("Unknown step."), "status": 404},
                status=404,
            )
    except HelhetError as exc:
        if exc.status_code == 404:
            raise
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("Saved."))
    return redirect("web:referral_detail", referral_id=target)
