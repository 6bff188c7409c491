"""State changes of organisations, memberships and learners; each writes an OrganisationEvent."""

from django.db import transaction

from blason.organisations.enums import OrganisationEventKind
from blason.organisations.models import Learner, Membership, Organisation, OrganisationEvent


def _changes(before: dict, after: dict) -> dict:
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, fields: dict) -> Organisation:
    """Apply `fields` (already validated) to the organisation and log what changed.

    Writes an OrganisationEvent(kind=updated) with the old and new values, unless nothing changed.
    """
    organisation = Organisation.objects.select_for_update(of=("self",), no_key=True).get(pk=organisation.pk)
    before = {key: getattr(organisation, key) for key in fields}
    for key, value in fields.items():
        setattr(organisation, key, value)
    organisation.full_clean()
    organisation.save()
    changed = _changes(
        {k: str(v) if hasattr(v, "url") else v for k, v in before.items()},
        {k: str(v) if hasattr(v, "url") else v for k, v in fields.items()},
    )
    if changed:
        OrganisationEvent.objects.create(
            organisation=organisation, kind=OrganisationEventKind.UPDATED, actor=by, data={"changes": changed}
        )
    return organisation


@transaction.atomic
def create_organisation(*, by, **fields) -> Organisation:
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    OrganisationEvent.objects.create(
        organisation=organisation, kind=OrganisationEventKind.CREATED, actor=by, data={"name": organisation.name}
    )
    return organisation


@transaction.atomic
def add_member(organisation: Organisation | None, *, user, role, by, affiliation: str = "") -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True, "affiliation": affiliation}
    )
    if organisation is not None:
        OrganisationEvent.objects.create(
            organisation=organisation,
            kind=OrganisationEventKind.MEMBER_ADDED,
            actor=by,
            data={"user": user.email, "role": role, "affiliation": affiliation},
        )
    return membership


@transaction.atomic
def add_learner(training_centre: Organisation, *, by, **fields) -> Learner:
    learner = Learner(training_centre=training_centre, **fields)
    learner.full_clean()
    learner.save()
    OrganisationEvent.objects.create(
        organisation=training_centre,
        kind=OrganisationEventKind.LEARNER_ADDED,
        actor=by,
        data={"learner": str(learner.public_id), "email": learner.email},
    )
    return learner
