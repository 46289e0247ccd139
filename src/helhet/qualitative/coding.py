"""Coding text: a segment is a span of a source's text with one or more codes.

A span is given as character offsets (``start`` inclusive, ``end`` exclusive, in Unicode code
points, see ``text``) — the page's script fills them from the user's selection — or as a
quote typed or pasted by the user, which is looked up in the text: exactly, or else with
white space matched loosely. A quote found more than once needs a choice of occurrence
(``occurrence_start``). White space at either end of a span is left out.

Segments may overlap. The same span coded again gets the new codes on the existing segment.
A segment lives while a code or a memo is attached to it: removing its last code deletes it
unless it carries a memo.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.qualitative import selectors
from helhet.qualitative.codebook import drop_bare_segments
from helhet.qualitative.errors import CodingInvalid, QuoteAmbiguous, QuoteNotFound
from helhet.qualitative.models import Code, Coding, Project, Segment, Source
from helhet.qualitative.text import find_quote, trim_span
from helhet.tenancy.actor import Actor

MAX_CODES_PER_CALL = 50


def _codes(project: Project, code_ids: Iterable[int]) -> list[Code]:
    wanted = sorted(set(code_ids))
    if not wanted:
        raise CodingInvalid(N_("Choose at least one code."), details={"field": "code_ids"})
    if len(wanted) > MAX_CODES_PER_CALL:
        raise CodingInvalid(N_("Too many codes at once."), details={"field": "code_ids"})
    codes = list(Code.objects.filter(project=project, pk__in=wanted))
    if len(codes) != len(wanted):
        raise CodingInvalid(
            N_("One or more of the codes is not in this project."), details={"field": "code_ids"}
        )
    return codes


def resolve_span(
    text: str,
    *,
    start: int | None,
    end: int | None,
    quote: str = "",
    occurrence_start: int | None = None,
) -> tuple[int, int]:
    """The span to code, from offsets or from a quote (see the module's docstring)."""
    if start is not None or end is not None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            raise CodingInvalid(
                N_("The selection is outside the text. Select the passage again."),
                details={"field": "start", "length": len(text)},
            )
    else:
        occurrences = find_quote(text, quote)
        if not quote.strip():
            raise CodingInvalid(
                N_("Select a passage in the text, or type or paste the exact quote."),
                details={"field": "quote"},
            )
        if not occurrences:
            raise QuoteNotFound(details={"field": "quote"})
        if occurrence_start is not None:
            chosen = [o for o in occurrences if o.start == occurrence_start]
            if not chosen:
                raise CodingInvalid(
                    N_("The chosen occurrence does not match the quote."),
                    details={"field": "occurrence_start"},
                )
            occurrences = chosen
        if len(occurrences) > 1:
            raise QuoteAmbiguous(
                details={
                    "field": "quote",
                    "occurrences": [
                        {"start": o.start, "end": o.end, "before": o.before, "after": o.after}
                        for o in occurrences
                    ],
                }
            )
        start, end = occurrences[0].start, occurrences[0].end
    start, end = trim_span(text, start, end)
    if start >= end:
        raise CodingInvalid(N_("The selection holds only white space."), details={"field": "start"})
    return start, end


def _source_for_edit(actor: Actor, source_id: int) -> tuple[Project, Source]:
    source = selectors.source_get(actor=actor, source_id=source_id)
    project = selectors.project_for_edit(actor, source.project_id)
    return project, source


def _add_codings(actor: Actor, segment: Segment, codes: list[Code]) -> list[int]:
    have = set(Coding.objects.filter(segment=segment).values_list("code_id", flat=True))
    new = [c for c in codes if c.pk not in have]
    Coding.objects.bulk_create(
        [Coding(segment=segment, code=c, created_by=actor.user) for c in new]
    )
    return [c.pk for c in new]


@transaction.atomic
def segment_create(
    *,
    actor: Actor,
    source_id: int,
    code_ids: Iterable[int],
    start: int | None = None,
    end: int | None = None,
    quote: str = "",
    occurrence_start: int | None = None,
) -> Segment:
    """Code a span of the source's text with one or more codes."""
    project, source = _source_for_edit(actor, source_id)
    codes = _codes(project, code_ids)
    start, end = resolve_span(
        source.text, start=start, end=end, quote=quote, occurrence_start=occurrence_start
    )
    segment = Segment.objects.filter(source=source, start=start, end=end).first()
    created = segment is None
    if segment is None:
        segment = Segment(
            source=source, start=start, end=end, text=source.text[start:end], created_by=actor.user
        )
        segment.full_clean()
        segment.save()
    added = _add_codings(actor, segment, codes)
    change_record(
        actor=actor,
        action="qualitative.segment_create" if created else "qualitative.segment_code_add",
        instance=segment,
        changes={"source": source.pk, "start": start, "end": end, "codes": added},
    )
    return segment


@transaction.atomic
def segment_code_add(*, actor: Actor, segment_id: int, code_ids: Iterable[int]) -> Segment:
    segment = selectors.segment_get(actor=actor, segment_id=segment_id)
    project = selectors.project_for_edit(actor, segment.source.project_id)
    added = _add_codings(actor, segment, _codes(project, code_ids))
    change_record(
        actor=actor,
        action="qualitative.segment_code_add",
        instance=segment,
        changes={"codes": added},
    )
    return segment


@transaction.atomic
def segment_uncode(*, actor: Actor, segment_id: int, code_id: int) -> bool:
    """Take a code off a segment. Returns whether the segment is still there (it goes with
    its last code unless a memo is attached to it)."""
    segment = selectors.segment_get(actor=actor, segment_id=segment_id)
    selectors.project_for_edit(actor, segment.source.project_id)
    deleted, _rows = Coding.objects.filter(segment=segment, code_id=code_id).delete()
    if not deleted:
        raise CodingInvalid(
            N_("The segment is not coded with that code."), details={"field": "code_id"}
        )
    change_record(
        actor=actor,
        action="qualitative.segment_uncode",
        instance=segment,
        changes={"code": code_id},
    )
    return drop_bare_segments([segment.pk]) == 0


@transaction.atomic
def segment_delete(*, actor: Actor, segment_id: int) -> Segment:
    """Remove a segment with its codings and memos."""
    segment = selectors.segment_get(actor=actor, segment_id=segment_id)
    selectors.project_for_edit(actor, segment.source.project_id)
    change_record(
        actor=actor,
        action="qualitative.segment_delete",
        instance=segment,
        changes={"source": segment.source_id, "start": segment.start, "end": segment.end},
    )
    segment.delete()
    return segment
