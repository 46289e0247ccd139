"""The nine elements the regulation on individual plans asks a plan to state.

The check is pure: it is given the plan, its goals, the measures and the consents on record,
and says which elements are present and which are still missing. The selectors pass what the
viewer may see, so the check never judges (and so never reveals) a measure hidden from the
viewer; two viewers of the same plan can therefore see different gaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.plans.models import MeasureStatus

# (number, key, name, what to do when it is missing)
ELEMENTS: tuple[tuple[int, str, str, str], ...] = (
    (
        1,
        "goals_resources_needs",
        N_("The family's goals, resources and needs"),
        N_("Add at least one goal in the family's own words and describe resources and needs."),
    ),
    (2, "participants", N_("Who takes part"), N_("Say who takes part in the plan.")),
    (
        3,
        "coordinator",
        N_("Who coordinates and follows up"),
        N_("Appoint a coordinator."),
    ),
    (
        4,
        "contributions",
        N_("What the family, the services and relatives contribute"),
        N_("Describe what the family, the services and relatives contribute."),
    ),
    (
        5,
        "measures",
        N_("The measures, their scope and who owns each"),
        N_("Add at least one measure with a responsible person."),
    ),
    (
        6,
        "implementation",
        N_("How the measures are carried out"),
        N_("Describe how the measures are carried out."),
    ),
    (
        7,
        "period",
        N_("The plan period and when it is revised"),
        N_("Set the plan period and the date of the next revision."),
    ),
    (
        8,
        "consent",
        N_("Consent to the plan and to sharing information"),
        N_(
            "Record a consent for every family member with a measure, naming the organisation "
            "that owns the measure."
        ),
    ),
    (
        9,
        "cooperation",
        N_("Cooperation needed with other services"),
        N_("Describe the cooperation needed with other services."),
    ),
)


class PlanLike(Protocol):
    @property
    def coordinator_id(self) -> int | None: ...
    @property
    def period_start(self) -> date | None: ...
    @property
    def period_end(self) -> date | None: ...
    @property
    def revise_on(self) -> date | None: ...
    @property
    def resources_and_needs(self) -> str: ...
    @property
    def participants(self) -> str: ...
    @property
    def contributions(self) -> str: ...
    @property
    def implementation(self) -> str: ...
    @property
    def cooperation(self) -> str: ...


class MeasureLike(Protocol):
    @property
    def person_id(self) -> int: ...
    @property
    def organisation_id(self) -> int: ...
    @property
    def responsible_id(self) -> int | None: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class ElementStatus:
    number: int
    key: str
    name: str
    present: bool
    hint: str


def _filled(text: str) -> bool:
    return bool(text and text.strip())


def plan_elements(
    *,
    plan: PlanLike,
    goal_count: int,
    measures: Sequence[MeasureLike],
    consents_naming: Iterable[tuple[int, int]],
) -> list[ElementStatus]:
    """Which of the nine elements the plan states, in order, names translated.

    * 1 is present with at least one goal and a text on resources and needs.
    * 5 is present when at least one measure that is not cancelled has a responsible person
      (every measure has an owning organisation by construction).
    * 8 is present when there is at least one measure that is not cancelled, and for every
      such measure the family member it concerns has a valid consent on record that names
      the organisation owning the measure. ``consents_naming`` is the set of
      ``(person_id, organisation_id)`` pairs with such a consent today.
    * 2, 4, 6 and 9 are present when their text is filled in, 3 when a coordinator is
      appointed, 7 when the period and the revision date are set.
    """
    active = [m for m in measures if m.status != MeasureStatus.CANCELLED]
    pairs = set(consents_naming)
    present = {
        1: goal_count > 0 and _filled(plan.resources_and_needs),
        2: _filled(plan.participants),
        3: plan.coordinator_id is not None,
        4: _filled(plan.contributions),
        5: any(m.responsible_id is not None for m in active),
        6: _filled(plan.implementation),
        7: plan.period_start is not None
        and plan.period_end is not None
        and plan.revise_on is not None,
        8: bool(active) and all((m.person_id, m.organisation_id) in pairs for m in active),
        9: _filled(plan.cooperation),
    }
    return [
        ElementStatus(number, key, _(name), present[number], "" if present[number] else _(hint))
        for number, key, name, hint in ELEMENTS
    ]


def missing(elements: Iterable[ElementStatus]) -> list[ElementStatus]:
    return [e for e in elements if not e.present]
