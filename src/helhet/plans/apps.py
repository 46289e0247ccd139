from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "helhet.plans"
    label = "plans"
