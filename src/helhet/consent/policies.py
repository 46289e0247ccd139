"""The access policy, in one place.

A staff member may read a piece of a person's data only if
  1. their role works with people (caseworker, coordinator, manager), and
  2. their organisation has an active involvement with the person, and
  3. the data belongs to their own organisation, or a valid consent of the person covers
     their organisation and the data's category.
Everything else is denied. Failing (2) means the person does not exist for the actor (404);
failing (3) is a 403 that names the category, never the data.

The same rule is offered twice: as SQL (``Q``/``Exists`` for querysets, so lists, search and
counts filter in the database) and as a decision for one piece (``decide``), which is pure
and tested as a table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from helhet.consent.models import Consent, Involvement
from helhet.core.categories import InformationCategory
from helhet.core.dates import today
from helhet.people.models import Person, Relation, RelationKind, RelationSource
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import OrganisationKind, Role

# Organisations whose kind carries a statutory duty to serve the persons who turn to them (or
# are reported to them): they may open a case on that basis. A voluntary organisation or a
# private provider needs a referral, the person's consent or a manager's written decision.
STATUTORY_KINDS = frozenset(
    {
        OrganisationKind.NAV_STATE,
        OrganisationKind.NAV_MUNICIPAL,
        OrganisationKind.CHILD_WELFARE,
        OrganisationKind.HEALTH_WELFARE,
        OrganisationKind.SCHOOL,
        OrganisationKind.NURSING_HOME,
        OrganisationKind.HOME_CARE,
    }
)

ADULT_AGE = 18
# The age from which a young person consents for themselves, per category (DOMAIN.md): health
# care from 16 (the patient and user rights act), child welfare from 15 (a party to the case).
# Below it, and for every other category below 18, a guardian consents.
OWN_CONSENT_AGE: dict[str, int] = {
    InformationCategory.HEALTH: 16,
    InformationCategory.CHILD_WELFARE: 15,
}
# Guardianship that may be acted on: from the register, or a manager's logged decision.
TRUSTED_GUARDIANSHIP = (RelationSource.REGISTER, RelationSource.MANAGER_DECISION)


def involvement_active_q(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}started_on__lte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on})
    )


def consent_valid_q(on: date, prefix: str = "") -> Q:
    """Valid on a day: confirmed (signed, form on file, or witnessed), begun, not expired, and
    not withdrawn (withdrawal acts at once)."""
    return (
        Q(**{f"{prefix}withdrawn_at__isnull": True})
        & Q(**{f"{prefix}confirmed_at__isnull": False})
        & Q(**{f"{prefix}valid_from__lte": on})
        & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": on}))
    )


def consents_naming(person_ids: Iterable[int], on: date) -> set[tuple[int, int]]:
    """(person, organisation) pairs for which a consent valid on ``on`` names the organisation."""
    rows = (
        Consent.objects.filter(consent_valid_q(on), person_id__in=sorted(set(person_ids)))
        .values_list("person_id", "organisations")
        .distinct()
    )
    return {(p, o) for p, o in rows if o is not None}


def persons_without_consent(
    person_ids: list[int], organisation_id: int, on: date | None = None
) -> list[int]:
    """Those of ``person_ids`` for whom no consent valid on ``on`` names the organisation."""
    consented = set(
        Consent.objects.filter(
            consent_valid_q(on or today()), person_id__in=person_ids, organisations=organisation_id
        ).values_list("person_id", flat=True)
    )
    return [pid for pid in person_ids if pid not in consented]


def organisations_without_consent(
    person_id: int, organisation_ids: list[int], on: date | None = None
) -> list[int]:
    """Those of ``organisation_ids`` that no consent of the person valid on ``on`` names."""
    covered = set(
        Consent.objects.filter(
            consent_valid_q(on or today()), person_id=person_id, organisations__in=organisation_ids
        ).values_list("organisations", flat=True)
    )
    return [o for o in organisation_ids if o not in covered]


def age_on(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def own_consent_age(categories: Iterable[str]) -> int:
    return max((OWN_CONSENT_AGE.get(c, ADULT_AGE) for c in categories), default=ADULT_AGE)


def is_trusted_guardian(guardian: Person, child: Person) -> bool:
    return Relation.objects.filter(
        person=child, relative=guardian, kind=RelationKind.GUARDIAN, source__in=TRUSTED_GUARDIANSHIP
    ).exists()


def can_consent_for(
    giver: Person, person: Person, on: date, categories: Iterable[str] = ()
) -> bool:
    """The person consents for themselves once old enough for every category named; until
    then a guardian known from the register (or a manager's decision) does. A guardian does
    not consent for a category the young person now decides on themselves."""
    cats = list(categories)
    age = age_on(person.birth_date, on)
    if giver.pk == person.pk:
        return age >= own_consent_age(cats)
    if age >= ADULT_AGE or not is_trusted_guardian(giver, person):
        return False
    return all(age < OWN_CONSENT_AGE.get(c, ADULT_AGE) for c in cats)


def can_act_for(signer: Person, person: Person, on: date) -> bool:
    """May ``signer`` act for ``person`` at all (themselves, or a child in their custody)?"""
    if signer.pk == person.pk:
        return True
    return age_on(person.birth_date, on) < ADULT_AGE and is_trusted_guardian(signer, person)


def can_open_on_statutory_duty(organisation_kind: str) -> bool:
    return organisation_kind in STATUTORY_KINDS


def can_decide_basis(actor: Actor) -> bool:
    """A manager's decision is a manager's: the basis of last resort, with a written reason."""
    return actor.role == Role.MANAGER


def can_see_access_log(actor: Actor, person_id: int) -> bool:
    """Who has looked at a person's data is shown to coordinators and managers, and to the
    caseworker responsible for the person in an active involvement of their organisation."""
    if actor.role in {Role.COORDINATOR, Role.MANAGER}:
        return True
    return Involvement.objects.filter(
        involvement_active_q(today()),
        person_id=person_id,
        organisation_id=actor.organisation_id,
        responsible=actor.user,
    ).exists()


def known_person_ids(actor: Actor, on: date | None = None) -> QuerySet[Involvement, Any]:
    """Subquery of the persons the actor's organisation is actively involved with."""
    on = on or today()
    return Involvement.objects.filter(
        involvement_active_q(on), organisation_id=actor.organisation_id
    ).values("person_id")


def persons_known_to(actor: Actor, on: date | None = None) -> QuerySet[Person]:
    """Condition 1 and 2: the persons who exist for the actor at all."""
    if not actor.works_with_people:
        return Person.objects.none()
    return Person.objects.filter(pk__in=known_person_ids(actor, on))


def consent_covers(actor: Actor, on: date, *, person_ref: Any, category_ref: Any) -> Exists:
    return Exists(
        Consent.objects.filter(
            consent_valid_q(on),
            person_id=person_ref,
            organisations=actor.organisation_id,
            categories__category=category_ref,
        )
    )


def readable_q(actor: Actor, on: date | None = None) -> Q:
    """Condition 3 as SQL, for a model with ``person``, ``organisation`` and ``category``.

    Callers combine it with ``person__in=persons_known_to(actor)``.
    """
    on = on or today()
    return Q(organisation_id=actor.organisation_id) | Q(
        consent_covers(
            actor, on, person_ref=OuterRef("person_id"), category_ref=OuterRef("category")
        )
    )


def consented_categories(
    actor: Actor, person_ids: Iterable[int], on: date | None = None
) -> dict[int, set[str]]:
    """Per person, the categories a valid consent lets the actor's organisation see. One query."""
    return consented_categories_for_organisation(actor.organisation_id, person_ids, on)


def consented_categories_for_organisation(
    organisation_id: int, person_ids: Iterable[int], on: date | None = None
) -> dict[int, set[str]]:
    """Per person, the categories a valid consent lets one organisation see. One query."""
    on = on or today()
    rows = (
        Consent.objects.filter(
            consent_valid_q(on), person_id__in=list(person_ids), organisations=organisation_id
        )
        .values_list("person_id", "categories__category")
        .distinct()
    )
    result: dict[int, set[str]] = defaultdict(set)
    for person_id, category in rows:
        if category:
            result[person_id].add(category)
    return result


@dataclass(frozen=True)
class Decision:
    allowed: bool
    code: str
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def category_label(category: str) -> str:
    try:
        return str(InformationCategory(category).label)
    except ValueError:
        return category


def no_consent_reason(category: str) -> str:
    return _("No consent for %(category)s information") % {
        "category": category_label(category).lower()
    }


def decide(
    *,
    actor: Actor,
    involved: bool,
    category: str,
    owner_organisation_id: int | None,
    consented: set[str],
) -> Decision:
    """May the actor read one piece of a person's data? Pure: the facts are passed in."""
    if not actor.works_with_people:
        return Decision(False, "role", _("Your role does not give access to personal data."))
    if not involved:
        return Decision(False, "not_involved", _("Person not found."))
    if owner_organisation_id == actor.organisation_id:
        return Decision(True, "own_organisation", _("Recorded by your organisation."))
    if category in consented:
        return Decision(True, "consent", _("Shared with your organisation by consent."))
    return Decision(False, "consent_missing", no_consent_reason(category))


def hidden_categories(consented: set[str]) -> list[tuple[str, str]]:
    """The categories the actor cannot see from other organisations, with the reason.

    Listed for every category without consent, whether or not any data exists in it, so the
    list itself never reveals that (say) a child-welfare case exists.
    """
    return [
        (c.value, no_consent_reason(c.value))
        for c in InformationCategory
        if c.value not in consented
    ]
