"""The API's router: every model's viewset, the reports, tokens and the OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter

from orden.catalog.api import (
    CategoryViewSet,
    ProductVersionViewSet,
    ProductViewSet,
    StandardViewSet,
    VendorViewSet,
)
from orden.core.api import UserLanguageMixin
from orden.datasets.api import (
    ConceptViewSet,
    DataServiceViewSet,
    DatasetTemplateViewSet,
    DatasetViewSet,
    DistributionViewSet,
)
from orden.datasets.import_views import DatasetImportView
from orden.organizations.api import ContactViewSet, MembershipViewSet, OrganizationViewSet, RegionViewSet, UnitViewSet
from orden.portfolio.api import (
    KostraFunctionViewSet,
    SectorViewSet,
    ServiceSystemViewSet,
    ServiceTemplateViewSet,
    ServiceViewSet,
    SystemViewSet,
)
from orden.reports.api import ReportViewSet


class SchemaView(UserLanguageMixin, SpectacularAPIView):
    """The schema in YAML or JSON, its errors (a wrong method, an unknown format) in JSON like the API's."""

    def handle_exception(self, exc):
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)


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
router.register("units", UnitViewSet)
router.register("contacts", ContactViewSet)
router.register("services", ServiceViewSet)
router.register("service-systems", ServiceSystemViewSet)
router.register("sectors", SectorViewSet)
router.register("kostra-functions", KostraFunctionViewSet)
router.register("common-services", ServiceTemplateViewSet)
router.register("datasets", DatasetViewSet)
router.register("distributions", DistributionViewSet)
router.register("data-services", DataServiceViewSet)
router.register("dataset-templates", DatasetTemplateViewSet)
router.register("concepts", ConceptViewSet)
router.register("reports", ReportViewSet, basename="report")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the CSP needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Before the router, whose datasets/<pk>/ would take "import" for an id.
    path("datasets/import/", DatasetImportView.as_view(), name="dataset-import"),
    path("", include(router.urls)),
]
