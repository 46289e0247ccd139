"""Writes for synthesis projects: the project, its studies, the seven steps, the translation
matrix and the third-order notes.

* Any observatory user (``helhet.observatory.policies``) may start a project in their
  municipality and becomes one of its researchers. Changing a project needs to be one of its
  researchers, or an administrator (403 otherwise); another municipality's project is a 404.
* A cell of the matrix takes only segments of its study's site coded under its construct or
  one of the construct's sub-codes; anything else is refused with a message saying why.
* A step is done only when the steps before it are done and what it needs exists
  (``workflow``); it may be reopened at any time.

Every write records a change-log row in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.observatory.policies import require_observatory
from helhet.qualitative.models import Coding, Project, Segment
from helhet.synthesis import coded
from helhet.synthesis.errors import (
    SegmentNotFound,
    SegmentRefused,
    StepNotFound,
    StepNotReady,
    SynthesisInvalid,
)
from helhet.synthesis.models import (
    STEP_COUNT,
    CellSegment,
    MatrixCell,
    Step,
    StepStatus,
    Study,
    SynthesisNote,
    SynthesisProject,
    TranslationKind,
)
from helhet.synthesis.policies import require_synthesis_researcher
from helhet.synthesis.selectors import (
    check_construct,
    note_get,
    researcher_choices,
    study_get,
    synthesis_get,
)
from helhet.synthesis.workflow import ORDER_MESSAGE, step_definition, workflow_facts
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User

TITLE_MAX = 200
TEXT_MAX = 50_000
# A matrix cell is linked to at most this many segments in one request.
LINK_BATCH_MAX = 500


def _clean(value: str | None) -> str:
    """Trimmed text without NUL characters (PostgreSQL cannot store them)."""
    return (value or "").replace("\x00", "").strip()


def _text(value: str | None, *, field: str, limit: int, required: str | None = None) -> str:
    text = _clean(value)
    if required is not None and not text:
        raise SynthesisInvalid(required, details={"field": field})
    if len(text) > limit:
        raise SynthesisInvalid(N_("The text is too long."), details={"field": field})
    return text


def _for_edit(actor: Actor, synthesis_id: int) -> SynthesisProject:
    synthesis = synthesis_get(actor=actor, synthesis_id=synthesis_id)
    require_synthesis_researcher(actor, synthesis)
    # Edits of one project are serialised: the workflow's checks read what others write.
    return SynthesisProject.objects.select_for_update().get(pk=synthesis.pk)


def _coding_projects(actor: Actor, ids: Iterable[int]) -> list[Project]:
    wanted = set(ids)
    found = list(coded.coding_projects_for(actor).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise SynthesisInvalid(
            N_("A chosen coding project does not exist."), details={"field": "coding_project_ids"}
        )
    return found


def _researchers(actor: Actor, ids: Iterable[int]) -> list[User]:
    wanted = set(ids)
    found = list(researcher_choices(actor).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise SynthesisInvalid(
            N_(
                "Researchers must be staff of your municipality who use the observatory "
                "(researchers, managers, coordinators or administrators)."
            ),
            details={"field": "researcher_ids"},
        )
    return found


def _unique_title(actor: Actor, title: str, exclude_id: int | None = None) -> None:
    clash = SynthesisProject.objects.filter(municipality_id=actor.municipality_id, title=title)
    if exclude_id is not None:
        clash = clash.exclude(pk=exclude_id)
    if clash.exists():
        raise SynthesisInvalid(
            N_("A synthesis project with this title already exists."), details={"field": "title"}
        )


@transaction.atomic
def synthesis_create(
    *,
    actor: Actor,
    title: str,
    question: str,
    description: str = "",
    coding_project_ids: Iterable[int] = (),
    researcher_ids: Iterable[int] = (),
) -> SynthesisProject:
    """Start a project; the actor becomes one of its researchers. The seven steps are laid
    out, none started."""
    require_observatory(actor)
    title = _text(title, field="title", limit=TITLE_MAX, required=N_("A project needs a title."))
    question = _text(
        question,
        field="question",
        limit=TEXT_MAX,
        required=N_("State the research question the synthesis answers."),
    )
    description = _text(description, field="description", limit=TEXT_MAX)
    _unique_title(actor, title)
    projects = _coding_projects(actor, coding_project_ids)
    researchers = _researchers(actor, researcher_ids)
    synthesis = SynthesisProject(
        municipality_id=actor.municipality_id,
        title=title,
        question=question,
        description=description,
        created_by=actor.user,
    )
    synthesis.full_clean()
    synthesis.save()
    synthesis.coding_projects.set(projects)
    synthesis.researchers.set({actor.user, *researchers})
    Step.objects.bulk_create(
        Step(municipality_id=actor.municipality_id, synthesis=synthesis, number=n)
        for n in range(1, STEP_COUNT + 1)
    )
    change_record(
        actor=actor,
        action="synthesis.create",
        instance=synthesis,
        changes={
            "title": title,
            "coding_projects": sorted(p.pk for p in projects),
            "researchers": sorted({actor.user.pk, *(r.pk for r in researchers)}),
        },
    )
    return synthesis


@transaction.atomic
def synthesis_update(
    *,
    actor: Actor,
    synthesis_id: int,
    title: str,
    question: str,
    description: str = "",
    coding_project_ids: Iterable[int] = (),
    researcher_ids: Iterable[int] = (),
) -> SynthesisProject:
    synthesis = _for_edit(actor, synthesis_id)
    title = _text(title, field="title", limit=TITLE_MAX, required=N_("A project needs a title."))
    question = _text(
        question,
        field="question",
        limit=TEXT_MAX,
        required=N_("State the research question the synthesis answers."),
    )
    description = _text(description, field="description", limit=TEXT_MAX)
    _unique_title(actor, title, exclude_id=synthesis.pk)
    projects = _coding_projects(actor, coding_project_ids)
    researchers = _researchers(actor, researcher_ids)
    if not researchers:
        raise SynthesisInvalid(
            N_("A project needs at least one researcher."), details={"field": "researcher_ids"}
        )
    kept = {p.pk for p in projects}
    if synthesis.studies.filter(site__isnull=False).exclude(site__project_id__in=kept).exists():
        raise SynthesisInvalid(
            N_(
                "A site of a coding project you left out is a column of the matrix. Remove "
                "that site from the synthesis first."
            ),
            details={"field": "coding_project_ids"},
        )
    changes: dict[str, object] = {
        k: v
        for k, v in {"title": title, "question": question, "description": description}.items()
        if getattr(synthesis, k) != v
    }
    synthesis.title, synthesis.question, synthesis.description = title, question, description
    synthesis.full_clean()
    synthesis.save()
    synthesis.coding_projects.set(projects)
    synthesis.researchers.set(researchers)
    changes |= {
        "coding_projects": sorted(kept),
        "researchers": sorted(r.pk for r in researchers),
    }
    change_record(actor=actor, action="synthesis.update", instance=synthesis, changes=changes)
    return synthesis


@transaction.atomic
def study_add(
    *,
    actor: Actor,
    synthesis_id: int,
    site_id: int | None = None,
    name: str = "",
    reference: str = "",
) -> Study:
    """Add a column: a site of one of the project's coding projects, or (no ``site_id``) an
    external study, which needs a name and a reference."""
    synthesis = _for_edit(actor, synthesis_id)
    name = _text(name, field="name", limit=TITLE_MAX)
    reference = _text(reference, field="reference", limit=TEXT_MAX)
    site = None
    if site_id is not None:
        site = coded.site_for(actor, site_id)
        if site is None:
            raise SynthesisInvalid(N_("The site does not exist."), details={"field": "site_id"})
        if not synthesis.coding_projects.filter(pk=site.project_id).exists():
            raise SynthesisInvalid(
                N_(
                    "The site belongs to a coding project this synthesis does not use. Add "
                    "the coding project to the synthesis first."
                ),
                details={"field": "site_id"},
            )
        if synthesis.studies.filter(site=site).exists():
            raise SynthesisInvalid(
                N_("The site is already part of this synthesis."), details={"field": "site_id"}
            )
        name = name or site.name
    else:
        if not name:
            raise SynthesisInvalid(N_("Name the external study."), details={"field": "name"})
        if not reference:
            raise SynthesisInvalid(
                N_("An external study needs a reference to where it is published."),
                details={"field": "reference"},
            )
    if synthesis.studies.filter(name=name).exists():
        raise SynthesisInvalid(
            N_("The synthesis already has a site or study with this name."),
            details={"field": "name"},
        )
    last = synthesis.studies.aggregate(last=Max("position"))["last"]
    study = Study(
        municipality_id=actor.municipality_id,
        synthesis=synthesis,
        site=site,
        name=name,
        reference=reference,
        position=0 if last is None else last + 1,
    )
    study.full_clean()
    study.save()
    change_record(
        actor=actor,
        action="synthesis.study_add",
        instance=study,
        changes={"synthesis": synthesis.pk, "name": name, "site": site_id},
    )
    return study


@transaction.atomic
def study_remove(*, actor: Actor, synthesis_id: int, study_id: int) -> None:
    """Remove a column that holds nothing yet; written interpretations are never lost here."""
    synthesis = _for_edit(actor, synthesis_id)
    study = study_get(synthesis=synthesis, study_id=study_id)
    if (
        study.cells.exclude(interpretation="").exists()
        or CellSegment.objects.filter(cell__study=study).exists()
    ):
        raise SynthesisInvalid(
            N_(
                "The column holds interpretations or linked segments. Empty its cells before "
                "removing it."
            ),
            details={"field": "study_id"},
        )
    change_record(
        actor=actor,
        action="synthesis.study_remove",
        instance=study,
        changes={"synthesis": synthesis.pk, "name": study.name},
    )
    study.delete()


@transaction.atomic
def step_save(
    *, actor: Actor, synthesis_id: int, number: int, status: str, notes: str = ""
) -> Step:
    """Save a step's notes and status. Marking it done checks that the steps before it are
    done and that what it needs exists, and records who completed it when; any other status
    (going back) clears that."""
    synthesis = _for_edit(actor, synthesis_id)
    if not 1 <= number <= STEP_COUNT:
        raise StepNotFound()
    if status not in StepStatus.values:
        raise SynthesisInvalid(N_("Unknown step status."), details={"field": "status"})
    notes = _text(notes, field="notes", limit=TEXT_MAX)
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


def _cell_for_edit(
    actor: Actor, synthesis_id: int, study_id: int, construct: str
) -> tuple[SynthesisProject, Study, MatrixCell]:
    synthesis = _for_edit(actor, synthesis_id)
    construct = check_construct(construct)
    study = study_get(synthesis=synthesis, study_id=study_id)
    cell, _created = MatrixCell.objects.get_or_create(
        study=study,
        construct=construct,
        defaults={
            "municipality_id": synthesis.municipality_id,
            "synthesis": synthesis,
            "updated_by": actor.user,
        },
    )
    return synthesis, study, cell


@transaction.atomic
def cell_save(
    *, actor: Actor, synthesis_id: int, study_id: int, construct: str, interpretation: str
) -> MatrixCell:
    """Write a cell's second-order interpretation (empty clears it; the links stay)."""
    _synthesis, _study, cell = _cell_for_edit(actor, synthesis_id, study_id, construct)
    cell.interpretation = _text(interpretation, field="interpretation", limit=TEXT_MAX)
    cell.updated_by = actor.user
    cell.full_clean()
    cell.save()
    change_record(
        actor=actor,
        action="synthesis.cell_save",
        instance=cell,
        changes={"interpretation": cell.interpretation},
    )
    return cell


