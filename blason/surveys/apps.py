from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "blason.surveys"
    label = "surveys"
