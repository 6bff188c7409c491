from django import forms
from django.utils.translation import gettext_lazy as _

from blason.applications.constants import PRACTICE_KEYWORD_MAX_LENGTH, PRACTICE_KEYWORDS_MAX
from blason.applications.enums import ApplicationStatus, DecisionOutcome, ReviewOpinion, Verdict
from blason.applications.models import Commission, CommissionSession
from blason.core.forms import BlasonForm


class StatementsForm(BlasonForm):
    """One statement (and a consent to publish links) per applicable criterion."""

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {s.criterion_id: s for s in application.statements.all()}
        self.criteria = list(application.applicable_criteria())
        for index, criterion in enumerate(self.criteria, start=1):
            statement = existing.get(criterion.pk)
            self.fields[f"statement_{criterion.pk}"] = forms.CharField(
                label=_("Votre déclaration pour le critère %(number)s") % {"number": index},
                required=False,
                max_length=10000,
                # Rendered inside each criterion's section, tied to the statements form by `form=`.
                widget=forms.Textarea(attrs={"rows": 4, "form": "statements"}),
                initial=statement.text if statement else "",
                help_text=_("Décrivez comment vous remplissez ce critère."),
            )
            self.fields[f"consent_{criterion.pk}"] = forms.BooleanField(
                label=_("J’accepte que les liens de preuve de ce critère soient publiés avec le badge"),
                required=False,
                widget=forms.CheckboxInput(attrs={"form": "statements"}),
                initial=statement.consent_publish_links if statement else False,
            )

        if application.applicant_organisation_id:
            self.fields["practice_title"] = forms.CharField(
                label=_("Intitulé de la pratique pédagogique"),
                required=False,
                max_length=200,
                initial=application.practice_title,
                widget=forms.TextInput(attrs={"form": "statements"}),
                help_text=_("Ex. : Lutte contre l’absentéisme par un suivi personnalisé."),
            )
            self.fields["practice_keywords"] = forms.CharField(
                label=_("La pratique en quelques mots-clés"),
                required=False,
                max_length=500,
                initial=", ".join(application.practice_keywords),
                widget=forms.TextInput(attrs={"form": "statements"}),
                help_text=_("Séparés par des virgules, %(max)s au plus ; ils figureront sur le badge.")
                % {"max": PRACTICE_KEYWORDS_MAX},
            )

    def clean_practice_keywords(self):
        raw = self.cleaned_data.get("practice_keywords") or ""
        keywords = []
        for keyword in (part.strip() for part in raw.split(",")):
            if keyword and keyword.casefold() not in {k.casefold() for k in keywords}:
                keywords.append(keyword)
        if len(keywords) > PRACTICE_KEYWORDS_MAX:
            raise forms.ValidationError(
                _("Indiquez au plus %(max)s mots-clés (vous en avez saisi %(count)s)."),
                params={"max": PRACTICE_KEYWORDS_MAX, "count": len(keywords)},
            )
        too_long = [k for k in keywords if len(k) > PRACTICE_KEYWORD_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Un mot-clé compte au plus %(max)s caractères : « %(keyword)s » est trop long."),
                params={"max": PRACTICE_KEYWORD_MAX_LENGTH, "keyword": too_long[0][:60]},
            )
        return keywords

    def practice(self) -> tuple[str, list[str]] | None:
        """(title, keywords) for an organisation's application; None for a learner's."""
        if "practice_title" not in self.fields:
            return None
        return self.cleaned_data["practice_title"].strip(), self.cleaned_data["practice_keywords"]

    def statements(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"statement_{c.pk}"], self.cleaned_data[f"consent_{c.pk}"]) for c in self.criteria
        }


