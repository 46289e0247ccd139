"""The respondent's side: open the questionnaire at a personal link, save answers to come
back to, submit once.

No login: the link's token is the key. It is looked up by its hash, works for one respondent
until they submit, and is refused once the round has closed. Saving or submitting answers
freezes the instrument, so the wording a respondent saw is the wording kept.

In an anonymous round, submitting moves the answers into ``AnonymousSubmission`` rows that
carry no invitation, user or time, marks the invitation ``answered`` (no time either) and
empties its draft; the change log names the round only. See docs/surveys.md, "Anonymity".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.surveys.errors import (
    AlreadyAnswered,
    InvitationNotFound,
    RoundClosed,
    RoundNotOpen,
    SurveyInvalid,
)
from helhet.surveys.models import (
    SCALE,
    AnonymousAnswer,
    AnonymousSubmission,
    Answer,
    Instrument,
    Invitation,
    Item,
    Round,
    Submission,
)
from helhet.surveys.rounds import token_hash
from helhet.surveys.selectors import CLOSED, PLANNED, round_state

# Tokens are token_urlsafe(24): 32 characters. Anything much longer is not a token.
MAX_TOKEN_LENGTH = 64


@dataclass(frozen=True)
class Questionnaire:
    invitation: Invitation
    round: Round
    items: list[Item]
    draft: dict[int, int]

    @property
    def answered(self) -> bool:
        return self.invitation.answered


def _invitation(token: str, *, for_update: bool = False) -> Invitation:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvitationNotFound()
    query = Invitation.objects.select_related("round", "round__instrument", "round__network")
    if for_update:
        query = query.select_for_update(of=("self",))
    found = query.filter(token_hash=token_hash(token)).first()
    if found is None:
        raise InvitationNotFound()
    return found


def _check_open(invitation: Invitation, now: datetime) -> None:
    if invitation.answered:
        raise AlreadyAnswered()
    state = round_state(invitation.round, today=timezone.localdate(now))
    if state == CLOSED:
        raise RoundClosed()
    if state == PLANNED:
        raise RoundNotOpen()


def _draft(invitation: Invitation) -> dict[int, int]:
    return {int(k): int(v) for k, v in (invitation.draft or {}).items()}


def questionnaire_open(*, token: str, now: datetime | None = None) -> Questionnaire:
    """The questionnaire behind a link, with the answers saved so far. An answered invitation
    opens to say so; a closed or not yet open round is refused."""
    invitation = _invitation(token)
    if not invitation.answered:
        _check_open(invitation, now or timezone.now())
    return Questionnaire(
        invitation=invitation,
        round=invitation.round,
        items=list(invitation.round.instrument.items.all()),
        draft=_draft(invitation),
    )


def _valid_answers(round: Round, answers: Mapping[int, int]) -> dict[int, int]:
    item_ids = set(round.instrument.items.values_list("id", flat=True))
    clean: dict[int, int] = {}
    for item_id, value in answers.items():
        if item_id not in item_ids:
            raise SurveyInvalid(N_("An answer refers to a statement not in this survey."))
        if value not in SCALE:
            raise SurveyInvalid(N_("Answer each statement from 1 to 5."))
        clean[item_id] = value
    return clean


def _freeze(instrument: Instrument, now: datetime) -> None:
    Instrument.objects.filter(pk=instrument.pk, frozen_at__isnull=True).update(frozen_at=now)


@transaction.atomic
def answers_save(
    *, token: str, answers: Mapping[int, int], now: datetime | None = None
) -> Invitation:
    """Keep the answers so far, to come back to with the same link. Not a change-log event:
    the draft is the respondent's own until it is submitted."""
    now = now or timezone.now()
    invitation = _invitation(token, for_update=True)
    _check_open(invitation, now)
    clean = _valid_answers(invitation.round, answers)
    invitation.draft = {str(k): v for k, v in sorted(clean.items())}
    invitation.save(update_fields=["draft"])
    if clean:
        _freeze(invitation.round.instrument, now)
    return invitation


@transaction.atomic
def answers_submit(*, token: str, answers: Mapping[int, int], now: datetime | None = None) -> None:
    """Submit the answers, once. Statements may be left unanswered, but not all of them."""
    now = now or timezone.now()
    invitation = _invitation(token, for_update=True)
    _check_open(invitation, now)
    round = invitation.round
    clean = _valid_answers(round, answers)
    if not clean:
        raise SurveyInvalid(N_("Answer at least one statement before you submit."))
    _freeze(round.instrument, now)
    if round.anonymous:
        anonymous = AnonymousSubmission.objects.create(
            municipality_id=round.municipality_id, round=round
        )
        AnonymousAnswer.objects.bulk_create(
            AnonymousAnswer(
                municipality_id=round.municipality_id,
                submission=anonymous,
                item_id=item_id,
                value=value,
            )
            for item_id, value in clean.items()
        )
        # Only the round is named: an entity id here would tie the row to this moment.
        change_record(
            actor=None,
            action="survey.answers_submit_anonymous",
            instance=round,
            municipality_id=round.municipality_id,
        )
    else:
        submission = Submission.objects.create(
            municipality_id=round.municipality_id,
            round=round,
            invitation=invitation,
            submitted_at=now,
        )
        Answer.objects.bulk_create(
            Answer(
                municipality_id=round.municipality_id,
                submission=submission,
                item_id=item_id,
                value=value,
            )
            for item_id, value in clean.items()
        )
        change_record(
            actor=None,
            action="survey.answers_submit",
            instance=submission,
            changes={"round": round.pk, "answers": len(clean)},
            municipality_id=round.municipality_id,
            user=invitation.user,
        )
    invitation.answered = True
    invitation.draft = {}
    invitation.save(update_fields=["answered", "draft"])
