from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "blason.credentials"
    label = "credentials"
