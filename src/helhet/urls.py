from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from helhet.api.api import api

admin.site.site_header = "Helhet"
admin.site.site_title = "Helhet"

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Min side: the person's own door, signed in through ID-porten (docs/portal.md).
    path("min-side/", include("helhet.portal.urls")),
    path("", include("helhet.web.urls")),
]
