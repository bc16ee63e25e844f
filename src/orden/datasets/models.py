"""What data an organisation holds (datasets, their distributions, the data services that serve them),
the controlled vocabularies they are described with, and the shared templates per product."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import CatalogueEntry
from orden.core.models import OrdenModel, TenantModel, TranslatedLabel, translated
from orden.core.permissions import CataloguePolicy, TenantPolicy
from orden.core.roles import Action, Role

from .validators import validate_url_lines


class Scheme(models.TextChoices):
    """The controlled vocabularies (concept schemes) a description takes its codes from."""

    DATA_THEME = "data_theme", _("EU data theme")
    LOS_THEME = "los_theme", _("Los theme")
    FREQUENCY = "frequency", _("Update frequency")
    FILE_TYPE = "file_type", _("File type")
    LICENCE = "licence", _("Licence")


THEME_SCHEMES = (Scheme.DATA_THEME, Scheme.LOS_THEME)


class Concept(TranslatedLabel, OrdenModel):
    """A concept of an official vocabulary (EU authority tables, Los), shipped with Orden as reference data
    (``datasets/vocabularies/``, loaded by a data migration). Descriptions name concepts by URI."""

    scheme = models.CharField(_("vocabulary"), max_length=20, choices=Scheme.choices)
    uri = models.URLField(_("URI"), max_length=300, unique=True)
    code = models.CharField(_("code"), max_length=60)

    policy = CataloguePolicy(drafts=False)
    edit_fields = ()  # reference data: changed only with the shipped vocabularies

    class Meta:
        ordering = ["scheme", "label_nb"]
        indexes = [models.Index(fields=["scheme", "code"])]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")


class AccessRights(models.TextChoices):
    """The EU access-right codes DCAT-AP-NO uses; Digdir's traffic lights are open, conditional, not public."""

    PUBLIC = "public", _("Open (public)")
    RESTRICTED = "restricted", _("Conditional (restricted)")
    NON_PUBLIC = "non_public", _("Not public")


class Provenance(models.TextChoices):
    """Where the data comes from (the Norwegian provenance vocabulary of DCAT-AP-NO)."""

    NATIONAL = "nasjonal", _("Authoritative source (national)")
    DECISION = "vedtak", _("Decision (administrative)")
    USER = "bruker", _("Collected from users")
    THIRD_PARTY = "tredjepart", _("Third party")


def _themes():
    return {"scheme__in": THEME_SCHEMES}


class DescribedMixin(models.Model):
    """A title and a description in bokmål, with optional nynorsk and English (one value per language)."""

    title_nb = models.CharField(_("title (bokmål)"), max_length=200)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_nb = models.TextField(
        _("description (bokmål)"), blank=True, help_text=_("What the data is about, in plain words.")
    )
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    TEXT_FIELDS = ("title_nb", "title_nn", "title_en", "description_nb", "description_nn", "description_en")

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")


