"""Retrieval and code co-occurrence (reads; observatory users of the municipality).

Co-occurrence, two ways (docs/qualitative.md has a worked example):

* ``segment`` (default): for codes a ≠ b, the number of segments coded with both.
* ``overlap``: for codes a ≠ b, the number of unordered pairs {x, y} of segments of the same
  source whose spans overlap (share at least one character), x = y included, such that one
  of them is coded a and the other b. So a segment coded with both counts once (as in
  ``segment``), and each pair of overlapping segments, one coded a and the other b, once.

In both, the diagonal is the number of segments coded with the code. With ``level="top"``
every code counts as its top-level code (a construct, for the seeded ones), so the table is
the five constructs (and any other top-level codes) with everything coded under them.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.utils.translation import gettext_noop as N_

from helhet.qualitative import codetree, selectors
from helhet.qualitative.errors import CodingInvalid
from helhet.qualitative.models import Code, Coding, Project, Segment, SourceKind
from helhet.tenancy.actor import Actor

MODES = ("segment", "overlap")
LEVELS = ("all", "top")
RETRIEVAL_LIMIT = 500


def _check_filters(project: Project, site_id: int | None, kind: str | None) -> None:
    if site_id is not None and not project.sites.filter(pk=site_id).exists():
        raise CodingInvalid(
            "The site does not belong to this project.", details={"field": "site_id"}
        )
    if kind is not None and kind not in SourceKind.values:
        raise CodingInvalid(N_("Unknown kind of source."), details={"field": "kind"})


def _segments(project: Project, site_id: int | None, kind: str | None) -> QuerySet[Segment]:
    qs = Segment.objects.filter(source__project=project)
    if site_id is not None:
        qs = qs.filter(source__site_id=site_id)
    if kind is not None:
        qs = qs.filter(source__kind=kind)
    return qs


# ---------------------------------------------------------------------------- retrieval


@dataclass(frozen=True)
class Retrieval:
    code: Code
    code_ids: list[int]
    segments: list[Segment]
    total: int
    limit: int


def code_segments(
    *,
    actor: Actor,
    code_id: int,
    descendants: bool = True,
    site_id: int | None = None,
    kind: str | None = None,
    limit: int = RETRIEVAL_LIMIT,
) -> Retrieval:
    """The segments coded with a code (and, by default, any code under it), across the
    project's sources and sites, by site, source and position. Four queries."""
    code = selectors.code_get(actor=actor, code_id=code_id)
    project = code.project
    _check_filters(project, site_id, kind)
    ids = codetree.descendant_ids(project.pk, code.pk) if descendants else [code.pk]
    qs = (
        _segments(project, site_id, kind)
        .filter(codings__code_id__in=ids)
        .distinct()
        .select_related("source", "source__site")
        .order_by("source__site__name", "source__title", "source_id", "start", "id")
    )
    segments = list(selectors.segments_with_codes(qs)[:limit])
    return Retrieval(code=code, code_ids=ids, segments=segments, total=qs.count(), limit=limit)


def segments_of_construct(
    project_id: int, construct: str, site_id: int | None = None
) -> list[Segment]:
    """Segments coded under a construct's code (with its sub-codes), for the synthesis. The
    caller has checked the actor may read the project."""
    qs = Segment.objects.filter(
        source__project_id=project_id, codings__code__construct=construct
    ).distinct()
    if site_id is not None:
        qs = qs.filter(source__site_id=site_id)
    return list(qs.select_related("source", "source__site").order_by("source_id", "start", "id"))


# ---------------------------------------------------------------------------- co-occurrence


@dataclass(frozen=True)
class Cooccurrence:
    codes: list[Code]
    # counts[i][j] for codes[i], codes[j]; symmetric; diagonal = segments coded.
    counts: list[list[int]]
    mode: str
    level: str

    @property
    def rows(self) -> list[tuple[Code, list[int]]]:
        return list(zip(self.codes, self.counts, strict=True))


def _columns(project_id: int, level: str) -> tuple[list[Code], dict[int, int]]:
    """The table's codes in code-book order, and the column of every code of the project."""
    tree = codetree.code_tree(project_id)
    if level == "top":
        codes = [node.code for node in tree]
        column: dict[int, int] = {}
        for i, root in enumerate(tree):
            for node in codetree.flatten([root]):
                column[node.code.pk] = i
        return codes, column
    nodes = codetree.flatten(tree)
    return [n.code for n in nodes], {n.code.pk: i for i, n in enumerate(nodes)}


def overlapping_pairs(spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Unordered pairs of distinct rows whose spans overlap within the same source.

    ``spans`` rows are (row, source, start, end) with end exclusive; a sweep over each
    source's segments sorted by start stops as soon as a later segment starts after the end.
    """
    by_source: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for row, source, start, end in spans:
        by_source[source].append((start, end, row))
    pairs: list[tuple[int, int]] = []
    for items in by_source.values():
        items.sort()
        for i, (_start, end, row) in enumerate(items):
            for other_start, _other_end, other in items[i + 1 :]:
                if other_start >= end:
                    break
                pairs.append((row, other))
    return pairs


def cooccurrence(
    *,
    actor: Actor,
    project_id: int,
    mode: str = "segment",
    level: str = "all",
    site_id: int | None = None,
    kind: str | None = None,
) -> Cooccurrence:
    project = selectors.project_get(actor=actor, project_id=project_id)
    if mode not in MODES:
        raise CodingInvalid(N_("Unknown mode."), details={"field": "mode"})
    if level not in LEVELS:
        raise CodingInvalid(N_("Unknown level."), details={"field": "level"})
    _check_filters(project, site_id, kind)
    codes, column = _columns(project.pk, level)
    segment_rows = list(
        _segments(project, site_id, kind).values_list("pk", "source_id", "start", "end")
    )
    row_of = {pk: i for i, (pk, *_rest) in enumerate(segment_rows)}
    incidence = np.zeros((len(segment_rows), len(codes)), dtype=np.int64)
    for segment_id, code_id in Coding.objects.filter(
        segment_id__in=list(row_of), code__project=project
    ).values_list("segment_id", "code_id"):
        if code_id in column:
            incidence[row_of[segment_id], column[code_id]] = 1
    counts = incidence.T @ incidence
    if mode == "overlap" and len(codes):
        extra = np.zeros_like(counts)
        spans = [(row_of[pk], source, start, end) for pk, source, start, end in segment_rows]
        for x, y in overlapping_pairs(spans):
            # Each code pair across the two segments counts once for the pair {x, y}.
            across = np.outer(incidence[x], incidence[y])
            extra += np.maximum(across, across.T)
        np.fill_diagonal(extra, 0)
        counts = counts + extra
    return Cooccurrence(
        codes=codes, counts=[[int(v) for v in row] for row in counts], mode=mode, level=level
    )


def _cell(value: str) -> str:
    """A code name as a CSV cell that a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def cooccurrence_csv(table: Cooccurrence) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["", *(_cell(c.name) for c in table.codes)])
    for code, row in table.rows:
        writer.writerow([_cell(code.name), *row])
    return out.getvalue()
