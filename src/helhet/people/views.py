from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import through, with_actor
from helhet.people import selectors, services
from helhet.people.forms import EntryForm, PersonRegisterForm
from helhet.tenancy.actor import Actor


@with_actor
def person_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    query = request.GET.get("q", "")
    persons = selectors.person_search(
        actor=actor, query=query, channel=Channel.WEB, through=through(request)
    )
    context = {"persons": persons, "q": query, "form": PersonRegisterForm()}
    if getattr(request, "htmx", False):
        return render(request, "people/person_list.html#results", context)
    return render(request, "people/person_list.html", context)


@with_actor
def person_register(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = PersonRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(
                actor=actor, channel=Channel.WEB, through=through(request), **form.cleaned_data
            )
        except HelhetError as exc:
            field = next((f for f in exc.details if f in form.fields), None)
            if field is None and "national" in exc.code:
                field = "national_id"
            form.add_error(field, _(exc.message))
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": person.full_name})
            return redirect("web:person_detail", person_id=person.pk)
    return render(
        request, "people/person_register.html", {"form": form}, status=400 if form.errors else 200
    )


@with_actor
def person_detail(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    entry_form = EntryForm(request.POST or None)
    if request.method == "POST" and entry_form.is_valid():
        services.entry_record(actor=actor, person_id=person_id, **entry_form.cleaned_data)
        messages.success(request, _("The entry was recorded."))
        return redirect("web:person_detail", person_id=person_id)
    view = selectors.person_get_for(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    return render(
        request,
        "people/person_detail.html",
        {"view": view, "person": view.person, "entry_form": entry_form},
        status=400 if entry_form.errors else 200,
    )


@with_actor
def family_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    families = selectors.family_list_for(actor=actor, channel=Channel.WEB, through=through(request))
    return render(request, "people/family_list.html", {"families": families})


@with_actor
def family_detail(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = selectors.family_get_for(
        actor=actor, family_id=family_id, channel=Channel.WEB, through=through(request)
    )
    return render(request, "people/family_detail.html", {"view": view, "family": view.family})
