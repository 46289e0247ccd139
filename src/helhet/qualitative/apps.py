from django.apps import AppConfig


class QualitativeConfig(AppConfig):
    name = "helhet.qualitative"
    label = "qualitative"
