from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.consent.models import ConsentMethod
from helhet.people.categories import InformationCategory
from helhet.people.models import Person
from helhet.tenancy.models import Organisation
from helhet.web.forms import StyledFormMixin


class ConsentForm(StyledFormMixin, forms.Form):
    given_by = forms.ModelChoiceField(label=_("Given by"), queryset=Person.objects.none())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Share with"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.MultipleChoiceField(
        label=_("Information"),
        choices=InformationCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}))
    valid_from = forms.DateField(
        label=_("Valid from"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    method = forms.ChoiceField(
        label=_("How it was given"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(
        self,
        *args: object,
        person: Person,
        givers: list[Person],
        organisations: object,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = Person.objects.filter(pk__in=[p.pk for p in givers])  # type: ignore[attr-defined]
        self.fields["given_by"].initial = person.pk
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)
