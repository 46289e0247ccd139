"""Reading the survey file: what is accepted, and every way it is refused (with lines)."""

from __future__ import annotations

import pytest
from django.utils import translation

from helhet.observatory.errors import SurveyFileInvalid
from helhet.observatory.survey_file import MAX_PROBLEMS, parse_survey_csv, survey_from_answers

HEADER = "unit_id,unit_type,activity,coordinator\n"


def _problems(data: bytes | str) -> list[tuple[int | None, str]]:
    # The expected texts below are the English ones; the default language is bokmål.
    with translation.override("en"):
        with pytest.raises(SurveyFileInvalid) as caught:
            parse_survey_csv(data)
        problems = caught.value.problems
        assert caught.value.details["problems"] == [p.as_dict() for p in problems]
        return [(p.line, p.text()) for p in problems]


def test_a_good_file_becomes_one_row_per_unit(hand_made_csv):
    survey = parse_survey_csv(hand_made_csv.encode())
    assert survey.unit_ids == ("U1", "U2", "U3", "U4", "U5")
    assert survey.unit_types[:3] == ("nursing_home", "home_care", "integrated")
    assert survey.counts.shape == (5, 24)
    assert survey.counts.sum() == 16 and survey.left_out == 3
    # U1: day centre by the municipality (column 0), social by the voluntary (5 · 4 + 1).
    assert survey.counts[0, 0] == 1 and survey.counts[0, 21] == 1
    assert survey.answers_per_activity()["social"] == 3


def test_columns_in_any_order_with_extra_ones_a_bom_and_crlf():
    data = (
        "\ufeffCoordinator ; x,Activity,unit_type,comment,unit_id\r\n"
        "municipality ; x,day_centre,nursing_home,fine,A\r\n"
        "\r\n"
        "joint ; x,social,nursing_home,,A\r\n"
    ).replace(" ; x", "")
    survey = parse_survey_csv(data.encode("utf-8"))
    assert survey.unit_ids == ("A",) and survey.answers == 2


def test_every_problem_is_reported_with_its_line():
    data = (
        HEADER
        + "1,nursing_home,day_centre,municipality\n"  # 2 fine
        + "1,nursing_home,dancing,municipality\n"  # 3 unknown activity
        + "2,hospital,social,joint\n"  # 4 unknown unit type
        + "3,home_care,social,someone\n"  # 5 unknown coordinator
        + "1,home_care,social,joint\n"  # 6 two unit types
        + "1,nursing_home,day_centre,joint\n"  # 7 unit × activity twice
        + "4,home_care,social\n"  # 8 missing a value
        + ",home_care,social,joint\n"  # 9 no unit id
    )
    problems = _problems(data)
    assert [line for line, _ in problems] == [3, 4, 5, 6, 7, 8, 9]
    text = dict(problems)
    assert "dancing" in text[3] and "day_centre" in text[3]
    assert "hospital" in text[4]
    assert "someone" in text[5]
    assert "home_care" in text[6] and "nursing_home" in text[6] and "line 2" in text[6]
    assert "twice" in text[7] and "line 2" in text[7]
    assert "3 values" in text[8]
    assert "empty" in text[9]


def test_a_missing_column_is_named():
    assert _problems("unit_id,unit_type,activity\n1,nursing_home,social\n") == [
        (
            1,
            "The header lacks the column(s) coordinator; it must name "
            "unit_id,unit_type,activity,coordinator.",
        )
    ]


@pytest.mark.parametrize("data", [b"", b"   \n\n", ""])
def test_an_empty_file_is_refused(data):
    assert _problems(data) == [(None, "The file is empty.")]


def test_a_header_without_answers_is_refused():
    assert _problems(HEADER) == [(None, "There are no answers.")]


def test_only_unsure_and_varies_leaves_nothing_to_analyse():
    (problem,) = _problems(HEADER + "1,nursing_home,social,unsure\n2,other,social,varies\n")
    assert "unsure" in problem[1] and problem[0] is None


def test_a_file_that_is_not_utf8_is_refused_with_the_line():
    data = (HEADER + "1,nursing_home,social,joint\n2,other,social,frivillig ").encode() + bytes(
        [0xE5]
    )
    assert _problems(data) == [
        (3, "The file is not UTF-8 text (byte 0xe5). Save it as CSV UTF-8 and try again.")
    ]


def test_problems_are_capped_but_counted():
    data = HEADER + "".join(f"{i},nursing_home,dancing,joint\n" for i in range(80))
    with pytest.raises(SurveyFileInvalid) as caught:
        parse_survey_csv(data)
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert caught.value.total == 80 and caught.value.details["total"] == 80


def test_a_broken_quote_is_a_problem_not_a_crash():
    problems = _problems(HEADER + '1,nursing_home,social,joint\n2,"other,social,joint\n')
    assert problems and problems[0][0] is not None


def test_values_are_trimmed_and_case_is_ignored():
    survey = parse_survey_csv(HEADER + " 7 , Nursing_Home , SOCIAL , Joint \n")
    assert survey.unit_ids == ("7",) and survey.unit_types == ("nursing_home",)


class _Row:
    def __init__(self, unit_id, unit_type, activity, coordinator):  # type: ignore[no-untyped-def]
        self.unit_id, self.unit_type = unit_id, unit_type
        self.activity, self.coordinator = activity, coordinator


def test_answers_from_the_database_go_through_the_same_checks():
    survey = survey_from_answers(
        [
            _Row(3, "home_care", "food_delivery", "voluntary"),
            _Row(3, "home_care", "social", "joint"),
        ],
        left_out=4,
    )
    assert survey.unit_ids == ("3",) and survey.left_out == 4
    with pytest.raises(SurveyFileInvalid) as caught:
        survey_from_answers([_Row(3, "home_care", "visiting_service", "voluntary")])
    assert caught.value.problems[0].line is None


def test_too_many_units_is_said_once(monkeypatch):
    from helhet.observatory import survey_file

    monkeypatch.setattr(survey_file, "MAX_UNITS", 2)
    data = HEADER + "".join(f"{i},nursing_home,social,joint\n" for i in range(6))
    assert _problems(data) == [(4, "More than 2 units.")]
