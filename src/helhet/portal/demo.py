"""Who can sign in to Min side in the demo: a few demo persons and their synthetic IDs."""

from __future__ import annotations

from helhet.people.models import Family, FamilyMember, HouseholdRole

DEMO_MUNICIPALITY_NUMBER = "9901"


def demo_sign_ins() -> list[tuple[str, str]]:
    """(description, national ID): the parent of the first two demo families (each with
    children in their custody) and the eldest young person, who signs in on their own."""
    families = list(
        Family.objects.filter(municipality__number=DEMO_MUNICIPALITY_NUMBER).order_by("pk")[:3]
    )
    members = list(
        FamilyMember.objects.filter(family__in=families)
        .select_related("person", "family")
        .order_by("family_id", "person__birth_date")
    )
    result: list[tuple[str, str]] = []
    for family in families[:2]:
        parent = next(
            (
                m.person
                for m in members
                if m.family_id == family.pk and m.role == HouseholdRole.PARENT
            ),
            None,
        )
        if parent is not None:
            result.append((f"{parent.full_name} (parent, {family.name})", parent.national_id))
    children = [m.person for m in members if m.role == HouseholdRole.CHILD]
    if children:
        eldest = min(children, key=lambda p: p.birth_date)
        result.append((f"{eldest.full_name} (young person, on their own)", eldest.national_id))
    return result