class PublishedDescription(DescribedMixin, TenantModel):
    """What a dataset and a data service share: who answers for it, who may have it, and its publication in the
    organisation's DCAT-AP-NO catalogue (``services.publish``), which it must keep passing (``validate_saved``)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_%(class)ss",
        verbose_name=_("data owner"),
        help_text=_("The person accountable for the data and its description."),
    )
    contact_point = models.ForeignKey(
        "organizations.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_point_for_%(class)ss",
        verbose_name=_("contact point"),
        help_text=_("Whom the public asks about the data. Its name, e-mail address and phone are published."),
    )
    access_rights = models.CharField(
        _("access rights"),
        max_length=12,
        choices=AccessRights.choices,
        default=AccessRights.NON_PUBLIC,
        help_text=_(
            "Open: anyone may use the data. Conditional: available to some, on conditions. Not public: "
            "described, but not shared."
        ),
    )
    landing_page = models.URLField(
        _("web page"), max_length=400, blank=True, help_text=_("A page about the data for people.")
    )
    published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # The IRI it was first published or imported with; empty: Orden's own (see rdf.dataset_uri).
    uri = models.CharField(_("URI"), max_length=400, blank=True, editable=False)

    class Meta:
        abstract = True

    def validate_saved(self):
        from .services import check_published

        check_published(self)


class Dataset(PublishedDescription):
    """A collection of data the organisation holds, described for the national data catalogue."""

    systems = models.ManyToManyField(
        "portfolio.System",
        blank=True,
        related_name="datasets",
        verbose_name=_("systems that hold it"),
        help_text=_("The systems where the data is kept."),
    )
    authoritative_system = models.ForeignKey(
        "portfolio.System",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authoritative_datasets",
        verbose_name=_("authoritative system"),
        help_text=_("The system whose copy is the master: where the data is registered and corrected."),
    )
    services = models.ManyToManyField(
        "portfolio.Service",
        blank=True,
        related_name="datasets",
        verbose_name=_("services"),
        help_text=_("The services the data belongs to. Their Los themes are added to the dataset's themes."),
    )
    themes = models.ManyToManyField(
        Concept,
        blank=True,
        limit_choices_to=_themes,
        related_name="datasets",
        verbose_name=_("themes"),
        help_text=_("At least one EU data theme; Los themes make the data easier to find in Norway."),
    )
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Words people search for, separated by commas.")
    )
    restriction_basis = models.CharField(
        _("legal basis for restriction"),
        max_length=300,
        blank=True,
        help_text=_("The law or provision that restricts access, e.g. “Offentleglova § 13”."),
    )
    restriction_basis_url = models.URLField(
        _("web page of the legal basis"), max_length=400, blank=True, help_text=_("E.g. the provision on Lovdata.")
    )
    personal_data = models.BooleanField(
        _("contains personal data"),
        default=False,
        help_text=_("Tick if the data is about identifiable people."),
    )
    open_personal_data_reason = models.TextField(
        _("why personal data is open"),
        blank=True,
        help_text=_("Open access to personal data needs a reason: say why it is lawful to publish it."),
    )
    frequency = models.ForeignKey(
        Concept,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.FREQUENCY},
        related_name="+",
        verbose_name=_("update frequency"),
    )
    temporal_start = models.DateField(_("covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("covers until"), null=True, blank=True, help_text=_("Empty: up to now."))
    conforms_to = models.TextField(
        _("conforms to"),
        blank=True,
        validators=[validate_url_lines],
        help_text=_("Web addresses of the standards or information models the data follows, one per line."),
    )
    provenance = models.CharField(_("provenance"), max_length=12, choices=Provenance.choices, blank=True)
    template = models.ForeignKey(
        "DatasetTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="datasets",
        verbose_name=_("template"),
        editable=False,
    )

    policy = TenantPolicy(editors=[Role.ARCHITECT], owner_fields=["owner"])
    edit_fields = (
        "title_nb",
        "title_nn",
        "title_en",
        "description_nb",
        "description_nn",
        "description_en",
        "systems",
        "authoritative_system",
        "services",
        "themes",
        "keywords",
        "owner",
        "contact_point",
        "access_rights",
        "restriction_basis",
        "restriction_basis_url",
        "personal_data",
        "open_personal_data_reason",
        "frequency",
        "temporal_start",
        "temporal_end",
        "conforms_to",
        "provenance",
        "landing_page",
    )
    same_organization = ("systems", "authoritative_system", "services", "owner", "contact_point")

    class Meta:
        ordering = ["title_nb"]
        constraints = [models.UniqueConstraint(fields=["organization", "title_nb"], name="dataset_unique_title")]
        indexes = [models.Index(fields=["organization", "published"])]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def clean(self):
        errors = self.organization_errors()
        if self.temporal_start and self.temporal_end and self.temporal_end < self.temporal_start:
            errors["temporal_end"] = _("The end date cannot be before the start date.")
        if (
            self.personal_data
            and self.access_rights == AccessRights.PUBLIC
            and not self.open_personal_data_reason.strip()
        ):
            errors["open_personal_data_reason"] = _(
                "The data contains personal data. To make it open, confirm by giving the reason; otherwise "
                "choose conditional or not public access."
            )
        if self.access_rights != AccessRights.PUBLIC and self.open_personal_data_reason:
            self.open_personal_data_reason = ""
        if errors:
            raise ValidationError(errors)

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class Distribution(TenantModel):
    """A form in which a dataset is available: a file to download, an API, a web page."""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="distributions", verbose_name=_("dataset")
    )
    title_nb = models.CharField(_("title (bokmål)"), max_length=200)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    format = models.ForeignKey(
        Concept,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.FILE_TYPE},
        related_name="+",
        verbose_name=_("format"),
        help_text=_("The file type, from the EU list (CSV, JSON, PDF, ...)."),
    )
    access_url = models.URLField(
        _("access address"), max_length=400, help_text=_("Where the data can be reached or requested.")
    )
    download_url = models.URLField(
        _("download address"), max_length=400, blank=True, help_text=_("A direct link to the file, if there is one.")
    )
    licence = models.ForeignKey(
        Concept,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.LICENCE},
        related_name="+",
        verbose_name=_("licence"),
        help_text=_("The terms of use. NLOD 2.0 is the Norwegian licence for open government data."),
    )
    uri = models.CharField(_("URI"), max_length=400, blank=True, editable=False)

    # The data owner adds, changes and removes the distributions of their own datasets.
    policy = TenantPolicy(
        editors=[Role.ARCHITECT],
        owner_fields=["dataset__owner"],
        owner_actions=[Action.ADD, Action.CHANGE, Action.DELETE],
    )
    edit_fields = ("dataset", "title_nb", "description_nb", "format", "access_url", "download_url", "licence")
    same_organization = ("dataset",)
    str_select_related = ()

    class Meta:
        ordering = ["dataset__title_nb", "title_nb"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self):
        return self.title_nb

    def validate_saved(self):
        from .services import check_published, keep_iri

        if self.dataset.published and not self.uri:
            keep_iri(self)
        check_published(self.dataset)


class DataService(PublishedDescription):
    """An API or other service through which datasets can be reached."""

    endpoint_url = models.URLField(_("endpoint address"), max_length=400, help_text=_("The API's root address."))
    endpoint_description = models.URLField(
        _("endpoint description"),
        max_length=400,
        blank=True,
        help_text=_("Where the API is described, e.g. its OpenAPI document."),
    )
    datasets = models.ManyToManyField(
        Dataset, blank=True, related_name="data_services", verbose_name=_("datasets served")
    )
    licence = models.ForeignKey(
        Concept,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.LICENCE},
        related_name="+",
        verbose_name=_("licence"),
    )
    policy = TenantPolicy(editors=[Role.ARCHITECT], owner_fields=["owner"])
    edit_fields = (
        "title_nb",
        "title_nn",
        "title_en",
        "description_nb",
        "description_nn",
        "description_en",
        "endpoint_url",
        "endpoint_description",
        "datasets",
        "owner",
        "contact_point",
        "access_rights",
        "licence",
        "landing_page",
    )
    same_organization = ("datasets", "owner", "contact_point")

    class Meta:
        ordering = ["title_nb"]
        constraints = [models.UniqueConstraint(fields=["organization", "title_nb"], name="data_service_unique_title")]
        verbose_name = _("data service")
        verbose_name_plural = _("data services")


class DatasetTemplate(DescribedMixin, CatalogueEntry):
    """What a product of a kind typically holds, for organisations that register a system for it.

    Catalogue editors maintain them; an organisation may offer one of its own descriptions as a draft.
    """

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="dataset_templates", verbose_name=_("product")
    )
    themes = models.ManyToManyField(
        Concept, blank=True, limit_choices_to=_themes, related_name="templates", verbose_name=_("themes")
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    access_rights = models.CharField(
        _("access rights"), max_length=12, choices=AccessRights.choices, default=AccessRights.NON_PUBLIC
    )
    personal_data = models.BooleanField(_("contains personal data"), default=False)
    frequency = models.ForeignKey(
        Concept,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.FREQUENCY},
        related_name="+",
        verbose_name=_("update frequency"),
    )
    provenance = models.CharField(_("provenance"), max_length=12, choices=Provenance.choices, blank=True)
    source_organization = models.ForeignKey(
        settings.ORDEN_ORGANIZATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("offered by"),
        editable=False,
    )

    edit_fields = (
        "product",
        "title_nb",
        "title_nn",
        "title_en",
        "description_nb",
        "description_nn",
        "description_en",
        "themes",
        "keywords",
        "access_rights",
        "personal_data",
        "frequency",
        "provenance",
        "status",
    )
    str_select_related = ()

    class Meta:
        ordering = ["product__name", "title_nb"]
        constraints = [models.UniqueConstraint(fields=["product", "title_nb"], name="dataset_template_unique_title")]
        verbose_name = _("dataset template")
        verbose_name_plural = _("dataset templates")
