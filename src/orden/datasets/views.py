"""The data catalogue's pages: a ``ModelViews`` per model; the dataset and data service pages with their
validation against DCAT-AP-NO and the publish buttons; adopting a product's dataset template and offering
a dataset as one."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from orden.catalog.models import Product
from orden.core import completeness, history
from orden.core.forms import parse_id
from orden.core.registry import Tab
from orden.core.roles import Action
from orden.core.tables import Column
from orden.core.views import ModelViews, ObjectDetailView, safe_next
from orden.portfolio.models import System

from . import services
from .filters import DataServiceFilterSet, DatasetFilterSet, DatasetTemplateFilterSet, DistributionFilterSet
from .forms import DataServiceForm, DatasetBulkEditForm, DatasetForm, DatasetTemplateForm, DistributionForm
from .models import AccessRights, Concept, DataService, Dataset, DatasetTemplate, Distribution

DATASET_LINKS = [
    ("datasets:dataset_list", gettext_lazy("Datasets")),
    ("datasets:distribution_list", gettext_lazy("Distributions")),
    ("datasets:dataservice_list", gettext_lazy("Data services")),
    ("datasets:datasettemplate_list", gettext_lazy("Dataset templates")),
]
# Digdir's traffic lights: open, conditional, not public.
ACCESS_TAGS = {AccessRights.PUBLIC: "success", AccessRights.RESTRICTED: "warning", AccessRights.NON_PUBLIC: "neutral"}
# Facts left off the overview while they are empty: the optional languages and what only some rows need.
SHOWN_WHEN_SET = {
    "title_nn",
    "title_en",
    "description_nn",
    "description_en",
    "open_personal_data_reason",
    "restriction_basis_url",
    "temporal_end",
}


# Validation, in the words of the form that fixes it

# Findings about the contact point's own facts (its vCard) are fixed on the contact: property -> its field.
CONTACT_FIELDS = {"fn": "name", "hasEmail": "email", "hasTelephone": "phone", "hasURL": "email"}


def local_name(term) -> str:
    """The last part of an IRI: ``…/vcard/ns#hasEmail`` gives ``hasEmail``."""
    return str(term or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ShownFinding:
    """A finding as the page shows it: the message, how serious it is, and where to fix it."""

    message: str
    severity: str  # violation, warning, info
    fix_url: str | None
    fix_label: str | None


def shown_findings(obj, findings, distributions, may_change) -> list[ShownFinding]:
    """The findings of one version, the most serious first, each with a link to the form field that fixes it
    (for those who may change the object) where the finding says which one."""
    by_pk = {distribution.pk: distribution for distribution in distributions}
    shown = []
    for finding in findings:
        fix_url, fix_label = fix_of(obj, finding, by_pk) if may_change else (None, None)
        shown.append(ShownFinding(str(finding.message), finding.severity, fix_url, fix_label))
    return shown  # validation.findings sorts them, the most serious first


def fix_of(obj, finding, distributions) -> tuple[str | None, str | None]:
    """``(URL, link text)`` of the form field that fixes ``finding`` (``validation.Finding`` names the row and
    the field), or ``(None, None)``: the catalogue's own facts, which Orden writes, have none."""
    field = finding.field
    if finding.kind == "distribution" and finding.pk in distributions and field in Distribution.edit_fields:
        url = reverse("datasets:distribution_edit", args=[finding.pk])
        return f"{url}#id_{field}", _("Fix it in “%(distribution)s”") % {"distribution": distributions[finding.pk]}
    if finding.kind not in ("dataset", "data_service") or finding.pk != obj.pk:
        return None, None
    path = local_name(finding.path)
    if field == "contact_point" and path in CONTACT_FIELDS and obj.contact_point_id:
        url = reverse("organizations:contact_edit", args=[obj.contact_point_id])
        return f"{url}#id_{CONTACT_FIELDS[path]}", _("Fix it in the contact point")
    if path == "distribution" and isinstance(obj, Dataset):
        return add_distribution_url(obj), _("Add a distribution")
    if field in type(obj).edit_fields:
        return f"{reverse(obj.url_name('edit'), args=[obj.pk])}#id_{field}", _("Fix it")
    return None, None


def validation_panel(obj, distributions=(), may_change=False) -> dict:
    """The result of validating ``obj`` against DCAT-AP-NO 2.2 (what the national catalogue harvests) and 3.0
    (what it moves to), for the page; a violation of either stops publication."""
    from . import validation

    results = validation.validate(obj)
    versions = []
    for version in ("2.2", "3.0"):
        findings = list(results.get(version, []))
        versions.append(
            {
                "version": version,
                "findings": shown_findings(obj, findings, distributions, may_change),
                "blocking": len(validation.blocking(findings)),
            }
        )
    blocking = sum(version["blocking"] for version in versions)
    return {"versions": versions, "blocking": blocking, "publishable": not blocking}


def add_distribution_url(dataset) -> str:
    return f"{reverse('datasets:distribution_add')}?dataset={dataset.pk}&next={dataset.get_absolute_url()}"


def public_links(obj) -> dict:
    """Where the public sees a published dataset or data service: its page (a data service: its organisation's
    page) and its machine-readable description (``/dcat/<organisation number>/…``), served by ``public``."""
    if not obj.published:
        return {}
    number = obj.organization.organization_number
    if isinstance(obj, Dataset):
        keys = {"organization_number": number, "pk": obj.pk}
        return {
            "page": reverse("datasets:public_dataset", kwargs=keys),
            "machine": reverse("datasets:dcat_dataset", kwargs=keys),
        }
    return {
        "page": reverse("datasets:public_organization", kwargs={"organization_number": number}),
        "machine": reverse("datasets:dcat_data_service", kwargs={"organization_number": number, "pk": obj.pk}),
    }


class ConceptFactsMixin:
    """Facts that name a vocabulary concept (a theme, a format, a licence) are shown as its label: concepts
    are reference data without pages of their own."""

    def detail_rows(self, obj):
        return [
            (label, None if isinstance(raw, Concept) else raw, text) for label, raw, text in super().detail_rows(obj)
        ]


class ConceptFactsDetailView(ConceptFactsMixin, ObjectDetailView):
    """The generic detail page, with concepts as text (distributions, dataset templates)."""


class FactGroupsMixin(ConceptFactsMixin):
    """The overview's facts in the groups of the form's ``sections`` (empty optional facts left off)."""

    def fact_groups(self, obj, tags=None):
        form = self.views.form_class()
        names = self.views.detail_fields or list(form.base_fields)  # as detail_rows reads them
        facts = {}
        for name, (label, raw, text) in zip(names, self.detail_rows(obj), strict=True):
            if name in SHOWN_WHEN_SET and not text:
                continue
            tag = (tags or {}).get(name, {}).get(getattr(obj, name)) if tags else None
            facts[name] = (label, raw, text, tag, name)
        facts.pop("title_nb", None)  # the page's heading
        groups = []
        for index, (legend, fields) in enumerate(form.sections):
            rows = [facts.pop(name) for name in fields if name in facts]
            if rows:
                groups.append((f"group-{index}", legend, rows))
        if facts:
            groups.append(("other", _("Other facts"), list(facts.values())))
        return groups


def changeable(request, views, pk):
    """The object ``pk`` for an action that changes it: 404 when the user may not see it, 403 when they may
    see but not change it (publishing is a separate action on a visible object)."""
    obj = views.get_object(request, pk)
    if not views.model.policy.can(request.user, Action.CHANGE, obj):
        raise PermissionDenied
    return obj


def seen_version(request) -> int:
    """The version of the page the user pressed the button on (publishing what one has not seen is refused)."""
    version = parse_id(request.POST.get("base_version", ""))
    if version is None:
        raise BadRequest("base_version")
    return version


def changed_meanwhile(request, obj):
    messages.error(
        request,
        _("Someone changed “%(object)s” after you opened the page. Nothing was done: look at it again first.")
        % {"object": obj},
    )
    return HttpResponseRedirect(obj.get_absolute_url())


def offer_products(request, dataset):
    """The products of the systems that hold the dataset: those it may be offered as a template for."""
    return (
        Product.objects.restrict(request.user)
        .filter(systems__in=System.objects.restrict(request.user).filter(datasets=dataset))
        .distinct()
        .order_by("name")
    )


class DatasetDetailView(FactGroupsMixin, ObjectDetailView):
    """A dataset's page: its facts, where it is published, its distributions, the data services that serve it,
    and its validation against DCAT-AP-NO 2.2 and 3.0 with links to what fixes each finding. A constant
    number of queries, however many distributions it has."""

    def get(self, request, pk):
        dataset = self.views.get_object(request, pk)
        may_change = Dataset.policy.can(request.user, Action.CHANGE, dataset)
        distributions = list(
            Distribution.objects.restrict(request.user).filter(dataset=dataset).select_related("format", "licence")
        )
        products = list(offer_products(request, dataset)) if may_change else []
        context = self.object_context(
            request,
            dataset,
            active_tab="overview",
            fact_groups=self.fact_groups(dataset, {"access_rights": ACCESS_TAGS}),
            distributions=distributions,
            data_services=DataService.objects.restrict(request.user).filter(datasets=dataset),
            may_add_distribution=Distribution.policy.can(
                request.user, Action.ADD, obj=Distribution(organization=dataset.organization, dataset=dataset)
            ),
            add_distribution_url=add_distribution_url(dataset),
            validation=validation_panel(dataset, distributions, may_change),
            public=public_links(dataset),
            may_publish=may_change,
            publish_url=reverse("datasets:dataset_publish", args=[dataset.pk]),
            unpublish_url=reverse("datasets:dataset_unpublish", args=[dataset.pk]),
            offer_products=products if DatasetTemplate.policy.can(request.user, Action.ADD) else [],
        )
        return render(request, self.views.detail_template, context)


class DataServiceDetailView(FactGroupsMixin, ObjectDetailView):
    """A data service's page: its facts, the datasets it serves, where it is published and its validation."""

    def get(self, request, pk):
        service = self.views.get_object(request, pk)
        may_change = DataService.policy.can(request.user, Action.CHANGE, service)
        context = self.object_context(
            request,
            service,
            active_tab="overview",
            fact_groups=self.fact_groups(service, {"access_rights": ACCESS_TAGS}),
            # The public catalogue describes a service of published datasets only: say which to publish first.
            unpublished_datasets=Dataset.objects.restrict(request.user).filter(data_services=service, published=False),
            validation=validation_panel(service, (), may_change),
            public=public_links(service),
            may_publish=may_change,
            publish_url=reverse("datasets:dataservice_publish", args=[service.pk]),
            unpublish_url=reverse("datasets:dataservice_unpublish", args=[service.pk]),
        )
        return render(request, self.views.detail_template, context)


class DatasetViews(ModelViews):
    related_links = DATASET_LINKS
    add_links = [("datasets:dataset_import", gettext_lazy("Import datasets from DCAT"))]
    model = Dataset
    filterset = DatasetFilterSet
    form = DatasetForm
    bulk_form = DatasetBulkEditForm
    columns = [
        Column("title_nb", label=gettext_lazy("Title"), order_by="title", link=True),
        Column("access_rights", order_by="access_rights", tags=ACCESS_TAGS),
        Column("published", order_by="published"),
        Column("owner"),
        Column("authoritative_system"),
        Column("frequency"),
    ]
    optional_columns = [
        Column(name) for name in ("contact_point", "personal_data", "systems", "themes", "provenance", "landing_page")
    ]
    optional_columns += [Column("updated", order_by="updated")]
    list_select_related = ("owner", "authoritative_system", "frequency")
    detail_select_related = (
        "organization",
        "owner",
        "contact_point",
        "authoritative_system",
        "frequency",
        "template",
    )
    detail_template = "datasets/dataset_detail.html"
    detail_view = DatasetDetailView
    tabs = [Tab("completeness", gettext_lazy("Completeness"), "core/completeness_tab.html", completeness.tab_context)]


class DistributionViews(ModelViews):
    related_links = DATASET_LINKS
    model = Distribution
    form = DistributionForm
    filterset = DistributionFilterSet
    columns = [
        Column("title_nb", label=gettext_lazy("Title"), order_by="title", link=True),
        Column("dataset", order_by="dataset"),
        Column("format"),
        Column("licence"),
        Column("access_url"),
    ]
    optional_columns = [Column("download_url"), Column("updated", order_by="updated")]
    list_select_related = ("dataset", "format", "licence")
    detail_select_related = ("dataset", "format", "licence")
    detail_view = ConceptFactsDetailView


class DataServiceViews(ModelViews):
    related_links = DATASET_LINKS
    model = DataService
    filterset = DataServiceFilterSet
    form = DataServiceForm
    columns = [
        Column("title_nb", label=gettext_lazy("Title"), order_by="title", link=True),
        Column("endpoint_url"),
        Column("access_rights", tags=ACCESS_TAGS),
        Column("published", order_by="published"),
        Column("owner"),
    ]
    optional_columns = [Column("contact_point"), Column("licence"), Column("datasets"), Column("updated")]
    list_select_related = ("owner",)
    detail_select_related = ("organization", "owner", "contact_point", "licence")
    detail_template = "datasets/dataservice_detail.html"
    detail_view = DataServiceDetailView


class DatasetTemplateViews(ModelViews):
    related_links = [("catalog:product_list", gettext_lazy("Products")), *DATASET_LINKS]
    model = DatasetTemplate
    filterset = DatasetTemplateFilterSet
    form = DatasetTemplateForm
    columns = [
        Column("title_nb", label=gettext_lazy("Title"), order_by="title", link=True),
        Column("product", order_by="product"),
        Column("access_rights", tags=ACCESS_TAGS),
        Column("personal_data"),
        Column("status"),
    ]
    optional_columns = [Column("frequency"), Column("provenance"), Column("themes"), Column("source_organization")]
    list_select_related = ("product",)
    detail_select_related = ("product", "frequency", "created_by", "source_organization")
    detail_view = ConceptFactsDetailView


@login_required
@require_POST
def publish(request, pk, views):
    """Publish a dataset or data service (``views`` comes from the URL pattern); refused, with the findings
    on the page, while it has violations of DCAT-AP-NO 2.2 or 3.0."""
    obj = changeable(request, views, pk)
    try:
        services.publish(obj, request.user, seen_version(request))
    except history.StaleObjectError:
        return changed_meanwhile(request, obj)
    except services.PublishRefused as refused:
        count = len(refused.findings)
        messages.error(
            request,
            ngettext(
                "Not published: %(count)s problem must be fixed first. See “Ready for the national data "
                "catalogue?” below.",
                "Not published: %(count)s problems must be fixed first. See “Ready for the national data "
                "catalogue?” below.",
                count,
            )
            % {"count": count},
        )
        return HttpResponseRedirect(f"{obj.get_absolute_url()}#validation")
    messages.success(request, _("“%(object)s” is published in your organisation's data catalogue.") % {"object": obj})
    return HttpResponseRedirect(safe_next(request) or obj.get_absolute_url())


@login_required
@require_POST
def unpublish(request, pk, views):
    """Take a dataset or data service out of the public catalogue (the description stays)."""
    obj = changeable(request, views, pk)
    try:
        services.unpublish(obj, request.user, seen_version(request))
    except history.StaleObjectError:
        return changed_meanwhile(request, obj)
    messages.success(request, _("“%(object)s” is no longer published.") % {"object": obj})
    return HttpResponseRedirect(safe_next(request) or obj.get_absolute_url())


@login_required
@require_POST
def offer_as_template(request, pk):
    """Offer a dataset's description as a draft template for the product of one of its systems."""
    dataset = changeable(request, DatasetViews, pk)
    if not DatasetTemplate.policy.can(request.user, Action.ADD):
        raise PermissionDenied
    product = get_object_or_404(offer_products(request, dataset), pk=parse_id(request.POST.get("product")) or 0)
    try:
        template = services.offer_as_template(dataset, product, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(dataset.get_absolute_url())
    messages.success(
        request,
        _("Offered as a template for %(product)s. It is a draft until a catalogue editor approves it.")
        % {"product": product},
    )
    return HttpResponseRedirect(template.get_absolute_url())


@login_required
@require_POST
def adopt_template(request, pk):
    """Describe a dataset of the current organisation from a product's template, held by one of its systems."""
    template = get_object_or_404(DatasetTemplate.objects.restrict(request.user), pk=pk)
    systems = System.objects.restrict(request.user).filter(organization=request.organization)
    system = get_object_or_404(systems, pk=parse_id(request.POST.get("system")) or 0)
    if not Dataset.policy.can(request.user, Action.ADD, organization=system.organization):
        raise PermissionDenied
    try:
        dataset = services.adopt_template(template, system, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(safe_next(request) or reverse("portfolio:system_tab", args=[system.pk, "datasets"]))
    messages.success(
        request,
        _("Described “%(dataset)s” from the template. Check the facts, add who to contact, then publish it.")
        % {"dataset": dataset},
    )
    return HttpResponseRedirect(dataset.get_absolute_url())


# The tabs other apps' pages get (registered in ui.py)


def system_datasets(request, system) -> dict:
    """The System page's "Datasets" tab: what the system holds, and its product's templates to adopt."""
    datasets = (
        Dataset.objects.restrict(request.user)
        .filter(Q(systems=system) | Q(authoritative_system=system))
        .distinct()
        .select_related("owner", "authoritative_system")
    )
    templates = []
    adopted = set()
    if system.product_id:
        templates = list(
            DatasetTemplate.objects.restrict(request.user)
            .filter(product_id=system.product_id)
            .order_by("status", "title_nb")  # approved before drafts
        )
        adopted = set(
            Dataset.objects.restrict(request.user)
            .filter(organization=system.organization, template__in=[template.pk for template in templates])
            .values_list("template_id", flat=True)
        )
    return {
        "datasets": datasets,
        "templates": [(template, template.pk in adopted) for template in templates],
        "may_add_dataset": Dataset.policy.can(request.user, Action.ADD, organization=system.organization),
        "access_tags": ACCESS_TAGS,
    }


def product_templates(request, product) -> dict:
    """The Product page's "Dataset templates" tab: what systems of the product typically hold."""
    return {
        "templates": DatasetTemplate.objects.restrict(request.user)
        .filter(product=product)
        .order_by("status", "title_nb"),
        "may_add_template": DatasetTemplate.policy.can(request.user, Action.ADD),
    }
