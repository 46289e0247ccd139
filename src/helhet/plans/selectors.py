"""Reads of the family plan. Each checks the access policy and writes the access log.

What a viewer sees of a plan:

* The family exists for the viewer when their organisation knows at least one member
  (otherwise 404 ``family_not_found``, logged as denied). Only those members are named.
* The common part (goals, texts, period) is shared with every organisation that knows a
  member: it is the plan made *with* the family for the services working with it.
* Measures are filtered in SQL by the access policy (``readable_q``, plus "the person is
  known"): the owner sees its own, others only with a valid consent for the measure's
  category. Hidden measures are not counted: the page lists, per member, the categories
  the viewer has no consent for, whatever exists in them (as the person page does).
* The coordinator and the author of a change are named when the viewer may know that their
  organisation works with the family (see ``snapshots.Visibility.organisation``).

One access-log row per member read (identity, ``plan``, and the categories of the measures
shown). Reads are not wrapped in a transaction, so a refusal's log row survives. The query
count does not grow with the plan: ``family_plan_for`` runs 7 queries for a plan with
measures, whatever their number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Q, QuerySet

from helhet.audit.services import access_record, access_record_each, deny_unknown
from helhet.consent.policies import (
    consented_categories,
    consents_naming,
    hidden_categories,
    persons_known_to,
    readable_q,
)
from helhet.core.categories import IDENTITY
from helhet.core.dates import today
from helhet.people.models import Family, FamilyMember, Person
from helhet.people.selectors import family_members_known_or_404, require_case_role
from helhet.plans.elements import ElementStatus, missing, plan_elements
from helhet.plans.errors import MeasureNotFound, PlanNotFound, PlanVersionNotFound
from helhet.plans.models import OPEN_STATUSES, FamilyPlan, Goal, Measure, PlanVersion
from helhet.plans.snapshots import Visibility, diff_lines
from helhet.tenancy.actor import Actor

# The access-log category for the plan's common part (goals, texts, period).
PLAN_CATEGORY = "plan"


@dataclass
class MemberView:
    person: Person
    role: str
    hidden: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PlanView:
    """What one actor may see of a family's plan (``plan`` is None if none is made yet)."""

    family: Family
    plan: FamilyPlan | None
    members: list[MemberView]
    visibility: Visibility
    goals: list[Goal] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    elements: list[ElementStatus] = field(default_factory=list)

    @property
    def missing(self) -> list[ElementStatus]:
        return missing(self.elements)

    @property
    def coordinator_shown(self) -> bool:
        plan = self.plan
        if plan is None or plan.coordinator_id is None:
            return False
        org = plan.coordinator_organisation
        return self.visibility.organisation(
            organisation_id=org.pk if org else None, kind=org.kind if org else ""
        )

    def reads(self) -> dict[int, list[str]]:
        cats: dict[int, set[str]] = {m.person.pk: {IDENTITY} for m in self.members}
        for member in self.members:
            if self.plan is not None:
                cats[member.person.pk].add(PLAN_CATEGORY)
        for measure in self.measures:
            cats[measure.person_id].add(measure.category)
        return {pid: sorted(c) for pid, c in cats.items()}


def _members_or_404(
    actor: Actor, family_id: int, *, channel: str, through: str
) -> list[FamilyMember]:
    return family_members_known_or_404(actor, family_id, channel=channel, through=through)


def _visibility(actor: Actor, members: list[FamilyMember], on: date) -> Visibility:
    ids = [m.person_id for m in members]
    return Visibility(
        actor=actor, known_person_ids=frozenset(ids), consented=consented_categories(actor, ids, on)
    )


def _plan_of(family_id: int) -> FamilyPlan | None:
    return (
        FamilyPlan.objects.filter(family_id=family_id)
        .select_related("coordinator", "coordinator_organisation")
        .first()
    )


def family_plan_for(*, actor: Actor, family_id: int, channel: str, through: str) -> PlanView:
    """The family's plan as far as the actor may see it, with the elements still missing."""
    members = _members_or_404(actor, family_id, channel=channel, through=through)
    on = today()
    vis = _visibility(actor, members, on)
    view = PlanView(
        family=members[0].family,
        plan=_plan_of(family_id),
        members=[
            MemberView(
                person=m.person,
                role=m.role,
                hidden=hidden_categories(vis.consented.get(m.person_id, set())),
            )
            for m in members
        ],
        visibility=vis,
    )
    if view.plan is not None:
        view.goals = list(Goal.objects.filter(plan=view.plan).order_by("order", "id"))
        view.measures = list(
            Measure.objects.filter(
                readable_q(actor, on), plan=view.plan, person_id__in=sorted(vis.known_person_ids)
            )
            .select_related("person", "organisation", "responsible", "goal")
            .order_by(F("due_date").asc(nulls_last=True), "id")
        )
        view.elements = plan_elements(
            plan=view.plan,
            goal_count=len(view.goals),
            measures=view.measures,
            consents_naming=consents_naming({m.person_id for m in view.measures}, on),
        )
    access_record_each(actor=actor, reads=view.reads(), channel=channel, through=through)
    return view


@dataclass
class VersionRow:
    number: int
    action: str
    created_at: datetime
    # "Name (organisation)", or "" when the viewer may not know that organisation is involved.
    author: str


@dataclass
class PlanHistory:
    family: Family
    plan: FamilyPlan
    versions: list[VersionRow]


def _version_q(actor: Actor, person_ids: list[int], on: date) -> Q:
    """Versions of the plan's common part, and those of measures the actor may see."""
    return Q(person__isnull=True) | (Q(person_id__in=person_ids) & readable_q(actor, on))


