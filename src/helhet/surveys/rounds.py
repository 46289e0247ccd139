"""Writes for survey rounds and their invitations.

* Observatory users create rounds in their municipality; a round is run by its owner:
  invitations, new links, closing early. Caseworkers get a 403, other municipalities a 404.
* A personal link carries a random token; only its SHA-256 hash is stored (as for API
  tokens). The link is e-mailed after the transaction commits; links for invitees without an
  address are handed back once, to be passed on by hand.

Every write records a change-log row in its transaction.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.networks.models import Representative
from helhet.observatory.policies import require_observatory
from helhet.surveys.errors import (
    InvitationNotFound,
    RoundClosed,
    SurveyInvalid,
)
from helhet.surveys.models import Invitation, Round, RoundMode
from helhet.surveys.policies import require_round_manager
from helhet.surveys.selectors import (
    CLOSED,
    instrument_get,
    invitable_staff,
    round_get,
    round_state,
    survey_networks,
)
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User

logger = logging.getLogger(__name__)

MAX_INVITATIONS_AT_ONCE = 500


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _round_for_owner(actor: Actor, round_id: int) -> Round:
    round = round_get(actor=actor, round_id=round_id)
    require_round_manager(actor, round)
    return (
        Round.objects.select_for_update().select_related("instrument", "network").get(pk=round.pk)
    )


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    instrument_id: int,
    network_id: int,
    title: str,
    opens_on: date,
    closes_on: date,
    mode: str,
    today: date | None = None,
) -> Round:
    """A round of the instrument for one network, owned by the actor. ``today`` is for the
    demo loader and tests, which build rounds of the past."""
    require_observatory(actor)
    instrument = instrument_get(actor=actor, instrument_id=instrument_id)
    network = survey_networks(actor=actor).filter(pk=network_id).first()
    if network is None:
        raise SurveyInvalid(N_("The network does not exist."), details={"field": "network_id"})
    if mode not in RoundMode.values:
        raise SurveyInvalid(N_("Unknown mode."), details={"field": "mode"})
    title = clean_text(title)
    if not title or len(title) > 200:
        raise SurveyInvalid(
            N_("A round needs a title of at most 200 characters."), details={"field": "title"}
        )
    if closes_on < opens_on:
        raise SurveyInvalid(
            N_("The round cannot close before it opens."), details={"field": "closes_on"}
        )
    if closes_on < (today or timezone.localdate()):
        raise SurveyInvalid(
            N_("The closing day has passed; nobody could answer."), details={"field": "closes_on"}
        )
    if not instrument.items.exists():
        raise SurveyInvalid(
            N_("The instrument has no statements yet."), details={"field": "instrument_id"}
        )
    round = Round(
        municipality_id=actor.municipality_id,
        instrument=instrument,
        network=network,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        mode=mode,
        owner=actor.user,
    )
    round.full_clean()
    round.save()
    change_record(
        actor=actor,
        action="survey.round_create",
        instance=round,
        changes={
            "title": title,
            "instrument": instrument.pk,
            "network": network.pk,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "mode": mode,
        },
    )
    return round


@transaction.atomic
def round_close(*, actor: Actor, round_id: int, now: datetime | None = None) -> Round:
    """Close the round early: the links stop working at once."""
    round = _round_for_owner(actor, round_id)
    if round.closed_at is None:
        round.closed_at = now or timezone.now()
        round.save(update_fields=["closed_at"])
        change_record(
            actor=actor,
            action="survey.round_close",
            instance=round,
            changes={"closed_at": round.closed_at},
        )
    return round


@dataclass(frozen=True)
class InvitationLink:
    invitation: Invitation
    token: str
    url: str

    @property
    def address(self) -> str:
        return (self.invitation.user.email if self.invitation.user else "") or self.invitation.email


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


def respond_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('web:survey_respond', args=[token])}"


def _send_link(round: Round, address: str, url: str) -> None:
    try:
        send_mail(
            subject=_("[Helhet] Invitation to a survey: %(title)s") % {"title": round.title},
            message=_(
                'You are invited to answer the collaboration survey "%(title)s" for '
                "%(network)s. It is open until %(closes)s.\n\n%(mode)s\n\nYour personal link "
                "(do not pass it on):\n%(url)s"
            )
            % {
                "title": round.title,
                "network": round.network.name,
                "closes": round.closes_on.isoformat(),
                "mode": _("Your answers are stored without any link to you.")
                if round.anonymous
                else _("Your answers are stored with your name; only the round's owner sees them."),
                "url": url,
            },
            from_email=None,
            recipient_list=[address],
        )
    except OSError:
        # The invitation stands and the owner can send a new link; say so loudly.
        logger.exception("survey invitation mail failed", extra={"round": round.pk})


def _deliver(round: Round, links: list[InvitationLink], send_email: bool) -> None:
    if not send_email:
        return
    for link in links:
        if link.address:
            transaction.on_commit(partial(_send_link, round, link.address, link.url))


def _normalised_emails(emails: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for raw in emails:
        address = clean_text(raw).lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise SurveyInvalid(
                N_("One of the e-mail addresses is not valid."),
                details={"field": "emails", "address": address[:200]},
            ) from None
        if address not in seen:
            seen.append(address)
    return seen


@transaction.atomic
def invitations_create(
    *,
    actor: Actor,
    round_id: int,
    representatives: bool = False,
    user_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    send_email: bool = True,
    today: date | None = None,
) -> list[InvitationLink]:
    """Invite the representatives of the network's member organisations who are staff users
    (``representatives``), chosen staff of the municipality, and people by e-mail address.
    Whoever is invited already is skipped. Returns the new links (shown once). ``today`` is
    for the demo loader and tests."""
    round = _round_for_owner(actor, round_id)
    if round_state(round, today=today) == CLOSED:
        raise RoundClosed()
    wanted_users = set(user_ids)
    if representatives:
        wanted_users |= set(
            Representative.objects.filter(
                member__network_id=round.network_id, user__isnull=False
            ).values_list("user_id", flat=True)
        )
    addresses = _normalised_emails(emails)
    if len(wanted_users) + len(addresses) > MAX_INVITATIONS_AT_ONCE:
        raise SurveyInvalid(N_("Invite at most 500 people at a time."))
    staff = {u.pk: u for u in invitable_staff(actor=actor).filter(pk__in=wanted_users)}
    unknown = wanted_users - set(staff)
    if unknown and set(user_ids) & unknown:
        raise SurveyInvalid(
            N_("Invite only active staff of your municipality."), details={"field": "user_ids"}
        )
    invited_users = set(
        Invitation.objects.filter(round=round, user__isnull=False).values_list("user_id", flat=True)
    )
    invited_emails = set(
        Invitation.objects.filter(round=round).exclude(email="").values_list("email", flat=True)
    )
    links: list[InvitationLink] = []
    for user in staff.values():
        if user.pk in invited_users:
            continue
        links.append(_invite(round, user=user, email=""))
    for address in addresses:
        if address in invited_emails:
            continue
        links.append(_invite(round, user=None, email=address))
    change_record(
        actor=actor,
        action="survey.invitations_create",
        instance=round,
        changes={"invited": len(links), "representatives": representatives},
    )
    _deliver(round, links, send_email)
    return links


def _invite(round: Round, *, user: User | None, email: str) -> InvitationLink:
    token, hashed = _new_token()
    invitation = Invitation(
        municipality_id=round.municipality_id,
        round=round,
        user=user,
        name=(user.get_full_name() or user.get_username())[:200] if user else "",
        email=email,
        token_hash=hashed,
        token_prefix=token[:8],
    )
    invitation.full_clean()
    invitation.save()
    return InvitationLink(invitation=invitation, token=token, url=respond_url(token))


@transaction.atomic
def invitation_renew(
    *, actor: Actor, invitation_id: int, send_email: bool = True
) -> InvitationLink:
    """A new personal link for an invitation not yet answered; the old link stops working."""
    require_observatory(actor)
    invitation = (
        Invitation.objects.filter(pk=invitation_id, municipality_id=actor.municipality_id)
        .select_related("user")
        .first()
    )
    if invitation is None:
        raise InvitationNotFound()
    round = _round_for_owner(actor, invitation.round_id)
    if round_state(round) == CLOSED:
        raise RoundClosed()
    if invitation.answered:
        raise SurveyInvalid(N_("This invitation has been answered; its link is used up."))
    token, hashed = _new_token()
    invitation.token_hash, invitation.token_prefix = hashed, token[:8]
    invitation.save(update_fields=["token_hash", "token_prefix"])
    change_record(actor=actor, action="survey.invitation_renew", instance=invitation)
    link = InvitationLink(invitation=invitation, token=token, url=respond_url(token))
    _deliver(round, [link], send_email)
    return link
