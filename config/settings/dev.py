"""Local development and demo: SQLite by default, debug on, worker from the demo command."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz")
# Development KEK (urlsafe base64 of 32 bytes); production reads its own from the environment.
os.environ.setdefault("BLASON_KEY_ENCRYPTION_KEY", "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTAwMDA=")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import env_list  # noqa: E402

DEBUG = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
BLASON_OPERATOR_NAME = os.getenv("BLASON_OPERATOR_NAME", "l’équipe de démonstration de Blason")
BLASON_PUBLIC_URL = os.getenv("BLASON_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# The demo delivers mail to a local SMTP sink when EMAIL_PORT is set, else prints it.
if not os.getenv("EMAIL_PORT"):
    OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
