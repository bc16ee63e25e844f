"""The filterset base shared by the list pages and the API: one allow-list of filters and orderings, and
strict values: a malformed value of any filter is an error of that filter (the API answers 400 naming it,
the list page says so), never a database error nor silently no filter at all."""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from drf_spectacular.utils import extend_schema_field

from . import collation
from .forms import INT64_MAX, INT64_MIN, IdRangeMixin, style_widget
from .models import RestrictedQuerySet
from .roles import Action

BOOLEAN_VALUES = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}


def _flat(choices):
    """Choices with their groups flattened: ``(value, label)`` pairs."""
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        else:
            yield value, label


class IntegerField(forms.IntegerField):
    """A whole number the database can compare with: django-filter's number field is a decimal one, which
    takes "1.5" for an id, and would pass a number of any size to the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", INT64_MIN)
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(**kwargs)

    def to_python(self, value):
        # ASCII digits only, as parse_id: ``int`` also reads other scripts' digits ("١٨٥" is 185).
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


# The OpenAPI schema says what the field accepts, so that clients (and the contract tests) know the bounds.
@extend_schema_field({"type": "integer", "format": "int64", "minimum": INT64_MIN, "maximum": INT64_MAX})
class IntegerFilter(django_filters.NumberFilter):
    """The filter of an integer model field (and of ``id``), with ``IntegerField``."""

    field_class = IntegerField


class IdInFilter(django_filters.BaseInFilter, IntegerFilter):
    """``?id=1,2,3``: every item a whole number within the database's integers."""


class BooleanField(forms.NullBooleanField):
    """Yes, no or no filter: ``true``/``false`` (also ``True``/``False``, ``1``/``0``) or empty; anything
    else is an invalid choice. Django's own field reads "maybe" as no filter, which lists every row."""

    default_error_messages = {"invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value):
        if value in (True, False):
            return value
        if value in self.empty_values:
            return None
        if value in BOOLEAN_VALUES:
            return BOOLEAN_VALUES[value]
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class ModelMultipleChoiceFilterField(IdRangeMixin, filter_fields.ModelMultipleChoiceField):
    """The form field of a ``ModelMultipleChoiceFilter``: django-filter's field of many related rows, refusing
    ids beyond the database's integers (``core.forms.ModelMultipleChoiceField`` is the model forms' one)."""


class ModelChoiceFilterField(filter_fields.ModelChoiceField):
    """The form field of a ``ModelChoiceFilter``: ids in ASCII digits only, as ``parse_id`` (``int`` reads
    "١٢" as 12)."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def _own_column(model, field_name: str) -> bool:
    """Whether ``field_name`` is a column of ``model``'s own table (not a relation, nor across one)."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.is_relation


def _strict_defaults():
    """django-filter's filter for each model field type, with ``IntegerFilter`` for integer fields."""
    defaults = {db_field: dict(options) for db_field, options in FILTER_FOR_DBFIELD_DEFAULTS.items()}
    for db_field, options in defaults.items():
        if issubclass(db_field, models.IntegerField) and options["filter_class"] is django_filters.NumberFilter:
            options["filter_class"] = IntegerFilter
    return defaults


class _OwnFields(dict):
    """The fields of a form class made for one form: the form takes them as they are, not a deep copy."""

    def __deepcopy__(self, memo):
        return dict(self)


class CollatedOrderingFilter(django_filters.OrderingFilter):
    """Sorts names in Norwegian order and choices in their declared order (``core/collation.py``), and by
    the primary key last, so that rows with the same value keep their place from page to page."""

    def filter(self, qs, value):
        if not value:
            return qs
        keys = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*collation.with_tiebreak(collation.ordering(qs.model, keys)))


