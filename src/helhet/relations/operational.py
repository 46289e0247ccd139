"""The stated network (what the organisations say in a rating round) against the operational
one (what the platform shows they did together in a period).

Operational arc i → j: i sent j at least ``min_count`` referrals in the period (any status),
or i and j both attended at least ``min_count`` of the same meetings in it (co-attendance
counts both ways). Stated arc i → j: i says it works with j at least ``threshold`` often.

Only organisation-level counts are read: referrals grouped by sender and receiver, and the
(meeting, organisation) pairs of attended participations. No person row is loaded, so no
access-log row is written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from django.db.models import Count
from django.utils.translation import gettext_noop as N_

from helhet.meetings.models import Participant
from helhet.observatory.policies import require_observatory
from helhet.referrals.models import Referral
from helhet.relations.errors import PeriodInvalid, RoundInvalid
from helhet.relations.metrics import digraph
from helhet.relations.models import WORKS_TOGETHER, Frequency, Rating
from helhet.relations.selectors import RoundView, round_view
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation

# The default period: the year up to the day the round closes.
DEFAULT_PERIOD_DAYS = 365
# Longer periods are refused: ten years is more than any network's record.
MAX_PERIOD_DAYS = 3660

Arc = tuple[int, int]


def referral_counts(
    *, municipality_id: int, organisation_ids: set[int], start: date, end: date
) -> Counter[Arc]:
    rows = (
        Referral.objects.filter(
            municipality_id=municipality_id,
            from_organisation_id__in=organisation_ids,
            to_organisation_id__in=organisation_ids,
            sent_at__date__gte=start,
            sent_at__date__lte=end,
        )
        .values("from_organisation_id", "to_organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter({(r["from_organisation_id"], r["to_organisation_id"]): r["n"] for r in rows})


def coattendance_counts(
    *, municipality_id: int, organisation_ids: set[int], start: date, end: date
) -> Counter[Arc]:
    """Meetings attended by both organisations of a pair, keyed (lower id, higher id)."""
    pairs = (
        Participant.objects.filter(
            municipality_id=municipality_id,
            attended=True,
            organisation_id__in=organisation_ids,
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lte=end,
        )
        .values_list("meeting_id", "organisation_id")
        .distinct()
        .order_by()
    )
    by_meeting: dict[int, set[int]] = defaultdict(set)
    for meeting_id, organisation_id in pairs:
        by_meeting[meeting_id].add(organisation_id)
    counts: Counter[Arc] = Counter()
    for present in by_meeting.values():
        for a, b in combinations(sorted(present), 2):
            counts[(a, b)] += 1
    return counts


def _pair(a: int, b: int) -> Arc:
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class ComparedArc:
    rater: Organisation
    rated: Organisation
    stated: bool
    operational: bool
    # None: the rater did not answer the round.
    frequency: int | None
    referrals: int
    meetings_together: int

    @property
    def category(self) -> str:
        if self.stated and self.operational:
            return "both"
        return "stated_only" if self.stated else "operational_only"

    @property
    def frequency_label(self) -> str:
        return "" if self.frequency is None else str(Frequency(self.frequency).label)


@dataclass(frozen=True)
class DegreeRow:
    organisation: Organisation
    stated: int
    operational: int


@dataclass(frozen=True)
class Comparison:
    view: RoundView
    start: date
    end: date
    threshold: int
    min_count: int
    arcs: list[ComparedArc]
    degrees: list[DegreeRow]
    jaccard: float | None
    referrals_total: int
    coattendances_total: int

    def _count(self, category: str) -> int:
        return sum(1 for a in self.arcs if a.category == category)

    @property
    def both(self) -> int:
        return self._count("both")

    @property
    def stated_only(self) -> int:
        return self._count("stated_only")

    @property
    def operational_only(self) -> int:
        return self._count("operational_only")

    @property
    def threshold_label(self) -> str:
        return str(Frequency(self.threshold).label)


def jaccard(stated: set[Arc], operational: set[Arc]) -> float | None:
    union = stated | operational
    return len(stated & operational) / len(union) if union else None


def default_period(view: RoundView) -> tuple[date, date]:
    end = view.round.closes_on
    return end - timedelta(days=DEFAULT_PERIOD_DAYS - 1), end


def stated_vs_operational(
    *,
    actor: Actor,
    round_id: int,
    start: date | None = None,
    end: date | None = None,
    threshold: int = WORKS_TOGETHER,
    min_count: int = 1,
) -> Comparison:
    """Arcs stated but not seen in the platform, seen but not stated, and both; the Jaccard
    similarity of the two arc sets; each organisation's degree (in + out) in both graphs.
    Five queries, whatever the size of the network or the period."""
    require_observatory(actor)
    if threshold not in Frequency.values or threshold == Frequency.NEVER:
        raise RoundInvalid(
            N_("Choose how often counts as working together: yearly to weekly."),
            details={"field": "threshold"},
        )
    if not 1 <= min_count <= 1000:
        raise RoundInvalid(
            N_("The least count must be between 1 and 1000."), details={"field": "min_count"}
        )
    view = round_view(actor=actor, round_id=round_id)
    default_start, default_end = default_period(view)
    start, end = start or default_start, end or default_end
    if start > end:
        raise PeriodInvalid(details={"field": "start"})
    if (end - start).days > MAX_PERIOD_DAYS:
        raise PeriodInvalid(N_("Choose a period of at most ten years."), details={"field": "start"})
    ids = {o.pk for o in view.organisations}
    given = {
        (rater, rated): frequency
        for rater, rated, frequency in Rating.objects.filter(round=view.round).values_list(
            "rater_id", "rated_id", "frequency"
        )
    }
    stated = {arc for arc, frequency in given.items() if frequency >= threshold}
    referrals = referral_counts(
        municipality_id=actor.municipality_id, organisation_ids=ids, start=start, end=end
    )
    together = coattendance_counts(
        municipality_id=actor.municipality_id, organisation_ids=ids, start=start, end=end
    )
    operational = {arc for arc, n in referrals.items() if n >= min_count}
    for (a, b), n in together.items():
        if n >= min_count:
            operational |= {(a, b), (b, a)}
    by_id = {o.pk: o for o in view.organisations}
    arcs = [
        ComparedArc(
            rater=by_id[a],
            rated=by_id[b],
            stated=(a, b) in stated,
            operational=(a, b) in operational,
            frequency=given.get((a, b)),
            referrals=referrals[(a, b)],
            meetings_together=together[_pair(a, b)],
        )
        for a, b in stated | operational
    ]
    arcs.sort(key=lambda x: (x.category, x.rater.name, x.rated.name))
    stated_graph, operational_graph = digraph(ids, stated), digraph(ids, operational)
    return Comparison(
        view=view,
        start=start,
        end=end,
        threshold=threshold,
        min_count=min_count,
        arcs=arcs,
        degrees=[
            DegreeRow(
                organisation=o,
                stated=stated_graph.degree(o.pk),
                operational=operational_graph.degree(o.pk),
            )
            for o in view.organisations
        ],
        jaccard=jaccard(stated, operational),
        referrals_total=sum(referrals.values()),
        coattendances_total=sum(together.values()),
    )
