from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import DATE, StyledFormMixin
from helhet.networks.models import Network, NetworkType
from helhet.registry.models import FIRST_YEAR, LAST_YEAR, Setting
from helhet.registry.selectors import RegistrySearch
from helhet.tenancy.models import Organisation, Sector

ANY = [("", _("Any"))]
YES, NO = "yes", "no"


class SearchForm(StyledFormMixin, forms.Form):
    id_prefix = "search"
    q = forms.CharField(label=_("Text"), required=False, max_length=200)
    setting = forms.ChoiceField(label=_("Setting"), required=False, choices=ANY + Setting.choices)
    target_population = forms.CharField(
        label=_("Target population"), required=False, max_length=200
    )
    year_from = forms.IntegerField(
        label=_("Created from (year)"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("Created to (year)"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    has_funding = forms.ChoiceField(
        label=_("Funding"),
        required=False,
        choices=[*ANY, (YES, _("Has funding")), (NO, _("No funding recorded"))],
    )
    sector = forms.ChoiceField(
        label=_("Has a partner in sector"), required=False, choices=ANY + Sector.choices
    )
    network_type = forms.ChoiceField(
        label=_("Type of network"), required=False, choices=ANY + NetworkType.choices
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", _("The last year comes on or after the first."))
        return data

    def to_search(self) -> RegistrySearch:
        if not self.is_bound or not self.is_valid():
            return RegistrySearch()
        d = self.cleaned_data
        funding = d.get("has_funding")
        return RegistrySearch(
            q=d.get("q") or "",
            setting=d.get("setting") or "",
            target_population=d.get("target_population") or "",
            year_from=d.get("year_from"),
            year_to=d.get("year_to"),
            has_funding=True if funding == YES else False if funding == NO else None,
            sector=d.get("sector") or "",
            network_type=d.get("network_type") or "",
        )


class EntryCreateForm(StyledFormMixin, forms.Form):
    id_prefix = "create"
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        help_text=_("The form is filled in from what the platform knows; complete it after."),
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]


def _text(label: Any, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class EntryForm(StyledFormMixin, forms.Form):
    id_prefix = "entry"
    sponsor = forms.ModelChoiceField(
        label=_("Sponsor"), queryset=Organisation.objects.none(), required=False
    )
    year_created = forms.IntegerField(
        label=_("Year created"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    setting = forms.ChoiceField(
        label=_("Setting"), required=False, choices=[("", "—"), *Setting.choices]
    )
    target_population = _text(_("Target population"), rows=2)
    objectives = _text(_("Objectives"), help_text=_("One per line."))
    governance_bodies = _text(_("Governance bodies"), help_text=_("One per line."))
    notes = _text(_("Notes"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = organisations  # type: ignore[attr-defined]

    def entry_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        sponsor = data.pop("sponsor")
        data["sponsor_id"] = sponsor.pk if sponsor else None
        return data


class PartnerForm(StyledFormMixin, forms.Form):
    id_prefix = "partner"
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Or leave empty and name a partner that is not on the platform."),
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("The organisation's own")), *Sector.choices],
    )
    role = forms.CharField(label=_("Role in the network"), required=False, max_length=100)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def partner_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        organisation = data.pop("organisation")
        data["organisation_id"] = organisation.pk if organisation else None
        return data


class FundingForm(StyledFormMixin, forms.Form):
    id_prefix = "funding"
    source = forms.CharField(label=_("Source"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (NOK)"), min_value=0, max_digits=14, decimal_places=2
    )
    period_start = forms.DateField(label=_("From"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("To"), required=False, widget=DATE)


class ItemForm(forms.Form):
    """The line to remove, from a button in the table."""

    item = forms.IntegerField(min_value=1, max_value=2**63 - 1)
