from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The performance benchmark (``manage.py bench``); it grows with every capability."""

    name = "orden.bench"
    label = "bench"
    verbose_name = _("Benchmark")
