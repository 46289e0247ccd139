from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledFormMixin
from helhet.observatory.coordination import (
    DEFAULT_CONFIDENCE,
    DEFAULT_REPLICATIONS,
    MAX_REPLICATIONS,
    MAX_SEED,
    MIN_REPLICATIONS,
)
from helhet.observatory.selectors import Scope
from helhet.observatory.survey_file import MAX_BYTES

# The survey asked about the last four weeks.
SURVEY_WEEKS = 4


SOURCE_FILE = "file"
SOURCE_VOLUNTEERING = "volunteering"


class CoordinationForm(StyledFormMixin, forms.Form):
    id_prefix = "coordination"

    source = forms.ChoiceField(
        label=_("Data"),
        choices=[
            (SOURCE_FILE, _("A survey file (CSV)")),
            (SOURCE_VOLUNTEERING, _("The volunteering module")),
        ],
        initial=SOURCE_FILE,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Survey file"),
        required=False,
        help_text=_(
            "CSV in UTF-8 with the columns unit_id, unit_type, activity and coordinator: one "
            "row per unit and activity."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    text = forms.CharField(
        label=_("Or paste the file's contents"),
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    scope = forms.ChoiceField(
        label=_("Care units of"),
        choices=Scope.choices,
        initial=Scope.MUNICIPALITY,
        widget=forms.RadioSelect,
        help_text=_("Only for data from the volunteering module."),
    )
    since = forms.DateField(
        label=_("Who coordinated on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The survey asked about the last four weeks. Leave empty to use each activity's "
            "standing coordinator. Only for data from the volunteering module."
        ),
    )
    replications = forms.IntegerField(
        label=_("Bootstrap replications"),
        min_value=MIN_REPLICATIONS,
        max_value=MAX_REPLICATIONS,
        initial=DEFAULT_REPLICATIONS,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("The same seed and data give the same intervals."),
    )
    confidence = forms.FloatField(
        label=_("Confidence level"),
        initial=DEFAULT_CONFIDENCE,
        help_text=_("Between 0 and 1, such as 0.95."),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["since"].initial = today - timedelta(weeks=SURVEY_WEEKS)

    def clean_confidence(self) -> float:
        value: float = self.cleaned_data["confidence"]
        if not 0 < value < 1:
            raise forms.ValidationError(_("Give a level strictly between 0 and 1, such as 0.95."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == SOURCE_FILE and not data.get("file") and not data.get("text"):
            self.add_error("file", _("Choose a survey file, or paste its contents below."))
        return data
