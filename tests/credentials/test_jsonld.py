import pytest

from blason.credentials import jsonld


def test_shipped_contexts_are_served_offline():
    for url in jsonld.CONTEXT_URLS:
        remote = jsonld.document_loader(url)
        assert remote["documentUrl"] == url
        assert remote["contextUrl"] is None
        assert "@context" in remote["document"]


def test_unknown_url_is_an_error_not_a_fetch():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.document_loader("https://example.org/context.jsonld")


def test_non_string_url_is_an_error():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.document_loader(None)


def test_extra_documents_are_served_only_inside_the_block():
    did = "did:web:blason.test:organisations:x"
    with jsonld.extra_documents({did: {"id": did}}):
        assert jsonld.document_loader(did)["document"] == {"id": did}
        with jsonld.extra_documents({"https://blason.test/statuts/1": {"id": "s"}}):
            assert jsonld.document_loader(did)["document"]["id"] == did
            assert jsonld.document_loader("https://blason.test/statuts/1")["document"] == {"id": "s"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.document_loader(did)


def test_make_document_loader_serves_its_documents():
    loader = jsonld.make_document_loader({"did:key:z6Mk": {"id": "did:key:z6Mk"}})
    assert loader("did:key:z6Mk")["document"]["id"] == "did:key:z6Mk"
    assert "@context" in loader(jsonld.CREDENTIALS_V2)["document"]
    with pytest.raises(jsonld.JsonLdError):
        loader("https://example.org/")


def test_context_document_is_a_copy():
    document = jsonld.context_document(jsonld.OB_V3P0)
    document["@context"]["id"] = "changed"
    assert jsonld.context_document(jsonld.OB_V3P0)["@context"]["id"] == "@id"


def test_term_sets():
    assert {"proofPurpose", "jsonSchema"} <= jsonld.terms_with_value_semantics()
    assert {"achievement", "alignment", "proofValue", "publicKeyMultibase"} <= jsonld.context_terms()
