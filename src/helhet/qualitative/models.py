"""Qualitative coding: a project's sources (interviews, observation notes, documents, and
pseudonymised meeting minutes taken from the platform with consent), a hierarchical code book
seeded with the five constructs, coded text segments and memos.

A segment is a span of a source's text (character offsets into ``Source.text``, end
exclusive), with a copy of the text so retrieval does not re-slice. Sources hold research
material, which must be pseudonymised before it is stored: names of clients never go in.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel
from helhet.observatory.constructs import Construct


class SourceKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview transcript")
    OBSERVATION = "observation", _("Observation notes")
    DOCUMENT = "document", _("Document")
    MINUTES = "minutes", _("Meeting minutes (pseudonymised)")


class Project(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Besides the creator, the staff who may edit the project (code, add sources, write memos).
    members = models.ManyToManyField(
        "tenancy.User", blank=True, related_name="+", verbose_name=_("project members")
    )
    # Stable identifiers for the REFI-QDA export (the same object keeps its GUID across exports).
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("coding project")
        verbose_name_plural = _("coding projects")

    def __str__(self) -> str:
        return self.title


class Site(models.Model):
    """Where material comes from: a study site or a case (e.g. Norway, Quebec)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    network = models.ForeignKey(
        "networks.Network",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("network"),
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="qualitative_site_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sources")
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    # Minutes taken from a meeting in the platform; kept so they are not imported twice.
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="qualitative_source_kind"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Code(models.Model):
    """A code in the project's code book; codes nest under a parent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The construct of the grid this code belongs to (the seeded top-level codes carry it).
    construct = models.CharField(
        _("construct"), max_length=16, choices=Construct.choices, blank=True
    )
    color = models.CharField(_("colour"), max_length=7, default="#1E6FB8")
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "parent", "name"], name="qualitative_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="segments")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    codes: models.ManyToManyField[Code, Coding] = models.ManyToManyField(
        Code, through="Coding", related_name="segments"
    )
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["source_id", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="qualitative_segment_span"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Coding(models.Model):
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    created_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["segment", "code"], name="qualitative_coding_unique")
        ]

    def __str__(self) -> str:
        return f"segment {self.segment_id} → code {self.code_id}"


class Memo(models.Model):
    """A researcher's note, on the project, a code, a source or a segment."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memos")
    code = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A memo is about one thing at most: the project itself, or a code, a source or a
            # segment of it.
            models.CheckConstraint(
                condition=(
                    models.Q(code__isnull=True, source__isnull=True)
                    | models.Q(code__isnull=True, segment__isnull=True)
                    | models.Q(source__isnull=True, segment__isnull=True)
                ),
                name="qualitative_memo_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.text[:60]
