"""Web routes of the volunteering app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import URLPattern, path

from helhet.volunteering import views

urlpatterns: list[URLPattern] = [
    path("volunteering/", views.care_unit_list, name="care_unit_list"),
    path(
        "volunteering/units/<int:care_unit_id>/",
        views.care_unit_detail,
        name="care_unit_detail",
    ),
    path("volunteering/agreements/", views.agreement_list, name="volunteer_agreement_list"),
    path(
        "volunteering/organisations/<int:organisation_id>/volunteers/",
        views.volunteer_register,
        name="volunteer_register",
    ),
]
