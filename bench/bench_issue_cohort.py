"""Award one badge to every learner of a cohort, end to end, and time it.

Each credential: its row and event, a random status list index, the signed OB 3.0 JSON, the baked PNG
written to storage, the recipient's email stored in the outbox with its delivery task queued.
Target (issue 5): 10,000 in ≤ 60 s and ≤ 500 MB peak RSS on the 2-core machine.

    .venv/bin/python bench/bench_issue_cohort.py --count 10000
"""

import argparse
import sys
import time

from _setup import ProgressBar, peak_rss_mb, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    database = setup_django()

    from blason.badges.enums import AlignmentFramework, BadgeClassStatus, EvidenceKind, RecipientKind
    from blason.badges.models import Alignment, BadgeClass, BadgeVersion, Criterion
    from blason.core.models import OutgoingEmail
    from blason.credentials import services
    from blason.credentials.models import Credential
    from blason.organisations.enums import IssuerCategory, OrganisationKind
    from blason.organisations.models import Cohort, Learner, Organisation

    issuer = Organisation.objects.create(
        kind=OrganisationKind.ISSUER,
        issuer_category=IssuerCategory.STATE_BODY,
        name="Rectorat de région académique PACA — mission ICAPA",
        slug="paca-mission",
        contact_email="mission@example.org",
    )
    centre = Organisation.objects.create(
        kind=OrganisationKind.TRAINING_CENTRE, name="CFA La Fabrik", slug="cfa-la-fabrik", city="Fréjus"
    )
    cohort = Cohort.objects.create(training_centre=centre, name="BTS 2026")
    badge_class = BadgeClass.objects.create(issuer=issuer, status=BadgeClassStatus.PUBLISHED)
    version = BadgeVersion.objects.create(
        badge_class=badge_class,
        name="Compétences numériques — niveau 1",
        description="Reconnaît la maîtrise des outils numériques du métier.",
        keywords=["numérique", "outils"],
        recipient_kind=RecipientKind.PERSON,
        validity_months=36,
    )
    for position in (1, 2, 3):
        Criterion.objects.create(
            version=version, position=position, text=f"Critère {position}", evidence_kind=EvidenceKind.TEXT
        )
    Alignment.objects.create(
        version=version, framework=AlignmentFramework.KIRKPATRICK, code="2", name="Kirkpatrick 2", url="https://x.org"
    )
    badge_class.current_version = version
    badge_class.save()
    Learner.objects.bulk_create(
        Learner(
            first_name="Apprenti",
            last_name=f"N°{n}",
            email=f"apprenti{n}@example.org",
            training_centre=centre,
            cohort=cohort,
        )
        for n in range(args.count)
    )
    learners = list(Learner.objects.filter(cohort=cohort).order_by("pk"))
    progress = ProgressBar(len(learners), "émission")
    start = time.perf_counter()
    issued = services.award_to_cohort(badge_class, learners, by=None, progress=progress.update)
    elapsed = time.perf_counter() - start

    assert len(issued) == args.count == Credential.objects.count()
    assert OutgoingEmail.objects.count() == args.count
    assert all(c.baked_png for c in issued[:10])
    rate = args.count / elapsed
    print(f"database: {database}")
    print(f"issued {args.count} credentials in {elapsed:.1f} s ({rate:.0f}/s)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    ok = elapsed <= 60 * args.count / 10_000 and peak_rss_mb() <= 500
    print("target (10,000 in ≤ 60 s, ≤ 500 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
