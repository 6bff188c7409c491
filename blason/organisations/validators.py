"""French identifiers of organisations: UAI (education establishments), SIREN and SIRET.

Pure functions plus Django validators that raise French messages.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The UAI check letter is taken from this 23-letter alphabet (no I, O, Q): the 7-digit number
# modulo 23 gives its index (Répertoire national des établissements, BCE nomenclature).
UAI_CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# La Poste's establishments need not follow Luhn: their SIRET digits sum to a multiple of 5 (INSEE).
LA_POSTE_SIREN = "356000000"


def uai_check_letter(digits: str) -> str:
    return UAI_CHECK_LETTERS[int(digits) % 23]


def is_valid_uai(value: str) -> bool:
    value = (value or "").strip().upper()
    if len(value) != 8 or not value[:7].isdigit() or not value[7].isalpha():
        return False
    return uai_check_letter(value[:7]) == value[7]


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def with_luhn_check_digit(prefix: str) -> str:
    """Append the digit that makes `prefix` + digit pass the Luhn check (SIREN, SIRET)."""
    for digit in "0123456789":
        if luhn_ok(prefix + digit):
            return prefix + digit
    raise ValueError(prefix)  # unreachable: one digit in ten always completes a Luhn number


def with_uai_check_letter(digits: str) -> str:
    """Append the check letter to a 7-digit UAI number."""
    return digits + uai_check_letter(digits)


def is_valid_siren(value: str) -> bool:
    value = (value or "").replace(" ", "")
    return len(value) == 9 and value.isdigit() and luhn_ok(value)


def is_valid_siret(value: str) -> bool:
    value = (value or "").replace(" ", "")
    if len(value) != 14 or not value.isdigit():
        return False
    if luhn_ok(value):
        return True
    return value.startswith(LA_POSTE_SIREN) and sum(int(c) for c in value) % 5 == 0


def validate_uai(value: str) -> None:
    value = (value or "").strip().upper()
    if len(value) != 8 or not value[:7].isdigit() or not value[7].isalpha():
        raise ValidationError(
            _("Le code UAI doit compter 7 chiffres suivis d’une lettre (ex. : 0750655E)."), code="uai_format"
        )
    if not is_valid_uai(value):
        raise ValidationError(
            _("La lettre de contrôle du code UAI est incorrecte : pour %(digits)s, elle devrait être %(letter)s."),
            code="uai_check",
            params={"digits": value[:7], "letter": uai_check_letter(value[:7])},
        )


def validate_siret(value: str) -> None:
    value = (value or "").replace(" ", "")
    if len(value) != 14 or not value.isdigit():
        raise ValidationError(_("Le SIRET doit compter exactement 14 chiffres."), code="siret_format")
    if not is_valid_siret(value):
        raise ValidationError(
            _("Ce numéro SIRET n’existe pas : sa clé de contrôle (formule de Luhn) est incorrecte."),
            code="siret_check",
        )


def validate_siren(value: str) -> None:
    value = (value or "").replace(" ", "")
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("Le SIREN doit compter exactement 9 chiffres."), code="siren_format")
    if not is_valid_siren(value):
        raise ValidationError(
            _("Ce numéro SIREN n’existe pas : sa clé de contrôle (formule de Luhn) est incorrecte."),
            code="siren_check",
        )
