from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "helhet.volunteering"
    label = "volunteering"
