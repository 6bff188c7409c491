"""Verifications per second of issued credentials (every check: parse, schema, proof, key, dates, status).

Target (issue 5): at least 500 verifications per second.

    .venv/bin/python bench/bench_verify.py --count 1000 --rounds 3
"""

import argparse
import sys
import time

from _setup import ProgressBar, peak_rss_mb, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="credentials to issue, then verify")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--format", choices=["json", "png"], default="json")
    args = parser.parse_args()
    database = setup_django()

    from blason.badges.enums import BadgeClassStatus, EvidenceKind, RecipientKind
    from blason.badges.models import BadgeClass, BadgeVersion, Criterion
    from blason.credentials import baking, services, verification
    from blason.credentials.images import default_badge_png
    from blason.organisations.enums import IssuerCategory, OrganisationKind
    from blason.organisations.models import Learner, Organisation

    issuer = Organisation.objects.create(
        kind=OrganisationKind.ISSUER, issuer_category=IssuerCategory.STATE_BODY, name="Mission", slug="mission"
    )
    centre = Organisation.objects.create(kind=OrganisationKind.TRAINING_CENTRE, name="CFA", slug="cfa")
    badge_class = BadgeClass.objects.create(issuer=issuer, status=BadgeClassStatus.PUBLISHED)
    version = BadgeVersion.objects.create(
        badge_class=badge_class, name="Badge", description="Badge.", recipient_kind=RecipientKind.PERSON
    )
    Criterion.objects.create(version=version, position=1, text="Critère", evidence_kind=EvidenceKind.TEXT)
    badge_class.current_version = version
    badge_class.save()
    Learner.objects.bulk_create(
        Learner(first_name="A", last_name=str(n), email=f"a{n}@example.org", training_centre=centre)
        for n in range(args.count)
    )
    credentials = services.award_to_cohort(badge_class, Learner.objects.order_by("pk"), by=None)
    png = default_badge_png()
    inputs = [
        c.document_json.encode() if args.format == "json" else baking.bake_png(png, c.document_json)
        for c in credentials
    ]
    rates = []
    for round_number in range(1, args.rounds + 1):
        progress = ProgressBar(len(inputs), f"vérification {round_number}")
        start = time.perf_counter()
        for done, data in enumerate(inputs, start=1):
            report = verification.verify_bytes(data)
            if not report.valid:
                raise SystemExit(f"unexpected verdict: {report.message}")
            if done % 100 == 0 or done == len(inputs):
                progress.update(done)
        rates.append(len(inputs) / (time.perf_counter() - start))
    best = max(rates)
    print(f"database: {database}")
    figures = ", ".join(f"{rate:.0f}/s" for rate in rates)
    print(f"verified {len(inputs)} {args.format} credentials × {args.rounds}: {figures}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    print("target (≥ 500/s):", "met" if best >= 500 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
