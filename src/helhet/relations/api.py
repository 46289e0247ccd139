"""Relationship networks over HTTP: rating rounds, an organisation's ratings, the network
measures and the stated-versus-operational comparison."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from helhet.core.api import ObjectId, actor_of
from helhet.observatory.policies import can_use_observatory
from helhet.relations import operational, policies, selectors, services
from helhet.relations.metrics import GraphMetrics, Scores
from helhet.relations.models import WORKS_TOGETHER, RatingRound
from helhet.relations.services import RatingSpec

router = Router(tags=["relations"])


class RelationsOrganisationRef(Schema):
    id: int
    name: str


class RelationsRoundOut(Schema):
    id: int
    network_id: int
    network_name: str
    title: str
    opens_on: date
    closes_on: date
    status: str


class RelationsRoundDetailOut(RelationsRoundOut):
    organisations: list[RelationsOrganisationRef]
    responded: list[int]
    can_run: bool
    can_rate: bool


class RelationsRoundIn(Schema):
    network_id: ObjectId
    title: str = Field(max_length=200)
    opens_on: date
    closes_on: date


class RelationsRatingIn(Schema):
    """Frequency 0 (never) … 4 (weekly or more); each item 1 (not at all) … 4 (a great deal),
    or null for "don't know"."""

    organisation_id: ObjectId
    frequency: int = Field(ge=0, le=4)
    reliable: int | None = Field(default=None, ge=1, le=4)
    supports_mission: int | None = Field(default=None, ge=1, le=4)
    open_to_discussion: int | None = Field(default=None, ge=1, le=4)
    influence: int | None = Field(default=None, ge=1, le=4)
    involvement: int | None = Field(default=None, ge=1, le=4)
    resources: int | None = Field(default=None, ge=1, le=4)


class RelationsRatingOut(RelationsRatingIn):
    pass


class RelationsRatingsIn(Schema):
    ratings: list[RelationsRatingIn] = Field(max_length=500)


class RelationsResponseOut(Schema):
    round_id: int
    organisation_id: int
    ratings: list[RelationsRatingOut]


class RelationsGraphOut(Schema):
    threshold: int
    nodes: int
    arcs: int
    density: float
    reciprocity: float | None
    centralization_in: float | None
    centralization_out: float | None
    centralization_undirected: float | None


class RelationsScoresOut(Schema):
    trust: float | None
    value: float | None
    overall: float | None
    ratings: int
    items: dict[str, float | None]


class RelationsOrganisationMetricsOut(Schema):
    organisation: RelationsOrganisationRef
    responded: bool
    in_degree: int
    out_degree: int
    scores: RelationsScoresOut


class RelationsArcOut(Schema):
    from_organisation_id: int
    to_organisation_id: int
    frequency: int


class RelationsMetricsOut(Schema):
    round_id: int
    organisations_count: int
    responses_count: int
    works_together: RelationsGraphOut
    any_contact: RelationsGraphOut
    network_scores: RelationsScoresOut
    organisations: list[RelationsOrganisationMetricsOut]
    arcs: list[RelationsArcOut]


class RelationsComparedArcOut(Schema):
    from_organisation_id: int
    to_organisation_id: int
    category: str
    stated_frequency: int | None
    referrals: int
    meetings_together: int


class RelationsDegreeOut(Schema):
    organisation: RelationsOrganisationRef
    stated: int
    operational: int


class RelationsComparisonOut(Schema):
    round_id: int
    start: date
    end: date
    threshold: int
    min_count: int
    both: int
    stated_only: int
    operational_only: int
    jaccard: float | None
    referrals_total: int
    coattendances_total: int
    arcs: list[RelationsComparedArcOut]
    degrees: list[RelationsDegreeOut]


class RelationsMetricsQuery(Schema):
    threshold: int = Field(default=WORKS_TOGETHER, ge=1, le=4)


class RelationsComparisonQuery(Schema):
    start: date | None = None
    end: date | None = None
    threshold: int = Field(default=WORKS_TOGETHER, ge=1, le=4)
    min_count: int = Field(default=1, ge=1, le=1000)


def _round(r: RatingRound) -> dict[str, object]:
    return {
        "id": r.pk,
        "network_id": r.network_id,
        "network_name": r.network.name,
        "title": r.title,
        "opens_on": r.opens_on,
        "closes_on": r.closes_on,
        "status": r.status,
    }


def _graph(g: GraphMetrics) -> dict[str, object]:
    return dict(g.__dict__)


def _scores(s: Scores) -> dict[str, object]:
    return {
        "trust": s.trust,
        "value": s.value,
        "overall": s.overall,
        "ratings": s.ratings,
        "items": s.items,
    }


@router.get(
    "/relations/rounds",
    response=list[RelationsRoundOut],
    summary="Rating rounds: all of the municipality's for observatory users, otherwise the "
    "open ones your organisation can answer",
)
def relations_round_list(request: HttpRequest, network_id: ObjectId | None = None) -> object:
    actor = actor_of(request)
    if can_use_observatory(actor):
        rounds = selectors.round_list(actor=actor, network_id=network_id)
    else:
        rounds = [
            r
            for r in selectors.rounds_to_answer(actor=actor)
            if network_id is None or r.network_id == network_id
        ]
    return [_round(r) for r in rounds]


@router.post("/relations/rounds", response={201: RelationsRoundOut}, summary="Open a rating round")
def relations_round_create(request: HttpRequest, payload: RelationsRoundIn) -> Status[object]:
    rating_round = services.round_create(actor=actor_of(request), **payload.dict())
    return Status(201, _round(rating_round))


@router.get("/relations/rounds/{round_id}", response=RelationsRoundDetailOut)
def relations_round_detail(request: HttpRequest, round_id: ObjectId) -> object:
    view = selectors.round_view(actor=actor_of(request), round_id=round_id)
    return {
        **_round(view.round),
        "organisations": view.organisations,
        "responded": sorted(view.responded),
        "can_run": view.can_run,
        "can_rate": view.can_rate,
    }


@router.post("/relations/rounds/{round_id}/close", response=RelationsRoundOut)
def relations_round_close(request: HttpRequest, round_id: ObjectId) -> object:
    actor = actor_of(request)
    services.round_close(actor=actor, round_id=round_id)
    return _round(selectors.round_get(actor=actor, round_id=round_id))


def _response(actor_round: RatingRound, organisation_id: int) -> dict[str, object]:
    given = selectors.ratings_given(rating_round=actor_round, organisation_id=organisation_id)
    return {
        "round_id": actor_round.pk,
        "organisation_id": organisation_id,
        "ratings": [
            {
                "organisation_id": r.rated_id,
                "frequency": r.frequency,
                "reliable": r.reliable,
                "supports_mission": r.supports_mission,
                "open_to_discussion": r.open_to_discussion,
                "influence": r.influence,
                "involvement": r.involvement,
                "resources": r.resources,
            }
            for _rated, r in sorted(given.items())
        ],
    }


@router.put(
    "/relations/rounds/{round_id}/ratings",
    response=RelationsResponseOut,
    summary="Your organisation's answer: a rating of every other organisation of the round",
)
def relations_ratings_submit(
    request: HttpRequest, round_id: ObjectId, payload: RelationsRatingsIn
) -> object:
    actor = actor_of(request)
    response = services.ratings_submit(
        actor=actor,
        round_id=round_id,
        ratings=[RatingSpec(**r.dict()) for r in payload.ratings],
    )
    return _response(response.round, actor.organisation_id)


@router.get(
    "/relations/rounds/{round_id}/ratings/mine",
    response=RelationsResponseOut,
    summary="Your organisation's answer to the round, if any",
)
def relations_ratings_mine(request: HttpRequest, round_id: ObjectId) -> object:
    actor = actor_of(request)
    rating_round = selectors.round_get(actor=actor, round_id=round_id)
    policies.require_rater(actor, rating_round)
    return _response(rating_round, actor.organisation_id)


@router.get("/relations/rounds/{round_id}/metrics", response=RelationsMetricsOut)
def relations_round_metrics(
    request: HttpRequest, round_id: ObjectId, query: Query[RelationsMetricsQuery]
) -> object:
    m = selectors.round_metrics(
        actor=actor_of(request), round_id=round_id, threshold=query.threshold
    )
    return {
        "round_id": round_id,
        "organisations_count": len(m.organisations),
        "responses_count": len(m.view.responded),
        "works_together": _graph(m.works_together),
        "any_contact": _graph(m.any_contact),
        "network_scores": _scores(m.network),
        "organisations": [
            {
                "organisation": o.organisation,
                "responded": o.responded,
                "in_degree": o.in_degree,
                "out_degree": o.out_degree,
                "scores": _scores(o.scores),
            }
            for o in m.organisations
        ],
        "arcs": [
            {
                "from_organisation_id": a.rater.pk,
                "to_organisation_id": a.rated.pk,
                "frequency": a.frequency,
            }
            for a in m.arcs
        ],
    }


@router.get(
    "/relations/rounds/{round_id}/stated-vs-operational",
    response=RelationsComparisonOut,
    summary="The stated network against referrals and shared meetings in a period",
)
def relations_stated_vs_operational(
    request: HttpRequest, round_id: ObjectId, query: Query[RelationsComparisonQuery]
) -> object:
    c = operational.stated_vs_operational(
        actor=actor_of(request), round_id=round_id, **query.dict()
    )
    return {
        "round_id": round_id,
        "start": c.start,
        "end": c.end,
        "threshold": c.threshold,
        "min_count": c.min_count,
        "both": c.both,
        "stated_only": c.stated_only,
        "operational_only": c.operational_only,
        "jaccard": c.jaccard,
        "referrals_total": c.referrals_total,
        "coattendances_total": c.coattendances_total,
        "arcs": [
            {
                "from_organisation_id": a.rater.pk,
                "to_organisation_id": a.rated.pk,
                "category": a.category,
                "stated_frequency": a.frequency,
                "referrals": a.referrals,
                "meetings_together": a.meetings_together,
            }
            for a in c.arcs
        ],
        "degrees": [
            {"organisation": d.organisation, "stated": d.stated, "operational": d.operational}
            for d in c.degrees
        ],
    }
