"""What one person answers for in an organisation, and what needs their attention: the parts of the
"My responsibilities" page (its sections, reports/ui.py) and of its API."""

from django.db.models import Q

from orden.core import completeness
from orden.organizations.models import Unit
from orden.portfolio import reviews
from orden.portfolio.models import Service, System


def systems_of(user, organization) -> dict:
    """Systems they own or administer, each with its missing facts and whether a confirmation is due."""
    systems = (
        System.objects.restrict(user)
        .filter(organization=organization)
        .filter(Q(owner=user) | Q(responsible=user))
        .select_related("product")
    )
    due = set(reviews.overdue(systems, organization).values_list("pk", flat=True))
    rows = [
        (system, completeness.gaps_of(system), system.pk in due)
        for system in completeness.annotate_gaps(systems).order_by("name")
    ]
    return {
        "systems": rows,
        "overdue_count": len(due),
        "gap_count": sum(1 for _system, gaps, _due in rows if gaps),
    }


def services_of(user, organization) -> dict:
    services = Service.objects.restrict(user).filter(organization=organization, process_owner=user)
    return {"services": services.select_related("responsible_unit")}


def units_of(user, organization) -> dict:
    return {"units": Unit.objects.restrict(user).filter(organization=organization, leader=user)}


def responsibilities_of(user, organization) -> dict:
    """Everything above at once (the API's answer)."""
    return {**systems_of(user, organization), **services_of(user, organization), **units_of(user, organization)}
