"""What the shared catalogue adds to the menu: the catalogue, and for catalogue editors their queue of drafts."""

from django.utils.translation import gettext_lazy as _

from orden.core.permissions import is_catalogue_editor
from orden.core.registry import MenuItem, menu

from .models import Product

menu.register(
    MenuItem(
        _("Catalogue"),
        "catalog:product_list",
        weight=60,
        model=Product,
        # Every catalogue page but the drafts queue, which has its own entry.
        current=("catalog:product", "catalog:vendor", "catalog:category", "catalog:standard"),
    )
)
menu.register(
    MenuItem(
        _("Drafts to review"),
        "catalog:drafts",
        weight=61,
        visible=lambda request: is_catalogue_editor(request.user),
        current=("catalog:drafts",),
    )
)
