"""What the shared catalogue adds to the menu."""

from django.utils.translation import gettext_lazy as _

from orden.core.registry import MenuItem, menu

from .models import Product

menu.register(MenuItem(_("Catalogue"), "catalog:product_list", weight=60, model=Product, current=("catalog:",)))
