from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from orden.catalog.api import (
    CategoryViewSet,
    ProductVersionViewSet,
    ProductViewSet,
    StandardViewSet,
    VendorViewSet,
)
from orden.organizations.api import MembershipViewSet, OrganizationViewSet, RegionViewSet
from orden.portfolio.api import SystemViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet)
router.register("regions", RegionViewSet)
router.register("memberships", MembershipViewSet)
router.register("vendors", VendorViewSet)
router.register("products", ProductViewSet)
router.register("product-versions", ProductVersionViewSet)
router.register("categories", CategoryViewSet)
router.register("standards", StandardViewSet)
router.register("systems", SystemViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
