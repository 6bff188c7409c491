import json

import pytest
from django.core.management import call_command

from blason.credentials import baking, services
from blason.credentials.images import default_badge_png
from tests.credentials.factories import CredentialFactory

pytestmark = pytest.mark.django_db


def _run(path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify", str(path))
        raise SystemExit(0)
    return exit_info.value.code, json.loads(capsys.readouterr().out)


def test_valid_png_exits_zero(tmp_path, capsys):
    credential = CredentialFactory()
    path = tmp_path / "badge.png"
    path.write_bytes(baking.bake_png(default_badge_png(), credential.document_json))
    code, report = _run(path, capsys)
    assert code == 0
    assert report["valid"] is True and report["verdict"] == "valide"


def test_revoked_json_exits_one(tmp_path, capsys):
    credential = CredentialFactory()
    services.revoke_credential(credential, reason="Erreur", by=None)
    path = tmp_path / "badge.json"
    path.write_text(credential.document_json)
    code, report = _run(path, capsys)
    assert code == 1
    assert report["status"] == "revoked"


@pytest.mark.parametrize("content", [b"", b"{", b"\x89PNG\r\n\x1a\n", b"eyJh.eyJz.c2ln", bytes(range(256))])
def test_garbage_exits_one_with_a_report(tmp_path, capsys, content):
    path = tmp_path / "x"
    path.write_bytes(content)
    code, report = _run(path, capsys)
    assert code == 1
    assert report["valid"] is False and report["message"]


def test_missing_file(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("verify", "/nonexistent/badge.png")


def test_bin_blason_wrapper(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "bin" / "blason"
    env = {**os.environ, "BLASON_PYTHON": sys.executable, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    usage = subprocess.run([str(script)], capture_output=True, env=env, check=False)
    assert usage.returncode == 2
    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"truncated": ')
    result = subprocess.run([str(script), "verify", str(garbage)], capture_output=True, env=env, check=False)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is False and "tronqué" in report["message"]
