"""Writes for rating rounds: open a round for a network, answer it for one's organisation,
close it. Who may do what is in ``policies``; every write records a change-log row in its
transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.networks.models import NetworkMember
from helhet.networks.selectors import network_get
from helhet.observatory.policies import require_observatory
from helhet.relations.errors import (
    RatingsInvalid,
    RoundClosed,
    RoundInvalid,
)
from helhet.relations.models import (
    ITEMS,
    SCALE_MAX,
    SCALE_MIN,
    Frequency,
    Rating,
    RatingResponse,
    RatingRound,
    RoundOrganisation,
    RoundStatus,
)
from helhet.relations.policies import require_rater, require_round_runner
from helhet.relations.selectors import round_get
from helhet.tenancy.actor import Actor


@dataclass(frozen=True)
class RatingSpec:
    """One organisation's rating of another; an item left as None means "don't know"."""

    organisation_id: int
    frequency: int
    reliable: int | None = None
    supports_mission: int | None = None
    open_to_discussion: int | None = None
    influence: int | None = None
    involvement: int | None = None
    resources: int | None = None

    def items(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in ITEMS}


@transaction.atomic
def round_create(
    *, actor: Actor, network_id: int, title: str, opens_on: date, closes_on: date
) -> RatingRound:
    """Open a round for a network; its member organisations now are the round's."""
    require_observatory(actor)
    network = network_get(actor=actor, network_id=network_id)
    require_round_runner(actor, network)
    title = clean_text(title)
    if not title:
        raise RoundInvalid(N_("A rating round needs a title."), details={"field": "title"})
    if closes_on < opens_on:
        raise RoundInvalid(
            N_("The round must close on or after the day it opens."),
            details={"field": "closes_on"},
        )
    member_ids = list(
        NetworkMember.objects.filter(network=network)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
    )
    if len(member_ids) < 2:
        raise RoundInvalid(
            N_("A network needs at least two member organisations to rate each other."),
            details={"field": "network_id"},
        )
    rating_round = RatingRound(
        municipality_id=actor.municipality_id,
        network=network,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor.user,
    )
    rating_round.full_clean()
    rating_round.save()
    RoundOrganisation.objects.bulk_create(
        RoundOrganisation(
            municipality_id=actor.municipality_id, round=rating_round, organisation_id=org_id
        )
        for org_id in member_ids
    )
    change_record(
        actor=actor,
        action="relations.round.create",
        instance=rating_round,
        changes={"network": network.pk, "title": title, "organisations": member_ids},
    )
    return rating_round


@transaction.atomic
def round_close(*, actor: Actor, round_id: int) -> RatingRound:
    rating_round = round_get(actor=actor, round_id=round_id)
    require_round_runner(actor, rating_round.network)
    rating_round = RatingRound.objects.select_for_update().get(pk=rating_round.pk)
    if rating_round.status == RoundStatus.CLOSED:
        raise RoundClosed(N_("The rating round is closed already."))
    rating_round.status = RoundStatus.CLOSED
    rating_round.closed_at = timezone.now()
    rating_round.save(update_fields=["status", "closed_at"])
    change_record(
        actor=actor,
        action="relations.round.close",
        instance=rating_round,
        changes={"status": [RoundStatus.OPEN, RoundStatus.CLOSED]},
    )
    return rating_round


def _check_value(value: int | None, field: str, organisation_id: int) -> None:
    if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
        raise RatingsInvalid(
            N_("Answer each item from 1 to 4, or leave it blank if you don't know."),
            details={"field": field, "organisation_id": organisation_id},
        )


def _check_specs(specs: Sequence[RatingSpec], expected: set[int]) -> dict[int, RatingSpec]:
    by_org: dict[int, RatingSpec] = {}
    for spec in specs:
        if spec.organisation_id in by_org:
            raise RatingsInvalid(
                N_("Each organisation is rated once."),
                details={"organisation_id": spec.organisation_id},
            )
        if spec.organisation_id not in expected:
            raise RatingsInvalid(
                N_("Rate only the other organisations of the round."),
                details={"organisation_id": spec.organisation_id},
            )
        if spec.frequency not in Frequency.values:
            raise RatingsInvalid(
                N_("Say how often you work together with each organisation."),
                details={"field": "frequency", "organisation_id": spec.organisation_id},
            )
        for name, value in spec.items().items():
            _check_value(value, name, spec.organisation_id)
        by_org[spec.organisation_id] = spec
    missing = sorted(expected - set(by_org))
    if missing:
        raise RatingsInvalid(
            N_("Rate every other organisation of the round."),
            details={"missing": missing},
        )
    return by_org


@transaction.atomic
def ratings_submit(*, actor: Actor, round_id: int, ratings: Sequence[RatingSpec]) -> RatingResponse:
    """The actor's organisation rates every other organisation of the round. Sending again
    while the round is open replaces the organisation's earlier answer."""
    rating_round = round_get(actor=actor, round_id=round_id)
    require_rater(actor, rating_round)
    rating_round = RatingRound.objects.select_for_update().get(pk=rating_round.pk)
    if not rating_round.is_open:
        raise RoundClosed()
    others = set(
        RoundOrganisation.objects.filter(round=rating_round)
        .exclude(organisation_id=actor.organisation_id)
        .values_list("organisation_id", flat=True)
    )
    by_org = _check_specs(ratings, others)
    response, created = RatingResponse.objects.get_or_create(
        round=rating_round,
        organisation_id=actor.organisation_id,
        defaults={"municipality_id": actor.municipality_id, "submitted_by": actor.user},
    )
    if not created:
        response.ratings.all().delete()
        response.submitted_by = actor.user
        response.save(update_fields=["submitted_by", "updated_at"])
    Rating.objects.bulk_create(
        Rating(
            municipality_id=actor.municipality_id,
            round=rating_round,
            response=response,
            rater_id=actor.organisation_id,
            rated_id=org_id,
            frequency=spec.frequency,
            **spec.items(),
        )
        for org_id, spec in sorted(by_org.items())
    )
    change_record(
        actor=actor,
        action="relations.ratings.submit" if created else "relations.ratings.replace",
        instance=response,
        changes={"round": rating_round.pk, "rated": sorted(by_org)},
    )
    return response
