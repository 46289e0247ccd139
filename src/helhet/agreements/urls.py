"""Web routes of the agreements app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path(
        "agreements/indicators/<int:indicator_id>/chart.svg",
        views.indicator_chart,
        name="agreement_indicator_chart",
    ),
    path("agreements/<int:agreement_id>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:agreement_id>/revise/", views.agreement_revise, name="agreement_revise"),
    path(
        "agreements/<int:agreement_id>/indicators/",
        views.indicator_add,
        name="agreement_indicator_add",
    ),
    path(
        "agreements/<int:agreement_id>/measurements/",
        views.measurement_add,
        name="agreement_measurement_add",
    ),
    path(
        "agreements/<int:agreement_id>/contributions/",
        views.contribution_add,
        name="agreement_contribution_add",
    ),
    path(
        "agreements/<int:agreement_id>/funding-streams/",
        views.funding_stream_add,
        name="agreement_funding_stream_add",
    ),
    path(
        "agreements/<int:agreement_id>/expenditures/",
        views.expenditure_add,
        name="agreement_expenditure_add",
    ),
    path(
        "agreements/<int:agreement_id>/cost-shares/",
        views.cost_shares_set,
        name="agreement_cost_shares",
    ),
]
