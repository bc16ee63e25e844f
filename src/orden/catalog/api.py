"""The shared catalogue's API: vendors and products (with usage, approve, merge and the near-duplicate
check), versions, categories, standards."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from orden.core.api import OrdenModelSerializer, OrdenViewSet, StrictBooleanField
from orden.core.collation import default_ordering
from orden.core.permissions import is_catalogue_editor
from orden.portfolio.models import Lifecycle, System

from . import services, similarity
from .filters import (
    CategoryFilterSet,
    ProductFilterSet,
    ProductVersionFilterSet,
    StandardFilterSet,
    VendorFilterSet,
)
from .models import Category, Product, ProductVersion, Standard, Vendor


class SimilarEntries(exceptions.APIException):
    """A new or renamed vendor or product is like existing ones and the payload did not confirm it: 400 with
    the message and the similar entries (answered by the API's one exception handler, as every error)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "similar"

    def __init__(self, matches, message):
        super().__init__()
        self.detail = {
            "name": [message],
            "confirm_duplicate": [_('Send "confirm_duplicate": true to save it anyway.')],
            "similar": [match_data(match) for match in matches],
        }


def match_data(match: similarity.Match) -> dict:
    data = {"id": match.id, "name": match.name, "status": match.status, "url": match.url}
    if match.kind == "product":
        data.update(vendor=match.vendor_id, vendor_name=match.vendor_name)
    return data


class CatalogueEntrySerializer(OrdenModelSerializer):
    """Drafts for everyone but catalogue editors, who may set the status. A new or renamed entry like an
    existing one is refused (``SimilarEntries``, 400) unless ``confirm_duplicate`` is true; checked after
    the permission, when the entry would be written."""

    confirm_duplicate = StrictBooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=gettext_lazy("Save even though the name is like that of an existing entry."),
    )

    def validate(self, attrs):
        confirmed = attrs.pop("confirm_duplicate", False)
        attrs = super().validate(attrs)
        if not is_catalogue_editor(self.context["request"].user):
            attrs.pop("status", None)
        self.similar = []
        name = attrs.get("name", getattr(self.instance, "name", ""))  # a move to another vendor is checked too
        if not confirmed and name and self.needs_duplicate_check(attrs):
            vendor = attrs.get("vendor", getattr(self.instance, "vendor", None))
            exclude = getattr(self.instance, "pk", None)
            self.similar = similarity.similar_to(
                self.Meta.model, self.context["request"].user, name, vendor, exclude=exclude
            )
        return attrs

    def needs_duplicate_check(self, attrs) -> bool:
        if self.instance is None:
            return True
        return any(name in attrs and attrs[name] != getattr(self.instance, name) for name in ("name", "vendor"))

    def refuse_similar(self):
        if getattr(self, "similar", None):
            raise SimilarEntries(self.similar, similarity.duplicate_message(self.Meta.model, self.similar))

    def create(self, validated_data):
        self.refuse_similar()
        return super().create(validated_data)

    def update(self, instance, validated_data):
        self.refuse_similar()
        return super().update(instance, validated_data)


class VendorSerializer(CatalogueEntrySerializer):
    class Meta:
        model = Vendor
        read_only_fields = ["created_by"]


class ProductSerializer(CatalogueEntrySerializer):
    used_by = serializers.SerializerMethodField(
        help_text=gettext_lazy("How many organisations use the product in a system that is not retired.")
    )

    class Meta:
        model = Product
        read_only_fields = ["created_by"]

    def get_used_by(self, product) -> int:
        annotated = getattr(product, "used_by", None)  # lists annotate it in their one query
        return annotated if annotated is not None else services.used_by(product, self.context["request"].user)


class CategorySerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Category


class UsageSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization__name")
    version = serializers.CharField(source="product_version__name", allow_null=True)
    lifecycle = serializers.ChoiceField(choices=Lifecycle.choices)


class MergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())


class VendorMergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Vendor.objects.all())


class CatalogueEntryActions:
    """Approve and merge, for catalogue editors, on the viewset of vendors or products.

    Attributes:
        merge_serializer: names the ``target`` to keep.
        merge_entries: ``merge_entries(source, target, user) -> moved``: moves what uses the duplicate.
        self_merge_message: the refusal to merge an entry into itself.
    """

    merge_serializer: type
    merge_entries: Callable
    self_merge_message = ""

    def require_editor(self, request):
        if not is_catalogue_editor(request.user):
            raise PermissionDenied

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a draft (catalogue editors)."""
        self.require_editor(request)
        return Response(self.get_serializer(services.approve(self.get_object(), request.user)).data)

    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate into ``target`` (catalogue editors): what uses it moves there; it is deleted."""
        self.require_editor(request)
        source = self.get_object()
        serializer = self.merge_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = serializer.validated_data["target"]
        if target.pk == source.pk:
            raise serializers.ValidationError({"target": self.self_merge_message})
        type(self).merge_entries(source, target, request.user)
        target.refresh_from_db()  # a merge may complete the kept entry (a vendor's organisation number)
        return Response(self.get_serializer(target).data)


@extend_schema_view(merge=extend_schema(request=VendorMergeSerializer))
class VendorViewSet(CatalogueEntryActions, OrdenViewSet):
    queryset = Vendor.objects.all()
    serializer_class = VendorSerializer
    filterset_class = VendorFilterSet
    merge_serializer = VendorMergeSerializer
    merge_entries = staticmethod(services.merge_vendors)
    self_merge_message = gettext_lazy("A vendor cannot be merged into itself.")


@extend_schema_view(merge=extend_schema(request=MergeSerializer))
class ProductViewSet(CatalogueEntryActions, OrdenViewSet):
    # Counting the usage groups the rows, which drops the model's default ordering: it is named again.
    queryset = services.with_usage(
        Product.objects.select_related("vendor", "category").prefetch_related("standards")
    ).order_by(*default_ordering(Product))
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet
    merge_serializer = MergeSerializer
    merge_entries = staticmethod(services.merge_products)
    self_merge_message = gettext_lazy("A product cannot be merged into itself.")

    @extend_schema(responses=UsageSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def usage(self, request, pk=None):
        """Which organisations use the product, with version and lifecycle (visible to every member), in pages."""
        product = self.get_object()
        rows = System.objects.usage(request.user).filter(product=product).order_by("organization__name", "pk")
        return self.paginated(rows, UsageSerializer)


class ProductVersionViewSet(OrdenViewSet):
    queryset = ProductVersion.objects.select_related("product")
    filterset_class = ProductVersionFilterSet


class CategoryViewSet(OrdenViewSet):
    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    filterset_class = CategoryFilterSet


class StandardViewSet(OrdenViewSet):
    queryset = Standard.objects.all()
    filterset_class = StandardFilterSet
