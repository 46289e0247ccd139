"""Web routes of the meetings app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_book, name="meeting_book"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(
        "meetings/<int:meeting_id>/decisions/",
        views.meeting_decision_add,
        name="meeting_decision_add",
    ),
    path(
        "meetings/<int:meeting_id>/action-items/",
        views.meeting_action_item_add,
        name="meeting_action_item_add",
    ),
    path(
        "meetings/<int:meeting_id>/participants/",
        views.meeting_participant_add,
        name="meeting_participant_add",
    ),
    path(
        "meetings/<int:meeting_id>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("meetings/<int:meeting_id>/invite.ics", views.meeting_invite, name="meeting_invite"),
]