class EvidenceForm(BlasonForm):
    criterion = forms.ModelChoiceField(queryset=None, label=_("Critère"), widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("Fichier"),
        required=False,
        help_text=_("PDF, document bureautique, image PNG/JPEG ou vidéo MP4."),
    )
    url = forms.URLField(label=_("Ou un lien"), required=False, max_length=1000, assume_scheme="https")
    text = forms.CharField(
        label=_("Ou un texte court"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = application.applicable_criteria()

    def clean(self):
        cleaned = super().clean()
        provided = [bool(cleaned.get("file")), bool(cleaned.get("url")), bool((cleaned.get("text") or "").strip())]
        if sum(provided) == 0 and not self.errors:
            raise forms.ValidationError(
                _(
                    "Aucune pièce reçue : choisissez un fichier (s’il a été envoyé, l’envoi a été interrompu), "
                    "un lien ou un texte."
                )
            )
        if sum(provided) > 1:
            raise forms.ValidationError(_("Ajoutez une seule pièce à la fois : un fichier, un lien ou un texte."))
        return cleaned


class ReviewForm(BlasonForm):
    def __init__(self, *args, application, assignment=None, **kwargs):
        super().__init__(*args, **kwargs)
        votes = {v.criterion_id: v for v in assignment.votes.all()} if assignment else {}
        review = getattr(assignment, "review", None) if assignment else None
        self.criteria = list(application.applicable_criteria())
        for index, criterion in enumerate(self.criteria, start=1):
            vote = votes.get(criterion.pk)
            self.fields[f"verdict_{criterion.pk}"] = forms.ChoiceField(
                label=_("Votre avis sur le critère %(number)s") % {"number": index},
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                initial=vote.verdict if vote else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Commentaire sur le critère %(number)s") % {"number": index},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=vote.comment if vote else "",
            )
        self.fields["opinion"] = forms.ChoiceField(
            label=_("Avis global"),
            choices=ReviewOpinion.choices,
            widget=forms.RadioSelect,
            initial=review.opinion if review else None,
        )
        self.fields["comment"] = forms.CharField(
            label=_("Commentaire motivé"),
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.comment if review else "",
        )

    def votes(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"verdict_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"]) for c in self.criteria
        }


class ConflictForm(BlasonForm):
    reason = forms.CharField(
        label=_("Nature du conflit d’intérêts"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignReviewersForm(BlasonForm):
    reviewers = forms.ModelMultipleChoiceField(queryset=None, label=_("Experts"), widget=forms.CheckboxSelectMultiple)
    due_date = forms.DateField(
        label=_("Avis attendus avant le"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, queryset, affiliations=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        field.queryset = queryset
        affiliations = affiliations or {}
        field.label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email}"
            + (f" — {affiliations[user.pk]}" if affiliations.get(user.pk) else "")
        )


class DecisionForm(BlasonForm):
    outcome = forms.ChoiceField(label=_("Décision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Motif (le demandeur le lira)"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Indiquez le motif de la décision : le demandeur le lira.")},
    )
    session = forms.ModelChoiceField(queryset=None, label=_("Séance de commission"), required=False)

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = CommissionSession.objects.filter(commission__issuer=issuer)


class TrainerReviewForm(BlasonForm):
    decision = forms.ChoiceField(
        label=_("Votre avis"),
        choices=[("confirm", _("Je confirme")), ("refuse", _("Je ne confirme pas"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire pour l’apprenti"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommissionForm(BlasonForm):
    name = forms.CharField(label=_("Nom de la commission"), max_length=255)
    members = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Experts membres"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = experts


class SessionForm(BlasonForm):
    commission = forms.ModelChoiceField(queryset=None, label=_("Commission"))
    held_on = forms.DateField(label=_("Date de la séance"), widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(label=_("Lieu"), max_length=255, required=False)

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = Commission.objects.filter(issuer=issuer)


class QueueFilterForm(BlasonForm):
    badge = forms.ModelChoiceField(queryset=None, label=_("Badge"), required=False, to_field_name="public_id")
    status = forms.ChoiceField(label=_("État"), required=False)
    cfa = forms.ModelChoiceField(queryset=None, label=_("CFA"), required=False, to_field_name="public_id")
    overdue = forms.BooleanField(label=_("En retard seulement"), required=False)

    def __init__(self, *args, badges, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["badge"].queryset = badges
        self.fields["cfa"].queryset = centres
        self.fields["status"].choices = [("", _("Tous"))] + [
            (s.value, s.label) for s in ApplicationStatus if s != ApplicationStatus.DRAFT
        ]
