"""The seven steps of a synthesis: saving a step, and marking it done when it may be."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.synthesis.errors import StepNotFound, StepNotReady, SynthesisInvalid
from helhet.synthesis.models import STEP_COUNT, Step, StepStatus
from helhet.synthesis.services.common import TEXT_MAX, checked_text, synthesis_for_edit
from helhet.synthesis.workflow import ORDER_MESSAGE, step_definition, workflow_facts
from helhet.tenancy.actor import Actor


@transaction.atomic
def step_save(
    *, actor: Actor, synthesis_id: int, number: int, status: str, notes: str = ""
) -> Step:
    """Save a step's notes and status. Marking it done checks that the steps before it are
    done and that what it needs exists, and records who completed it when; any other status
    (going back) clears that."""
    synthesis = synthesis_for_edit(actor, synthesis_id)
    if not 1 <= number <= STEP_COUNT:
        raise StepNotFound()
    if status not in StepStatus.values:
        raise SynthesisInvalid(N_("Unknown step status."), details={"field": "status"})
    notes = checked_text(notes, field="notes", limit=TEXT_MAX)
    step, _created = Step.objects.select_for_update().get_or_create(
        synthesis=synthesis,
        number=number,
        defaults={"municipality_id": synthesis.municipality_id},
    )
    before = step.status
    if status == StepStatus.DONE and before != StepStatus.DONE:
        if (
            Step.objects.filter(synthesis=synthesis, number__lt=number)
            .exclude(status=StepStatus.DONE)
            .exists()
        ):
            raise StepNotReady(ORDER_MESSAGE, details={"step": number})
        if not workflow_facts(synthesis).met(number):
            raise StepNotReady(step_definition(number).needs, details={"step": number})
        step.completed_by = actor.user
        step.completed_at = timezone.now()
    elif status != StepStatus.DONE:
        step.completed_by = None
        step.completed_at = None
    changes: dict[str, object] = {"step": number}
    if before != status:
        changes["status"] = [before, status]
    if step.notes != notes:
        changes["notes"] = notes
    step.status = status
    step.notes = notes
    step.full_clean()
    step.save()
    change_record(actor=actor, action="synthesis.step_save", instance=step, changes=changes)
    return step
