from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from blason.organisations import perms, services
from blason.organisations.forms import CohortForm, LearnerForm, MemberInviteForm, MemberRoleForm, OrganisationForm
from blason.organisations.models import Organisation

LEARNERS_PER_PAGE = 50
FORM_ERROR = gettext_lazy("Le formulaire contient des erreurs : rien n’a été enregistré.")


def _form_error(request):
    messages.error(request, FORM_ERROR)


def organisation_detail(request, public_id):
    organisation = perms.get_organisation_for_member(request.user, public_id)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": perms.can_edit_organisation(request.user, organisation),
            "can_manage_members": perms.can_manage_members(request.user, organisation),
            "can_manage_learners": perms.can_manage_learners(request.user, organisation),
            "events": organisation.events.select_related("actor")[:10],
        },
    )


def organisation_edit(request, public_id):
    organisation = perms.get_organisation_for_editor(request.user, public_id)
    # The form works on its own copy: a rejected input must not leak into the page's title.
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_organisation(organisation, by=request.user, fields=form.changed_values())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Les informations de l’organisation ont été enregistrées."))
                return redirect("organisations:detail", public_id=organisation.public_id)
        _form_error(request)
    return render(request, "organisations/organisation_edit.html", {"organisation": organisation, "form": form})


def member_list(request, public_id):
    organisation = perms.get_organisation_for_member_manager(request.user, public_id)
    form = MemberInviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invite_member(organisation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(email)s a reçu son rôle et un courriel d’invitation.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("organisations:members", public_id=organisation.public_id)
        _form_error(request)
    memberships = organisation.memberships.active().select_related("user").order_by("user__last_name", "user__email")
    return render(
        request,
        "organisations/member_list.html",
        {"organisation": organisation, "memberships": memberships, "form": form},
    )


def member_edit(request, public_id, membership_id):
    membership = perms.get_membership_for_manager(request.user, public_id, membership_id)
    organisation = membership.organisation
    form = MemberRoleForm(
        request.POST or None,
        organisation=organisation,
        initial={"role": membership.role, "affiliation": membership.affiliation},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_member_role(
                    membership,
                    role=form.cleaned_data["role"],
                    affiliation=form.cleaned_data.get("affiliation", ""),
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Le rôle a été modifié."))
                return redirect("organisations:members", public_id=organisation.public_id)
        _form_error(request)
    return render(
        request,
        "organisations/member_edit.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@require_POST
def member_remove(request, public_id, membership_id):
    membership = perms.get_membership_for_manager(request.user, public_id, membership_id)
    try:
        services.remove_member(membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le rôle de %(email)s a été retiré.") % {"email": membership.user.email})
    return redirect("organisations:members", public_id=public_id)


def learner_list(request, public_id):
    organisation = perms.get_training_centre_for_learner_viewer(request.user, public_id)
    learners = organisation.learners.select_related("cohort", "trainer").order_by("last_name", "first_name", "pk")
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/learner_list.html",
        {
            "organisation": organisation,
            "page": page,
            "can_manage": perms.can_manage_learners(request.user, organisation),
        },
    )


def learner_detail(request, public_id):
    learner = perms.get_learner_for_viewer(request.user, public_id)
    return render(
        request,
        "organisations/learner_detail.html",
        {"learner": learner, "can_manage": perms.can_manage_learners(request.user, learner.training_centre)},
    )


def learner_create(request, public_id):
    organisation = perms.get_training_centre_for_manager(request.user, public_id)
    form = LearnerForm(request.POST or None, training_centre=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                learner = services.add_learner(organisation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("L’apprenti a été ajouté."))
                return redirect("organisations:learner_detail", public_id=learner.public_id)
        _form_error(request)
    return render(request, "organisations/learner_form.html", {"organisation": organisation, "form": form})


def learner_edit(request, public_id):
    learner = perms.get_learner_for_manager(request.user, public_id)
    organisation = learner.training_centre
    form = LearnerForm(
        request.POST or None, training_centre=organisation, instance=type(learner).objects.get(pk=learner.pk)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_learner(learner, by=request.user, fields=form.changed_values())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("La fiche de l’apprenti a été enregistrée."))
                return redirect("organisations:learner_detail", public_id=learner.public_id)
        _form_error(request)
    return render(
        request, "organisations/learner_form.html", {"organisation": organisation, "learner": learner, "form": form}
    )


@require_POST
def learner_invite(request, public_id):
    learner = perms.get_learner_for_manager(request.user, public_id)
    try:
        services.invite_learner(learner, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(email)s a reçu une invitation à se connecter.") % {"email": learner.email})
    return redirect("organisations:learner_detail", public_id=learner.public_id)


def cohort_list(request, public_id):
    organisation = perms.get_training_centre_for_manager(request.user, public_id)
    form = CohortForm(request.POST or None, training_centre=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.create_cohort(organisation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("La promotion a été créée."))
                return redirect("organisations:cohorts", public_id=organisation.public_id)
        _form_error(request)
    return render(
        request,
        "organisations/cohort_list.html",
        {"organisation": organisation, "cohorts": organisation.cohorts.all(), "form": form},
    )


def cohort_edit(request, public_id):
    cohort = perms.get_cohort_for_manager(request.user, public_id)
    organisation = cohort.training_centre
    form = CohortForm(
        request.POST or None, training_centre=organisation, instance=type(cohort).objects.get(pk=cohort.pk)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_cohort(
                    cohort, by=request.user, fields={k: form.cleaned_data[k] for k in form.changed_data}
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("La promotion a été enregistrée."))
                return redirect("organisations:cohorts", public_id=organisation.public_id)
        _form_error(request)
    return render(
        request, "organisations/cohort_edit.html", {"organisation": organisation, "cohort": cohort, "form": form}
    )
