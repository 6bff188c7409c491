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
        lambda d: d.update(type=["VerifiableCredential", "OpenBadgeCredential", "UndefinedType"]),
        lambda d: d["evidence"][0].update(id="preuves/1"),
        lambda d: d.update(issuer="blason"),
    ],
    ids=[
        "undefined-nested",
        "undefined-string",
        "undefined-boolean",
        "relative-id",
        "undefined-type",
        "relative-nested-id",
        "relative-issuer",
    ],
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


def test_integral_floats_are_integers_like_in_javascript():
    base = {"@context": {"@vocab": "https://example.org/"}, "@id": "https://example.org/s"}
    assert canonical.canonize({**base, "n": 3.0}) == canonical.canonize({**base, "n": 3})
    assert '"3"^^<http://www.w3.org/2001/XMLSchema#integer>' in canonical.canonize({**base, "n": 3.0})
    assert '"1.5E0"^^<http://www.w3.org/2001/XMLSchema#double>' in canonical.canonize({**base, "n": 1.5})
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize({**base, "n": float("nan")})


def test_python_objects_that_are_not_json_are_errors():
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize({"@context": {"@vocab": "https://example.org/"}, 1: "x", "a": "b"})
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize({"@context": {"@vocab": "https://example.org/"}, "a": object()})


# Arbitrary JSON-LD graphs (not only credentials): shared ids (node merging), blank nodes, typed values, lists,
# numbers and booleans, `@id`-typed terms — the fast route must give the general route's bytes or refuse.
_GENERIC_CONTEXT = {
    "@vocab": "https://example.org/vocab#",
    "id": "@id",
    "type": "@type",
    "ref": {"@id": "https://example.org/vocab#ref", "@type": "@id"},
    "when": {"@id": "https://example.org/vocab#when", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
    "seq": {"@id": "https://example.org/vocab#seq", "@container": "@list"},
    "label": {"@id": "https://example.org/vocab#label", "@language": "fr"},
    "Thing": {"@id": "https://example.org/vocab#Thing", "@context": {"note": "https://example.org/other#note"}},
}
_ids = st.sampled_from(["https://example.org/a", "https://example.org/b", "urn:x:c", "did:web:example.org"])
_leaf = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8), st.integers(-5, 5), st.booleans(), st.just(2.5)
)


def _nodes(children):
    return st.dictionaries(
        st.sampled_from(["name", "note", "ref", "when", "seq", "label", "child", "id", "type", "@graph", "@included"]),
        children,
        max_size=4,
    ).map(_fix_node)


def _fix_node(node):
    if "id" in node and not isinstance(node["id"], str):
        del node["id"]
    if "type" in node:
        node["type"] = "Thing"
    for keyword in ("@graph", "@included"):
        if keyword in node and not isinstance(node[keyword], dict | list):
            del node[keyword]
    if "seq" in node and not isinstance(node["seq"], list):
        node["seq"] = [node["seq"]]
    return node


_generic_values = st.recursive(
    _leaf | _ids,
    lambda children: st.lists(children, max_size=3) | _nodes(children),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_nodes(_generic_values), min_size=1, max_size=3))
def test_fast_route_equals_general_route_on_arbitrary_graphs(nodes):
    document = {"@context": _GENERIC_CONTEXT, "@graph": nodes}
    try:
        fast = canonical.canonize(document)
    except canonical.CanonicalizationError:
        return  # refused, like DCC's safe mode (relative reference, dropped value…)
    assert fast == canonical.canonize_general(document)


def test_inline_vocab_typed_terms_take_the_general_route():
    document = {
        "@context": {"@vocab": "https://example.org/", "kind": {"@id": "https://example.org/kind", "@type": "@vocab"}},
        "@id": "https://example.org/s",
        "kind": "Foo",
    }
    assert "<https://example.org/Foo>" in canonical.canonize(document)


def test_iris_needing_escapes_and_compact_looking_iris():
    base = {"@context": {"@vocab": "https://example.org/"}}
    escaped = canonical.canonize({**base, "@id": "https://example.org/{a}", "p": "x"})
    assert "<https://example.org/\\u007Ba\\u007D>" in escaped
    compact = {**base, "@id": "name:foo", "p": "x"}
    assert canonical.canonize(compact) == canonical.canonize_general(compact)


def test_blank_node_poisoning_guard(monkeypatch):
    monkeypatch.setattr(canonical, "MAX_N_DEGREE_CALLS", 1)
    document = {
        "@context": {"@vocab": "https://example.org/"},
        "@graph": [{"@id": f"_:n{i}", "p": [{"@id": f"_:n{j}"} for j in range(4) if j != i]} for i in range(4)],
    }
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize(document)


def test_complete_graph_of_blank_nodes_matches_pyld():
    document = {
        "@context": {"@vocab": "https://example.org/"},
        "@graph": [{"@id": f"_:n{i}", "p": [{"@id": f"_:n{j}"} for j in range(4) if j != i]} for i in range(4)],
    }
    assert canonical.canonize(document) == _pyld_normalize(document)


def test_deep_nesting_is_an_error():
    document = {"@context": {"@vocab": "https://example.org/"}, "p": "x"}
    node = document
    for _ in range(5000):
        node["c"] = {"p": "x"}
        node = node["c"]
    with pytest.raises(canonical.CanonicalizationError):
        canonical.canonize(document)


def test_template_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(canonical_fast, "MAX_TEMPLATES", 2)
    canonical_fast.clear_cache()
    for n in range(4):
        canonical.canonize(achievement_credential(criteria_count=1, evidence_count=n))
    assert canonical_fast.cache_info()["size"] == 2
