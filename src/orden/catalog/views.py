"""The catalogue's pages: a ``ModelViews`` per model, the product page with its usage, approve and merge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from orden.core.permissions import is_catalogue_editor
from orden.core.tables import Column
from orden.core.views import ModelViews, ObjectDetailView
from orden.portfolio.models import System

from . import services
from .filters import (
    CategoryFilterSet,
    ProductFilterSet,
    ProductVersionFilterSet,
    StandardFilterSet,
    VendorFilterSet,
)
from .forms import MergeForm, ProductForm, VendorForm
from .models import Category, Product, ProductVersion, Standard, Vendor

CATALOGUE_LINKS = [
    ("catalog:product_list", gettext_lazy("Products")),
    ("catalog:vendor_list", gettext_lazy("Vendors")),
    ("catalog:productversion_list", gettext_lazy("Versions")),
    ("catalog:category_list", gettext_lazy("Categories")),
    ("catalog:standard_list", gettext_lazy("Standards")),
]


class VendorViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = Vendor
    filterset = VendorFilterSet
    form = VendorForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("organization_number"),
        Column("website"),
        Column("status"),
    ]


class ProductViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = Product
    filterset = ProductFilterSet
    form = ProductForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("vendor", order_by="vendor"),
        Column("category", order_by="category"),
        Column("status"),
    ]
    list_select_related = ("vendor", "category")
    detail_select_related = ("vendor", "category", "created_by")
    detail_template = "catalog/product_detail.html"


class ProductVersionViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = ProductVersion
    filterset = ProductVersionFilterSet
    columns = [
        Column("product", link=True),
        Column("name", order_by="name", link=True),
        Column("released_on", order_by="released_on"),
        Column("end_of_support", order_by="end_of_support"),
    ]
    list_select_related = ("product",)
    detail_select_related = ("product",)


class CategoryViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = Category
    filterset = CategoryFilterSet
    columns = [Column("label_nb", order_by="name", link=True), Column("label_nn"), Column("label_en"), Column("slug")]


class StandardViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = Standard
    filterset = StandardFilterSet
    columns = [Column("name", order_by="name", link=True), Column("url")]


class ProductDetailView(ObjectDetailView):
    """The product page: its facts, versions, and which organisations use it (visible to every member)."""

    views = ProductViews

    def get(self, request, pk):
        product = ProductViews.get_object(request, pk)
        usage = System.objects.usage(request.user).filter(product=product).order_by("organization__name")
        context = self.object_context(
            request,
            product,
            rows=self.detail_rows(product),
            active_tab="overview",
            versions=product.versions.all(),
            usage=usage,
            may_approve=is_catalogue_editor(request.user) and product.status == "draft",
            may_merge=is_catalogue_editor(request.user),
        )
        return render(request, "catalog/product_detail.html", context)


@login_required
@require_POST
def approve_product(request, pk):
    if not is_catalogue_editor(request.user):
        raise PermissionDenied
    product = get_object_or_404(Product.objects.restrict(request.user, "change"), pk=pk)
    services.approve(product, request.user)
    messages.success(request, _("“%(product)s” is approved.") % {"product": product})
    return HttpResponseRedirect(product.get_absolute_url())


@login_required
def merge_product(request, pk):
    """Merge a duplicate product into the one to keep (catalogue editors)."""
    if not is_catalogue_editor(request.user):
        raise PermissionDenied
    source = get_object_or_404(Product.objects.restrict(request.user, "delete"), pk=pk)
    form = MergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = services.merge_products(source, target, request.user)
        messages.success(
            request, _("Merged into “%(target)s”; %(count)s systems moved.") % {"target": target, "count": moved}
        )
        return HttpResponseRedirect(target.get_absolute_url())
    return render(
        request,
        "catalog/product_merge.html",
        {"object": source, "form": form, "title": gettext_lazy("Merge duplicate product")},
    )


@login_required
def version_options(request):
    """The <option>s of the version field for a chosen product (htmx, on the system form)."""
    product_id = request.GET.get("product", "")
    versions = (
        ProductVersion.objects.filter(product_id=product_id) if product_id.isdigit() else ProductVersion.objects.none()
    )
    return render(request, "catalog/version_options.html", {"versions": versions})
