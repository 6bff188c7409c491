from django import forms
from django.utils.translation import gettext_lazy as _

from blason.badges.enums import BadgeClassStatus, RecipientKind
from blason.badges.models import BadgeClass
from blason.core.forms import BlasonForm
from blason.credentials.constants import REVOCATION_REASON_MAX_LENGTH, VERIFY_MAX_JSON_BYTES
from blason.organisations.models import Learner, Organisation


class AwardForm(BlasonForm):
    badge_class = forms.ModelChoiceField(
        label=_("Badge"), queryset=BadgeClass.objects.none(), to_field_name="public_id"
    )
    recipient_organisation = forms.ModelChoiceField(
        label=_("CFA titulaire"),
        queryset=Organisation.objects.training_centres(),
        to_field_name="public_id",
        required=False,
        help_text=_("Pour un badge destiné à un CFA."),
    )
    learner_email = forms.EmailField(
        label=_("Adresse électronique de l’apprenti"),
        required=False,
        help_text=_("Pour un badge destiné à un apprenti."),
    )
    narrative = forms.CharField(
        label=_("Motif de l’attribution (publié dans le badge)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["badge_class"].queryset = BadgeClass.objects.filter(
            issuer=issuer, status=BadgeClassStatus.PUBLISHED, current_version__isnull=False
        ).select_related("current_version")

    def clean(self):
        cleaned = super().clean()
        badge_class = cleaned.get("badge_class")
        organisation = cleaned.get("recipient_organisation")
        email = cleaned.get("learner_email")
        if badge_class is None:
            return cleaned
        if badge_class.current_version.recipient_kind == RecipientKind.PERSON:
            if not email:
                raise forms.ValidationError(
                    _("Ce badge est destiné à un apprenti : indiquez son adresse électronique.")
                )
            learners = list(Learner.objects.filter(email__iexact=email.strip())[:2])
            if not learners:
                raise forms.ValidationError(_("Aucun apprenti n’est inscrit avec cette adresse électronique."))
            if len(learners) > 1:
                raise forms.ValidationError(
                    _("Plusieurs apprentis ont cette adresse : contactez l’administrateur de la plateforme.")
                )
            cleaned["recipient"] = learners[0]
        else:
            if organisation is None:
                raise forms.ValidationError(_("Ce badge est destiné à un CFA : choisissez le CFA titulaire."))
            cleaned["recipient"] = organisation
        return cleaned


class RevokeForm(BlasonForm):
    reason = forms.CharField(
        label=_("Motif de la révocation (visible par le titulaire et lors des vérifications)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REVOCATION_REASON_MAX_LENGTH,
    )


class SuspendForm(BlasonForm):
    reason = forms.CharField(
        label=_("Motif de la suspension"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=REVOCATION_REASON_MAX_LENGTH,
        required=False,
    )


class VerifyForm(BlasonForm):
    file = forms.FileField(
        label=_("Image du badge (PNG ou SVG) ou fichier JSON"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.svg,.json,image/png,image/svg+xml,application/json"}),
    )
    document = forms.CharField(
        label=_("Ou collez l’attestation JSON"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=VERIFY_MAX_JSON_BYTES,
    )
    url = forms.CharField(label=_("Ou l’adresse d’un badge émis sur cette plateforme"), required=False, max_length=500)

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("file", "document", "url") if cleaned.get(name)]
        if not given and not self.errors:
            raise forms.ValidationError(_("Déposez une image ou un fichier, collez un JSON ou indiquez une adresse."))
        return cleaned
