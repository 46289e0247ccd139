from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.dates import today
from helhet.core.web import attempt, every_refusal, with_actor
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import OrganisationKind
from helhet.volunteering import policies, selectors, services, volunteers
from helhet.volunteering.forms import (
    ActivityCreateForm,
    ActivityForm,
    ActivityVolunteerForm,
    AgreementForm,
    CareUnitForm,
    DeclarationsForm,
    OccurrenceForm,
    VolunteerForm,
)
from helhet.volunteering.models import Activity


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int | None = None
) -> HttpResponse:
    form = context["form"]
    if status is None:
        status = 400 if form.errors else 200
    return render(request, template, context, status=status)


# --- care units -------------------------------------------------------------------------------


@with_actor
def care_unit_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "volunteering/care_unit_list.html",
        {
            "units": selectors.care_units_visible_to(actor),
            "mix": selectors.coordination_mix_for_municipality(actor=actor),
            "voluntary_organisations": selectors.voluntary_organisations(actor=actor),
            "can_create": policies.can_create_care_unit(actor),
        },
    )


@with_actor
def care_unit_detail(request: HttpRequest, actor: Actor, care_unit_id: int) -> HttpResponse:
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    activities = list(selectors.activities_for_unit(actor=actor, care_unit_id=unit.pk))
    return render(
        request,
        "volunteering/care_unit_detail.html",
        {
            "unit": unit,
            "activities": activities,
            "editable": {a.pk for a in activities if policies.can_edit_activity(actor, a)},
            "can_edit": policies.can_edit_care_unit(actor, unit),
            "can_add": policies.can_add_to_care_unit(actor, unit),
            "mix": selectors.coordination_mix_for_unit(actor=actor, care_unit_id=unit.pk),
            "agreements": selectors.agreements_visible_to(actor).filter(care_unit_id=unit.pk),
        },
    )


@with_actor
def care_unit_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    policies.require_care_unit_creator(actor)
    form = CareUnitForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.care_unit_create(actor=actor, **form.cleaned_data),
            shown=every_refusal,
        )
        if done.value is not None:
            messages.success(request, _("The care unit was created."))
            return redirect("web:care_unit_detail", care_unit_id=done.value.pk)
        status = done.status
    return _form_page(
        request, "volunteering/care_unit_form.html", {"form": form, "unit": None}, status
    )


@with_actor
def care_unit_edit(request: HttpRequest, actor: Actor, care_unit_id: int) -> HttpResponse:
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    policies.require_care_unit_editor(actor, unit)
    form = CareUnitForm(
        request.POST or None, initial={"name": unit.name, "unit_type": unit.unit_type}
    )
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.care_unit_update(
                actor=actor, care_unit_id=unit.pk, **form.cleaned_data
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The care unit was saved."))
            return redirect("web:care_unit_detail", care_unit_id=unit.pk)
        status = done.status
    return _form_page(
        request, "volunteering/care_unit_form.html", {"form": form, "unit": unit}, status
    )


# --- activities -------------------------------------------------------------------------------


@with_actor
def activity_create(request: HttpRequest, actor: Actor, care_unit_id: int) -> HttpResponse:
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    policies.require_may_add_to_care_unit(actor, unit)
    voluntary = selectors.voluntary_organisations(actor=actor)
    # Staff of a voluntary organisation can only start activities their organisation runs.
    own = actor.organisation_id if actor.organisation.kind == OrganisationKind.VOLUNTARY else None
    form = ActivityCreateForm(
        request.POST or None,
        voluntary_organisations=voluntary,
        initial={"voluntary_organisation": own},
    )
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.activity_create(
                actor=actor, care_unit_id=unit.pk, **form.activity_fields()
            ),
            shown=every_refusal,
        )
        if done.value is not None:
            messages.success(request, _("The activity was created."))
            return redirect("web:volunteer_activity_detail", activity_id=done.value.pk)
        status = done.status
    return _form_page(
        request,
        "volunteering/activity_form.html",
        {"form": form, "unit": unit, "activity": None},
        status,
    )


