"""Remote did:web fetching (BLASON_VERIFY_FETCH_REMOTE_DIDS) cannot reach internal addresses (no SSRF).

Only local addresses are used here, and socket connections are replaced: no traffic leaves the test.
"""

import json
import socket

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from blason.credentials import multikey, verification


@pytest.fixture
def connections(monkeypatch, settings):
    """Every TCP connection attempted by the fetcher, refused (none is ever made)."""
    settings.BLASON_VERIFY_FETCH_REMOTE_DIDS = True
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise OSError("connections are disabled in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.mark.parametrize(
    "did",
    [
        "did:web:127.0.0.1",
        "did:web:127.0.0.1%3A8443",
        "did:web:localhost",
        "did:web:10.0.0.5",
        "did:web:192.168.1.1",
        "did:web:172.16.0.1",
        "did:web:169.254.169.254",
        "did:web:%5B%3A%3A1%5D",
        "did:web:%5B%3A%3Affff%3A127.0.0.1%5D",
        "did:web:%5Bfe80%3A%3A1%5D",
        "did:web:0.0.0.0",
        "did:web:224.0.0.1",
        "did:web:100.64.0.1",
        "did:web:240.0.0.1",
        "did:web:10.0.0.5:issuers:x",
    ],
)
def test_internal_hosts_are_refused_before_any_connection(connections, did):
    with pytest.raises(verification.VerificationFailure) as failure:
        verification.resolve_public_key(f"{did}#key-1")
    assert failure.value.code == "remote_did_refused"
    assert connections == []


def test_disabled_by_default_without_any_resolution(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("no resolution when remote DIDs are off")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    monkeypatch.setattr(socket, "create_connection", fail)
    with pytest.raises(verification.VerificationFailure) as failure:
        verification.resolve_public_key("did:web:10.0.0.5#key-1")
    assert failure.value.code == "remote_did_disabled"


def _resolves_to(monkeypatch, *addresses):
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_with_one_internal_address_among_public_ones_is_refused(connections, monkeypatch):
    _resolves_to(monkeypatch, "93.184.216.34", "10.0.0.1")
    with pytest.raises(verification.RemoteFetchRefused):
        verification._fetch_json("https://issuer.example/.well-known/did.json")
    assert connections == []


def test_the_connection_goes_to_the_checked_address(connections, monkeypatch):
    """The name is resolved once and the socket opened to that address: a second DNS answer is never used."""
    _resolves_to(monkeypatch, "93.184.216.34")
    with pytest.raises(OSError, match="disabled"):
        verification._fetch_json("https://issuer.example/.well-known/did.json")
    assert connections == [("93.184.216.34", 443)]


def test_the_peer_is_checked_again_after_connecting(monkeypatch, settings):
    settings.BLASON_VERIFY_FETCH_REMOTE_DIDS = True
    _resolves_to(monkeypatch, "93.184.216.34")

    class FakeSocket:
        closed = False

        def getpeername(self):
            return ("127.0.0.1", 443)

        def close(self):
            self.closed = True

    fake = FakeSocket()
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: fake)
    with pytest.raises(verification.RemoteFetchRefused):
        verification._fetch_json("https://issuer.example/.well-known/did.json")
    assert fake.closed


@pytest.mark.parametrize(
    "url",
    [
        "http://issuer.example/.well-known/did.json",
        "ftp://issuer.example/did.json",
        "file:///etc/passwd",
        "https://user:secret@issuer.example/did.json",
    ],
)
def test_only_plain_https_urls(connections, monkeypatch, url):
    _resolves_to(monkeypatch, "93.184.216.34")
    with pytest.raises(verification.RemoteFetchRefused):
        verification._fetch_json(url)
    assert connections == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("::ffff:10.0.0.1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::", False),
        ("198.51.100.7", False),
    ],
)
def test_public_address(address, public):
    assert verification._public_address(address) is public


def test_limits_are_small():
    assert verification.REMOTE_FETCH_TIMEOUT_SECONDS <= 5
    assert verification.REMOTE_FETCH_MAX_BYTES <= 64 * 1024


class _FakeResponse:
    def __init__(self, status, body=b"{}", headers=None):
        self.status, self._body, self._headers = status, body, headers or {}

    def getheader(self, name):
        return self._headers.get(name)

    def read(self, amount):
        return self._body[:amount]


@pytest.fixture
def answer(monkeypatch, connections):
    """Fake the HTTP exchange of the pinned connection (nothing is sent) with a given response."""
    _resolves_to(monkeypatch, "93.184.216.34")
    holder = {}
    monkeypatch.setattr(verification._PinnedHTTPSConnection, "request", lambda self, *args, **kwargs: None)
    monkeypatch.setattr(verification._PinnedHTTPSConnection, "getresponse", lambda self: holder["response"])

    def set_response(response):
        holder["response"] = response

    return set_response


@pytest.mark.parametrize(
    "response",
    [
        _FakeResponse(302, headers={"Location": "https://127.0.0.1/"}),
        _FakeResponse(200, headers={"Content-Length": str(10 * 1024 * 1024)}),
        _FakeResponse(200, body=b" " * (verification.REMOTE_FETCH_MAX_BYTES + 1)),
        _FakeResponse(200, body=b"[]"),
    ],
)
def test_redirects_big_or_odd_answers_are_not_used(answer, response):
    answer(response)
    with pytest.raises(ValueError):  # json.JSONDecodeError is a ValueError too
        verification._fetch_json("https://issuer.example/.well-known/did.json")


def test_a_remote_did_document_gives_the_key(answer):
    public_key = Ed25519PrivateKey.generate().public_key()
    method = "did:web:issuer.example#key-1"
    document = {
        "id": "did:web:issuer.example",
        "verificationMethod": [
            {"id": method, "type": "Multikey", "publicKeyMultibase": multikey.encode_public_key(public_key)}
        ],
        "assertionMethod": [method],
    }
    answer(_FakeResponse(200, body=json.dumps(document).encode()))
    resolved = verification.resolve_public_key(method)
    assert resolved.public_bytes_raw() == public_key.public_bytes_raw()
