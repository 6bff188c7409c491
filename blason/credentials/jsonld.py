"""Offline JSON-LD document loading.

Blason never fetches a context from the network (issue 5, "Verification by anyone"): the loader serves the
contexts shipped in `contexts/` and, on request, documents the caller registers for the duration of one operation
(DID documents, status list credentials) with `extra_documents`. Any other URL is a `JsonLdError`.

Pure module: no ORM, no settings, no network.
"""

import contextlib
import contextvars
import copy
import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from pyld.jsonld import JsonLdError

__all__ = [
    "CONTEXTS_DIR",
    "CONTEXT_URLS",
    "CREDENTIALS_V2",
    "DATA_INTEGRITY_V2",
    "DID_V1",
    "MULTIKEY_V1",
    "OB_V3P0",
    "OB_V3P0_EXTENSIONS",
    "JsonLdError",
    "context_document",
    "document_loader",
    "extra_documents",
    "make_document_loader",
]

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_V3P0_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

# URL -> file name in CONTEXTS_DIR (the file is named after the URL).
_CONTEXT_FILES = {
    CREDENTIALS_V2: "www.w3.org_ns_credentials_v2.json",
    OB_V3P0: "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.json",
    OB_V3P0_EXTENSIONS: "purl.imsglobal.org_spec_ob_v3p0_extensions.json",
    DATA_INTEGRITY_V2: "w3id.org_security_data-integrity_v2.json",
    DID_V1: "www.w3.org_ns_did_v1.json",
    MULTIKEY_V1: "w3id.org_security_multikey_v1.json",
}
CONTEXT_URLS = frozenset(_CONTEXT_FILES)

_NO_EXTRA: Mapping[str, dict] = MappingProxyType({})
_extra: contextvars.ContextVar[Mapping[str, dict]] = contextvars.ContextVar("blason_jsonld_extra", default=_NO_EXTRA)


@cache
def _load_context(url: str) -> dict:
    with open(CONTEXTS_DIR / _CONTEXT_FILES[url], encoding="utf-8") as handle:
        return json.load(handle)


def context_document(url: str) -> dict:
    """Return a copy of a shipped context document (KeyError if it is not shipped)."""
    return copy.deepcopy(_load_context(url))


def _lookup(url: str, documents: Mapping[str, dict]) -> dict:
    if not isinstance(url, str):
        raise JsonLdError("URL must be a string.", "jsonld.LoadDocumentError", {"url": repr(url)})
    if url in _CONTEXT_FILES:
        return _load_context(url)
    if url in documents:
        return documents[url]
    raise JsonLdError(
        f"Document not available offline: {url}",
        "jsonld.LoadDocumentError",
        {"url": url},
        code="loading document failed",
    )


def _remote_document(url: str, document: dict) -> dict:
    # pyld caches resolved contexts and never mutates what the loader returns.
    return {"contextUrl": None, "documentUrl": url, "document": document}


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld-style loader: shipped contexts, then documents registered with `extra_documents`."""
    return _remote_document(url, _lookup(url, _extra.get()))


def make_document_loader(documents: Mapping[str, dict] | None = None):
    """A loader that also serves `documents` (URL -> JSON), for callers that prefer an argument."""
    documents = dict(documents or {})

    def loader(url: str, options: dict | None = None) -> dict:
        merged = {**_extra.get(), **documents}
        return _remote_document(url, _lookup(url, merged))

    return loader


@contextlib.contextmanager
def extra_documents(documents: Mapping[str, dict]) -> Iterator[None]:
    """Serve `documents` (URL -> JSON: DID documents, status lists…) from `document_loader` inside the block."""
    token = _extra.set({**_extra.get(), **documents})
    try:
        yield
    finally:
        _extra.reset(token)


@cache
def context_terms() -> frozenset[str]:
    """Every term name defined anywhere (including type-scoped contexts) in the shipped contexts."""
    terms: set[str] = set()

    def walk(context) -> None:
        if isinstance(context, list):
            for item in context:
                walk(item)
        elif isinstance(context, dict):
            for key, value in context.items():
                if not key.startswith("@"):
                    terms.add(key)
                if isinstance(value, dict) and "@context" in value:
                    walk(value["@context"])

    for url in _CONTEXT_FILES:
        walk(_load_context(url)["@context"])
    return frozenset(terms)


@cache
def terms_with_value_semantics() -> frozenset[str]:
    """Terms whose string values are not plain data: `@type: @vocab` (values are terms) or `@json`."""
    found: set[str] = set()

    def walk(context) -> None:
        if isinstance(context, list):
            for item in context:
                walk(item)
        elif isinstance(context, dict):
            for key, value in context.items():
                if isinstance(value, dict):
                    if (
                        value.get("@type") in ("@vocab", "@json")
                        or "@container" in value
                        and value["@container"] not in ("@set", "@graph", ["@set"], ["@graph"])
                    ):
                        found.add(key)
                    if "@context" in value:
                        walk(value["@context"])

    for url in _CONTEXT_FILES:
        walk(_load_context(url)["@context"])
    return frozenset(found)
