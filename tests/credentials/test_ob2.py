from blason.credentials import ob2


def test_assertion_hosted_and_revoked():
    document = ob2.assertion_json(
        assertion_url="https://blason.test/ob2/assertions/a.json",
        badge_class_url="https://blason.test/ob2/badges/b.json",
        identity_hash="sha256$abc",
        salt="s",
        issued_on="2026-01-15T09:00:00Z",
        image_url="https://blason.test/i.png",
        expires="2029-01-15T09:00:00Z",
        evidence=[{"id": "https://x.org", "name": "Lien", "secret": "never"}],
        revoked=True,
        revocation_reason="Erreur",
    )
    assert document["@context"] == "https://w3id.org/openbadges/v2"
    assert document["verification"] == {"type": "HostedBadge"}
    assert document["recipient"] == {"type": "email", "hashed": True, "salt": "s", "identity": "sha256$abc"}
    assert document["evidence"] == [{"id": "https://x.org", "name": "Lien"}]
    assert document["revoked"] is True and document["revocationReason"] == "Erreur"


def test_badge_class_and_issuer():
    badge = ob2.badge_class_json(
        badge_class_url="https://blason.test/ob2/badges/b.json",
        issuer_url="https://blason.test/ob2/issuers/x.json",
        name="Badge",
        description="Desc",
        image_url="https://blason.test/i.png",
        criteria_url="https://blason.test/badges/b/",
        criteria_narrative="1. Critère",
        tags=["numérique"],
        alignments=[{"targetName": "Kirkpatrick 2", "targetUrl": "https://k.org", "targetCode": ""}],
    )
    assert badge["type"] == "BadgeClass" and badge["tags"] == ["numérique"]
    assert badge["alignment"] == [{"targetName": "Kirkpatrick 2", "targetUrl": "https://k.org"}]
    issuer = ob2.issuer_json(issuer_url="https://blason.test/ob2/issuers/x.json", name="Mission", url="https://m.fr")
    assert issuer == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": "https://blason.test/ob2/issuers/x.json",
        "name": "Mission",
        "url": "https://m.fr",
    }
