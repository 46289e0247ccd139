from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "helhet.registry"
    label = "registry"
