from django.contrib import admin
from django.urls import include, path

from helhet.api.api import api

admin.site.site_header = "Helhet"
admin.site.site_title = "Helhet"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("helhet.web.urls")),
]
