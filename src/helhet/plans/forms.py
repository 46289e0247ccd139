from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.forms import DATE, StaffChoiceField, StyledFormMixin
from helhet.plans.models import MeasureStatus
from helhet.plans.selectors import PlanView
from helhet.tenancy.models import User


def _text(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PlanForm(StyledFormMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    coordinator = StaffChoiceField(
        label=_("Coordinator (element 3)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Someone on the staff of your organisation who coordinates and follows up."),
    )
    period_start = forms.DateField(
        label=_("Plan period from (element 7)"), required=False, widget=DATE
    )
    period_end = forms.DateField(label=_("Plan period until"), required=False, widget=DATE)
    revise_on = forms.DateField(label=_("Revise on"), required=False, widget=DATE)
    resources_and_needs = _text(
        _("Resources and needs (element 1)"),
        _(
            "Everything in this part is shown to every service that works with a family member. "
            "Write information only some services may see as a measure in its category."
        ),
        rows=4,
    )
    participants = _text(_("Who takes part (element 2)"))
    contributions = _text(_("What the family, the services and relatives contribute (element 4)"))
    implementation = _text(_("How the measures are carried out (element 6)"))
    cooperation = _text(_("Cooperation needed with other services (element 9)"))

    def __init__(self, *args: Any, coordinators: QuerySet[User] | None, **kwargs: Any) -> None:
        """``coordinators`` None: the current coordinator's service may not be known to the
        user, so the field is left out (and the coordinator left as it is)."""
        super().__init__(*args, **kwargs)
        if coordinators is None:
            del self.fields["coordinator"]
        else:
            self.fields["coordinator"].queryset = coordinators  # type: ignore[attr-defined]

    def plan_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("expected_version")
        if "coordinator" in data:
            coordinator = data.pop("coordinator")
            data["coordinator_id"] = coordinator.pk if coordinator else None
        return data


class GoalForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Goal, in the family's own words"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    order = forms.IntegerField(label=_("Order"), required=False, min_value=0, max_value=2**31 - 1)


class MeasureForm(StyledFormMixin, forms.Form):
    person = forms.TypedChoiceField(label=_("For"), coerce=int, choices=())
    title = forms.CharField(label=_("Measure"), max_length=200)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=InformationCategory.choices,
        help_text=_(
            "Other services see the measure only with the family's consent for this category."
        ),
    )
    goal = forms.TypedChoiceField(
        label=_("Goal"), coerce=int, choices=(), required=False, empty_value=None
    )
    responsible = StaffChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    scope = _text(_("Scope (how much, how often, for how long)"), rows=2)
    description = _text(_("Description"), rows=3)

    def __init__(
        self,
        *args: Any,
        view: PlanView,
        staff: QuerySet[User],
        with_person: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_person:
            self.fields["person"].choices = [  # type: ignore[attr-defined]
                (m.person.pk, m.person.full_name) for m in view.members
            ]
        else:
            del self.fields["person"]
        goals = [("", "—"), *((g.pk, g.text[:80]) for g in view.goals)]
        self.fields["goal"].choices = goals  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = staff  # type: ignore[attr-defined]

    def measure_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        responsible = data.pop("responsible")
        data["responsible_id"] = responsible.pk if responsible else None
        data["goal_id"] = data.pop("goal")
        if "person" in data:
            data["person_id"] = data.pop("person")
        return data


class MeasureEditForm(MeasureForm):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["with_person"] = False
        super().__init__(*args, **kwargs)


class DiffForm(forms.Form):
    from_version = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    to_version = forms.IntegerField(min_value=1, max_value=2**31 - 1)
