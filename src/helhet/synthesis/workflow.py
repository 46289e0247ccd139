"""The seven steps of meta-ethnography as a guided workflow, and what each step needs.

Steps follow Noblit and Hare as seed 000 used them. A step is marked done only when the
steps before it are done and what it needs exists; it may be reopened at any time (the
method is iterative), which leaves the later steps as they are.

Names, guidance and needs are kept untranslated (``gettext_noop``) and translated where
they are shown, so a refusal carries the same text the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

from helhet.observatory.constructs import Construct
from helhet.synthesis import coded
from helhet.synthesis.models import SynthesisProject


@dataclass(frozen=True)
class StepDefinition:
    number: int
    name: str
    guidance: str
    needs: str


STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(
        1,
        N_("Getting started"),
        N_(
            "Say what the comparison should teach you and why it is worth making. Write the "
            "research question, name the researchers, and take stock of the material that "
            "exists for each site before anything is coded."
        ),
        N_("Step 1 needs a research question and at least one researcher."),
    ),
    StepDefinition(
        2,
        N_("Deciding what is relevant"),
        N_(
            "Choose the sites and studies that speak to the question, and write down why "
            "others were left out. Sites coded in Helhet bring their coded segments; studies "
            "coded elsewhere are added as external studies with a reference."
        ),
        N_("Step 2 needs at least two sites or studies to compare."),
    ),
    StepDefinition(
        3,
        N_("Reading the studies"),
        N_(
            "Read each study closely, more than once. Note its key concepts, metaphors and "
            "findings in its own terms before comparing it with the others."
        ),
        N_("Step 3 needs source material in Helhet for every coded site."),
    ),
    StepDefinition(
        4,
        N_("A common analytical grid"),
        N_(
            "Agree on the grid every study is read through. Here it is the five constructs: "
            "governance and power relations, mutuality and trust, resource management, "
            "organisational culture and leadership. Each construct needs a code (sub-codes "
            "may refine it) in the code book of every coding project."
        ),
        N_("Step 4 needs a code for each of the five constructs in every coding project."),
    ),
    StepDefinition(
        5,
        N_("Thematic coding across studies"),
        N_(
            "Code passages in every site with the same code book, so that what each site says "
            "about a construct can be put side by side with the others."
        ),
        N_("Step 5 needs segments coded under a construct in at least two sites."),
    ),
    StepDefinition(
        6,
        N_("Translating the studies into one another"),
        N_(
            "For each construct and site, write how the site's findings read in the light of "
            "the other sites (second-order interpretation), and link the coded segments that "
            "support it. Fill the matrix one construct at a time."
        ),
        N_(
            "Step 6 needs at least one filled matrix row: one construct with an "
            "interpretation for every site and study."
        ),
    ),
    StepDefinition(
        7,
        N_("Expressing the synthesis"),
        N_(
            "Write what the comparison shows beyond any single site (third-order "
            "interpretation): a line of argument, where the studies agree (reciprocal "
            "translation) or where they contradict one another (refutational translation). "
            "Then export the report."
        ),
        N_("Step 7 needs at least one third-order synthesis note."),
    ),
)

ORDER_MESSAGE = N_("Complete the steps before this one first.")


def step_definition(number: int) -> StepDefinition:
    return STEPS[number - 1]


@dataclass(frozen=True)
class WorkflowFacts:
    """What exists in a project, as far as the steps' needs go."""

    has_question: bool
    researchers: int
    studies: int
    coded_sites_without_sources: int
    projects_missing_constructs: int
    sites_with_coding: int
    filled_rows: int
    notes: int

    def met(self, number: int) -> bool:
        return {
            1: self.has_question and self.researchers >= 1,
            2: self.studies >= 2,
            3: self.coded_sites_without_sources == 0,
            4: self.projects_missing_constructs == 0,
            5: self.sites_with_coding >= 2,
            6: self.filled_rows >= 1,
            7: self.notes >= 1,
        }[number]


def workflow_facts(synthesis: SynthesisProject) -> WorkflowFacts:
    """A bounded number of queries (eight), whatever the size of the material."""
    studies = list(synthesis.studies.values_list("pk", "site_id"))
    site_ids = [site_id for _pk, site_id in studies if site_id is not None]
    project_ids = list(synthesis.coding_projects.values_list("pk", flat=True))
    with_sources = coded.sites_with_sources(site_ids)
    interpreted: dict[str, set[int]] = {}
    for study_id, construct in synthesis.cells.exclude(interpretation="").values_list(
        "study_id", "construct"
    ):
        interpreted.setdefault(construct, set()).add(study_id)
    study_ids = {pk for pk, _site in studies}
    return WorkflowFacts(
        has_question=bool(synthesis.question.strip()),
        researchers=synthesis.researchers.count(),
        studies=len(studies),
        coded_sites_without_sources=len(set(site_ids) - with_sources),
        projects_missing_constructs=len(coded.projects_missing_constructs(project_ids)),
        sites_with_coding=len(coded.sites_with_construct_coding(site_ids, project_ids)),
        filled_rows=sum(
            1 for c in Construct.values if study_ids and study_ids <= interpreted.get(c, set())
        ),
        notes=synthesis.notes.count(),
    )
