"""Catalogue operations that span organisations. Only catalogue editors reach these (checked by the views
and the API through the catalogue policy); they touch every organisation's systems on purpose."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orden.core import history
from orden.core.filters import search
from orden.core.models import ChangeAction

from .models import CatalogueStatus, Product, Vendor
from .similarity import key


def with_usage(products):
    """``products`` annotated with ``used_by``: how many organisations have the product in a system that
    is not retired (a usage fact every member may see), counted in the same query."""
    from orden.portfolio.models import Lifecycle

    # Only the policy's usage fields of System (organisation, lifecycle) are read: the count is the same fact
    # System.objects.usage() shares with every member; nothing private is joined.
    return products.annotate(
        used_by=Count("systems__organization", distinct=True, filter=~Q(systems__lifecycle=Lifecycle.RETIRED))
    )


def products_in_use(user, text: str = ""):
    """The catalogue products ``user`` may see whose name or vendor matches ``text``, each with ``used_by``
    (``catalog.services.with_usage``: how many organisations use it in a system that is not retired, a fact
    every member may see), the most used first. One query however many products match."""
    products = search(Product.objects.restrict(user).select_related("vendor"), ("name", "vendor__name"), text)
    return with_usage(products).order_by("-used_by", "name", "vendor__name")


def product_label(product) -> str:
    """“Acos WebSak (Acos AS) – used by 12 municipalities”; just name and vendor when nobody uses it yet."""
    label = f"{product.name} ({product.vendor.name})"
    count = getattr(product, "used_by", 0)
    if not count:
        return label
    return ngettext(
        "%(product)s – used by %(count)s municipality", "%(product)s – used by %(count)s municipalities", count
    ) % {"product": label, "count": count}


def used_by(product, user) -> int:
    """How many organisations use one product (as ``with_usage`` counts), for a single object."""
    from orden.portfolio.models import Lifecycle, System

    usage = System.objects.usage(user).filter(product=product).exclude(lifecycle=Lifecycle.RETIRED)
    return usage.values("organization_id").distinct().count()


@transaction.atomic
def approve(entry, user):
    before = history.snapshot(entry)
    entry.status = CatalogueStatus.APPROVED
    return history.save(entry, user, before=before, message=_("Approved"))


@transaction.atomic
def merge_products(source: Product, target: Product, user) -> int:
    """Merge the duplicate ``source`` into ``target``: its systems (in every organisation) and versions
    move to ``target``, a version with the same name as one of ``target``'s is folded into it; then
    ``source`` is deleted. Every moved row is recorded in history. Returns the number of systems moved."""
    from orden.portfolio.models import System

    if source.pk == target.pk:
        raise ValueError("A product cannot be merged into itself.")
    message = _("Merged “%(source)s” into “%(target)s”") % {"source": source, "target": target}
    target_versions = {version.name: version for version in target.versions.all()}
    moved = 0
    for version in list(source.versions.all()):
        survivor = target_versions.get(version.name)
        # unscoped: a merge moves every organisation's systems (an editor's decision on the shared catalogue)
        systems = list(System.objects.filter(product=source, product_version=version))
        if survivor is None:
            before = history.snapshot(version)
            version.product = target
            history.save(version, user, before=before, action=ChangeAction.MERGE, message=message)
            survivor = version
        moved += history.bulk_update(systems, user, {"product": target, "product_version": survivor}, message=message)
        if survivor is not version:
            history.delete(version, user, message=message)
    moved += history.bulk_update(
        # unscoped: a merge moves every organisation's systems (an editor's decision on the shared catalogue)
        System.objects.filter(product=source),
        user,
        {"product": target, "product_version": None},
        message=message,
    )
    before = history.snapshot(target)
    target.standards.add(*source.standards.all())
    history.save(target, user, before=before, action=ChangeAction.MERGE, message=message)
    history.delete(source, user, message=message)
    return moved


@transaction.atomic
def merge_vendors(source: Vendor, target: Vendor, user) -> int:
    """Merge the duplicate vendor ``source`` into ``target``: its products move to ``target``; a product
    whose name equals one of ``target``'s but for case, spaces and punctuation is merged into it
    (``merge_products``). ``target`` takes the organisation number and website it lacks; then ``source`` is
    deleted. Every change is recorded in history. Returns the number of products moved or merged."""
    if source.pk == target.pk:
        raise ValueError("A vendor cannot be merged into itself.")
    message = _("Merged “%(source)s” into “%(target)s”") % {"source": source, "target": target}
    existing = {key(product.name): product for product in target.products.all()}
    moved = 0
    for product in list(source.products.all()):
        twin = existing.get(key(product.name))
        if twin is not None:
            merge_products(product, twin, user)
        else:
            before = history.snapshot(product)
            product.vendor = target
            history.save(product, user, before=before, action=ChangeAction.MERGE, message=message)
        moved += 1
    before = history.snapshot(target)
    taken = {
        name: getattr(source, name)
        for name in ("organization_number", "website")
        if getattr(source, name) and not getattr(target, name)
    }
    history.delete(source, user, message=message)  # first: the organisation number is unique
    for name, value in taken.items():
        setattr(target, name, value)
    history.save(target, user, before=before, action=ChangeAction.MERGE, message=message)
    return moved


def drafts(user):
    """The draft vendors and products waiting for a catalogue editor, oldest first."""
    vendors = Vendor.objects.restrict(user).filter(status=CatalogueStatus.DRAFT).select_related("created_by")
    products = (
        Product.objects.restrict(user)
        .filter(status=CatalogueStatus.DRAFT)
        .select_related("vendor", "category", "created_by")
    )
    return vendors.order_by("created", "pk"), products.order_by("created", "pk")


def draft_count(user) -> int:
    """How many vendors and products wait for approval (one query)."""
    vendors = Vendor.objects.restrict(user).filter(status=CatalogueStatus.DRAFT).order_by().values("pk")
    products = Product.objects.restrict(user).filter(status=CatalogueStatus.DRAFT).order_by().values("pk")
    return products.union(vendors, all=True).count()
