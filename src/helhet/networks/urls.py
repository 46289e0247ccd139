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
]
