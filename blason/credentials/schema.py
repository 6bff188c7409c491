"""1EdTech JSON Schema validation of OB 3.0 credentials (schemas shipped in `schemas/`, never fetched).

Pure module: no ORM, no settings, no network (gettext_noop only marks messages).
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_noop  # an identity function: no settings, no active language
from jsonschema import Draft201909Validator, FormatChecker

__all__ = [
    "ACHIEVEMENT_CREDENTIAL_SCHEMA_URL",
    "ROOT",
    "SCHEMA_TYPE",
    "Problem",
    "achievement_credential_errors",
    "achievement_credential_problems",
    "profile_errors",
]

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


# French message templates, marked with gettext_noop only: this module stays free of Django settings and active
# languages. `french_message` renders them as they are; verification.py translates them (gettext) when it builds a
# report, in the language active then.
_JSON_TYPES = {
    "object": gettext_noop("un objet"),
    "array": gettext_noop("une liste"),
    "string": gettext_noop("un texte"),
    "integer": gettext_noop("un nombre entier"),
    "number": gettext_noop("un nombre"),
    "boolean": gettext_noop("un booléen"),
    "null": "null",
}
_REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")
ROOT = gettext_noop("(racine)")
_TRANSLATED_PARAMS = {"type", "other"}


@dataclass(frozen=True)
class Problem:
    """One schema error: `path` (or ROOT), a French `template` (msgid) and its `params`; `code` = the rule."""

    path: str
    code: str
    template: str
    params: dict = field(default_factory=dict)

    def render(self, translate=lambda message: message) -> str:
        """The message, through `translate` (gettext) for the template and the type names; French by default."""
        params = {key: translate(value) if key in _TRANSLATED_PARAMS else value for key, value in self.params.items()}
        return translate(self.template) % params

    def french(self) -> str:
        return self.render()


def problem_template(error) -> tuple[str, dict]:
    """jsonschema's English message as a French template (a msgid) and its parameters."""
    validator, expected = error.validator, error.validator_value
    if validator == "required":
        match = _REQUIRED.match(error.message)
        return gettext_noop("la propriété « %(name)s » est obligatoire"), {"name": match["name"] if match else "?"}
    if validator == "type":
        names = [_JSON_TYPES.get(name, str(name)) for name in (expected if isinstance(expected, list) else [expected])]
        if len(names) == 1:
            return gettext_noop("doit être %(type)s"), {"type": names[0]}
        if len(names) == 2:
            return gettext_noop("doit être %(type)s ou %(other)s"), {"type": names[0], "other": names[1]}
        return gettext_noop("n’a pas le type attendu"), {}
    if validator == "format":
        return gettext_noop("n’est pas au format « %(format)s » attendu"), {"format": expected}
    if validator in {"enum", "const"}:
        return gettext_noop("n’a pas une valeur permise"), {}
    if validator in {"minItems", "minLength", "minProperties"}:
        return gettext_noop("est vide ou trop courte"), {}
    if validator in {"maxItems", "maxLength", "maxProperties"}:
        return gettext_noop("est trop longue"), {}
    if validator == "pattern":
        return gettext_noop("n’a pas la forme attendue"), {}
    if validator in {"anyOf", "oneOf", "allOf", "contains", "if", "then", "else", "not"}:
        return gettext_noop("ne correspond à aucune des formes permises"), {}
    if validator in {"additionalProperties", "unevaluatedProperties"}:
        return gettext_noop("contient des propriétés non prévues"), {}
    return gettext_noop("n’est pas conforme (règle « %(rule)s »)"), {"rule": validator}


def french_message(error) -> str:
    """jsonschema's English message, said in French."""
    template, params = problem_template(error)
    return template % params


def _problems(file_name: str, document) -> list[Problem]:
    problems = []
    for error in sorted(_validator(file_name).iter_errors(document), key=lambda e: list(e.absolute_path)):
        template, params = problem_template(error)
        where = "/".join(str(part) for part in error.absolute_path) or ROOT
        problems.append(Problem(path=where, code=str(error.validator), template=template, params=params))
        if len(problems) >= MAX_ERRORS:
            break
    return problems


def _errors(file_name: str, document) -> list[str]:
    return [f"{problem.path} : {problem.french()}" for problem in _problems(file_name, document)]


def achievement_credential_problems(document) -> list[Problem]:
    """Errors against the 1EdTech AchievementCredential schema, untranslated; empty list = valid."""
    return _problems("ob_v3p0_achievementcredential_schema.json", document)


def achievement_credential_errors(document) -> list[str]:
    """Errors against the 1EdTech AchievementCredential schema ("path : message"); empty list = valid."""
    return _errors("ob_v3p0_achievementcredential_schema.json", document)


def profile_errors(document) -> list[str]:
    """Errors against the 1EdTech Profile schema; empty list = valid."""
    return _errors("ob_v3p0_profile_schema.json", document)
