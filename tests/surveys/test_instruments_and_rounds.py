"""Instruments (the default, copies, versions, statements, owners) and rounds (dates,
invitations of representatives, staff and addresses, new links, closing)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.core.errors import PermissionDenied
from helhet.observatory.constructs import Construct
from helhet.observatory.errors import NotObservatoryUser
from helhet.surveys import default_instrument, rounds, services
from helhet.surveys.errors import (
    InstrumentNotFound,
    NotInstrumentOwner,
    NotRoundOwner,
    RoundClosed,
    SurveyInvalid,
)
from helhet.surveys.models import Invitation
from helhet.tenancy.models import Role


def test_default_instrument_covers_the_five_constructs_in_both_languages(team):
    instrument = services.instrument_create_default(actor=team.researcher)
    items = list(instrument.items.all())
    assert len(items) == len(default_instrument.ITEMS) == 23
    per_construct = {c: [i for i in items if i.construct == c] for c in Construct.values}
    assert all(4 <= len(v) <= 5 for v in per_construct.values()), per_construct
    assert all(i.text_nb and i.text_en for i in items)
    assert 5 <= sum(i.reverse for i in items) <= 8
    assert [i.code for i in per_construct["governance"]] == ["GOV1", "GOV2", "GOV3", "GOV4", "GOV5"]
    assert [i.position for i in items] == list(range(1, 24))
    assert instrument.owner == team.researcher.user and instrument.version == 1
    # Loaded again, it is the next version of the same name.
    again = services.instrument_create_default(actor=team.lead)
    assert (again.name, again.version) == (default_instrument.NAME, 2)
    assert ChangeEvent.objects.filter(action="survey.instrument_create_default").count() == 2


def test_only_the_owner_edits_and_others_copy(team, small_instrument):
    with pytest.raises(NotInstrumentOwner):
        services.item_add(
            actor=team.lead, instrument_id=small_instrument.pk, construct="trust", text_nb="X"
        )
    mine = services.instrument_copy(
        actor=team.lead, instrument_id=small_instrument.pk, name="Lederens utgave"
    )
    assert (mine.version, mine.owner, mine.derived_from) == (1, team.lead.user, small_instrument)
    item = services.item_add(
        actor=team.lead,
        instrument_id=mine.pk,
        construct="leadership",
        text_nb="Noen driver arbeidet.",
        reverse=False,
    )
    assert item.code == "LEA1" and item.position == 4
    with pytest.raises(SurveyInvalid):
        services.instrument_copy(actor=team.lead, instrument_id=mine.pk, name="Liten")
    with pytest.raises(SurveyInvalid):
        services.instrument_create(actor=team.lead, name="Liten")


def test_statement_validation_and_moving_between_constructs(team, small_instrument):
    with pytest.raises(SurveyInvalid):
        services.item_add(
            actor=team.researcher, instrument_id=small_instrument.pk, construct="x", text_nb="T"
        )
    with pytest.raises(SurveyInvalid):
        services.item_add(
            actor=team.researcher, instrument_id=small_instrument.pk, construct="trust", text_nb=" "
        )
    gov2 = small_instrument.items.get(code="GOV2")
    moved = services.item_update(
        actor=team.researcher,
        item_id=gov2.pk,
        construct="trust",
        text_nb="Én part bestemmer alt.",
        reverse=True,
    )
    # The code follows the construct; the position stays.
    assert (moved.pk, moved.code, moved.position) == (gov2.pk, "TRU2", 2)
    services.item_remove(actor=team.researcher, item_id=moved.pk)
    assert list(small_instrument.items.values_list("code", flat=True)) == ["GOV1", "TRU1"]


def test_caseworkers_and_other_municipalities_are_kept_out(team, small_instrument, make_actor):
    with pytest.raises(NotObservatoryUser):
        services.instrument_create_default(actor=team.caseworker)
    from helhet.tenancy.services import membership_create, municipality_create, organisation_create

    elsewhere = municipality_create(actor=None, number="9903", name="Annenvik")
    org = organisation_create(
        actor=None, municipality=elsewhere, name="FoU Annenvik", kind="other", sector="public"
    )
    outsider = make_actor("vol", Role.RESEARCHER)
    membership = membership_create(
        actor=None, user=outsider.user, organisation=org, role=Role.RESEARCHER
    )
    from helhet.tenancy.actor import Actor

    foreign = Actor(user=outsider.user, membership=membership)
    with pytest.raises(InstrumentNotFound):
        services.instrument_copy(actor=foreign, instrument_id=small_instrument.pk)


def test_round_dates_network_and_instrument_are_checked(team, small_instrument, make_round):
    today = timezone.localdate()
    base = {
        "actor": team.researcher,
        "instrument_id": small_instrument.pk,
        "network_id": team.network.pk,
        "title": "Vår",
        "mode": "anonymous",
    }
    with pytest.raises(SurveyInvalid):
        rounds.round_create(**base, opens_on=today, closes_on=today - timedelta(days=1))
    with pytest.raises(SurveyInvalid):
        rounds.round_create(
            **base, opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=2)
        )
    with pytest.raises(SurveyInvalid):
        rounds.round_create(**{**base, "mode": "secret"}, opens_on=today, closes_on=today)
    with pytest.raises(SurveyInvalid):
        rounds.round_create(**{**base, "network_id": 10**9}, opens_on=today, closes_on=today)
    empty = services.instrument_create(actor=team.researcher, name="Tom")
    with pytest.raises(SurveyInvalid):
        rounds.round_create(**{**base, "instrument_id": empty.pk}, opens_on=today, closes_on=today)
    round = make_round(small_instrument)
    assert round.owner == team.researcher.user and round.closes_on == today + timedelta(days=14)


def test_invitations_go_to_representatives_staff_and_addresses_once(
    team, small_instrument, make_round, django_capture_on_commit_callbacks
):
    round = make_round(small_instrument)
    team.lead.user.email = "leder@example.org"
    team.lead.user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        links = rounds.invitations_create(
            actor=team.researcher,
            round_id=round.pk,
            representatives=True,
            user_ids=[team.lead.user.pk],
            emails=["Frivillig@Example.org", "frivillig@example.org", " "],
        )
    invited = {(i.invitation.user_id, i.invitation.email) for i in links}
    assert invited == {
        (team.cws_rep.user.pk, ""),
        (team.health_rep.user.pk, ""),
        (team.lead.user.pk, ""),
        (None, "frivillig@example.org"),
    }
    # The representative without a login is not invited (no address to send to).
    assert len({link.token for link in links}) == 4
    # Each link went by e-mail to the staff member's address or the given address; the
    # representatives have no address, so their links are for passing on by hand.
    sent = {m.to[0]: m.body for m in mail.outbox}
    assert set(sent) == {"leder@example.org", "frivillig@example.org"}
    by_address = {link.address: link for link in links}
    assert by_address["frivillig@example.org"].url in sent["frivillig@example.org"]
    assert by_address["leder@example.org"].url in sent["leder@example.org"]
    assert "without any link to you" in sent["leder@example.org"]  # an anonymous round
    assert all(link.url.split("/s/")[1].rstrip("/") == link.token for link in links)
    again = rounds.invitations_create(
        actor=team.researcher,
        round_id=round.pk,
        representatives=True,
        emails=["frivillig@example.org"],
        send_email=False,
    )
    assert again == [] and Invitation.objects.filter(round=round).count() == 4
    with pytest.raises(SurveyInvalid):
        rounds.invitations_create(actor=team.researcher, round_id=round.pk, emails=["nope"])
    with pytest.raises(SurveyInvalid):
        rounds.invitations_create(actor=team.researcher, round_id=round.pk, user_ids=[10**9])


def test_only_the_owner_runs_the_round(team, small_instrument, make_round):
    round = make_round(small_instrument)
    with pytest.raises(NotRoundOwner):
        rounds.invitations_create(actor=team.lead, round_id=round.pk, emails=["a@example.org"])
    with pytest.raises(PermissionDenied):
        rounds.round_close(actor=team.lead, round_id=round.pk)
    closed = rounds.round_close(actor=team.researcher, round_id=round.pk)
    assert closed.closed_at is not None
    with pytest.raises(RoundClosed):
        rounds.invitations_create(
            actor=team.researcher, round_id=round.pk, emails=["a@example.org"]
        )
