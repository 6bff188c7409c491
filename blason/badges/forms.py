"""Forms of the badge catalogue: badge class (content, criteria, alignments, image), programme, proposal."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from blason.badges import images, services
from blason.badges.constants import IMAGE_MAX_SIZE_BYTES, VALIDITY_MAX_MONTHS, VALIDITY_MIN_MONTHS
from blason.badges.enums import (
    AchievementType,
    AlignmentFramework,
    CriteriaRule,
    Eligibility,
    EvidenceKind,
    ImageShape,
    ProgrammeKind,
    RecipientKind,
    ReviewMode,
)
from blason.badges.models import BadgeClass
from blason.core.forms import BlasonForm
from blason.organisations.models import Cohort, Organisation

LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
IMAGE_MODES = [
    ("keep", _("Garder l’image actuelle")),
    ("generate", _("Générer l’image à partir d’un modèle")),
    ("upload", _("Déposer une image (PNG ou SVG)")),
]


class CohortChoiceField(forms.ModelMultipleChoiceField):
    """Cohort names repeat from one CFA to another ("BTS 2025-2027"): show the CFA too."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.training_centre.name})"


class KeywordsField(forms.CharField):
    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [word.strip() for word in text.split(",") if word.strip()]


class BadgeClassForm(BlasonForm):
    name = forms.CharField(label=_("Nom du badge"), max_length=255)
    description = forms.CharField(label=_("Ce que le badge reconnaît"), widget=forms.Textarea(attrs={"rows": 4}))
    keywords = KeywordsField(
        label=_("Mots-clés"), required=False, help_text=_("Séparés par des virgules (ex. : numérique, tutorat).")
    )
    language = forms.ChoiceField(label=_("Langue"), choices=LANGUAGES, initial="fr")
    achievement_type = forms.ChoiceField(
        label=_("Type de réussite (Open Badges 3.0)"), choices=AchievementType, initial=AchievementType.BADGE
    )
    recipient_kind = forms.ChoiceField(label=_("Destinataire"), choices=RecipientKind, widget=forms.RadioSelect)
    review_mode = forms.ChoiceField(label=_("Qui instruit les demandes"), choices=ReviewMode)
    min_reviewers = forms.IntegerField(
        label=_("Nombre minimal d’experts (commission)"), min_value=1, max_value=10, initial=2
    )
    level_number = forms.IntegerField(
        label=_("Numéro de niveau"), required=False, min_value=1, max_value=99,
        help_text=_("Distingue les badges d’une même échelle (ex. : niveaux 1 à 4 de Kirkpatrick)."),
    )  # fmt: skip
    criteria_rule = forms.ChoiceField(
        label=_("Règle d’obtention"), choices=CriteriaRule, initial=CriteriaRule.ALL, widget=forms.RadioSelect
    )
    criteria_min_count = forms.IntegerField(
        label=_("Nombre minimal de critères (règle « au moins N »)"), required=False
    )
    validity_months = forms.IntegerField(
        label=_("Durée de validité (mois)"), required=False,
        help_text=_("Laisser vide pour un badge sans limite de durée ; de %(min)s à %(max)s mois.")
        % {"min": VALIDITY_MIN_MONTHS, "max": VALIDITY_MAX_MONTHS},
        error_messages={
            "min_value": _("La durée de validité doit être d’au moins %(limit_value)s mois."),
            "max_value": _("La durée de validité ne peut pas dépasser %(limit_value)s mois."),
        },
        min_value=VALIDITY_MIN_MONTHS, max_value=VALIDITY_MAX_MONTHS,
    )  # fmt: skip
    is_renewable = forms.BooleanField(label=_("Badge renouvelable"), required=False)
    renewal_criteria_rule = forms.ChoiceField(
        label=_("Règle au renouvellement"),
        required=False,
        choices=[("", _("Identique à la première délivrance")), *CriteriaRule.choices],
    )
    renewal_criteria_min_count = forms.IntegerField(
        label=_("Nombre minimal de critères au renouvellement"), required=False
    )
    video_max_duration_seconds = forms.IntegerField(
        label=_("Durée maximale des vidéos de preuve (secondes)"), required=False, min_value=1, max_value=3600
    )
    eligibility = forms.ChoiceField(
        label=_("Qui peut demander ce badge"),
        choices=Eligibility,
        initial=Eligibility.ANYONE,
        widget=forms.RadioSelect,
    )
    eligible_training_centres = forms.ModelMultipleChoiceField(
        label=_("CFA autorisés"), required=False, queryset=Organisation.objects.training_centres(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    eligible_cohorts = CohortChoiceField(
        label=_("Promotions autorisées"), required=False,
        queryset=Cohort.objects.select_related("training_centre").order_by("training_centre__name", "name"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    image_mode = forms.ChoiceField(label=_("Image du badge"), choices=IMAGE_MODES, widget=forms.RadioSelect)
    image_shape = forms.ChoiceField(label=_("Forme"), choices=ImageShape, required=False, initial=ImageShape.CIRCLE)
    image_colour = forms.RegexField(
        label=_("Couleur"), regex=r"^#[0-9a-fA-F]{6}$", required=False, initial="#000091",
        widget=forms.TextInput(attrs={"type": "color"}),
        error_messages={"invalid": _("Indiquez une couleur au format #RRGGBB.")},
    )  # fmt: skip
    image_file = forms.FileField(
        label=_("Fichier image"), required=False,
        help_text=_("PNG ou SVG, %(size)s au plus.") % {"size": filesizeformat(IMAGE_MAX_SIZE_BYTES)},
    )  # fmt: skip

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["image_mode"].choices = IMAGE_MODES[1:]
            self.fields["image_mode"].initial = "generate"
        else:
            self.fields["image_mode"].initial = "keep"

    def clean_image_file(self):
        upload = self.cleaned_data.get("image_file")
        if not upload:
            return None
        if upload.size > IMAGE_MAX_SIZE_BYTES:
            raise ValidationError(
                _("L’image dépasse la taille maximale (%(size)s).") % {"size": filesizeformat(IMAGE_MAX_SIZE_BYTES)}
            )
        content = upload.read()
        try:
            kind = images.sniff_image(content)
            if kind == "svg":
                content = images.sanitise_svg(content)
            else:
                images.check_png_dimensions(content)
        except images.ImageRejected as rejected:
            raise ValidationError(rejected.message) from None
        return services.ImageChoice(upload=content, upload_kind=kind)

    def clean(self):
        data = super().clean()
        mode = data.get("image_mode")
        if mode == "upload" and not data.get("image_file") and "image_file" not in self.errors:
            self.add_error("image_file", _("Choisissez le fichier de l’image."))
        if mode == "generate" and not data.get("image_shape"):
            self.add_error("image_shape", _("Choisissez la forme de l’image."))
        if data.get("eligibility") == Eligibility.LISTED and not (
            data.get("eligible_training_centres") or data.get("eligible_cohorts")
        ):
            self.add_error("eligible_training_centres", _("Choisissez au moins un CFA ou une promotion."))
        return data

    def content(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key) for key in services.CONTENT_FIELDS} | {
            "renewal_criteria_rule": data.get("renewal_criteria_rule") or "",
            "min_reviewers": data.get("min_reviewers") or 2,
        }

    def eligibility_data(self) -> dict:
        data = self.cleaned_data
        return {
            "eligibility": data["eligibility"],
            "training_centres": list(data.get("eligible_training_centres") or []),
            "cohorts": list(data.get("eligible_cohorts") or []),
        }

    def image_choice(self):
        data = self.cleaned_data
        if data.get("image_mode") == "upload":
            return data.get("image_file")
        if data.get("image_mode") == "generate":
            return services.ImageChoice(
                template=images.BadgeTemplate(
                    shape=data["image_shape"],
                    colour=data.get("image_colour") or "#000091",
                    title=data["name"],
                    level_number=data.get("level_number"),
                )
            )
        return None

    @staticmethod
    def initial_from(badge_class: BadgeClass) -> dict:
        version = badge_class.current_version
        initial = {key: getattr(version, key) for key in services.CONTENT_FIELDS}
        initial |= {
            "eligibility": badge_class.eligibility,
            "eligible_training_centres": list(badge_class.eligible_training_centres.all()),
            "eligible_cohorts": list(badge_class.eligible_cohorts.all()),
            "image_shape": version.image_shape or ImageShape.CIRCLE,
            "image_colour": version.image_colour or "#000091",
        }
        return initial


class CriterionForm(BlasonForm):
    text = forms.CharField(label=_("Critère"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    evidence_kind = forms.ChoiceField(label=_("Preuve attendue"), choices=EvidenceKind, initial=EvidenceKind.DOCUMENT)
    for_first_award = forms.BooleanField(label=_("Exigé à la première délivrance"), required=False, initial=True)
    for_renewal = forms.BooleanField(label=_("Exigé au renouvellement"), required=False, initial=True)


class AlignmentForm(BlasonForm):
    framework = forms.ChoiceField(label=_("Référentiel"), choices=[("", "—"), *AlignmentFramework.choices])
    code = forms.CharField(label=_("Code"), required=False, max_length=64)
    name = forms.CharField(label=_("Intitulé"), max_length=255)
    url = forms.URLField(label=_("Adresse"), max_length=500, assume_scheme="https")


class _OrderedFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled, non-deleted forms' data, in the order chosen (ORDER field, then position)."""
        forms_ = [f for f in self.ordered_forms] if self.can_order else list(self.forms)
        # Untouched blank rows have empty cleaned_data; existing rows left unchanged keep theirs.
        return [
            {k: v for k, v in f.cleaned_data.items() if k not in ("ORDER", "DELETE")}
            for f in forms_
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=_OrderedFormSet, extra=3, can_delete=True, can_order=True, max_num=30, validate_max=True
)
AlignmentFormSet = forms.formset_factory(
    AlignmentForm, formset=_OrderedFormSet, extra=1, can_delete=True, max_num=20, validate_max=True
)


class ProgrammeForm(BlasonForm):
    name = forms.CharField(label=_("Nom du programme"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(label=_("Nature"), choices=ProgrammeKind, widget=forms.RadioSelect)
    min_count = forms.IntegerField(label=_("Nombre minimal de badges (N)"), required=False, min_value=1)
    badge_classes = forms.ModelMultipleChoiceField(
        label=_("Badges du programme"), queryset=BadgeClass.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    mandatory = forms.ModelMultipleChoiceField(
        label=_("Badges obligatoires"), queryset=BadgeClass.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    label_badge_class = forms.ModelChoiceField(
        label=_("Badge décerné quand la règle est remplie"), queryset=BadgeClass.objects.none(), required=False
    )
    accepts_proposals = forms.BooleanField(label=_("Les CFA peuvent proposer des badges"), required=False)
    publish = forms.BooleanField(label=_("Publier le programme"), required=False)

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = BadgeClass.objects.issued_by(issuer).exclude(status="archived").select_related("current_version")
        for name in ("badge_classes", "mandatory", "label_badge_class"):
            self.fields[name].queryset = queryset

    def clean(self):
        data = super().clean()
        members = list(data.get("badge_classes") or [])
        mandatory = set(data.get("mandatory") or [])
        if mandatory - set(members):
            self.add_error("mandatory", _("Un badge obligatoire doit aussi faire partie du programme."))
        return data

    def members(self) -> list[tuple[BadgeClass, bool]]:
        mandatory = set(self.cleaned_data.get("mandatory") or [])
        return [(bc, bc in mandatory) for bc in self.cleaned_data.get("badge_classes") or []]


class ProposalForm(BlasonForm):
    training_centre = forms.ModelChoiceField(label=_("CFA"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Nom du badge proposé"), max_length=255)
    description = forms.CharField(label=_("Ce que le badge reconnaîtrait"), widget=forms.Textarea(attrs={"rows": 4}))
    criteria_text = forms.CharField(
        label=_("Critères proposés"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Un critère par ligne."),
    )  # fmt: skip

    def __init__(self, *args, training_centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_centre"].queryset = training_centres
        if training_centres.count() == 1:
            self.fields["training_centre"].initial = training_centres.first()


class DeclineProposalForm(BlasonForm):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class CatalogueFilterForm(BlasonForm):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    issuer = forms.ModelChoiceField(
        label=_("Émetteur"), required=False, queryset=Organisation.objects.none(), to_field_name="slug",
        empty_label=_("Tous les émetteurs"),
    )  # fmt: skip
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=None, to_field_name="public_id",
        empty_label=_("Tous les programmes"),
    )  # fmt: skip
    keyword = forms.CharField(label=_("Mot-clé"), required=False, max_length=100)
    recipient_kind = forms.ChoiceField(
        label=_("Destinataire"), required=False, choices=[("", _("Tous")), *RecipientKind.choices]
    )

    def __init__(self, *args, issuers, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["programme"].queryset = programmes
