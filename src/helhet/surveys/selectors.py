"""Reads for the survey's instruments, rounds and invitations (results are in ``results``).

Everything here is the observatory's: ``require_observatory`` first (403 for caseworkers),
then the actor's municipality (another municipality's instrument or round is a 404). Who was
invited, and who has answered, is shown to the round's owner only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from helhet.networks.models import Network
from helhet.networks.selectors import networks_for
from helhet.observatory.policies import require_observatory
from helhet.surveys.errors import InstrumentNotFound, ItemNotFound, RoundNotFound
from helhet.surveys.models import Instrument, Invitation, Item, Round
from helhet.surveys.policies import can_edit_instrument, can_manage_round
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User

PLANNED, OPEN, CLOSED = "planned", "open", "closed"


def instruments_for(actor: Actor) -> QuerySet[Instrument]:
    require_observatory(actor)
    return Instrument.objects.filter(municipality_id=actor.municipality_id)


def rounds_for(actor: Actor) -> QuerySet[Round]:
    require_observatory(actor)
    return Round.objects.filter(municipality_id=actor.municipality_id)


def instrument_list(*, actor: Actor) -> list[Instrument]:
    return list(
        instruments_for(actor)
        .select_related("owner")
        .annotate(
            item_count=Count("items", distinct=True), round_count=Count("rounds", distinct=True)
        )
    )


def instrument_get(*, actor: Actor, instrument_id: int) -> Instrument:
    found = instruments_for(actor).select_related("owner").filter(pk=instrument_id).first()
    if found is None:
        raise InstrumentNotFound()
    return found


@dataclass(frozen=True)
class InstrumentView:
    instrument: Instrument
    items: list[Item]
    rounds: list[Round]
    can_edit: bool


def instrument_detail(*, actor: Actor, instrument_id: int) -> InstrumentView:
    instrument = instrument_get(actor=actor, instrument_id=instrument_id)
    return InstrumentView(
        instrument=instrument,
        items=list(instrument.items.all()),
        rounds=list(instrument.rounds.select_related("network")),
        can_edit=can_edit_instrument(actor, instrument),
    )


def item_get(*, actor: Actor, item_id: int) -> Item:
    require_observatory(actor)
    found = (
        Item.objects.filter(pk=item_id, municipality_id=actor.municipality_id)
        .select_related("instrument")
        .first()
    )
    if found is None:
        raise ItemNotFound()
    return found


def round_closed_on(round: Round) -> date:
    """The day a round closed or closes: its closing day, or the day it was closed early."""
    if round.closed_at is not None:
        return min(round.closes_on, timezone.localdate(round.closed_at))
    return round.closes_on


def round_state(round: Round, *, today: date | None = None) -> str:
    """ "planned" before the opening day, "open" from it to the closing day (both included)
    unless closed early, "closed" after."""
    today = today or timezone.localdate()
    if round.closed_at is not None or today > round.closes_on:
        return CLOSED
    if today < round.opens_on:
        return PLANNED
    return OPEN


def round_get(*, actor: Actor, round_id: int) -> Round:
    found = (
        rounds_for(actor)
        .select_related("instrument", "network", "owner")
        .filter(pk=round_id)
        .first()
    )
    if found is None:
        raise RoundNotFound()
    return found


def round_list(*, actor: Actor, network_id: int | None = None) -> list[Round]:
    """The municipality's rounds, latest closing first, with how many were invited and how
    many have answered."""
    rounds = rounds_for(actor).select_related("instrument", "network", "owner")
    if network_id is not None:
        rounds = rounds.filter(network_id=network_id)
    return list(
        rounds.annotate(
            invited=Count("invitations", distinct=True),
            answered_count=Count(
                "invitations", filter=Q(invitations__answered=True), distinct=True
            ),
        )
    )


@dataclass(frozen=True)
class RoundView:
    round: Round
    state: str
    closed_on: date
    invited: int
    answered: int
    is_owner: bool
    # Only for the owner: who was invited and whether they have answered.
    invitations: list[Invitation]

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None

    @property
    def response_percent(self) -> int | None:
        rate = self.response_rate
        return round(rate * 100) if rate is not None else None


def round_detail(*, actor: Actor, round_id: int, today: date | None = None) -> RoundView:
    round = round_get(actor=actor, round_id=round_id)
    counts = Invitation.objects.filter(round=round).aggregate(
        invited=Count("id"), answered=Count("id", filter=Q(answered=True))
    )
    is_owner = can_manage_round(actor, round)
    return RoundView(
        round=round,
        state=round_state(round, today=today),
        closed_on=round_closed_on(round),
        invited=counts["invited"],
        answered=counts["answered"],
        is_owner=is_owner,
        invitations=list(
            Invitation.objects.filter(round=round)
            .select_related("user")
            .only("id", "round_id", "user", "email", "name", "answered", "token_prefix")
        )
        if is_owner
        else [],
    )


def invitable_staff(*, actor: Actor) -> QuerySet[User]:
    """Staff with an active membership in the actor's municipality (who may be invited)."""
    return (
        User.objects.filter(
            memberships__municipality_id=actor.municipality_id,
            memberships__active=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def survey_networks(*, actor: Actor) -> QuerySet[Network]:
    require_observatory(actor)
    return networks_for(actor).order_by("name", "id")
