from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "helhet.tenancy"
    label = "tenancy"
