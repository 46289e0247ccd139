"""Forms on Min side. Labels are plain words; choices come from the selectors."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.tenancy.models import Organisation


class ConsentGiveForm(forms.Form):
    organisations = forms.MultipleChoiceField(
        label=_("Who may see it"), widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Which information"), widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(
        label=_("Why (the purpose)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
    )
    valid_until = forms.DateField(
        label=_("Until"),
        required=False,
        help_text=_("Leave empty to share until you withdraw the consent."),
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}),
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[Organisation],
        categories: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisations"]).choices = [
            (str(o.pk), o.name) for o in organisations
        ]
        cast(forms.ChoiceField, self.fields["categories"]).choices = categories


class TextForm(forms.Form):
    text = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"})
    )


class LogFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(label=_("Kind of information"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[int, str]],
        categories: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", _("All")),
            ("0", _("Min side (you or a guardian)")),
            *[(str(pk), name) for pk, name in organisations],
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", _("All")), *categories]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
