"""The system register: each organisation's use of a catalogue product, or of an unlisted system."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orden.core.models import TenantModel
from orden.core.permissions import TenantPolicy
from orden.core.roles import Role


class Lifecycle(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_USE = "in_use", _("In use")
    PHASING_OUT = "phasing_out", _("Being phased out")
    RETIRED = "retired", _("Retired")


class Criticality(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Hosting(models.TextChoices):
    ON_PREMISES = "on_premises", _("On-premises")
    SAAS = "saas", _("Software as a service")
    COOPERATION = "cooperation", _("Hosted by an IT cooperation")
    VENDOR = "vendor", _("Hosted by the vendor")


class SecurityLevel(models.TextChoices):
    LOW = "1", _("Low")
    MEDIUM = "2", _("Medium")
    HIGH = "3", _("High")
    VERY_HIGH = "4", _("Very high")


class TimeClassification(models.TextChoices):
    """Gartner's TIME model for application rationalisation."""

    TOLERATE = "tolerate", _("Tolerate")
    INVEST = "invest", _("Invest")
    MIGRATE = "migrate", _("Migrate")
    ELIMINATE = "eliminate", _("Eliminate")


class System(TenantModel):
    name = models.CharField(_("name"), max_length=120, help_text=_("The name the organisation uses."))
    product = models.ForeignKey(
        "catalog.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="systems",
        verbose_name=_("product"),
        help_text=_("Leave empty for an unlisted or home-made system."),
    )
    product_version = models.ForeignKey(
        "catalog.ProductVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="systems",
        verbose_name=_("version"),
    )
    description = models.TextField(_("description"), blank=True)
    lifecycle = models.CharField(_("lifecycle"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.IN_USE)
    in_use_from = models.DateField(_("in use from"), null=True, blank=True)
    in_use_until = models.DateField(_("in use until"), null=True, blank=True, help_text=_("Planned or actual end."))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_systems",
        verbose_name=_("system owner"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="administered_systems",
        verbose_name=_("system responsible"),
    )
    user_count = models.PositiveIntegerField(_("number of users"), null=True, blank=True)
    criticality = models.CharField(_("criticality"), max_length=10, choices=Criticality.choices, blank=True)
    last_risk_assessment = models.DateField(
        _("last risk and vulnerability analysis"), null=True, blank=True, help_text=_("Date of the last ROS analysis.")
    )
    hosting = models.CharField(_("hosting"), max_length=20, choices=Hosting.choices, blank=True)
    personal_data = models.BooleanField(_("holds personal data"), default=False)
    special_categories = models.BooleanField(
        _("holds special categories of personal data"), default=False, help_text=_("GDPR article 9, e.g. health.")
    )
    confidentiality = models.CharField(_("confidentiality"), max_length=1, choices=SecurityLevel.choices, blank=True)
    integrity = models.CharField(_("integrity"), max_length=1, choices=SecurityLevel.choices, blank=True)
    availability = models.CharField(_("availability"), max_length=1, choices=SecurityLevel.choices, blank=True)
    time_classification = models.CharField(
        _("TIME classification"), max_length=10, choices=TimeClassification.choices, blank=True
    )
    annual_cost = models.DecimalField(
        _("annual cost (NOK)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    policy = TenantPolicy(
        editors=[Role.ARCHITECT],
        owner_fields=["owner", "responsible"],
        usage_fields=["organization_id", "organization__name", "product_id", "product_version__name", "lifecycle"],
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="system_unique_name")]
        indexes = [
            models.Index(fields=["organization", "lifecycle"]),
            models.Index(fields=["organization", "criticality"]),
        ]
        verbose_name = _("system")
        verbose_name_plural = _("systems")

    def __str__(self):
        return self.name

    @property
    def runs_unsupported_version(self) -> bool:
        version = self.product_version
        return bool(version and version.end_of_support and version.end_of_support < timezone.localdate())

    def clean(self):
        errors = {}
        if self.product_version_id and self.product_version.product_id != self.product_id:
            errors["product_version"] = _("The version must belong to the chosen product.")
        if self.in_use_from and self.in_use_until and self.in_use_until < self.in_use_from:
            errors["in_use_until"] = _("The end date cannot be before the start date.")
        if self.last_risk_assessment and self.last_risk_assessment > timezone.localdate():
            errors["last_risk_assessment"] = _("The date of the analysis cannot be in the future.")
        if self.special_categories and not self.personal_data:
            errors["special_categories"] = _("Special categories are personal data: tick “holds personal data” too.")
        if errors:
            raise ValidationError(errors)
