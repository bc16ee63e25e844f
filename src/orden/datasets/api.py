"""The data catalogue's API: datasets (with publish, unpublish, validation and offer as template),
distributions, data services (publish, unpublish, validation), dataset templates (adopt) and the
vocabularies' concepts (read only), so that clients find the ids of themes, formats and licences."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from orden.catalog.models import Product
from orden.core import history
from orden.core.api import OrdenModelSerializer, OrdenViewSet, ScopedRelatedField
from orden.core.filters import OrdenFilterSet
from orden.core.permissions import is_catalogue_editor
from orden.core.roles import Action
from orden.core.schema import ErrorSerializer
from orden.portfolio.models import System

from . import rdf, services, validation
from .filters import DataServiceFilterSet, DatasetFilterSet, DatasetTemplateFilterSet, DistributionFilterSet
from .models import Concept, DataService, Dataset, DatasetTemplate, Distribution
from .views import offer_products


def concept_uris(**kwargs):
    """A concept named by its URI beside its id (read only; write the id)."""
    return serializers.SlugRelatedField(slug_field="uri", read_only=True, **kwargs)


class DatasetSerializer(OrdenModelSerializer):
    uri = serializers.SerializerMethodField(help_text="The dataset's IRI in the published catalogue.")
    theme_uris = concept_uris(source="themes", many=True, help_text="The themes' URIs.")
    frequency_uri = concept_uris(source="frequency", allow_null=True, help_text="The update frequency's URI.")
    distributions = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="The dataset's distributions (change them at /api/distributions/)."
    )

    class Meta:
        model = Dataset
        read_only_fields = ["published", "published_at", "template"]

    def get_uri(self, dataset) -> str:
        return rdf.dataset_uri(dataset)


class DistributionSerializer(OrdenModelSerializer):
    uri = serializers.SerializerMethodField(help_text="The distribution's IRI in the published catalogue.")
    format_uri = concept_uris(source="format", allow_null=True, help_text="The file type's URI.")
    licence_uri = concept_uris(source="licence", allow_null=True, help_text="The licence's URI.")

    class Meta:
        model = Distribution

    def get_uri(self, distribution) -> str:
        return rdf.distribution_uri(distribution)

    def validate_dataset(self, dataset):
        """A distribution goes only into a dataset the user may change (a data owner: their own datasets)."""
        if not Dataset.policy.can(self.context["request"].user, Action.CHANGE, obj=dataset):
            raise serializers.ValidationError(_("You may not change this dataset."))
        return dataset


class DataServiceSerializer(OrdenModelSerializer):
    uri = serializers.SerializerMethodField(help_text="The data service's IRI in the published catalogue.")
    licence_uri = concept_uris(source="licence", allow_null=True, help_text="The licence's URI.")

    class Meta:
        model = DataService
        read_only_fields = ["published", "published_at"]

    def get_uri(self, data_service) -> str:
        return rdf.data_service_uri(data_service)


class DatasetTemplateSerializer(OrdenModelSerializer):
    """Drafts for everyone but catalogue editors, who may set the status (as for products)."""

    theme_uris = concept_uris(source="themes", many=True, help_text="The themes' URIs.")

    class Meta:
        model = DatasetTemplate
        read_only_fields = ["created_by", "source_organization"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not is_catalogue_editor(self.context["request"].user):
            attrs.pop("status", None)
        return attrs


class ConceptSerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True, help_text="The label in the user's language.")

    class Meta:
        model = Concept
        read_only_fields = ["scheme", "code", "uri", "label_nb", "label_nn", "label_en"]


class FindingSerializer(serializers.Serializer):
    version = serializers.CharField(help_text='The DCAT-AP-NO version checked: "2.2" or "3.0".')
    severity = serializers.CharField(help_text='"violation", "warning" or "info", as SHACL grades them.')
    message = serializers.CharField(help_text="What is wrong, in the user's language.")
    path = serializers.CharField(allow_null=True, help_text="The property concerned (an IRI); null: the whole node.")

    def to_representation(self, finding):
        return {
            "version": str(finding.version),
            "severity": str(finding.severity),
            "message": str(finding.message),  # a lazy translation: rendered in the user's language
            "path": str(finding.path) if finding.path else None,
        }


class ValidationSerializer(serializers.Serializer):
    publishable = serializers.BooleanField(help_text="No violation of DCAT-AP-NO 2.2 or 3.0 stops publication.")
    findings = FindingSerializer(many=True, help_text="Every finding of DCAT-AP-NO 2.2 and 3.0.")


class PublishRefusedSerializer(ErrorSerializer):
    """The answer to a publication that fails validation (400)."""

    findings = FindingSerializer(many=True, help_text="The violations of DCAT-AP-NO 2.2 and 3.0 that stop publication.")


class PublishRefusedError(exceptions.APIException):
    """The description does not pass DCAT-AP-NO 2.2 and 3.0: 400 with the findings; nothing was published."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, findings):
        super().__init__()
        # Set as is (as catalog.api.SimilarEntries does): DRF would turn a finding's empty path into "None".
        self.detail = {
            "detail": _("The description does not pass the DCAT-AP-NO validation; nothing was published."),
            "findings": FindingSerializer(findings, many=True).data,
        }


