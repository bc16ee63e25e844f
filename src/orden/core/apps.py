from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "orden.core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers system checks)
        from .collation import register_sqlite_collation

        # SQLite sorts names in Norwegian order with the collation PostgreSQL has built in (core/collation.py).
        connection_created.connect(register_sqlite_collation, dispatch_uid="orden-collation")

        # Every app's ui.py declares its menu entries, tabs and sections (core/registry.py).
        autodiscover_modules("ui")
