"""Web forms for agreements. They only parse what was typed; every rule about agreements
(parties, the matrix, deadlines, amounts, periods, shares) is checked by the services, whose
message the page then shows next to the values the user typed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.agreements.models import (
    AgreementKind,
    ContributionKind,
    Indicator,
    IndicatorDirection,
    ResponsibilityLevel,
)
from helhet.agreements.services.agreements import ResponsibilitySpec, StepSpec
from helhet.core.forms import StyledFormMixin
from helhet.networks.models import Network
from helhet.tenancy.models import Organisation

BLANK_ROWS = 5


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _amount(label: Any, *, max_digits: int = 14) -> forms.DecimalField:
    # No min_value: a negative amount is the service's to refuse, with its own message.
    return forms.DecimalField(label=label, max_digits=max_digits, decimal_places=2)


def _text(label: Any, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AgreementForm(StyledFormMixin, forms.Form):
    """The first version of a new agreement; the rows come in their own formsets."""

    title = forms.CharField(label=_("Title"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two organisations, your own among them."),
    )
    goals = _text(_("Goals"))
    operational_plan = _text(_("Operational plan"), required=False)
    review_on = _date(_("Review on"), required=False)
    network = forms.ModelChoiceField(
        label=_("Network or team"),
        queryset=Network.objects.none(),
        required=False,
        help_text=_("If the agreement sets the rules of a network your organisation is in."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        networks: QuerySet[Network] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = organisations  # type: ignore[attr-defined]
        if networks is not None:
            self.fields["network"].queryset = networks  # type: ignore[attr-defined]


class RevisionForm(StyledFormMixin, forms.Form):
    """A new version keeps the title, kind and parties; the wording and rows change."""

    goals = _text(_("Goals"))
    operational_plan = _text(_("Operational plan"), required=False)
    review_on = _date(_("Review on"), required=False)


NONE_LEVEL = ("", _("None"))


class ResponsibilityRowForm(StyledFormMixin, forms.Form):
    """One row of the matrix: a responsibility and each organisation's role in it."""

    text = forms.CharField(label=_("Responsibility"), max_length=300, required=False)

    def __init__(self, *args: Any, organisations: Sequence[Organisation], **kwargs: Any) -> None:
        self.organisations = list(organisations)
        super().__init__(*args, **kwargs)
        for org in self.organisations:
            field = forms.ChoiceField(
                label=org.name,
                choices=[NONE_LEVEL, *ResponsibilityLevel.choices],
                required=False,
            )
            field.widget.attrs["class"] = "ds-input"
            self.fields[self.cell_name(org.pk)] = field

    @staticmethod
    def cell_name(organisation_id: int) -> str:
        return f"cell_{organisation_id}"

    def cell_fields(self) -> list[forms.BoundField]:
        """The role cells in column order, for the table."""
        return [self[self.cell_name(org.pk)] for org in self.organisations]

    def cells(self) -> dict[int, str]:
        data = self.cleaned_data
        return {
            org.pk: data[self.cell_name(org.pk)]
            for org in self.organisations
            if data.get(self.cell_name(org.pk))
        }

    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("text") or "").strip() and not self.cells()

    def spec(self) -> ResponsibilitySpec:
        return ResponsibilitySpec(text=self.cleaned_data.get("text") or "", cells=self.cells())

    @classmethod
    def initial_for(cls, text: str, cells: dict[int, str]) -> dict[str, Any]:
        return {"text": text, **{cls.cell_name(org_id): level for org_id, level in cells.items()}}


class StepForm(StyledFormMixin, forms.Form):
    """One step of the service path."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    what = forms.CharField(label=_("What"), max_length=300, required=False)
    to_organisation = forms.ModelChoiceField(
        label=_("Hands over to"), queryset=Organisation.objects.none(), required=False
    )
    referral_deadline_working_days = forms.IntegerField(
        label=_("Referral deadline (working days)"), required=False
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["to_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def columns(self) -> list[forms.BoundField]:
        """The row's cells in table order; the position comes from the formset."""
        names = ("ORDER", "organisation", "what", "to_organisation")
        return [self[n] for n in (*names, "referral_deadline_working_days") if n in self.fields]

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (
            data.get("organisation")
            or (data.get("what") or "").strip()
            or data.get("to_organisation")
            or data.get("referral_deadline_working_days") is not None
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A step without anyone doing it cannot be handed to the service as a step at all.
        if (
            not self.is_blank()
            and not data.get("organisation")
            and "organisation" not in self.errors
        ):
            self.add_error("organisation", _("Choose the organisation that takes this step."))
        return data

    def spec(self) -> StepSpec:
        data = self.cleaned_data
        to = data.get("to_organisation")
        return StepSpec(
            organisation_id=data["organisation"].pk,
            what=data.get("what") or "",
            to_organisation_id=to.pk if to else None,
            referral_deadline_working_days=data.get("referral_deadline_working_days"),
        )


class _RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Labels and styles the position and remove fields the formset adds to each row."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Position")
            form.fields["ORDER"].widget.attrs["class"] = "ds-input"
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


