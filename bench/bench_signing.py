"""Signing benchmark: Blason (Python, one core) against the DCC Node signer, same credential, same key, one run.

    .venv/bin/python bench/bench_signing.py [--iterations 300]

Prints per-signature medians (in-process timings; process start excluded), the ratio, and checks that both produce
byte-identical canonical N-Quads and the same signature. Target (issue 5): Blason ≥ 3× faster than DCC.

Blason signs a *different* credential at each iteration (new id, recipient, dates: what changes between awards of
one badge class), so the fast route's per-shape template is exercised as in production; DCC signs the same one.
Both processes are pinned to one CPU core.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blason.credentials import canonical, canonical_fast, proofs  # noqa: E402
from tests.credentials.interop import dcc_missing_reason, run_dcc_sign  # noqa: E402
from tests.credentials.samples import (  # noqa: E402
    ISSUER_DID,
    TEST_SEED,
    VERIFICATION_METHOD,
    achievement_credential,
    issuer_did_document,
    sample_private_key,
)

CREATED = "2026-03-02T09:00:00Z"


def realistic_credential(n: int = 0) -> dict:
    """A realistic OB 3.0 AchievementCredential: 8 criteria, 3 Kirkpatrick alignments, 8 evidence items."""
    document = achievement_credential(
        credential_id=f"urn:uuid:3f1d7c52-2c6f-4b54-9a0e-{n:012d}",
        subject_name=f"CFA n°{n} — Centre de formation d’apprentis",
        criteria_count=8,
        alignment_count=3,
        evidence_count=8,
        status_index=(n * 7919) % 131_072,
    )
    day = 1 + n % 28
    document["validFrom"] = document["awardedDate"] = f"2026-02-{day:02d}T09:00:00Z"
    document["validUntil"] = f"2029-02-{day:02d}T09:00:00Z"
    return document


def bench_blason(iterations: int) -> list[float]:
    key = sample_private_key()
    documents = [realistic_credential(n) for n in range(iterations + 1)]
    proofs.sign(documents[0], private_key=key, verification_method=VERIFICATION_METHOD, created=CREATED)  # warm-up
    timings = []
    for document in documents[1:]:
        start = time.perf_counter()
        proofs.sign(document, private_key=key, verification_method=VERIFICATION_METHOD, created=CREATED)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def bench_blason_verify(iterations: int) -> list[float]:
    key = sample_private_key()
    public_key = key.public_key()
    signed = [
        proofs.sign(realistic_credential(n), private_key=key, verification_method=VERIFICATION_METHOD, created=CREATED)
        for n in range(iterations)
    ]
    timings = []
    for document in signed:
        start = time.perf_counter()
        assert proofs.verify(document, resolve_public_key=lambda method: public_key).ok
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def bench_blason_general(iterations: int) -> list[float]:
    """Same, through pyld's expansion only (the general route), for reference."""
    document = realistic_credential(1)
    timings = []
    for _ in range(iterations):
        start = time.perf_counter()
        canonical.canonize_general(document)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, inherited by node
    reason = dcc_missing_reason()
    if reason:
        print(f"DCC not available: {reason}", file=sys.stderr)
        return 2

    document = realistic_credential(1)
    dcc = run_dcc_sign(
        document,
        seed=TEST_SEED,
        verification_method=VERIFICATION_METHOD,
        created=CREATED,
        documents={ISSUER_DID: issuer_did_document()},
        iterations=args.iterations,
    )
    ours = proofs.sign(
        document, private_key=sample_private_key(), verification_method=VERIFICATION_METHOD, created=CREATED
    )
    nquads = canonical.canonize(document)
    assert dcc["nquads"] == nquads, "canonical N-Quads differ from DCC's"
    assert dcc["signed"]["proof"]["proofValue"] == ours["proof"][0]["proofValue"], "signatures differ"

    canonical_fast.clear_cache()
    blason = bench_blason(args.iterations)
    verify = bench_blason_verify(args.iterations)
    general = bench_blason_general(max(20, args.iterations // 10))
    dcc_median = statistics.median(dcc["timingsMs"])
    blason_median = statistics.median(blason)
    print(f"credential: {len(nquads.splitlines())} canonical quads, {len(nquads.encode())} bytes of N-Quads")
    print("N-Quads byte-identical to DCC: yes; signature identical: yes")
    print(
        f"DCC (Node {os.popen('node --version').read().strip()}) sign median: {dcc_median:8.3f} ms  "
        f"({len(dcc['timingsMs'])} iterations)"
    )
    print(f"Blason pyld-only route median:   {statistics.median(general):8.3f} ms  (reference, not used when fast)")
    print(
        f"Blason sign median:              {blason_median:8.3f} ms  ({len(blason)} iterations, "
        f"template cache {canonical_fast.cache_info()})"
    )
    print(
        f"Blason verify median:            {statistics.median(verify):8.3f} ms  "
        f"(≈ {1000 / statistics.median(verify):.0f} proofs/s on one core)"
    )
    print(f"ratio DCC / Blason: {dcc_median / blason_median:.1f}x (target >= 3x)")
    return 0 if dcc_median / blason_median >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
