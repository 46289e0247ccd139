"""The five constructs of the analytical grid (seed 000), shared by the collaboration survey,
the code book of qualitative coding and the cross-site synthesis matrix."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Construct(models.TextChoices):
    GOVERNANCE = "governance", _("Governance and power relations")
    TRUST = "trust", _("Mutuality and trust")
    RESOURCES = "resources", _("Resource management")
    CULTURE = "culture", _("Organisational culture")
    LEADERSHIP = "leadership", _("Leadership")
