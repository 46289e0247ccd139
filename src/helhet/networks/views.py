from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import attempt, through, with_actor
from helhet.networks import case_conferences, policies, selectors, services
from helhet.networks.errors import CaseConferenceNoConsent
from helhet.networks.forms import (
    CaseConferenceForm,
    MandateForm,
    MemberForm,
    MemberRemoveForm,
    MemberRoleForm,
    NetworkForm,
    NetworkMeetingForm,
    ObjectiveForm,
    RepresentativeForm,
    StatusForm,
)
from helhet.networks.selectors import NetworkView
from helhet.people.selectors import person_search
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list, staff_choices


@with_actor
def network_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    networks = selectors.network_list(actor=actor)
    return render(request, "networks/network_list.html", {"networks": networks})


@with_actor
def network_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    parent_ref = request.GET.get("parent", "")
    parent = (
        selectors.network_get(actor=actor, network_id=int(parent_ref))
        if parent_ref.isdigit()
        else None
    )
    parent_id = parent.pk if parent else None
    form = NetworkForm(
        request.POST or None,
        organisations=organisations_list(municipality_id=actor.municipality_id),
    )
    if request.method == "POST" and form.is_valid():
        network = attempt(
            form,
            lambda: services.network_create(
                actor=actor, parent_id=parent_id, **form.network_fields()
            ),
        ).value
        if network is not None:
            messages.success(request, _("The network was created."))
            return redirect("web:network_detail", network_id=network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": None, "parent": parent},
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
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.network_update(actor=actor, network_id=n.pk, **form.network_fields()),
        ).ok
    ):
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
    network = view.network
    member_ids = [m.organisation_id for m in view.members]
    context: dict[str, Any] = {
        "view": view,
        "network": network,
        "meetings": selectors.network_meetings_for(actor=actor, network_id=network.pk),
        # Who is offered what; the services decide again when a form is sent.
        "can_bring_case": policies.can_bring_case(actor, network, member_ids),
    }
    offered: dict[str, Any] = {}
    if view.can_edit:
        mandate = view.mandate
        offered = {
            "member_form": MemberForm(
                organisations=organisations_list(municipality_id=actor.municipality_id)
            ),
            "status_form": StatusForm(initial={"status": network.status}),
            "mandate_form": MandateForm(
                initial={
                    "issued_by": mandate.issued_by,
                    "regulatory_basis": mandate.regulatory_basis,
                    "issued_on": mandate.issued_on,
                    "scope": mandate.scope,
                }
                if mandate
                else None
            ),
            "objective_form": ObjectiveForm(),
            "role_form": MemberRoleForm(members=view.members),
            "remove_form": MemberRemoveForm(members=view.members),
            "representative_form": RepresentativeForm(
                members=view.members, staff=staff_choices(actor)
            ),
        }
        if policies.can_hold_meetings(actor, network):
            offered["meeting_form"] = NetworkMeetingForm()
    # A form sent back with errors is shown whoever sent it, so its message is never lost.
    context |= offered | bound
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
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.member_add(
                actor=actor,
                network_id=network_id,
                organisation_id=form.cleaned_data["organisation"].pk,
                role=form.cleaned_data["role"],
            ),
        ).ok
    ):
        messages.success(request, _("The member was added."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, member_form=form)


@require_POST
@with_actor
def network_status(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = StatusForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.network_status_change(
                actor=actor, network_id=network_id, status=form.cleaned_data["status"]
            ),
        ).ok
    ):
        messages.success(request, _("The lifecycle stage was changed."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, status_form=form)


@require_POST
@with_actor
def network_mandate(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = MandateForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.mandate_set(actor=actor, network_id=network_id, **form.cleaned_data),
        ).ok
    ):
        messages.success(request, _("The mandate was saved."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, mandate_form=form)


@require_POST
@with_actor
def network_objective_add(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = ObjectiveForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.objective_add(
                actor=actor, network_id=network_id, **form.objective_fields()
            ),
        ).ok
    ):
        messages.success(request, _("The objective was added."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, objective_form=form)


@require_POST
@with_actor
def network_member_role(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = MemberRoleForm(request.POST, members=view.members)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.member_role_change(
                actor=actor,
                network_id=network_id,
                member_id=form.cleaned_data["member"],
                role=form.cleaned_data["role"],
            ),
        ).ok
    ):
        messages.success(request, _("The member's role was changed."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, role_form=form)


@require_POST
@with_actor
def network_member_remove(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = MemberRemoveForm(request.POST, members=view.members)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.member_remove(
                actor=actor, network_id=network_id, member_id=form.cleaned_data["member"]
            ),
        ).ok
    ):
        messages.success(request, _("The organisation has left the network."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, remove_form=form)


@require_POST
@with_actor
def network_representative_add(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = RepresentativeForm(request.POST, members=view.members, staff=staff_choices(actor))
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.representative_add(
                actor=actor, network_id=network_id, **form.representative_fields()
            ),
        ).ok
    ):
        messages.success(request, _("The representative was added."))
        return redirect("web:network_detail", network_id=network_id)
    return _page(request, actor, view, status=400, representative_form=form)


