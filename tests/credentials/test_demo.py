import io

import pytest

from blason.credentials import demo
from blason.credentials.models import Credential
from blason.organisations import demo as organisations_demo
from blason.organisations.models import Organisation
from tests.credentials.factories import BadgeClassFactory, BadgeVersionFactory

pytestmark = pytest.mark.django_db


def test_demo_issues_a_few_credentials_once_and_revokes_one():
    out = io.StringIO()
    organisations_demo.load(stdout=out)
    for slug in ("paca-mission", "region-normandie"):
        issuer = Organisation.objects.get(slug=slug)
        BadgeVersionFactory(badge_class=BadgeClassFactory(issuer=issuer))
    for slug in ("instep-occitanie", "cnam-pays-de-la-loire"):
        issuer = Organisation.objects.get(slug=slug)
        BadgeVersionFactory(badge_class=BadgeClassFactory(issuer=issuer), for_person=True)
    demo.load(stdout=out)
    assert Credential.objects.count() == 6
    revoked = Credential.objects.get(revoked_at__isnull=False)
    assert revoked.recipient_organisation.slug == "cfa-isim"
    demo.load(stdout=out)
    assert Credential.objects.count() == 6
