"""The report pages: the dashboard and "My responsibilities" (composed of registered sections), and the
services × systems map."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orden.core import registry
from orden.core.forms import OrdenFormMixin
from orden.core.tables import spreadsheet_response
from orden.core.views import sections
from orden.organizations.models import Unit
from orden.portfolio.models import Sector, Service, SystemRole

from . import matrix as service_matrix


@login_required
def dashboard(request):
    """The organisation at a glance: the sections apps registered for the dashboard (``registry.dashboard``)."""
    organization = request.organization
    found = sections(registry.dashboard, request) if organization is not None else []
    return render(request, "reports/dashboard.html", {"organization": organization, "sections": found})


@login_required
def responsibilities(request):
    """What the user owns or leads in the current organisation: the sections of ``registry.responsibilities``."""
    found = sections(registry.responsibilities, request) if request.organization is not None else []
    return render(request, "reports/responsibilities.html", {"sections": found})


class MatrixFilterForm(OrdenFormMixin, forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=gettext_lazy("Unit"))
    sector = forms.ModelChoiceField(queryset=Sector.objects.all(), required=False, label=gettext_lazy("Sector"))

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.restrict(request.user).filter(organization=request.organization)
        # Only the sectors the organisation has services in.
        services = Service.objects.restrict(request.user).filter(organization=request.organization)
        self.fields["sector"].queryset = Sector.objects.filter(services__in=services).distinct()
        self.style_fields()


def matrix_filtered(request) -> bool:
    """Did the user choose the map's filter (even "everything": ``?unit=&sector=``)?"""
    return "unit" in request.GET or "sector" in request.GET


@login_required
def matrix(request):
    """Services × systems for the organisation, a unit (with its sub-units) or a sector; CSV, Excel, print.

    Opened without a filter, a map too wide for one screen starts with a default filter (``matrix.build``)."""
    filtered = matrix_filtered(request)
    form = MatrixFilterForm(request.GET if filtered else None, request=request)
    unit = sector = None
    if form.is_bound and form.is_valid():
        unit, sector = form.cleaned_data["unit"], form.cleaned_data["sector"]
    organization = request.organization
    if organization:
        led = Unit.objects.restrict(request.user).filter(organization=organization, leader=request.user)
        result = service_matrix.build(
            request.user,
            organization,
            unit=unit,
            sector=sector,
            default_when_large=not filtered,
            leader_units=led.order_by("name"),
        )
    else:
        result = service_matrix.Matrix([], [], {})
    export_format = request.GET.get("export")
    if export_format in ("csv", "xlsx"):
        return export_matrix(result, export_format)
    if result.defaulted:
        form = MatrixFilterForm(initial={"unit": result.default_unit, "sector": result.default_sector}, request=request)
    per_system = result.system_totals()
    shown_unit, shown_sector = unit or result.default_unit, sector or result.default_sector
    parts = [_("%(unit)s with sub-units") % {"unit": shown_unit}] if shown_unit else []
    parts += [str(shown_sector)] if shown_sector else []
    return render(
        request,
        "reports/matrix.html",
        {
            "form": form,
            "matrix": result,
            "rows": result.rows(),
            "table_rows": matrix_table_rows(result),
            "system_totals": [per_system[system.pk] for system in result.systems],
            "link_count": len(result.cells),
            "scope": ", ".join(parts) or _("the whole organisation"),
        },
    )


def matrix_table_rows(result):
    """``[(service, cells HTML, systems)]``. The cells are built here, not in a template loop: a map has
    thousands of cells. Each cell says its role to screen readers; the visible mark comes from CSS."""
    marks = {
        role: format_html('<td class="orden-cell" data-role="{}"><span class="ds-sr-only">{}</span></td>', role, label)
        for role, label in SystemRole.choices
    }
    empty = format_html('<td class="orden-cell"><span class="ds-sr-only">{}</span></td>', _("Not linked"))
    per_service = result.service_totals()
    rows = []
    for service in result.services:
        cells = "".join(marks.get(result.roles.get((service.pk, system.pk)), empty) for system in result.systems)
        rows.append((service, mark_safe(cells), per_service[service.pk]))  # noqa: S308  (parts are escaped)
    return rows


def export_matrix(result, export_format):
    return spreadsheet_response(service_matrix.export_rows(result), _("service-system-matrix"), export_format)
