import pytest
from django.core.exceptions import ValidationError

from blason.organisations.validators import (
    is_valid_siren,
    is_valid_siret,
    is_valid_uai,
    validate_siren,
    validate_siret,
    validate_uai,
    with_luhn_check_digit,
    with_uai_check_letter,
)


@pytest.mark.parametrize("value", ["0750655E", "0750655e"])
def test_is_valid_uai_accepts_a_real_uai(value):
    assert is_valid_uai(value)


@pytest.mark.parametrize("value", ["0750655F", "075065E", "ABCDEFGH", "", "07506555"])
def test_is_valid_uai_refuses_bad_check_letter_or_format(value):
    assert not is_valid_uai(value)


def test_siret_luhn_and_la_poste_rule():
    assert is_valid_siren("732829320")
    assert is_valid_siret("73282932000074")
    assert not is_valid_siret("73282932000075")
    # La Poste's establishments: digit sum multiple of 5 instead of Luhn.
    assert is_valid_siret("35600000049837")
    assert not is_valid_siret("35600000049838")


@pytest.mark.parametrize("value", ["0750655E", "0130040Y", " 0061992h "])
def test_validate_uai_accepts_valid_codes(value):
    validate_uai(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0750655F", "La lettre de contrôle du code UAI est incorrecte : pour 0750655, elle devrait être E."),
        ("750655E", "Le code UAI doit compter 7 chiffres suivis d’une lettre"),
        ("07506551", "Le code UAI doit compter 7 chiffres suivis d’une lettre"),
    ],
)
def test_validate_uai_refuses_with_a_french_message(value, message):
    with pytest.raises(ValidationError) as error:
        validate_uai(value)
    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("73282932000075", "clé de contrôle (formule de Luhn) est incorrecte"),
        ("732829320000", "Le SIRET doit compter exactement 14 chiffres."),
        ("7328293200007X", "Le SIRET doit compter exactement 14 chiffres."),
    ],
)
def test_validate_siret_refuses_with_a_french_message(value, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert message in error.value.messages[0]


def test_validate_siret_accepts_luhn_and_la_poste():
    validate_siret("732 829 320 00074")
    validate_siret("35600000049837")


def test_validate_siren():
    validate_siren("732829320")
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_siren("732829321")
    with pytest.raises(ValidationError, match="exactement 9 chiffres"):
        validate_siren("73282932")


def test_check_digit_helpers_build_valid_identifiers():
    assert with_uai_check_letter("0750655") == "0750655E"
    for prefix in ("8123456", "4287654", "1234567"):
        assert is_valid_siren(with_luhn_check_digit(prefix + "0"))
    assert is_valid_siret(with_luhn_check_digit("7328293200007"))


def test_the_example_in_the_uai_message_is_a_valid_uai():
    with pytest.raises(ValidationError) as error:
        validate_uai("123")
    example = error.value.messages[0].split("ex. : ")[1].rstrip(").")
    assert is_valid_uai(example)
