from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.consent.models import InvolvementBasis
from helhet.core.categories import InformationCategory
from helhet.core.forms import StyledFormMixin


class PersonRegisterForm(StyledFormMixin, forms.Form):
    national_id = forms.CharField(
        label=_("National identity number"),
        max_length=11,
        min_length=11,
        help_text=_("11 digits. Only synthetic numbers (month + 80) outside production."),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        help_text=_("As in the population register."),
    )
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    basis = forms.ChoiceField(
        label=_("Legal basis for your organisation's case"),
        choices=[
            (InvolvementBasis.STATUTORY.value, InvolvementBasis.STATUTORY.label),
            (InvolvementBasis.MANAGER_DECISION.value, InvolvementBasis.MANAGER_DECISION.label),
        ],
        initial=InvolvementBasis.STATUTORY,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "A case on a referral opens when you accept the referral. A manager's decision "
            "needs a manager and a written reason."
        ),
    )
    basis_reason = forms.CharField(
        label=_("Reason (for a manager's decision)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_basis(self) -> str:
        return self.cleaned_data.get("basis") or InvolvementBasis.STATUTORY


class EntryForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=InformationCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
