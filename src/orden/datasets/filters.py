"""The filtersets of datasets, distributions, data services and dataset templates (UI and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import CatalogueStatus, Product
from orden.core import completeness
from orden.core.filters import OrdenFilterSet
from orden.organizations.filters import organization_members

from .models import THEME_SCHEMES, AccessRights, Concept, DataService, Dataset, DatasetTemplate, Distribution, Scheme


def completeness_choices():
    return [(rule.code, rule.label) for rule in completeness.rules_for(Dataset)]


class DatasetFilterSet(OrdenFilterSet):
    access_rights = django_filters.MultipleChoiceFilter(
        choices=AccessRights.choices, label=_("Access rights"), widget=forms.CheckboxSelectMultiple
    )
    published = django_filters.BooleanFilter(label=_("Published"))
    personal_data = django_filters.BooleanFilter(label=_("Contains personal data"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Concept.objects.filter(scheme__in=THEME_SCHEMES), label=_("Theme")
    )
    owner = django_filters.ModelChoiceFilter(queryset=organization_members, label=_("Data owner"))
    gap = django_filters.ChoiceFilter(choices=completeness_choices, method="filter_gap", label=_("Missing"))

    search_fields = ("title_nb", "title_nn", "title_en", "description_nb", "keywords")
    ordering_fields = (
        ("title_nb", "title"),
        ("access_rights", "access_rights"),
        ("published", "published"),
        ("updated", "updated"),
    )

    def filter_gap(self, queryset, name, value: str):
        rule = next(rule for rule in completeness.rules_for(Dataset) if rule.code == value)
        return queryset.filter(rule.condition())

    class Meta:
        model = Dataset
        fields = ["organization", "systems", "services", "access_rights", "published", "personal_data", "owner"]


class DistributionFilterSet(OrdenFilterSet):
    # Not "format": DRF reserves ?format= for choosing the response's format.
    file_type = django_filters.ModelChoiceFilter(
        field_name="format", queryset=Concept.objects.filter(scheme=Scheme.FILE_TYPE), label=_("Format")
    )
    licence = django_filters.ModelChoiceFilter(
        queryset=Concept.objects.filter(scheme=Scheme.LICENCE), label=_("Licence")
    )

    search_fields = ("title_nb", "dataset__title_nb", "access_url")
    ordering_fields = (("dataset__title_nb", "dataset"), ("title_nb", "title"), ("updated", "updated"))

    class Meta:
        model = Distribution
        fields = ["organization", "dataset", "file_type", "licence"]


class DataServiceFilterSet(OrdenFilterSet):
    access_rights = django_filters.MultipleChoiceFilter(
        choices=AccessRights.choices, label=_("Access rights"), widget=forms.CheckboxSelectMultiple
    )
    published = django_filters.BooleanFilter(label=_("Published"))

    search_fields = ("title_nb", "description_nb", "endpoint_url")
    ordering_fields = (("title_nb", "title"), ("updated", "updated"))

    class Meta:
        model = DataService
        fields = ["organization", "datasets", "access_rights", "published"]


class DatasetTemplateFilterSet(OrdenFilterSet):
    product = django_filters.ModelChoiceFilter(queryset=Product.objects.all(), widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(choices=CatalogueStatus.choices, label=_("Status"))

    search_fields = ("title_nb", "description_nb", "product__name", "keywords")
    ordering_fields = (("product__name", "product"), ("title_nb", "title"))

    class Meta:
        model = DatasetTemplate
        fields = ["product", "status"]
