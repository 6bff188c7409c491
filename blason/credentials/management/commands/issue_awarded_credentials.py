from django.core.management.base import BaseCommand

from blason.credentials import services


class Command(BaseCommand):
    help = "Émet les badges des demandes attribuées qui n’en ont pas encore (sans effet si rien n’est en attente)."

    def handle(self, *args, **options):
        issued = services.issue_for_awarded_applications()
        self.stdout.write(f"{len(issued)} badge(s) émis.")
