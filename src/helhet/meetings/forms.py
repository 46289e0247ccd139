from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.forms import DATE, DATETIME, StaffChoiceField, StyledFormMixin
from helhet.meetings.models import BOOKABLE_KINDS
from helhet.meetings.selectors import MeetingView
from helhet.people.models import Family, Person
from helhet.tenancy.models import Organisation, User


class MeetingBookForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=[(k.value, k.label) for k in BOOKABLE_KINDS]
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("The title goes into calendar invites: do not put sensitive details in it."),
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    family = forms.TypedChoiceField(
        label=_("Family"), coerce=int, choices=(), required=False, empty_value=None
    )
    person = forms.TypedChoiceField(
        label=_("About (person)"), coerce=int, choices=(), required=False, empty_value=None
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Invite organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Staff of the organisations taking part see the meeting, its minutes and action items."
        ),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        families: list[tuple[Family, list[Person]]],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (f.pk, f.name) for f, _members in families
        ]
        persons: dict[int, str] = {}
        for _family, members in families:
            for p in members:
                persons.setdefault(p.pk, p.full_name)
        self.fields["person"].choices = [("", "—"), *persons.items()]  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]

    def meeting_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["family_id"] = data.pop("family")
        data["person_id"] = data.pop("person")
        data["organisation_ids"] = [o.pk for o in data.pop("organisations")]
        return data


class MinutesForm(StyledFormMixin, forms.Form):
    id_prefix = "minutes"

    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "decision"

    text = forms.CharField(
        label=_("Decision"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionItemForm(StyledFormMixin, forms.Form):
    id_prefix = "item"

    title = forms.CharField(label=_("What is to be done"), max_length=200)
    owner_organisation = forms.TypedChoiceField(label=_("Owner"), coerce=int, choices=())
    owner_user = StaffChoiceField(
        label=_("Responsible (in your organisation)"),
        queryset=User.objects.none(),
        required=False,
    )
    person = forms.TypedChoiceField(
        label=_("For"), coerce=int, choices=(), required=False, empty_value=None
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("As the owner's work (default)")), *InformationCategory.choices],
        required=False,
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args: Any, view: MeetingView, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].choices = view.organisations  # type: ignore[attr-defined]
        self.fields["person"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (p.pk, p.full_name) for p in view.persons
        ]
        self.fields["owner_user"].queryset = staff  # type: ignore[attr-defined]

    def item_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        owner_user = data.pop("owner_user")
        return {
            "title": data["title"],
            "owner_organisation_id": data["owner_organisation"],
            "owner_user_id": owner_user.pk if owner_user else None,
            "person_id": data["person"],
            "category": data["category"] or None,
            "due_date": data["due_date"],
        }


class ParticipantForm(StyledFormMixin, forms.Form):
    id_prefix = "participant"

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    person = forms.TypedChoiceField(
        label=_("Family member"), coerce=int, choices=(), required=False, empty_value=None
    )
    role = forms.CharField(label=_("Role in the meeting"), max_length=100, required=False)

    def __init__(
        self, *args: Any, view: MeetingView, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["person"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (p.pk, p.full_name) for p in view.persons
        ]

    def participant_fields(self) -> dict[str, Any]:
        organisation = self.cleaned_data["organisation"]
        return {
            "organisation_id": organisation.pk if organisation else None,
            "person_id": self.cleaned_data["person"],
            "role": self.cleaned_data["role"],
        }
