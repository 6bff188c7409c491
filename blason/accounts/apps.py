from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "blason.accounts"
    label = "accounts"
