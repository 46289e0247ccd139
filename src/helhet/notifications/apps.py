from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "helhet.notifications"
    label = "notifications"
