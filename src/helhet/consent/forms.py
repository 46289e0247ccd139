from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.consent.models import ConsentMethod
from helhet.core.categories import InformationCategory
from helhet.core.forms import StyledFormMixin
from helhet.people.models import Person
from helhet.tenancy.models import Organisation, User

STAFF_METHODS = [
    (ConsentMethod.WRITTEN.value, ConsentMethod.WRITTEN.label),
    (ConsentMethod.ORAL.value, ConsentMethod.ORAL.label),
]


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
        required=False,
        help_text=_("Today or later: a consent is never backdated."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    method = forms.ChoiceField(
        label=_("How it was given"),
        choices=STAFF_METHODS,
        widget=forms.RadioSelect,
        help_text=_(
            "A digital consent the person gives themselves on Min side. Here: attach the signed "
            "paper form, or name the colleague who witnessed an oral consent; they confirm it "
            "in their own session before it takes effect."
        ),
    )
    document = forms.FileField(
        label=_("Signed form (PDF, PNG or JPEG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    witness = forms.ModelChoiceField(
        label=_("Witness (for an oral consent)"), queryset=User.objects.none(), required=False
    )

    def __init__(
        self,
        *args: object,
        person: Person,
        givers: list[Person],
        organisations: object,
        witnesses: list[User] = (),  # type: ignore[assignment]
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = Person.objects.filter(pk__in=[p.pk for p in givers])  # type: ignore[attr-defined]
        self.fields["given_by"].initial = person.pk
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["witness"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in witnesses]
        ).order_by("last_name", "first_name")
        self.fields["witness"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)
