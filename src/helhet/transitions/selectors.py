"""Reads for the transition at 18: who turns 18 soon, who is 18 without a plan, the plans.

Who may see what. A youth on the transition list has a child-welfare case, and saying so is
child-welfare information. So a row, a plan and every count of them follow the access policy
(``consent/policies.py``) for the child-welfare involvement:

* the actor's role works with people, the actor's organisation knows the person today, and
  the involvement is the actor's own organisation's, or a valid consent covers the actor's
  organisation for ``child_welfare`` (``readable_q`` on ``Involvement``);
* **and one deliberate addition:** once an active plan names an organisation as *taking
  over*, that organisation's caseworkers, coordinators and managers see that plan, and the
  list row for it, even with no consent and no involvement of their own. They cannot prepare
  the hand-over without it, and naming them is the sharing decision, made in the plan by
  someone who may see the case. They may read the plan but not change it. A plan that is
  closed, or that names someone else, is hidden from them again.

Nobody else learns that a case exists: not from the list, its length, a plan id (unknown and
hidden plans give the same 404) or an error message.

Access is always judged on today's date. The ``on`` date of the list only moves the reference
day for ages and the horizon, so a past date cannot revive an expired consent or involvement.

Every function that returns rows logs one access row per person (categories identity and
child welfare), written after the data is fetched and before it is returned (fail closed),
and runs a fixed number of queries however many youths there are. Reads are not wrapped in a
transaction of their own, so a refusal's log row survives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from helhet.audit.models import Channel
from helhet.audit.services import access_record, deny_unknown
from helhet.consent.models import Involvement
from helhet.consent.policies import involvement_active_q, persons_known_to, readable_q
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.core.dates import today
from helhet.people.models import Person
from helhet.people.selectors import person_known_or_404, require_case_role
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.models import Membership, User
from helhet.transitions.ages import ADULT_AGE, add_months, age_on, birthday_at, born_on_or_before
from helhet.transitions.errors import (
    ChildWelfareCaseNotFound,
    DateOutOfRange,
    TransitionPlanNotFound,
)
from helhet.transitions.models import TransitionPlan, TransitionSettings

CHILD_WELFARE = InformationCategory.CHILD_WELFARE.value
READ_CATEGORIES = (IDENTITY, CHILD_WELFARE)
# Dates outside this range are refused as input: they mean nothing here, and 25 years back
# from year 1 is not a date at all.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


@dataclass(frozen=True)
class TransitionRow:
    """One youth on the transition list, as of the reference day."""

    person: Person
    involvement: Involvement
    turns_18_on: date
    age: int
    plan: TransitionPlan | None
    flagged: bool  # 18 or older and no plan
    days_left: int  # to the 18th birthday; zero or negative once reached
    aftercare_limit: date  # the birthday at the municipality's aftercare age
    taking_over_only: bool = False  # shown only because the actor's organisation takes over

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class PlanView:
    plan: TransitionPlan
    editable: bool  # False for the organisation taking over, which may only read it
    turns_18_on: date
    aftercare_limit: date
    settings: TransitionSettings


def check_day(day: date, *, field: str = "on") -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise DateOutOfRange(
            details={"field": field, "min": EARLIEST_DAY.isoformat(), "max": LATEST_DAY.isoformat()}
        )
    return day


def transition_settings_for(*, municipality_id: int) -> TransitionSettings:
    """The municipality's settings, or the defaults (unsaved) while none are stored. One query."""
    stored = TransitionSettings.objects.filter(municipality_id=municipality_id).first()
    return stored or TransitionSettings(municipality_id=municipality_id)


def child_welfare_involvements_visible_to(
    actor: Actor, on: date | None = None
) -> QuerySet[Involvement]:
    """Active child-welfare involvements the actor may see. Scoping only: callers log reads."""
    if not actor.works_with_people:
        return Involvement.objects.none()
    on = on or today()
    return Involvement.objects.filter(
        involvement_active_q(on),
        category=CHILD_WELFARE,
        person__in=persons_known_to(actor, on),
    ).filter(readable_q(actor, on))


