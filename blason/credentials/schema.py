"""1EdTech JSON Schema validation of OB 3.0 credentials (schemas shipped in `schemas/`, never fetched).

Pure module: no ORM, no settings, no network.
"""

import json
import re
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


_JSON_TYPES = {
    "object": "un objet",
    "array": "une liste",
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "un booléen",
    "null": "null",
}
_REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")


def _type_name(value) -> str:
    names = value if isinstance(value, list) else [value]
    return " ou ".join(_JSON_TYPES.get(name, str(name)) for name in names)


def french_message(error) -> str:
    """jsonschema's English message, said in French for the verification page (users read French)."""
    validator, expected = error.validator, error.validator_value
    if validator == "required":
        match = _REQUIRED.match(error.message)
        return f"la propriété « {match['name'] if match else '?'} » est obligatoire"
    if validator == "type":
        return f"doit être {_type_name(expected)}"
    if validator == "format":
        return f"n’est pas au format « {expected} » attendu"
    if validator in {"enum", "const"}:
        return "n’a pas une valeur permise"
    if validator in {"minItems", "minLength", "minProperties"}:
        return "est vide ou trop courte"
    if validator in {"maxItems", "maxLength", "maxProperties"}:
        return "est trop longue"
    if validator == "pattern":
        return "n’a pas la forme attendue"
    if validator in {"anyOf", "oneOf", "allOf", "contains", "if", "then", "else", "not"}:
        return "ne correspond à aucune des formes permises"
    if validator in {"additionalProperties", "unevaluatedProperties"}:
        return "contient des propriétés non prévues"
    return f"n’est pas conforme (règle « {validator} »)"


def _errors(file_name: str, document) -> list[str]:
    messages = []
    for error in sorted(_validator(file_name).iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(racine)"
        messages.append(f"{where} : {french_message(error)}")
        if len(messages) >= MAX_ERRORS:
            break
    return messages


def achievement_credential_errors(document) -> list[str]:
    """Errors against the 1EdTech AchievementCredential schema ("path : message"); empty list = valid."""
    return _errors("ob_v3p0_achievementcredential_schema.json", document)


def profile_errors(document) -> list[str]:
    """Errors against the 1EdTech Profile schema; empty list = valid."""
    return _errors("ob_v3p0_profile_schema.json", document)
