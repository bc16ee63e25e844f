"""The filterset base shared by the list pages and the API: one allow-list of filters and orderings."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import collation
from .forms import style_widget
from .models import RestrictedQuerySet
from .roles import Action


def _flat(choices):
    """Choices with their groups flattened: ``(value, label)`` pairs."""
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        else:
            yield value, label


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

    q = django_filters.CharFilter(method="search", label=_("Search"))
    id = django_filters.BaseInFilter(field_name="id", label=_("IDs (comma-separated)"), widget=forms.HiddenInput)

    search_fields: tuple[str, ...] = ("name",)
    ordering_fields: tuple[tuple[str, str], ...] = (("name", "name"),)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choices of related rows go through the same policy as everything else: a filter must not
        # list another organisation's units, services or systems.
        user = getattr(request, "user", None)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.BooleanFilter):
                filter_.extra["widget"] = forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])
            queryset = getattr(filter_, "queryset", None)
            if isinstance(queryset, RestrictedQuerySet):
                filter_.queryset = queryset.restrict(user, Action.VIEW)

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
    for term in text.split():
        term_condition = Q()
        for field in fields:
            term_condition |= Q(**{f"{field}__icontains": term})
        condition &= term_condition
    return queryset.filter(condition)