@with_actor
def activity_edit(request: HttpRequest, actor: Actor, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for(actor=actor, activity_id=activity_id)
    policies.require_activity_editor(actor, activity)
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity))
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.activity_update(
                actor=actor, activity_id=activity.pk, **form.activity_fields()
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The activity was saved."))
            return redirect("web:volunteer_activity_detail", activity_id=activity.pk)
        status = done.status
    return _form_page(
        request,
        "volunteering/activity_form.html",
        {"form": form, "unit": activity.care_unit, "activity": activity},
        status,
    )


def _activity_page(
    request: HttpRequest,
    actor: Actor,
    activity: Activity,
    *,
    volunteer_form: ActivityVolunteerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = policies.can_edit_activity(actor, activity)
    candidates = selectors.activity_volunteer_candidates(actor=actor, activity=activity)
    if volunteer_form is None and can_edit:
        volunteer_form = ActivityVolunteerForm(volunteers=candidates)
    return render(
        request,
        "volunteering/activity_detail.html",
        {
            "activity": activity,
            "unit": activity.care_unit,
            "can_edit": can_edit,
            "volunteers": selectors.activity_volunteers(actor=actor, activity=activity),
            "volunteer_form": volunteer_form,
            "police_certificate_required": services.police_certificate_required(activity),
            "can_register": activity.voluntary_organisation_id is not None
            and policies.can_register_volunteers(actor, activity.voluntary_organisation_id),
        },
        status=status,
    )


@with_actor
def activity_detail(request: HttpRequest, actor: Actor, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for(actor=actor, activity_id=activity_id)
    return _activity_page(request, actor, activity)


@require_POST
@with_actor
def activity_volunteer_add(request: HttpRequest, actor: Actor, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for(actor=actor, activity_id=activity_id)
    form = ActivityVolunteerForm(
        request.POST,
        volunteers=selectors.activity_volunteer_candidates(actor=actor, activity=activity),
    )
    status = 400
    if form.is_valid():
        done = attempt(
            form,
            lambda: services.activity_volunteer_add(
                actor=actor, activity_id=activity.pk, volunteer_id=form.cleaned_data["volunteer"].pk
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The volunteer was put on the activity."))
            return redirect("web:volunteer_activity_detail", activity_id=activity.pk)
        status = done.status
    return _activity_page(request, actor, activity, volunteer_form=form, status=status)


@with_actor
def occurrence_record(request: HttpRequest, actor: Actor, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for(actor=actor, activity_id=activity_id)
    policies.require_activity_editor(actor, activity)
    form = OccurrenceForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.occurrence_record(
                actor=actor, activity_id=activity.pk, **form.occurrence_fields()
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The occurrence was recorded."))
            return redirect("web:volunteer_activity_detail", activity_id=activity.pk)
        status = done.status
    return _form_page(
        request,
        "volunteering/occurrence_form.html",
        {"form": form, "activity": activity, "unit": activity.care_unit},
        status,
    )


# --- agreements -------------------------------------------------------------------------------


@with_actor
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "volunteering/agreement_list.html",
        {"agreements": selectors.agreements_visible_to(actor)},
    )


@with_actor
def agreement_create(request: HttpRequest, actor: Actor, care_unit_id: int) -> HttpResponse:
    unit = selectors.care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    policies.require_may_add_to_care_unit(actor, unit)
    own = actor.organisation_id if actor.organisation.kind == OrganisationKind.VOLUNTARY else None
    form = AgreementForm(
        request.POST or None,
        voluntary_organisations=selectors.voluntary_organisations(actor=actor),
        initial={"voluntary_organisation": own, "signed_on": today()},
    )
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.agreement_create(
                actor=actor, care_unit_id=unit.pk, **form.agreement_fields()
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The agreement was recorded."))
            return redirect("web:care_unit_detail", care_unit_id=unit.pk)
        status = done.status
    return _form_page(
        request, "volunteering/agreement_form.html", {"form": form, "unit": unit}, status
    )


# --- volunteers -------------------------------------------------------------------------------


@with_actor
def volunteer_register(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    return render(
        request,
        "volunteering/volunteer_register.html",
        {
            "volunteers": selectors.volunteer_register_for(
                actor=actor, organisation_id=organisation_id
            ),
            "organisation": selectors.voluntary_organisations(actor=actor)
            .filter(pk=organisation_id)
            .first(),
            # The register is one organisation's, so what one row allows, all rows allow.
            "can_register": policies.can_register_volunteers(actor, organisation_id),
        },
    )


@with_actor
def volunteer_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    policies.require_volunteer_registrar(actor)
    form = VolunteerForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: volunteers.volunteer_register(actor=actor, **form.cleaned_data),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The volunteer was registered."))
            return redirect("web:volunteer_register", organisation_id=actor.organisation_id)
        status = done.status
    return _form_page(
        request,
        "volunteering/volunteer_form.html",
        {"form": form, "volunteer": None, "organisation": actor.organisation},
        status,
    )


@with_actor
def volunteer_declarations_edit(
    request: HttpRequest, actor: Actor, volunteer_id: int
) -> HttpResponse:
    volunteer = selectors.volunteer_get_for(actor=actor, volunteer_id=volunteer_id)
    # As the service answers: others' volunteers are not for this organisation to edit.
    policies.require_volunteer_editor(actor, volunteer)
    form = DeclarationsForm(request.POST or None, initial=DeclarationsForm.initial_for(volunteer))
    status = None
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: volunteers.volunteer_declarations_update(
                actor=actor, volunteer_id=volunteer.pk, **form.cleaned_data
            ),
            shown=every_refusal,
        )
        if done.ok:
            messages.success(request, _("The declarations were saved."))
            return redirect(
                "web:volunteer_register", organisation_id=volunteer.voluntary_organisation_id
            )
        status = done.status
    return _form_page(
        request,
        "volunteering/volunteer_form.html",
        {"form": form, "volunteer": volunteer, "organisation": volunteer.voluntary_organisation},
        status,
    )
