"""The reports of the UI, as JSON: completeness, the services × systems matrix, my responsibilities; and the
export of a whole organisation (XLSX)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from orden.core import completeness
from orden.core.api import UserLanguageMixin
from orden.core.forms import parse_id
from orden.core.views import organization_workbook
from orden.organizations.models import Organization, Unit, member_organizations
from orden.portfolio import reviews
from orden.portfolio.models import Sector, System

from . import matrix
from .models import CompletenessSnapshot
from .responsibilities import responsibilities_of

ORGANIZATION = OpenApiParameter("organization", int, required=True, description="The organisation's id.")


def id_param(request, name, required=False) -> int | None:
    value = request.query_params.get(name, "")
    if not value and not required:
        return None
    if not value:
        raise ValidationError({name: serializers.Field.default_error_messages["required"]})
    if parse_id(value) is None:  # ASCII digits within the database's integers
        raise ValidationError({name: _("Must be a numeric ID.")})
    return int(value)


def organization_param(request) -> Organization:
    """An organisation the user may see the private facts of (a member, or a platform admin); else 404."""
    visible = member_organizations(request.user)
    return get_object_or_404(visible, pk=id_param(request, "organization", required=True))


class CompletenessGapSerializer(serializers.Serializer):
    code = serializers.CharField(source="rule.code")
    label = serializers.CharField(source="rule.label")
    systems = serializers.IntegerField(source="count")


class CompletenessSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    systems = serializers.IntegerField(source="rows")
    gaps = CompletenessGapSerializer(many=True)
    overdue_reviews = serializers.IntegerField()
    trend = serializers.ListField(child=serializers.DictField())


class MatrixSerializer(serializers.Serializer):
    systems = serializers.ListField(child=serializers.DictField())
    services = serializers.ListField(child=serializers.DictField())
    links = serializers.IntegerField()


class ResponsibilitiesSerializer(serializers.Serializer):
    systems = serializers.ListField(child=serializers.DictField())
    services = serializers.ListField(child=serializers.DictField())
    units = serializers.ListField(child=serializers.DictField())


class ReportViewSet(UserLanguageMixin, viewsets.ViewSet):
    @extend_schema(parameters=[ORGANIZATION], responses=CompletenessSerializer)
    @action(detail=False, methods=["get"])
    def completeness(self, request):
        """The organisation's completeness score, gaps worst first, overdue reviews and the daily trend."""
        organization = organization_param(request)
        systems = System.objects.restrict(request.user).filter(organization=organization)
        result = completeness.summary(systems)
        result["overdue_reviews"] = reviews.overdue(systems, organization).count()
        result["trend"] = list(
            CompletenessSnapshot.objects.restrict(request.user)
            .filter(organization=organization)
            .values("day", "score", "systems")[:30]
        )
        return Response(CompletenessSerializer(result).data)

    @extend_schema(
        parameters=[ORGANIZATION, OpenApiParameter("unit", int), OpenApiParameter("sector", int)],
        responses=MatrixSerializer,
    )
    @action(detail=False, methods=["get"], url_path="service-matrix")
    def service_matrix(self, request):
        """Services × systems: for each service, the systems that support it and their role."""
        organization = organization_param(request)
        unit = id_param(request, "unit")
        sector = id_param(request, "sector")
        unit = (
            get_object_or_404(Unit.objects.restrict(request.user), pk=unit, organization=organization) if unit else None
        )
        sector = get_object_or_404(Sector, pk=sector) if sector else None
        result = matrix.build(request.user, organization, unit=unit, sector=sector)
        per_service, per_system = result.service_totals(), result.system_totals()
        return Response(
            {
                "systems": [
                    {"id": system.pk, "name": system.name, "services": per_system[system.pk]}
                    for system in result.systems
                ],
                "services": [
                    {
                        "id": service.pk,
                        "name": service.name,
                        "total": per_service[service.pk],
                        "systems": [
                            {
                                "system": system.pk,
                                "role": result.cells[(service.pk, system.pk)],
                                "role_code": result.roles[(service.pk, system.pk)],
                            }
                            for system in result.systems
                            if (service.pk, system.pk) in result.cells
                        ],
                    }
                    for service in result.services
                ],
                "links": len(result.cells),
            }
        )

    @extend_schema(
        parameters=[ORGANIZATION],
        responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """Everything of the organisation the user may see, as one XLSX workbook (a sheet per type)."""
        return organization_workbook(request.user, organization_param(request))

    @extend_schema(parameters=[ORGANIZATION], responses=ResponsibilitiesSerializer)
    @action(detail=False, methods=["get"])
    def responsibilities(self, request):
        """The systems, services and units the user answers for, with what needs attention."""
        result = responsibilities_of(request.user, organization_param(request))
        return Response(
            {
                "systems": [
                    {"id": system.pk, "name": system.name, "review_due": due, "missing": [rule.code for rule in gaps]}
                    for system, gaps, due in result["systems"]
                ],
                "services": [{"id": service.pk, "name": service.name} for service in result["services"]],
                "units": [{"id": unit.pk, "name": unit.name} for unit in result["units"]],
            }
        )
