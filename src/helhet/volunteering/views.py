from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.tenancy.actor import Actor
from helhet.volunteering import selectors
from helhet.web.decorators import with_actor


@with_actor
def care_unit_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "volunteering/care_unit_list.html",
        {
            "units": selectors.care_units_visible_to(actor),
            "mix": selectors.coordination_mix_for_municipality(actor=actor),
            "voluntary_organisations": selectors.voluntary_organisations(actor=actor),
        },
    )


@with_actor
def care_unit_detail(request: HttpRequest, actor: Actor, care_unit_id: int) -> HttpResponse:
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    return render(
        request,
        "volunteering/care_unit_detail.html",
        {
            "unit": unit,
            "activities": selectors.activities_for_unit(actor=actor, care_unit_id=unit.pk),
            "mix": selectors.coordination_mix_for_unit(actor=actor, care_unit_id=unit.pk),
            "agreements": selectors.agreements_visible_to(actor).filter(care_unit_id=unit.pk),
        },
    )


@with_actor
def volunteer_register(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    return render(
        request,
        "volunteering/volunteer_register.html",
        {
            "volunteers": selectors.volunteer_register_for(
                actor=actor, organisation_id=organisation_id
            ),
        },
    )


@with_actor
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "volunteering/agreement_list.html",
        {"agreements": selectors.agreements_visible_to(actor)},
    )
