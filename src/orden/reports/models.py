from django.db import models
from django.utils.translation import gettext_lazy as _

from orden.core.models import TenantModel


class CompletenessSnapshot(TenantModel):
    """The organisation's completeness score on one day, for the trend on the dashboard."""

    day = models.DateField(_("day"))
    score = models.PositiveSmallIntegerField(_("score"))
    systems = models.PositiveIntegerField(_("systems"))
    gaps = models.JSONField(_("gaps"), default=dict)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["organization", "day"], name="one_snapshot_per_day")]
        verbose_name = _("completeness snapshot")
        verbose_name_plural = _("completeness snapshots")

    def __str__(self):
        return f"{self.organization_id} {self.day}: {self.score}"
