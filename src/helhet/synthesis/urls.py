"""Web routes of the synthesis app; included into the `web` namespace by helhet/web/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
