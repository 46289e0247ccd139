"""Third-order notes of a synthesis: on one construct, or on the synthesis as a whole."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.synthesis.errors import SynthesisInvalid
from helhet.synthesis.models import SynthesisNote, TranslationKind
from helhet.synthesis.selectors import check_construct, note_get
from helhet.synthesis.services.common import TEXT_MAX, TITLE_MAX, checked_text, synthesis_for_edit
from helhet.tenancy.actor import Actor


def _note_fields(construct: str, kind: str, title: str, text: str) -> dict[str, str]:
    if construct:
        check_construct(construct)
    if kind not in TranslationKind.values:
        raise SynthesisInvalid(N_("Unknown kind of translation."), details={"field": "kind"})
    return {
        "construct": construct,
        "kind": kind,
        "title": checked_text(title, field="title", limit=TITLE_MAX),
        "text": checked_text(
            text, field="text", limit=TEXT_MAX, required=N_("A synthesis note needs a text.")
        ),
    }


@transaction.atomic
def note_add(
    *,
    actor: Actor,
    synthesis_id: int,
    kind: str,
    text: str,
    construct: str = "",
    title: str = "",
) -> SynthesisNote:
    """A third-order note on one construct, or (no construct) on the synthesis as a whole."""
    synthesis = synthesis_for_edit(actor, synthesis_id)
    note = SynthesisNote(
        municipality_id=synthesis.municipality_id,
        synthesis=synthesis,
        author=actor.user,
        **_note_fields(construct, kind, title, text),
    )
    note.full_clean()
    note.save()
    change_record(
        actor=actor,
        action="synthesis.note_add",
        instance=note,
        changes={"construct": note.construct, "kind": note.kind, "title": note.title},
    )
    return note


@transaction.atomic
def note_update(
    *,
    actor: Actor,
    synthesis_id: int,
    note_id: int,
    kind: str,
    text: str,
    construct: str = "",
    title: str = "",
) -> SynthesisNote:
    synthesis = synthesis_for_edit(actor, synthesis_id)
    note = note_get(synthesis=synthesis, note_id=note_id)
    values = _note_fields(construct, kind, title, text)
    changes = {k: v for k, v in values.items() if getattr(note, k) != v}
    for key, value in values.items():
        setattr(note, key, value)
    note.full_clean()
    note.save()
    change_record(actor=actor, action="synthesis.note_update", instance=note, changes=changes)
    return note


@transaction.atomic
def note_delete(*, actor: Actor, synthesis_id: int, note_id: int) -> None:
    synthesis = synthesis_for_edit(actor, synthesis_id)
    note = note_get(synthesis=synthesis, note_id=note_id)
    change_record(
        actor=actor,
        action="synthesis.note_delete",
        instance=note,
        changes={"construct": note.construct, "kind": note.kind, "title": note.title},
    )
    note.delete()
