"""Web routes of the synthesis app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.synthesis import views

P = "observatory/synthesis/<int:synthesis_id>/"
CELL = P + "matrix/<int:study_id>/<str:construct>/"

urlpatterns = [
    path("observatory/synthesis/", views.synthesis_list, name="synthesis_list"),
    path("observatory/synthesis/new/", views.synthesis_create, name="synthesis_create"),
    path(P, views.synthesis_detail, name="synthesis_detail"),
    path(P + "edit/", views.synthesis_edit, name="synthesis_edit"),
    path(P + "studies/", views.synthesis_study_add, name="synthesis_study_add"),
    path(P + "studies/remove/", views.synthesis_study_remove, name="synthesis_study_remove"),
    path(P + "steps/<int:number>/", views.synthesis_step, name="synthesis_step"),
    path(CELL, views.synthesis_cell, name="synthesis_cell"),
    path(CELL + "link/", views.synthesis_cell_link, name="synthesis_cell_link"),
    path(CELL + "unlink/", views.synthesis_cell_unlink, name="synthesis_cell_unlink"),
    path(P + "notes/", views.synthesis_note_add, name="synthesis_note_add"),
    path(P + "notes/<int:note_id>/", views.synthesis_note_edit, name="synthesis_note_edit"),
    path(
        P + "notes/<int:note_id>/delete/",
        views.synthesis_note_delete,
        name="synthesis_note_delete",
    ),
    path(P + "report/", views.synthesis_report, name="synthesis_report"),
    path(P + "report.pdf", views.synthesis_report_pdf, name="synthesis_report_pdf"),
]
