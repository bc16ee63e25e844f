"""What organisations add to the menu and to the export of a whole organisation."""

from django.utils.translation import gettext_lazy as _

from orden.core.registry import ExportSheet, MenuItem, exports, menu

from .models import Unit
from .views import ContactViews, UnitViews

# The tree (with counts including sub-units) is the overview; it links to the filterable list.
menu.register(MenuItem(_("Units"), "organizations:unit_tree", weight=40, model=Unit, current=("organizations:unit_",)))

exports.register(ExportSheet(UnitViews, weight=40))
exports.register(ExportSheet(ContactViews, weight=50))
