"""The system register's pages: a ``ModelViews`` per model, the service page, adopting common services,
confirming a system's facts and the front page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from orden.core import completeness, history
from orden.core.roles import Action
from orden.core.tables import Column
from orden.core.views import ModelViews, ObjectDetailView, Tab, safe_next

from . import services
from .attention import attention_of
from .filters import (
    KostraFunctionFilterSet,
    SectorFilterSet,
    ServiceFilterSet,
    ServiceSystemFilterSet,
    ServiceTemplateFilterSet,
    SystemFilterSet,
)
from .forms import AdoptServicesForm, ServiceForm, SystemBulkEditForm, SystemForm
from .models import Criticality, KostraFunction, Lifecycle, Sector, Service, ServiceSystem, ServiceTemplate, System


def system_services(request, system):
    links = (
        ServiceSystem.objects.restrict(request.user)
        .filter(system=system)
        .select_related("service__responsible_unit", "service__process_owner")
    )
    return {
        "links": links,
        "may_link": ServiceSystem.policy.can(request.user, Action.ADD, organization=system.organization),
    }


# The system page's overview, grouped: (heading, fields). Facts in none of these (a field another app adds)
# are shown under "Other facts", so nothing disappears from the page.
SYSTEM_FACT_GROUPS = [
    (
        "about",
        _("What it is"),
        (
            "description",
            "product",
            "vendor",
            "product_version",
            "end_of_support",
            "lifecycle",
            "in_use_from",
            "in_use_until",
            "time_classification",
            "user_count",
        ),
    ),
    ("responsibility", _("Who answers for it"), ("owner", "responsible", "last_reviewed")),
    (
        "security",
        _("Criticality and security"),
        (
            "criticality",
            "last_risk_assessment",
            "personal_data",
            "special_categories",
            "confidentiality",
            "integrity",
            "availability",
        ),
    ),
    ("hosting", _("Hosting"), ("hosting",)),
    ("cost", _("Cost"), ("annual_cost",)),
    ("people", _("People"), ("super_users", "vendor_contact")),
]
# Facts shown as coloured tags, on the system page and in the list: field -> {value: Designsystemet colour}.
SYSTEM_FACT_TAGS = {
    "lifecycle": {
        Lifecycle.PLANNED: "info",
        Lifecycle.IN_USE: "success",
        Lifecycle.PHASING_OUT: "warning",
        Lifecycle.RETIRED: "neutral",
    },
    "criticality": {
        Criticality.LOW: "neutral",
        Criticality.MEDIUM: "info",
        Criticality.HIGH: "warning",
        Criticality.CRITICAL: "danger",
    },
}


class SystemDetailView(ObjectDetailView):
    """A system's overview: what needs attention first, then its facts in groups.

    One query for the system with its joins and its completeness gaps, one for its super users; everything
    else on the page is computed from those rows."""

    def get(self, request, pk):
        system = self.views.get_object(request, pk, within=completeness.with_gaps(System))
        if system.product_version_id and system.product_id == system.product_version.product_id:
            # The version's name includes its product's: reuse the product already joined.
            system.product_version.product = system.product
        organization = request.organization  # the system's (get_object enters its organisation)
        context = self.object_context(
            request,
            system,
            active_tab="overview",
            attention=attention_of(system, organization),
            fact_groups=self.fact_groups(system),
            review_interval=organization.review_interval_months,
            completeness_score=completeness.row_score(system),
        )
        return render(request, self.views.detail_template, context)

    def fact_groups(self, system):
        """``[(slug, heading, [(label, raw, text, tag colour, field)])]``: the overview's facts in their groups."""
        names = self.views.detail_fields or list(self.views.form_class().base_fields)
        facts = {
            name: (*row, self.tag_color(system, name), name)
            for name, row in zip(names, self.detail_rows(system), strict=True)
        }
        facts.pop("name", None)  # the page's heading
        if not system.description:
            facts.pop("description", None)
        version = system.product_version if system.product_version_id else None
        vendor = system.product.vendor if system.product_id else None
        facts["product_version"] = (
            capfirst(System._meta.get_field("product_version").verbose_name),
            None,
            version.name if version else "",
            None,
            "product_version",
        )
        if vendor is not None:
            facts["vendor"] = (_("Vendor"), vendor, str(vendor), None, "vendor")
        if version is not None:
            end = version.end_of_support
            facts["end_of_support"] = (
                _("End of vendor support"),
                None,
                formats.date_format(end) if end else "",
                None,
                "end_of_support",
            )
        reviewed = system.last_reviewed
        facts["last_reviewed"] = (
            capfirst(System._meta.get_field("last_reviewed").verbose_name),
            None,
            formats.date_format(reviewed) if reviewed else _("Never"),
            None,
            "last_reviewed",
        )
        groups = [
            (slug, heading, [facts.pop(name) for name in fields if name in facts])
            for slug, heading, fields in SYSTEM_FACT_GROUPS
        ]
        if facts:
            groups.append(("other", _("Other facts"), list(facts.values())))
        return [group for group in groups if group[2]]

    @staticmethod
    def tag_color(system, name):
        colors = SYSTEM_FACT_TAGS.get(name)
        return colors.get(getattr(system, name), "neutral") if colors and getattr(system, name) else None