@require_POST
@with_actor
def network_meeting_book(request: HttpRequest, actor: Actor, network_id: int) -> HttpResponse:
    view = selectors.network_detail(actor=actor, network_id=network_id)
    form = NetworkMeetingForm(request.POST)
    meeting = None
    if form.is_valid():
        meeting = attempt(
            form,
            lambda: services.network_meeting_book(
                actor=actor, network_id=network_id, **form.cleaned_data
            ),
        ).value
    if meeting is not None:
        messages.success(request, _("The network meeting was booked."))
        return redirect("web:meeting_detail", meeting_id=meeting.pk)
    return _page(request, actor, view, status=400, meeting_form=form)


@with_actor
def network_case_conference_book(
    request: HttpRequest, actor: Actor, network_id: int
) -> HttpResponse:
    """Bring a case to the team. A page of its own rather than a form on the network page:
    offering persons to choose from is a logged read of each of them, which should happen
    when a case is being brought, not whenever someone looks at the team."""
    view = selectors.network_detail(actor=actor, network_id=network_id)
    # Refused before any person is listed; booking refuses it again.
    policies.require_network_member(actor, [m.organisation_id for m in view.members])
    data = request.POST if request.method == "POST" else None
    query = (data or request.GET).get("q", "")[:200]
    persons = person_search(actor=actor, query=query, channel=Channel.WEB, through=through(request))
    form = CaseConferenceForm(
        data,
        persons=persons,
        organisations=[
            m.organisation for m in view.members if m.organisation_id != actor.organisation_id
        ],
        initial={"q": query},
    )
    missing_consent: list[str] = []
    if data is not None and form.is_valid():
        booked = attempt(
            form,
            lambda: case_conferences.case_conference_book(
                actor=actor, network_id=network_id, **form.conference_fields()
            ),
        )
        if booked.value is not None:
            messages.success(request, _("The case conference was booked."))
            return redirect("web:meeting_detail", meeting_id=booked.value.pk)
        if isinstance(booked.error, CaseConferenceNoConsent):
            missing_consent = list(booked.error.details.get("organisation_names", []))
    return render(
        request,
        "networks/case_conference_book.html",
        {
            "view": view,
            "network": view.network,
            "form": form,
            "query": query,
            "person_count": len(persons),
            "missing_consent": missing_consent,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def network_joint_plan_make(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    try:
        plan = case_conferences.joint_plan_make(actor=actor, meeting_id=meeting_id)
    except HelhetError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, _(exc.message))
        return redirect("web:meeting_detail", meeting_id=meeting_id)
    if plan.created:
        messages.success(
            request,
            ngettext(
                "The joint intervention plan was made: %(count)d measure was created, "
                "owned by the organisation that took it on.",
                "The joint intervention plan was made: %(count)d measures were created, "
                "each owned by the organisation that took it on.",
                plan.created,
            )
            % {"count": plan.created},
        )
    else:
        messages.success(
            request, _("No new measures: every action item is already in the family plan.")
        )
    return redirect("web:family_plan", family_id=plan.family_id)
