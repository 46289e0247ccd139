from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import DATE, StyledFormMixin
from helhet.networks.models import Network
from helhet.observatory.constructs import Construct
from helhet.surveys.models import SCALE, Instrument, Item, Round, RoundMode
from helhet.tenancy.models import User

START_DEFAULT = "default"
START_EMPTY = "empty"

# The five-point agreement scale, as the respondent sees it.
SCALE_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}


class InstrumentCreateForm(StyledFormMixin, forms.Form):
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (START_DEFAULT, _("Helhet's default instrument (23 statements), to edit")),
            (START_EMPTY, _("An empty instrument")),
        ],
        initial=START_DEFAULT,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the default instrument's name."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("start") == START_EMPTY and not data.get("name", "").strip():
            self.add_error("name", _("An empty instrument needs a name."))
        return data


class InstrumentForm(StyledFormMixin, forms.Form):
    id_prefix = "instrument"
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CopyForm(StyledFormMixin, forms.Form):
    id_prefix = "copy"
    name = forms.CharField(
        label=_("Name of the copy"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the next version under the same name."),
    )


class ItemForm(StyledFormMixin, forms.Form):
    id_prefix = "item"
    construct = forms.ChoiceField(label=_("Construct"), choices=Construct.choices)
    text_nb = forms.CharField(
        label=_("Statement (bokmål)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Statement (English)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reverse = forms.BooleanField(
        label=_("Reverse-coded (a negative statement: agreeing lowers the score)"),
        required=False,
    )

    @classmethod
    def initial_of(cls, item: Item) -> dict[str, Any]:
        return {
            "construct": item.construct,
            "text_nb": item.text_nb,
            "text_en": item.text_en,
            "reverse": item.reverse,
        }


class InstrumentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class RoundForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    instrument = InstrumentChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"), widget=DATE, help_text=_("The last day answers are accepted.")
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=RoundMode.choices,
        widget=forms.RadioSelect,
        initial=RoundMode.ANONYMOUS,
        help_text=_(
            "Anonymous: answers are stored without any link to the respondent, and results "
            "are shown after the round closes, from three respondents. Named: you see who "
            "answered what."
        ),
    )

    def __init__(
        self,
        *args: Any,
        networks: QuerySet[Network],
        instruments: QuerySet[Instrument],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]
        self.fields["instrument"].queryset = instruments  # type: ignore[attr-defined]


class InviteForm(StyledFormMixin, forms.Form):
    id_prefix = "invite"
    representatives = forms.BooleanField(
        label=_("The representatives of the network's member organisations"),
        required=False,
        initial=True,
    )
    users = forms.ModelMultipleChoiceField(
        label=_("Other staff"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for people without a login."),
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        field.queryset = staff  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.get_username()
        )

    def email_list(self) -> list[str]:
        text = self.cleaned_data.get("emails") or ""
        return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class CompareForm(forms.Form):
    round = forms.ModelMultipleChoiceField(
        label=_("Rounds to compare"),
        queryset=Round.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, rounds: QuerySet[Round], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["round"]
        field.queryset = rounds  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.network.name} – {r.title}"
        )


def answers_from(data: Any, items: list[Item]) -> tuple[dict[int, int], list[str]]:
    """The answers in a posted questionnaire ({item id: 1–5}) and the codes of the fields
    that held something else; an empty field is a statement left unanswered."""
    answers: dict[int, int] = {}
    bad: list[str] = []
    allowed = {str(v) for v in SCALE}
    for item in items:
        raw = data.get(f"item-{item.pk}", "")
        if raw == "":
            continue
        if raw not in allowed:
            bad.append(item.code)
            continue
        answers[item.pk] = int(raw)
    return answers, bad
