"""1EdTech JSON Schema validation of OB 3.0 credentials (schemas shipped in `schemas/`, never fetched).

Pure module: no ORM, no settings, no network.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft201909Validator, FormatChecker

__all__ = ["ACHIEVEMENT_CREDENTIAL_SCHEMA_URL", "SCHEMA_TYPE", "achievement_credential_errors", "profile_errors"]

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
ACHIEVEMENT_CREDENTIAL_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
MAX_ERRORS = 50


@cache
def _validator(file_name: str) -> Draft201909Validator:
    with open(SCHEMAS_DIR / file_name, encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=FormatChecker())


def _errors(file_name: str, document) -> list[str]:
    messages = []
    for error in sorted(_validator(file_name).iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(racine)"
        messages.append(f"{where} : {error.message}")
        if len(messages) >= MAX_ERRORS:
            break
    return messages


def achievement_credential_errors(document) -> list[str]:
    """Errors against the 1EdTech AchievementCredential schema ("path : message"); empty list = valid."""
    return _errors("ob_v3p0_achievementcredential_schema.json", document)


def profile_errors(document) -> list[str]:
    """Errors against the 1EdTech Profile schema; empty list = valid."""
    return _errors("ob_v3p0_profile_schema.json", document)
