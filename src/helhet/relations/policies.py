"""Who does what with rating rounds.

* Running a round (opening, closing) is for observatory users who are researchers or
  administrators of the municipality, or who may edit the network (managers, coordinators and
  administrators of its lead organisation or of a sponsoring or leading member).
* Answering is for the organisation, through a manager or coordinator of a member
  organisation of the round, or through a member of staff named as the organisation's
  representative in the network (of any role: the network chose them).
* The analyses (metrics, map, stated vs operational) are for observatory users.
"""

from __future__ import annotations

from helhet.networks.models import Network, Representative
from helhet.networks.policies import can_edit_network
from helhet.observatory.policies import can_use_observatory
from helhet.relations.errors import NotRater, NotRoundRunner
from helhet.relations.models import RatingRound, RoundOrganisation
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

RUNNER_ROLES = frozenset({Role.RESEARCHER, Role.ADMINISTRATOR})
RATER_ROLES = frozenset({Role.MANAGER, Role.COORDINATOR})


def can_run_rounds(actor: Actor, network: Network) -> bool:
    if not can_use_observatory(actor) or network.municipality_id != actor.municipality_id:
        return False
    return actor.role in RUNNER_ROLES or can_edit_network(actor, network)


def require_round_runner(actor: Actor, network: Network) -> None:
    if not can_run_rounds(actor, network):
        raise NotRoundRunner()


def _named_representative(actor: Actor, network_id: int) -> bool:
    return Representative.objects.filter(
        member__network_id=network_id,
        member__organisation_id=actor.organisation_id,
        user_id=actor.user.pk,
    ).exists()


def can_rate(actor: Actor, rating_round: RatingRound) -> bool:
    if rating_round.municipality_id != actor.municipality_id:
        return False
    takes_part = RoundOrganisation.objects.filter(
        round=rating_round, organisation_id=actor.organisation_id
    ).exists()
    if not takes_part:
        return False
    return actor.role in RATER_ROLES or _named_representative(actor, rating_round.network_id)


def require_rater(actor: Actor, rating_round: RatingRound) -> None:
    if not can_rate(actor, rating_round):
        raise NotRater()
