"""The seven steps: each is done only when the steps before it are done and what it needs
exists; going back is allowed and clears who completed it."""

from __future__ import annotations

import pytest

from helhet.audit.models import ChangeEvent
from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Code, Coding, Source
from helhet.synthesis import selectors
from helhet.synthesis.errors import StepNotReady
from helhet.synthesis.models import Step, StepStatus
from helhet.synthesis.services.matrix import cell_save
from helhet.synthesis.services.notes import note_add
from helhet.synthesis.services.projects import (
    study_add,
    study_remove,
    synthesis_create,
    synthesis_update,
)
from helhet.synthesis.services.steps import step_save


def _done(s, number, notes="", actor=None):
    return step_save(
        actor=actor or s.researcher, synthesis_id=s.sid, number=number, status="done", notes=notes
    )


def _refusal(s, number) -> StepNotReady:
    with pytest.raises(StepNotReady) as caught:
        _done(s, number)
    assert caught.value.details == {"step": number}
    return caught.value


def test_a_new_project_lays_out_seven_steps_and_makes_its_creator_a_researcher(syn):
    steps = list(Step.objects.filter(synthesis=syn.synthesis).values_list("number", "status"))
    assert steps == [(n, "not_started") for n in range(1, 8)]
    assert list(syn.synthesis.researchers.all()) == [syn.researcher.user]
    view = selectors.synthesis_detail(actor=syn.researcher, synthesis_id=syn.sid)
    assert [r.definition.name for r in view.steps][-1] == "Expressing the synthesis"
    assert view.steps[0].definition.name == "Getting started"
    assert view.current_step.number == 1 and view.steps[0].ready
    assert ChangeEvent.objects.filter(action="synthesis.create").count() == 1


def test_steps_complete_in_order_and_only_when_their_needs_exist(syn):
    s = syn
    # Step 2 before step 1: refused, nothing saved.
    assert _refusal(s, 2).message == "Complete the steps before this one first."
    step = _done(s, 1, notes="Spørsmålet er avklart.")
    assert step.status == "done" and step.completed_by == s.researcher.user
    assert step.completed_at is not None
    _done(s, 2)  # two sites
    # Step 3 needs source material for every coded site.
    Source.objects.filter(site=s.c.quebec).update(site=None)
    assert "source material" in _refusal(s, 3).message
    Source.objects.filter(pk=s.c.qc_source.pk).update(site=s.c.quebec)
    _done(s, 3)
    # Step 4 needs a code for every construct in the code book.
    Code.objects.filter(project=s.c.project, construct="culture").delete()
    assert "five constructs" in _refusal(s, 4).message
    Code.objects.create(project=s.c.project, name="Kultur", construct="culture")
    _done(s, 4)
    # Step 5 needs coded segments in two sites: Quebec's codings gone, then back.
    kept = list(Coding.objects.filter(segment__source__site=s.c.quebec).values())
    Coding.objects.filter(segment__source__site=s.c.quebec).delete()
    assert "at least two sites" in _refusal(s, 5).message
    Coding.objects.bulk_create(Coding(**row) for row in kept)
    _done(s, 5)
    # Step 6 needs a filled row: one construct interpreted for every site.
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        interpretation="Tillit er ujevn.",
    )
    assert "filled matrix row" in _refusal(s, 6).message
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.quebec.pk,
        construct="trust",
        interpretation="Tillit går foran prosjektet.",
    )
    view = selectors.synthesis_detail(actor=s.researcher, synthesis_id=s.sid)
    assert [r.filled for r in view.matrix.rows] == [c == "trust" for c in Construct.values]
    _done(s, 6)
    # Step 7 needs a third-order note.
    assert "third-order" in _refusal(s, 7).message
    note_add(
        actor=s.researcher, synthesis_id=s.sid, kind="reciprocal", text="Tillit bygges over tid."
    )
    _done(s, 7)
    view = selectors.synthesis_detail(actor=s.researcher, synthesis_id=s.sid)
    assert all(r.done for r in view.steps) and view.current_step is None


def test_going_back_reopens_a_step_and_keeps_the_later_ones(syn):
    s = syn
    _done(s, 1)
    _done(s, 2)
    reopened = step_save(
        actor=s.researcher, synthesis_id=s.sid, number=1, status="in_progress", notes="Igjen."
    )
    assert reopened.completed_by is None and reopened.completed_at is None
    assert reopened.notes == "Igjen."
    assert Step.objects.get(synthesis=s.synthesis, number=2).status == StepStatus.DONE
    # Step 3 now waits for step 1 again.
    assert _refusal(s, 3).message == "Complete the steps before this one first."
    view = selectors.synthesis_detail(actor=s.researcher, synthesis_id=s.sid)
    assert view.current_step.number == 1
    # Saving the notes of a done step does not check again nor move its completion.
    done = _done(s, 1)
    again = _done(s, 1, notes="Mer.")
    assert again.completed_at == done.completed_at and again.notes == "Mer."


