from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from orden.core.api import OrdenModelSerializer, OrdenViewSet, require_members

from .filters import ContactFilterSet, MembershipFilterSet, OrganizationFilterSet, RegionFilterSet, UnitFilterSet
from .forms import check_role_grant
from .models import Contact, Membership, Organization, Region, Unit


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

    def validate_role(self, role):
        try:
            return check_role_grant(role, self.context["request"].user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

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


class UnitSerializer(OrdenModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "organization", "name", "parent", "leader", "description", "version"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        require_members(attrs, self.instance, ["leader"])
        return attrs


class ContactSerializer(OrdenModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "organization", "name", "email", "phone", "employer", "title", "notes", "version"]


class UnitViewSet(OrdenViewSet):
    queryset = Unit.objects.all()
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def perform_destroy(self, instance):
        if instance.services.exists() or instance.children.exists():
            raise serializers.ValidationError(
                {"detail": _("The unit has services or sub-units: move them to another unit first.")}
            )
        super().perform_destroy(instance)


class ContactViewSet(OrdenViewSet):
    queryset = Contact.objects.all()
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
