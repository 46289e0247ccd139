"""Relationship networks: rating rounds in which each member organisation of a network rates
every other member on trust, value and how often they work together.

The organisation is the unit of analysis: one response per organisation and round, given by
its representative. Nothing here is about clients, so nothing is written to the access log.
See docs/relations.md for the items, the scale and the formulas.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel

# Trust and value items are answered on 1–4 (not at all … a great deal), as in the PARTNER
# instrument; a blank answer means "don't know" and is left out of the means.
SCALE_MIN = 1
SCALE_MAX = 4

TRUST_ITEMS = ("reliable", "supports_mission", "open_to_discussion")
VALUE_ITEMS = ("influence", "involvement", "resources")
ITEMS = TRUST_ITEMS + VALUE_ITEMS


class Scale(models.IntegerChoices):
    NOT_AT_ALL = 1, _("Not at all")
    A_LITTLE = 2, _("A small amount")
    FAIRLY = 3, _("A fair amount")
    A_GREAT_DEAL = 4, _("A great deal")


class Frequency(models.IntegerChoices):
    NEVER = 0, _("Never")
    YEARLY = 1, _("Yearly")
    QUARTERLY = 2, _("Quarterly")
    MONTHLY = 3, _("Monthly")
    WEEKLY = 4, _("Weekly or more")


# An arc of the "works together" graph: i says it works with j at least this often.
WORKS_TOGETHER = Frequency.QUARTERLY
# Any contact at all: the looser graph reported beside it.
ANY_CONTACT = Frequency.YEARLY


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RatingRound(TenantModel):
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        related_name="rating_rounds",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("rating round")
        verbose_name_plural = _("rating rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="rating_round_dates_order",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values), name="rating_round_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class RoundOrganisation(TenantModel):
    """The member organisations when the round opened: who rates and who is rated, whatever
    happens to the membership later."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="round_organisation_once"
            )
        ]

    def __str__(self) -> str:
        return f"organisation {self.organisation_id} in round {self.round_id}"


class RatingResponse(TenantModel):
    """One organisation's answer to a round; sending again while open replaces its ratings."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round_id", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="rating_response_once")
        ]

    def __str__(self) -> str:
        return f"response of {self.organisation_id} to round {self.round_id}"


class Rating(TenantModel):
    """How the rater organisation sees the rated one."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="ratings")
    response = models.ForeignKey(RatingResponse, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    rated = models.ForeignKey("tenancy.Organisation", on_delete=models.PROTECT, related_name="+")
    frequency = models.PositiveSmallIntegerField(
        _("how often we work together"), choices=Frequency.choices
    )
    reliable = models.PositiveSmallIntegerField(
        _("reliable"), null=True, blank=True, choices=Scale.choices
    )
    supports_mission = models.PositiveSmallIntegerField(
        _("supports the shared mission"), null=True, blank=True, choices=Scale.choices
    )
    open_to_discussion = models.PositiveSmallIntegerField(
        _("open to discussion"), null=True, blank=True, choices=Scale.choices
    )
    influence = models.PositiveSmallIntegerField(
        _("power or influence"), null=True, blank=True, choices=Scale.choices
    )
    involvement = models.PositiveSmallIntegerField(
        _("level of involvement"), null=True, blank=True, choices=Scale.choices
    )
    resources = models.PositiveSmallIntegerField(
        _("resources contributed"), null=True, blank=True, choices=Scale.choices
    )

    class Meta:
        ordering = ["round_id", "rater_id", "rated_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rater", "rated"], name="rating_once"),
            models.CheckConstraint(
                condition=~models.Q(rater=models.F("rated")), name="rating_not_of_self"
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__gte=Frequency.NEVER)
                & models.Q(frequency__lte=Frequency.WEEKLY),
                name="rating_frequency_range",
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{item}__isnull": True})
                    | (
                        models.Q(**{f"{item}__gte": SCALE_MIN})
                        & models.Q(**{f"{item}__lte": SCALE_MAX})
                    ),
                    name=f"rating_{item}_range",
                )
                for item in ITEMS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rater_id} → {self.rated_id} in round {self.round_id}"
