"""Reads for rating rounds and their analyses. Rounds describe organisations, never clients:
nothing here reads a person, so nothing is written to the access log. Every read is scoped
to the actor's municipality; another municipality's round is a 404."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_noop as N_

from helhet.networks.models import Network, Representative
from helhet.networks.policies import EDITOR_MEMBER_ROLES, EDITOR_ROLES
from helhet.observatory.policies import can_use_observatory, require_observatory
from helhet.relations import metrics
from helhet.relations.errors import RoundInvalid, RoundNotFound
from helhet.relations.metrics import GraphMetrics, RatingRow, Scores
from helhet.relations.models import (
    ANY_CONTACT,
    ITEMS,
    WORKS_TOGETHER,
    Frequency,
    Rating,
    RatingResponse,
    RatingRound,
    RoundOrganisation,
    RoundStatus,
)
from helhet.relations.policies import RATER_ROLES, RUNNER_ROLES, can_rate, can_run_rounds
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation


def rounds_for(actor: Actor) -> QuerySet[RatingRound]:
    return RatingRound.objects.filter(municipality_id=actor.municipality_id)


def round_get(*, actor: Actor, round_id: int) -> RatingRound:
    found = rounds_for(actor).select_related("network").filter(pk=round_id).first()
    if found is None:
        raise RoundNotFound()
    return found


def round_list(*, actor: Actor, network_id: int | None = None) -> list[RatingRound]:
    """Every round of the municipality, for observatory users, with its counts."""
    require_observatory(actor)
    rounds = rounds_for(actor)
    if network_id is not None:
        rounds = rounds.filter(network_id=network_id)
    return list(
        rounds.select_related("network").annotate(
            organisation_count=Count("participants", distinct=True),
            response_count=Count("responses", distinct=True),
        )
    )


def rounds_to_answer(*, actor: Actor) -> list[RatingRound]:
    """Open rounds the actor may answer for their organisation (``policies.can_rate``, in one
    query), each with ``answered``: whether the organisation has."""
    org = actor.organisation_id
    candidates = rounds_for(actor).filter(
        status=RoundStatus.OPEN, participants__organisation_id=org
    )
    if actor.role not in RATER_ROLES:
        named = Representative.objects.filter(
            member__network_id=OuterRef("network_id"),
            member__organisation_id=org,
            user_id=actor.user.pk,
        )
        candidates = candidates.filter(Exists(named))
    return list(
        candidates.select_related("network").annotate(
            answered=Count("responses", filter=Q(responses__organisation_id=org))
        )
    )


def networks_to_run(*, actor: Actor) -> QuerySet[Network]:
    """Networks the actor may open a round for (``policies.can_run_rounds`` decides again):
    all of the municipality's for researchers and administrators, otherwise those the actor's
    organisation leads or sponsors, and their bodies."""
    networks = Network.objects.filter(municipality_id=actor.municipality_id)
    if not can_use_observatory(actor):
        return networks.none()
    if actor.role in RUNNER_ROLES:
        return networks.order_by("name", "id")
    if actor.role not in EDITOR_ROLES:
        return networks.none()
    org = actor.organisation_id
    leads = Q(lead_organisation_id=org) | Q(
        members__organisation_id=org, members__role__in=EDITOR_MEMBER_ROLES
    )
    in_parent = Q(parent__lead_organisation_id=org) | Q(
        parent__members__organisation_id=org, parent__members__role__in=EDITOR_MEMBER_ROLES
    )
    return networks.filter(leads | in_parent).distinct().order_by("name", "id")


def organisations_of(rating_round: RatingRound) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            pk__in=RoundOrganisation.objects.filter(round=rating_round).values("organisation_id")
        ).order_by("name", "id")
    )


@dataclass(frozen=True)
class RoundView:
    round: RatingRound
    organisations: list[Organisation]
    responded: set[int]
    can_run: bool
    can_rate: bool

    @property
    def response_rate(self) -> float:
        return len(self.responded) / len(self.organisations) if self.organisations else 0.0


def round_view(*, actor: Actor, round_id: int) -> RoundView:
    rating_round = round_get(actor=actor, round_id=round_id)
    responded = set(
        RatingResponse.objects.filter(round=rating_round).values_list("organisation_id", flat=True)
    )
    return RoundView(
        round=rating_round,
        organisations=organisations_of(rating_round),
        responded=responded,
        can_run=can_run_rounds(actor, rating_round.network),
        can_rate=can_rate(actor, rating_round),
    )


def ratings_given(*, rating_round: RatingRound, organisation_id: int) -> dict[int, Rating]:
    """The ratings an organisation gave in the round, by the organisation rated."""
    return {
        r.rated_id: r for r in Rating.objects.filter(round=rating_round, rater_id=organisation_id)
    }


def rating_rows(rating_round: RatingRound) -> list[RatingRow]:
    values = Rating.objects.filter(round=rating_round).values_list(
        "rater_id", "rated_id", "frequency", *ITEMS
    )
    return [
        RatingRow(
            rater=rater,
            rated=rated,
            frequency=frequency,
            items=dict(zip(ITEMS, items, strict=True)),
        )
        for rater, rated, frequency, *items in values
    ]


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    responded: bool
    scores: Scores
    in_degree: int
    out_degree: int

    @property
    def degree(self) -> int:
        return self.in_degree + self.out_degree


@dataclass(frozen=True)
class ArcRow:
    rater: Organisation
    rated: Organisation
    frequency: int

    @property
    def frequency_label(self) -> str:
        return str(Frequency(self.frequency).label)


@dataclass(frozen=True)
class RoundMetrics:
    view: RoundView
    threshold: int
    works_together: GraphMetrics
    any_contact: GraphMetrics
    organisations: list[OrganisationRow]
    network: Scores
    arcs: list[ArcRow] = field(default_factory=list)

    @property
    def threshold_label(self) -> str:
        return str(Frequency(self.threshold).label)


def round_metrics(*, actor: Actor, round_id: int, threshold: int = WORKS_TOGETHER) -> RoundMetrics:
    """Density, reciprocity, degree centralization and trust and value scores of a round.

    ``threshold`` is the least frequency that makes an arc of the works-together graph
    (quarterly by default); the any-contact graph (yearly or more) is reported beside it.
    Four queries, whatever the size of the network."""
    require_observatory(actor)
    if threshold not in Frequency.values or threshold == Frequency.NEVER:
        raise RoundInvalid(
            N_("Choose how often counts as working together: yearly to weekly."),
            details={"field": "threshold"},
        )
    view = round_view(actor=actor, round_id=round_id)
    rows = rating_rows(view.round)
    nodes = [o.pk for o in view.organisations]
    works = metrics.digraph(nodes, metrics.arcs_at_least(rows, threshold))
    contact = metrics.digraph(nodes, metrics.arcs_at_least(rows, ANY_CONTACT))
    scores = metrics.scores_received(rows, nodes)
    by_id = {o.pk: o for o in view.organisations}
    return RoundMetrics(
        view=view,
        threshold=threshold,
        works_together=metrics.graph_metrics(works, threshold),
        any_contact=metrics.graph_metrics(contact, ANY_CONTACT),
        organisations=[
            OrganisationRow(
                organisation=o,
                responded=o.pk in view.responded,
                scores=scores[o.pk],
                in_degree=works.in_degree(o.pk),
                out_degree=works.out_degree(o.pk),
            )
            for o in view.organisations
        ],
        network=metrics.network_scores(rows),
        arcs=sorted(
            (
                ArcRow(rater=by_id[r.rater], rated=by_id[r.rated], frequency=r.frequency)
                for r in rows
                if r.frequency >= threshold and r.rater in by_id and r.rated in by_id
            ),
            key=lambda a: (a.rater.name, a.rated.name),
        ),
    )
