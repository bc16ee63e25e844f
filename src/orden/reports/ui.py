"""What the reports add to the menu, and the sections of the dashboard and of "My responsibilities"."""

from django.utils.translation import gettext_lazy as _

from orden.core import completeness
from orden.core.registry import MenuItem, Section, dashboard, menu, responsibilities
from orden.portfolio import reviews
from orden.portfolio.models import System
from orden.portfolio.views import SystemViews

from .models import CompletenessSnapshot
from .responsibilities import services_of, systems_of, units_of

menu.register(MenuItem(_("Dashboard"), "reports:dashboard", weight=10, model=System))
menu.register(MenuItem(_("Service map"), "reports:service_matrix", weight=50, model=System))
menu.register(
    MenuItem(
        _("My responsibilities"),
        "reports:responsibilities",
        weight=70,
        visible=lambda request: request.organization is not None,
    )
)


def completeness_context(request):
    """The score, its daily trend and the gaps, worst first."""
    trend = list(CompletenessSnapshot.objects.restrict(request.user).filter(organization=request.organization)[:12])
    return {
        "summary": completeness.summary(SystemViews.queryset(request)),
        "trend": trend,
        "trend_start": trend[-1] if trend else None,
    }


def worst_context(request):
    systems = SystemViews.queryset(request)
    return {"worst": [(system, completeness.gaps_of(system)) for system in completeness.worst_rows(systems, 10)]}


def overdue_context(request):
    organization = request.organization
    overdue = reviews.overdue(SystemViews.queryset(request), organization)
    return {
        "overdue_count": overdue.count(),
        "overdue": overdue.select_related("owner").order_by("last_reviewed", "name")[:20],
        "interval": organization.review_interval_months,
    }


dashboard.register(Section("completeness", "reports/sections/completeness.html", completeness_context, weight=10))
dashboard.register(Section("worst", "reports/sections/worst.html", worst_context, weight=20))
dashboard.register(Section("overdue", "reports/sections/overdue.html", overdue_context, weight=30))

responsibilities.register(
    Section("systems", "reports/sections/my_systems.html", lambda r: systems_of(r.user, r.organization), weight=10)
)
responsibilities.register(
    Section("services", "reports/sections/my_services.html", lambda r: services_of(r.user, r.organization), weight=20)
)
responsibilities.register(
    Section("units", "reports/sections/my_units.html", lambda r: units_of(r.user, r.organization), weight=30)
)
