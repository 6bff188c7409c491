from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "blason.badges"
    label = "badges"
