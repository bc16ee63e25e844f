"""The catalogue's pages: a ``ModelViews`` per model, the product page with its usage, approve and merge,
the catalogue editors' queue of drafts and the similar-name suggestions of the vendor and product forms."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from orden.core.forms import parse_id
from orden.core.permissions import is_catalogue_editor
from orden.core.roles import Action
from orden.core.tables import Column
from orden.core.views import ModelViews, ObjectDetailView, ObjectListView, safe_next
from orden.portfolio.models import System

from . import services, similarity
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


def require_catalogue_editor(request):
    """Approving, merging and the drafts queue are for catalogue editors: 403 for everyone else (they see
    the catalogue, so hiding it would mislead)."""
    if not is_catalogue_editor(request.user):
        raise PermissionDenied


class CatalogueListView(ObjectListView):
    """The vendor and product lists: for catalogue editors, a notice of the drafts waiting for them."""

    @property
    def template_name(self):
        # An htmx update of the results is the partial of the generic list.
        if self.request.htmx and self.request.htmx.target == "results":
            return "core/object_list.html"
        return "catalog/catalogue_list.html"

    def base_context(self, **extra):
        context = super().base_context(**extra)
        if is_catalogue_editor(self.request.user):
            context["draft_count"] = services.draft_count(self.request.user)
        return context


class VendorDetailView(ObjectDetailView):
    """The vendor page: its facts and products; approve and merge for catalogue editors."""

    def get(self, request, pk):
        vendor = self.views.get_object(request, pk)
        context = self.object_context(
            request,
            vendor,
            rows=self.detail_rows(vendor),
            active_tab="overview",
            products=vendor.products.restrict(request.user).select_related("category"),
            may_approve=is_catalogue_editor(request.user) and vendor.status == "draft",
            may_merge=is_catalogue_editor(request.user),
            similar=similarity.similar_vendors(request.user, vendor.name, exclude=vendor.pk)
            if vendor.status == "draft"
            else [],
        )
        return render(request, self.views.detail_template, context)


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
    detail_view = VendorDetailView
    detail_template = "catalog/vendor_detail.html"


class ProductViews(ModelViews):
    related_links = CATALOGUE_LINKS
    model = Product
    filterset = ProductFilterSet
    form = ProductForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("vendor", order_by="vendor"),
        Column("category", order_by="category"),
        Column("used_by", label=gettext_lazy("Used by (organisations)"), order_by="used_by"),
        Column("status"),
    ]
    list_select_related = ("vendor", "category")
    detail_select_related = ("vendor", "category", "created_by")
    detail_template = "catalog/product_detail.html"

    @classmethod
    def rows(cls, user, organization, action=Action.VIEW, *, for_list=False):
        """The list (and its export) also says how many organisations use each product, in the same query."""
        rows = super().rows(user, organization, action, for_list=for_list)
        return services.with_usage(rows) if for_list else rows


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


def usage_stamp(user, product) -> str:
    """The key of the product page's cached usage table, which is the same for every member (per language and
    release): it changes when a system of the product is added, removed or changed, or one of their
    organisations or versions is. Only facts that move on every such change, never sums that can cancel out
    (a deleted version sets its systems' version to NULL without touching them: its count falls). One
    aggregate query instead of the rows."""
    facts = (
        System.objects.usage(user)
        .filter(product=product)
        .aggregate(
            systems=Count("pk"),
            last=Max("pk"),
            changed=Max("updated"),
            organization_changed=Max("organization__updated"),
            versions=Count("product_version"),
            version_changed=Max("product_version__updated"),
        )
    )
    facts["release"] = settings.ORDEN_RELEASE
    return hashlib.sha256(repr(sorted(facts.items())).encode()).hexdigest()[:32]


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
            usage_stamp=usage_stamp(request.user, product),
            may_approve=is_catalogue_editor(request.user) and product.status == "draft",
            may_merge=is_catalogue_editor(request.user),
            similar=similarity.similar_products(request.user, product.name, product.vendor, exclude=product.pk)
            if product.status == "draft"
            else [],
        )
        return render(request, "catalog/product_detail.html", context)


@dataclass(frozen=True)
class Merging:
    """How duplicates of one catalogue model are merged: the operation, and what the user reads."""

    merge: Callable
    moved: str  # with %(target)s and %(count)s
    title: str
    template: str


MERGING = {
    Product: Merging(
        services.merge_products,
        gettext_lazy("Merged into “%(target)s”; %(count)s systems moved."),
        gettext_lazy("Merge duplicate product"),
        "catalog/product_merge.html",
    ),
    Vendor: Merging(
        services.merge_vendors,
        gettext_lazy("Merged into “%(target)s”; %(count)s products moved."),
        gettext_lazy("Merge duplicate vendor"),
        "catalog/vendor_merge.html",
    ),
}


@login_required
@require_POST
def approve(request, pk, model):
    """A catalogue editor approves a draft vendor or product (``model`` comes from the URL pattern)."""
    require_catalogue_editor(request)
    entry = get_object_or_404(model.objects.restrict(request.user, Action.CHANGE), pk=pk)
    services.approve(entry, request.user)
    messages.success(request, _("“%(entry)s” is approved.") % {"entry": entry})
    return HttpResponseRedirect(safe_next(request) or entry.get_absolute_url())


@login_required
def merge(request, pk, model):
    """Merge a duplicate vendor or product into the one to keep (catalogue editors); ``?target=`` preselects it."""
    require_catalogue_editor(request)
    merging = MERGING[model]
    source = get_object_or_404(model.objects.restrict(request.user, Action.DELETE), pk=pk)
    form = MergeForm(request.POST or None, source=source, initial={"target": request.GET.get("target")})
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = merging.merge(source, target, request.user)
        messages.success(request, merging.moved % {"target": target, "count": moved})
        return HttpResponseRedirect(safe_next(request) or target.get_absolute_url())
    context = {"object": source, "form": form, "title": merging.title, "next_url": safe_next(request)}
    return render(request, merging.template, context)


@login_required
def drafts(request):
    """The catalogue editors' queue: every draft vendor and product, oldest first, with its author and
    the similar entries already in the catalogue, to approve or merge."""
    require_catalogue_editor(request)
    vendors, products = services.drafts(request.user)
    vendor_rows, product_rows = similarity.vendor_candidates(request.user), similarity.product_candidates(request.user)
    context = {
        "title": gettext_lazy("Drafts to review"),
        "vendors": [
            (vendor, similarity.similar_vendors(request.user, vendor.name, exclude=vendor.pk, candidates=vendor_rows))
            for vendor in vendors
        ],
        "products": [
            (
                product,
                similarity.similar_products(
                    request.user, product.name, product.vendor, exclude=product.pk, candidates=product_rows
                ),
            )
            for product in products
        ],
    }
    return render(request, "catalog/drafts.html", context)


@login_required
def similar_products(request):
    """The existing products like the name being typed on the product form (htmx, under the name field)."""
    found = similarity.similar_products(
        request.user,
        request.GET.get("name", ""),
        request.GET.get("vendor"),
        exclude=parse_id(request.GET.get("exclude")),
        typing=True,
    )
    return render(request, "catalog/similar.html", {"similar": found})


@login_required
def similar_vendors(request):
    """The existing vendors like the name being typed on the vendor form (htmx, under the name field)."""
    found = similarity.similar_vendors(
        request.user,
        request.GET.get("name", ""),
        exclude=parse_id(request.GET.get("exclude")),
        typing=True,
    )
    return render(request, "catalog/similar.html", {"similar": found})


@login_required
def version_options(request):
    """The <option>s of the version field for a chosen product (htmx, on the system form)."""
    product_id = parse_id(request.GET.get("product"))
    versions = ProductVersion.objects.filter(product_id=product_id) if product_id else ProductVersion.objects.none()
    return render(request, "catalog/version_options.html", {"versions": versions})


# The product field of the system form searches the catalogue.
@login_required
def product_options(request):
    """The <option>s of the product field matching ``q`` (product or vendor name), each saying how many
    municipalities use the product, the most used first (htmx, SearchableSelect on the system form)."""
    products = services.products_in_use(request.user, request.GET.get("q", ""))[:50]
    return render(
        request, "core/widgets/options.html", {"options": [(p.pk, services.product_label(p)) for p in products]}
    )
