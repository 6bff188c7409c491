import copy
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyld import jsonld as pyld_jsonld

from blason.credentials import canonical, canonical_fast
from blason.credentials.jsonld import CREDENTIALS_V2, OB_V3P0, document_loader
from tests.credentials.samples import achievement_credential
from tests.credentials.strategies import credentials

FAST_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pyld_normalize(document):
    return pyld_jsonld.normalize(
        document, {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader}
    )


def test_sample_matches_pyld_reference():
    document = achievement_credential()
    assert canonical.canonize_general(document) == _pyld_normalize(document)
    assert canonical.canonize(document) == _pyld_normalize(document)


def test_fast_route_reuses_the_template_for_the_same_shape():
    canonical_fast.clear_cache()
    canonical.canonize(achievement_credential(subject_name="CFA A"))
    canonical.canonize(achievement_credential(subject_name="CFA B"))
    info = canonical_fast.cache_info()
    assert info["misses"] == 1 and info["hits"] == 1 and info["fallbacks"] == 0


@FAST_SETTINGS
@given(credentials())
def test_fast_route_equals_general_route(document):
    assert canonical.canonize(document) == canonical.canonize_general(document)


# pyld's own serialiser escapes fewer control characters and sorts by code point; on text where both agree with
# rdf-canonize (no control characters, nothing at or above U+E000), our general route must equal pyld's URDNA2015.
_agreeing_text = st.text(
    alphabet=st.characters(codec="utf-8", min_codepoint=0x20, max_codepoint=0xD7FF, exclude_characters="\x7f"),
    max_size=30,
)


@FAST_SETTINGS
@given(credentials(text=_agreeing_text))
def test_general_route_equals_pyld_urdna2015(document):
    assert canonical.canonize_general(document) == _pyld_normalize(document)


def test_identical_blank_nodes_need_n_degree_hashing_and_match_pyld():
    document = achievement_credential(alignment_count=3, evidence_count=0)
    alignment = document["credentialSubject"]["achievement"]["alignment"][0]
    document["credentialSubject"]["achievement"]["alignment"] = [copy.deepcopy(alignment) for _ in range(3)]
    del document["evidence"]
    expected = _pyld_normalize(document)
    assert canonical.canonize(document) == expected
    assert canonical.canonize_general(document) == expected


def test_blank_node_chains_and_cycles_match_pyld():
    # A ring of blank nodes: every first-degree hash is equal.
    context = {"@vocab": "https://example.org/"}
    document = {
        "@context": context,
        "@graph": [
            {"@id": "_:a", "next": {"@id": "_:b"}},
            {"@id": "_:b", "next": {"@id": "_:c"}},
            {"@id": "_:c", "next": {"@id": "_:a"}},
            {"@id": "_:d", "next": {"@id": "_:e"}},
            {"@id": "_:e", "next": {"@id": "_:d"}},
        ],
    }
    assert canonical.canonize(document) == _pyld_normalize(document)


def test_escaping_follows_rdf_canonize():
    document = {
        "@context": {"@vocab": "https://example.org/"},
        "@id": "https://example.org/s",
        "text": 'a"b\\c\nd\re\tf\bg\fh\x00i\x1fj\x7fk',
    }
    nquads = canonical.canonize(document)
    assert '"a\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001Fj\\u007Fk"' in nquads


def test_sort_order_is_utf16_code_units_like_javascript():
    document = {
        "@context": {"@vocab": "https://example.org/"},
        "@id": "https://example.org/s",
        "tag": ["\U0001f600", "\uff61"],
    }
    lines = canonical.canonize(document).splitlines()
    # U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF61 in UTF-16.
    assert lines.index('<https://example.org/s> <https://example.org/tag> "\U0001f600" .') < lines.index(
        '<https://example.org/s> <https://example.org/tag> "\uff61" .'
    )


def test_duplicate_ids_merge_like_json_ld():
    document = achievement_credential()
    document["credentialSubject"]["achievement"]["creator"] = copy.deepcopy(document["issuer"])
    assert canonical.canonize(document) == canonical.canonize_general(document) == _pyld_normalize(document)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"].update(address={"streetAddress": "1 rue"}),
        lambda d: d.update(undefinedTerm="x"),
        lambda d: d["credentialSubject"].update(undefinedFlag=True),
        lambda d: d.update(id="relative/path"),
    ],
    ids=["undefined-nested", "undefined-string", "undefined-boolean", "relative-id"],
)
def test_what_dcc_safe_mode_rejects_is_an_error(change):
    document = achievement_credential()
    change(document)
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize(document)


@pytest.mark.parametrize(
    "document",
    [
        [],
        "text",
        {"@context": "https://example.org/unknown"},
        {"@context": [CREDENTIALS_V2, OB_V3P0], "id": {"nested": 1}},
        {"@context": {"@vocab": 12}},
    ],
)
def test_garbage_is_a_canonicalization_error(document):
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize(document)


def test_non_plain_iris_take_the_general_route():
    document = achievement_credential()
    document["id"] = "https://blason.test/é/badge"
    before = canonical_fast.cache_info()["fallbacks"]
    assert canonical.canonize(document) == canonical.canonize_general(document)
    assert canonical_fast.cache_info()["fallbacks"] == before + 1


def test_output_is_sorted_n_quads_with_c14n_labels():
    nquads = canonical.canonize(achievement_credential())
    lines = nquads.splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith(" .") for line in lines)
    assert set(re.findall(r"_:\w+", nquads)) == {f"_:c14n{n}" for n in range(len(set(re.findall(r"_:\w+", nquads))))}
