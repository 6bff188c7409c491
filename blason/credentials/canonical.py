"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, byte-compatible with the DCC libraries.

`canonize(document)` returns canonical N-Quads. Two routes lead to the RDF dataset, then one RDFC-1.0
implementation (below) labels the blank nodes and serialises:

- the general route: pyld's JSON-LD → RDF conversion (`jsonld.to_rdf`) with our offline loader;
- the fast route (`canonical_fast`): a per-shape template of that conversion, reused for every document with the
  same structure (same keys, types, contexts and list lengths; other values may differ). It falls back to the
  general route whenever it cannot prove it would give the same dataset.

Serialisation and ordering follow `rdf-canonize` 4 (the library DCC's eddsa-rdfc-2022 cryptosuite uses) rather than
pyld's: literal escaping of every control character (ECHAR for \\b \\t \\n \\f \\r, UCHAR otherwise), IRI escaping,
and JavaScript's default sort, i.e. UTF-16 code-unit order (it differs from code-point order for characters above
U+FFFF). Hashes are SHA-256 as RDFC-1.0 requires.

Pure module: no ORM, no settings, no I/O.
"""

import hashlib
import itertools
import re
from collections.abc import Iterable

from pyld import jsonld as pyld_jsonld

from blason.credentials.jsonld import document_loader

__all__ = ["Quad", "CanonicalizationError", "canonize", "canonize_general", "dataset_general", "rdfc10"]

# One quad: subject, predicate, object, graph — each already an N-Quads term ("<iri>", "_:label",
# "\"literal\"^^<datatype>", "\"literal\"@lang", "\"literal\""); graph "" is the default graph.
Quad = tuple[str, str, str, str]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# JSON-LD resolves relative IRI references against the document's base. Credentials have none (DCC canonicalises
# with base null and, in safe mode, refuses relative references), so we resolve against this reserved-TLD sentinel
# and refuse any IRI that ends up under it.
RELATIVE_BASE = "https://relative-reference.invalid/"

# Deep-iteration guard against "poison" graphs (the DCC library has the same kind of limit).
MAX_N_DEGREE_CALLS = 10_000


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised (invalid JSON-LD, unknown context, pathological graph)."""


# --- N-Quads serialisation (rdf-canonize 4 rules) ----------------------------------------------------------------

_LITERAL_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]}
_LITERAL_ESCAPES.update(
    {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", ord('"'): '\\"', ord("\\"): "\\\\"}
)
_LITERAL_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_IRI_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x21), *map(ord, '<>"{}|^`\\')]}
_IRI_NEEDS_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def escape_literal(value: str) -> str:
    if _LITERAL_NEEDS_ESCAPE.search(value) is None:
        return value
    return value.translate(_LITERAL_ESCAPES)


def escape_iri(value: str) -> str:
    if _IRI_NEEDS_ESCAPE.search(value) is None:
        return value
    return value.translate(_IRI_ESCAPES)


def iri_term(value: str) -> str:
    return f"<{escape_iri(value)}>"


def literal_term(value: str, datatype: str | None = None, language: str | None = None) -> str:
    term = f'"{escape_literal(value)}"'
    if datatype == RDF_LANGSTRING or (language and not datatype):
        return f"{term}@{language}" if language else term
    if datatype and datatype != XSD_STRING:
        return f"{term}^^<{escape_iri(datatype)}>"
    return term


def serialize_quad(quad: Quad) -> str:
    s, p, o, g = quad
    if g:
        return f"{s} {p} {o} {g} .\n"
    return f"{s} {p} {o} .\n"


# JavaScript sorts strings by UTF-16 code units; Python by code points. They agree unless a string holds a
# character at or above U+E000 (private use, specials, or astral characters stored as surrogates in UTF-16).
_BEYOND_UTF16_AGREEMENT = re.compile("[\ue000-\U0010ffff]")


def _utf16_key(value: str) -> bytes:
    return value.encode("utf-16-be", "surrogatepass")


def sort_like_javascript(lines: list[str]) -> None:
    if any(_BEYOND_UTF16_AGREEMENT.search(line) for line in lines):
        lines.sort(key=_utf16_key)
    else:
        lines.sort()


