"""The shared catalogue's API: vendors and products (with usage, approve, merge and the near-duplicate
check), versions, categories, standards."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from orden.core.api import OrdenModelSerializer, OrdenViewSet
from orden.core.collation import default_ordering
from orden.core.permissions import is_catalogue_editor
from orden.portfolio.models import System

from . import services, similarity
from .filters import (
    CategoryFilterSet,
    ProductFilterSet,
    ProductVersionFilterSet,
    StandardFilterSet,
    VendorFilterSet,
)
from .models import Category, Product, ProductVersion, Standard, Vendor


class SimilarEntries(Exception):
    """A new or renamed vendor or product is like existing ones and the payload did not confirm it."""

    def __init__(self, matches, message):
        super().__init__(message)
        self.matches = matches
        self.message = message

    def response(self):
        return Response(
            {
                "name": [self.message],
                "confirm_duplicate": [_('Send "confirm_duplicate": true to save it anyway.')],
                "similar": [match_data(match) for match in self.matches],
            },
            status=status.HTTP_400_BAD_REQUEST,
        )


def match_data(match: similarity.Match) -> dict:
    data = {"id": match.id, "name": match.name, "status": match.status, "url": match.url}
    if match.kind == "product":
        data.update(vendor=match.vendor_id, vendor_name=match.vendor_name)
    return data


class CatalogueEntrySerializer(OrdenModelSerializer):
    """Drafts for everyone but catalogue editors, who may set the status. A new or renamed entry like an
    existing one is refused (``SimilarEntries``, 400) unless ``confirm_duplicate`` is true; checked after
    the permission, when the entry would be written."""

    confirm_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=gettext_lazy("Save even though the name is like that of an existing entry."),
    )
    duplicate_message = ""

    def validate(self, attrs):
        confirmed = attrs.pop("confirm_duplicate", False)
        attrs = super().validate(attrs)
        if not is_catalogue_editor(self.context["request"].user):
            attrs.pop("status", None)
        self.similar = []
        name = attrs.get("name", getattr(self.instance, "name", ""))  # a move to another vendor is checked too
        if not confirmed and name and self.needs_duplicate_check(attrs):
            self.similar = self.find_similar(attrs)
        return attrs

    def needs_duplicate_check(self, attrs) -> bool:
        if self.instance is None:
            return True
        return any(name in attrs and attrs[name] != getattr(self.instance, name) for name in ("name", "vendor"))

    def find_similar(self, attrs) -> list:
        raise NotImplementedError

    def refuse_similar(self):
        if getattr(self, "similar", None):
            raise SimilarEntries(self.similar, self.duplicate_message % {"entries": similarity.describe(self.similar)})

    def create(self, validated_data):
        self.refuse_similar()
        return super().create(validated_data)

    def update(self, instance, validated_data):
        self.refuse_similar()
        return super().update(instance, validated_data)


class VendorSerializer(CatalogueEntrySerializer):
    duplicate_message = gettext_lazy("Similar to %(entries)s — is it the same vendor?")

    class Meta:
        model = Vendor
        read_only_fields = ["created_by"]

    def find_similar(self, attrs):
        user = self.context["request"].user
        name = attrs.get("name", getattr(self.instance, "name", ""))
        return similarity.similar_vendors(user, name, exclude=getattr(self.instance, "pk", None))


class ProductSerializer(CatalogueEntrySerializer):
    duplicate_message = gettext_lazy("Similar to %(entries)s — is it the same product?")
    used_by = serializers.SerializerMethodField(
        help_text=gettext_lazy("How many organisations use the product in a system that is not retired.")
    )

    class Meta:
        model = Product
        read_only_fields = ["created_by"]

    def get_used_by(self, product) -> int:
        annotated = getattr(product, "used_by", None)  # lists annotate it in their one query
        return annotated if annotated is not None else services.used_by(product, self.context["request"].user)

    def find_similar(self, attrs):
        user = self.context["request"].user
        vendor = attrs.get("vendor", getattr(self.instance, "vendor", None))
        name = attrs.get("name", getattr(self.instance, "name", ""))
        return similarity.similar_products(user, name, vendor, exclude=getattr(self.instance, "pk", None))


class DuplicateCheckMixin:
    """Answers a near-duplicate (``SimilarEntries``) with 400, the message and the similar entries."""

    def create(self, request, *args, **kwargs):
        try:
            return super().create(request, *args, **kwargs)
        except SimilarEntries as found:
            return found.response()

    def update(self, request, *args, **kwargs):
        try:
            return super().update(request, *args, **kwargs)
        except SimilarEntries as found:
            return found.response()


class CategorySerializer(OrdenModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Category


class UsageSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization__name")
    version = serializers.CharField(source="product_version__name", allow_null=True)
    lifecycle = serializers.CharField()


class MergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())


class VendorMergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Vendor.objects.all())


class VendorViewSet(DuplicateCheckMixin, OrdenViewSet):
    queryset = Vendor.objects.all()
    serializer_class = VendorSerializer
    filterset_class = VendorFilterSet

    @extend_schema(request=None, responses=VendorSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        if not is_catalogue_editor(request.user):
            raise PermissionDenied
        return Response(self.get_serializer(services.approve(self.get_object(), request.user)).data)

    @extend_schema(request=VendorMergeSerializer, responses=VendorSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate vendor into ``target`` (catalogue editors): its products move there."""
        if not is_catalogue_editor(request.user):
            raise PermissionDenied
        source = self.get_object()
        serializer = VendorMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = serializer.validated_data["target"]
        if target.pk == source.pk:
            raise serializers.ValidationError({"target": _("A vendor cannot be merged into itself.")})
        services.merge_vendors(source, target, request.user)
        target.refresh_from_db()
        return Response(self.get_serializer(target).data)


class ProductViewSet(DuplicateCheckMixin, OrdenViewSet):
    # Counting the usage groups the rows, which drops the model's default ordering: it is named again.
    queryset = services.with_usage(
        Product.objects.select_related("vendor", "category").prefetch_related("standards")
    ).order_by(*default_ordering(Product))
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet

    @extend_schema(responses=UsageSerializer(many=True))
    @action(detail=True, methods=["get"])
    def usage(self, request, pk=None):
        """Which organisations use the product, with version and lifecycle (visible to every member)."""
        product = self.get_object()
        rows = System.objects.usage(request.user).filter(product=product).order_by("organization__name")
        return Response(UsageSerializer(rows, many=True).data)

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        if not is_catalogue_editor(request.user):
            raise PermissionDenied
        return Response(self.get_serializer(services.approve(self.get_object(), request.user)).data)

    @extend_schema(request=MergeSerializer, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge this duplicate into ``target`` (catalogue editors)."""
        if not is_catalogue_editor(request.user):
            raise PermissionDenied
        source = self.get_object()
        serializer = MergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = serializer.validated_data["target"]
        if target.pk == source.pk:
            raise serializers.ValidationError({"target": _("A product cannot be merged into itself.")})
        services.merge_products(source, target, request.user)
        return Response(self.get_serializer(target).data)


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
