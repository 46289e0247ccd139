"""Web routes of the transitions app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import URLPattern, path

from helhet.transitions import views

urlpatterns: list[URLPattern] = [
    path("transitions/", views.transition_list, name="transition_list"),
    path("transitions/settings/", views.transition_settings, name="transition_settings"),
    path(
        "transitions/people/<int:person_id>/plan/",
        views.transition_plan_create,
        name="transition_plan_create",
    ),
    path(
        "transitions/plans/<int:plan_id>/",
        views.transition_plan_detail,
        name="transition_plan_detail",
    ),
]
