"""Catalogue operations that span organisations. Only catalogue editors reach these (checked by the views
and the API through the catalogue policy); they touch every organisation's systems on purpose."""

from django.db import transaction
from django.utils.translation import gettext as _

from orden.core import history
from orden.core.models import ChangeAction

from .models import CatalogueStatus, Product


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
        System.objects.filter(product=source), user, {"product": target, "product_version": None}, message=message
    )
    before = history.snapshot(target)
    target.standards.add(*source.standards.all())
    history.save(target, user, before=before, action=ChangeAction.MERGE, message=message)
    history.delete(source, user, message=message)
    return moved
