from django.apps import AppConfig


class SynthesisConfig(AppConfig):
    name = "helhet.synthesis"
    label = "synthesis"