class PublishActions:
    """Publish, unpublish and validate, on the viewset of datasets or data services. Publishing and
    unpublishing need the change permission on the row: 404 when it is hidden, 403 when it is only visible; and
    the version the client saw (If-Match), as a change does: nobody publishes what they have not seen."""

    if_match_required = (*OrdenViewSet.if_match_required, "publish", "unpublish")

    def changeable(self, request, pk):
        obj = self.queryset.all().restrict(request.user, Action.CHANGE).filter(pk=pk).first()
        if obj is None:
            self.get_object()  # 404 when hidden, else the user may view but not change it
            raise PermissionDenied
        return obj

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, pk=None):
        """Publish in the organisation's DCAT-AP-NO catalogue; refused (400, with the findings) unless it passes
        2.2 and 3.0."""
        obj = self.changeable(request, pk)
        try:
            obj = services.publish(obj, request.user, self.expected_version(request))
        except services.PublishRefused as refused:
            raise PublishRefusedError(refused.findings) from refused
        except history.StaleObjectError as stale:
            return self.stale_response(stale)
        return Response(self.get_serializer(obj).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], filter_backends=[])
    def unpublish(self, request, pk=None):
        """Take out of the published catalogue (the description stays, as a draft)."""
        obj = self.changeable(request, pk)
        try:
            obj = services.unpublish(obj, request.user, self.expected_version(request))
        except history.StaleObjectError as stale:
            return self.stale_response(stale)
        return Response(self.get_serializer(obj).data)

    @extend_schema(responses=ValidationSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def validation(self, request, pk=None):
        """The findings of validation against the DCAT-AP-NO 2.2 and 3.0 shapes, published or not."""
        found = validation.validate(self.get_object())
        return Response(
            ValidationSerializer(
                {
                    "publishable": not validation.blocking(found),
                    "findings": [finding for findings in found.values() for finding in findings],
                }
            ).data
        )


def publish_schema(serializer):
    refused = {
        200: serializer,
        400: OpenApiResponse(
            PublishRefusedSerializer, description="It does not pass DCAT-AP-NO 2.2 and 3.0: nothing was published."
        ),
    }
    return {"publish": extend_schema(responses=refused), "unpublish": extend_schema(responses=serializer)}


class OfferTemplateSerializer(serializers.Serializer):
    product = ScopedRelatedField(
        queryset=Product.objects.all(), help_text="The product of one of the systems that hold the dataset."
    )


class AdoptTemplateSerializer(serializers.Serializer):
    system = ScopedRelatedField(
        queryset=System.objects.all(), help_text="The system that holds the data; the dataset is its organisation's."
    )


@extend_schema_view(**publish_schema(DatasetSerializer))
class DatasetViewSet(PublishActions, OrdenViewSet):
    queryset = Dataset.objects.select_related("organization", "frequency").prefetch_related(
        "systems", "services", "themes", "distributions"
    )
    serializer_class = DatasetSerializer
    filterset_class = DatasetFilterSet

    @extend_schema(request=OfferTemplateSerializer, responses={201: DatasetTemplateSerializer})
    @action(detail=True, methods=["post"], url_path="offer-as-template", filter_backends=[])
    def offer_as_template(self, request, pk=None):
        """Offer the description as a draft template for the product of a system that holds it (for others to adopt)."""
        dataset = self.changeable(request, pk)
        if not DatasetTemplate.policy.can(request.user, Action.ADD):
            raise PermissionDenied
        serializer = OfferTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = serializer.validated_data["product"]
        if not offer_products(request, dataset).filter(pk=product.pk).exists():
            raise exceptions.ValidationError(
                {"product": [_("Choose the product of one of the systems that hold the dataset.")]}
            )
        template = services.offer_as_template(dataset, product, request.user)
        return Response(
            DatasetTemplateSerializer(template, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class DistributionViewSet(OrdenViewSet):
    queryset = Distribution.objects.select_related("organization", "format", "licence")
    serializer_class = DistributionSerializer
    filterset_class = DistributionFilterSet


@extend_schema_view(**publish_schema(DataServiceSerializer))
class DataServiceViewSet(PublishActions, OrdenViewSet):
    queryset = DataService.objects.select_related("organization", "licence").prefetch_related("datasets")
    serializer_class = DataServiceSerializer
    filterset_class = DataServiceFilterSet


class DatasetTemplateViewSet(OrdenViewSet):
    queryset = DatasetTemplate.objects.select_related("product", "frequency").prefetch_related("themes")
    serializer_class = DatasetTemplateSerializer
    filterset_class = DatasetTemplateFilterSet

    @extend_schema(request=AdoptTemplateSerializer, responses={201: DatasetSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def adopt(self, request, pk=None):
        """Describe a dataset of the system's organisation from the template, held by the system."""
        template = self.get_object()
        serializer = AdoptTemplateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        system = serializer.validated_data["system"]
        if not Dataset.policy.can(request.user, Action.ADD, organization=system.organization):
            raise PermissionDenied
        dataset = services.adopt_template(template, system, request.user)
        return Response(
            DatasetSerializer(dataset, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class ConceptFilterSet(OrdenFilterSet):
    search_fields = ("code", "uri", "label_nb", "label_nn", "label_en")
    ordering_fields = (("label_nb", "name"), ("code", "code"))

    class Meta:
        model = Concept
        fields = ["scheme", "code", "uri"]


class ConceptViewSet(OrdenViewSet):
    """The concepts of the vocabularies Orden ships (EU data themes, Los themes, frequencies, file types,
    licences): read only, as they change only with a new release."""

    queryset = Concept.objects.all()
    serializer_class = ConceptSerializer
    filterset_class = ConceptFilterSet
    http_method_names = ["get", "head", "options"]
    history = restore = None  # reference data without history: no such actions
