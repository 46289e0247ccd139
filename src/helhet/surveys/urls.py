"""Web routes of the surveys app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.surveys import respond_views, result_views, views

P = "observatory/surveys/"

urlpatterns = [
    path(P, views.survey_home, name="survey_home"),
    path(f"{P}instruments/new/", views.survey_instrument_create, name="survey_instrument_create"),
    path(
        f"{P}instruments/<int:instrument_id>/",
        views.survey_instrument_detail,
        name="survey_instrument_detail",
    ),
    path(
        f"{P}instruments/<int:instrument_id>/edit/",
        views.survey_instrument_update,
        name="survey_instrument_update",
    ),
    path(
        f"{P}instruments/<int:instrument_id>/copy/",
        views.survey_instrument_copy,
        name="survey_instrument_copy",
    ),
    path(
        f"{P}instruments/<int:instrument_id>/items/",
        views.survey_item_add,
        name="survey_item_add",
    ),
    path(f"{P}items/<int:item_id>/edit/", views.survey_item_edit, name="survey_item_edit"),
    path(f"{P}items/<int:item_id>/remove/", views.survey_item_remove, name="survey_item_remove"),
    path(f"{P}rounds/new/", views.survey_round_create, name="survey_round_create"),
    path(f"{P}rounds/<int:round_id>/", views.survey_round_detail, name="survey_round_detail"),
    path(
        f"{P}rounds/<int:round_id>/invitations/",
        views.survey_round_invite,
        name="survey_round_invite",
    ),
    path(f"{P}rounds/<int:round_id>/close/", views.survey_round_close, name="survey_round_close"),
    path(
        f"{P}invitations/<int:invitation_id>/renew/",
        views.survey_invitation_renew,
        name="survey_invitation_renew",
    ),
    path(
        f"{P}rounds/<int:round_id>/results/",
        result_views.survey_round_results,
        name="survey_round_results",
    ),
    path(
        f"{P}rounds/<int:round_id>/chart.svg",
        result_views.survey_round_chart,
        name="survey_round_chart",
    ),
    path(
        f"{P}rounds/<int:round_id>/answers.csv",
        result_views.survey_round_answers_csv,
        name="survey_round_answers_csv",
    ),
    path(
        f"{P}rounds/<int:round_id>/scores.csv",
        result_views.survey_round_scores_csv,
        name="survey_round_scores_csv",
    ),
    path(
        f"{P}rounds/<int:round_id>/results.xlsx",
        result_views.survey_round_xlsx,
        name="survey_round_xlsx",
    ),
    path(
        f"{P}networks/<int:network_id>/",
        result_views.survey_network_trend,
        name="survey_network_trend",
    ),
    path(
        f"{P}networks/<int:network_id>/chart.svg",
        result_views.survey_network_trend_chart,
        name="survey_network_trend_chart",
    ),
    path(f"{P}compare/", result_views.survey_compare, name="survey_compare"),
    path(f"{P}compare/chart.svg", result_views.survey_compare_chart, name="survey_compare_chart"),
    # The respondent's personal link: no login.
    path("s/<str:token>/", respond_views.survey_respond, name="survey_respond"),
]
