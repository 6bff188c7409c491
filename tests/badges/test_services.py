import pytest
from django.core.exceptions import ValidationError

from blason.badges import services
from blason.badges.enums import (
    BadgeClassEventKind,
    BadgeClassStatus,
    CriteriaRule,
    EvidenceKind,
    ProgrammeKind,
    ProposalStatus,
    RecipientKind,
)
from blason.badges.exceptions import BadgeError, TransitionNotAllowed
from blason.badges.images import BadgeTemplate
from blason.badges.models import BadgeClass, BadgeProposal, BadgeVersion, Programme
from tests.badges.factories import (
    BadgeClassFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    add_to_programme,
    cfa_manager,
)

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"text": f"Critère {i}", "evidence_kind": EvidenceKind.DOCUMENT, "for_first_award": True, "for_renewal": True}
    for i in (1, 2, 3)
]
CONTENT = {
    "name": "Attractivité",
    "description": "Les efforts des CFA pour présenter les métiers.",
    "recipient_kind": RecipientKind.ORGANISATION,
    "criteria_rule": CriteriaRule.AT_LEAST,
    "criteria_min_count": 2,
    "validity_months": 12,
}


def test_create_badge_class_with_generated_image():
    issuer = OrganisationFactory()
    badge_class = services.create_badge_class(
        issuer=issuer,
        by=UserFactory(),
        content=CONTENT,
        criteria=CRITERIA,
        image=services.ImageChoice(template=BadgeTemplate("circle", "#000091", "Attractivité", 2)),
    )

    version = badge_class.current_version
    assert badge_class.status == BadgeClassStatus.DRAFT
    assert [c.text for c in version.criteria.all()] == ["Critère 1", "Critère 2", "Critère 3"]
    assert version.image.name.endswith(".svg")
    assert version.image_png.name.endswith(".png")
    assert version.image_shape == "circle"
    assert list(badge_class.events.values_list("kind", flat=True)) == [BadgeClassEventKind.CREATED]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ({"criteria_min_count": 4}, "criteria_min_count"),
        ({"validity_months": 0}, "validity_months"),
        ({"validity_months": 1000}, "validity_months"),
    ],
)
def test_create_badge_class_refuses_impossible_rules_and_saves_nothing(content, field):
    with pytest.raises(ValidationError) as error:
        services.create_badge_class(
            issuer=OrganisationFactory(), by=UserFactory(), content=CONTENT | content, criteria=CRITERIA
        )

    assert field in error.value.message_dict
    assert not BadgeClass.objects.exists()
    assert not BadgeVersion.objects.exists()


def test_editing_an_unawarded_version_changes_it_in_place():
    badge_class = BadgeClassFactory()
    version = badge_class.current_version

    edited = services.edit_badge_class(badge_class, by=UserFactory(), content={"name": "Nouveau nom"})

    assert edited.pk == version.pk
    assert edited.name == "Nouveau nom"
    assert badge_class.versions.count() == 1


def test_editing_an_awarded_class_creates_a_new_version_and_keeps_the_old_one():
    badge_class = BadgeClassFactory(published=True, version__alignments=True, version__name="Ancien nom")
    old = services.freeze_version(badge_class.current_version)

    new = services.edit_badge_class(
        badge_class,
        by=UserFactory(),
        content={"name": "Nouveau nom", "validity_months": 24},
        criteria=[*CRITERIA, {"text": "Critère 4", "evidence_kind": EvidenceKind.LINK}],
    )

    badge_class.refresh_from_db()
    old.refresh_from_db()
    assert new.pk != old.pk
    assert new.number == 2
    assert badge_class.current_version == new
    assert not new.is_frozen
    assert new.name == "Nouveau nom"
    assert new.criteria.count() == 4
    assert new.alignments.count() == 1  # copied
    # The awarded version is unchanged.
    assert old.name == "Ancien nom"
    assert old.validity_months is None
    assert [c.text for c in old.criteria.all()] == ["Premier critère", "Deuxième critère", "Troisième critère"]
    assert old.alignments.count() == 1
    assert old.is_frozen
    assert BadgeClassEventKind.VERSION_CREATED in badge_class.events.values_list("kind", flat=True)


def test_freeze_version_is_idempotent():
    version = BadgeClassFactory().current_version
    first = services.freeze_version(version).frozen_at
    assert services.freeze_version(version).frozen_at == first
    assert version.badge_class.events.filter(kind=BadgeClassEventKind.VERSION_FROZEN).count() == 1


def test_publish_and_archive():
    badge_class = BadgeClassFactory()
    user = UserFactory()

    services.publish_badge_class(badge_class, by=user)
    with pytest.raises(TransitionNotAllowed):
        services.publish_badge_class(badge_class, by=user)
    services.archive_badge_class(badge_class, by=user)

    badge_class.refresh_from_db()
    assert badge_class.status == BadgeClassStatus.ARCHIVED
    with pytest.raises(TransitionNotAllowed):
        services.edit_badge_class(badge_class, by=user, content={"name": "x"})


