"""Web routes of the notifications app; included into the `web` namespace."""

from django.urls import path

from helhet.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path(
        "notifications/<int:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
]
