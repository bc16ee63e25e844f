"""The API of organisations, regions, memberships, units and contacts."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from orden.core.api import OrdenModelSerializer, OrdenViewSet

from .filters import ContactFilterSet, MembershipFilterSet, OrganizationFilterSet, RegionFilterSet, UnitFilterSet
from .forms import check_role_grant
from .invitations import invite_on_commit
from .models import Contact, Membership, Organization, Region, Unit, person_with_email


class MembershipSerializer(OrdenModelSerializer):
    """A person joins by e-mail address, as in the UI (an existing account, or a new one that is invited to
    choose a password): the API never takes a user id, so it cannot be used to find out who has an account.
    Changing a membership changes only its role."""

    email = serializers.EmailField(write_only=True, required=False, help_text=_("The person's e-mail address."))
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        read_only_fields = ["user"]

    def validate_role(self, role):
        try:
            return check_role_grant(role, self.context["request"].user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    def validate(self, attrs):
        email = attrs.pop("email", None)
        if self.instance is None:
            if not email:
                raise serializers.ValidationError({"email": _("This field is required.")})
            # An existing person is named now, so that the uniqueness check below sees them; a new account
            # is only made in create(), once the permission check has passed.
            person = person_with_email(email)
            if person is not None:
                attrs["user"] = person
            self.new_person_email = email
        return super().validate(attrs)

    def create(self, validated_data):
        if "user" not in validated_data:
            language = getattr(self.context["request"].user, "language", None)
            validated_data["user"] = person_with_email(self.new_person_email, language, create=True)
        membership = super().create(validated_data)
        invite_on_commit(membership, self.context["request"].user)  # the invitation e-mail (invitations.py)
        return membership


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
