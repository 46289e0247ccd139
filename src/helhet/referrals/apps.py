from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "helhet.referrals"
    label = "referrals"
