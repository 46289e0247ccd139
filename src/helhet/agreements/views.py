from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.agreements import policies, selectors
from helhet.agreements.chart import indicator_svg
from helhet.agreements.forms import (
    AgreementForm,
    ContributionForm,
    CostSharesForm,
    ExpenditureForm,
    FundingStreamForm,
    IndicatorForm,
    MeasurementForm,
    ResponsibilityFormSet,
    ResponsibilityRowForm,
    RevisionForm,
    StepFormSet,
    kept_rows,
)
from helhet.agreements.selectors import AgreementView
from helhet.agreements.services import agreements, indicators, resources
from helhet.core.errors import HelhetError, ValidationFailed
from helhet.core.web import all_but_not_found, attempt, of_kinds, with_actor
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list


def _party_ids(view: AgreementView) -> list[int]:
    return [o.pk for o in view.parties]


def _rows_invalid(form: forms.Form, *formsets: forms.BaseFormSet[Any]) -> bool:
    # Row errors sit deep in the tables, so the alert at the top of the page points to them.
    invalid = [fs for fs in formsets if not fs.is_valid()]
    if invalid and not form.non_field_errors():
        form.add_error(
            None, _("Please correct the fields marked below. Nothing has been saved yet.")
        )
    return bool(invalid)


@with_actor
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "agreements": selectors.agreements_for(actor=actor),
            "can_create": policies.can_draft_agreements(actor),
        },
    )


@with_actor
def agreement_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    policies.require_drafter(actor)
    organisations = organisations_list(municipality_id=actor.municipality_id)
    # Which organisations become parties is chosen on this same page, so the matrix offers
    # them all; the service refuses a role given to a non-party.
    columns = list(organisations)
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(
        data,
        organisations=organisations,
        networks=selectors.networks_joinable(actor=actor),
        initial={"parties": [actor.organisation_id]},
    )
    rows = ResponsibilityFormSet(data, prefix="resp", form_kwargs={"organisations": columns})
    steps = StepFormSet(data, prefix="step", form_kwargs={"organisations": organisations})
    status = 200
    if data is not None:
        status = 400
        form_valid = form.is_valid()
        if not _rows_invalid(form, rows, steps) and form_valid:
            d = form.cleaned_data
            # Also the refusal goes on the form: whether the actor may draft it depends on the
            # parties ticked, so the page comes back with everything typed to tick their own.
            drafted = attempt(
                form,
                lambda: agreements.agreement_create(
                    actor=actor,
                    title=d["title"],
                    kind=d["kind"],
                    party_ids=[o.pk for o in d["parties"]],
                    goals=d["goals"],
                    operational_plan=d["operational_plan"],
                    review_on=d["review_on"],
                    responsibilities=[r.spec() for r in kept_rows(rows)],
                    steps=[s.spec() for s in kept_rows(steps)],
                    network_id=d["network"].pk if d["network"] else None,
                ),
                shown=all_but_not_found,
            )
            if drafted.value is not None:
                messages.success(request, _("The agreement was drafted. Every party must sign it."))
                return redirect("web:agreement_detail", agreement_id=drafted.value.pk)
            status = drafted.status
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "rows": rows, "steps": steps, "columns": columns, "agreement": None},
        status=status,
    )


