"""Web forms for volunteering. They parse and offer choices; the services decide what is valid."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.dates import today
from helhet.core.forms import StyledFormMixin
from helhet.tenancy.models import Organisation
from helhet.volunteering.models import (
    Activity,
    ActivityCategory,
    CareUnitType,
    Coordinator,
    Volunteer,
)


def _date_widget() -> forms.DateInput:
    # An <input type="date"> takes ISO dates whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes(value: Any) -> bool:
    return str(value) == "yes"


def _yes_no(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=(("yes", _("Yes")), ("no", _("No"))),
        coerce=_yes,
        widget=forms.RadioSelect,
        initial="no",
    )


def _yes_no_initial(value: bool) -> str:
    return "yes" if value else "no"


class ServiceChoiceField(forms.ChoiceField):
    """A select whose other values go on to the service.

    The service owns the list of valid codes and says what is wrong with any other (a
    tampered POST, say) in its own words, so the page shows the same message as the API.
    """

    def valid_value(self, value: Any) -> bool:
        return True


class VoluntaryOrganisationField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class VolunteerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        volunteer: Volunteer = obj
        if volunteer.police_certificate_checked_on is None:
            return str(_("%(name)s (no police certificate checked)") % {"name": volunteer.name})
        return volunteer.name


class CareUnitForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit_type = ServiceChoiceField(label=_("Unit type"), choices=CareUnitType.choices)


STATUTORY_BY_CATEGORY = "category"
STATUTORY_CHOICES = (
    (STATUTORY_BY_CATEGORY, _("As the category says")),
    ("yes", _("Statutory")),
    ("no", _("Not statutory")),
)


class ActivityForm(StyledFormMixin, forms.Form):
    """What ``activity_update`` changes; the voluntary organisation is set once, at creation."""

    title = forms.CharField(label=_("Title"), max_length=200)
    category = ServiceChoiceField(label=_("Category"), choices=ActivityCategory.choices)
    coordinator = ServiceChoiceField(label=_("Coordinated by"), choices=Coordinator.choices)
    statutory = forms.ChoiceField(
        label=_("Statutory service"),
        help_text=_(
            "Day centres and food delivery are statutory services, the other categories are "
            "not. Choose otherwise only where this activity is an exception."
        ),
        choices=STATUTORY_CHOICES,
        widget=forms.RadioSelect,
        initial=STATUTORY_BY_CATEGORY,
    )
    requires_police_certificate = _yes_no(
        _("Requires a police certificate"),
        _("Volunteers can then be put on the activity only once a certificate is checked."),
    )

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        override = activity.statutory_override
        return {
            "title": activity.title,
            "category": activity.category,
            "coordinator": activity.coordinator,
            "statutory": (STATUTORY_BY_CATEGORY if override is None else _yes_no_initial(override)),
            "requires_police_certificate": _yes_no_initial(activity.requires_police_certificate),
        }

    def activity_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        statutory = data["statutory"]
        return {
            "title": data["title"],
            "category": data["category"],
            "coordinator": data["coordinator"],
            "statutory_override": None if statutory == STATUTORY_BY_CATEGORY else _yes(statutory),
            "requires_police_certificate": data["requires_police_certificate"],
        }


class ActivityCreateForm(ActivityForm):
    voluntary_organisation = VoluntaryOrganisationField(
        label=_("Voluntary organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None (the care unit alone)"),
        help_text=_("The organisation whose volunteers run the activity with the care unit."),
    )
    field_order = ("title", "category", "voluntary_organisation", "coordinator")

    def __init__(
        self, *args: Any, voluntary_organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voluntary_organisation"].queryset = voluntary_organisations  # type: ignore[attr-defined]

    def activity_fields(self) -> dict[str, Any]:
        fields = super().activity_fields()
        organisation = self.cleaned_data["voluntary_organisation"]
        fields["voluntary_organisation_id"] = organisation.pk if organisation else None
        return fields


class OccurrenceForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    # No lower bounds here: the service refuses negative numbers with its own message.
    participants = forms.IntegerField(label=_("Participants"))
    volunteers = forms.IntegerField(label=_("Volunteers"))
    hours = forms.DecimalField(label=_("Hours"), max_digits=7, decimal_places=1)
    coordinator = ServiceChoiceField(
        label=_("Coordinated by, this time"),
        choices=(("", _("As the activity says")), *Coordinator.choices),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": today()})
        super().__init__(*args, **kwargs)

    def occurrence_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["coordinator"] = data["coordinator"] or None
        return data


class AgreementForm(StyledFormMixin, forms.Form):
    voluntary_organisation = VoluntaryOrganisationField(
        label=_("Voluntary organisation"), queryset=Organisation.objects.none()
    )
    tasks = forms.CharField(
        label=_("Who does what"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The tasks of the volunteers and of the care unit's staff."),
    )
    contact_persons = forms.CharField(
        label=_("Contact persons"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One for each party, with phone or e-mail."),
    )
    confidentiality = forms.CharField(
        label=_("Confidentiality"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The volunteers' duty of confidentiality about residents and users, and how "
            "they declare it."
        ),
    )
    requires_police_certificate = _yes_no(
        _("Requires a police certificate"),
        _(
            "While the agreement is in force, volunteers of the organisation can be put on "
            "the unit's activities only once a police certificate is checked."
        ),
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=_date_widget())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=_date_widget())

    def __init__(
        self, *args: Any, voluntary_organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voluntary_organisation"].queryset = voluntary_organisations  # type: ignore[attr-defined]

    def agreement_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["voluntary_organisation_id"] = data.pop("voluntary_organisation").pk
        return data


class DeclarationsForm(StyledFormMixin, forms.Form):
    confidentiality_declaration_signed_on = forms.DateField(
        label=_("Confidentiality declaration signed on"), required=False, widget=_date_widget()
    )
    police_certificate_checked_on = forms.DateField(
        label=_("Police certificate checked on"),
        required=False,
        widget=_date_widget(),
        help_text=_("Leave empty if no certificate has been checked."),
    )

    @staticmethod
    def initial_for(volunteer: Volunteer) -> dict[str, date | None]:
        return {
            "confidentiality_declaration_signed_on": (
                volunteer.confidentiality_declaration_signed_on
            ),
            "police_certificate_checked_on": volunteer.police_certificate_checked_on,
        }


class VolunteerForm(DeclarationsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    contact = forms.CharField(label=_("Contact (phone or e-mail)"), max_length=200, required=False)
    field_order = ("name", "contact")


class ActivityVolunteerForm(StyledFormMixin, forms.Form):
    id_prefix = "add_volunteer"
    volunteer = VolunteerChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())

    def __init__(self, *args: Any, volunteers: QuerySet[Volunteer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]
