"""The collaboration health survey: instruments (statements per construct), rounds for one
network, personal invitations, and the answers.

Answers are kept in two shapes. In a named round a ``Submission`` points at its invitation,
so the round's owner sees who said what. In an anonymous round the answers go into
``AnonymousSubmission``/``AnonymousAnswer``, which have no foreign key to an invitation or a
user, random (UUID) keys instead of counters and no timestamps, so neither a join nor the
order of keys nor a time leads back to the invitation; the invitation only turns
``answered``, without a time (docs/surveys.md, "Anonymity").

Surveys describe how staff experience a collaboration, never clients, so reading them writes
no access-log rows.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel
from helhet.observatory.constructs import Construct

SCALE = (1, 2, 3, 4, 5)
SCALE_MIN, SCALE_MAX = SCALE[0], SCALE[-1]


class Instrument(TenantModel):
    """A questionnaire. Frozen (``frozen_at``) once any round of it has answers, so every round
    keeps the exact wording its respondents saw; a new version is a copy."""

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)
    derived_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    owner = models.ForeignKey(
        "tenancy.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "version", "id"]
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "version"], name="survey_instrument_version_once"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="survey_instrument_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None


class Item(TenantModel):
    """A statement answered on the five-point agreement scale; a reverse-coded statement is
    worded negatively and scored 6 − answer."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=16)
    construct = models.CharField(_("construct"), max_length=16, choices=Construct.choices)
    position = models.PositiveIntegerField(_("position"))
    text_nb = models.CharField(_("statement (bokmål)"), max_length=500)
    text_en = models.CharField(_("statement (English)"), max_length=500, blank=True)
    reverse = models.BooleanField(_("reverse-coded"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("survey item")
        verbose_name_plural = _("survey items")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="survey_item_code_once"),
            models.CheckConstraint(
                condition=Q(construct__in=Construct.values), name="survey_item_construct_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text_nb[:60]}"

    def text_in(self, language: str | None) -> str:
        if language and language.startswith("en") and self.text_en:
            return self.text_en
        return self.text_nb


class RoundMode(models.TextChoices):
    NAMED = "named", _("Named")
    ANONYMOUS = "anonymous", _("Anonymous")


class Round(TenantModel):
    """One survey of a network with one instrument, open from ``opens_on`` to ``closes_on``
    (both days included, Europe/Oslo), or until its owner closes it early."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("instrument")
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="survey_rounds",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=RoundMode.choices)
    owner = models.ForeignKey(
        "tenancy.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_on", "-id"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=RoundMode.values), name="survey_round_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_round_dates"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "network"], name="survey_round_network")]

    def __str__(self) -> str:
        return self.title

    @property
    def anonymous(self) -> bool:
        return self.mode == RoundMode.ANONYMOUS


class Invitation(TenantModel):
    """A personal link to one round for one respondent: a member of staff, or an e-mail address
    for someone without a login. Only a hash of the link's token is stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    # True once submitted. Deliberately no time: in an anonymous round a time could be matched
    # against other records of the moment of submission.
    answered = models.BooleanField(_("answered"), default=False)
    # Answers saved but not yet submitted ({item id: 1–5}); emptied on submission.
    draft = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=Q(user__isnull=False),
                name="survey_invitation_user_once",
            ),
            models.UniqueConstraint(
                fields=["round", "email"],
                condition=~Q(email=""),
                name="survey_invitation_email_once",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="survey_invitation_someone"
            ),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} to round {self.round_id}"


class Submission(TenantModel):
    """The answers of one respondent in a named round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="submissions")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="submission"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("named submission")
        verbose_name_plural = _("named submissions")

    def __str__(self) -> str:
        return f"submission {self.pk} to round {self.round_id}"


class Answer(TenantModel):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "item"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="survey_answer_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class AnonymousSubmission(TenantModel):
    """The answers of one respondent in an anonymous round: no invitation, no user, no time,
    and a random key, so nothing orders or links it to whoever sent it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="anonymous_submissions")

    class Meta:
        # Random keys: ordering by them shuffles the submissions.
        ordering = ["id"]
        verbose_name = _("anonymous submission")
        verbose_name_plural = _("anonymous submissions")

    def __str__(self) -> str:
        return f"anonymous submission to round {self.round_id}"


class AnonymousAnswer(TenantModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(
        AnonymousSubmission, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "item"], name="survey_anonymous_answer_once"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="survey_anonymous_answer_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"
