"""The filtersets of systems, services, their links and the reference lists, shared by the UI and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Category, Product
from orden.core import completeness
from orden.core.filters import OrdenFilterSet
from orden.organizations.filters import organization_members
from orden.organizations.models import Unit

from .models import (
    Criticality,
    Hosting,
    KostraFunction,
    Lifecycle,
    Sector,
    Service,
    ServiceSystem,
    ServiceTemplate,
    System,
    SystemRole,
    TimeClassification,
)


def completeness_choices():
    return [(rule.code, rule.label) for rule in completeness.rules_for(System)]


class SystemFilterSet(OrdenFilterSet):
    # Hidden in the UI (the national catalogue is too long for a select; search matches product names),
    # but ?product= works, e.g. from a product page.
    product = django_filters.ModelChoiceFilter(queryset=Product.objects.all(), widget=forms.HiddenInput)
    category = django_filters.ModelChoiceFilter(
        field_name="product__category", queryset=Category.objects.all(), label=_("Category")
    )
    # Columns of the system itself: OrdenFilterSet leaves out the DISTINCT, as no row can repeat.
    lifecycle = django_filters.MultipleChoiceFilter(
        choices=Lifecycle.choices, label=_("Lifecycle"), widget=forms.CheckboxSelectMultiple
    )
    criticality = django_filters.MultipleChoiceFilter(
        choices=Criticality.choices, label=_("Criticality"), widget=forms.CheckboxSelectMultiple
    )
    time_classification = django_filters.ChoiceFilter(
        choices=TimeClassification.choices, label=_("TIME classification")
    )
    hosting = django_filters.ChoiceFilter(choices=Hosting.choices, label=_("Hosting"))
    owner = django_filters.ModelChoiceFilter(queryset=organization_members, label=_("System owner"))
    personal_data = django_filters.BooleanFilter(label=_("Holds personal data"))
    gap = django_filters.ChoiceFilter(choices=completeness_choices, method="filter_gap", label=_("Missing"))

    search_fields = ("name", "description", "product__name", "product__vendor__name")
    ordering_fields = (
        ("name", "name"),
        ("product__name", "product"),
        ("lifecycle", "lifecycle"),
        ("criticality", "criticality"),
        ("annual_cost", "annual_cost"),
        ("last_risk_assessment", "last_risk_assessment"),
        ("updated", "updated"),
    )

    def filter_gap(self, queryset, name, value: str):  # the hint types the parameter in the OpenAPI schema
        rule = next(rule for rule in completeness.rules_for(System) if rule.code == value)
        return queryset.filter(rule.condition())

    class Meta:
        model = System
        fields = [
            "organization",
            "product",
            "category",
            "lifecycle",
            "criticality",
            "time_classification",
            "hosting",
            "owner",
            "personal_data",
        ]


class ServiceFilterSet(OrdenFilterSet):
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    responsible_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Responsible unit"))
    process_owner = django_filters.ModelChoiceFilter(queryset=organization_members, label=_("Process owner"))
    statutory = django_filters.BooleanFilter(label=_("Statutory"))
    digital = django_filters.BooleanFilter(label=_("Offered digitally"))
    without_systems = django_filters.BooleanFilter(method="filter_without_systems", label=_("Supported by no system"))

    search_fields = ("name", "description", "template__label_nb")
    ordering_fields = (("name", "name"), ("sector__label_nb", "sector"), ("kostra_function__code", "kostra"))

    class Meta:
        model = Service
        fields = ["organization", "sector", "responsible_unit", "process_owner", "statutory", "digital"]

    def filter_without_systems(self, queryset, name, value):
        return queryset.filter(system_links__isnull=value).distinct() if value is not None else queryset


class ServiceSystemFilterSet(OrdenFilterSet):
    role = django_filters.ChoiceFilter(choices=SystemRole.choices, label=_("Role of the system"))

    search_fields = ("service__name", "system__name", "note")
    ordering_fields = (("service__name", "service"), ("system__name", "system"))

    class Meta:
        model = ServiceSystem
        fields = ["organization", "service", "system", "role"]


class SectorFilterSet(OrdenFilterSet):
    search_fields = ("label_nb", "label_nn", "label_en")
    ordering_fields = (("label_nb", "name"),)

    class Meta:
        model = Sector
        fields = []


class KostraFunctionFilterSet(OrdenFilterSet):
    search_fields = ("code", "label_nb", "label_nn", "label_en")
    ordering_fields = (("code", "code"),)

    class Meta:
        model = KostraFunction
        fields = []


class ServiceTemplateFilterSet(OrdenFilterSet):
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    search_fields = ("label_nb", "label_nn", "label_en")
    ordering_fields = (("label_nb", "name"), ("kostra_function__code", "kostra"))

    class Meta:
        model = ServiceTemplate
        fields = ["sector", "kostra_function"]