def plan_versions_for(*, actor: Actor, family_id: int, channel: str, through: str) -> PlanHistory:
    """The saved versions, newest first: the common part's and those of the measures the
    actor may see. (Numbers count every change, so a gap means a change to something
    the actor may not see; what and whose is not shown.)"""
    members = _members_or_404(actor, family_id, channel=channel, through=through)
    on = today()
    vis = _visibility(actor, members, on)
    plan = _plan_of(family_id)
    if plan is None:
        raise PlanNotFound()
    rows = (
        PlanVersion.objects.filter(_version_q(actor, sorted(vis.known_person_ids), on), plan=plan)
        .select_related("created_by", "created_by_organisation")
        .defer("snapshot")
        .order_by("-number")
    )
    versions = []
    for v in rows:
        org = v.created_by_organisation
        shown = org is not None and (
            org.pk == v.organisation_id or vis.organisation(organisation_id=org.pk, kind=org.kind)
        )
        author = ""
        if shown and org is not None:
            user = v.created_by
            name = (user.get_full_name() or user.get_username()) if user else ""
            author = f"{name} ({org.name})" if name else org.name
        versions.append(VersionRow(v.number, v.action, v.created_at, author))
    access_record_each(
        actor=actor,
        reads={m.person_id: [IDENTITY, PLAN_CATEGORY] for m in members},
        channel=channel,
        through=through,
    )
    return PlanHistory(family=members[0].family, plan=plan, versions=versions)


@dataclass
class PlanDiff:
    family: Family
    plan: FamilyPlan
    from_number: int
    to_number: int
    lines: list[str]


def plan_diff_for(
    *,
    actor: Actor,
    family_id: int,
    from_number: int,
    to_number: int,
    channel: str,
    through: str,
) -> PlanDiff:
    """A unified diff of two versions, each rendered through the actor's view of measures,
    so a diff never shows a measure the actor may not see on the plan itself."""
    members = _members_or_404(actor, family_id, channel=channel, through=through)
    on = today()
    vis = _visibility(actor, members, on)
    plan = _plan_of(family_id)
    if plan is None:
        raise PlanNotFound()
    snapshots = dict(
        PlanVersion.objects.filter(plan=plan, number__in=[from_number, to_number]).values_list(
            "number", "snapshot"
        )
    )
    if from_number not in snapshots or to_number not in snapshots:
        raise PlanVersionNotFound()
    lines = diff_lines(
        snapshots[from_number],
        snapshots[to_number],
        vis,
        old_name=f"v{from_number}",
        new_name=f"v{to_number}",
    )
    # Which measure categories the two renderings could show: those the actor may read.
    reads: dict[int, set[str]] = defaultdict(set)
    for m in members:
        reads[m.person_id].update({IDENTITY, PLAN_CATEGORY})
    for snap in (snapshots[from_number], snapshots[to_number]):
        for item in snap.get("measures", []):
            if vis.measure(
                person_id=item["person_id"],
                organisation_id=item["organisation_id"],
                category=item["category"],
            ):
                reads[item["person_id"]].add(item["category"])
    access_record_each(
        actor=actor,
        reads={pid: sorted(c) for pid, c in reads.items()},
        channel=channel,
        through=through,
    )
    return PlanDiff(
        family=members[0].family,
        plan=plan,
        from_number=from_number,
        to_number=to_number,
        lines=lines,
    )


def measures_overdue(*, on: date) -> QuerySet[Measure]:
    """System scan for reminders: open measures whose due date is before ``on``.

    Not a read by anyone (no actor, nothing logged); a reminder must carry no personal data
    and link to the plan page, which applies the policy.
    """
    return (
        Measure.objects.filter(due_date__lt=on, status__in=OPEN_STATUSES)
        .select_related("plan__family", "organisation", "responsible")
        .order_by("due_date", "id")
    )


def overdue_measures_for(
    actor: Actor, *, channel: str = "web", through: str = "dashboard", limit: int = 50
) -> list[Measure]:
    """The actor's own organisation's overdue measures, for persons it still works with.

    Listing them names the persons, so each is logged as a read of identity. Empty for a
    role that does not work with people.
    """
    if not actor.works_with_people:
        return []
    on = today()
    measures = list(
        Measure.objects.filter(
            organisation_id=actor.organisation_id,
            status__in=OPEN_STATUSES,
            due_date__lt=on,
            person__in=persons_known_to(actor, on),
        )
        .select_related("plan__family", "person", "responsible")
        .order_by("due_date", "id")[:limit]
    )
    access_record(
        actor=actor,
        person_ids=sorted({m.person_id for m in measures}),
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return measures


def measure_get_for(*, actor: Actor, measure_id: int, channel: str, through: str) -> Measure:
    """One measure the actor may see (404, logged as denied, otherwise)."""
    require_case_role(actor, channel=channel, through=through, target=f"measure:{measure_id}")
    on = today()
    measure = (
        Measure.objects.filter(
            readable_q(actor, on), pk=measure_id, person__in=persons_known_to(actor, on)
        )
        .select_related("plan__family", "person", "organisation", "responsible", "goal")
        .first()
    )
    if measure is None:
        deny_unknown(
            MeasureNotFound(),
            actor=actor,
            target_ref=f"measure:{measure_id}",
            channel=channel,
            through=through,
            reason="not_involved",
        )
    access_record(
        actor=actor,
        person_ids=[measure.person_id],
        categories=[IDENTITY, measure.category],
        channel=channel,
        through=through,
    )
    return measure
