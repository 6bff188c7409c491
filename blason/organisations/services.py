"""State changes of organisations, memberships, cohorts and learners.

Every function here runs in one transaction, writes an OrganisationEvent (who, when, what) and
sends its emails only once the transaction commits.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from blason.accounts.services import get_or_create_user
from blason.organisations import notifications
from blason.organisations.enums import MANAGEABLE_ROLES, ROLES_GIVEN_ELSEWHERE, OrganisationEventKind, Role
from blason.organisations.models import Cohort, Learner, Membership, Organisation, OrganisationEvent


def _plain(value):
    """A JSON-friendly form of a field value, for the event log."""
    if isinstance(value, FieldFile | File):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    return value


def _changes(before: dict, after: dict) -> dict:
    before = {key: _plain(value) for key, value in before.items()}
    after = {key: _plain(value) for key, value in after.items()}
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


def _log(organisation: Organisation, kind: OrganisationEventKind, *, by, **data) -> OrganisationEvent:
    return OrganisationEvent.objects.create(organisation=organisation, kind=kind, actor=by, data=data)


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, fields: dict) -> Organisation:
    """Apply `fields` (already validated) to the organisation and log what changed.

    Raises ValidationError (model validation) and then changes nothing. Writes an
    OrganisationEvent(kind=updated) with the old and new values, unless nothing changed.
    """
    organisation = Organisation.objects.select_for_update(of=("self",), no_key=True).get(pk=organisation.pk)
    before = {key: getattr(organisation, key) for key in fields}
    for key, value in fields.items():
        setattr(organisation, key, value)
    organisation.full_clean()
    organisation.save()
    changed = _changes(before, {key: getattr(organisation, key) for key in fields})
    if changed:
        _log(organisation, OrganisationEventKind.UPDATED, by=by, changes=changed)
    return organisation


@transaction.atomic
def create_organisation(*, by, **fields) -> Organisation:
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    _log(organisation, OrganisationEventKind.CREATED, by=by, name=organisation.name)
    return organisation


def _check_role_for(organisation: Organisation | None, role: str, affiliation: str) -> None:
    allowed = (
        (*MANAGEABLE_ROLES[organisation.kind], *ROLES_GIVEN_ELSEWHERE.get(organisation.kind, ()))
        if organisation
        else ()
    )
    if organisation is not None and role not in allowed:
        raise ValidationError({"role": _("Ce rôle n’existe pas pour ce type d’organisation.")})
    if role == Role.EXPERT and not affiliation:
        raise ValidationError({"affiliation": _("Indiquez l’affiliation de l’expert.")})
    if role != Role.EXPERT and affiliation:
        raise ValidationError({"affiliation": _("Seuls les experts ont une affiliation.")})


@transaction.atomic
def add_member(organisation: Organisation | None, *, user, role, by, affiliation: str = "") -> Membership:
    """Give `user` the `role` in `organisation` (re-activating a removed one). Idempotent."""
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True, "affiliation": affiliation}
    )
    if organisation is not None:
        _log(
            organisation,
            OrganisationEventKind.MEMBER_ADDED,
            by=by,
            user=user.email,
            role=role,
            affiliation=affiliation,
        )
    return membership


@transaction.atomic
def invite_member(
    organisation: Organisation,
    *,
    email: str,
    role: str,
    by,
    first_name: str = "",
    last_name: str = "",
    affiliation: str = "",
) -> Membership:
    """Give the person with `email` a role in `organisation`, creating their account if needed.

    A new account has no password: the invitation email carries a link to choose one (the link
    proves the address, so the address is registered as verified). An existing account keeps
    its password and is told about the new role. Raises ValidationError (French message, keyed
    by form field) when the person already holds this role here, or the role or affiliation
    does not fit the organisation. Writes OrganisationEvent(member_added); email on commit.
    """
    _check_role_for(organisation, role, affiliation)
    email = email.strip().lower()
    if Membership.objects.filter(
        organisation=organisation, role=role, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("Cette adresse électronique a déjà ce rôle dans l’organisation.")})
    user, created = get_or_create_user(email=email, first_name=first_name, last_name=last_name, email_verified=True)
    membership = add_member(organisation, user=user, role=role, by=by, affiliation=affiliation)
    transaction.on_commit(partial(notifications.send_invitation, membership.pk, new_account=created))
    return membership


@transaction.atomic
def change_member_role(membership: Membership, *, role: str, affiliation: str = "", by) -> Membership:
    """Replace the role of a membership. Raises ValidationError if the person already holds it."""
    membership = Membership.objects.select_for_update(of=("self",), no_key=True).get(pk=membership.pk)
    _check_role_for(membership.organisation, role, affiliation)
    if role == membership.role and affiliation == membership.affiliation:
        return membership
    if (
        role != membership.role
        and Membership.objects.filter(
            user=membership.user, organisation=membership.organisation, role=role, is_active=True
        ).exists()
    ):
        raise ValidationError({"role": _("Cette personne a déjà ce rôle dans l’organisation.")})
    # A removed (inactive) row for the new role would clash with the unique constraint.
    Membership.objects.filter(
        user=membership.user, organisation=membership.organisation, role=role, is_active=False
    ).delete()
    old = {"role": membership.role, "affiliation": membership.affiliation}
    membership.role = role
    membership.affiliation = affiliation
    membership.save(update_fields=["role", "affiliation", "updated_at"])
    _log(
        membership.organisation,
        OrganisationEventKind.MEMBER_ROLE_CHANGED,
        by=by,
        user=membership.user.email,
        before=old,
        after={"role": role, "affiliation": affiliation},
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by) -> Membership:
    """Withdraw a role (the row stays, inactive, for the history). One may not remove oneself."""
    membership = Membership.objects.select_for_update(of=("self",), no_key=True).get(pk=membership.pk)
    if membership.user_id == getattr(by, "pk", None):
        raise ValidationError(_("Vous ne pouvez pas retirer votre propre rôle : demandez-le à un autre responsable."))
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    _log(
        membership.organisation,
        OrganisationEventKind.MEMBER_REMOVED,
        by=by,
        user=membership.user.email,
        role=membership.role,
    )
    return membership


@transaction.atomic
def create_cohort(training_centre: Organisation, *, by, **fields) -> Cohort:
    """Create a cohort ("promotion") of a CFA. Raises ValidationError on a duplicate name."""
    cohort = Cohort(training_centre=training_centre, **fields)
    cohort.full_clean()
    cohort.save()
    _log(training_centre, OrganisationEventKind.COHORT_CREATED, by=by, cohort=str(cohort.public_id), name=cohort.name)
    return cohort


@transaction.atomic
def update_cohort(cohort: Cohort, *, by, fields: dict) -> Cohort:
    cohort = Cohort.objects.select_for_update(of=("self",), no_key=True).get(pk=cohort.pk)
    before = {key: getattr(cohort, key) for key in fields}
    for key, value in fields.items():
        setattr(cohort, key, value)
    cohort.full_clean()
    cohort.save()
    changed = _changes(before, fields)
    if changed:
        _log(
            cohort.training_centre,
            OrganisationEventKind.COHORT_UPDATED,
            by=by,
            cohort=str(cohort.public_id),
            changes=changed,
        )
    return cohort


@transaction.atomic
def add_learner(training_centre: Organisation, *, by, invite: bool = False, **fields) -> Learner:
    """Add a learner to a CFA; with `invite`, also open their account (see `invite_learner`).

    Raises ValidationError (e.g. email already used in this CFA) and then changes nothing.
    """
    learner = Learner(training_centre=training_centre, **fields)
    learner.full_clean()
    learner.save()
    _log(
        training_centre,
        OrganisationEventKind.LEARNER_ADDED,
        by=by,
        learner=str(learner.public_id),
        email=learner.email,
    )
    if invite:
        learner = invite_learner(learner, by=by)
    return learner


@transaction.atomic
def invite_learner(learner: Learner, *, by) -> Learner:
    """Open the learner's account (or link an existing one) with the learner role in their CFA.

    The person receives the invitation email (a link to choose a password when the account is
    new). Raises ValidationError when the learner already has an account or when the account
    of that email is already linked to another learner record.
    """
    learner = Learner.objects.select_for_update(of=("self",), no_key=True).get(pk=learner.pk)
    if learner.user_id:
        raise ValidationError(_("Cet apprenti a déjà un compte."))
    if Learner.objects.filter(user__email__iexact=learner.email).exists():
        raise ValidationError(
            {"email": _("Le compte de cette adresse électronique est déjà rattaché à un autre apprenti.")}
        )
    user, created = get_or_create_user(
        email=learner.email, first_name=learner.first_name, last_name=learner.last_name, email_verified=True
    )
    learner.user = user
    learner.save(update_fields=["user", "updated_at"])
    membership = add_member(learner.training_centre, user=user, role=Role.LEARNER, by=by)
    transaction.on_commit(partial(notifications.send_invitation, membership.pk, new_account=created))
    return learner


@transaction.atomic
def update_learner(learner: Learner, *, by, fields: dict) -> Learner:
    """Change a learner's record (cohort, employer, tutor…) and log the old and new values."""
    learner = Learner.objects.select_for_update(of=("self",), no_key=True).get(pk=learner.pk)
    before = {key: getattr(learner, key) for key in fields}
    for key, value in fields.items():
        setattr(learner, key, value)
    learner.full_clean()
    learner.save()
    changed = _changes(before, fields)
    if changed:
        _log(
            learner.training_centre,
            OrganisationEventKind.LEARNER_UPDATED,
            by=by,
            learner=str(learner.public_id),
            changes=changed,
        )
    return learner
