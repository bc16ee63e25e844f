"""The filterset base shared by the list pages and the API: one allow-list of filters and orderings."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import style_widget
from .models import RestrictedQuerySet
from .roles import Action


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
        filters["ordering"] = django_filters.OrderingFilter(fields=cls.ordering_fields, label=_("Sort by"))
        return filters

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
