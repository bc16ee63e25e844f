"""What one person answers for in an organisation, and what needs their attention."""

from django.db.models import Q

from orden.core import completeness
from orden.organizations.models import Unit
from orden.portfolio import reviews
from orden.portfolio.models import Service, System


def responsibilities_of(user, organization) -> dict:
    """Systems they own or administer (with missing facts and whether a review is due), services they own,
    units they lead."""
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
        "services": Service.objects.restrict(user)
        .filter(organization=organization, process_owner=user)
        .select_related("responsible_unit"),
        "units": Unit.objects.restrict(user).filter(organization=organization, leader=user),
        "overdue_count": len(due),
        "gap_count": sum(1 for _system, gaps, _due in rows if gaps),
    }
