"""Hypothesis strategies: OB 3.0 credentials with arbitrary Unicode text and optional parts."""

from hypothesis import strategies as st

from tests.credentials.samples import BASE, ISSUER_DID, achievement_credential

# Any Unicode text users may type: every script, emoji, control characters, quotes and backslashes.
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
iris = st.builds(
    lambda scheme, path: f"{scheme}{path}",
    st.sampled_from([f"{BASE}/x/", "urn:uuid:", "did:web:blason.test:", "https://exemple.fr/é/"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~%", max_size=12),
)


@st.composite
def credentials(draw, *, text=text):
    document = achievement_credential(
        criteria_count=draw(st.integers(0, 4)),
        alignment_count=draw(st.integers(0, 3)),
        evidence_count=draw(st.integers(0, 3)),
        with_status=draw(st.booleans()),
        status_index=draw(st.integers(0, 131_071)),
    )
    document["name"] = draw(text)
    document["description"] = draw(text)
    document["id"] = draw(iris)
    subject = document["credentialSubject"]
    subject["name"] = draw(text)
    achievement = subject["achievement"]
    achievement["name"] = draw(text)
    achievement["description"] = draw(text)
    achievement["criteria"]["narrative"] = draw(text)
    achievement["tag"] = draw(st.lists(text, max_size=4))
    for alignment in achievement["alignment"]:
        alignment["targetName"] = draw(text)
        if draw(st.booleans()):
            del alignment["targetCode"]
    for evidence in document["evidence"]:
        evidence["narrative"] = draw(text)
        evidence["name"] = draw(text)
        if draw(st.booleans()):
            evidence["id"] = draw(iris)
        else:
            del evidence["id"]
    if draw(st.booleans()):
        document["issuer"]["address"]["addressLocality"] = draw(text)
    if draw(st.booleans()):
        del document["issuer"]["address"]
    if draw(st.booleans()):
        del document["validUntil"]
    if draw(st.booleans()):
        achievement["creator"]["id"] = ISSUER_DID
    if not document["evidence"]:
        del document["evidence"]
    return document
