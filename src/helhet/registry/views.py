"""The network registry in the web UI: search, compare, export, and each network's form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.errors import HelhetError
from helhet.core.web import attempt, with_actor
from helhet.observatory.policies import require_observatory
from helhet.registry import export, policies, selectors, services
from helhet.registry.forms import (
    EntryCreateForm,
    EntryForm,
    FundingForm,
    ItemForm,
    PartnerForm,
    SearchForm,
)
from helhet.registry.selectors import EntryView
from helhet.relations.selectors import networks_to_run
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list


def _creatable(actor: Actor) -> Any:
    return networks_to_run(actor=actor).filter(registry_entry__isnull=True)


@with_actor
def registry_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    form = SearchForm(request.GET or None)
    views = selectors.registry_search(actor=actor, search=form.to_search())
    creatable = _creatable(actor)
    return render(
        request,
        "registry/registry_list.html",
        {
            "form": form,
            "views": views,
            "query": request.GET.urlencode(),
            "create_form": EntryCreateForm(networks=creatable) if creatable.exists() else None,
        },
        status=400 if form.errors else 200,
    )


def _ids(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.GET.getlist("ids") if v.isdigit() and len(v) < 19]


@with_actor
def registry_compare(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    try:
        views = selectors.registry_compare(actor=actor, entry_ids=_ids(request))
    except HelhetError as exc:
        if exc.status_code != 400:
            raise
        return render(
            request, "registry/compare.html", {"error": _(exc.message), "views": []}, status=400
        )
    return render(
        request,
        "registry/compare.html",
        {"views": views, "rows": selectors.compare_rows(views)},
    )


def _export(request: HttpRequest, actor: Actor) -> list[EntryView]:
    form = SearchForm(request.GET or None)
    return selectors.registry_search(actor=actor, search=form.to_search())


@with_actor
def registry_export_csv(request: HttpRequest, actor: Actor) -> HttpResponse:
    response = HttpResponse(
        export.registry_csv(_export(request, actor)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="network-registry.csv"'
    return response


@with_actor
def registry_export_xlsx(request: HttpRequest, actor: Actor) -> HttpResponse:
    response = HttpResponse(
        export.registry_xlsx(_export(request, actor)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="network-registry.xlsx"'
    return response


@with_actor
def registry_for_network(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    """The link from a network's page: its entry, or the offer to fill one in."""
    network, entry = selectors.entry_of_network(actor=actor, network_id=network_id)
    if entry is not None:
        return redirect("web:registry_entry_detail", entry_id=entry.pk)
    can_create = _creatable(actor).filter(pk=network.pk).exists()
    return render(request, "registry/no_entry.html", {"network": network, "can_create": can_create})


@require_POST
@with_actor
def registry_entry_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    form = EntryCreateForm(request.POST, networks=_creatable(actor))
    if form.is_valid():
        entry = attempt(
            form,
            lambda: services.entry_create(actor=actor, network_id=form.cleaned_data["network"].pk),
        ).value
        if entry is not None:
            messages.success(request, _("The registry entry was made from the network."))
            return redirect("web:registry_entry_detail", entry_id=entry.pk)
    views = selectors.registry_search(actor=actor)
    return render(
        request,
        "registry/registry_list.html",
        {"form": SearchForm(), "views": views, "query": "", "create_form": form},
        status=400,
    )


def _detail(
    request: HttpRequest, actor: Actor, view: EntryView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context: dict[str, Any] = {"view": view, "entry": view.entry, "network": view.network}
    if view.can_edit:
        context |= {
            "partner_form": PartnerForm(
                organisations=organisations_list(municipality_id=actor.municipality_id)
            ),
            "funding_form": FundingForm(),
        }
    context |= bound
    return render(request, "registry/entry_detail.html", context, status=status)


@with_actor
def registry_entry_detail(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    return _detail(request, actor, selectors.entry_detail(actor=actor, entry_id=entry_id))


@with_actor
def registry_entry_edit(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    view = selectors.entry_detail(actor=actor, entry_id=entry_id)
    policies.require_entry_editor(actor, view.network)
    e = view.entry
    form = EntryForm(
        request.POST or None,
        organisations=organisations_list(municipality_id=actor.municipality_id),
        initial={
            "sponsor": e.sponsor_id,
            "year_created": e.year_created,
            "setting": e.setting,
            "target_population": e.target_population,
            "objectives": e.objectives,
            "governance_bodies": e.governance_bodies,
            "notes": e.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.entry_update(actor=actor, entry_id=e.pk, **form.entry_fields()),
        ).value
        if saved is not None:
            messages.success(request, _("The registry entry was saved."))
            return redirect("web:registry_entry_detail", entry_id=e.pk)
    return render(
        request,
        "registry/entry_form.html",
        {"form": form, "entry": e, "network": view.network},
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def registry_entry_refresh(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    services.entry_refresh(actor=actor, entry_id=entry_id)
    messages.success(request, _("The entry was brought up to date with the network."))
    return redirect("web:registry_entry_detail", entry_id=entry_id)


@require_POST
@with_actor
def registry_partner_add(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    view = selectors.entry_detail(actor=actor, entry_id=entry_id)
    form = PartnerForm(
        request.POST, organisations=organisations_list(municipality_id=actor.municipality_id)
    )
    if form.is_valid() and (
        attempt(
            form,
            lambda: services.partner_add(actor=actor, entry_id=entry_id, **form.partner_fields()),
        ).ok
    ):
        messages.success(request, _("The partner was added."))
        return redirect("web:registry_entry_detail", entry_id=entry_id)
    return _detail(request, actor, view, status=400, partner_form=form)


@require_POST
@with_actor
def registry_funding_add(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    view = selectors.entry_detail(actor=actor, entry_id=entry_id)
    form = FundingForm(request.POST)
    if form.is_valid() and (
        attempt(
            form,
            lambda: services.funding_add(actor=actor, entry_id=entry_id, **form.cleaned_data),
        ).ok
    ):
        messages.success(request, _("The funding was added."))
        return redirect("web:registry_entry_detail", entry_id=entry_id)
    return _detail(request, actor, view, status=400, funding_form=form)


def _remove(
    request: HttpRequest, actor: Actor, entry_id: int, remove: Callable[[int], None], done: str
) -> HttpResponse:
    form = ItemForm(request.POST)
    if not form.is_valid():
        view = selectors.entry_detail(actor=actor, entry_id=entry_id)
        messages.error(request, _("Choose the line to remove."))
        return _detail(request, actor, view, status=400)
    remove(form.cleaned_data["item"])
    messages.success(request, done)
    return redirect("web:registry_entry_detail", entry_id=entry_id)


@require_POST
@with_actor
def registry_partner_remove(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    return _remove(
        request,
        actor,
        entry_id,
        lambda item: services.partner_remove(actor=actor, entry_id=entry_id, partner_id=item),
        _("The partner was removed."),
    )


@require_POST
@with_actor
def registry_funding_remove(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    return _remove(
        request,
        actor,
        entry_id,
        lambda item: services.funding_remove(actor=actor, entry_id=entry_id, funding_id=item),
        _("The funding line was removed."),
    )
