"""The catalogue's URLs: the generic pages of each model and the few special ones."""

from django.urls import include, path

from . import views
from .models import Product, Vendor

app_name = "catalog"

urlpatterns = [
    path("products/<int:pk>/", views.ProductDetailView.as_view(), name="product_detail"),
    path("products/<int:pk>/approve/", views.approve, {"model": Product}, name="product_approve"),
    path("products/<int:pk>/merge/", views.merge, {"model": Product}, name="product_merge"),
    path("products/", views.CatalogueListView.as_view(views=views.ProductViews), name="product_list"),
    path("products/similar/", views.similar_products, name="product_similar"),
    path("products/", include(views.ProductViews.urls())),
    path("vendors/", views.CatalogueListView.as_view(views=views.VendorViews), name="vendor_list"),
    path("vendors/<int:pk>/approve/", views.approve, {"model": Vendor}, name="vendor_approve"),
    path("vendors/<int:pk>/merge/", views.merge, {"model": Vendor}, name="vendor_merge"),
    path("vendors/similar/", views.similar_vendors, name="vendor_similar"),
    path("vendors/", include(views.VendorViews.urls())),
    path("drafts/", views.drafts, name="drafts"),
    path("versions/options/", views.version_options, name="version_options"),
    path("versions/", include(views.ProductVersionViews.urls())),
    path("categories/", include(views.CategoryViews.urls())),
    path("standards/", include(views.StandardViews.urls())),
    path("products/options/", views.product_options, name="product_options"),
]
