"""Results of survey rounds: scores per construct with BCa intervals and bands, answer
distributions, response rates, and comparisons over time and between networks.

Results are withheld (``withheld``) when showing them could reveal what one person said:
* an anonymous round shows nothing until it has closed (otherwise comparing the results
  before and after someone is marked "answered" would give away their answers), and nothing
  with fewer than ``MIN_RESPONDENTS`` respondents;
* a named round shows its owner everything (the respondents were told the owner sees their
  answers); others see its aggregates from ``MIN_RESPONDENTS`` respondents.

Each function reads a fixed number of queries whatever the number of rounds, invitations or
answers: the rounds, their invitation counts, the statements, the answers (and, for the owner
of a named round, who answered).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import pairwise

from django.db.models import Count, Q

from helhet.networks.errors import NetworkNotFound
from helhet.networks.models import Network
from helhet.observatory.constructs import Construct
from helhet.surveys.errors import ResultsWithheld, RoundNotFound
from helhet.surveys.models import (
    SCALE,
    AnonymousAnswer,
    Answer,
    Invitation,
    Item,
    Round,
    Submission,
)
from helhet.surveys.policies import can_manage_round
from helhet.surveys.scoring import (
    MIN_RESPONDENTS,
    Band,
    Bin,
    Interval,
    band,
    band_certain,
    bca_difference,
    bca_interval,
    histogram,
    respondent_scores,
    scored,
)
from helhet.surveys.selectors import (
    CLOSED,
    PLANNED,
    round_closed_on,
    round_get,
    round_state,
    rounds_for,
    survey_networks,
)
from helhet.tenancy.actor import Actor

WITHHELD_OPEN = "open"
WITHHELD_TOO_FEW = "too_few"
# At most this many rounds in one comparison (a chart with more is unreadable).
MAX_COMPARED = 12


@dataclass(frozen=True)
class Respondent:
    answers: dict[int, int]
    # Named rounds, for the owner only: who answered and when.
    who: str = ""
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class ConstructResult:
    construct: str
    label: str
    n: int
    mean: float | None
    interval: Interval | None
    band: Band | None
    band_certain: bool
    histogram: list[Bin]


@dataclass(frozen=True)
class ItemResult:
    item: Item
    counts: list[int]  # answers 1, 2, 3, 4, 5 as given (before reverse coding)
    n: int
    mean: float | None  # after reverse coding


@dataclass(frozen=True)
class RoundResults:
    round: Round
    state: str
    closed_on: date
    invited: int
    respondents: int
    withheld: str | None
    constructs: list[ConstructResult] = field(default_factory=list)
    items: list[ItemResult] = field(default_factory=list)
    # Every respondent's answers; who answered only for the owner of a named round.
    answers: list[Respondent] = field(default_factory=list)
    respondent_scores: list[dict[str, float]] = field(default_factory=list)
    minimum: int = MIN_RESPONDENTS

    @property
    def named(self) -> list[Respondent]:
        return [r for r in self.answers if r.who]

    @property
    def response_rate(self) -> float | None:
        return self.respondents / self.invited if self.invited else None

    @property
    def response_percent(self) -> int | None:
        rate = self.response_rate
        return round(rate * 100) if rate is not None else None

    def construct(self, construct: str) -> ConstructResult | None:
        return next((c for c in self.constructs if c.construct == construct), None)


def withheld_reason(*, round: Round, state: str, respondents: int, is_owner: bool) -> str | None:
    if round.anonymous:
        if state != CLOSED:
            return WITHHELD_OPEN
        return WITHHELD_TOO_FEW if respondents < MIN_RESPONDENTS else None
    if is_owner:
        return None
    return WITHHELD_TOO_FEW if respondents < MIN_RESPONDENTS else None


def _respondents(rounds: Sequence[Round], identity_for: set[int]) -> dict[int, list[Respondent]]:
    """Each round's respondents with their answers; who answered only for ``identity_for``."""
    named = [r.pk for r in rounds if not r.anonymous]
    anonymous = [r.pk for r in rounds if r.anonymous]
    grouped: dict[tuple[int, object], dict[int, int]] = defaultdict(dict)
    if named:
        for sub_id, round_id, item_id, value in (
            Answer.objects.filter(submission__round_id__in=named)
            .order_by("submission_id", "item_id")
            .values_list("submission_id", "submission__round_id", "item_id", "value")
        ):
            grouped[(round_id, sub_id)][item_id] = value
    if anonymous:
        # Ordered by the random keys: a shuffle, not the order of submission.
        for sub_uuid, round_id, item_id, value in (
            AnonymousAnswer.objects.filter(submission__round_id__in=anonymous)
            .order_by("submission_id", "item_id")
            .values_list("submission_id", "submission__round_id", "item_id", "value")
        ):
            grouped[(round_id, sub_uuid)][item_id] = value
    who: dict[int, tuple[str, datetime]] = {}
    wanted = [pk for pk in named if pk in identity_for]
    if wanted:
        for sub_id, name, email, username, at in Submission.objects.filter(
            round_id__in=wanted
        ).values_list(
            "id",
            "invitation__name",
            "invitation__email",
            "invitation__user__username",
            "submitted_at",
        ):
            who[sub_id] = (name or email or username or "", at)
    out: dict[int, list[Respondent]] = defaultdict(list)
    for (round_id, key), answers in grouped.items():
        if round_id in identity_for and isinstance(key, int) and key in who:
            label, at = who[key]
            out[round_id].append(Respondent(answers=answers, who=label, submitted_at=at))
        else:
            out[round_id].append(Respondent(answers=answers))
    return out


