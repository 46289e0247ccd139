from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "helhet.relations"
    label = "relations"