@transaction.atomic
def cell_segments_link(
    *,
    actor: Actor,
    synthesis_id: int,
    study_id: int,
    construct: str,
    segment_ids: Iterable[int],
) -> MatrixCell:
    """Link coded segments to a cell. All or none: the first segment that is not from the
    study's site, or not coded under the construct (or a sub-code of it), refuses the lot.
    Linking a segment already linked changes nothing."""
    ids = list(dict.fromkeys(segment_ids))
    if not ids:
        raise SegmentRefused(N_("Choose at least one segment."), details={"field": "segment_ids"})
    if len(ids) > LINK_BATCH_MAX:
        raise SegmentRefused(N_("Too many segments at once."), details={"field": "segment_ids"})
    _synthesis, study, cell = _cell_for_edit(actor, synthesis_id, study_id, construct)
    site = study.site
    if site is None:
        raise SegmentRefused(
            N_("This is an external study, coded outside Helhet: it has no segments to link."),
            details={"study_id": study.pk},
        )
    segments = {
        s.pk: s
        for s in Segment.objects.filter(
            pk__in=ids, source__project__municipality_id=actor.municipality_id
        ).select_related("source")
    }
    allowed = coded.codes_under([site.project_id], cell.construct)
    codes_of: dict[int, set[int]] = {}
    for segment_id, code_id in Coding.objects.filter(segment_id__in=list(segments)).values_list(
        "segment_id", "code_id"
    ):
        codes_of.setdefault(segment_id, set()).add(code_id)
    for segment_id in ids:
        segment = segments.get(segment_id)
        if segment is None:
            raise SegmentRefused(
                N_("The segment does not exist."), details={"segment_id": segment_id}
            )
        if segment.source.site_id != site.pk or segment.source.project_id != site.project_id:
            raise SegmentRefused(
                N_(
                    "The segment is from another site than this column. Link it in its own "
                    "site's column."
                ),
                details={"segment_id": segment_id},
            )
        if not codes_of.get(segment_id, set()) & allowed:
            raise SegmentRefused(
                N_(
                    "The segment is not coded under this construct or any of its sub-codes. "
                    "Link it in the row of the construct it is coded under."
                ),
                details={"segment_id": segment_id},
            )
    already = set(CellSegment.objects.filter(cell=cell).values_list("segment_id", flat=True))
    new = [i for i in ids if i not in already]
    CellSegment.objects.bulk_create(
        CellSegment(
            municipality_id=cell.municipality_id, cell=cell, segment_id=i, added_by=actor.user
        )
        for i in new
    )
    change_record(
        actor=actor, action="synthesis.cell_link", instance=cell, changes={"segments": new}
    )
    return cell


