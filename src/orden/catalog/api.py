"""The shared catalogue's API: vendors, products (with usage, approve and merge), versions, categories, standards."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from orden.core.api import OrdenModelSerializer, OrdenViewSet
from orden.core.permissions import is_catalogue_editor
from orden.portfolio.models import System

from . import services
from .filters import (
    CategoryFilterSet,
    ProductFilterSet,
    ProductVersionFilterSet,
    StandardFilterSet,
    VendorFilterSet,
)
from .models import Category, Product, ProductVersion, Standard, Vendor


class CatalogueEntrySerializer(OrdenModelSerializer):
    """Drafts for everyone but catalogue editors, who may set the status."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not is_catalogue_editor(self.context["request"].user):
            attrs.pop("status", None)
        return attrs


class VendorSerializer(CatalogueEntrySerializer):
    class Meta:
        model = Vendor
        read_only_fields = ["created_by"]


class ProductSerializer(CatalogueEntrySerializer):
    class Meta:
        model = Product
        read_only_fields = ["created_by"]


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


class VendorViewSet(OrdenViewSet):
    queryset = Vendor.objects.all()
    serializer_class = VendorSerializer
    filterset_class = VendorFilterSet


class ProductViewSet(OrdenViewSet):
    queryset = Product.objects.select_related("vendor", "category").prefetch_related("standards")
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
            raise serializers.ValidationError({"target": "A product cannot be merged into itself."})
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
