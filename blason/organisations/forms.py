from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from blason.core.forms import BlasonModelForm
from blason.organisations.models import Organisation


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
