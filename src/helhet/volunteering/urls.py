"""Web routes of the volunteering app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import URLPattern, path

from helhet.volunteering import views

urlpatterns: list[URLPattern] = [
    path("volunteering/", views.care_unit_list, name="care_unit_list"),
    path("volunteering/units/new/", views.care_unit_create, name="care_unit_create"),
    path(
        "volunteering/units/<int:care_unit_id>/",
        views.care_unit_detail,
        name="care_unit_detail",
    ),
    path(
        "volunteering/units/<int:care_unit_id>/edit/",
        views.care_unit_edit,
        name="care_unit_edit",
    ),
    path(
        "volunteering/units/<int:care_unit_id>/activities/new/",
        views.activity_create,
        name="volunteer_activity_create",
    ),
    path(
        "volunteering/units/<int:care_unit_id>/agreements/new/",
        views.agreement_create,
        name="volunteer_agreement_create",
    ),
    path(
        "volunteering/activities/<int:activity_id>/",
        views.activity_detail,
        name="volunteer_activity_detail",
    ),
    path(
        "volunteering/activities/<int:activity_id>/edit/",
        views.activity_edit,
        name="volunteer_activity_edit",
    ),
    path(
        "volunteering/activities/<int:activity_id>/occurrences/new/",
        views.occurrence_record,
        name="volunteer_occurrence_record",
    ),
    path(
        "volunteering/activities/<int:activity_id>/volunteers/",
        views.activity_volunteer_add,
        name="volunteer_activity_volunteer_add",
    ),
    path("volunteering/agreements/", views.agreement_list, name="volunteer_agreement_list"),
    path(
        "volunteering/organisations/<int:organisation_id>/volunteers/",
        views.volunteer_register,
        name="volunteer_register",
    ),
    path("volunteering/volunteers/new/", views.volunteer_create, name="volunteer_create"),
    path(
        "volunteering/volunteers/<int:volunteer_id>/declarations/",
        views.volunteer_declarations_edit,
        name="volunteer_declarations_edit",
    ),
]
