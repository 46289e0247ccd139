"""Agreements between organisations: versions, responsibilities, service paths, sign-off,
indicators (partnership agreements) and resources (contributions, funding, budget, shares).

Agreement data is about organisations, never about persons.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel
from helhet.tenancy.models import Organisation


class AgreementKind(models.TextChoices):
    SERVICE = "service_agreement", _("Service agreement")
    PARTNERSHIP = "partnership_agreement", _("Partnership agreement")


class Agreement(TenantModel):
    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(
        _("kind"), max_length=32, choices=AgreementKind.choices, default=AgreementKind.SERVICE
    )
    parties: models.ManyToManyField[Organisation, AgreementParty] = models.ManyToManyField(
        "tenancy.Organisation", through="AgreementParty", related_name="agreements"
    )
    # The network or team whose rules of the game this is (setting 3), if any.
    network = models.ForeignKey(
        "networks.Network",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        verbose_name=_("network"),
    )
    current_version = models.PositiveIntegerField(_("current version"), default=1)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AgreementKind.values), name="agreement_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgreementParty(TenantModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_rows")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.organisation_id}"


class AgreementVersion(TenantModel):
    """One wording of the agreement. Never changed: editing makes a new version."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    goals = models.TextField(_("goals"))
    operational_plan = models.TextField(_("operational plan"), blank=True)
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="agreement_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.number}"


class ResponsibilityLevel(models.TextChoices):
    LEADS = "leads", _("Leads")
    CONTRIBUTES = "contributes", _("Contributes")
    INFORMED = "informed", _("Informed")


class Responsibility(TenantModel):
    """A row of the responsibilities matrix."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="responsibilities"
    )
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("responsibility"), max_length=300)

    class Meta:
        ordering = ["version_id", "order", "id"]

    def __str__(self) -> str:
        return self.text


class ResponsibilityCell(TenantModel):
    """A cell of the matrix: what one party does for one responsibility."""

    responsibility = models.ForeignKey(
        Responsibility, on_delete=models.CASCADE, related_name="cells"
    )
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("role"), max_length=16, choices=ResponsibilityLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["responsibility", "organisation"], name="responsibility_cell_once"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=ResponsibilityLevel.values),
                name="responsibility_cell_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.responsibility_id}/{self.organisation_id}: {self.level}"


class ServicePathStep(TenantModel):
    """A step of the service path: who does what, and a hand-over with its deadline."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("step"))
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    what = models.CharField(_("what"), max_length=300)
    to_organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("hands over to"),
    )
    referral_deadline_working_days = models.PositiveSmallIntegerField(
        _("referral deadline (working days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="service_path_step_once"),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("to_organisation")),
                name="service_path_step_not_to_self",
            ),
            models.CheckConstraint(
                condition=models.Q(referral_deadline_working_days__isnull=True)
                | (
                    models.Q(to_organisation__isnull=False)
                    & models.Q(referral_deadline_working_days__gte=1)
                    & models.Q(referral_deadline_working_days__lte=60)
                ),
                name="service_path_step_deadline_with_handover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} #{self.order}: {self.what}"


class SignOff(TenantModel):
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signoffs")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="signoff_once"),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.organisation_id}"


class IndicatorDirection(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Indicator(TenantModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))
    direction = models.CharField(_("direction"), max_length=4, choices=IndicatorDirection.choices)

    class Meta:
        ordering = ["agreement_id", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(direction__in=IndicatorDirection.values),
                name="indicator_direction_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(TenantModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator_id", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_once_per_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.measured_on}: {self.value}"


class ContributionKind(models.TextChoices):
    MONEY = "money", _("Money (NOK)")
    STAFF_HOURS = "staff_hours", _("Staff hours")
    PREMISES = "premises", _("Premises (value in NOK)")
    EQUIPMENT = "equipment", _("Equipment (value in NOK)")


class Contribution(TenantModel):
    """What a member puts in: NOK, or hours for staff time."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionKind.choices)
    amount = models.DecimalField(
        _("amount (NOK or hours)"),
        validators=[MinValueValidator(0)],
        max_digits=14,
        decimal_places=2,
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))

    class Meta:
        ordering = ["agreement_id", "period_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="contribution_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="contribution_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ContributionKind.values),
                name="contribution_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.amount} {self.kind}"


class FundingStream(TenantModel):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="funding_streams"
    )
    source = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(
        _("amount (NOK)"), validators=[MinValueValidator(0)], max_digits=14, decimal_places=2
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))

    class Meta:
        ordering = ["agreement_id", "source", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="funding_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="funding_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class Expenditure(TenantModel):
    """Spending from the joint budget. The case reference is a code, never personal data."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="expenditures")
    amount = models.DecimalField(
        _("amount (NOK)"), validators=[MinValueValidator(0)], max_digits=14, decimal_places=2
    )
    description = models.CharField(_("description"), max_length=200)
    case_reference = models.CharField(_("case reference"), max_length=40, blank=True)
    paid_by = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    spent_on = models.DateField(_("spent on"))

    class Meta:
        ordering = ["agreement_id", "spent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="expenditure_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class CostShare(TenantModel):
    """The agreed share of the load; the shares of one agreement add up to 100."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_shares")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    percent = models.DecimalField(
        _("agreed share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["agreement_id", "organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="cost_share_once"),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0) & models.Q(percent__lte=100),
                name="cost_share_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.percent} %"
