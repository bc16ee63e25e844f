"""What the system register adds to the menu and to the export of a whole organisation."""

from django.utils.translation import gettext_lazy as _

from orden.core.registry import ExportSheet, MenuItem, exports, menu

from .models import Service, System
from .views import ServiceSystemViews, ServiceViews, SystemViews

menu.register(MenuItem(_("Systems"), "portfolio:system_list", weight=20, model=System, current=("portfolio:system_",)))
menu.register(
    MenuItem(_("Services"), "portfolio:service_list", weight=30, model=Service, current=("portfolio:service",))
)

exports.register(ExportSheet(SystemViews, weight=10))
exports.register(ExportSheet(ServiceViews, weight=20))
exports.register(ExportSheet(ServiceSystemViews, weight=30))
