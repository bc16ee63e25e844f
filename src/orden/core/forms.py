"""Form base: fields from the model's ``edit_fields``, Designsystemet widgets, the organisation context
(choices of the organisation only) and uniqueness within the organisation."""

import re
from collections.abc import Sequence
from functools import cache

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BoundField
from django.forms.models import ModelFormMetaclass, modelform_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import TenantModel, errors_by_field

# The range of the database's integers (ids are 64-bit on PostgreSQL and SQLite alike). A larger number from
# a URL, a form or a filter is refused before it reaches the database: SQLite cannot bind it, and Django
# guards only exact and comparison lookups against it, not ``__in`` or lookups through a foreign key.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_id(value) -> int | None:
    """The id in ``value`` (from a URL or a form): ASCII digits of a positive 64-bit integer, else None.
    (``str.isdigit`` is not enough: it accepts "²", which ``int`` refuses, and numbers of any size.)"""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _ASCII_DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 1 <= number <= INT64_MAX else None


class IdRangeMixin:
    """For a model choice field of many rows: an id beyond the database's integers is an invalid choice, not
    a query that fails (Django checks the ids one by one with exact lookups, then queries them with
    ``__in``, which it does not guard)."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk" and isinstance(value, list | tuple):
            for pk in value:
                text = str(pk).strip()
                if not text.isascii():  # ASCII digits only, as parse_id: ``int`` reads "١٢" as 12
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
                if _ASCII_DIGITS.fullmatch(text.removeprefix("-")) and not INT64_MIN <= int(text) <= INT64_MAX:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super()._check_values(value)


class ModelMultipleChoiceField(IdRangeMixin, forms.ModelMultipleChoiceField):
    """Django's field for many related rows, refusing ids beyond the database's integers (``IdRangeMixin``);
    the field of every many-to-many field of an ``OrdenModelForm``."""


def formfield(db_field, **kwargs):
    """The form field of a model field in an ``OrdenModelForm`` (its ``Meta.formfield_callback``)."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


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
    """What every Orden form shares: Designsystemet widgets and, optionally, sections.

    Attributes:
        sections: the form's groups of fields, each ``(legend, [field names])`` in order, rendered as
            fieldsets with the legend as a heading (``core/form_fields.html``). Fields named in no
            section follow the sections; a form without sections renders its fields in one column.
    """

    sections: Sequence[tuple[str, Sequence[str]]] = ()

    def style_fields(self):
        for field in self.fields.values():
            style_widget(field)

    def fieldsets(self) -> list[tuple[str | None, list[BoundField]]]:
        """The form's bound fields grouped by ``sections`` (legend None for the fields of no section).
        Names of fields the form does not have (e.g. left out for this user) are skipped, as are sections
        left empty by that."""
        placed: set[str] = set()
        groups: list[tuple[str | None, list[BoundField]]] = []
        for legend, names in self.sections:
            fields = [self[name] for name in names if name in self.fields]
            placed.update(names)
            if fields:
                groups.append((legend, fields))
        rest = [self[name] for name in self.fields if name not in placed]
        if rest:
            groups.append((None, rest))
        return groups


class OrdenModelFormMetaclass(ModelFormMetaclass):
    """A form whose ``Meta`` names a model but no fields gets the model's ``edit_fields``."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        model = getattr(meta, "model", None)
        if model is not None and not hasattr(meta, "fields") and not hasattr(meta, "exclude"):
            meta.fields = list(model.edit_fields)
        if model is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfield)
        return super().__new__(mcs, name, bases, attrs)


class OrdenModelForm(OrdenFormMixin, forms.ModelForm, metaclass=OrdenModelFormMetaclass):
    """A model form that knows the user and organisation it edits for.

    Its fields are the model's ``edit_fields`` unless ``Meta.fields`` says otherwise. The organisation is
    never a form field (the current organisation is used), but uniqueness within it is still validated,
    with the error on the field that clashes. The choices of the model's ``same_organization`` fields are
    the organisation's own rows (through the policy) and members.

    Args:
        user: the user who edits; choices of related rows are what this user may see.
        organization: the organisation the row belongs to (the current one in the UI).
    """

    def __init__(self, *args, user=None, organization=None, **kwargs):
        self.user = user
        self.organization = organization
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        self.limit_to_organization()
        self.style_fields()

    def limit_to_organization(self):
        model = self._meta.model
        for name in getattr(model, "same_organization", ()):
            if name not in self.fields:
                continue
            related = model._meta.get_field(name).related_model
            if related is get_user_model():
                self.fields[name].queryset = members_of(self.organization)
            elif issubclass(related, TenantModel):
                self.fields[name].queryset = self.scoped(related)

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


def members_of(organization):
    """The people who may be named in the organisation's rows (``Organization.members()``); none without one."""
    return organization.members() if organization is not None else get_user_model().objects.none()


@cache
def model_form(model) -> type[OrdenModelForm]:
    """The form of a model that needs nothing beyond its ``edit_fields``."""
    return modelform_factory(model, form=OrdenModelForm, fields=list(model.edit_fields))


class OrganizationMarkField(forms.IntegerField):
    """The organisation an add form was opened in: a form posted after the user switched organisation (in
    another tab, or by following a link into another organisation) must not add the row to the new one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, label=_("organisation"), **kwargs)


class VersionField(forms.IntegerField):
    """The version the user's edit started from, for the stale-write check. Required when editing: an edit
    posted without it (or with a malformed one) cannot be checked and is refused, as the API refuses a
    change without If-Match. The field is hidden, so its messages say what happened and what to do: a
    missing version is the error ``required`` (the edit view answers 428), a malformed one any other (400)."""

    widget = forms.HiddenInput
    missing = _(
        "This form was sent without the version it was opened at, so changes others made meanwhile cannot be "
        "detected. Nothing was saved: reload the form and make your changes again."
    )
    malformed = _(
        "This form was sent with a malformed version number, so changes others made meanwhile cannot be "
        "detected. Nothing was saved: reload the form and make your changes again."
    )

    def __init__(self, *, required=False, **kwargs):
        messages = dict.fromkeys(("invalid", "min_value", "max_value"), self.malformed) | {"required": self.missing}
        super().__init__(
            required=required, min_value=1, max_value=INT64_MAX, label=_("version"), error_messages=messages, **kwargs
        )


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
        """The model fields to set on every selected row: the fields filled in (a ticked box counts)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value is not None and value is not False and value != ""
        }

    def history_message(self) -> str:
        """The message of the history record written for each changed row."""
        return gettext("Bulk edit")
