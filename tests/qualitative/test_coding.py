"""Coding text: offsets in code points (Norwegian letters included), quotes, overlaps, uncoding."""

from __future__ import annotations

import unicodedata

import pytest

from helhet.qualitative import coding, services
from helhet.qualitative.errors import CodingInvalid, QuoteAmbiguous, QuoteNotFound
from helhet.qualitative.models import Coding, Memo, Segment
from helhet.qualitative.selectors import pieces_of, source_detail

from .conftest import construct_code

TEXT = "Æøå først. Tillit bygges over tid.\nSå kom mandatet ovenfra; tillit kom senere."


@pytest.fixture
def source(project, researcher):
    return services.source_create(
        actor=researcher, project_id=project.pk, kind="interview", title="Intervju", text=TEXT
    )


def test_offsets_count_code_points_with_norwegian_letters(project, researcher, source):
    trust = construct_code(project, "trust")
    start = TEXT.index("Tillit")
    # "Æøå" before the passage are one position each: the offset is the Python index.
    assert start == 11
    segment = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], start=start, end=start + 6
    )
    assert segment.text == "Tillit"
    assert source.text[segment.start : segment.end] == "Tillit"


def test_decomposed_letters_are_composed_when_the_source_is_stored(project, researcher):
    decomposed = unicodedata.normalize("NFD", "På året: tillit.")
    assert len(decomposed) == len("På året: tillit.") + 2
    source = services.source_create(
        actor=researcher, project_id=project.pk, kind="document", title="NFD", text=decomposed
    )
    assert source.text == "På året: tillit."
    segment = coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "trust").pk],
        quote="tillit",
    )
    assert (segment.start, segment.end) == (9, 15)


def test_line_ends_are_normalised(project, researcher):
    source = services.source_create(
        actor=researcher, project_id=project.pk, kind="document", title="CRLF", text="a\r\nb\rc"
    )
    assert source.text == "a\nb\nc"


def test_quote_is_found_loosely_across_line_breaks(project, researcher, source):
    segment = coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "governance").pk],
        quote="over tid. Så kom",  # the text has a line break, not a space
    )
    assert segment.text == "over tid.\nSå kom"


def test_ambiguous_quote_needs_an_occurrence(project, researcher, source):
    trust = construct_code(project, "trust")
    with pytest.raises(QuoteAmbiguous) as caught:
        coding.segment_create(
            actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="kom"
        )
    occurrences = caught.value.details["occurrences"]
    assert [o["start"] for o in occurrences] == [TEXT.index("kom"), TEXT.rindex("kom")]
    second = occurrences[1]["start"]
    segment = coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[trust.pk],
        quote="kom",
        occurrence_start=second,
    )
    assert segment.start == second
    with pytest.raises(CodingInvalid):
        coding.segment_create(
            actor=researcher,
            source_id=source.pk,
            code_ids=[trust.pk],
            quote="kom",
            occurrence_start=3,
        )


def test_quote_not_found_and_bad_offsets_are_refused(project, researcher, source):
    trust = construct_code(project, "trust")
    with pytest.raises(QuoteNotFound):
        coding.segment_create(
            actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="finnes ikke"
        )
    for start, end in ((5, 5), (10, 3), (0, len(TEXT) + 1), (None, 4)):
        with pytest.raises(CodingInvalid):
            coding.segment_create(
                actor=researcher, source_id=source.pk, code_ids=[trust.pk], start=start, end=end
            )
    with pytest.raises(CodingInvalid):
        coding.segment_create(actor=researcher, source_id=source.pk, code_ids=[], quote="Tillit")
    assert not Segment.objects.exists()


def test_white_space_at_the_ends_is_left_out(project, researcher, source):
    start = TEXT.index("tid.")
    segment = coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "trust").pk],
        start=start,
        end=start + len("tid.\n"),
    )
    assert segment.text == "tid."


def test_overlapping_segments_and_the_same_span_twice(project, researcher, source):
    trust, gov = construct_code(project, "trust"), construct_code(project, "governance")
    a = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], start=11, end=33
    )
    b = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[gov.pk], start=18, end=45
    )
    again = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[gov.pk], start=11, end=33
    )
    assert again.pk == a.pk
    assert set(a.codes.values_list("pk", flat=True)) == {trust.pk, gov.pk}
    assert Segment.objects.count() == 2
    pieces = pieces_of(TEXT, [a, b])
    assert "".join(p.text for p in pieces) == TEXT
    covering = {p.text: {s.pk for s in p.segments} for p in pieces}
    assert covering[TEXT[18:33]] == {a.pk, b.pk}
    assert covering[TEXT[11:18]] == {a.pk}
    assert covering[TEXT[33:45]] == {b.pk}


def test_uncode_removes_the_segment_with_its_last_code_unless_a_memo_holds_it(
    project, researcher, source
):
    trust, gov = construct_code(project, "trust"), construct_code(project, "governance")
    segment = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk, gov.pk], quote="Tillit"
    )
    assert coding.segment_uncode(actor=researcher, segment_id=segment.pk, code_id=trust.pk)
    assert Segment.objects.filter(pk=segment.pk).exists()
    with pytest.raises(CodingInvalid):
        coding.segment_uncode(actor=researcher, segment_id=segment.pk, code_id=trust.pk)
    services.memo_create(
        actor=researcher, project_id=project.pk, segment_id=segment.pk, text="Viktig sitat"
    )
    assert coding.segment_uncode(actor=researcher, segment_id=segment.pk, code_id=gov.pk)
    assert Segment.objects.filter(pk=segment.pk).exists()  # held by its memo
    other = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="mandatet"
    )
    assert not coding.segment_uncode(actor=researcher, segment_id=other.pk, code_id=trust.pk)
    assert not Segment.objects.filter(pk=other.pk).exists()
    assert Memo.objects.count() == 1


def test_source_page_data_is_bounded_in_queries(
    project, researcher, source, django_assert_max_num_queries
):
    trust = construct_code(project, "trust")
    for n in range(20):
        coding.segment_create(
            actor=researcher, source_id=source.pk, code_ids=[trust.pk], start=n, end=n + 5
        )
    with django_assert_max_num_queries(8):
        view = source_detail(actor=researcher, source_id=source.pk)
        assert sum(len(list(s.codes.all())) for s in view.segments) == 20
    assert Coding.objects.count() == 20
