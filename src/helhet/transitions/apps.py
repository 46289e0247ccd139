from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "helhet.transitions"
    label = "transitions"
