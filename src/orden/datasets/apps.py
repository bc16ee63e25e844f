from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "orden.datasets"
    label = "datasets"
    verbose_name = _("Datasets")

    def ready(self):
        from . import completeness  # noqa: F401  (registers the completeness rules)
