from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "helhet.meetings"
    label = "meetings"
