from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledFormMixin
from helhet.tenancy.models import Organisation, User
from helhet.transitions.models import AFTERCARE_AGE_RANGE, HORIZON_MONTHS_RANGE


def _date_widget() -> forms.DateInput:
    # An <input type="date"> takes ISO dates whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes(value: Any) -> bool:
    return str(value) == "True"


class TransitionPlanForm(StyledFormMixin, forms.Form):
    taking_over = forms.ModelChoiceField(
        label=_("Taking over"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not decided yet"),
        help_text=_(
            "The service that takes over. Once named, its staff can read this plan (not change it)."
        ),
    )
    starts_on = forms.DateField(
        label=_("From"),
        required=False,
        widget=_date_widget(),
        help_text=_("Leave empty for the 18th birthday."),
    )
    aftercare = forms.TypedChoiceField(
        label=_("Aftercare"),
        choices=((True, _("Yes")), (False, _("No"))),
        coerce=_yes,
        widget=forms.RadioSelect,
        initial=True,
    )
    aftercare_until = forms.DateField(
        label=_("Aftercare until"), required=False, widget=_date_widget()
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        responsible: Any,
        aftercare_limit: date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["taking_over"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = responsible  # type: ignore[attr-defined]
        self.fields["responsible"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.get_username()
        )
        self.fields["aftercare_until"].help_text = _(
            "Leave empty for %(date)s, the birthday at the aftercare age. Not later than that."
        ) % {"date": aftercare_limit.isoformat()}


class TransitionSettingsForm(StyledFormMixin, forms.Form):
    horizon_months = forms.IntegerField(
        label=_("Horizon (months)"),
        min_value=HORIZON_MONTHS_RANGE[0],
        max_value=HORIZON_MONTHS_RANGE[1],
        help_text=_("How many months ahead the list looks for 18th birthdays."),
    )
    aftercare_until_age = forms.IntegerField(
        label=_("Aftercare until age"),
        min_value=AFTERCARE_AGE_RANGE[0],
        max_value=AFTERCARE_AGE_RANGE[1],
        help_text=_("Aftercare in child welfare can run until the 25th birthday at the latest."),
    )
