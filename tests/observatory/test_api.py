"""POST /api/observatory/coordination: the same JSON as the command line."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from helhet.observatory.coordination import STATISTIC_NAMES
from tests.plans.conftest import api_client

URL = "/api/observatory/coordination"
KEYS = {"method", "replications", "confidence", "seed", "units", "statistics"}


def _post(client, body):  # type: ignore[no-untyped-def]
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_the_same_json_as_the_command_line(researcher, seed004_csv, tmp_path):
    response = _post(api_client(researcher), {"csv": seed004_csv, "seed": 1, "replications": 2000})
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == KEYS
    assert [s["name"] for s in data["statistics"]] == list(STATISTIC_NAMES)

    path = tmp_path / "survey.csv"
    path.write_text(seed004_csv, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "observatory", "coordination", str(path), "--json", "--seed", "1",
        "--replications", "2000", stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert json.loads(out.getvalue()) == data


def test_a_malformed_file_is_a_400_with_the_lines(researcher):
    body = {"csv": "unit_id,unit_type,activity,coordinator\n1,nursing_home,karate,joint\n"}
    response = _post(api_client(researcher), body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "survey_file_invalid"
    assert error["details"]["problems"][0]["line"] == 2
    assert "karate" in error["details"]["problems"][0]["message"]
    assert error["details"]["total"] == 1


def test_csv_is_needed_unless_the_source_is_volunteering(researcher):
    response = _post(api_client(researcher), {})
    assert response.status_code == 400
    assert response.json()["code"] == "analysis_settings_invalid"


def test_settings_out_of_range_are_422(researcher, hand_made_csv):
    client = api_client(researcher)
    for bad in ({"replications": 10}, {"confidence": 1}, {"seed": -1}):
        assert _post(client, {"csv": hand_made_csv, **bad}).status_code == 422, bad


def test_from_the_volunteering_module(researcher, volunteering, django_assert_max_num_queries):
    client = api_client(researcher)
    with django_assert_max_num_queries(8):
        response = _post(client, {"source": "volunteering", "replications": 1000, "seed": 2})
    assert response.status_code == 200, response.content
    assert response.json()["units"] == 3
    everywhere = _post(client, {"source": "volunteering", "scope": "all", "replications": 1000})
    assert everywhere.json()["units"] == 4


def test_caseworkers_are_refused(caseworker, hand_made_csv):
    response = _post(api_client(caseworker), {"csv": hand_made_csv})
    assert response.status_code == 403
    assert response.json()["code"] == "not_observatory_user"


def test_anonymous_is_401(db, hand_made_csv):
    from django.test import Client

    response = Client().post(
        URL, data=json.dumps({"csv": hand_made_csv}), content_type="application/json"
    )
    assert response.status_code == 401