def kept_rows(formset: forms.BaseFormSet[Any]) -> list[Any]:
    """The filled-in rows to save, in the order the user gave; call after is_valid()."""
    removed = {id(f) for f in formset.deleted_forms} if formset.can_delete else set()
    rows = formset.ordered_forms if formset.can_order else formset.forms
    return [f for f in rows if id(f) not in removed and not f.is_blank()]


ResponsibilityFormSet = forms.formset_factory(
    ResponsibilityRowForm,
    formset=_RowFormSet,
    extra=BLANK_ROWS,
    can_delete=True,
    can_delete_extra=False,
)
StepFormSet = forms.formset_factory(
    StepForm,
    formset=_RowFormSet,
    extra=BLANK_ROWS,
    can_order=True,
    can_delete=True,
    can_delete_extra=False,
)


class IndicatorForm(StyledFormMixin, forms.Form):
    id_prefix = "indicator"
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    target_date = _date(_("Target date"))
    direction = forms.ChoiceField(label=_("Direction"), choices=IndicatorDirection.choices)


class MeasurementForm(StyledFormMixin, forms.Form):
    id_prefix = "measurement"
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    measured_on = _date(_("Measured on"))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)

    def __init__(self, *args: Any, indicators: QuerySet[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]


class _PartyChoiceMixin:
    """Forms that name one of the agreement's parties."""

    party_field: str

    def __init__(self, *args: Any, parties: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.party_field].queryset = parties  # type: ignore[attr-defined]


class ContributionForm(_PartyChoiceMixin, StyledFormMixin, forms.Form):
    id_prefix = "contribution"
    party_field = "organisation"
    organisation = forms.ModelChoiceField(label=_("Party"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices)
    amount = _amount(_("Amount (NOK, or hours for staff hours)"))
    period_start = _date(_("From"))
    period_end = _date(_("To"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class FundingStreamForm(StyledFormMixin, forms.Form):
    id_prefix = "funding"
    source = forms.CharField(label=_("Source"), max_length=200)
    amount = _amount(_("Amount (NOK)"))
    period_start = _date(_("From"))
    period_end = _date(_("To"))


class ExpenditureForm(_PartyChoiceMixin, StyledFormMixin, forms.Form):
    id_prefix = "expenditure"
    party_field = "paid_by"
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = _amount(_("Amount (NOK)"))
    paid_by = forms.ModelChoiceField(label=_("Paid by"), queryset=Organisation.objects.none())
    spent_on = _date(_("Spent on"))
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=40,
        required=False,
        help_text=_("A case code only, never a name or national identity number."),
    )


class CostSharesForm(StyledFormMixin, forms.Form):
    """One agreed percent per party; a party left empty has no agreed share."""

    id_prefix = "shares"

    def __init__(self, *args: Any, parties: Sequence[Organisation], **kwargs: Any) -> None:
        self.parties = list(parties)
        super().__init__(*args, **kwargs)
        for org in self.parties:
            field = forms.DecimalField(
                label=org.name, max_digits=5, decimal_places=2, required=False
            )
            field.widget.attrs["class"] = "ds-input"
            self.fields[f"share_{org.pk}"] = field

    @staticmethod
    def initial_for(shares: dict[int, Decimal]) -> dict[str, Decimal]:
        return {f"share_{org_id}": percent for org_id, percent in shares.items()}

    def shares(self) -> dict[int, Decimal]:
        return {
            org.pk: self.cleaned_data[f"share_{org.pk}"]
            for org in self.parties
            if self.cleaned_data.get(f"share_{org.pk}") is not None
        }
