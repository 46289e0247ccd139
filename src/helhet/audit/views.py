from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.audit import selectors
from helhet.audit.export import access_report_csv
from helhet.audit.models import Channel
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role
from helhet.web.decorators import through, with_actor


@with_actor
def person_access_log(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    log = selectors.person_access_log_for(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    return render(
        request, "audit/person_access_log.html", {"events": log.events, "person": log.person}
    )


@with_actor
def person_access_report(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    log = selectors.person_access_log_for(
        actor=actor, person_id=person_id, channel=Channel.EXPORT, through=through(request)
    )
    return access_report_csv(log.events, filename=f"access-report-{person_id}.csv")


@with_actor
def access_log(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.role in {Role.MANAGER, Role.ADMINISTRATOR}:
        events = selectors.organisation_access_log(actor=actor)
        scope = "organisation"
    else:
        events = selectors.my_access_log(actor=actor)
        scope = "mine"
    return render(request, "audit/access_log.html", {"events": events, "scope": scope})
