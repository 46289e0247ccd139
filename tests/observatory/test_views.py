"""The observatory's pages: landing page, the coordination analysis, chart and exports."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from helhet.observatory.tools import TOOLS, Tool, available_tools
from helhet.tenancy.models import Role
from tests.plans.conftest import assert_safe_page, web_client

FORM = {"replications": "1000", "seed": "4", "confidence": "0.95"}


def _upload(client, content: bytes | str, name: str = "survey.csv", **fields):  # type: ignore[no-untyped-def]
    data = content.encode() if isinstance(content, str) else content
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(
        reverse("web:observatory_coordination"),
        {"source": "file", "file": upload, "scope": "municipality", **FORM, **fields},
    )


def _result_url(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_menu_offers_the_observatory_to_its_users_only(researcher, caseworker):
    link = f'href="{reverse("web:observatory")}"'
    assert link in web_client(researcher).get(reverse("web:dashboard")).content.decode()
    assert link not in web_client(caseworker).get(reverse("web:dashboard")).content.decode()


def test_the_landing_page_lists_the_tools_that_exist(researcher):
    html = assert_safe_page(web_client(researcher).get(reverse("web:observatory")))
    assert reverse("web:observatory_coordination") in html
    assert "Who coordinates volunteer activities" in html


def test_a_tool_whose_page_does_not_exist_is_not_listed(db):
    missing = Tool("web:observatory_no_such_tool", "Nothing", "Not there")
    listed = available_tools((*TOOLS, missing))
    assert [t.tool for t in listed] == list(TOOLS)


@pytest.mark.parametrize("name", ["web:observatory", "web:observatory_coordination"])
def test_caseworkers_are_refused(caseworker, name):
    response = web_client(caseworker).get(reverse(name))
    assert response.status_code == 403
    assert (
        "Only researchers, managers, coordinators and administrators" in response.content.decode()
    )


def test_the_form_page_is_csp_clean(researcher):
    html = assert_safe_page(web_client(researcher).get(reverse("web:observatory_coordination")))
    assert 'enctype="multipart/form-data"' in html
    assert 'name="replications"' in html and 'value="10000"' in html


def test_upload_shows_the_table_chart_and_exports(researcher, seed004_csv):
    client = web_client(researcher)
    url = _result_url(_upload(client, seed004_csv))
    html = assert_safe_page(client.get(url))
    assert len(re.findall(r'data-statistic="', html)) == 36
    assert "Survey file survey.csv" in html
    assert "229" in html  # units
    row = re.search(r'<tr data-statistic="diff:day_centre">.*?</tr>', html, re.S)
    assert row and "significant" in row.group(0)
    no_interval = re.search(r'<tr data-statistic="share:day_centre:other">.*?</tr>', html, re.S)
    assert no_interval and "no interval" in no_interval.group(0)
    token = url.rstrip("/").rsplit("/", 1)[1]
    chart_url = reverse("web:observatory_coordination_chart", kwargs={"token": token})
    assert f'<img class="chart" src="{chart_url}"' in html and "alt=" in html

    chart = client.get(chart_url)
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    assert chart.content.startswith(b"<?xml") and b"<svg" in chart.content
    assert b"<script" not in chart.content
    assert chart.content == client.get(chart_url).content  # the same bytes every time
    assert b"Day centre" in chart.content  # text, not paths: readable and searchable
    csp = chart["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in client.get(url)["Content-Security-Policy"]


def test_csv_and_xlsx_exports_hold_the_statistics(researcher, seed004_csv):
    client = web_client(researcher)
    url = _result_url(_upload(client, seed004_csv))
    token = url.rstrip("/").rsplit("/", 1)[1]
    shown = client.get(url).content.decode()

    response = client.get(reverse("web:observatory_coordination_csv", kwargs={"token": token}))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["statistic", "Label", "Estimate", "Lower", "Upper", "Significant"]
    assert len(rows) == 37
    by_name = {r[0]: r for r in rows[1:]}
    day_centre = by_name["share:day_centre:municipality"]
    assert f"{float(day_centre[2]):.3f}" in shown
    assert by_name["share:day_centre:other"][3:5] == ["", ""]
    assert by_name["diff:day_centre"][5] == "yes"

    response = client.get(reverse("web:observatory_coordination_xlsx", kwargs={"token": token}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Statistics"]
    assert [c.value for c in sheet[1]] == [
        "statistic",
        "Label",
        "Estimate",
        "Lower",
        "Upper",
        "Significant",
    ]
    assert sheet["A2"].value == "share:day_centre:municipality"
    assert sheet["C2"].value == pytest.approx(float(day_centre[2]))
    assert sheet["D2"].value == pytest.approx(float(day_centre[3]))
    assert sheet["A5"].value == "share:day_centre:other" and sheet["D5"].value is None
    assert sheet.max_row == 37
    about = {row[0].value: row[1].value for row in book["Analysis"].iter_rows()}
    assert about["Replications"] == 1000 and about["Seed"] == 4 and about["Units"] == 229
    assert about["Data"] == "Survey file survey.csv"


def test_a_file_name_that_looks_like_a_formula_stays_text(researcher, hand_made_csv):
    client = web_client(researcher)
    url = _result_url(_upload(client, hand_made_csv, name="=HYPERLINK(1).csv"))
    token = url.rstrip("/").rsplit("/", 1)[1]
    response = client.get(reverse("web:observatory_coordination_xlsx", kwargs={"token": token}))
    cell = load_workbook(io.BytesIO(response.content))["Analysis"]["B8"]
    assert cell.data_type == "s" and cell.value == "Survey file =HYPERLINK(1).csv"


def test_pasted_text_works_too(researcher, hand_made_csv):
    client = web_client(researcher)
    response = client.post(
        reverse("web:observatory_coordination"),
        {"source": "file", "text": hand_made_csv, "scope": "municipality", **FORM},
    )
    html = client.get(_result_url(response)).content.decode()
    assert "Survey file (pasted)" in html


def test_upload_errors_show_line_numbers_and_lose_nothing(researcher):
    bad = (
        "unit_id,unit_type,activity,coordinator\n"
        "1,nursing_home,day_centre,municipality\n"
        "2,nursing_home,karate,municipality\n"
        "3,hospital,social,joint\n"
    )
    response = _upload(web_client(researcher), bad, replications="3000", seed="77")
    html = assert_safe_page(response, status=400)
    assert "Line 3:" in html and "karate" in html
    assert "Line 4:" in html and "hospital" in html
    assert "The data has 2 problems" in html
    # The file's text is back in the text box; the settings are as they were typed.
    assert "2,nursing_home,karate,municipality" in html
    assert 'value="3000"' in html and 'value="77"' in html


def test_a_non_utf8_upload_is_explained(researcher):
    response = _upload(
        web_client(researcher),
        b"unit_id,unit_type,activity,coordinator\n1,nursing_home,social,\xe5\n",
    )
    html = assert_safe_page(response, status=400)
    assert "Line 2:" in html and "not UTF-8" in html


def test_a_file_must_be_given(researcher):
    response = web_client(researcher).post(
        reverse("web:observatory_coordination"), {"source": "file", "scope": "municipality", **FORM}
    )
    assert "Choose a survey file" in assert_safe_page(response, status=400)


@pytest.mark.parametrize(
    ("field", "value"), [("replications", "10"), ("confidence", "1"), ("seed", "-1")]
)
def test_bad_settings_are_shown_on_the_field(researcher, hand_made_csv, field, value):
    response = _upload(web_client(researcher), hand_made_csv, **{field: value})
    assert_safe_page(response, status=400)


def test_from_the_volunteering_module(researcher, volunteering, django_assert_max_num_queries):
    client = web_client(researcher)
    data = {"source": "volunteering", "scope": "municipality", "since": "", **FORM}
    with django_assert_max_num_queries(25):
        response = client.post(reverse("web:observatory_coordination"), data)
    html = assert_safe_page(client.get(_result_url(response)))
    # Here: three units, standing coordinators; "unsure" left out.
    assert re.search(r"Care units</dt><dd>3<", html)
    assert re.search(r"left out \(unsure or varies\)</dt><dd>1<", html)
    assert "Volunteering module, Testvik, standing coordinators" in html

    everywhere = client.post(reverse("web:observatory_coordination"), data | {"scope": "all"})
    html = client.get(_result_url(everywhere)).content.decode()
    assert re.search(r"Care units</dt><dd>4<", html)

    recent = client.post(reverse("web:observatory_coordination"), data | {"since": "2026-05-01"})
    html = client.get(_result_url(recent)).content.decode()
    # Only the food delivery was held since then, under the voluntary organisation.
    assert re.search(r"Care units</dt><dd>1<", html)
    row = re.search(r'data-statistic="share:food_delivery:voluntary">.*?</tr>', html, re.S)
    assert row and "1.000" in row.group(0)


def test_no_volunteering_data_is_a_message_not_a_crash(researcher):
    response = web_client(researcher).post(
        reverse("web:observatory_coordination"),
        {"source": "volunteering", "scope": "municipality", **FORM},
    )
    assert "There are no answers." in assert_safe_page(response, status=400)


def test_a_result_of_another_session_is_not_found(researcher, make_actor, hand_made_csv):
    url = _result_url(_upload(web_client(researcher), hand_made_csv))
    other = web_client(make_actor("health", Role.RESEARCHER))
    assert other.get(url).status_code == 404
    token = url.rstrip("/").rsplit("/", 1)[1]
    chart = reverse("web:observatory_coordination_chart", kwargs={"token": token})
    assert other.get(chart).status_code == 404


def test_only_the_last_few_results_are_kept(researcher, hand_made_csv):
    client = web_client(researcher)
    urls = [_result_url(_upload(client, hand_made_csv)) for _ in range(6)]
    assert client.get(urls[0]).status_code == 404
    assert client.get(urls[-1]).status_code == 200


def test_the_form_in_bokmaal(researcher):
    client = web_client(researcher)
    client.cookies["django_language"] = "nb"
    response = client.get(reverse("web:observatory_coordination"), HTTP_ACCEPT_LANGUAGE="nb")
    assert_safe_page(response)


def test_a_result_is_shown_only_through_the_membership_that_ran_it(researcher, orgs, hand_made_csv):
    from helhet.tenancy.services import membership_create

    client = web_client(researcher)
    url = _result_url(_upload(client, hand_made_csv))
    second = membership_create(
        actor=None, user=researcher.user, organisation=orgs["nh"], role=Role.MANAGER
    )
    switched = client.post(reverse("web:membership_switch"), {"membership": second.pk})
    assert switched.status_code == 302
    assert client.get(url).status_code == 404