# --- General route: pyld JSON-LD → RDF ------------------------------------------------------------------------


def _term(component: dict) -> str:
    kind = component["type"]
    if kind == "IRI":
        return iri_term(component["value"])
    if kind == "blank node":
        return component["value"]
    return literal_term(component["value"], component.get("datatype"), component.get("language"))


def _has_float(node) -> bool:
    if isinstance(node, float):
        return True
    if isinstance(node, dict):
        return any(_has_float(value) for value in node.values())
    if isinstance(node, list):
        return any(_has_float(value) for value in node)
    return False


def _js_numbers(node):
    """Numbers as JavaScript sees them: an integral float (3.0) is the integer 3 (`Number.isInteger`)."""
    if isinstance(node, float):
        if node != node or node in (float("inf"), float("-inf")):
            raise CanonicalizationError("NaN and infinite numbers are not JSON.")
        return int(node) if node.is_integer() and abs(node) < 1e21 else node
    if isinstance(node, dict):
        return {key: _js_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_js_numbers(value) for value in node]
    return node


def dataset_general(document: dict) -> list[Quad]:
    """The RDF dataset of a JSON-LD document through pyld (offline loader), as a list of unique quads."""
    try:
        if _has_float(document):
            document = _js_numbers(document)
    except RecursionError:
        raise CanonicalizationError("Document too deeply nested.") from None
    options = {
        "documentLoader": document_loader,
        "base": RELATIVE_BASE,
        "rdfDirection": "i18n-datatype",
        "produceGeneralizedRdf": False,
    }
    try:
        dataset = pyld_jsonld.to_rdf(document, options)
    except pyld_jsonld.JsonLdError as error:
        raise CanonicalizationError(str(error)) from error
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as error:
        raise CanonicalizationError(f"Invalid JSON-LD: {error!r}") from error
    quads: dict[Quad, None] = {}
    relative = "<" + RELATIVE_BASE
    for graph_name, triples in dataset.items():
        graph = (
            "" if graph_name == "@default" else (graph_name if graph_name.startswith("_:") else iri_term(graph_name))
        )
        for triple in triples:
            quad = (_term(triple["subject"]), _term(triple["predicate"]), _term(triple["object"]), graph)
            if any(term.startswith(relative) for term in quad):
                raise CanonicalizationError("Relative IRI reference (an id or a type that no context defines).")
            quads[quad] = None
    return list(quads)


# --- RDFC-1.0 -----------------------------------------------------------------------------------------------------


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Issuer:
    __slots__ = ("prefix", "counter", "issued")

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.counter = 0
        self.issued: dict[str, str] = {}  # insertion-ordered

    def issue(self, old: str) -> str:
        new = self.issued.get(old)
        if new is None:
            new = f"{self.prefix}{self.counter}"
            self.counter += 1
            self.issued[old] = new
        return new

    def copy(self) -> "_Issuer":
        clone = _Issuer(self.prefix)
        clone.counter = self.counter
        clone.issued = dict(self.issued)
        return clone


