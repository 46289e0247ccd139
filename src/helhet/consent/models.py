"""Involvements (the first condition for seeing anyone) and consents (the second)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.people.categories import InformationCategory


class Involvement(models.Model):
    """An organisation's case with a person: while it runs, the organisation knows the person."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="involvements",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="involvements",
        verbose_name=_("person"),
    )
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    responsible = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible caseworker"),
    )
    # The category that knowing of this involvement reveals (child welfare for CWS, …),
    # fixed from the organisation's kind when the involvement is opened.
    category = models.CharField(_("category"), max_length=16, choices=InformationCategory.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="involvement_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "person"], name="involvement_org_person")]

    def __str__(self) -> str:
        return f"organisation {self.organisation_id} with person {self.person_id}"


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Written, signed on paper")
    DIGITAL = "digital", _("Digitally signed")
    ORAL = "oral", _("Oral, noted by the caseworker")


class Consent(models.Model):
    """Consent to share named categories with named organisations, for a purpose and period.

    Never edited: a change is a new consent, a withdrawal stamps this one, so the full history
    stays readable.
    """

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("person"),
    )
    given_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="consents_given",
        verbose_name=_("given by"),
    )
    organisations = models.ManyToManyField(
        "tenancy.Organisation", related_name="consents", verbose_name=_("shared with")
    )
    purpose = models.TextField(_("purpose"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    method = models.CharField(_("how it was given"), max_length=8, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="consent_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {self.pk} for person {self.person_id} from {self.valid_from}"

    @property
    def category_values(self) -> list[str]:
        return sorted(c.category for c in self.categories.all())


class ConsentCategory(models.Model):
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(max_length=16, choices=InformationCategory.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consent", "category"], name="consent_category_unique"),
            models.CheckConstraint(
                condition=models.Q(category__in=InformationCategory.values),
                name="consent_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.category
