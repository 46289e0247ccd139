from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.core.web import with_actor
from helhet.tenancy import selectors
from helhet.tenancy.actor import Actor


@with_actor
def organisation_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    organisations = selectors.organisations_list(municipality_id=actor.municipality_id)
    return render(request, "tenancy/organisation_list.html", {"organisations": organisations})


@with_actor
def organisation_detail(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    return render(
        request,
        "tenancy/organisation_detail.html",
        {
            "organisation": organisation,
            "units": organisation.units.select_related("parent").all(),
            "staff": selectors.organisation_staff(actor=actor, organisation=organisation),
        },
    )