class _Canonicalizer:
    def __init__(self, quads: list[Quad]):
        self.quads = quads
        self.bnode_quads: dict[str, list[Quad]] = {}
        for quad in quads:
            s, _p, o, g = quad
            for component in (s, o, g):
                if component.startswith("_:"):
                    bucket = self.bnode_quads.setdefault(component, [])
                    if not bucket or bucket[-1] is not quad:
                        bucket.append(quad)
        self.first_degree: dict[str, str] = {}
        self.canonical = _Issuer("_:c14n")
        self.n_degree_calls = 0

    def hash_first_degree(self, bnode: str) -> str:
        cached = self.first_degree.get(bnode)
        if cached is not None:
            return cached
        lines = []
        for s, p, o, g in self.bnode_quads[bnode]:
            if s.startswith("_:"):
                s = "_:a" if s == bnode else "_:z"
            if o.startswith("_:"):
                o = "_:a" if o == bnode else "_:z"
            if g.startswith("_:"):
                g = "_:a" if g == bnode else "_:z"
            lines.append(serialize_quad((s, p, o, g)))
        sort_like_javascript(lines)
        digest = _sha256("".join(lines))
        self.first_degree[bnode] = digest
        return digest

    def hash_related(self, related: str, quad: Quad, issuer: _Issuer, position: str) -> str:
        identifier = (
            self.canonical.issued.get(related) or issuer.issued.get(related) or self.hash_first_degree(related)
        )
        text = position + (quad[1] if position != "g" else "") + identifier
        return _sha256(text)

    def hash_n_degree(self, bnode: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        self.n_degree_calls += 1
        if self.n_degree_calls > MAX_N_DEGREE_CALLS:
            raise CanonicalizationError("Graph too complex to canonicalise (blank-node poisoning guard).")
        hash_to_related: dict[str, list[str]] = {}
        for quad in self.bnode_quads[bnode]:
            for position, component in (("s", quad[0]), ("o", quad[2]), ("g", quad[3])):
                if component.startswith("_:") and component != bnode:
                    digest = self.hash_related(component, quad, issuer, position)
                    hash_to_related.setdefault(digest, []).append(component)
        data = []
        for related_hash in sorted(hash_to_related):
            data.append(related_hash)
            chosen_path = ""
            chosen_issuer = None
            for permutation in _permutations(hash_to_related[related_hash]):
                issuer_copy = issuer.copy()
                path = ""
                recursion = []
                skip = False
                for related in permutation:
                    canonical = self.canonical.issued.get(related)
                    if canonical is not None:
                        path += canonical
                    else:
                        if related not in issuer_copy.issued:
                            recursion.append(related)
                        path += issuer_copy.issue(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                for related in recursion:
                    result_hash, issuer_copy = self.hash_n_degree(related, issuer_copy)
                    path += issuer_copy.issue(related)
                    path += f"<{result_hash}>"
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path = path
                    chosen_issuer = issuer_copy
            data.append(chosen_path)
            issuer = chosen_issuer
        return _sha256("".join(data)), issuer

    def run(self) -> str:
        hash_to_bnodes: dict[str, list[str]] = {}
        for bnode in self.bnode_quads:
            hash_to_bnodes.setdefault(self.hash_first_degree(bnode), []).append(bnode)
        shared = []
        for digest in sorted(hash_to_bnodes):
            bnodes = hash_to_bnodes[digest]
            if len(bnodes) == 1:
                self.canonical.issue(bnodes[0])
            else:
                shared.append(bnodes)
        for bnodes in shared:
            results = []
            for bnode in bnodes:
                if bnode in self.canonical.issued:
                    continue
                issuer = _Issuer("_:b")
                issuer.issue(bnode)
                results.append(self.hash_n_degree(bnode, issuer))
            results.sort(key=lambda result: result[0])
            for _digest, issuer in results:
                for existing in issuer.issued:
                    self.canonical.issue(existing)
        labels = self.canonical.issued
        lines = []
        for s, p, o, g in self.quads:
            if s.startswith("_:"):
                s = labels[s]
            if o.startswith("_:"):
                o = labels[o]
            if g.startswith("_:"):
                g = labels[g]
            lines.append(serialize_quad((s, p, o, g)))
        sort_like_javascript(lines)
        return "".join(lines)


def _permutations(elements: list[str]) -> Iterable[list[str]]:
    """All permutations (order does not change the result: the minimum path is kept)."""
    for permutation in itertools.permutations(sorted(elements)):
        yield list(permutation)


def rdfc10(quads: Iterable[Quad]) -> str:
    """Canonical N-Quads of a dataset (duplicates removed, blank nodes relabelled `_:c14nN`)."""
    unique = list(dict.fromkeys(quads))
    return _Canonicalizer(unique).run()


def canonize_general(document: dict) -> str:
    """Canonical N-Quads through pyld's expansion (reference route)."""
    return rdfc10(dataset_general(document))


def canonize(document: dict) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (fast route when it applies; identical bytes)."""
    from blason.credentials import canonical_fast

    quads = canonical_fast.dataset_fast(document)
    if quads is None:
        quads = dataset_general(document)
    return rdfc10(quads)