def _construct_results(
    items: Sequence[Item], scores: Sequence[dict[str, float]]
) -> list[ConstructResult]:
    present = {i.construct for i in items}
    results = []
    for construct in Construct:
        if construct.value not in present:
            continue
        values = [s[construct.value] for s in scores if construct.value in s]
        mean = sum(values) / len(values) if values else None
        interval = bca_interval(values) if values else None
        results.append(
            ConstructResult(
                construct=construct.value,
                label=str(construct.label),
                n=len(values),
                mean=mean,
                interval=interval,
                band=band(mean) if mean is not None else None,
                band_certain=band_certain(interval),
                histogram=histogram(values),
            )
        )
    return results


def _item_results(items: Sequence[Item], respondents: Sequence[Respondent]) -> list[ItemResult]:
    out = []
    for item in items:
        given = [r.answers[item.pk] for r in respondents if item.pk in r.answers]
        counts = [given.count(v) for v in SCALE]
        mean = sum(scored(v, reverse=item.reverse) for v in given) / len(given) if given else None
        out.append(ItemResult(item=item, counts=counts, n=len(given), mean=mean))
    return out


def _results_of(
    actor: Actor, rounds: Sequence[Round], *, today: date | None, with_identity: bool = False
) -> list[RoundResults]:
    """Results of the rounds, in their order, in a fixed number of queries."""
    if not rounds:
        return []
    ids = [r.pk for r in rounds]
    counts = {
        row["round_id"]: row
        for row in Invitation.objects.filter(round_id__in=ids)
        .values("round_id")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered=True)))
    }
    items_of: dict[int, list[Item]] = defaultdict(list)
    for item in Item.objects.filter(instrument_id__in={r.instrument_id for r in rounds}):
        items_of[item.instrument_id].append(item)
    owned = {r.pk for r in rounds if can_manage_round(actor, r)}
    respondents_of = _respondents(rounds, owned if with_identity else set())
    out = []
    for round in rounds:
        state = round_state(round, today=today)
        respondents = respondents_of.get(round.pk, [])
        reason = withheld_reason(
            round=round, state=state, respondents=len(respondents), is_owner=round.pk in owned
        )
        result = RoundResults(
            round=round,
            state=state,
            closed_on=round_closed_on(round),
            invited=counts[round.pk]["invited"] if round.pk in counts else 0,
            respondents=len(respondents),
            withheld=reason,
        )
        if reason is None:
            items = items_of.get(round.instrument_id, [])
            by_id = {i.pk: i for i in items}
            scores = [respondent_scores(r.answers, by_id) for r in respondents]
            result = replace(
                result,
                constructs=_construct_results(items, scores),
                items=_item_results(items, respondents),
                answers=respondents,
                respondent_scores=scores,
            )
        out.append(result)
    return out


