"""Involvements (the first condition for seeing anyone) and consents (the second)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.models import TenantModel


class InvolvementBasis(models.TextChoices):
    """The legal basis on which an organisation works with a person. Knowing a person is the
    first condition of the access policy, so it is never opened without one."""

    REFERRAL = "referral", _("An accepted referral")
    CONSENT = "consent", _("The person's consent")
    STATUTORY = "statutory", _("A statutory duty of the organisation")
    MANAGER_DECISION = "manager_decision", _("A manager's decision")


class Involvement(TenantModel):
    """An organisation's case with a person: while it runs, the organisation knows the person."""

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
    basis = models.CharField(_("legal basis"), max_length=16, choices=InvolvementBasis.choices)
    # The referral or consent it rests on ("referral:12", "consent:7"), or empty.
    basis_reference = models.CharField(_("basis reference"), max_length=64, blank=True)
    basis_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
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
            models.CheckConstraint(
                condition=models.Q(basis__in=InvolvementBasis.values),
                name="involvement_basis_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(basis="manager_decision") | ~models.Q(basis_reason=""),
                name="involvement_decision_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "person"], name="involvement_org_person")]

    def __str__(self) -> str:
        return f"organisation {self.organisation_id} with person {self.person_id}"


class ConsentMethod(models.TextChoices):
    """How a consent was given: its provenance. Strongest first."""

    DIGITAL = "digital", _("Digitally, signed in through ID-porten")
    WRITTEN = "written", _("On paper, signed form attached")
    ORAL = "oral", _("Orally, witnessed by a second staff member")
    # Consents recorded before provenance was kept, with no form or witness on file. They
    # cover nothing until recorded again (fail closed); see ADR 0022.
    UNVERIFIED = "unverified", _("Recorded without a form or a witness")


class ConsentDocument(TenantModel):
    """The signed paper form behind a written consent. Opening it is a logged read."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="consent_documents"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # Relative to settings.CONSENT_DOCUMENT_DIR; outside the static and media roots.
    stored_as = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("consent form")
        verbose_name_plural = _("consent forms")

    def __str__(self) -> str:
        return self.file_name


class Consent(TenantModel):
    """Consent to share named categories with named organisations, for a purpose and period.

    Never edited: a change is a new consent, a withdrawal stamps this one, so the full history
    stays readable.
    """

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
    method = models.CharField(_("how it was given"), max_length=12, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Empty for a consent the person gave themselves on Min side.
    recorded_by_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # Provenance. A consent covers nothing until it is confirmed: at once when signed through
    # ID-porten or backed by a signed form, and for an oral consent only when the witness
    # has confirmed it in their own session.
    confirmed_at = models.DateTimeField(_("in effect from"), null=True, blank=True)
    signed_acr = models.CharField(_("assurance level"), max_length=32, blank=True)
    document = models.ForeignKey(
        ConsentDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("signed form"),
    )
    witness = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("witness"),
    )
    witness_confirmed_at = models.DateTimeField(_("witness confirmed"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=~models.Q(method="written") | models.Q(document__isnull=False),
                name="consent_written_has_form",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="oral") | models.Q(witness__isnull=False),
                name="consent_oral_has_witness",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="digital") | ~models.Q(signed_acr=""),
                name="consent_digital_has_acr",
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