@transaction.atomic
def cell_segment_unlink(
    *, actor: Actor, synthesis_id: int, study_id: int, construct: str, segment_id: int
) -> None:
    _synthesis, _study, cell = _cell_for_edit(actor, synthesis_id, study_id, construct)
    deleted, _by_model = CellSegment.objects.filter(cell=cell, segment_id=segment_id).delete()
    if not deleted:
        raise SegmentNotFound()
    change_record(
        actor=actor,
        action="synthesis.cell_unlink",
        instance=cell,
        changes={"segment": segment_id},
    )


def _note_fields(construct: str, kind: str, title: str, text: str) -> dict[str, str]:
    if construct:
        check_construct(construct)
    if kind not in TranslationKind.values:
        raise SynthesisInvalid(N_("Unknown kind of translation."), details={"field": "kind"})
    return {
        "construct": construct,
        "kind": kind,
        "title": _text(title, field="title", limit=TITLE_MAX),
        "text": _text(
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
    synthesis = _for_edit(actor, synthesis_id)
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
    synthesis = _for_edit(actor, synthesis_id)
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
    synthesis = _for_edit(actor, synthesis_id)
    note = note_get(synthesis=synthesis, note_id=note_id)
    change_record(
        actor=actor,
        action="synthesis.note_delete",
        instance=note,
        changes={"construct": note.construct, "kind": note.kind, "title": note.title},
    )
    note.delete()
