"""Anonymity: an anonymous answer has no way back to its invitation or respondent (the schema
and the rows say so), results are withheld below the minimum and while the round is open, and
a named round's respondents are seen by its owner only."""

from __future__ import annotations

import pytest
from django.db import connection, models

from helhet.audit.models import ChangeEvent
from helhet.surveys import results, rounds
from helhet.surveys.errors import ResultsWithheld
from helhet.surveys.models import (
    AnonymousAnswer,
    AnonymousSubmission,
    Invitation,
    Submission,
)
from helhet.surveys.results import WITHHELD_OPEN, WITHHELD_TOO_FEW
from helhet.surveys.scoring import MIN_RESPONDENTS

SHEETS = [
    {"GOV1": 4, "GOV2": 2, "TRU1": 3},
    {"GOV1": 5, "GOV2": 1, "TRU1": 4},
    {"GOV1": 3, "GOV2": 3, "TRU1": 2},
    {"GOV1": 2, "GOV2": 4, "TRU1": 5},
]


@pytest.mark.parametrize("model", [AnonymousSubmission, AnonymousAnswer])
def test_anonymous_tables_have_no_link_to_invitation_user_or_time(db, model):
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related not in {Invitation, Submission}, field
        assert related is None or related._meta.label not in {"tenancy.User"}, field
        assert not isinstance(field, models.DateTimeField | models.DateField), field
    # Random keys, not counters: the order of keys is not the order of submission.
    assert isinstance(model._meta.pk, models.UUIDField)
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), model._meta.db_table
        )
    }
    assert not columns & {"invitation_id", "user_id", "created_at", "submitted_at"}, columns


def test_invitation_keeps_no_time_of_answering():
    names = {f.name for f in Invitation._meta.get_fields()}
    assert "answered" in names
    assert not {n for n in names if n.endswith("_at")} - {"created_at"}


def test_anonymous_rows_carry_nothing_of_the_invitation(
    team, small_instrument, make_round, answered
):
    round = make_round(small_instrument, mode="anonymous")
    tokens = answered(round, SHEETS)
    invitations = list(Invitation.objects.filter(round=round))
    assert all(i.answered and i.draft == {} for i in invitations)
    assert not Submission.objects.filter(round=round).exists()
    rows = list(AnonymousSubmission.objects.filter(round=round).values())
    assert len(rows) == len(SHEETS)
    invitation_values = {str(i.pk) for i in invitations} | {i.token_hash for i in invitations}
    invitation_values |= set(tokens)
    for row in rows:
        assert set(row) == {"id", "municipality_id", "round_id"}
        assert str(row["id"]) not in invitation_values
    # The change log names the round, never the invitation or the submission.
    events = ChangeEvent.objects.filter(action="survey.answers_submit_anonymous")
    assert events.count() == len(SHEETS)
    assert set(events.values_list("entity", "entity_id")) == {("surveys.Round", str(round.pk))}
    assert set(events.values_list("user_id", flat=True)) == {None}


def test_anonymous_results_wait_for_the_close_and_the_minimum(
    team, small_instrument, make_round, answered
):
    round = make_round(small_instrument, mode="anonymous")
    answered(round, SHEETS[: MIN_RESPONDENTS - 1])
    found = results.round_results(actor=team.researcher, round_id=round.pk)
    assert found.withheld == WITHHELD_OPEN and found.constructs == [] and found.items == []
    assert found.respondents == MIN_RESPONDENTS - 1  # the count itself is shown
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    found = results.round_results(actor=team.researcher, round_id=round.pk)
    # Even the owner sees nothing below the minimum.
    assert found.withheld == WITHHELD_TOO_FEW and found.answers == []
    with pytest.raises(ResultsWithheld):
        results.round_results_or_withheld(actor=team.researcher, round_id=round.pk)


def test_anonymous_results_from_the_minimum_once_closed(
    team, small_instrument, make_round, answered
):
    round = make_round(small_instrument, mode="anonymous")
    answered(round, SHEETS[:MIN_RESPONDENTS])
    rounds.round_close(actor=team.researcher, round_id=round.pk)
    found = results.round_results(actor=team.researcher, round_id=round.pk)
    assert found.withheld is None and found.respondents == MIN_RESPONDENTS
    assert found.named == [] and all(r.who == "" for r in found.answers)


def test_named_round_shows_respondents_to_its_owner_only(
    team, small_instrument, make_round, answered
):
    round = make_round(small_instrument, mode="named")
    answered(round, SHEETS[:2])
    owner = results.round_results(actor=team.researcher, round_id=round.pk)
    assert owner.withheld is None
    assert {r.who for r in owner.named} == {
        f"respondent0.{round.pk}@example.org",
        f"respondent1.{round.pk}@example.org",
    }
    other = results.round_results(actor=team.lead, round_id=round.pk)
    assert other.withheld == WITHHELD_TOO_FEW and other.named == []
    answered(round, SHEETS[2:3])
    other = results.round_results(actor=team.lead, round_id=round.pk)
    assert other.withheld is None and other.named == []
    assert all(r.who == "" for r in other.answers)
