from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "helhet.surveys"
    label = "surveys"
