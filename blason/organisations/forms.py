from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from blason.accounts.models import User
from blason.core.forms import BlasonForm, BlasonModelForm
from blason.organisations.enums import MANAGEABLE_ROLES, ExpertAffiliation, Role
from blason.organisations.models import Cohort, Learner, Organisation


class DiplomasField(forms.CharField):
    """One diploma per line in a textarea, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class OrganisationForm(BlasonModelForm):
    url = forms.URLField(label=_("Site internet"), required=False, assume_scheme="https")
    # Longer than the stored value so that "732 829 320 00074" reaches clean_siret and the validators.
    siret = forms.CharField(label=_("SIRET"), max_length=20, required=False)
    siren = forms.CharField(label=_("SIREN"), max_length=14, required=False)
    diplomas = DiplomasField(
        label=_("Diplômes préparés"), required=False, help_text=_("Un diplôme par ligne (ex. : BTS MCO).")
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street_address",
            "postal_code",
            "city",
            "url",
            "email",
            "contact_email",
            "director_name",
            "director_email",
            "uai",
            "siret",
            "siren",
            "diplomas",
            "logo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_training_centre:
            del self.fields["siren"]
            self.fields["uai"].required = True
            self.fields["uai"].help_text = _(
                "Unité administrative immatriculée : 7 chiffres et une lettre de contrôle."
            )
        else:
            for name in ("uai", "director_name", "director_email", "diplomas"):
                del self.fields[name]
        self.fields["siret"].help_text = _("14 chiffres, sans espace.")

    def clean_uai(self):
        return (self.cleaned_data.get("uai") or "").strip().upper()

    def clean_siret(self):
        return (self.cleaned_data.get("siret") or "").replace(" ", "")

    def clean_siren(self):
        return (self.cleaned_data.get("siren") or "").replace(" ", "")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > settings.LOGO_MAX_SIZE_BYTES:
            raise forms.ValidationError(
                _("Le logo est trop lourd (%(size)s) : %(max)s au maximum."),
                params={"size": filesizeformat(logo.size), "max": filesizeformat(settings.LOGO_MAX_SIZE_BYTES)},
            )
        return logo

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self.cleaned_data}


class MemberInviteForm(BlasonForm):
    """Invite a person by email into a role of the organisation (creates the account if needed)."""

    email = forms.EmailField(label=_("Adresse électronique"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Rôle"))
    affiliation = forms.ChoiceField(
        label=_("Affiliation (experts de commission)"),
        required=False,
        choices=[("", "—"), *ExpertAffiliation.choices],
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["role"].choices = [(role.value, role.label) for role in MANAGEABLE_ROLES[organisation.kind]]
        if not organisation.is_issuer:
            del self.fields["affiliation"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MemberRoleForm(BlasonForm):
    role = forms.ChoiceField(label=_("Nouveau rôle"))
    affiliation = forms.ChoiceField(
        label=_("Affiliation (experts de commission)"),
        required=False,
        choices=[("", "—"), *ExpertAffiliation.choices],
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in MANAGEABLE_ROLES[organisation.kind]]
        if not organisation.is_issuer:
            del self.fields["affiliation"]


class CohortForm(BlasonModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "diploma", "start_year"]

    def __init__(self, *args, training_centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.training_centre = training_centre

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        duplicates = Cohort.objects.filter(training_centre=self.training_centre, name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("Ce CFA a déjà une promotion de ce nom."))
        return name


class LearnerForm(BlasonModelForm):
    class Meta:
        model = Learner
        fields = [
            "first_name",
            "last_name",
            "email",
            "cohort",
            "trainer",
            "employer_name",
            "tutor_name",
            "tutor_email",
            "tutor_company",
        ]

    invite = forms.BooleanField(
        label=_("Créer son compte et lui envoyer une invitation par courriel"),
        required=False,
        help_text=_("L’apprenti pourra se connecter pour demander des badges et les retrouver."),
    )

    def __init__(self, *args, training_centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.training_centre = training_centre
        if self.instance.pk:
            del self.fields["invite"]  # an existing learner is invited from their page
        self.fields["cohort"].queryset = training_centre.cohorts.all()
        self.fields["trainer"].queryset = User.objects.filter(
            memberships__organisation=training_centre, memberships__role=Role.TRAINER, memberships__is_active=True
        ).distinct()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        duplicates = Learner.objects.filter(training_centre=self.training_centre, email__iexact=email)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("Un apprenti de ce CFA utilise déjà cette adresse électronique."))
        return email

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self.cleaned_data}
