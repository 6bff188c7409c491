"""Meta-tests: conventions every app must keep (see STYLE.md, B5)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin

from blason.core.models import BaseEvent

ROOT = Path(settings.BASE_DIR)


def blason_models():
    return [m for m in apps.get_models() if m.__module__.startswith("blason.")]


def _lower_or_acronym(text) -> bool:
    text = str(text)
    first_word = text.split()[0] if text.split() else ""
    return text[:1].islower() or (first_word.isupper() and len(first_word) > 1)


def admin_models() -> set:
    """Models with their own ModelAdmin, or shown as an inline of one."""
    models = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        models.update(inline.model for inline in model_admin.inlines)
    return models


@pytest.mark.parametrize("model", blason_models(), ids=lambda m: m._meta.label)
def test_every_model_is_registered_in_the_admin(model):
    assert model in admin_models(), f"{model._meta.label} has no ModelAdmin nor inline"


@pytest.mark.parametrize("model", blason_models(), ids=lambda m: m._meta.label)
def test_verbose_names_are_lowercase(model):
    assert _lower_or_acronym(model._meta.verbose_name), model._meta.verbose_name
    assert _lower_or_acronym(model._meta.verbose_name_plural), model._meta.verbose_name_plural
    for field in model._meta.get_fields():
        if hasattr(field, "verbose_name") and not field.auto_created:
            assert _lower_or_acronym(field.verbose_name), f"{model._meta.label}.{field.name}: {field.verbose_name}"


@pytest.mark.parametrize(
    "model", [m for m in blason_models() if issubclass(m, BaseEvent)], ids=lambda m: m._meta.label
)
def test_events_are_append_only(model):
    assert model.save is BaseEvent.save, "events must not override save()"
    assert model.delete is BaseEvent.delete, "events must not override delete()"
    model_admin = admin.site._registry[model]
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)
    assert [f for f in model._meta.get_fields() if f.name == "kind"], "events need a kind"


@pytest.mark.django_db
def test_an_event_cannot_be_changed_or_deleted():
    from blason.organisations.enums import OrganisationEventKind
    from blason.organisations.models import OrganisationEvent
    from tests.organisations.factories import OrganisationFactory

    event = OrganisationEvent.objects.create(organisation=OrganisationFactory(), kind=OrganisationEventKind.UPDATED)
    event.data = {"forged": True}
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_no_print_outside_management_commands():
    offenders = []
    for path in (ROOT / "blason").rglob("*.py"):
        if "management" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"(?<![\w.])print\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == [], "use logging, not print(): " + ", ".join(offenders)


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "blason.example.org",
        "BLASON_KEY_ENCRYPTION_KEY": "cHJvZC1saWtlLWtleS1lbmNyeXB0aW9uLWtleS0wMDA=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
