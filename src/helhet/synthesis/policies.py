"""Who may change a synthesis project: its researchers, and the municipality's administrators,
as long as they use the observatory. Every observatory user of the municipality reads the
projects (``selectors``)."""

from __future__ import annotations

from helhet.observatory.policies import can_use_observatory
from helhet.synthesis.errors import NotSynthesisResearcher
from helhet.synthesis.models import SynthesisProject
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role


def can_edit_synthesis(actor: Actor, synthesis: SynthesisProject) -> bool:
    if actor.municipality_id != synthesis.municipality_id or not can_use_observatory(actor):
        return False
    if actor.role == Role.ADMINISTRATOR:
        return True
    return synthesis.researchers.filter(pk=actor.user.pk).exists()


def require_synthesis_researcher(actor: Actor, synthesis: SynthesisProject) -> None:
    if not can_edit_synthesis(actor, synthesis):
        raise NotSynthesisResearcher()
