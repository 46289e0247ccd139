"""The collaboration health survey over HTTP: instruments and statements, rounds,
invitations, results, exports (JSON), and comparisons over time and between networks.

The respondent's side (the personal link) is web-only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from helhet.core.api import ObjectId, actor_of
from helhet.surveys import policies, results, rounds, selectors, services
from helhet.surveys.models import Instrument, Item, Round
from helhet.surveys.results import Change, RoundResults
from helhet.surveys.rounds import InvitationLink
from helhet.surveys.schemas import (
    SurveyComparisonOut,
    SurveyComparisonQuery,
    SurveyExportOut,
    SurveyInstrumentCopyIn,
    SurveyInstrumentIn,
    SurveyInstrumentOut,
    SurveyInstrumentSummaryOut,
    SurveyInvitationCreatedOut,
    SurveyInvitationsIn,
    SurveyItemIn,
    SurveyItemOut,
    SurveyResultsOut,
    SurveyRoundIn,
    SurveyRoundOut,
    SurveyRoundsQuery,
    SurveyRoundSummaryOut,
    SurveyTrendOut,
)
from helhet.surveys.scoring import Interval
from helhet.tenancy.actor import Actor

router = Router(tags=["surveys"])


def _statement(payload: SurveyItemIn) -> dict[str, Any]:
    return {
        "construct": payload.grid_construct,
        "text_nb": payload.text_nb,
        "text_en": payload.text_en,
        "reverse": payload.reverse,
    }


def _instrument(i: Instrument) -> dict[str, object]:
    return {
        "id": i.pk,
        "name": i.name,
        "version": i.version,
        "description": i.description,
        "frozen": i.frozen,
        "derived_from_id": i.derived_from_id,
        "owner_id": i.owner_id,
    }


def _item(i: Item) -> dict[str, object]:
    return {
        "id": i.pk,
        "code": i.code,
        "grid_construct": i.construct,
        "position": i.position,
        "text_nb": i.text_nb,
        "text_en": i.text_en,
        "reverse": i.reverse,
    }


def _round(r: Round) -> dict[str, object]:
    return {
        "id": r.pk,
        "title": r.title,
        "network_id": r.network_id,
        "network": r.network.name,
        "instrument_id": r.instrument_id,
        "mode": r.mode,
        "opens_on": r.opens_on,
        "closes_on": r.closes_on,
        "closed_on": selectors.round_closed_on(r),
        "state": selectors.round_state(r),
        "owner_id": r.owner_id,
    }


def _interval(i: Interval | None) -> dict[str, float] | None:
    return {"low": i.low, "high": i.high} if i else None


def _results(r: RoundResults) -> dict[str, object]:
    return {
        "round": _round(r.round),
        "invited": r.invited,
        "respondents": r.respondents,
        "response_rate": r.response_rate,
        "withheld": r.withheld,
        "minimum": r.minimum,
        "constructs": [
            {
                "grid_construct": c.construct,
                "label": c.label,
                "n": c.n,
                "mean": c.mean,
                "interval": _interval(c.interval),
                "band": c.band.value if c.band else None,
                "band_certain": c.band_certain,
                "histogram": [
                    {"low": b.low, "high": b.high, "count": b.count} for b in c.histogram
                ],
            }
            for c in r.constructs
        ],
        "items": [
            {
                "item_id": i.item.pk,
                "code": i.item.code,
                "grid_construct": i.item.construct,
                "reverse": i.item.reverse,
                "n": i.n,
                "counts": i.counts,
                "mean": i.mean,
            }
            for i in r.items
        ],
    }


def _change(c: Change) -> dict[str, object]:
    return {
        "grid_construct": c.construct,
        "label": c.label,
        "difference": c.difference,
        "interval": _interval(c.interval),
        "clear": c.clear,
    }


def _created(link: InvitationLink) -> dict[str, object]:
    i = link.invitation
    return {
        "id": i.pk,
        "user_id": i.user_id,
        "name": i.name,
        "email": i.email,
        "answered": i.answered,
        "emailed": bool(link.address),
        "link": None if link.address else link.url,
    }


@router.get("/surveys/instruments", response=list[SurveyInstrumentSummaryOut])
def survey_instrument_list(request: HttpRequest) -> object:
    return [_instrument(i) for i in selectors.instrument_list(actor=actor_of(request))]


@router.post("/surveys/instruments", response={201: SurveyInstrumentOut})
def survey_instrument_create(request: HttpRequest, payload: SurveyInstrumentIn) -> Status[object]:
    actor = actor_of(request)
    instrument = services.instrument_create(actor=actor, **payload.dict())
    return Status(201, _instrument_out(actor, instrument.pk))


@router.post(
    "/surveys/instruments/default",
    response={201: SurveyInstrumentOut},
    summary="Copy Helhet's default instrument into your municipality",
)
def survey_instrument_create_default(request: HttpRequest) -> Status[object]:
    actor = actor_of(request)
    instrument = services.instrument_create_default(actor=actor)
    return Status(201, _instrument_out(actor, instrument.pk))


def _instrument_out(actor: Actor, instrument_id: int) -> dict[str, object]:
    view = selectors.instrument_detail(actor=actor, instrument_id=instrument_id)
    return {
        **_instrument(view.instrument),
        "can_edit": view.can_edit,
        "items": [_item(i) for i in view.items],
    }


@router.get("/surveys/instruments/{instrument_id}", response=SurveyInstrumentOut)
def survey_instrument_detail(request: HttpRequest, instrument_id: ObjectId) -> object:
    return _instrument_out(actor_of(request), instrument_id)


@router.put("/surveys/instruments/{instrument_id}", response=SurveyInstrumentOut)
def survey_instrument_update(
    request: HttpRequest, instrument_id: ObjectId, payload: SurveyInstrumentIn
) -> object:
    actor = actor_of(request)
    services.instrument_update(actor=actor, instrument_id=instrument_id, **payload.dict())
    return _instrument_out(actor, instrument_id)


@router.post(
    "/surveys/instruments/{instrument_id}/copy",
    response={201: SurveyInstrumentOut},
    summary="Copy an instrument: a new version, or a new instrument under another name",
)
def survey_instrument_copy(
    request: HttpRequest, instrument_id: ObjectId, payload: SurveyInstrumentCopyIn
) -> Status[object]:
    actor = actor_of(request)
    copy = services.instrument_copy(actor=actor, instrument_id=instrument_id, name=payload.name)
    return Status(201, _instrument_out(actor, copy.pk))


@router.post("/surveys/instruments/{instrument_id}/items", response={201: SurveyItemOut})
def survey_item_add(
    request: HttpRequest, instrument_id: ObjectId, payload: SurveyItemIn
) -> Status[object]:
    item = services.item_add(
        actor=actor_of(request), instrument_id=instrument_id, **_statement(payload)
    )
    return Status(201, _item(item))


@router.put("/surveys/items/{item_id}", response=SurveyItemOut)
def survey_item_update(request: HttpRequest, item_id: ObjectId, payload: SurveyItemIn) -> object:
    return _item(
        services.item_update(actor=actor_of(request), item_id=item_id, **_statement(payload))
    )


@router.delete("/surveys/items/{item_id}", response={204: None})
def survey_item_remove(request: HttpRequest, item_id: ObjectId) -> Status[None]:
    services.item_remove(actor=actor_of(request), item_id=item_id)
    return Status(204, None)


@router.get("/surveys/rounds", response=list[SurveyRoundSummaryOut])
def survey_round_list(request: HttpRequest, query: Query[SurveyRoundsQuery]) -> object:
    found = selectors.round_list(actor=actor_of(request), network_id=query.network_id)
    return [_round(r) for r in found]


def _round_out(actor: Actor, round_id: int) -> dict[str, object]:
    view = selectors.round_detail(actor=actor, round_id=round_id)
    return {
        **_round(view.round),
        "invited": view.invited,
        "answered": view.answered,
        "response_rate": view.response_rate,
        "is_owner": view.is_owner,
        "invitations": [
            {
                "id": i.pk,
                "user_id": i.user_id,
                "name": i.name,
                "email": i.email,
                "answered": i.answered,
            }
            for i in view.invitations
        ],
    }


@router.post("/surveys/rounds", response={201: SurveyRoundOut})
def survey_round_create(request: HttpRequest, payload: SurveyRoundIn) -> Status[object]:
    actor = actor_of(request)
    round = rounds.round_create(actor=actor, **payload.dict())
    return Status(201, _round_out(actor, round.pk))


@router.get("/surveys/rounds/{round_id}", response=SurveyRoundOut)
def survey_round_detail(request: HttpRequest, round_id: ObjectId) -> object:
    return _round_out(actor_of(request), round_id)


@router.post("/surveys/rounds/{round_id}/close", response=SurveyRoundOut)
def survey_round_close(request: HttpRequest, round_id: ObjectId) -> object:
    actor = actor_of(request)
    rounds.round_close(actor=actor, round_id=round_id)
    return _round_out(actor, round_id)


@router.post(
    "/surveys/rounds/{round_id}/invitations",
    response={201: list[SurveyInvitationCreatedOut]},
    summary="Invite representatives, staff and e-mail addresses; links are e-mailed",
)
def survey_invitations_create(
    request: HttpRequest, round_id: ObjectId, payload: SurveyInvitationsIn
) -> Status[object]:
    links = rounds.invitations_create(actor=actor_of(request), round_id=round_id, **payload.dict())
    return Status(201, [_created(link) for link in links])


@router.post("/surveys/invitations/{invitation_id}/renew", response=SurveyInvitationCreatedOut)
def survey_invitation_renew(request: HttpRequest, invitation_id: ObjectId) -> object:
    link = rounds.invitation_renew(actor=actor_of(request), invitation_id=invitation_id)
    return _created(link)


@router.get("/surveys/rounds/{round_id}/results", response=SurveyResultsOut)
def survey_round_results(request: HttpRequest, round_id: ObjectId) -> object:
    return _results(results.round_results(actor=actor_of(request), round_id=round_id))


@router.get(
    "/surveys/rounds/{round_id}/export",
    response=SurveyExportOut,
    summary="Scores and (for the round's owner) the answers; withheld results are a 409",
)
def survey_round_export(request: HttpRequest, round_id: ObjectId) -> object:
    actor = actor_of(request)
    found = results.round_results_or_withheld(actor=actor, round_id=round_id)
    answers = None
    if policies.can_manage_round(actor, found.round):
        codes = {i.item.pk: i.item.code for i in found.items}
        answers = [
            {
                "respondent": r.who or None,
                "submitted_at": r.submitted_at,
                "answers": {codes[k]: v for k, v in r.answers.items() if k in codes},
            }
            for r in found.answers
        ]
    return {**_results(found), "answers": answers}


@router.get("/surveys/networks/{network_id}/trend", response=SurveyTrendOut)
def survey_network_trend(request: HttpRequest, network_id: ObjectId) -> object:
    trend = results.network_trend(actor=actor_of(request), network_id=network_id)
    return {
        "network_id": trend.network.pk,
        "network": trend.network.name,
        "rounds": [_results(r) for r in trend.rounds],
        "steps": [
            {
                "earlier_round_id": s.earlier.round.pk,
                "later_round_id": s.later.round.pk,
                "changes": [_change(c) for c in s.changes],
            }
            for s in trend.steps
        ],
    }


@router.get("/surveys/comparison", response=SurveyComparisonOut)
def survey_comparison(request: HttpRequest, query: Query[SurveyComparisonQuery]) -> object:
    comparison = results.rounds_comparison(actor=actor_of(request), round_ids=query.round_ids)
    return {
        "same_instrument": comparison.same_instrument,
        "rounds": [_results(r) for r in comparison.rounds],
    }
