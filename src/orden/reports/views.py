from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orden.core import completeness
from orden.core.forms import OrdenFormMixin
from orden.core.tables import spreadsheet_response
from orden.organizations.models import Unit
from orden.portfolio import reviews
from orden.portfolio.models import Sector
from orden.portfolio.views import SystemViews

from . import matrix as service_matrix
from .models import CompletenessSnapshot
from .responsibilities import responsibilities_of


@login_required
def dashboard(request):
    """The organisation's completeness score, its trend, the worst gaps and overdue reviews."""
    organization = request.organization
    context = {"organization": organization}
    if organization is not None:
        systems = SystemViews.queryset(request)
        context.update(
            summary=completeness.summary(systems),
            trend=list(CompletenessSnapshot.objects.restrict(request.user).filter(organization=organization)[:12]),
            worst=[(system, completeness.gaps_of(system)) for system in completeness.worst_rows(systems, 10)],
            overdue=reviews.overdue(systems, organization).select_related("owner").order_by("last_reviewed", "name"),
            interval=organization.review_interval_months,
        )
        context["trend_start"] = context["trend"][-1] if context["trend"] else None
        context["overdue_count"] = context["overdue"].count()
        context["overdue"] = context["overdue"][:20]
    return render(request, "reports/dashboard.html", context)


@login_required
def responsibilities(request):
    """What the user owns or leads in the current organisation, and what needs their attention."""
    context = responsibilities_of(request.user, request.organization) if request.organization else {}
    return render(request, "reports/responsibilities.html", context)


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
