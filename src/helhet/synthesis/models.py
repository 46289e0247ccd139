"""Cross-site synthesis by meta-ethnography (Noblit and Hare's seven steps, seed 000).

A synthesis project compares studies: sites coded in Helhet (``qualitative.Site``) and
studies coded elsewhere ("external studies", with a reference). Its translation matrix has a
cell per construct of the grid and study, holding the second-order interpretation and links
to the coded segments behind it; third-order notes express the synthesis. Synthesis work is
about research material (pseudonymised), never about a person, so nothing here is logged in
the access log; writes go to the change log.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Segment

STEP_COUNT = 7


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TranslationKind(models.TextChoices):
    """How a third-order note relates the studies (Noblit and Hare)."""

    LINES_OF_ARGUMENT = "lines_of_argument", _("Lines of argument")
    RECIPROCAL = "reciprocal", _("Reciprocal translation")
    REFUTATIONAL = "refutational", _("Refutational translation")


class SynthesisProject(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("research question"))
    description = models.TextField(_("description"), blank=True)
    coding_projects = models.ManyToManyField(
        "qualitative.Project", blank=True, related_name="+", verbose_name=_("coding projects")
    )
    researchers = models.ManyToManyField(
        "tenancy.User", related_name="+", verbose_name=_("researchers")
    )
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("synthesis project")
        verbose_name_plural = _("synthesis projects")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"], name="synthesis_project_unique_title"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Study(TenantModel):
    """A column of the matrix: a site coded in Helhet, or an external study.

    The name is kept even for a coded site, so the column survives (as an external study)
    if the coding project's site is deleted.
    """

    synthesis = models.ForeignKey(
        SynthesisProject, on_delete=models.CASCADE, related_name="studies"
    )
    site = models.ForeignKey(
        "qualitative.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("site"),
    )
    name = models.CharField(_("name"), max_length=200)
    reference = models.TextField(_("reference"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        constraints = [
            models.UniqueConstraint(fields=["synthesis", "name"], name="synthesis_study_name"),
            models.UniqueConstraint(
                fields=["synthesis", "site"],
                condition=models.Q(site__isnull=False),
                name="synthesis_study_site",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.site_id is None


class Step(TenantModel):
    """One of the seven steps of a project, with its status and the researchers' notes."""

    synthesis = models.ForeignKey(SynthesisProject, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("step"))
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    notes = models.TextField(_("notes"), blank=True)
    completed_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["synthesis_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["synthesis", "number"], name="synthesis_step_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=STEP_COUNT),
                name="synthesis_step_number",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StepStatus.values), name="synthesis_step_status"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StepStatus.DONE) | models.Q(completed_at__isnull=False),
                name="synthesis_step_done_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.synthesis_id}: {self.number}"


class MatrixCell(TenantModel):
    """A construct × study cell: the second-order interpretation and its coded segments."""

    synthesis = models.ForeignKey(SynthesisProject, on_delete=models.CASCADE, related_name="cells")
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="cells")
    construct = models.CharField(_("construct"), max_length=16, choices=Construct.choices)
    interpretation = models.TextField(_("second-order interpretation"), blank=True)
    segments: models.ManyToManyField[Segment, CellSegment] = models.ManyToManyField(
        "qualitative.Segment", through="CellSegment", related_name="+"
    )
    updated_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["study_id", "construct"]
        constraints = [
            models.UniqueConstraint(fields=["study", "construct"], name="synthesis_cell_unique"),
            models.CheckConstraint(
                condition=models.Q(construct__in=Construct.values), name="synthesis_cell_construct"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.study_id}: {self.construct}"


class CellSegment(TenantModel):
    cell = models.ForeignKey(MatrixCell, on_delete=models.CASCADE, related_name="links")
    segment = models.ForeignKey("qualitative.Segment", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cell_id", "segment_id"]
        constraints = [
            models.UniqueConstraint(fields=["cell", "segment"], name="synthesis_cell_segment")
        ]

    def __str__(self) -> str:
        return f"cell {self.cell_id} ← segment {self.segment_id}"


class SynthesisNote(TenantModel):
    """A third-order note: on one construct, or on the synthesis as a whole (no construct)."""

    synthesis = models.ForeignKey(SynthesisProject, on_delete=models.CASCADE, related_name="notes")
    construct = models.CharField(
        _("construct"), max_length=16, choices=Construct.choices, blank=True
    )
    kind = models.CharField(
        _("kind of translation"), max_length=24, choices=TranslationKind.choices
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["synthesis_id", "construct", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=TranslationKind.values), name="synthesis_note_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(construct="") | models.Q(construct__in=Construct.values),
                name="synthesis_note_construct",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.text[:60]
