"""The report pages: the dashboard and "My responsibilities" (composed of registered sections), and the
services × systems map."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orden.core import registry
from orden.core.forms import OrdenFormMixin
from orden.core.tables import spreadsheet_response
from orden.core.views import sections
from orden.organizations.models import Unit
from orden.portfolio.models import Sector

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
        self.style_fields()


@login_required
def matrix(request):
    """Services × systems for the organisation, a unit (with its sub-units) or a sector; CSV, Excel, print."""
    form = MatrixFilterForm(request.GET or None, request=request)
    unit = sector = None
    if form.is_bound and form.is_valid():
        unit, sector = form.cleaned_data["unit"], form.cleaned_data["sector"]
    result = (
        service_matrix.build(request.user, request.organization, unit=unit, sector=sector)
        if (request.organization)
        else service_matrix.Matrix([], [], {})
    )
    export_format = request.GET.get("export")
    if export_format in ("csv", "xlsx"):
        return export_matrix(result, export_format)
    return render(request, "reports/matrix.html", {"form": form, "matrix": result, "rows": result.rows()})


def export_matrix(result, export_format):
    return spreadsheet_response(service_matrix.export_rows(result), _("service-system-matrix"), export_format)
