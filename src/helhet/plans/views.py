from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.core.web import attempt, every_refusal, through, with_actor
from helhet.plans import from_meetings, policies, selectors, services
from helhet.plans.errors import PlanConflict, PlanInvalid, PlanNotFound
from helhet.plans.forms import DiffForm, GoalForm, MeasureEditForm, MeasureForm, PlanForm
from helhet.plans.models import FamilyPlan, MeasureStatus
from helhet.plans.pdf import plan_pdf
from helhet.plans.selectors import PlanView
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import staff_choices


def _view(
    request: HttpRequest, actor: Actor, family_id: int, channel: str = Channel.WEB
) -> PlanView:
    return selectors.family_plan_for(
        actor=actor, family_id=family_id, channel=channel, through=through(request)
    )


def _plan_of(view: PlanView) -> FamilyPlan:
    if view.plan is None:
        raise PlanNotFound()
    return view.plan


@with_actor
def family_plan(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = _view(request, actor, family_id)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "view": view,
            "family": view.family,
            "plan": view.plan,
            "goal_form": GoalForm(),
            "changeable": {
                m.pk for m in view.measures if policies.can_change_measure(actor, m.organisation_id)
            },
            "statuses": MeasureStatus.choices,
        },
    )


@require_POST
@with_actor
def family_plan_create(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    services.plan_get_or_create(actor=actor, family_id=family_id)
    messages.success(request, _("The family plan was made. Fill it in with the family."))
    return redirect("web:family_plan", family_id=family_id)


@with_actor
def family_plan_edit(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = _view(request, actor, family_id)
    plan = _plan_of(view)
    # A coordinator from a service the user may not know of is neither listed nor changed.
    coordinators = (
        staff_choices(actor, including=plan.coordinator_id)
        if policies.can_choose_coordinator(view)
        else None
    )
    conflict: PlanConflict | None = None
    if request.method == "POST":
        form = PlanForm(request.POST, coordinators=coordinators)
        if form.is_valid():
            saved = attempt(
                form,
                lambda: services.plan_update(
                    actor=actor,
                    plan_id=plan.pk,
                    expected_version=form.cleaned_data["expected_version"],
                    **form.plan_fields(),
                ),
                shown=every_refusal,
            )
            if saved.ok:
                messages.success(request, _("The plan was saved."))
                return redirect("web:family_plan", family_id=family_id)
            if isinstance(saved.error, PlanConflict):
                conflict = saved.error
                # Keep what the user typed; saving again now knowingly replaces what changed.
                data = request.POST.copy()
                data["expected_version"] = str(conflict.details["current_version"])
                form = PlanForm(data, coordinators=coordinators)
                form.is_valid()
    else:
        form = PlanForm(
            coordinators=coordinators,
            initial={
                "expected_version": plan.version,
                "coordinator": plan.coordinator_id,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "revise_on": plan.revise_on,
                "resources_and_needs": plan.resources_and_needs,
                "participants": plan.participants,
                "contributions": plan.contributions,
                "implementation": plan.implementation,
                "cooperation": plan.cooperation,
            },
        )
    changes = []
    if conflict is not None:
        labels = conflict.details.get("labels", {})
        changes = [
            (labels.get(key, key), before, after)
            for key, (before, after) in conflict.details.get("changes", {}).items()
        ]
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        "plans/plan_edit.html",
        {
            "view": view,
            "family": view.family,
            "plan": plan,
            "form": form,
            "conflict": conflict,
            "changes": changes,
        },
        status=status,
    )


@require_POST
@with_actor
def family_plan_goal_add(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    form = GoalForm(request.POST)
    if form.is_valid():
        plan_id = services.plan_id_for_family(actor=actor, family_id=family_id)
        services.goal_add(
            actor=actor,
            plan_id=plan_id,
            text=form.cleaned_data["text"],
            order=form.cleaned_data["order"],
        )
        messages.success(request, _("The goal was added."))
    else:
        messages.error(request, _("Write the goal in the family's own words."))
    return redirect("web:family_plan", family_id=family_id)


@require_POST
@with_actor
def plan_goal_edit(request: HttpRequest, actor: Actor, goal_id: int) -> HttpResponse:
    form = GoalForm(request.POST)
    if not form.is_valid():
        raise PlanInvalid(N_("Write the goal in the family's own words."))
    goal = services.goal_update(
        actor=actor,
        goal_id=goal_id,
        text=form.cleaned_data["text"],
        order=form.cleaned_data["order"],
    )
    messages.success(request, _("The goal was changed."))
    return redirect("web:family_plan", family_id=goal.plan.family_id)


@with_actor
def family_plan_measure_add(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = _view(request, actor, family_id)
    plan = _plan_of(view)
    form = MeasureForm(request.POST or None, view=view, staff=staff_choices(actor))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.measure_add(actor=actor, plan_id=plan.pk, **form.measure_fields()),
            shown=every_refusal,
        ).ok
    ):
        messages.success(request, _("The measure was added."))
        return redirect("web:family_plan", family_id=family_id)
    return render(
        request,
        "plans/measure_form.html",
        {"view": view, "family": view.family, "form": form, "measure": None},
        status=400 if form.errors else 200,
    )


@with_actor
def plan_measure_edit(request: HttpRequest, actor: Actor, measure_id: int) -> HttpResponse:
    measure = selectors.measure_get_for(
        actor=actor, measure_id=measure_id, channel=Channel.WEB, through=through(request)
    )
    view = _view(request, actor, measure.plan.family_id)
    form = MeasureEditForm(
        request.POST or None,
        view=view,
        staff=staff_choices(actor, including=measure.responsible_id),
        initial={
            "title": measure.title,
            "category": measure.category,
            "goal": measure.goal_id,
            "responsible": measure.responsible_id,
            "due_date": measure.due_date,
            "scope": measure.scope,
            "description": measure.description,
            "status": measure.status,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.measure_update(
                actor=actor, measure_id=measure_id, **form.measure_fields()
            ),
            shown=every_refusal,
        ).ok
    ):
        messages.success(request, _("The measure was saved."))
        return redirect("web:family_plan", family_id=view.family.pk)
    return render(
        request,
        "plans/measure_form.html",
        {"view": view, "family": view.family, "form": form, "measure": measure},
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def plan_measure_status(request: HttpRequest, actor: Actor, measure_id: int) -> HttpResponse:
    measure = services.measure_set_status(
        actor=actor, measure_id=measure_id, status=request.POST.get("status", "")
    )
    messages.success(request, _("The status was changed."))
    return redirect("web:family_plan", family_id=measure.plan.family_id)


@require_POST
@with_actor
def action_item_to_measure(request: HttpRequest, actor: Actor, action_item_id: int) -> HttpResponse:
    measure = from_meetings.action_item_to_measure(actor=actor, action_item_id=action_item_id)
    messages.success(
        request,
        _(
            "The action item is now a measure in the family plan, owned by %(org)s. Other "
            "services see it where the family's consent covers its category."
        )
        % {"org": measure.organisation.name},
    )
    back = request.POST.get("meeting", "")
    if back.isdigit():
        return redirect("web:meeting_detail", meeting_id=int(back))
    return redirect("web:family_plan", family_id=measure.plan.family_id)


@with_actor
def family_plan_versions(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    history = selectors.plan_versions_for(
        actor=actor, family_id=family_id, channel=Channel.WEB, through=through(request)
    )
    return render(
        request,
        "plans/plan_versions.html",
        {"history": history, "family": history.family, "plan": history.plan},
    )


@with_actor
def family_plan_diff(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    form = DiffForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two versions to compare."))
        return redirect("web:family_plan_versions", family_id=family_id)
    diff = selectors.plan_diff_for(
        actor=actor,
        family_id=family_id,
        from_number=form.cleaned_data["from_version"],
        to_number=form.cleaned_data["to_version"],
        channel=Channel.WEB,
        through=through(request),
    )
    rows = [
        ("add" if line.startswith("+") else "del" if line.startswith("-") else "ctx", line)
        for line in diff.lines
        if not line.startswith(("+++", "---"))
    ]
    return render(
        request,
        "plans/plan_diff.html",
        {"diff": diff, "family": diff.family, "rows": rows},
    )


@with_actor
def family_plan_print(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = _view(request, actor, family_id, Channel.EXPORT)
    plan = _plan_of(view)
    return render(
        request, "plans/plan_print.html", {"view": view, "family": view.family, "plan": plan}
    )


@with_actor
def family_plan_pdf(request: HttpRequest, actor: Actor, family_id: int) -> HttpResponse:
    view = _view(request, actor, family_id, Channel.EXPORT)
    _plan_of(view)
    response = HttpResponse(plan_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="family-plan-{family_id}.pdf"'
    return response
