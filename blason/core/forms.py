"""Form bases: DSFR markup (django-dsfr) for every form, whatever the theme.

The neutral theme styles the same classes, so one set of templates serves both looks.
"""

from django import forms
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr


class _DsfrMixin:
    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def get_context(self):
        # DSFR now marks optional fields rather than required ones; set it here instead of
        # through django-dsfr's transitional setting, which warns on every render.
        context = super().get_context()
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class BlasonForm(_DsfrMixin, forms.Form):
    pass


class BlasonModelForm(_DsfrMixin, forms.ModelForm):
    pass
