"""Web routes of the observatory app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import URLPattern, path

from helhet.observatory import views

urlpatterns: list[URLPattern] = [
    path("observatory/", views.observatory_home, name="observatory"),
    path("observatory/coordination/", views.coordination, name="observatory_coordination"),
    path(
        "observatory/coordination/<str:token>/",
        views.coordination_result,
        name="observatory_coordination_result",
    ),
    path(
        "observatory/coordination/<str:token>/chart.svg",
        views.coordination_chart,
        name="observatory_coordination_chart",
    ),
    path(
        "observatory/coordination/<str:token>/results.csv",
        views.coordination_export,
        {"fmt": "csv"},
        name="observatory_coordination_csv",
    ),
    path(
        "observatory/coordination/<str:token>/results.xlsx",
        views.coordination_export,
        {"fmt": "xlsx"},
        name="observatory_coordination_xlsx",
    ),
]
