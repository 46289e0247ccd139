from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "helhet.networks"
    label = "networks"
