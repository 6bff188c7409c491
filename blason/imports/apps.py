from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "blason.imports"
    label = "imports"
