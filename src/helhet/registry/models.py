"""The network registry: one information form per network, in the manner of a local-networks
observatory (sponsor, partners and their sectors, year created, setting, target population,
objectives, governance bodies, funding).

A form is prefilled from the networks and agreements apps and then completed by hand, so it
holds copies: the registry describes the network as recorded, and "refresh" brings the
prefilled parts up to date. It is about organisations, never about persons.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel
from helhet.tenancy.models import Sector

FIRST_YEAR = 1900
LAST_YEAR = 2100


class Setting(models.TextChoices):
    RURAL = "rural", _("Rural")
    SEMI_RURAL = "semi_rural", _("Semi-rural")
    URBAN = "urban", _("Urban")


class RegistryEntry(TenantModel):
    network = models.OneToOneField(
        "networks.Network",
        on_delete=models.CASCADE,
        related_name="registry_entry",
        verbose_name=_("network"),
    )
    sponsor = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sponsor"),
    )
    year_created = models.PositiveSmallIntegerField(
        _("year created"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    setting = models.CharField(_("setting"), max_length=16, choices=Setting.choices, blank=True)
    target_population = models.TextField(_("target population"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    governance_bodies = models.TextField(_("governance bodies"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network__name", "id"]
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(setting="") | models.Q(setting__in=Setting.values),
                name="registry_setting_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(year_created__isnull=True)
                | (models.Q(year_created__gte=FIRST_YEAR) & models.Q(year_created__lte=LAST_YEAR)),
                name="registry_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"registry entry of network {self.network_id}"


class RegistryPartner(TenantModel):
    """A partner: an organisation of the platform, or one named by hand (outside it)."""

    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    role = models.CharField(_("role in the network"), max_length=100, blank=True)
    # Copied from the network's members; a refresh replaces these and keeps the others.
    prefilled = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="registry_partner_once",
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=Sector.values), name="registry_partner_sector_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegistryFunding(TenantModel):
    entry = models.ForeignKey(RegistryEntry, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(
        _("amount (NOK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agreement"),
    )
    # Copied from a funding stream of a linked agreement; a refresh replaces these.
    prefilled = models.BooleanField(default=False)

    class Meta:
        ordering = ["source", "period_start", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="registry_funding_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="registry_funding_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"
