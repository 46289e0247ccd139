from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import DATE, DATETIME, StaffChoiceField, StyledFormMixin
from helhet.networks.models import (
    LeadershipModel,
    Lifecycle,
    MemberRole,
    NetworkKind,
    NetworkMember,
    NetworkType,
)
from helhet.people.models import Person
from helhet.tenancy.models import Organisation, User


class NetworkForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    type = forms.ChoiceField(label=_("Type"), choices=NetworkType.choices)
    target_population = forms.CharField(
        label=_("Target population"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    districts = forms.CharField(label=_("Districts"), required=False, max_length=500)
    leadership_model = forms.ChoiceField(label=_("Leadership"), choices=LeadershipModel.choices)
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), required=False
    )
    informal_leaders = forms.CharField(label=_("Informal leaders"), required=False, max_length=500)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def network_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        lead = data.pop("lead_organisation")
        data["lead_organisation_id"] = lead.pk if lead else None
        return data


class MemberForm(StyledFormMixin, forms.Form):
    id_prefix = "member"
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class StatusForm(StyledFormMixin, forms.Form):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("Lifecycle"), choices=Lifecycle.choices)


class MandateForm(StyledFormMixin, forms.Form):
    id_prefix = "mandate"
    issued_by = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        help_text=_("The body or leader who gave the network its mandate."),
    )
    regulatory_basis = forms.CharField(label=_("Regulatory basis"), max_length=500, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE)
    scope = forms.CharField(
        label=_("Scope"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


OBJECTIVE_EXPLICIT = "explicit"
OBJECTIVE_IMPLICIT = "implicit"


class ObjectiveForm(StyledFormMixin, forms.Form):
    id_prefix = "objective"
    text = forms.CharField(
        label=_("Objective"), max_length=1_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    explicit = forms.ChoiceField(
        label=_("How it is held"),
        choices=[
            (OBJECTIVE_EXPLICIT, _("Explicit: written down or formally agreed")),
            (OBJECTIVE_IMPLICIT, _("Implicit: shared in practice, not written down")),
        ],
        initial=OBJECTIVE_EXPLICIT,
        widget=forms.RadioSelect,
    )

    def objective_fields(self) -> dict[str, Any]:
        return {
            "text": self.cleaned_data["text"],
            "explicit": self.cleaned_data["explicit"] == OBJECTIVE_EXPLICIT,
        }


def _member_choices(members: list[NetworkMember]) -> list[tuple[Any, str]]:
    return [("", "—"), *((m.pk, m.organisation.name) for m in members)]


class MemberRoleForm(StyledFormMixin, forms.Form):
    id_prefix = "member_role"
    member = forms.TypedChoiceField(label=_("Member"), coerce=int, choices=())
    role = forms.ChoiceField(label=_("New role"), choices=MemberRole.choices)

    def __init__(self, *args: Any, members: list[NetworkMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = _member_choices(members)  # type: ignore[attr-defined]


class MemberRemoveForm(StyledFormMixin, forms.Form):
    id_prefix = "member_remove"
    member = forms.TypedChoiceField(label=_("Member leaving"), coerce=int, choices=())
    confirm = forms.BooleanField(
        label=_("Yes, the organisation leaves the network"),
        help_text=_("Its representatives are removed; its attendance at past meetings stays."),
    )

    def __init__(self, *args: Any, members: list[NetworkMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = _member_choices(members)  # type: ignore[attr-defined]


class RepresentativeForm(StyledFormMixin, forms.Form):
    id_prefix = "representative"
    member = forms.TypedChoiceField(label=_("Member organisation"), coerce=int, choices=())
    user = StaffChoiceField(
        label=_("Member of staff (your organisation)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Choose a colleague, or write the name of someone from another organisation."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(
        self, *args: Any, members: list[NetworkMember], staff: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = _member_choices(members)  # type: ignore[attr-defined]
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]

    def representative_fields(self) -> dict[str, Any]:
        user = self.cleaned_data["user"]
        return {
            "member_id": self.cleaned_data["member"],
            "user_id": user.pk if user else None,
            "name": self.cleaned_data["name"],
            "title": self.cleaned_data["title"],
        }


class NetworkMeetingForm(StyledFormMixin, forms.Form):
    id_prefix = "meeting"
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("The title goes into calendar invites: do not put sensitive details in it."),
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


ANONYMOUS = "anonymous"


def _person_label(person: Person) -> str:
    # The birth date tells apart persons of the same name.
    born = formats.date_format(person.birth_date, "SHORT_DATE_FORMAT")
    return f"{person.full_name} ({born})"


class CaseConferenceForm(StyledFormMixin, forms.Form):
    id_prefix = "case"
    # The search that produced the person choices, sent back so that a re-shown form
    # offers the same persons (and so keeps the one chosen).
    q = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    person = forms.ChoiceField(
        label=_("Who is the case about"),
        choices=(),
        help_text=_(
            "A named case needs the person's consent to share with every organisation "
            "invited. An anonymous case needs none."
        ),
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Invite member organisations"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Your own organisation takes part. Untick the organisations that should not be invited."
        ),
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        persons: list[Person],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("organisations", [o.pk for o in organisations])
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose …")),
            (ANONYMOUS, _("Anonymous case (no one named)")),
            *((str(p.pk), _person_label(p)) for p in persons),
        ]
        self.fields["organisations"].choices = [  # type: ignore[attr-defined]
            (o.pk, o.name) for o in organisations
        ]

    def conference_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        person = data["person"]
        return {
            "person_id": None if person == ANONYMOUS else int(person),
            "organisation_ids": list(data["organisations"]),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "location": data["location"],
            "agenda": data["agenda"],
        }
