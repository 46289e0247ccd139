"""Who changes what in the collaboration survey. Every observatory user of the municipality
reads its instruments, rounds and results (``selectors``, ``results``).

* An instrument is edited by its owner, or by anyone in the observatory once the owner has
  left; a frozen instrument (one with answers in a round) by nobody.
* A round is run by its owner: inviting, renewing links, closing, and seeing who answered what.
"""

from __future__ import annotations

from helhet.surveys.errors import InstrumentFrozen, NotInstrumentOwner, NotRoundOwner
from helhet.surveys.models import Instrument, Round
from helhet.tenancy.actor import Actor


def can_edit_instrument(actor: Actor, instrument: Instrument) -> bool:
    return not instrument.frozen and instrument.owner_id in (None, actor.user.pk)


def require_instrument_editor(actor: Actor, instrument: Instrument) -> None:
    """A frozen instrument is refused as such (400), before whose it is (403)."""
    if instrument.frozen:
        raise InstrumentFrozen()
    if not can_edit_instrument(actor, instrument):
        raise NotInstrumentOwner()


def can_manage_round(actor: Actor, round: Round) -> bool:
    return round.owner_id == actor.user.pk


def require_round_manager(actor: Actor, round: Round) -> None:
    if not can_manage_round(actor, round):
        raise NotRoundOwner()
