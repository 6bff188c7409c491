import pytest

from blason.organisations.validators import is_valid_siren, is_valid_siret, is_valid_uai


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
