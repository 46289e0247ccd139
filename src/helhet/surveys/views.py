"""The observatory's survey pages: instruments and their statements, rounds and invitations.
Results, charts and exports are in ``result_views``; the respondent's page in
``respond_views``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from helhet.core.web import attempt, with_actor
from helhet.surveys import policies, rounds, selectors, services
from helhet.surveys.forms import (
    START_DEFAULT,
    CopyForm,
    InstrumentCreateForm,
    InstrumentForm,
    InviteForm,
    ItemForm,
    RoundForm,
)
from helhet.surveys.rounds import InvitationLink
from helhet.surveys.selectors import InstrumentView, RoundView
from helhet.tenancy.actor import Actor


@with_actor
def survey_home(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "surveys/home.html",
        {
            "instruments": selectors.instrument_list(actor=actor),
            "rounds": selectors.round_list(actor=actor),
            "networks": selectors.survey_networks(actor=actor)
            .filter(survey_rounds__isnull=False)
            .distinct(),
        },
    )


@with_actor
def survey_instrument_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    selectors.instruments_for(actor)  # the observatory check, before any form is shown
    form = InstrumentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["start"] == START_DEFAULT:
            instrument = attempt(
                form,
                lambda: services.instrument_create_default(
                    actor=actor, name=data["name"], description=data["description"]
                ),
            ).value
        else:
            instrument = attempt(
                form,
                lambda: services.instrument_create(
                    actor=actor, name=data["name"], description=data["description"]
                ),
            ).value
        if instrument is not None:
            messages.success(request, _("The instrument was created."))
            return redirect("web:survey_instrument_detail", instrument_id=instrument.pk)
    return render(
        request,
        "surveys/instrument_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _instrument_page(
    request: HttpRequest, view: InstrumentView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    instrument = view.instrument
    context: dict[str, Any] = {"view": view, "instrument": instrument, "copy_form": CopyForm()}
    if view.can_edit:
        context["item_form"] = ItemForm()
        context["instrument_form"] = InstrumentForm(
            initial={"name": instrument.name, "description": instrument.description}
        )
    context |= bound
    return render(request, "surveys/instrument_detail.html", context, status=status)


@with_actor
def survey_instrument_detail(
    request: HttpRequest, actor: Actor, instrument_id: int
) -> HttpResponse:
    return _instrument_page(
        request, selectors.instrument_detail(actor=actor, instrument_id=instrument_id)
    )


@require_POST
@with_actor
def survey_instrument_update(
    request: HttpRequest, actor: Actor, instrument_id: int
) -> HttpResponse:
    view = selectors.instrument_detail(actor=actor, instrument_id=instrument_id)
    form = InstrumentForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.instrument_update(
                actor=actor, instrument_id=instrument_id, **form.cleaned_data
            ),
        ).ok
    ):
        messages.success(request, _("The instrument was saved."))
        return redirect("web:survey_instrument_detail", instrument_id=instrument_id)
    return _instrument_page(request, view, status=400, instrument_form=form)


@require_POST
@with_actor
def survey_instrument_copy(request: HttpRequest, actor: Actor, instrument_id: int) -> HttpResponse:
    view = selectors.instrument_detail(actor=actor, instrument_id=instrument_id)
    form = CopyForm(request.POST)
    copy = None
    if form.is_valid():
        copy = attempt(
            form,
            lambda: services.instrument_copy(
                actor=actor, instrument_id=instrument_id, name=form.cleaned_data["name"]
            ),
        ).value
    if copy is not None:
        messages.success(request, _("The copy was made. You can edit it now."))
        return redirect("web:survey_instrument_detail", instrument_id=copy.pk)
    return _instrument_page(request, view, status=400, copy_form=form)


@require_POST
@with_actor
def survey_item_add(request: HttpRequest, actor: Actor, instrument_id: int) -> HttpResponse:
    view = selectors.instrument_detail(actor=actor, instrument_id=instrument_id)
    form = ItemForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.item_add(
                actor=actor, instrument_id=instrument_id, **form.cleaned_data
            ),
        ).ok
    ):
        messages.success(request, _("The statement was added."))
        return redirect("web:survey_instrument_detail", instrument_id=instrument_id)
    return _instrument_page(request, view, status=400, item_form=form)


@with_actor
def survey_item_edit(request: HttpRequest, actor: Actor, item_id: int) -> HttpResponse:
    item = selectors.item_get(actor=actor, item_id=item_id)
    policies.require_instrument_editor(actor, item.instrument)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_of(item))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.item_update(actor=actor, item_id=item_id, **form.cleaned_data),
        ).ok
    ):
        messages.success(request, _("The statement was saved."))
        return redirect("web:survey_instrument_detail", instrument_id=item.instrument_id)
    return render(
        request,
        "surveys/item_form.html",
        {"form": form, "item": item, "instrument": item.instrument},
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def survey_item_remove(request: HttpRequest, actor: Actor, item_id: int) -> HttpResponse:
    item = selectors.item_get(actor=actor, item_id=item_id)
    services.item_remove(actor=actor, item_id=item_id)
    messages.success(request, _("The statement was removed."))
    return redirect("web:survey_instrument_detail", instrument_id=item.instrument_id)


@with_actor
def survey_round_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    initial: dict[str, Any] = {}
    for key in ("network", "instrument"):
        ref = request.GET.get(key, "")
        if ref.isdigit():
            initial[key] = int(ref)
    form = RoundForm(
        request.POST or None,
        initial=initial,
        networks=selectors.survey_networks(actor=actor),
        instruments=selectors.instruments_for(actor),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round = attempt(
            form,
            lambda: rounds.round_create(
                actor=actor,
                instrument_id=data["instrument"].pk,
                network_id=data["network"].pk,
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                mode=data["mode"],
            ),
        ).value
        if round is not None:
            messages.success(request, _("The round was created. Invite the respondents now."))
            return redirect("web:survey_round_detail", round_id=round.pk)
    return render(
        request, "surveys/round_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _round_page(
    request: HttpRequest,
    actor: Actor,
    view: RoundView,
    *,
    status: int = 200,
    links: list[InvitationLink] | None = None,
    **bound: Any,
) -> HttpResponse:
    context: dict[str, Any] = {"view": view, "round": view.round, "links": links or []}
    if view.is_owner and view.state != selectors.CLOSED:
        context["invite_form"] = InviteForm(staff=selectors.invitable_staff(actor=actor))
    context |= bound
    return render(request, "surveys/round_detail.html", context, status=status)


@with_actor
def survey_round_detail(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    return _round_page(request, actor, selectors.round_detail(actor=actor, round_id=round_id))


@require_POST
@with_actor
def survey_round_invite(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    view = selectors.round_detail(actor=actor, round_id=round_id)
    form = InviteForm(request.POST, staff=selectors.invitable_staff(actor=actor))
    links = None
    if form.is_valid():
        links = attempt(
            form,
            lambda: rounds.invitations_create(
                actor=actor,
                round_id=round_id,
                representatives=form.cleaned_data["representatives"],
                user_ids=[u.pk for u in form.cleaned_data["users"]],
                emails=form.email_list(),
            ),
        ).value
    if links is None:
        return _round_page(request, actor, view, status=400, invite_form=form)
    messages.success(
        request,
        ngettext("%(count)d invitation was made.", "%(count)d invitations were made.", len(links))
        % {"count": len(links)},
    )
    # The links of invitees without an address are shown this once; nothing else keeps them.
    by_hand = [link for link in links if not link.address]
    fresh = selectors.round_detail(actor=actor, round_id=round_id)
    return _round_page(request, actor, fresh, links=by_hand)


@require_POST
@with_actor
def survey_invitation_renew(request: HttpRequest, actor: Actor, invitation_id: int) -> HttpResponse:
    link = rounds.invitation_renew(actor=actor, invitation_id=invitation_id)
    round_id = link.invitation.round_id
    if link.address:
        messages.success(request, _("A new link was sent; the old one no longer works."))
        return redirect("web:survey_round_detail", round_id=round_id)
    view = selectors.round_detail(actor=actor, round_id=round_id)
    return _round_page(request, actor, view, links=[link])


@require_POST
@with_actor
def survey_round_close(request: HttpRequest, actor: Actor, round_id: int) -> HttpResponse:
    rounds.round_close(actor=actor, round_id=round_id)
    messages.success(request, _("The round was closed; the links no longer work."))
    return redirect("web:survey_round_detail", round_id=round_id)
