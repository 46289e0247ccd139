"""Web routes of the registry app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.registry import views

urlpatterns = [
    path("registry/", views.registry_list, name="registry_list"),
    path("registry/compare/", views.registry_compare, name="registry_compare"),
    path("registry/export.csv", views.registry_export_csv, name="registry_export_csv"),
    path("registry/export.xlsx", views.registry_export_xlsx, name="registry_export_xlsx"),
    path("registry/new/", views.registry_entry_create, name="registry_entry_create"),
    path(
        "registry/networks/<int:network_id>/",
        views.registry_for_network,
        name="registry_for_network",
    ),
    path("registry/<int:entry_id>/", views.registry_entry_detail, name="registry_entry_detail"),
    path("registry/<int:entry_id>/edit/", views.registry_entry_edit, name="registry_entry_edit"),
    path(
        "registry/<int:entry_id>/refresh/",
        views.registry_entry_refresh,
        name="registry_entry_refresh",
    ),
    path(
        "registry/<int:entry_id>/partners/",
        views.registry_partner_add,
        name="registry_partner_add",
    ),
    path(
        "registry/<int:entry_id>/partners/remove/",
        views.registry_partner_remove,
        name="registry_partner_remove",
    ),
    path(
        "registry/<int:entry_id>/funding/",
        views.registry_funding_add,
        name="registry_funding_add",
    ),
    path(
        "registry/<int:entry_id>/funding/remove/",
        views.registry_funding_remove,
        name="registry_funding_remove",
    ),
]
