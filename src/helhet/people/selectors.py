"""Reads of personal data. Each one checks the access policy and writes the access log.

Every function here that returns data about a person logs it (granted or denied) and fails
closed: the log row is written after the data is fetched and before it is returned, so if the
log cannot be written nothing is returned. The reads are deliberately not wrapped in a
transaction of their own: a refusal raises, and the row saying it was refused must survive.
Query counts
do not grow with the data: related rows are fetched in one query per kind, for all persons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from helhet.audit.models import Outcome
from helhet.audit.services import access_record, access_record_each, deny_unknown
from helhet.consent.errors import ConsentMissing
from helhet.consent.models import Involvement
from helhet.consent.policies import (
    consented_categories,
    decide,
    hidden_categories,
    involvement_active_q,
    persons_known_to,
    readable_q,
)
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.core.dates import today
from helhet.people.errors import (
    CategoryUnknown,
    FamilyNotFound,
    NoPersonalDataAccess,
    PersonNotFound,
)
from helhet.people.models import Family, FamilyMember, InformationEntry, Person, Relation
from helhet.people.policies import can_work_with_people
from helhet.tenancy.actor import Actor

SEARCH_LIMIT = 50


@dataclass
class PersonView:
    """What one actor may see of one person, and what is hidden from them and why."""

    person: Person
    involvements: list[Involvement] = field(default_factory=list)
    entries: list[InformationEntry] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    consented: set[str] = field(default_factory=set)
    hidden: list[tuple[str, str]] = field(default_factory=list)

    @property
    def entry_owners(self) -> set[int]:
        """The organisations whose recorded entries this view shows."""
        return {e.organisation_id for e in self.entries}

    @property
    def categories_read(self) -> list[str]:
        cats = {IDENTITY}
        cats.update(i.category for i in self.involvements)
        cats.update(e.category for e in self.entries)
        return sorted(cats)

    def entries_by_category(self) -> list[tuple[str, str, list[InformationEntry]]]:
        grouped: dict[str, list[InformationEntry]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.category].append(entry)
        return [
            (c.value, str(c.label), grouped[c.value])
            for c in InformationCategory
            if grouped[c.value]
        ]


@dataclass
class FamilyView:
    family: Family
    members: list[tuple[str, PersonView]]


def require_case_role(actor: Actor, *, channel: str, through: str, target: str) -> None:
    if not can_work_with_people(actor):
        access_record(
            actor=actor,
            person_ids=[],
            categories=[],
            channel=channel,
            through=through,
            outcome=Outcome.DENIED,
            reason="role",
            target_ref=target,
        )
        raise NoPersonalDataAccess()


def _views_for(actor: Actor, persons: Sequence[Person], on: date) -> list[PersonView]:
    """Build the views for several persons at once, in a fixed number of queries."""
    ids = [p.pk for p in persons]
    known = persons_known_to(actor, on)
    consented = consented_categories(actor, ids, on)
    involvements = (
        Involvement.objects.filter(involvement_active_q(on), person_id__in=ids)
        .filter(readable_q(actor, on))
        .select_related("organisation", "responsible")
        .order_by("organisation__name")
    )
    entries = (
        InformationEntry.objects.filter(person_id__in=ids)
        .filter(readable_q(actor, on))
        .select_related("organisation", "recorded_by")
    )
    relations = (
        Relation.objects.filter(person_id__in=ids, relative__in=known)
        .select_related("relative")
        .order_by("kind", "relative__birth_date")
    )
    memberships = FamilyMember.objects.filter(person_id__in=ids).select_related("family")
    by_person: dict[int, PersonView] = {
        p.pk: PersonView(
            person=p,
            consented=consented.get(p.pk, set()),
            hidden=hidden_categories(consented.get(p.pk, set())),
        )
        for p in persons
    }
    for inv in involvements:
        by_person[inv.person_id].involvements.append(inv)
    for entry in entries:
        by_person[entry.person_id].entries.append(entry)
    for rel in relations:
        by_person[rel.person_id].relations.append(rel)
    for fm in memberships:
        by_person[fm.person_id].families.append(fm.family)
    return [by_person[p.pk] for p in persons]


def person_search(
    *, actor: Actor, query: str = "", channel: str, through: str, limit: int = SEARCH_LIMIT
) -> list[Person]:
    """Search among the persons the actor knows. A listed result counts as a read of identity."""
    require_case_role(actor, channel=channel, through=through, target="search")
    qs = persons_known_to(actor)
    # A NUL cannot be stored or compared in PostgreSQL text, so it cannot match anything.
    query = (query or "").replace("\x00", "").strip()
    if query:
        condition = Q()
        for word in query.split():
            condition &= (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(national_id__startswith=word)
            )
        qs = qs.filter(condition)
    persons = list(qs.order_by("family_name", "given_name", "id")[:limit])
    access_record(
        actor=actor,
        person_ids=[p.pk for p in persons],
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return persons


def person_known_or_404(actor: Actor, person_id: int, *, channel: str, through: str) -> Person:
    require_case_role(actor, channel=channel, through=through, target=str(person_id))
    person = persons_known_to(actor).filter(pk=person_id).first()
    if person is None:
        # The same answer whether the person does not exist or is not ours to know.
        deny_unknown(
            PersonNotFound(),
            actor=actor,
            target_ref=str(person_id),
            channel=channel,
            through=through,
        )
    return person


def person_get_for(*, actor: Actor, person_id: int, channel: str, through: str) -> PersonView:
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    view = _views_for(actor, [person], today())[0]
    access_record(
        actor=actor,
        person_ids=[person.pk],
        categories=view.categories_read,
        channel=channel,
        through=through,
        owners={person.pk: view.entry_owners},
    )
    return view


def person_information_for(
    *, actor: Actor, person_id: int, category: str, channel: str, through: str
) -> list[InformationEntry]:
    """The entries in one category the actor may read; a 403 naming the category if none."""
    if category not in InformationCategory.values:
        raise CategoryUnknown(_("Unknown information category: %(c)s.") % {"c": category})
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    on = today()
    consented = consented_categories(actor, [person.pk], on).get(person.pk, set())
    decision = decide(
        actor=actor,
        involved=True,
        category=category,
        owner_organisation_id=None,
        consented=consented,
    )
    entries = InformationEntry.objects.filter(person=person, category=category).select_related(
        "organisation", "recorded_by"
    )
    if not decision.allowed:
        # Without consent only the organisation's own entries are readable; saying "none"
        # would hide why, so the category as a whole is refused with the reason.
        own = list(entries.filter(organisation_id=actor.organisation_id))
        if not own:
            access_record(
                actor=actor,
                person_ids=[person.pk],
                categories=[category],
                channel=channel,
                through=through,
                outcome=Outcome.DENIED,
                reason=decision.code,
            )
            raise ConsentMissing(decision.reason, details={"category": category})
        result = own
    else:
        result = list(entries)
    access_record(
        actor=actor,
        person_ids=[person.pk],
        categories=[category],
        channel=channel,
        through=through,
        owners={person.pk: {e.organisation_id for e in result}},
    )
    return result


def family_list_for(
    *, actor: Actor, channel: str, through: str
) -> list[tuple[Family, list[Person]]]:
    """The families the actor knows a member of, with those members only."""
    require_case_role(actor, channel=channel, through=through, target="families")
    known = persons_known_to(actor)
    members = (
        FamilyMember.objects.filter(person__in=known)
        .select_related("family", "person")
        .order_by("family__name", "family_id", "role", "person__birth_date")
    )
    grouped: dict[int, tuple[Family, list[Person]]] = {}
    for fm in members:
        grouped.setdefault(fm.family_id, (fm.family, []))[1].append(fm.person)
    person_ids = [p.pk for _, ps in grouped.values() for p in ps]
    access_record(
        actor=actor, person_ids=person_ids, categories=[IDENTITY], channel=channel, through=through
    )
    return list(grouped.values())


def family_members_known_or_404(
    actor: Actor, family_id: int, *, channel: str, through: str
) -> list[FamilyMember]:
    """The members of a family the actor knows; a logged 404 if there are none."""
    require_case_role(actor, channel=channel, through=through, target=f"family:{family_id}")
    members = list(
        FamilyMember.objects.filter(family_id=family_id, person__in=persons_known_to(actor))
        .select_related("family", "person")
        .order_by("role", "person__birth_date", "person_id")
    )
    if not members:
        deny_unknown(
            FamilyNotFound(),
            actor=actor,
            target_ref=f"family:{family_id}",
            channel=channel,
            through=through,
        )
    return members


def family_get_for(*, actor: Actor, family_id: int, channel: str, through: str) -> FamilyView:
    members = family_members_known_or_404(actor, family_id, channel=channel, through=through)
    views = _views_for(actor, [m.person for m in members], today())
    access_record_each(
        actor=actor,
        reads={v.person.pk: v.categories_read for v in views},
        channel=channel,
        through=through,
        owners={v.person.pk: v.entry_owners for v in views},
    )
    return FamilyView(
        family=members[0].family,
        members=[(m.role, v) for m, v in zip(members, views, strict=True)],
    )
