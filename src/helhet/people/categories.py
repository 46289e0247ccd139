"""The categories of information that consent is given for."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.tenancy.models import OrganisationKind


class InformationCategory(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    HEALTH = "health", _("Health")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    WORK_ACTIVITY = "work_activity", _("Work and activity")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Other")


# What an organisation's involvement with a person says about them: that the person has a
# child-welfare case is itself child-welfare information, and so on.
INVOLVEMENT_CATEGORY: dict[str, str] = {
    OrganisationKind.NAV_STATE: InformationCategory.WORK_ACTIVITY,
    OrganisationKind.NAV_MUNICIPAL: InformationCategory.ECONOMY,
    OrganisationKind.CHILD_WELFARE: InformationCategory.CHILD_WELFARE,
    OrganisationKind.HEALTH_WELFARE: InformationCategory.HEALTH,
    OrganisationKind.SCHOOL: InformationCategory.EDUCATION,
    OrganisationKind.NURSING_HOME: InformationCategory.HEALTH,
    OrganisationKind.HOME_CARE: InformationCategory.HEALTH,
    OrganisationKind.VOLUNTARY: InformationCategory.OTHER,
    OrganisationKind.PRIVATE_PROVIDER: InformationCategory.OTHER,
    OrganisationKind.OTHER: InformationCategory.OTHER,
}

# Name, birth date and national ID: shown to every organisation involved with the person.
IDENTITY = "identity"


def involvement_category(organisation_kind: str) -> str:
    return INVOLVEMENT_CATEGORY.get(organisation_kind, InformationCategory.OTHER)
