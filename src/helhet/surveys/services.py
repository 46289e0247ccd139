"""Writes for the survey's instruments and their statements (rounds and invitations are in
``rounds``, the respondent's side in ``answering``).

* Observatory users (researchers, managers, coordinators, administrators) create instruments
  in their municipality; caseworkers get a 403, other municipalities a 404.
* An instrument is edited by its owner until a round of it has answers; then it is frozen and
  a new version is a copy (``instrument_copy``).

Every write records a change-log row in its transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.observatory.constructs import Construct
from helhet.observatory.policies import require_observatory
from helhet.surveys import default_instrument
from helhet.surveys.errors import (
    SurveyInvalid,
)
from helhet.surveys.models import Instrument, Item
from helhet.surveys.policies import require_instrument_editor
from helhet.surveys.selectors import (
    instrument_get,
    item_get,
)
from helhet.tenancy.actor import Actor

CODE_PREFIX = {
    Construct.GOVERNANCE: "GOV",
    Construct.TRUST: "TRU",
    Construct.RESOURCES: "RES",
    Construct.CULTURE: "CUL",
    Construct.LEADERSHIP: "LEA",
}
MAX_ITEMS = 200


def _name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise SurveyInvalid(N_("An instrument needs a name."), details={"field": "name"})
    if len(name) > 200:
        raise SurveyInvalid(N_("The name is too long."), details={"field": "name"})
    return name


def _next_version(actor: Actor, name: str) -> int:
    latest = Instrument.objects.filter(municipality_id=actor.municipality_id, name=name).aggregate(
        v=Max("version")
    )["v"]
    return (latest or 0) + 1


def _for_edit(actor: Actor, instrument_id: int) -> Instrument:
    instrument = instrument_get(actor=actor, instrument_id=instrument_id)
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    require_instrument_editor(actor, instrument)
    return instrument


def _new_instrument(
    actor: Actor, *, name: str, description: str, version: int, derived_from: Instrument | None
) -> Instrument:
    instrument = Instrument(
        municipality_id=actor.municipality_id,
        name=name,
        description=clean_text(description),
        version=version,
        derived_from=derived_from,
        owner=actor.user,
    )
    instrument.full_clean()
    instrument.save()
    return instrument


@transaction.atomic
def instrument_create(*, actor: Actor, name: str, description: str = "") -> Instrument:
    """An empty instrument; the name must be new (copy an instrument for a new version)."""
    require_observatory(actor)
    name = _name(name)
    if Instrument.objects.filter(municipality_id=actor.municipality_id, name=name).exists():
        raise SurveyInvalid(
            N_("An instrument with that name exists. Copy it to make a new version."),
            details={"field": "name"},
        )
    instrument = _new_instrument(
        actor, name=name, description=description, version=1, derived_from=None
    )
    change_record(
        actor=actor, action="survey.instrument_create", instance=instrument, changes={"name": name}
    )
    return instrument


@transaction.atomic
def instrument_create_default(*, actor: Actor, name: str = "", description: str = "") -> Instrument:
    """A copy of Helhet's default instrument, owned by the actor, ready to edit: under the
    default's name (the next version of it) unless ``name`` is given."""
    require_observatory(actor)
    name = _name(name) if clean_text(name) else default_instrument.NAME
    instrument = _new_instrument(
        actor,
        name=name,
        description=clean_text(description) or default_instrument.DESCRIPTION,
        version=_next_version(actor, name),
        derived_from=None,
    )
    for spec in default_instrument.ITEMS:
        _item_create(
            instrument,
            construct=spec.construct,
            text_nb=spec.text_nb,
            text_en=spec.text_en,
            reverse=spec.reverse,
        )
    change_record(
        actor=actor,
        action="survey.instrument_create_default",
        instance=instrument,
        changes={"name": name, "version": instrument.version},
    )
    return instrument


@transaction.atomic
def instrument_copy(*, actor: Actor, instrument_id: int, name: str = "") -> Instrument:
    """A new, editable instrument with the same statements: the next version of the same name,
    or version 1 of a new name."""
    source = instrument_get(actor=actor, instrument_id=instrument_id)
    name = _name(name) if clean_text(name) else source.name
    if name != source.name and (
        Instrument.objects.filter(municipality_id=actor.municipality_id, name=name).exists()
    ):
        raise SurveyInvalid(
            N_("An instrument with that name exists. Choose another name."),
            details={"field": "name"},
        )
    instrument = _new_instrument(
        actor,
        name=name,
        description=source.description,
        version=_next_version(actor, name),
        derived_from=source,
    )
    Item.objects.bulk_create(
        Item(
            municipality_id=instrument.municipality_id,
            instrument=instrument,
            code=item.code,
            construct=item.construct,
            position=item.position,
            text_nb=item.text_nb,
            text_en=item.text_en,
            reverse=item.reverse,
        )
        for item in source.items.all()
    )
    change_record(
        actor=actor,
        action="survey.instrument_copy",
        instance=instrument,
        changes={"from": source.pk, "name": name, "version": instrument.version},
    )
    return instrument


