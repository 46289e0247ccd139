"""Reads for qualitative coding.

Who may see what:
* Every observatory user (researcher, manager, coordinator, administrator) of the municipality
  reads its coding projects: sources, code book, codings, memos, retrieval and co-occurrence.
  The material is research data, pseudonymised before it is stored, so reading it logs no
  access-log rows (no person's data is read).
* The project's creator and its named members (staff of the municipality) edit it, as long as
  they use the observatory (``policies.can_edit_project``). Others get a 403, other
  municipalities a 404.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Length

from helhet.meetings.models import Meeting, Participant
from helhet.observatory.policies import require_observatory
from helhet.qualitative import codetree
from helhet.qualitative.errors import (
    CodeNotFound,
    MemoNotFound,
    ProjectNotFound,
    SegmentNotFound,
    SiteNotFound,
    SourceNotFound,
)
from helhet.qualitative.models import Code, Memo, Project, Segment, Site, Source
from helhet.qualitative.policies import can_edit_project, require_project_editor
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User


def projects_for(actor: Actor) -> QuerySet[Project]:
    require_observatory(actor)
    return Project.objects.filter(municipality_id=actor.municipality_id)


def project_list(*, actor: Actor) -> list[Project]:
    """The municipality's coding projects, with the number of sources and segments."""
    return list(
        projects_for(actor)
        .select_related("created_by")
        .annotate(
            source_count=Count("sources", distinct=True),
            site_count=Count("sites", distinct=True),
        )
    )


def project_get(*, actor: Actor, project_id: int) -> Project:
    project = projects_for(actor).select_related("created_by").filter(pk=project_id).first()
    if project is None:
        raise ProjectNotFound()
    return project


def project_for_edit(actor: Actor, project_id: int) -> Project:
    """The project, locked, if the actor may edit it: 404 outside the municipality (403 for
    someone outside the observatory), 403 for an observatory user who is not a member."""
    project = project_get(actor=actor, project_id=project_id)
    require_project_editor(actor, project)
    return Project.objects.select_for_update().get(pk=project.pk)


def site_choices(project: Project) -> list[tuple[int, str]]:
    return list(project.sites.order_by("name", "id").values_list("pk", "name"))


def project_members(project: Project) -> list[User]:
    return list(project.members.order_by("last_name", "first_name", "id"))