class SystemViews(ModelViews):
    related_links = [("reports:dashboard", _("Completeness")), ("reports:responsibilities", _("My responsibilities"))]
    model = System
    filterset = SystemFilterSet
    form = SystemForm
    bulk_form = SystemBulkEditForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("product", order_by="product"),
        Column("product__category", label=_("Category")),
        Column("lifecycle", order_by="lifecycle", tags=SYSTEM_FACT_TAGS["lifecycle"]),
        Column("owner"),
        Column("criticality", order_by="criticality", tags=SYSTEM_FACT_TAGS["criticality"]),
        Column("time_classification"),
        Column("annual_cost", order_by="annual_cost"),
    ]
    optional_columns = [Column(name) for name in ("product__vendor", "product_version", "responsible", "hosting")]
    optional_columns += [Column(name) for name in ("user_count", "personal_data", "in_use_until", "vendor_contact")]
    optional_columns += [Column("last_risk_assessment", order_by="last_risk_assessment"), Column("last_reviewed")]
    list_select_related = ("product__category", "owner")
    detail_select_related = (
        "product__vendor",
        "product__category",
        "product_version",
        "owner",
        "responsible",
        "vendor_contact",
    )
    detail_template = "portfolio/system_detail.html"
    detail_view = SystemDetailView
    tabs = [
        Tab("services", _("Services"), "portfolio/system_services.html", system_services),
        Tab("completeness", _("Completeness"), "core/completeness_tab.html", completeness.tab_context),
    ]


class ServiceDetailView(ObjectDetailView):
    """A service: its facts and the systems that support it; its leader links systems here."""

    def get(self, request, pk):
        service = self.views.get_object(request, pk)
        links = (
            ServiceSystem.objects.restrict(request.user)
            .filter(service=service)
            .select_related("system__owner", "system__product")
        )
        candidate = ServiceSystem(organization=service.organization, service=service)
        may_link = ServiceSystem.policy.can(request.user, Action.ADD, obj=candidate)
        form = ServiceSystemViews.form_class()(
            initial={"service": service.pk}, **ServiceSystemViews.form_kwargs(request)
        )
        form.fields["system"].queryset = form.fields["system"].queryset.exclude(
            pk__in=[link.system_id for link in links]
        )
        context = self.object_context(
            request,
            service,
            rows=self.detail_rows(service),
            active_tab="overview",
            links=links,
            may_link=may_link,
            link_form=form,
        )
        return render(request, "portfolio/service_detail.html", context)


SERVICE_LINKS = [
    ("reports:service_matrix", _("Service map")),
    ("portfolio:servicesystem_list", _("Systems supporting services")),
    ("portfolio:servicetemplate_list", _("Common services (Kommune-Los)")),
    ("portfolio:sector_list", _("Sectors")),
    ("portfolio:kostrafunction_list", _("KOSTRA functions")),
]


