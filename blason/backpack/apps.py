from django.apps import AppConfig


class BackpackConfig(AppConfig):
    name = "blason.backpack"
    label = "backpack"
