from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "helhet.agreements"
    label = "agreements"