class OrdenFilterSet(django_filters.FilterSet):
    """The one filterset of a model, used by its list page and its API.

    Attributes:
        search_fields: the fields the free-text filter ``q`` searches (every word must match one of them).
        ordering_fields: the allow-list of ``ordering``: ``(field path, public name)`` pairs; an unknown
            name is a validation error.
        Meta.fields: the model's filterable fields, as in django-filter.

    Args:
        request: the request; choices of related rows are restricted to what its user may see.
    """

    FILTER_DEFAULTS = _strict_defaults()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    id = IdInFilter(field_name="id", label=_("IDs (comma-separated)"), widget=forms.HiddenInput)

    search_fields: tuple[str, ...] = ("name",)
    ordering_fields: tuple[tuple[str, str], ...] = (("name", "name"),)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choices of related rows go through the same policy as everything else: a filter must not
        # list another organisation's units, services or systems.
        user = getattr(request, "user", None)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.BooleanFilter):
                filter_.field_class = BooleanField
                filter_.extra["widget"] = forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])
            elif isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
                filter_.field_class = ModelMultipleChoiceFilterField
            elif isinstance(filter_, django_filters.ModelChoiceFilter):
                filter_.field_class = ModelChoiceFilterField
            queryset = getattr(filter_, "queryset", None)
            if isinstance(queryset, RestrictedQuerySet):
                filter_.queryset = queryset.restrict(user, Action.VIEW)

    def get_form_class(self):
        form_class = super().get_form_class()
        # django-filter makes the form class and its fields for this filterset alone: its form need not
        # deep-copy them, which cost as much as the rest of the filter form (docs/performance.md).
        form_class.base_fields = _OwnFields(form_class.base_fields)
        return form_class

    @property
    def form(self):
        form = super().form
        if not getattr(form, "orden_styled", False):
            for field in form.fields.values():
                style_widget(field)
            form.orden_styled = True
        return form

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        for filter_ in filters.values():
            # A multiple choice of the row's own column matches each row once: no DISTINCT (django-filter's
            # default), which made a filtered list's count and rows several times slower (docs/performance.md).
            if (
                isinstance(filter_, django_filters.MultipleChoiceFilter)
                and cls._meta.model is not None
                and _own_column(cls._meta.model, filter_.field_name)
            ):
                filter_.distinct = False
        # A declared filter, so only allow-listed orderings pass and the OpenAPI schema lists them.
        filters["ordering"] = CollatedOrderingFilter(fields=cls.ordering_fields, label=_("Sort by"))
        return filters

    def active_filters(self) -> list[tuple[str, str, str, str | None]]:
        """``(label, value shown, parameter, value)`` of every valid filter in use, for the list's removable
        chips: one per chosen value of a multiple choice, else one per filter (value None: remove them all).
        Sorting is not a filter."""
        if not self.is_bound:
            return []
        form = self.form
        form.is_valid()  # already cleaned for the filtered rows: this costs no query
        found = []
        for name, field in form.fields.items():
            cleaned = form.cleaned_data.get(name)
            if name == "ordering" or name in form.errors or cleaned in (None, "", [], ()):
                continue
            label = str(field.label or name)
            chosen = [value for value in self.data.getlist(name) if value]
            if isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
                labels = dict(_flat(field.choices))
                found += [(label, str(labels.get(value, value)), name, value) for value in chosen]
            elif isinstance(cleaned, bool):
                found.append((label, str(_("Yes") if cleaned else _("No")), name, None))
            elif hasattr(cleaned, "__iter__") and not isinstance(cleaned, str):
                found.append((label, ", ".join(str(item) for item in cleaned), name, None))
            else:
                found.append((label, str(cleaned), name, None))
        return found

    def search(self, queryset, name, value):
        return search(queryset, self.search_fields, value)


def search(queryset, fields, text: str):
    """Rows where every word of ``text`` appears in one of ``fields`` (case-insensitive)."""
    condition = Q()
    # A null character is no letter, and PostgreSQL refuses it in a query: the htmx searches pass raw text.
    for term in text.replace("\x00", " ").split():
        term_condition = Q()
        for field in fields:
            term_condition |= Q(**{f"{field}__icontains": term})
        condition &= term_condition
    return queryset.filter(condition)
