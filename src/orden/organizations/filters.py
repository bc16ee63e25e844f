import django_filters
from django.utils.translation import gettext_lazy as _

from orden.core.filters import OrdenFilterSet
from orden.core.roles import Role

from .models import Membership, Organization, OrganizationKind, Region


class OrganizationFilterSet(OrdenFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    region = django_filters.ModelChoiceFilter(field_name="regions", queryset=Region.objects.all(), label=_("Region"))

    search_fields = ("name", "municipality_number", "organization_number")
    ordering_fields = (("name", "name"), ("municipality_number", "municipality_number"), ("population", "population"))

    class Meta:
        model = Organization
        fields = ["kind", "region", "county"]


class RegionFilterSet(OrdenFilterSet):
    class Meta:
        model = Region
        fields = []


class MembershipFilterSet(OrdenFilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))

    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    ordering_fields = (("user__last_name", "name"), ("role", "role"))

    class Meta:
        model = Membership
        fields = ["role"]
