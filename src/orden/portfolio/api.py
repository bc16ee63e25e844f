"""The system register's API: systems (with completeness and confirmation), services, their links, and the
reference lists (sectors, KOSTRA functions, common services)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from orden.core import completeness, history
from orden.core.api import OrdenModelSerializer, OrdenViewSet
from orden.core.roles import Action
from orden.organizations.models import Organization

from . import services
from .filters import (
    KostraFunctionFilterSet,
    SectorFilterSet,
    ServiceFilterSet,
    ServiceSystemFilterSet,
    ServiceTemplateFilterSet,
    SystemFilterSet,
)
from .models import KostraFunction, Sector, Service, ServiceSystem, ServiceTemplate, System


class SystemSerializer(OrdenModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True, allow_null=True)

    class Meta:
        model = System
        read_only_fields = ["last_reviewed", "created", "updated"]


class GapSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()
    fix_field = serializers.CharField(allow_null=True)


class SystemCompletenessSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    gaps = GapSerializer(many=True)


class SystemViewSet(OrdenViewSet):
    queryset = System.objects.select_related("product").prefetch_related("super_users")
    serializer_class = SystemSerializer
    filterset_class = SystemFilterSet

    @extend_schema(responses=SystemCompletenessSerializer)
    @action(detail=True, methods=["get"])
    def completeness(self, request, pk=None):
        """The system's completeness score and what is missing."""
        system = completeness.annotate_gaps(self.get_queryset().filter(pk=self.get_object().pk)).get()
        return Response(
            SystemCompletenessSerializer(
                {"score": completeness.row_score(system), "gaps": completeness.gaps_of(system)}
            ).data
        )

    @extend_schema(request=None, responses=SystemSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The owner confirms that the system's facts are correct (the review cycle)."""
        system = System.objects.restrict(request.user, Action.CHANGE).filter(pk=pk).first()
        if system is None:
            self.get_object()  # 404 when hidden, else the user may view but not change it
            raise PermissionDenied
        before = history.snapshot(system)
        system.last_reviewed = timezone.localdate()
        history.save(system, request.user, before=before, message=_("Confirmed that the facts are correct"))
        return Response(self.get_serializer(system).data)


class ServiceSerializer(OrdenModelSerializer):
    los_uri = serializers.URLField(read_only=True, allow_null=True)

    class Meta:
        model = Service


class AdoptSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    templates = serializers.PrimaryKeyRelatedField(queryset=ServiceTemplate.objects.all(), many=True)


class ServiceViewSet(OrdenViewSet):
    queryset = Service.objects.select_related("template")
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet

    @extend_schema(request=AdoptSerializer, responses={201: ServiceSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def adopt(self, request):
        """Adopt common services (Kommune-Los) into an organisation; all or none."""
        serializer = AdoptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = serializer.validated_data["organization"]
        if not Service.policy.can(request.user, Action.ADD, organization=organization):
            raise PermissionDenied
        created = services.adopt(organization, serializer.validated_data["templates"], request.user)
        return Response(ServiceSerializer(created, many=True).data, status=201)


class ServiceSystemViewSet(OrdenViewSet):
    queryset = ServiceSystem.objects.select_related("service", "system")
    filterset_class = ServiceSystemFilterSet


class SectorSerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Sector


class KostraFunctionSerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = KostraFunction


class ServiceTemplateSerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ServiceTemplate


class SectorViewSet(OrdenViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    filterset_class = SectorFilterSet


class KostraFunctionViewSet(OrdenViewSet):
    queryset = KostraFunction.objects.all()
    serializer_class = KostraFunctionSerializer
    filterset_class = KostraFunctionFilterSet


class ServiceTemplateViewSet(OrdenViewSet):
    queryset = ServiceTemplate.objects.all()
    serializer_class = ServiceTemplateSerializer
    filterset_class = ServiceTemplateFilterSet