def test_a_badge_without_criteria_cannot_be_published():
    badge_class = BadgeClassFactory(version__criteria=[])
    with pytest.raises(BadgeError):
        services.publish_badge_class(badge_class, by=UserFactory())


def _members(issuer, n, mandatory):
    return [(BadgeClassFactory(issuer=issuer), i < mandatory) for i in range(n)]


def test_create_programme_refuses_more_mandatory_badges_than_n():
    issuer = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.create_programme(
            issuer=issuer, by=UserFactory(), name="Label", kind=ProgrammeKind.LABEL, min_count=3,
            members=_members(issuer, 6, mandatory=4),
        )  # fmt: skip
    assert "4 badges obligatoires" in error.value.message_dict["min_count"][0]
    assert not Programme.objects.exists()


def test_create_programme_refuses_n_above_its_badges():
    issuer = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.create_programme(
            issuer=issuer, by=UserFactory(), name="Label", kind=ProgrammeKind.LABEL, min_count=7,
            members=_members(issuer, 6, mandatory=1),
        )  # fmt: skip


def test_create_label_programme():
    issuer = OrganisationFactory()
    label = BadgeClassFactory(issuer=issuer)
    programme = services.create_programme(
        issuer=issuer, by=UserFactory(), name="Label", kind=ProgrammeKind.LABEL, min_count=3,
        members=_members(issuer, 4, mandatory=2), label_badge_class=label,
    )  # fmt: skip

    rule = programme.rule()
    assert rule.min_count == 3
    assert len(rule.mandatory_ids) == 2
    assert rule.label_badge_class_id == label.pk


def test_accepting_a_proposal_creates_a_draft_and_emails_the_cfa(django_capture_on_commit_callbacks, mailoutbox):
    programme = ProgrammeFactory(accepts_proposals=True)
    centre = OrganisationFactory(training_centre=True)
    manager = cfa_manager(centre)
    proposal = services.propose_badge(
        programme=programme, training_centre=centre, by=manager, name="Badge IA",
        description="Usage raisonné de l’IA", criteria_text="- charte IA\n- formation des formateurs",
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        badge_class = services.accept_proposal(proposal, by=UserFactory())

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert badge_class.status == BadgeClassStatus.DRAFT
    assert badge_class.issuer == programme.issuer
    assert [c.text for c in badge_class.current_version.criteria.all()] == ["charte IA", "formation des formateurs"]
    assert programme.members.filter(badge_class=badge_class, is_mandatory=False).exists()
    assert [m.to for m in mailoutbox] == [[manager.email]]
    assert "acceptée" in mailoutbox[0].subject
    assert mailoutbox[0].alternatives[0][1] == "text/html"


def test_declining_a_proposal_needs_a_reason_and_emails_it(django_capture_on_commit_callbacks, mailoutbox):
    programme = ProgrammeFactory(accepts_proposals=True)
    centre = OrganisationFactory(training_centre=True)
    manager = cfa_manager(centre)
    proposal = services.propose_badge(
        programme=programme, training_centre=centre, by=manager, name="Badge", description="Description"
    )
    with pytest.raises(ValidationError):
        services.decline_proposal(proposal, by=UserFactory(), reason="  ")

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_proposal(proposal, by=UserFactory(), reason="Déjà couvert par le badge Tutorat.")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert "Déjà couvert par le badge Tutorat." in mailoutbox[0].body
    with pytest.raises(TransitionNotAllowed):
        services.accept_proposal(proposal, by=UserFactory())


def test_proposals_only_for_programmes_that_accept_them():
    programme = ProgrammeFactory(accepts_proposals=False)
    with pytest.raises(BadgeError):
        services.propose_badge(
            programme=programme, training_centre=OrganisationFactory(training_centre=True), by=UserFactory(),
            name="x", description="y",
        )  # fmt: skip
    assert not BadgeProposal.objects.exists()


def test_labels_newly_earned_from_the_database():
    import datetime

    from blason.badges.programmes import HeldBadge, labels_newly_earned

    issuer = OrganisationFactory()
    label = BadgeClassFactory(issuer=issuer, published=True)
    programme = ProgrammeFactory(issuer=issuer, min_count=2, label_badge_class=label)
    a, b, c = (BadgeClassFactory(issuer=issuer, published=True) for _ in range(3))
    add_to_programme(programme, a, mandatory=True, position=1)
    add_to_programme(programme, b, position=2)
    add_to_programme(programme, c, position=3)
    end = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)

    assert labels_newly_earned([HeldBadge(b.pk, end), HeldBadge(c.pk, end)]) == []
    awards = labels_newly_earned([HeldBadge(a.pk, end), HeldBadge(c.pk, None)])
    assert [(x.badge_class, x.programme, x.valid_until) for x in awards] == [(label, programme, end)]
    assert labels_newly_earned([HeldBadge(a.pk, end), HeldBadge(c.pk, None), HeldBadge(label.pk, end)]) == []
