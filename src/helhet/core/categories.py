"""The categories of information that consent is given for: the vocabulary every app tags
personal data with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InformationCategory(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    HEALTH = "health", _("Health")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    WORK_ACTIVITY = "work_activity", _("Work and activity")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Other")


# Name, birth date and national ID: shown to every organisation involved with the person.
IDENTITY = "identity"
