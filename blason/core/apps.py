from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "blason.core"
    label = "core"
