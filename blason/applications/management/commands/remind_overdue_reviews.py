from django.core.management.base import BaseCommand

from blason.applications import services


class Command(BaseCommand):
    help = "Relance par courriel les experts dont l’expertise est en retard (à lancer chaque jour)."

    def handle(self, *args, **options):
        count = services.send_overdue_reminders()
        self.stdout.write(f"{count} relance(s) envoyée(s).")
