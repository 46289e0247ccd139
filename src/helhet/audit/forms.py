from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.audit.models import ReviewVerdict


class ReviewOutcomeForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Outcome"), choices=ReviewVerdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_(
            "Why the access was or was not justified, and what was done (for example, who you "
            "spoke with)."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}),
        max_length=4000,
    )
