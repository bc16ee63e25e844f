"""The catalogue's URLs: the generic pages of each model and the few special ones."""

from django.urls import include, path

from . import views

app_name = "catalog"

urlpatterns = [
    path("products/<int:pk>/", views.ProductDetailView.as_view(), name="product_detail"),
    path("products/<int:pk>/approve/", views.approve_product, name="product_approve"),
    path("products/<int:pk>/merge/", views.merge_product, name="product_merge"),
    path("products/", include(views.ProductViews.urls())),
    path("vendors/", include(views.VendorViews.urls())),
    path("versions/options/", views.version_options, name="version_options"),
    path("versions/", include(views.ProductVersionViews.urls())),
    path("categories/", include(views.CategoryViews.urls())),
    path("standards/", include(views.StandardViews.urls())),
]
