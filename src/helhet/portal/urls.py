from django.urls import path

from helhet.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("callback/", views.callback, name="callback"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("nothing/", views.nothing, name="nothing"),
    path("<int:person_id>/", views.home, name="home"),
    path("<int:person_id>/consents/", views.consents, name="consents"),
    path(
        "<int:person_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:person_id>/plan/", views.plan, name="plan"),
    path("<int:person_id>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:person_id>/plan/<int:plan_id>/goals/", views.plan_goal_add, name="goal_add"),
    path("<int:person_id>/goals/<int:goal_id>/", views.plan_goal_edit, name="goal_edit"),
    path(
        "<int:person_id>/goals/<int:goal_id>/comments/",
        views.plan_goal_comment,
        name="goal_comment",
    ),
    path("<int:person_id>/meetings/", views.meetings, name="meetings"),
    path(
        "<int:person_id>/meetings/<int:meeting_id>/answer/",
        views.meeting_answer,
        name="meeting_answer",
    ),
    path(
        "<int:person_id>/meetings/<int:meeting_id>/topics/",
        views.meeting_topic,
        name="meeting_topic",
    ),
    path("<int:person_id>/meetings/<int:meeting_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:person_id>/access-log/", views.access_log, name="access_log"),
    path("<int:person_id>/access-log.csv", views.access_log_csv, name="access_log_csv"),
    path("<int:person_id>/my-data/", views.data, name="data"),
    path("<int:person_id>/my-data.json", views.data_json, name="data_json"),
    path("<int:person_id>/my-data.pdf", views.data_pdf, name="data_pdf"),
]
