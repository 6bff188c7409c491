"""Run the Digital Credentials Consortium (DCC) libraries from the tests, through `interop/*.mjs`.

`run_dcc_verify(credentials, documents)` — the verdict of DCC's `vc.verifyCredential` (eddsa-rdfc-2022 cryptosuite,
Bitstring Status List check) for each credential, offline: the shipped contexts plus `documents` (DID documents,
status list credentials) are the only documents DCC can load; `did:key` is resolved by the script itself.

Each verdict: {"verified": bool, "errors": [str], "status": {"revocation": bool, "suspension": bool} | None, "log":
[...]}; `status[purpose]` is True when the credential's bit is set (revoked / suspended).

Tests using these helpers are marked `@pytest.mark.interop` and call `require_dcc()`: when node or the npm modules
are missing, that is a failure in CI (CI=true) and a skip elsewhere.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from blason.credentials.jsonld import CONTEXT_URLS, context_document

INTEROP_DIR = Path(__file__).resolve().parents[2] / "interop"
TIMEOUT_SECONDS = 120
IN_CI = os.getenv("CI", "").lower() in {"1", "true", "yes"}


class DccError(RuntimeError):
    pass


def dcc_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    for package in ("vc", "eddsa-rdfc-2022-cryptosuite", "data-integrity", "ed25519-multikey"):
        if not (INTEROP_DIR / "node_modules" / "@digitalcredentials" / package).is_dir():
            return f"interop/node_modules lacks @digitalcredentials/{package} (run scripts/bootstrap.sh)"
    return None


def require_dcc() -> None:
    reason = dcc_missing_reason()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"DCC interop cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"DCC interop: {reason}")


def _documents(documents: dict | None) -> dict:
    bundle = {url: context_document(url) for url in CONTEXT_URLS}
    bundle.update(documents or {})
    return bundle


def _run(script: str, payload: dict) -> object:
    completed = subprocess.run(
        ["node", str(INTEROP_DIR / script)],
        input=json.dumps(payload).encode("utf-8"),
        capture_output=True,
        cwd=INTEROP_DIR,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        raise DccError(f"{script} failed ({completed.returncode}): {completed.stderr.decode(errors='replace')}")
    return json.loads(completed.stdout)


def run_dcc_verify(credentials: list[dict], documents: dict | None = None, *, now: str | None = None) -> list[dict]:
    """DCC's verdict for each credential (see module docstring). One node process for the whole list."""
    payload = {"credentials": credentials, "documents": _documents(documents)}
    if now:
        payload["now"] = now
    return _run("verify.mjs", payload)


def run_dcc_sign(
    credential: dict,
    *,
    seed: bytes,
    verification_method: str,
    created: str,
    documents: dict | None = None,
    iterations: int = 0,
) -> dict:
    """DCC-signed credential, DCC's canonical N-Quads (document, proof config), and per-signature timings."""
    payload = {
        "credential": credential,
        "seedHex": seed.hex(),
        "verificationMethod": verification_method,
        "created": created,
        "documents": _documents(documents),
        "iterations": iterations,
    }
    return _run("sign.mjs", payload)
