"""The system register: each organisation's use of a catalogue product, or of an unlisted system."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orden.core.dates import add_months
from orden.core.models import OrdenModel, TenantModel, TranslatedLabel
from orden.core.permissions import CataloguePolicy, TenantPolicy
from orden.core.roles import Action, Role


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
        help_text=_(
            "Search the national catalogue by product or vendor. Leave empty for an unlisted or home-made system."
        ),
    )
    product_version = models.ForeignKey(
        "catalog.ProductVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="systems",
        verbose_name=_("version"),
        help_text=_("The version in use; the list follows the chosen product."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the system is used for and by whom, in a sentence or two.")
    )
    lifecycle = models.CharField(
        _("lifecycle"),
        max_length=20,
        choices=Lifecycle.choices,
        blank=True,
        default=Lifecycle.IN_USE,
        help_text=_(
            "Planned: chosen, not yet in use. In use: in daily use. Being phased out: to be replaced or shut "
            "down. Retired: no longer used, kept for the record."
        ),
    )
    in_use_from = models.DateField(_("in use from"), null=True, blank=True, help_text=_("When it was taken into use."))
    in_use_until = models.DateField(_("in use until"), null=True, blank=True, help_text=_("Planned or actual end."))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_systems",
        verbose_name=_("system owner"),
        help_text=_("The leader accountable for the system: its use, budget, risk and whether it is still needed."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="administered_systems",
        verbose_name=_("system responsible"),
        help_text=_("Runs the system day to day: access, updates, super users and contact with the vendor."),
    )
    user_count = models.PositiveIntegerField(
        _("number of users"), null=True, blank=True, help_text=_("About how many people use the system.")
    )
    criticality = models.CharField(
        _("criticality"),
        max_length=10,
        choices=Criticality.choices,
        blank=True,
        help_text=_(
            "How much the organisation's services suffer if the system stops. Low: hardly noticed. Medium: work "
            "is slowed down. High: important services stop. Critical: life, health or statutory duties are at risk."
        ),
    )
    last_risk_assessment = models.DateField(
        _("last risk and vulnerability analysis"),
        null=True,
        blank=True,
        help_text=_(
            "Date of the last risk and vulnerability analysis (ROS) of the system. Leave empty if none has been "
            "done. Repeat it after major changes."
        ),
    )
    hosting = models.CharField(
        _("hosting"),
        max_length=20,
        choices=Hosting.choices,
        blank=True,
        help_text=_(
            "Where the system runs: on the organisation's own servers, as a cloud service (SaaS), at an IT "
            "cooperation, or at the vendor."
        ),
    )
    personal_data = models.BooleanField(
        _("holds personal data"),
        default=False,
        help_text=_("Tick if the system stores or processes information about identifiable people."),
    )
    special_categories = models.BooleanField(
        _("holds special categories of personal data"),
        default=False,
        help_text=_(
            "GDPR article 9: health, ethnic origin, religious or political beliefs, trade union membership, sex "
            "life or sexual orientation, genetic or biometric data."
        ),
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=1,
        choices=SecurityLevel.choices,
        blank=True,
        help_text=_(
            "The harm if the information reaches people who should not see it. Low: little or none. Medium: some "
            "harm. High: serious harm to people or the organisation. Very high: very serious harm, e.g. to life "
            "and health."
        ),
    )
    integrity = models.CharField(
        _("integrity"),
        max_length=1,
        choices=SecurityLevel.choices,
        blank=True,
        help_text=_(
            "The harm if the information is wrong or changed without authority. Low: little or none. Medium: "
            "some harm. High: serious harm, e.g. wrong decisions in cases. Very high: very serious harm, e.g. to "
            "life and health."
        ),
    )
    availability = models.CharField(
        _("availability"),
        max_length=1,
        choices=SecurityLevel.choices,
        blank=True,
        help_text=_(
            "The harm if the system cannot be used. Low: it can be down for days. Medium: it must be back within "
            "a day. High: it must be back within hours. Very high: it can hardly be down at all."
        ),
    )
    time_classification = models.CharField(
        _("TIME classification"),
        max_length=10,
        choices=TimeClassification.choices,
        blank=True,
        help_text=_(
            "The system's future. Tolerate: keep it as it is, with little effort. Invest: develop it and use it "
            "more. Migrate: move to a better solution. Eliminate: phase it out and shut it down."
        ),
    )
    annual_cost = models.DecimalField(
        _("annual cost (NOK)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("What the system costs a year in whole kroner excluding VAT: licences, operation and support."),
    )
    super_users = models.ManyToManyField(
        "organizations.Contact",
        blank=True,
        related_name="super_user_of",
        verbose_name=_("super users"),
        help_text=_("Contacts who know the system well and help their colleagues use it."),
    )
    vendor_contact = models.ForeignKey(
        "organizations.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vendor_contact_for",
        verbose_name=_("vendor contact"),
        help_text=_("Whom to contact at the vendor or operating partner about this system."),
    )
    last_reviewed = models.DateField(
        _("facts last confirmed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the owner last confirmed that this system's facts are correct."),
    )

    policy = TenantPolicy(
        editors=[Role.ARCHITECT],
        owner_fields=["owner", "responsible"],
        usage_fields=["organization_id", "organization__name", "product_id", "product_version__name", "lifecycle"],
    )
    edit_fields = (
        "name",
        "product",
        "product_version",
        "description",
        "lifecycle",
        "in_use_from",
        "in_use_until",
        "owner",
        "responsible",
        "user_count",
        "criticality",
        "last_risk_assessment",
        "hosting",
        "personal_data",
        "special_categories",
        "confidentiality",
        "integrity",
        "availability",
        "time_classification",
        "annual_cost",
        "super_users",
        "vendor_contact",
    )
    same_organization = ("owner", "responsible", "super_users", "vendor_contact")

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

    def review_due(self, interval_months: int):
        """The date the next confirmation is due (today when it has never been confirmed)."""
        if self.last_reviewed is None:
            return timezone.localdate()
        return add_months(self.last_reviewed, interval_months)

    def clean(self):
        errors = self.organization_errors()
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


class Sector(TranslatedLabel, OrdenModel):
    """A service area: a main theme of the public Los vocabulary (health and care, school, ...)."""

    uri = models.URLField(_("Los URI"), unique=True)

    policy = CataloguePolicy(drafts=False)
    edit_fields = ("uri", "label_nb", "label_nn", "label_en")

    class Meta:
        ordering = ["label_nb"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class KostraFunction(TranslatedLabel, OrdenModel):
    """A KOSTRA function (funksjon), the code municipalities report their accounts by."""

    code = models.CharField(_("code"), max_length=3, unique=True)

    policy = CataloguePolicy(drafts=False)
    edit_fields = ("code", "label_nb", "label_nn", "label_en")

    class Meta:
        ordering = ["code"]
        verbose_name = _("KOSTRA function")
        verbose_name_plural = _("KOSTRA functions")

    def __str__(self):
        return f"{self.code} {self.label}"


class ServiceTemplate(TranslatedLabel, OrdenModel):
    """A common municipal service from Kommune-Los, shared nationally, that organisations adopt."""

    uri = models.URLField(_("Los URI"), unique=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="templates", verbose_name=_("sector"))
    kostra_function = models.ForeignKey(
        KostraFunction, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("KOSTRA function")
    )

    policy = CataloguePolicy(drafts=False)
    edit_fields = ("uri", "label_nb", "label_nn", "label_en", "sector", "kostra_function")

    class Meta:
        ordering = ["label_nb"]
        verbose_name = _("common service")
        verbose_name_plural = _("common services")


class Service(TenantModel):
    """A service the organisation delivers (building permits, kindergarten admission, ...)."""

    name = models.CharField(_("name"), max_length=200)
    template = models.ForeignKey(
        ServiceTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        verbose_name=_("common service (Los)"),
        help_text=_("Links the service to the shared list, so it compares across municipalities."),
    )
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="services", verbose_name=_("sector")
    )
    kostra_function = models.ForeignKey(
        KostraFunction, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("KOSTRA function")
    )
    responsible_unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("responsible unit"),
    )
    process_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_services",
        verbose_name=_("process owner"),
    )
    description = models.TextField(_("description"), blank=True)
    statutory = models.BooleanField(_("statutory"), default=False, help_text=_("Required by law."))
    digital = models.BooleanField(_("offered digitally"), default=False, help_text=_("Citizens can use it online."))
    systems = models.ManyToManyField(System, through="ServiceSystem", related_name="services", blank=True)

    policy = TenantPolicy(owner_fields=["process_owner"], owner_roles=[Role.SERVICE_LEADER])
    edit_fields = (
        "name",
        "template",
        "sector",
        "kostra_function",
        "responsible_unit",
        "process_owner",
        "description",
        "statutory",
        "digital",
    )
    same_organization = ("responsible_unit", "process_owner")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="service_unique_name")]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name

    @property
    def los_uri(self):
        return self.template.uri if self.template_id else None


class SystemRole(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    SUPPORTING = "supporting", _("Supporting")


class ServiceSystem(TenantModel):
    """A system that supports a service, and how."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="system_links", verbose_name=_("service")
    )
    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="service_links", verbose_name=_("system"))
    role = models.CharField(
        _("role of the system"), max_length=12, choices=SystemRole.choices, default=SystemRole.PRIMARY
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    # The head of a service links systems to it; an architect or the coordinator to any service.
    policy = TenantPolicy(
        editors=[Role.ARCHITECT],
        owner_fields=["service__process_owner"],
        owner_roles=[Role.SERVICE_LEADER],
        owner_actions=[Action.ADD, Action.CHANGE, Action.DELETE],
    )
    edit_fields = ("service", "system", "role", "note")
    same_organization = ("service", "system")

    class Meta:
        ordering = ["service__name", "system__name"]
        constraints = [models.UniqueConstraint(fields=["service", "system"], name="service_system_once")]
        verbose_name = _("system supporting a service")
        verbose_name_plural = _("systems supporting services")

    def __str__(self):
        return f"{self.service} – {self.system}"

    def unique_error_message(self, model_class, unique_check):
        if set(unique_check) == {"service", "system"}:
            return ValidationError(
                _("This system is already linked to the service."), code="unique", params={"field_name": "system"}
            )
        return super().unique_error_message(model_class, unique_check)


class ReviewReminder(models.Model):
    """When a digest of due reviews was last e-mailed to a user for an organisation (at most once per interval)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    systems = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["user", "organization", "-sent_at"])]

    def __str__(self):
        return f"{self.user_id} {self.organization_id} {self.sent_at:%Y-%m-%d}"