def round_results(*, actor: Actor, round_id: int, today: date | None = None) -> RoundResults:
    round = round_get(actor=actor, round_id=round_id)
    return _results_of(actor, [round], today=today, with_identity=True)[0]


def round_results_or_withheld(
    *, actor: Actor, round_id: int, today: date | None = None
) -> RoundResults:
    """As ``round_results``, but withheld results are an error (for exports)."""
    results = round_results(actor=actor, round_id=round_id, today=today)
    if results.withheld is not None:
        raise ResultsWithheld(
            details={"reason": results.withheld, "respondents": results.respondents}
        )
    return results


@dataclass(frozen=True)
class Change:
    """The change of a construct's score from one round to the next, with its BCa interval."""

    construct: str
    label: str
    difference: float
    interval: Interval | None

    @property
    def clear(self) -> bool:
        """The interval excludes zero: the change is more than resampling noise."""
        return self.interval is not None and (self.interval.low > 0 or self.interval.high < 0)


@dataclass(frozen=True)
class Step:
    earlier: RoundResults
    later: RoundResults
    changes: list[Change]


@dataclass(frozen=True)
class Trend:
    network: Network
    rounds: list[RoundResults]
    steps: list[Step]


def _changes(earlier: RoundResults, later: RoundResults) -> list[Change]:
    out = []
    for construct in Construct:
        a, b = later.construct(construct.value), earlier.construct(construct.value)
        if a is None or b is None or a.mean is None or b.mean is None:
            continue
        later_scores = [s[construct.value] for s in later.respondent_scores if construct.value in s]
        earlier_scores = [
            s[construct.value] for s in earlier.respondent_scores if construct.value in s
        ]
        out.append(
            Change(
                construct=construct.value,
                label=str(construct.label),
                difference=a.mean - b.mean,
                interval=bca_difference(later_scores, earlier_scores),
            )
        )
    return out


def network_trend(*, actor: Actor, network_id: int, today: date | None = None) -> Trend:
    """The network's rounds that have opened, oldest closing first, and the change per construct
    between each round with results and the next."""
    network = survey_networks(actor=actor).filter(pk=network_id).first()
    if network is None:
        raise NetworkNotFound()
    rounds = [
        r
        for r in rounds_for(actor).filter(network=network).select_related("instrument", "network")
        if round_state(r, today=today) != PLANNED
    ]
    rounds.sort(key=lambda r: (round_closed_on(r), r.pk))
    results = _results_of(actor, rounds[-MAX_COMPARED:], today=today)
    shown = [r for r in results if r.withheld is None]
    steps = [Step(earlier=a, later=b, changes=_changes(a, b)) for a, b in pairwise(shown)]
    return Trend(network=network, rounds=results, steps=steps)


@dataclass(frozen=True)
class Comparison:
    rounds: list[RoundResults]
    same_instrument: bool


def comparable_rounds(*, actor: Actor, today: date | None = None) -> list[Round]:
    """Rounds that have opened, latest closing first: the choices for a comparison."""
    rounds = [
        r
        for r in rounds_for(actor).select_related("instrument", "network")
        if round_state(r, today=today) != PLANNED
    ]
    rounds.sort(key=lambda r: (round_closed_on(r), r.pk), reverse=True)
    return rounds


def default_comparison_ids(rounds: Sequence[Round]) -> list[int]:
    """The latest round of each network (``rounds`` latest first)."""
    seen: dict[int, int] = {}
    for r in rounds:
        seen.setdefault(r.network_id, r.pk)
    return list(seen.values())


def rounds_comparison(
    *, actor: Actor, round_ids: Sequence[int], today: date | None = None
) -> Comparison:
    """The chosen rounds side by side (any networks), ordered by network and closing day.
    Scores compare construct by construct; statement by statement only with the same
    instrument (``same_instrument``)."""
    wanted = list(dict.fromkeys(round_ids))[:MAX_COMPARED]
    rounds = list(rounds_for(actor).filter(pk__in=wanted).select_related("instrument", "network"))
    if len(rounds) != len(wanted):
        raise RoundNotFound()
    rounds.sort(key=lambda r: (r.network.name, round_closed_on(r), r.pk))
    return Comparison(
        rounds=_results_of(actor, rounds, today=today),
        same_instrument=len({r.instrument_id for r in rounds}) <= 1,
    )
