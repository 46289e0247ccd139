"""Municipalities (the tenant), organisations (agencies), their units, staff and roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

four_digits = RegexValidator(r"^\d{4}$", _("A municipality number has exactly four digits."))
nine_digits = RegexValidator(r"^\d{9}$", _("An organisation number has exactly nine digits."))


class Municipality(models.Model):
    number = models.CharField(_("number"), max_length=4, unique=True, validators=[four_digits])
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class OrganisationKind(models.TextChoices):
    NAV_STATE = "nav_state", _("NAV (state)")
    NAV_MUNICIPAL = "nav_municipal", _("NAV (municipal)")
    CHILD_WELFARE = "child_welfare", _("Child welfare services")
    HEALTH_WELFARE = "health_welfare", _("Health and welfare")
    SCHOOL = "school", _("School")
    NURSING_HOME = "nursing_home", _("Nursing home")
    HOME_CARE = "home_care", _("Home care")
    VOLUNTARY = "voluntary", _("Voluntary organisation")
    PRIVATE_PROVIDER = "private_provider", _("Private provider")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")
    NON_PROFIT = "non_profit", _("Non-profit")


class Organisation(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[nine_digits]
    )

    class Meta:
        ordering = ["municipality__number", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="organisation_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=Sector.values), name="organisation_sector_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    UNIT = "unit", _("Unit")
    OFFICE = "office", _("Office")
    DISTRICT = "district", _("District")


class Unit(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="units", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class User(AbstractUser):
    """A member of staff. What they may do follows from their memberships, not from the user."""

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    COORDINATOR = "coordinator", _("Coordinator")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    RESEARCHER = "researcher", _("Researcher")
    # Personvernombud: reviews the municipality's access log (Normen's "kontroll av logg");
    # reads no personal data through the access policy, only the flagged events of the log.
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


class Membership(models.Model):
    """A user's role in one organisation. A user acts through one membership at a time."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} · {self.get_role_display()} · {self.organisation.name}"


class ApiToken(models.Model):
    """A bearer token for the API, bound to one membership. Only a hash is stored."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
