"""`manage.py verify FILE` (or `-` for stdin): verify a credential, print a JSON report.

Exit status 0 only when the credential is valid; 1 when it is not (or unreadable); 2 on usage errors.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from blason.credentials import verification
from blason.credentials.constants import VERIFY_MAX_UPLOAD_BYTES


class Command(BaseCommand):
    help = "Vérifie un badge Open Badges 3.0 (JSON, PNG ou SVG intégrant l’attestation) et affiche un rapport JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier à vérifier (JSON, PNG, SVG), « - » pour l’entrée standard.")

    def handle(self, *args, **options):
        # The report speaks the deployment's language (French), whatever the caller's environment.
        with translation.override(settings.LANGUAGE_CODE):
            report = self._report(options["file"])
            output = json.dumps(report.to_json(), ensure_ascii=False, indent=2)
        self.stdout.write(output)
        if not report.valid:
            sys.exit(1)

    def _report(self, path: str) -> verification.Report:
        try:
            if path == "-":
                data = sys.stdin.buffer.read(VERIFY_MAX_UPLOAD_BYTES + 1)
            else:
                with open(path, "rb") as handle:
                    data = handle.read(VERIFY_MAX_UPLOAD_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Impossible de lire « {path} » : {error.strerror}.", returncode=2) from None
        if len(data) > VERIFY_MAX_UPLOAD_BYTES:
            return verification._unreadable(
                f"Le fichier est trop volumineux ({VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)} Mo au plus).", "too_large"
            )
        return verification.verify_bytes(data)
