"""The personal link: hashed token, one respondent, resume until submitted, refused twice,
refused after close, unknown token 404; the instrument freezes once answers arrive."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helhet.surveys import answering, rounds, services
from helhet.surveys.errors import (
    AlreadyAnswered,
    InstrumentFrozen,
    InvitationNotFound,
    RoundClosed,
    RoundNotOpen,
    SurveyInvalid,
)
from helhet.surveys.models import Invitation, Item
from tests.plans.conftest import assert_safe_page
from tests.surveys.conftest import at


@pytest.fixture
def link(team, small_instrument, make_round):
    round = make_round(small_instrument, mode="named")
    (made,) = rounds.invitations_create(
        actor=team.researcher, round_id=round.pk, emails=["kari@example.org"], send_email=False
    )
    return made


def _codes(instrument) -> dict[str, int]:
    return dict(Item.objects.filter(instrument=instrument).values_list("code", "id"))


def test_token_is_stored_hashed_only(link):
    invitation = Invitation.objects.get(pk=link.invitation.pk)
    assert link.token not in repr(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.token_hash == hashlib.sha256(link.token.encode()).hexdigest()
    assert invitation.token_prefix == link.token[:8]
    assert link.url.endswith(f"/s/{link.token}/")


def test_link_opens_without_login_saves_a_draft_and_submits_once(link, small_instrument):
    codes = _codes(small_instrument)
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = assert_safe_page(c.get(f"/s/{link.token}/"))
    # One fieldset with a legend per statement, five radio buttons each; English wording.
    assert page.count('<fieldset class="ds-fieldset field"') == 3
    assert page.count("<legend") == 3 and page.count('type="radio"') == 15
    assert "It is clear who is responsible." in page
    assert "stored with your name" in page
    saved = c.post(f"/s/{link.token}/", {f"item-{codes['GOV1']}": "4", "action": "save"})
    assert saved.status_code == 302
    again = assert_safe_page(c.get(saved.url))
    assert f'name="item-{codes["GOV1"]}" value="4" checked' in again
    assert Invitation.objects.get(pk=link.invitation.pk).draft == {str(codes["GOV1"]): 4}
    done = c.post(
        f"/s/{link.token}/",
        {f"item-{codes['GOV1']}": "4", f"item-{codes['TRU1']}": "2", "action": "submit"},
    )
    assert "Your answers were submitted." in assert_safe_page(done)
    invitation = Invitation.objects.get(pk=link.invitation.pk)
    assert invitation.answered and invitation.draft == {}
    assert sorted(invitation.submission.answers.values_list("value", flat=True)) == [2, 4]
    # A second submission is refused, and the first answers stay as they were.
    second = c.post(f"/s/{link.token}/", {f"item-{codes['GOV1']}": "1", "action": "submit"})
    assert second.status_code == 409
    with pytest.raises(AlreadyAnswered):
        answering.answers_submit(token=link.token, answers={codes["GOV1"]: 1})
    assert sorted(invitation.submission.answers.values_list("value", flat=True)) == [2, 4]
    assert "already been submitted" in assert_safe_page(c.get(f"/s/{link.token}/"))


def test_unknown_or_replaced_token_is_404(team, link):
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert c.get("/s/not-a-real-token/").status_code == 404
    assert c.get("/s/" + "x" * 200 + "/").status_code == 404
    renewed = rounds.invitation_renew(
        actor=team.researcher, invitation_id=link.invitation.pk, send_email=False
    )
    assert c.get(f"/s/{link.token}/").status_code == 404
    assert c.get(f"/s/{renewed.token}/").status_code == 200


def test_link_refused_after_the_round_closes(team, link, small_instrument):
    codes = _codes(small_instrument)
    round = link.invitation.round
    later = timezone.now() + timedelta(days=15)
    with pytest.raises(RoundClosed):
        answering.answers_submit(token=link.token, answers={codes["GOV1"]: 3}, now=later)
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    closed = c.get(f"/s/{link.token}/")
    assert closed.status_code == 410 and "closed" in closed.content.decode()
    assert c.post(f"/s/{link.token}/", {"action": "submit"}).status_code == 410
    assert not Invitation.objects.get(pk=link.invitation.pk).answered


def test_link_refused_before_the_round_opens(team, small_instrument, make_round):
    today = timezone.localdate()
    round = make_round(
        small_instrument, opens_on=today + timedelta(days=3), closes_on=today + timedelta(days=9)
    )
    (made,) = rounds.invitations_create(
        actor=team.researcher, round_id=round.pk, emails=["a@example.org"], send_email=False
    )
    with pytest.raises(RoundNotOpen):
        answering.questionnaire_open(token=made.token)
    assert Client().get(f"/s/{made.token}/").status_code == 409


def test_answers_must_be_on_the_scale_and_in_the_survey(link, small_instrument):
    codes = _codes(small_instrument)
    with pytest.raises(SurveyInvalid):
        answering.answers_submit(token=link.token, answers={codes["GOV1"]: 6})
    with pytest.raises(SurveyInvalid):
        answering.answers_submit(token=link.token, answers={999_999: 3})
    with pytest.raises(SurveyInvalid):
        answering.answers_submit(token=link.token, answers={})
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    bad = c.post(f"/s/{link.token}/", {f"item-{codes['GOV1']}": "7", "action": "submit"})
    assert "Choose one of the five answers" in assert_safe_page(bad, 400)
    empty = c.post(f"/s/{link.token}/", {"action": "submit"})
    assert "at least one statement" in assert_safe_page(empty, 400)
    assert not Invitation.objects.get(pk=link.invitation.pk).answered


def test_instrument_freezes_once_a_round_has_answers(team, link, small_instrument):
    codes = _codes(small_instrument)
    services.item_add(
        actor=team.researcher,
        instrument_id=small_instrument.pk,
        construct="culture",
        text_nb="Vi forstår hverandre.",
    )
    answering.answers_save(
        token=link.token, answers={codes["GOV1"]: 4}, now=at(timezone.localdate())
    )
    small_instrument.refresh_from_db()
    assert small_instrument.frozen
    with pytest.raises(InstrumentFrozen):
        services.item_update(
            actor=team.researcher,
            item_id=codes["GOV1"],
            construct="governance",
            text_nb="Ny ordlyd",
        )
    with pytest.raises(InstrumentFrozen):
        services.item_remove(actor=team.researcher, item_id=codes["TRU1"])
    with pytest.raises(InstrumentFrozen):
        services.instrument_update(
            actor=team.researcher, instrument_id=small_instrument.pk, name="Annet navn"
        )
    # The way forward is a new version, editable again, with the same statements.
    copy = services.instrument_copy(actor=team.researcher, instrument_id=small_instrument.pk)
    assert (copy.name, copy.version, copy.frozen) == ("Liten", 2, False)
    assert list(copy.items.values_list("code", flat=True)) == ["GOV1", "GOV2", "TRU1", "CUL1"]
    services.item_update(
        actor=team.researcher,
        item_id=copy.items.get(code="GOV1").pk,
        construct="governance",
        text_nb="Ny ordlyd",
    )
    assert Item.objects.get(pk=codes["GOV1"]).text_nb == "Det er tydelig hvem som har ansvar."


def test_unknown_token_in_services_is_not_found(db):
    with pytest.raises(InvitationNotFound):
        answering.questionnaire_open(token="")
    with pytest.raises(InvitationNotFound):
        answering.answers_save(token="nope", answers={})
