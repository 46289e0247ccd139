"""The translation matrix: a cell takes only segments of its site coded under its construct
(sub-codes included) and refuses the others with a clear message."""

from __future__ import annotations

import pytest

from helhet.core.errors import NotFound, ValidationFailed
from helhet.synthesis import selectors
from helhet.synthesis.errors import SegmentRefused
from helhet.synthesis.models import CellSegment, MatrixCell
from helhet.synthesis.services.matrix import cell_save, cell_segment_unlink, cell_segments_link
from helhet.synthesis.services.projects import study_add


def _link(s, study, construct, *segments):
    return cell_segments_link(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=study.pk,
        construct=construct,
        segment_ids=[x.pk for x in segments],
    )


def _linked(cell):
    return set(CellSegment.objects.filter(cell=cell).values_list("segment_id", flat=True))


def test_a_cell_takes_its_sites_segments_under_its_construct_and_sub_codes(syn):
    s, c = syn, syn.c
    # Coded two levels below the trust construct.
    cell = _link(s, s.norway, "trust", c.no_trust)
    assert _linked(cell) == {c.no_trust.pk}
    # Coded under a sub-code of leadership; linking again changes nothing.
    cell = _link(s, s.norway, "leadership", c.no_leadership, c.no_leadership)
    assert _linked(cell) == {c.no_leadership.pk}
    _link(s, s.norway, "leadership", c.no_leadership)
    assert CellSegment.objects.filter(cell=cell).count() == 1
    qc = _link(s, s.quebec, "trust", c.qc_trust)
    assert _linked(qc) == {c.qc_trust.pk}


@pytest.mark.parametrize(
    ("study", "construct", "segment", "message"),
    [
        ("quebec", "trust", "no_trust", "from another site"),
        ("norway", "trust", "qc_trust", "from another site"),
        ("norway", "governance", "no_trust", "not coded under this construct"),
        ("norway", "trust", "no_other", "not coded under this construct"),
        ("quebec", "resources", "no_governance", "from another site"),
    ],
)
def test_a_cell_refuses_other_sites_and_other_constructs(syn, study, construct, segment, message):
    s = syn
    refused = getattr(s.c, segment)
    with pytest.raises(SegmentRefused, match=message) as caught:
        _link(s, getattr(s, study), construct, refused)
    assert caught.value.status_code == 400
    assert caught.value.details == {"segment_id": refused.pk}
    assert not CellSegment.objects.exists()


def test_one_wrong_segment_refuses_the_lot(syn):
    s, c = syn, syn.c
    with pytest.raises(SegmentRefused):
        _link(s, s.norway, "trust", c.no_trust, c.no_governance)
    assert not CellSegment.objects.exists()


def test_unknown_segments_constructs_external_studies(syn, stranger):
    s, c = syn, syn.c
    with pytest.raises(SegmentRefused, match="does not exist"):
        cell_segments_link(
            actor=s.researcher,
            synthesis_id=s.sid,
            study_id=s.norway.pk,
            construct="trust",
            segment_ids=[999_999],
        )
    with pytest.raises(NotFound):
        _link(s, s.norway, "weather", c.no_trust)
    external = study_add(
        actor=s.researcher, synthesis_id=s.sid, name="Tyskland", reference="Rapport 2016."
    )
    with pytest.raises(SegmentRefused, match="external study"):
        _link(s, external, "trust", c.no_trust)
    with pytest.raises(ValidationFailed, match="at least one segment"):
        _link(s, s.norway, "trust")
    # Unlinking what is not linked: not found.
    with pytest.raises(NotFound):
        cell_segment_unlink(
            actor=s.researcher,
            synthesis_id=s.sid,
            study_id=s.norway.pk,
            construct="trust",
            segment_id=c.no_trust.pk,
        )


def test_cell_detail_offers_the_candidates_and_shows_the_linked_with_their_source(syn):
    s, c = syn, syn.c
    detail = selectors.cell_detail(
        actor=s.researcher, synthesis_id=s.sid, study_id=s.norway.pk, construct="trust"
    )
    assert detail.cell is None and detail.linked == []
    assert [x.pk for x in detail.candidates] == [c.no_trust.pk]
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        interpretation="Tillit og mistillit lever side om side.",
    )
    _link(s, s.norway, "trust", c.no_trust)
    detail = selectors.cell_detail(
        actor=s.researcher, synthesis_id=s.sid, study_id=s.norway.pk, construct="trust"
    )
    assert detail.interpretation.startswith("Tillit og mistillit")
    assert [x.pk for x in detail.linked] == [c.no_trust.pk] and detail.candidates == []
    assert detail.linked[0].source.title == "Intervju OSK 1"
    cell_segment_unlink(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        segment_id=c.no_trust.pk,
    )
    assert not CellSegment.objects.exists()
    assert MatrixCell.objects.get().interpretation  # the interpretation stays


def test_matrix_has_a_row_per_construct_and_a_column_per_study(syn):
    s = syn
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.quebec.pk,
        construct="resources",
        interpretation="Flere finansieringskilder.",
    )
    _link(s, s.quebec, "resources", s.c.qc_resources)
    matrix = selectors.synthesis_detail(actor=s.researcher, synthesis_id=s.sid).matrix
    assert [r.construct for r in matrix.rows] == [
        "governance",
        "trust",
        "resources",
        "culture",
        "leadership",
    ]
    assert [st.name for st in matrix.studies] == ["Norge: OSK-teamet", "Québec: CSSS-nettverk"]
    cells = {(r.construct, cv.study.pk): cv for r in matrix.rows for cv in r.cells}
    assert len(cells) == 10
    filled = cells[("resources", s.quebec.pk)]
    assert filled.interpretation == "Flere finansieringskilder." and filled.segment_count == 1
    assert cells[("resources", s.norway.pk)].cell is None
