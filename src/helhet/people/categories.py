"""What knowing of an organisation's involvement with a person reveals, by organisation kind.

The categories themselves are the kernel's (``helhet.core.categories``)."""

from __future__ import annotations

from helhet.core.categories import InformationCategory
from helhet.tenancy.models import OrganisationKind

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


def involvement_category(organisation_kind: str) -> str:
    return INVOLVEMENT_CATEGORY.get(organisation_kind, InformationCategory.OTHER)
