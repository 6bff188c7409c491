from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "blason.applications"
    label = "applications"