def test_step_input_is_checked(syn):
    s = syn
    with pytest.raises(NotFound):
        step_save(actor=s.researcher, synthesis_id=s.sid, number=8, status="done")
    with pytest.raises(ValidationFailed, match="Unknown step status"):
        step_save(actor=s.researcher, synthesis_id=s.sid, number=1, status="finished")


def test_who_may_change_a_project(syn, stranger, make_actor):
    s = syn
    # A manager of the municipality reads it but is not one of its researchers.
    assert selectors.synthesis_detail(actor=s.manager, synthesis_id=s.sid).can_edit is False
    with pytest.raises(PermissionDenied):
        _done(s, 1, actor=s.manager)
    # Caseworkers do not use the observatory at all.
    with pytest.raises(PermissionDenied):
        selectors.synthesis_detail(actor=s.caseworker, synthesis_id=s.sid)
    with pytest.raises(PermissionDenied):
        synthesis_create(actor=s.caseworker, title="X", question="Y?")
    # Another municipality: not found, for reads and writes alike.
    with pytest.raises(NotFound):
        selectors.synthesis_detail(actor=stranger, synthesis_id=s.sid)
    with pytest.raises(NotFound):
        note_add(actor=stranger, synthesis_id=s.sid, kind="reciprocal", text="x")
    assert selectors.synthesis_list(actor=stranger) == []
    # Administrators may change any project of the municipality; researchers added by a
    # researcher may, too.
    admin = make_actor("navk", "administrator")
    assert selectors.synthesis_detail(actor=admin, synthesis_id=s.sid).can_edit
    synthesis_update(
        actor=s.researcher,
        synthesis_id=s.sid,
        title=s.synthesis.title,
        question=s.synthesis.question,
        coding_project_ids=[s.c.project.pk],
        researcher_ids=[s.researcher.user.pk, s.manager.user.pk],
    )
    _done(s, 1, actor=s.manager)
    with pytest.raises(ValidationFailed, match="Researchers must be staff"):
        synthesis_update(
            actor=s.researcher,
            synthesis_id=s.sid,
            title="T",
            question="Q",
            coding_project_ids=[s.c.project.pk],
            researcher_ids=[s.caseworker.user.pk],
        )


def test_project_and_study_rules(syn, municipality, stranger):
    s = syn
    with pytest.raises(ValidationFailed, match="already exists"):
        synthesis_create(actor=s.researcher, title=s.synthesis.title, question="Q?")
    with pytest.raises(ValidationFailed, match="research question"):
        synthesis_create(actor=s.researcher, title="Ny", question="  ")
    with pytest.raises(ValidationFailed, match="already part of"):
        study_add(actor=s.researcher, synthesis_id=s.sid, site_id=s.c.norway.pk)
    with pytest.raises(ValidationFailed, match="needs a reference"):
        study_add(actor=s.researcher, synthesis_id=s.sid, name="Tyskland")
    external = study_add(
        actor=s.researcher,
        synthesis_id=s.sid,
        name="Tyskland: Jugendhilfe",
        reference="Breimo mfl. (2016), kapittel 4.",
    )
    assert external.is_external and external.position == 2
    # A site of a coding project the synthesis does not use is refused.
    from tests.synthesis.conftest import make_coding_project

    elsewhere = make_coding_project(municipality, title="Et annet prosjekt")
    with pytest.raises(ValidationFailed, match="does not use"):
        study_add(actor=s.researcher, synthesis_id=s.sid, site_id=elsewhere.norway.pk)
    # Leaving out the coding project whose sites are columns is refused.
    with pytest.raises(ValidationFailed, match="Remove that site"):
        synthesis_update(
            actor=s.researcher,
            synthesis_id=s.sid,
            title="T",
            question="Q",
            coding_project_ids=[elsewhere.project.pk],
            researcher_ids=[s.researcher.user.pk],
        )
    # A column with an interpretation is not removed; an empty one is.
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=external.pk,
        construct="culture",
        interpretation="Kulturforskjeller som ressurs.",
    )
    with pytest.raises(ValidationFailed, match="Empty its cells"):
        study_remove(actor=s.researcher, synthesis_id=s.sid, study_id=external.pk)
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=external.pk,
        construct="culture",
        interpretation="",
    )
    study_remove(actor=s.researcher, synthesis_id=s.sid, study_id=external.pk)
    assert [st.name for st in s.synthesis.studies.all()] == [
        "Norge: OSK-teamet",
        "Québec: CSSS-nettverk",
    ]
