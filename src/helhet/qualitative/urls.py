"""Web routes of the qualitative app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import path

from helhet.qualitative.views import analysis, codebook, projects, sources

P = "observatory/coding/<int:project_id>/"
S = "observatory/coding/sources/<int:source_id>/"

urlpatterns = [
    path("observatory/coding/", projects.project_list, name="qualitative_project_list"),
    path(P, projects.project_detail, name="qualitative_project_detail"),
    path(P + "edit/", projects.project_edit, name="qualitative_project_edit"),
    path(P + "members/", projects.member_add, name="qualitative_member_add"),
    path(P + "members/remove/", projects.member_remove, name="qualitative_member_remove"),
    path(P + "sites/", projects.site_add, name="qualitative_site_add"),
    path(P + "memos/", projects.memo_add, name="qualitative_memo_add"),
    path(P + "sources/new/", sources.source_add, name="qualitative_source_add"),
    path(P + "minutes/", sources.minutes_import, name="qualitative_minutes_import"),
    path(P + "codes/", codebook.code_book, name="qualitative_codebook"),
    path(P + "codes/new/", codebook.code_add, name="qualitative_code_add"),
    path(P + "codes/edit/", codebook.code_edit, name="qualitative_code_edit"),
    path(P + "codes/move/", codebook.code_move, name="qualitative_code_move"),
    path(P + "codes/merge/", codebook.code_merge, name="qualitative_code_merge"),
    path(P + "codes/delete/", codebook.code_delete, name="qualitative_code_delete"),
    path(P + "cooccurrence/", analysis.cooccurrence, name="qualitative_cooccurrence"),
    path(P + "cooccurrence.csv", analysis.cooccurrence_csv, name="qualitative_cooccurrence_csv"),
    path(P + "export.qdpx", analysis.export, name="qualitative_export"),
    path(
        "observatory/coding/memos/<int:memo_id>/delete/",
        projects.memo_delete,
        name="qualitative_memo_delete",
    ),
    path(
        "observatory/coding/codes/<int:code_id>/segments/",
        analysis.code_segments,
        name="qualitative_code_segments",
    ),
    path(S, sources.source_detail, name="qualitative_source_detail"),
    path(S + "segments/", sources.segment_add, name="qualitative_segment_add"),
    path(S + "segments/codes/", sources.segment_code_add, name="qualitative_segment_code_add"),
    path(S + "segments/uncode/", sources.segment_uncode, name="qualitative_segment_uncode"),
    path(S + "segments/delete/", sources.segment_delete, name="qualitative_segment_delete"),
    path(S + "delete/", sources.source_delete, name="qualitative_source_delete"),
]
