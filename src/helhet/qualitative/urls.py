"""Web routes of the qualitative app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.qualitative import views

P = "observatory/coding/<int:project_id>/"
S = "observatory/coding/sources/<int:source_id>/"

urlpatterns = [
    path("observatory/coding/", views.project_list, name="qualitative_project_list"),
    path(P, views.project_detail, name="qualitative_project_detail"),
    path(P + "edit/", views.project_edit, name="qualitative_project_edit"),
    path(P + "members/", views.member_add, name="qualitative_member_add"),
    path(P + "members/remove/", views.member_remove, name="qualitative_member_remove"),
    path(P + "sites/", views.site_add, name="qualitative_site_add"),
    path(P + "memos/", views.memo_add, name="qualitative_memo_add"),
    path(P + "sources/new/", views.source_add, name="qualitative_source_add"),
    path(P + "minutes/", views.minutes_import, name="qualitative_minutes_import"),
    path(P + "codes/", views.code_book, name="qualitative_codebook"),
    path(P + "codes/new/", views.code_add, name="qualitative_code_add"),
    path(P + "codes/edit/", views.code_edit, name="qualitative_code_edit"),
    path(P + "codes/move/", views.code_move, name="qualitative_code_move"),
    path(P + "codes/merge/", views.code_merge, name="qualitative_code_merge"),
    path(P + "codes/delete/", views.code_delete, name="qualitative_code_delete"),
    path(P + "cooccurrence/", views.cooccurrence, name="qualitative_cooccurrence"),
    path(P + "cooccurrence.csv", views.cooccurrence_csv, name="qualitative_cooccurrence_csv"),
    path(P + "export.qdpx", views.export, name="qualitative_export"),
    path(
        "observatory/coding/memos/<int:memo_id>/delete/",
        views.memo_delete,
        name="qualitative_memo_delete",
    ),
    path(
        "observatory/coding/codes/<int:code_id>/segments/",
        views.code_segments,
        name="qualitative_code_segments",
    ),
    path(S, views.source_detail, name="qualitative_source_detail"),
    path(S + "segments/", views.segment_add, name="qualitative_segment_add"),
    path(S + "segments/codes/", views.segment_code_add, name="qualitative_segment_code_add"),
    path(S + "segments/uncode/", views.segment_uncode, name="qualitative_segment_uncode"),
    path(S + "segments/delete/", views.segment_delete, name="qualitative_segment_delete"),
    path(S + "delete/", views.source_delete, name="qualitative_source_delete"),
]
