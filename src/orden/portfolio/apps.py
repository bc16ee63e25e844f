from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "orden.portfolio"
    verbose_name = _("System register")

    def ready(self):
        from . import completeness  # noqa: F401  (registers the completeness rules)
