from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from helhet.audit.models import Channel
from helhet.core.errors import ValidationFailed
from helhet.core.web import attempt, of_kinds, through, with_actor
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list
from helhet.transitions import policies, selectors, services
from helhet.transitions.errors import TransitionPlanExists
from helhet.transitions.forms import TransitionPlanForm, TransitionSettingsForm
from helhet.transitions.models import TransitionPlan

# A plan made by someone else a moment ago is shown on the form too, with what was typed.
_ON_FORM = of_kinds(ValidationFailed, TransitionPlanExists)


@with_actor
def transition_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    rows = None
    if policies.can_see_transitions(actor):
        rows = selectors.transition_list_for(actor, channel=Channel.WEB, through=through(request))
    return render(
        request,
        "transitions/transition_list.html",
        {
            "rows": rows,
            "settings": selectors.transition_settings_for(municipality_id=actor.municipality_id),
            "may_change_settings": policies.can_change_settings(actor),
        },
    )


@with_actor
def transition_settings(request: HttpRequest, actor: Actor) -> HttpResponse:
    policies.require_settings_editor(actor)
    conf = selectors.transition_settings_for(municipality_id=actor.municipality_id)
    form = TransitionSettingsForm(
        request.POST or None,
        initial={
            "horizon_months": conf.horizon_months,
            "aftercare_until_age": conf.aftercare_until_age,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, lambda: services.transition_settings_update(actor=actor, **form.cleaned_data)
        ).ok
    ):
        messages.success(request, _("The transition settings were saved."))
        return redirect("web:transition_list")
    return render(
        request,
        "transitions/transition_settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _plan_form(
    request: HttpRequest,
    actor: Actor,
    *,
    municipality_id: int,
    exclude_organisation_id: int,
    aftercare_limit: Any,
    plan: TransitionPlan | None = None,
) -> TransitionPlanForm:
    initial: dict[str, Any] = {"responsible": actor.user.pk}
    if plan is not None:
        initial = {
            "taking_over": plan.taking_over_id,
            "starts_on": plan.starts_on,
            "aftercare": plan.aftercare,
            "aftercare_until": plan.aftercare_until,
            "responsible": plan.responsible_id,
            "notes": plan.notes,
        }
    return TransitionPlanForm(
        request.POST or None,
        initial=initial,
        organisations=organisations_list(municipality_id=municipality_id).exclude(
            pk=exclude_organisation_id
        ),
        responsible=selectors.responsible_choices(
            actor, current=plan.responsible_id if plan else None
        ),
        aftercare_limit=aftercare_limit,
    )


def _values(form: TransitionPlanForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "taking_over_id": data["taking_over"].pk if data["taking_over"] else None,
        "starts_on": data["starts_on"],
        "aftercare": data["aftercare"],
        "aftercare_until": data["aftercare_until"],
        "responsible_id": data["responsible"].pk if data["responsible"] else None,
        "notes": data["notes"],
    }


@with_actor
def transition_plan_create(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    row = selectors.transition_youth_for(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    if row.plan is not None:
        return redirect("web:transition_plan_detail", plan_id=row.plan.pk)
    form = _plan_form(
        request,
        actor,
        municipality_id=row.involvement.municipality_id,
        exclude_organisation_id=row.involvement.organisation_id,
        aftercare_limit=row.aftercare_limit,
    )
    if request.method == "POST" and form.is_valid():
        plan = attempt(
            form,
            lambda: services.transition_plan_create(
                actor=actor,
                person_id=person_id,
                involvement_id=row.involvement.pk,
                **_values(form),
            ),
            shown=_ON_FORM,
        ).value
        if plan is not None:
            messages.success(request, _("The transition plan was saved."))
            return redirect("web:transition_plan_detail", plan_id=plan.pk)
    return render(
        request,
        "transitions/transition_plan.html",
        {
            "person": row.person,
            "turns_18_on": row.turns_18_on,
            "aftercare_limit": row.aftercare_limit,
            "involvement": row.involvement,
            "plan": None,
            "editable": True,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@with_actor
def transition_plan_detail(request: HttpRequest, actor: Actor, plan_id: int) -> HttpResponse:
    view = selectors.transition_plan_get_for(
        actor=actor, plan_id=plan_id, channel=Channel.WEB, through=through(request)
    )
    plan = view.plan
    form = None
    if view.editable:
        form = _plan_form(
            request,
            actor,
            municipality_id=plan.municipality_id,
            exclude_organisation_id=plan.involvement.organisation_id,
            aftercare_limit=view.aftercare_limit,
            plan=plan,
        )
        if request.method == "POST" and form.is_valid():
            values = _values(form)
            if values["starts_on"] is None:
                values["starts_on"] = view.turns_18_on
            if attempt(
                form,
                lambda: services.transition_plan_update(actor=actor, plan_id=plan.pk, **values),
                shown=_ON_FORM,
            ).ok:
                messages.success(request, _("The transition plan was saved."))
                return redirect("web:transition_plan_detail", plan_id=plan.pk)
    elif request.method == "POST":
        services.transition_plan_update(actor=actor, plan_id=plan.pk)  # raises read-only
    return render(
        request,
        "transitions/transition_plan.html",
        {
            "person": plan.person,
            "turns_18_on": view.turns_18_on,
            "aftercare_limit": view.aftercare_limit,
            "involvement": plan.involvement,
            "plan": plan,
            "editable": view.editable,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )
