"""Web routes of the plans app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.plans import views

urlpatterns = [
    path("families/<int:family_id>/plan/", views.family_plan, name="family_plan"),
    path(
        "families/<int:family_id>/plan/create/",
        views.family_plan_create,
        name="family_plan_create",
    ),
    path("families/<int:family_id>/plan/edit/", views.family_plan_edit, name="family_plan_edit"),
    path(
        "families/<int:family_id>/plan/goals/",
        views.family_plan_goal_add,
        name="family_plan_goal_add",
    ),
    path(
        "families/<int:family_id>/plan/measures/new/",
        views.family_plan_measure_add,
        name="family_plan_measure_add",
    ),
    path(
        "families/<int:family_id>/plan/versions/",
        views.family_plan_versions,
        name="family_plan_versions",
    ),
    path("families/<int:family_id>/plan/diff/", views.family_plan_diff, name="family_plan_diff"),
    path("families/<int:family_id>/plan/print/", views.family_plan_print, name="family_plan_print"),
    path("families/<int:family_id>/plan.pdf", views.family_plan_pdf, name="family_plan_pdf"),
    path("plan-goals/<int:goal_id>/", views.plan_goal_edit, name="plan_goal_edit"),
    path("measures/<int:measure_id>/", views.plan_measure_edit, name="plan_measure_edit"),
    path(
        "measures/<int:measure_id>/status/",
        views.plan_measure_status,
        name="plan_measure_status",
    ),
    # A meeting's action item made a measure: the bridge is the plans app's (it builds on
    # meetings), though the button is on the meeting page.
    path(
        "action-items/<int:action_item_id>/to-measure/",
        views.action_item_to_measure,
        name="action_item_to_measure",
    ),
]
