from django.core.management.base import BaseCommand

from blason.core import services


class Command(BaseCommand):
    help = "Deliver the outbox emails whose (re)try time has come (for cron, or after an SMTP outage)."

    def handle(self, *args, **options):
        tried = services.deliver_due_emails()
        self.stdout.write(f"{tried} email(s) tried.")