def responsible_choices(actor: Actor, *, current: int | None = None) -> QuerySet[User]:
    """Who can be named responsible in a form: case-role staff of the actor's own organisation
    (staff lists of other organisations are shown to their own members only), and whoever is
    responsible now."""
    own = Membership.objects.filter(
        organisation_id=actor.organisation_id, active=True, role__in=CASE_ROLES
    ).values("user_id")
    return (
        User.objects.filter(Q(pk__in=own, is_active=True) | Q(pk=current))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def transition_plans_visible_to(actor: Actor) -> QuerySet[TransitionPlan]:
    """Plans the actor may see: the case is visible to them, or an active plan names their
    organisation as taking over. Scoping only: callers that show them must log."""
    if not actor.works_with_people:
        return TransitionPlan.objects.none()
    return TransitionPlan.objects.filter(
        Q(person__in=child_welfare_involvements_visible_to(actor).values("person_id"))
        | Q(taking_over_id=actor.organisation_id, active=True)
    )


def _active_plan_of_person() -> Exists:
    return Exists(TransitionPlan.objects.filter(person_id=OuterRef("person_id"), active=True))


def _birth_bounds(on: date, conf: TransitionSettings) -> tuple[date, date, date]:
    """(too old, adult now, adult by the horizon): the latest birth dates of someone who on
    ``on`` has reached the aftercare age, has reached 18, and reaches 18 within the horizon."""
    return (
        born_on_or_before(on, conf.aftercare_until_age),
        born_on_or_before(on, ADULT_AGE),
        born_on_or_before(add_months(on, conf.horizon_months), ADULT_AGE),
    )


def _list_window_q(on: date, conf: TransitionSettings) -> Q:
    """Turns 18 within the horizon (plan or not), or is 18 but not yet at the aftercare age
    and has no active plan."""
    too_old, adult_now, adult_by_edge = _birth_bounds(on, conf)
    upcoming = Q(person__birth_date__gt=adult_now, person__birth_date__lte=adult_by_edge)
    unplanned_adult = Q(person__birth_date__gt=too_old, person__birth_date__lte=adult_now) & Q(
        ~_active_plan_of_person()
    )
    return upcoming | unplanned_adult


def _row(
    person: Person,
    involvement: Involvement,
    plan: TransitionPlan | None,
    on: date,
    conf: TransitionSettings,
    *,
    taking_over_only: bool = False,
) -> TransitionRow:
    turns_18_on = birthday_at(person.birth_date, ADULT_AGE)
    return TransitionRow(
        person=person,
        involvement=involvement,
        turns_18_on=turns_18_on,
        age=age_on(person.birth_date, on),
        plan=plan,
        flagged=plan is None and turns_18_on <= on,
        days_left=(turns_18_on - on).days,
        aftercare_limit=birthday_at(person.birth_date, conf.aftercare_until_age),
        taking_over_only=taking_over_only,
    )


def _sorted(rows: list[TransitionRow]) -> list[TransitionRow]:
    return sorted(
        rows,
        key=lambda r: (
            not r.flagged,
            r.turns_18_on,
            r.person.family_name,
            r.person.given_name,
            r.person.pk,
        ),
    )


def _pick(candidates: list[Involvement], plan: TransitionPlan | None, actor: Actor) -> Involvement:
    """One involvement per person: the plan's, else the actor's own organisation's, else the
    newest (candidates come newest first)."""
    for inv in candidates:
        if plan is not None and inv.pk == plan.involvement_id:
            return inv
    for inv in candidates:
        if inv.organisation_id == actor.organisation_id:
            return inv
    return candidates[0]


def transition_list_for(
    actor: Actor,
    *,
    on: date | None = None,
    channel: str = Channel.WEB,
    through: str = "transitions.list",
) -> list[TransitionRow]:
    """The youths in child welfare the actor may see who turn 18 within the municipality's
    horizon, and those already 18 (under the aftercare age) with no plan. Flagged rows (18 and
    no plan) first, then by birthday. Four queries: settings, youths, plans, the access log.

    A role that does not work with people is refused (403, logged as denied): callers that
    show the list to everyone, such as a dashboard, check ``actor.works_with_people`` first.
    """
    require_case_role(actor, channel=channel, through=through, target="transitions")
    access_day = today()
    ref = check_day(on or access_day)
    conf = transition_settings_for(municipality_id=actor.municipality_id)
    case_visible = Q(person__in=persons_known_to(actor, access_day)) & readable_q(actor, access_day)
    taking_over = Q(
        Exists(
            TransitionPlan.objects.filter(
                involvement_id=OuterRef("pk"), active=True, taking_over_id=actor.organisation_id
            )
        )
    )
    involvements = list(
        Involvement.objects.filter(
            involvement_active_q(access_day),
            category=CHILD_WELFARE,
            municipality_id=actor.municipality_id,
        )
        .filter(case_visible | taking_over)
        .filter(_list_window_q(ref, conf))
        .annotate(
            case_visible=Case(
                When(case_visible, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("person", "organisation", "responsible")
        .order_by("person_id", "-started_on", "-id")
    )
    by_person: dict[int, list[Involvement]] = {}
    for inv in involvements:
        by_person.setdefault(inv.person_id, []).append(inv)
    plans: dict[int, TransitionPlan] = {}
    if by_person:
        plans = {
            p.person_id: p
            for p in TransitionPlan.objects.filter(
                person_id__in=list(by_person), active=True
            ).select_related("taking_over", "responsible")
        }
    rows = []
    for person_id, candidates in by_person.items():
        plan = plans.get(person_id)
        involvement = _pick(candidates, plan, actor)
        rows.append(
            _row(
                involvement.person,
                involvement,
                plan,
                ref,
                conf,
                taking_over_only=not any(c.case_visible for c in candidates),  # type: ignore[attr-defined]
            )
        )
    rows = _sorted(rows)
    access_record(
        actor=actor,
        person_ids=[r.person.pk for r in rows],
        categories=READ_CATEGORIES,
        channel=channel,
        through=through,
    )
    return rows


def youths_without_plan(*, on: date) -> list[TransitionRow]:
    """System scan for the reminder job, over every municipality with its own settings: youths
    with an active child-welfare involvement who turn 18 within the horizon or are 18 (under the
    aftercare age), and have no active plan. Each row's involvement comes with its responsible
    caseworker. Two queries.

    Nothing is shown to anyone here, so nothing is logged: the reminder names no person (see
    ``notifications``), and the page it links to applies the policy and logs the read.
    """
    ref = check_day(on)
    stored = {s.municipality_id: s for s in TransitionSettings.objects.all()}

    def window(conf: TransitionSettings) -> Q:
        too_old, _adult_now, adult_by_edge = _birth_bounds(ref, conf)
        return Q(person__birth_date__gt=too_old, person__birth_date__lte=adult_by_edge)

    condition = ~Q(municipality_id__in=list(stored)) & window(TransitionSettings())
    for municipality_id, conf in stored.items():
        condition |= Q(municipality_id=municipality_id) & window(conf)
    involvements = (
        Involvement.objects.filter(involvement_active_q(ref), category=CHILD_WELFARE)
        .filter(condition)
        .filter(~_active_plan_of_person())
        .select_related("person", "organisation", "responsible")
        .order_by("person_id", "-started_on", "-id")
    )
    rows: dict[int, TransitionRow] = {}
    for inv in involvements:
        if inv.person_id not in rows:  # newest involvement per person
            conf = stored.get(inv.municipality_id) or TransitionSettings()
            rows[inv.person_id] = _row(inv.person, inv, None, ref, conf)
    return _sorted(list(rows.values()))


def transition_youth_for(
    *, actor: Actor, person_id: int, channel: str, through: str
) -> TransitionRow:
    """One youth, for making their plan: 404 if the actor does not know the person, and the
    same 404 whether or not a child-welfare case exists when the actor may not see it."""
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    candidates = list(
        child_welfare_involvements_visible_to(actor)
        .filter(person=person)
        .select_related("organisation", "responsible")
        .order_by("-started_on", "-id")
    )
    if not candidates:
        deny_unknown(
            ChildWelfareCaseNotFound(),
            actor=actor,
            target_ref=str(person.pk),
            channel=channel,
            through=through,
            reason="consent_missing",
            categories=[CHILD_WELFARE],
            person_ids=[person.pk],
        )
    plan = (
        TransitionPlan.objects.filter(person=person, active=True)
        .select_related("taking_over", "responsible")
        .first()
    )
    conf = transition_settings_for(municipality_id=candidates[0].municipality_id)
    row = _row(person, _pick(candidates, plan, actor), plan, today(), conf)
    access_record(
        actor=actor,
        person_ids=[person.pk],
        categories=READ_CATEGORIES,
        channel=channel,
        through=through,
    )
    return row


def transition_plan_get_for(*, actor: Actor, plan_id: int, channel: str, through: str) -> PlanView:
    """One plan, for those who may see the case and for the organisation taking over."""
    require_case_role(actor, channel=channel, through=through, target=f"transition_plan:{plan_id}")
    plan = (
        transition_plans_visible_to(actor)
        .filter(pk=plan_id)
        .select_related(
            "person",
            "involvement__organisation",
            "involvement__responsible",
            "taking_over",
            "responsible",
            "created_by",
        )
        .first()
    )
    if plan is None:
        deny_unknown(
            TransitionPlanNotFound(),
            actor=actor,
            target_ref=f"transition_plan:{plan_id}",
            channel=channel,
            through=through,
            reason="not_involved",
        )
    editable = (
        child_welfare_involvements_visible_to(actor).filter(person_id=plan.person_id).exists()
    )
    conf = transition_settings_for(municipality_id=plan.municipality_id)
    access_record(
        actor=actor,
        person_ids=[plan.person_id],
        categories=READ_CATEGORIES,
        channel=channel,
        through=through,
    )
    return PlanView(
        plan=plan,
        editable=editable,
        turns_18_on=birthday_at(plan.person.birth_date, ADULT_AGE),
        aftercare_limit=birthday_at(plan.person.birth_date, conf.aftercare_until_age),
        settings=conf,
    )
