from blason.credentials import proofs, schema
from tests.credentials.samples import VERIFICATION_METHOD, achievement_credential, sample_private_key


def _signed():
    return proofs.sign(
        achievement_credential(), private_key=sample_private_key(), verification_method=VERIFICATION_METHOD
    )


def test_signed_sample_is_valid():
    assert schema.achievement_credential_errors(_signed()) == []


def test_proof_must_be_an_array():
    signed = _signed()
    signed["proof"] = signed["proof"][0]
    errors = schema.achievement_credential_errors(signed)
    assert any(error.startswith("proof") for error in errors)


def test_missing_required_fields_are_listed():
    document = _signed()
    del document["validFrom"]
    del document["credentialSubject"]["achievement"]["criteria"]
    errors = schema.achievement_credential_errors(document)
    assert any("validFrom" in error for error in errors)
    assert any("criteria" in error for error in errors)


def test_garbage_gives_errors_not_exceptions():
    for garbage in (None, 3, "x", [], {"type": 3}):
        assert schema.achievement_credential_errors(garbage)


def test_issuer_profile_schema():
    assert schema.profile_errors(_signed()["issuer"]) == []
    assert schema.profile_errors({"name": "x"})


def test_errors_are_said_in_french():
    document = _signed()
    del document["validFrom"]
    document["name"] = 3
    errors = schema.achievement_credential_errors(document)
    assert "(racine) : la propriété « validFrom » est obligatoire" in errors
    assert "name : doit être un texte" in errors
    assert not any("is a required property" in error or "is not of type" in error for error in errors)
