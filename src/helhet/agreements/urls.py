"""Web routes of the agreements app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:agreement_id>/sign/", views.agreement_sign, name="agreement_sign"),
]
