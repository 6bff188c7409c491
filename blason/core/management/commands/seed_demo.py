"""Load the demo data: the foundation's organisations and people, then each app's own demo."""

import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand

from blason.accounts.services import current_totp_code
from blason.organisations import demo as organisations_demo
from blason.organisations.enums import STAFF_ROLES

# Layer order (lowest first): each app's demo may rely on the ones before it.
DEMO_APPS = ["organisations", "badges", "applications", "credentials", "backpack", "surveys", "imports"]


class Command(BaseCommand):
    help = "Create the demo organisations, accounts and data (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            module_name = f"blason.{app}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            importlib.import_module(module_name).load(stdout=self.stdout)
        self._print_accounts()

    def _print_accounts(self):
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Comptes de démonstration — mot de passe : {organisations_demo.PASSWORD}"))
        for email, _first, _last, role, slug, _affiliation, _detail in organisations_demo.PEOPLE:
            second_factor = " (+ code TOTP)" if role in STAFF_ROLES else ""
            where = f" — {slug}" if slug else ""
            out.write(f"  {email:<36} {role.label}{where}{second_factor}")
        out.write("")
        out.write(
            "Double authentification des comptes marqués « + code TOTP » : ajoutez cette clé à une application "
            f"d’authentification (secret TOTP, base32) : {organisations_demo.TOTP_SECRET}"
        )
        out.write(f"Code valable maintenant : {current_totp_code(organisations_demo.TOTP_SECRET)}")
        out.write(f"Plateforme : {settings.BLASON_PUBLIC_URL}/")
