"""The filtersets of organisations, regions, memberships, units and contacts, shared by the UI and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from orden.core.filters import OrdenFilterSet
from orden.core.permissions import is_platform_admin, organizations_with_role
from orden.core.roles import Role

from .models import Contact, Membership, Organization, OrganizationKind, Region, Unit


def organization_members(request):
    """People to filter by (owners, leaders): members of the organisations the requesting user belongs to."""
    users = get_user_model().objects.all()
    if request is None or is_platform_admin(request.user):
        return users
    return users.filter(memberships__organization__in=organizations_with_role(request.user)).distinct()


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
        fields = ["organization", "role"]


class UnitFilterSet(OrdenFilterSet):
    leader = django_filters.ModelChoiceFilter(queryset=organization_members, label=_("Leader"))

    search_fields = ("name", "description", "leader__first_name", "leader__last_name")

    class Meta:
        model = Unit
        fields = ["organization", "parent", "leader"]


class ContactFilterSet(OrdenFilterSet):
    search_fields = ("name", "email", "employer", "title")
    ordering_fields = (("name", "name"), ("employer", "employer"))

    class Meta:
        model = Contact
        fields = ["organization"]
