"""Whose data a signed-in person may see on Min side, and which parts of it.

The rule, in one sentence: *what you decide yourself, you see yourself; what your guardian
decides for you, your guardian sees* (docs/portal.md).

* An adult sees all their own data.
* A young person sees, on their own, the categories they consent to themselves
  (``consent.policies.OWN_CONSENT_AGE``: health from 16, child welfare from 15); the rest
  their guardian sees until they turn 18.
* A guardian known from the population register (or a manager's decision) sees a child's
  data in the categories the guardian still decides on, unless a child-welfare service has
  restricted it (``GuardianRestriction``): then the child does not appear for them at all.

Pieces of data that carry no information category of their own (identity, the plan's
common part, consents, meetings, the access log) are shown with the subject; a piece that
reveals a category (a measure, an entry, a meeting with a child-welfare service, a read of
health data …) is shown only if the viewer sees that category.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from helhet.consent.policies import (
    ADULT_AGE,
    OWN_CONSENT_AGE,
    TRUSTED_GUARDIANSHIP,
    age_on,
    can_act_for,
    can_consent_for,
)
from helhet.core.categories import InformationCategory
from helhet.people.models import Person, Relation, RelationKind
from helhet.portal.models import GuardianRestriction

ALL_CATEGORIES = frozenset(c.value for c in InformationCategory)


@dataclass(frozen=True)
class Subject:
    """A person whose data the signed-in ``signer`` may see, and which categories of it."""

    signer: Person
    person: Person
    categories: frozenset[str]

    @property
    def is_self(self) -> bool:
        return self.signer.pk == self.person.pk

    @property
    def relation(self) -> str:
        return "self" if self.is_self else "guardian"

    @property
    def sees_everything(self) -> bool:
        return self.categories == ALL_CATEGORIES

    def shows(self, categories: Iterable[str]) -> bool:
        """May the viewer see a piece that reveals these categories? Labels that are not
        information categories (identity, plan, consent …) reveal nothing of their own."""
        return all(c in self.categories for c in categories if c in ALL_CATEGORIES)

    def may_consent(self, category: str, on: date) -> bool:
        return can_consent_for(self.signer, self.person, on, [category])


def own_categories(person: Person, on: date) -> frozenset[str]:
    age = age_on(person.birth_date, on)
    if age >= ADULT_AGE:
        return ALL_CATEGORIES
    return frozenset(c for c in ALL_CATEGORIES if age >= OWN_CONSENT_AGE.get(c, ADULT_AGE))


def guardian_categories(child: Person, on: date) -> frozenset[str]:
    age = age_on(child.birth_date, on)
    if age >= ADULT_AGE:
        return frozenset()
    return frozenset(c for c in ALL_CATEGORIES if age < OWN_CONSENT_AGE.get(c, ADULT_AGE))


def is_restricted(guardian: Person, child: Person) -> bool:
    return GuardianRestriction.objects.filter(
        guardian=guardian, child=child, lifted_at__isnull=True
    ).exists()


def subject_for(signer: Person, person: Person, on: date) -> Subject | None:
    """The subject as the signer may see it, or None (not theirs to see)."""
    if signer.pk == person.pk:
        return Subject(signer=signer, person=person, categories=own_categories(person, on))
    if not can_act_for(signer, person, on) or is_restricted(signer, person):
        return None
    return Subject(signer=signer, person=person, categories=guardian_categories(person, on))


def subjects_for(signer: Person, on: date) -> list[Subject]:
    """The signer themselves, then each child in their custody they may see (eldest first).
    Three queries, whatever the number of children."""
    children = list(
        Person.objects.filter(
            pk__in=Relation.objects.filter(
                relative=signer, kind=RelationKind.GUARDIAN, source__in=TRUSTED_GUARDIANSHIP
            ).values("person_id")
        )
        .exclude(
            pk__in=GuardianRestriction.objects.filter(
                guardian=signer, lifted_at__isnull=True
            ).values("child_id")
        )
        .order_by("birth_date", "pk")
    )
    result = [Subject(signer=signer, person=signer, categories=own_categories(signer, on))]
    for child in children:
        if age_on(child.birth_date, on) < ADULT_AGE:
            result.append(
                Subject(signer=signer, person=child, categories=guardian_categories(child, on))
            )
    return result
