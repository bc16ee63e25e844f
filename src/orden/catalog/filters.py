"""The catalogue's filtersets, shared by its list pages and its API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from orden.core.filters import OrdenFilterSet

from .models import CatalogueStatus, Category, Product, ProductVersion, Standard, Vendor


class VendorFilterSet(OrdenFilterSet):
    status = django_filters.ChoiceFilter(choices=CatalogueStatus.choices, label=_("Status"))
    search_fields = ("name", "organization_number")

    class Meta:
        model = Vendor
        fields = ["status"]


class ProductFilterSet(OrdenFilterSet):
    status = django_filters.ChoiceFilter(choices=CatalogueStatus.choices, label=_("Status"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), label=_("Category"))
    vendor = django_filters.ModelChoiceFilter(queryset=Vendor.objects.all(), label=_("Vendor"))
    standard = django_filters.ModelChoiceFilter(
        field_name="standards", queryset=Standard.objects.all(), label=_("Supports standard")
    )

    search_fields = ("name", "vendor__name", "description")
    # ``used_by`` is annotated by the list and the API (``services.with_usage``).
    ordering_fields = (
        ("name", "name"),
        ("vendor__name", "vendor"),
        ("category__sort_order", "category"),
        ("used_by", "used_by"),
    )

    class Meta:
        model = Product
        fields = ["status", "category", "vendor", "standard"]


class ProductVersionFilterSet(OrdenFilterSet):
    search_fields = ("name", "product__name")
    ordering_fields = (("name", "name"), ("released_on", "released_on"), ("end_of_support", "end_of_support"))

    class Meta:
        model = ProductVersion
        fields = ["product"]


class CategoryFilterSet(OrdenFilterSet):
    search_fields = ("label_nb", "label_nn", "label_en")
    ordering_fields = (("sort_order", "sort_order"), ("label_nb", "name"))

    class Meta:
        model = Category
        fields = []


class StandardFilterSet(OrdenFilterSet):
    class Meta:
        model = Standard
        fields = []
