"""Web routes of the relations app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.relations import views

urlpatterns = [
    path("relations/", views.relations_index, name="relations_index"),
    path("relations/rounds/new/", views.relations_round_create, name="relations_round_create"),
    path(
        "relations/rounds/<int:round_id>/",
        views.relations_round_detail,
        name="relations_round_detail",
    ),
    path(
        "relations/rounds/<int:round_id>/close/",
        views.relations_round_close,
        name="relations_round_close",
    ),
    path(
        "relations/rounds/<int:round_id>/answer/",
        views.relations_rating_form,
        name="relations_rating_form",
    ),
    path(
        "relations/rounds/<int:round_id>/map.svg",
        views.relations_round_map,
        name="relations_round_map",
    ),
    path(
        "relations/rounds/<int:round_id>/stated-vs-operational/",
        views.relations_comparison,
        name="relations_comparison",
    ),
]
