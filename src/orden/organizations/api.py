from rest_framework import serializers

from orden.core.api import OrdenModelSerializer, OrdenViewSet

from .filters import MembershipFilterSet, OrganizationFilterSet, RegionFilterSet
from .models import Membership, Organization, Region


class OrganizationSerializer(OrdenModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "kind",
            "municipality_number",
            "organization_number",
            "population",
            "county",
            "website",
            "is_active",
            "version",
        ]


class RegionSerializer(OrdenModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "description", "organizations", "version"]


class MembershipSerializer(OrdenModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organization", "user", "username", "role", "version"]


class OrganizationViewSet(OrdenViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class RegionViewSet(OrdenViewSet):
    queryset = Region.objects.prefetch_related("organizations")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet


class MembershipViewSet(OrdenViewSet):
    queryset = Membership.objects.select_related("user")
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
