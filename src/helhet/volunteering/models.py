"""Long-term care units, voluntary organisations' activities there, and who coordinates them."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel


class CareUnitType(models.TextChoices):
    NURSING_HOME = "nursing_home", _("Nursing home")
    HOME_CARE = "home_care", _("Home care district")
    INTEGRATED = "integrated", _("Integrated")
    OTHER = "other", _("Other")


class ActivityCategory(models.TextChoices):
    DAY_CENTRE = "day_centre", _("Day centre")
    FOOD_DELIVERY = "food_delivery", _("Food delivery")
    CULTURAL_NURSING_HOME = "cultural_nursing_home", _("Cultural activity in nursing homes")
    CULTURAL_HOME_CARE = "cultural_home_care", _("Cultural activity in home care")
    PHYSICAL = "physical", _("Physical activity")
    SOCIAL = "social", _("Social activity")
    VISITING_SERVICE = "visiting_service", _("Visiting service")
    OTHER = "other", _("Other")


# Statutory services (DOMAIN.md, setting 6): day centres and food delivery.
STATUTORY_CATEGORIES = frozenset({ActivityCategory.DAY_CENTRE, ActivityCategory.FOOD_DELIVERY})
# The activities of the survey, under the same codes; visiting service and other are not in it.
SURVEY_CATEGORIES = (
    ActivityCategory.DAY_CENTRE,
    ActivityCategory.FOOD_DELIVERY,
    ActivityCategory.CULTURAL_NURSING_HOME,
    ActivityCategory.CULTURAL_HOME_CARE,
    ActivityCategory.PHYSICAL,
    ActivityCategory.SOCIAL,
)


class Coordinator(models.TextChoices):
    MUNICIPALITY = "municipality", _("The municipality (care unit)")
    VOLUNTARY = "voluntary", _("The voluntary organisation")
    JOINT = "joint", _("Both, jointly")
    OTHER = "other", _("Other")
    UNSURE = "unsure", _("Unsure")
    VARIES = "varies", _("Varies")


# The survey leaves "unsure" and "varies" out of the shares.
COUNTED_COORDINATORS = (
    Coordinator.MUNICIPALITY,
    Coordinator.VOLUNTARY,
    Coordinator.JOINT,
    Coordinator.OTHER,
)


class CareUnit(TenantModel):
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="care_units",
        verbose_name=_("organisation"),
    )
    unit_type = models.CharField(_("unit type"), max_length=16, choices=CareUnitType.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("care unit")
        verbose_name_plural = _("care units")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="volunteering_care_unit_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_type__in=CareUnitType.values),
                name="volunteering_care_unit_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(TenantModel):
    care_unit = models.ForeignKey(
        CareUnit, on_delete=models.CASCADE, related_name="activities", verbose_name=_("care unit")
    )
    voluntary_organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volunteer_activities",
        verbose_name=_("voluntary organisation"),
    )
    category = models.CharField(_("category"), max_length=32, choices=ActivityCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    coordinator = models.CharField(_("coordinated by"), max_length=16, choices=Coordinator.choices)
    # None: statutory follows from the category; True/False: set by hand.
    statutory_override = models.BooleanField(_("statutory (override)"), null=True, blank=True)
    requires_police_certificate = models.BooleanField(
        _("requires a police certificate"), default=False
    )
    volunteers: models.ManyToManyField[Volunteer, ActivityVolunteer] = models.ManyToManyField(
        "Volunteer", through="ActivityVolunteer", related_name="activities", blank=True
    )

    class Meta:
        ordering = ["care_unit__name", "title"]
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=ActivityCategory.values),
                name="volunteering_activity_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(coordinator__in=Coordinator.values),
                name="volunteering_activity_coordinator_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def statutory_by_category(self) -> bool:
        return self.category in STATUTORY_CATEGORIES

    @property
    def statutory(self) -> bool:
        if self.statutory_override is not None:
            return self.statutory_override
        return self.statutory_by_category


class Occurrence(TenantModel):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("activity")
    )
    date = models.DateField(_("date"))
    participants = models.IntegerField(_("participants"), validators=[MinValueValidator(0)])
    volunteers = models.IntegerField(_("volunteers"), validators=[MinValueValidator(0)])
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    # Who coordinated this time; copied from the activity unless given.
    coordinator = models.CharField(_("coordinated by"), max_length=16, choices=Coordinator.choices)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants__gte=0)
                & models.Q(volunteers__gte=0)
                & models.Q(hours__gte=0),
                name="volunteering_occurrence_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(coordinator__in=Coordinator.values),
                name="volunteering_occurrence_coordinator_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.date}"


class VolunteerAgreement(TenantModel):
    """A written agreement between a care unit and a voluntary organisation: who does what."""

    care_unit = models.ForeignKey(
        CareUnit, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("care unit")
    )
    voluntary_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="volunteer_agreements",
        verbose_name=_("voluntary organisation"),
    )
    tasks = models.TextField(_("who does what"))
    contact_persons = models.TextField(_("contact persons"), blank=True)
    # The clause on the duty of confidentiality, as written; each volunteer's own signed
    # declaration is recorded on the volunteer.
    confidentiality = models.TextField(_("confidentiality"), blank=True, default="")
    requires_police_certificate = models.BooleanField(
        _("requires a police certificate"), default=False
    )
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("volunteer agreement")
        verbose_name_plural = _("volunteer agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("signed_on")),
                name="volunteering_agreement_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.care_unit_id} ↔ {self.voluntary_organisation_id}"


class Volunteer(TenantModel):
    """A volunteer: kept minimal (name, contact, declarations)."""

    voluntary_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("voluntary organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=200, blank=True)
    confidentiality_declaration_signed_on = models.DateField(
        _("confidentiality declaration signed on"), null=True, blank=True
    )
    police_certificate_checked_on = models.DateField(
        _("police certificate checked on"), null=True, blank=True
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return self.name


class ActivityVolunteer(TenantModel):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer"], name="volunteering_activity_volunteer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} · {self.volunteer_id}"
