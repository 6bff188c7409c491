from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "blason.organisations"
    label = "organisations"
