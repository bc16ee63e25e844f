"""What the data catalogue adds to other pages: the menu entry, a "Datasets" tab on the system page (what it
holds and its product's templates to adopt), a "Dataset templates" tab on the product page, and the
sheets of datasets, distributions and data services in "Export everything"."""

from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Product
from orden.core.registry import ExportSheet, MenuItem, Tab, exports, menu, tabs
from orden.portfolio.models import System

from .models import Dataset
from .views import DataServiceViews, DatasetViews, DistributionViews, product_templates, system_datasets

menu.register(
    MenuItem(
        _("Datasets"),
        "datasets:dataset_list",
        weight=45,
        model=Dataset,
        current=("datasets:dataset_", "datasets:distribution_", "datasets:dataservice_"),
    )
)

tabs.register(System, Tab("datasets", _("Datasets"), "datasets/system_datasets.html", system_datasets))
tabs.register(
    Product, Tab("dataset-templates", _("Dataset templates"), "datasets/product_templates.html", product_templates)
)

exports.register(ExportSheet(DatasetViews, weight=40))
exports.register(ExportSheet(DistributionViews, weight=41))
exports.register(ExportSheet(DataServiceViews, weight=42))
