from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import DATE, StyledFormMixin
from helhet.networks.models import Network
from helhet.relations.models import ITEMS, TRUST_ITEMS, WORKS_TOGETHER, Frequency, Rating, Scale
from helhet.relations.services import RatingSpec
from helhet.tenancy.models import Organisation

ITEM_LABELS: dict[str, Any] = {
    "reliable": _("Reliable: does what it says it will do"),
    "supports_mission": _("Supports the network's shared mission"),
    "open_to_discussion": _("Open to discussion and willing to listen"),
    "influence": _("Power or influence in the community"),
    "involvement": _("Level of involvement in the network"),
    "resources": _("Resources it contributes"),
}
DONT_KNOW = ""
THRESHOLD_CHOICES = [(f.value, f.label) for f in Frequency if f != Frequency.NEVER]


class RoundForm(StyledFormMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=DATE,
        help_text=_("The platform's record is compared over the year up to this day."),
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]


class RatingsForm(StyledFormMixin, forms.Form):
    """One group of questions per other organisation of the round: how often, then the six
    items, each with "don't know"."""

    id_prefix = "rate"

    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation],
        given: dict[int, Rating] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        given = given or {}
        scale = [(DONT_KNOW, _("Don't know")), *((s.value, s.label) for s in Scale)]
        for org in self.organisations:
            before = given.get(org.pk)
            self.fields[f"o{org.pk}_frequency"] = forms.TypedChoiceField(
                label=_("How often do you work together?"),
                choices=[("", "—"), *Frequency.choices],
                coerce=int,
                initial=before.frequency if before else None,
                # Added after StyledFormMixin styled the declared fields: styled here.
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            for item in ITEMS:
                self.fields[f"o{org.pk}_{item}"] = forms.TypedChoiceField(
                    label=ITEM_LABELS[item],
                    choices=scale,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    initial=getattr(before, item) if before else DONT_KNOW,
                    widget=forms.Select(attrs={"class": "ds-input"}),
                )

    def groups(self) -> list[tuple[Organisation, Any, list[Any], list[Any]]]:
        """Per organisation: the frequency field, the trust fields and the value fields."""
        return [
            (
                org,
                self[f"o{org.pk}_frequency"],
                [self[f"o{org.pk}_{item}"] for item in ITEMS if item in TRUST_ITEMS],
                [self[f"o{org.pk}_{item}"] for item in ITEMS if item not in TRUST_ITEMS],
            )
            for org in self.organisations
        ]

    def specs(self) -> list[RatingSpec]:
        data = self.cleaned_data
        return [
            RatingSpec(
                organisation_id=org.pk,
                frequency=data[f"o{org.pk}_frequency"],
                **{item: data[f"o{org.pk}_{item}"] for item in ITEMS},
            )
            for org in self.organisations
        ]


class ThresholdForm(StyledFormMixin, forms.Form):
    id_prefix = "metrics"
    threshold = forms.TypedChoiceField(
        label=_("Counts as working together"),
        choices=THRESHOLD_CHOICES,
        coerce=int,
        initial=WORKS_TOGETHER,
        help_text=_("The least frequency that makes an arc of the works-together graph."),
    )


class ComparisonForm(StyledFormMixin, forms.Form):
    id_prefix = "compare"
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    threshold = forms.TypedChoiceField(
        label=_("Stated: working together at least"),
        choices=THRESHOLD_CHOICES,
        coerce=int,
        initial=WORKS_TOGETHER,
    )
    min_count = forms.IntegerField(
        label=_("Operational: at least this many referrals or shared meetings"),
        min_value=1,
        max_value=1000,
        initial=1,
    )
