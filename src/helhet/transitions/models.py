"""Transitions at 18: the municipality's settings and the plan for each youth in child welfare."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel

DEFAULT_HORIZON_MONTHS = 6
DEFAULT_AFTERCARE_UNTIL_AGE = 25
HORIZON_MONTHS_RANGE = (1, 24)
# Aftercare runs at most to 25 (Child Welfare Act); a municipality may look at less.
AFTERCARE_AGE_RANGE = (19, 25)


class TransitionSettings(models.Model):
    """How far ahead a municipality looks, and how long aftercare runs. One per municipality.

    Reads fall back to the defaults while no row exists; the row is created by the first change.
    """

    municipality = models.OneToOneField(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="transition_settings",
        verbose_name=_("municipality"),
    )
    horizon_months = models.PositiveSmallIntegerField(
        _("horizon (months)"),
        default=DEFAULT_HORIZON_MONTHS,
        validators=[
            MinValueValidator(HORIZON_MONTHS_RANGE[0]),
            MaxValueValidator(HORIZON_MONTHS_RANGE[1]),
        ],
        help_text=_("How many months ahead the transition list looks for 18th birthdays."),
    )
    aftercare_until_age = models.PositiveSmallIntegerField(
        _("aftercare until age"),
        default=DEFAULT_AFTERCARE_UNTIL_AGE,
        validators=[
            MinValueValidator(AFTERCARE_AGE_RANGE[0]),
            MaxValueValidator(AFTERCARE_AGE_RANGE[1]),
        ],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("transition settings")
        verbose_name_plural = _("transition settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_months__gte=HORIZON_MONTHS_RANGE[0])
                & models.Q(horizon_months__lte=HORIZON_MONTHS_RANGE[1]),
                name="transition_settings_horizon_range",
            ),
            models.CheckConstraint(
                condition=models.Q(aftercare_until_age__gte=AFTERCARE_AGE_RANGE[0])
                & models.Q(aftercare_until_age__lte=AFTERCARE_AGE_RANGE[1]),
                name="transition_settings_aftercare_age_range",
            ),
        ]

    def __str__(self) -> str:
        return f"transition settings of municipality {self.municipality_id}"


class TransitionPlan(TenantModel):
    """The plan for a youth in child welfare turning 18: who takes over, from when, aftercare."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="transition_plans",
        verbose_name=_("person"),
    )
    # The child-welfare involvement the plan concerns: knowing of the plan reveals it.
    involvement = models.ForeignKey(
        "consent.Involvement",
        on_delete=models.PROTECT,
        related_name="transition_plans",
        verbose_name=_("child-welfare involvement"),
    )
    taking_over = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transition_plans_taken_over",
        verbose_name=_("taking over"),
    )
    starts_on = models.DateField(_("from"))
    aftercare = models.BooleanField(_("aftercare"), default=True)
    aftercare_until = models.DateField(_("aftercare until"), null=True, blank=True)
    responsible = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transition plan")
        verbose_name_plural = _("transition plans")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(active=True),
                name="transition_plan_one_active_per_person",
                violation_error_message=_("This person already has an active transition plan."),
            ),
            models.CheckConstraint(
                condition=(models.Q(aftercare=True) & models.Q(aftercare_until__isnull=False))
                | (models.Q(aftercare=False) & models.Q(aftercare_until__isnull=True)),
                name="transition_plan_aftercare_until_iff_aftercare",
            ),
            models.CheckConstraint(
                condition=models.Q(aftercare_until__isnull=True)
                | models.Q(aftercare_until__gte=models.F("starts_on")),
                name="transition_plan_starts_before_aftercare_ends",
            ),
        ]
        indexes = [
            models.Index(fields=["taking_over", "active"], name="transition_plan_taking_over"),
        ]

    def __str__(self) -> str:
        return f"transition plan {self.pk} for person {self.person_id}"
