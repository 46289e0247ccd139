from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "helhet.web"
    label = "web"
