from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.errors import ValidationFailed
from helhet.networks import selectors, services
from helhet.networks.forms import MemberForm, NetworkForm, StatusForm
from helhet.networks.selectors import NetworkView
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list
from helhet.web.decorators import with_actor


@with_actor
def network_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    networks = selectors.network_list(actor=actor)
    return render(request, "networks/network_list.html", {"networks": networks})


@with_actor
def network_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    parent = request.GET.get("parent", "")
    parent_id = int(parent) if parent.isdigit() else None
    form = NetworkForm(
        request.POST or None,
        organisations=organisations_list(municipality_id=actor.municipality_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(
                actor=actor, parent_id=parent_id, **form.network_fields()
            )
        except ValidationFailed as exc:
            form.add_error(None, _(exc.message))
        else:
            messages.success(request, _("The network was created."))
            return redirect("web:network_detail", network_id=network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": None},
        status=400 if form.errors else 200,
    )


@with_actor
def network_edit(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    n = selectors.network_get(actor=actor, network_id=network_id)
    initial = {
        "name": n.name,
        "kind": n.kind,
        "type": n.type,
        "target_population": n.target_population,
        "districts": n.districts,
        "leadership_model": n.leadership_model,
        "lead_organisation": n.lead_organisation_id,
        "informal_leaders": n.informal_leaders,
    }
    form = NetworkForm(
        request.POST or None,
        initial=initial,
        organisations=organisations_list(municipality_id=actor.municipality_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(actor=actor, network_id=n.pk, **form.network_fields())
        except ValidationFailed as exc:
            form.add_error(None, _(exc.message))
        else:
            messages.success(request, _("The network was saved."))
            return redirect("web:network_detail", network_id=n.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": n},
        status=400 if form.errors else 200,
    )


def _page(
    request: HttpRequest, actor: Actor, view: NetworkView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    orgs = organisations_list(municipality_id=actor.municipality_id)
    context = {
        "view": view,
        "network": view.network,
        "member_form": bound.get("member_form") or MemberForm(organisations=orgs),
        "status_form": bound.get("status_form")
        or StatusForm(initial={"status": view.network.status}),
    }
    return render(request, "networks/network_detail.html", context, status=status)


@with_actor
def network_detail(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    return _page(request, actor, selectors.network_detail(actor=actor, network_id=network_id))


@require_POST
@with_actor
def network_member_add(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = MemberForm(
        request.POST, organisations=organisations_list(municipality_id=actor.municipality_id)
    )
    if form.is_valid():
        try:
            services.member_add(
                actor=actor,
                network_id=network_id,
                organisation_id=form.cleaned_data["organisation"].pk,
                role=form.cleaned_data["role"],
            )
        except ValidationFailed as exc:
            form.add_error(None, _(exc.message))
        else:
            messages.success(request, _("The member was added."))
            return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, member_form=form)


@require_POST
@with_actor
def network_status(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.network_status_change(
                actor=actor, network_id=network_id, status=form.cleaned_data["status"]
            )
        except ValidationFailed as exc:
            form.add_error(None, _(exc.message))
        else:
            messages.success(request, _("The lifecycle stage was changed."))
            return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, status_form=form)
