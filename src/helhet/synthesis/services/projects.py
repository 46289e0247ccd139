"""Writes of a synthesis project itself and of its studies (the columns of the matrix)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.observatory.policies import require_observatory
from helhet.qualitative.models import Project
from helhet.synthesis import coded
from helhet.synthesis.errors import SynthesisInvalid
from helhet.synthesis.models import STEP_COUNT, CellSegment, Step, Study, SynthesisProject
from helhet.synthesis.selectors import researcher_choices, study_get
from helhet.synthesis.services.common import TEXT_MAX, TITLE_MAX, checked_text, synthesis_for_edit
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User


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
    title = checked_text(
        title, field="title", limit=TITLE_MAX, required=N_("A project needs a title.")
    )
    question = checked_text(
        question,
        field="question",
        limit=TEXT_MAX,
        required=N_("State the research question the synthesis answers."),
    )
    description = checked_text(description, field="description", limit=TEXT_MAX)
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
    synthesis = synthesis_for_edit(actor, synthesis_id)
    title = checked_text(
        title, field="title", limit=TITLE_MAX, required=N_("A project needs a title.")
    )
    question = checked_text(
        question,
        field="question",
        limit=TEXT_MAX,
        required=N_("State the research question the synthesis answers."),
    )
    description = checked_text(description, field="description", limit=TEXT_MAX)
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
    synthesis = synthesis_for_edit(actor, synthesis_id)
    name = checked_text(name, field="name", limit=TITLE_MAX)
    reference = checked_text(reference, field="reference", limit=TEXT_MAX)
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
    synthesis = synthesis_for_edit(actor, synthesis_id)
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