def staff_of_municipality(municipality_id: int) -> QuerySet[User]:
    """Staff with an active membership in the municipality: who may be made a project member."""
    return (
        User.objects.filter(
            memberships__municipality_id=municipality_id, memberships__active=True, is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def site_get(*, actor: Actor, site_id: int) -> Site:
    site = (
        Site.objects.filter(pk=site_id, project__in=projects_for(actor))
        .select_related("project", "network")
        .first()
    )
    if site is None:
        raise SiteNotFound()
    return site


def source_get(*, actor: Actor, source_id: int) -> Source:
    source = (
        Source.objects.filter(pk=source_id, project__in=projects_for(actor))
        .select_related("project", "site")
        .first()
    )
    if source is None:
        raise SourceNotFound()
    return source


def code_get(*, actor: Actor, code_id: int) -> Code:
    code = Code.objects.filter(pk=code_id, project__in=projects_for(actor)).first()
    if code is None:
        raise CodeNotFound()
    return code


def segment_get(*, actor: Actor, segment_id: int) -> Segment:
    segment = (
        Segment.objects.filter(pk=segment_id, source__project__in=projects_for(actor))
        .select_related("source", "source__project")
        .first()
    )
    if segment is None:
        raise SegmentNotFound()
    return segment


def memo_get(*, actor: Actor, memo_id: int) -> Memo:
    memo = Memo.objects.filter(pk=memo_id, project__in=projects_for(actor)).first()
    if memo is None:
        raise MemoNotFound()
    return memo


# ---------------------------------------------------------------------------- a project


@dataclass(frozen=True)
class ProjectView:
    project: Project
    sites: list[Site]
    sources: list[Source]
    members: list[User]
    codes: list[codetree.CodeNode]
    memos: list[Memo]
    can_edit: bool


def project_detail(*, actor: Actor, project_id: int) -> ProjectView:
    project = project_get(actor=actor, project_id=project_id)
    return ProjectView(
        project=project,
        sites=list(project.sites.select_related("network").annotate(source_count=Count("sources"))),
        sources=list(
            project.sources.select_related("site")
            .annotate(segment_count=Count("segments"), text_length=Length("text"))
            .defer("text")
        ),
        members=project_members(project),
        codes=codetree.code_tree(project.pk),
        memos=list(
            Memo.objects.filter(project=project, code=None, source=None, segment=None)
            .select_related("author")
            .order_by("-created_at", "-id")
        ),
        can_edit=can_edit_project(actor, project),
    )


# ---------------------------------------------------------------------------- a source


@dataclass(frozen=True)
class Piece:
    """A run of the source's text covered by the same set of segments (none: not coded)."""

    start: int
    text: str
    segments: list[Segment]
    # Segments that end right after this piece: their labels follow it.
    ending: list[Segment]

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def code_names(self) -> str:
        names: list[str] = []
        for segment in self.segments:
            for code in segment.codes.all():
                if code.name not in names:
                    names.append(code.name)
        return "; ".join(names)


def pieces_of(text: str, segments: list[Segment]) -> list[Piece]:
    """Cut the text at every segment boundary; each piece knows the segments covering it.

    Overlapping and nested segments are fine: a piece inside two segments lists both.
    """
    bounds = sorted({0, len(text)} | {s.start for s in segments} | {s.end for s in segments})
    starting: dict[int, list[Segment]] = defaultdict(list)
    ending: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        starting[segment.start].append(segment)
        ending[segment.end].append(segment)
    active: dict[int, Segment] = {}
    pieces: list[Piece] = []
    for a, b in itertools.pairwise(bounds):
        for segment in ending.get(a, []):
            active.pop(segment.pk, None)
        for segment in starting.get(a, []):
            active[segment.pk] = segment
        if b <= a:
            continue
        covering = sorted(active.values(), key=lambda s: (s.start, s.pk))
        pieces.append(
            Piece(
                start=a,
                text=text[a:b],
                segments=covering,
                ending=sorted(ending.get(b, []), key=lambda s: (s.start, s.pk)),
            )
        )
    return pieces


@dataclass(frozen=True)
class SourceView:
    source: Source
    project: Project
    segments: list[Segment]
    pieces: list[Piece]
    memos: list[Memo]
    can_edit: bool
    # Segment number (1, 2, … in text order) per segment id, used by labels and the table.
    numbers: dict[int, int]


def segments_with_codes(qs: QuerySet[Segment]) -> QuerySet[Segment]:
    return qs.prefetch_related(
        Prefetch("codes", queryset=Code.objects.order_by("name", "id")),
        Prefetch("memos", queryset=Memo.objects.select_related("author")),
    )


def source_detail(*, actor: Actor, source_id: int) -> SourceView:
    source = source_get(actor=actor, source_id=source_id)
    segments = list(segments_with_codes(Segment.objects.filter(source=source)))
    numbers = {s.pk: n for n, s in enumerate(segments, start=1)}
    for segment in segments:
        segment.number = numbers[segment.pk]  # type: ignore[attr-defined]
    return SourceView(
        source=source,
        project=source.project,
        segments=segments,
        pieces=pieces_of(source.text, segments),
        memos=list(Memo.objects.filter(source=source).select_related("author")),
        can_edit=can_edit_project(actor, source.project),
        numbers=numbers,
    )


def code_memos(code_id: int) -> list[Memo]:
    return list(Memo.objects.filter(code_id=code_id).select_related("author"))


def code_memos_of_project(project_id: int) -> dict[int, list[Memo]]:
    memos: dict[int, list[Memo]] = defaultdict(list)
    for memo in Memo.objects.filter(project_id=project_id, code__isnull=False).select_related(
        "author"
    ):
        if memo.code_id is not None:
            memos[memo.code_id].append(memo)
    return memos


# ---------------------------------------------------------------------------- meetings


def meetings_for_import(actor: Actor) -> QuerySet[Meeting]:
    """Meetings of the actor's municipality that the actor's organisation takes part in: the
    only ones whose minutes it may ask to use. Scoping only, nothing about a person is read."""
    return Meeting.objects.filter(
        Exists(
            Participant.objects.filter(
                meeting_id=OuterRef("pk"), organisation_id=actor.organisation_id
            )
        ),
        municipality_id=actor.municipality_id,
    )


# The import page lists at most this many meetings, latest first.
MEETINGS_LISTED = 100


def meeting_choices_for_import(actor: Actor) -> list[Meeting]:
    """Meetings with minutes the actor's organisation took part in, latest first. Only the
    kind, the date and whether a person or family is concerned are fetched (not the title,
    which for a family meeting may name the family), so listing them reads no personal data."""
    require_observatory(actor)
    return list(
        meetings_for_import(actor)
        .exclude(minutes="")
        .filter(starts_at__isnull=False)
        .only("id", "kind", "starts_at", "person_id", "family_id")
        .order_by("-starts_at", "-id")[:MEETINGS_LISTED]
    )


def imported_meeting_ids(project_id: int) -> set[int]:
    return set(
        Source.objects.filter(project_id=project_id, meeting__isnull=False).values_list(
            "meeting_id", flat=True
        )
    )
