"""Reads of the qualitative coding app's material that the synthesis needs.

They belong in ``helhet.qualitative.selectors`` once that app has one; until then they live
here so the synthesis does not reach into another app's views. Every read is scoped to the
actor's municipality through the coding project. Coded material is pseudonymised research
data, not a person's record, so reading it writes no access-log rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Code, Project, Segment, Site, Source
from helhet.tenancy.actor import Actor


def coding_projects_for(actor: Actor) -> QuerySet[Project]:
    return Project.objects.filter(municipality_id=actor.municipality_id)


def sites_of_projects(project_ids: Iterable[int]) -> QuerySet[Site]:
    return (
        Site.objects.filter(project_id__in=list(project_ids))
        .select_related("project")
        .order_by("project__title", "name", "id")
    )


def site_for(actor: Actor, site_id: int) -> Site | None:
    return (
        Site.objects.filter(pk=site_id, project__municipality_id=actor.municipality_id)
        .select_related("project")
        .first()
    )


def code_constructs(project_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """Each code of the projects' code books → (project id, construct it falls under).

    A code falls under its own construct if it names one, otherwise under its nearest
    ancestor's; a code with no construct up its chain falls under none (""). One query.
    """
    rows = {
        pk: (project_id, parent_id, construct)
        for pk, project_id, parent_id, construct in Code.objects.filter(
            project_id__in=list(project_ids)
        ).values_list("pk", "project_id", "parent_id", "construct")
    }
    resolved: dict[int, tuple[int, str]] = {}
    for pk, (project_id, _parent, _construct) in rows.items():
        chain: list[int] = []
        current: int | None = pk
        found = ""
        # The chain is walked until a construct or a resolved ancestor; a (corrupt) cycle
        # ends the walk instead of looping.
        while current is not None and current in rows and current not in chain:
            if current in resolved:
                found = resolved[current][1]
                break
            chain.append(current)
            _p, parent, construct = rows[current]
            if construct:
                found = construct
                break
            current = parent
        for code_id in chain:
            resolved[code_id] = (rows[code_id][0], found)
        resolved.setdefault(pk, (project_id, found))
    return resolved


def codes_under(project_ids: Iterable[int], construct: str) -> set[int]:
    """The codes (with their sub-codes) of the projects that fall under the construct."""
    return {
        pk for pk, (_project, found) in code_constructs(project_ids).items() if found == construct
    }


def segments_coded_under(site: Site, construct: str) -> QuerySet[Segment]:
    """Segments of the site's sources coded under the construct or one of its sub-codes,
    with their source and codes, in reading order."""
    code_ids = codes_under([site.project_id], construct)
    return (
        Segment.objects.filter(
            source__site_id=site.pk,
            source__project_id=site.project_id,
            codings__code_id__in=code_ids,
        )
        .distinct()
        .select_related("source")
        .prefetch_related(Prefetch("codes", queryset=Code.objects.order_by("name", "id")))
        .order_by("source__title", "source_id", "start", "id")
    )


def sites_with_sources(site_ids: Iterable[int]) -> set[int]:
    return set(
        Source.objects.filter(site_id__in=list(site_ids))
        .values_list("site_id", flat=True)
        .distinct()
    )


def sites_with_construct_coding(site_ids: Iterable[int], project_ids: Iterable[int]) -> set[int]:
    """The sites that have at least one segment coded under some construct."""
    coded = [pk for pk, (_p, found) in code_constructs(project_ids).items() if found]
    return set(
        Segment.objects.filter(source__site_id__in=list(site_ids), codings__code_id__in=coded)
        .values_list("source__site_id", flat=True)
        .distinct()
    )


def projects_missing_constructs(project_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per project, the constructs that have no code in its code book."""
    ids = list(project_ids)
    present: dict[int, set[str]] = {pk: set() for pk in ids}
    for project_id, found in code_constructs(ids).values():
        if found:
            present[project_id].add(found)
    return {
        pk: [c for c in Construct.values if c not in have]
        for pk, have in present.items()
        if len(have) < len(Construct.values)
    }
