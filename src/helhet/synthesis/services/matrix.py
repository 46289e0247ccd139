"""The translation matrix: a cell's interpretation and the coded segments linked to it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.qualitative.models import Coding, Segment
from helhet.synthesis import coded
from helhet.synthesis.errors import SegmentNotFound, SegmentRefused
from helhet.synthesis.models import CellSegment, MatrixCell, Study, SynthesisProject
from helhet.synthesis.selectors import check_construct, study_get
from helhet.synthesis.services.common import TEXT_MAX, checked_text, synthesis_for_edit
from helhet.tenancy.actor import Actor

# A matrix cell is linked to at most this many segments in one request.
LINK_BATCH_MAX = 500


def _cell_for_edit(
    actor: Actor, synthesis_id: int, study_id: int, construct: str
) -> tuple[SynthesisProject, Study, MatrixCell]:
    synthesis = synthesis_for_edit(actor, synthesis_id)
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
    cell.interpretation = checked_text(interpretation, field="interpretation", limit=TEXT_MAX)
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
