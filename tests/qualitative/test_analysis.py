"""Retrieval across sites and code co-occurrence on a small example with known counts."""

from __future__ import annotations

import csv
import io

import pytest

from helhet.qualitative import analysis, codebook, coding, services
from helhet.qualitative.errors import CodingInvalid

from .conftest import construct_code

TEXT = "aaaaaaaaaa bbbbbbbbbb cccccccccc"


@pytest.fixture
def example(project, researcher):
    """Codes A and B under Trust, C under Culture. Source 1 (site Nord): s1 [0,10) {A,B},
    s2 [5,15) {C} overlapping s1, s3 [20,30) {A}, s4 [25,32) {B} overlapping s3.
    Source 2 (site Sør, observation notes): s5 [0,5) {A,C}."""
    trust, culture = construct_code(project, "trust"), construct_code(project, "culture")
    a = codebook.code_create(actor=researcher, project_id=project.pk, name="A", parent_id=trust.pk)
    b = codebook.code_create(actor=researcher, project_id=project.pk, name="B", parent_id=trust.pk)
    c = codebook.code_create(
        actor=researcher, project_id=project.pk, name="C", parent_id=culture.pk
    )
    nord = services.site_create(actor=researcher, project_id=project.pk, name="Nord")
    sor = services.site_create(actor=researcher, project_id=project.pk, name="Sør")
    one = services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="interview",
        title="1",
        text=TEXT,
        site_id=nord.pk,
    )
    two = services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="observation",
        title="2",
        text=TEXT,
        site_id=sor.pk,
    )
    spans = [
        (one, 0, 10, [a, b]),
        (one, 5, 15, [c]),
        (one, 20, 30, [a]),
        (one, 25, 32, [b]),
        (two, 0, 5, [a, c]),
    ]
    segments = [
        coding.segment_create(
            actor=researcher,
            source_id=source.pk,
            code_ids=[x.pk for x in codes],
            start=start,
            end=end,
        )
        for source, start, end, codes in spans
    ]
    return {
        "a": a,
        "b": b,
        "c": c,
        "trust": trust,
        "culture": culture,
        "nord": nord,
        "sor": sor,
        "segments": segments,
    }


def _cell(table, x, y) -> int:
    i = [c.pk for c in table.codes].index(x.pk)
    j = [c.pk for c in table.codes].index(y.pk)
    assert table.counts[i][j] == table.counts[j][i]
    return table.counts[i][j]


def test_cooccurrence_by_segment(project, researcher, example):
    a, b, c = example["a"], example["b"], example["c"]
    table = analysis.cooccurrence(actor=researcher, project_id=project.pk)
    assert (_cell(table, a, b), _cell(table, a, c), _cell(table, b, c)) == (1, 1, 0)
    assert (_cell(table, a, a), _cell(table, b, b), _cell(table, c, c)) == (3, 2, 2)


def test_cooccurrence_with_overlapping_segments(project, researcher, example):
    a, b, c = example["a"], example["b"], example["c"]
    table = analysis.cooccurrence(actor=researcher, project_id=project.pk, mode="overlap")
    # A–B: s1 itself, and s3 (A) overlapping s4 (B); A–C: s5, and s1 (A) over s2 (C);
    # B–C: s1 (B) over s2 (C). The diagonal stays the number of segments.
    assert (_cell(table, a, b), _cell(table, a, c), _cell(table, b, c)) == (2, 2, 1)
    assert (_cell(table, a, a), _cell(table, b, b), _cell(table, c, c)) == (3, 2, 2)


def test_cooccurrence_at_the_top_level_and_by_site(project, researcher, example):
    trust, culture = example["trust"], example["culture"]
    top = analysis.cooccurrence(actor=researcher, project_id=project.pk, level="top")
    assert len(top.codes) == 5
    assert (_cell(top, trust, trust), _cell(top, culture, culture)) == (4, 2)
    assert _cell(top, trust, culture) == 1
    nord = analysis.cooccurrence(
        actor=researcher, project_id=project.pk, site_id=example["nord"].pk
    )
    assert _cell(nord, example["a"], example["c"]) == 0
    obs = analysis.cooccurrence(actor=researcher, project_id=project.pk, kind="observation")
    assert _cell(obs, example["a"], example["c"]) == 1
    with pytest.raises(CodingInvalid):
        analysis.cooccurrence(actor=researcher, project_id=project.pk, mode="other")


def test_cooccurrence_csv(project, researcher, example):
    example["c"].name = "=HYPERLINK(1)"
    example["c"].save()
    table = analysis.cooccurrence(actor=researcher, project_id=project.pk)
    rows = list(csv.reader(io.StringIO(analysis.cooccurrence_csv(table))))
    assert rows[0][0] == "" and len(rows) == len(table.codes) + 1
    assert "'=HYPERLINK(1)" in rows[0]
    names = rows[0][1:]
    row_a = next(r for r in rows[1:] if r[0] == "A")
    assert row_a[1 + names.index("B")] == "1"


def test_retrieval_across_sites_with_descendants(project, researcher, example):
    trust = example["trust"]
    found = analysis.code_segments(actor=researcher, code_id=trust.pk)
    assert found.total == 4
    assert {s.source.site.name for s in found.segments} == {"Nord", "Sør"}
    # Ordered by site, then source, then position.
    assert [s.source.site.name for s in found.segments] == ["Nord", "Nord", "Nord", "Sør"]
    own = analysis.code_segments(actor=researcher, code_id=trust.pk, descendants=False)
    assert own.total == 0
    only_b = analysis.code_segments(actor=researcher, code_id=example["b"].pk)
    assert [(s.start, s.end) for s in only_b.segments] == [(0, 10), (25, 32)]
    sor = analysis.code_segments(actor=researcher, code_id=trust.pk, site_id=example["sor"].pk)
    assert [s.source.title for s in sor.segments] == ["2"]
    interviews = analysis.code_segments(actor=researcher, code_id=trust.pk, kind="interview")
    assert interviews.total == 3
    with pytest.raises(CodingInvalid):
        analysis.code_segments(actor=researcher, code_id=trust.pk, kind="poem")


def test_segments_of_construct_for_the_synthesis(project, example):
    found = analysis.segments_of_construct(project.pk, "trust")
    assert len(found) == 4
    assert len(analysis.segments_of_construct(project.pk, "trust", example["sor"].pk)) == 1


def test_retrieval_is_bounded_in_queries(
    project, researcher, example, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        found = analysis.code_segments(actor=researcher, code_id=example["trust"].pk)
        for s in found.segments:
            list(s.codes.all())
            assert s.source.site is not None