@transaction.atomic
def instrument_update(
    *, actor: Actor, instrument_id: int, name: str, description: str = ""
) -> Instrument:
    instrument = _for_edit(actor, instrument_id)
    name = _name(name)
    if (
        name != instrument.name
        and Instrument.objects.filter(
            municipality_id=actor.municipality_id, name=name, version=instrument.version
        ).exists()
    ):
        raise SurveyInvalid(
            N_("An instrument with that name and version exists. Choose another name."),
            details={"field": "name"},
        )
    values = {"name": name, "description": clean_text(description)}
    changes = {k: v for k, v in values.items() if getattr(instrument, k) != v}
    for key, value in values.items():
        setattr(instrument, key, value)
    instrument.full_clean()
    instrument.save()
    change_record(
        actor=actor, action="survey.instrument_update", instance=instrument, changes=changes
    )
    return instrument


def _statement(construct: str, text_nb: str, text_en: str) -> tuple[str, str]:
    if construct not in Construct.values:
        raise SurveyInvalid(N_("Unknown construct."), details={"field": "construct"})
    text_nb, text_en = clean_text(text_nb), clean_text(text_en)
    if not text_nb:
        raise SurveyInvalid(N_("Write the statement in bokmål."), details={"field": "text_nb"})
    if len(text_nb) > 500 or len(text_en) > 500:
        raise SurveyInvalid(
            N_("A statement has at most 500 characters."), details={"field": "text_nb"}
        )
    return text_nb, text_en


def _next_code(instrument: Instrument, construct: str) -> str:
    prefix = CODE_PREFIX[Construct(construct)]
    numbers = [
        int(code[len(prefix) :])
        for code in instrument.items.values_list("code", flat=True)
        if code.startswith(prefix) and code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _item_create(
    instrument: Instrument, *, construct: str, text_nb: str, text_en: str, reverse: bool
) -> Item:
    last = instrument.items.aggregate(p=Max("position"))["p"]
    item = Item(
        municipality_id=instrument.municipality_id,
        instrument=instrument,
        code=_next_code(instrument, construct),
        construct=construct,
        position=(last or 0) + 1,
        text_nb=text_nb,
        text_en=text_en,
        reverse=reverse,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_add(
    *,
    actor: Actor,
    instrument_id: int,
    construct: str,
    text_nb: str,
    text_en: str = "",
    reverse: bool = False,
) -> Item:
    instrument = _for_edit(actor, instrument_id)
    text_nb, text_en = _statement(construct, text_nb, text_en)
    if instrument.items.count() >= MAX_ITEMS:
        raise SurveyInvalid(N_("An instrument has at most 200 statements."))
    item = _item_create(
        instrument, construct=construct, text_nb=text_nb, text_en=text_en, reverse=reverse
    )
    change_record(
        actor=actor,
        action="survey.item_add",
        instance=item,
        changes={"instrument": instrument.pk, "code": item.code, "reverse": reverse},
    )
    return item


@transaction.atomic
def item_update(
    *,
    actor: Actor,
    item_id: int,
    construct: str,
    text_nb: str,
    text_en: str = "",
    reverse: bool = False,
) -> Item:
    item = item_get(actor=actor, item_id=item_id)
    _for_edit(actor, item.instrument_id)
    text_nb, text_en = _statement(construct, text_nb, text_en)
    values: dict[str, object] = {"text_nb": text_nb, "text_en": text_en, "reverse": reverse}
    if construct != item.construct:
        # The code names the construct, so a statement moved to another one gets a new code.
        values |= {"construct": construct, "code": _next_code(item.instrument, construct)}
    changes = {k: v for k, v in values.items() if getattr(item, k) != v}
    for key, value in values.items():
        setattr(item, key, value)
    item.full_clean()
    item.save()
    change_record(actor=actor, action="survey.item_update", instance=item, changes=changes)
    return item


@transaction.atomic
def item_remove(*, actor: Actor, item_id: int) -> None:
    item = item_get(actor=actor, item_id=item_id)
    _for_edit(actor, item.instrument_id)
    change_record(
        actor=actor,
        action="survey.item_remove",
        instance=item,
        changes={"instrument": item.instrument_id, "code": item.code},
    )
    item.delete()
