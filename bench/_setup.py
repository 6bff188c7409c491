"""Shared set-up for the credentials benchmarks: a fresh, migrated throwaway database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> str:
    """Point Django at a throwaway SQLite database (or DATABASE_URL) and migrate it. Returns its description."""
    sys.path.insert(0, str(ROOT))
    workdir = tempfile.mkdtemp(prefix="blason-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ.setdefault("BLASON_PUBLIC_URL", "https://blason.bench")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no query log
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # WAL with synchronous=NORMAL: commits do not wait for fsync (a usual SQLite production setting).
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"].split("@")[-1]


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ProgressBar:
    """A small text progress bar on stderr (no dependency)."""

    def __init__(self, total: int, label: str, width: int = 40):
        self.total, self.label, self.width, self.last = total, label, width, -1

    def update(self, done: int) -> None:
        percent = done * 100 // max(self.total, 1)
        if percent == self.last and done != self.total:
            return
        self.last = percent
        filled = self.width * done // max(self.total, 1)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total}")
        if done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()
