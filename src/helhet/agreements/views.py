from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.agreements import selectors, services
from helhet.errors import HelhetError
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role
from helhet.web.decorators import with_actor


@with_actor
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "agreements/agreement_list.html",
        {"agreements": selectors.agreements_for(actor=actor)},
    )


@with_actor
def agreement_detail(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    view = selectors.agreement_detail_for(actor=actor, agreement_id=agreement_id)
    can_sign = (
        actor.role == Role.MANAGER
        and any(o.pk == actor.organisation_id for o in view.parties)
        and actor.organisation_id not in view.signed
    )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "view": view,
            "agreement": view.agreement,
            "version": view.version,
            "can_sign": can_sign,
            "signatures": [(o, view.signed.get(o.pk)) for o in view.parties],
        },
    )


@require_POST
@with_actor
def agreement_sign(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    version = request.POST.get("version", "")
    try:
        services.agreement_sign(
            actor=actor,
            agreement_id=agreement_id,
            version_number=int(version) if version.isdigit() else 0,
        )
    except HelhetError as exc:
        if exc.status_code == 404:
            raise
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("Signed."))
    return redirect("web:agreement_detail", agreement_id=agreement_id)
