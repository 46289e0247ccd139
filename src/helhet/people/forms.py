from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.people.categories import InformationCategory
from helhet.web.forms import StyledFormMixin


class PersonRegisterForm(StyledFormMixin, forms.Form):
    national_id = forms.CharField(
        label=_("National identity number"),
        max_length=11,
        min_length=11,
        help_text=_("11 digits. Only synthetic numbers (month + 80) outside production."),
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)


class EntryForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=InformationCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
