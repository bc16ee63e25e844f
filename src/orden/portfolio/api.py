from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework import serializers

from orden.core.api import OrdenModelSerializer, OrdenViewSet

from .filters import SystemFilterSet
from .models import System


class SystemSerializer(OrdenModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True, allow_null=True)

    class Meta:
        model = System
        fields = [
            "id",
            "organization",
            "name",
            "product",
            "product_name",
            "product_version",
            "description",
            "lifecycle",
            "in_use_from",
            "in_use_until",
            "owner",
            "responsible",
            "user_count",
            "criticality",
            "last_risk_assessment",
            "hosting",
            "personal_data",
            "special_categories",
            "confidentiality",
            "integrity",
            "availability",
            "time_classification",
            "annual_cost",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["created", "updated"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        organization = attrs.get("organization") or getattr(self.instance, "organization", None)
        members = get_user_model().objects.filter(memberships__organization=organization)
        for field in ("owner", "responsible"):
            user = attrs.get(field)
            if user is not None and not members.filter(pk=user.pk).exists():
                raise serializers.ValidationError({field: _("Must be a member of the organisation.")})
        return attrs


class SystemViewSet(OrdenViewSet):
    queryset = System.objects.select_related("product")
    serializer_class = SystemSerializer
    filterset_class = SystemFilterSet