@with_actor
def agreement_revise(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    view = selectors.agreement_detail_for(actor=actor, agreement_id=agreement_id)
    # Checked before the form so that someone who is never shown it gets the service's
    # refusal rather than a form error; the service still decides when the form is valid.
    policies.require_agreement_editor(actor, _party_ids(view))
    version = view.version
    parties = selectors.parties_of(view.agreement)
    data = request.POST if request.method == "POST" else None
    form = RevisionForm(
        data,
        initial={
            "goals": version.goals,
            "operational_plan": version.operational_plan,
            "review_on": view.agreement.review_on,
        },
    )
    rows = ResponsibilityFormSet(
        data,
        prefix="resp",
        form_kwargs={"organisations": view.parties},
        initial=[
            ResponsibilityRowForm.initial_for(
                row.text,
                {o.pk: level for o, level in zip(view.parties, row.levels, strict=True) if level},
            )
            for row in view.matrix
        ],
    )
    steps = StepFormSet(
        data,
        prefix="step",
        form_kwargs={"organisations": parties},
        initial=[
            {
                "organisation": s.organisation_id,
                "what": s.what,
                "to_organisation": s.to_organisation_id,
                "referral_deadline_working_days": s.referral_deadline_working_days,
            }
            for s in view.steps
        ],
    )
    status = 200
    if data is not None:
        status = 400
        form_valid = form.is_valid()
        if not _rows_invalid(form, rows, steps) and form_valid:
            d = form.cleaned_data
            revised = attempt(
                form,
                lambda: agreements.agreement_revise(
                    actor=actor,
                    agreement_id=agreement_id,
                    goals=d["goals"],
                    operational_plan=d["operational_plan"],
                    review_on=d["review_on"],
                    responsibilities=[r.spec() for r in kept_rows(rows)],
                    steps=[s.spec() for s in kept_rows(steps)],
                ),
                shown=of_kinds(ValidationFailed),
            )
            if revised.value is not None:
                messages.success(
                    request,
                    _("Version %(n)s was saved. Every party must sign it.")
                    % {"n": revised.value.number},
                )
                return redirect("web:agreement_detail", agreement_id=agreement_id)
            status = revised.status
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "form": form,
            "rows": rows,
            "steps": steps,
            "columns": view.parties,
            "agreement": view.agreement,
            "version": version,
        },
        status=status,
    )


