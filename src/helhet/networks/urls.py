"""Web routes of the networks app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.networks import views

urlpatterns = [
    path("networks/", views.network_list, name="network_list"),
    path("networks/new/", views.network_create, name="network_create"),
    path("networks/<int:network_id>/", views.network_detail, name="network_detail"),
    path("networks/<int:network_id>/edit/", views.network_edit, name="network_edit"),
    path("networks/<int:network_id>/members/", views.network_member_add, name="network_member_add"),
    path("networks/<int:network_id>/status/", views.network_status, name="network_status"),
    path("networks/<int:network_id>/mandate/", views.network_mandate, name="network_mandate"),
    path(
        "networks/<int:network_id>/objectives/",
        views.network_objective_add,
        name="network_objective_add",
    ),
    path(
        "networks/<int:network_id>/members/role/",
        views.network_member_role,
        name="network_member_role",
    ),
    path(
        "networks/<int:network_id>/members/remove/",
        views.network_member_remove,
        name="network_member_remove",
    ),
    path(
        "networks/<int:network_id>/members/representatives/",
        views.network_representative_add,
        name="network_representative_add",
    ),
    path(
        "networks/<int:network_id>/meetings/",
        views.network_meeting_book,
        name="network_meeting_book",
    ),
    path(
        "networks/<int:network_id>/case-conferences/new/",
        views.network_case_conference_book,
        name="network_case_conference_book",
    ),
    path(
        "networks/case-conferences/<int:meeting_id>/joint-plan/",
        views.network_joint_plan_make,
        name="network_joint_plan_make",
    ),
]
