from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from blason.organisations import perms, services
from blason.organisations.forms import OrganisationForm

LEARNERS_PER_PAGE = 50


def organisation_detail(request, public_id):
    organisation = perms.get_organisation_for_member(request.user, public_id)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": perms.can_edit_organisation(request.user, organisation),
            "events": organisation.events.select_related("actor")[:10],
        },
    )


def organisation_edit(request, public_id):
    organisation = perms.get_organisation_for_editor(request.user, public_id)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            services.update_organisation(organisation, by=request.user, fields=form.changed_values())
            messages.success(request, _("Les informations de l’organisation ont été enregistrées."))
            return redirect("organisations:detail", public_id=organisation.public_id)
        messages.error(request, _("Le formulaire contient des erreurs : rien n’a été enregistré."))
    return render(request, "organisations/organisation_edit.html", {"organisation": organisation, "form": form})


def learner_list(request, public_id):
    organisation = perms.get_training_centre_for_learner_viewer(request.user, public_id)
    learners = organisation.learners.select_related("cohort", "trainer").order_by("last_name", "first_name", "pk")
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/learner_list.html", {"organisation": organisation, "page": page})


def learner_detail(request, public_id):
    learner = perms.get_learner_for_viewer(request.user, public_id)
    return render(request, "organisations/learner_detail.html", {"learner": learner})