def _page(
    request: HttpRequest, actor: Actor, view: AgreementView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The detail page; ``bound`` holds the one form that came back with an error."""
    context: dict[str, Any] = {
        "view": view,
        "agreement": view.agreement,
        "version": view.version,
        "can_sign": policies.can_sign(actor, _party_ids(view), signed=view.signed),
        "can_edit": policies.can_edit_agreement(actor, _party_ids(view)),
        "signatures": [(o, view.signed.get(o.pk)) for o in view.parties],
    }
    if context["can_edit"]:
        parties = selectors.parties_of(view.agreement)
        shares = {s.organisation_id: s.percent for s in view.agreement.cost_shares.all()}
        context |= {
            "indicator_form": IndicatorForm(),
            "measurement_form": MeasurementForm(indicators=selectors.indicators_of(view.agreement)),
            "contribution_form": ContributionForm(parties=parties),
            "funding_form": FundingStreamForm(),
            "expenditure_form": ExpenditureForm(parties=parties),
            "shares_form": CostSharesForm(
                parties=view.parties, initial=CostSharesForm.initial_for(shares)
            ),
        }
        context |= bound
    return render(request, "agreements/agreement_detail.html", context, status=status)


@csp_replace({"style-src": [SELF, UNSAFE_INLINE]})
@with_actor
def indicator_chart(request: HttpRequest, actor: Actor, indicator_id: int) -> HttpResponse:
    """The chart as an SVG image. matplotlib styles its SVG with style attributes, so this
    response alone allows inline styles; it holds no script and no user-written markup."""
    indicator, measurements = selectors.indicator_get_for(actor=actor, indicator_id=indicator_id)
    svg = indicator_svg(
        indicator,
        measurements,
        target_label=_("Target"),
        baseline_label=_("Baseline"),
        measured_label=_("Measured"),
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@with_actor
def agreement_detail(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    return _page(
        request, actor, selectors.agreement_detail_for(actor=actor, agreement_id=agreement_id)
    )


def _submit(
    request: HttpRequest,
    actor: Actor,
    agreement_id: int,
    *,
    name: str,
    make: Callable[[AgreementView], forms.Form],
    save: Callable[[Any], object],
    done: str,
) -> HttpResponse:
    """One of the detail page's forms: the service saves it, or the page comes back with the
    typed values, the service's message and status 400."""
    view = selectors.agreement_detail_for(actor=actor, agreement_id=agreement_id)
    # Checked before the form so that someone who is never shown it gets the service's
    # refusal rather than a form error; the service still decides when the form is valid.
    policies.require_agreement_editor(actor, _party_ids(view))
    form = make(view)
    if form.is_valid() and attempt(form, lambda: save(form), shown=of_kinds(ValidationFailed)).ok:
        messages.success(request, done)
        return redirect("web:agreement_detail", agreement_id=agreement_id)
    return _page(request, actor, view, status=400, **{name: form})


@require_POST
@with_actor
def indicator_add(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    return _submit(
        request,
        actor,
        agreement_id,
        name="indicator_form",
        make=lambda view: IndicatorForm(request.POST),
        save=lambda form: indicators.indicator_create(
            actor=actor, agreement_id=agreement_id, **form.cleaned_data
        ),
        done=_("The indicator was added."),
    )


@require_POST
@with_actor
def measurement_add(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    return _submit(
        request,
        actor,
        agreement_id,
        name="measurement_form",
        make=lambda view: MeasurementForm(
            request.POST, indicators=selectors.indicators_of(view.agreement)
        ),
        save=lambda form: indicators.measurement_record(
            actor=actor,
            indicator_id=form.cleaned_data["indicator"].pk,
            measured_on=form.cleaned_data["measured_on"],
            value=form.cleaned_data["value"],
        ),
        done=_("The measurement was recorded."),
    )


@require_POST
@with_actor
def contribution_add(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    def save(form: ContributionForm) -> object:
        d = dict(form.cleaned_data)
        d["organisation_id"] = d.pop("organisation").pk
        return resources.contribution_add(actor=actor, agreement_id=agreement_id, **d)

    return _submit(
        request,
        actor,
        agreement_id,
        name="contribution_form",
        make=lambda view: ContributionForm(
            request.POST, parties=selectors.parties_of(view.agreement)
        ),
        save=save,
        done=_("The contribution was added."),
    )


@require_POST
@with_actor
def funding_stream_add(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    return _submit(
        request,
        actor,
        agreement_id,
        name="funding_form",
        make=lambda view: FundingStreamForm(request.POST),
        save=lambda form: resources.funding_stream_add(
            actor=actor, agreement_id=agreement_id, **form.cleaned_data
        ),
        done=_("The funding stream was added."),
    )


@require_POST
@with_actor
def expenditure_add(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    def save(form: ExpenditureForm) -> object:
        d = dict(form.cleaned_data)
        d["paid_by_id"] = d.pop("paid_by").pk
        return resources.expenditure_add(actor=actor, agreement_id=agreement_id, **d)

    return _submit(
        request,
        actor,
        agreement_id,
        name="expenditure_form",
        make=lambda view: ExpenditureForm(
            request.POST, parties=selectors.parties_of(view.agreement)
        ),
        save=save,
        done=_("The expenditure was recorded."),
    )


@require_POST
@with_actor
def cost_shares_set(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    return _submit(
        request,
        actor,
        agreement_id,
        name="shares_form",
        make=lambda view: CostSharesForm(request.POST, parties=view.parties),
        save=lambda form: resources.cost_shares_set(
            actor=actor, agreement_id=agreement_id, shares=form.shares()
        ),
        done=_("The agreed shares were saved."),
    )


@require_POST
@with_actor
def agreement_sign(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    version = request.POST.get("version", "")
    try:
        agreements.agreement_sign(
            actor=actor,
            agreement_id=agreement_id,
            version_number=int(version) if version.isdigit() else 0,
        )
    except HelhetError as exc:
        if exc.status_code == 404:
            raise
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("Signed."))
    return redirect("web:agreement_detail", agreement_id=agreement_id)
