"""Who may do what with an agreement.

Managers and administrators of a party edit it (and draft new ones); a manager of a party
signs the latest version for their organisation, once. The pages offer only what these
allow, and the services check them again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import AgreementNotYours
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

EDITOR_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)


def can_draft_agreements(actor: Actor) -> bool:
    """Drafting is offered to managers and administrators; whether they may draft a given
    agreement depends on the parties ticked (their own organisation must be one)."""
    return actor.role in EDITOR_ROLES


def require_drafter(actor: Actor) -> None:
    if not can_draft_agreements(actor):
        raise AgreementNotYours()


def can_edit_agreement(actor: Actor, party_ids: Iterable[int]) -> bool:
    return actor.role in EDITOR_ROLES and actor.organisation_id in set(party_ids)


def require_agreement_editor(actor: Actor, party_ids: Iterable[int]) -> None:
    if not can_edit_agreement(actor, party_ids):
        raise AgreementNotYours()


def can_sign(actor: Actor, party_ids: Iterable[int], signed: Collection[int] = ()) -> bool:
    """A manager of a party signs for it; with ``signed`` (the organisations that have signed
    the latest version), only while their own has not."""
    return (
        actor.role == Role.MANAGER
        and actor.organisation_id in set(party_ids)
        and actor.organisation_id not in signed
    )


def require_signatory(actor: Actor, party_ids: Iterable[int]) -> None:
    if not can_sign(actor, party_ids):
        raise AgreementNotYours(N_("Only a manager of a party can sign for it."))
