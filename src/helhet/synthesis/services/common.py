"""What every write of a synthesis project shares: the checks of its texts, and taking the
project for an edit (only its researchers and administrators; one edit at a time)."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.synthesis.errors import SynthesisInvalid
from helhet.synthesis.models import SynthesisProject
from helhet.synthesis.policies import require_synthesis_researcher
from helhet.synthesis.selectors import synthesis_get
from helhet.tenancy.actor import Actor

TITLE_MAX = 200
TEXT_MAX = 50_000


def _clean(value: str | None) -> str:
    """Trimmed text without NUL characters (PostgreSQL cannot store them)."""
    return (value or "").replace("\x00", "").strip()


def checked_text(value: str | None, *, field: str, limit: int, required: str | None = None) -> str:
    text = _clean(value)
    if required is not None and not text:
        raise SynthesisInvalid(required, details={"field": field})
    if len(text) > limit:
        raise SynthesisInvalid(N_("The text is too long."), details={"field": field})
    return text


def synthesis_for_edit(actor: Actor, synthesis_id: int) -> SynthesisProject:
    synthesis = synthesis_get(actor=actor, synthesis_id=synthesis_id)
    require_synthesis_researcher(actor, synthesis)
    # Edits of one project are serialised: the workflow's checks read what others write.
    return SynthesisProject.objects.select_for_update().get(pk=synthesis.pk)
