"""Reads for synthesis projects. Observatory users (researchers, managers, coordinators,
administrators) read the projects of their municipality; another municipality's project is
a 404. Every read here takes a bounded number of queries, whatever the size of the material.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from helhet.observatory.constructs import Construct
from helhet.observatory.policies import OBSERVATORY_ROLES, require_observatory
from helhet.qualitative.models import Code, Project, Segment
from helhet.synthesis import coded
from helhet.synthesis.errors import (
    ConstructNotFound,
    NoteNotFound,
    StudyNotFound,
    SynthesisNotFound,
)
from helhet.synthesis.models import (
    CellSegment,
    MatrixCell,
    Step,
    StepStatus,
    Study,
    SynthesisNote,
    SynthesisProject,
)
from helhet.synthesis.policies import can_edit_synthesis
from helhet.synthesis.workflow import STEPS, StepDefinition, WorkflowFacts, workflow_facts
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User


def syntheses_for(actor: Actor) -> QuerySet[SynthesisProject]:
    require_observatory(actor)
    return SynthesisProject.objects.filter(municipality_id=actor.municipality_id)


def synthesis_list(*, actor: Actor) -> list[SynthesisProject]:
    """The municipality's projects with their number of studies and of steps done."""
    return list(
        syntheses_for(actor).annotate(
            study_count=Count("studies", distinct=True),
            steps_done=Count("steps", filter=Q(steps__status=StepStatus.DONE), distinct=True),
        )
    )


def synthesis_get(*, actor: Actor, synthesis_id: int) -> SynthesisProject:
    found = syntheses_for(actor).filter(pk=synthesis_id).first()
    if found is None:
        raise SynthesisNotFound()
    return found


