"""Form base: Designsystemet widgets, the organisation context and uniqueness within the organisation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import errors_by_field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def style_widget(field: forms.Field):
    """Give a field's widget the Designsystemet class for its kind."""
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        widget.attrs.setdefault("class", "ds-input")
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        widget.attrs.setdefault("class", "ds-input")
    elif isinstance(widget, forms.Textarea):
        widget.attrs.setdefault("class", "ds-input")
        widget.attrs.setdefault("rows", 4)
    elif not isinstance(widget, forms.HiddenInput):
        widget.attrs.setdefault("class", "ds-input")


class OrdenFormMixin:
    def style_fields(self):
        for field in self.fields.values():
            style_widget(field)


class OrdenModelForm(OrdenFormMixin, forms.ModelForm):
    """A model form that knows the user and organisation it edits for.

    The organisation is never a form field (the current organisation is used), but uniqueness
    within it is still validated, with the error on the field that clashes.
    """

    def __init__(self, *args, user=None, organization=None, **kwargs):
        self.user = user
        self.organization = organization
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        self.style_fields()

    def scoped(self, model):
        """The rows of ``model`` in the organisation being edited that the user may see: the choices of a
        related field go through the same policy as every other query."""
        return model.objects.restrict(self.user).filter(organization=self.organization)

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.discard("organization")
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(ValidationError(errors_by_field(error)))


class VersionField(forms.IntegerField):
    """The version the user's edit started from, for the stale-write check."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, label=_("version"), **kwargs)


class BulkEditForm(OrdenFormMixin, forms.Form):
    """Fields left empty are not changed."""

    def __init__(self, *args, user=None, organization=None, **kwargs):
        self.user = user
        self.organization = organization
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.style_fields()

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
