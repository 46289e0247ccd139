from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "helhet.observatory"
    label = "observatory"
