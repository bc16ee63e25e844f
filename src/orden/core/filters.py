"""The filterset base shared by the list pages and the API: one allow-list of filters and orderings."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import style_widget
from .models import RestrictedQuerySet
from .roles import Action


class OrdenFilterSet(django_filters.FilterSet):
    """Subclasses set ``search_fields`` (free text, ``q``) and ``ordering_fields`` (allow-list for
    ``ordering``: (field path, public name) pairs)."""

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
