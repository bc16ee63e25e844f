import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Category
from orden.core.filters import OrdenFilterSet
from orden.core.permissions import is_platform_admin, organizations_with_role

from .models import Criticality, Hosting, Lifecycle, System, TimeClassification


def organization_members(request):
    """Owners to filter by: members of the organisations the requesting user belongs to."""
    users = get_user_model().objects.all()
    if request is None or is_platform_admin(request.user):
        return users
    return users.filter(memberships__organization__in=organizations_with_role(request.user)).distinct()


class SystemFilterSet(OrdenFilterSet):
    category = django_filters.ModelChoiceFilter(
        field_name="product__category", queryset=Category.objects.all(), label=_("Category")
    )
    lifecycle = django_filters.MultipleChoiceFilter(choices=Lifecycle.choices, label=_("Lifecycle"))
    criticality = django_filters.MultipleChoiceFilter(choices=Criticality.choices, label=_("Criticality"))
    time_classification = django_filters.ChoiceFilter(
        choices=TimeClassification.choices, label=_("TIME classification")
    )
    hosting = django_filters.ChoiceFilter(choices=Hosting.choices, label=_("Hosting"))
    owner = django_filters.ModelChoiceFilter(queryset=organization_members, label=_("System owner"))
    personal_data = django_filters.BooleanFilter(label=_("Holds personal data"))

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
