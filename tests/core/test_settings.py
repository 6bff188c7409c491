"""Production settings: storage back-ends chosen from the environment."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_STORAGES = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: {'backend': v['BACKEND'], 'options': {o: str(x) for o, x in v.get('OPTIONS', {}).items()}}"
    " for k, v in settings.STORAGES.items()}))"
)


def production_storages(**extra_env) -> dict:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "x" * 60,
        "BLASON_KEY_ENCRYPTION_KEY": "cHJvZC1saWtlLWtleS1lbmNyeXB0aW9uLWtleS0wMDA=",
        **extra_env,
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_STORAGES], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_private_files_live_on_the_filesystem_outside_the_public_media_by_default(tmp_path):
    storages = production_storages(PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), MEDIA_ROOT=str(tmp_path / "media"))
    assert storages["private"]["backend"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private"]["options"]["location"] == str(tmp_path / "private")
    assert storages["private"]["options"]["base_url"] == "None"  # never served by URL


def test_s3_compatible_storage_when_a_bucket_is_configured():
    storages = production_storages(AWS_STORAGE_BUCKET_NAME="blason", AWS_S3_ENDPOINT_URL="https://s3.example.org")
    assert storages["default"]["backend"] == "storages.backends.s3.S3Storage"
    assert storages["private"]["backend"] == "storages.backends.s3.S3Storage"
    assert storages["private"]["options"]["default_acl"] == "private"
    assert storages["private"]["options"]["location"] == "private"
