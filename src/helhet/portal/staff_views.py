"""The staff side of Min side: a child-welfare service restricts what a guardian sees."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import through, with_actor
from helhet.portal import services, staff_selectors
from helhet.tenancy.actor import Actor


@with_actor
def guardian_restrictions(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("lift", "").isdigit():
                services.guardian_restriction_lift(
                    actor=actor, restriction_id=int(request.POST["lift"])
                )
                messages.success(request, _("The restriction is lifted."))
            else:
                guardian = request.POST.get("guardian", "")
                services.guardian_restriction_set(
                    actor=actor,
                    child_id=person_id,
                    guardian_id=int(guardian) if guardian.isdigit() else 0,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(
                    request, _("The guardian no longer sees the child's data on Min side.")
                )
            return redirect("web:guardian_restrictions", person_id=person_id)
        except HelhetError as exc:
            if exc.status_code == 404:
                raise
            error = _(exc.message)
    view = staff_selectors.guardian_restrictions_for(
        actor=actor, child_id=person_id, channel=Channel.WEB, through=through(request)
    )
    return render(request, "portal/staff_restrictions.html", {"view": view, "error": error})


urlpatterns = [
    path(
        "people/<int:person_id>/guardian-restrictions/",
        guardian_restrictions,
        name="guardian_restrictions",
    ),
]