class ServiceViews(ModelViews):
    related_links = SERVICE_LINKS
    add_links = [("portfolio:service_adopt", _("Adopt common services"))]
    model = Service
    filterset = ServiceFilterSet
    form = ServiceForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("sector", order_by="sector"),
        Column("responsible_unit"),
        Column("process_owner"),
        Column("kostra_function", order_by="kostra"),
        Column("statutory"),
        Column("digital"),
    ]
    list_select_related = ("sector", "responsible_unit", "process_owner", "kostra_function")
    detail_select_related = ("sector", "responsible_unit", "process_owner", "kostra_function", "template")
    detail_view = ServiceDetailView


class ServiceSystemViews(ModelViews):
    related_links = SERVICE_LINKS
    model = ServiceSystem
    filterset = ServiceSystemFilterSet
    columns = [
        Column("service", order_by="service", link=True),
        Column("system", order_by="system"),
        Column("role"),
        Column("note"),
    ]
    list_select_related = ("service", "system")
    detail_select_related = ("service", "system")


class SectorViews(ModelViews):
    related_links = SERVICE_LINKS
    model = Sector
    filterset = SectorFilterSet
    columns = [Column("label_nb", order_by="name", link=True), Column("label_nn"), Column("label_en")]


class KostraFunctionViews(ModelViews):
    related_links = SERVICE_LINKS
    model = KostraFunction
    filterset = KostraFunctionFilterSet
    columns = [Column("code", order_by="code", link=True), Column("label_nb"), Column("label_nn"), Column("label_en")]


class ServiceTemplateViews(ModelViews):
    related_links = SERVICE_LINKS
    model = ServiceTemplate
    filterset = ServiceTemplateFilterSet
    columns = [
        Column("label_nb", order_by="name", link=True),
        Column("sector"),
        Column("kostra_function", order_by="kostra"),
    ]
    list_select_related = ("sector", "kostra_function")
    detail_select_related = ("sector", "kostra_function")


@login_required
def adopt_services(request):
    """Adopt common services from the shared list (Kommune-Los) into the current organisation, by sector."""
    organization = request.organization
    if organization is None or not Service.policy.can(request.user, Action.ADD, organization=organization):
        raise PermissionDenied
    adopted = services.adopted_templates(organization)
    form = AdoptServicesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.adopt(organization, form.cleaned_data["templates"], request.user)
        messages.success(
            request,
            ngettext("Adopted %(count)s service.", "Adopted %(count)s services.", len(created))
            % {"count": len(created)},
        )
        return HttpResponseRedirect(reverse("portfolio:service_list"))
    sectors = {}
    for template in ServiceTemplate.objects.select_related("sector", "kostra_function"):
        sectors.setdefault(template.sector, []).append(template)
    return render(
        request,
        "portfolio/adopt_services.html",
        {"form": form, "sectors": sorted(sectors.items(), key=lambda item: item[0].label), "adopted": adopted},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def confirm_review(request, pk):
    """“Still correct”: the owner confirms the system's facts with one click (recorded in history)."""
    system = get_object_or_404(System.objects.restrict(request.user, Action.CHANGE), pk=pk)
    before = history.snapshot(system)
    system.last_reviewed = timezone.localdate()
    history.save(system, request.user, before=before, message=_("Confirmed that the facts are correct"))
    messages.success(request, _("Thank you: “%(system)s” is confirmed as correct.") % {"system": system})
    return HttpResponseRedirect(safe_next(request) or system.get_absolute_url())


@login_required
def home(request):
    """The organisation's front page: the register at a glance."""
    systems = SystemViews.queryset(request)
    summary = systems.aggregate(
        total=Count("pk"),
        in_use=Count("pk", filter=Q(lifecycle=Lifecycle.IN_USE)),
        critical=Count("pk", filter=Q(criticality=Criticality.CRITICAL)),
        without_owner=Count("pk", filter=Q(owner__isnull=True) & ~Q(lifecycle=Lifecycle.RETIRED)),
        personal_data=Count("pk", filter=Q(personal_data=True)),
        annual_cost=Sum("annual_cost"),
    )
    mine = systems.filter(Q(owner=request.user) | Q(responsible=request.user)).select_related("product")[:20]
    return render(
        request, "home.html", {"summary": summary, "my_systems": mine, "may_add_system": SystemViews.may_add(request)}
    )