def researcher_choices(actor: Actor) -> QuerySet[User]:
    """Staff of the municipality who may use the observatory, and so may be researchers."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__municipality_id=actor.municipality_id,
            memberships__active=True,
            memberships__role__in=OBSERVATORY_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def coding_project_choices(actor: Actor) -> QuerySet[Project]:
    return coded.coding_projects_for(actor).order_by("title", "id")


def study_get(*, synthesis: SynthesisProject, study_id: int) -> Study:
    study = synthesis.studies.select_related("site", "site__project").filter(pk=study_id).first()
    if study is None:
        raise StudyNotFound()
    return study


def note_get(*, synthesis: SynthesisProject, note_id: int) -> SynthesisNote:
    note = synthesis.notes.filter(pk=note_id).first()
    if note is None:
        raise NoteNotFound()
    return note


@dataclass(frozen=True)
class StepRow:
    definition: StepDefinition
    step: Step
    # What the step needs exists, and every step before it is done: it may be completed.
    met: bool
    ready: bool

    @property
    def number(self) -> int:
        return self.definition.number

    @property
    def done(self) -> bool:
        return self.step.status == StepStatus.DONE


def _step_rows(synthesis: SynthesisProject, facts: WorkflowFacts) -> list[StepRow]:
    steps = {s.number: s for s in synthesis.steps.select_related("completed_by")}
    rows: list[StepRow] = []
    earlier_done = True
    for definition in STEPS:
        step = steps.get(definition.number) or Step(
            synthesis=synthesis, number=definition.number, status=StepStatus.NOT_STARTED
        )
        met = facts.met(definition.number)
        rows.append(StepRow(definition=definition, step=step, met=met, ready=met and earlier_done))
        earlier_done = earlier_done and step.status == StepStatus.DONE
    return rows


@dataclass(frozen=True)
class CellView:
    study: Study
    construct: str
    cell: MatrixCell | None
    segment_count: int

    @property
    def interpretation(self) -> str:
        return self.cell.interpretation if self.cell else ""


@dataclass(frozen=True)
class MatrixRow:
    construct: str
    label: str
    cells: list[CellView]

    @property
    def filled(self) -> bool:
        return bool(self.cells) and all(c.interpretation for c in self.cells)


@dataclass(frozen=True)
class Matrix:
    studies: list[Study]
    rows: list[MatrixRow]


def synthesis_matrix(synthesis: SynthesisProject) -> Matrix:
    """Constructs as rows, studies as columns; a cell not written yet is ``None``. Two
    queries."""
    studies = list(synthesis.studies.select_related("site"))
    cells = {
        (c.study_id, c.construct): c
        for c in MatrixCell.objects.filter(synthesis=synthesis).annotate(
            segment_count=Count("links")
        )
    }
    rows = []
    for construct in Construct:
        row_cells = []
        for study in studies:
            cell = cells.get((study.pk, construct.value))
            count = getattr(cell, "segment_count", 0) if cell else 0
            row_cells.append(
                CellView(study=study, construct=construct.value, cell=cell, segment_count=count)
            )
        rows.append(
            MatrixRow(construct=construct.value, label=str(construct.label), cells=row_cells)
        )
    return Matrix(studies=studies, rows=rows)


@dataclass(frozen=True)
class NoteGroup:
    construct: str  # "" for notes on the synthesis as a whole
    label: str
    notes: list[SynthesisNote]


def _note_groups(notes: list[SynthesisNote]) -> list[NoteGroup]:
    by_construct: dict[str, list[SynthesisNote]] = defaultdict(list)
    for note in notes:
        by_construct[note.construct].append(note)
    groups = [NoteGroup("", gettext("The synthesis as a whole"), by_construct.get("", []))]
    groups += [
        NoteGroup(c.value, str(c.label), by_construct[c.value])
        for c in Construct
        if by_construct.get(c.value)
    ]
    return groups


@dataclass(frozen=True)
class SynthesisView:
    synthesis: SynthesisProject
    coding_projects: list[Project]
    researchers: list[User]
    steps: list[StepRow]
    matrix: Matrix
    notes: list[SynthesisNote]
    can_edit: bool
    facts: WorkflowFacts
    note_groups: list[NoteGroup] = field(default_factory=list)

    @property
    def studies(self) -> list[Study]:
        return self.matrix.studies

    @property
    def current_step(self) -> StepRow | None:
        """The first step not done: where the guided workflow stands."""
        return next((row for row in self.steps if not row.done), None)


def synthesis_view(*, actor: Actor, synthesis: SynthesisProject) -> SynthesisView:
    facts = workflow_facts(synthesis)
    notes = list(synthesis.notes.select_related("author"))
    return SynthesisView(
        synthesis=synthesis,
        coding_projects=list(synthesis.coding_projects.order_by("title", "id")),
        researchers=list(synthesis.researchers.order_by("last_name", "first_name", "id")),
        steps=_step_rows(synthesis, facts),
        matrix=synthesis_matrix(synthesis),
        notes=notes,
        can_edit=can_edit_synthesis(actor, synthesis),
        facts=facts,
        note_groups=_note_groups(notes),
    )


def synthesis_detail(*, actor: Actor, synthesis_id: int) -> SynthesisView:
    return synthesis_view(
        actor=actor, synthesis=synthesis_get(actor=actor, synthesis_id=synthesis_id)
    )


def construct_label(construct: str) -> str:
    return str(Construct(construct).label)


@dataclass(frozen=True)
class CellDetail:
    synthesis: SynthesisProject
    study: Study
    construct: str
    label: str
    cell: MatrixCell | None
    linked: list[Segment]
    # Segments of the study's site coded under the construct and not linked yet.
    candidates: list[Segment]
    can_edit: bool

    @property
    def interpretation(self) -> str:
        return self.cell.interpretation if self.cell else ""


def cell_detail(*, actor: Actor, synthesis_id: int, study_id: int, construct: str) -> CellDetail:
    synthesis = synthesis_get(actor=actor, synthesis_id=synthesis_id)
    construct = check_construct(construct)
    study = study_get(synthesis=synthesis, study_id=study_id)
    cell = MatrixCell.objects.filter(study=study, construct=construct).first()
    linked_ids: list[int] = []
    linked: list[Segment] = []
    if cell is not None:
        links = (
            CellSegment.objects.filter(cell=cell)
            .select_related("segment__source")
            .prefetch_related(
                Prefetch("segment__codes", queryset=Code.objects.order_by("name", "id"))
            )
        )
        linked = [
            link.segment for link in links.order_by("segment__source__title", "segment__start")
        ]
        linked_ids = [s.pk for s in linked]
    candidates: list[Segment] = []
    if study.site is not None:
        candidates = [
            s
            for s in coded.segments_coded_under(study.site, construct)
            if s.pk not in set(linked_ids)
        ]
    return CellDetail(
        synthesis=synthesis,
        study=study,
        construct=construct,
        label=construct_label(construct),
        cell=cell,
        linked=linked,
        candidates=candidates,
        can_edit=can_edit_synthesis(actor, synthesis),
    )


def check_construct(construct: str) -> str:
    if construct not in Construct.values:
        raise ConstructNotFound()
    return construct


@dataclass(frozen=True)
class Quotation:
    segment: Segment
    source_title: str
    site_name: str


@dataclass(frozen=True)
class QuotationGroup:
    construct: str
    label: str
    study: Study
    quotations: list[Quotation]


@dataclass(frozen=True)
class Report:
    view: SynthesisView
    quotation_groups: list[QuotationGroup]

    @property
    def quotation_count(self) -> int:
        return sum(len(g.quotations) for g in self.quotation_groups)


def synthesis_report(*, actor: Actor, synthesis_id: int) -> Report:
    """Everything the exported report shows, quotations grouped by construct then study."""
    view = synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    by_cell: dict[tuple[int, str], list[Quotation]] = defaultdict(list)
    links = (
        CellSegment.objects.filter(cell__synthesis=view.synthesis)
        .select_related("cell", "segment__source__site")
        .order_by("segment__source__title", "segment__source_id", "segment__start", "segment_id")
    )
    studies = {s.pk: s for s in view.studies}
    for link in links:
        source = link.segment.source
        study = studies[link.cell.study_id]
        by_cell[(link.cell.study_id, link.cell.construct)].append(
            Quotation(
                segment=link.segment,
                source_title=source.title,
                site_name=source.site.name if source.site else study.name,
            )
        )
    groups = [
        QuotationGroup(
            construct=row.construct,
            label=row.label,
            study=cell.study,
            quotations=by_cell[(cell.study.pk, row.construct)],
        )
        for row in view.matrix.rows
        for cell in row.cells
        if by_cell.get((cell.study.pk, row.construct))
    ]
    return Report(view=view, quotation_groups=groups)
