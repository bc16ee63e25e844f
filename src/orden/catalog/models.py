"""The shared national catalogue: vendors, products and their versions, one for all organisations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from orden.core.models import OrdenModel, TranslatedLabel
from orden.core.permissions import CataloguePolicy
from orden.core.validators import validate_organization_number


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Category(TranslatedLabel, OrdenModel):
    """A kind of municipal system (case/archive, payroll, child welfare, ...): a maintained list."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    policy = CataloguePolicy(drafts=False)
    edit_fields = ("slug", "label_nb", "label_nn", "label_en", "sort_order")

    class Meta:
        ordering = ["sort_order", "label_nb"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Standard(OrdenModel):
    """A standard or national component a product supports (Noark 5, KS FIKS/SvarUt, ID-porten, ...)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web page"), blank=True)

    policy = CataloguePolicy(drafts=False)
    edit_fields = ("name", "description", "url")

    class Meta:
        ordering = ["name"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self):
        return self.name


class CatalogueEntry(OrdenModel):
    """A catalogue row any member may propose as a draft and a catalogue editor approves."""

    status = models.CharField(
        _("status"), max_length=10, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
        editable=False,
    )

    policy = CataloguePolicy()

    class Meta:
        abstract = True


class Vendor(CatalogueEntry):
    name = models.CharField(_("name"), max_length=120, unique=True)
    organization_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_organization_number],
    )
    website = models.URLField(_("website"), blank=True)

    edit_fields = ("name", "organization_number", "website", "status")

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self):
        return self.name


class Product(CatalogueEntry):
    name = models.CharField(_("name"), max_length=120)
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="products", verbose_name=_("vendor"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    description = models.TextField(_("description"), blank=True)
    offers_on_premises = models.BooleanField(_("on-premises"), default=False)
    offers_saas = models.BooleanField(_("software as a service"), default=False)
    offers_hosted = models.BooleanField(_("hosted by vendor or partner"), default=False)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="products", verbose_name=_("supported standards")
    )
    website = models.URLField(_("web page"), blank=True)

    edit_fields = (
        "name",
        "vendor",
        "category",
        "description",
        "offers_on_premises",
        "offers_saas",
        "offers_hosted",
        "standards",
        "website",
        "status",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["vendor", "name"], name="product_unique_name_per_vendor")]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name


class ProductVersion(OrdenModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="versions", verbose_name=_("product"))
    name = models.CharField(_("version"), max_length=40)
    released_on = models.DateField(_("released"), null=True, blank=True)
    end_of_support = models.DateField(
        _("end of vendor support"), null=True, blank=True, help_text=_("When the vendor stops supporting it.")
    )

    policy = CataloguePolicy(parent="product")
    edit_fields = ("product", "name", "released_on", "end_of_support")
    str_select_related = ("product",)  # __str__ reads it: lists and exports join it (core/tables.py)

    class Meta:
        ordering = ["product__name", "-released_on", "name"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="product_version_unique_name")]
        verbose_name = _("product version")
        verbose_name_plural = _("product versions")

    def __str__(self):
        return f"{self.product} {self.name}"

    def clean(self):
        if self.released_on and self.end_of_support and self.end_of_support < self.released_on:
            raise ValidationError({"end_of_support": _("End of support cannot be before the release date.")})
