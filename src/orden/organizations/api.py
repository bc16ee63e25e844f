"""The API of organisations, regions, memberships, units and contacts."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from orden.core.api import OrdenModelSerializer, OrdenViewSet

from .filters import ContactFilterSet, MembershipFilterSet, OrganizationFilterSet, RegionFilterSet, UnitFilterSet
from .forms import check_role_grant
from .models import Contact, Membership, Organization, Region, Unit


class MembershipSerializer(OrdenModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    def validate_role(self, role):
        try:
            return check_role_grant(role, self.context["request"].user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    class Meta:
        model = Membership


class OrganizationViewSet(OrdenViewSet):
    queryset = Organization.objects.all()
    filterset_class = OrganizationFilterSet


class RegionViewSet(OrdenViewSet):
    queryset = Region.objects.prefetch_related("organizations")
    filterset_class = RegionFilterSet


class MembershipViewSet(OrdenViewSet):
    queryset = Membership.objects.select_related("user")
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet


class UnitViewSet(OrdenViewSet):
    queryset = Unit.objects.all()
    filterset_class = UnitFilterSet

    def perform_destroy(self, instance):
        if instance.services.exists() or instance.children.exists():
            raise serializers.ValidationError(
                {"detail": _("The unit has services or sub-units: move them to another unit first.")}
            )
        super().perform_destroy(instance)


class ContactViewSet(OrdenViewSet):
    queryset = Contact.objects.all()
    filterset_class = ContactFilterSet
